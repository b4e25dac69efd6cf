#ifndef WIRE_BOILER_H
#define WIRE_BOILER_H
/*
 * boiler — the outlet boilerplate inside a record's text that a
 * near-duplicate signature must not see.
 *
 * wire-split keeps bylines, datelines and agency tags apart from body
 * sentences and paragraphs, and names them on every record (`byline`,
 * `dateline`, `agency`); a `--by doc` record's text is still the whole
 * document. boiler_find marks, in a text:
 *  - each part of the record's byline ("; "-separated), where it occurs;
 *  - the dateline lead: the dateline, up to the agency in brackets and a
 *    dash after it ("CHICAGO, March 21 (Reuters) -");
 *  - at the start of a document, a wire slug before the headline
 *    ("UPDATE 1-", "REFILE-", "CORRECTED-", "WRAPUP 2-"...);
 *  - a closing copyright line ("Copyright 1987 ... reserved.").
 * Linear in the text (a few memmem calls); no allocation.
 */
#include <stddef.h>

struct boiler_meta {
	const char *byline, *dateline, *agency;  /* decoded; NULL: none */
	size_t nbyline, ndateline, nagency;
	int doc_start;                           /* text starts the document */
};

struct boiler_span {
	size_t b, e;
};

#define BOILER_MAX 16

/* Writes the boilerplate ranges of text[0..n) into out[], sorted and
 * disjoint, and returns how many (at most BOILER_MAX). */
size_t boiler_find(const char *text, size_t n, const struct boiler_meta *m,
		   struct boiler_span *out);

#endif
