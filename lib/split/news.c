/*
 * news — header, trailer and layout parts of scraped news (see news.h and
 * docs/news-structure.md).
 *
 * The text is read line by line. Every line is first classified on its own
 * (layout debris, credit line, date line, caption, agency tag, body), with
 * two zones where weaker evidence is accepted: the head (the lines before
 * the first body paragraph, plus a headline) and the tail (the lines after
 * the last body paragraph). The first body line may start with a date and
 * a dateline; the last body line may end with an agency tag; a long body
 * line may end with a stray " |".
 *
 * Everything is decided on the shape of a line and a few closed-class
 * words (the credit phrases of news layout: "By", "Translated by",
 * "Photo:"); there is no list of places, agencies or names.
 *
 * Linear time: each line is scanned a bounded number of times (the tail is
 * found by one backward scan that stops at the last body line, and the
 * caption rule looks one line ahead); the checks on a line's content are
 * bounded by SHORT_LINE bytes or stop at the first character that fails.
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

/* ---- characters ------------------------------------------------------- */

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
static size_t line_start(const char *s, size_t i)
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

static int32_t last_cp(const char *s, size_t b, size_t e, size_t *start)
{
	int32_t cp = 0;
	size_t c = cp_start(s, b, e);

	cp_at(s, c, e, &cp);
	if (start)
		*start = c;
	return cp;
}

static int is_alnum_cp(int32_t cp)
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
static int ends_sentence(const char *s, size_t b, size_t e)
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

/* ---- words ------------------------------------------------------------ */

/* Shape of the word s[b..e). */
struct shape {
	int upper, lower, digit, other;  /* counts of code points */
	int first_upper;                 /* first letter is upper case */
};

static void word_shape(const char *s, size_t b, size_t e, struct shape *w)
{
	int seen = 0;

	memset(w, 0, sizeof(*w));
	for (size_t i = b; i < e;) {
		int32_t cp;
		unsigned char a = (unsigned char)s[i];
		if (a < 0x80) {  /* ASCII, as below without the calls */
			i++;
			if (a >= 'A' && a <= 'Z') {
				w->upper++;
				if (!seen)
					w->first_upper = 1;
				seen = 1;
			} else if (a >= 'a' && a <= 'z') {
				w->lower++;
				seen = 1;
			} else if (a >= '0' && a <= '9') {
				w->digit++;
			} else if (a != '.' && a != '-' && a != '\'') {
				w->other++;
			}
			continue;
		}
		i += cp_at(s, i, e, &cp);
		if (utf8_is_upper(cp)) {
			w->upper++;
			if (!seen)
				w->first_upper = 1;
			seen = 1;
		} else if (utf8_is_lower(cp)) {
			w->lower++;
			seen = 1;
		} else if (cp >= '0' && cp <= '9') {
			w->digit++;
		} else if (utf8_is_alpha(cp)) {
			w->upper++; /* caseless letters (CJK, Thai) count as capitals */
			if (!seen)
				w->first_upper = 1;
			seen = 1;
		} else if (cp >= 0x300 && cp <= 0x36F) {
			;       /* combining marks of decomposed accents */
		} else if (cp != '.' && cp != '-' && cp != '\'' && cp != 0x2019) {
			w->other++;
		}
	}
}

/* End of the word starting at i: up to white space or one of `stops`. */
static inline size_t word_end(const char *s, size_t i, size_t e, const char *stops)
{
	while (i < e && !space_len(s, i, e) && !in_set(s[i], stops))
		i++;
	return i;
}

/* Lower-case words allowed inside names and credit lines: name particles,
 * connectors, and the vocabulary of credits. A closed class of layout
 * words, not a dictionary. */
static int credit_small_word(const char *s, size_t b, size_t e)
{
	static const char *const w[] = {
		"and", "by", "in", "from", "at", "for", "with", "of", "de", "da",
		"del", "della", "di", "do", "dos", "das", "du", "van", "von",
		"der", "den", "ter", "ten", "bin", "binti", "bt", "bte", "al",
		"el", "la", "le", "y", "e", "staff", "reporter", "reporters",
		"correspondent", "correspondents", "writer", "writers", "editor",
		"editors", "photographer", "journalist", "contributor",
		"additional", "reporting", "editing", "writing", "photos",
		"photo", "video", "text", "story", "translation", "translated",
		"edited", "compiled", "written", "graphics", "news", NULL,
	};

	for (size_t i = 0; w[i]; i++)
		if (strlen(w[i]) == e - b && !memcmp(s + b, w[i], e - b))
			return 1;
	return 0;
}

/* ---- credit lines (bylines) -------------------------------------------- */

/* Whether the word after position j starts with a capital letter: "By June
 * Lee", "By Thu Hà" are names where "By June 2026", "By Monday, ..." are
 * dates. */
static int followed_by_name(const char *s, size_t j, size_t e)
{
	int32_t cp;

	j = skip_space(s, j, e);
	if (j >= e)
		return 0;
	cp_at(s, j, e, &cp);
	return utf8_is_upper(cp);
}

/*
 * s[b..e) (text after "By " or a credit prefix) reads as a list of names
 * and credits: capitalised words, initials, particles and connectors,
 * separators, parenthesised notes ("(from Johor, Malaysia)"). `strong`
 * credit lines also allow digits and more words. Never a sentence: no
 * sentence-final full stop after a long word.
 */
static int names_like(const char *s, size_t b, size_t e, int strong)
{
	size_t i = skip_space(s, b, e);
	int words = 0, caps = 0, first = 1;

	if (i >= e)
		return 0;
	while (i < e) {
		size_t j;

		if (s[i] == '(') {
			const char *close = memchr(s + i, ')', e - i);
			if (!close || (size_t)(close - s) - i > 80)
				return 0;
			i = skip_space(s, (size_t)(close - s) + 1, e);
			first = 0;
			continue;
		}
		if (in_set(s[i], ",;|&/:")) {
			i = skip_space(s, i + 1, e);
			continue;
		}
		if ((j = dash_len(s, i, e)) != 0) {
			i = skip_space(s, i + j, e);
			continue;
		}
		j = word_end(s, i, e, ",;|(:");
		struct shape w;
		word_shape(s, i, j, &w);
		words++;
		if (words > (strong ? CREDIT_WORDS : BY_WORDS))
			return 0;
		if (w.other)
			return 0;
		if (w.digit && !strong)
			return 0;
		if (w.first_upper) {
			/* "By Monday, ..." / "By September 2026" are dates */
			size_t k = j;
			if (k > i && s[k - 1] == '.')
				k--;
			if (first && !strong && (date_month_word(s + i, k - i) ||
						 date_weekday_word(s + i, k - i)) &&
			    !followed_by_name(s, j, e))
				return 0;
			caps++;
		} else if (w.lower || w.upper) {
			if (!credit_small_word(s, i, j))
				return 0;
		} else if (!w.digit) {
			return 0;
		}
		first = 0;
		i = skip_space(s, j, e);
	}
	if (!caps)
		return 0;
	/* a full stop ends a sentence unless it closes an initial ("Jr.") */
	if (s[e - 1] == '.') {
		size_t ws = e - 1;
		while (ws > b && !space_len(s, ws - 1, e))
			ws--;
		if (e - ws > 4)
			return 0;
	}
	if (s[e - 1] == '!' || s[e - 1] == '?')
		return 0;
	return 1;
}

