/* Unit tests of lib/date.c: parsing, formatting, calendar arithmetic and
 * the finder over sentences (date_find). No test reads /work/shared. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "wire/buf.h"
#include "wire/date.h"

/* ---- date_parse / date_format ---- */

/* Parses s; asserts it used `used` bytes (-1: all) and formats to `iso`. */
static void check_parse(const char *s, int used, const char *iso)
{
	struct date_ymd d = { -1, -1, -1 };
	struct buf b = BUF_INIT;
	size_t n = strlen(s), got = date_parse(s, n, &d);

	if (used < 0)
		used = (int)n;
	if (got != (size_t)used)
		fail_msg("date_parse(\"%s\") used %zu bytes, want %d", s, got,
			 used);
	if (!used) {
		assert_int_equal(d.y, -1);
		return;
	}
	date_format(&d, &b);
	if (strcmp(b.buf, iso))
		fail_msg("date_parse(\"%s\") = %s, want %s", s, b.buf, iso);
	buf_release(&b);
}

static void parse_iso(void **state)
{
	(void)state;
	check_parse("2025-09-25", -1, "2025-09-25");
	check_parse("2025-09-25 is the day", 10, "2025-09-25");
	check_parse("2025-09-25T10:00Z", -1, "2025-09-25");
	check_parse("2025-09-25T10:00:05.25+07:00 x", 28, "2025-09-25");
	check_parse("2025/9/5", -1, "2025-09-05");
	check_parse("20250925", -1, "2025-09-25");
	check_parse("2025-09", -1, "2025-09");
	check_parse("2024-02-29", -1, "2024-02-29");
	check_parse("2025-02-29", 0, "");
	check_parse("2025-13-01", 0, "");
	check_parse("2025-09-31", 0, "");
	check_parse("2025-09-25x", 0, "");
	check_parse("2025-09-25-3", 0, "");
	check_parse("2023-2026", 0, "");
	check_parse("1900-02-29", 0, "");
	check_parse("2000-02-29", -1, "2000-02-29");
}

static void parse_words(void **state)
{
	(void)state;
	check_parse("25 September 2025", -1, "2025-09-25");
	check_parse("25th of September, 2025", -1, "2025-09-25");
	check_parse("1 JAN 2026 news", 10, "2026-01-01");
	check_parse("September 25, 2025", -1, "2025-09-25");
	check_parse("Sept. 25, 2025", -1, "2025-09-25");
	check_parse("Sep 25 2025", -1, "2025-09-25");
	check_parse("sep 25th, 2025.", 14, "2025-09-25");
	check_parse("Thursday, September 25, 2025", -1, "2025-09-25");
	check_parse("Thu, 25 Sep 2025 10:00:00 +0000", 16, "2025-09-25");
	check_parse("September 2025", -1, "2025-09");
	check_parse("Feb. 2024", -1, "2024-02");
	check_parse("February 30, 2024", 0, "");
	check_parse("September 25", 0, "");
	check_parse("25 September", 0, "");
	check_parse("Thursday", 0, "");
	check_parse("Thursday 2025", 0, "");
	check_parse("Septembers 25, 2025", 0, "");
	check_parse("Mayday 2025", 0, "");
	check_parse("Sept 25, 20251", 0, "");
}

static void parse_numeric(void **state)
{
	(void)state;
	check_parse("25/09/2025", -1, "2025-09-25");
	check_parse("25.09.2025", -1, "2025-09-25");
	check_parse("5-9-2025", -1, "2025-09-05");
	check_parse("03/04/2025", -1, "2025-04-03"); /* day first */
	check_parse("09/25/2025", -1, "2025-09-25"); /* only reading */
	check_parse("31/02/2025", 0, "");
	check_parse("25/13/2025", 0, "");
	check_parse("25/09/25", 0, "");
	check_parse("2025", -1, "2025");
	check_parse("2025  ", 4, "2025");
	check_parse("2025 troops", 0, "");
	check_parse("2,000", 0, "");
	check_parse("", 0, "");
	check_parse("x", 0, "");
}

static void format_forms(void **state)
{
	struct buf b = BUF_INIT;
	struct date_ymd d = { 2025, 9, 5 };

	(void)state;
	date_format(&d, &b);
	assert_string_equal(b.buf, "2025-09-05");
	buf_reset(&b);
	d.d = 0;
	date_format(&d, &b);
	assert_string_equal(b.buf, "2025-09");
	buf_reset(&b);
	d.m = 0;
	date_format(&d, &b);
	assert_string_equal(b.buf, "2025");
	buf_reset(&b);
	d.y = 0;
	d.m = 7;
	date_format(&d, &b);
	assert_string_equal(b.buf, "XXXX-07");
	buf_reset(&b);
	d.y = 33;
	d.m = 0;
	date_format(&d, &b);
	assert_string_equal(b.buf, "0033");
	buf_release(&b);
}

