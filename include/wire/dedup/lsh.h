#ifndef WIRE_LSH_H
#define WIRE_LSH_H
/*
 * lsh — the story index of wire-dedup: the sketches (sig.h) of the first
 * document of every story still in the window, found again by LSH banding.
 *
 * Each indexed sketch is cut into `bands` bands of `rows` bins; a band's
 * bins hash to a key in that band's table. A new sketch is compared with
 * the stories that share at least one band key with it (a pair of
 * resemblance J shares one with probability 1 - (1 - J^rows)^bands), and
 * the best one whose similarity reaches the threshold is its story.
 * A match must also agree on the figures (sig_figures() at least
 * `figures`), so that templated reports of other numbers stay apart.
 * The caller indexes the first document of each story (leader
 * clustering), and may index further versions of a story under the same
 * id (wire-dedup: a copy fuller than the version it matched); comparing
 * with those only, not with every copy, keeps chains (A like B like C)
 * from merging unlike stories.
 *
 * Bounds: at most LSH_MAX_CHAIN stories are looked at per band key (the
 * newest), so a key shared by a thousand templated reports costs the
 * same as one shared by a few: the work per document is bounded and the
 * whole run linear. Memory is about 1 KB per story (its sketch, id, low
 * nibbles and chain links) plus its share of the band tables (2 KB at 64
 * bands at their usual load);
 * lsh_age() forgets the oldest stories (insertion order), by date
 * (--window) or by size (--max-memory).
 *
 * Ownership: the index copies what it is given; the id lsh_find returns
 * is borrowed and valid until the next lsh_add or lsh_age.
 */
#include <stddef.h>
#include <stdint.h>

#include "wire/dedup/sig.h"

#define LSH_MAX_CHAIN 64

enum lsh_measure {
	LSH_JACCARD,      /* estimated resemblance */
	LSH_CONTAINMENT,  /* estimated containment of the smaller in the larger */
};

struct lsh_opts {
	unsigned bands, rows;     /* bands * rows <= SIG_BINS */
	double threshold;         /* a match needs similarity >= threshold */
	double figures;           /* and sig_figures() >= figures (0: any) */
	enum lsh_measure measure;
};

struct lsh;

/* A new empty index; `o` is copied. Dies (usage) on bands * rows > SIG_BINS
 * is the caller's business: lsh_new asserts it. */
struct lsh *lsh_new(const struct lsh_opts *o);
void lsh_free(struct lsh *x);

/*
 * The story of `s`: the id (as given to lsh_add, not NUL-terminated: its
 * length in *len) of the indexed story most similar to `s` at or above
 * the threshold, with that similarity in *sim; NULL when there is none.
 */
const char *lsh_find(struct lsh *x, const struct sig *s, size_t *len, double *sim);

/* The band keys of `s` under `o` (o->bands of them) as lsh_find() takes
 * them: a function of `o` and `s` only, so that any thread may make them
 * ahead of the lookup. */
void lsh_keys(const struct lsh_opts *o, const struct sig *s, uint32_t *keys);

/* lsh_find() given the keys lsh_keys() made of `s` with the index's
 * options (NULL: made here). */
const char *lsh_find_keyed(struct lsh *x, const struct sig *s, const uint32_t *keys, size_t *len,
			   double *sim);

/* The shingle count (sig.n) of the indexed sketch of the last story
 * lsh_find returned. */
uint32_t lsh_found_n(const struct lsh *x);

/* Indexes `s` as the first document of a new story `id[0..len)` dated
 * `day` (days since 1970-01-01; any value when there is no window). */
void lsh_add(struct lsh *x, const struct sig *s, const char *id, size_t len, long day);

/* Forgets the oldest stories while their day is before `min_day` (pass
 * LONG_MIN for no date limit) or the stories left would need more than
 * `max_bytes` (0: no limit), counting each story with its share of the
 * band tables at their usual load; tables left far too large shrink. */
void lsh_age(struct lsh *x, long min_day, size_t max_bytes);

/* Stories held, and the bytes the index holds (sketches, ids, tables). */
size_t lsh_count(const struct lsh *x);
size_t lsh_bytes(const struct lsh *x);

/* The similarity of two sketches under `m`. */
double lsh_similarity(enum lsh_measure m, const struct sig *a, const struct sig *b);

#endif
