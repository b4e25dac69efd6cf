#ifndef WIRE_NEWS_H
#define WIRE_NEWS_H
/*
 * news — the structure scraped news carries around its body: a leading
 * date line ("date 2025-09-25"), a dateline ("KUALA LUMPUR — "), bylines
 * ("By Kieu Trinh", "Translated by Tran Hoai"), agency tags ("— VNA/VNS"),
 * photo captions and layout debris (lines of "|").
 *
 * news_parse() labels byte ranges of a document so that wire-split can
 * keep these apart from the body sentences and put them in metadata.
 */
#include <stddef.h>

#include "wire/span.h"

enum news_kind {
	NEWS_BODY = 0,   /* body text: to be split into paragraphs and sentences */
	NEWS_DATE,       /* a date line or date prefix */
	NEWS_DATELINE,   /* "KUALA LUMPUR —" (place of the report) */
	NEWS_BYLINE,     /* "By ...", "Translated by ...", "Reporting by ..." */
	NEWS_AGENCY,     /* agency tag: "— VNA/VNS", "(Reuters)", "AFP" */
	NEWS_CAPTION,    /* photo caption (often ends with " |" or "(Photo: ...)") */
	NEWS_DEBRIS,     /* layout debris: lines of '|', lone symbols */
};

struct news_meta {
	char *date;      /* ISO 8601 date ("2025-09-25") or NULL */
	char *dateline;  /* "KUALA LUMPUR", as written, or NULL */
	char *byline;    /* authors/credits, several joined by "; ", or NULL */
	char *agency;    /* "VNA/VNS", or NULL */
};

/*
 * Labels text[0..n): appends to `parts` every range that is not plain
 * white space, in order, with its enum news_kind in `kind`; ranges of kind
 * NEWS_BODY may span several paragraphs (blank lines included). Fills
 * `meta` (strings owned by meta; free with news_meta_release). Linear time.
 */
void news_parse(const char *text, size_t n, struct spans *parts, struct news_meta *meta);
void news_meta_release(struct news_meta *meta);

/* Name of a kind: "body", "date", "dateline", "byline", "agency",
 * "caption", "debris". */
const char *news_kind_name(int kind);

#endif
