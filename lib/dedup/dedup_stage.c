/*
 * dedup_stage — the stage of wire-dedup (see dedup_stage.h): group a
 * document's records, sketch its body text, find its story, write the
 * records with `story` and `similarity`; or write/read partial states.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "wire/core/err.h"
#include "wire/core/record.h"
#include "wire/dates/date.h"
#include "wire/dedup/boiler.h"
#include "wire/dedup/dedup_stage.h"

#define STATE_KEY "\"wire_dedup_state\""
#define SIG_KEY "\"wire_dedup_sig\""

struct item {
	size_t off, len;           /* the record's line in inst->recs */
	int no_text;               /* no string at .text */
};

struct inst {
	const struct dedup_conf *c;
	struct lsh *x;
	struct sig_builder sb;
	struct buf recs;           /* the current document's records */
	struct item *items;
	size_t n, alloc;
	struct buf doc;            /* its `doc`, as written (raw JSON) */
	int open;                  /* a document is being read */
	long day;                  /* its date (days), or LONG_MIN */
	long last_day;             /* the last date seen, or LONG_MIN */
	/* merge: the signature line of the current document */
	struct sig pending;
	int pending_ok;            /* 1: a sketch; 0: no words (or a bad line) */
	struct buf header;         /* the first state header seen */
	int fed;                   /* body records of the document sketched */
	struct buf text, line;     /* scratch */
	struct buf meta[3];        /* scratch: byline, dateline, agency */
	unsigned long long no_text, no_doc;
};

static const char *const owned[] = { "story", "similarity", NULL };

static void *inst_open(const void *conf)
{
	struct inst *in = xcalloc(1, sizeof(*in));

	in->c = conf;
	if (in->c->mode != DEDUP_PARTIAL)
		in->x = lsh_new(&in->c->lsh);
	in->sb.fold = (struct buf)BUF_INIT;
	in->recs = (struct buf)BUF_INIT;
	in->doc = (struct buf)BUF_INIT;
	in->header = (struct buf)BUF_INIT;
	in->text = (struct buf)BUF_INIT;
	in->line = (struct buf)BUF_INIT;
	for (int i = 0; i < 3; i++)
		in->meta[i] = (struct buf)BUF_INIT;
	in->last_day = in->day = LONG_MIN;
	sig_begin(&in->sb, in->c->shingle);
	return in;
}

static void inst_close(void *vi)
{
	struct inst *in = vi;

	lsh_free(in->x);
	sig_release(&in->sb);
	buf_release(&in->recs);
	buf_release(&in->doc);
	buf_release(&in->header);
	buf_release(&in->text);
	buf_release(&in->line);
	for (int i = 0; i < 3; i++)
		buf_release(&in->meta[i]);
	free(in->items);
	free(in);
}

/* The members of a record the stage reads, found in one walk. */
struct fields {
	struct json_val doc, unit, text, date;
	struct json_val meta[3];   /* byline, dateline, agency (or invalid) */
	int has_doc, has_unit, has_text, has_date;
};

static void read_fields(const struct json_val *rec, struct fields *f)
{
	struct json_iter it;
	struct json_val k, v;

	memset(f, 0, sizeof(*f));
	json_iter_object(&it, rec);
	while (json_next_member(&it, &k, &v)) {
		/* the last one wins, as in jq */
		if (k.n == 5 && !memcmp(k.p, "\"doc\"", 5)) {
			f->doc = v, f->has_doc = 1;
		} else if (k.n == 8 && !memcmp(k.p, "\"byline\"", 8)) {
			f->meta[0] = v;
		} else if (k.n == 10 && !memcmp(k.p, "\"dateline\"", 10)) {
			f->meta[1] = v;
		} else if (k.n == 8 && !memcmp(k.p, "\"agency\"", 8)) {
			f->meta[2] = v;
		} else if (k.n != 6) {
			continue;
		} else if (!memcmp(k.p, "\"unit\"", 6)) {
			f->unit = v, f->has_unit = 1;
		} else if (!memcmp(k.p, "\"text\"", 6)) {
			f->text = v, f->has_text = 1;
		} else if (!memcmp(k.p, "\"date\"", 6)) {
			f->date = v, f->has_date = 1;
		}
	}
}

/* Does the record carry body text (not a part kept apart by wire-split)? */
static int body_unit(const struct fields *f)
{
	if (!f->has_unit || f->unit.type != JSON_STRING)
		return 1;
	return json_key_eq(&f->unit, "sentence", 8) || json_key_eq(&f->unit, "para", 4) ||
	       json_key_eq(&f->unit, "doc", 3);
}

