/* Unit tests: data — the relative path from the install's bin folder to
 * its data folder, data_path's lookup through $WIRE_DATA, and csvfile,
 * the one reading policy of the CSV data files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "wire/core/buf.h"
#include "wire/core/csvfile.h"
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

/* ---- csvfile ---------------------------------------------------------- */

/* The rows a callback saw, one line each: "line: f1|f2|..." ("H" marks
 * the header); a field "FAIL" makes it fail with a message. */
static int collect(void *ctx, const struct csvfile_row *row, int header, struct buf *msg)
{
	struct buf *seen = ctx;

	buf_addf(seen, "%s%lu:", header ? "H" : "", row->line);
	for (size_t i = 0; i < row->n; i++) {
		assert_int_equal(strlen(row->f[i]), row->len[i]);
		buf_addf(seen, "%s%s", i ? "|" : " ", row->f[i]);
		if (!strcmp(row->f[i], "FAIL")) {
			buf_adds(msg, "value '");
			csvfile_show(msg, row->f[0], row->len[0]);
			buf_adds(msg, "' refused");
			return -1;
		}
	}
	buf_addc(seen, '\n');
	return 0;
}

/* Parses `text` (length n) and checks the rows seen and the error. */
static void csv_is(const char *text, size_t n, const char *rows, const char *error)
{
	struct buf seen = BUF_INIT, err = BUF_INIT;
	int rc = csvfile_parse(text, n, "f.csv", collect, &seen, &err);

	assert_string_equal(seen.buf, rows);
	assert_string_equal(err.buf, error);
	assert_int_equal(rc, *error ? -1 : 0);
	buf_release(&seen);
	buf_release(&err);
}
#define CSV_IS(text, rows, error) csv_is(text, sizeof(text) - 1, rows, error)

static void test_csvfile_policy(void **state)
{
	(void)state;
	/* comments (before the header too), blank lines and rows, a byte
	 * order mark, quoting over lines, spaces around unquoted fields */
	CSV_IS("\xEF\xBB\xBF# a comment, with \"quotes\n\nk,name\n# another\n , \nx, A \n"
	       "y,\"B, \"\"b\"\"\nsecond line\"\n\"#z\",C\r\n",
	       "H3: k|name\n6: x|A\n7: y|B, \"b\"\nsecond line\n9: #z|C\n", "");
	/* strict quotes: the row's line, the rest not read */
	CSV_IS("k,name\nx,\"A\"b\ny,B\n", "H1: k|name\n", "f.csv:2: malformed CSV: misplaced quote");
	CSV_IS("k,name\nx,A\"b\ny,B\n", "H1: k|name\n", "f.csv:2: malformed CSV: misplaced quote");
	CSV_IS("k,name\nx,B\ny,\"open\nz,C\n", "H1: k|name\n2: x|B\n",
	       "f.csv:3: malformed CSV: quoted field not closed");
	/* field counts against the header */
	CSV_IS("k,name,canonical,iso\nc,Fields, and more,Fields,XF\n", "H1: k|name|canonical|iso\n",
	       "f.csv:2: expected 4 fields as in the header, found 5");
	CSV_IS("k,name\nx\n", "H1: k|name\n", "f.csv:2: expected 2 fields as in the header, found 1");
	/* the callback's message, with the row's line */
	CSV_IS("k,v\n\"a\nb\",FAIL\n", "H1: k|v\n2: a\nb|FAIL", "f.csv:2: value 'a\nb' refused");
	/* not text */
	CSV_IS("k,v\na,b\0c\n", "H1: k|v\n", "f.csv:2: NUL byte at byte 4 (not a text file)");
	CSV_IS("k,v\na,\xff\n", "H1: k|v\n", "f.csv:2: invalid UTF-8 at byte 3");
	CSV_IS("", "", "f.csv: empty file, expected a header row");
	CSV_IS("# only a comment\n\n", "", "f.csv: empty file, expected a header row");
	/* a last line without '\n' */
	CSV_IS("k,v\na,b", "H1: k|v\n2: a|b\n", "");
}

static void test_csvfile_show(void **state)
{
	(void)state;
	char big[200];
	struct buf b = BUF_INIT;

	memset(big, 'x', sizeof(big));
	csvfile_show(&b, big, 60);
	assert_int_equal(b.len, 60);
	buf_reset(&b);
	csvfile_show(&b, big, sizeof(big));
	assert_int_equal(b.len, CSVFILE_SHOW + 3);
	assert_string_equal(b.buf + CSVFILE_SHOW, "...");
	/* never cut inside a character: 59 x then 'é' (2 bytes) */
	memcpy(big + 59, "\xc3\xa9", 2);
	buf_reset(&b);
	csvfile_show(&b, big, sizeof(big));
	assert_int_equal(b.len, 59 + 3);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_relpath),
		cmocka_unit_test(test_env_first),
		cmocka_unit_test(test_csvfile_policy),
		cmocka_unit_test(test_csvfile_show),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
