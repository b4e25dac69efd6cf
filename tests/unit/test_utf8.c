/* Unit tests: UTF-8 counting, validation, sanitising and key folding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "wire/core/utf8.h"

static void fold_is(const char *in, const char *want)
{
	struct buf b = BUF_INIT;

	utf8_fold(&b, in, strlen(in));
	assert_string_equal(b.buf, want);
	buf_release(&b);
}

static void test_fold(void **state)
{
	(void)state;
	fold_is("Hoàng Xuân Chiến", "hoang xuan chien");
	fold_is("Hoang Xuan Chien", "hoang xuan chien");
	fold_is("Đặng Thị Lan", "dang thi lan");
	fold_is("Łukasz Błaszczyk", "lukasz blaszczyk");
	fold_is("Việt Nam", "viet nam");
	fold_is("Straße", "strasse");
	fold_is("Søren Ærø", "soren aero");
	fold_is("  Datuk\u00a0Seri \t Anwar  ", "datuk seri anwar");
	fold_is("Experts’ Working Group", "experts' working group");
	fold_is("ＡＳＥＡＮ", "asean"); /* fullwidth, compatibility */
	fold_is("", "");
	fold_is("bad \xff byte", "bad byte");
}

static void test_count_and_check(void **state)
{
	(void)state;
	const char *s = "Chiến 😀";
	assert_int_equal(utf8_count(s, strlen(s)), 7);
	assert_int_equal(utf8_check(s, strlen(s)), strlen(s));
	const char *bad[] = { "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82", "\x80" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_int_equal(utf8_check(bad[i], strlen(bad[i])), 0);
	const char *mixed = "abcdefghijk\xff";
	assert_int_equal(utf8_check(mixed, strlen(mixed)), 11);
}

static void test_sanitize(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	const char *s = "a\xffz\xe2\x82" "b";
	assert_int_equal(utf8_sanitize(&b, s, strlen(s)), 2);
	assert_string_equal(b.buf, "a\xef\xbf\xbdz\xef\xbf\xbd" "b");
	buf_release(&b);
}

#define R "\xef\xbf\xbd" /* U+FFFD */

static void sanitized_is(const char *in, const char *want, size_t nbad)
{
	struct buf b = BUF_INIT;

	assert_int_equal(utf8_sanitize(&b, in, strlen(in)), nbad);
	assert_string_equal(b.buf, want);
	buf_release(&b);
}

/* Each maximal subpart of an invalid sequence is one U+FFFD (Unicode
 * 3.9, "U+FFFD substitution of maximal subparts", as Python and the
 * WHATWG decoder do): a byte that cannot start a sequence is one, a lead
 * byte with the continuation bytes that fit it is one. */
static void test_sanitize_maximal_subparts(void **state)
{
	(void)state;
	/* Unicode table 3-8 */
	sanitized_is("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64",
		     "a" R R R "b" R "c" R R "d", 6);
	sanitized_is("\xc0\xaf", R R, 2);                 /* overlong '/' */
	sanitized_is("\xed\xa0\x80x", R R R "x", 3);      /* a surrogate */
	sanitized_is("\xf4\x90\x80\x80", R R R R, 4);     /* beyond U+10FFFF */
	sanitized_is("\xe0\x80\xaf", R R R, 3);           /* overlong, 3 bytes */
	sanitized_is("\xf0\x9f\x98", R, 1);               /* cut at the end */
	sanitized_is("\xf0\x9f\x98\"", R "\"", 1);        /* cut before a quote */
	sanitized_is("\xf5\x80", R R, 2);
	sanitized_is("ok \xf0\x9f\x98\x80 ok", "ok \xf0\x9f\x98\x80 ok", 0);
}

/* The reference: utf8_decode byte by byte. */
static size_t check_ref(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	int32_t cp;

	while (p < end) {
		int k = utf8_decode(p, end, &cp);
		if (!k)
			return (size_t)(p - s);
		p += k;
	}
	return n;
}

/* utf8_check (SIMD and word-at-a-time skips, inline decoding) agrees with
 * utf8_decode on random text: ASCII runs of every length around the
 * 8- and 16-byte steps, valid sequences of each length, and bad bytes. */
static void test_check_random(void **state)
{
	(void)state;
	static const char *const pieces[] = {
		"a", "bcdefgh", "ijklmnopqrstuvwxyz0123", "\xc3\xa9", "\xe1\xba\xbf", "\xf0\x9f\x98\x80",
		"\xed\x9f\xbf", "\xee\x80\x80", "\xf4\x8f\xbf\xbf", "\xe0\xa0\x80", "\xf0\x90\x80\x80",
		"\x80", "\xbf", "\xc0", "\xc1\xbf", "\xe0\x9f\xbf", "\xed\xa0\x80", "\xf0\x8f\xbf\xbf",
		"\xf4\x90\x80\x80", "\xf5", "\xff", "\xe1\xba", "\xf0\x9f\x98", "\xc3",
	};
	const size_t np = sizeof(pieces) / sizeof(*pieces);
	unsigned x = 2024;
	struct buf b = BUF_INIT, fixed = BUF_INIT;

	for (int round = 0; round < 20000; round++) {
		buf_reset(&b);
		int k = 1 + round % 40;
		for (int i = 0; i < k; i++) {
			x = x * 1103515245u + 12345u;
			/* mostly valid pieces, so that a bad one comes late */
			size_t j = (x >> 16) % (round % 3 ? 11 : np);
			buf_adds(&b, pieces[j]);
		}
		assert_int_equal(utf8_check(b.buf, b.len), check_ref(b.buf, b.len));
		/* what sanitize writes is valid, and valid text is copied */
		buf_reset(&fixed);
		size_t nbad = utf8_sanitize(&fixed, b.buf, b.len);
		assert_int_equal(utf8_check(fixed.buf, fixed.len), fixed.len);
		assert_int_equal(nbad == 0, check_ref(b.buf, b.len) == b.len);
		if (!nbad)
			assert_memory_equal(fixed.buf, b.buf, b.len);
	}
	buf_release(&b);
	buf_release(&fixed);
}

/* utf8_fix: a buffer made valid in place, the first bad byte's offset. */
static void test_fix(void **state)
{
	(void)state;
	struct buf b = BUF_INIT, tmp = BUF_INIT;
	size_t first = 99;

	buf_adds(&b, "{\"t\":\"all fine, \xc3\xa9\"}");
	assert_int_equal(utf8_fix(&b, &tmp, &first), 0);
	assert_int_equal(first, 99);
	assert_string_equal(b.buf, "{\"t\":\"all fine, \xc3\xa9\"}");
	buf_reset(&b);
	buf_adds(&b, "{\"t\":\"bad \xff and \xe2\x82\"}");
	assert_int_equal(utf8_fix(&b, &tmp, &first), 2);
	assert_int_equal(first, 10);
	assert_string_equal(b.buf, "{\"t\":\"bad " R " and " R "\"}");
	buf_release(&b);
	buf_release(&tmp);
}

static void test_classes(void **state)
{
	(void)state;
	assert_true(utf8_is_upper(0x0110)); /* Đ */
	assert_true(utf8_is_lower(0x1EBF)); /* ế */
	assert_true(utf8_is_alpha(0x0E01)); /* Thai ko kai */
	assert_true(utf8_is_digit(0x0663)); /* Arabic-Indic three */
	assert_true(utf8_is_space(0x00A0));
	assert_true(utf8_is_punct(0x201C));
	assert_false(utf8_is_alpha('1'));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_count_and_check),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_sanitize_maximal_subparts),
		cmocka_unit_test(test_check_random),
		cmocka_unit_test(test_fix),
		cmocka_unit_test(test_classes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
