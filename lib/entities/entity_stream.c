/*
 * entity_stream — one document at a time through tagger, dates and
 * entity layer (see entity_stream.h).
 *
 * The records of the document are kept as their JSON text back to back
 * in one buffer, their decoded texts in another; at the end of the
 * document every text is tokenised once, the tagger sees all sentences
 * together, and the records are written in their input order.
 */
#include <stdlib.h>
#include <string.h>

#include "wire/dates/date.h"
#include "wire/entities/entity_stream.h"
#include "wire/core/err.h"
#include "wire/core/record.h"
#include "wire/core/token.h"
#include "wire/entities/layout.h"

/* Sentence and line scratch kept across texts, in entries (larger is
 * given back after each document). */
#define SCRATCH_KEEP 65536

struct rec {
	size_t jb, jn;          /* the record's JSON in `json` (of a part:
	                           the part's object, or any other element) */
	int part;               /* an element of the `parts` array of the
	                           record before it (wire-split: dateline,
	                           byline, agency, caption) */
	size_t nparts;          /* of a record: its `parts` entries after it */
	size_t tb, tn;          /* its text in `text` (when has_text) */
	int has_text;
	size_t p0, np;          /* its windows: piece[p0..p0+np) */
	struct date_ymd anchor; /* its `date`, y == 0 when none */
	struct tokens tok;      /* reused across documents */
	struct date_mentions dates;
};

/* A window of a record's text: tokens [tb, te) and dates [db, de);
 * `sent`: the first window of one of its sentences (layout.h). */
struct piece {
	size_t rec, tb, te, db, de;
	int sent;
};

struct entity_stream {
	struct entity_stream_opts o;
	struct buf *out;         /* the current call's cx->out */
	struct expr *own_text;   /* a libjq expression compiled for this
	                            instance (jq state is not shared) */
	struct ner_work *nw;
	struct entity_doc ed;
	struct rec *rec;
	size_t nrec, rec_alloc;
	struct buf json, text, doc, cur_doc, errmsg;
	int have_doc;            /* the buffered records share cur_doc */
	struct date_doc dates;   /* date context of the document dates_doc */
	struct buf dates_doc;
	int dates_named;         /* dates_doc holds a `doc` value */
	struct piece *piece;     /* windows of the texts, in order */
	size_t npiece, piece_alloc;
	struct segment_rules *rules; /* sentence rules (wire-split's) */
	struct layout lay;       /* layout_sentences scratch */
	struct spans sent;       /* the sentences of a text */
	struct buf scratch;      /* ner_plain_token */
	unsigned char *plain;    /* window_end: plain tokens of a search range */
	size_t plain_alloc;
	struct ner_sentence *ns;
	struct entity_sentence *es;
	size_t s_alloc;
	unsigned long long no_text;
	int fail;
};

struct entity_stream *entity_stream_new(const struct entity_stream_opts *o)
{
	struct entity_stream *es = xcalloc(1, sizeof(*es));
	es->o = *o;
	if (!expr_is_fast(o->text)) {
		char *msg = NULL;
		es->own_text = expr_compile(expr_source(o->text), &msg);
		if (!es->own_text)
			err_die("--text: %s", msg);
		es->o.text = es->own_text;
	}
	if (o->model)
		es->nw = ner_work_new();
	const char *why = NULL;
	es->rules = segment_load(&why);
	if (!es->rules)
		err_die("cannot load the abbreviation list: %s", why);
	es->lay = (struct layout)LAYOUT_INIT;
	es->sent = (struct spans)SPANS_INIT;
	entity_doc_init(&es->ed);
	es->ed.durations = es->o.durations;
	buf_init(&es->json, 1 << 16);
	buf_init(&es->text, 1 << 16);
	buf_init(&es->doc, 64);
	buf_init(&es->cur_doc, 64);
	buf_init(&es->errmsg, 64);
	buf_init(&es->dates_doc, 64);
	buf_init(&es->scratch, 64);
	if (!es->o.window)
		es->o.window = ENTITY_STREAM_WINDOW;
	if (es->o.window < 64)
		es->o.window = 64;
	return es;
}

