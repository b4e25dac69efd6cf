#ifndef WIRE_HASH_H
#define WIRE_HASH_H
/*
 * hash — the 64-bit finaliser of MurmurHash3 (fmix64): every output bit
 * depends on every input bit. Group tables and topic features end their
 * hashes with it; model files depend on it, so it never changes.
 */
#include <stdint.h>

static inline uint64_t hash_fmix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

#endif
