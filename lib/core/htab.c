#include <stdlib.h>
#include <string.h>

#include "wire/core/err.h"
#include "wire/core/htab.h"
#include "wire/core/hash.h"

#define BLOCK (1u << 20)

void htab_init(struct htab *t)
{
	memset(t, 0, sizeof(*t));
	t->mask = 1023;
	t->slots = xcalloc(t->mask + 1, sizeof(*t->slots));
}

/* Forgets the arena (the caller frees or reuses its blocks). */
static void arena_forget(struct htab *t)
{
	t->blocks = NULL;
	t->nblocks = 0;
	t->cur = NULL;
	t->avail = 0;
	t->arena_bytes = 0;
	t->key_bytes = 0;
}

static void free_arena(struct htab *t)
{
	for (size_t i = 0; i < t->nblocks; i++)
		free(t->blocks[i]);
	free(t->blocks);
	arena_forget(t);
}

void htab_release(struct htab *t)
{
	free_arena(t);
	free(t->slots);
	free(t->ents);
	memset(t, 0, sizeof(*t));
}

void htab_clear(struct htab *t)
{
	htab_release(t);
	htab_init(t);
}

static const char *arena_copy(struct htab *t, const void *p, size_t n)
{
	if (n > t->avail) {
		/* blocks double from 4 KB to BLOCK: a table of a few keys (a
		 * group being merged, a small set) holds 4 KB, not 1 MB */
		size_t blk = t->arena_bytes < 4096 ? 4096
			   : t->arena_bytes < BLOCK ? t->arena_bytes : BLOCK;
		int own = n > blk / 4;
		size_t sz = own ? n : blk;
		t->blocks = xrealloc(t->blocks, (t->nblocks + 1) * sizeof(*t->blocks));
		char *b = xmalloc(sz ? sz : 1);
		t->blocks[t->nblocks++] = b;
		t->arena_bytes += sz;
		if (!own) {
			t->cur = b;
			t->avail = sz;
		} else { /* a big key gets a block of its own */
			if (n)
				memcpy(b, p, n);
			t->key_bytes += n;
			return b;
		}
	}
	char *d = t->cur;
	if (n)
		memcpy(d, p, n);
	t->cur += n;
	t->avail -= n;
	t->key_bytes += n;
	return d;
}

static void place(struct htab *t, uint32_t id)
{
	uint64_t h = t->ents[id].hash;
	size_t i = (size_t)h & t->mask;

	while (t->slots[i])
		i = (i + 1) & t->mask;
	t->slots[i] = (h << 32) | (uint64_t)(id + 1);
}

static void grow_slots(struct htab *t)
{
	free(t->slots);
	t->mask = t->mask * 2 + 1;
	t->slots = xcalloc(t->mask + 1, sizeof(*t->slots));
	for (size_t id = 0; id < t->n; id++)
		place(t, (uint32_t)id);
}

long htab_find(const struct htab *t, const void *p, size_t n, uint64_t h)
{
	uint32_t h32 = (uint32_t)h;
	size_t i = h32 & t->mask;

	for (;;) {
		uint64_t s = t->slots[i];
		if (!s)
			return -1;
		if ((uint32_t)(s >> 32) == h32) {
			uint32_t id = (uint32_t)s - 1;
			const struct htab_ent *e = &t->ents[id];
			if (e->len == n && !memcmp(e->key, p, n))
				return id;
		}
		i = (i + 1) & t->mask;
	}
}

long htab_find_eq(const struct htab *t, size_t n, uint64_t h,
		  int (*eq)(const char *key, size_t n, const void *arg), const void *arg)
{
	uint32_t h32 = (uint32_t)h;
	size_t i = h32 & t->mask;

	for (;;) {
		uint64_t s = t->slots[i];
		if (!s)
			return -1;
		if ((uint32_t)(s >> 32) == h32) {
			const struct htab_ent *e = &t->ents[(uint32_t)s - 1];
			if (e->len == n && eq(e->key, n, arg))
				return (long)((uint32_t)s - 1);
		}
		i = (i + 1) & t->mask;
	}
}

uint32_t htab_intern(struct htab *t, const void *p, size_t n, uint64_t h, int *added)
{
	uint32_t h32 = (uint32_t)h;
	size_t i = h32 & t->mask;

	for (;;) {
		uint64_t s = t->slots[i];
		if (!s)
			break;
		if ((uint32_t)(s >> 32) == h32) {
			uint32_t id = (uint32_t)s - 1;
			const struct htab_ent *e = &t->ents[id];
			if (e->len == n && !memcmp(e->key, p, n)) {
				*added = 0;
				return id;
			}
		}
		i = (i + 1) & t->mask;
	}
	if (t->n >= UINT32_MAX - 1 || n > UINT32_MAX)
		err_die("too many groups or key too long");
	if (t->n == t->alloc) {
		t->alloc = t->alloc ? t->alloc + t->alloc / 2 : 1024;
		t->ents = xrealloc(t->ents, t->alloc * sizeof(*t->ents));
	}
	uint32_t id = (uint32_t)t->n++;
	t->ents[id].key = arena_copy(t, p, n);
	t->ents[id].len = (uint32_t)n;
	t->ents[id].hash = h32;
	t->slots[i] = ((uint64_t)h32 << 32) | (uint64_t)(id + 1);
	if (t->n * 2 > t->mask + 1)
		grow_slots(t);
	*added = 1;
	return id;
}

/* Removes slot `i` from a linear-probing table, shifting back followers. */
static void remove_slot(struct htab *t, size_t i)
{
	size_t j = i;

	for (;;) {
		t->slots[i] = 0;
		for (;;) {
			j = (j + 1) & t->mask;
			if (!t->slots[j])
				return;
			size_t home = (size_t)(uint32_t)(t->slots[j] >> 32) & t->mask;
			/* can slot j move to i? only if home is not in (i, j] */
			if (i <= j ? (home <= i || home > j) : (home <= i && home > j))
				break;
		}
		t->slots[i] = t->slots[j];
		i = j;
	}
}

void htab_rekey(struct htab *t, uint32_t id, const void *p, size_t n, uint64_t h)
{
	struct htab_ent *e = &t->ents[id];
	size_t i = e->hash & t->mask;

	while ((uint32_t)t->slots[i] != id + 1)
		i = (i + 1) & t->mask;
	remove_slot(t, i);
	t->key_bytes -= e->len;
	e->key = arena_copy(t, p, n);
	e->len = (uint32_t)n;
	e->hash = (uint32_t)h;
	place(t, id);
	if (t->arena_bytes > 4 * BLOCK && t->key_bytes < t->arena_bytes / 4)
		htab_compact(t);
}

void htab_compact(struct htab *t)
{
	char **old = t->blocks;
	size_t nold = t->nblocks;

	arena_forget(t);
	for (size_t id = 0; id < t->n; id++)
		t->ents[id].key = arena_copy(t, t->ents[id].key, t->ents[id].len);
	for (size_t i = 0; i < nold; i++)
		free(old[i]);
	free(old);
}

size_t htab_bytes(const struct htab *t)
{
	return (t->mask + 1) * sizeof(*t->slots) + t->alloc * sizeof(*t->ents) + t->arena_bytes;
}