/* Credit prefixes: the line is a credit whatever the zone. */
static const char *const credit_prefix[] = {
	"Translated by ", "Translation by ", "Translation: ", "Translator: ",
	"Reporting by ", "Reported by ", "Additional reporting by ",
	"Editing by ", "Edited by ", "Editor: ", "Writing by ", "Written by ",
	"Compiled by ", "Story: ", "Story by ", "Text: ", "Text by ",
	"Photo: ", "Photos: ", "Photo by ", "Photos by ", "Video: ",
	"Video by ", "Graphics: ", "Graphics by ", "Reporter: ",
	"Reporters: ", "Author: ", "Authors: ", "Writer: ", NULL,
};

/* The names after the credit prefix that starts s[i..e) ("Translated by
 * ", or "By " when `zone` is set): their offset, or 0 when there is no
 * prefix. *strong is set for the credit prefixes. */
static size_t credit_head(const char *s, size_t i, size_t e, int zone, int *strong)
{
	if (i >= e)
		return 0;
	switch (s[i]) {  /* the first letters of credit_prefix[] and "By " */
	case 'A': case 'B': case 'C': case 'E': case 'G': case 'P': case 'R':
	case 'S': case 'T': case 'V': case 'W':
		break;
	default:
		return 0;
	}
	*strong = 1;
	for (size_t k = 0; credit_prefix[k]; k++)
		if (credit_prefix[k][0] == s[i] && has_prefix(s, i, e, credit_prefix[k]))
			return i + strlen(credit_prefix[k]);
	*strong = 0;
	if (zone && (has_prefix(s, i, e, "By ") || has_prefix(s, i, e, "BY ")))
		return i + 3;
	return 0;
}

/* Line s[b..e) (trailing " |" already cut) is a credit line: 1; else -1
 * when it starts with a credit prefix, 0 when not. `zone` lets plain "By
 * Name" lines count in the head and tail. */
static int credit_line(const char *s, size_t b, size_t e, int zone)
{
	size_t i = b;

	if (e - b > SHORT_LINE)
		return 0;
	if (s[i] == '(' && s[e - 1] == ')') {
		i++;
		e--;
	}
	int strong;
	size_t names = credit_head(s, i, e, zone, &strong);
	if (!names)
		return 0;
	return names_like(s, names, e, strong) ? 1 : -1;
}

/* ---- agency tags ------------------------------------------------------ */

static int agency_name(const char *s, size_t b, size_t e, int caps, int source);

/*
 * A credit line that ends with an agency tag after a dash, "Translated by
 * Le Thu Ha — VNA/VNS": the dash must have white space on both sides and
 * be the last one of the line. Returns the start of the dash and sets the
 * tag name [*nb, *ne), or returns e.
 */
static size_t credit_tag(const char *s, size_t b, size_t e, int zone, size_t *nb, size_t *ne)
{
	size_t w = e - b > TAG_MAX + 8 ? e - TAG_MAX - 8 : b;

	for (size_t i = e; i > w; i--) {
		unsigned char x = (unsigned char)s[i - 1];
		if (x != '-' && x != 0x93 && x != 0x94 && x != 0x95)
			continue;  /* '-' or the last byte of an en/em dash or bar */
		size_t c = cp_start(s, w, i), k = dash_len(s, c, e);
		if (!k)
			continue;
		if (k == 1 && c > b && s[c - 1] == '-') {
			c--;
			k = 2;  /* "--" */
		}
		size_t tb = skip_space(s, c + k, e), p = trim_back(s, b, c);
		if (tb == c + k || p == c)
			continue;  /* a hyphen inside a word */
		if (p > b && tb < e && agency_name(s, tb, e, 0, 0) && credit_line(s, b, p, zone) > 0) {
			*nb = tb;
			*ne = e;
			return c;
		}
		return e;
	}
	return e;
}

/* ---- dates ------------------------------------------------------------ */

/* The date-line grammar (labels, clock times, zones, an agency before
 * the date, sections after it) is in news_date.c. */

static int debris_line(const char *s, size_t b, size_t e, int *bar);

/*
 * s[b..e) is an agency name: 1-4 words of capitalised or all-capital
 * letters ("VNA/VNS", "Reuters", "Kyodo News"), at most TAG_MAX bytes.
 * `caps` requires every word in capitals (for tags without a dash or
 * brackets). `source` allows a few small words ("Ministry of Defence").
 */
static int agency_name(const char *s, size_t b, size_t e, int caps, int source)
{
	size_t i = b;
	int words = 0;

	if (e <= b || e - b > (source ? 2 * TAG_MAX : TAG_MAX))
		return 0;
	if (e - b == 4 && has_iprefix(s, b, e, "more"))
		return 0;  /* "MORE": the story goes on in another file */
	while (i < e) {
		size_t j = word_end(s, i, e, "/");
		struct shape w;

		if (j == i) {
			if (s[i] != '/' || ++i >= e)
				return 0;
			continue;
		}
		word_shape(s, i, j, &w);
		if (w.digit || w.other || !(w.upper + w.lower) || s[j - 1] == '.')
			return 0;
		if (!w.first_upper) {
			if (!source || !credit_small_word(s, i, j))
				return 0;
		} else if (caps && (w.lower || w.upper < 2)) {
			return 0;
		}
		if (++words > (source ? 6 : 4))
			return 0;
		i = skip_space(s, j, e);
	}
	return words > 0;
}

/*
 * Looks for an agency tag ending the line s[b..e): "— VNA/VNS", "(Reuters)",
 * "/AFP", or capitals after the last sentence (". VNA"). The tag must
 * follow the end of a sentence or stand alone on the line (then `alone`
 * allows a single capitalised word: "Reuters"). On success returns the
 * start of the tag (dash or bracket included) and sets the name [*nb, *ne).
 * Returns e when there is none.
 */
