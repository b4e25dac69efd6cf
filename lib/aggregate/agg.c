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

/* Key component tags, in jq's order of types. */
enum { T_NULL = 1, T_FALSE, T_TRUE, T_NUMBER, T_STRING, T_ARRAY, T_OBJECT };

struct key {
	enum agg_key_kind kind;
	char *name, *name2;  /* name2: second column of pairs */
	char *src;
	struct expr *e;
};

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

struct run {
	char *path;
	struct input in;
	struct buf line;
	struct store s;      /* holds the current group (id 0) */
	int live;
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
	int merge_bad;

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

/* ---------------------------------------------------------------- */
/* numbers */

/* The shortest %.*e form of d that reads back as d: digits and exponent. */
static int shortest(double d, char *digits, int *exp10)
{
	char tmp[40];
	int p;

	for (p = 0; p < 17; p++) {
		snprintf(tmp, sizeof(tmp), "%.*e", p, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	if (p == 17)
		snprintf(tmp, sizeof(tmp), "%.16e", d);
	/* tmp: d[.ddd]e±XX */
	int n = 0;
	const char *q = tmp;
	while (*q && *q != 'e') {
		if (*q >= '0' && *q <= '9')
			digits[n++] = *q;
		q++;
	}
	while (n > 1 && digits[n - 1] == '0')
		n--;
	digits[n] = '\0';
	*exp10 = atoi(q + 1);
	return n;
}

void agg_format_number(struct buf *out, double d)
{
	char digits[24];
	int e, n;

	if (d != d) {
		buf_adds(out, "null");
		return;
	}
	if (d > DBL_MAX)
		d = DBL_MAX;
	if (d < -DBL_MAX)
		d = -DBL_MAX;
	if (d == 0) {
		buf_adds(out, signbit(d) ? "-0" : "0");
		return;
	}
	if (d < 0) {
		buf_addc(out, '-');
		d = -d;
	}
	/* small integers print as they are */
	if (d < 1e15 && d == (double)(long long)d) {
		buf_addu(out, (unsigned long long)d);
		return;
	}
	n = shortest(d, digits, &e);
	int decpt = e + 1; /* as in dtoa: value = 0.digits * 10^decpt */
	if (decpt <= -4 || decpt > n + 15) {
		buf_addc(out, digits[0]);
		if (n > 1) {
			buf_addc(out, '.');
			buf_add(out, digits + 1, (size_t)n - 1);
		}
		buf_addc(out, 'e');
		e = decpt - 1;
		buf_addc(out, e < 0 ? '-' : '+');
		if (e < 0)
			e = -e;
		if (e < 10)
			buf_addc(out, '0');
		buf_addi(out, e);
	} else if (decpt <= 0) {
		buf_adds(out, "0.");
		for (int i = decpt; i < 0; i++)
			buf_addc(out, '0');
		buf_add(out, digits, (size_t)n);
	} else if (decpt >= n) {
		buf_add(out, digits, (size_t)n);
		for (int i = n; i < decpt; i++)
			buf_addc(out, '0');
	} else {
		buf_add(out, digits, (size_t)decpt);
		buf_addc(out, '.');
		buf_add(out, digits + decpt, (size_t)(n - decpt));
	}
}

/* Appends the canonical form of JSON number text p[0..n). */
static void canon_number(struct buf *out, const char *p, size_t n)
{
	size_t i = (n && p[0] == '-') ? 1 : 0;
	int plain = n - i <= 15 && n > i;

	for (size_t k = i; plain && k < n; k++)
		plain = p[k] >= '0' && p[k] <= '9';
	if (plain && !(n - i == 1 && p[i] == '0' && i)) {
		buf_add(out, p, n);
		return;
	}
	char tmp[64];
	double d;
	if (n < sizeof(tmp)) {
		memcpy(tmp, p, n);
		tmp[n] = '\0';
		d = strtod(tmp, NULL);
	} else {
		char *t = xmemdup(p, n);
		d = strtod(t, NULL);
		free(t);
	}
	if (d == 0)
		d = 0; /* -0 groups with 0, as jq's == says */
	agg_format_number(out, d);
}

/*
 * Reads JSON number text as an exact count of 1e-9 units when it has at
 * most 9 decimals (after the exponent is applied) and |v| < 1e20; else
 * returns 0. Always sets *d.
 */
static int parse_exact(const char *p, size_t n, i128 *units, double *d)
{
	char tmp[64];
	if (n < sizeof(tmp)) {
		memcpy(tmp, p, n);
		tmp[n] = '\0';
		*d = strtod(tmp, NULL);
	} else {
		char *t = xmemdup(p, n);
		*d = strtod(t, NULL);
		free(t);
	}
	const char *q = p, *end = p + n;
	int neg = 0;
	if (q < end && *q == '-') {
		neg = 1;
		q++;
	}
	char dig[40];
	int nd = 0, point = -1;
	for (; q < end && ((*q >= '0' && *q <= '9') || *q == '.'); q++) {
		if (*q == '.') {
			point = nd;
			continue;
		}
		if (nd == 0 && *q == '0' && point < 0)
			continue; /* leading zeros */
		if (nd >= 38)
			return 0;
		dig[nd++] = *q;
	}
	if (point < 0)
		point = nd;
	long ex = 0;
	if (q < end && (*q == 'e' || *q == 'E')) {
		ex = strtol(q + 1, NULL, 10);
		if (ex > 40 || ex < -40)
			return 0;
	}
	/* value = 0.dig * 10^(point + ex) ... as integer: dig * 10^(point+ex-nd) */
	long scale = point + ex - nd + 9; /* power of ten for 1e-9 units */
	while (nd > 0 && scale < 0 && dig[nd - 1] == '0') {
		nd--;
		scale++;
	}
	if (scale < 0)
		return 0;
	if (nd + scale > 29)
		return 0;
	i128 v = 0;
	for (int k = 0; k < nd; k++)
		v = v * 10 + (dig[k] - '0');
	for (long k = 0; k < scale; k++)
		v *= 10;
	*units = neg ? -v : v;
	return 1;
}

/* Appends the decimal digits of v. */
static void add_i128(struct buf *out, i128 v)
{
	char d[48];
	int n = 0;
	u128 u;

	if (v < 0) {
		buf_addc(out, '-');
		u = (u128)(-(v + 1)) + 1;
	} else {
		u = (u128)v;
	}
	do {
		d[n++] = (char)('0' + (int)(u % 10));
		u /= 10;
	} while (u);
	while (n)
		buf_addc(out, d[--n]);
}

/* The exact units as a correctly rounded double. */
static double units_double(i128 v)
{
	struct buf b = BUF_INIT;
	add_i128(&b, v);
	buf_adds(&b, "e-9");
	double d = strtod(b.buf, NULL);
	buf_release(&b);
	return d;
}

static double sum_value(const struct sum_slot *s)
{
	if (s->inexact == 0)
		return units_double(s->exact);
	return units_double(s->exact) + s->inexact;
}

/* ---------------------------------------------------------------- */
/* key components */

static void put_varint(struct buf *b, size_t n)
{
	while (n >= 128) {
		buf_addc(b, (int)(n & 127) | 128);
		n >>= 7;
	}
	buf_addc(b, (int)n);
}

static const unsigned char *get_varint(const unsigned char *p, size_t *n)
{
	size_t v = 0;
	int sh = 0;

	while (*p & 128) {
		v |= (size_t)(*p++ & 127) << sh;
		sh += 7;
	}
	v |= (size_t)*p++ << sh;
	*n = v;
	return p;
}

static int type_tag(enum json_type t)
{
	switch (t) {
	case JSON_NULL: return T_NULL;
	case JSON_FALSE: return T_FALSE;
	case JSON_TRUE: return T_TRUE;
	case JSON_NUMBER: return T_NUMBER;
	case JSON_STRING: return T_STRING;
	case JSON_ARRAY: return T_ARRAY;
	default: return T_OBJECT;
	}
}

/* Appends one encoded component: tag, varint length, bytes. */
static void put_comp(struct buf *b, int tag, const char *p, size_t n)
{
	buf_addc(b, tag);
	put_varint(b, n);
	buf_add(b, p, n);
}

/* Appends the canonical encoding of JSON value v; `tmp` is scratch. */
static void encode_value(struct buf *b, const struct json_val *v, struct buf *tmp)
{
	int tag = type_tag(v->type);

	buf_reset(tmp);
	switch (v->type) {
	case JSON_STRING:
		if (!memchr(v->p, '\\', v->n)) {
			put_comp(b, tag, v->p + 1, v->n - 2);
			return;
		}
		json_decode_string(v, tmp);
		break;
	case JSON_NUMBER:
		canon_number(tmp, v->p, v->n);
		break;
	case JSON_ARRAY:
	case JSON_OBJECT: {
		jv x = jv_parse_sized(v->p, (int)v->n);
		jv s = jv_dump_string(x, 0);
		buf_adds(tmp, jv_string_value(s));
		jv_free(s);
		break;
	}
	default:
		buf_add(tmp, v->p, v->n);
	}
	put_comp(b, tag, tmp->buf, tmp->len);
}

/* Decodes the component at *pp; returns its tag and advances *pp. */
static int get_comp(const unsigned char **pp, const char **s, size_t *n)
{
	const unsigned char *p = *pp;
	int tag = *p++;

	p = get_varint(p, n);
	*s = (const char *)p;
	*pp = p + *n;
	return tag;
}

static double text_double(const char *s, size_t n)
{
	char tmp[64];

	if (n >= sizeof(tmp))
		n = sizeof(tmp) - 1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	return strtod(tmp, NULL);
}

/* Orders encoded keys: component by component, types in jq's order,
 * numbers by value, everything else by bytes. */
static int key_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	const unsigned char *p = (const unsigned char *)a, *pe = p + an;
	const unsigned char *q = (const unsigned char *)b, *qe = q + bn;

	while (p < pe && q < qe) {
		const char *s, *t;
		size_t sn, tn;
		int ta = get_comp(&p, &s, &sn), tb = get_comp(&q, &t, &tn);
		if (ta != tb)
			return ta < tb ? -1 : 1;
		if (ta == T_NUMBER) {
			double x = text_double(s, sn), y = text_double(t, tn);
			if (x != y)
				return x < y ? -1 : 1;
		}
		int c = memcmp(s, t, sn < tn ? sn : tn);
		if (c)
			return c;
		if (sn != tn)
			return sn < tn ? -1 : 1;
	}
	if (p < pe)
		return 1;
	if (q < qe)
		return -1;
	return 0;
}

/* Appends component (tag, s, n) as JSON text. */
static void comp_json(struct buf *out, int tag, const char *s, size_t n)
{
	if (tag == T_STRING)
		json_escape(out, s, n);
	else
		buf_add(out, s, n);
}

/* ---------------------------------------------------------------- */
/* value lists */

static void vals_clear(struct vals *v)
{
	buf_reset(&v->b);
	v->n = 0;
	v->bad = 0;
	if (v->off)
		v->off[0] = 0;
}

static void vals_push(struct vals *v)
{
	if (v->n + 2 > v->alloc) {
		v->alloc = v->alloc ? v->alloc * 2 : 16;
		v->off = xrealloc(v->off, v->alloc * sizeof(*v->off));
	}
	v->off[++v->n] = v->b.len;
}

static void vals_push_num(struct vals *v, double d, int exact, i128 u)
{
	if (v->n + 1 > v->anum) {
		v->anum = v->anum ? v->anum * 2 : 16;
		v->num = xrealloc(v->num, v->anum * sizeof(*v->num));
		v->units = xrealloc(v->units, v->anum * sizeof(*v->units));
		v->exact = xrealloc(v->exact, v->anum);
	}
	v->num[v->n] = d;
	v->units[v->n] = u;
	v->exact[v->n] = (unsigned char)exact;
	vals_push(v);
}

static void vals_release(struct vals *v)
{
	buf_release(&v->b);
	free(v->off);
	free(v->num);
	free(v->units);
	free(v->exact);
}

struct collect {
	struct agg *a;
	struct vals *v;
	enum agg_red_kind kind; /* for reducers */
	int is_key;
	enum agg_key_kind kkind;
};

static int collect_cb(void *ctx, const struct json_val *jv)
{
	struct collect *c = ctx;
	struct vals *v = c->v;

	if (c->is_key && c->kkind == AGG_TIME) {
		size_t before = v->b.len;
		buf_addc(&v->b, T_STRING);
		buf_addc(&v->b, 0); /* length, patched below (< 128) */
		size_t start = v->b.len;
		int r;
		if (jv->type == JSON_STRING) {
			buf_reset(&c->a->tmp);
			json_decode_string(jv, &c->a->tmp);
			r = agg_bucket(&v->b, c->a->every, c->a->tmp.buf, c->a->tmp.len, 0);
		} else if (jv->type == JSON_NUMBER) {
			r = agg_bucket(&v->b, c->a->every, NULL, 0,
				       text_double(jv->p, jv->n));
		} else if (jv->type == JSON_NULL) {
			buf_setlen(&v->b, before);
			return 0; /* no date: no group */
		} else {
			r = -1;
		}
		if (r < 0) {
			buf_setlen(&v->b, before);
			v->bad = 1;
			buf_reset(&c->a->canon);
			buf_add(&c->a->canon, jv->p, jv->n < 60 ? jv->n : 60);
			return 1;
		}
		v->b.buf[start - 1] = (char)(v->b.len - start);
		vals_push(v);
		return 0;
	}
	if (c->is_key || c->kind == AGG_DISTINCT) {
		encode_value(&v->b, jv, &c->a->tmp);
		vals_push(v);
		return 0;
	}
	/* numeric reducers: numbers count, null is ignored, others are errors */
	if (jv->type == JSON_NUMBER) {
		i128 u = 0;
		double d;
		int ex = parse_exact(jv->p, jv->n, &u, &d);
		vals_push_num(v, d, ex, u);
	} else if (jv->type != JSON_NULL) {
		v->bad = 1;
		buf_reset(&c->a->canon);
		buf_add(&c->a->canon, jv->p, jv->n < 60 ? jv->n : 60);
		return 1;
	}
	return 0;
}

/* ---------------------------------------------------------------- */
/* stores */

static void store_init(struct agg *a, struct store *s)
{
	memset(s, 0, sizeof(*s));
	htab_init(&s->t);
	if (a->nsets) {
		s->sets = xcalloc((size_t)a->nsets, sizeof(*s->sets));
		for (int i = 0; i < a->nsets; i++)
			htab_init(&s->sets[i].t);
	}
}

static void store_release(struct agg *a, struct store *s)
{
	for (size_t r = 0; r < a->nreds; r++) {
		if (a->reds[r].kind != AGG_DISTINCT || !a->o.approx)
			continue;
		for (size_t g = 0; g < s->t.n; g++) {
			struct hll **h = (struct hll **)(s->st + g * a->stride + a->reds[r].off);
			hll_free(*h);
		}
	}
	for (int i = 0; i < a->nsets; i++) {
		htab_release(&s->sets[i].t);
		free(s->sets[i].next);
	}
	free(s->sets);
	htab_release(&s->t);
	free(s->st);
	free(s->heap);
	free(s->pos);
	memset(s, 0, sizeof(*s));
}

static void store_reset(struct agg *a, struct store *s)
{
	store_release(a, s);
	store_init(a, s);
}

static size_t store_bytes(const struct agg *a, const struct store *s)
{
	size_t b = htab_bytes(&s->t) + s->ast * a->stride + s->hll_bytes;

	for (int i = 0; i < a->nsets; i++)
		b += htab_bytes(&s->sets[i].t) + s->sets[i].anext * sizeof(uint32_t);
	return b;
}

static inline unsigned char *gstate(const struct agg *a, const struct store *s, uint32_t g)
{
	return s->st + (size_t)g * a->stride;
}

static inline uint64_t *gcount(const struct agg *a, const struct store *s, uint32_t g)
{
	return (uint64_t *)gstate(a, s, g);
}

/* Makes the state of a new group `g`: zero counts, min/max empty. */
static void new_state(struct agg *a, struct store *s, uint32_t g)
{
	if (g >= s->ast) {
		s->ast = s->ast ? s->ast + s->ast / 2 : 1024;
		s->st = xrealloc(s->st, s->ast * a->stride);
	}
	unsigned char *p = gstate(a, s, g);
	memset(p, 0, a->stride);
	for (size_t r = 0; r < a->nreds; r++) {
		struct red *rd = &a->reds[r];
		if (rd->kind == AGG_MIN || rd->kind == AGG_MAX) {
			double nan = NAN;
			memcpy(p + rd->off, &nan, sizeof(nan));
		} else if (rd->kind == AGG_DISTINCT && a->o.approx) {
			struct hll *h = hll_new();
			memcpy(p + rd->off, &h, sizeof(h));
			s->hll_bytes += hll_bytes(h);
		}
	}
}

/* Adds value p[0..n) (encoded) to exact distinct set `set` of group g. */
static void dset_add(struct agg *a, struct store *s, int set, uint32_t g, const char *p,
		     size_t n, struct dist_slot *slot)
{
	struct dset *d = &s->sets[set];
	struct buf *k = &a->canon;
	int added;

	buf_reset(k);
	buf_add(k, &g, sizeof(g));
	buf_add(k, p, n);
	uint32_t id = htab_intern(&d->t, k->buf, k->len, hash_bytes(k->buf, k->len), &added);
	if (!added)
		return;
	if (id >= d->anext) {
		d->anext = d->anext ? d->anext * 2 : 1024;
		d->next = xrealloc(d->next, d->anext * sizeof(*d->next));
	}
	d->next[id] = slot->head;
	slot->head = id + 1;
	slot->n++;
}

static void hll_add_value(struct agg *a, struct store *s, struct hll *h, const char *p, size_t n)
{
	size_t before = hll_bytes(h);
	hll_add(h, hash_bytes(p, n));
	s->hll_bytes += hll_bytes(h) - before;
}

/* ---------------------------------------------------------------- */
/* Space-Saving heap (min count at the root) */

static int heap_less(struct agg *a, struct store *s, uint32_t x, uint32_t y)
{
	return *gcount(a, s, x) < *gcount(a, s, y);
}

static void heap_swap(struct store *s, size_t i, size_t j)
{
	uint32_t t = s->heap[i];
	s->heap[i] = s->heap[j];
	s->heap[j] = t;
	s->pos[s->heap[i]] = (uint32_t)i;
	s->pos[s->heap[j]] = (uint32_t)j;
}

static void heap_down(struct agg *a, struct store *s, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < s->nheap && heap_less(a, s, s->heap[l], s->heap[m]))
			m = l;
		if (r < s->nheap && heap_less(a, s, s->heap[r], s->heap[m]))
			m = r;
		if (m == i)
			return;
		heap_swap(s, i, m);
		i = m;
	}
}

