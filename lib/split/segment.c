#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/core/buf.h"
#include "wire/core/data.h"
#include "wire/core/err.h"
#include "wire/core/hash.h"
#include "wire/core/htab.h"
#include "wire/core/input.h"
#include "wire/split/segment.h"
#include "wire/core/utf8.h"

/*
 * Rules over a single left-to-right scan. A candidate boundary is a run of
 * terminal punctuation (. ! ? … and combinations), optionally followed by
 * closing quotes and brackets, then white space or the end. The words on
 * either side decide: abbreviations and titles (from the data file),
 * initials, list numbers, a lowercase continuation, a typical sentence
 * start after an ambiguous abbreviation. Every look-back or look-ahead
 * stays within the word next to the candidate, and candidates are
 * separated by white space, so the whole is linear.
 */

enum abbr_class { AB_NONE = 0, AB_TITLE, AB_NUMBER, AB_ABBR, AB_NEVER, AB_START };

/* The abbreviation classes: lower-cased word -> class, by htab id. */
struct segment_rules {
	struct htab words;
	unsigned char *cls; /* by id */
	size_t alloc;
};

#define MAX_WORD 32

/* Lower-cases the ASCII letters of s[0..n) (n <= MAX_WORD) into d. */
static void lower_word(char *d, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		d[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
}

static void put(struct segment_rules *r, const char *s, size_t n, unsigned char cls)
{
	char w[MAX_WORD];
	int added;

	lower_word(w, s, n);
	uint32_t id = htab_intern(&r->words, w, n, hash_bytes(w, n), &added);
	if (id >= r->alloc) {
		r->alloc = r->alloc ? 2 * r->alloc : 256;
		r->cls = xrealloc(r->cls, r->alloc);
	}
	r->cls[id] = cls;
}

static int lookup(const struct segment_rules *r, const char *s, size_t n)
{
	char w[MAX_WORD];

	if (!r || n == 0 || n > MAX_WORD)
		return AB_NONE;
	lower_word(w, s, n);
	long id = htab_find(&r->words, w, n, hash_bytes(w, n));
	return id < 0 ? AB_NONE : r->cls[id];
}

static int class_of(const char *s, size_t n)
{
	static const char *const names[] = { "", "title", "number", "abbr", "never", "start" };

	for (int i = 1; i < 6; i++)
		if (strlen(names[i]) == n && !memcmp(names[i], s, n))
			return i;
	return -1;
}

int segment_add_file(struct segment_rules *r, const char *path, char **err)
{
	struct input in;
	struct buf line = BUF_INIT, msg = BUF_INIT;
	int rc = 0;

	if (input_open(&in, path) < 0) {
		buf_addf(&msg, "cannot open '%s': %s", path, strerror(errno));
		*err = buf_detach(&msg, NULL);
		return -1;
	}
	while (input_getline(&in, &line)) {
		const char *tmp = line.buf;
		size_t n = line.len;
		while (n && (tmp[n - 1] == '\r' || tmp[n - 1] == ' ' || tmp[n - 1] == '\t'))
			n--;
		size_t b = 0;
		while (b < n && (tmp[b] == ' ' || tmp[b] == '\t'))
			b++;
		if (b == n || tmp[b] == '#')
			continue;
		size_t w = b;
		while (w < n && tmp[w] != ' ' && tmp[w] != '\t')
			w++;
		size_t c = w;
		while (c < n && (tmp[c] == ' ' || tmp[c] == '\t'))
			c++;
		int cls = c < n ? class_of(tmp + c, n - c) : AB_ABBR;
		if (cls < 0 || w - b > MAX_WORD) {
			buf_addf(&msg, "%s:%lu: expected 'WORD CLASS' (title, number, abbr, never, start)",
				 path, in.line);
			rc = -1;
			break;
		}
		put(r, tmp + b, w - b, (unsigned char)cls);
	}
	if (!rc && input_error(&in)) {
		buf_addf(&msg, "read error on '%s': %s", path, input_error(&in));
		rc = -1;
	}
	input_close(&in);
	buf_release(&line);
	if (rc)
		*err = buf_detach(&msg, NULL);
	else
		buf_release(&msg);
	return rc;
}

struct segment_rules *segment_load(const char **err)
{
	char *path = data_path("abbreviations.txt");
	char *msg = NULL;

	if (!path) {
		*err = "data file 'abbreviations.txt' not found (set WIRE_DATA?)";
		return NULL;
	}
	struct segment_rules *r = xcalloc(1, sizeof(*r));
	htab_init(&r->words);
	if (segment_add_file(r, path, &msg) < 0) {
		static char keep[512];
		snprintf(keep, sizeof(keep), "%s", msg);
		free(msg);
		free(path);
		segment_free(r);
		*err = keep;
		return NULL;
	}
	free(path);
	return r;
}

void segment_free(struct segment_rules *r)
{
	if (!r)
		return;
	htab_release(&r->words);
	free(r->cls);
	free(r);
}

/* ---- character classes over UTF-8 ---- */

static inline int is_ws_at(const char *s, size_t n, size_t i, size_t *len)
{
	unsigned char c = (unsigned char)s[i];

	if (c < 0x80) {
		*len = 1;
		return c == ' ' || (c >= '\t' && c <= '\r');
	}
	int32_t cp;
	int l = utf8_decode(s + i, s + n, &cp);
	*len = l ? (size_t)l : 1;
	return l && utf8_is_space(cp);
}

static inline int is_space_byte(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Code point at i (and its length), 0 at the end. */
static inline int32_t cp_at(const char *s, size_t n, size_t i, size_t *len)
{
	if (i >= n) {
		*len = 0;
		return 0;
	}
	int32_t cp;
	int l = utf8_decode(s + i, s + n, &cp);
	*len = l ? (size_t)l : 1;
	return cp;
}

static inline int is_closer(int32_t c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
	       c == 0x00BB || c == 0x203A || c == '}';
}

static inline int is_opener(int32_t c)
{
	return c == '"' || c == '\'' || c == '(' || c == '[' || c == 0x201C || c == 0x2018 ||
	       c == 0x00AB || c == 0x2039;
}

static inline int is_terminal(int32_t c)
{
	return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x203C || c == 0x2047 ||
	       c == 0x2048 || c == 0x2049 || c == 0x3002 || c == 0xFF01 || c == 0xFF1F;
}

/* Whether one of the 8 bytes at p is '.', '!', '?', '\n' or non-ASCII. */
static inline int interesting8(const char *p)
{
	uint64_t w, m;

	memcpy(&w, p, 8);
#define ZB(x) (((x) - 0x0101010101010101ULL) & ~(x) & 0x8080808080808080ULL)
	m = ZB(w ^ 0x2E2E2E2E2E2E2E2EULL) | ZB(w ^ 0x2121212121212121ULL) |
	    ZB(w ^ 0x3F3F3F3F3F3F3F3FULL) | ZB(w ^ 0x0A0A0A0A0A0A0A0AULL) |
	    (w & 0x8080808080808080ULL);
#undef ZB
	return m != 0;
}

#ifdef __SSE2__
#include <emmintrin.h>
/* Moves i to the first byte from i on that is '.', '!', '?', '\n' or
 * non-ASCII, sixteen bytes at a time; stops short of the last 16. */
static inline size_t skip_plain(const char *t, size_t n, size_t i)
{
	while (n - i >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
		__m128i m = _mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')),
				     _mm_cmpeq_epi8(v, _mm_set1_epi8('!'))),
			_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('?')),
				     _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))));
		unsigned bits = (unsigned)_mm_movemask_epi8(_mm_or_si128(m, v));
		if (bits)
			return i + (unsigned)__builtin_ctz(bits);
		i += 16;
	}
	return i;
}
#else
static inline size_t skip_plain(const char *t, size_t n, size_t i)
{
	while (n - i >= 8 && !interesting8(t + i))
		i += 8;
	return i;
}
#endif

