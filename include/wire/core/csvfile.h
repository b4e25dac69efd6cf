#ifndef WIRE_CSVFILE_H
#define WIRE_CSVFILE_H
/*
 * csvfile — the one policy for wire's CSV data files (taxonomies,
 * gazetteers, the events dictionaries): every loader reads them through
 * here, so they accept and refuse the same things with the same words.
 *
 *   - RFC 4180 quoting, strict (libcsv CSV_STRICT): a quote inside an
 *     unquoted field, text after a closing quote, or a quoted field still
 *     open at the end of the file is an error; spaces and tabs around an
 *     unquoted field are dropped.
 *   - A line whose first byte is '#' (not inside a quoted field) is a
 *     comment; blank lines, and rows whose fields are all empty or white
 *     space, are skipped. A UTF-8 byte order mark at the start is skipped.
 *   - The first row is the header; every later row has exactly as many
 *     fields as the header.
 *   - The text is UTF-8 without NUL bytes.
 *   - The first error ends the reading: `name:line: message`, the line
 *     where the row starts (for a misplaced quote, the line of the quote);
 *     values quoted in messages are cut to CSVFILE_SHOW bytes and "..."
 *     (csvfile_show), so a 100 KB field is not echoed whole.
 */
#include <stddef.h>

#include "wire/core/buf.h"

/* The longest value shown in a message (bytes, before the "..."). */
#define CSVFILE_SHOW 60

/* One row, borrowed for the duration of the callback. */
struct csvfile_row {
	size_t n;                  /* fields */
	const char *const *f;      /* field i, NUL-terminated (f[i][len[i]]) */
	const size_t *len;
	unsigned long line;        /* line where the row starts, from 1 */
};

/* Called with the header (header = 1), then with each data row. Returns
 * 0, or -1 after appending the reason to `msg` (no position: csvfile puts
 * `name:line: ` before it), which ends the reading. */
typedef int (*csvfile_fn)(void *ctx, const struct csvfile_row *row, int header, struct buf *msg);

/* Reads CSV text p[0..n) under the policy; `name` is used in messages.
 * Returns 0, or -1 with the message appended to `err`. A file without a
 * header row is an error ("name: empty file, expected a header row"). */
int csvfile_parse(const char *p, size_t n, const char *name, csvfile_fn fn, void *ctx,
		  struct buf *err);
/* The same for the file at `path` (gzip is recognised), named by its path. */
int csvfile_load(const char *path, csvfile_fn fn, void *ctx, struct buf *err);

/* Appends s[0..n) for a message: whole when at most CSVFILE_SHOW bytes,
 * else its first CSVFILE_SHOW bytes (cut at a UTF-8 boundary) and "...". */
void csvfile_show(struct buf *out, const char *s, size_t n);

#endif
