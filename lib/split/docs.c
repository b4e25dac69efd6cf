#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "wire/split/docs.h"
#include "wire/core/err.h"
#include "wire/core/utf8.h"

/* Members the unit records own: never carried over from the input. */
static const char *const own_fields[] = {
	"doc", "id", "unit", "seq", "para", "text", "span", "date",
	"dateline", "byline", "agency", "source", "parts",
};
#define NOWN (sizeof(own_fields) / sizeof(own_fields[0]))

/* At most this many records without text are reported one by one. */
#define NOTEXT_REPORTS 5

static const char *plain_field(const struct expr *e);

enum src_kind { SRC_INPUT, SRC_TAR, SRC_TAR_GZ };

struct docs_src {
	enum src_kind kind;
	z_stream z;
	int zinit, zdone;
	unsigned char in[65536];
	const char *errmsg;
};

int docs_format(const char *name)
{
	static const char *const names[] = { "auto", "text", "jsonl", "csv", "tsv" };

	for (int i = 0; i < 5; i++)
		if (!strcmp(name, names[i]))
			return i;
	return -1;
}

void docs_init(struct docs *ds, const struct docs_opts *o, char **files, int nfiles)
{
	static char *stdin_only[] = { (char *)"-", NULL };

	memset(ds, 0, sizeof(*ds));
	ds->o = *o;
	if (nfiles <= 0) {
		files = stdin_only;
		nfiles = 1;
	}
	ds->files = files;
	ds->nfiles = nfiles;
	buf_init(&ds->source, 256);
	buf_init(&ds->id, 256);
	htab_init(&ds->ids);
	buf_init(&ds->text, 4096);
	buf_init(&ds->rest, 0);
	reader_init(&ds->rd, NULL, 0, o->policy);
	buf_init(&ds->err, 0);
	buf_init(&ds->date, 0);
	buf_init(&ds->tmp, 0);
	size_t k = 0;
	for (; k < NOWN; k++)
		ds->skip[k] = own_fields[k];
	if (o->text && expr_root(o->text))
		ds->skip[k++] = expr_root(o->text);
	ds->skip[k] = NULL;
	ds->plain_text = plain_field(o->text);
	ds->plain_id = plain_field(o->id);
	ds->plain_date = plain_field(o->date);
	ds->plain = ds->plain_text && ds->plain_id && ds->plain_date;
	ds->src = xcalloc(1, sizeof(*ds->src));
}

/* Records a data error under the policy; returns 1 when the run must stop. */
static int data_error(struct docs *ds, const char *file, unsigned long line, const char *msg)
{
	if (ds->o.policy != ON_ERROR_SKIP)
		err_at(file, line, "%s", msg);
	if (ds->o.policy != ON_ERROR_SKIP)
		ds->status = WIRE_EXIT_DATA;
	if (ds->o.policy == ON_ERROR_FAIL)
		ds->stop = 1;
	return ds->stop;
}

/* "dir/name.txt.gz" → "name". */
static void doc_id_from_name(struct buf *out, const char *name)
{
	const char *base = strrchr(name, '/');
	size_t n;

	base = base ? base + 1 : name;
	n = strlen(base);
	if (n > 3 && !strcmp(base + n - 3, ".gz"))
		n -= 3;
	for (size_t i = n; i-- > 1;) {
		if (base[i] == '.') {
			n = i;
			break;
		}
	}
	buf_reset(out);
	if (!strcmp(name, "<stdin>"))
		buf_adds(out, "stdin");
	else
		buf_add(out, base, n);
}

/* Interns ds->id among the ids given so far; 1 when it is new. */
static int id_is_new(struct docs *ds)
{
	int added = 0;

	htab_intern(&ds->ids, ds->id.buf, ds->id.len, hash_bytes(ds->id.buf, ds->id.len),
		    &added);
	return added;
}

