/*
 * driver — the record loop of every wire tool (see driver.h).
 *
 * The calling thread reads the inputs (reader.h) and cuts them into jobs:
 * runs of records, never cut inside a document, of about DRIVER_JOB_BYTES.
 * Each job carries its records' text and position, and the reader's
 * messages (bad lines, files that cannot be opened) at their place among
 * the records. Jobs go through a ring of 2 x N slots to N worker threads,
 * each with its own stage instance; a worker fills the job's output and
 * message buffers; the calling thread writes finished jobs strictly in
 * input order, so stdout and stderr read as with one thread. With -j 1
 * or STAGE_SERIAL the calling thread runs every job itself, in turn.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wire/core/driver.h"
#include "wire/core/err.h"
#include "wire/core/output.h"
#include "wire/core/progress.h"

enum item_kind { ITEM_REC, ITEM_MSG };

struct item {
	size_t off, len;           /* the record's object, or the message, in job->in */
	const char *file;          /* input name (borrowed from the reader) */
	unsigned long lineno;
	unsigned char kind;        /* enum item_kind */
	unsigned char stop;        /* ITEM_MSG: the reader stopped here */
};

enum job_state { JOB_FREE, JOB_QUEUED, JOB_DONE };

struct job {
	struct buf in;             /* records and messages back to back */
	struct item *items;
	size_t n, alloc;
	struct buf out, msg;       /* what the stage made of the job */
	unsigned long long bad, records;
	int stop;
	int stage_failed;          /* the stop came from the stage, not the reader */
	enum job_state state;
};

struct driver {
	const struct stage_ops *ops;
	const void *conf;
	const struct driver_opts *o;
	size_t job_bytes;
	unsigned nworkers;         /* 0: inline */
	void **inst;
	size_t ninst;
	struct job *ring;
	unsigned nslots;
	unsigned long long filled, taken, written; /* job sequence numbers */
	pthread_mutex_t mu;
	pthread_cond_t work, done;
	int quit;
	pthread_t *threads;
	struct output out;
	struct reader rd;
	struct buf rmsg;           /* the reader's messages, moved into jobs */
	struct buf doc, prev_doc;  /* `doc` of the current and last record,
	                              when a full job must be cut */
	unsigned long long bad, records;
	int stopped;
	int stage_failed;          /* stopped by the stage itself */
	struct progress pg;
};

/* ------------------------------------------------------------------ */
/* jobs */

static struct item *job_item(struct job *j)
{
	if (j->n == j->alloc) {
		j->alloc = j->alloc ? 2 * j->alloc : 256;
		j->items = xrealloc(j->items, j->alloc * sizeof(*j->items));
	}
	return &j->items[j->n++];
}

static void job_reset(struct job *j)
{
	buf_reset(&j->in);
	buf_reset(&j->out);
	buf_reset(&j->msg);
	j->n = 0;
	j->bad = j->records = 0;
	j->stop = j->stage_failed = 0;
	j->state = JOB_FREE;
}

static void job_release(struct job *j)
{
	buf_release(&j->in);
	buf_release(&j->out);
	buf_release(&j->msg);
	free(j->items);
}

/* Runs the stage instance `inst` over job `j` (any thread). */
static void job_run(struct driver *d, void *inst, struct job *j, int flush)
{
	struct stage_ctx cx = { &j->out, &j->msg, d->o->policy, 0, 0, 0, 0 };

	for (size_t i = 0; i < j->n && !cx.stop; i++) {
		const struct item *it = &j->items[i];
		const char *p = j->in.buf + it->off;
		if (it->kind == ITEM_MSG) {
			buf_add(&j->msg, p, it->len);
			cx.stop = it->stop;
			continue;
		}
		struct stage_rec r = { p, it->len, { p, it->len, JSON_OBJECT }, it->file, it->lineno };
		if (d->ops->record(inst, &r, &cx) < 0)
			cx.stop = j->stage_failed = 1;
	}
	if (flush && d->ops->flush && d->ops->flush(inst, &cx) < 0)
		cx.stop = j->stage_failed = 1;
	j->bad = cx.bad;
	j->stop = cx.stop;
}