/* `similarity` as written: at most four decimals, like the topic scores. */
static void add_similarity(struct buf *out, double v)
{
	long t = (long)(v * 10000 + 0.5);

	if (t >= 10000) {
		buf_addc(out, '1');
		return;
	}
	if (t <= 0) {
		buf_addc(out, '0');
		return;
	}
	char d[4];
	for (int i = 3; i >= 0; i--) {
		d[i] = (char)('0' + t % 10);
		t /= 10;
	}
	int n = 4;
	while (n > 1 && d[n - 1] == '0')
		n--;
	buf_add(out, "0.", 2);
	buf_add(out, d, (size_t)n);
}

static void write_record(struct buf *out, const char *line, size_t len, const char *story,
			 size_t slen, double sim)
{
	struct json_val obj = { line, len, JSON_OBJECT };
	struct record_writer w;

	record_begin(&w, out);
	record_copy(&w, &obj, owned);
	if (story)
		record_raw(&w, "story", story, slen);
	else
		record_raw(&w, "story", "null", 4);
	record_key(&w, "similarity");
	if (sim < 0)
		buf_add(out, "null", 4);
	else
		add_similarity(out, sim);
	record_end(&w);
}

static void partial_header(struct inst *in, struct buf *out)
{
	static const char h[] = "{" STATE_KEY ":1,\"shingle\":";

	buf_add(out, h, sizeof(h) - 1);
	buf_addu(out, in->c->shingle);
	buf_add(out, ",\"bins\":", 8);
	buf_addu(out, SIG_BINS);
	buf_add(out, "}\n", 2);
}

/*
 * Ends the document being read: decides its story (or, partial, writes
 * its signature line) and writes its records. `have` says whether a
 * sketch of words is in `s`.
 */
static void decide(struct inst *in, struct stage_ctx *cx, const struct sig *s, int have,
		   uint64_t nshingles)
{
	const struct dedup_conf *c = in->c;
	const char *story = in->doc.len ? in->doc.buf : NULL;
	size_t slen = in->doc.len;
	double sim = 1;
	int first = 1;

	if (c->mode == DEDUP_PARTIAL) {
		static const char h[] = "{" SIG_KEY ":";
		buf_add(cx->out, h, sizeof(h) - 1);
		if (have) {
			buf_addc(cx->out, '"');
			sig_to_hex(s, cx->out);
			buf_add(cx->out, "\",\"n\":", 6);
			buf_addu(cx->out, nshingles);
		} else {
			buf_add(cx->out, "null", 4);
		}
		buf_add(cx->out, ",\"day\":", 7);
		if (in->day == LONG_MIN)
			buf_add(cx->out, "null", 4);
		else
			buf_addi(cx->out, in->day);
		buf_add(cx->out, "}\n", 2);
		for (size_t i = 0; i < in->n; i++) {
			buf_add(cx->out, in->recs.buf + in->items[i].off, in->items[i].len);
			buf_addc(cx->out, '\n');
		}
		return;
	}
	if (in->day != LONG_MIN)
		in->last_day = in->day;
	if (have && story) {
		long day = in->day != LONG_MIN ? in->day : in->last_day;
		if (c->window && day != LONG_MIN)
			lsh_age(in->x, day - c->window, c->max_memory);
		size_t len;
		double v;
		const char *id = lsh_find(in->x, s, &len, &v);
		if (id) {
			/* the index's id is valid until the next add: copy it */
			buf_reset(&in->line);
			buf_add(&in->line, id, len);
			story = in->line.buf;
			slen = len;
			sim = v;
			first = 0;
		} else {
			lsh_add(in->x, s, in->doc.buf, in->doc.len, day);
			if (c->max_memory)
				lsh_age(in->x, LONG_MIN, c->max_memory);
		}
	}
	if (c->drop && !first)
		return;
	for (size_t i = 0; i < in->n; i++) {
		const struct item *it = &in->items[i];
		const char *line = in->recs.buf + it->off;
		if (it->no_text)
			write_record(cx->out, line, it->len, in->doc.len ? in->doc.buf : NULL,
				     in->doc.len, -1);
		else
			write_record(cx->out, line, it->len, story, slen, story ? sim : -1);
	}
}

