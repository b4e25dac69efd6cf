#ifndef WIRE_TAXONOMY_H
#define WIRE_TAXONOMY_H
/*
 * taxonomy — the zero-shot topic classifier: labels described by weighted
 * terms in an editable CSV file (share/wire/taxonomy/defence.csv).
 *
 * The file has a header row naming its columns, in any order:
 *	label    topic label, e.g. maritime-security (required)
 *	term     a word or phrase; a final '*' makes the last word a
 *	         prefix ("demin*" matches demining, deminers) (required)
 *	weight   evidence it brings, default 1; negative for a cue against
 *	         the label ("cyber monday", -3)
 *	note     free text, ignored
 * Blank rows and rows whose label starts with '#' are skipped.
 *
 * Matching: text and terms are folded (case, diacritics) and split into
 * words the same way (features.h), each word lightly stemmed (plural and
 * verbal endings), so "Coast Guards" matches "coast guard".
 *
 * Scoring: for each label, evidence E = Σ weight · (1 + ln count) over its
 * matched terms, divided by sqrt(max(1, words / 50)) so a long article
 * needs proportionally more evidence than a sentence; score =
 * 1 / (1 + e^-(E - 2)) when E > 0, else 0 (no term of the label, or only
 * cues against it). The same squashing for every label makes scores
 * comparable: 0.5 means two points of evidence (one strong or two weak
 * terms), 0.73 three, 0.95 five.
 */
#include <stddef.h>

#include "wire/core/buf.h"
#include "wire/topics/features.h"

struct taxonomy;

/* Reads a taxonomy CSV file. Returns NULL with a message in `err`
 * ("defence.csv:12: weight 'x' is not a number", ...). */
struct taxonomy *taxonomy_load(const char *path, struct buf *err);
/* Parses CSV text p[0..n); `name` is used in messages. */
struct taxonomy *taxonomy_parse(const char *p, size_t n, const char *name, struct buf *err);
void taxonomy_free(struct taxonomy *t);

size_t taxonomy_nlabels(const struct taxonomy *t);
const char *taxonomy_label(const struct taxonomy *t, size_t i);
size_t taxonomy_nterms(const struct taxonomy *t);

/* Per-document match state, reused across documents (owned by the caller,
 * released with taxonomy_match_release). */
struct taxonomy_match {
	float *evidence;          /* per label */
	unsigned *count;          /* per term: occurrences in the document */
	size_t *hit;              /* terms matched, in order of first match */
	size_t nhit, hit_alloc;
	struct buf stem;          /* scratch */
	size_t *wb, *wn;          /* scratch: stemmed words */
	unsigned long long *wh;
	size_t walloc;
	size_t nlabels_alloc, nterms_alloc;
};

#define TAXONOMY_MATCH_INIT { NULL, NULL, NULL, 0, 0, BUF_INIT, NULL, NULL, NULL, 0, 0, 0 }

/* Scores every label for the words `w`; `scores` has room for
 * taxonomy_nlabels values. Matches stay in `mt` for taxonomy_explain. */
void taxonomy_scores(const struct taxonomy *t, const struct ftokens *w,
		     struct taxonomy_match *mt, float *scores);
/* Appends a JSON array of the (at most k) terms of `label` that matched
 * the last document, strongest first: ["coast guard","patrol"]. */
void taxonomy_explain(const struct taxonomy *t, const struct taxonomy_match *mt, size_t label,
		      size_t k, struct buf *out);
void taxonomy_match_release(struct taxonomy_match *mt);

#endif
