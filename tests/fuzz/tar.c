/*
 * fuzz target tar — the tar reader (tar.h) over the input layer: plain or
 * gzipped archives, damaged headers, sizes past the end, GNU long names
 * and pax records.
 *
 * Checks: no member reads more bytes than its header's size, a member
 * read to its end has exactly that size unless the archive stops early
 * with errmsg set, and names are NUL-terminated and free of NUL bytes.
 */
#include "fuzz.h"
#include "wire/core/input.h"
#include "wire/core/tar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in;
	struct tar t;
	char chunk[4096];

	if (size > (1u << 20))
		return 0;
	FUZZ_CHECK(input_open(&in, fuzz_file(data, size)) == 0);
	const char *p;
	size_t n = input_peek(&in, &p);
	if (n >= 512)
		(void)tar_sniff(p, n);
	tar_init(&t, &in);
	int r, members = 0;
	while ((r = tar_next(&t)) == 1 && members++ < 1000) {
		FUZZ_CHECK(strlen(t.name.buf) == t.name.len);
		unsigned long long got = 0;
		size_t k;
		/* read only a part of every other member: tar_next skips the rest */
		while ((k = tar_read(&t, chunk, sizeof(chunk))) > 0) {
			got += k;
			FUZZ_CHECK(got <= t.size);
			if (members & 1)
				break;
		}
		if (!(members & 1) && got != t.size)
			FUZZ_CHECK(t.errmsg || input_error(&in));
	}
	if (r < 0)
		FUZZ_CHECK(t.errmsg);
	tar_release(&t);
	input_close(&in);
	return 0;
}
