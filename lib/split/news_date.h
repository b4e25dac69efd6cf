#ifndef WIRE_SPLIT_NEWS_DATE_H
#define WIRE_SPLIT_NEWS_DATE_H
/*
 * news_date — the date lines of scraped news, private to lib/split (used
 * by news.c; the rules are in docs/news-structure.md, "Date lines").
 *
 * All functions read the trimmed line s[b..e) (or the text after `pos`),
 * allocate nothing and look at a bounded number of bytes
 * (NEWS_DATE_LINE_MAX per line, NEWS_DATE_AHEAD lines ahead).
 */
#include <stddef.h>

#include "wire/dates/date.h"

/* Longest line read as a date line (with an agency before the date and
 * sections after it: "KYODO NEWS - Jul 8, 2024 - 19:42 | World, All"). */
#define NEWS_DATE_LINE_MAX 120
/* Most lines news_date_ahead() looks at. */
#define NEWS_DATE_AHEAD 3

/* The parts of a date line; an absent part has b == e. */
struct news_date_line {
	size_t ab, ae;   /* agency before the date: "KYODO NEWS -", "(Xinhua)",
			    or a section before its clock: "All News" */
	size_t nb, ne;   /* the agency's name: "KYODO NEWS", "Xinhua"; empty
			    for a section */
	size_t db, de;   /* the date with its label and time */
	size_t sb, se;   /* what follows: sections "| World, All", bars */
};

/*
 * Reads a date at the very start of s[b..e): an optional label ("date",
 * "Published:", "Posted on"), an optional clock time before it ("14:20 |
 * 25/09/2025"), a date date_parse() accepts, an optional clock time after
 * it with a time zone ("05:42 PM", "- 19:42", "15:02 KST", "GMT+7").
 * Returns the end of what was read (b when there is no date), fills *ymd
 * and sets *labelled.
 */
size_t news_date_head(const char *s, size_t b, size_t e, struct date_ymd *ymd,
		      int *labelled);

/*
 * The whole line s[b..e) is a date line: [agency dash|bar] date [time]
 * [labelled second date] [| sections] [bars]. The agency is at most four
 * capitalised words followed by a dash or '|', or an agency in brackets;
 * four capitalised words before a clock time are a section ("All News
 * 16:56 August 10, 2018"); a leading '/' or '|' is allowed; a second,
 * labelled date may follow ("Updated on March 1, 2023, 9:04 pm"; the
 * first date counts); the sections are at most four capitalised words
 * after '|' or a dash, separated by commas.
 * A date without a label needs its month (a bare year needs a label).
 * Returns 1 and fills *ymd and *p, else 0.
 */
int news_date_line(const char *s, size_t b, size_t e, struct date_ymd *ymd,
		   struct news_date_line *p);

/* The line is a release label that stands for the date line under it:
 * "Immediate Release", "For Immediate Release", "For Release". */
int news_date_release(const char *s, size_t b, size_t e);

/*
 * One of the next NEWS_DATE_AHEAD non-blank lines of text[pos..n) is a
 * date line or a release label, and the lines before it are short lines
 * without final punctuation (a headline, an outlet's name). Used to keep
 * the head of an article open over a section name and a headline.
 */
int news_date_ahead(const char *text, size_t pos, size_t n);

/*
 * s[b..e) is an outlet's name (one to four capitalised words, at most 40
 * bytes, letters, spaces, '.', '&' and '\'' only) and the next non-blank
 * line of text[pos..n) is a date line: "Jakarta Globe" over "February 20,
 * 2024 | 4:37 pm".
 */
int news_date_outlet(const char *s, size_t b, size_t e, const char *text,
		     size_t pos, size_t n);

/*
 * A labelled date ends the line: "... (Photo: qdnd.vn) date 2025-01-10".
 * Returns the start of the label (e when there is none) and fills *ymd.
 * The label must follow a space and the date (with its time) must end
 * the line.
 */
size_t news_date_trailer(const char *s, size_t b, size_t e, struct date_ymd *ymd);

/*
 * A scraper's date stamp starts the line: the word "date" in lower case,
 * a blank and a year-first ISO date ("date 2024-09-10 Zhang Youxia (R)
 * meets ..."). Returns the end of the stamp (b when there is none) and
 * fills *ymd.
 */
size_t news_date_stamp(const char *s, size_t b, size_t e, struct date_ymd *ymd);

/* The line ends with a photo credit of the form "(Agency/Name)":
 * "(Xinhua/Li Xiang)", "(VNA/Trong Duc)", "(AP Photo/Evan Vucci)": both
 * sides capitalised words, at most 60 bytes in the brackets. */
int news_date_credit(const char *s, size_t b, size_t e);

/* s[b..e) is written in title case: at least three words of four letters
 * or more, all capitalised but one at most ("Readout of Secretary of
 * Defense Lloyd J. Austin III's Call With ... Teodoro Jr."). A headline
 * so written may end with the full stop of an abbreviation. */
int news_date_title(const char *s, size_t b, size_t e);

#endif
