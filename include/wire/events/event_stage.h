#ifndef WIRE_EVENT_STAGE_H
#define WIRE_EVENT_STAGE_H
/*
 * event_stage — wire-extract-events as a driver stage (stage.h): input
 * records pass on unchanged (unless `only`), and each document's meeting
 * events follow its last record.
 *
 * The stage is serial (STAGE_SERIAL): one instance sees every record in
 * order, so that a document whose records are not contiguous (its id
 * seen again after another document, among the last EVENTS_RECENT_DOCS
 * documents) is found and reported with file and line. Event extraction
 * costs little beside wire-extract-entities, which feeds it.
 */
#include "wire/core/stage.h"
#include "wire/events/events.h"

#define EVENTS_RECENT_DOCS 4096

struct event_conf {
	const struct events_model *model;  /* borrowed */
	int only;                          /* events alone, no input records */
};

extern const struct stage_ops event_stage;

#endif
