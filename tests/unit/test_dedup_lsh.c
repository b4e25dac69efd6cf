/* Unit tests: the wire-dedup story index (lib/dedup/lsh.c) — find what
 * was added, the threshold and the figures rule, leader clustering,
 * ageing by day and by size, bounded work on keys shared by many. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "wire/core/hash.h"
#include "wire/dedup/lsh.h"

static const struct lsh_opts opts = { 64, 2, 0.5, 0.8, LSH_JACCARD };

/* A sketch whose bins are hashes of (seed, bin); `same` of its first
 * bins taken from seed 0, so two sketches agree on at least that many. */
static void make(struct sig *s, unsigned seed, unsigned same)
{
	for (unsigned i = 0; i < SIG_BINS; i++)
		s->v[i] = (uint32_t)hash_fmix64(((uint64_t)(i < same ? 0 : seed) << 32 | i) + 1);
	s->n = 100;
	s->nfig = 0;
}

static void find_added(void **state)
{
	struct lsh *x = lsh_new(&opts);
	struct sig a, b;
	size_t len;
	double sim;
	(void)state;

	make(&a, 1, 0);
	assert_null(lsh_find(x, &a, &len, &sim));
	lsh_add(x, &a, "\"a\"", 3, 0);
	const char *id = lsh_find(x, &a, &len, &sim);
	assert_non_null(id);
	assert_int_equal(len, 3);
	assert_memory_equal(id, "\"a\"", 3);
	assert_true(sim == 1.0);
	/* 80 of 128 bins alike: found, with that similarity */
	make(&b, 2, 80);
	make(&a, 3, 80);
	lsh_add(x, &a, "\"c\"", 3, 0);
	id = lsh_find(x, &b, &len, &sim);
	assert_non_null(id);
	assert_memory_equal(id, "\"c\"", 3);
	assert_true(sim == 80.0 / SIG_BINS);
	/* the size of the version found, for --fuller */
	assert_int_equal(lsh_found_n(x), 100);
	/* a second version of story "c", larger: found under c's id */
	struct sig c;
	make(&c, 6, 90);
	c.n = 150;
	lsh_add(x, &c, "\"c\"", 3, 0);
	make(&b, 7, 90);
	id = lsh_find(x, &b, &len, &sim);
	assert_non_null(id);
	assert_memory_equal(id, "\"c\"", 3);
	assert_int_equal(lsh_found_n(x), 150);
	/* 40 of 128: below the threshold */
	make(&b, 4, 40);
	make(&a, 5, 40);
	struct lsh *y = lsh_new(&opts);
	lsh_add(y, &a, "\"d\"", 3, 0);
	assert_null(lsh_find(y, &b, &len, &sim));
	/* the figures disagree: no match however alike the words */
	a.nfig = b.nfig = 2;
	a.fig[0] = b.fig[0] = 7;
	a.fig[1] = 9;
	b.fig[1] = 11;
	make(&b, 6, 128);
	b.nfig = 2;
	b.fig[0] = 7;
	b.fig[1] = 11;
	struct lsh *z = lsh_new(&opts);
	make(&a, 6, 128);
	a.nfig = 2;
	a.fig[0] = 7;
	a.fig[1] = 9;
	lsh_add(z, &a, "\"e\"", 3, 0);
	assert_null(lsh_find(z, &b, &len, &sim));
	b.fig[1] = 9;
	assert_non_null(lsh_find(z, &b, &len, &sim));
	lsh_free(x);
	lsh_free(y);
	lsh_free(z);
}

/* Many stories sharing the keys of a few bands and none of the others:
 * every band's table must grow (it once waited on band 0's alone, and a
 * full table made the next probe endless). */
static void shared_keys(void **state)
{
	struct lsh *x = lsh_new(&opts);
	struct sig s;
	char id[32];
	size_t len;
	double sim;
	(void)state;

	for (unsigned i = 1; i <= 20000; i++) {
		make(&s, i, 2);   /* band 0 alike in all, the other bands apart */
		int n = snprintf(id, sizeof(id), "\"s%u\"", i);
		assert_null(lsh_find(x, &s, &len, &sim));
		lsh_add(x, &s, id, (size_t)n, 0);
	}
	assert_int_equal(lsh_count(x), 20000);
	make(&s, 77, 2);
	const char *f = lsh_find(x, &s, &len, &sim);
	assert_non_null(f);
	assert_memory_equal(f, "\"s77\"", 5);
	lsh_free(x);
}