static size_t agency_tail(const char *s, size_t b, size_t e, size_t *nb, size_t *ne)
{
	size_t w = e - b > TAG_MAX + 8 ? e - TAG_MAX - 8 : b, i, p;

	if (e <= b)
		return e;
	/* (Reuters) */
	if (s[e - 1] == ')') {
		const char *open = NULL;
		for (i = e - 1; i > w; i--)
			if (s[i - 1] == '(') {
				open = s + i - 1;
				break;
			}
		if (open) {
			i = (size_t)(open - s);
			p = trim_back(s, b, i);
			if (!memchr(s + i, ':', e - i) &&
			    agency_name(s, i + 1, e - 1, 0, 0) &&
			    (p == b || ends_sentence(s, b, p))) {
				*nb = i + 1;
				*ne = e - 1;
				return i;
			}
		}
		return e;
	}
	/* — VNA/VNS, - Reuters, /AFP: the last dash or slash of the window */
	for (i = e; i > w; i--) {
		size_t d = i - 1, k;
		unsigned char x = (unsigned char)s[d];
		if (x < 0x80 && x != '-' && x != '/')
			continue;  /* as below, without looking back */
		size_t c = cp_start(s, w, i);
		if (c != d && (k = dash_len(s, c, e)) == 3) {
			d = c;
		} else if (s[d] == '-' || s[d] == '/') {
			k = 1;
			if (d > b && s[d] == '-' && s[d - 1] == '-')
				d--, k = 2;
			else if (s[d] == '-' && !(d + 1 < e && space_len(s, d + 1, e)))
				continue; /* a hyphen inside a word */
		} else {
			continue;
		}
		if (s[d] == '/' && d > b && is_alnum_cp((unsigned char)s[d - 1]))
			continue;  /* "VNA/VNS": a slash inside the tag */
		size_t tb = skip_space(s, d + k, e);
		p = trim_back(s, b, d);
		if (agency_name(s, tb, e, s[d] == '/', 0) &&
		    (p == b || ends_sentence(s, b, p))) {
			*nb = tb;
			*ne = e;
			return d;
		}
		return e;
	}
	/* ". VNA" — one word in capitals after the last sentence */
	size_t ws = e;
	while (ws > b && !space_len(s, ws - 1, e) && s[ws - 1] != '.' &&
	       s[ws - 1] != '!' && s[ws - 1] != '?' && e - ws <= TAG_MAX)
		ws--;
	if (ws == e || e - ws > TAG_MAX || !agency_name(s, ws, e, 1, 0))
		return e;
	p = trim_back(s, b, ws);
	if (p > b) {
		if (!ends_sentence(s, b, p))
			return e;
		/* not after an abbreviation such as "U.S." */
		size_t q = p - 1;
		while (q > b && !space_len(s, q - 1, e))
			q--;
		if (memchr(s + q, '.', p - 1 - q))
			return e;
	}
	*nb = ws;
	*ne = e;
	return ws;
}

/* The last non-blank line before the one holding position b ends a
 * story: a finished sentence, a bracket, a credit line or debris. A bare
 * agency name ("VNA", "Reuters") alone on a line must follow one, so that
 * "Inc" under a table or the second line of a headline in capitals is not
 * taken for an agency. */
static int after_finished(const char *s, size_t b)
{
	size_t pe = b;

	pe = line_start(s, pe);
	while (pe > 0) {
		size_t lb = line_start(s, pe - 1), t, e;
		t = skip_space(s, lb, pe - 1);
		e = trim_back(s, t, pe - 1);
		if (t < e) {
			int32_t cp = last_cp(s, t, e, NULL);
			int bar;
			return ends_sentence(s, t, e) || cp == ')' ||
			       debris_line(s, t, e, &bar) || credit_line(s, t, e, Z_TAIL) > 0;
		}
		pe = lb;
	}
	return 0;
}

/* The whole line s[b..e) is an agency tag; sets the name. */
static int agency_line(const char *s, size_t b, size_t e, size_t *nb, size_t *ne)
{
	if (e - b > 2 * TAG_MAX)
		return 0;
	if (has_prefix(s, b, e, "Source:") || has_prefix(s, b, e, "Sources:")) {
		size_t i = skip_space(s, (size_t)((const char *)memchr(s + b, ':', e - b) - s) + 1, e);
		if (agency_name(s, i, e, 0, 1)) {
			*nb = i;
			*ne = e;
			return 1;
		}
		return 0;
	}
	if (agency_tail(s, b, e, nb, ne) == b)
		return dash_len(s, b, e) || after_finished(s, b);
	/* a single capitalised word alone: "Reuters", "Bernama" */
	struct shape w;
	word_shape(s, b, e, &w);
	if (word_end(s, b, e, "") == e && e - b <= 16 && w.upper + w.lower >= 3 &&
	    (size_t)(w.upper + w.lower) == utf8_count(s + b, e - b) &&
	    agency_name(s, b, e, 0, 0) && after_finished(s, b)) {
		*nb = b;
		*ne = e;
		return 1;
	}
	return 0;
}

/* ---- datelines -------------------------------------------------------- */

struct dateline {
	size_t place_e;   /* end of the place ("JOHOR BAHRU, Malaysia") */
	size_t date_e;    /* end of place and date ("WASHINGTON, Sept. 24") */
	size_t ab, ae;    /* "(VNA)", or ab == ae */
	size_t dash_e;    /* end of the dash */
	size_t body;      /* where the body starts */
	struct date_ymd ymd;
	int has_date;     /* ymd holds a full date with its year */
};

/* Words of one case shape from i: all capitals (`caps`) or capitalised.
 * Returns the end of the last word, i when none; at most `max` words. */
static size_t place_words(const char *s, size_t i, size_t e, int caps, int max)
{
	size_t end = i, start = i;
	int n = 0;

	while (i < e && n < max) {
		size_t j = word_end(s, i, e, ",(:");
		struct shape w;
		for (size_t k = i; k < j; k++)
			if ((s[k] == '-' || (unsigned char)s[k] == 0xE2) && dash_len(s, k, j) >= 2) {
				j = k;  /* "SEOUL—The", "FRANCE--" */
				break;
			}
		if (j == i)
			break;
		word_shape(s, i, j, &w);
		if (w.digit || w.other || !w.first_upper || !w.upper)
			break;
		if (caps ? w.lower != 0 : (w.upper > 3 && w.lower == 0 && j - i > 4))
			break;
		if (j - start > PLACE_MAX)
			break;
		end = j;
		n++;
		size_t k = skip_space(s, j, e);
		if (k == j || k - j > 1)
			break;
		i = k;
	}
	return end;
}

