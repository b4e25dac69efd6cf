/*
 * lsh — the story index: leader sketches found by LSH banding (lsh.h).
 *
 * Stories are numbered from 1 in insertion order (seq) and held in a
 * ring; the oldest alive is `base`, so a story is alive when its seq is at
 * least `base`. Each band has an open-addressing table from band key to
 * the newest story with that key; per ring place and band, a link tells
 * how many stories back the next older story with the same key is. Ageing
 * moves `base` only: a chain is walked newest first and ends at the first
 * dead story, and the tables are resized, their living slots moved over,
 * once dead keys fill them.
 *
 * What a lookup reads at random (table slots, links, the low nibbles of
 * candidates) is kept in a few large blocks, apart from the stories'
 * sketches, and those blocks are asked for in huge pages: on a virtual
 * machine a TLB miss costs several memory reads, and a lookup makes a
 * hundred or more of them in small pages.
 */
#include <assert.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "wire/core/err.h"
#include "wire/core/hash.h"
#include "wire/dedup/lsh.h"

#define MINI (SIG_BINS / 2)   /* bytes of a sketch's low nibbles */

struct story {
	struct sig s;
	long day;
	char *id;
	size_t len;
};

/*
 * A band key's newest story, in 8 bytes. Band keys are 32-bit hashes of
 * the band's bins: two bands that differ and hash alike are taken for one,
 * which at worst shows a lookup one more candidate to compare in full
 * (about once in 2^32 key comparisons). The seq is kept as its low 32
 * bits (slot_seq): the stories alive are far fewer than 2^32, and a slot
 * of a dead story is dropped at the next resize; it could be misread only
 * if 2^32 stories were added before that resize, none with a new key.
 */
struct slot {
	uint32_t key;          /* 0: free */
	uint32_t s0;
};

struct table {
	struct slot *v;
	size_t cap, used;      /* used: slots taken, dead keys included */
};

/* Per ring place, apart from the stories, so that a story met again in a
 * chain, or too unlike to be the answer, costs no miss on its sketch. */
struct peek {
	uint64_t stamp;        /* the last query that looked at the story */
	uint32_t n;            /* its shingle count (sig.n) */
	uint32_t unused;
};

/*
 * Stories (with their ids) are laid end to end in chunks of CHUNK bytes
 * mapped in huge pages, not malloc'd one by one: on a virtual machine a
 * fault of a small page costs some 12 microseconds, and a story a sixth
 * of one. Stories are forgotten oldest first, so a chunk goes back whole
 * once its newest story is forgotten.
 */
#define CHUNK ((size_t)2 << 20)

struct chunk {
	char *p;
	size_t size, used;
	uint64_t last;         /* the seq of its newest story */
};

struct lsh {
	struct lsh_opts o;
	struct chunk *chunk;   /* chunk[chunk0 .. nchunk): alive, oldest first */
	size_t chunk0, nchunk, achunk;
	struct story **ring;
	struct peek *peek;     /* per ring place */
	uint8_t *mini;         /* per ring place, MINI bytes: the low nibble
	                          of each bin (equal bins have equal nibbles) */
	uint32_t *link;        /* per ring place, `bands` links: the next older
	                          story with the same band key is that many
	                          seqs back (0: none) */
	size_t cap;            /* power of two */
	uint64_t base, top;    /* alive: base <= seq < top; seq starts at 1 */
	struct table *t;       /* one per band */
	struct slot *slab;     /* the slots of all the tables, one block */
	uint64_t query;
	size_t bytes;          /* stories and ids */
	uint32_t *keys;        /* scratch: the band keys of one sketch */
	uint64_t *heads;       /* scratch: the story each chain walk is at */
	unsigned *walk;        /* scratch: the band of each chain walk */
	int keyed;             /* they are the keys of the bins in keyed_v */
	uint32_t found_n;      /* sig.n of the sketch lsh_find last returned */
	uint32_t keyed_v[SIG_BINS];
};

/* Per ring place: the ring pointer, peek, low nibbles and links. */
static size_t place_size(const struct lsh *x)
{
	return sizeof(struct story *) + sizeof(struct peek) + MINI +
	       x->o.bands * sizeof(uint32_t);
}

/*
 * The bytes mapped for a block of `bytes`: from 512 KB, whole huge pages
 * (2 MB), so that it takes one fault of a huge page where it would take
 * 128 to 512 faults of small pages (about 12 us each on a virtual
 * machine); below, as asked.
 */
static size_t block_size(size_t bytes)
{
	const size_t huge = (size_t)2 << 20;

	if (bytes >= huge / 4)
		return (bytes + huge - 1) & ~(huge - 1);
	return bytes ? bytes : 1;
}

