#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <utf8proc.h>

#include "wire/core/utf8.h"

size_t utf8_count(const char *s, size_t n)
{
	size_t c = 0, i = 0;
	const unsigned char *p = (const unsigned char *)s;

#ifdef __SSE2__
	/* continuation bytes, 0x80..0xBF, are the signed bytes below -64 */
	while (i + 16 <= n) {
		/* per-byte counters, summed before they can overflow */
		__m128i acc = _mm_setzero_si128();
		size_t start = i;
		for (int k = 0; k < 255 && i + 16 <= n; k++, i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
			acc = _mm_sub_epi8(acc, _mm_cmplt_epi8(v, _mm_set1_epi8(-64)));
		}
		__m128i sum = _mm_sad_epu8(acc, _mm_setzero_si128());
		size_t cont = (size_t)_mm_cvtsi128_si32(sum) +
			      (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sum, 8));
		c += (i - start) - cont;
	}
#endif
	/* continuation bytes are 10xxxxxx: count them eight at a time */
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		uint64_t cont = (w & ~(w << 1)) & 0x8080808080808080ULL;
		c += 8 - (size_t)(((cont >> 7) * 0x0101010101010101ULL) >> 56);
	}
	for (; i < n; i++)
		c += (p[i] & 0xC0) != 0x80;
	return c;
}