/* Words in capitals that head a paragraph with a colon without being a
 * place: "UPDATE: ...", "NOTE: ...". */
static int layout_word(const char *s, size_t b, size_t e)
{
	static const char *const w[] = {
		"note", "update", "updated", "breaking", "breaking news", "watch",
		"read", "read more", "exclusive", "analysis", "opinion",
		"editorial", "photos", "photo", "video", "live", "correction",
		"editor's note", "related", "see also", "warning", "summary",
		"fact check", "explainer", "interview", "commentary", "feature",
		NULL,
	};

	for (size_t k = 0; w[k]; k++)
		if (strlen(w[k]) == e - b && has_iprefix(s, b, e, w[k]))
			return 1;
	return 0;
}

/* The capitals before a colon read as a label, not a place: more than
 * three words, or a function word ("GAME NOTES:", "WHY WE WON:", "THE
 * SUN:"; at the cost of "THE HAGUE:", which a dash still introduces). */
static int label_words(const char *s, size_t b, size_t e)
{
	static const char *const w[] = {
		"of", "the", "a", "an", "and", "or", "to", "for", "why", "what",
		"how", "who", "when", "is", "are", "was", "will", "should", "notes",
		"says", "said", NULL,
	};
	int n = 0;

	for (size_t i = b; i < e;) {
		size_t j = word_end(s, i, e, ",:");
		if (j == i)
			break;
		if (++n > 3)
			return 1;
		for (size_t k = 0; w[k]; k++)
			if (strlen(w[k]) == j - i && has_iprefix(s, i, j, w[k]))
				return 1;
		i = skip_space(s, j, e);
		if (i < e && s[i] == ',')
			i = skip_space(s, i + 1, e);
	}
	return 0;
}

/* A relative date in a dateline: "Sept. 24", "24 September". Returns its
 * end, or i. */
static size_t dateline_date(const char *s, size_t i, size_t e)
{
	size_t j = word_end(s, i, e, ",("), k;

	if (j == i)
		return i;
	k = j;
	if (s[k - 1] == '.')
		k--;
	if (date_month_word(s + i, k - i)) {
		size_t d = skip_space(s, j, e), m = d;
		while (m < e && m - d < 2 && s[m] >= '0' && s[m] <= '9')
			m++;
		if (m == d || (m < e && s[m] >= '0' && s[m] <= '9'))
			return i;
		return m;
	}
	k = i;
	while (k < e && k - i < 2 && s[k] >= '0' && s[k] <= '9')
		k++;
	if (k > i && k < e && s[k] == ' ') {
		size_t mb = k + 1, me = word_end(s, mb, e, ",(");
		if (me > mb && s[me - 1] == '.')
			me--;
		if (me > mb && date_month_word(s + mb, me - mb))
			return s[me] == '.' ? me + 1 : me;
	}
	return i;
}

/*
 * Reads a dateline at the start of s[b..e): a place in capitals
 * ("KUALA LUMPUR", "HO CHI MINH CITY") with optional ", Region", an
 * optional date (", Sept. 24"), an optional agency in brackets ("(VNA)"),
 * then a dash. A place in ordinary capitalisation ("Kuala Lumpur") counts
 * only with a date or an agency. The body must follow with a capital
 * letter, a digit or a quote, and hold some lower-case letter (so that an
 * all-capitals headline "VIETNAM - CHINA TALKS" is not read as one).
 */
static int dateline_at(const char *s, size_t b, size_t e, struct dateline *dl)
{
	size_t i, k;
	int caps = 1;

	memset(dl, 0, sizeof(*dl));
	if (b >= e)
		return 0;
	unsigned char a = (unsigned char)s[b];
	if (a < 0x80 && !(a >= 'A' && a <= 'Z') && a != '.' && a != '-' && a != '\'')
		return 0;  /* no place starts so (place_words() would stop at once) */
	i = place_words(s, b, e, 1, 6);
	if (i == b || i - b < 2) {
		caps = 0;
		i = place_words(s, b, e, 0, 4);
		if (i == b)
			return 0;
	}
	dl->place_e = dl->date_e = i;
	for (int q = 0; q < 3; q++) {
		size_t c = skip_space(s, i, e);
		if (c >= e || s[c] != ',' || c - i > 1)
			break;
		size_t j = skip_space(s, c + 1, e), d;
		struct date_ymd ymd;
		size_t used = date_parse(s + j, e - j, &ymd);
		if (used && ymd.d) {
			dl->ymd = ymd;
			dl->has_date = 1;
			i = dl->date_e = j + used;
		} else if ((d = dateline_date(s, j, e)) != j) {
			i = dl->date_e = d;
		} else if (!dl->has_date && dl->date_e == dl->place_e &&
			   ((d = place_words(s, j, e, 1, 3)) != j ||
			    (d = place_words(s, j, e, 0, 3)) != j)) {
			i = dl->place_e = dl->date_e = d;
		} else {
			return 0;
		}
	}
	k = skip_space(s, i, e);
	if (k < e && s[k] == '(') {
		const char *close = memchr(s + k, ')', e - k < TAG_MAX + 2 ? e - k : TAG_MAX + 2);
		if (!close || !agency_name(s, k + 1, (size_t)(close - s), 0, 0))
			return 0;
		dl->ab = k;
		dl->ae = (size_t)(close - s) + 1;
		k = skip_space(s, dl->ae, e);
	}
	if (!caps && dl->ab == dl->ae && dl->date_e == dl->place_e)
		return 0;
	size_t dl_len = dash_len(s, k, e);
	if (!dl_len && k < e && s[k] == '_' && (k + 1 == e || space_len(s, k + 1, e))) {
		dl_len = 1;  /* "MOSCOW (AP)_ The ..." (old AP wires) */
	} else if (!dl_len && caps && k < e && s[k] == ':' && k + 1 < e &&
	    space_len(s, k + 1, e) && !layout_word(s, b, dl->place_e) &&
	    !label_words(s, b, dl->place_e)) {
		dl_len = 1;  /* "PETALING JAYA: The ..." */
	} else if (!dl_len) {
		return 0;
	} else if (s[k] == '-' && dl_len == 1 && k == i) {
		return 0;  /* "HANOI-" is a hyphen, not a dash */
	}
	dl->dash_e = k + dl_len;
	dl->body = skip_space(s, dl->dash_e, e);
	if (dl->body == e)  /* alone on its line */
		return (dl_len >= 2 || s[k] == '_') && s[k] != ':';
	if (dl->body == dl->dash_e && s[k] == '-')
		return 0;
	int32_t cp;
	cp_at(s, dl->body, e, &cp);
	if (utf8_is_lower(cp))
		return 0;
	/* a word in lower case soon: "U.S. DEFICIT WITH NICs" is a title */
	size_t lim = e - dl->body > 120 ? dl->body + 120 : e;
	for (size_t j = dl->body; j < lim;) {
		size_t we = word_end(s, j, e, ",;:");
		struct shape w;
		word_shape(s, j, we, &w);
		if (w.lower >= 2 && !w.upper && !w.digit)
			return 1;
		j = we < e ? we + 1 : e;
		j = skip_space(s, j, e);
	}
	return 0;
}

