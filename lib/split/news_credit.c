/*
 * news_credit — word shapes, credit lines ("By Nguyen Van A", "Translated
 * by ..."), agency tags ("(VNA)", "— Reuters") and agency lines of scraped
 * news (news_impl.h).
 */

#include "news_impl.h"

void nw_word_shape(const char *s, size_t b, size_t e, struct shape *w)
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
size_t nw_word_end(const char *s, size_t i, size_t e, const char *stops)
{
	/* ASCII letters and digits go by at once when no stop is one */
	int fast = 1;

	for (const char *t = stops; *t; t++)
		if (((*t | 32) >= 'a' && (*t | 32) <= 'z') || (*t >= '0' && *t <= '9'))
			fast = 0;
	while (i < e) {
		unsigned char c = (unsigned char)s[i];
		if (fast && ((unsigned)((c | 32) - 'a') < 26 || (unsigned)(c - '0') < 10)) {
			i++;
			continue;
		}
		if (space_len(s, i, e) || in_set(s[i], stops))
			break;
		i++;
	}
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
int nw_names_like(const char *s, size_t b, size_t e, int strong)
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
		j = nw_word_end(s, i, e, ",;|(:");
		struct shape w;
		nw_word_shape(s, i, j, &w);
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
int nw_credit_line(const char *s, size_t b, size_t e, int zone)
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
	return nw_names_like(s, names, e, strong) ? 1 : -1;
}

/*
 * A credit line that ends with an agency tag after a dash, "Translated by
 * Le Thu Ha — VNA/VNS": the dash must have white space on both sides and
 * be the last one of the line. Returns the start of the dash and sets the
 * tag name [*nb, *ne), or returns e.
 */
size_t nw_credit_tag(const char *s, size_t b, size_t e, int zone, size_t *nb, size_t *ne)
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
		if (p > b && tb < e && nw_agency_name(s, tb, e, 0, 0) && nw_credit_line(s, b, p, zone) > 0) {
			*nb = tb;
			*ne = e;
			return c;
		}
		return e;
	}
	return e;
}

/*
 * s[b..e) is an agency name: 1-4 words of capitalised or all-capital
 * letters ("VNA/VNS", "Reuters", "Kyodo News"), at most TAG_MAX bytes.
 * `caps` requires every word in capitals (for tags without a dash or
 * brackets). `source` allows a few small words ("Ministry of Defence").
 */
int nw_agency_name(const char *s, size_t b, size_t e, int caps, int source)
{
	size_t i = b;
	int words = 0;

	if (e <= b || e - b > (source ? 2 * TAG_MAX : TAG_MAX))
		return 0;
	if (e - b == 4 && has_iprefix(s, b, e, "more"))
		return 0;  /* "MORE": the story goes on in another file */
	while (i < e) {
		size_t j = nw_word_end(s, i, e, "/");
		struct shape w;

		if (j == i) {
			if (s[i] != '/' || ++i >= e)
				return 0;
			continue;
		}
		nw_word_shape(s, i, j, &w);
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
size_t nw_agency_tail(const char *s, size_t b, size_t e, size_t *nb, size_t *ne)
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
			    nw_agency_name(s, i + 1, e - 1, 0, 0) &&
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
		if (nw_agency_name(s, tb, e, s[d] == '/', 0) &&
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
	if (ws == e || e - ws > TAG_MAX || !nw_agency_name(s, ws, e, 1, 0))
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
			       nw_debris_line(s, t, e, &bar) || nw_credit_line(s, t, e, Z_TAIL) > 0;
		}
		pe = lb;
	}
	return 0;
}

/* The whole line s[b..e) is an agency tag; sets the name. */
int nw_agency_line(const char *s, size_t b, size_t e, size_t *nb, size_t *ne)
{
	if (e - b > 2 * TAG_MAX)
		return 0;
	if (has_prefix(s, b, e, "Source:") || has_prefix(s, b, e, "Sources:")) {
		size_t i = skip_space(s, (size_t)((const char *)memchr(s + b, ':', e - b) - s) + 1, e);
		if (nw_agency_name(s, i, e, 0, 1)) {
			*nb = i;
			*ne = e;
			return 1;
		}
		return 0;
	}
	if (nw_agency_tail(s, b, e, nb, ne) == b)
		return dash_len(s, b, e) || after_finished(s, b);
	/* a single capitalised word alone: "Reuters", "Bernama" */
	struct shape w;
	nw_word_shape(s, b, e, &w);
	if (nw_word_end(s, b, e, "") == e && e - b <= 16 && w.upper + w.lower >= 3 &&
	    (size_t)(w.upper + w.lower) == utf8_count(s + b, e - b) &&
	    nw_agency_name(s, b, e, 0, 0) && after_finished(s, b)) {
		*nb = b;
		*ne = e;
		return 1;
	}
	return 0;
}
