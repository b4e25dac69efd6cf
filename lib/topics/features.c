#include <stdlib.h>
#include <string.h>

#include "wire/core/err.h"
#include "wire/topics/features.h"
#include "wire/core/hash.h"
#include "wire/core/utf8.h"

uint64_t features_hash(const char *s, size_t n)
{
	return hash_fmix64(hash_fnv1a(s, n));
}


uint64_t features_hash2(uint64_t a, uint64_t b)
{
	uint64_t h = a * 0x9e3779b97f4a7c15ULL + b + 0x632be59bd9b4e019ULL;

	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 29;
	return h;
}

void ftokens_release(struct ftokens *t)
{
	buf_release(&t->text);
	free(t->w);
	t->w = NULL;
	t->n = t->alloc = 0;
}

static void push_word(struct ftokens *t, size_t b)
{
	size_t n = t->text.len - b;

	if (!n)
		return;
	if (t->n == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 256;
		t->w = xrealloc(t->w, t->alloc * sizeof(*t->w));
	}
	t->w[t->n].b = (uint32_t)b;
	t->w[t->n].n = (uint32_t)n;
	t->w[t->n].h = features_hash(t->text.buf + b, n);
	t->n++;
}

static int is_mark(int32_t cp)
{
	return (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1ab0 && cp <= 0x1aff) ||
	       (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff) ||
	       (cp >= 0xfe20 && cp <= 0xfe2f);
}

/* Length of the code point at p if it belongs in a word, else 0; *apos is
 * set for an apostrophe (ASCII or U+2019). */
