/*
 * sig — word-shingle one-permutation MinHash sketches (see sig.h).
 */
#include <string.h>

#include "wire/core/hash.h"
#include "wire/core/utf8.h"
#include "wire/dedup/sig.h"

#define EMPTY UINT32_MAX
#define WORD_SEED 0x243F6A8885A308D3ULL
#define WORD_K 0x9E3779B97F4A7C15ULL


void sig_begin(struct sig_builder *b, unsigned shingle)
{
	if (shingle < 1)
		shingle = 1;
	if (shingle > SIG_MAX_SHINGLE)
		shingle = SIG_MAX_SHINGLE;
	b->shingle = shingle;
	b->words = 0;
	b->pend = 0;
	b->word = WORD_SEED;
	b->acc = 0;
	b->nacc = b->wlen = 0;
	b->in_word = b->digit = b->sep = b->numeric = 0;
	memset(b->s.v, 0xff, sizeof(b->s.v));
	b->s.n = 0;
	b->s.nfig = 0;
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

/* The hash of the `k` words ending with w[0] (w[-k + 1] .. w[0]). */
static inline uint64_t window_hash(const uint64_t *w, unsigned k)
{
	const uint64_t m = 0x9E3779B97F4A7C15ULL;
	uint64_t h = 0;

	if (k == 4) {
		/* the default shingle, unrolled */
		h = w[-3] * m;
		h = (h ^ w[-2]) * m;
		h = (h ^ w[-1]) * m;
		h = (h ^ w[0]) * m;
		return hash_fmix64(h ^ 4);
	}
	for (unsigned j = k; j-- > 0;)
		h = (h ^ w[-(long)j]) * m;
	return hash_fmix64(h ^ k);
}

#define HIST (SIG_MAX_SHINGLE - 1)

/*
 * Adds the shingles of the batched words. Apart from the word loop, with
 * its branch at every word end, the hashing of words and shingles has no
 * branch to miss and one word's multiplies overlap the next one's.
 */
static void flush(struct sig_builder *b)
{
	uint64_t *w = b->win + HIST;
	unsigned n = b->pend, k = b->shingle;
	uint64_t before = b->words - n;

	if (!n)
		return;
	for (unsigned i = 0; i < n; i++)
		w[i] = hash_fmix64(w[i]);
	/* the first words of a text make no shingle of k words */
	unsigned i = before >= k - 1 ? 0 : (unsigned)(k - 1 - before);
	for (; i < n; i++)
		add_shingle(b, window_hash(w + i, k));
	/* keep the last HIST words for the next batch's windows */
	memmove(b->win, b->win + n, HIST * sizeof(*b->win));
	b->pend = 0;
}

/* Keeps `h` among the SIG_FIGS smallest distinct figure hashes. */
static void add_figure(struct sig *s, uint32_t h)
{
	unsigned i = s->nfig;

	if (i == SIG_FIGS && h >= s->fig[SIG_FIGS - 1])
		return;
	while (i > 0 && s->fig[i - 1] > h)
		i--;
	if (i > 0 && s->fig[i - 1] == h)
		return;
	unsigned n = s->nfig < SIG_FIGS ? s->nfig + 1 : SIG_FIGS;
	memmove(s->fig + i + 1, s->fig + i, (n - 1 - i) * sizeof(*s->fig));
	s->fig[i] = h;
	s->nfig = n;
}

/*
 * The word hash: the folded bytes of a word, eight at a time (one
 * multiply per eight bytes, not one per byte), then its length. Only its
 * value matters, not how the bytes came: a byte at a time or eight.
 */
static inline void word_mix(struct sig_builder *b)
{
	uint64_t h = (b->word ^ b->acc) * WORD_K;

	b->word = h ^ h >> 29;
	b->acc = 0;
	b->nacc = 0;
}

/* Adds the k (1..8) bytes in the low bytes of v (the rest zero), the first
 * in the lowest. */
static inline void word_bytes(struct sig_builder *b, uint64_t v, unsigned k)
{
	unsigned room = 8 - b->nacc;

	b->wlen += k;
	b->acc |= v << (8 * b->nacc);
	if (k < room) {
		b->nacc += k;
		return;
	}
	word_mix(b);
	if (k > room) {
		b->acc = v >> (8 * room);
		b->nacc = k - room;
	}
}

static inline uint64_t word_value(const struct sig_builder *b)
{
	return (b->word ^ b->acc ^ (uint64_t)b->wlen << 56) * WORD_K;
}

static void end_word(struct sig_builder *b)
{
	if (!b->in_word)
		return;
	uint64_t w = word_value(b);
	b->win[HIST + b->pend++] = w;
	b->words++;
	if (b->numeric)
		add_figure(&b->s, (uint32_t)(hash_fmix64(w) >> 32));
	b->word = WORD_SEED;
	b->acc = 0;
	b->nacc = b->wlen = 0;
	b->in_word = b->digit = b->sep = b->numeric = 0;
	if (b->pend == SIG_BATCH)
		flush(b);
}

/* One character of a word, already folded (bytes of one code point). */
static inline void word_byte(struct sig_builder *b, unsigned char c)
{
	word_bytes(b, c, 1);
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
	b->numeric = 1;
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
			/* a space between words: nothing to end */
			if (c == ' ' && !b->in_word) {
				p++;
				continue;
			}
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			/*
			 * The common word: at most fifteen ASCII letters, from a
			 * clean state (no word open), ended by an ASCII byte that
			 * only separates (not a letter, digit or apostrophe).
			 * Its hash is that of the byte-by-byte path (a full group
			 * of eight mixed in, the rest pending, then the length), and the
			 * byte ending it is used up (a separator after end_word
			 * does nothing).
			 */
			if (!b->in_word && end - p >= 8 && (unsigned)((c | 32) - 'a') < 26) {
				uint64_t x, l = 0x0101010101010101ULL;
				memcpy(&x, p, 8);
				uint64_t y = (x | 0x20 * l) & 0x7f * l;
				uint64_t m = (y + 0x1f * l) & ~(y + 0x05 * l) & ~x & 0x80 * l;
				uint64_t h = WORD_SEED;
				unsigned k = 0;
				if (m == 0x80 * l && end - p >= 16) {
					/* eight letters and more: the first eight
					 * are mixed in, as word_mix() does */
					h = (h ^ y) * WORD_K;
					h ^= h >> 29;
					k = 8;
					memcpy(&x, p + 8, 8);
					y = (x | 0x20 * l) & 0x7f * l;
					m = (y + 0x1f * l) & ~(y + 0x05 * l) & ~x & 0x80 * l;
				}
				if (m != 0x80 * l) {
					unsigned r = (unsigned)__builtin_ctzll(~m & 0x80 * l) / 8;
					unsigned char t = p[k + r];
					if (t < 0x80 && t != '\'' && !((unsigned)(t - '0') < 10)) {
						uint64_t v = r ? y & (~0ULL >> (64 - 8 * r)) : 0;
						k += r;
						b->win[HIST + b->pend++] =
							(h ^ v ^ (uint64_t)k << 56) * WORD_K;
						b->words++;
						p += k + 1;
						if (b->pend == SIG_BATCH)
							flush(b);
						continue;
					}
				}
			}
#endif
			p++;
			if ((unsigned)((c | 32) - 'a') < 26) {
				/* a run of ASCII letters: the common case */
				if (b->sep)
					end_word(b);
				word_bytes(b, c | 32, 1);
				int ended = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
				/* eight bytes a test (p[0] the lowest byte): a
				 * byte is a letter when (x | 0x20) is 'a'..'z' */
				while (end - p >= 8) {
					uint64_t x, l = 0x0101010101010101ULL;
					memcpy(&x, p, 8);
					uint64_t y = (x | 0x20 * l) & 0x7f * l;
					uint64_t m = (y + 0x1f * l) & ~(y + 0x05 * l) & ~x & 0x80 * l;
					unsigned k = 8;
					if (m != 0x80 * l) {
						/* the letters before the first other byte */
						k = (unsigned)__builtin_ctzll(~m & 0x80 * l) / 8;
						ended = 1;
					}
					p += k;
					if (k)
						word_bytes(b, k == 8 ? y : y & ((1ULL << (8 * k)) - 1), k);
					if (ended)
						break;
				}
#endif
				while (!ended && p < end && (unsigned)((*p | 32) - 'a') < 26)
					word_bytes(b, *p++ | 32, 1);
				b->in_word = 1;
				b->digit = 0;
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
	flush(b);
	if (b->words && b->words < b->shingle)
		add_shingle(b, window_hash(b->win + HIST - 1, (unsigned)b->words));
	*out = b->s;
	if (!b->words)
		return 0;
	/* densify by rotation: an empty bin borrows from the next non-empty
	 * bin to its right (circularly), mixed with the distance */
	int last = -1;
	for (int i = SIG_BINS - 1; i >= 0 && last < 0; i--)
		if (b->s.v[i] != EMPTY)
			last = i + SIG_BINS;
	for (int i = SIG_BINS - 1; i >= 0; i--) {
		if (b->s.v[i] != EMPTY) {
			last = i;
			continue;
		}
		uint64_t d = (uint64_t)(last - i);
		out->v[i] = (uint32_t)hash_fmix64(((uint64_t)b->s.v[last & (SIG_BINS - 1)] << 16) ^
						  d ^ 0x5bd1e995ULL << 40);
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

double sig_figures(const struct sig *a, const struct sig *b)
{
	if (!a->nfig || !b->nfig)
		return 1;
	uint32_t m = UINT32_MAX;
	if (a->nfig == SIG_FIGS)
		m = a->fig[SIG_FIGS - 1];
	if (b->nfig == SIG_FIGS && b->fig[SIG_FIGS - 1] < m)
		m = b->fig[SIG_FIGS - 1];
	unsigned na = 0, nb = 0, both = 0;
	while (na < a->nfig && a->fig[na] <= m)
		na++;
	while (nb < b->nfig && b->fig[nb] <= m)
		nb++;
	for (unsigned i = 0, j = 0; i < na && j < nb;) {
		if (a->fig[i] == b->fig[j])
			both++, i++, j++;
		else if (a->fig[i] < b->fig[j])
			i++;
		else
			j++;
	}
	unsigned lo = na < nb ? na : nb;
	return lo ? (double)both / lo : 1;
}

static const char hexd[] = "0123456789abcdef";

static void put_hex(struct buf *out, const uint32_t *v, unsigned n)
{
	char t[8];

	for (unsigned i = 0; i < n; i++) {
		for (unsigned k = 0; k < 8; k++)
			t[k] = hexd[(v[i] >> (28 - 4 * k)) & 15];
		buf_add(out, t, 8);
	}
}

void sig_to_hex(const struct sig *s, struct buf *out)
{
	put_hex(out, s->v, SIG_BINS);
	put_hex(out, s->fig, s->nfig);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static int get_hex(const char *hex, uint32_t *v, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		uint32_t x = 0;
		for (unsigned k = 0; k < 8; k++) {
			int d = hexval(hex[8 * i + k]);
			if (d < 0)
				return -1;
			x = x << 4 | (uint32_t)d;
		}
		v[i] = x;
	}
	return 0;
}

int sig_from_hex(struct sig *s, const char *hex, size_t n)
{
	if (n % 8 || n < 8 * SIG_BINS || n > 8 * (SIG_BINS + SIG_FIGS))
		return -1;
	s->nfig = (uint32_t)(n / 8 - SIG_BINS);
	if (get_hex(hex, s->v, SIG_BINS) < 0 || get_hex(hex + 8 * SIG_BINS, s->fig, s->nfig) < 0)
		return -1;
	for (unsigned i = 1; i < s->nfig; i++)
		if (s->fig[i] <= s->fig[i - 1])
			return -1;
	return 0;
}
