/*
 * news_date — date lines of scraped news (see news_date.h and
 * docs/news-structure.md). Outlets print the date of a story in a few
 * shapes, which this file reads without a list of outlets:
 *
 *   17/07/2024 05:42 PM                      date and clock (day first)
 *   date 2024-10-15 15:02 KST                label, date, clock, zone
 *   KYODO NEWS - Jul 8, 2024 - 19:42 | World, All
 *                                            agency, date, clock, sections
 *   (Xinhua) 09:42, July 09, 2021            agency in brackets, clock, date
 *   Immediate Release / Aug. 6, 2024         a release label over the date
 *   Jakarta Globe / February 20, 2024 | 4:37 pm
 *                                            the outlet's name over the date
 *
 * The small character helpers below read ASCII and the common Unicode
 * blanks and dashes, as news.c's do.
 */
#include <stdint.h>
#include <string.h>

#include "wire/core/utf8.h"
#include "wire/dates/date.h"
#include "news_date.h"
#include "news_impl.h"

/* Length of a blank at s[i]: ASCII blanks, NBSP, U+2000..U+200B, U+202F,
 * U+3000; else 0. */
static inline size_t nd_space(const char *s, size_t i, size_t e)
{
	const unsigned char *p = (const unsigned char *)s + i;
	size_t left = e - i;

	if (i >= e)
		return 0;
	/* ASCII (most calls, a byte of a word): ' ', '\t', '\v', '\f', '\r' */
	if (*p < 0x80)
		return *p == ' ' || (*p >= '\t' && *p <= '\r' && *p != '\n');
	if (left >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
		return 2;
	if (left >= 3 && p[0] == 0xE2 && p[1] == 0x80 &&
	    ((p[2] >= 0x80 && p[2] <= 0x8B) || p[2] == 0xAF))
		return 3;
	if (left >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
		return 3;
	return 0;
}

static size_t nd_skip(const char *s, size_t i, size_t e)
{
	size_t k;

	while (i < e && (k = nd_space(s, i, e)) != 0)
		i += k;
	return i;
}

/* End of s[b..e) without trailing ASCII blanks. */
static size_t nd_trim(const char *s, size_t b, size_t e)
{
	while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r'))
		e--;
	return e;
}

/* s[i..e) starts with the lower-case ASCII string w, ignoring case. */
static int nd_iprefix(const char *s, size_t i, size_t e, const char *w)
{
	/* the common case, without strlen (w is never empty) */
	if (i >= e || (((unsigned char)s[i] | 32) != (unsigned char)w[0] && s[i] != w[0]))
		return 0;
	size_t k = strlen(w);

	if (i > e || e - i < k)
		return 0;
	for (size_t j = 0; j < k; j++)
		if (((unsigned char)s[i + j] | 32) != (unsigned char)w[j] &&
		    s[i + j] != w[j])
			return 0;
	return 1;
}

static int nd_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int nd_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

/* A capitalised word starts at s[i] (ASCII or any Unicode upper case). */
static int nd_cap_at(const char *s, size_t i, size_t e)
{
	int32_t cp;

	if (i >= e)
		return 0;
	if ((unsigned char)s[i] < 0x80)
		return nd_upper(s[i]);
	return utf8_decode(s + i, s + e, &cp) > 0 && utf8_is_upper(cp);
}

/* ---- clock time ------------------------------------------------------- */

/* A time zone after a clock time: two to five capitals ("KST", "GMT",
 * "WITA"), optionally "+7", "-05:00", optionally in brackets. Returns
 * its end, or i when there is none. */
static size_t time_zone(const char *s, size_t i, size_t e)
{
	size_t p = i < e && s[i] == '(' ? i + 1 : i, k = p;

	while (k < e && k - p < 6 && nd_upper(s[k]))
		k++;
	if (k - p >= 2 && k - p <= 5) {
		if (k < e && (s[k] == '+' || s[k] == '-') && k + 1 < e && nd_digit(s[k + 1])) {
			k++;
			while (k < e && (nd_digit(s[k]) || s[k] == ':'))
				k++;
		}
		if (k < e && s[k] == ')' && p > i)
			k++;
		else if (p > i)
			return i;
		if (k == e || !((s[k] | 32) >= 'a' && (s[k] | 32) <= 'z'))
			return k;
		return i;
	}
	/* "+07:00" */
	if (p == i && i + 2 < e && (s[i] == '+' || s[i] == '-') && nd_digit(s[i + 1])) {
		k = i + 1;
		while (k < e && (nd_digit(s[k]) || s[k] == ':'))
			k++;
		return k;
	}
	return i;
}

/* Skips a clock time after a date: [,|-|at] 10:32[:05] [AM] [zone].
 * Returns the new end, or i when there is no time. */
static size_t skip_time(const char *s, size_t i, size_t e)
{
	size_t j = nd_skip(s, i, e), k;

	if (j < e && (s[j] == ',' || s[j] == '|'))
		j = nd_skip(s, j + 1, e);
	else if ((k = dash_len(s, j, e)) != 0)
		j = nd_skip(s, j + k, e);
	else if (nd_iprefix(s, j, e, "at "))
		j = nd_skip(s, j + 3, e);
	k = j;
	while (k < e && k - j < 2 && nd_digit(s[k]))
		k++;
	if (k == j || k >= e || s[k] != ':' || e - k < 3 ||
	    !(nd_digit(s[k + 1]) && nd_digit(s[k + 2])))
		return i;
	k += 3;
	if (k + 2 < e && s[k] == ':' && nd_digit(s[k + 1]))
		k += 3;
	size_t m = nd_skip(s, k, e);
	if (nd_iprefix(s, m, e, "a.m.") || nd_iprefix(s, m, e, "p.m."))
		k = m + 4;
	else if ((nd_iprefix(s, m, e, "am") || nd_iprefix(s, m, e, "pm")) &&
		 (m + 2 == e || !((s[m + 2] | 32) >= 'a' && (s[m + 2] | 32) <= 'z')))
		k = m + 2;
	m = nd_skip(s, k, e);
	size_t z = time_zone(s, m, e);
	return z > m ? z : k;
}

/* ---- the date at the start of a line ---------------------------------- */

/* Labels of a date line, lower case, longest first. */
static const char *const date_label[] = {
	"last updated", "published on", "posted on", "updated on",
	"published", "posted", "updated", "dated", "date", "created", NULL,
};

size_t news_date_head(const char *s, size_t b, size_t e, struct date_ymd *ymd,
		      int *labelled)
{
	size_t i = b, k;

	*labelled = 0;
	for (k = 0; b < e && date_label[k]; k++) {
		if (((unsigned char)s[b] | 32) != (unsigned char)date_label[k][0])
			continue;
		size_t l = strlen(date_label[k]);
		if (nd_iprefix(s, b, e, date_label[k]) && b + l < e &&
		    (s[b + l] == ':' || nd_space(s, b + l, e))) {
			i = b + l;
			if (s[i] == ':')
				i++;
			i = nd_skip(s, i, e);
			*labelled = 1;
			break;
		}
	}
	/* "14:20 | 25/09/2025": a clock time may come first */
	k = skip_time(s, i, e);
	if (k > i) {
		size_t j = nd_skip(s, k, e), d;
		if (j < e && (s[j] == ',' || s[j] == '|'))
			j = nd_skip(s, j + 1, e);
		else if ((d = dash_len(s, j, e)) != 0)
			j = nd_skip(s, j + d, e);
		if (!(k = date_parse(s + j, e - j, ymd)))
			return b;
		return j + k;
	}
	k = date_parse(s + i, e - i, ymd);
	if (!k)
		return b;
	return skip_time(s, i + k, e);
}

/* ---- agency before, sections after ------------------------------------ */

/* Capitalised words s[i..) (a word ends at a blank, ',', '|', '/', a
 * bracket or " - "), at most `max`, separated by blanks or, when
 * `commas`, by ", ". Returns the end of the last word (i when there is none) and the
 * count in *words. */
static size_t cap_words(const char *s, size_t i, size_t e, int max, int commas,
			int *words)
{
	size_t end = i;

	*words = 0;
	while (i < e && *words < max && nd_cap_at(s, i, e)) {
		size_t k = i;
		while (k < e && !nd_space(s, k, e) && s[k] != ',' && s[k] != '|' && s[k] != '/' &&
		       s[k] != '(' && s[k] != ')' && !(s[k] == '-' && k + 1 < e && s[k + 1] == ' '))
			k++;
		end = k;
		++*words;
		if (commas && k < e && s[k] == ',')
			k++;
		i = nd_skip(s, k, e);
		if (i == k)
			break;
	}
	return end;
}

/* An agency before the date: "KYODO NEWS - ", "Xinhua | ", "(Xinhua) ",
 * or a section before a clock time ("All News 16:56 ..."). Returns where
 * the date should start (b when there is none) and sets the agency's name
 * s[*nb..*ne) (empty for a section). */
static size_t agency_prefix(const char *s, size_t b, size_t e, size_t *nb, size_t *ne)
{
	size_t i, k;
	int words;

	if (s[b] == '(') {
		i = cap_words(s, b + 1, e, 3, 0, &words);
		if (!words || i >= e || s[i] != ')')
			return b;
		*nb = b + 1;
		*ne = i;
		return nd_skip(s, i + 1, e);
	}
	i = cap_words(s, b, e, 4, 0, &words);
	if (!words)
		return b;
	k = nd_skip(s, i, e);
	if (k > i && k + 4 < e && nd_digit(s[k]) &&
	    (s[k + 1] == ':' || (nd_digit(s[k + 1]) && s[k + 2] == ':'))) {
		/* "All News 16:56 August 10, 2018": a section, then the clock */
		*nb = *ne = b;
		return k;
	}
	size_t d = dash_len(s, k, e);
	if (!d && !(k < e && s[k] == '|'))
		return b;
	if (k == i && d)
		return b;   /* "KYODO-Jul": a hyphenated word, not a separator */
	*nb = b;
	*ne = i;
	return nd_skip(s, k + (d ? d : 1), e);
}

/* What may follow the date on its line: bars, or a separator ('|', a
 * dash) and at most four capitalised section names separated by commas,
 * slashes or bars ("| World, All"). */
static int sections(const char *s, size_t i, size_t e)
{
	int any = 0;

	while (i < e) {
		size_t d = dash_len(s, i, e);
		if (s[i] == '|' || s[i] == '/' || s[i] == ',' || d) {
			i = nd_skip(s, i + (d ? d : 1), e);
			continue;
		}
		if (!any && i > 0) {
			int words;
			size_t k = cap_words(s, i, e, 4, 1, &words);
			if (!words || k - i > 60)
				return 0;
			any = 1;
			i = nd_skip(s, k, e);
			continue;
		}
		return 0;
	}
	return 1;
}

/* news_date_line() into *p, which holds garbage when it returns 0. */
static int date_line(const char *s, size_t b, size_t e, struct date_ymd *ymd,
		     struct news_date_line *p)
{
	int labelled;
	size_t k, a;

	memset(p, 0, sizeof(*p));
	if (e - b > NEWS_DATE_LINE_MAX || b >= e)
		return 0;
	a = b;
	/* "/ 05:01 AM August 22, 2017": a separator may lead */
	size_t lead = b;
	while (lead < e && (s[lead] == '/' || s[lead] == '|'))
		lead = nd_skip(s, lead + 1, e);
	k = news_date_head(s, lead, e, ymd, &labelled);
	if (k == lead && lead > b)
		return 0;
	if (k == b) {
		size_t nb = b, ne = b;
		a = agency_prefix(s, b, e, &nb, &ne);
		if (a == b || a >= e)
			return 0;
		k = news_date_head(s, a, e, ymd, &labelled);
		if (k == a)
			return 0;
		p->ab = b;
		p->ae = nd_trim(s, b, a);
		p->nb = nb;
		p->ne = ne;
	}
	if (!labelled && !ymd->m)
		return 0;
	size_t j = nd_skip(s, k, e), x;
	if (j < e) {
		/* "March 1, 2023, 3:09 pm Updated on March 1, 2023, 9:04 pm":
		 * the first date is the story's */
		struct date_ymd u;
		int lab;
		size_t k2 = news_date_head(s, j, e, &u, &lab);
		if (k2 > j && lab) {
			k = k2;
			j = nd_skip(s, k, e);
		}
	}
	p->db = a;
	p->de = k;
	x = j;
	if (j < e) {
		if (!sections(s, j, e))
			return 0;
		while (x < e && (s[x] == '|' || nd_space(s, x, e)))
			x += s[x] == '|' ? 1 : nd_space(s, x, e);
		if (x == e) {
			p->de = e;      /* only bars after the date: one part */
		} else {
			p->sb = j;
			p->se = e;
		}
	}
	return 1;
}

int news_date_line(const char *s, size_t b, size_t e, struct date_ymd *ymd,
		   struct news_date_line *p)
{
	struct news_date_line q;
	struct date_ymd d;

	memset(p, 0, sizeof(*p));
	if (!date_line(s, b, e, &d, &q))
		return 0;
	*p = q;
	*ymd = d;
	return 1;
}

/* ---- lines around the date line -------------------------------------- */

int news_date_release(const char *s, size_t b, size_t e)
{
	static const char *const label[] = {
		"for immediate release", "immediate release", "for release", NULL,
	};
	static const size_t len[] = { 21, 17, 11 };

	if (e > b && s[e - 1] == ':')
		e = nd_trim(s, b, e - 1);
	for (size_t k = 0; label[k]; k++)
		if (e - b == len[k] && nd_iprefix(s, b, e, label[k]))
			return 1;
	return 0;
}

/* The next non-blank line of text[*pos..n), trimmed, in [*b, *e);
 * *pos moves past it. Returns 0 at the end of the text. */
static int next_line(const char *text, size_t *pos, size_t n, size_t *b, size_t *e)
{
	while (*pos < n) {
		const char *nl = memchr(text + *pos, '\n', n - *pos);
		size_t le = nl ? (size_t)(nl - text) : n;
		*b = nd_skip(text, *pos, le);
		*e = nd_trim(text, *b, le);
		*pos = le + 1;
		if (*b < *e)
			return 1;
	}
	return 0;
}

int news_date_ahead(const char *text, size_t pos, size_t n)
{
	struct date_ymd ymd;
	struct news_date_line p;
	size_t b, e;

	for (int k = 0; k < NEWS_DATE_AHEAD && next_line(text, &pos, n, &b, &e); k++) {
		if (news_date_line(text, b, e, &ymd, &p) || news_date_release(text, b, e))
			return 1;
		char c = text[e - 1];
		if (e - b > 200 || c == '.' || c == '!' || c == '?' || c == ':' ||
		    c == ';' || c == ',' || c == '"')
			return 0;
	}
	return 0;
}

int news_date_outlet(const char *s, size_t b, size_t e, const char *text,
		     size_t pos, size_t n)
{
	struct date_ymd ymd;
	struct news_date_line p;
	size_t nb, ne;
	int words;

	if (e - b > 40 || cap_words(s, b, e, 4, 0, &words) != e)
		return 0;
	for (size_t i = b; i < e; i++)
		if (nd_digit(s[i]) || s[i] == ',' || s[i] == ':' || s[i] == '|')
			return 0;
	if (s[e - 1] == '.')
		return 0;
	return next_line(text, &pos, n, &nb, &ne) && news_date_line(text, nb, ne, &ymd, &p);
}

size_t news_date_trailer(const char *s, size_t b, size_t e, struct date_ymd *ymd)
{
	size_t from = e - b > 80 ? e - 80 : b + 1;
	/* the first letters of the labels, a bit each ('a' bit 0) */
	uint32_t first = 0;

	for (size_t l = 0; date_label[l]; l++)
		first |= 1u << ((unsigned char)date_label[l][0] - 'a');
	for (size_t i = from; i < e; i++) {
		int labelled;
		/* only a labelled date counts: a word that cannot start a
		 * label is passed without parsing a date there */
		unsigned c = ((unsigned char)s[i] | 32) - 'a';
		if (c >= 26 || !(first >> c & 1))
			continue;
		if (!nd_space(s, i - 1, e) || nd_space(s, i, e))
			continue;
		size_t k = news_date_head(s, i, e, ymd, &labelled);
		if (k > i && labelled && nd_skip(s, k, e) == e)
			return i;
	}
	return e;
}

size_t news_date_stamp(const char *s, size_t b, size_t e, struct date_ymd *ymd)
{
	size_t i;

	if (e - b < 15 || memcmp(s + b, "date", 4) || !nd_space(s, b + 4, e))
		return b;
	i = nd_skip(s, b + 4, e);
	if (e - i < 10 || !nd_digit(s[i]) || !nd_digit(s[i + 3]) || s[i + 4] != '-')
		return b;
	size_t k = date_parse(s + i, e - i, ymd);
	return k ? i + k : b;
}

int news_date_credit(const char *s, size_t b, size_t e)
{
	size_t o, i, k;
	int words;

	if (e - b < 5 || s[e - 1] != ')')
		return 0;
	for (o = e - 1; o > b && s[o] != '(' && e - o <= 62; o--)
		;
	if (s[o] != '(' || o == b || !nd_space(s, o - 1, e))
		return 0;
	i = cap_words(s, o + 1, e - 1, 3, 0, &words);
	if (!words || i >= e - 1 || s[i] != '/')
		return 0;
	k = cap_words(s, i + 1, e - 1, 4, 0, &words);
	return words && k == e - 1;
}

int news_date_title(const char *s, size_t b, size_t e)
{
	int long_words = 0, lower = 0;

	for (size_t i = b; i < e;) {
		while (i < e && !((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z'))
			i++;
		size_t k = i;
		while (k < e && ((s[k] | 32) >= 'a' && (s[k] | 32) <= 'z'))
			k++;
		if (k - i >= 4 && (i == b || s[i - 1] == ' ')) {
			long_words++;
			lower += !nd_upper(s[i]);
		}
		i = k;
	}
	return long_words >= 3 && lower <= 1;
}
