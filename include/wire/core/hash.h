#ifndef WIRE_HASH_H
#define WIRE_HASH_H
/*
 * hash — the hashes every module shares, one implementation each.
 *
 * hash_fnv1a: 64-bit FNV-1a, the stable hash of model files (NER features,
 * gazetteer words, topic features) and of small lookup tables. Model files
 * depend on its values, so it never changes. hash_fnv1a_step adds one byte,
 * for callers that hash while they copy or fold.
 *
 * hash_fmix64: the 64-bit finaliser of MurmurHash3: every output bit
 * depends on every input bit. Topic features end FNV-1a with it; also
 * stable.
 *
 * hash_bytes: a fast 64-bit hash of long keys (wyhash-style, 16 bytes a
 * step) for the general hash table (htab) and HyperLogLog; the distinct
 * estimates depend on it, so it does not change either.
 */
#include <stddef.h>
#include <stdint.h>

#define HASH_FNV_BASIS 0xcbf29ce484222325ULL
#define HASH_FNV_PRIME 0x100000001b3ULL

/* FNV-1a: h extended by byte c. Start from HASH_FNV_BASIS. */
static inline uint64_t hash_fnv1a_step(uint64_t h, unsigned char c)
{
	return (h ^ c) * HASH_FNV_PRIME;
}

/* FNV-1a of p[0..n). */
static inline uint64_t hash_fnv1a(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = HASH_FNV_BASIS;

	for (size_t i = 0; i < n; i++)
		h = hash_fnv1a_step(h, s[i]);
	return h;
}

static inline uint64_t hash_fmix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

/* A 64-bit hash of p[0..n), good enough for HyperLogLog too. */
uint64_t hash_bytes(const void *p, size_t n);

#endif
