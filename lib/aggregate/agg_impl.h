#ifndef WIRE_AGG_IMPL_H
#define WIRE_AGG_IMPL_H
/*
 * agg_impl.h — private to lib/aggregate: the types shared by the parts of
 * wire-aggregate's engine and the functions they call across files. Every
 * name here is prefixed agg_ to stay out of the library's global names.
 *
 *   agg.c          the record loop (agg_record, agg_merge_line), finish, free
 *   spec.c         keys, reducers and options: agg_new .. agg_start
 *   value.c        numbers, key components, value lists, time buckets
 *   store.c        group stores, moving groups between stores, orders
 *   spacesaving.c  the Space-Saving heap of the approximate top groups
 *   state.c        partial state lines (--partial output, merge input)
 *   spill.c        spilling sorted runs to disk and merging them back
 *   agg_output.c   rendering groups as JSON lines, TSV or CSV
 */

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>
#include <jq.h>

#include "wire/aggregate/agg.h"
#include "wire/core/err.h"
#include "wire/dates/date.h"
#include "wire/core/expr.h"
#include "wire/core/htab.h"
#include "wire/aggregate/hll.h"
#include "wire/core/input.h"

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

/* jq errors reported one by one before only counting them */
#define MAX_REPORTED 5
/* units of exact sums: 1e-9 */
#define SCALE 1000000000LL
#define STATE_TAG "wire_aggregate_state"
#define RUN_TAG "wire_aggregate_run"

/* Key component tags, in jq's order of types. */
enum { T_NULL = 1, T_FALSE, T_TRUE, T_NUMBER, T_STRING, T_ARRAY, T_OBJECT };

struct key {
	enum agg_key_kind kind;
	char *name, *name2;  /* name2: second column of pairs */
	char *src;
	struct expr *e;      /* for `PATH | tostring`: PATH, on the fast path */
	int tostring;        /* e's values become strings, as by jq's tostring */
};

#define COLLECT_TOSTRING 2

struct red {
	enum agg_red_kind kind;
	char *name;
	char *src;
	struct expr *e;
	size_t off;          /* of its slot in a group's state */
	int set;             /* index of its exact distinct set */
};

/* One exact distinct set: (group id, value) pairs. */
struct dset {
	struct htab t;
	uint32_t *next;      /* next pair of the same group (id + 1), by pair id */
	size_t anext;
};

/* A group table and the per-group states: the store of groups. */
struct store {
	struct htab t;
	unsigned char *st;   /* stride a->stride, by group id */
	size_t ast;
	struct dset *sets;   /* one per exact distinct reducer */
	size_t hll_bytes;
	/* Space-Saving: min-heap of group ids by count */
	uint32_t *heap, *pos;
	size_t nheap;
	/* exact distinct sets hold no values, only each group's count (the
	 * groups of a finished merge, collected for the output order) */
	int counted;
};

/* Slots of a group's state (offsets from its start). */
struct sum_slot { i128 exact; double inexact; uint64_t n; };
struct dist_slot { uint64_t n; uint32_t head; uint32_t pad; };

/* A list of values produced by one expression on one record. */
struct vals {
	struct buf b;        /* encoded components, or raw bytes */
	size_t *off;         /* start of each value in b; off[n] = b.len */
	size_t n, alloc;
	double *num;         /* numeric reducers: value */
	i128 *units;         /* exact value in 1e-9 units */
	unsigned char *exact;
	size_t anum;
	int bad;             /* a value of the wrong type was seen */
};

/* A spill run being merged (spill.c). */
struct run {
	char *path;
	struct input in;
	struct buf line;
	struct store s;      /* holds the current group (id 0), counted */
	int live;
	int counted;         /* its exact distinct states are counts only */
	uint64_t *pending;   /* per set: 1 while its values of the group are read */
	struct buf val;      /* the value being merged (encoded) */
	int has_val;
};

struct agg {
	struct key *keys;
	size_t nkeys;
	struct red *reds;
	size_t nreds;
	enum agg_every every;
	int every_set, count_asked, nsets;
	struct agg_opts o;
	int started;
	size_t stride;
	size_t off_err, off_pmin; /* Space-Saving slots (approx + top) */
	int ss;                   /* Space-Saving on */
	size_t capacity;

	struct store s;
	struct vals *kv, *rv;     /* per key, per reducer */
	struct buf key, tmp, errb, canon;
	size_t *odo;

	/* merge state */
	int have_header;
	char *spec_json;          /* our spec as written in headers */
	unsigned long long floor_sum, cur_floor;
	unsigned long long merge_bad; /* damaged state lines skipped */

	/* spilling */
	char *spilldir;
	char **runs;
	size_t nruns;
	size_t peak_bytes, peak_groups;

	/* counters */
	unsigned long long grouped, ungrouped, jq_errors, updates, spills;
	unsigned long long total_weight; /* group memberships seen (Space-Saving N) */
	enum on_error policy;
	unsigned long long next_check; /* updates count of the next memory check */
	int status;
};

struct collect {
	struct agg *a;
	struct vals *v;
	enum agg_red_kind kind; /* for reducers */
	int is_key;             /* 0, 1, or COLLECT_TOSTRING: a key `PATH | tostring` */
	enum agg_key_kind kkind;
};

typedef int (*order_fn)(struct agg *, struct store *, uint32_t, struct store *, uint32_t);

typedef void (*emit_fn)(struct agg *a, struct store *s, uint32_t g, void *ctx);

