/* Unit tests: the input reader (plain, gzip, multi-member, truncated,
 * long lines) and the tar reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include <cmocka.h>

#include "wire/core/input.h"
#include "wire/core/tar.h"

static char tmpl[64];

static const char *tmpfile_with(const void *data, size_t n)
{
	memcpy(tmpl, "/tmp/wire-test-XXXXXX", 22);
	int fd = mkstemp(tmpl);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, n), (ssize_t)n);
	close(fd);
	return tmpl;
}

static void gz_append(const char *path, const char *mode, const void *data, size_t n)
{
	gzFile g = gzopen(path, mode);
	assert_non_null(g);
	assert_int_equal(gzwrite(g, data, (unsigned)n), (int)n);
	gzclose(g);
}

static void test_plain_lines(void **state)
{
	(void)state;
	const char *p = tmpfile_with("a\n\nbc\r\nlast", 11);
	struct input in;
	struct buf line = BUF_INIT;
	assert_int_equal(input_open(&in, p), 0);
	assert_false(in.compressed);
	assert_true(input_getline(&in, &line));
	assert_string_equal(line.buf, "a");
	assert_true(input_getline(&in, &line));
	assert_string_equal(line.buf, "");
	assert_true(input_getline(&in, &line));
	assert_string_equal(line.buf, "bc\r");
	assert_true(input_getline(&in, &line));
	assert_string_equal(line.buf, "last");
	assert_int_equal(in.line, 4);
	assert_false(input_getline(&in, &line));
	assert_null(input_error(&in));
	input_close(&in);
	unlink(p);
	buf_release(&line);
}

static void test_gzip_multimember_and_long_line(void **state)
{
	(void)state;
	const char *p = tmpfile_with("", 0);
	size_t big = 3 * INPUT_CHUNK + 17; /* a line spanning several chunks */
	char *s = malloc(big);
	memset(s, 'x', big);
	gz_append(p, "wb", "first\n", 6);
	gz_append(p, "ab", s, big);
	gz_append(p, "ab", "\nthird\n", 7);
	struct input in;
	struct buf line = BUF_INIT;
	assert_int_equal(input_open(&in, p), 0);
	assert_true(in.compressed);
	assert_true(input_getline(&in, &line));
	assert_string_equal(line.buf, "first");
	assert_true(input_getline(&in, &line));
	assert_int_equal(line.len, big);
	assert_memory_equal(line.buf, s, big);
	assert_true(input_getline(&in, &line));
	assert_string_equal(line.buf, "third");
	assert_false(input_getline(&in, &line));
	assert_null(input_error(&in));
	input_close(&in);
	unlink(p);
	free(s);
	buf_release(&line);
}

static void test_truncated_gzip(void **state)
{
	(void)state;
	const char *p = tmpfile_with("", 0);
	char data[100000];
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (char)('a' + (i * 7919) % 26);
	gz_append(p, "wb", data, sizeof(data));
	FILE *f = fopen(p, "rb");
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fclose(f);
	assert_int_equal(truncate(p, n - 20), 0);
	struct input in;
	struct buf line = BUF_INIT;
	assert_int_equal(input_open(&in, p), 0);
	while (input_getline(&in, &line))
		;
	assert_non_null(input_error(&in));
	assert_non_null(strstr(input_error(&in), "unexpected end of file"));
	input_close(&in);
	unlink(p);
	buf_release(&line);
}

/* A damaged checksum at the end: every line inflated before it comes
 * out, then the error (issue 14: 0 of 1,000 lines came out). */
static void test_gzip_bad_crc_keeps_lines(void **state)
{
	(void)state;
	const char *p = tmpfile_with("", 0);
	char data[16000];
	size_t n = 0;
	for (int i = 0; i < 1000; i++)
		n += (size_t)snprintf(data + n, sizeof(data) - n, "line %d\n", i);
	gz_append(p, "wb", data, n);
	FILE *f = fopen(p, "r+b");
	assert_non_null(f);
	fseek(f, -8, SEEK_END);  /* the CRC-32 of the trailer */
	int c = fgetc(f);
	fseek(f, -8, SEEK_END);
	fputc(c ^ 0xff, f);
	fclose(f);
	struct input in;
	struct buf line = BUF_INIT;
	assert_int_equal(input_open(&in, p), 0);
	unsigned long lines = 0;
	while (input_getline(&in, &line))
		lines++;
	assert_int_equal(lines, 1000);
	assert_non_null(input_error(&in));
	assert_string_equal(input_error(&in), "invalid gzip data");
	input_close(&in);
	unlink(p);
	buf_release(&line);
}

/* A line longer than max_line comes back empty with its length in
 * `overlong`, the buffer never grown past the limit; the next is whole. */
