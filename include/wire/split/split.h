#ifndef WIRE_SPLIT_H
#define WIRE_SPLIT_H
/*
 * split — one document in, its unit records out: the heart of wire-split.
 *
 * The document's header and trailer parts (news.h) go into metadata; the
 * body is cut into paragraphs and sentences (segment.h); each unit becomes
 * a record under the contract of docs/records.md, with `span` in code
 * points of the document text.
 */
#include <stddef.h>

#include "wire/core/buf.h"
#include "wire/core/json.h"
#include "wire/split/news.h"
#include "wire/core/output.h"
#include "wire/split/segment.h"
#include "wire/core/span.h"

enum split_unit { SPLIT_DOC, SPLIT_PARA, SPLIT_SENTENCE };

struct split_opts {
	enum split_unit by;
	unsigned parts;                     /* bit (1 << enum news_kind) per kind
					       emitted as records of its own */
	const struct segment_rules *rules;  /* borrowed */
};

struct split_doc {
	const char *id;                /* document id (not NUL-terminated) */
	size_t idlen;
	const char *source;            /* file, or archive:member */
	const char *text;              /* the document text, valid UTF-8 */
	size_t len;
	size_t cp_base;                /* code points before `text` in the document
					  (non-zero for later chunks of a large one) */
	int cont;                      /* 1: a later chunk of the previous document:
					  seq continues, no header detection */
	const struct json_val *carry;  /* input record whose members are carried, or NULL */
	const char *const *skip;       /* members of `carry` not to carry (NULL-terminated) */
	const char *date;              /* date given by the input, or NULL */
	size_t datelen;
	int more;                      /* 1: later chunks of this document follow */
};

struct split {
	struct split_opts opts;
	struct spans parts, paras, sents;
	struct buf rec, tmp;
	struct buf carry;                   /* carried members of the current document */
	size_t ncarry;
	struct buf pre, post;               /* fixed parts of its records */
	struct buf post_src;                /* the source `post` was made for */
	int post_bare;                      /* `post` has no date or metadata */
	long para_next;                     /* paragraph index likewise */
	size_t seq_next;                    /* seq of the next record of a continued doc */
	struct news_meta *meta;             /* metadata of the current document */
	struct buf partrec;                 /* ,"parts":[...]: the document's
					       dateline, byline, agency and
					       caption parts not emitted as
					       records, for its first body
					       record (empty once written) */
	struct buf *to;                     /* when set, records are appended here
					       instead of written to `out` */
};

void split_init(struct split *s, const struct split_opts *opts);
void split_release(struct split *s);

/* Writes the records of document `d` to `out`; returns how many. */
size_t split_document(struct split *s, const struct split_doc *d, struct output *out);

/*
 * A pool of worker threads that split documents in parallel and write
 * their records in input order. Documents are copied into jobs of about
 * 256 KB; at most a few jobs per worker are in flight, so memory stays
 * bounded. A chunked document (`cont`, `more`) is split in the calling
 * thread after the jobs before it are written, so that its chunks share
 * one state. With 0 workers every document is split in the calling
 * thread, exactly as split_document() does.
 *
 *	struct split_pool *p = split_pool_new(&opts, split_pool_workers());
 *	while (docs_next(&ds, &d)) records += split_pool_add(p, &d, &out);
 *	records += split_pool_finish(p, &out);
 *	split_pool_free(p);
 */
struct split_pool;

/* The number of workers worth starting: the online processors (at most
 * 8), or 0 on a single processor. */
int split_pool_workers(void);
/* Starts `workers` threads; dies when they cannot be started. */
struct split_pool *split_pool_new(const struct split_opts *opts, int workers);
/* Takes document `d` (copied; the caller may reuse its buffers). Writes
 * the records of the jobs finished so far to `out`, in input order, and
 * returns how many records that was. */
size_t split_pool_add(struct split_pool *p, const struct split_doc *d, struct output *out);
/* Waits for every document taken so far and writes its records; returns
 * how many records that was. */
size_t split_pool_finish(struct split_pool *p, struct output *out);
/* Stops the workers and frees the pool (call split_pool_finish first). */
void split_pool_free(struct split_pool *p);

/* Parses a comma-separated list of news kinds ("caption,byline", "all")
 * into a mask for split_opts.parts; -1 on an unknown name. */
long split_parts_mask(const char *list);

#endif
