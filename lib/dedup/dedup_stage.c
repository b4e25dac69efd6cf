/*
 * dedup_stage — the stage of wire-dedup (see dedup_stage.h): group a
 * document's records, sketch its body text, find its story, write the
 * records with `story` and `similarity`; or write/read partial states.
 */
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wire/core/err.h"
#include "wire/core/record.h"
#include "wire/dates/date.h"
#include "wire/dedup/boiler.h"
#include "wire/dedup/dedup_stage.h"

#define STATE_KEY "\"wire_dedup_state\""
#define SIG_KEY "\"wire_dedup_sig\""
/* The version of the sketches in a state: 2 since the word hash takes
 * eight bytes at a time (version 1 hashed a byte at a time). */
#define STATE_VERSION 2

/*
 * Documents are decided in batches: the records of up to BATCH_DOCS
 * documents (or BATCH_BYTES of records) are kept, then the batch is sent
 * to the worker threads to be sketched (each document by one thread, from
 * its own records: the sketch does not depend on the thread) while the
 * calling thread decides the batch sent before it and reads the next one;
 * the documents are decided and written in input order by the calling
 * thread. Output and stories are those of one document at a time; only
 * the memory (two batches) and the time differ. --merge (no sketching),
 * -u and -j 1 decide each document as it ends.
 */
#define BATCH_DOCS 512
#define BATCH_BYTES ((size_t)2 << 20)

struct item {
	size_t off, len;           /* the record's line in inst->recs */
	int no_text;               /* no string at .text */
	int body;                  /* body text to sketch */
	/* the .text, .byline, .dateline, .agency strings (raw JSON, quotes
	 * included) as offsets into the line; n 0: absent */
	size_t vo[4], vn[4];
	/* fast: the members are line[fb, fe), one ',' apart, none of them
	 * `story` or `similarity`: written as they are (record_copy would
	 * give the same bytes) */
	int fast;
	size_t fb, fe;
};

/* A document of the batch: its records are items[i0, i0 + n). */
struct bdoc {
	size_t i0, n;
	size_t id, idlen;          /* its `doc` (raw JSON) in inst->ids; 0: none */
	long day;                  /* its date (days), or LONG_MIN */
	struct sig s;
	int have;                  /* s is a sketch of words */
	int keyed;                 /* and its band keys are in the batch's keys */
};

/* What one sketching thread owns. */
struct sketcher {
	struct sig_builder sb;
	struct buf text;           /* a record's decoded text */
	struct buf meta[3];        /* its byline, dateline, agency */
};

struct pool;

/* A batch of documents and their records. */
struct batch {
	struct buf recs;           /* the records */
	struct item *items;
	size_t n, alloc;
	struct bdoc *docs;         /* the documents; in the batch being read,
	                              the last one is being read when `open` */
	size_t ndocs, adocs;
	uint32_t *keys;            /* per document, the band keys of its sketch
	                              (made where it is sketched) */
	struct buf ids;            /* their `doc`s */
};

struct inst {
	const struct dedup_conf *c;
	struct lsh *x;
	struct sketcher sk;        /* the calling thread's */
	struct batch bt[2];
	struct batch *b;           /* the batch being read */
	struct batch *sent;        /* the other, sent to be sketched; or NULL */
	int open;                  /* a document is being read */
	long last_day;             /* the last date decided, or LONG_MIN */
	size_t batch_docs;         /* 1: no batching */
	struct pool *pool;         /* worker threads, or NULL */
	struct buf header;         /* the first state header seen */
	struct buf text, line;     /* scratch */
	unsigned long long no_text, no_doc;
};

static void sketcher_init(struct sketcher *k, unsigned shingle)
{
	memset(k, 0, sizeof(*k));
	k->sb.fold = (struct buf)BUF_INIT;
	k->text = (struct buf)BUF_INIT;
	for (int i = 0; i < 3; i++)
		k->meta[i] = (struct buf)BUF_INIT;
	sig_begin(&k->sb, shingle);
}