static void heap_up(struct agg *a, struct store *s, size_t i)
{
	while (i > 0) {
		size_t p = (i - 1) / 2;
		if (!heap_less(a, s, s->heap[i], s->heap[p]))
			return;
		heap_swap(s, i, p);
		i = p;
	}
}

static void heap_push(struct agg *a, struct store *s, uint32_t g)
{
	if (!s->heap) {
		s->heap = xmalloc(a->capacity * sizeof(*s->heap));
		s->pos = xmalloc(a->capacity * sizeof(*s->pos));
	}
	s->heap[s->nheap] = g;
	s->pos[g] = (uint32_t)s->nheap;
	s->nheap++;
	heap_up(a, s, s->nheap - 1);
}

/* Clears the reducer state of recycled group g (count and error kept). */
static void clear_reducers(struct agg *a, struct store *s, uint32_t g)
{
	unsigned char *p = gstate(a, s, g);
	for (size_t r = 0; r < a->nreds; r++) {
		struct red *rd = &a->reds[r];
		if (rd->kind == AGG_DISTINCT) {
			struct hll *h;
			memcpy(&h, p + rd->off, sizeof(h));
			s->hll_bytes -= hll_bytes(h);
			hll_free(h);
			h = hll_new();
			s->hll_bytes += hll_bytes(h);
			memcpy(p + rd->off, &h, sizeof(h));
		} else if (rd->kind == AGG_MIN || rd->kind == AGG_MAX) {
			double nan = NAN;
			memcpy(p + rd->off, &nan, sizeof(nan));
		} else if (rd->kind == AGG_SUM || rd->kind == AGG_MEAN) {
			memset(p + rd->off, 0, sizeof(struct sum_slot));
		}
	}
}

