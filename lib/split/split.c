#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wire/core/err.h"

#include "wire/dates/date.h"
#include "wire/split/news.h"
#include "wire/core/record.h"
#include "wire/split/split.h"
#include "wire/core/utf8.h"

void split_init(struct split *s, const struct split_opts *opts)
{
	memset(s, 0, sizeof(*s));
	s->opts = *opts;
	buf_init(&s->rec, 4096);
	buf_init(&s->tmp, 256);
	buf_init(&s->carry, 0);
	buf_init(&s->pre, 256);
	buf_init(&s->post, 256);
	buf_init(&s->post_src, 256);
	buf_init(&s->partrec, 0);
}

void split_release(struct split *s)
{
	spans_release(&s->parts);
	spans_release(&s->paras);
	spans_release(&s->sents);
	buf_release(&s->rec);
	buf_release(&s->tmp);
	buf_release(&s->carry);
	buf_release(&s->pre);
	buf_release(&s->post);
	buf_release(&s->post_src);
	buf_release(&s->partrec);
	if (s->meta) {
		news_meta_release(s->meta);
		free(s->meta);
	}
}

long split_parts_mask(const char *list)
{
	long mask = 0;
	const char *p = list;

	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		int found = 0;
		if (n == 3 && !memcmp(p, "all", 3)) {
			mask |= ~(1L << NEWS_BODY) & 0x7F;
			found = 1;
		}
		for (int k = NEWS_DATE; k <= NEWS_DEBRIS && !found; k++) {
			const char *name = news_kind_name(k);
			if (strlen(name) == n && !memcmp(name, p, n)) {
				mask |= 1L << k;
				found = 1;
			}
		}
		if (!found)
			return -1;
		p += n;
		if (*p == ',')
			p++;
	}
	return mask;
}

/* Code-point offsets of increasing byte offsets, in linear time overall. */
struct cpos {
	const char *text;
	size_t byte, cp;
};

static size_t cp_at(struct cpos *c, size_t byte)
{
	if (byte < c->byte) { /* never happens for ordered units; stay correct */
		c->byte = 0;
		c->cp = 0;
	}
	c->cp += utf8_count(c->text + c->byte, byte - c->byte);
	c->byte = byte;
	return c->cp;
}

/* Has text[0..n) two letters in a row (ASCII, or any byte of a
 * multi-byte character)? */
static int has_word(const char *t, size_t n)
{
	int run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];
		int letter = c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		run = letter ? run + 1 : 0;
		if (run >= 2)
			return 1;
	}
	return 0;
}

static void meta_str(struct record_writer *w, const char *key, const char *v)
{
	if (v)
		record_str(w, key, v, strlen(v));
	else
		record_raw(w, key, "null", 4);
}

struct emit {
	struct split *s;
	const struct split_doc *d;
	struct output *out;
	const struct news_meta *meta;
	struct cpos cp;
	size_t seq;
	const char *date;
	size_t datelen;
};

/*
 * A record is the document's prefix (carried members, "doc", the start of
 * "id"), the unit's own members, then the document's suffix (metadata,
 * "source"). Prefix and suffix are rendered once per document.
 */
static void render_fixed(struct emit *e)
{
	struct split *s = e->s;
	const struct split_doc *d = e->d;
	struct record_writer w;

	buf_reset(&s->pre);
	record_begin(&w, &s->pre);
	record_members(&w, s->carry.buf, s->carry.len, s->ncarry);
	record_str(&w, "doc", d->id, d->idlen);
	record_str(&w, "id", d->id, d->idlen);
	buf_setlen(&s->pre, s->pre.len - 1); /* reopen the id string */
	buf_addc(&s->pre, '#');

	/* the suffix of a document without date or metadata depends only on
	 * its source: kept from the document before when that was the same */
	int bare = !e->date && !e->meta->dateline && !e->meta->byline && !e->meta->agency;
	size_t srclen = strlen(d->source);
	if (bare && s->post_bare && s->post_src.len == srclen &&
	    !memcmp(s->post_src.buf, d->source, srclen))
		return;
	s->post_bare = bare;
	buf_reset(&s->post_src);
	buf_add(&s->post_src, d->source, srclen);
	buf_reset(&s->post);
	w.out = &s->post;
	w.members = 1;
	if (e->date)
		record_str(&w, "date", e->date, e->datelen);
	else
		record_raw(&w, "date", "null", 4);
	meta_str(&w, "dateline", e->meta->dateline);
	meta_str(&w, "byline", e->meta->byline);
	meta_str(&w, "agency", e->meta->agency);
	record_str(&w, "source", d->source, srclen);
	record_end(&w);
}

