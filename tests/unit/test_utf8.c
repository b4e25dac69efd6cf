/* Unit tests: UTF-8 counting, validation, sanitising and key folding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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
		cmocka_unit_test(test_classes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
