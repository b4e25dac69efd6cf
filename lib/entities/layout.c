/*
 * layout — line breaks of running text and of tables and lists (see
 * layout.h).
 */
#include <stdlib.h>
#include <string.h>

#include "wire/core/err.h"

#include "wire/core/utf8.h"
#include "wire/entities/layout.h"

#define WIDTH_MAX 1024   /* longer prose lines count as this long */

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* A closing quote or bracket ending at t[e) (0 when none): its length. */
static size_t closer_before(const char *t, size_t b, size_t e)
{
	if (e > b && memchr("\"')]", t[e - 1], 4))
		return 1;
	/* ’ ” (E2 80 99, E2 80 9D) */
	if (e >= b + 3 && (unsigned char)t[e - 3] == 0xE2 && (unsigned char)t[e - 2] == 0x80 &&
	    ((unsigned char)t[e - 1] == 0x99 || (unsigned char)t[e - 1] == 0x9D))
		return 3;
	return 0;
}

/* Does text [b, e) end with . ! ? or … (before closing quotes and
 * brackets)? */
static int ends_stop(const char *t, size_t b, size_t e)
{
	size_t k;
	while ((k = closer_before(t, b, e)) != 0)
		e -= k;
	if (e == b)
		return 0;
	if (e >= b + 3 && (unsigned char)t[e - 3] == 0xE2 && (unsigned char)t[e - 2] == 0x80 &&
	    (unsigned char)t[e - 1] == 0xA6)
		return 1;
	return t[e - 1] == '.' || t[e - 1] == '!' || t[e - 1] == '?';
}

/* Does the line's last word [wb, we) end a sentence? A full stop after
 * an initial ("J."), a word with inner dots ("U.S.") or a short
 * capitalised word ("Mr.", "Gen.", "Corp.") leaves it to the sentence
 * rules, which know the abbreviations. */
static int ends_sentence(const char *t, size_t wb, size_t we)
{
	size_t k;
	while ((k = closer_before(t, wb, we)) != 0)
		we -= k;
	if (we == wb)
		return 0;
	char c = t[we - 1];
	if (we >= wb + 3 && (unsigned char)t[we - 3] == 0xE2 && (unsigned char)t[we - 2] == 0x80 &&
	    (unsigned char)t[we - 1] == 0xA6)
		return 1; /* … */
	if (c == '!' || c == '?')
		return 1;
	if (c != '.')
		return 0;
	size_t se = we - 1;   /* the word before its full stop */
	while (se > wb && t[se - 1] == '.')
		se--;
	if (se < we - 1 || se == wb)
		return 1;     /* "...", or "." on its own */
	if (memchr(t + wb, '.', se - wb))
		return 0;     /* "U.S." */
	if (se - wb <= 4 && t[wb] >= 'A' && t[wb] <= 'Z') {
		for (size_t i = wb + 1; i < se; i++)
			if (!(t[i] >= 'a' && t[i] <= 'z'))
				return 1;
		return 0;     /* "J.", "Mr.", "Gen." */
	}
	return 1;
}

/* Is the first word [wb, we) a bullet or an item number ("1.", "2)")? */
static int is_item(const char *t, size_t wb, size_t we)
{
	size_t n = we - wb;
	const unsigned char *p = (const unsigned char *)t + wb;
	int32_t c;
	if (n <= 4 && utf8_decode(t + wb, t + we, &c) == (int)n
	    && utf8_is_bullet(c))
		return 1;
	size_t d = 0;
	while (d < n && p[d] >= '0' && p[d] <= '9')
		d++;
	return d >= 1 && d <= 3 && d + 1 == n && (p[d] == '.' || p[d] == ')');
}

