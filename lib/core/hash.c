/*
 * hash — the out-of-line hashes of hash.h.
 */
#include <string.h>

#include "wire/core/hash.h"

static inline uint64_t rd64(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

static inline uint64_t mix(uint64_t a, uint64_t b)
{
	/* 64x64 -> 128 multiply folded, as in wyhash */
	__extension__ typedef unsigned __int128 u128;
	u128 r = (u128)a * b;
	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

uint64_t hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	const uint64_t k0 = 0xa0761d6478bd642fULL, k1 = 0xe7037ed1a0b428dbULL,
		       k2 = 0x8ebc6af09c88c6e3ULL;
	uint64_t h = k0 ^ (n * k1);

	while (n >= 16) {
		h = mix(rd64(s) ^ k1, rd64(s + 8) ^ h);
		s += 16;
		n -= 16;
	}
	uint64_t a = 0, b = 0;
	if (n >= 8) {
		a = rd64(s);
		b = n > 8 ? rd64(s + n - 8) >> (8 * (16 - n)) : 0;
	} else if (n > 0) {
		for (size_t i = 0; i < n; i++)
			a |= (uint64_t)s[i] << (8 * i);
	}
	h = mix(a ^ k1, b ^ h ^ k2);
	return hash_fmix64(h);
}