/* The group of key a->key in the main store: found, added, or (with
 * Space-Saving at capacity) the smallest group recycled. */
static uint32_t find_group(struct agg *a, struct store *s, int *fresh)
{
	uint64_t h = hash_bytes(a->key.buf, a->key.len);
	int added;

	if (a->ss && s->t.n >= a->capacity) {
		long id = htab_find(&s->t, a->key.buf, a->key.len, h);
		if (id >= 0) {
			*fresh = 0;
			return (uint32_t)id;
		}
		uint32_t g = s->heap[0];
		uint64_t *c = gcount(a, s, g);
		uint64_t *e = (uint64_t *)(gstate(a, s, g) + a->off_err);
		htab_rekey(&s->t, g, a->key.buf, a->key.len, h);
		*e = *c; /* the new key may have had up to min occurrences */
		clear_reducers(a, s, g);
		*fresh = 0;
		return g;
	}
	uint32_t g = htab_intern(&s->t, a->key.buf, a->key.len, h, &added);
	if (added) {
		new_state(a, s, g);
		if (a->ss)
			heap_push(a, s, g);
	}
	*fresh = added;
	return g;
}

/* Applies the record's reducer values to group g. */
static void update_group(struct agg *a, struct store *s, uint32_t g)
{
	unsigned char *p = gstate(a, s, g);

	(*(uint64_t *)p)++;
	if (a->ss)
		heap_down(a, s, s->pos[g]);
	for (size_t r = 0; r < a->nreds; r++) {
		struct red *rd = &a->reds[r];
		struct vals *v = &a->rv[r];
		switch (rd->kind) {
		case AGG_COUNT:
			break;
		case AGG_SUM:
		case AGG_MEAN: {
			struct sum_slot *ss = (struct sum_slot *)(p + rd->off);
			for (size_t i = 0; i < v->n; i++) {
				if (v->exact[i])
					ss->exact += v->units[i];
				else
					ss->inexact += v->num[i];
				ss->n++;
			}
			break;
		}
		case AGG_MIN:
		case AGG_MAX: {
			double *m = (double *)(p + rd->off);
			for (size_t i = 0; i < v->n; i++) {
				double x = v->num[i];
				if (*m != *m || (rd->kind == AGG_MIN ? x < *m : x > *m))
					*m = x;
			}
			break;
		}
		case AGG_DISTINCT:
			for (size_t i = 0; i < v->n; i++) {
				const char *vp = v->b.buf + v->off[i];
				size_t vn = v->off[i + 1] - v->off[i];
				if (a->o.approx) {
					struct hll *h;
					memcpy(&h, p + rd->off, sizeof(h));
					hll_add_value(a, s, h, vp, vn);
				} else {
					dset_add(a, s, rd->set, g, vp, vn, (struct dist_slot *)(p + rd->off));
				}
			}
			break;
		}
	}
}

/* ---------------------------------------------------------------- */
/* specification */

struct agg *agg_new(void)
{
	struct agg *a = xcalloc(1, sizeof(*a));

	buf_init(&a->key, 256);
	buf_init(&a->tmp, 256);
	buf_init(&a->errb, 256);
	buf_init(&a->canon, 256);
	a->every = AGG_DAY;
	return a;
}

/* Splits "NAME=EXPR": NAME is an identifier-like word before '='. */
static void split_name(const char *arg, char **name, char **src)
{
	const char *eq = strchr(arg, '=');
	*name = NULL;
	if (eq && eq > arg && arg[0] != '.') {
		const char *p = arg;
		int ok = 1;
		for (; p < eq; p++)
			if (!(*p == '_' || *p == '-' || (*p >= '0' && *p <= '9') ||
			      (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
				ok = 0;
		if (ok && eq[1] != '=') {
			*name = xmemdup(arg, (size_t)(eq - arg));
			*src = xstrdup(eq + 1);
			return;
		}
	}
	*src = xstrdup(arg);
}

static struct expr *compile(const char *src, char **msg)
{
	char *m = NULL;
	struct expr *e = expr_compile(src, &m);

	if (!e) {
		struct buf b = BUF_INIT;
		buf_addf(&b, "invalid expression '%s': %s", src, m ? m : "syntax error");
		for (size_t i = 0; i < b.len; i++)
			if (b.buf[i] == '\n')
				b.buf[i] = ' ';
		free(m);
		*msg = buf_detach(&b, NULL);
	}
	return e;
}

int agg_add_key(struct agg *a, enum agg_key_kind k, const char *arg, char **msg)
{
	struct key key = { k, NULL, NULL, NULL, NULL };

	split_name(arg, &key.name, &key.src);
	key.e = compile(key.src, msg);
	if (!key.e) {
		free(key.name);
		free(key.src);
		return -1;
	}
	a->keys = xrealloc(a->keys, (a->nkeys + 1) * sizeof(*a->keys));
	a->keys[a->nkeys++] = key;
	return 0;
}

int agg_add_reducer(struct agg *a, enum agg_red_kind k, const char *arg, char **msg)
{
	struct red r = { k, NULL, NULL, NULL, 0, -1 };

	if (k == AGG_COUNT) {
		if (a->count_asked)
			return 0;
		a->count_asked = 1;
	} else {
		split_name(arg, &r.name, &r.src);
		r.e = compile(r.src, msg);
		if (!r.e) {
			free(r.name);
			free(r.src);
			return -1;
		}
	}
	a->reds = xrealloc(a->reds, (a->nreds + 1) * sizeof(*a->reds));
	a->reds[a->nreds++] = r;
	return 0;
}

int agg_set_every(struct agg *a, const char *unit)
{
	static const char *const units[] = { "day", "week", "month", "year" };

	for (int i = 0; i < 4; i++) {
		if (!strcmp(unit, units[i])) {
			a->every = (enum agg_every)i;
			a->every_set = 1;
			return 0;
		}
	}
	return -1;
}

static const char *red_word(enum agg_red_kind k)
{
	static const char *const w[] = { "count", "sum", "mean", "min", "max", "distinct" };
	return w[k];
}

static const char *key_word(enum agg_key_kind k)
{
	static const char *const w[] = { "by", "time", "pairs" };
	return w[k];
}

static const char *every_word(enum agg_every e)
{
	static const char *const w[] = { "day", "week", "month", "year" };
	return w[e];
}

/* True when `name` is already a column. */
static int name_taken(struct agg *a, const char *name, size_t nk, size_t nr)
{
	for (size_t i = 0; i < nk; i++)
		if (!strcmp(a->keys[i].name, name) ||
		    (a->keys[i].name2 && !strcmp(a->keys[i].name2, name)))
			return 1;
	for (size_t i = 0; i < nr; i++)
		if (!strcmp(a->reds[i].name, name))
			return 1;
	return 0;
}

static char *unique_name(struct agg *a, const char *base, size_t nk, size_t nr)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, base);
	for (int i = 2; name_taken(a, b.buf, nk, nr); i++) {
		buf_reset(&b);
		buf_addf(&b, "%s_%d", base, i);
	}
	return buf_detach(&b, NULL);
}

/* Gives every key and reducer its column name. */
static void name_columns(struct agg *a)
{
	for (size_t i = 0; i < a->nkeys; i++) {
		struct key *k = &a->keys[i];
		const char *en = k->e ? expr_name(k->e) : NULL;
		char *base = k->name ? xstrdup(k->name)
			     : k->kind == AGG_TIME ? xstrdup(every_word(a->every))
			     : xstrdup(en ? en : k->kind == AGG_PAIRS ? "pair" : "key");
		free(k->name);
		k->name = NULL;
		if (k->kind == AGG_PAIRS) {
			struct buf b = BUF_INIT;
			buf_addf(&b, "%s_a", base);
			k->name = unique_name(a, b.buf, i, 0);
			buf_reset(&b);
			buf_addf(&b, "%s_b", base);
			k->name2 = unique_name(a, b.buf, i + 1, 0);
			buf_release(&b);
		} else {
			k->name = unique_name(a, base, i, 0);
		}
		free(base);
	}
	for (size_t i = 0; i < a->nreds; i++) {
		struct red *r = &a->reds[i];
		struct buf b = BUF_INIT;
		if (r->name) {
			buf_adds(&b, r->name);
		} else if (r->kind == AGG_COUNT) {
			buf_adds(&b, "count");
		} else {
			const char *en = r->e ? expr_name(r->e) : NULL;
			buf_addf(&b, "%s_%s", red_word(r->kind), en ? en : "value");
		}
		free(r->name);
		r->name = NULL;
		r->name = unique_name(a, b.buf, a->nkeys, i);
		buf_release(&b);
	}
}

/* The spec as JSON, written in the header of partial states. */
static char *spec_json(struct agg *a)
{
	struct buf b = BUF_INIT;

	buf_addc(&b, '[');
	for (size_t i = 0; i < a->nkeys; i++) {
		struct key *k = &a->keys[i];
		if (b.len > 1)
			buf_addc(&b, ',');
		buf_addc(&b, '[');
		json_escape(&b, key_word(k->kind), strlen(key_word(k->kind)));
		buf_addc(&b, ',');
		json_escape(&b, k->name, strlen(k->name));
		buf_addc(&b, ',');
		json_escape(&b, k->src, strlen(k->src));
		if (k->kind == AGG_TIME) {
			buf_addc(&b, ',');
			json_escape(&b, every_word(a->every), strlen(every_word(a->every)));
		}
		buf_addc(&b, ']');
	}
	for (size_t i = 0; i < a->nreds; i++) {
		struct red *r = &a->reds[i];
		if (b.len > 1)
			buf_addc(&b, ',');
		buf_addc(&b, '[');
		json_escape(&b, red_word(r->kind), strlen(red_word(r->kind)));
		buf_addc(&b, ',');
		json_escape(&b, r->name, strlen(r->name));
		if (r->src) {
			buf_addc(&b, ',');
			json_escape(&b, r->src, strlen(r->src));
		}
		buf_addc(&b, ']');
	}
	buf_addc(&b, ']');
	return buf_detach(&b, NULL);
}

/* Lays out the state of a group and sets up the store. */
static void layout(struct agg *a)
{
	size_t off = 8; /* count */

	a->ss = a->o.approx && (a->o.top > 0 || a->o.capacity > 0);
	if (a->ss) {
		a->off_err = off;
		a->off_pmin = off + 8;
		off += 16;
		a->capacity = a->o.capacity ? a->o.capacity
			      : (a->o.top * 100 > 10000 ? a->o.top * 100 : 10000);
		if (a->capacity < a->o.top)
			a->capacity = a->o.top;
	}
	a->nsets = 0;
	for (size_t i = 0; i < a->nreds; i++) {
		struct red *r = &a->reds[i];
		switch (r->kind) {
		case AGG_COUNT:
			break;
		case AGG_SUM:
		case AGG_MEAN:
			off = (off + 15) & ~(size_t)15;
			r->off = off;
			off += sizeof(struct sum_slot);
			break;
		case AGG_MIN:
		case AGG_MAX:
			r->off = off;
			off += 8;
			break;
		case AGG_DISTINCT:
			r->off = off;
			off += a->o.approx ? sizeof(struct hll *) : sizeof(struct dist_slot);
			if (!a->o.approx)
				r->set = a->nsets++;
			break;
		}
	}
	a->stride = (off + 15) & ~(size_t)15;
	if (a->stride == 16 && off <= 8)
		a->stride = 8;
	a->kv = xcalloc(a->nkeys + 1, sizeof(*a->kv));
	a->rv = xcalloc(a->nreds + 1, sizeof(*a->rv));
	for (size_t i = 0; i < a->nkeys; i++)
		buf_init(&a->kv[i].b, 64);
	for (size_t i = 0; i < a->nreds; i++)
		buf_init(&a->rv[i].b, 64);
	a->odo = xcalloc(a->nkeys + 1, sizeof(*a->odo));
	store_init(a, &a->s);
	a->started = 1;
}

int agg_start(struct agg *a, const struct agg_opts *o, char **msg)
{
	a->o = *o;
	for (size_t i = 0; i < a->nkeys; i++) {
		if (a->keys[i].kind == AGG_TIME && !a->every_set) {
			*msg = xstrdup("--time needs --every day|week|month|year");
			return -1;
		}
	}
	if (a->every_set) {
		int t = 0;
		for (size_t i = 0; i < a->nkeys; i++)
			t |= a->keys[i].kind == AGG_TIME;
		if (!t) {
			*msg = xstrdup("--every needs --time EXPR");
			return -1;
		}
	}
	if (o->capacity && !o->approx) {
		*msg = xstrdup("--capacity needs --approx");
		return -1;
	}
	if (o->merge && !a->nkeys && !a->nreds)
		return 0; /* the spec comes from the first header */
	if (!a->nkeys && !o->merge) {
		*msg = xstrdup("no group key: give --by, --time or --pairs");
		return -1;
	}
	if (!a->nreds)
		agg_add_reducer(a, AGG_COUNT, NULL, msg);
	name_columns(a);
	a->spec_json = spec_json(a);
	layout(a);
	return 0;
}

/* ---------------------------------------------------------------- */
/* per record */

static void report_jq_error(struct agg *a, struct reader *r, const char *src, const char *m)
{
	a->jq_errors++;
	a->policy = r->policy;
	if (r->policy == ON_ERROR_SKIP) {
		/* summary at the end */
	} else if (a->jq_errors <= MAX_REPORTED || r->policy == ON_ERROR_FAIL) {
		reader_error(r, "error in '%s': %s", src, m);
	}
	if (r->policy == ON_ERROR_FAIL) {
		r->stop = 1;
		r->status = WIRE_EXIT_DATA;
	} else if (r->policy == ON_ERROR_REPORT) {
		a->status = WIRE_EXIT_DATA;
	}
}

/* Runs expression e into list v; returns 0, or -1 after reporting. */
static int run_into(struct agg *a, struct reader *r, struct expr *e, const char *src,
		    struct vals *v, int is_key, int kind)
{
	struct collect c = { a, v, (enum agg_red_kind)kind, is_key, (enum agg_key_kind)kind };

	vals_clear(v);
	if (!v->off) {
		v->alloc = 16;
		v->off = xmalloc(v->alloc * sizeof(*v->off));
		v->off[0] = 0;
	}
	buf_reset(&a->errb);
	if (expr_run(e, &r->rec, collect_cb, &c, &a->errb) < 0) {
		report_jq_error(a, r, src, a->errb.buf);
		return -1;
	}
	if (v->bad) {
		struct buf m = BUF_INIT;
		if (is_key)
			buf_addf(&m, "not a date: %s", a->canon.buf);
		else
			buf_addf(&m, "not a number: %s", a->canon.buf);
		report_jq_error(a, r, src, m.buf);
		buf_release(&m);
		return -1;
	}
	return 0;
}

static int comp_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	return key_cmp(a, an, b, bn);
}