static void sketcher_release(struct sketcher *k)
{
	sig_release(&k->sb);
	buf_release(&k->text);
	for (int i = 0; i < 3; i++)
		buf_release(&k->meta[i]);
}

static void sketch_doc(const struct inst *in, const struct batch *bt, struct sketcher *k,
		       struct bdoc *d);

/* ---- the worker threads --------------------------------------------------- */

/* A worker: its pool and its sketcher. */
struct worker {
	struct pool *p;
	struct sketcher k;
	pthread_t t;
};

struct pool {
	struct inst *in;
	struct batch *bt;          /* the batch being sketched */
	unsigned n;                /* workers started */
	struct worker *w;          /* `alloc` of them, all initialised */
	unsigned alloc;
	pthread_mutex_t mu;
	pthread_cond_t go, done;
	unsigned long gen;         /* batches handed out */
	unsigned busy;             /* workers still on the current batch */
	int quit;
	size_t next;               /* the next document to take (atomic) */
};

/* Sketches documents of the batch until none is left. */
static void take_docs(struct pool *p, struct sketcher *k)
{
	struct batch *bt = p->bt;
	size_t i;

	while ((i = __atomic_fetch_add(&p->next, 1, __ATOMIC_RELAXED)) < bt->ndocs)
		sketch_doc(p->in, bt, k, &bt->docs[i]);
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->p;
	unsigned long seen = 0;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->quit && p->gen == seen)
			pthread_cond_wait(&p->go, &p->mu);
		if (p->quit)
			break;
		seen = p->gen;
		pthread_mutex_unlock(&p->mu);
		take_docs(p, &w->k);
		pthread_mutex_lock(&p->mu);
		if (!--p->busy)
			pthread_cond_signal(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* `n` workers for `in` (fewer when the system gives fewer threads). */
static struct pool *pool_new(struct inst *in, unsigned n)
{
	struct pool *p = xcalloc(1, sizeof(*p));

	p->in = in;
	p->alloc = n;
	p->w = xcalloc(n, sizeof(*p->w));
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->go, NULL);
	pthread_cond_init(&p->done, NULL);
	for (unsigned i = 0; i < n; i++) {
		p->w[i].p = p;
		sketcher_init(&p->w[i].k, in->c->shingle);
	}
	while (p->n < n && !pthread_create(&p->w[p->n].t, NULL, work, &p->w[p->n]))
		p->n++;
	return p;
}

static void pool_free(struct pool *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->quit = 1;
	pthread_cond_broadcast(&p->go);
	pthread_mutex_unlock(&p->mu);
	for (unsigned i = 0; i < p->n; i++)
		pthread_join(p->w[i].t, NULL);
	for (unsigned i = 0; i < p->alloc; i++)
		sketcher_release(&p->w[i].k);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->go);
	pthread_cond_destroy(&p->done);
	free(p->w);
	free(p);
}

/* Hands batch `bt` to the workers, to be sketched (pool_wait: done). */
static void pool_send(struct pool *p, struct batch *bt)
{
	pthread_mutex_lock(&p->mu);
	p->bt = bt;
	p->next = 0;
	p->busy = p->n;
	p->gen++;
	pthread_cond_broadcast(&p->go);
	pthread_mutex_unlock(&p->mu);
}

/* Waits until the batch sent is sketched, sketching what is left of it
 * with `mine` meanwhile. */
static void pool_wait(struct pool *p, struct sketcher *mine)
{
	take_docs(p, mine);
	pthread_mutex_lock(&p->mu);
	while (p->busy)
		pthread_cond_wait(&p->done, &p->mu);
	pthread_mutex_unlock(&p->mu);
}

static const char *const owned[] = { "story", "similarity", NULL };