/* The progress line, from what the reader has read so far. */
static void show_progress(struct driver *d, int final)
{
	struct reader *r = &d->rd;

	if (!d->pg.on)
		return;
	int done = r->open ? r->idx - 1 : r->idx;
	progress_show(&d->pg, reader_bytes(r),
		      progress_position(r->files, done, r->open ? &r->in : NULL), d->records, final);
}

/* ------------------------------------------------------------------ */
/* writing, in input order */

static void write_msg(struct driver *d, struct buf *m)
{
	if (!m->len)
		return;
	if (!d->out.gz && d->out.fp)
		fflush(d->out.fp);
	progress_clear(&d->pg);
	fwrite(m->buf, 1, m->len, stderr);
	fflush(stderr);
}

static void job_write(struct driver *d, struct job *j)
{
	if (!d->stopped) {
		output_write(&d->out, j->out.buf, j->out.len);
		if (d->o->unbuffered)
			output_record_done(&d->out);
		write_msg(d, &j->msg);
		d->bad += j->bad;
		d->records += j->records;
		if (j->stop)
			d->stopped = 1;
		if (j->stage_failed)
			d->stage_failed = 1;
		show_progress(d, 0);
	}
	job_reset(j);
}

/* Writes finished jobs from the oldest; waits for the oldest when `block`
 * (threads only). */
static void write_ready(struct driver *d, int block)
{
	while (d->written < d->filled) {
		struct job *j = &d->ring[d->written % d->nslots];
		pthread_mutex_lock(&d->mu);
		while (block && j->state != JOB_DONE)
			pthread_cond_wait(&d->done, &d->mu);
		int ready = j->state == JOB_DONE;
		pthread_mutex_unlock(&d->mu);
		if (!ready)
			return;
		job_write(d, j);
		d->written++;
		block = 0;
	}
}

/* ------------------------------------------------------------------ */
/* workers */

struct worker {
	struct driver *d;
	void *inst;
};

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct driver *d = w->d;

	pthread_mutex_lock(&d->mu);
	for (;;) {
		while (!d->quit && d->taken == d->filled)
			pthread_cond_wait(&d->work, &d->mu);
		if (d->taken == d->filled)
			break;
		struct job *j = &d->ring[d->taken++ % d->nslots];
		pthread_mutex_unlock(&d->mu);
		job_run(d, w->inst, j, 1);
		pthread_mutex_lock(&d->mu);
		j->state = JOB_DONE;
		pthread_cond_broadcast(&d->done);
	}
	pthread_mutex_unlock(&d->mu);
	free(w);
	return NULL;
}

static void workers_start(struct driver *d)
{
	pthread_mutex_init(&d->mu, NULL);
	pthread_cond_init(&d->work, NULL);
	pthread_cond_init(&d->done, NULL);
	if (!d->nworkers)
		return;
	d->threads = xcalloc(d->nworkers, sizeof(*d->threads));
	for (unsigned i = 0; i < d->nworkers; i++) {
		struct worker *w = xmalloc(sizeof(*w));
		w->d = d;
		w->inst = d->inst[i];
		int e = pthread_create(&d->threads[i], NULL, worker_main, w);
		if (e)
			err_die("cannot start a thread: %s", strerror(e));
	}
}

static void workers_stop(struct driver *d)
{
	pthread_mutex_lock(&d->mu);
	d->quit = 1;
	pthread_cond_broadcast(&d->work);
	pthread_mutex_unlock(&d->mu);
	for (unsigned i = 0; i < d->nworkers; i++)
		pthread_join(d->threads[i], NULL);
	free(d->threads);
	pthread_mutex_destroy(&d->mu);
	pthread_cond_destroy(&d->work);
	pthread_cond_destroy(&d->done);
}

/* Hands the job being filled over: to the workers, or runs it here. */
static void dispatch(struct driver *d)
{
	struct job *j = &d->ring[d->filled % d->nslots];

	if (!j->n)
		return;
	if (!d->nworkers) {
		job_run(d, d->inst[0], j, !(d->ops->flags & STAGE_SERIAL));
		j->state = JOB_DONE;
		d->filled++;
		write_ready(d, 0);
		return;
	}
	pthread_mutex_lock(&d->mu);
	j->state = JOB_QUEUED;
	d->filled++;
	pthread_cond_signal(&d->work);
	pthread_mutex_unlock(&d->mu);
	write_ready(d, d->filled - d->written >= d->nslots);
}