static void end_doc(struct inst *in, struct stage_ctx *cx)
{
	if (!in->open)
		return;
	if (in->c->mode == DEDUP_MERGE) {
		decide(in, cx, &in->pending, in->pending_ok, in->pending.n);
	} else {
		struct sig s;
		uint64_t words = sig_end(&in->sb, &s);
		decide(in, cx, &s, words > 0, s.n);
		sig_begin(&in->sb, in->c->shingle);
	}
	buf_reset(&in->recs);
	buf_reset(&in->doc);
	in->n = 0;
	in->fed = 0;
	in->open = 0;
	in->day = LONG_MIN;
	in->pending_ok = 0;
}

static void start_doc(struct inst *in, const struct fields *f)
{
	in->open = 1;
	buf_reset(&in->doc);
	if (f && f->has_doc && f->doc.type != JSON_NULL)
		buf_add(&in->doc, f->doc.p, f->doc.n);
}

static void keep(struct inst *in, const struct stage_rec *r, int no_text)
{
	if (in->n == in->alloc) {
		in->alloc = in->alloc ? 2 * in->alloc : 16;
		in->items = xrealloc(in->items, in->alloc * sizeof(*in->items));
	}
	struct item *it = &in->items[in->n++];
	it->off = in->recs.len;
	it->len = r->len;
	it->no_text = no_text;
	buf_add(&in->recs, r->line, r->len);
}

static long day_of(const struct fields *f, struct buf *tmp)
{
	struct date_ymd d;

	if (!f->has_date || f->date.type != JSON_STRING)
		return LONG_MIN;
	buf_reset(tmp);
	json_decode_string(&f->date, tmp);
	if (!date_parse(tmp->buf, tmp->len, &d) || !d.m || !d.d)
		return LONG_MIN;
	return date_to_days(&d);
}

static int starts_with(const struct stage_rec *r, const char *key, size_t n)
{
	const char *p = r->line, *end = r->line + r->len;

	while (p < end && (*p == ' ' || *p == '\t' || *p == '{'))
		p++;
	return (size_t)(end - p) >= n && !memcmp(p, key, n);
}

/* merge: a header line; all must be equal to the first. */
static int merge_header(struct inst *in, const struct stage_rec *r, struct stage_ctx *cx)
{
	struct json_val v;
	unsigned long long sh = 0, bins = 0;

	buf_reset(&in->line);
	if (json_get(&r->val, "shingle", 7, &v) && v.type == JSON_NUMBER)
		sh = strtoull(v.p, NULL, 10);
	if (json_get(&r->val, "bins", 4, &v) && v.type == JSON_NUMBER)
		bins = strtoull(v.p, NULL, 10);
	if (!sh || bins != SIG_BINS)
		return stage_error(cx, r, "not a wire-dedup state header this version can read");
	buf_addu(&in->line, sh);
	if (!in->header.len) {
		buf_add(&in->header, in->line.buf, in->line.len);
		return 0;
	}
	if (strcmp(in->header.buf, in->line.buf)) {
		stage_error(cx, r, "state made with --shingle %s, not %s as the first state",
			    in->line.buf, in->header.buf);
		return -1;
	}
	return 0;
}

/* merge: a signature line opens the next document. */
static int merge_sig(struct inst *in, const struct stage_rec *r, struct stage_ctx *cx)
{
	struct json_val v;

	end_doc(in, cx);
	in->open = 1;
	in->pending_ok = 0;
	if (!json_get(&r->val, "wire_dedup_sig", 14, &v))
		return 0;
	if (v.type == JSON_STRING) {
		if (sig_from_hex(&in->pending, v.p + 1, v.n - 2) < 0)
			return stage_error(cx, r, "bad signature in a wire-dedup state");
		in->pending.n = 0;
		struct json_val n;
		if (json_get(&r->val, "n", 1, &n) && n.type == JSON_NUMBER)
			in->pending.n = (uint32_t)strtoul(n.p, NULL, 10);
		in->pending_ok = 1;
	} else if (v.type != JSON_NULL) {
		return stage_error(cx, r, "bad signature in a wire-dedup state");
	}
	if (json_get(&r->val, "day", 3, &v) && v.type == JSON_NUMBER)
		in->day = strtol(v.p, NULL, 10);
	return 0;
}