/* ---- line classification ---------------------------------------------- */

struct cls {
	int kind;          /* enum news_kind */
	int bar;           /* a line of '|' (and spaces) only */
	size_t mb, me;     /* meta text: byline or agency name */
	size_t tag;        /* a byline's agency tag starts here (0: none) */
	size_t tnb, tne;   /* the tag's name */
	struct date_ymd ymd;
	struct news_date_line dl; /* parts of a date line; a caption's date */
};

/* Line s[b..e) (trimmed, not empty) is layout debris: no letter or digit.
 * Sets *bar when it holds only '|' and white space. */
static int debris_line(const char *s, size_t b, size_t e, int *bar)
{
	int only_bar = 1;

	if (b < e) {  /* the common case: a line that starts with a letter or digit */
		unsigned char a = (unsigned char)s[b];
		if ((a >= 'a' && a <= 'z') || (a >= 'A' && a <= 'Z') || (a >= '0' && a <= '9'))
			return 0;
	}

	for (size_t i = b; i < e;) {
		int32_t cp;
		size_t k = space_len(s, i, e);
		if (k) {
			i += k;
			continue;
		}
		i += cp_at(s, i, e, &cp);
		if (is_alnum_cp(cp))
			return 0;
		if (cp != '|' && cp != 0xA6 && cp != 0x2502)
			only_bar = 0;
	}
	*bar = only_bar;
	return 1;
}

/* A sentence starts after a full stop in s[i..e): ". The talks went on"
 * (but not "U.S. Navy", which has no word in lower case after it). */
static int sentence_after(const char *s, size_t i, size_t e)
{
	int after_stop = 0;

	while (i < e) {
		size_t j = word_end(s, i, e, "");
		struct shape w;
		if (j == i) {
			i++;
			continue;
		}
		word_shape(s, i, j, &w);
		if (after_stop && w.lower && !w.upper)
			return 1;
		if (s[j - 1] == '.' && j - i > 2 && w.lower)
			after_stop = 1;
		i = skip_space(s, j, e);
	}
	return 0;
}

/* Only white space, a full stop and a bar from i to e. */
static int line_rest_empty(const char *s, size_t i, size_t e)
{
	i = skip_space(s, i, e);
	if (i < e && s[i] == '.')
		i = skip_space(s, i + 1, e);
	if (i < e && s[i] == '|')
		i = skip_space(s, i + 1, e);
	return i == e;
}

/* Whether one of the 8 bytes at p is '(', 'P' or 'p'. */
#ifdef __SSE2__
#include <emmintrin.h>
/* Offset of the first byte of p[0..16) that is '(' or a 'P'/'p' after an
 * ASCII blank (p[-1] is read); 16 when there is none. */
static inline unsigned cue16(const char *p)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i pv = _mm_loadu_si128((const __m128i *)(const void *)(p - 1));
	__m128i paren = _mm_cmpeq_epi8(v, _mm_set1_epi8('('));
	__m128i pp = _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('p'));
	/* ' ', or '\t'..'\r' */
	__m128i blank = _mm_or_si128(
		_mm_cmpeq_epi8(pv, _mm_set1_epi8(' ')),
		_mm_cmpeq_epi8(_mm_min_epu8(_mm_max_epu8(pv, _mm_set1_epi8(9)), _mm_set1_epi8(13)), pv));
	unsigned bits = (unsigned)_mm_movemask_epi8(_mm_or_si128(paren, _mm_and_si128(pp, blank)));
	return bits ? (unsigned)__builtin_ctz(bits) : 16;
}
#endif

#ifndef __SSE2__
static inline int cue8(const char *p)
{
	uint64_t w;

	memcpy(&w, p, 8);
#define ZB(x) (((x) - 0x0101010101010101ULL) & ~(x) & 0x8080808080808080ULL)
	uint64_t l = w | 0x2020202020202020ULL;  /* 'P' -> 'p' */
	return (ZB(w ^ 0x2828282828282828ULL) | ZB(l ^ 0x7070707070707070ULL)) != 0;
#undef ZB
}
#endif

/*
 * Caption signs in a short line, where the credit must end the line (so
 * that a caption run together with the lead of the story is left alone):
 * a bracketed credit closing the line ("... talks. (Photo: VNA)"), "photo
 * courtesy of X" or ". Photo: X" in the last 80 bytes; or a line of at
 * most CAPTION_BAR bytes that starts "Photo courtesy", "Photo:", "Image:"
 * (when it is not a credit line). One pass over the line.
 */
static int caption_cue(const char *s, size_t b, size_t e)
{
	static const char *const start[] = {
		"Photo courtesy", "Photo Courtesy", "Photo credit", "Photo Credit",
		"Photo:", "PHOTO:", "Image:", "Caption:", "File photo", NULL,
	};
	static const char *const bracket[] = {
		"(Photo", "(photo", "(PHOTO", "(File photo", "(file photo",
		"(Image", "(Courtesy", "(courtesy", NULL,
	};

	if (e - b <= CAPTION_BAR)
		for (size_t k = 0; start[k]; k++)
			if (start[k][0] == s[b] && has_prefix(s, b, e, start[k]))
				return 1;
	/* a credit that ends the line starts in its last 90 bytes */
	for (size_t i = e - b > 90 ? e - 90 : b; i < e; i++) {
		/* only '(', 'P' and 'p' matter: skip eight other bytes at a time */
#ifdef __SSE2__
		/* a 'P' or 'p' matters only after a blank (see below) */
		while (i > 0 && e - i >= 16) {
			unsigned k = cue16(s + i);
			i += k;
			if (k < 16)
				break;
		}
#else
		while (e - i >= 8 && !cue8(s + i))
			i += 8;
#endif
		if (i >= e)
			break;
		if (s[i] == '(') {
			for (size_t k = 0; bracket[k]; k++) {
				if (!has_prefix(s, i, e, bracket[k]))
					continue;
				const char *close = memchr(s + i, ')', e - i);
				return close && (size_t)(close - s) - i <= 80 &&
				       line_rest_empty(s, (size_t)(close - s) + 1, e);
			}
		} else if ((s[i] == 'P' || s[i] == 'p') && i > b + 1 &&
			   space_len(s, i - 1, e) && e - i <= 80) {
			/* "... photo courtesy of X", "... . Photo: X" */
			if ((has_prefix(s, i + 1, e, "hoto courtesy") ||
			     has_prefix(s, i, e, "Photo:")) && sentence_after(s, i, e))
				return 0;
			if (has_prefix(s, i + 1, e, "hoto courtesy"))
				return 1;
			if (has_prefix(s, i, e, "Photo:")) {
				size_t p = trim_back(s, b, i);
				int32_t cp = last_cp(s, b, p, NULL);
				if (cp == '.' || cp == '-' || cp == '|' ||
				    cp == 0x2013 || cp == 0x2014)
					return 1;
			}
		}
	}
	return 0;
}