/* ---- paragraphs ---- */

static void push_trimmed(const char *t, size_t b, size_t e, struct spans *out)
{
	size_t l;

	while (b < e && is_ws_at(t, e, b, &l))
		b += l;
	while (e > b) {
		/* step back one code point */
		size_t k = e - 1;
		while (k > b && ((unsigned char)t[k] & 0xC0) == 0x80)
			k--;
		if (!is_ws_at(t, e, k, &l))
			break;
		e = k;
	}
	if (e > b)
		spans_push(out, b, e, 0);
}

/* Whether a line (trimmed) ends like a finished sentence. */
static int ends_sentence(const char *t, size_t b, size_t e)
{
	while (e > b && is_space_byte((unsigned char)t[e - 1]))
		e--;
	while (e > b) {
		unsigned char x = (unsigned char)t[e - 1];
		if (x < 0x80 && x != '"' && x != '\'' && x != ')' && x != ']' && x != '}')
			return x == '.' || x == '!' || x == '?' || x == ':';  /* as below */
		size_t k = e - 1;
		while (k > b && ((unsigned char)t[k] & 0xC0) == 0x80)
			k--;
		size_t l;
		int32_t c = cp_at(t, e, k, &l);
		if (is_closer(c)) {
			e = k;
			continue;
		}
		return is_terminal(c) || c == ':';
	}
	return 0;
}