void layout_line(const char *t, size_t lb, size_t le, struct layout_line *l)
{
	while (lb < le && is_space((unsigned char)t[lb]))
		lb++;
	while (le > lb && is_space((unsigned char)t[le - 1]))
		le--;
	l->b = lb;
	l->e = le;
	l->first_word = 0;
	l->flags = 0;
	if (lb == le)
		return;
	unsigned words = 0, num = 0, lower = 0, letters = 0, col = 0;
	size_t wb = lb, we = lb;
	for (size_t i = lb; i < le;) {
		int digit = 0, letter = 0;
		int32_t first;
		wb = i;
		/* ASCII a byte at a time, other code points decoded */
		if ((unsigned char)t[i] < 0x80)
			first = (unsigned char)t[i];
		else
			utf8_decode(t + i, t + le, &first);
		while (i < le) {
			unsigned c = (unsigned char)t[i];
			if (c < 0x80) {
				if (c == ' ' || (c - '\t') < 5u)
					break;   /* space, \t \n \v \f \r */
				digit |= c - '0' < 10u;
				letter |= (c | 0x20) - 'a' < 26u;
				i++;
				continue;
			}
			int32_t cp;
			int k = utf8_decode(t + i, t + le, &cp);
			i += k ? (size_t)k : 1;
			letter |= utf8_is_alpha(cp);
		}
		we = i;
		int low = first < 0x80 ? (first >= 'a' && first <= 'z') : utf8_is_lower(first);
		if (wb == l->b) {
			l->first_word = we - wb;
			if (low)
				l->flags |= LAYOUT_LOWER;
			if (is_item(t, wb, we))
				l->flags |= LAYOUT_ITEM;
		}
		words += digit || letter;
		num += digit && !letter;
		lower += low;
		letters += letter;
		/* the gap to the next word: a tab, or two spaces not after
		 * punctuation ("end.  Next"), make columns */
		size_t gb = i;
		while (i < le && is_space((unsigned char)t[i]))
			i++;
		if (i < le && (i - gb >= 2 || t[gb] == '\t') && !memchr(".!?:;\"')", t[gb - 1], 8))
			col = 1;
	}
	if (letters)
		l->flags |= LAYOUT_LETTER;
	if (col || (words >= 2 && 3 * num >= words))
		l->flags |= LAYOUT_TABLE;
	else if (words >= 3 && lower)
		l->flags |= LAYOUT_PROSE;
	if (ends_sentence(t, wb, we))
		l->flags |= LAYOUT_FINAL;
	if (memchr(",;-(&", t[le - 1], 5))
		l->flags |= LAYOUT_GOES_ON;
}

/* The 90th percentile of `lines` prose line lengths counted in hist[]:
 * the length below which fewer than 90% lie. */
static size_t width_of(const unsigned *hist, size_t lines)
{
	size_t below = 0, need = (lines * 9 + 9) / 10;
	if (!lines)
		return 0;
	for (size_t w = 0; w <= WIDTH_MAX; w++) {
		below += hist[w];
		if (below >= need)
			return w;
	}
	return WIDTH_MAX;
}

static void count_width(unsigned *hist, size_t *lines, const struct layout_line *l)
{
	if (l->flags & LAYOUT_PROSE) {
		size_t len = l->e - l->b;
		hist[len < WIDTH_MAX ? len : WIDTH_MAX]++;
		(*lines)++;
	}
}

size_t layout_width(const char *t, size_t n)
{
	unsigned hist[WIDTH_MAX + 1];
	size_t lines = 0;
	struct layout_line l;

	memset(hist, 0, sizeof(hist));
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(t + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - t) : n;
		layout_line(t, i, e, &l);
		count_width(hist, &lines, &l);
		i = e + 1;
	}
	return width_of(hist, lines);
}

/* Could the break between a and b be inside running text at all? */
static int may_wrap(const struct layout_line *a, const struct layout_line *b)
{
	return (a->flags & (LAYOUT_PROSE | LAYOUT_FINAL)) == LAYOUT_PROSE &&
	       (b->flags & (LAYOUT_TABLE | LAYOUT_ITEM | LAYOUT_LETTER)) == LAYOUT_LETTER &&
	       (b->flags & (LAYOUT_PROSE | LAYOUT_FINAL));
}

/* Is line a full: would a space and b's first word not fit the width? */
static int full(const struct layout_line *a, const struct layout_line *b, size_t width)
{
	return a->e - a->b + 1 + b->first_word > width - width / 8;
}

int layout_soft_break(const struct layout_line *a, const struct layout_line *b,
		      const struct layout_shape *sh)
{
	size_t width = sh->width;
	if (width < LAYOUT_MIN_WIDTH || !may_wrap(a, b))
		return 0;
	if (sh->wrapped || full(a, b, width))
		return 1;
	size_t len = a->e - a->b;
	return 2 * len >= width && ((b->flags & LAYOUT_LOWER) || (a->flags & LAYOUT_GOES_ON));
}

/* The shape of the lines line[0..n) of a text whose prose is `width`
 * wide. */
static void shape_of(const struct layout_line *line, size_t n, size_t width,
		     struct layout_shape *sh)
{
	size_t cand = 0, nfull = 0;
	sh->width = width;
	sh->wrapped = 0;
	for (size_t k = 0; k + 1 < n; k++)
		if (may_wrap(&line[k], &line[k + 1])) {
			cand++;
			nfull += full(&line[k], &line[k + 1], width);
		}
	sh->wrapped = width >= LAYOUT_MIN_WIDTH && cand >= LAYOUT_WRAPPED_MIN && 2 * nfull >= cand;
}

void layout_release(struct layout *l)
{
	spans_release(&l->blocks);
	free(l->line);
}

/* Is the code point at t[i] (i < e) white space other than ASCII (NBSP,
 * U+2003...)? Its length in *len. */
