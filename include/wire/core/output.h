#ifndef WIRE_OUTPUT_H
#define WIRE_OUTPUT_H
/*
 * output — where a tool writes its records: standard output or `-o FILE`,
 * plain or gzip (`-z`), with write errors detected (a full disk is an
 * error, a closed pipe ends the tool quietly by SIGPIPE).
 */
#include <stddef.h>
#include <stdio.h>

#include "wire/core/buf.h"

struct output {
	const char *name;   /* "<stdout>" or the path */
	FILE *fp;
	void *gz;
	int unbuffered;     /* flush after each output_flush_record */
	int failed;
};

/* Opens `path` (NULL or "-": stdout); `gzip` compresses. Dies with a
 * message when the file cannot be created. */
void output_open(struct output *o, const char *path, int gzip);
/* Writes `n` bytes; dies on a write error. */
void output_write(struct output *o, const void *p, size_t n);
/* Writes the buffer's content and empties it. */
static inline void output_buf(struct output *o, struct buf *b)
{
	output_write(o, b->buf, b->len);
	buf_reset(b);
}
/* With --unbuffered, pushes what was written so far to the OS. */
void output_record_done(struct output *o);
/* Flushes and closes; returns 0, or 1 after reporting a write error. */
int output_close(struct output *o);

#endif