static void *inst_open(const void *conf)
{
	struct inst *in = xcalloc(1, sizeof(*in));

	in->c = conf;
	if (in->c->mode != DEDUP_PARTIAL)
		in->x = lsh_new(&in->c->lsh);
	sketcher_init(&in->sk, in->c->shingle);
	for (int i = 0; i < 2; i++) {
		in->bt[i].recs = (struct buf)BUF_INIT;
		in->bt[i].ids = (struct buf)BUF_INIT;
	}
	in->b = &in->bt[0];
	in->header = (struct buf)BUF_INIT;
	in->text = (struct buf)BUF_INIT;
	in->line = (struct buf)BUF_INIT;
	in->last_day = LONG_MIN;
	unsigned jobs = in->c->jobs;
	if (!jobs) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = n > 1 ? (unsigned)(n < 64 ? n : 64) : 1;
	}
	in->batch_docs = in->c->mode == DEDUP_MERGE || jobs <= 1 ? 1 : BATCH_DOCS;
	if (in->batch_docs > 1)
		in->pool = pool_new(in, jobs - 1);
	return in;
}

static void inst_close(void *vi)
{
	struct inst *in = vi;

	pool_free(in->pool);
	lsh_free(in->x);
	sketcher_release(&in->sk);
	for (int i = 0; i < 2; i++) {
		buf_release(&in->bt[i].recs);
		buf_release(&in->bt[i].ids);
		free(in->bt[i].items);
		free(in->bt[i].docs);
		free(in->bt[i].keys);
	}
	buf_release(&in->header);
	buf_release(&in->text);
	buf_release(&in->line);
	free(in);
}

/* The members of a record the stage reads, found in one walk. */
struct fields {
	struct json_val doc, unit, text, date;
	struct json_val meta[3];   /* byline, dateline, agency (or invalid) */
	int has_doc, has_unit, has_text, has_date;
	int fast;                  /* see struct item */
	const char *fb, *fe;
};

