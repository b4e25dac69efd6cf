#ifndef WIRE_HTAB_H
#define WIRE_HTAB_H
/*
 * htab — the general hash table: byte strings to dense ids 0, 1, 2, ...
 * in order of first insertion. Built for group-by over millions of keys
 * (aggregate), also the string sets and maps of smaller modules (the
 * abbreviation classes of segment, the phrase nodes of gazetteer).
 *
 * Keys are copied into an arena owned by the table; the table never
 * hands out ownership. Callers keep their per-key state in arrays
 * indexed by id. Memory: 16 bytes per entry, 8 bytes per slot (load at
 * most 1/2, so 16 to 32 bytes per entry) plus the key bytes.
 *
 *	struct htab t;
 *	htab_init(&t);
 *	uint32_t id = htab_intern(&t, key, n, hash_bytes(key, n), &added);
 *	htab_key(&t, id, &len) -> the stored key
 *	htab_release(&t);
 */
#include <stddef.h>
#include <stdint.h>

#include "wire/core/hash.h"

struct htab_ent {
	const char *key; /* in the arena; not NUL-terminated */
	uint32_t len;
	uint32_t hash;   /* low 32 bits of hash_bytes */
};

struct htab {
	uint64_t *slots;        /* (hash << 32) | (id + 1); 0 = empty */
	size_t mask;            /* slot count - 1 */
	struct htab_ent *ents; /* by id */
	size_t n, alloc;
	char **blocks;          /* arena blocks */
	size_t nblocks;
	char *cur;              /* free space in the last block */
	size_t avail;
	size_t arena_bytes;     /* bytes allocated in blocks */
	size_t key_bytes;       /* bytes of live keys */
};

void htab_init(struct htab *t);
/* Frees everything; `t` must be initialised again before use. */
void htab_release(struct htab *t);
/* Empties the table (ids start again at 0) keeping some memory. */
void htab_clear(struct htab *t);

/* The id of key p[0..n), or -1. `h` is hash_bytes(p, n). */
long htab_find(const struct htab *t, const void *p, size_t n, uint64_t h);
/* As htab_find, for a key the caller holds in pieces (gazetteer's word
 * sequences): the id of the key of length n and hash h for which
 * eq(stored key, n, arg) returns nonzero, or -1. Builds nothing. */
long htab_find_eq(const struct htab *t, size_t n, uint64_t h,
		  int (*eq)(const char *key, size_t n, const void *arg), const void *arg);
/* The id of key p[0..n), adding it (copied) when absent; *added says which. */
uint32_t htab_intern(struct htab *t, const void *p, size_t n, uint64_t h, int *added);
/*
 * Gives entry `id` the new key p[0..n) (which must not be in the table):
 * the old key is removed from the index, the id stays. Used by
 * Space-Saving to recycle the smallest group. The old key's bytes stay in
 * the arena until htab_compact().
 */
void htab_rekey(struct htab *t, uint32_t id, const void *p, size_t n, uint64_t h);
/* Copies the live keys into a fresh arena, dropping the garbage of rekeys. */
void htab_compact(struct htab *t);

static inline const char *htab_key(const struct htab *t, uint32_t id, size_t *len)
{
	*len = t->ents[id].len;
	return t->ents[id].key;
}

/* Bytes of memory held by the table (slots, entries, arena). */
size_t htab_bytes(const struct htab *t);

#endif
