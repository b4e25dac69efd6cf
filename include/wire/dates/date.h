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

#include "wire/core/buf.h"

/* A calendar date; month or day 0 when unknown. */
struct date_ymd {
	int y, m, d;
};

struct date_mention {
	size_t b, e;        /* byte offsets [b, e) of the expression in the text */
	char value[32];     /* "2025-09-24", "2025-07", "2025-W39", "2027/2030",
			       "PRESENT_REF", "P3W", "" when it cannot be
			       resolved (see date_find for all forms) */
	char mod[8];        /* "", "START", "MID", "END" or "APPROX" */
	int relative;       /* 1 when the value needed the anchor date */
};

/* The result of date_find(). Start it zeroed ({ NULL, 0, 0 }), reuse it
 * across calls (each call replaces the content), free it with
 * date_mentions_release(); the array is owned by the struct. */
struct date_mentions {
	struct date_mention *v;
	size_t n, alloc;
};

/*
 * Parses an absolute date at the very start of s[0..n) (no leading space
 * is skipped) and returns the number of bytes used, 0 when there is none
 * (then *out is untouched). Month and weekday names are matched without
 * regard to case, in full or abbreviated ("Sep", "Sept.", "Thu").
 * Accepted forms, each optionally preceded by a weekday ("Thursday, "):
 *   2025-09-25  2025/09/25  2025.09.25  20250925   year first
 *   2025-09-25T10:00:00+07:00   the time is consumed, only the date kept
 *   2025-09                     month precision (d = 0); only with '-'
 *                               and two digits ("2082.1" is a number)
 *   25 September 2025  25th of Sept. 2025  25 Sep, 2025
 *   September 25, 2025  Sept. 25, 2025  Sep 25 2025  September 25th, 2025
 *   September 2025              month precision (d = 0)
 *   25/09/2025 25.09.2025 25-09-2025  DAY FIRST (European and ISO-world
 *                               usage); read month first only when the
 *                               day-first reading is impossible (09/25/2025)
 *   2025                        a bare year only when it is the whole of
 *                               s (trailing blanks allowed): "2025 troops"
 *                               is not a date; m = d = 0
 * A year must be present (4 digits); "25 September" alone is relative and
 * left to date_find(). The match must end at a word boundary and the date
 * must exist (no 2025-02-29).
 */
size_t date_parse(const char *s, size_t n, struct date_ymd *out);

/* Appends `d` in ISO 8601 form to `out`: "2025-09-25", "2025-09" (d = 0),
 * "2025" (m = 0); an unknown year (y <= 0) is written "XXXX". */
void date_format(const struct date_ymd *d, struct buf *out);

/* ---- calendar helpers (proleptic Gregorian) ---- */

int date_is_leap(int y);
int date_month_days(int y, int m);          /* 0 when m is not 1..12 */
int date_valid(const struct date_ymd *d);   /* year 1..9999; m/d may be 0 */
long date_to_days(const struct date_ymd *d); /* days since 1970-01-01 */
void date_from_days(long days, struct date_ymd *out);
int date_weekday(const struct date_ymd *d); /* 1 Monday .. 7 Sunday */
void date_add_days(struct date_ymd *d, long days);
/* Adds months, clamping the day to the new month (Jan 31 + 1 → Feb 28). */
void date_add_months(struct date_ymd *d, int months);
/* ISO 8601 week of a full date: week 1 holds the year's first Thursday,
 * so 2024-12-30 is 2025-W01 and 2021-01-03 is 2020-W53. */
void date_iso_week(const struct date_ymd *d, int *year, int *week);

/* ---- lexicon (case-insensitive, ASCII) ---- */

/* 1..12 for "September", "sep", "Sept"; 0 otherwise. */
int date_month_word(const char *s, size_t n);
/* 1 (Monday) .. 7 for "Thursday", "thu", "Thurs"; 0 otherwise. */
int date_weekday_word(const char *s, size_t n);
/* s[0..n) equals the lowercase word w, ignoring the case of s. */
int date_word_eq(const char *s, size_t n, const char *w);