void entity_stream_free(struct entity_stream *es)
{
	if (!es)
		return;
	for (size_t i = 0; i < es->rec_alloc; i++) {
		tokens_release(&es->rec[i].tok);
		date_mentions_release(&es->rec[i].dates);
	}
	if (es->own_text)
		expr_free(es->own_text);
	free(es->rec);
	free(es->piece);
	free(es->plain);
	segment_free(es->rules);
	layout_release(&es->lay);
	spans_release(&es->sent);
	buf_release(&es->scratch);
	free(es->ns);
	free(es->es);
	if (es->nw)
		ner_work_free(es->nw);
	entity_doc_release(&es->ed);
	buf_release(&es->json);
	buf_release(&es->text);
	buf_release(&es->doc);
	buf_release(&es->cur_doc);
	buf_release(&es->errmsg);
	buf_release(&es->dates_doc);
	free(es);
}

static const char *const owned[] = { "entities", NULL };
static const char *const owned_parts[] = { "entities", "parts", NULL };

/* The first record's `dateline` and `agency` (wire-split) to the entity
 * layer: the country of the document's officials. */
static void origin_of(struct entity_stream *es)
{
	struct buf place = BUF_INIT, agency = BUF_INIT;
	struct json_val v;
	if (es->nrec) {
		struct json_val obj = { es->json.buf + es->rec[0].jb, es->rec[0].jn, JSON_OBJECT };
		if (json_get(&obj, "dateline", 8, &v) && v.type == JSON_STRING)
			json_decode_string(&v, &place);
		if (json_get(&obj, "agency", 6, &v) && v.type == JSON_STRING)
			json_decode_string(&v, &agency);
	}
	entity_doc_origin(&es->ed, place.buf, place.len, agency.buf, agency.len);
	buf_release(&place);
	buf_release(&agency);
}

static int date_before(const void *a, const void *b)
{
	const struct date_mention *x = a, *y = b;
	return x->b < y->b ? -1 : x->b > y->b;
}

/*
 * Where the window of a text's tokens tok[a..n) that starts at token a
 * ends: n when at most `window` tokens are left, else after a token c in
 * the second half of the window, the first of these that exists, looking
 * from the right:
 *  1. c is clause punctuation (. , ; : ! ?) and tokens c-2..c+3 are
 *     plain (ner_plain_token): the tagger labels the whole text alike
 *     (ner.h, `cont`), and nothing the entity layer finds spans six
 *     lower-case words and a comma;
 *  2. tokens c-2..c+3 are plain;
 *  3. c is a full stop (the text has no run of six plain tokens in half
 *     a window: "Mr. Mr. ..."), else the middle of the window.
 * A cut never falls inside a date. *di: the first date not ending before
 * token a.
 */
static size_t window_end(struct entity_stream *es, const char *t, const struct token *tok,
			 size_t n, size_t a, const struct date_mention *dm, size_t nd, size_t *di)
{
	size_t w = es->o.window;
	if (n - a <= w)
		return n;
	size_t lo = a + w / 2, hi = a + w;   /* c in [lo, hi): hi < n */
	size_t pb = lo - 2, pe = hi + 4 < n ? hi + 4 : n;
	while (*di < nd && dm[*di].e <= tok[a].b)
		(*di)++;
	if (pe - pb > es->plain_alloc) {
		es->plain_alloc = pe - pb;
		es->plain = xrealloc(es->plain, es->plain_alloc);
	}
	/* bit 0: token i is plain; bit 1: a date runs across the start of
	 * token i (dates sorted by start: one sweep, keeping the furthest end
	 * of the dates that start before it) */
	size_t k = *di, maxe = 0;
	for (size_t i = pb; i < pe; i++) {
		size_t at = tok[i].b;
		while (k < nd && dm[k].b < at) {
			if (dm[k].e > maxe)
				maxe = dm[k].e;
			k++;
		}
		es->plain[i - pb] = (unsigned char)(ner_plain_token(t + at, tok[i].e - at, &es->scratch) |
						    (maxe > at) << 1);
	}
	for (int pass = 1; pass <= 3; pass++) {
		for (size_t c = hi; c-- > lo;) {
			const char *p = t + tok[c].b;
			size_t len = tok[c].e - tok[c].b;
			int ok;
			if (pass < 3) {
				ok = c + 3 < pe;
				for (size_t i = c - 2; ok && i <= c + 3; i++)
					ok = es->plain[i - pb] & 1;
				if (ok && pass == 1)
					ok = len == 1 && memchr(".,;:!?", *p, 6);
			} else {
				ok = c == lo || (len == 1 && *p == '.');
			}
			if (ok && !(es->plain[c + 1 - pb] & 2))
				return c + 1;
		}
	}
	return hi;   /* every token of the range is inside one date */
}