/* Turns the values of a --pairs key into its pairs (a < b, distinct). */
static void make_pairs(struct agg *a, struct vals *v)
{
	size_t n = v->n;
	struct buf *t = &a->tmp;

	/* distinct values, sorted (n is small: one record) */
	size_t *ix = xmalloc((n + 1) * sizeof(*ix));
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		const char *p = v->b.buf + v->off[i];
		size_t pn = v->off[i + 1] - v->off[i];
		size_t j = m;
		int dup = 0;
		while (j > 0) {
			const char *q = v->b.buf + v->off[ix[j - 1]];
			size_t qn = v->off[ix[j - 1] + 1] - v->off[ix[j - 1]];
			int c = comp_cmp(q, qn, p, pn);
			if (c == 0) {
				dup = 1;
				break;
			}
			if (c < 0)
				break;
			j--;
		}
		if (dup)
			continue;
		memmove(ix + j + 1, ix + j, (m - j) * sizeof(*ix));
		ix[j] = i;
		m++;
	}
	buf_reset(t);
	size_t *offs = NULL, no = 0, ao = 0;
	for (size_t i = 0; i < m; i++) {
		for (size_t j = i + 1; j < m; j++) {
			if (no + 2 > ao) {
				ao = ao ? ao * 2 : 16;
				offs = xrealloc(offs, ao * sizeof(*offs));
			}
			if (!no)
				offs[0] = 0;
			buf_add(t, v->b.buf + v->off[ix[i]], v->off[ix[i] + 1] - v->off[ix[i]]);
			buf_add(t, v->b.buf + v->off[ix[j]], v->off[ix[j] + 1] - v->off[ix[j]]);
			offs[++no] = t->len;
		}
	}
	vals_clear(v);
	buf_add(&v->b, t->buf, t->len);
	for (size_t i = 0; i < no; i++) {
		v->off[v->n] = offs[i];
		vals_push(v);
	}
	free(offs);
	free(ix);
}

static void maybe_spill(struct agg *a);

void agg_record(struct agg *a, struct reader *r)
{
	for (size_t i = 0; i < a->nkeys; i++) {
		struct key *k = &a->keys[i];
		if (run_into(a, r, k->e, k->src, &a->kv[i], 1, k->kind) < 0)
			return;
		if (k->kind == AGG_PAIRS)
			make_pairs(a, &a->kv[i]);
		if (!a->kv[i].n) {
			a->ungrouped++;
			return;
		}
	}
	for (size_t i = 0; i < a->nreds; i++) {
		struct red *rd = &a->reds[i];
		if (rd->kind == AGG_COUNT)
			continue;
		if (run_into(a, r, rd->e, rd->src, &a->rv[i], 0, rd->kind) < 0)
			return;
	}
	a->grouped++;
	/* every combination of the keys' values */
	memset(a->odo, 0, a->nkeys * sizeof(*a->odo));
	for (;;) {
		buf_reset(&a->key);
		for (size_t i = 0; i < a->nkeys; i++) {
			struct vals *v = &a->kv[i];
			size_t j = a->odo[i];
			buf_add(&a->key, v->b.buf + v->off[j], v->off[j + 1] - v->off[j]);
		}
		int fresh;
		uint32_t g = find_group(a, &a->s, &fresh);
		update_group(a, &a->s, g);
		a->updates++;
		a->total_weight++;
		size_t i = a->nkeys;
		while (i > 0) {
			i--;
			if (++a->odo[i] < a->kv[i].n)
				break;
			a->odo[i] = 0;
			if (i == 0)
				goto done;
		}
		if (a->nkeys == 0)
			break;
	}
done:
	if (a->o.max_memory && a->updates >= a->next_check) {
		a->next_check = a->updates + 1024;
		maybe_spill(a);
	}
}

/* ---------------------------------------------------------------- */
/* partial state lines */

static void add_double(struct buf *b, double d)
{
	if (d != d) {
		buf_adds(b, "null");
		return;
	}
	/* enough digits to read back the same double */
	char tmp[40];
	snprintf(tmp, sizeof(tmp), "%.17g", d);
	if (strtod(tmp, NULL) == d) {
		struct buf t = BUF_INIT;
		agg_format_number(&t, d);
		if (strtod(t.buf, NULL) == d) {
			buf_add(b, t.buf, t.len);
			buf_release(&t);
			return;
		}
		buf_release(&t);
	}
	buf_adds(b, tmp);
}

/* Appends the key of group g as a JSON array. */
static void key_array(struct buf *out, const char *k, size_t kn)
{
	const unsigned char *p = (const unsigned char *)k, *e = p + kn;

	buf_addc(out, '[');
	while (p < e) {
		const char *s;
		size_t n;
		int tag = get_comp(&p, &s, &n);
		if (out->buf[out->len - 1] != '[')
			buf_addc(out, ',');
		comp_json(out, tag, s, n);
	}
	buf_addc(out, ']');
}

/* Sorts the exact distinct values of a group for a stable state text. */
struct sv { const char *p; size_t n; };
static int sv_cmp(const void *x, const void *y)
{
	const struct sv *a = x, *b = y;
	return key_cmp(a->p, a->n, b->p, b->n);
}

