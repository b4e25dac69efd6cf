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

size_t utf8_check(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	int32_t cp;

	while (p < end) {
#ifdef __SSE2__
		/* skip ASCII sixteen bytes at a time */
		while (end - p >= 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
			unsigned hi = (unsigned)_mm_movemask_epi8(v);
			if (hi) {
				p += __builtin_ctz(hi);
				break;
			}
			p += 16;
		}
#endif
		/* skip ASCII eight bytes at a time */
		while (end - p >= 8) {
			uint64_t w;
			memcpy(&w, p, 8);
			if (w & 0x8080808080808080ULL)
				break;
			p += 8;
		}
		if (p >= end)
			break;
		if ((unsigned char)*p < 0x80) {
			p++;
			continue;
		}
		int len = utf8_decode(p, end, &cp);
		if (!len)
			return (size_t)(p - s);
		p += len;
	}
	return n;
}

size_t utf8_sanitize(struct buf *out, const char *s, size_t n)
{
	size_t bad = 0;

	for (;;) {
		size_t ok = utf8_check(s, n);
		buf_add(out, s, ok);
		if (ok == n)
			return bad;
		int32_t cp;
		/* skip the maximal invalid subpart: one byte, then continuations */
		size_t skip = 1;
		while (ok + skip < n && ((unsigned char)s[ok + skip] & 0xC0) == 0x80 && skip < 4)
			skip++;
		(void)utf8_decode(s + ok, s + n, &cp);
		utf8_encode(out, 0xFFFD);
		bad++;
		s += ok + skip;
		n -= ok + skip;
	}
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
