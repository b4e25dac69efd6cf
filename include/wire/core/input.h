#ifndef WIRE_INPUT_H
#define WIRE_INPUT_H
/*
 * input — reading one input file as a byte stream, plain or gzip
 * (multi-member too), decided from the content, never from the name.
 * On damaged or truncated gzip, or a read error, every byte read or
 * inflated before the damage is still handed out, then input_error says
 * why the stream ended.
 *
 * Gzip input is inflated by a reader thread into a small ring of chunks
 * while the caller works on the previous ones, so inflating and parsing
 * overlap on two cores. Memory is bounded (INPUT_CHUNKS * INPUT_CHUNK)
 * whatever the file size; lines of any length are returned whole.
 *
 *	struct input in;
 *	if (input_open(&in, path) < 0) -> errno says why (nothing to close)
 *	while (input_getline(&in, &line)) ... in.line is its number
 *	if (input_error(&in)) -> report, e.g. "unexpected end of file"
 *	input_close(&in);
 */
#include <stddef.h>
#include <stdio.h>

#include "wire/core/buf.h"

#define INPUT_CHUNK (256 * 1024)
#define INPUT_CHUNKS 4

struct input_thread;

struct input {
	const char *name;        /* display name; "<stdin>" for "-" */
	unsigned long line;      /* number of the line last returned */
	unsigned long long offset; /* bytes handed out so far (decompressed) */
	int compressed;          /* 1 when the content was gzip */
	size_t max_line;         /* set by the caller: longest line input_getline
				    returns whole; 0: no limit */
	unsigned long long overlong; /* length of the line just returned empty
				    because it was longer than max_line; else 0 */

	/* private */
	int fd;
	char *data;              /* current chunk */
	size_t len, pos;
	int eof;
	char *errmsg;
	char *later;             /* a read error to report after the current chunk */
	char *own;               /* chunk storage for the unthreaded path */
	size_t primed;           /* bytes already in `own` (read while sniffing) */
	struct input_thread *th;
	struct input_inflate *inf; /* the gzip inflater (ISA-L's or zlib's) */
};

/* Opens `path` ("-" or NULL: standard input). Returns 0, or -1 with errno
 * set and nothing to release. */
int input_open(struct input *in, const char *path);

/* Reads up to `n` bytes into `dst`; returns the count, 0 at the end of the
 * stream or on an error (see input_error). */
size_t input_read(struct input *in, void *dst, size_t n);

/* Skips `n` bytes; returns how many were skipped. */
unsigned long long input_skip(struct input *in, unsigned long long n);

/* Replaces `line` with the next line, without its '\n'; returns 1, or 0 at
 * the end of input. A last line without '\n' is still a line. A line
 * longer than in->max_line (when set) is never held: it is read through
 * to its end and returned empty, with its length in in->overlong. */
int input_getline(struct input *in, struct buf *line);

/* Lets the caller look at the first bytes without consuming them: sets *p
 * and returns how many are available (up to INPUT_CHUNK; fewer only when
 * the stream is shorter). Only valid before anything was consumed. */
size_t input_peek(struct input *in, const char **p);

/* NULL while all is well; else a message such as "unexpected end of file"
 * (truncated gzip) or a read error. Owned by `in`. */
const char *input_error(const struct input *in);

/* Releases everything; safe after a failed read. */
void input_close(struct input *in);

#endif