static void emit(struct emit *e, const char *unit, long para, size_t b, size_t end)
{
	struct split *s = e->s;
	const struct split_doc *d = e->d;
	struct buf *r = s->to ? s->to : &s->rec;  /* a job's records: no copy */
	size_t cb = cp_at(&e->cp, b), ce = cp_at(&e->cp, end);
	size_t seq = s->seq_next++;

	if (!s->to)
		buf_reset(r);
	buf_add(r, s->pre.buf, s->pre.len);
	buf_addu(r, seq);
	buf_add(r, "\",\"unit\":\"", 10);
	buf_adds(r, unit);
	buf_add(r, "\",\"seq\":", 8);
	buf_addu(r, seq);
	if (para >= 0) {
		buf_add(r, ",\"para\":", 8);
		buf_addu(r, (unsigned long long)para);
	}
	buf_add(r, ",\"text\":", 8);
	json_escape(r, d->text + b, end - b);
	buf_add(r, ",\"span\":[", 9);
	buf_addu(r, d->cp_base + cb);
	buf_addc(r, ',');
	buf_addu(r, d->cp_base + ce);
	buf_addc(r, ']');
	if (s->partrec.len && (!strcmp(unit, "sentence") || !strcmp(unit, "para"))) {
		/* the first body record carries the parts kept out of the
		 * body: `post` ends with "}\n" */
		buf_add(r, s->post.buf, s->post.len - 2);
		buf_add(r, s->partrec.buf, s->partrec.len);
		buf_add(r, "}\n", 2);
		buf_reset(&s->partrec);
	} else {
		buf_add(r, s->post.buf, s->post.len);
	}
	e->seq++;
	if (s->to)
		return;
	output_buf(e->out, r);
	output_record_done(e->out);
}