enum segment_layout segment_layout(const char *text, size_t n)
{
	size_t lines = 0, ended = 0, longest = 0;

	for (size_t i = 0; i < n;) {
		const char *nl = memchr(text + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - text) : n;
		size_t b = i;
		while (b < e && is_space_byte((unsigned char)text[b]))
			b++;
		if (b < e) {
			lines++;
			ended += ends_sentence(text, b, e);
			if (e - b > longest)
				longest = e - b;
		}
		i = e + 1;
	}
	if (lines > 1 && (longest > 200 || ended * 10 >= lines * 7))
		return SEGMENT_LINES;
	return SEGMENT_BLANK_LINES;
}

void segment_paragraphs(const char *text, size_t n, enum segment_layout layout,
			struct spans *out)
{
	if (layout == SEGMENT_AUTO)
		layout = segment_layout(text, n);
	int per_line = layout == SEGMENT_LINES;
	size_t start = 0;
	int in_blank_run = 0;
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(text + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - text) : n;
		size_t b = i;
		while (b < e && is_space_byte((unsigned char)text[b]))
			b++;
		int is_blank = b == e;
		if (per_line) {
			push_trimmed(text, i, e, out);
		} else if (is_blank && !in_blank_run) {
			push_trimmed(text, start, i, out);
			start = e;
		} else if (is_blank) {
			start = e;
		}
		in_blank_run = is_blank;
		i = e + 1;
	}
	if (!per_line)
		push_trimmed(text, start, n, out);
}

/* ---- sentences ---- */

/* The longest line (bytes) of a text still read as a list of items when no
 * line ends like a sentence. */
#define ITEM_MAX 60

/* The word ending at `e` (exclusive), back to white space or an opener. */
static size_t word_start(const char *t, size_t lo, size_t e)
{
	size_t b = e;

	while (b > lo) {
		unsigned char c = (unsigned char)t[b - 1];
		if (is_space_byte(c) || c == '(' || c == '[' || c == '"' || c == '/')
			break;
		if (c >= 0x80) {
			size_t k = b - 1;
			while (k > lo && ((unsigned char)t[k] & 0xC0) == 0x80)
				k--;
			size_t l;
			int32_t cp = cp_at(t, e, k, &l);
			if (utf8_is_space(cp) || is_opener(cp) || cp == 0x2014 || cp == 0x2013)
				break;
			b = k;
			continue;
		}
		b--;
	}
	return b;
}

/* Next word after white space at i: sets [wb, we) and its first code point. */
static int32_t next_word(const char *t, size_t n, size_t i, size_t *wb, size_t *we)
{
	size_t l;

	while (i < n && is_ws_at(t, n, i, &l))
		i += l;
	/* skip opening quotes/brackets */
	size_t b = i;
	int32_t c = cp_at(t, n, b, &l);
	while (b < n && is_opener(c)) {
		b += l;
		c = cp_at(t, n, b, &l);
	}
	size_t e = b;
	while (e < n) {
		unsigned char a = (unsigned char)t[e];
		if (a < 0x80) {
			if (((a | 32) >= 'a' && (a | 32) <= 'z') || (a >= '0' && a <= '9') ||
			    a == '\'' || a == '-') {
				e++;
				continue;
			}
			break;
		}
		int32_t d = cp_at(t, n, e, &l);
		if (!(utf8_is_alpha(d) || utf8_is_digit(d) || d == '\'' || d == 0x2019 || d == '-'))
			break;
		e += l;
	}
	*wb = b;
	*we = e;
	return b < n ? c : 0;
}

