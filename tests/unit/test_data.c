/* Unit tests: data — the relative path from the install's bin folder to
 * its data folder, and data_path's lookup through $WIRE_DATA. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "wire/core/buf.h"
#include "wire/core/data.h"

static void rel_is(const char *from, const char *to, const char *want)
{
	struct buf b = BUF_INIT;

	data_relpath(&b, from, to);
	assert_string_equal(b.buf, want);
	buf_release(&b);
}

static void test_relpath(void **state)
{
	(void)state;
	rel_is("/usr/local/bin", "/usr/local/share/wire", "../share/wire");
	rel_is("/opt/w/bin", "/opt/w/share/wire", "../share/wire");
	rel_is("/opt/w/bin/", "/opt/w//share/wire/", "../share/wire");
	rel_is("/usr/bin", "/usr/lib/wire/data", "../lib/wire/data");
	rel_is("/opt/a/bin", "/srv/wire", "../../../srv/wire");
	rel_is("/opt/w/bin", "/opt/w/bin", ".");
	rel_is("/opt/w/bin", "/opt/w/bin/data", "data");
	rel_is("/opt/w/./bin", "/opt/w/share", "../share");
	rel_is("/opt/binx/bin", "/opt/bin/share", "../../bin/share");
}

static void test_env_first(void **state)
{
	(void)state;
	setenv("WIRE_DATA", "/", 1);
	char *p = data_path("etc");
	assert_non_null(p);
	assert_string_equal(p, "//etc");
	free(p);
	assert_null(data_path("no such file, surely"));
	unsetenv("WIRE_DATA");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_relpath),
		cmocka_unit_test(test_env_first),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
