/* Unit tests: agg helpers — numbers printed as jq 1.6 prints them, time
 * buckets (ISO weeks at year ends), sizes. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "wire/aggregate/agg.h"

static void num_is(double d, const char *want)
{
	struct buf b = BUF_INIT;
	agg_format_number(&b, d);
	assert_string_equal(b.buf, want);
	buf_release(&b);
}

/* Expected strings are what jq 1.6 prints for the same number. */
static void numbers_like_jq(void **state)
{
	(void)state;
	num_is(1, "1");
	num_is(-0.0, "-0");
	num_is(0.1, "0.1");
	num_is(1e17, "1e+17");
	num_is(1e16, "1e+16");
	num_is(1e15, "1000000000000000");
	num_is(123456789012345678.0, "123456789012345680");
	num_is(1.5e-7, "1.5e-07");
	num_is(1e-5, "1e-05");
	num_is(0.0001, "0.0001");
	num_is(1e300, "1e+300");
	num_is(3.14159265358979323846, "3.141592653589793");
	num_is(0.1 + 0.2, "0.30000000000000004");
	num_is(-2.5, "-2.5");
	num_is(HUGE_VAL, "1.7976931348623157e+308");
	num_is(NAN, "null");
}

static void bucket_is(enum agg_every u, const char *date, const char *want)
{
	struct buf b = BUF_INIT;
	int r = agg_bucket(&b, u, date, strlen(date), 0);
	if (!want) {
		assert_int_equal(r, -1);
	} else {
		assert_int_equal(r, 0);
		assert_string_equal(b.buf, want);
	}
	buf_release(&b);
}

static void buckets(void **state)
{
	(void)state;
	bucket_is(AGG_WEEK, "2024-12-29", "2024-W52");
	bucket_is(AGG_WEEK, "2024-12-30", "2025-W01");
	bucket_is(AGG_WEEK, "2021-01-03", "2020-W53");
	bucket_is(AGG_WEEK, "2027-01-01", "2026-W53");
	bucket_is(AGG_WEEK, "1969-12-31", "1970-W01");
	bucket_is(AGG_MONTH, "2025-09-25T10:00:00Z", "2025-09");
	bucket_is(AGG_MONTH, "2025-09", "2025-09");
	bucket_is(AGG_YEAR, "2025", "2025");
	bucket_is(AGG_DAY, "2024-02-29", "2024-02-29");
	bucket_is(AGG_DAY, "2023-02-29", NULL);
	bucket_is(AGG_DAY, "2025-09", NULL);
	bucket_is(AGG_MONTH, "2025-13", NULL);
	bucket_is(AGG_YEAR, "20x5", NULL);
	bucket_is(AGG_DAY, "2025-09-25x", NULL);

	struct buf b = BUF_INIT;
	assert_int_equal(agg_bucket(&b, AGG_DAY, NULL, 0, 1758758399.5), 0);
	assert_string_equal(b.buf, "2025-09-24");
	buf_reset(&b);
	assert_int_equal(agg_bucket(&b, AGG_DAY, NULL, 0, -1), 0);
	assert_string_equal(b.buf, "1969-12-31");
	assert_int_equal(agg_bucket(&b, AGG_DAY, NULL, 0, NAN), -1);
	buf_release(&b);
}

static void sizes(void **state)
{
	size_t s;
	(void)state;
	assert_int_equal(agg_parse_size("100", &s), 0);
	assert_int_equal(s, 100);
	assert_int_equal(agg_parse_size("4k", &s), 0);
	assert_int_equal(s, 4096);
	assert_int_equal(agg_parse_size("1.5G", &s), 0);
	assert_int_equal(s, 1536u * 1024 * 1024);
	assert_int_equal(agg_parse_size("512MB", &s), 0);
	assert_int_equal(s, 512u * 1024 * 1024);
	assert_int_equal(agg_parse_size("lots", &s), -1);
	assert_int_equal(agg_parse_size("-1", &s), -1);
	assert_int_equal(agg_parse_size("1x", &s), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(numbers_like_jq),
		cmocka_unit_test(buckets),
		cmocka_unit_test(sizes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