/* Appends the piece [a, b) of record ri. */
static void add_piece(struct entity_stream *es, size_t ri, size_t a, size_t b, int sent)
{
	if (es->npiece == es->piece_alloc) {
		es->piece_alloc = es->piece_alloc ? 2 * es->piece_alloc : 64;
		es->piece = xrealloc(es->piece, es->piece_alloc * sizeof(*es->piece));
	}
	struct piece *p = &es->piece[es->npiece++];
	p->rec = ri;
	p->tb = a;
	p->te = b;
	p->sent = sent;
}

/*
 * Cuts record r's text into its sentences (layout_sentences: lines of
 * tables and lists apart, wrapped prose together, then wire-split's
 * sentence rules) and each sentence into windows of at most o.window
 * tokens (pieces). A sentence boundary inside a date is not one: the two
 * sentences are one.
 */
static void cut(struct entity_stream *es, size_t ri)
{
	struct rec *r = &es->rec[ri];
	const char *t = es->text.buf + r->tb;
	const struct token *tok = r->tok.v;
	const struct date_mention *dm = r->dates.v;
	size_t n = r->tok.n, nd = r->dates.n, di = 0;

	/* the cuts take the dates in order of their start (date_find gives
	 * them so; sorted only if not) */
	for (size_t i = 1; i < nd; i++)
		if (dm[i].b < dm[i - 1].b) {
			qsort(r->dates.v, nd, sizeof(*r->dates.v), date_before);
			break;
		}
	spans_reset(&es->sent);
	if (n)
		layout_sentences(&es->lay, es->rules, t, r->tn, &es->sent);
	const struct span *sp = es->sent.v;
	size_t nsp = es->sent.n, j = 0, k = 0, maxe = 0, a = 0;
	r->p0 = es->npiece;
	do {
		/* the sentence of token a ends before the first later token
		 * at or after the end of a's sentence, outside every date */
		size_t e = a;
		if (n) {
			while (j < nsp && sp[j].e <= tok[a].b)
				j++;
			for (e = a + 1; e < n; e++) {
				if (j >= nsp || tok[e].b < sp[j].e)
					continue;
				while (k < nd && dm[k].b < tok[e].b) {
					if (dm[k].e > maxe)
						maxe = dm[k].e;
					k++;
				}
				if (maxe <= tok[e].b)
					break;
				while (j < nsp && sp[j].e <= tok[e].b)
					j++;
			}
		}
		size_t w = a;
		do {
			size_t b = window_end(es, t, tok, e, w, dm, nd, &di);
			add_piece(es, ri, w, b, w == a);
			w = b;
		} while (w < e);
		a = e;
	} while (a < n);
	r->np = es->npiece - r->p0;
	/* the dates of each window: those starting in it */
	size_t kd = 0;
	for (size_t i = r->p0; i < es->npiece; i++) {
		struct piece *p = &es->piece[i];
		size_t end = i + 1 < es->npiece ? tok[p->te].b : (size_t)-1;
		p->db = kd;
		while (kd < nd && (dm[kd].b < end || i + 1 == es->npiece))
			kd++;
		p->de = kd;
	}
}