static void write_state_line(struct agg *a, struct store *s, uint32_t g, struct buf *out)
{
	size_t kn;
	const char *k = htab_key(&s->t, g, &kn);
	unsigned char *p = gstate(a, s, g);

	buf_adds(out, "{\"k\":");
	key_array(out, k, kn);
	buf_adds(out, ",\"n\":");
	buf_addu(out, *(uint64_t *)p);
	if (a->ss) {
		buf_adds(out, ",\"e\":");
		buf_addu(out, *(uint64_t *)(p + a->off_err));
	}
	buf_adds(out, ",\"r\":[");
	for (size_t r = 0; r < a->nreds; r++) {
		struct red *rd = &a->reds[r];
		if (r)
			buf_addc(out, ',');
		switch (rd->kind) {
		case AGG_COUNT:
			buf_adds(out, "null");
			break;
		case AGG_SUM:
		case AGG_MEAN: {
			struct sum_slot *ss = (struct sum_slot *)(p + rd->off);
			buf_adds(out, "[\"");
			add_i128(out, ss->exact);
			buf_adds(out, "\",");
			add_double(out, ss->inexact);
			buf_addc(out, ',');
			buf_addu(out, ss->n);
			buf_addc(out, ']');
			break;
		}
		case AGG_MIN:
		case AGG_MAX:
			add_double(out, *(double *)(p + rd->off));
			break;
		case AGG_DISTINCT:
			if (a->o.approx) {
				struct hll *h;
				memcpy(&h, p + rd->off, sizeof(h));
				buf_addc(out, '"');
				hll_format(h, out);
				buf_addc(out, '"');
			} else {
				struct dist_slot *ds = (struct dist_slot *)(p + rd->off);
				struct dset *d = &s->sets[rd->set];
				struct sv *v = xmalloc((ds->n + 1) * sizeof(*v));
				size_t n = 0;
				for (uint32_t id = ds->head; id; id = d->next[id - 1]) {
					size_t len;
					const char *key = htab_key(&d->t, id - 1, &len);
					v[n].p = key + sizeof(uint32_t);
					v[n].n = len - sizeof(uint32_t);
					n++;
				}
				qsort(v, n, sizeof(*v), sv_cmp);
				buf_addc(out, '[');
				for (size_t i = 0; i < n; i++) {
					const unsigned char *q = (const unsigned char *)v[i].p;
					const char *cs;
					size_t cn;
					int tag = get_comp(&q, &cs, &cn);
					if (i)
						buf_addc(out, ',');
					/* keep the type: strings as strings, the rest as text */
					if (tag == T_STRING) {
						json_escape(out, cs, cn);
					} else {
						buf_addc(out, '[');
						comp_json(out, T_STRING, cs, cn);
						buf_addc(out, ']');
					}
				}
				buf_addc(out, ']');
				free(v);
			}
			break;
		}
	}
	buf_adds(out, "]}\n");
}

static void header_line(struct agg *a, struct buf *out, unsigned long long floor)
{
	buf_adds(out, "{\"" STATE_TAG "\":1,\"approx\":");
	buf_adds(out, a->o.approx ? "true" : "false");
	buf_adds(out, ",\"floor\":");
	buf_addu(out, floor);
	if (a->ss) {
		buf_adds(out, ",\"capacity\":");
		buf_addu(out, a->capacity);
	}
	buf_adds(out, ",\"spec\":");
	buf_adds(out, a->spec_json);
	buf_adds(out, "}\n");
}

/* Parses the spec of a header into a fresh agg (merge without options). */
static int spec_from_json(struct agg *a, const struct json_val *spec, char **msg)
{
	struct json_iter it, jt;
	struct json_val item, f;
	struct buf s[4];

	for (int i = 0; i < 4; i++)
		buf_init(&s[i], 0);
	json_iter_array(&it, spec);
	int ok = spec->type == JSON_ARRAY;
	while (ok && json_next_elem(&it, &item)) {
		int n = 0;
		if (item.type != JSON_ARRAY) {
			ok = 0;
			break;
		}
		json_iter_array(&jt, &item);
		for (int i = 0; i < 4; i++)
			buf_reset(&s[i]);
		while (n < 4 && json_next_elem(&jt, &f) && f.type == JSON_STRING)
			json_decode_string(&f, &s[n++]);
		if (n < 2) {
			ok = 0;
			break;
		}
		const char *w = s[0].buf;
		int done = 0;
		for (int k = 0; k < 3 && !done; k++) {
			if (!strcmp(w, key_word((enum agg_key_kind)k)) && n >= 3) {
				struct key key = { (enum agg_key_kind)k, xstrdup(s[1].buf), NULL,
						   xstrdup(s[2].buf), NULL };
				if (k == AGG_TIME) {
					if (n < 4 || agg_set_every(a, s[3].buf) < 0)
						ok = 0;
				}
				a->keys = xrealloc(a->keys, (a->nkeys + 1) * sizeof(*a->keys));
				a->keys[a->nkeys++] = key;
				done = 1;
			}
		}
		for (int k = 0; k < 6 && !done; k++) {
			if (!strcmp(w, red_word((enum agg_red_kind)k))) {
				struct red r = { (enum agg_red_kind)k, xstrdup(s[1].buf),
						 n >= 3 ? xstrdup(s[2].buf) : NULL, NULL, 0, -1 };
				if (k == AGG_COUNT)
					a->count_asked = 1;
				a->reds = xrealloc(a->reds, (a->nreds + 1) * sizeof(*a->reds));
				a->reds[a->nreds++] = r;
				done = 1;
			}
		}
		if (!done)
			ok = 0;
	}
	for (int i = 0; i < 4; i++)
		buf_release(&s[i]);
	if (!ok || !a->nkeys) {
		*msg = xstrdup("invalid specification in partial state header");
		return -1;
	}
	/* pair keys have two names: "x_a" and "x_b" were written as one */
	for (size_t i = 0; i < a->nkeys; i++) {
		struct key *k = &a->keys[i];
		if (k->kind == AGG_PAIRS) {
			size_t n = strlen(k->name);
			k->name2 = xstrdup(k->name);
			if (n >= 2 && k->name[n - 2] == '_')
				k->name2[n - 1] = 'b';
		}
	}
	return 0;
}

/* Reads a JSON number member as unsigned; returns 0 when it is not one. */
static int get_u64(const struct json_val *obj, const char *name, unsigned long long *v)
{
	struct json_val x;

	if (!json_get(obj, name, strlen(name), &x) || x.type != JSON_NUMBER)
		return 0;
	char tmp[32];
	if (x.n >= sizeof(tmp) || x.p[0] == '-')
		return 0;
	memcpy(tmp, x.p, x.n);
	tmp[x.n] = '\0';
	char *end;
	errno = 0;
	*v = strtoull(tmp, &end, 10);
	return *end == '\0' && !errno;
}

static int parse_i128(const struct json_val *v, i128 *out)
{
	if (v->type != JSON_STRING)
		return 0;
	const char *p = v->p + 1, *e = v->p + v->n - 1;
	int neg = 0;
	i128 x = 0;
	if (p < e && *p == '-') {
		neg = 1;
		p++;
	}
	if (p == e || e - p > 38)
		return 0;
	for (; p < e; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		x = x * 10 + (*p - '0');
	}
	*out = neg ? -x : x;
	return 1;
}

static int parse_num(const struct json_val *v, double *d)
{
	if (v->type == JSON_NULL) {
		*d = NAN;
		return 1;
	}
	if (v->type != JSON_NUMBER)
		return 0;
	*d = text_double(v->p, v->n);
	return 1;
}

/*
 * Merges state line `obj` into store s. Returns 0, or -1 with a message
 * in a->errb when the line is not a valid group of this spec.
 */
static int load_group(struct agg *a, struct store *s, const struct json_val *obj,
		      unsigned long long floor)
{
	struct json_val k, r, x;
	struct json_iter it;
	unsigned long long n = 0, e = 0;

	buf_reset(&a->errb);
	if (!json_get(obj, "k", 1, &k) || k.type != JSON_ARRAY || !get_u64(obj, "n", &n) ||
	    !json_get(obj, "r", 1, &r) || r.type != JSON_ARRAY) {
		buf_adds(&a->errb, "not a partial state line (no \"k\", \"n\" or \"r\")");
		return -1;
	}
	if (a->ss)
		get_u64(obj, "e", &e);
	buf_reset(&a->key);
	size_t nk = 0;
	json_iter_array(&it, &k);
	while (json_next_elem(&it, &x)) {
		encode_value(&a->key, &x, &a->tmp);
		nk++;
	}
	size_t want = 0;
	for (size_t i = 0; i < a->nkeys; i++)
		want += a->keys[i].kind == AGG_PAIRS ? 2 : 1;
	if (nk != want) {
		buf_addf(&a->errb, "key has %zu values, the specification %zu", nk, want);
		return -1;
	}
	uint64_t h = hash_bytes(a->key.buf, a->key.len);
	int added;
	uint32_t g = htab_intern(&s->t, a->key.buf, a->key.len, h, &added);
	if (added)
		new_state(a, s, g);
	unsigned char *p = gstate(a, s, g);
	*(uint64_t *)p += n;
	if (a->ss) {
		*(uint64_t *)(p + a->off_err) += e;
		*(uint64_t *)(p + a->off_pmin) += floor;
	}
	json_iter_array(&it, &r);
	const char *bad = "";
	for (size_t i = 0; i < a->nreds; i++) {
		struct red *rd = &a->reds[i];
		bad = rd->name;
		if (!json_next_elem(&it, &x)) {
			buf_adds(&a->errb, "too few reducer states");
			return -1;
		}
		switch (rd->kind) {
		case AGG_COUNT:
			break;
		case AGG_SUM:
		case AGG_MEAN: {
			struct sum_slot *ss = (struct sum_slot *)(p + rd->off);
			struct json_iter jt;
			struct json_val ex, in, cnt;
			i128 u;
			double d;
			unsigned long long c = 0;
			if (x.type != JSON_ARRAY)
				goto bad;
			json_iter_array(&jt, &x);
			if (!json_next_elem(&jt, &ex) || !json_next_elem(&jt, &in) ||
			    !json_next_elem(&jt, &cnt) || !parse_i128(&ex, &u) ||
			    !parse_num(&in, &d) || d != d || cnt.type != JSON_NUMBER)
				goto bad;
			c = (unsigned long long)text_double(cnt.p, cnt.n);
			ss->exact += u;
			ss->inexact += d;
			ss->n += c;
			break;
		}
		case AGG_MIN:
		case AGG_MAX: {
			double d, *m = (double *)(p + rd->off);
			if (!parse_num(&x, &d))
				goto bad;
			if (d == d && (*m != *m || (rd->kind == AGG_MIN ? d < *m : d > *m)))
				*m = d;
			break;
		}
		case AGG_DISTINCT:
			if (a->o.approx) {
				struct hll *hl;
				memcpy(&hl, p + rd->off, sizeof(hl));
				size_t before = hll_bytes(hl);
				if (x.type != JSON_STRING ||
				    hll_parse(hl, x.p + 1, x.n - 2) < 0)
					goto bad;
				s->hll_bytes += hll_bytes(hl) - before;
			} else {
				struct json_iter jt;
				struct json_val y;
				struct dist_slot *ds = (struct dist_slot *)(p + rd->off);
				if (x.type != JSON_ARRAY)
					goto bad;
				json_iter_array(&jt, &x);
				while (json_next_elem(&jt, &y)) {
					struct buf *t = &a->tmp;
					struct json_val z;
					buf_reset(t);
					if (y.type == JSON_STRING) {
						encode_value(t, &y, &a->canon);
					} else if (y.type == JSON_ARRAY) {
						/* ["<json text>"]: a non-string value */
						struct json_iter zt;
						struct json_val w;
						struct buf raw = BUF_INIT;
						json_iter_array(&zt, &y);
						if (!json_next_elem(&zt, &z) || z.type != JSON_STRING) {
							buf_release(&raw);
							goto bad;
						}
						json_decode_string(&z, &raw);
						if (!json_scan(raw.buf, raw.buf + raw.len, &w, NULL, NULL) ||
						    w.type == JSON_STRING) {
							buf_release(&raw);
							goto bad;
						}
						encode_value(t, &w, &a->canon);
						buf_release(&raw);
					} else {
						goto bad;
					}
					/* t is reused by dset_add's caller buffer: copy */
					char *cp = xmemdup(t->buf, t->len);
					size_t cn = t->len;
					dset_add(a, s, rd->set, g, cp, cn, ds);
					free(cp);
				}
			}
			break;
		}
	}
	return 0;
bad:
	buf_addf(&a->errb, "invalid state of reducer '%s'", bad);
	return -1;
}