/* Whether t[b..e) (a word ending in '.') is an initial such as "J." or "Q.". */
static int is_initial(const char *t, size_t b, size_t e)
{
	if (e - b == 2)
		return utf8_is_upper((unsigned char)t[b]);
	if (e - b > 2 && e - b <= 4) { /* a multi-byte capital */
		int32_t cp;
		int l = utf8_decode(t + b, t + e, &cp);
		return l && (size_t)l == e - b - 1 && utf8_is_upper(cp);
	}
	return 0;
}

/* Whether the word is dotted like "U.S.", "a.m." or "Ph.D.": inner periods
 * between runs of at most three letters (not "content.html."). */
static int dotted(const char *t, size_t b, size_t e)
{
	int dots = 0;
	size_t run = 0;

	for (size_t i = b; i < e; i++) {
		unsigned char c = (unsigned char)t[i];
		if (c == '.') {
			if (!run || run > 3)
				return 0;
			dots++;
			run = 0;
		} else if (((c | 32) >= 'a' && (c | 32) <= 'z') || c >= 0x80) {
			run++;
		} else {
			return 0;
		}
	}
	return dots > 1;
}

/* Number of words in t[b..e). */
static size_t count_words(const char *t, size_t b, size_t e)
{
	size_t w = 0;
	int in = 0;

	for (size_t i = b; i < e; i++) {
		int sp = is_space_byte((unsigned char)t[i]);
		if (!sp && !in)
			w++;
		in = !sp;
	}
	return w;
}

/* Whether the word before `wb` starts with a capital (a name before an initial). */
static int prev_capitalised(const char *t, size_t lo, size_t wb)
{
	size_t e = wb, l;

	while (e > lo && is_space_byte((unsigned char)t[e - 1]))
		e--;
	if (e == lo)
		return 0;
	size_t b = word_start(t, lo, e);
	return utf8_is_upper(cp_at(t, e, b, &l));
}

static int all_digits(const char *t, size_t b, size_t e)
{
	if (b == e)
		return 0;
	for (size_t i = b; i < e; i++)
		if (t[i] < '0' || t[i] > '9')
			return 0;
	return 1;
}

/* Decide whether a period ending the word t[wb..pe) (pe just past '.') ends
 * the sentence, given the next word [nb, ne) starting with `nc`. */
static int period_ends(const struct segment_rules *r, const char *t, size_t n, size_t lo,
		       size_t wb, size_t pe, int32_t nc, size_t nb, size_t ne, int closed)
{
	int cls = lookup(r, t + wb, pe - wb);

	if (!nc)
		return 1; /* end of text */
	if (closed) /* "go." Then / (see below.) Next, but "Gen. (ret.) Name" */
		return !utf8_is_lower(nc) && cls != AB_TITLE && cls != AB_NEVER;
	if (utf8_is_lower(nc))
		return 0;
	if (cls == AB_NEVER || cls == AB_TITLE)
		return 0;
	int starter = lookup(r, t + nb, ne - nb) == AB_START;
	/* "Mr." after "6 P.M." starts a sentence */
	int title_next = ne < n && t[ne] == '.' && lookup(r, t + nb, ne + 1 - nb) == AB_TITLE;
	int next_initial = ne - nb <= 4 && ne < n && t[ne] == '.' && is_initial(t, nb, ne + 1);
	if (cls == AB_NUMBER)
		return utf8_is_digit(nc) ? 0 : starter;
	if (cls == AB_ABBR || dotted(t, wb, pe))
		return (starter || title_next) && count_words(t, lo, pe) > 3;
	if (is_initial(t, wb, pe)) {
		if (next_initial)
			return 0;
		/* the pronoun "I" after a lower-case word: "you and I. Did" */
		if (t[wb] == 'I' && !prev_capitalised(t, lo, wb))
			return utf8_is_upper(nc);
		return starter;
	}
	/* "1." opening a list item at the start of the text or a line */
	if (all_digits(t, wb, pe - 1) && pe - 1 - wb <= 2) {
		size_t k = wb;
		while (k > lo && (t[k - 1] == ' ' || t[k - 1] == '\t'))
			k--;
		if (k == lo || t[k - 1] == '\n')
			return 0;
	}
	return 1;
}

