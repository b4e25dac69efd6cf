/*
 * spacesaving — the Space-Saving summary behind --top with --approx: a
 * min-heap of group ids by count; a new group takes the place of the
 * smallest one and inherits its count as its error.
 */

#include "agg_impl.h"

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
uint32_t agg_find_group(struct agg *a, struct store *s, int *fresh)
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
		agg_new_state(a, s, g);
		if (a->ss)
			heap_push(a, s, g);
	}
	*fresh = added;
	return g;
}

/* Applies the record's reducer values to group g. */
void agg_update_group(struct agg *a, struct store *s, uint32_t g)
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
					agg_hll_add_value(a, s, h, vp, vn);
				} else {
					agg_dset_add(a, s, rd->set, g, vp, vn, (struct dist_slot *)(p + rd->off));
				}
			}
			break;
		}
	}
}

/* Space-Saving after a merge: add the floors of the summaries a group was
 * missing from, then keep the capacity. Returns the new floor. */
unsigned long long agg_ss_settle(struct agg *a)
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
		uint64_t dropped = agg_store_keep(a, s, a->capacity, agg_by_count);
		if (dropped > floor)
			floor = dropped;
	} else if (s->t.n >= a->capacity && s->nheap) {
		floor = *gcount(a, s, s->heap[0]);
	}
	return floor;
}
