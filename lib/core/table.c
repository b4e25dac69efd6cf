#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "wire/core/err.h"
#include "wire/core/table.h"

struct table_row {
	size_t off, len;        /* JSON text in `pending` */
	unsigned long line;
	long nfields;           /* fields found; -1 when fine; ROW_MALFORMED */
};

/* A row skipped for its quoting (libcsv's strict mode refused it). */
#define ROW_MALFORMED (-2)

static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void csv_start(struct table *t)
{
	struct csv_parser *p = t->csv;

	if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL))
		err_die("cannot initialise the CSV parser");
	csv_set_space_func(p, no_space);
}

void table_init(struct table *t, struct input *in, int tsv)
{
	memset(t, 0, sizeof(*t));
	t->in = in;
	t->tsv = tsv;
	t->line = 1;
	t->chunk_line = 1;
	buf_init(&t->pending, 0);
	buf_init(&t->cur, 0);
	buf_init(&t->field, 0);
	buf_init(&t->json, 0);
	if (!tsv) {
		t->csv = xmalloc(sizeof(struct csv_parser));
		csv_start(t);
	}
}

void table_release(struct table *t)
{
	if (t->csv) {
		csv_free(t->csv);
		free(t->csv);
	}
	for (size_t i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	free(t->cols);
	free(t->rows);
	free(t->errmsg);
	buf_release(&t->pending);
	buf_release(&t->cur);
	buf_release(&t->field);
	buf_release(&t->json);
	memset(t, 0, sizeof(*t));
}

static void add_field(struct table *t, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		t->lines_in_row += s[i] == '\n';
	if (!t->header_done) {
		t->cols = xrealloc(t->cols, (t->ncols + 1) * sizeof(*t->cols));
		t->cols[t->ncols++] = xmemdup(s, n);
		return;
	}
	if (t->nfields < t->ncols) {
		buf_addc(&t->cur, t->nfields ? ',' : '{');
		json_escape(&t->cur, t->cols[t->nfields], strlen(t->cols[t->nfields]));
		buf_addc(&t->cur, ':');
		json_escape(&t->cur, s, n);
	}
	t->nfields++;
}

/* Room for one more pending row. */
static struct table_row *new_row(struct table *t)
{
	if (t->nrows == t->rows_alloc) {
		t->rows_alloc = t->rows_alloc ? t->rows_alloc * 2 : 16;
		t->rows = xrealloc(t->rows, t->rows_alloc * sizeof(*t->rows));
	}
	return &t->rows[t->nrows++];
}

static void end_row(struct table *t)
{
	/* CSV: the row ends on the physical line being parsed (csv_chunk
	 * feeds libcsv one line at a time) and started as many lines before
	 * as its fields hold newlines; blank lines, which libcsv skips
	 * silently, are counted that way too. */
	unsigned long start = t->tsv ? t->line : t->chunk_line - t->lines_in_row;

	t->line += 1 + t->lines_in_row;
	t->lines_in_row = 0;
	if (!t->header_done) {
		t->header_done = 1;
		return;
	}
	struct table_row *r = new_row(t);
	if (!t->nfields)
		buf_addc(&t->cur, '{');
	buf_addc(&t->cur, '}');
	r->off = t->pending.len;
	r->len = t->cur.len;
	r->line = start;
	r->nfields = t->nfields == t->ncols ? -1 : (long)t->nfields;
	buf_add(&t->pending, t->cur.buf, t->cur.len);
	buf_reset(&t->cur);
	t->nfields = 0;
}

static void cb_field(void *s, size_t n, void *data)
{
	add_field(data, s ? s : "", s ? n : 0);
}

static void cb_row(int c, void *data)
{
	(void)c;
	end_row(data);
}

/*
 * A misplaced quote in a data row: the row is queued as ROW_MALFORMED at
 * the line where it starts (as far as its finished fields tell), the
 * parser starts afresh, and the rest of the physical line where the error
 * is is skipped.
 */
static void skip_malformed(struct table *t)
{
	struct table_row *r = new_row(t);

	r->off = t->pending.len;
	r->len = 0;
	r->line = t->chunk_line - t->lines_in_row;
	r->nfields = ROW_MALFORMED;
	buf_reset(&t->cur);
	t->nfields = 0;
	t->lines_in_row = 0;
	csv_free(t->csv);
	csv_start(t);
	t->skipping = 1;
}

/* Parses one chunk of CSV into pending rows, one physical line at a time
 * so that t->chunk_line is the line of the bytes being parsed. A row with
 * a misplaced quote is skipped up to the end of the line where the error
 * is and parsing goes on; any other error stops the input (t->errmsg). */
static void csv_chunk(struct table *t, const char *chunk, size_t n)
{
	size_t off = 0;

	while (off < n && !t->eof) {
		const char *nl = memchr(chunk + off, '\n', n - off);
		size_t end = nl ? (size_t)(nl - chunk) + 1 : n;
		if (t->skipping) {
			t->skipping = !nl;
			t->chunk_line += !!nl;
			off = end;
			continue;
		}
		size_t len = end - off;
		size_t k = csv_parse(t->csv, chunk + off, len, cb_field, cb_row, t);
		if (k == len) {
			t->chunk_line += !!nl;
			off = end;
			continue;
		}
		int e = csv_error(t->csv);
		off += k;
		if (e == CSV_EPARSE && t->header_done) {
			skip_malformed(t);
			continue;
		}
		struct buf m = BUF_INIT;
		buf_addf(&m, "malformed CSV near line %lu: %s", t->chunk_line, csv_strerror(e));
		t->errmsg = buf_detach(&m, NULL);
		t->eof = 1;
	}
}

/* Parses more input into pending rows; returns 0 at the end. */
static int feed(struct table *t)
{
	char chunk[65536];

	if (t->eof)
		return 0;
	if (t->tsv) {
		struct buf line = BUF_INIT;
		int any = 0;
		for (int k = 0; k < 256 && input_getline(t->in, &line); k++) {
			any = 1;
			if (line.len && line.buf[line.len - 1] == '\r')
				buf_setlen(&line, line.len - 1);
			if (!line.len && t->header_done) {
				t->line++;
				continue;
			}
			const char *p = line.buf, *end = p + line.len;
			for (;;) {
				const char *tab = memchr(p, '\t', (size_t)(end - p));
				const char *fe = tab ? tab : end;
				add_field(t, p, (size_t)(fe - p));
				if (!tab)
					break;
				p = tab + 1;
			}
			end_row(t);
		}
		buf_release(&line);
		if (!any)
			t->eof = 1;
		return any;
	}
	size_t n = input_read(t->in, chunk, sizeof(chunk));
	if (!n) {
		t->eof = 1;
		if (csv_fini(t->csv, cb_field, cb_row, t) != 0 && !t->errmsg)
			t->errmsg = xstrdup("malformed CSV: unterminated quoted field");
		return 0;
	}
	csv_chunk(t, chunk, n);
	return 1;
}

int table_next(struct table *t, struct json_val *rec, unsigned long *line, struct buf *msg)
{
	while (t->head == t->nrows) {
		t->head = t->nrows = 0;
		buf_reset(&t->pending);
		if (!feed(t) && t->head == t->nrows)
			return 0;
	}
	struct table_row *r = &t->rows[t->head++];
	*line = r->line;
	if (r->nfields == ROW_MALFORMED) {
		buf_addf(msg, "malformed CSV: misplaced quote");
		return -1;
	}
	if (r->nfields >= 0) {
		buf_addf(msg, "expected %zu fields as in the header, found %ld", t->ncols, r->nfields);
		return -1;
	}
	buf_reset(&t->json);
	buf_add(&t->json, t->pending.buf + r->off, r->len);
	rec->p = t->json.buf;
	rec->n = t->json.len;
	rec->type = JSON_OBJECT;
	return 1;
}
