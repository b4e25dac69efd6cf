/*
 * sig — word-shingle one-permutation MinHash sketches (see sig.h).
 */
#include <string.h>

#include "wire/core/hash.h"
#include "wire/core/utf8.h"
#include "wire/dedup/sig.h"

#define EMPTY UINT32_MAX

void sig_begin(struct sig_builder *b, unsigned shingle)
{
	if (shingle < 1)
		shingle = 1;
	if (shingle > SIG_MAX_SHINGLE)
		shingle = SIG_MAX_SHINGLE;
	b->shingle = shingle;
	b->words = 0;
	b->word = HASH_FNV_BASIS;
	b->in_word = b->digit = b->sep = 0;
	memset(b->s.v, 0xff, sizeof(b->s.v));
	b->s.n = 0;
	if (!b->fold.alloc && !b->fold.buf)
		b->fold = (struct buf)BUF_INIT;
}

void sig_release(struct sig_builder *b)
{
	buf_release(&b->fold);
}

static inline void add_shingle(struct sig_builder *b, uint64_t h)
{
	unsigned bin = (unsigned)(h >> (64 - SIG_BIN_BITS));
	uint32_t v = (uint32_t)h;

	if (v < b->s.v[bin])
		b->s.v[bin] = v;
	b->s.n++;
}

/* The hash of the `k` words ending with the last one seen. */
static uint64_t window_hash(const struct sig_builder *b, unsigned k)
{
	uint64_t h = 0;

	for (unsigned i = 0; i < k; i++)
		h = (h ^ b->win[(b->words - k + i) % b->shingle]) * 0x9E3779B97F4A7C15ULL;
	return hash_fmix64(h ^ k);
}

static void end_word(struct sig_builder *b)
{
	if (!b->in_word)
		return;
	b->win[b->words % b->shingle] = hash_fmix64(b->word);
	b->words++;
	b->word = HASH_FNV_BASIS;
	b->in_word = b->digit = b->sep = 0;
	if (b->words >= b->shingle)
		add_shingle(b, window_hash(b, b->shingle));
}

/* One character of a word, already folded (bytes of one code point). */
static inline void word_byte(struct sig_builder *b, unsigned char c)
{
	b->word = hash_fnv1a_step(b->word, c);
}

/* A pending ',' or '.' after a digit joins the word when a digit follows. */
static inline void digit_char(struct sig_builder *b, unsigned char c)
{
	if (b->sep) {
		word_byte(b, (unsigned char)b->sep);
		b->sep = 0;
	}
	word_byte(b, c);
	b->in_word = 1;
	b->digit = 1;
}

static inline void letter_char(struct sig_builder *b, unsigned char c)
{
	if (b->sep)
		end_word(b);
	word_byte(b, c);
	b->in_word = 1;
	b->digit = 0;
}

static inline void separator(struct sig_builder *b)
{
	end_word(b);
}

/* A non-ASCII character: folded, then its letters and digits are word
 * characters, anything else a separator (apostrophes are skipped). */
static void wide_char(struct sig_builder *b, const char *p, int len, int32_t cp)
{
	if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) {
		if (b->sep)
			end_word(b);
		return;
	}
	if (utf8_is_space(cp)) {
		separator(b);
		return;
	}
	buf_reset(&b->fold);
	utf8_fold(&b->fold, p, (size_t)len);
	const char *q = b->fold.buf, *end = q + b->fold.len;
	int any = 0;
	while (q < end) {
		int32_t c;
		int l = utf8_decode(q, end, &c);
		if (!l)
			l = 1;
		if (c < 0x80 ? ((c | 32) >= 'a' && (c | 32) <= 'z') : utf8_is_alpha(c)) {
			for (int i = 0; i < l; i++)
				letter_char(b, (unsigned char)q[i]);
			any = 1;
		} else if (c < 0x80 ? (c >= '0' && c <= '9') : utf8_is_digit(c)) {
			for (int i = 0; i < l; i++)
				digit_char(b, (unsigned char)q[i]);
			any = 1;
		} else if (!utf8_is_punct(c) && c >= 0x80 && !utf8_is_space(c)) {
			/* marks, symbols of scripts without case: part of the word */
			for (int i = 0; i < l; i++)
				word_byte(b, (unsigned char)q[i]);
			b->in_word = 1;
			any = 1;
		} else {
			separator(b);
		}
		q += l;
	}
	(void)any;
}