/* Line ends with a lone " |" (one bar in the whole line). */
static int bar_ended(const char *s, size_t b, size_t e)
{
	return e - b >= 2 && s[e - 1] == '|' && memchr(s + b, '|', e - 1 - b) == NULL;
}

/* An end-of-story marker: "(END)", "-- End --", "-end-", "Enditem", or
 * the "MORE" of a story continued in another file. */
static int end_marker(const char *s, size_t b, size_t e)
{
	if (e - b > 16)
		return 0;
	while (b < e) {
		size_t k = dash_len(s, b, e);
		if (!k)
			k = space_len(s, b, e);
		if (!k && in_set(s[b], "([*#"))
			k = 1;
		if (!k)
			break;
		b += k;
	}
	while (e > b) {
		size_t c = cp_start(s, b, e);
		if (dash_len(s, c, e) != e - c && space_len(s, c, e) != e - c &&
		    !(e - c == 1 && in_set(s[c], ")]*#")))
			break;
		e = c;
	}
	return (e - b == 3 && has_iprefix(s, b, e, "end")) ||
	       (e - b == 4 && has_iprefix(s, b, e, "more")) ||
	       (e - b == 7 && has_iprefix(s, b, e, "enditem"));
}

/* A copyright notice: "© 2026 ...", "Copyright (c) ...". */
static int copyright_line(const char *s, size_t b, size_t e)
{
	return has_prefix(s, b, e, "\xc2\xa9") || has_iprefix(s, b, e, "copyright") ||
	       has_iprefix(s, b, e, "(c) ") || has_iprefix(s, b, e, "all rights reserved");
}

/* A single e-mail address: a reporter's contact at the end. */
static int email_line(const char *s, size_t b, size_t e)
{
	const char *at;

	if (e - b > 80 || word_end(s, b, e, "") != e)
		return 0;
	at = memchr(s + b, '@', e - b);
	return at && at > s + b && memchr(at, '.', (size_t)(s + e - at)) &&
	       s[e - 1] != '.' && s[e - 1] != '@';
}

/* A line of site navigation: "Related news: ...", "Read more: ...",
 * "Tags: ASEAN, defence". Only labels that end with a colon, so that
 * "Read more about ..." stays body. */
static int link_line(const char *s, size_t b, size_t e)
{
	static const char *const w[] = {
		"related news:", "related articles:", "related:", "read more:",
		"read also:", "also read:", "see also:", "tags:", "keywords:",
		"our standards:", NULL,
	};

	if (e - b > CAPTION_BAR)
		return 0;
	switch (s[b] | 32) {  /* the first letters of w[] */
	case 'a': case 'k': case 'o': case 'r': case 's': case 't':
		break;
	default:
		return 0;
	}
	for (size_t k = 0; w[k]; k++)
		if (((unsigned char)s[b] | 32) == (unsigned char)w[k][0] &&
		    has_iprefix(s, b, e, w[k]))
			return 1;
	return 0;
}

/* Lines that are dates by news_date.c's rules other than a date line: a
 * release label over the date ("Immediate Release"), a caption ending
 * with a labelled date ("... (Photo: qdnd.vn) date 2025-01-10"), in the
 * tail a caption under the scraper's date stamp. */
static int news_date_hook(const char *s, size_t b, size_t e, int zone, struct cls *c)
{
	size_t t;

	if ((zone & Z_TAIL) && news_date_stamp(s, b, e, &c->ymd) > b &&
	    news_date_credit(s, b, e)) {
		/* "date 2024-09-10 X (R) meets Y. (Xinhua/Li Xiang)" */
		c->kind = NEWS_CAPTION;
		return 1;
	}
	if (!(zone & Z_HEAD))
		return 0;
	if (news_date_release(s, b, e)) {
		c->kind = NEWS_DATE;
		return 1;
	}
	if ((t = news_date_trailer(s, b, e, &c->ymd)) < e && caption_cue(s, b, trim_back(s, b, t))) {
		c->kind = NEWS_CAPTION;
		c->dl.db = t;
		c->dl.de = e;
		return 1;
	}
	memset(&c->ymd, 0, sizeof(c->ymd));
	return 0;
}

/* Classifies the trimmed, non-empty line s[b..e) on its own. */
static void classify(const char *s, size_t b, size_t e, int zone, struct cls *c)
{
	size_t ce = e;

	memset(c, 0, sizeof(*c));
	c->kind = NEWS_BODY;
	if (debris_line(s, b, e, &c->bar)) {
		c->kind = NEWS_DEBRIS;
		return;
	}
	if (e - b > SHORT_LINE)
		return;
	if (link_line(s, b, e)) {
		c->kind = NEWS_DEBRIS;
		return;
	}
	if (bar_ended(s, b, e))
		ce = trim_back(s, b, e - 1);
	int credit = credit_line(s, b, ce, zone);
	if (credit > 0) {
		c->kind = NEWS_BYLINE;
		c->mb = b;
		c->me = ce;
		if (s[b] == '(' && s[ce - 1] == ')') {
			c->mb++;
			c->me--;
		}
		return;
	}
	size_t t;
	if (credit < 0 && ce == e && (t = credit_tag(s, b, e, zone, &c->tnb, &c->tne)) < e) {
		/* "Translated by Le Thu Ha — VNA/VNS": a byline, then a tag */
		c->kind = NEWS_BYLINE;
		c->mb = b;
		c->me = trim_back(s, b, t);
		c->tag = t;
		return;
	}
	if (zone && news_date_line(s, b, e, &c->ymd, &c->dl)) {
		c->kind = NEWS_DATE;
		return;
	}
	if (news_date_hook(s, b, e, zone, c))
		return;
	if (ce < e || caption_cue(s, b, e)) {
		/* " date 2020-11-10 X (right) receives Y. Photo: VNA": the
		 * labelled date at its head still dates the article */
		int labelled;
		if (!(zone & (Z_HEAD | Z_TAIL)) ||
		    news_date_head(s, b, e, &c->ymd, &labelled) == b || !labelled)
			memset(&c->ymd, 0, sizeof(c->ymd));
		c->kind = NEWS_CAPTION;
		return;
	}
	if ((zone & Z_TAIL) && (end_marker(s, b, e) || copyright_line(s, b, e))) {
		c->kind = NEWS_DEBRIS;
		return;
	}
	if ((zone & Z_TAIL) && email_line(s, b, e)) {
		c->kind = NEWS_BYLINE;
		c->mb = b;
		c->me = e;
		return;
	}
	if ((zone & Z_TAIL) && agency_line(s, b, e, &c->mb, &c->me)) {
		c->kind = NEWS_AGENCY;
		return;
	}
}

