#ifndef WIRE_DEDUP_STAGE_H
#define WIRE_DEDUP_STAGE_H
/*
 * dedup_stage — wire-dedup as a driver stage (stage.h): every record gets
 * `story`, the `doc` of the first document of its near-duplicate story,
 * and `similarity` to that document; the records of one document (a run
 * of records sharing `doc`) are decided together, from the text of its
 * body records (`unit` absent, "sentence", "para" or "doc"; the parts
 * wire-split keeps apart, such as bylines, agency tags and datelines, do
 * not count).
 *
 * The stage is serial (STAGE_SERIAL | STAGE_DOC): one instance sees the
 * documents in input order, so the first copy of a story is the first in
 * the input. It buffers a batch of documents (up to 512, or 2 MB of
 * records, and the document being read), sketches them on `jobs` threads
 * at once, then decides and writes them in input order: the output is
 * that of deciding one document at a time. With jobs 1 (and in merge
 * mode, which does not sketch) it buffers one document.
 *
 * Three modes:
 *  - plain: sketch (sig.h), look up (lsh.h), write the records;
 *  - partial: sketch only, and write before each document's records one
 *    signature line, after a header naming the sketch parameters; no
 *    index, so shards run in parallel;
 *  - merge: read partial output (any number of shards, concatenated in
 *    input order) and decide as the plain mode would, without sketching
 *    again: the output is byte for byte that of one plain run.
 *
 * A record without a string `text` passes with story = its own doc and
 * similarity null, and is counted in one warning at the end; a record
 * without `doc` is a document of its own, with story null.
 */
#include "wire/core/stage.h"
#include "wire/dedup/lsh.h"

enum dedup_mode { DEDUP_PLAIN, DEDUP_PARTIAL, DEDUP_MERGE };

struct dedup_conf {
	enum dedup_mode mode;
	unsigned shingle;         /* words per shingle */
	struct lsh_opts lsh;      /* bands, rows, threshold, measure */
	long window;              /* days; 0: none */
	size_t max_memory;        /* bytes of the index; 0: no limit */
	int drop;                 /* pass only the first copy's records */
	double fuller;            /* a document found in a story with this many
	                             times the shingles of the version it matched
	                             is indexed too, as a version of the story
	                             (0: only the first document is) */
	unsigned jobs;            /* threads that sketch (0: one per processor;
	                             1: sketch each document as it ends) */
};

/* The defaults, chosen on the dev part of the corpus (docs/dedup.md). */
#define DEDUP_SHINGLE 4
#define DEDUP_BANDS 64
#define DEDUP_ROWS 2
#define DEDUP_THRESHOLD 0.5
#define DEDUP_FIGURES 0.8
#define DEDUP_MEASURE LSH_CONTAINMENT
#define DEDUP_FULLER 1.2

extern const struct stage_ops dedup_stage;

#endif