void sig_add(struct sig_builder *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	while (p < end) {
		unsigned char c = *p;
		if (c < 0x80) {
			p++;
			if (c >= 'a' && c <= 'z') {
				letter_char(b, c);
			} else if (c >= 'A' && c <= 'Z') {
				letter_char(b, (unsigned char)(c + 32));
			} else if (c >= '0' && c <= '9') {
				digit_char(b, c);
			} else if ((c == ',' || c == '.') && b->digit && !b->sep) {
				b->sep = c;
			} else if (c == '\'' && b->in_word) {
				if (b->sep)
					end_word(b);
			} else {
				separator(b);
			}
			continue;
		}
		int32_t cp;
		int len = utf8_decode((const char *)p, (const char *)end, &cp);
		if (!len) {
			separator(b);
			p++;
			continue;
		}
		wide_char(b, (const char *)p, len, cp);
		p += len;
	}
	/* a piece ends the word, not the shingle window */
	end_word(b);
}

uint64_t sig_end(struct sig_builder *b, struct sig *out)
{
	end_word(b);
	if (b->words && b->words < b->shingle)
		add_shingle(b, window_hash(b, (unsigned)b->words));
	*out = b->s;
	if (!b->words)
		return 0;
	/* densify by rotation: an empty bin borrows from the next non-empty
	 * bin to its right (circularly), mixed with the distance */
	int last = -1;
	for (int i = 2 * SIG_BINS - 1; i >= 0; i--) {
		int k = i % SIG_BINS;
		if (b->s.v[k] != EMPTY) {
			last = i;
			continue;
		}
		if (i >= SIG_BINS || last < 0)
			continue;
		uint64_t d = (uint64_t)(last - i);
		out->v[k] = (uint32_t)hash_fmix64(((uint64_t)b->s.v[last % SIG_BINS] << 16) ^ d ^
						  0x5bd1e995ULL << 40);
	}
	return b->words;
}

double sig_jaccard(const struct sig *a, const struct sig *b)
{
	unsigned eq = 0;

	for (unsigned i = 0; i < SIG_BINS; i++)
		eq += a->v[i] == b->v[i];
	return (double)eq / SIG_BINS;
}

double sig_containment(const struct sig *a, const struct sig *b, double j)
{
	double na = a->n, nb = b->n, lo = na < nb ? na : nb;

	if (lo <= 0)
		return 0;
	double c = j * (na + nb) / (1 + j) / lo;
	return c > 1 ? 1 : c;
}

static const char hexd[] = "0123456789abcdef";

void sig_to_hex(const struct sig *s, struct buf *out)
{
	char t[8 * SIG_BINS];

	for (unsigned i = 0; i < SIG_BINS; i++)
		for (unsigned k = 0; k < 8; k++)
			t[8 * i + k] = hexd[(s->v[i] >> (28 - 4 * k)) & 15];
	buf_add(out, t, sizeof(t));
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int sig_from_hex(struct sig *s, const char *hex, size_t n)
{
	if (n != 8 * SIG_BINS)
		return -1;
	for (unsigned i = 0; i < SIG_BINS; i++) {
		uint32_t v = 0;
		for (unsigned k = 0; k < 8; k++) {
			int d = hexval(hex[8 * i + k]);
			if (d < 0)
				return -1;
			v = v << 4 | (uint32_t)d;
		}
		s->v[i] = v;
	}
	return 0;
}