/* s[b..e) holds '|' and white space only, at least one '|'. */
static int bars_only(const char *s, size_t b, size_t e)
{
	int seen = 0;

	for (size_t k = b; k < e;) {
		size_t w = space_len(s, k, e);
		if (w) {
			k += w;
		} else if (s[k] == '|') {
			seen = 1;
			k++;
		} else {
			return 0;
		}
	}
	return seen;
}

/* The next non-blank line after position i is a line of '|'. */
static int next_is_bar(const char *s, size_t i, size_t n)
{
	while (i < n) {
		/* white space never holds a newline: skip it up to the line's
		 * first other byte, which must be a bar */
		size_t b = skip_space(s, i, n);
		if (b < n && s[b] != '\n' && s[b] != '|')
			return 0;
		const char *nl = memchr(s + b, '\n', n - b);
		size_t le = nl ? (size_t)(nl - s) : n;
		if (b < le)
			return bars_only(s, b, le);
		i = le + 1;
	}
	return 0;
}

/* The last non-blank line before the line starting at lb is a line of
 * '|'. */
static int prev_is_bar(const char *s, size_t lb)
{
	while (lb > 0) {
		size_t le = lb - 1, b = line_start(s, le);
		size_t t = skip_space(s, b, le);
		if (t < le)
			return bars_only(s, t, le);
		lb = b;
	}
	return 0;
}

/* A short line with a line of '|' after it is a caption when it does not
 * end like a sentence, or when a line of '|' also precedes it. */
static int bar_caption(const char *s, size_t b, size_t e, int before, int after)
{
	if (!after || e - b > CAPTION_BAR)
		return 0;
	return before || !ends_sentence(s, b, e);
}

static int headline_like(const char *s, size_t b, size_t e)
{
	int32_t cp;

	if (e - b > HEADLINE_MAX)
		return 0;
	cp = last_cp(s, b, e, NULL);
	return !(cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == ';' ||
		 cp == ',' || cp == 0x201D || cp == '"');
}

/*
 * Finds the tail: the lines after the last body line. Returns the offset
 * where the tail starts (n when there is none) and sets *last_e to the
 * end of the last body line (0 when there is none).
 */
static size_t find_tail(const char *s, size_t n, size_t *last_e)
{
	size_t pos = n, tail = n;
	int after_bar = 0;

	*last_e = 0;
	for (;;) {
		size_t lb = line_start(s, pos);
		size_t b = skip_space(s, lb, pos), e = trim_back(s, b, pos);
		if (b < e) {
			struct cls c;
			classify(s, b, e, Z_TAIL, &c);
			if (c.kind == NEWS_BODY && after_bar &&
			    bar_caption(s, b, e, prev_is_bar(s, lb), 1))
				c.kind = NEWS_CAPTION;
			if (c.kind == NEWS_BODY) {
				*last_e = e;
				return tail;
			}
			after_bar = c.bar;
			tail = lb;
		}
		if (lb == 0)
			return 0;
		pos = lb - 1;
	}
}

/* ---- output ----------------------------------------------------------- */

struct parse {
	const char *s;
	struct spans *parts;
	size_t first;             /* parts->n on entry: never merge below */
	struct buf date, dateline, byline, agency;
};

static void push(struct parse *p, int kind, size_t b, size_t e)
{
	struct spans *v = p->parts;

	if (b >= e)
		return;
	if (kind == NEWS_BODY && v->n > p->first && v->v[v->n - 1].kind == NEWS_BODY) {
		v->v[v->n - 1].e = e;
		return;
	}
	spans_push(v, b, e, kind);
}

static void meta_date(struct parse *p, const struct date_ymd *d)
{
	if (!p->date.len && d->y > 0)
		date_format(d, &p->date);
}

/* Appends s[b..e) to a "; "-joined list unless it is already there
 * (ASCII case ignored: "Bernama" and "BERNAMA" are one agency) or the
 * list would grow beyond META_MAX bytes (which keeps this linear on a
 * text made of thousands of credit lines; they are still labelled). */
static void meta_add(struct buf *list, const char *s, size_t b, size_t e)
{
	size_t n = e - b;

	if (!n || list->len + n > META_MAX)
		return;
	for (size_t i = 0; i + n <= list->len;) {
		const char *sep = memmem(list->buf + i, list->len - i, "; ", 2);
		size_t end = sep ? (size_t)(sep - list->buf) : list->len;
		if (end - i == n && !strncasecmp(list->buf + i, s + b, n))
			return;
		if (!sep)
			break;
		i = end + 2;
	}
	if (list->len)
		buf_add(list, "; ", 2);
	buf_add(list, s + b, n);
}

static char *meta_take(struct buf *b)
{
	if (!b->len) {
		buf_release(b);
		return NULL;
	}
	return buf_detach(b, NULL);
}

/* Emits a body line s[b..e), with its head parts (date, dateline) when
 * `head` is set and its agency tag when `last` is set. Returns 1 when a
 * date or dateline was found. */