void agg_merge_line(struct agg *a, struct reader *r)
{
	struct json_val tag;

	if (json_get(&r->rec, STATE_TAG, strlen(STATE_TAG), &tag)) {
		unsigned long long floor = 0;
		struct json_val spec, ap;
		if (!json_get(&r->rec, "spec", 4, &spec) || spec.type != JSON_ARRAY) {
			reader_error(r, "partial state header without a specification");
			r->stop = 1;
			r->status = WIRE_EXIT_DATA;
			return;
		}
		get_u64(&r->rec, "floor", &floor);
		unsigned long long cap = 0;
		get_u64(&r->rec, "capacity", &cap);
		int approx = json_get(&r->rec, "approx", 6, &ap) && ap.type == JSON_TRUE;
		struct agg *h = agg_new();
		char *msg = NULL;
		if (spec_from_json(h, &spec, &msg) < 0) {
			reader_error(r, "%s", msg);
			free(msg);
			agg_free(h);
			r->stop = 1;
			r->status = WIRE_EXIT_DATA;
			return;
		}
		if (!a->started) {
			/* take the header's spec */
			for (size_t i = 0; i < h->nkeys; i++) {
				struct key *k = &h->keys[i];
				a->keys = xrealloc(a->keys, (a->nkeys + 1) * sizeof(*a->keys));
				a->keys[a->nkeys++] = *k;
			}
			for (size_t i = 0; i < h->nreds; i++) {
				a->reds = xrealloc(a->reds, (a->nreds + 1) * sizeof(*a->reds));
				a->reds[a->nreds++] = h->reds[i];
			}
			a->every = h->every;
			a->every_set = h->every_set;
			a->count_asked = h->count_asked;
			h->nkeys = h->nreds = 0;
			a->o.approx = approx;
			if (cap && !a->o.capacity)
				a->o.capacity = (size_t)cap; /* Space-Saving states */
			a->spec_json = spec_json(a);
			layout(a);
		} else {
			char *hs = spec_json(h);
			int same = !strcmp(hs, a->spec_json);
			if (!same) {
				reader_error(r, "partial state of another specification: %s, not %s",
					     hs, a->spec_json);
				free(hs);
				agg_free(h);
				r->stop = 1;
				r->status = WIRE_EXIT_DATA;
				return;
			}
			free(hs);
		}
		agg_free(h);
		a->have_header = 1;
		if (cap && approx && !a->ss) {
			reader_error(r, "partial state made with --approx --top: merge with --top "
				     "or --capacity");
			r->stop = 1;
			r->status = WIRE_EXIT_DATA;
			return;
		}
		if (approx != a->o.approx) {
			reader_error(r, "partial state made %s --approx cannot merge here",
				     approx ? "with" : "without");
			r->stop = 1;
			r->status = WIRE_EXIT_DATA;
			return;
		}
		a->cur_floor = floor;
		a->floor_sum += floor;
		return;
	}
	if (!a->have_header) {
		reader_error(r, "not a partial state (make one with --partial)");
		r->stop = 1;
		r->status = WIRE_EXIT_DATA;
		return;
	}
	if (load_group(a, &a->s, &r->rec, a->cur_floor) < 0) {
		reader_error(r, "%s", a->errb.buf);
		a->status = WIRE_EXIT_DATA;
		r->stop = 1;
		r->status = WIRE_EXIT_DATA;
		return;
	}
	a->updates++;
	if (a->o.max_memory && a->updates >= a->next_check) {
		a->next_check = a->updates + 1024;
		maybe_spill(a);
	}
}

/* ---------------------------------------------------------------- */
/* moving groups between stores */

/* Merges group g of store `src` into store `dst`. */
static uint32_t merge_group(struct agg *a, struct store *dst, struct store *src, uint32_t g)
{
	size_t kn;
	const char *k = htab_key(&src->t, g, &kn);
	int added;
	uint32_t d = htab_intern(&dst->t, k, kn, hash_bytes(k, kn), &added);

	if (added)
		new_state(a, dst, d);
	unsigned char *p = gstate(a, dst, d), *q = gstate(a, src, g);
	*(uint64_t *)p += *(uint64_t *)q;
	if (a->ss) {
		*(uint64_t *)(p + a->off_err) += *(uint64_t *)(q + a->off_err);
		*(uint64_t *)(p + a->off_pmin) += *(uint64_t *)(q + a->off_pmin);
	}
	for (size_t r = 0; r < a->nreds; r++) {
		struct red *rd = &a->reds[r];
		switch (rd->kind) {
		case AGG_COUNT:
			break;
		case AGG_SUM:
		case AGG_MEAN: {
			struct sum_slot *x = (struct sum_slot *)(p + rd->off);
			const struct sum_slot *y = (const struct sum_slot *)(q + rd->off);
			x->exact += y->exact;
			x->inexact += y->inexact;
			x->n += y->n;
			break;
		}
		case AGG_MIN:
		case AGG_MAX: {
			double *x = (double *)(p + rd->off), y = *(double *)(q + rd->off);
			if (y == y && (*x != *x || (rd->kind == AGG_MIN ? y < *x : y > *x)))
				*x = y;
			break;
		}
		case AGG_DISTINCT:
			if (a->o.approx) {
				struct hll *x, *y;
				memcpy(&x, p + rd->off, sizeof(x));
				memcpy(&y, q + rd->off, sizeof(y));
				size_t before = hll_bytes(x);
				hll_merge(x, y);
				dst->hll_bytes += hll_bytes(x) - before;
			} else {
				struct dist_slot *ds = (struct dist_slot *)(q + rd->off);
				struct dset *set = &src->sets[rd->set];
				for (uint32_t id = ds->head; id; id = set->next[id - 1]) {
					size_t len;
					const char *v = htab_key(&set->t, id - 1, &len);
					/* the slot pointer may move as dst grows: refetch */
					dset_add(a, dst, rd->set, d, v + sizeof(uint32_t),
						 len - sizeof(uint32_t),
						 (struct dist_slot *)(gstate(a, dst, d) + rd->off));
				}
			}
			break;
		}
	}
	return d;
}

/* ---------------------------------------------------------------- */
/* orders */

static int by_key(struct agg *a, struct store *x, uint32_t i, struct store *y, uint32_t j)
{
	size_t xn, yn;
	const char *xk = htab_key(&x->t, i, &xn), *yk = htab_key(&y->t, j, &yn);
	(void)a;
	return key_cmp(xk, xn, yk, yn);
}

/* The output order: count descending then key, or key alone. */
static int by_output(struct agg *a, struct store *x, uint32_t i, struct store *y, uint32_t j)
{
	if (!a->o.sort_key) {
		uint64_t c = *gcount(a, x, i), d = *gcount(a, y, j);
		if (c != d)
			return c > d ? -1 : 1;
	}
	return by_key(a, x, i, y, j);
}

/* Count descending then key: the top-N order, whatever --sort says. */
static int by_count(struct agg *a, struct store *x, uint32_t i, struct store *y, uint32_t j)
{
	uint64_t c = *gcount(a, x, i), d = *gcount(a, y, j);
	if (c != d)
		return c > d ? -1 : 1;
	return by_key(a, x, i, y, j);
}

typedef int (*order_fn)(struct agg *, struct store *, uint32_t, struct store *, uint32_t);

static struct agg *sort_agg;
static struct store *sort_store;
static order_fn sort_fn;

static int sort_cmp(const void *x, const void *y)
{
	return sort_fn(sort_agg, sort_store, *(const uint32_t *)x, sort_store, *(const uint32_t *)y);
}

/* The ids of store s in order `fn` (caller frees). */
static uint32_t *sorted_ids(struct agg *a, struct store *s, order_fn fn)
{
	uint32_t *ids = xmalloc((s->t.n + 1) * sizeof(*ids));

	for (size_t i = 0; i < s->t.n; i++)
		ids[i] = (uint32_t)i;
	sort_agg = a;
	sort_store = s;
	sort_fn = fn;
	qsort(ids, s->t.n, sizeof(*ids), sort_cmp);
	return ids;
}

/* Keeps the first `keep` groups of s in order `fn`; returns the largest
 * count dropped (0 if none). */