static void ageing(void **state)
{
	struct lsh *x = lsh_new(&opts);
	struct sig s;
	char id[32];
	size_t len;
	double sim;
	(void)state;

	for (unsigned d = 0; d < 30; d++) {
		make(&s, d + 1, 0);
		int n = snprintf(id, sizeof(id), "\"d%u\"", d);
		lsh_add(x, &s, id, (size_t)n, (long)d);
	}
	lsh_age(x, 20, 0);           /* stories of days 0..19 go */
	assert_int_equal(lsh_count(x), 10);
	make(&s, 1, 0);
	assert_null(lsh_find(x, &s, &len, &sim));
	make(&s, 25, 0);
	assert_non_null(lsh_find(x, &s, &len, &sim));
	lsh_free(x);

	/* by size: 100,000 stories through 1 MB stay near it */
	x = lsh_new(&opts);
	size_t most = 0;
	for (unsigned i = 1; i <= 100000; i++) {
		make(&s, i, 0);
		int n = snprintf(id, sizeof(id), "\"m%u\"", i);
		lsh_add(x, &s, id, (size_t)n, 0);
		lsh_age(x, LONG_MIN, 1 << 20);
		if (lsh_bytes(x) > most)
			most = lsh_bytes(x);
	}
	assert_true(lsh_count(x) > 50 && lsh_count(x) < 1000);
	assert_true(most < 3 << 20);
	make(&s, 100000, 0);
	assert_non_null(lsh_find(x, &s, &len, &sim));
	make(&s, 1, 0);
	assert_null(lsh_find(x, &s, &len, &sim));
	lsh_free(x);
}

/* Leader clustering: the best story wins; on a tie, the older. */
static void best_and_oldest(void **state)
{
	struct lsh *x = lsh_new(&opts);
	struct sig a, b, q;
	size_t len;
	double sim;
	(void)state;

	make(&a, 10, 70);
	make(&b, 11, 100);
	lsh_add(x, &a, "\"a\"", 3, 0);
	lsh_add(x, &b, "\"b\"", 3, 0);
	make(&q, 12, 100);
	const char *f = lsh_find(x, &q, &len, &sim);
	assert_memory_equal(f, "\"b\"", 3);
	make(&a, 13, 90);
	make(&b, 14, 90);
	struct lsh *y = lsh_new(&opts);
	lsh_add(y, &a, "\"old\"", 5, 0);
	lsh_add(y, &b, "\"new\"", 5, 0);
	f = lsh_find(y, &q, &len, &sim);
	assert_memory_equal(f, "\"old\"", 5);
	lsh_free(x);
	lsh_free(y);
}

/* Keys made apart (lsh_keys, on a sketching thread) find what lsh_find
 * finds, for two rows (the unrolled case) and for other band shapes; keys
 * of another sketch find that sketch's story, not this one's. */
static void keyed_apart(void **state)
{
	static const struct lsh_opts shapes[] = {
		{ 64, 2, 0.5, 0.8, LSH_JACCARD },
		{ 32, 4, 0.5, 0.8, LSH_JACCARD },
		{ 128, 1, 0.5, 0.8, LSH_CONTAINMENT },
	};
	(void)state;

	for (size_t k = 0; k < sizeof(shapes) / sizeof(shapes[0]); k++) {
		struct lsh *x = lsh_new(&shapes[k]);
		struct sig a, b, q;
		uint32_t keys[SIG_BINS];
		size_t len1, len2;
		double sim1, sim2;

		make(&a, 20, 100);
		make(&b, 21, 0);
		lsh_add(x, &a, "\"a\"", 3, 0);
		lsh_add(x, &b, "\"b\"", 3, 0);
		for (unsigned same = 0; same <= SIG_BINS; same += 16) {
			make(&q, 22, same);
			lsh_keys(&shapes[k], &q, keys);
			const char *f1 = lsh_find(x, &q, &len1, &sim1);
			const char *f2 = lsh_find_keyed(x, &q, keys, &len2, &sim2);
			assert_true((f1 == NULL) == (f2 == NULL));
			if (f1) {
				assert_int_equal(len1, len2);
				assert_memory_equal(f1, f2, len1);
				assert_true(sim1 == sim2);
			}
		}
		/* the keys given are the ones walked: a's own sketch with b's
		 * keys meets only b, which shares no bin with it */
		assert_non_null(lsh_find(x, &a, &len1, &sim1));
		lsh_keys(&shapes[k], &b, keys);
		assert_null(lsh_find_keyed(x, &a, keys, &len1, &sim1));
		lsh_free(x);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(find_added),
		cmocka_unit_test(shared_keys),
		cmocka_unit_test(ageing),
		cmocka_unit_test(best_and_oldest),
		cmocka_unit_test(keyed_apart),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
