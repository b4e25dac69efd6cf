#ifndef WIRE_ENTITY_STREAM_H
#define WIRE_ENTITY_STREAM_H
/*
 * entity_stream — the record loop of wire-extract-entities: buffers the
 * records of one document (consecutive records with the same `doc`; a
 * record without `doc` is a document of its own), then tags the document
 * (ner.h), finds its dates (date.h, anchored on each record's `date`) and
 * entities (entity.h), and writes every record with `entities` appended
 * (an existing `entities` member is replaced; every other member is kept
 * byte for byte).
 *
 * A record whose text expression yields nothing, null or a non-string is
 * written unchanged and counted (the stage's finish warns), or, under
 * ON_ERROR_FAIL, reported with file and line and the run stops.
 *
 * entity_stage is the stage (stage.h) over it, STAGE_DOC: its
 * configuration is a struct entity_stream_opts, one entity_stream per
 * worker; output goes to the stage context's buffer.
 *
 * Memory holds one document, at most ENTITY_STREAM_MAX_RECORDS records or
 * ENTITY_STREAM_MAX_BYTES bytes: a longer document is processed in parts
 * (document context then spans one part).
 *
 * Sentences. The text of each record is given to the tagger in the
 * sentences layout_sentences finds (layout.h): the lines of tables and
 * lists, headings and bylines apart, the lines of wrapped prose together,
 * then wire-split's sentence rules, so that an article given as one record
 * is tagged in the sentences of its `wire-split` records and no mention
 * runs across a line break of a table or list. A cut inside a date is not
 * made. The sentences of one record are found apart by the entity layer
 * and reported as one array with offsets in the record's text; its first
 * eight are sentences of their own there, as sentence records would be
 * (datelines, names learnt for the next), the later ones go on from them
 * as windows do (entity.h, `cont`). The tagger's document context (its
 * second pass) spans the whole document.
 *
 * Windows. A sentence of more than `window` tokens (an article not split
 * into sentences or lines, or pathological input) is tagged and searched
 * in windows of at most `window` tokens, given to the tagger and entity
 * layer as sentences that go on from each other (`cont`, ner.h and
 * entity.h), and reported as one array with offsets in the record's text.
 * Memory is then the document's tokens (about 100 bytes each: tokens,
 * tagger facts) plus one window's work, instead of some 450 bytes per
 * input byte. A window ends after a token in its second half where six
 * plain tokens meet, after clause punctuation if one does ("... held in
 * the city, and the talks ..."), and never inside a date: there the
 * tagger's labels are those of the whole text (see ner.h), so no mention
 * is lost or cut at the edge. Only text without such a run in half a
 * window ("Mr. Mr. Mr. ...", a list of names) is cut after a full stop,
 * where a mention running across would be cut in two.
 */
#include "wire/entities/entity.h"
#include "wire/core/expr.h"
#include "wire/entities/gazetteer.h"
#include "wire/entities/ner.h"
#include "wire/core/stage.h"

#define ENTITY_STREAM_MAX_RECORDS 20000
#define ENTITY_STREAM_MAX_BYTES (64u << 20)
#define ENTITY_STREAM_WINDOW 16384   /* tokens: the default window */

struct entity_stream_opts {
	struct expr *text;                /* borrowed: where the text is */
	const struct ner_model *model;    /* borrowed; NULL: dictionaries only */
	const struct gazetteer *gaz;      /* borrowed */
	unsigned types;                   /* mask of 1 << enum entity_type */
	enum on_error policy;
	size_t window;                    /* tokens (at least 64); 0: ENTITY_STREAM_WINDOW */
	int durations;                    /* report lengths of time (entity_doc) */
};

struct entity_stream;

/* A new stream; `o` is copied, what it points to borrowed. */
struct entity_stream *entity_stream_new(const struct entity_stream_opts *o);

/* Takes record `r`; may write the previous document to cx->out.
 * Returns 0, or -1 when the run must stop (ON_ERROR_FAIL). */
int entity_stream_record(struct entity_stream *es, const struct stage_rec *r,
			 struct stage_ctx *cx);

/* Writes the buffered document to cx->out; the next record starts a new
 * date context. */
void entity_stream_flush(struct entity_stream *es, struct stage_ctx *cx);

/* Records passed through without text so far. */
unsigned long long entity_stream_no_text(const struct entity_stream *es);

void entity_stream_free(struct entity_stream *es);

extern const struct stage_ops entity_stage;

#endif