/* A line break inside the text that is itself a boundary: after a line
 * without final punctuation that reads as a headline or list item. `items`:
 * the text is a column of short lines none of which ends like a sentence
 * (a list such as "spare batteries\na torch"), so each line is one. */
static int line_break_ends(const char *t, size_t n, size_t lb, size_t le, size_t longest,
			   int items)
{
	size_t e = le;
	while (e > lb && is_space_byte((unsigned char)t[e - 1]))
		e--;
	if (e == lb)
		return 0;
	unsigned char last = (unsigned char)t[e - 1];
	size_t wb, we, l;
	if (ends_sentence(t, lb, le)) {
		/* "three aims:\n- closer naval ties": the list a colon opens
		 * starts apart (a full stop is a boundary anyway) */
		return last == ':' && utf8_is_bullet(next_word(t, n, le, &wb, &we));
	}
	if (last == ',' || last == ';' || last == '-' || last == '(' || last == '&')
		return 0;
	int32_t nc = next_word(t, n, le, &wb, &we);
	if (!nc)
		return 0;
	if (utf8_is_bullet(nc))
		return 1; /* a bullet starts the next line */
	if (items)
		return 1;
	if (!(utf8_is_upper(nc) || utf8_is_digit(nc)))
		return 0;
	/* much shorter than the text's lines, or all capitals (the scan
	 * stops at the first lower-case letter) */
	if ((e - lb) * 2 < longest)
		return 1;
	int upper = 1, letters = 0;
	for (size_t i = lb; i < e && upper;) {
		unsigned char b = (unsigned char)t[i];
		if (b < 0x80) {
			if (b >= 'a' && b <= 'z')
				upper = 0;
			else if (b >= 'A' && b <= 'Z')
				letters++;
			i++;
			continue;
		}
		int32_t c = cp_at(t, e, i, &l);
		if (utf8_is_alpha(c)) {
			letters++;
			if (utf8_is_lower(c))
				upper = 0;
		}
		i += l;
	}
	if (upper && letters >= 2)
		return 1;
	/* a first line ending in a capitalised word or a number: a headline
	 * ("Defence talks open in Hanoi"), not a wrapped line ("met with") */
	size_t k = lb;
	while (k > 0 && is_space_byte((unsigned char)t[k - 1]))
		k--;
	if (k != 0)
		return 0;
	size_t wb2 = word_start(t, lb, e);
	int32_t lc = cp_at(t, e, wb2, &l);
	return utf8_is_upper(lc) || utf8_is_digit(lc);
}

/*
 * A list marker at i: an optional bullet, then 1-3 digits or one letter,
 * then ".)", "." or ")", then a space. Returns the position after the
 * marker's punctuation, or 0. *style (if not NULL) gets a small code so that
 * only markers of the list's own style count later on.
 */
static size_t list_marker(const char *t, size_t n, size_t i, int *style)
{
	size_t l, p = i;
	int st = 0;
	int32_t c = cp_at(t, n, p, &l);

	if (utf8_is_bullet(c)) {
		st |= 1;
		p += l;
		while (p < n && t[p] == ' ')
			p++;
	}
	size_t d = p;
	while (p < n && p - d < 3 && t[p] >= '0' && t[p] <= '9')
		p++;
	if (p > d) {
		st |= 2;
	} else if (p < n && (((unsigned char)t[p] | 32) >= 'a' && ((unsigned char)t[p] | 32) <= 'z')) {
		p++;
		st |= 4;
	} else {
		return st & 1 ? p : 0; /* a bare bullet */
	}
	if (p < n && t[p] == '.' && p + 1 < n && t[p + 1] == ')') {
		p += 2;
		st |= 8;
	} else if (p < n && t[p] == '.') {
		p++;
		st |= 16;
	} else if (p < n && t[p] == ')') {
		p++;
		st |= 32;
	} else {
		return 0;
	}
	if (p >= n || t[p] != ' ')
		return 0;
	if (style)
		*style = st;
	return p;
}