/* ------------------------------------------------------------------ */
/* reading */

/* The record's `doc` into d->doc: 1, or 0 when it has none (or null).
 * Strings compare by their decoded text, as the stages read them. */
static int doc_of(struct driver *d, const struct json_val *rec)
{
	struct json_val v;

	buf_reset(&d->doc);
	if (!json_get(rec, "doc", 3, &v) || v.type == JSON_NULL)
		return 0;
	if (v.type == JSON_STRING)
		json_decode_string(&v, &d->doc);
	else
		buf_add(&d->doc, v.p, v.n);
	return 1;
}

/* Moves the reader's pending messages into the job being filled. */
static void take_messages(struct driver *d, struct job *j)
{
	if (!d->rmsg.len)
		return;
	struct item *it = job_item(j);
	it->kind = ITEM_MSG;
	it->off = j->in.len;
	it->len = d->rmsg.len;
	it->file = NULL;
	it->lineno = 0;
	it->stop = (unsigned char)d->rd.stop;
	buf_add(&j->in, d->rmsg.buf, d->rmsg.len);
	buf_reset(&d->rmsg);
}

/* Does the record of job item `it` carry the `doc` now in d->doc? */
static int same_doc(struct driver *d, const struct job *j, const struct item *it)
{
	struct json_val rec = { j->in.buf + it->off, it->len, JSON_OBJECT }, v;

	if (!json_get(&rec, "doc", 3, &v) || v.type == JSON_NULL)
		return 0;
	buf_reset(&d->prev_doc);
	if (v.type == JSON_STRING)
		json_decode_string(&v, &d->prev_doc);
	else
		buf_add(&d->prev_doc, v.p, v.n);
	return d->doc.len == d->prev_doc.len && !memcmp(d->doc.buf, d->prev_doc.buf, d->doc.len);
}

/* The last record of job `j`, or NULL. */
static const struct item *last_record(const struct job *j)
{
	for (size_t i = j->n; i-- > 0;)
		if (j->items[i].kind == ITEM_REC)
			return &j->items[i];
	return NULL;
}

/*
 * Adds the reader's record to the job being filled. Jobs are cut only
 * once full (DRIVER_JOB_BYTES), so `doc` is looked up only then: before
 * the record, a full job is dispatched unless the record continues the
 * document of the job's last record; after it, a full job is dispatched
 * when the record has no `doc` (or the stage no documents).
 */
static void add_record(struct driver *d)
{
	struct job *j = &d->ring[d->filled % d->nslots];

	if ((d->ops->flags & STAGE_DOC) && j->in.len >= d->job_bytes && j->n) {
		const struct item *last = last_record(j);
		int has = doc_of(d, &d->rd.rec);
		if (!has || !last || !same_doc(d, j, last)) {
			dispatch(d);
			j = &d->ring[d->filled % d->nslots];
		}
	}
	take_messages(d, j);
	struct item *it = job_item(j);
	it->kind = ITEM_REC;
	it->off = j->in.len;
	it->len = d->rd.rec.n;
	it->file = reader_name(&d->rd);
	it->lineno = reader_lineno(&d->rd);
	it->stop = 0;
	buf_add(&j->in, d->rd.rec.p, d->rd.rec.n);
	j->records++;
	/* the end of a record without `doc` is a boundary */
	if (j->in.len >= d->job_bytes && !((d->ops->flags & STAGE_DOC) && doc_of(d, &d->rd.rec)))
		dispatch(d);
}

static void read_all(struct driver *d)
{
	const struct driver_opts *o = d->o;

	reader_init(&d->rd, o->files, o->nfiles, o->policy);
	d->rd.msgs = &d->rmsg;
	while (!d->stopped && reader_next(&d->rd))
		add_record(d);
	if (!d->stopped) {
		take_messages(d, &d->ring[d->filled % d->nslots]);
		dispatch(d);
	}
}

