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

#include "wire/core/span.h"

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
	char *date;      /* ISO 8601 date ("2025-09-25") of the first date line
			    (or of a dateline with a year), or NULL */
	char *dateline;  /* the place as written, with its region but without
			    date, agency or dash: "JOHOR BAHRU, Malaysia", or NULL */
	char *byline;    /* every credit line as written, outer brackets removed,
			    joined by "; ": "By Kieu Trinh; Translated by Tran
			    Hoai", or NULL */
	char *agency;    /* agency names joined by "; " ("VNA/VNS"), or NULL */
};

/*
 * Labels text[0..n): appends to `parts` (after what it already holds)
 * ranges [b, e) in order, not overlapping, trimmed of white space, that
 * together cover every character that is not white space, each with its
 * enum news_kind in `kind`. Consecutive body lines make one NEWS_BODY
 * range, which may span several paragraphs (blank lines included); a line
 * holding a date, a dateline and the start of the body is cut into three.
 * Fills `meta`, whose fields must be NULL on entry (strings owned by meta;
 * free with news_meta_release, which leaves them NULL). Any bytes are
 * accepted (NUL, invalid UTF-8). Linear time; no allocation per line.
 * The rules are in docs/news-structure.md.
 */
void news_parse(const char *text, size_t n, struct spans *parts, struct news_meta *meta);
void news_meta_release(struct news_meta *meta);

/* Name of a kind: "body", "date", "dateline", "byline", "agency",
 * "caption", "debris". */
const char *news_kind_name(int kind);

#endif