/*
 * The id of a text document (a file, an archive member) named `name`: its
 * name without folders and extension ("news/2024/001.txt" → "001"), unless
 * a document of this run already has that id ("sport/001.txt" after
 * "business/001.txt"): then the name with its folders ("sport/001"),
 * and "~2", "~3", ... after it should that be taken too. So a run never
 * gives two documents one id; shards of a run (pipelines/parallel.sh)
 * each see only their own names.
 */
static void text_doc_id(struct docs *ds, const char *name)
{
	doc_id_from_name(&ds->id, name);
	if (id_is_new(ds) || !strcmp(name, "<stdin>"))
		return;
	while (name[0] == '.' && name[1] == '/')
		name += 2;
	const char *base = strrchr(name, '/');
	size_t keep = base ? (size_t)(base - name) + 1 : 0;
	struct buf tail = BUF_INIT;
	buf_add(&tail, ds->id.buf, ds->id.len);
	buf_reset(&ds->id);
	buf_add(&ds->id, name, keep);
	buf_add(&ds->id, tail.buf, tail.len);
	buf_release(&tail);
	size_t len = ds->id.len;
	for (unsigned long k = 2; !id_is_new(ds); k++) {
		buf_setlen(&ds->id, len);
		buf_addc(&ds->id, '~');
		buf_addu(&ds->id, k);
	}
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

static enum docs_format format_from_name(const char *name)
{
	char tmp[4096];
	size_t n = strlen(name);

	if (n >= sizeof(tmp))
		return DOCS_AUTO;
	memcpy(tmp, name, n + 1);
	if (ends_with(tmp, ".gz"))
		tmp[n - 3] = '\0';
	if (ends_with(tmp, ".jsonl") || ends_with(tmp, ".ndjson") || ends_with(tmp, ".json"))
		return DOCS_JSONL;
	if (ends_with(tmp, ".csv"))
		return DOCS_CSV;
	if (ends_with(tmp, ".tsv") || ends_with(tmp, ".tab"))
		return DOCS_TSV;
	if (ends_with(tmp, ".txt") || ends_with(tmp, ".text"))
		return DOCS_TEXT;
	return DOCS_AUTO;
}

/* JSON-lines when the first line is one JSON object. */
static enum docs_format format_from_content(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	if (i == n || p[i] != '{')
		return DOCS_TEXT;
	const char *nl = memchr(p + i, '\n', n - i);
	size_t len = nl ? (size_t)(nl - (p + i)) : n - i;
	if (!nl && n == INPUT_CHUNK)
		return DOCS_JSONL; /* a first line longer than we can see: trust the brace */
	return json_check_object(p + i, len, NULL, NULL) ? DOCS_JSONL : DOCS_TEXT;
}

static void close_file(struct docs *ds)
{
	const char *e = input_error(&ds->in);

	if (ds->in_tar) {
		if (ds->tar.errmsg)
			data_error(ds, ds->in.name, 0, ds->tar.errmsg);
		tar_release(&ds->tar);
		ds->in_tar = 0;
	}
	if (ds->in_table) {
		if (ds->table.errmsg)
			data_error(ds, ds->in.name, 0, ds->table.errmsg);
		table_release(&ds->table);
		ds->in_table = 0;
	}
	if (ds->src->zinit) {
		inflateEnd(&ds->src->z);
		ds->src->zinit = 0;
	}
	if (e)
		data_error(ds, ds->in.name, 0, e);
	input_close(&ds->in);
	ds->open = 0;
	ds->text_pending = 0;
}

/* A text document (a file, a tar member) starts: nothing of it read yet. */
static void text_doc_start(struct docs *ds)
{
	ds->text_pending = 1;
	ds->cp_base = 0;
	ds->doc_bytes = 0;
	ds->chunked = 0;
	ds->text_line = 0;
	ds->line_bytes = 0;
	ds->doc_badutf8 = 0;
}

static void open_file(struct docs *ds, const char *path)
{
	const char *p;

	if (input_open(&ds->in, path) < 0) {
		err_warn("cannot open '%s': %s", path, strerror(errno));
		ds->status = WIRE_EXIT_DATA;
		if (ds->o.policy == ON_ERROR_FAIL)
			ds->stop = 1;
		return;
	}
	ds->open = 1;
	size_t n = input_peek(&ds->in, &p);
	if (tar_sniff(p, n)) {
		tar_init(&ds->tar, &ds->in);
		ds->in_tar = 1;
		return;
	}
	ds->fmt = ds->o.format;
	if (ds->fmt == DOCS_AUTO)
		ds->fmt = format_from_name(ds->in.name);
	if (ds->fmt == DOCS_AUTO)
		ds->fmt = format_from_content(p, n);
	switch (ds->fmt) {
	case DOCS_TEXT:
		ds->src->kind = SRC_INPUT;
		buf_reset(&ds->source);
		buf_adds(&ds->source, ds->in.name);
		text_doc_id(ds, ds->in.name);
		text_doc_start(ds);
		buf_reset(&ds->rest);
		break;
	case DOCS_CSV:
	case DOCS_TSV:
		table_init(&ds->table, &ds->in, ds->fmt == DOCS_TSV);
		ds->in_table = 1;
		break;
	default:
		break;
	}
}

/* Reads up to n bytes of the current text document. */
static size_t src_read(struct docs *ds, char *dst, size_t n)
{
	struct docs_src *s = ds->src;

	switch (s->kind) {
	case SRC_INPUT:
		return input_read(&ds->in, dst, n);
	case SRC_TAR:
		return tar_read(&ds->tar, dst, n);
	case SRC_TAR_GZ:
		break;
	}
	if (s->zdone)
		return 0;
	s->z.next_out = (unsigned char *)dst;
	s->z.avail_out = (unsigned)n;
	while (s->z.avail_out) {
		if (!s->z.avail_in) {
			size_t got = tar_read(&ds->tar, s->in, sizeof(s->in));
			if (!got) {
				s->errmsg = "truncated gzip member";
				s->zdone = 1;
				break;
			}
			s->z.next_in = s->in;
			s->z.avail_in = (unsigned)got;
		}
		int r = inflate(&s->z, Z_NO_FLUSH);
		if (r == Z_STREAM_END) {
			/* another gzip member may follow */
			if (!s->z.avail_in && !ds->tar.left) {
				s->zdone = 1;
				break;
			}
			inflateReset(&s->z);
			continue;
		}
		if (r != Z_OK && r != Z_BUF_ERROR) {
			s->errmsg = "invalid gzip data in member";
			s->zdone = 1;
			break;
		}
	}
	return n - s->z.avail_out;
}

/* Sets up the source of the tar member just found by tar_next. */
static void start_member(struct docs *ds)
{
	struct docs_src *s = ds->src;
	unsigned char magic[2];
	size_t got = tar_read(&ds->tar, magic, 2);

	buf_reset(&ds->source);
	buf_adds(&ds->source, ds->in.name);
	buf_addc(&ds->source, ':');
	buf_add(&ds->source, ds->tar.name.buf, ds->tar.name.len);
	text_doc_id(ds, ds->tar.name.buf);
	buf_reset(&ds->rest);
	s->errmsg = NULL;
	s->zdone = 0;
	if (got == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
		if (!s->zinit) {
			memset(&s->z, 0, sizeof(s->z));
			if (inflateInit2(&s->z, 15 + 16) != Z_OK)
				err_die("cannot initialise zlib");
			s->zinit = 1;
		} else {
			inflateReset(&s->z);
		}
		memcpy(s->in, magic, 2);
		s->z.next_in = s->in;
		s->z.avail_in = 2;
		s->kind = SRC_TAR_GZ;
	} else {
		buf_add(&ds->rest, magic, got);
		s->kind = SRC_TAR;
	}
	text_doc_start(ds);
}

/* Where to cut a full chunk: after a blank line, else a newline, else a
 * space, else at a UTF-8 boundary; never in the first half. */
static size_t chunk_cut(const char *p, size_t n)
{
	size_t half = n / 2;

	for (size_t i = n; i-- > half + 1;)
		if (p[i] == '\n' && p[i - 1] == '\n')
			return i + 1;
	for (size_t i = n; i-- > half;)
		if (p[i] == '\n')
			return i + 1;
	for (size_t i = n; i-- > half;)
		if (p[i] == ' ')
			return i + 1;
	size_t i = n;
	while (i > half && ((unsigned char)p[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > half && (unsigned char)p[i - 1] >= 0xC0)
		i--;
	return i > half ? i : n;
}

/* The most invalid UTF-8 sequences reported one by one in a text document. */
#define BADUTF8_REPORTS 100

/* Reports each invalid sequence of the text document's chunk in ds->text
 * with its line and its byte in the line, and moves the position held in
 * ds->text_line and ds->line_bytes past the chunk. */
static void report_text_utf8(struct docs *ds, const char *file, size_t bad)
{
	const char *s = ds->text.buf, *end = s + ds->text.len;
	const char *seen = s, *line_start = NULL; /* NULL: the chunk's first line */

	for (const char *p = s + bad; p < end && !ds->stop;) {
		for (const char *nl; (nl = memchr(seen, '\n', (size_t)(p - seen))) != NULL;) {
			ds->text_line++;
			line_start = seen = nl + 1;
		}
		seen = p;
		unsigned long long col = (unsigned long long)(p - (line_start ? line_start : s)) +
					 (line_start ? 0 : ds->line_bytes) + 1;
		ds->badutf8++;
		if (++ds->doc_badutf8 <= BADUTF8_REPORTS) {
			buf_reset(&ds->err);
			buf_addf(&ds->err, "invalid UTF-8 at byte %llu (replaced by U+FFFD)%s", col,
				 ds->doc_badutf8 == BADUTF8_REPORTS ?
				 "; more in this document are replaced without a message" : "");
			data_error(ds, file, ds->text_line + 1, ds->err.buf);
		}
		p += utf8_bad_len(p, (size_t)(end - p));
		p += utf8_check(p, (size_t)(end - p));
	}
	for (const char *nl; (nl = memchr(seen, '\n', (size_t)(end - seen))) != NULL;) {
		ds->text_line++;
		line_start = seen = nl + 1;
	}
	ds->line_bytes = (size_t)(end - (line_start ? line_start : s)) + (line_start ? 0 : ds->line_bytes);
}

/* Validates UTF-8 in ds->text, replacing bad sequences by U+FFFD: in a
 * record's text (line > 0) reported once, at its first; in a text
 * document (line 0) each one, with its line. */
static void check_utf8(struct docs *ds, const char *file, unsigned long line)
{
	size_t bad = utf8_check(ds->text.buf, ds->text.len);

	if (!line)
		report_text_utf8(ds, file, bad);
	if (bad == ds->text.len)
		return;
	if (line) {
		buf_reset(&ds->err);
		buf_addf(&ds->err, "invalid UTF-8 at byte %zu of the text (replaced by U+FFFD)", bad + 1);
		ds->badutf8++;
		data_error(ds, file, line, ds->err.buf);
	}
	buf_reset(&ds->tmp);
	utf8_sanitize(&ds->tmp, ds->text.buf, ds->text.len);
	struct buf t = ds->text;
	ds->text = ds->tmp;
	ds->tmp = t;
}

/* 1 when s[0..n) has a letter or a digit, the least a sentence needs (a
 * text without one gives no record at all, so it is reported instead). */
static int has_word(const char *s, size_t n)
{
	const char *p = s, *end = s + n;

	while (p < end) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x80) {
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
				return 1;
			p++;
			continue;
		}
		int32_t cp;
		int k = utf8_decode(p, end, &cp);
		if (utf8_is_alpha(cp) || utf8_is_digit(cp))
			return 1;
		p += k ? k : 1;
	}
	return 0;
}

/* Makes the next chunk of a text document current in *d; returns 0 when
 * the document (in one chunk) has no letter or digit: reported, skipped. */
static int next_chunk(struct docs *ds, struct split_doc *d)
{
	size_t max = ds->o.max_doc;
	int first = !ds->chunked && ds->doc_bytes == 0;

	buf_reset(&ds->text);
	buf_add(&ds->text, ds->rest.buf, ds->rest.len);
	buf_reset(&ds->rest);
	int eof = 0;
	while (ds->text.len < max) {
		size_t want = max - ds->text.len;
		if (want > 1 << 20)
			want = 1 << 20;
		buf_grow(&ds->text, want);
		size_t got = src_read(ds, ds->text.buf + ds->text.len, want);
		if (!got) {
			eof = 1;
			break;
		}
		buf_setlen(&ds->text, ds->text.len + got);
	}
	if (!eof) {
		/* is there more? a full chunk at the exact end is common */
		char probe;
		size_t got = src_read(ds, &probe, 1);
		if (got) {
			size_t cut = chunk_cut(ds->text.buf, ds->text.len);
			buf_add(&ds->rest, ds->text.buf + cut, ds->text.len - cut);
			buf_addc(&ds->rest, probe);
			buf_setlen(&ds->text, cut);
		} else {
			eof = 1;
		}
	}
	if (eof) {
		ds->text_pending = 0;
		if (ds->src->errmsg)
			data_error(ds, ds->source.buf, 0, ds->src->errmsg);
	}
	ds->doc_bytes += ds->text.len;
	ds->bytes += ds->text.len;
	check_utf8(ds, ds->source.buf, 0);
	size_t skip = 0;
	if (first && ds->text.len >= 3 && !memcmp(ds->text.buf, "\xEF\xBB\xBF", 3))
		skip = 3; /* a byte-order mark is not part of the text */

	memset(d, 0, sizeof(*d));
	d->id = ds->id.buf;
	d->idlen = ds->id.len;
	d->source = ds->source.buf;
	d->text = ds->text.buf + skip;
	d->len = ds->text.len - skip;
	d->cp_base = ds->cp_base;
	d->cont = !first;
	d->more = ds->text_pending;
	ds->cp_base += utf8_count(d->text, d->len);
	ds->chunked = 1;
	if (first)
		ds->doc_word = 0;
	if (!ds->doc_word)
		ds->doc_word = has_word(d->text, d->len);
	if (!d->more && !ds->doc_word && ds->doc_bytes) {
		ds->notext++;
		data_error(ds, ds->source.buf, 0, "no letter or digit in the document; skipped");
		if (first)
			return 0;
		/* later chunk of a large one: its earlier chunks gave nothing either */
	}
	if (first)
		ds->ndocs++;
	return 1;
}

/* The first output of the id expression: a string, or a number as written
 * (ids stay strings: libjq would round large numbers). */
static int take_id(void *ctx, const struct json_val *v)
{
	struct buf *id = ctx;

	if (v->type == JSON_STRING)
		json_decode_string(v, id);
	else if (v->type == JSON_NUMBER)
		buf_add(id, v->p, v->n);
	return 1;
}

/* The member name when `e` is just ".name" (a plain top-level field), else
 * NULL: such expressions are answered from one walk over the record. */
static const char *plain_field(const struct expr *e)
{
	const char *src = e ? expr_source(e) : NULL;

	if (!src || src[0] != '.' || !src[1] || (src[1] >= '0' && src[1] <= '9'))
		return NULL;
	for (const char *c = src + 1; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || *c == '_'))
			return NULL;
	return src + 1;
}