/* ---- calendar ---- */

static void calendar(void **state)
{
	struct date_ymd d = { 2025, 9, 25 };
	int y, w;

	(void)state;
	assert_int_equal(date_weekday(&d), 4); /* Thursday */
	d = (struct date_ymd){ 1970, 1, 1 };
	assert_int_equal(date_to_days(&d), 0);
	assert_int_equal(date_weekday(&d), 4);
	d = (struct date_ymd){ 2024, 2, 28 };
	date_add_days(&d, 1);
	assert_int_equal(d.m * 100 + d.d, 229);
	date_add_days(&d, 1);
	assert_int_equal(d.m * 100 + d.d, 301);
	d = (struct date_ymd){ 2025, 3, 1 };
	date_add_days(&d, -1);
	assert_int_equal(d.m * 100 + d.d, 228);
	d = (struct date_ymd){ 2025, 12, 31 };
	date_add_days(&d, 1);
	assert_int_equal(d.y * 10000 + d.m * 100 + d.d, 20260101);
	d = (struct date_ymd){ 1969, 12, 31 };
	assert_int_equal(date_to_days(&d), -1);
	/* month arithmetic with clamping and year carry */
	d = (struct date_ymd){ 2025, 1, 31 };
	date_add_months(&d, 1);
	assert_int_equal(d.y * 10000 + d.m * 100 + d.d, 20250228);
	d = (struct date_ymd){ 2024, 1, 31 };
	date_add_months(&d, 1);
	assert_int_equal(d.y * 10000 + d.m * 100 + d.d, 20240229);
	d = (struct date_ymd){ 2025, 1, 15 };
	date_add_months(&d, -1);
	assert_int_equal(d.y * 10000 + d.m * 100 + d.d, 20241215);
	d = (struct date_ymd){ 2025, 11, 0 };
	date_add_months(&d, 14);
	assert_int_equal(d.y * 10000 + d.m * 100 + d.d, 20270100);
	d = (struct date_ymd){ 2025, 3, 0 };
	date_add_months(&d, -27);
	assert_int_equal(d.y * 100 + d.m, 202212);
	/* ISO weeks across the new year */
	d = (struct date_ymd){ 2024, 12, 30 };
	date_iso_week(&d, &y, &w);
	assert_int_equal(y * 100 + w, 202501);
	d = (struct date_ymd){ 2021, 1, 3 };
	date_iso_week(&d, &y, &w);
	assert_int_equal(y * 100 + w, 202053);
	d = (struct date_ymd){ 2021, 1, 4 };
	date_iso_week(&d, &y, &w);
	assert_int_equal(y * 100 + w, 202101);
	d = (struct date_ymd){ 2025, 9, 25 };
	date_iso_week(&d, &y, &w);
	assert_int_equal(y * 100 + w, 202539);
	d = (struct date_ymd){ 2026, 1, 1 };
	date_iso_week(&d, &y, &w);
	assert_int_equal(y * 100 + w, 202601);
	d = (struct date_ymd){ 2027, 1, 1 };
	date_iso_week(&d, &y, &w);
	assert_int_equal(y * 100 + w, 202653);
	assert_true(date_is_leap(2000));
	assert_false(date_is_leap(1900));
	assert_true(date_is_leap(2024));
	assert_int_equal(date_month_days(2023, 2), 28);
	assert_int_equal(date_month_days(2023, 13), 0);
}

static void lexicon(void **state)
{
	(void)state;
	assert_int_equal(date_month_word("SEPT", 4), 9);
	assert_int_equal(date_month_word("sep", 3), 9);
	assert_int_equal(date_month_word("Septe", 5), 0);
	assert_int_equal(date_month_word("May", 3), 5);
	assert_int_equal(date_month_word("ma", 2), 0);
	assert_int_equal(date_weekday_word("WEDNESDAY", 9), 3);
	assert_int_equal(date_weekday_word("Tues", 4), 2);
	assert_int_equal(date_weekday_word("Thurs", 5), 4);
	assert_int_equal(date_weekday_word("Fris", 4), 0);
	assert_int_equal(date_weekday_word("su", 2), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_iso),
		cmocka_unit_test(parse_words),
		cmocka_unit_test(parse_numeric),
		cmocka_unit_test(format_forms),
		cmocka_unit_test(calendar),
		cmocka_unit_test(lexicon),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
