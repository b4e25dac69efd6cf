#ifndef WIRE_TABLE_H
#define WIRE_TABLE_H
/*
 * table — CSV (RFC 4180, libcsv) and TSV input with a header row, each
 * data row turned into a JSON object {"column": "value", ...} so that the
 * tools treat it like a JSON-lines record. Values stay strings (ids and
 * large numbers keep every digit). Streaming: memory holds a few rows.
 *
 * TSV is the plain form (IANA text/tab-separated-values): fields split on
 * tabs, rows on newlines, no quoting.
 */
#include <stddef.h>

#include "wire/core/buf.h"
#include "wire/core/input.h"
#include "wire/core/json.h"

struct table_row;

struct table {
	struct input *in;       /* borrowed */
	int tsv;
	void *csv;              /* struct csv_parser, CSV only */
	char **cols;            /* header names */
	size_t ncols;
	/* rows parsed but not yet returned */
	struct buf pending;     /* JSON texts back to back */
	struct table_row *rows;
	size_t nrows, head, rows_alloc;
	/* the row being built */
	struct buf cur;
	size_t nfields;
	unsigned long line;     /* physical line where the building row starts */
	unsigned long lines_in_row;
	int header_done, eof;
	int skipping;           /* after a malformed row: up to the next newline */
	unsigned long chunk_line; /* physical line where the CSV chunk being parsed starts */
	struct buf field;       /* scratch */
	struct buf json;        /* the record returned last */
	char *errmsg;           /* set when the input cannot be parsed further */
};

/* Prepares to read `in`; 0 ok. */
void table_init(struct table *t, struct input *in, int tsv);
/*
 * Returns the next row: 1 with *rec (valid until the next call) and *line
 * (the line where the row starts); -1 for a row that is wrong (message in
 * t->errmsg... see below) but after which reading can go on; 0 at the end.
 * After the end, t->errmsg (if not NULL) tells why the input stopped early
 * (malformed quoting, read error).
 *
 * A row with a different number of fields than the header, or a CSV row
 * with a misplaced quote (`"a "b" c"`, `"a" b`), is returned as -1 with
 * *line set and the message in `msg`; for the latter the rest of the
 * physical line where the quote is wrong is skipped too, and reading goes
 * on with the next line.
 */
int table_next(struct table *t, struct json_val *rec, unsigned long *line, struct buf *msg);
void table_release(struct table *t);

#endif