/* The values of the plain fields of one record, found in one walk. */
struct fields {
	struct json_val text, id, date;
	int has_text, has_id, has_date;
	int carry;           /* a member that is carried onto the records */
};

/* Key `k` (quotes included; `escaped` when it holds a backslash) is `name`. */
static int key_is(const struct json_val *k, int escaped, const char *name)
{
	size_t n = strlen(name);

	if (escaped)
		return json_key_eq(k, name, n);
	return k->n == n + 2 && !memcmp(k->p + 1, name, n);
}

static void walk_fields(struct docs *ds, struct fields *f)
{
	struct json_iter it;
	struct json_val k, v;

	memset(f, 0, sizeof(*f));
	json_iter_object(&it, &ds->rec);
	while (json_next_member(&it, &k, &v)) {
		int own = 0, esc = memchr(k.p, '\\', k.n) != NULL;
		/* the last of equal keys wins, as in jq */
		if (key_is(&k, esc, ds->plain_text)) {
			f->text = v;
			f->has_text = 1;
		}
		if (key_is(&k, esc, ds->plain_id)) {
			f->id = v;
			f->has_id = 1;
		}
		if (key_is(&k, esc, ds->plain_date)) {
			f->date = v;
			f->has_date = 1;
		}
		for (size_t i = 0; ds->skip[i] && !own; i++)
			own = key_is(&k, esc, ds->skip[i]);
		if (!own)
			f->carry = 1;
	}
}

