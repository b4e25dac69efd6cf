/*
 * fuzz target input — the input layer (input.h): plain or gzip bytes
 * (single or multi-member, damaged, truncated) read line by line from a
 * memory-backed file, through the inflater thread for gzip.
 *
 * Checks: input_getline never fails on any bytes; for input that is not
 * gzip, the lines read, each with its '\n', give back the file exactly
 * (the last line may lack it); line numbers count up by one; with a
 * small max_line (chosen by the first byte) a longer line comes back
 * empty with its true length in `overlong`, never held.
 */
#include "fuzz.h"
#include "wire/core/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in;
	struct buf line = BUF_INIT, all = BUF_INIT;

	if (size < 1 || size > (1u << 20))
		return 0;
	size_t max_line = data[0] & 1 ? (size_t)(data[0] >> 1) : 0;
	data++;
	size--;
	const char *path = fuzz_file(data, size);
	FUZZ_CHECK(input_open(&in, path) == 0);
	in.max_line = max_line;
	unsigned long lines = 0;
	while (input_getline(&in, &line)) {
		FUZZ_CHECK(in.line == ++lines);
		FUZZ_CHECK(!memchr(line.buf, '\n', line.len));
		if (max_line) {
			FUZZ_CHECK(line.len <= max_line);
			if (in.overlong) {
				FUZZ_CHECK(line.len == 0 && in.overlong > max_line);
				for (unsigned long long i = 0; i < in.overlong; i++)
					buf_addc(&all, 'x');
			}
		}
		buf_add(&all, line.buf, line.len);
		buf_addc(&all, '\n');
	}
	if (!in.compressed) {
		FUZZ_CHECK(!input_error(&in));
		FUZZ_CHECK(all.len == size || all.len == size + 1);
		if (!max_line)
			FUZZ_CHECK(!memcmp(all.buf, data, size));
	}
	input_close(&in);
	buf_release(&line);
	buf_release(&all);
	return 0;
}
