#ifndef WIRE_PROGRESS_H
#define WIRE_PROGRESS_H
/*
 * progress — the --progress line on standard error: bytes and records
 * read, MB/s and, when the inputs are regular files of known size, the
 * time left; redrawn in place at most four times a second, with a final
 * line at the end. The driver uses it; wire-split, which reads documents
 * rather than records, too.
 *
 *	struct progress pg;
 *	progress_init(&pg, mode, files, nfiles);
 *	... progress_show(&pg, bytes, progress_position(...), records, 0);
 *	progress_clear(&pg) before printing anything else on stderr
 *	progress_show(&pg, bytes, 0, records, 1);   // final line
 */
#include <time.h>

#include "wire/core/driver.h"
#include "wire/core/input.h"

struct progress {
	int on, shown;
	struct timespec start, last;
	unsigned long long total;  /* bytes of all inputs, 0: unknown */
};

/* Decides whether to show progress (PROGRESS_AUTO: stderr is a terminal
 * and stdout is not) and sizes the inputs (NULL/0: standard input). */
void progress_init(struct progress *pg, enum driver_progress mode, char **files, int nfiles);

/* The bytes of the input files consumed so far, as their sizes count:
 * the sizes of files[0 .. done) plus the position in `in` (NULL: none
 * open). Meant for progress_show's `pos`. */
unsigned long long progress_position(char **files, int done, const struct input *in);

/* Redraws the line if a quarter second passed (always when `final`):
 * `bytes` read (decompressed), `pos` as progress_position gives (for the
 * time left), `records` so far. */
void progress_show(struct progress *pg, unsigned long long bytes, unsigned long long pos,
		   unsigned long long records, int final);

/* Erases the line (before another message goes to stderr). */
void progress_clear(struct progress *pg);

#endif