/*
 * A block of `bytes` zeroed, mapped anew (the kernel's zero pages: no
 * memset, no touching what is never read), asked for in huge pages where
 * the system has them, so that a lookup costs fewer TLB misses and the
 * block fewer page faults. block_free() gives it back.
 */
static void *block_new(size_t bytes)
{
	size_t n = block_size(bytes);
	void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		err_die("out of memory (%zu bytes for the story index)", bytes);
#ifdef MADV_HUGEPAGE
	if (n >= (size_t)2 << 20)
		madvise(p, n, MADV_HUGEPAGE);
#endif
	return p;
}

static void block_free(void *p, size_t bytes)
{
	if (p)
		munmap(p, block_size(bytes));
}

struct lsh *lsh_new(const struct lsh_opts *o)
{
	struct lsh *x = xcalloc(1, sizeof(*x));

	assert(o->bands >= 1 && o->rows >= 1 && o->bands * o->rows <= SIG_BINS);
	x->o = *o;
	x->cap = 1024;
	x->ring = xcalloc(x->cap, sizeof(*x->ring));
	x->peek = xcalloc(x->cap, sizeof(*x->peek));
	x->mini = block_new(x->cap * MINI);
	x->link = block_new(x->cap * o->bands * sizeof(*x->link));
	x->base = x->top = 1;
	x->t = xcalloc(o->bands, sizeof(*x->t));
	x->keys = xcalloc(o->bands, sizeof(*x->keys));
	x->heads = xcalloc(o->bands, sizeof(*x->heads));
	x->walk = xcalloc(o->bands, sizeof(*x->walk));
	return x;
}

/* The seq whose low 32 bits are `s0`: the newest one not after the newest story. */
static uint64_t slot_seq(const struct lsh *x, uint32_t s0)
{
	return x->top - 1 - (uint32_t)((uint32_t)(x->top - 1) - s0);
}

static struct story *story_at(const struct lsh *x, uint64_t seq)
{
	return x->ring[seq & (x->cap - 1)];
}

/* Room for story `seq` of `bytes` bytes, 16-byte aligned. */
static void *story_room(struct lsh *x, size_t bytes, uint64_t seq)
{
	bytes = (bytes + 15) & ~(size_t)15;
	struct chunk *c = x->nchunk > x->chunk0 ? &x->chunk[x->nchunk - 1] : NULL;
	if (!c || c->size - c->used < bytes) {
		if (x->chunk0 && x->nchunk == x->achunk) {
			/* slide the living chunks to the front */
			memmove(x->chunk, x->chunk + x->chunk0,
				(x->nchunk - x->chunk0) * sizeof(*x->chunk));
			x->nchunk -= x->chunk0;
			x->chunk0 = 0;
		}
		if (x->nchunk == x->achunk) {
			x->achunk = x->achunk ? 2 * x->achunk : 16;
			x->chunk = xrealloc(x->chunk, x->achunk * sizeof(*x->chunk));
		}
		c = &x->chunk[x->nchunk++];
		c->size = bytes > CHUNK ? bytes : CHUNK;
		c->p = block_new(c->size);
		c->used = 0;
	}
	void *p = c->p + c->used;
	c->used += bytes;
	c->last = seq;
	return p;
}

/* Gives back the chunks whose stories are all forgotten. */
static void chunks_age(struct lsh *x)
{
	while (x->chunk0 < x->nchunk && x->chunk[x->chunk0].last < x->base) {
		block_free(x->chunk[x->chunk0].p, x->chunk[x->chunk0].size);
		x->chunk0++;
	}
}

void lsh_free(struct lsh *x)
{
	if (!x)
		return;
	for (size_t i = x->chunk0; i < x->nchunk; i++)
		block_free(x->chunk[i].p, x->chunk[i].size);
	free(x->chunk);
	block_free(x->slab, x->o.bands * (x->t[0].cap * sizeof(struct slot)));
	free(x->t);
	free(x->ring);
	free(x->peek);
	block_free(x->mini, x->cap * MINI);
	block_free(x->link, x->cap * x->o.bands * sizeof(*x->link));
	free(x->keys);
	free(x->heads);
	free(x->walk);
	free(x);
}