/* Horizontal white space at i (space, tab, no-break and thin spaces, not a
 * line break); returns its length, 0 when there is none. */
static size_t hspace_at(const char *t, size_t n, size_t i)
{
	size_t l;

	if (i >= n || t[i] == '\n' || t[i] == '\r')
		return 0;
	return is_ws_at(t, n, i, &l) ? l : 0;
}

/*
 * An ellipsis that follows white space at p: dots, spaced or not, or "…",
 * then white space or the end (not ".5" nor ".com"). Returns the position
 * after it, or p when there is none. Looks no further than the ellipsis.
 */
static size_t ellipsis_after(const char *t, size_t n, size_t p)
{
	size_t q = p, k, end = p;
	int dots = 0;

	while (q < n && (k = hspace_at(t, n, q)))
		q += k;
	if (q == p)
		return p;
	for (;;) {
		int32_t d = cp_at(t, n, q, &k);
		if (d != '.' && d != 0x2026)
			break;
		q += k;
		dots += d == '.' ? 1 : 3;
		end = q;
		/* one space between spaced dots */
		if (q + 1 < n && hspace_at(t, n, q) && t[q + hspace_at(t, n, q)] == '.')
			q += hspace_at(t, n, q);
	}
	if (dots < 3 || (end < n && !is_ws_at(t, n, end, &k)))
		return p;
	return end;
}

/* Whether the period at t[i], followed directly by a word, ends a sentence:
 * "world.Today is", "1,000.That is", but not "Jane.Doe@x.com",
 * "example.com", "U.S.-led", "Mr.Smith". */
static int glued(const struct segment_rules *r, const char *t, size_t n, size_t lo, size_t i)
{
	size_t p = i + 1;

	if (p + 1 >= n || !(t[p] >= 'A' && t[p] <= 'Z') || !(t[p + 1] >= 'a' && t[p + 1] <= 'z'))
		return 0;
	while (p < n && (((unsigned char)t[p] | 32) >= 'a' && ((unsigned char)t[p] | 32) <= 'z'))
		p++;
	if (p < n && !(t[p] == ' ' || t[p] == ',' || t[p] == '\n' ||
		       (t[p] == '.' && (p + 1 == n || t[p + 1] == ' '))))
		return 0;
	size_t wb = word_start(t, lo, i);
	if (i - wb < 2)
		return 0;
	for (size_t k = wb; k < i; k++)
		if (t[k] == '@' || t[k] == '/' || t[k] == ':' || t[k] == '.' || t[k] == '_')
			return 0;
	unsigned char prev = (unsigned char)t[i - 1];
	if (!((prev >= 'a' && prev <= 'z') || (prev >= '0' && prev <= '9')))
		return 0;
	return lookup(r, t + wb, i + 1 - wb) == AB_NONE;
}