static uint64_t store_keep(struct agg *a, struct store *s, size_t keep, order_fn fn)
{
	if (s->t.n <= keep)
		return 0;
	uint32_t *ids = sorted_ids(a, s, fn);
	uint64_t dropped = 0;
	struct store n;
	store_init(a, &n);
	for (size_t i = 0; i < s->t.n; i++) {
		if (i < keep) {
			merge_group(a, &n, s, ids[i]);
		} else if (*gcount(a, s, ids[i]) > dropped) {
			dropped = *gcount(a, s, ids[i]);
		}
	}
	free(ids);
	store_release(a, s);
	*s = n;
	return dropped;
}

/* ---------------------------------------------------------------- */
/* spilling */

static void spill_cleanup(void);
static struct agg *cleanup_agg;

static void make_spilldir(struct agg *a)
{
	if (a->spilldir)
		return;
	const char *base = a->o.tmpdir;
	if (!base || !*base)
		base = getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s/wire-aggregate.XXXXXX", base);
	if (!mkdtemp(b.buf))
		err_die("cannot create a temporary directory in '%s': %s", base, strerror(errno));
	a->spilldir = buf_detach(&b, NULL);
	cleanup_agg = a;
	atexit(spill_cleanup);
}

static void spill_cleanup(void)
{
	struct agg *a = cleanup_agg;

	if (!a || !a->spilldir)
		return;
	for (size_t i = 0; i < a->nruns; i++) {
		unlink(a->runs[i]);
		free(a->runs[i]);
	}
	a->nruns = 0;
	rmdir(a->spilldir);
	free(a->spilldir);
	a->spilldir = NULL;
}

/* Writes store s as a run file sorted by `fn`; empties s. */
static void write_run(struct agg *a, struct store *s, order_fn fn, char ***runs, size_t *nruns)
{
	make_spilldir(a);
	struct buf path = BUF_INIT, line = BUF_INIT;
	static unsigned long seq;
	buf_addf(&path, "%s/run-%lu", a->spilldir, seq++);
	FILE *fp = fopen(path.buf, "wb");
	if (!fp)
		err_die("cannot create '%s': %s", path.buf, strerror(errno));
	uint32_t *ids = sorted_ids(a, s, fn);
	header_line(a, &line, 0);
	for (size_t i = 0; i < s->t.n; i++) {
		write_state_line(a, s, ids[i], &line);
		if (line.len > 1 << 16) {
			if (fwrite(line.buf, 1, line.len, fp) != line.len)
				err_die("cannot write '%s': %s", path.buf, strerror(errno));
			buf_reset(&line);
		}
	}
	if ((line.len && fwrite(line.buf, 1, line.len, fp) != line.len) || fclose(fp))
		err_die("cannot write '%s': %s", path.buf, strerror(errno));
	free(ids);
	buf_release(&line);
	*runs = xrealloc(*runs, (*nruns + 1) * sizeof(**runs));
	(*runs)[(*nruns)++] = buf_detach(&path, NULL);
	a->spills++;
	store_reset(a, s);
}

static void note_peak(struct agg *a, struct store *s)
{
	size_t b = store_bytes(a, s);
	if (b > a->peak_bytes) {
		a->peak_bytes = b;
		a->peak_groups = s->t.n;
	}
}

static void maybe_spill(struct agg *a)
{
	if (a->ss)
		return;
	if (store_bytes(a, &a->s) <= a->o.max_memory)
		return;
	note_peak(a, &a->s);
	write_run(a, &a->s, by_key, &a->runs, &a->nruns);
}

/* Loads the next group of a run into its store; returns 0 at the end. */
static int run_next(struct agg *a, struct run *r)
{
	store_reset(a, &r->s);
	while (input_getline(&r->in, &r->line)) {
		struct json_val v, tag;
		if (!json_scan(r->line.buf, r->line.buf + r->line.len, &v, NULL, NULL) ||
		    v.type != JSON_OBJECT)
			err_die("%s:%lu: spill file damaged", r->path, r->in.line);
		if (json_get(&v, STATE_TAG, strlen(STATE_TAG), &tag))
			continue;
		if (load_group(a, &r->s, &v, 0) < 0)
			err_die("%s:%lu: %s", r->path, r->in.line, a->errb.buf);
		return 1;
	}
	if (input_error(&r->in))
		err_die("%s: %s", r->path, input_error(&r->in));
	return 0;
}

typedef void (*emit_fn)(struct agg *a, struct store *s, uint32_t g, void *ctx);

/* Merges sorted runs in order `fn`, combining equal keys, and emits each
 * group once. Deletes the run files. */
static void merge_runs(struct agg *a, char **paths, size_t n, order_fn fn, emit_fn emit, void *ctx)
{
	struct run *rs = xcalloc(n + 1, sizeof(*rs));
	struct store acc;

	store_init(a, &acc);
	for (size_t i = 0; i < n; i++) {
		rs[i].path = paths[i];
		if (input_open(&rs[i].in, paths[i]) < 0)
			err_die("cannot open '%s': %s", paths[i], strerror(errno));
		buf_init(&rs[i].line, 4096);
		store_init(a, &rs[i].s);
		rs[i].live = run_next(a, &rs[i]);
	}
	for (;;) {
		long m = -1;
		for (size_t i = 0; i < n; i++) {
			if (!rs[i].live)
				continue;
			if (m < 0 || fn(a, &rs[i].s, 0, &rs[m].s, 0) < 0)
				m = (long)i;
		}
		if (m < 0)
			break;
		if (acc.t.n && by_key(a, &acc, 0, &rs[m].s, 0) != 0) {
			emit(a, &acc, 0, ctx);
			store_reset(a, &acc);
		}
		merge_group(a, &acc, &rs[m].s, 0);
		rs[m].live = run_next(a, &rs[m]);
	}
	if (acc.t.n)
		emit(a, &acc, 0, ctx);
	store_release(a, &acc);
	for (size_t i = 0; i < n; i++) {
		input_close(&rs[i].in);
		buf_release(&rs[i].line);
		store_release(a, &rs[i].s);
		unlink(paths[i]);
	}
	free(rs);
}

/* ---------------------------------------------------------------- */
/* output */

struct sink {
	struct output *out;
	struct buf b;
	int collect;           /* groups go to `c` before output */
	struct store c;
	char **runs;           /* runs sorted in output order */
	size_t nruns;
};

static void csv_field(struct buf *out, const char *s, size_t n)
{
	int quote = n == 0 ? 0 : (s[0] == ' ' || s[n - 1] == ' ');

	for (size_t i = 0; i < n && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
	if (!quote) {
		buf_add(out, s, n);
		return;
	}
	buf_grow(out, 2 * n + 2);
	size_t w = csv_write(out->buf + out->len, out->alloc - out->len, s, n);
	buf_setlen(out, out->len + w);
}

static void tsv_field(struct buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '\t': buf_adds(out, "\\t"); break;
		case '\n': buf_adds(out, "\\n"); break;
		case '\r': buf_adds(out, "\\r"); break;
		case '\\': buf_adds(out, "\\\\"); break;
		default: buf_addc(out, s[i]);
		}
	}
}

/* Starts a column: separator and, for JSONL, the member name. */
static void column(struct agg *a, struct buf *out, int *first, const char *name)
{
	if (a->o.format == AGG_JSONL) {
		buf_addc(out, *first ? '{' : ',');
		json_escape(out, name, strlen(name));
		buf_addc(out, ':');
	} else if (!*first) {
		buf_addc(out, a->o.format == AGG_CSV ? ',' : '\t');
	}
	*first = 0;
}

/* A text value (a key component, a number) in the current format. */
static void cell(struct agg *a, struct buf *out, int tag, const char *s, size_t n)
{
	if (a->o.format == AGG_JSONL)
		comp_json(out, tag, s, n);
	else if (tag == T_NULL)
		return; /* an empty cell, as jq's @csv and @tsv write null */
	else if (a->o.format == AGG_CSV)
		csv_field(out, s, n);
	else
		tsv_field(out, s, n);
}

static int show_count(struct agg *a, size_t r)
{
	return a->reds[r].kind == AGG_COUNT;
}

static void header_row(struct agg *a, struct buf *out)
{
	int first = 1;

	if (a->o.format == AGG_JSONL)
		return;
	for (size_t i = 0; i < a->nkeys; i++) {
		column(a, out, &first, "");
		cell(a, out, T_STRING, a->keys[i].name, strlen(a->keys[i].name));
		if (a->keys[i].kind == AGG_PAIRS) {
			column(a, out, &first, "");
			cell(a, out, T_STRING, a->keys[i].name2, strlen(a->keys[i].name2));
		}
	}
	for (size_t r = 0; r < a->nreds; r++) {
		column(a, out, &first, "");
		cell(a, out, T_STRING, a->reds[r].name, strlen(a->reds[r].name));
		if (a->ss && show_count(a, r)) {
			column(a, out, &first, "");
			cell(a, out, T_STRING, "count_error", 11);
		}
	}
	buf_addc(out, '\n');
}

static void number_cell(struct agg *a, struct buf *out, double d)
{
	buf_reset(&a->canon);
	agg_format_number(&a->canon, d);
	cell(a, out, T_NUMBER, a->canon.buf, a->canon.len);
}

static void render(struct agg *a, struct store *s, uint32_t g, struct buf *out)
{
	size_t kn;
	const unsigned char *k = (const unsigned char *)htab_key(&s->t, g, &kn);
	const unsigned char *ke = k + kn;
	unsigned char *p = gstate(a, s, g);
	int first = 1;

	for (size_t i = 0; i < a->nkeys && k < ke; i++) {
		for (int c = 0; c < (a->keys[i].kind == AGG_PAIRS ? 2 : 1); c++) {
			const char *cs;
			size_t cn;
			int tag = get_comp(&k, &cs, &cn);
			column(a, out, &first, c ? a->keys[i].name2 : a->keys[i].name);
			cell(a, out, tag, cs, cn);
		}
	}
	for (size_t r = 0; r < a->nreds; r++) {
		struct red *rd = &a->reds[r];
		column(a, out, &first, rd->name);
		switch (rd->kind) {
		case AGG_COUNT:
			buf_addu(out, *(uint64_t *)p);
			if (a->ss) {
				column(a, out, &first, "count_error");
				buf_addu(out, *(uint64_t *)(p + a->off_err));
			}
			break;
		case AGG_SUM:
			number_cell(a, out, sum_value((struct sum_slot *)(p + rd->off)));
			break;
		case AGG_MEAN: {
			struct sum_slot *ss = (struct sum_slot *)(p + rd->off);
			if (ss->n)
				number_cell(a, out, sum_value(ss) / (double)ss->n);
			else if (a->o.format == AGG_JSONL)
				buf_adds(out, "null");
			break;
		}
		case AGG_MIN:
		case AGG_MAX: {
			double d = *(double *)(p + rd->off);
			if (d == d)
				number_cell(a, out, d);
			else if (a->o.format == AGG_JSONL)
				buf_adds(out, "null");
			break;
		}
		case AGG_DISTINCT:
			if (a->o.approx) {
				struct hll *h;
				memcpy(&h, p + rd->off, sizeof(h));
				buf_addu(out, (unsigned long long)llround(hll_count(h)));
			} else {
				buf_addu(out, ((struct dist_slot *)(p + rd->off))->n);
			}
			break;
		}
	}
	if (a->o.format == AGG_JSONL)
		buf_addc(out, '}');
	buf_addc(out, '\n');
}

