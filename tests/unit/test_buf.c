/* Unit tests: buf — growth, the NUL invariant, formatting, detach, files. */
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

static void test_empty_and_init(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	assert_non_null(b.buf);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.buf, "");
	buf_reset(&b); /* no allocation yet: still the shared empty string */
	assert_int_equal(b.alloc, 0);
	buf_release(&b);
	assert_ptr_equal(b.buf, buf_empty);

	buf_init(&b, 100);
	assert_true(b.alloc >= 101);
	assert_string_equal(b.buf, "");
	buf_release(&b);
	buf_init(&b, 0);
	assert_int_equal(b.alloc, 0);
	buf_release(&b);
}

static void test_add_and_grow(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_adds(&b, "abc");
	buf_addc(&b, 'd');
	buf_add(&b, "ef\0g", 4);
	assert_int_equal(b.len, 8);
	assert_memory_equal(b.buf, "abcdef\0g", 8);
	assert_int_equal(b.buf[b.len], '\0');
	/* a million single bytes: every step keeps the NUL at len */
	buf_reset(&b);
	for (int i = 0; i < 1000000; i++) {
		buf_addc(&b, 'a' + i % 26);
		assert_true(b.len < b.alloc);
	}
	assert_int_equal(b.len, 1000000);
	assert_int_equal(b.buf[b.len], '\0');
	assert_int_equal(b.buf[999999], 'a' + 999999 % 26);
	buf_grow(&b, 5000000);
	assert_true(b.alloc - b.len > 5000000);
	buf_setlen(&b, 3);
	assert_string_equal(b.buf, "abc");
	buf_reset(&b);
	assert_string_equal(b.buf, "");
	buf_release(&b);
}

static void test_format(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s:%d", "x", 42);
	buf_addu(&b, 18446744073709551615ull);
	buf_addc(&b, ' ');
	buf_addi(&b, -9223372036854775807ll - 1);
	buf_addc(&b, ' ');
	buf_addi(&b, 0);
	assert_string_equal(b.buf, "x:4218446744073709551615 -9223372036854775808 0");
	/* a formatted string longer than any first guess */
	buf_reset(&b);
	char big[10000];
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	buf_addf(&b, "<%s>", big);
	assert_int_equal(b.len, sizeof(big) + 1);
	assert_int_equal(b.buf[0], '<');
	assert_int_equal(b.buf[b.len - 1], '>');
	buf_release(&b);
}

static void test_detach(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	size_t n;
	char *s = buf_detach(&b, &n); /* even an empty buffer gives freeable memory */
	assert_non_null(s);
	assert_int_equal(n, 0);
	assert_string_equal(s, "");
	free(s);
	buf_adds(&b, "hello");
	s = buf_detach(&b, &n);
	assert_int_equal(n, 5);
	assert_string_equal(s, "hello");
	assert_ptr_equal(b.buf, buf_empty);
	assert_int_equal(b.len, 0);
	free(s);
}

static void test_read_file(void **state)
{
	(void)state;
	char path[] = "/tmp/wire-test-buf-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	char data[300000];
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (char)(i * 7);
	assert_int_equal(write(fd, data, sizeof(data)), sizeof(data));
	close(fd);

	struct buf b = BUF_INIT, err = BUF_INIT;
	buf_adds(&b, "head");
	assert_int_equal(buf_read_file(&b, path, &err), 0);
	assert_int_equal(b.len, 4 + sizeof(data));
	assert_memory_equal(b.buf + 4, data, sizeof(data));
	assert_int_equal(err.len, 0);
	unlink(path);

	buf_reset(&b);
	assert_int_equal(buf_read_file(&b, path, &err), -1);
	assert_non_null(strstr(err.buf, "cannot open '"));
	assert_non_null(strstr(err.buf, "No such file or directory"));
	buf_release(&b);
	buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_and_init),
		cmocka_unit_test(test_add_and_grow),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_detach),
		cmocka_unit_test(test_read_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