/*
 * Finds and normalises the date expressions of one sentence text[0..n)
 * (UTF-8; invalid bytes are tolerated) and replaces the content of `out`
 * with them, in text order, never overlapping. `anchor` is the article's
 * date (NULL or y == 0 when unknown: relative expressions are still found
 * but get an empty value, or "XXXX-09-30" when only the year is missing).
 * Linear time; one token array per call, nothing per character.
 *
 * Spans follow TimeBank: determiners and modifiers that belong to the
 * expression are inside ("the third quarter", "late July 2025", "the end
 * of 2024", "a year ago"), prepositions are not ("on Wednesday").
 * Values follow TIMEX3 as in TempEval-3:
 *   2025-09-24   2025-09   2025   2025-W39   2025-W39-WE   2025-Q3
 *   2025-H1   2025-SU (SP, SU, FA, WI)   199 (the 1990s)   19 (20th
 *   century)   2027/2030, 2025-09-24/2025-09-25 (ranges of years, of
 *   days: "2027-2030", "24-25 September")   2025-09-24TNI (TMO, TAF,
 *   TEV: parts of days)   PRESENT_REF  PAST_REF  FUTURE_REF
 *   2025-09-24T22:00 ("10 p.m. Wednesday", "at 14:00", "noon today")
 *   P3W  P2Y  PXY  PT24H (durations: "three weeks", "two-year", "years")
 * and `mod` START (early, earlier, the beginning of), MID (mid-, the
 * middle of), END (late, later, the end of, end-), APPROX (about,
 * around). date_value_type() tells DATE, TIME and DURATION apart.
 *
 * Relative expressions are resolved against the anchor; past or future
 * comes from the sentence: a deadline preposition just before the
 * expression ("until", "by"), else the nearest tense cue on its left,
 * else on its right (8 tokens), else the sentence's balance. Past cues:
 * "said", "was", "held", "met", other common irregular pasts, "-ed"
 * words, "ago", "last"; future cues: "will", "'ll", "shall", "next",
 * "upcoming", "coming", "is to", "is expected/scheduled/set to", "to be
 * held", "plan(s|ned)", "expects". Then:
 *   weekday: past → the latest one not after the anchor (the anchor's own
 *     weekday is the anchor), future → the next one not before it;
 *     "last Friday"/"next Friday" are strictly before/after;
 *   month alone: past → not after the anchor's month, future → not
 *     before, no cue within 8 tokens left or 3 right → within the three
 *     months ahead or the nine months back; "the August Revolution" is a
 *     name;
 *   day and month without year: the anchor's year, unless more than 60
 *     days in the wrong direction for the tense (183 without a cue).
 */
void date_find(const char *text, size_t n, const struct date_ymd *anchor,
	       struct date_mentions *out);
/*
 * What date_find_doc() carries from one sentence to the next of the same
 * article (the TimeML reference time): the quarter last named, so that a
 * later "a year ago" means that quarter a year before ("last year" does
 * so only in the sentence naming the quarter), and the date last named,
 * for "that year", "the following day", "the same month". Zero every
 * field (memset, or = { 0, 0, { 0, 0, 0 } }) at the start of each article.
 */
struct date_doc {
	int q_year, quarter; /* quarter 0: none named yet */
	struct date_ymd ref; /* y 0: no date named yet; m, d may be 0 */
};

/* date_find() for the sentences of one article, in order, sharing `doc`
 * (NULL: same as date_find). */
void date_find_doc(const char *text, size_t n, const struct date_ymd *anchor,
		   struct date_doc *doc, struct date_mentions *out);

/* Frees the array of `m` and leaves it empty (reusable). */
void date_mentions_release(struct date_mentions *m);

/* The TIMEX3 type of a value found by date_find(): "DURATION" for "P3Y",
 * "TIME" for "2025-09-24TNI", "DATE" otherwise (also for ""). Static. */
const char *date_value_type(const char *value);

#endif