static void test_max_line(void **state)
{
	(void)state;
	const char *p = tmpfile_with("", 0);
	size_t big = 2 * INPUT_CHUNK + 5;
	char *s = malloc(big);
	memset(s, 'x', big);
	gz_append(p, "wb", "first\n", 6);
	gz_append(p, "ab", s, big);
	gz_append(p, "ab", "\nthird", 6);
	struct input in;
	struct buf line = BUF_INIT;
	assert_int_equal(input_open(&in, p), 0);
	in.max_line = 1000;
	assert_true(input_getline(&in, &line));
	assert_string_equal(line.buf, "first");
	assert_int_equal(in.overlong, 0);
	assert_true(input_getline(&in, &line));
	assert_int_equal(line.len, 0);
	assert_int_equal(in.overlong, big);
	assert_true(line.alloc <= 4096);
	assert_int_equal(in.line, 2);
	assert_true(input_getline(&in, &line));
	assert_string_equal(line.buf, "third");
	assert_int_equal(in.overlong, 0);
	assert_false(input_getline(&in, &line));
	assert_null(input_error(&in));
	input_close(&in);
	unlink(p);
	free(s);
	buf_release(&line);
}

static void test_missing_file(void **state)
{
	(void)state;
	struct input in;
	assert_int_equal(input_open(&in, "/nonexistent/wire"), -1);
	assert_int_equal(input_open(&in, "/tmp"), -1); /* a directory */
}

/* A ustar header for a regular file. */
static void tar_header(unsigned char *h, const char *name, size_t size, char type)
{
	memset(h, 0, 512);
	memcpy(h, name, strlen(name));
	memcpy(h + 100, "0000644", 7);
	memcpy(h + 108, "0000000", 7);
	memcpy(h + 116, "0000000", 7);
	snprintf((char *)h + 124, 12, "%011lo", (unsigned long)size);
	memcpy(h + 136, "00000000000", 11);
	h[156] = (unsigned char)type;
	memcpy(h + 257, "ustar", 6);
	memcpy(h + 263, "00", 2);
	memset(h + 148, ' ', 8);
	unsigned long sum = 0;
	for (int i = 0; i < 512; i++)
		sum += h[i];
	snprintf((char *)h + 148, 8, "%06lo", sum);
}

static void test_tar(void **state)
{
	(void)state;
	unsigned char arch[512 * 8];
	memset(arch, 0, sizeof(arch));
	tar_header(arch, "dir/", 0, '5');
	tar_header(arch + 512, "dir/a.txt", 5, '0');
	memcpy(arch + 1024, "hello", 5);
	tar_header(arch + 1536, "b.txt", 600, '0');
	memset(arch + 2048, 'b', 600);
	const char *p = tmpfile_with(arch, sizeof(arch));
	struct input in;
	assert_int_equal(input_open(&in, p), 0);
	const char *peek;
	assert_true(tar_sniff(peek, input_peek(&in, &peek)));
	struct tar t;
	char buf[1000];
	tar_init(&t, &in);
	assert_int_equal(tar_next(&t), 1);
	assert_string_equal(t.name.buf, "dir/a.txt");
	assert_int_equal(tar_read(&t, buf, sizeof(buf)), 5);
	assert_int_equal(tar_next(&t), 1);
	assert_string_equal(t.name.buf, "b.txt");
	assert_int_equal(tar_read(&t, buf, 100), 100);
	assert_int_equal(tar_next(&t), 0); /* skips the rest of b.txt */
	assert_null(t.errmsg);
	tar_release(&t);
	input_close(&in);
	unlink(p);

	/* truncated in the middle of a member */
	p = tmpfile_with(arch, 2048 + 300);
	assert_int_equal(input_open(&in, p), 0);
	tar_init(&t, &in);
	assert_int_equal(tar_next(&t), 1);
	assert_int_equal(tar_next(&t), 1);
	while (tar_read(&t, buf, sizeof(buf)))
		;
	assert_non_null(t.errmsg);
	tar_release(&t);
	input_close(&in);
	unlink(p);

	/* a corrupted header */
	arch[512 + 10] ^= 1;
	p = tmpfile_with(arch, sizeof(arch));
	assert_int_equal(input_open(&in, p), 0);
	tar_init(&t, &in);
	assert_int_equal(tar_next(&t), -1);
	assert_string_equal(t.errmsg, "invalid tar header (bad checksum)");
	tar_release(&t);
	input_close(&in);
	unlink(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_lines),
		cmocka_unit_test(test_gzip_multimember_and_long_line),
		cmocka_unit_test(test_truncated_gzip),
		cmocka_unit_test(test_gzip_bad_crc_keeps_lines),
		cmocka_unit_test(test_max_line),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_tar),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
