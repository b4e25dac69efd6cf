#ifndef WIRE_EVENTS_H
#define WIRE_EVENTS_H
/*
 * events — meetings as events: who met whom, how, where, when and at
 * which named meeting, read from the records of wire-extract-entities
 * (see docs/events.md for the rules and the record format).
 *
 *	struct buf err = BUF_INIT;
 *	struct events_model *m = events_model_load(NULL, NULL, NULL, &err);
 *	struct events_doc *d = events_doc_new(m);
 *	for each record of one document:
 *		events_doc_add(d, &rec_value);       // borrowed, copied as needed
 *	events_doc_emit(d, &out);                // the event records, '\n'-ended
 *	events_doc_reset(d);                     // next document
 *	events_doc_free(d); events_model_free(m);
 *
 * The model (the meeting words, the mode codes, the topic taxonomy) is
 * read-only once loaded and may be shared by several documents and
 * threads; a document is used by one thread at a time.
 */
#include <stddef.h>

#include "wire/core/buf.h"
#include "wire/core/json.h"

struct events_model;
struct events_doc;

/* Loads the meeting words (events/meeting-verbs.csv), the modes
 * (events/meeting-modes.csv) and the topic taxonomy
 * (taxonomy/defence.csv); a NULL path means the shipped file (data.h).
 * Returns the model (free with events_model_free), or NULL with a
 * message appended to `err` ("meeting-verbs.csv:12: unknown kind 'x'"). */
struct events_model *events_model_load(const char *verbs, const char *modes, const char *taxonomy,
				       struct buf *err);
/* The same from CSV texts in memory (tests); `taxonomy` may be NULL:
 * then events without sentence topics have none. */
struct events_model *events_model_parse(const char *verbs, size_t nverbs, const char *modes,
					size_t nmodes, const char *taxonomy, size_t ntaxonomy,
					struct buf *err);
void events_model_free(struct events_model *m);

/* A document being read; the model is borrowed and must outlive it. */
struct events_doc *events_doc_new(const struct events_model *m);
/* Forgets the document read so far, keeping the memory. */
void events_doc_reset(struct events_doc *d);
void events_doc_free(struct events_doc *d);

/* Reads one record (a validated JSON object, borrowed: what is needed is
 * copied). Records without a text or an `entities` array are ignored.
 * Returns 1 when the record was used, 0 when ignored. */
int events_doc_add(struct events_doc *d, const struct json_val *rec);

/* Finds the meetings of the document read so far and appends them to
 * `out` as JSON-lines records ("unit":"event", ids doc#e1, doc#e2, ...).
 * Returns the number of events. */
size_t events_doc_emit(struct events_doc *d, struct buf *out);

#endif