void lsh_keys(const struct lsh_opts *o, const struct sig *s, uint32_t *keys)
{
	const unsigned bands = o->bands, rows = o->rows;
	const uint32_t *v = s->v;

	if (rows == 2) {
		/* the default, unrolled (the same keys) */
		for (unsigned b = 0; b < bands; b++, v += 2) {
			uint64_t h = (uint64_t)(b + 1) * 0x9E3779B97F4A7C15ULL;
			h = (h ^ v[0]) * 0xff51afd7ed558ccdULL;
			h = (h ^ v[1]) * 0xff51afd7ed558ccdULL;
			uint32_t k = (uint32_t)(h ^ h >> 32);
			keys[b] = k ? k : 1;
		}
	} else {
		for (unsigned b = 0; b < bands; b++, v += rows) {
			uint64_t h = (uint64_t)(b + 1) * 0x9E3779B97F4A7C15ULL;
			for (unsigned r = 0; r < rows; r++)
				h = (h ^ v[r]) * 0xff51afd7ed558ccdULL;
			uint32_t k = (uint32_t)(h ^ h >> 32);
			keys[b] = k ? k : 1;
		}
	}
}

/* The keys of the bands of `s`, into x->keys. A key never is 0. */
static void band_keys(struct lsh *x, const struct sig *s)
{
	lsh_keys(&x->o, s, x->keys);
	x->keyed = 0;
}

/* The slot of `key` in `t`: where it is, or the free slot it would take. */
static struct slot *table_slot(const struct table *t, uint32_t key)
{
	size_t m = t->cap - 1, i = (size_t)key & m;

	while (t->v[i].key && t->v[i].key != key)
		i = (i + 1) & m;
	return &t->v[i];
}

/* Makes story `seq` the newest with `key`; *link: how many seqs back the
 * one before it is (0: none, or too far back to be alive). */
static void table_put(const struct lsh *x, struct table *t, uint32_t key, uint64_t seq,
		      uint32_t *link)
{
	struct slot *sl = table_slot(t, key);

	if (!sl->key) {
		t->used++;
		sl->key = key;
		*link = 0;
	} else {
		uint64_t d = seq - slot_seq(x, sl->s0);
		*link = d <= UINT32_MAX ? (uint32_t)d : 0;
	}
	sl->s0 = (uint32_t)seq;
}


/*
 * Resizes every table to a capacity that fits the living stories with room
 * to grow, moving the slots of living keys over. The stories are not read:
 * a slot holds the newest story of its key and that story's chain links
 * stay valid (a link to a dead story ends the walk as a 0 would).
 */
static void rebuild(struct lsh *x)
{
	size_t live = (size_t)(x->top - x->base), cap = 64;

	while (cap < 4 * (live + 1))
		cap *= 2;
	size_t old = x->o.bands * x->t[0].cap * sizeof(struct slot);
	struct slot *slab = block_new(x->o.bands * cap * sizeof(struct slot));
	for (unsigned b = 0; b < x->o.bands; b++) {
		struct table *t = &x->t[b], n = { slab + b * cap, cap, 0 };
		for (size_t i = 0; i < t->cap; i++) {
			const struct slot *o = &t->v[i];
			if (!o->key || slot_seq(x, o->s0) < x->base)
				continue;
			size_t m = cap - 1, j = (size_t)o->key & m;
			while (n.v[j].key)
				j = (j + 1) & m;
			n.v[j] = *o;
			n.used++;
		}
		x->bytes -= t->cap * sizeof(struct slot);
		*t = n;
		x->bytes += cap * sizeof(struct slot);
	}
	block_free(x->slab, old);
	x->slab = slab;
}

double lsh_similarity(enum lsh_measure m, const struct sig *a, const struct sig *b)
{
	double j = sig_jaccard(a, b);

	return m == LSH_CONTAINMENT ? sig_containment(a, b, j) : j;
}

/* Equal nibbles of two MINI-byte arrays (SIG_BINS nibbles). */
static unsigned mini_equal(const uint8_t *a, const uint8_t *b)
{
#if defined(__SSE2__)
	const __m128i lo = _mm_set1_epi8(0x0f), hi = _mm_set1_epi8((char)0xf0);
	const __m128i z = _mm_setzero_si128();
	__m128i n = z;             /* per byte lane: equal nibbles (at most 8) */
	for (unsigned i = 0; i < MINI; i += 16) {
		__m128i d = _mm_xor_si128(_mm_loadu_si128((const __m128i *)(a + i)),
					  _mm_loadu_si128((const __m128i *)(b + i)));
		n = _mm_sub_epi8(n, _mm_cmpeq_epi8(_mm_and_si128(d, lo), z));
		n = _mm_sub_epi8(n, _mm_cmpeq_epi8(_mm_and_si128(d, hi), z));
	}
	n = _mm_sad_epu8(n, z);
	return (unsigned)(_mm_cvtsi128_si32(n) + _mm_extract_epi16(n, 4));
#else
	unsigned eq = 0;
	for (unsigned i = 0; i < MINI; i++) {
		unsigned d = a[i] ^ b[i];
		eq += !(d & 15) + !(d >> 4);
	}
	return eq;
#endif
}