static void read_fields(const struct json_val *rec, struct fields *f)
{
	struct json_iter it;
	struct json_val k, v;

	memset(f, 0, sizeof(*f));
	f->fast = 1;
	json_iter_object(&it, rec);
	while (json_next_member(&it, &k, &v)) {
		if (!f->fe)
			f->fb = k.p;
		else if (k.p != f->fe + 1)
			f->fast = 0;      /* white space between members */
		f->fe = v.p + v.n;
		if (memchr(k.p + 1, '\\', k.n - 2) ||
		    (k.n == 7 && !memcmp(k.p, "\"story\"", 7)) ||
		    (k.n == 12 && !memcmp(k.p, "\"similarity\"", 12)))
			f->fast = 0;
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

static void write_record(struct buf *out, const char *line, const struct item *it,
			 const char *story, size_t slen, double sim)
{
	struct json_val obj = { line, it->len, JSON_OBJECT };
	struct record_writer w;

	record_begin(&w, out);
	if (it->fast) {
		buf_add(out, line + it->fb, it->fe - it->fb);
		w.members = it->fe > it->fb;
	} else {
		record_copy(&w, &obj, owned);
	}
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
	static const char h[] = "{" STATE_KEY ":";

	buf_add(out, h, sizeof(h) - 1);
	buf_addu(out, STATE_VERSION);
	buf_add(out, ",\"shingle\":", 11);
	buf_addu(out, in->c->shingle);
	buf_add(out, ",\"bins\":", 8);
	buf_addu(out, SIG_BINS);
	buf_add(out, "}\n", 2);
}

/*
 * Decides the story of document `d` of batch `bt` (or, partial, writes its
 * signature line) and writes its records.
 */
static void decide(struct inst *in, struct stage_ctx *cx, const struct batch *bt,
		   const struct bdoc *d)
{
	const struct dedup_conf *c = in->c;
	const char *own = d->idlen ? bt->ids.buf + d->id : NULL;
	const char *story = own;
	size_t slen = d->idlen;
	double sim = 1;
	int first = 1;
	const struct item *items = bt->items + d->i0;

	if (c->mode == DEDUP_PARTIAL) {
		static const char h[] = "{" SIG_KEY ":";
		buf_add(cx->out, h, sizeof(h) - 1);
		if (d->have) {
			buf_addc(cx->out, '"');
			sig_to_hex(&d->s, cx->out);
			buf_add(cx->out, "\",\"n\":", 6);
			buf_addu(cx->out, d->s.n);
		} else {
			buf_add(cx->out, "null", 4);
		}
		buf_add(cx->out, ",\"day\":", 7);
		if (d->day == LONG_MIN)
			buf_add(cx->out, "null", 4);
		else
			buf_addi(cx->out, d->day);
		buf_add(cx->out, "}\n", 2);
		for (size_t i = 0; i < d->n; i++) {
			buf_add(cx->out, bt->recs.buf + items[i].off, items[i].len);
			buf_addc(cx->out, '\n');
		}
		return;
	}
	if (d->day != LONG_MIN)
		in->last_day = d->day;
	if (d->have && story) {
		long day = d->day != LONG_MIN ? d->day : in->last_day;
		if (c->window && day != LONG_MIN)
			lsh_age(in->x, day - c->window, c->max_memory);
		size_t len;
		double v;
		const uint32_t *keys = d->keyed ? bt->keys + (size_t)(d - bt->docs) * c->lsh.bands : NULL;
		const char *id = lsh_find_keyed(in->x, &d->s, keys, &len, &v);
		if (id) {
			/* the index's id is valid until the next add: copy it */
			buf_reset(&in->line);
			buf_add(&in->line, id, len);
			story = in->line.buf;
			slen = len;
			sim = v;
			first = 0;
			/* a fuller version of the story (the original after a
			 * trimmed copy) is indexed too, under the story's id */
			if (c->fuller > 0 && d->s.n >= c->fuller * lsh_found_n(in->x)) {
				lsh_add(in->x, &d->s, in->line.buf, len, day);
				if (c->max_memory)
					lsh_age(in->x, LONG_MIN, c->max_memory);
			}
		} else {
			lsh_add(in->x, &d->s, own, d->idlen, day);
			if (c->max_memory)
				lsh_age(in->x, LONG_MIN, c->max_memory);
		}
	}
	if (c->drop && !first)
		return;
	for (size_t i = 0; i < d->n; i++) {
		const struct item *it = &items[i];
		const char *line = bt->recs.buf + it->off;
		if (it->no_text)
			write_record(cx->out, line, it, own, d->idlen, -1);
		else
			write_record(cx->out, line, it, story, slen, story ? sim : -1);
	}
}

/* Decides the documents of batch `bt`, sketched, and empties it. */
static void decide_batch(struct inst *in, struct stage_ctx *cx, struct batch *bt)
{
	for (size_t i = 0; i < bt->ndocs; i++)
		decide(in, cx, bt, &bt->docs[i]);
	bt->ndocs = 0;
	bt->n = 0;
	buf_reset(&bt->recs);
	buf_reset(&bt->ids);
}

/* Decides the batch sent to the workers, once sketched. */
static void decide_sent(struct inst *in, struct stage_ctx *cx)
{
	if (!in->sent)
		return;
	pool_wait(in->pool, &in->sk);
	decide_batch(in, cx, in->sent);
	in->sent = NULL;
}

/*
 * The batch read is sketched and decided: sent to the workers, to be
 * decided at the next call (or at decide_sent) while the batch sent
 * before it is decided now; without workers, at once.
 */
static void run_batch(struct inst *in, struct stage_ctx *cx)
{
	struct batch *bt = in->b;

	if (!bt->ndocs)
		return;
	if (in->c->mode == DEDUP_MERGE || !in->pool) {
		if (in->c->mode != DEDUP_MERGE)
			for (size_t i = 0; i < bt->ndocs; i++)
				sketch_doc(in, bt, &in->sk, &bt->docs[i]);
		decide_batch(in, cx, bt);
		return;
	}
	struct batch *prev = in->sent;
	if (prev)
		pool_wait(in->pool, &in->sk);
	pool_send(in->pool, bt);
	in->sent = bt;
	in->b = bt == &in->bt[0] ? &in->bt[1] : &in->bt[0];
	if (prev)
		decide_batch(in, cx, prev);
}

/* Ends the document being read; a full batch is decided. */
static void end_doc(struct inst *in, struct stage_ctx *cx)
{
	if (!in->open)
		return;
	struct bdoc *d = &in->b->docs[in->b->ndocs - 1];
	d->n = in->b->n - d->i0;
	in->open = 0;
	if (in->b->ndocs >= in->batch_docs || in->b->recs.len >= BATCH_BYTES)
		run_batch(in, cx);
}

static void set_id(struct inst *in, struct bdoc *d, const struct fields *f);

/* Opens a new document in the batch, with the `doc` of `f` (if any). */
static void start_doc(struct inst *in, const struct fields *f)
{
	if (in->b->ndocs == in->b->adocs) {
		in->b->adocs = in->b->adocs ? 2 * in->b->adocs : 64;
		in->b->docs = xrealloc(in->b->docs, in->b->adocs * sizeof(*in->b->docs));
		if (in->x)
			in->b->keys = xrealloc(in->b->keys, in->b->adocs * in->c->lsh.bands *
					       sizeof(*in->b->keys));
	}
	struct bdoc *d = &in->b->docs[in->b->ndocs++];
	memset(d, 0, sizeof(*d));
	d->i0 = in->b->n;
	d->day = LONG_MIN;
	d->id = in->b->ids.len;
	if (f)
		set_id(in, d, f);
	in->open = 1;
}

/* Keeps the record `r` (read into `f`; NULL: not read) in the batch. */
static void keep(struct inst *in, const struct stage_rec *r, const struct fields *f, int no_text)
{
	if (in->b->n == in->b->alloc) {
		in->b->alloc = in->b->alloc ? 2 * in->b->alloc : 16;
		in->b->items = xrealloc(in->b->items, in->b->alloc * sizeof(*in->b->items));
	}
	struct item *it = &in->b->items[in->b->n++];
	memset(it, 0, sizeof(*it));
	it->off = in->b->recs.len;
	it->len = r->len;
	it->no_text = no_text;
	if (f && f->fast) {
		it->fast = 1;
		it->fb = f->fb ? (size_t)(f->fb - r->line) : 0;
		it->fe = f->fe ? (size_t)(f->fe - r->line) : 0;
	}
	if (f && !no_text && body_unit(f)) {
		const struct json_val *v[4] = { &f->text, &f->meta[0], &f->meta[1], &f->meta[2] };
		it->body = 1;
		for (int i = 0; i < 4; i++) {
			if (v[i]->type != JSON_STRING || (i && v[i]->n <= 2))
				continue;
			it->vo[i] = (size_t)(v[i]->p - r->line);
			it->vn[i] = v[i]->n;
		}
	}
	buf_add(&in->b->recs, r->line, r->len);
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
	if (!json_get(&r->val, "wire_dedup_state", 16, &v) || v.type != JSON_NUMBER ||
	    strtoull(v.p, NULL, 10) != STATE_VERSION)
		return stage_error(cx, r, "a wire-dedup state of another version (sketches differ): "
				   "make the states again with this wire-dedup");
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

/* The `doc` of `f`, if any, becomes that of the open document `d`. */
static void set_id(struct inst *in, struct bdoc *d, const struct fields *f)
{
	d->id = in->b->ids.len;
	d->idlen = 0;
	if (f->has_doc && f->doc.type != JSON_NULL) {
		buf_add(&in->b->ids, f->doc.p, f->doc.n);
		d->idlen = f->doc.n;
	}
}

/* merge: a signature line opens the next document. */
static int merge_sig(struct inst *in, const struct stage_rec *r, struct stage_ctx *cx)
{
	struct json_val v;

	end_doc(in, cx);
	start_doc(in, NULL);
	struct bdoc *d = &in->b->docs[in->b->ndocs - 1];
	if (!json_get(&r->val, "wire_dedup_sig", 14, &v))
		return 0;
	if (v.type == JSON_STRING) {
		if (sig_from_hex(&d->s, v.p + 1, v.n - 2) < 0)
			return stage_error(cx, r, "bad signature in a wire-dedup state");
		d->s.n = 0;
		struct json_val n;
		if (json_get(&r->val, "n", 1, &n) && n.type == JSON_NUMBER)
			d->s.n = (uint32_t)strtoul(n.p, NULL, 10);
		d->have = 1;
	} else if (v.type != JSON_NULL) {
		return stage_error(cx, r, "bad signature in a wire-dedup state");
	}
	if (json_get(&r->val, "day", 3, &v) && v.type == JSON_NUMBER)
		d->day = strtol(v.p, NULL, 10);
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
		start_doc(in, NULL);
	}
	struct bdoc *d = &in->b->docs[in->b->ndocs - 1];
	if (in->b->n == d->i0)
		set_id(in, d, &f);
	int no_text = !f.has_text || f.text.type != JSON_STRING;
	in->no_text += no_text;
	in->no_doc += !f.has_doc || f.doc.type == JSON_NULL;
	keep(in, r, &f, no_text);
	return 0;
}

/* Sketches document `d` of batch `bt` from its body records, without
 * their boilerplate, with the builder and scratch of `k` (one thread's). */
static void sketch_doc(const struct inst *in, const struct batch *bt, struct sketcher *k,
		       struct bdoc *d)
{
	struct boiler_meta m;
	struct boiler_span sp[BOILER_MAX];
	const char **mp[3] = { &m.byline, &m.dateline, &m.agency };
	size_t *mn[3] = { &m.nbyline, &m.ndateline, &m.nagency };
	int fed = 0;

	sig_begin(&k->sb, in->c->shingle);
	for (size_t j = 0; j < d->n; j++) {
		const struct item *it = &bt->items[d->i0 + j];
		if (!it->body)
			continue;
		const char *line = bt->recs.buf + it->off;
		struct json_val v = { line + it->vo[0], it->vn[0], JSON_STRING };
		buf_reset(&k->text);
		json_decode_string(&v, &k->text);
		for (int i = 0; i < 3; i++) {
			*mp[i] = NULL;
			*mn[i] = 0;
			if (it->vn[i + 1]) {
				struct json_val mv = { line + it->vo[i + 1], it->vn[i + 1], JSON_STRING };
				buf_reset(&k->meta[i]);
				json_decode_string(&mv, &k->meta[i]);
				*mp[i] = k->meta[i].buf;
				*mn[i] = k->meta[i].len;
			}
		}
		m.doc_start = !fed++;
		size_t nb = boiler_find(k->text.buf, k->text.len, &m, sp), at = 0;
		for (size_t i = 0; i < nb; i++) {
			sig_add(&k->sb, k->text.buf + at, sp[i].b - at);
			at = sp[i].e;
		}
		sig_add(&k->sb, k->text.buf + at, k->text.len - at);
	}
	d->have = sig_end(&k->sb, &d->s) > 0;
	/* the band keys too, off the thread that decides */
	if (d->have && in->x) {
		lsh_keys(&in->c->lsh, &d->s, bt->keys + (size_t)(d - bt->docs) * in->c->lsh.bands);
		d->keyed = 1;
	}
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
	const struct bdoc *cur = in->open ? &in->b->docs[in->b->ndocs - 1] : NULL;
	if (!has_doc || !cur || !cur->idlen || f.doc.n != cur->idlen ||
	    memcmp(f.doc.p, in->b->ids.buf + cur->id, f.doc.n)) {
		end_doc(in, cx);
		start_doc(in, &f);
	}
	struct bdoc *d = &in->b->docs[in->b->ndocs - 1];
	if (d->day == LONG_MIN)
		d->day = day_of(&f, &in->text);
	int no_text = !f.has_text || f.text.type != JSON_STRING;
	in->no_text += no_text;
	in->no_doc += !has_doc;
	keep(in, r, &f, no_text);
	/* a record without doc is a document of its own */
	if (!has_doc)
		end_doc(in, cx);
	return 0;
}

static int inst_flush(void *vi, struct stage_ctx *cx)
{
	end_doc(vi, cx);
	run_batch(vi, cx);
	decide_sent(vi, cx);
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