static int unicode_space_at(const char *t, size_t e, size_t i, size_t *len)
{
	int32_t cp;
	int k = utf8_decode(t + i, t + e, &cp);
	*len = k ? (size_t)k : 1;
	return k > 1 && utf8_is_space(cp);
}

/* Appends [b, e) without the white space at its ends (blocks are trimmed
 * of ASCII white space; the sentence rules trim the rest). */
static void push_trimmed(const char *t, size_t b, size_t e, struct spans *out)
{
	size_t len = 1;
	while (b < e) {
		if (is_space((unsigned char)t[b]))
			b++;
		else if (unicode_space_at(t, e, b, &len))
			b += len;
		else
			break;
	}
	while (e > b) {
		size_t k = e - 1;
		while (k > b && ((unsigned char)t[k] & 0xC0) == 0x80)
			k--;
		if (!is_space((unsigned char)t[k]) && !unicode_space_at(t, e, k, &len))
			break;
		e = k;
	}
	if (b < e)
		spans_push(out, b, e, 0);
}

/* The lines of text[0..n) into l->line, and their shape. */
static void read_lines(struct layout *l, const char *t, size_t n, struct layout_shape *sh)
{
	unsigned hist[WIDTH_MAX + 1];
	size_t lines = 0;
	memset(hist, 0, sizeof(hist));
	l->nline = 0;
	for (size_t i = 0; i <= n;) {
		const char *nl = i < n ? memchr(t + i, '\n', n - i) : NULL;
		size_t e = nl ? (size_t)(nl - t) : n;
		if (l->nline == l->line_alloc) {
			l->line_alloc = l->line_alloc ? 2 * l->line_alloc : 64;
			l->line = xrealloc(l->line, l->line_alloc * sizeof(*l->line));
		}
		struct layout_line *x = &l->line[l->nline++];
		layout_line(t, i, e, x);
		count_width(hist, &lines, x);
		if (!nl)
			break;
		i = e + 1;
	}
	shape_of(l->line, l->nline, width_of(hist, lines), sh);
}

void layout_shape_of(struct layout *l, const char *t, size_t n, struct layout_shape *sh)
{
	read_lines(l, t, n, sh);
}

/* The blocks of text[0..n) into l->blocks: its lines read once into
 * l->line (with the width of its prose), then cut where a break is not
 * soft. */
static void blocks(struct layout *l, const char *t, size_t n)
{
	spans_reset(&l->blocks);
	if (!memchr(t, '\n', n)) {
		/* one line: one block (most sentence records) */
		size_t b = 0, e = n;
		while (b < e && (is_space((unsigned char)t[b])))
			b++;
		while (e > b && (is_space((unsigned char)t[e - 1])))
			e--;
		if (b < e)
			spans_push(&l->blocks, b, e, 0);
		return;
	}
	struct layout_shape sh;
	read_lines(l, t, n, &sh);
	const struct layout_line *prev = NULL;
	size_t bb = 0;
	for (size_t k = 0; k < l->nline; k++) {
		const struct layout_line *cur = &l->line[k];
		if (cur->b == cur->e) {
			if (prev)
				spans_push(&l->blocks, bb, prev->e, 0);
			prev = NULL;
			continue;
		}
		if (!prev) {
			bb = cur->b;
		} else if (!layout_soft_break(prev, cur, &sh)) {
			spans_push(&l->blocks, bb, prev->e, 0);
			bb = cur->b;
		}
		prev = cur;
	}
	if (prev)
		spans_push(&l->blocks, bb, prev->e, 0);
}

void layout_sentences(struct layout *l, const struct segment_rules *rules, const char *t,
		      size_t n, struct spans *out)
{
	blocks(l, t, n);
	for (size_t k = 0; k < l->blocks.n; k++) {
		size_t b = l->blocks.v[k].b, e = l->blocks.v[k].e;
		if (!rules) {
			push_trimmed(t, b, e, out);
			continue;
		}
		size_t from = out->n, w = from;
		segment_sentences(rules, t + b, e - b, out);
		/* the lines of a block are one text: a cut the sentence rules
		 * make at one of its line breaks without a full stop (a
		 * first line read as a headline, a short line) is undone */
		for (size_t j = from; j < out->n; j++) {
			size_t sb = b + out->v[j].b, se = b + out->v[j].e;
			if (w > from && memchr(t + out->v[w - 1].e, '\n', sb - out->v[w - 1].e) &&
			    !ends_stop(t, out->v[w - 1].b, out->v[w - 1].e)) {
				out->v[w - 1].e = se;
				continue;
			}
			out->v[w].b = sb;
			out->v[w].e = se;
			out->v[w].kind = out->v[j].kind;
			w++;
		}
		out->n = w;
	}
}
