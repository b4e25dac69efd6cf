/*
 * event_stage — the stage of wire-extract-events: pass records on, read
 * each document, write its events after its last record.
 */
#include <stdlib.h>
#include <string.h>

#include "wire/core/err.h"
#include "wire/core/hash.h"
#include "wire/events/event_stage.h"
#include "events_impl.h"

struct inst {
	const struct event_conf *conf;
	struct events_doc *doc;
	struct buf cur;            /* id of the document being read */
	int have;                  /* a document is being read */
	int resumed;               /* its records came back after another's */
	uint64_t recent[EVENTS_RECENT_DOCS];  /* hashes of the last documents */
	size_t nrecent, head;
	struct buf id;             /* scratch */
};

static void *inst_open(const void *conf)
{
	const struct event_conf *c = conf;
	struct inst *in = xcalloc(1, sizeof(*in));

	in->conf = c;
	in->doc = events_doc_new(c->model);
	in->cur = (struct buf)BUF_INIT;
	in->id = (struct buf)BUF_INIT;
	return in;
}

static void inst_close(void *vi)
{
	struct inst *in = vi;

	events_doc_free(in->doc);
	buf_release(&in->cur);
	buf_release(&in->id);
	free(in);
}

static int seen_recently(const struct inst *in, uint64_t h)
{
	for (size_t i = 0; i < in->nrecent; i++)
		if (in->recent[i] == h)
			return 1;
	return 0;
}

static void remember(struct inst *in, uint64_t h)
{
	in->recent[in->head] = h;
	in->head = (in->head + 1) % EVENTS_RECENT_DOCS;
	if (in->nrecent < EVENTS_RECENT_DOCS)
		in->nrecent++;
}

/* Writes the events of the document read so far and forgets it. */
static void end_doc(struct inst *in, struct stage_ctx *cx)
{
	if (in->have && !in->resumed)
		events_doc_emit(in->doc, cx->out);
	events_doc_reset(in->doc);
	in->have = 0;
	in->resumed = 0;
	buf_reset(&in->cur);
}

/* The first `doc` member of a record (wire-split writes it first; a
 * record with two takes the first, unlike jq, to spare a scan of every
 * record to its end). */
static int doc_member(const struct json_val *rec, struct json_val *v)
{
	struct json_iter it;
	struct json_val key;

	json_iter_object(&it, rec);
	while (json_next_member(&it, &key, v))
		if (key.n == 5 && !memcmp(key.p, "\"doc\"", 5))
			return v->type == JSON_STRING;
	return 0;
}

/* An event record of an earlier run: dropped, as the events are made
 * again (running the tool twice gives the output of one run). */
static int own_event(const struct stage_rec *r)
{
	struct json_val v;

	return memmem(r->line, r->len, "\"event\"", 7) && json_get(&r->val, "unit", 4, &v) &&
	       json_key_eq(&v, "event", 5);
}

static int inst_record(void *vi, const struct stage_rec *r, struct stage_ctx *cx)
{
	struct inst *in = vi;
	struct json_val v;
	int rc = 0;

	buf_reset(&in->id);
	int has_doc = doc_member(&r->val, &v);
	if (has_doc)
		json_decode_string(&v, &in->id);
	if (!has_doc || !in->have || strcmp(in->id.buf, in->cur.buf) || in->id.len != in->cur.len) {
		end_doc(in, cx);
		if (has_doc) {
			uint64_t h = hash_bytes(in->id.buf, in->id.len);
			in->have = 1;
			buf_add(&in->cur, in->id.buf, in->id.len);
			if (seen_recently(in, h)) {
				in->resumed = 1;
				rc = stage_error(cx, r, "document '%s' resumes after other documents "
						 "(its records must be contiguous)", in->id.buf);
			} else {
				remember(in, h);
			}
		}
	}
	int read = in->have && !in->resumed;
	if (read)
		events_doc_add(in->doc, &r->val);
	/* the document reader saw the record's unit on its way */
	if (!in->conf->only && !(read ? in->doc->unit_event && own_event(r) : own_event(r))) {
		buf_add(cx->out, r->line, r->len);
		buf_addc(cx->out, '\n');
	}
	return rc;
}

static int inst_flush(void *vi, struct stage_ctx *cx)
{
	end_doc(vi, cx);
	return 0;
}

const struct stage_ops event_stage = {
	.name = "events",
	.flags = STAGE_SERIAL,  /* sees every record in order; finds documents itself */
	.open = inst_open,
	.record = inst_record,
	.flush = inst_flush,
	.finish = NULL,
	.close = inst_close,
};
