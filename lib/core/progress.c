/*
 * progress — the --progress line (see progress.h).
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wire/core/err.h"
#include "wire/core/progress.h"

static double since(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* The size of input `f` ("-": standard input) when it is a regular file. */
static int file_size(const char *f, unsigned long long *size)
{
	struct stat st;
	int r = strcmp(f, "-") ? stat(f, &st) : fstat(0, &st);

	if (r < 0 || !S_ISREG(st.st_mode))
		return -1;
	*size = (unsigned long long)st.st_size;
	return 0;
}

void progress_init(struct progress *pg, enum driver_progress mode, char **files, int nfiles)
{
	static char *stdin_only[] = { (char *)"-", NULL };

	memset(pg, 0, sizeof(*pg));
	pg->on = mode == PROGRESS_ON || (mode == PROGRESS_AUTO && isatty(2) && !isatty(1));
	if (!pg->on)
		return;
	clock_gettime(CLOCK_MONOTONIC, &pg->start);
	pg->last = pg->start;
	if (nfiles <= 0) {
		files = stdin_only;
		nfiles = 1;
	}
	for (int i = 0; i < nfiles; i++) {
		unsigned long long n;
		if (file_size(files[i], &n) < 0) {
			pg->total = 0;
			return;
		}
		pg->total += n;
	}
}

unsigned long long progress_position(char **files, int done, const struct input *in)
{
	unsigned long long pos = 0, n;

	for (int i = 0; i < done; i++)
		if (file_size(files[i], &n) == 0)
			pos += n;
	if (in) {
		/* gzip: the compressed bytes read so far, which the file size counts */
		off_t at = in->compressed ? lseek(in->fd, 0, SEEK_CUR) : (off_t)in->offset;
		if (at > 0)
			pos += (unsigned long long)at;
	}
	return pos;
}

void progress_clear(struct progress *pg)
{
	if (pg->shown) {
		fputs("\r\033[K", stderr);
		pg->shown = 0;
	}
}

void progress_show(struct progress *pg, unsigned long long bytes, unsigned long long pos,
		   unsigned long long records, int final)
{
	struct timespec now;

	if (!pg->on)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!final && since(&pg->last, &now) < 0.25)
		return;
	pg->last = now;
	double secs = since(&pg->start, &now), mb = (double)bytes / 1e6;
	fprintf(stderr, "\r%s: %.1f MB, %llu records, %.1f MB/s", err_prog(), mb, records,
		secs > 0 ? mb / secs : 0.0);
	if (final) {
		fprintf(stderr, " in %.1f s", secs);
	} else if (pg->total && secs > 0.5) {
		double done = (double)pos / (double)pg->total;
		if (done > 0.001 && done <= 1) {
			unsigned long eta = (unsigned long)(secs / done - secs + 0.5);
			fprintf(stderr, ", ETA %lu:%02lu", eta / 60, eta % 60);
		}
	}
	fputs(final ? "\033[K\n" : "\033[K", stderr);
	fflush(stderr);
	pg->shown = !final;
}