static int merge_record(struct inst *in, const struct stage_rec *r, struct stage_ctx *cx)
{
	struct fields f;

	if (starts_with(r, STATE_KEY, sizeof(STATE_KEY) - 1))
		return merge_header(in, r, cx);
	if (!in->header.len) {
		stage_error(cx, r, "not wire-dedup --partial output (no state header)");
		return -1;
	}
	if (starts_with(r, SIG_KEY, sizeof(SIG_KEY) - 1))
		return merge_sig(in, r, cx);
	read_fields(&r->val, &f);
	if (!in->open) {
		stage_error(cx, r, "record without a signature line before it");
		in->open = 1;
	}
	if (!in->n)
		start_doc(in, &f);
	int no_text = !f.has_text || f.text.type != JSON_STRING;
	in->no_text += no_text;
	in->no_doc += !f.has_doc || f.doc.type == JSON_NULL;
	keep(in, r, no_text);
	return 0;
}

/* Feeds the record's text, without its boilerplate, to the sketch. */
static void sketch(struct inst *in, const struct fields *f)
{
	struct boiler_meta m;
	struct boiler_span sp[BOILER_MAX];
	const char **mp[3] = { &m.byline, &m.dateline, &m.agency };
	size_t *mn[3] = { &m.nbyline, &m.ndateline, &m.nagency };

	buf_reset(&in->text);
	json_decode_string(&f->text, &in->text);
	for (int i = 0; i < 3; i++) {
		*mp[i] = NULL;
		*mn[i] = 0;
		if (f->meta[i].type == JSON_STRING && f->meta[i].n > 2) {
			buf_reset(&in->meta[i]);
			json_decode_string(&f->meta[i], &in->meta[i]);
			*mp[i] = in->meta[i].buf;
			*mn[i] = in->meta[i].len;
		}
	}
	m.doc_start = !in->fed++;
	size_t k = boiler_find(in->text.buf, in->text.len, &m, sp), at = 0;
	for (size_t i = 0; i < k; i++) {
		sig_add(&in->sb, in->text.buf + at, sp[i].b - at);
		at = sp[i].e;
	}
	sig_add(&in->sb, in->text.buf + at, in->text.len - at);
}

static int inst_record(void *vi, const struct stage_rec *r, struct stage_ctx *cx)
{
	struct inst *in = vi;
	struct fields f;

	if (in->c->mode == DEDUP_MERGE)
		return merge_record(in, r, cx);
	read_fields(&r->val, &f);
	int has_doc = f.has_doc && f.doc.type != JSON_NULL;
	if (in->c->mode == DEDUP_PARTIAL && !in->header.len) {
		partial_header(in, cx->out);
		buf_addc(&in->header, '1');
	}
	if (!has_doc || !in->open || !in->doc.len || f.doc.n != in->doc.len ||
	    memcmp(f.doc.p, in->doc.buf, f.doc.n)) {
		end_doc(in, cx);
		start_doc(in, &f);
	}
	if (in->day == LONG_MIN)
		in->day = day_of(&f, &in->text);
	int no_text = !f.has_text || f.text.type != JSON_STRING;
	in->no_text += no_text;
	in->no_doc += !has_doc;
	keep(in, r, no_text);
	if (!no_text && body_unit(&f))
		sketch(in, &f);
	/* a record without doc is a document of its own */
	if (!has_doc)
		end_doc(in, cx);
	return 0;
}

static int inst_flush(void *vi, struct stage_ctx *cx)
{
	end_doc(vi, cx);
	return 0;
}

static int inst_finish(void **vi, size_t n, struct stage_ctx *cx)
{
	const struct inst *in = vi[0];

	(void)n;
	if (cx->stop)
		return WIRE_EXIT_DATA;
	if (in->c->mode == DEDUP_PARTIAL)
		return WIRE_EXIT_OK;
	if (in->no_text)
		stage_warn(cx, "%llu record%s without a string at '.text': story is %s own doc",
			   in->no_text, in->no_text == 1 ? "" : "s",
			   in->no_text == 1 ? "its" : "their");
	if (in->no_doc)
		stage_warn(cx, "%llu record%s without 'doc': story is null", in->no_doc,
			   in->no_doc == 1 ? "" : "s");
	return WIRE_EXIT_OK;
}

const struct stage_ops dedup_stage = {
	.name = "dedup",
	/* one pass in input order: the first copy is the first in the input */
	.flags = STAGE_SERIAL | STAGE_DOC,
	.open = inst_open,
	.record = inst_record,
	.flush = inst_flush,
	.finish = inst_finish,
	.close = inst_close,
};