int utf8_decode(const char *s, const char *end, int32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t avail = (size_t)(end - s);
	unsigned c = p[0];

	if (c < 0x80) {
		*cp = (int32_t)c;
		return 1;
	}
	int len;
	uint32_t v, min;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2; v = c & 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3; v = c & 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4; v = c & 0x07; min = 0x10000;
	} else {
		goto bad;
	}
	if (avail < (size_t)len)
		goto bad;
	for (int i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			goto bad;
		v = (v << 6) | (p[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		goto bad;
	*cp = (int32_t)v;
	return len;
bad:
	*cp = 0xFFFD;
	return 0;
}

void utf8_encode(struct buf *out, int32_t cp)
{
	char tmp[4];
	uint32_t c = (uint32_t)cp;

	if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		c = 0xFFFD;
	if (c < 0x80) {
		buf_addc(out, (int)c);
	} else if (c < 0x800) {
		tmp[0] = (char)(0xC0 | (c >> 6));
		tmp[1] = (char)(0x80 | (c & 0x3F));
		buf_add(out, tmp, 2);
	} else if (c < 0x10000) {
		tmp[0] = (char)(0xE0 | (c >> 12));
		tmp[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		tmp[2] = (char)(0x80 | (c & 0x3F));
		buf_add(out, tmp, 3);
	} else {
		tmp[0] = (char)(0xF0 | (c >> 18));
		tmp[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		tmp[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		tmp[3] = (char)(0x80 | (c & 0x3F));
		buf_add(out, tmp, 4);
	}
}

/* Lead bytes E0..FF: the sequence's length (0: not a lead byte) and the
 * range of its second byte, lo..lo+span, which excludes overlongs (E0,
 * F0), surrogates (ED) and code points above U+10FFFF (F4). */
static const unsigned char lead_len[32] = {
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4,
};
static const unsigned char lead_lo[32] = {
	0xA0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	0x80, 0x80, 0x90, 0x80, 0x80, 0x80, 0x80,
};
static const unsigned char lead_span[32] = {
	0x1F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x1F,
	0x3F, 0x3F, 0x2F, 0x3F, 0x3F, 0x3F, 0x0F,
};

static inline void second_range(unsigned c, unsigned *lo, unsigned *hi)
{
	if (c < 0xE0) {
		*lo = 0x80;
		*hi = 0xBF;
	} else {
		*lo = lead_lo[c - 0xE0];
		*hi = *lo + lead_span[c - 0xE0];
	}
}

/* Length of the valid sequence at p (*p >= 0x80, four bytes readable),
 * or 0. */
static inline int seq_len4(const unsigned char *p)
{
	unsigned c = p[0];

	if (c < 0xE0) {
		if (c < 0xC2)
			return 0;
		return (p[1] & 0xC0) == 0x80 ? 2 : 0;
	}
	unsigned i = c - 0xE0, len = lead_len[i];
	if (!len || (unsigned char)(p[1] - lead_lo[i]) > lead_span[i] || (p[2] & 0xC0) != 0x80)
		return 0;
	if (len == 4 && (p[3] & 0xC0) != 0x80)
		return 0;
	return (int)len;
}

/* Length of the valid sequence at p (p < end, *p >= 0x80), or 0. */
static inline int seq_len(const unsigned char *p, const unsigned char *end)
{
	if (end - p >= 4)
		return seq_len4(p);
	/* near the end: zeros, never continuation bytes, stand for the rest */
	unsigned char t[4] = { 0, 0, 0, 0 };
	memcpy(t, p, (size_t)(end - p));
	return seq_len4(t);
}

/* Length of the maximal subpart at p, an invalid sequence (p < end): the
 * lead byte and the continuation bytes that fit it, at least one byte. */
static size_t subpart_len(const unsigned char *p, const unsigned char *end)
{
	unsigned c = p[0], lo, hi;
	size_t avail = (size_t)(end - p), need, k = 1;

	if (c < 0xC2 || c > 0xF4)
		return 1;
	need = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	second_range(c, &lo, &hi);
	if (k < avail && p[1] >= lo && p[1] <= hi) {
		k = 2;
		while (k < need && k < avail && (p[k] & 0xC0) == 0x80)
			k++;
	}
	return k;
}

/*
 * With SSE2: ASCII is skipped 64 bytes at a time; a 16-byte block with
 * other bytes is loaded once and each sequence starting in it is decoded
 * where its lead byte's bit says, so text with a non-ASCII letter every
 * few bytes (Vietnamese) costs one load per block, not one per letter.
 * The last bytes (and every byte without SSE2) go eight, then one at a
 * time.
 */
size_t utf8_check(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

#ifdef __SSE2__
	while (end - p >= 16) {
		if (end - p >= 64) {
			const __m128i *v = (const __m128i *)(const void *)p;
			__m128i a = _mm_or_si128(_mm_loadu_si128(v), _mm_loadu_si128(v + 1));
			__m128i b = _mm_or_si128(_mm_loadu_si128(v + 2), _mm_loadu_si128(v + 3));
			if (!_mm_movemask_epi8(_mm_or_si128(a, b))) {
				p += 64;
				continue;
			}
		}
		const unsigned char *blk = p;
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)p));
		p += 16;
		while (m) {
			const unsigned char *q = blk + __builtin_ctz(m);
			int k = seq_len(q, end);
			if (!k)
				return (size_t)(q - (const unsigned char *)s);
			unsigned off = (unsigned)(q - blk) + (unsigned)k;
			if (off >= 16) {
				p = blk + off; /* the sequence ends past the block */
				break;
			}
			m &= ~0u << off;
		}
	}
#endif
	for (;;) {
		while (end - p >= 8) {
			uint64_t w;
			memcpy(&w, p, 8);
			if (w & 0x8080808080808080ULL)
				break;
			p += 8;
		}
		while (p < end && *p < 0x80)
			p++;
		if (p == end)
			return n;
		int k = seq_len(p, end);
		if (!k)
			return (size_t)(p - (const unsigned char *)s);
		p += k;
	}
}

size_t utf8_bad_len(const char *s, size_t n)
{
	return subpart_len((const unsigned char *)s, (const unsigned char *)s + n);
}

size_t utf8_sanitize(struct buf *out, const char *s, size_t n)
{
	size_t bad = 0;

	for (;;) {
		size_t ok = utf8_check(s, n);
		buf_add(out, s, ok);
		if (ok == n)
			return bad;
		size_t skip = subpart_len((const unsigned char *)s + ok, (const unsigned char *)s + n);
		buf_add(out, "\xEF\xBF\xBD", 3);
		bad++;
		s += ok + skip;
		n -= ok + skip;
	}
}

size_t utf8_fix(struct buf *b, struct buf *tmp, size_t *first)
{
	size_t ok = utf8_check(b->buf, b->len);

	if (ok == b->len)
		return 0;
	*first = ok;
	buf_reset(tmp);
	buf_add(tmp, b->buf, ok);
	size_t nbad = utf8_sanitize(tmp, b->buf + ok, b->len - ok);
	struct buf t = *b;
	*b = *tmp;
	*tmp = t;
	return nbad;
}

/* Letters that compatibility decomposition leaves alone. */
static const char *fold_special(int32_t c)
{
	switch (c) {
	case 0x0111: case 0x0110: return "d";   /* đ Đ */
	case 0x00F0: case 0x00D0: return "d";   /* ð Ð */
	case 0x0142: case 0x0141: return "l";   /* ł Ł */
	case 0x00F8: case 0x00D8: return "o";   /* ø Ø */
	case 0x0127: case 0x0126: return "h";   /* ħ Ħ */
	case 0x0131: return "i";                /* dotless ı */
	case 0x00E6: case 0x00C6: return "ae";  /* æ Æ */
	case 0x0153: case 0x0152: return "oe";  /* œ Œ */
	case 0x00FE: case 0x00DE: return "th";  /* þ Þ */
	case 0x0167: case 0x0166: return "t";   /* ŧ Ŧ */
	case 0x2018: case 0x2019: case 0x201B: case 0x02BC: case 0x2032:
		return "'";
	case 0x201C: case 0x201D: case 0x201F: case 0x2033:
		return "\"";
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212:
		return "-";
	default: return NULL;
	}
}

void utf8_fold(struct buf *out, const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	size_t start = out->len;
	int space = 1; /* suppress leading white space */

	while (p < end) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x80) {
			p++;
			if (c == ' ' || (c >= '\t' && c <= '\r')) {
				if (!space)
					buf_addc(out, ' ');
				space = 1;
				continue;
			}
			buf_addc(out, (c >= 'A' && c <= 'Z') ? c + 32 : c);
			space = 0;
			continue;
		}
		int32_t cp;
		int len = utf8_decode(p, end, &cp);
		if (!len) {
			p++;
			continue;
		}
		p += len;
		if (utf8_is_space(cp)) {
			if (!space)
				buf_addc(out, ' ');
			space = 1;
			continue;
		}
		const char *sp = fold_special(cp);
		if (sp) {
			buf_adds(out, sp);
			space = 0;
			continue;
		}
		utf8proc_int32_t dec[32];
		int last = 0;
		utf8proc_ssize_t m = utf8proc_decompose_char(cp, dec, 32,
			UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
			UTF8PROC_STRIPMARK | UTF8PROC_IGNORE, &last);
		if (m < 0 || m > 32) {
			utf8_encode(out, cp);
			space = 0;
			continue;
		}
		for (utf8proc_ssize_t i = 0; i < m; i++) {
			const char *sp2 = fold_special(dec[i]);
			if (sp2)
				buf_adds(out, sp2);
			else
				utf8_encode(out, dec[i]);
		}
		if (m)
			space = 0;
	}
	if (out->len > start && out->buf[out->len - 1] == ' ')
		buf_setlen(out, out->len - 1);
}

int utf8_is_upper(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int utf8_is_lower(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

int utf8_is_alpha(int32_t cp)
{
	if (cp < 0x80)
		return (cp | 32) >= 'a' && (cp | 32) <= 'z';
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

int utf8_is_digit(int32_t cp)
{
	if (cp < 0x80)
		return cp >= '0' && cp <= '9';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

int utf8_is_space(int32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= '\t' && cp <= '\r');
	if (cp == 0x85 || cp == 0xA0 || cp == 0x1680 || cp == 0x202F ||
	    cp == 0x205F || cp == 0x3000 || cp == 0x2028 || cp == 0x2029)
		return 1;
	return cp >= 0x2000 && cp <= 0x200A;
}

int utf8_is_punct(int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_PO;
}

int utf8_is_bullet(int32_t cp)
{
	switch (cp) {
	case '-': case '*': case '+':
	case 0x2022: /* • */
	case 0x2023: /* ‣ */
	case 0x2043: /* ⁃ */
	case 0x25E6: /* ◦ */
	case 0x25AA: /* ▪ */
	case 0x25A0: /* ■ */
	case 0x25CF: /* ● */
	case 0x2013: /* – */
	case 0x2014: /* — */
		return 1;
	default:
		return 0;
	}
}