/* The low nibbles of the bins of `s`, two a byte. */
static void mini_of(const struct sig *s, uint8_t *m)
{
	for (unsigned i = 0; i < MINI; i++)
		m[i] = (uint8_t)((s->v[2 * i] & 15) | (s->v[2 * i + 1] & 15) << 4);
}

/*
 * Can `eq` equal bins (of sketches of na and nb shingles) give a
 * similarity of `floor` or more? lsh_similarity grows with the equal bins
 * (j = eq / SIG_BINS; containment j (na + nb) / (1 + j) / min(na, nb),
 * at most 1, for floor <= 1); the test is made without dividing, with a
 * margin far above rounding, so it never says no where the value in full
 * would reach `floor`: it only spares comparing a sketch in full.
 */
static int may_reach(enum lsh_measure m, unsigned eq, uint32_t na, uint32_t nb, double floor)
{
	const double margin = 1 - 1e-9;

	if (m != LSH_CONTAINMENT)
		return eq >= floor * SIG_BINS * margin;
	double lo = na < nb ? na : nb;
	return eq * ((double)na + nb) >= floor * (SIG_BINS + eq) * lo * margin;
}

/* Asks for what a visit of story `q` in band `b`'s chain reads. */
static void prefetch_place(const struct lsh *x, uint64_t q, unsigned b)
{
	size_t i = q & (x->cap - 1);

	__builtin_prefetch(&x->link[i * x->o.bands + b]);
	__builtin_prefetch(&x->peek[i]);
	__builtin_prefetch(&x->mini[i * MINI]);
}

/*
 * A candidate is first compared by the low nibbles of its bins, kept apart
 * from the stories (a bin equal in full is equal in its low nibble, so the
 * count bounds the equal bins from above): when even that bound cannot
 * reach the threshold, or the best so far, its sketch is not read. The
 * answer is the same as comparing every candidate in full.
 */
const char *lsh_find(struct lsh *x, const struct sig *s, size_t *len, double *sim)
{
	return lsh_find_keyed(x, s, NULL, len, sim);
}

const char *lsh_find_keyed(struct lsh *x, const struct sig *s, const uint32_t *keys, size_t *len,
			   double *sim)
{
	uint8_t mini[MINI];
	const size_t mask = x->cap - 1;

	struct story *best = NULL;
	uint64_t best_seq = 0;
	double best_sim = -1;

	if (x->top == x->base || !x->t[0].cap)
		return NULL;
	x->query++;
	if (keys)
		memcpy(x->keys, keys, x->o.bands * sizeof(*keys));
	else
		band_keys(x, s);
	memcpy(x->keyed_v, s->v, sizeof(s->v));
	x->keyed = 1;
	mini_of(s, mini);
	/* the slots of the bands are far apart: ask for them all first */
	for (unsigned b = 0; b < x->o.bands; b++)
		__builtin_prefetch(&x->t[b].v[(size_t)x->keys[b] & (x->t[b].cap - 1)]);
	unsigned live = 0;
	for (unsigned b = 0; b < x->o.bands; b++) {
		const struct slot *sl = table_slot(&x->t[b], x->keys[b]);
		if (!sl->key)
			continue;
		uint64_t q = slot_seq(x, sl->s0);
		if (q >= x->base) {
			x->heads[live] = q;
			x->walk[live++] = b;
			prefetch_place(x, q, b);
		}
	}
	/*
	 * The chains are walked a step of every band at a time, so that the
	 * misses of one step (the next links, the low nibbles of candidates)
	 * are asked for together instead of one after another; the answer
	 * does not depend on the order (see above).
	 */
	for (unsigned walked = 0; live && walked < LSH_MAX_CHAIN; walked++) {
		unsigned kept = 0;
		for (unsigned i = 0; i < live; i++) {
			uint64_t q = x->heads[i];
			unsigned b = x->walk[i];
			struct peek *pk = &x->peek[q & mask];
			if (pk->stamp != x->query) {
				pk->stamp = x->query;
				double floor = best_sim > x->o.threshold ? best_sim : x->o.threshold;
				unsigned up = mini_equal(mini, &x->mini[(q & mask) * MINI]);
				if (may_reach(x->o.measure, up, s->n, pk->n, floor)) {
					struct story *st = story_at(x, q);
					double v = lsh_similarity(x->o.measure, s, &st->s);
					/* the best; on a tie, the older story */
					if (v >= x->o.threshold &&
					    (v > best_sim || (v == best_sim && q < best_seq)) &&
					    sig_figures(s, &st->s) >= x->o.figures) {
						best = st;
						best_seq = q;
						best_sim = v;
					}
				}
			}
			uint32_t d = x->link[(q & mask) * x->o.bands + b];
			if (d && q - d >= x->base) {
				x->heads[kept] = q - d;
				x->walk[kept++] = b;
				prefetch_place(x, q - d, b);
			}
		}
		live = kept;
	}
	if (!best)
		return NULL;
	*len = best->len;
	*sim = best_sim;
	x->found_n = best->s.n;
	return best->id;
}