void segment_sentences(const struct segment_rules *r, const char *t, size_t n, struct spans *out)
{
	size_t start = 0, l;
	size_t longest = 0, breaks = 0;

	/* longest line, for telling headlines in hard-wrapped text */
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(t + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - t) : n;
		if (e - i > longest)
			longest = e - i;
		breaks += nl != NULL;
		i = e + 1;
	}
	/* a column of short lines none of which ends like a sentence is a
	 * list of items (wrapped prose ends at least its last line with a
	 * period) */
	int items = breaks && longest <= ITEM_MAX;
	for (size_t i = 0, lines = 0; items && i <= n;) {
		const char *nl = i < n ? memchr(t + i, '\n', n - i) : NULL;
		size_t e = nl ? (size_t)(nl - t) : n;
		size_t b = i;
		while (b < e && is_space_byte((unsigned char)t[b]))
			b++;
		if (b < e && ends_sentence(t, b, e))
			items = 0;
		lines += b < e;
		if (!nl) {
			items = items && lines >= 2;
			break;
		}
		i = e + 1;
	}
	size_t line_b = 0;
	/* a text that opens with a list marker is a list: each later marker of
	 * the same style starts an item */
	int list = 0, style = 0;
	size_t first = 0;
	while (first < n && is_space_byte((unsigned char)t[first]))
		first++;
	size_t mend = list_marker(t, n, first, &style);
	if (mend && (style & ~1)) {
		list = style;
	}
	for (size_t i = mend ? mend : 0; i < n;) {
		/* outside lists, skip eight plain bytes at a time: nothing but
		 * '.', '!', '?', a newline or a non-ASCII byte can matter */
		if (!list)
			i = skip_plain(t, n, i);
		if (i >= n)
			break;
		unsigned char c = (unsigned char)t[i];
		if (list && i > start && is_space_byte((unsigned char)t[i - 1]) && !is_space_byte(c)) {
			int st = 0;
			size_t me = list_marker(t, n, i, &st);
			if (me && st == list) {
				push_trimmed(t, start, i, out);
				start = i;
				i = me;
				continue;
			}
		}
		if (c == '\n') {
			if (line_break_ends(t, n, line_b, i, longest, items)) {
				push_trimmed(t, start, i, out);
				start = i + 1;
			}
			line_b = i + 1;
			i++;
			continue;
		}
		int32_t cp;
		if (c < 0x80) {
			if (c != '.' && c != '!' && c != '?') {
				i++;
				continue;
			}
			cp = c;
			l = 1;
		} else {
			cp = cp_at(t, n, i, &l);
			if (!is_terminal(cp)) {
				i += l;
				continue;
			}
		}
		/* the run of terminal punctuation (". . ." spaced too) and closers */
		size_t p = i, periods = 0;
		int only_periods = 1, closed = 0;
		while (p < n) {
			size_t k;
			int32_t d = cp_at(t, n, p, &k);
			if (is_terminal(d)) {
				if (d == '.')
					periods++;
				else if (d == 0x2026)
					periods += 3;
				else
					only_periods = 0;
				p += k;
			} else if (d == ' ' && periods && p + 1 < n && t[p + 1] == '.' &&
				   t[p - 1] == '.') {
				p++; /* ". . ." */
			} else {
				break;
			}
		}
		while (p < n) {
			size_t k;
			int32_t d = cp_at(t, n, p, &k);
			if (is_closer(d)) {
				closed = 1;
				p += k;
				continue;
			}
			/* an ellipsis after the sentence's own mark, past a
			 * closer or more space ("step.” . . . The", "it? . . .
			 * Nobody", "dead.  . . ."): part of the run, so that
			 * it never opens the next sentence. Most marks are
			 * followed by a space and a letter: skip those fast. */
			if (p + 1 < n && t[p] == ' ' && t[p + 1] != '.' && t[p + 1] != ' ' &&
			    (unsigned char)t[p + 1] < 0x80)
				break;
			size_t q = ellipsis_after(t, n, p);
			if (q == p)
				break;
			periods += 3;
			p = q;
		}
		size_t nb, ne;
		/* "world.Today": a period glued to the next sentence */
		if (p < n && !is_ws_at(t, n, p, &l)) {
			if (only_periods && periods == 1 && !closed && glued(r, t, n, start, i)) {
				push_trimmed(t, start, i + 1, out);
				start = i + 1;
			}
			i = p > i ? p : i + 1;
			continue;
		}
		int32_t nc = next_word(t, n, p, &nb, &ne);
		int ends;
		if (!only_periods) {
			ends = !nc || !utf8_is_lower(nc);
		} else if (periods >= 4) {
			/* a period then an ellipsis */
			ends = !nc || !utf8_is_lower(nc);
		} else if (periods >= 2) {
			/* "..." ends only before a typical sentence start */
			ends = !nc || (!utf8_is_lower(nc) && lookup(r, t + nb, ne - nb) == AB_START);
		} else if (list && list_marker(t, n, word_start(t, start, i), NULL) == p) {
			ends = 0; /* "2." numbering a list item */
		} else {
			size_t wb = word_start(t, start, i);
			ends = period_ends(r, t, n, start, wb, i + 1, nc, nb, ne, closed);
		}
		if (ends) {
			push_trimmed(t, start, p, out);
			start = p;
		}
		i = p;
	}
	push_trimmed(t, start, n, out);
}
