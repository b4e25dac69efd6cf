/* Unit tests: the shared number, real and size parsers (lib/core/cli.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "wire/core/cli.h"

static void numbers(void **state)
{
	unsigned long long v;
	(void)state;

	assert_int_equal(cli_parse_number("0", &v), 0);
	assert_true(v == 0);
	assert_int_equal(cli_parse_number("42", &v), 0);
	assert_true(v == 42);
	assert_int_equal(cli_parse_number("18446744073709551615", &v), 0);
	assert_true(v == 18446744073709551615ULL);
	assert_int_equal(cli_parse_number("18446744073709551616", &v), -1);
	assert_int_equal(cli_parse_number("", &v), -1);
	assert_int_equal(cli_parse_number("-1", &v), -1);
	assert_int_equal(cli_parse_number("+1", &v), -1);
	assert_int_equal(cli_parse_number(" 1", &v), -1);
	assert_int_equal(cli_parse_number("1x", &v), -1);
	assert_int_equal(cli_parse_number("1.5", &v), -1);
	assert_true(cli_number("--top", "7", 1, 10) == 7);
}

static void reals(void **state)
{
	double v;
	(void)state;

	assert_int_equal(cli_parse_real("0.5", &v), 0);
	assert_true(v == 0.5);
	assert_int_equal(cli_parse_real("-2e3", &v), 0);
	assert_true(v == -2000);
	assert_int_equal(cli_parse_real("1e999", &v), -1);
	assert_int_equal(cli_parse_real("nan", &v), -1);
	assert_int_equal(cli_parse_real("inf", &v), -1);
	assert_int_equal(cli_parse_real("", &v), -1);
	assert_int_equal(cli_parse_real("0.5x", &v), -1);
	assert_true(cli_real("--threshold", "1", 0, 1) == 1);
}

static void sizes(void **state)
{
	unsigned long long v;
	(void)state;

	assert_int_equal(cli_parse_size("4096", &v), 0);
	assert_true(v == 4096);
	assert_int_equal(cli_parse_size("64K", &v), 0);
	assert_true(v == 65536);
	assert_int_equal(cli_parse_size("64k", &v), 0);
	assert_true(v == 65536);
	assert_int_equal(cli_parse_size("64M", &v), 0);
	assert_true(v == 64ULL << 20);
	assert_int_equal(cli_parse_size("1G", &v), 0);
	assert_true(v == 1ULL << 30);
	assert_int_equal(cli_parse_size("1.5M", &v), 0);
	assert_true(v == 3ULL << 19);
	assert_int_equal(cli_parse_size("512MB", &v), 0);
	assert_true(v == 512ULL << 20);
	assert_int_equal(cli_parse_size("2T", &v), 0);
	assert_true(v == 2ULL << 40);
	assert_int_equal(cli_parse_size("lots", &v), -1);
	assert_int_equal(cli_parse_size("", &v), -1);
	assert_int_equal(cli_parse_size("-1K", &v), -1);
	assert_int_equal(cli_parse_size("1Q", &v), -1);
	assert_int_equal(cli_parse_size("1KK", &v), -1);
	assert_int_equal(cli_parse_size("1e30", &v), -1);
	assert_true(cli_size("--max-doc", "4K", 4096, ~0ULL) == 4096);
}

static void common_options(void **state)
{
	struct cli_common c = CLI_COMMON_INIT;
	struct driver_opts d = DRIVER_OPTS_INIT;
	char *files[] = { (char *)"a", (char *)"b" };
	(void)state;

	cli_option(&c, 'o', "out.jsonl", "");
	cli_option(&c, 'z', NULL, "");
	cli_option(&c, 'u', NULL, "");
	cli_option(&c, 'j', "3", "");
	cli_option(&c, CLI_OPT_ONERROR, "fail", "");
	cli_option(&c, CLI_OPT_PROGRESS, NULL, "");
	cli_driver_opts(&c, &d, 2, files);
	assert_string_equal(d.output, "out.jsonl");
	assert_int_equal(d.gzip, 1);
	assert_int_equal(d.unbuffered, 1);
	assert_int_equal(d.jobs, 3);
	assert_int_equal(d.policy, ON_ERROR_FAIL);
	assert_int_equal(d.progress, PROGRESS_ON);
	assert_int_equal(d.nfiles, 2);
	cli_option(&c, CLI_OPT_NOPROGRESS, NULL, "");
	assert_int_equal(c.progress, PROGRESS_OFF);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(numbers),
		cmocka_unit_test(reals),
		cmocka_unit_test(sizes),
		cmocka_unit_test(common_options),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
