/* Unit tests: HyperLogLog sketch (exact while sparse, error bound when
 * dense, merge = union, text form round trip). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "wire/core/htab.h"
#include "wire/aggregate/hll.h"

static void add_n(struct hll *h, int from, int to)
{
	char k[32];
	for (int i = from; i < to; i++) {
		snprintf(k, sizeof(k), "v%d", i);
		hll_add(h, hash_bytes(k, strlen(k)));
	}
}

static void sparse_exact(void **state)
{
	struct hll *h = hll_new();
	(void)state;

	assert_true(hll_count(h) == 0);
	add_n(h, 0, 100);
	add_n(h, 0, 100); /* again: no change */
	assert_true(hll_count(h) == 100);
	assert_null(h->dense);
	hll_free(h);
}

/* Dense estimates stay within 3 standard errors (1.04/sqrt(4096) = 1.6 %). */
static void dense_error(void **state)
{
	int sizes[] = { 1000, 10000, 100000, 1000000 };
	(void)state;

	for (int s = 0; s < 4; s++) {
		struct hll *h = hll_new();
		add_n(h, 0, sizes[s]);
		double e = hll_count(h);
		assert_true(fabs(e - sizes[s]) / sizes[s] < 3 * 0.0163);
		hll_free(h);
	}
}

/* Merging sketches of two overlapping sets equals the sketch of the union. */
static void merge_is_union(void **state)
{
	struct hll *a = hll_new(), *b = hll_new(), *u = hll_new();
	(void)state;

	add_n(a, 0, 30000);
	add_n(b, 20000, 50000);
	add_n(u, 0, 50000);
	hll_merge(a, b);
	assert_true(hll_count(a) == hll_count(u));
	assert_memory_equal(a->dense, u->dense, HLL_M);
	/* sparse into dense and sparse into sparse */
	struct hll *c = hll_new(), *d = hll_new();
	add_n(c, 0, 10);
	add_n(d, 5, 20);
	hll_merge(c, d);
	assert_true(hll_count(c) == 20);
	hll_merge(u, c);
	assert_true(hll_count(a) == hll_count(u));
	hll_free(a);
	hll_free(b);
	hll_free(u);
	hll_free(c);
	hll_free(d);
}

static void text_round_trip(void **state)
{
	struct buf t = BUF_INIT;
	(void)state;

	for (int n = 0; n < 2; n++) {
		struct hll *h = hll_new(), *r = hll_new();
		add_n(h, 0, n ? 5000 : 50);
		buf_reset(&t);
		hll_format(h, &t);
		assert_int_equal(hll_parse(r, t.buf, t.len), 0);
		assert_true(hll_count(h) == hll_count(r));
		hll_free(h);
		hll_free(r);
	}
	struct hll *x = hll_new();
	assert_int_equal(hll_parse(x, "s:123", 5), -1);
	assert_int_equal(hll_parse(x, "d:00", 4), -1);
	assert_int_equal(hll_parse(x, "q:", 2), -1);
	assert_int_equal(hll_parse(x, "s:zzzzzzzzzzzzzzzz", 18), -1);
	hll_free(x);
	buf_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sparse_exact),
		cmocka_unit_test(dense_error),
		cmocka_unit_test(merge_is_union),
		cmocka_unit_test(text_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
