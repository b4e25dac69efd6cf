#ifndef WIRE_NEWS_IMPL_H
#define WIRE_NEWS_IMPL_H
/*
 * news_impl.h — private to lib/split/news*.c: the limits and types of the
 * news layout parser, its character helpers (inline: they run on every
 * line), and the functions the parts call across files, prefixed nw_.
 *
 *   news.c           line classification, the head and tail zones, output:
 *                    news_parse
 *   news_credit.c    word shapes, credit lines (bylines), agency tags and
 *                    agency lines
 *   news_dateline.c  datelines ("HANOI, Feb 11 (VNA) -")
 *   news_date.c      date lines (its own header, news_date.h)
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "wire/core/buf.h"
#include "wire/dates/date.h"
#include "wire/core/err.h"
#include "wire/split/news.h"
#include "wire/core/utf8.h"
#include "news_date.h"

/* Longest line (bytes) that can be a caption, credit, date or agency line. */
#define SHORT_LINE 400
/* Longest line recognised as a caption only because a line of '|' follows. */
#define CAPTION_BAR 250
/* Longest first line taken as a headline (kept as body). */
#define HEADLINE_MAX 200
/* Longest place name of a dateline, and longest agency tag. */
#define PLACE_MAX 60
#define TAG_MAX 40
/* Longest byline or agency list kept in the meta, in bytes. */
#define META_MAX 1024
/* Most words in a "By ..." line, outside parentheses. */
#define BY_WORDS 12
/* Most words in a credit line ("Reporting by ...; Editing by ..."). */
#define CREDIT_WORDS 40

enum zone { Z_HEAD = 1, Z_TAIL = 2 };

/* Shape of the word s[b..e). */
struct shape {
	int upper, lower, digit, other;  /* counts of code points */
	int first_upper;                 /* first letter is upper case */
};

struct dateline {
	size_t place_e;   /* end of the place ("JOHOR BAHRU, Malaysia") */
	size_t date_e;    /* end of place and date ("WASHINGTON, Sept. 24") */
	size_t ab, ae;    /* "(VNA)", or ab == ae */
	size_t dash_e;    /* end of the dash */
	size_t body;      /* where the body starts */
	struct date_ymd ymd;
	int has_date;     /* ymd holds a full date with its year */
};

/* Length of the white-space character at s[i] (ASCII blanks, NBSP, the
 * Unicode spaces U+2000..U+200B, U+202F, U+205F, U+3000, BOM), else 0. */