void lsh_add(struct lsh *x, const struct sig *s, const char *id, size_t len, long day)
{
	if (x->top - x->base == x->cap) {
		const unsigned nb = x->o.bands;
		struct story **r = xcalloc(2 * x->cap, sizeof(*r));
		struct peek *pk = xcalloc(2 * x->cap, sizeof(*pk));
		uint8_t *mi = block_new(2 * x->cap * MINI);
		uint32_t *li = block_new(2 * x->cap * nb * sizeof(*li));
		for (uint64_t q = x->base; q < x->top; q++) {
			size_t i = q & (2 * x->cap - 1), o = q & (x->cap - 1);
			r[i] = x->ring[o];
			pk[i] = x->peek[o];
			memcpy(mi + i * MINI, x->mini + o * MINI, MINI);
			memcpy(li + i * nb, x->link + o * nb, nb * sizeof(*li));
		}
		free(x->ring);
		free(x->peek);
		block_free(x->mini, x->cap * MINI);
		block_free(x->link, x->cap * nb * sizeof(*x->link));
		x->ring = r;
		x->peek = pk;
		x->mini = mi;
		x->link = li;
		x->cap *= 2;
	}
	uint64_t seq = x->top++;
	struct story *st = story_room(x, sizeof(*st) + len + 1, seq);
	st->s = *s;
	st->day = day;
	st->id = (char *)(st + 1);
	memcpy(st->id, id, len);
	st->id[len] = 0;
	st->len = len;
	x->ring[seq & (x->cap - 1)] = st;
	x->peek[seq & (x->cap - 1)] = (struct peek){ 0, s->n, 0 };
	mini_of(s, &x->mini[(seq & (x->cap - 1)) * MINI]);
	x->bytes += sizeof(*st) + len + 1;
	/* every table at most half full, dead keys counted */
	size_t used = 0;
	for (unsigned b = 0; b < x->o.bands; b++)
		if (x->t[b].used > used)
			used = x->t[b].used;
	if (!x->t[0].cap || 2 * (used + 1) > x->t[0].cap)
		rebuild(x);
	/* the keys of lsh_find, when it was given these bins (the usual
	 * order: find, then add what was not found) */
	if (!x->keyed || memcmp(x->keyed_v, s->v, sizeof(s->v)))
		band_keys(x, s);
	for (unsigned b = 0; b < x->o.bands; b++)
		__builtin_prefetch(&x->t[b].v[(size_t)x->keys[b] & (x->t[b].cap - 1)], 1);
	for (unsigned b = 0; b < x->o.bands; b++)
		table_put(x, &x->t[b], x->keys[b], seq, &x->link[(seq & (x->cap - 1)) * x->o.bands + b]);
	x->keyed = 0;
}

/* The bytes `live` stories take, tables at their usual load counted. */
static size_t budget(const struct lsh *x, size_t live)
{
	return live * (sizeof(struct story) + 16 + place_size(x) +
		       4 * x->o.bands * sizeof(struct slot));
}

void lsh_age(struct lsh *x, long min_day, size_t max_bytes)
{
	size_t gone = 0;

	while (x->base < x->top) {
		struct story *st = story_at(x, x->base);
		if (!(st->day < min_day || (max_bytes && budget(x, lsh_count(x)) > max_bytes)))
			break;
		x->bytes -= sizeof(*st) + st->len + 1;
		x->ring[x->base & (x->cap - 1)] = NULL;
		x->base++;
		gone++;
	}
	if (gone)
		chunks_age(x);
	/* tables far larger than the stories left: shrink them */
	if (gone && x->t[0].cap > 64 && x->t[0].cap > 16 * (lsh_count(x) + 1))
		rebuild(x);
}

uint32_t lsh_found_n(const struct lsh *x)
{
	return x->found_n;
}

size_t lsh_count(const struct lsh *x)
{
	return (size_t)(x->top - x->base);
}

size_t lsh_bytes(const struct lsh *x)
{
	return sizeof(*x) + x->bytes + x->cap * place_size(x);
}
