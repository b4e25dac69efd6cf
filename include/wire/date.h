#ifndef WIRE_DATE_H
#define WIRE_DATE_H
/*
 * date — finding date expressions in text and normalising them (TIMEX3
 * style values) against the article's date.
 *
 *   "Wednesday" in an article of 2025-09-25, past tense   → "2025-09-24"
 *   "late July 2025"                                      → "2025-07", mod "END"
 *   "October" (future context)                            → "2025-10"
 *   "the 2027-2030 cycle"                                 → "2027/2030" (range)
 *   "later this year"                                     → "2025"
 */
#include <stddef.h>

#include "wire/buf.h"

/* A calendar date; month or day 0 when unknown. */
struct date_ymd {
	int y, m, d;
};

struct date_mention {
	size_t b, e;        /* byte offsets [b, e) of the expression in the text */
	char value[32];     /* "2025-09-24", "2025-07", "2025-W39", "2027/2030",
			       "PRESENT_REF", "" when it cannot be resolved */
	char mod[8];        /* "", "START", "MID", "END", "APPROX", "BEFORE", "AFTER" */
	int relative;       /* 1 when the value needed the anchor date */
};

struct date_mentions {
	struct date_mention *v;
	size_t n, alloc;
};

/* Parses an absolute date such as "2025-09-25", "25 September 2025",
 * "September 25, 2025", "Sept. 25, 2025", "25/09/2025" (day first) at the
 * start of s[0..n). Returns the number of bytes used (0: none). */
size_t date_parse(const char *s, size_t n, struct date_ymd *out);

/* Formats `d` as ISO 8601 ("2025-09-25", "2025-09", "2025") into `out`. */
void date_format(const struct date_ymd *d, struct buf *out);

/*
 * Finds and normalises the date expressions of one sentence text[0..n).
 * `anchor` is the article's date (NULL or y == 0 when unknown: relative
 * expressions then get an empty value). Tense (past or future) is read
 * from the sentence. Replaces the content of `out`. Linear time.
 */
void date_find(const char *text, size_t n, const struct date_ymd *anchor,
	       struct date_mentions *out);
void date_mentions_release(struct date_mentions *m);

#endif
