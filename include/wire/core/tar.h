#ifndef WIRE_TAR_H
#define WIRE_TAR_H
/*
 * tar — reading a tar archive member by member from a stream (plain or
 * gzipped: the input below does the inflating). ustar, GNU long names
 * ('L') and pax path records ('x') are understood; only regular files are
 * returned, everything else is skipped. Memory: one 512-byte header and
 * the member name.
 *
 *	struct tar t;
 *	tar_init(&t, &in);
 *	while (tar_next(&t) == 1)
 *		while ((n = tar_read(&t, buf, sizeof(buf))) > 0) ...;
 *	if (t.errmsg) ... "truncated tar archive"
 */
#include <stddef.h>

#include "wire/core/buf.h"
#include "wire/core/input.h"

struct tar {
	struct input *in;            /* borrowed */
	struct buf name;             /* path of the current member */
	unsigned long long size;     /* its size in bytes */
	unsigned long long left;     /* bytes of it not yet read */
	unsigned long long pad;      /* padding after it */
	const char *errmsg;          /* static message after an error, else NULL */
};

/* True when the 512 bytes at `p` (n >= 512) are a valid tar header. */
int tar_sniff(const char *p, size_t n);

void tar_init(struct tar *t, struct input *in);
/* Moves to the next regular file (skipping what is left of the current
 * one). Returns 1, 0 at the end of the archive, -1 on error (errmsg). */
int tar_next(struct tar *t);
/* Reads from the current member; returns 0 at its end or on error. */
size_t tar_read(struct tar *t, void *dst, size_t n);
void tar_release(struct tar *t);

#endif
