/*
 * csvfile — wire's CSV data files under one policy (csvfile.h), over
 * libcsv in strict mode, fed one line at a time so that every message
 * names its line.
 */
#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "wire/core/csvfile.h"
#include "wire/core/err.h"
#include "wire/core/input.h"
#include "wire/core/utf8.h"

struct cf {
	struct csv_parser p;
	const char *name;
	csvfile_fn fn;
	void *ctx;
	struct buf *err;
	unsigned long line;        /* lines fed so far */
	unsigned long row_line;    /* line where the row being read starts */
	int header_done, failed;
	size_t ncols;
	/* the row being read: fields back to back, each NUL-terminated */
	struct buf data;
	size_t *off, *len;
	const char **ptr;
	size_t nf, alloc;
	struct buf msg;
};

void csvfile_show(struct buf *out, const char *s, size_t n)
{
	if (n <= CSVFILE_SHOW) {
		buf_add(out, s, n);
		return;
	}
	size_t k = CSVFILE_SHOW;
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--; /* not inside a character */
	buf_add(out, s, k);
	buf_adds(out, "...");
}

static void fail(struct cf *cf, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void fail(struct cf *cf, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	if (cf->failed)
		return;
	cf->failed = 1;
	if (line)
		buf_addf(cf->err, "%s:%lu: ", cf->name, line);
	else
		buf_addf(cf->err, "%s: ", cf->name);
	va_start(ap, fmt);
	buf_vaddf(cf->err, fmt, ap);
	va_end(ap);
}

static void on_field(void *s, size_t n, void *ctx)
{
	struct cf *cf = ctx;

	if (cf->failed)
		return;
	if (cf->nf == cf->alloc) {
		cf->alloc = cf->alloc ? 2 * cf->alloc : 16;
		cf->off = xrealloc(cf->off, cf->alloc * sizeof(*cf->off));
		cf->len = xrealloc(cf->len, cf->alloc * sizeof(*cf->len));
		cf->ptr = xrealloc(cf->ptr, cf->alloc * sizeof(*cf->ptr));
	}
	cf->off[cf->nf] = cf->data.len;
	cf->len[cf->nf] = s ? n : 0;
	if (s)
		buf_add(&cf->data, s, n);
	buf_addc(&cf->data, '\0');
	cf->nf++;
}

/* Are all fields of the row empty or white space? */
static int blank_row(const struct cf *cf)
{
	for (size_t i = 0; i < cf->nf; i++) {
		const char *s = cf->data.buf + cf->off[i];
		for (size_t k = 0; k < cf->len[i]; k++)
			if (s[k] != ' ' && s[k] != '\t' && s[k] != '\r')
				return 0;
	}
	return 1;
}

static void on_row(int c, void *ctx)
{
	struct cf *cf = ctx;
	(void)c;

	if (!cf->failed && !blank_row(cf)) {
		for (size_t i = 0; i < cf->nf; i++)
			cf->ptr[i] = cf->data.buf + cf->off[i];
		struct csvfile_row row = { cf->nf, cf->ptr, cf->len, cf->row_line };
		int header = !cf->header_done;
		if (header) {
			cf->header_done = 1;
			cf->ncols = cf->nf;
		}
		buf_reset(&cf->msg);
		if (!header && cf->nf != cf->ncols)
			fail(cf, cf->row_line, "expected %zu field%s as in the header, found %zu",
			     cf->ncols, cf->ncols == 1 ? "" : "s", cf->nf);
		else if (cf->fn(cf->ctx, &row, header, &cf->msg) < 0)
			fail(cf, cf->row_line, "%s", cf->msg.len ? cf->msg.buf : "bad row");
	}
	cf->nf = 0;
	buf_reset(&cf->data);
}

/* One line of the file, without its '\n'. */
static void feed_line(struct cf *cf, const char *s, size_t n)
{
	cf->line++;
	if (cf->failed)
		return;
	if (cf->line == 1 && n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
		s += 3; /* a byte order mark */
		n -= 3;
	}
	if (cf->p.pstate == 0) { /* between rows (libcsv's ROW_NOT_BEGUN) */
		if (n && s[0] == '#')
			return; /* a comment */
		cf->row_line = cf->line;
	}
	const char *nul = memchr(s, '\0', n);
	if (nul) {
		fail(cf, cf->line, "NUL byte at byte %zu (not a text file)", (size_t)(nul - s) + 1);
		return;
	}
	size_t bad = utf8_check(s, n);
	if (bad != n) {
		fail(cf, cf->line, "invalid UTF-8 at byte %zu", bad + 1);
		return;
	}
	if (csv_parse(&cf->p, s, n, on_field, on_row, cf) != n ||
	    csv_parse(&cf->p, "\n", 1, on_field, on_row, cf) != 1) {
		int e = csv_error(&cf->p);
		fail(cf, cf->line, "malformed CSV: %s",
		     e == CSV_EPARSE ? "misplaced quote" : csv_strerror(e));
	}
}

static void cf_init(struct cf *cf, const char *name, csvfile_fn fn, void *ctx, struct buf *err)
{
	memset(cf, 0, sizeof(*cf));
	cf->name = name;
	cf->fn = fn;
	cf->ctx = ctx;
	cf->err = err;
	buf_init(&cf->data, 256);
	buf_init(&cf->msg, 0);
	if (csv_init(&cf->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		err_die("cannot initialise the CSV parser");
}

/* The end of the text; returns 0 or -1. */
static int cf_end(struct cf *cf)
{
	if (!cf->failed && csv_fini(&cf->p, on_field, on_row, cf) != 0)
		fail(cf, cf->row_line, "malformed CSV: quoted field not closed");
	if (!cf->failed && !cf->header_done)
		fail(cf, 0, "empty file, expected a header row");
	csv_free(&cf->p);
	buf_release(&cf->data);
	buf_release(&cf->msg);
	free(cf->off);
	free(cf->len);
	free(cf->ptr);
	return cf->failed ? -1 : 0;
}

int csvfile_parse(const char *p, size_t n, const char *name, csvfile_fn fn, void *ctx,
		  struct buf *err)
{
	struct cf cf;
	const char *end = p + n;

	cf_init(&cf, name, fn, ctx, err);
	while (p < end && !cf.failed) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		feed_line(&cf, p, len);
		p += len + (nl != NULL);
	}
	return cf_end(&cf);
}

int csvfile_load(const char *path, csvfile_fn fn, void *ctx, struct buf *err)
{
	struct input in;
	struct buf line = BUF_INIT;
	struct cf cf;

	if (input_open(&in, path) < 0) {
		buf_addf(err, "cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	cf_init(&cf, path, fn, ctx, err);
	while (!cf.failed && input_getline(&in, &line))
		feed_line(&cf, line.buf, line.len);
	if (!cf.failed && input_error(&in))
		fail(&cf, 0, "%s", input_error(&in));
	buf_release(&line);
	input_close(&in);
	return cf_end(&cf);
}
