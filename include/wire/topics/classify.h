#ifndef WIRE_CLASSIFY_H
#define WIRE_CLASSIFY_H
/*
 * classify — the record loop of wire-classify-topics and its two
 * subcommands.
 *
 * Tagging: every record gets `topics`, an array of
 * {"label","score"[,"terms"]} objects, best first, from either a trained
 * linear model (linear.h) or a taxonomy (taxonomy.h). A record whose text
 * is missing or not a string gets "topics":[] and is counted in a warning
 * at the end (or stops the run under --on-error=fail). Running the tool
 * again replaces `topics`.
 *
 * Training: labelled records (the label from a jq expression: a string
 * or number for single-label data, an array of them for multi-label
 * data) are read into memory and a model learned; records without a
 * label are skipped and counted.
 *
 * Evaluation: accuracy, micro and macro P/R/F1 and a per-label table.
 */
#include <stddef.h>
#include <stdio.h>

#include "wire/core/expr.h"
#include "wire/topics/linear.h"
#include "wire/core/reader.h"
#include "wire/core/stage.h"
#include "wire/topics/taxonomy.h"

struct classify_opts {
	struct expr *text;              /* where the text is */
	const struct linear_model *model; /* one of model and taxonomy */
	const struct taxonomy *taxonomy;
	float threshold;                /* keep labels scoring at least this */
	int has_threshold;              /* else: the model's own decision, or
	                                   0.5 for a taxonomy */
	size_t top;                     /* at most this many labels (0: all) */
	size_t explain;                 /* "terms" per topic: at most this many
	                                   (0: none) */
	enum on_error policy;
};

struct classify;

/* A new tagger; `o` is copied, what it points to borrowed. */
struct classify *classify_new(const struct classify_opts *o);
/* Tags record `r` and appends it to cx->out. Returns 0, or -1 when the
 * run must stop (--on-error=fail; the record is not written). */
int classify_record(struct classify *c, const struct stage_rec *r, struct stage_ctx *cx);
/* Records that had no text so far. */
unsigned long long classify_no_text(const struct classify *c);
void classify_free(struct classify *c);

/* The tagging stage (stage.h): records stand alone; its configuration is
 * a struct classify_opts, one struct classify per worker. */
extern const struct stage_ops classify_stage;

struct classify_train_opts {
	struct expr *text, *label;
	char **files;                   /* training records (NULL/0: stdin) */
	int nfiles;
	const char *dev;                /* dev records, or NULL */
	const char *out;                /* model path */
	struct linear_opts lin;
	enum on_error policy;
	int verbose;
};

/* Trains and writes a model; returns an exit status. */
int classify_train(const struct classify_train_opts *o);

struct classify_eval_opts {
	struct expr *text, *label;
	const struct linear_model *model;
	float threshold;
	int has_threshold;
	char **files;
	int nfiles;
	enum on_error policy;
	FILE *report;                   /* where the figures go */
};

/* Scores the model on labelled records; returns an exit status. */
int classify_eval(const struct classify_eval_opts *o);

#endif
