#ifndef WIRE_SEGMENT_H
#define WIRE_SEGMENT_H
/*
 * segment — paragraph and sentence boundaries in news text.
 *
 * Rules, not a model: abbreviations and titles (from a data file users can
 * extend), initials, decimals, ellipses, closing quotes and brackets,
 * list items, headlines without final punctuation, runs of white space.
 * Every function is linear in the length of the text.
 */
#include <stddef.h>

#include "wire/core/span.h"

struct segment_rules;

/*
 * Loads the shipped abbreviation list (data file "abbreviations.txt", see
 * data.h). Returns NULL and sets *err (static string) when it is missing
 * or malformed. The caller frees with segment_free.
 */
struct segment_rules *segment_load(const char **err);
/* Adds the abbreviations of the file at `path` (same format). Returns 0,
 * or -1 with a message in *err (caller frees). */
int segment_add_file(struct segment_rules *r, const char *path, char **err);
void segment_free(struct segment_rules *r);

/* How a text marks its paragraphs. */
enum segment_layout {
	SEGMENT_AUTO = 0,     /* decide from the text itself */
	SEGMENT_BLANK_LINES,  /* blank lines separate paragraphs; lines may be wrapped */
	SEGMENT_LINES,        /* one paragraph per line */
};

/*
 * The layout of text[0..n): one paragraph per line when lines are long
 * (over 200 bytes) or most of them (70%) end like sentences; else blank
 * lines separate paragraphs of possibly hard-wrapped lines.
 */
enum segment_layout segment_layout(const char *text, size_t n);

/*
 * Appends to `out` the paragraphs of text[0..n) under `layout`
 * (SEGMENT_AUTO: segment_layout of the same text). Spans are byte offsets
 * relative to `text`, trimmed of white space; empty paragraphs are not
 * reported.
 */
void segment_paragraphs(const char *text, size_t n, enum segment_layout layout,
			struct spans *out);

/*
 * Appends to `out` the sentences of text[0..n) (usually one paragraph):
 * byte spans relative to `text`, trimmed of white space, in order, not
 * overlapping, covering every non-space character of the text.
 */
void segment_sentences(const struct segment_rules *r, const char *text, size_t n,
		       struct spans *out);

#endif