/* Tags and writes the buffered document, then forgets it. */
static void flush(struct entity_stream *es)
{
	if (!es->nrec)
		return;
	/* the date context goes on across the parts of one long document and
	 * starts afresh with each new one (or record without `doc`) */
	if (!es->have_doc || !es->dates_named || es->dates_doc.len != es->cur_doc.len ||
	    memcmp(es->dates_doc.buf, es->cur_doc.buf, es->cur_doc.len)) {
		memset(&es->dates, 0, sizeof(es->dates));
		buf_reset(&es->dates_doc);
		buf_add(&es->dates_doc, es->cur_doc.buf, es->cur_doc.len);
		es->dates_named = es->have_doc;
	}
	/* the sentences: records with text, in order, each in windows of at
	 * most o.window tokens */
	es->npiece = 0;
	for (size_t i = 0; i < es->nrec; i++) {
		struct rec *r = &es->rec[i];
		if (!r->has_text)
			continue;
		const char *t = es->text.buf + r->tb;
		token_split(t, r->tn, &r->tok);
		date_find_doc(t, r->tn, r->anchor.y ? &r->anchor : NULL, &es->dates, &r->dates);
		cut(es, i);
	}
	/* the scratch of a text of very many lines or sentences is given
	 * back before the tagger's and entity layer's memory is taken */
	if (es->sent.alloc > SCRATCH_KEEP || es->lay.line_alloc > SCRATCH_KEEP ||
	    es->lay.blocks.alloc > SCRATCH_KEEP) {
		layout_release(&es->lay);
		es->lay = (struct layout)LAYOUT_INIT;
		spans_release(&es->sent);
		es->sent = (struct spans)SPANS_INIT;
	}
	size_t n = es->npiece;
	if (n > es->s_alloc) {
		es->s_alloc = n;
		es->ns = xrealloc(es->ns, es->s_alloc * sizeof(*es->ns));
		es->es = xrealloc(es->es, es->s_alloc * sizeof(*es->es));
	}
	for (size_t k = 0; k < n; k++) {
		const struct piece *p = &es->piece[k];
		const struct rec *r = &es->rec[p->rec];
		struct ner_sentence *s = &es->ns[k];
		s->text = es->text.buf + r->tb;
		s->len = r->tn;
		s->tok = r->tok.v ? r->tok.v + p->tb : NULL; /* NULL + 0 is undefined */
		s->ntok = p->te - p->tb;
		s->m = NULL;
		s->nm = 0;
		s->cont = !p->sent;
	}
	if (es->o.model && n)
		ner_tag_doc(es->o.model, es->nw, es->ns, n);
	size_t nhead = 0;
	for (size_t k = 0; k < n; k++) {
		const struct piece *p = &es->piece[k];
		const struct rec *r = &es->rec[p->rec];
		struct entity_sentence *s = &es->es[k];
		s->text = es->ns[k].text;
		s->len = es->ns[k].len;
		s->tok = es->ns[k].tok;
		s->ntok = es->ns[k].ntok;
		s->m = es->ns[k].m;
		s->nm = es->ns[k].nm;
		s->d = r->dates.v ? r->dates.v + p->db : NULL;
		s->nd = p->de - p->db;
		/* the sentences of one text are found apart and reported
		 * together (entity.h, `cont`); its first ENTITY_HEAD_SENTENCES are
		 * sentences of their own to the entity layer, as sentence
		 * records are (a dateline, names learnt for the next ones;
		 * each counts its code points from the start of the text, so
		 * only a few) */
		if (k == r->p0)
			nhead = 0;
		s->cont = k > r->p0 && !(p->sent && ++nhead < ENTITY_HEAD_SENTENCES);
	}
	origin_of(es);
	entity_find(es->o.gaz, &es->ed, es->es, n);
	/* write every record in input order, its parts inside it */
	for (size_t i = 0; i < es->nrec; i++) {
		struct rec *r = &es->rec[i];
		struct json_val obj = { es->json.buf + r->jb, r->jn, JSON_OBJECT };
		if (r->part)
			continue;
		if (!r->has_text) {
			buf_add(es->out, obj.p, obj.n);
			buf_addc(es->out, '\n');
			continue;
		}
		struct record_writer w;
		record_begin(&w, es->out);
		record_copy(&w, &obj, r->nparts ? owned_parts : owned);
		if (r->nparts) {
			/* the same array, each part with its own `entities`
			 * (spans into the part's text) */
			record_key(&w, "parts");
			buf_addc(es->out, '[');
			for (size_t j = i + 1; j <= i + r->nparts; j++) {
				const struct rec *q = &es->rec[j];
				if (j > i + 1)
					buf_addc(es->out, ',');
				if (!q->has_text) {
					buf_add(es->out, es->json.buf + q->jb, q->jn);
					continue;
				}
				struct json_val po = { es->json.buf + q->jb, q->jn, JSON_OBJECT };
				struct record_writer pw;
				record_begin(&pw, es->out);
				record_copy(&pw, &po, owned);
				record_key(&pw, "entities");
				entity_json_run(es->out, &es->ed, &es->es[q->p0], q->np, es->o.types);
				buf_addc(es->out, '}');
			}
			buf_addc(es->out, ']');
		}
		record_key(&w, "entities");
		entity_json_run(es->out, &es->ed, &es->es[r->p0], r->np, es->o.types);
		record_end(&w);
	}
	es->nrec = 0;
	buf_reset(&es->json);
	buf_reset(&es->text);
	es->have_doc = 0;
}