/* expr_string() of a plain field: 1 with the string in `out`, 0 for null
 * or nothing, -1 (message in `err`) for another type. */
static int field_string(int has, const struct json_val *v, const struct expr *e,
			struct buf *out, struct buf *err)
{
	if (!has || v->type == JSON_NULL)
		return 0;
	if (v->type == JSON_STRING) {
		json_decode_string(v, out);
		return 1;
	}
	if (err)
		buf_addf(err, "%s is not a string", expr_source(e));
	return -1;
}

/* Fills `d` from the record ds->rec; returns 1, or 0 to skip it. */
static int record_doc(struct docs *ds, struct split_doc *d, unsigned long line)
{
	const char *file = ds->in.name;
	struct fields f;

	if (ds->plain)
		walk_fields(ds, &f);
	buf_reset(&ds->text);
	buf_reset(&ds->err);
	int r = ds->plain ? field_string(f.has_text, &f.text, ds->o.text, &ds->text, &ds->err)
			  : expr_string(ds->o.text, &ds->rec, &ds->text, &ds->err);
	if (r > 0 && !has_word(ds->text.buf, ds->text.len)) {
		/* nothing to split: a record without text, not one dropped silently */
		buf_addf(&ds->err, "%s at '%s'",
			 ds->text.len ? "no letter or digit in the text" : "empty text",
			 expr_source(ds->o.text));
		r = 0;
	}
	if (r <= 0) {
		ds->notext++;
		if (r < 0 || ds->notext <= NOTEXT_REPORTS || ds->o.policy == ON_ERROR_FAIL) {
			if (!ds->err.len)
				buf_addf(&ds->err, "no text at '%s'", expr_source(ds->o.text));
			if (ds->o.policy != ON_ERROR_SKIP)
				err_at(file, line, "%s; record skipped", ds->err.buf);
			if (ds->o.policy == ON_ERROR_FAIL) {
				ds->status = WIRE_EXIT_DATA;
				ds->stop = 1;
			}
		}
		return 0;
	}
	check_utf8(ds, file, line);

	buf_reset(&ds->id);
	if (ds->plain) {
		if (f.has_id)
			take_id(&ds->id, &f.id);
	} else if (ds->o.id) {
		expr_run(ds->o.id, &ds->rec, take_id, &ds->id, NULL);
	}
	if (!ds->id.len) {
		doc_id_from_name(&ds->id, file);
		buf_addc(&ds->id, ':');
		buf_addu(&ds->id, line);
	}
	buf_reset(&ds->date);
	const char *date = NULL;
	if (ds->plain) {
		if (field_string(f.has_date, &f.date, ds->o.date, &ds->date, NULL) == 1 &&
		    ds->date.len)
			date = ds->date.buf;
	} else if (ds->o.date && expr_string(ds->o.date, &ds->rec, &ds->date, NULL) == 1 &&
		   ds->date.len) {
		date = ds->date.buf;
	}

	memset(d, 0, sizeof(*d));
	d->id = ds->id.buf;
	d->idlen = ds->id.len;
	d->source = ds->in.name;
	d->text = ds->text.buf;
	d->len = ds->text.len;
	/* without a member to carry, nothing to copy (the same records) */
	d->carry = !ds->plain || f.carry ? &ds->rec : NULL;
	d->skip = ds->skip;
	d->date = date;
	d->datelen = date ? ds->date.len : 0;
	ds->ndocs++;
	ds->bytes += ds->text.len;
	return 1;
}