static int body_line(struct parse *p, size_t b, size_t e, int head, int first,
		     int last)
{
	const char *s = p->s;
	size_t bb = b, be = e, db = e, de = e, tb = e, nb = 0, ne = 0;
	int found = 0;
	struct dateline dl;

	if (head && first) {
		struct date_ymd ymd;
		int labelled;
		size_t k = news_date_head(s, b, e, &ymd, &labelled);
		if (k > b) {
			size_t r = skip_space(s, k, e);
			if (labelled || dateline_at(s, r, e, &dl)) {
				push(p, NEWS_DATE, b, k);
				meta_date(p, &ymd);
				bb = r;
				found = 1;
			}
		}
	}
	int has_dl = head && bb < e && dateline_at(s, bb, e, &dl);
	if (has_dl && dl.date_e == dl.place_e &&
	    dl.ab == dl.ae && dl.place_e - bb <= 3 && s[dl.place_e - 1] != '.') {
		/* "AP - The ...", "AFP - ...": an agency, not a place */
		push(p, NEWS_AGENCY, bb, dl.dash_e);
		meta_add(&p->agency, s, bb, dl.place_e);
		bb = dl.body;
		found = 1;
	} else if (has_dl) {
		if (!p->dateline.len)
			buf_add(&p->dateline, s + bb, dl.place_e - bb);
		if (dl.has_date)
			meta_date(p, &dl.ymd);
		if (dl.ab < dl.ae) {
			push(p, NEWS_DATELINE, bb, dl.date_e);
			push(p, NEWS_AGENCY, dl.ab, dl.dash_e);
			meta_add(&p->agency, s, dl.ab + 1, dl.ae - 1);
		} else {
			push(p, NEWS_DATELINE, bb, dl.dash_e);
		}
		bb = dl.body;
		found = 1;
	}
	if (bar_ended(s, bb, be) && be - bb > SHORT_LINE) {
		db = be - 1;
		de = be;
		be = trim_back(s, bb, db);
	}
	if (last && bb < be) {
		size_t t = agency_tail(s, bb, be, &nb, &ne);
		if (t < be && t > bb) {
			tb = t;
			meta_add(&p->agency, s, nb, ne);
			push(p, NEWS_BODY, bb, trim_back(s, bb, t));
			push(p, NEWS_AGENCY, tb, be);
			push(p, NEWS_DEBRIS, db, de);
			return found;
		}
	}
	push(p, NEWS_BODY, bb, be);
	push(p, NEWS_DEBRIS, db, de);
	return found;
}

void news_parse(const char *text, size_t n, struct spans *parts, struct news_meta *meta)
{
	struct parse p = { text, parts, parts->n, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT };
	size_t last_e, tail = find_tail(text, n, &last_e), pos = 0;
	int head = 1, headline = 0, first = 1, prev_bar = 0, after_date = 0;

	while (pos < n) {
		const char *nl = memchr(text + pos, '\n', n - pos);
		size_t le = nl ? (size_t)(nl - text) : n;
		size_t b = skip_space(text, pos, le), e = trim_back(text, b, le);
		struct cls c;

		pos = le + 1;
		if (b == e)
			continue;
		if (e == last_e) {
			/* find_tail() classified it as body in the tail zone, whose
			 * checks include those of every other zone */
			memset(&c, 0, sizeof(c));
			c.kind = NEWS_BODY;
		} else {
			classify(text, b, e, (head ? Z_HEAD : 0) | (b >= tail ? Z_TAIL : 0), &c);
		}
		/* the first line is a headline rather than a caption */
		if (c.kind == NEWS_BODY && !(first && head && !prev_bar) &&
		    e - b <= CAPTION_BAR &&
		    bar_caption(text, b, e, prev_bar, next_is_bar(text, pos, n)))
			c.kind = NEWS_CAPTION;
		prev_bar = c.bar;
		if (c.kind == NEWS_BODY && head && headline &&
		    news_date_outlet(text, b, e, text, pos, n)) {
			c.kind = NEWS_AGENCY;   /* "Jakarta Globe" over its date line */
			c.mb = b;
			c.me = e;
		} else if (c.kind == NEWS_BODY && head && after_date &&
			   has_prefix(text, b, e, "From ") && !ends_sentence(text, b, e) &&
			   names_like(text, b + 5, e, 0)) {
			c.kind = NEWS_BYLINE;   /* "From Name" under a date line */
			c.mb = b;
			c.me = e;
		}
		after_date = head && c.kind == NEWS_DATE;
		switch (c.kind) {
		case NEWS_BODY: {
			int found = body_line(&p, b, e, head, first, e == last_e);
			int title = head && !found && e - b <= HEADLINE_MAX;
			if (title && !headline && first && headline_like(text, b, e))
				headline = 1;   /* a headline: the head goes on */
			else if (title && headline < 4 &&
				 (first ? news_date_title(text, b, e) : headline_like(text, b, e)) &&
				 news_date_ahead(text, pos, n))
				headline++;     /* a title over a date line (news_date.h) */
			else
				head = 0;
			first = 0;
			continue;
		}
		case NEWS_DATE:
		case NEWS_CAPTION:
			meta_date(&p, &c.ymd);
			if (c.kind == NEWS_CAPTION ? c.dl.db < c.dl.de :
			    c.dl.ab < c.dl.ae || c.dl.sb < c.dl.se) {
				/* an agency, a date, sections; a caption, its date */
				push(&p, c.kind == NEWS_CAPTION ? NEWS_CAPTION :
				     c.dl.nb < c.dl.ne ? NEWS_AGENCY : NEWS_DEBRIS,
				     b, c.kind == NEWS_CAPTION ? trim_back(text, b, c.dl.db) : c.dl.ae);
				meta_add(&p.agency, text, c.dl.nb, c.dl.ne);
				push(&p, NEWS_DATE, c.dl.db, c.dl.de);
				push(&p, NEWS_DEBRIS, c.dl.sb, c.dl.se);
				continue;
			}
			break;
		case NEWS_BYLINE:
			meta_add(&p.byline, text, c.mb, c.me);
			if (c.tag) {
				push(&p, NEWS_BYLINE, b, c.me);
				push(&p, NEWS_AGENCY, c.tag, e);
				meta_add(&p.agency, text, c.tnb, c.tne);
				continue;
			}
			break;
		case NEWS_AGENCY:
			meta_add(&p.agency, text, c.mb, c.me);
			break;
		default:
			break;
		}
		push(&p, c.kind, b, e);
	}
	meta->date = meta_take(&p.date);
	meta->dateline = meta_take(&p.dateline);
	meta->byline = meta_take(&p.byline);
	meta->agency = meta_take(&p.agency);
}

void news_meta_release(struct news_meta *meta)
{
	free(meta->date);
	free(meta->dateline);
	free(meta->byline);
	free(meta->agency);
	meta->date = meta->dateline = meta->byline = meta->agency = NULL;
}

const char *news_kind_name(int kind)
{
	static const char *const names[] = {
		"body", "date", "dateline", "byline", "agency", "caption", "debris",
	};

	if (kind < 0 || (size_t)kind >= sizeof(names) / sizeof(names[0]))
		return "unknown";
	return names[kind];
}