/* The record's `doc` as text into es->doc: 1, or 0 when it has none. */
static int doc_of(struct entity_stream *es, const struct json_val *rec)
{
	struct json_val v;
	buf_reset(&es->doc);
	if (!json_get(rec, "doc", 3, &v) || v.type == JSON_NULL)
		return 0;
	if (v.type == JSON_STRING)
		json_decode_string(&v, &es->doc);
	else
		buf_add(&es->doc, v.p, v.n);
	return 1;
}

static void anchor_of(const struct json_val *rec, struct date_ymd *d, struct buf *tmp)
{
	struct json_val v;
	memset(d, 0, sizeof(*d));
	if (!json_get(rec, "date", 4, &v) || v.type != JSON_STRING)
		return;
	buf_reset(tmp);
	json_decode_string(&v, tmp);
	if (!date_parse(tmp->buf, tmp->len, d))
		memset(d, 0, sizeof(*d));
}

static struct rec *new_rec(struct entity_stream *es)
{
	if (es->nrec == es->rec_alloc) {
		size_t old = es->rec_alloc;
		es->rec_alloc = old ? 2 * old : 64;
		es->rec = xrealloc(es->rec, es->rec_alloc * sizeof(*es->rec));
		memset(es->rec + old, 0, (es->rec_alloc - old) * sizeof(*es->rec));
	}
	struct rec *r = &es->rec[es->nrec];
	r->part = 0;
	r->nparts = 0;
	return r;
}

/*
 * The `parts` array of record ri (wire-split puts there the dateline,
 * bylines, agency tags and photo captions it keeps out of the sentences,
 * on the document's first record): each element after it as a text of
 * the document, tagged with it; an element that is not an object with a
 * string `text` is kept as it is.
 */
static void parts_of(struct entity_stream *es, const struct json_val *rec, size_t ri)
{
	struct json_val arr, el, t;
	struct json_iter it;
	if (!json_get(rec, "parts", 5, &arr) || arr.type != JSON_ARRAY)
		return;
	size_t n = 0;
	json_iter_array(&it, &arr);
	while (json_next_elem(&it, &el)) {
		struct rec *q = new_rec(es);
		q->part = 1;
		q->jb = es->json.len;
		q->jn = el.n;
		buf_add(&es->json, el.p, el.n);
		q->tb = es->text.len;
		q->has_text = el.type == JSON_OBJECT && json_get(&el, "text", 4, &t) &&
			      t.type == JSON_STRING && json_decode_string(&t, &es->text) == 0;
		if (!q->has_text)
			buf_setlen(&es->text, q->tb);
		q->tn = es->text.len - q->tb;
		q->anchor = es->rec[ri].anchor;
		es->nrec++;
		n++;
	}
	es->rec[ri].nparts = n;
}