static inline size_t space_len(const char *s, size_t i, size_t n)
{
	const unsigned char *p = (const unsigned char *)s + i;
	size_t left = n - i;

	if (!left)
		return 0;
	if (*p > ' ' && *p < 0x80)
		return 0;  /* the common case: a printable ASCII byte */
	if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\f' || *p == '\v')
		return 1;
	if (*p < 0xC2)
		return 0;
	if (left >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
		return 2;
	if (left >= 3 && p[0] == 0xE2 && p[1] == 0x80 &&
	    ((p[2] >= 0x80 && p[2] <= 0x8B) || p[2] == 0xAF))
		return 3;
	if (left >= 3 && p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0x9F)
		return 3;
	if (left >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
		return 3;
	if (left >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		return 3;
	return 0;
}

static inline size_t skip_space(const char *s, size_t i, size_t e)
{
	size_t k;

	while (i < e && (k = space_len(s, i, e)) != 0)
		i += k;
	return i;
}

/* Start of the line that holds position i: after the last newline before i. */
static inline size_t line_start(const char *s, size_t i)
{
	const char *nl = i ? memrchr(s, '\n', i) : NULL;

	return nl ? (size_t)(nl - s) + 1 : 0;
}

/* Start of the code point that ends at e (e > b). */
static inline size_t cp_start(const char *s, size_t b, size_t e)
{
	size_t i = e - 1;

	while (i > b && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/* Moves e back over white space, not below b. */
static inline size_t trim_back(const char *s, size_t b, size_t e)
{
	if (e > b && (unsigned char)s[e - 1] > ' ' && (unsigned char)s[e - 1] < 0x80)
		return e;  /* the common case: ends with a printable ASCII byte */
	while (e > b) {
		size_t c = cp_start(s, b, e);
		if (space_len(s, c, e) != e - c)
			break;
		e = c;
	}
	return e;
}

/* Decodes the code point at s[i] (i < e); invalid bytes read as one
 * U+FFFD byte. Returns its length. */
static inline size_t cp_at(const char *s, size_t i, size_t e, int32_t *cp)
{
	int k = utf8_decode(s + i, s + e, cp);
	return k ? (size_t)k : 1;
}

static inline int32_t last_cp(const char *s, size_t b, size_t e, size_t *start)
{
	int32_t cp = 0;
	size_t c = cp_start(s, b, e);

	cp_at(s, c, e, &cp);
	if (start)
		*start = c;
	return cp;
}

static inline int is_alnum_cp(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       (cp >= '0' && cp <= '9');
	return utf8_is_alpha(cp) || utf8_is_digit(cp);
}

/* Length of a dash at s[i]: em dash, en dash, horizontal bar, "--", '-'. */
static inline size_t dash_len(const char *s, size_t i, size_t e)
{
	const unsigned char *p = (const unsigned char *)s + i;

	if (i >= e)
		return 0;
	if (e - i >= 3 && p[0] == 0xE2 && p[1] == 0x80 &&
	    (p[2] == 0x93 || p[2] == 0x94 || p[2] == 0x95))
		return 3;
	if (p[0] == '-')
		return e - i >= 2 && p[1] == '-' ? 2 : 1;
	return 0;
}

/* Sentence-final punctuation (possibly followed by a closing quote) ends
 * just before e: '.', '!', '?', or a closing quote after one of them. */
static inline int ends_sentence(const char *s, size_t b, size_t e)
{
	size_t c;
	int32_t cp;

	if (e <= b)
		return 0;
	cp = last_cp(s, b, e, &c);
	if (cp == '"' || cp == '\'' || cp == 0x201D || cp == 0x2019 || cp == ')') {
		if (c <= b)
			return 0;
		cp = last_cp(s, b, c, NULL);
	}
	return cp == '.' || cp == '!' || cp == '?';
}

/* c is one of the bytes of `set` (never true for NUL). */
static inline int in_set(char c, const char *set)
{
	for (; *set; set++)
		if (*set == c)
			return 1;
	return 0;
}

/* s[i..e) starts with the ASCII string w (exact case). */
static inline int has_prefix(const char *s, size_t i, size_t e, const char *w)
{
	if (i >= e || s[i] != w[0])
		return 0;  /* the common case, without strlen */
	size_t k = strlen(w);
	return e - i >= k && !memcmp(s + i, w, k);
}

/* s[i..e) starts with the ASCII string w, ignoring case. */
static inline int has_iprefix(const char *s, size_t i, size_t e, const char *w)
{
	if (i >= e || ((unsigned char)s[i] | 32) != (unsigned char)w[0])
		return 0;  /* the common case, without strlen (w is lower case) */
	size_t k = strlen(w);

	if (e - i < k)
		return 0;
	for (size_t j = 0; j < k; j++) {
		int c = (unsigned char)s[i + j];
		if (c >= 'A' && c <= 'Z')
			c += 32;
		if (c != w[j])
			return 0;
	}
	return 1;
}

/* news.c */

int nw_debris_line(const char *s, size_t b, size_t e, int *bar);

/* news_credit.c */

void nw_word_shape(const char *s, size_t b, size_t e, struct shape *w);
size_t nw_word_end(const char *s, size_t i, size_t e, const char *stops);
int nw_names_like(const char *s, size_t b, size_t e, int strong);
int nw_credit_line(const char *s, size_t b, size_t e, int zone);
size_t nw_credit_tag(const char *s, size_t b, size_t e, int zone, size_t *nb, size_t *ne);
int nw_agency_name(const char *s, size_t b, size_t e, int caps, int source);
size_t nw_agency_tail(const char *s, size_t b, size_t e, size_t *nb, size_t *ne);
int nw_agency_line(const char *s, size_t b, size_t e, size_t *nb, size_t *ne);

/* news_dateline.c */

int nw_dateline_at(const char *s, size_t b, size_t e, struct dateline *dl);

#endif