struct sink {
	struct output *out;
	struct buf b;
	int collect;           /* groups go to `c` before output */
	struct store c;
	char **runs;           /* runs sorted in output order */
	size_t nruns;
};

static inline unsigned char *gstate(const struct agg *a, const struct store *s, uint32_t g)
{
	return s->st + (size_t)g * a->stride;
}

static inline uint64_t *gcount(const struct agg *a, const struct store *s, uint32_t g)
{
	return (uint64_t *)gstate(a, s, g);
}

/* spec.c */

const char *agg_red_word(enum agg_red_kind k);
const char *agg_key_word(enum agg_key_kind k);
char *agg_spec_json(struct agg *a);
void agg_layout(struct agg *a);

/* value.c */

void agg_add_i128(struct buf *out, i128 v);
double agg_sum_value(const struct sum_slot *s);
void agg_encode_value(struct buf *b, const struct json_val *v, struct buf *tmp);
int agg_get_comp(const unsigned char **pp, const char **s, size_t *n);
double agg_text_double(const char *s, size_t n);
int agg_key_cmp(const char *a, size_t an, const char *b, size_t bn);
void agg_comp_json(struct buf *out, int tag, const char *s, size_t n);
void agg_vals_clear(struct vals *v);
void agg_vals_push(struct vals *v);
void agg_vals_release(struct vals *v);
int agg_collect_cb(void *ctx, const struct json_val *jv);

/* store.c */

void agg_store_init(struct agg *a, struct store *s);
void agg_store_init_counted(struct agg *a, struct store *s);
void agg_store_release(struct agg *a, struct store *s);
void agg_store_reset(struct agg *a, struct store *s);
size_t agg_store_bytes(const struct agg *a, const struct store *s);
void agg_new_state(struct agg *a, struct store *s, uint32_t g);
void agg_dset_add(struct agg *a, struct store *s, int set, uint32_t g, const char *p,
		     size_t n, struct dist_slot *slot);
void agg_hll_add_value(struct agg *a, struct store *s, struct hll *h, const char *p, size_t n);
uint32_t agg_merge_group(struct agg *a, struct store *dst, struct store *src, uint32_t g);
int agg_by_key(struct agg *a, struct store *x, uint32_t i, struct store *y, uint32_t j);
int agg_by_output(struct agg *a, struct store *x, uint32_t i, struct store *y, uint32_t j);
int agg_by_count(struct agg *a, struct store *x, uint32_t i, struct store *y, uint32_t j);
uint32_t *agg_sorted_ids(struct agg *a, struct store *s, order_fn fn);
uint64_t agg_store_keep(struct agg *a, struct store *s, size_t keep, order_fn fn);

/* spacesaving.c */

uint32_t agg_find_group(struct agg *a, struct store *s, int *fresh);
void agg_update_group(struct agg *a, struct store *s, uint32_t g);
unsigned long long agg_ss_settle(struct agg *a);

/* state.c */

/* The sorted exact distinct values of a group. */
struct agg_sv { const char *p; size_t n; };

/* Writes the values of exact distinct reducer rd as a JSON array. */
typedef void (*agg_values_fn)(struct agg *a, const struct red *rd, struct buf *out, void *ctx);

void agg_write_state_line(struct agg *a, struct store *s, uint32_t g, struct buf *out);
/* agg_write_state_line, with each exact distinct state written as the
 * count of its values when `counts` (or s->counted), else by `values`
 * when not NULL. */
void agg_write_state_with(struct agg *a, struct store *s, uint32_t g, struct buf *out,
			  int counts, agg_values_fn values, void *ctx);
/* The values of group g's set of reducer rd in key order (caller frees;
 * they point into the set). */
struct agg_sv *agg_dset_sorted(struct agg *a, struct store *s, const struct red *rd, uint32_t g,
			       size_t *n);
/* Appends an encoded value as a state element: a string, or ["json text"]. */
void agg_value_json(struct buf *out, const char *p, size_t n);
/* Encodes a state element back (appended to b); 0, or -1 if it is none. */
int agg_distinct_elem(struct agg *a, const struct json_val *y, struct buf *b);
void agg_header_line(struct agg *a, struct buf *out, unsigned long long floor);
int agg_spec_from_json(struct agg *a, const struct json_val *spec, char **msg);
int agg_get_u64(const struct json_val *obj, const char *name, unsigned long long *v);
int agg_load_group(struct agg *a, struct store *s, const struct json_val *obj,
		   unsigned long long floor, uint64_t *counts);

/* spill.c */

void agg_spill_cleanup(struct agg *a);
void agg_write_run(struct agg *a, struct store *s, order_fn fn, char ***runs, size_t *nruns);
void agg_note_peak(struct agg *a, struct store *s);
void agg_maybe_spill(struct agg *a);
void agg_merge_runs(struct agg *a, char **paths, size_t n, order_fn fn, emit_fn emit, void *ctx);

/* agg_output.c */

void agg_header_row(struct agg *a, struct buf *out);
void agg_emit_out(struct agg *a, struct store *s, uint32_t g, void *ctx);
void agg_emit_collect(struct agg *a, struct store *s, uint32_t g, void *ctx);
void agg_output_store(struct agg *a, struct store *s, struct sink *k);
/* Writes the sink's buffer out once it holds 64 KB or more. */
void agg_sink_flush(struct sink *k);

#endif