int entity_stream_record(struct entity_stream *es, const struct stage_rec *rd,
			 struct stage_ctx *cx)
{
	const struct json_val *rec = &rd->val;
	int has_doc = doc_of(es, rec);

	es->out = cx->out;
	/* a new document? */
	if (es->nrec && (!has_doc || !es->have_doc || es->doc.len != es->cur_doc.len ||
			 memcmp(es->doc.buf, es->cur_doc.buf, es->doc.len)))
		flush(es);
	if (es->nrec >= ENTITY_STREAM_MAX_RECORDS || es->json.len + es->text.len > ENTITY_STREAM_MAX_BYTES)
		flush(es);
	struct rec *r = new_rec(es);
	r->jb = es->json.len;
	r->jn = rec->n;
	buf_add(&es->json, rec->p, rec->n);
	r->tb = es->text.len;
	buf_reset(&es->errmsg);
	int st = expr_string(es->o.text, rec, &es->text, &es->errmsg);
	r->has_text = st == 1;
	r->tn = es->text.len - r->tb;
	if (st != 1) {
		buf_setlen(&es->text, r->tb);
		es->no_text++;
		if (es->o.policy == ON_ERROR_FAIL) {
			if (es->errmsg.len)
				stage_error(cx, rd, "%s", es->errmsg.buf);
			else
				stage_error(cx, rd, "no string at '%s'", expr_source(es->o.text));
			es->nrec++;
			flush(es);
			es->fail = 1;
			return -1;
		}
	}
	anchor_of(rec, &r->anchor, &es->errmsg);
	es->nrec++;
	if (r->has_text)
		parts_of(es, rec, es->nrec - 1);
	if (has_doc) {
		if (!es->have_doc) {
			buf_reset(&es->cur_doc);
			buf_add(&es->cur_doc, es->doc.buf, es->doc.len);
			es->have_doc = 1;
		}
	} else {
		flush(es); /* a record without `doc` is its own document */
	}
	return 0;
}

void entity_stream_flush(struct entity_stream *es, struct stage_ctx *cx)
{
	es->out = cx->out;
	flush(es);
	/* the next job may start with any document: its date context starts
	 * afresh, as it would after a different document */
	es->dates_named = 0;
}

unsigned long long entity_stream_no_text(const struct entity_stream *es)
{
	return es->no_text;
}

/* ------------------------------------------------------------------ */
/* the stage */

static void *stage_open(const void *conf)
{
	return entity_stream_new(conf);
}

static int stage_record(void *inst, const struct stage_rec *r, struct stage_ctx *cx)
{
	return entity_stream_record(inst, r, cx);
}

static int stage_flush(void *inst, struct stage_ctx *cx)
{
	entity_stream_flush(inst, cx);
	return 0;
}

static int stage_finish(void **inst, size_t n, struct stage_ctx *cx)
{
	const struct entity_stream *es = inst[0];
	unsigned long long no_text = 0;

	for (size_t i = 0; i < n; i++)
		no_text += entity_stream_no_text(inst[i]);
	if (cx->stop)
		return WIRE_EXIT_DATA;
	if (no_text)
		stage_warn(cx, "%llu record%s without a string at '%s' passed through unchanged",
			   no_text, no_text == 1 ? "" : "s", expr_source(es->o.text));
	return WIRE_EXIT_OK;
}

static void stage_close(void *inst)
{
	entity_stream_free(inst);
}

const struct stage_ops entity_stage = {
	"entities", STAGE_DOC, stage_open, stage_record, stage_flush, stage_finish, stage_close,
};