/* ------------------------------------------------------------------ */

static unsigned default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 64 ? 64 : (unsigned)n;
}

static void driver_open(struct driver *d)
{
	unsigned jobs = d->o->jobs ? d->o->jobs : default_jobs();

	d->job_bytes = d->o->unbuffered ? 0 : DRIVER_JOB_BYTES;
	d->nworkers = (d->ops->flags & STAGE_SERIAL) || jobs <= 1 ? 0 : jobs;
	d->ninst = d->nworkers ? d->nworkers : 1;
	d->inst = xcalloc(d->ninst, sizeof(*d->inst));
	for (size_t i = 0; i < d->ninst; i++)
		d->inst[i] = d->ops->open(d->conf);
	d->nslots = d->nworkers ? 2 * d->nworkers : 1;
	d->ring = xcalloc(d->nslots, sizeof(*d->ring));
	for (unsigned i = 0; i < d->nslots; i++) {
		buf_init(&d->ring[i].in, 0);
		buf_init(&d->ring[i].out, 0);
		buf_init(&d->ring[i].msg, 0);
	}
	buf_init(&d->rmsg, 0);
	buf_init(&d->doc, 0);
	buf_init(&d->prev_doc, 0);
	output_open(&d->out, d->o->output, d->o->gzip);
	d->out.unbuffered = d->o->unbuffered;
	progress_init(&d->pg, d->o->progress, d->o->files, d->o->nfiles);
}

/* The end of the run: SERIAL's one flush, finish(), the reader's
 * summary. Returns the exit status so far. A serial stage is flushed
 * also when --on-error=fail stopped the reader at a bad line: what it
 * holds of the records before that line is good and comes out; only a
 * stage that failed itself is not flushed. */
static int driver_end(struct driver *d)
{
	struct buf out = BUF_INIT, msg = BUF_INIT;
	struct stage_ctx cx = { &out, &msg, d->o->policy, 0, d->stopped, 0, 0 };
	int status = WIRE_EXIT_OK;

	if ((d->ops->flags & STAGE_SERIAL) && d->ops->flush && !d->stage_failed)
		d->ops->flush(d->inst[0], &cx);
	output_write(&d->out, out.buf, out.len);
	buf_reset(&out);
	write_msg(d, &msg);
	buf_reset(&msg);
	/* the reader's summary, then the stage's */
	cx.records = d->rd.records;
	cx.invalid = d->rd.bad;
	if (reader_finish(&d->rd) != WIRE_EXIT_OK)
		status = WIRE_EXIT_DATA;
	write_msg(d, &d->rmsg);
	cx.stop = d->stopped || cx.stop;
	if (d->ops->finish && d->ops->finish(d->inst, d->ninst, &cx) != WIRE_EXIT_OK)
		status = WIRE_EXIT_DATA;
	if (cx.stop)
		d->stopped = 1;
	d->bad += cx.bad;
	output_write(&d->out, out.buf, out.len);
	write_msg(d, &msg);
	buf_release(&out);
	buf_release(&msg);
	return status;
}

int wire_run(const struct stage_ops *ops, const void *conf, const struct driver_opts *o)
{
	struct driver d;

	memset(&d, 0, sizeof(d));
	d.ops = ops;
	d.conf = conf;
	d.o = o;
	driver_open(&d);
	workers_start(&d);
	read_all(&d);
	write_ready(&d, d.nworkers > 0);
	while (d.written < d.filled)
		write_ready(&d, 1);
	workers_stop(&d);
	int status = driver_end(&d);
	show_progress(&d, 1);
	if ((d.bad && o->policy != ON_ERROR_SKIP) || d.stopped)
		status = WIRE_EXIT_DATA;
	if (output_close(&d.out))
		status = WIRE_EXIT_DATA;
	for (size_t i = 0; i < d.ninst; i++)
		ops->close(d.inst[i]);
	for (unsigned i = 0; i < d.nslots; i++)
		job_release(&d.ring[i]);
	free(d.ring);
	free(d.inst);
	buf_release(&d.rmsg);
	buf_release(&d.doc);
	buf_release(&d.prev_doc);
	return status;
}
