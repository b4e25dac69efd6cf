/*
 * store — a table of groups and their per-group states (counts, sums,
 * distinct sets), moving a group from one store to another, and the orders
 * groups are sorted in.
 */

#include "agg_impl.h"

void agg_store_init(struct agg *a, struct store *s)
{
	memset(s, 0, sizeof(*s));
	htab_init(&s->t);
	if (a->nsets) {
		s->sets = xcalloc((size_t)a->nsets, sizeof(*s->sets));
		for (int i = 0; i < a->nsets; i++)
			htab_init(&s->sets[i].t);
	}
}

/* A store whose exact distinct sets are counts only: no set tables. */
void agg_store_init_counted(struct agg *a, struct store *s)
{
	(void)a;
	memset(s, 0, sizeof(*s));
	htab_init(&s->t);
	s->counted = 1;
}

void agg_store_release(struct agg *a, struct store *s)
{
	for (size_t r = 0; r < a->nreds; r++) {
		if (a->reds[r].kind != AGG_DISTINCT || !a->o.approx)
			continue;
		for (size_t g = 0; g < s->t.n; g++) {
			struct hll **h = (struct hll **)(s->st + g * a->stride + a->reds[r].off);
			hll_free(*h);
		}
	}
	for (int i = 0; i < a->nsets && s->sets; i++) {
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

void agg_store_reset(struct agg *a, struct store *s)
{
	int counted = s->counted;

	agg_store_release(a, s);
	if (counted)
		agg_store_init_counted(a, s);
	else
		agg_store_init(a, s);
}

size_t agg_store_bytes(const struct agg *a, const struct store *s)
{
	size_t b = htab_bytes(&s->t) + s->ast * a->stride + s->hll_bytes;

	for (int i = 0; i < a->nsets && s->sets; i++)
		b += htab_bytes(&s->sets[i].t) + s->sets[i].anext * sizeof(uint32_t);
	return b;
}

/* Makes the state of a new group `g`: zero counts, min/max empty. */
void agg_new_state(struct agg *a, struct store *s, uint32_t g)
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
void agg_dset_add(struct agg *a, struct store *s, int set, uint32_t g, const char *p,
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

void agg_hll_add_value(struct agg *a, struct store *s, struct hll *h, const char *p, size_t n)
{
	size_t before = hll_bytes(h);
	hll_add(h, hash_bytes(p, n));
	s->hll_bytes += hll_bytes(h) - before;
}

/* Merges group g of store `src` into store `dst`. */
uint32_t agg_merge_group(struct agg *a, struct store *dst, struct store *src, uint32_t g)
{
	size_t kn;
	const char *k = htab_key(&src->t, g, &kn);
	int added;
	uint32_t d = htab_intern(&dst->t, k, kn, hash_bytes(k, kn), &added);

	if (added)
		agg_new_state(a, dst, d);
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
			} else if (src->counted || dst->counted) {
				/* counts only: dst's groups are distinct keys */
				((struct dist_slot *)(p + rd->off))->n +=
					((const struct dist_slot *)(q + rd->off))->n;
			} else {
				struct dist_slot *ds = (struct dist_slot *)(q + rd->off);
				struct dset *set = &src->sets[rd->set];
				for (uint32_t id = ds->head; id; id = set->next[id - 1]) {
					size_t len;
					const char *v = htab_key(&set->t, id - 1, &len);
					/* the slot pointer may move as dst grows: refetch */
					agg_dset_add(a, dst, rd->set, d, v + sizeof(uint32_t),
						 len - sizeof(uint32_t),
						 (struct dist_slot *)(gstate(a, dst, d) + rd->off));
				}
			}
			break;
		}
	}
	return d;
}

int agg_by_key(struct agg *a, struct store *x, uint32_t i, struct store *y, uint32_t j)
{
	size_t xn, yn;
	const char *xk = htab_key(&x->t, i, &xn), *yk = htab_key(&y->t, j, &yn);
	(void)a;
	return agg_key_cmp(xk, xn, yk, yn);
}

/* The output order: count descending then key, or key alone. */
int agg_by_output(struct agg *a, struct store *x, uint32_t i, struct store *y, uint32_t j)
{
	if (!a->o.sort_key) {
		uint64_t c = *gcount(a, x, i), d = *gcount(a, y, j);
		if (c != d)
			return c > d ? -1 : 1;
	}
	return agg_by_key(a, x, i, y, j);
}

/* Count descending then key: the top-N order, whatever --sort says. */
int agg_by_count(struct agg *a, struct store *x, uint32_t i, struct store *y, uint32_t j)
{
	uint64_t c = *gcount(a, x, i), d = *gcount(a, y, j);
	if (c != d)
		return c > d ? -1 : 1;
	return agg_by_key(a, x, i, y, j);
}

static struct agg *sort_agg;
static struct store *sort_store;
static order_fn sort_fn;

static int sort_cmp(const void *x, const void *y)
{
	return sort_fn(sort_agg, sort_store, *(const uint32_t *)x, sort_store, *(const uint32_t *)y);
}

/* The ids of store s in order `fn` (caller frees). */
uint32_t *agg_sorted_ids(struct agg *a, struct store *s, order_fn fn)
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
uint64_t agg_store_keep(struct agg *a, struct store *s, size_t keep, order_fn fn)
{
	if (s->t.n <= keep)
		return 0;
	uint32_t *ids = agg_sorted_ids(a, s, fn);
	uint64_t dropped = 0;
	struct store n;
	if (s->counted)
		agg_store_init_counted(a, &n);
	else
		agg_store_init(a, &n);
	for (size_t i = 0; i < s->t.n; i++) {
		if (i < keep) {
			agg_merge_group(a, &n, s, ids[i]);
		} else if (*gcount(a, s, ids[i]) > dropped) {
			dropped = *gcount(a, s, ids[i]);
		}
	}
	free(ids);
	agg_store_release(a, s);
	*s = n;
	return dropped;
}
