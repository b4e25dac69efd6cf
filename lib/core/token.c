/*
 * token — word tokens with byte and code-point offsets (see token.h).
 *
 * One forward scan; every code point is looked at a bounded number of
 * times, so the time is linear whatever the text (1 MB without spaces is
 * one long word, scanned once). ASCII takes a table path; other code
 * points go through utf8proc's categories.
 */
#include <stdint.h>
#include <stdlib.h>
#include <utf8proc.h>

#include "wire/core/err.h"
#include "wire/core/token.h"
#include "wire/core/utf8.h"

enum cls { C_SPACE, C_WORD, C_OTHER };

/* Decodes the code point at p[i] (i < n): class, length in bytes (an
 * invalid byte is a 1-byte C_OTHER) and the code point. */
static enum cls classify(const char *p, size_t n, size_t i, int *len,
			 int32_t *cpo)
{
	unsigned char c = (unsigned char)p[i];
	int32_t cp;

	if (c < 0x80) {
		*len = 1;
		*cpo = c;
		if ((c | 32) >= 'a' && (c | 32) <= 'z')
			return C_WORD;
		if (c >= '0' && c <= '9')
			return C_WORD;
		if (c == ' ' || (c >= '\t' && c <= '\r'))
			return C_SPACE;
		return C_OTHER;
	}
	*len = utf8_decode(p + i, p + n, &cp);
	if (!*len) {
		*len = 1;
		*cpo = 0xFFFD;
		return C_OTHER;
	}
	*cpo = cp;
	if (utf8_is_space(cp))
		return C_SPACE;
	if (cp == 0x200B || cp == 0xFEFF) /* zero-width space, BOM */
		return C_SPACE;
	utf8proc_category_t cat = utf8proc_category(cp);
	if ((cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
	    (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME) ||
	    cat == UTF8PROC_CATEGORY_ND || cat == UTF8PROC_CATEGORY_NL ||
	    cat == UTF8PROC_CATEGORY_NO)
		return C_WORD;
	return C_OTHER;
}

static int is_apos(int32_t cp)
{
	return cp == '\'' || cp == 0x2019;
}

static int is_hyphen(int32_t cp)
{
	return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

static int is_digit_ascii(int32_t cp)
{
	return cp >= '0' && cp <= '9';
}

/* Counts the code points of p[b..e) (non-continuation bytes, as
 * utf8_count does). */
static size_t cps(const char *p, size_t b, size_t e)
{
	return utf8_count(p + b, e - b);
}

static void push(struct tokens *t, size_t b, size_t e, size_t cb, size_t ce)
{
	if (t->n == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 64;
		t->v = xrealloc(t->v, t->alloc * sizeof(*t->v));
	}
	struct token *k = &t->v[t->n++];
	k->b = b;
	k->e = e;
	k->cb = cb;
	k->ce = ce;
}

/* Is p[i..) an "'s" possessive ending: apostrophe, s or S, then no word
 * character? */
static int possessive_at(const char *p, size_t n, size_t i)
{
	int l1, l2, l3;
	int32_t a, s, x;

	if (i >= n || classify(p, n, i, &l1, &a) != C_OTHER || !is_apos(a))
		return 0;
	if (i + (size_t)l1 >= n)
		return 0;
	classify(p, n, i + (size_t)l1, &l2, &s);
	if (s != 's' && s != 'S')
		return 0;
	size_t k = i + (size_t)l1 + (size_t)l2;
	return k >= n || classify(p, n, k, &l3, &x) != C_WORD;
}

/* Scans the word starting at p[i] (a word character); returns its end. */
static size_t scan_word(const char *p, size_t n, size_t i)
{
	size_t j = i;
	int len;
	int32_t cp, prev = 0;
	int has_dot = 0;      /* an inner dot joined the word */
	size_t seg = 0;       /* code points since the last inner dot */
	size_t nseg = 0;      /* code points in the word */
	int last_upper = 0;

	for (;;) {
		/* a run of word characters */
		while (j < n && classify(p, n, j, &len, &cp) == C_WORD) {
			j += (size_t)len;
			prev = cp;
			seg++;
			nseg++;
			last_upper = utf8_is_upper(cp);
		}
		if (j >= n)
			return j;
		/* a joiner followed by a word character continues the word */
		classify(p, n, j, &len, &cp);
		size_t k = j + (size_t)len;
		int l2;
		int32_t next;
		if (k >= n || classify(p, n, k, &l2, &next) != C_WORD)
			break;
		int join = 0;
		if (is_apos(cp)) {
			join = !possessive_at(p, n, j);
		} else if (is_hyphen(cp)) {
			join = 1;
		} else if (cp == '.') {
			join = 1;
		} else if (cp == '&') {
			join = utf8_is_upper(prev) && utf8_is_upper(next);
		} else if (cp == ',') {
			/* 1,000 — a digit, then exactly three digits */
			if (is_digit_ascii(prev) && k + 3 <= n &&
			    is_digit_ascii((unsigned char)p[k]) &&
			    is_digit_ascii((unsigned char)p[k + 1]) &&
			    is_digit_ascii((unsigned char)p[k + 2])) {
				int l4;
				int32_t after;
				join = k + 3 == n ||
				       classify(p, n, k + 3, &l4, &after) != C_WORD;
			}
		}
		if (!join)
			break;
		if (cp == '.') {
			has_dot = 1;
			seg = 0;
		}
		j = k;
	}
	/* j is at a non-word code point */
	classify(p, n, j, &len, &cp);
	if (cp == '.') {
		/* "U.S.", "e.g.", "J." — initials keep their dot */
		if ((has_dot && seg == 1 && utf8_is_alpha(prev)) ||
		    (nseg == 1 && utf8_is_alpha(prev)))
			return j + 1;
	} else if (cp == '+' && last_upper) {
		/* "ADSOM+", "ADMM+" */
		size_t k = j;
		while (k < n && p[k] == '+' && k - j < 2)
			k++;
		int l2;
		int32_t next;
		if (k >= n || classify(p, n, k, &l2, &next) != C_WORD)
			return k;
	}
	return j;
}

void token_split(const char *text, size_t n, struct tokens *out)
{
	size_t i = 0, cpos = 0;
	int len;
	int32_t cp;

	out->n = 0;
	while (i < n) {
		enum cls c = classify(text, n, i, &len, &cp);
		if (c == C_SPACE) {
			i += (size_t)len;
			cpos++;
			continue;
		}
		size_t e;
		if (c == C_WORD) {
			e = scan_word(text, n, i);
		} else if (out->n && out->v[out->n - 1].e == i &&
			   possessive_at(text, n, i)) {
			int l2;
			int32_t s;
			classify(text, n, i + (size_t)len, &l2, &s);
			e = i + (size_t)len + (size_t)l2;
		} else {
			e = i + (size_t)len;
		}
		size_t ce = cpos + cps(text, i, e);
		push(out, i, e, cpos, ce);
		cpos = ce;
		i = e;
	}
}

void tokens_release(struct tokens *t)
{
	free(t->v);
	t->v = NULL;
	t->n = t->alloc = 0;
}