static void flush_sink(struct sink *k)
{
	if (k->b.len > 1 << 16)
		output_buf(k->out, &k->b);
}

/* Writes one final group: as a state line or a result row. */
static void emit_out(struct agg *a, struct store *s, uint32_t g, void *ctx)
{
	struct sink *k = ctx;

	if (a->o.partial)
		write_state_line(a, s, g, &k->b);
	else
		render(a, s, g, &k->b);
	flush_sink(k);
}

/* Takes one merged group into the sink's collection. */
static void emit_collect(struct agg *a, struct store *s, uint32_t g, void *ctx)
{
	struct sink *k = ctx;

	merge_group(a, &k->c, s, g);
	if (a->o.top) {
		if (k->c.t.n > 2 * a->o.top + 4096)
			store_keep(a, &k->c, a->o.top, by_count);
	} else if (a->o.max_memory && store_bytes(a, &k->c) > a->o.max_memory) {
		write_run(a, &k->c, by_output, &k->runs, &k->nruns);
	}
}

/* Outputs the groups of store s: the N largest, in output order. */
static void output_store(struct agg *a, struct store *s, struct sink *k)
{
	if (a->o.top && !a->o.partial)
		store_keep(a, s, a->o.top, by_count);
	uint32_t *ids = sorted_ids(a, s, a->o.partial ? by_key : by_output);
	for (size_t i = 0; i < s->t.n; i++)
		emit_out(a, s, ids[i], k);
	free(ids);
}

/* Space-Saving after a merge: add the floors of the summaries a group was
 * missing from, then keep the capacity. Returns the new floor. */
static unsigned long long ss_settle(struct agg *a)
{
	struct store *s = &a->s;
	unsigned long long floor = 0;

	if (a->have_header) {
		for (size_t g = 0; g < s->t.n; g++) {
			unsigned char *p = gstate(a, s, (uint32_t)g);
			uint64_t add = a->floor_sum - *(uint64_t *)(p + a->off_pmin);
			*(uint64_t *)p += add;
			*(uint64_t *)(p + a->off_err) += add;
			*(uint64_t *)(p + a->off_pmin) = 0;
		}
		floor = a->floor_sum;
		uint64_t dropped = store_keep(a, s, a->capacity, by_count);
		if (dropped > floor)
			floor = dropped;
	} else if (s->t.n >= a->capacity && s->nheap) {
		floor = *gcount(a, s, s->heap[0]);
	}
	return floor;
}

int agg_finish(struct agg *a, struct output *out)
{
	struct sink k;

	if (a->jq_errors && a->policy == ON_ERROR_SKIP)
		err_warn("skipped %llu record%s with errors", a->jq_errors,
			 a->jq_errors == 1 ? "" : "s");
	else if (a->jq_errors > MAX_REPORTED && a->policy == ON_ERROR_REPORT)
		err_warn("%llu records with errors skipped (the first %d shown)", a->jq_errors,
			 MAX_REPORTED);
	memset(&k, 0, sizeof(k));
	k.out = out;
	buf_init(&k.b, 1 << 17);
	if (!a->started) { /* --merge of nothing */
		buf_release(&k.b);
		return a->status;
	}
	unsigned long long floor = 0;
	if (a->ss)
		floor = ss_settle(a);
	note_peak(a, &a->s);
	if (a->o.partial)
		header_line(a, &k.b, floor);
	else
		header_row(a, &k.b);
	if (!a->nruns) {
		output_store(a, &a->s, &k);
	} else {
		if (a->s.t.n)
			write_run(a, &a->s, by_key, &a->runs, &a->nruns);
		if (a->o.partial || (a->o.sort_key && !a->o.top)) {
			merge_runs(a, a->runs, a->nruns, by_key, emit_out, &k);
		} else {
			store_init(a, &k.c);
			merge_runs(a, a->runs, a->nruns, by_key, emit_collect, &k);
			if (!k.nruns) {
				output_store(a, &k.c, &k);
			} else {
				if (k.c.t.n)
					write_run(a, &k.c, by_output, &k.runs, &k.nruns);
				merge_runs(a, k.runs, k.nruns, by_output, emit_out, &k);
				for (size_t i = 0; i < k.nruns; i++)
					free(k.runs[i]);
				free(k.runs);
			}
			store_release(a, &k.c);
		}
		for (size_t i = 0; i < a->nruns; i++)
			free(a->runs[i]);
		a->nruns = 0;
	}
	output_buf(out, &k.b);
	buf_release(&k.b);
	return a->status;
}

void agg_print_stats(struct agg *a, const struct reader *r, FILE *fp)
{
	const char *p = err_prog();

	fprintf(fp, "%s: stats: %llu records read, %llu invalid lines, %llu grouped, "
		"%llu without a key, %llu errors\n",
		p, r->records, r->bad, a->grouped, a->ungrouped, a->jq_errors);
	fprintf(fp, "%s: stats: %llu group updates, %zu groups in memory at peak, %zu bytes",
		p, a->updates, a->peak_groups, a->peak_bytes);
	if (a->peak_groups)
		fprintf(fp, " (%.1f bytes per group)", (double)a->peak_bytes / (double)a->peak_groups);
	fprintf(fp, ", %llu spills\n", a->spills);
}

void agg_free(struct agg *a)
{
	if (!a)
		return;
	if (a->started)
		store_release(a, &a->s);
	for (size_t i = 0; i < a->nkeys; i++) {
		free(a->keys[i].name);
		free(a->keys[i].name2);
		free(a->keys[i].src);
		expr_free(a->keys[i].e);
		if (a->kv)
			vals_release(&a->kv[i]);
	}
	for (size_t i = 0; i < a->nreds; i++) {
		free(a->reds[i].name);
		free(a->reds[i].src);
		expr_free(a->reds[i].e);
		if (a->rv)
			vals_release(&a->rv[i]);
	}
	free(a->keys);
	free(a->reds);
	free(a->kv);
	free(a->rv);
	free(a->odo);
	free(a->spec_json);
	buf_release(&a->key);
	buf_release(&a->tmp);
	buf_release(&a->errb);
	buf_release(&a->canon);
	if (cleanup_agg == a) {
		spill_cleanup();
		cleanup_agg = NULL;
	}
	free(a->runs);
	free(a);
}

/* ---------------------------------------------------------------- */
/* sizes and dates */

int agg_parse_size(const char *s, size_t *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (end == s || errno || v < 0)
		return -1;
	double m = 1;
	switch (*end) {
	case 'k': case 'K': m = 1024.0; end++; break;
	case 'm': case 'M': m = 1024.0 * 1024; end++; break;
	case 'g': case 'G': m = 1024.0 * 1024 * 1024; end++; break;
	case 't': case 'T': m = 1024.0 * 1024 * 1024 * 1024; end++; break;
	}
	if (*end == 'B' || *end == 'b')
		end++;
	if (*end || v * m > 1e18)
		return -1;
	*out = (size_t)(v * m);
	return 0;
}

static int digits(const char *s, size_t n, size_t at, size_t len, long *v)
{
	if (at + len > n)
		return 0;
	*v = 0;
	for (size_t i = at; i < at + len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

static void pad(struct buf *out, long v, int w)
{
	char d[24];
	int n = 0;
	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v && n < 20);
	while (n < w)
		d[n++] = '0';
	while (n)
		buf_addc(out, d[--n]);
}

int agg_bucket(struct buf *out, enum agg_every unit, const char *s, size_t n, double epoch)
{
	long y, mo = 0, d = 0;
	int m = 0, dd = 0;

	if (!s) {
		if (epoch != epoch || epoch < -62135596800.0 || epoch > 253402300799.0)
			return -1;
		struct date_ymd t;
		date_from_days((long)floor(epoch / 86400.0), &t);
		y = t.y;
		m = t.m;
		dd = t.d;
	} else {
		if (!digits(s, n, 0, 4, &y))
			return -1;
		if (n > 4 && s[4] == '-' && digits(s, n, 5, 2, &mo)) {
			if (mo < 1 || mo > 12)
				return -1;
			m = (int)mo;
			if (n > 7 && s[7] == '-' && digits(s, n, 8, 2, &d)) {
				if (d < 1 || d > date_month_days((int)y, m))
					return -1;
				dd = (int)d;
				if (n > 10 && s[10] != 'T' && s[10] != ' ' && s[10] != 't')
					return -1;
			} else if (n > 7) {
				return -1;
			}
		} else if (n > 4) {
			return -1;
		}
	}
	switch (unit) {
	case AGG_YEAR:
		pad(out, y, 4);
		return 0;
	case AGG_MONTH:
		if (!m)
			return -1;
		pad(out, y, 4);
		buf_addc(out, '-');
		pad(out, m, 2);
		return 0;
	case AGG_DAY:
		if (!dd)
			return -1;
		pad(out, y, 4);
		buf_addc(out, '-');
		pad(out, m, 2);
		buf_addc(out, '-');
		pad(out, dd, 2);
		return 0;
	case AGG_WEEK: {
		if (!dd)
			return -1;
		struct date_ymd t = { (int)y, m, dd };
		int ty, week;
		date_iso_week(&t, &ty, &week);
		pad(out, ty, 4);
		buf_adds(out, "-W");
		pad(out, week, 2);
		return 0;
	}
	}
	return -1;
}
