#ifndef WIRE_FUZZ_H
#define WIRE_FUZZ_H
/*
 * fuzz.h — helpers shared by the libFuzzer harnesses of tests/fuzz/
 * (docs/fuzzing.md). Each harness is one file with LLVMFuzzerTestOneInput;
 * a failed self-check aborts, which libFuzzer reports as a crash with the
 * input that caused it.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "wire/core/buf.h"
#include "wire/core/err.h"
#include "wire/core/json.h"
#include "wire/split/segment.h"

#ifndef FUZZ_DATADIR
#define FUZZ_DATADIR "share/wire"
#endif

/* Aborts with the failed condition: libFuzzer saves the input. */
#define FUZZ_CHECK(cond)                                                        \
	do {                                                                    \
		if (!(cond)) {                                                  \
			fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", #cond, \
				__FILE__, __LINE__);                            \
			abort();                                                \
		}                                                               \
	} while (0)

/* Points the data lookup (data.h) at the source tree's share/wire, unless
 * WIRE_DATA is already set. */
static inline void fuzz_data_init(void)
{
	setenv("WIRE_DATA", FUZZ_DATADIR, 0);
	err_init("wire-fuzz");
}

/* fuzz_data_init, then the sentence rules of share/wire; aborts, naming
 * the harness `who`, when they cannot be loaded. */
static inline struct segment_rules *fuzz_segment_rules(const char *who)
{
	const char *err = NULL;
	struct segment_rules *r;

	fuzz_data_init();
	r = segment_load(&err);
	if (!r) {
		fprintf(stderr, "fuzz %s: %s\n", who, err);
		abort();
	}
	return r;
}

/*
 * Puts data[0..n) into one memory-backed file (memfd, created on first
 * use and rewritten on each call) and returns a path that opens it anew
 * ("/proc/self/fd/N"), so the file-reading code runs unchanged and no
 * disk is touched.
 */
static inline const char *fuzz_file(const uint8_t *data, size_t n)
{
	static int fd = -1;
	static char path[64];

	if (fd < 0) {
		fd = memfd_create("wire-fuzz", 0);
		if (fd < 0) {
			perror("memfd_create");
			abort();
		}
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) < 0)
		abort();
	size_t off = 0;
	while (off < n) {
		ssize_t w = pwrite(fd, data + off, n - off, (off_t)off);
		if (w <= 0)
			abort();
		off += (size_t)w;
	}
	return path;
}

/* True when p[0..n) is exactly one JSON value (white space around it
 * allowed) by the project's own scanner. */
static inline int fuzz_json_value(const char *p, size_t n)
{
	struct json_val v;
	const char *end = p + n;
	const char *q = json_scan(p, end, &v, NULL, NULL);

	if (!q)
		return 0;
	while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'))
		q++;
	return q == end;
}

/* Checks that every line of b[0..n) is one JSON object (the records a
 * stage writes); returns the number of lines. */
static inline size_t fuzz_check_lines(const char *b, size_t n)
{
	size_t lines = 0;
	const char *p = b, *end = b + n;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		FUZZ_CHECK(nl); /* every record ends with a newline */
		const char *msg;
		size_t pos;
		if (!json_check_object(p, (size_t)(nl - p), &msg, &pos)) {
			fprintf(stderr, "invalid output record: %.*s\n", (int)(nl - p), p);
			FUZZ_CHECK(!"output record is valid JSON");
		}
		lines++;
		p = nl + 1;
	}
	return lines;
}

#endif