static int word_char(const char *p, const char *end, int *apos)
{
	unsigned char c = (unsigned char)*p;
	int32_t cp;
	int len;

	*apos = 0;
	if (c < 0x80) {
		if (c == '\'')
			*apos = 1;
		return ((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9');
	}
	len = utf8_decode(p, end, &cp);
	if (!len)
		return 0;
	if (cp == 0x2019)
		*apos = 1;
	if (utf8_is_alpha(cp) || utf8_is_digit(cp) || is_mark(cp))
		return len;
	return 0;
}

/* ASCII letters and digits: the bytes of ASCII words. */
static const unsigned char ascii_word[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
	['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
	['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
	['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1,
	['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1,
	['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
	['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
	['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

/* Appends the ASCII word p[0..n) lower-cased, hashing as it copies (the
 * same hash as features_hash of the copy). */
static void push_ascii(struct ftokens *t, const char *p, size_t n)
{
	struct buf *out = &t->text;
	uint64_t h = HASH_FNV_BASIS;

	buf_grow(out, n);
	unsigned char *d = (unsigned char *)out->buf + out->len;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		c = (unsigned char)(c + ((unsigned)(c - 'A') < 26u) * 32);
		d[i] = c;
		h = hash_fnv1a_step(h, c);
	}
	if (t->n == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 256;
		t->w = xrealloc(t->w, t->alloc * sizeof(*t->w));
	}
	t->w[t->n].b = (uint32_t)out->len;
	t->w[t->n].n = (uint32_t)n;
	t->w[t->n].h = hash_fmix64(h);
	t->n++;
	buf_setlen(out, out->len + n);
}

/* Folded words without punctuation, hashed as they are copied (not
 * token_split's tokens; wire/core/token.h says why). */
void features_tokenize(const char *s, size_t n, struct ftokens *t)
{
	const char *p = s, *end = s + n;
	struct buf *out = &t->text;

	t->n = 0;
	buf_reset(out);
	if (!out->alloc)
		buf_grow(out, n + 16);
	while (p < end) {
		unsigned char c0 = (unsigned char)*p;
		if (c0 < 0x80 && c0 != '\'' && !ascii_word[c0]) {
			p++;
			continue;
		}
		if (ascii_word[c0]) {
			/* fast path: a word of ASCII letters and digits */
			const char *q = p + 1;
			while (q < end && ascii_word[(unsigned char)*q])
				q++;
			if (q == end || (unsigned char)*q < 0x80) {
				push_ascii(t, p, (size_t)(q - p));
				p = q;
				continue;
			}
		}
		int apos;
		int len = word_char(p, end, &apos);
		if (!len) {
			/* a possessive 's ends the previous word: skip it */
			if (apos && t->n) {
				const char *q = p + ((unsigned char)*p < 0x80 ? 1 : 3);
				int a2;
				if (q < end && (*q == 's' || *q == 'S') &&
				    (q + 1 == end || !word_char(q + 1, end, &a2))) {
					p = q + 1;
					continue;
				}
			}
			if ((unsigned char)*p < 0x80) {
				p++;
			} else {
				int32_t cp;
				int l = utf8_decode(p, end, &cp);
				p += l ? l : 1;
			}
			continue;
		}
		/* one word: [p, q) */
		const char *q = p;
		int ascii = 1;
		while (q < end && (len = word_char(q, end, &apos)) > 0) {
			if ((unsigned char)*q >= 0x80)
				ascii = 0;
			q += len;
		}
		size_t b = out->len;
		if (ascii) {
			buf_grow(out, (size_t)(q - p));
			char *d = out->buf + out->len;
			for (const char *r = p; r < q; r++) {
				char c = *r;
				*d++ = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
			}
			buf_setlen(out, out->len + (size_t)(q - p));
			push_word(t, b);
		} else {
			utf8_fold(out, p, (size_t)(q - p));
			/* folding may yield spaces or punctuation (ligatures,
			 * fractions): split there */
			size_t wb = b;
			for (size_t i = b; i < out->len; i++) {
				unsigned char c = (unsigned char)out->buf[i];
				if (c < 0x80 && !((c | 32) >= 'a' && (c | 32) <= 'z') &&
				    !(c >= '0' && c <= '9')) {
					/* close the word before i, drop byte i */
					size_t keep = out->len;
					buf_setlen(out, i);
					push_word(t, wb);
					memmove(out->buf + i, out->buf + i + 1, keep - i - 1);
					buf_setlen(out, keep - 1);
					wb = i;
					i--;
				}
			}
			push_word(t, wb);
		}
		p = q;
	}
}

static int ends(const char *w, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n >= k && !memcmp(w + n - k, suf, k);
}

size_t features_stem(char *w, size_t n)
{
	if (n <= 3)
		return n;
	if (ends(w, n, "ies") && n > 4)
		n -= 3, w[n++] = 'y';
	else if (ends(w, n, "sses"))
		n -= 2;
	else if (ends(w, n, "ings") && n > 6)
		n -= 4;
	else if (ends(w, n, "ing") && n > 5)
		n -= 3;
	else if (ends(w, n, "ed") && n > 4)
		n -= 2;
	else if (w[n - 1] == 's' && !ends(w, n, "ss") && !ends(w, n, "us") &&
		 !ends(w, n, "is"))
		n -= 1;
	else if (ends(w, n, "es") && n > 4)
		n -= 2;
	if (n > 3 && w[n - 1] == 'e')
		n--;
	if (n > 3 && w[n - 1] == 'y')
		w[n - 1] = 'i';
	return n;
}

void fvec_release(struct fvec *v)
{
	free(v->idx);
	free(v->val);
	free(v->pos);
	free(v->hkey);
	free(v->hent);
	free(v->rs);
	free(v->re);
	memset(v, 0, sizeof(*v));
}

/* Counts bucket b first seen at position p. The table holds bucket + 1
 * (0 is empty) and is at most half full. */
static inline void fvec_add(struct fvec *v, uint32_t b, uint32_t p)
{
	size_t mask = v->hsize - 1;
	size_t h = (size_t)(b * 0x9e3779b1u) & mask;

	for (;; h = (h + 1) & mask) {
		uint32_t k = v->hkey[h];
		if (k == b + 1) {
			v->val[v->hent[h]] += 1;
			return;
		}
		if (!k)
			break;
	}
	v->hkey[h] = b + 1;
	v->hent[h] = (uint32_t)v->n;
	v->idx[v->n] = b;
	v->val[v->n] = 1;
	v->pos[v->n] = p;
	v->n++;
}

void features_extract(const struct ftokens *t, unsigned bits, int bigrams, struct fvec *v)
{
	uint32_t mask = (uint32_t)((1ULL << bits) - 1);
	size_t m = bigrams ? 2 * t->n : t->n;

	if (m > v->alloc) {
		v->alloc = m + 64;
		v->idx = xrealloc(v->idx, v->alloc * sizeof(*v->idx));
		v->val = xrealloc(v->val, v->alloc * sizeof(*v->val));
		v->pos = xrealloc(v->pos, v->alloc * sizeof(*v->pos));
		free(v->rs);
		free(v->re);
		v->rs = xmalloc(v->alloc * sizeof(*v->rs));
		v->re = xmalloc(v->alloc * sizeof(*v->re));
	}
	size_t hs = 64;
	while (hs < 2 * m)
		hs *= 2;
	if (hs > v->hsize || (v->hsize > 4 * hs && v->hsize > 4096)) {
		/* grow, or shrink after a huge document so that clearing
		 * stays proportional to the current one */
		free(v->hkey);
		free(v->hent);
		v->hsize = hs;
		v->hkey = xmalloc(hs * sizeof(*v->hkey));
		v->hent = xmalloc(hs * sizeof(*v->hent));
	}
	memset(v->hkey, 0, v->hsize * sizeof(*v->hkey));
	v->n = 0;
	for (size_t i = 0; i < t->n; i++) {
		fvec_add(v, (uint32_t)t->w[i].h & mask, (uint32_t)i);
		if (bigrams && i)
			fvec_add(v, (uint32_t)features_hash2(t->w[i - 1].h, t->w[i].h) & mask,
				 (uint32_t)i | FEATURES_BIGRAM);
	}
}

void features_name(const struct ftokens *t, const struct fvec *v, size_t j, struct buf *out)
{
	uint32_t p = v->pos[j];
	size_t i = p & ~FEATURES_BIGRAM, len;
	const char *w;

	if (p & FEATURES_BIGRAM) {
		w = features_word(t, i - 1, &len);
		buf_add(out, w, len);
		buf_addc(out, ' ');
	}
	w = features_word(t, i, &len);
	buf_add(out, w, len);
}
