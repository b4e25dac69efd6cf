/* Unit tests: table — CSV (RFC 4180) and TSV rows as JSON objects. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "wire/core/buf.h"
#include "wire/core/input.h"
#include "wire/core/table.h"

/*
 * Reads `text` as a CSV (tsv = 0) or TSV table and returns what each
 * table_next call gave, one line per row: "LINE JSON" for a row,
 * "LINE! MESSAGE" for a wrong row, then "end" or "end: ERRMSG".
 */
static char *read_table(const char *text, int tsv)
{
	char path[] = "/tmp/wire-test-table-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	size_t n = strlen(text);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	close(fd);

	struct input in;
	assert_int_equal(input_open(&in, path), 0);
	struct table t;
	table_init(&t, &in, tsv);
	struct buf out = BUF_INIT, msg = BUF_INIT;
	struct json_val rec;
	unsigned long line;
	int r;
	while ((r = table_next(&t, &rec, &line, &msg)) != 0) {
		if (r > 0) {
			buf_addf(&out, "%lu ", line);
			buf_add(&out, rec.p, rec.n);
		} else {
			buf_addf(&out, "%lu! %s", line, msg.buf);
		}
		buf_reset(&msg);
		buf_addc(&out, '\n');
	}
	buf_adds(&out, t.errmsg ? "end: " : "end");
	if (t.errmsg)
		buf_adds(&out, t.errmsg);
	table_release(&t);
	input_close(&in);
	unlink(path);
	buf_release(&msg);
	return buf_detach(&out, NULL);
}

static void table_is(const char *text, int tsv, const char *want)
{
	char *got = read_table(text, tsv);
	assert_string_equal(got, want);
	free(got);
}

static void test_csv(void **state)
{
	(void)state;
	table_is("id,title,text\n1,Hello,World\n", 0,
		 "2 {\"id\":\"1\",\"title\":\"Hello\",\"text\":\"World\"}\nend");
	/* quoting: commas, doubled quotes, a newline inside a field (the next
	 * row starts two lines on), CRLF line ends, values stay strings */
	table_is("id,text\r\n"
		 "007,\"a, b\"\r\n"
		 "2,\"say \"\"hi\"\"\"\r\n"
		 "3,\"two\nlines\"\r\n"
		 "12345678901234567890,\"\xc3\xa9\\\"\r\n", 0,
		 "2 {\"id\":\"007\",\"text\":\"a, b\"}\n"
		 "3 {\"id\":\"2\",\"text\":\"say \\\"hi\\\"\"}\n"
		 "4 {\"id\":\"3\",\"text\":\"two\\nlines\"}\n"
		 "6 {\"id\":\"12345678901234567890\",\"text\":\"\xc3\xa9\\\\\"}\n"
		 "end");
	/* no newline after the last row; an empty field */
	table_is("a,b\nx,", 0, "2 {\"a\":\"x\",\"b\":\"\"}\nend");
	/* only a header: no rows */
	table_is("a,b\n", 0, "end");
}

static void test_csv_wrong_rows(void **state)
{
	(void)state;
	/* a row with too few or too many fields is reported, reading goes on */
	char *got = read_table("a,b\n1,2\n3\n4,5,6\n7,8\n", 0);
	assert_non_null(strstr(got, "2 {\"a\":\"1\",\"b\":\"2\"}\n3! expected 2 fields as in the header, found 1\n"));
	assert_non_null(strstr(got, "4! expected 2 fields as in the header, found 3\n"));
	assert_non_null(strstr(got, "5 {\"a\":\"7\",\"b\":\"8\"}\nend"));
	free(got);
	/* an unterminated quote stops the input with a message */
	got = read_table("a,b\n1,\"open\n", 0);
	assert_non_null(strstr(got, "end: malformed CSV"));
	free(got);
}

/* Line numbers are physical lines ('\n'), blank lines included, and never
 * go back (found by tests/fuzz/table.c: blank lines were not counted, and
 * rows ended by a lone CR counted as lines until a misplaced quote). */
static void test_csv_line_numbers(void **state)
{
	(void)state;
	table_is("a,b\n1,2\n\n3,4\n\n\n5,6\n", 0,
		 "2 {\"a\":\"1\",\"b\":\"2\"}\n"
		 "4 {\"a\":\"3\",\"b\":\"4\"}\n"
		 "7 {\"a\":\"5\",\"b\":\"6\"}\nend");
	table_is("a,b\n1,2\n\n3,\"x\"y\n\n5,6\n", 0,
		 "2 {\"a\":\"1\",\"b\":\"2\"}\n"
		 "4! malformed CSV: misplaced quote\n"
		 "6 {\"a\":\"5\",\"b\":\"6\"}\nend");
	table_is("a,b\n\n1,2,3\n", 0, "3! expected 2 fields as in the header, found 3\nend");
	table_is("a\r1\r2\r3,\"x\"y\n4\n", 0,
		 "1 {\"a\":\"1\"}\n1 {\"a\":\"2\"}\n1! malformed CSV: misplaced quote\n"
		 "2 {\"a\":\"4\"}\nend");
}

static void test_tsv(void **state)
{
	(void)state;
	/* tabs split fields, no quoting: quotes and commas are plain text */
	table_is("id\ttext\n1\t\"quoted\", with comma\n2\t\n", 1,
		 "2 {\"id\":\"1\",\"text\":\"\\\"quoted\\\", with comma\"}\n"
		 "3 {\"id\":\"2\",\"text\":\"\"}\nend");
	char *got = read_table("a\tb\n1\t2\t3\n4\t5\n", 1);
	assert_non_null(strstr(got, "2! expected 2 fields as in the header, found 3\n"));
	assert_non_null(strstr(got, "3 {\"a\":\"4\",\"b\":\"5\"}\nend"));
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_csv_wrong_rows),
		cmocka_unit_test(test_csv_line_numbers),
		cmocka_unit_test(test_tsv),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