/* Digits s[0..n) as a number (n small). */
static int digits_value(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Whether date_format(ymd) would write s[0..n) itself: "YYYY-MM-DD" whose
 * numbers are ymd's, in date_format's ranges (as most inputs give their
 * dates, so they need no formatting). */
static int canonical_date(const char *s, size_t n, const struct date_ymd *ymd)
{
	if (n != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	int y = digits_value(s, 4), m = digits_value(s + 5, 2), dd = digits_value(s + 8, 2);
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && dd >= 1 && dd <= 31 &&
	       ymd->y == y && ymd->m == m && ymd->d == dd;
}

size_t split_document(struct split *s, const struct split_doc *d, struct output *out)
{
	struct news_meta scratch;
	struct emit e = { s, d, out, s->meta, { d->text, 0, 0 }, 0, NULL, 0 };
	struct buf date = BUF_INIT;

	/* the carried members, rendered once for all records of the document */
	buf_reset(&s->carry);
	s->ncarry = 0;
	if (d->carry) {
		struct record_writer cw;
		record_begin(&cw, &s->carry);
		record_copy(&cw, d->carry, d->skip);
		s->ncarry = cw.members;
		/* drop the '{' that record_begin wrote */
		memmove(s->carry.buf, s->carry.buf + 1, s->carry.len - 1);
		buf_setlen(&s->carry, s->carry.len - 1);
	}

	spans_reset(&s->parts);
	if (d->cont && s->meta) {
		/* later chunk of a large document: all body, same metadata */
		memset(&scratch, 0, sizeof(scratch));
		news_parse(d->text, d->len, &s->parts, &scratch);
		news_meta_release(&scratch);
		/* a date or dateline can only head the first chunk */
		for (size_t i = 0; i < s->parts.n; i++) {
			int k = s->parts.v[i].kind;
			if (k == NEWS_DATE || k == NEWS_DATELINE)
				s->parts.v[i].kind = NEWS_BODY;
		}
	} else {
		if (!s->meta)
			s->meta = xcalloc(1, sizeof(*s->meta));
		news_meta_release(s->meta);
		memset(s->meta, 0, sizeof(*s->meta));
		news_parse(d->text, d->len, &s->parts, s->meta);
		s->seq_next = 0;
		s->para_next = 0;
	}
	e.meta = s->meta;

	/* the input's own date wins over one found in the text */
	if (d->date) {
		struct date_ymd ymd;
		size_t used = date_parse(d->date, d->datelen, &ymd);
		if (used && used == d->datelen && canonical_date(d->date, d->datelen, &ymd)) {
			e.date = d->date;   /* what date_format would write */
			e.datelen = d->datelen;
		} else if (used && used == d->datelen) {
			date_format(&ymd, &date);
			e.date = date.buf;
			e.datelen = date.len;
		} else {
			e.date = d->date;
			e.datelen = d->datelen;
		}
	} else if (e.meta->date) {
		e.date = e.meta->date;
		e.datelen = strlen(e.meta->date);
	}

	render_fixed(&e);

	/* the dateline, bylines, agency tags, captions and debris with words
	 * ("Read also: ...") that are not records of their own (--with) go,
	 * as written and with their spans,
	 * into the first sentence or paragraph record: names in them reach
	 * the entity stage once per document. A doc record's text holds them
	 * already (its entities would be found twice): none there. */
	buf_reset(&s->partrec);
	if (s->opts.by != SPLIT_DOC) {
		struct cpos pc = { d->text, 0, 0 };
		size_t np = 0;
		for (size_t i = 0; i < s->parts.n; i++) {
			const struct span *p = &s->parts.v[i];
			if ((p->kind != NEWS_DATELINE && p->kind != NEWS_BYLINE &&
			     p->kind != NEWS_AGENCY && p->kind != NEWS_CAPTION &&
			     p->kind != NEWS_DEBRIS) ||
			    (s->opts.parts & (1u << p->kind)))
				continue;
			/* debris with words: "Read also: ...", "Tags: ..." */
			if (p->kind == NEWS_DEBRIS && !has_word(d->text + p->b, p->e - p->b))
				continue;
			size_t cb = cp_at(&pc, p->b), ce = cp_at(&pc, p->e);
			buf_adds(&s->partrec, np++ ? ",{\"kind\":\"" : ",\"parts\":[{\"kind\":\"");
			buf_adds(&s->partrec, news_kind_name(p->kind));
			buf_add(&s->partrec, "\",\"span\":[", 10);
			buf_addu(&s->partrec, d->cp_base + cb);
			buf_addc(&s->partrec, ',');
			buf_addu(&s->partrec, d->cp_base + ce);
			buf_add(&s->partrec, "],\"text\":", 9);
			json_escape(&s->partrec, d->text + p->b, p->e - p->b);
			buf_addc(&s->partrec, '}');
		}
		if (np)
			buf_addc(&s->partrec, ']');
	}

	/* one layout for the whole document, not per part (doc records have
	 * no paragraphs: no layout) */
	enum segment_layout layout = s->opts.by == SPLIT_DOC ? SEGMENT_AUTO
				    : segment_layout(d->text, d->len);
	long para = s->para_next;
	size_t first_body = d->len, last_body = 0;
	for (size_t i = 0; i < s->parts.n; i++) {
		const struct span *p = &s->parts.v[i];
		if (p->kind != NEWS_BODY) {
			if (s->opts.parts & (1u << p->kind))
				emit(&e, news_kind_name(p->kind), -1, p->b, p->e);
			continue;
		}
		if (p->b < first_body)
			first_body = p->b;
		if (p->e > last_body)
			last_body = p->e;
		if (s->opts.by == SPLIT_DOC)
			continue;
		spans_reset(&s->paras);
		segment_paragraphs(d->text + p->b, p->e - p->b, layout, &s->paras);
		for (size_t j = 0; j < s->paras.n; j++, para++) {
			size_t pb = p->b + s->paras.v[j].b, pe = p->b + s->paras.v[j].e;
			if (s->opts.by == SPLIT_PARA) {
				emit(&e, "para", para, pb, pe);
				continue;
			}
			spans_reset(&s->sents);
			segment_sentences(s->opts.rules, d->text + pb, pe - pb, &s->sents);
			for (size_t k = 0; k < s->sents.n; k++)
				emit(&e, "sentence", para, pb + s->sents.v[k].b, pb + s->sents.v[k].e);
		}
	}
	if (s->opts.by == SPLIT_DOC && first_body < last_body)
		emit(&e, "doc", -1, first_body, last_body);
	s->para_next = para;
	buf_release(&date);
	return e.seq;
}

/* ---- the worker pool ---------------------------------------------------- */

#define JOB_BYTES (256u * 1024)  /* a job is handed on once it holds this much */
#define JOB_DOCS 4096            /* or this many documents */
#define JOBS_PER_WORKER 2

/* A document copied into a job: offsets into the job's arena. */
struct job_doc {
	size_t id, idlen, source, text, len, date, datelen, carry, carrylen;
	size_t cp_base;
	int has_date, has_carry;
	enum json_type carry_type;
	const char *const *skip;
};

enum { JOB_FREE, JOB_FILLING, JOB_QUEUED, JOB_DONE };

struct job {
	struct buf in;          /* the documents' bytes */
	struct buf out;         /* their records */
	struct job_doc *docs;
	size_t ndocs, cap, records;
	int state;
};

struct split_pool {
	struct split main;      /* documents split in the calling thread */
	int workers;
	pthread_t *tids;
	struct split *sp;       /* one state per worker */
	pthread_mutex_t mu;
	pthread_cond_t work, done;
	struct job *jobs;
	size_t njobs;
	/* job sequence numbers; job k lives in jobs[k % njobs] */
	unsigned long long fill, take, write;
	int filling, stop;
};

struct worker_arg {
	struct split_pool *p;
	int id;
};

int split_pool_workers(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n <= 1)
		return 0;
	return n > 8 ? 8 : (int)n;
}

static void run_job(struct split *s, struct job *j)
{
	const char *a = j->in.buf;

	buf_reset(&j->out);
	j->records = 0;
	s->to = &j->out;
	for (size_t i = 0; i < j->ndocs; i++) {
		const struct job_doc *jd = &j->docs[i];
		struct json_val carry = { a + jd->carry, jd->carrylen, jd->carry_type };
		struct split_doc d;
		memset(&d, 0, sizeof(d));
		d.id = a + jd->id;
		d.idlen = jd->idlen;
		d.source = a + jd->source;
		d.text = a + jd->text;
		d.len = jd->len;
		d.cp_base = jd->cp_base;
		d.carry = jd->has_carry ? &carry : NULL;
		d.skip = jd->skip;
		d.date = jd->has_date ? a + jd->date : NULL;
		d.datelen = jd->datelen;
		j->records += split_document(s, &d, NULL);
	}
	s->to = NULL;
}

static void *worker(void *arg)
{
	struct worker_arg *wa = arg;
	struct split_pool *p = wa->p;
	struct split *s = &p->sp[wa->id];

	free(wa);
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->stop && p->take == p->fill)
			pthread_cond_wait(&p->work, &p->mu);
		if (p->take == p->fill)
			break;  /* stopped, nothing queued */
		struct job *j = &p->jobs[p->take++ % p->njobs];
		pthread_mutex_unlock(&p->mu);
		run_job(s, j);
		pthread_mutex_lock(&p->mu);
		j->state = JOB_DONE;
		pthread_cond_broadcast(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

struct split_pool *split_pool_new(const struct split_opts *opts, int workers)
{
	struct split_pool *p = xcalloc(1, sizeof(*p));

	split_init(&p->main, opts);
	p->workers = workers > 0 ? workers : 0;
	if (!p->workers)
		return p;
	p->njobs = (size_t)p->workers * JOBS_PER_WORKER + 1;
	p->jobs = xcalloc(p->njobs, sizeof(*p->jobs));
	for (size_t i = 0; i < p->njobs; i++) {
		buf_init(&p->jobs[i].in, JOB_BYTES + JOB_BYTES / 4);
		buf_init(&p->jobs[i].out, 0);
	}
	p->sp = xcalloc((size_t)p->workers, sizeof(*p->sp));
	p->tids = xcalloc((size_t)p->workers, sizeof(*p->tids));
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->done, NULL);
	for (int i = 0; i < p->workers; i++) {
		struct worker_arg *wa = xmalloc(sizeof(*wa));
		wa->p = p;
		wa->id = i;
		split_init(&p->sp[i], opts);
		if (pthread_create(&p->tids[i], NULL, worker, wa))
			err_die("cannot start a worker thread");
	}
	return p;
}

/* Writes the finished job at the head of the queue and frees its place;
 * returns its record count. Called with the lock held; writes without it. */
static size_t write_head(struct split_pool *p, struct output *out)
{
	struct job *j = &p->jobs[p->write % p->njobs];
	size_t records = j->records;

	pthread_mutex_unlock(&p->mu);
	output_write(out, j->out.buf, j->out.len);
	pthread_mutex_lock(&p->mu);
	j->state = JOB_FREE;
	p->write++;
	return records;
}

/* Writes the finished jobs at the head of the queue, in order, after
 * waiting for every job up to (not including) `upto`. Called with the
 * lock held. */
static size_t write_done(struct split_pool *p, struct output *out, unsigned long long upto)
{
	size_t records = 0;

	while (p->write < upto) {
		while (p->jobs[p->write % p->njobs].state != JOB_DONE)
			pthread_cond_wait(&p->done, &p->mu);
		records += write_head(p, out);
	}
	/* and whatever else is finished, without waiting */
	while (p->write < p->fill && p->jobs[p->write % p->njobs].state == JOB_DONE)
		records += write_head(p, out);
	return records;
}

/* Hands the job being filled to the workers. Called with the lock held. */
static void submit(struct split_pool *p)
{
	if (!p->filling)
		return;
	p->jobs[p->fill % p->njobs].state = JOB_QUEUED;
	p->fill++;
	p->filling = 0;
	pthread_cond_broadcast(&p->work);
}

static size_t put(struct buf *b, const char *s, size_t n)
{
	size_t at = b->len;

	buf_add(b, s, n);
	buf_addc(b, '\0');
	return at;
}

size_t split_pool_add(struct split_pool *p, const struct split_doc *d, struct output *out)
{
	size_t records = 0;

	if (!p->workers)
		return split_document(&p->main, d, out);
	pthread_mutex_lock(&p->mu);
	if (d->cont || d->more) {
		/* the chunks of a large document share one state: split them
		 * here, after everything before them */
		submit(p);
		records += write_done(p, out, p->fill);
		pthread_mutex_unlock(&p->mu);
		return records + split_document(&p->main, d, out);
	}
	if (!p->filling) {
		/* the slot's previous job must have been written */
		if (p->fill - p->write >= p->njobs)
			records += write_done(p, out, p->fill - p->njobs + 1);
		struct job *j = &p->jobs[p->fill % p->njobs];
		j->state = JOB_FILLING;
		j->ndocs = 0;
		buf_reset(&j->in);
		p->filling = 1;
	}
	pthread_mutex_unlock(&p->mu);

	/* the job being filled belongs to this thread alone */
	struct job *j = &p->jobs[p->fill % p->njobs];
	if (j->ndocs == j->cap) {
		j->cap = j->cap ? j->cap * 2 : 64;
		j->docs = xrealloc(j->docs, j->cap * sizeof(*j->docs));
	}
	struct job_doc *jd = &j->docs[j->ndocs++];
	memset(jd, 0, sizeof(*jd));
	jd->id = put(&j->in, d->id, d->idlen);
	jd->idlen = d->idlen;
	jd->source = put(&j->in, d->source, strlen(d->source));
	jd->text = put(&j->in, d->text, d->len);
	jd->len = d->len;
	jd->cp_base = d->cp_base;
	if (d->date) {
		jd->has_date = 1;
		jd->date = put(&j->in, d->date, d->datelen);
		jd->datelen = d->datelen;
	}
	if (d->carry) {
		jd->has_carry = 1;
		jd->carry = put(&j->in, d->carry->p, d->carry->n);
		jd->carrylen = d->carry->n;
		jd->carry_type = d->carry->type;
	}
	jd->skip = d->skip;

	pthread_mutex_lock(&p->mu);
	if (j->in.len >= JOB_BYTES || j->ndocs >= JOB_DOCS)
		submit(p);
	records += write_done(p, out, 0);
	pthread_mutex_unlock(&p->mu);
	return records;
}

size_t split_pool_finish(struct split_pool *p, struct output *out)
{
	size_t records;

	if (!p->workers)
		return 0;
	pthread_mutex_lock(&p->mu);
	submit(p);
	records = write_done(p, out, p->fill);
	pthread_mutex_unlock(&p->mu);
	return records;
}

void split_pool_free(struct split_pool *p)
{
	if (!p)
		return;
	if (p->workers) {
		pthread_mutex_lock(&p->mu);
		p->stop = 1;
		pthread_cond_broadcast(&p->work);
		pthread_mutex_unlock(&p->mu);
		for (int i = 0; i < p->workers; i++) {
			pthread_join(p->tids[i], NULL);
			split_release(&p->sp[i]);
		}
		for (size_t i = 0; i < p->njobs; i++) {
			buf_release(&p->jobs[i].in);
			buf_release(&p->jobs[i].out);
			free(p->jobs[i].docs);
		}
		pthread_mutex_destroy(&p->mu);
		pthread_cond_destroy(&p->work);
		pthread_cond_destroy(&p->done);
		free(p->jobs);
		free(p->sp);
		free(p->tids);
	}
	split_release(&p->main);
	free(p);
}