int docs_next(struct docs *ds, struct split_doc *d)
{
	while (!ds->stop) {
		if (!ds->open) {
			if (ds->idx >= ds->nfiles)
				return 0;
			open_file(ds, ds->files[ds->idx++]);
			continue;
		}
		if (ds->text_pending) {
			if (next_chunk(ds, d))
				return 1;
			continue;
		}
		if (ds->in_tar) {
			int r = tar_next(&ds->tar);
			if (r == 1) {
				start_member(ds);
				continue;
			}
			close_file(ds);
			continue;
		}
		if (ds->fmt == DOCS_TEXT) {
			close_file(ds);
			continue;
		}
		if (ds->in_table) {
			unsigned long line;
			buf_reset(&ds->err);
			int r = table_next(&ds->table, &ds->rec, &line, &ds->err);
			if (r == 0) {
				close_file(ds);
				continue;
			}
			if (r < 0) {
				ds->rd.bad++; /* one count of invalid lines */
				data_error(ds, ds->in.name, line, ds->err.buf);
				continue;
			}
			/* the row as JSON: bad bytes only inside its strings */
			size_t first, nbad = utf8_fix(&ds->table.json, &ds->tmp, &first);
			if (nbad) {
				ds->rec.p = ds->table.json.buf;
				ds->rec.n = ds->table.json.len;
				ds->badutf8++;
				buf_reset(&ds->err);
				buf_addf(&ds->err, "invalid UTF-8 in the row (%zu sequence%s replaced by U+FFFD)",
					 nbad, nbad == 1 ? "" : "s");
				if (data_error(ds, ds->in.name, line, ds->err.buf))
					continue;
			}
			if (record_doc(ds, d, line))
				return 1;
			continue;
		}
		/* JSON lines */
		if (!reader_next_in(&ds->rd, &ds->in)) {
			if (ds->rd.stop)
				ds->stop = 1;
			else
				close_file(ds);
			continue;
		}
		ds->rec = ds->rd.rec;
		if (record_doc(ds, d, ds->in.line))
			return 1;
	}
	return 0;
}

int docs_finish(struct docs *ds)
{
	if (ds->open)
		close_file(ds);
	if (ds->notext > NOTEXT_REPORTS || (ds->notext && ds->o.policy == ON_ERROR_SKIP))
		err_warn("%llu record%s without text at '%s' skipped", ds->notext,
			 ds->notext == 1 ? "" : "s", expr_source(ds->o.text));
	if (reader_finish(&ds->rd) != WIRE_EXIT_OK) /* the skip summary */
		ds->status = WIRE_EXIT_DATA;
	buf_release(&ds->source);
	buf_release(&ds->id);
	htab_release(&ds->ids);
	buf_release(&ds->text);
	buf_release(&ds->rest);
	buf_release(&ds->err);
	buf_release(&ds->date);
	buf_release(&ds->tmp);
	free(ds->src);
	return ds->status;
}
