/* Unit tests: output — plain and gzip files, write errors (/dev/full). */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <cmocka.h>

#include "wire/core/buf.h"
#include "wire/core/err.h"
#include "wire/core/output.h"

static char path[] = "/tmp/wire-test-output-XXXXXX";

static int setup(void **state)
{
	(void)state;
	memcpy(path, "/tmp/wire-test-output-XXXXXX", sizeof(path));
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

/* Some lines, 1 MB in all, to write through several buffer fills. */
static void sample(struct buf *b)
{
	for (int i = 0; b->len < 1000000; i++)
		buf_addf(b, "{\"n\":%d,\"text\":\"line %d\"}\n", i, i * 31);
}

static void test_plain_file(void **state)
{
	(void)state;
	struct buf want = BUF_INIT, got = BUF_INIT, err = BUF_INIT;
	sample(&want);
	struct output o;
	output_open(&o, path, 0);
	assert_string_equal(o.name, path);
	for (size_t i = 0; i < want.len; i += 1000)
		output_write(&o, want.buf + i, want.len - i < 1000 ? want.len - i : 1000);
	output_write(&o, "", 0);
	assert_int_equal(output_close(&o), 0);
	assert_int_equal(buf_read_file(&got, path, &err), 0);
	assert_int_equal(got.len, want.len);
	assert_memory_equal(got.buf, want.buf, want.len);
	buf_release(&want);
	buf_release(&got);
	buf_release(&err);
}

static void test_gzip_readable_by_zlib(void **state)
{
	(void)state;
	struct buf want = BUF_INIT, got = BUF_INIT;
	sample(&want);
	struct output o;
	output_open(&o, path, 1);
	struct buf chunk = BUF_INIT;
	buf_add(&chunk, want.buf, want.len / 2);
	output_buf(&o, &chunk); /* writes and empties */
	assert_int_equal(chunk.len, 0);
	output_write(&o, want.buf + want.len / 2, want.len - want.len / 2);
	assert_int_equal(output_close(&o), 0);

	gzFile gz = gzopen(path, "rb");
	assert_non_null(gz);
	assert_int_equal(gzdirect(gz), 0); /* really compressed */
	char tmp[65536];
	int n;
	while ((n = gzread(gz, tmp, sizeof(tmp))) > 0)
		buf_add(&got, tmp, (size_t)n);
	assert_int_equal(n, 0);
	assert_int_equal(gzclose(gz), Z_OK);
	assert_int_equal(got.len, want.len);
	assert_memory_equal(got.buf, want.buf, want.len);
	buf_release(&want);
	buf_release(&got);
	buf_release(&chunk);
}

/* Runs output_close on /dev/full after a small write (it stays in the
 * buffer until then), stderr silenced; returns what output_close did. */
static int close_on_full(int gzip)
{
	int saved = dup(2), null = open("/dev/null", O_WRONLY);
	dup2(null, 2);
	close(null);
	struct output o;
	output_open(&o, "/dev/full", gzip);
	output_write(&o, "{}\n", 3);
	int r = output_close(&o);
	dup2(saved, 2);
	close(saved);
	return r;
}

static void test_write_error_on_close(void **state)
{
	(void)state;
	assert_int_equal(close_on_full(0), 1);
	assert_int_equal(close_on_full(1), 1);
}

/* A write that overflows the buffer on /dev/full ends the process with
 * status 1 (a data or I/O error), in a child. */
static void test_write_error_dies(void **state)
{
	(void)state;
	for (int gzip = 0; gzip <= 1; gzip++) {
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			int null = open("/dev/null", O_WRONLY);
			dup2(null, 2);
			struct output o;
			output_open(&o, "/dev/full", gzip);
			struct buf b = BUF_INIT;
			sample(&b);
			for (int i = 0; i < 8; i++)
				output_write(&o, b.buf, b.len);
			_exit(output_close(&o) ? 3 : 0);
		}
		int st;
		assert_int_equal(waitpid(pid, &st, 0), pid);
		assert_true(WIFEXITED(st));
		assert_int_equal(WEXITSTATUS(st), 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_plain_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gzip_readable_by_zlib, setup, teardown),
		cmocka_unit_test(test_write_error_on_close),
		cmocka_unit_test(test_write_error_dies),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
