#include <stdint.h>
#include <string.h>

#include "wire/core/json.h"
#include "wire/core/utf8.h"

static inline const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 32;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* SWAR: a 0x80 bit in each byte of `w` that is zero (or, past the first
 * such byte, possibly a false one: callers then look byte by byte). */
static inline uint64_t zero_bytes(uint64_t w)
{
	return (w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL;
}

/* Whether one of the 8 bytes at p is '"', '\\', a control or (with del) DEL. */
static inline int special8(const char *p, int del)
{
	uint64_t w;

	memcpy(&w, p, 8);
	uint64_t m = zero_bytes(w ^ 0x2222222222222222ULL) |
		     zero_bytes(w ^ 0x5C5C5C5C5C5C5C5CULL) |
		     ((w - 0x2020202020202020ULL) & ~w & 0x8080808080808080ULL);
	if (del)
		m |= zero_bytes(w ^ 0x7F7F7F7F7F7F7F7FULL);
	return m != 0;
}

#ifdef __SSE2__
#include <emmintrin.h>
/* Offset of the first byte in p[0..16) that is '"', '\\', a control or
 * (with del) DEL; 16 when there is none. */
static inline unsigned special16(const char *p, int del)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i m = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
				 _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
	/* v <= 0x1F, unsigned */
	m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x1F)),
					   _mm_set1_epi8(0x1F)));
	if (del)
		m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
	unsigned bits = (unsigned)_mm_movemask_epi8(m);
	return bits ? (unsigned)__builtin_ctz(bits) : 16;
}

/* Skips the bytes that special16() does not stop at. */
static inline const char *skip_plain(const char *p, const char *end, int del)
{
	while (end - p >= 16) {
		unsigned k = special16(p, del);
		p += k;
		if (k < 16)
			return p;
	}
	return p;
}
#else
static inline const char *skip_plain(const char *p, const char *end, int del)
{
	while (end - p >= 8 && !special8(p, del))
		p += 8;
	return p;
}
#endif

/* Scans a string starting at the opening quote; returns past the closing one. */
static const char *scan_string(const char *p, const char *end, const char **err, const char **msg)
{
	p++;
	for (;;) {
		/* fast skip of plain bytes, eight at a time */
		p = skip_plain(p, end, 0);
		while (p < end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
			p++;
		if (p >= end) {
			*err = p;
			*msg = "unterminated string";
			return NULL;
		}
		if (*p == '"')
			return p + 1;
		if (*p == '\\') {
			if (p + 1 >= end) {
				*err = p;
				*msg = "unterminated string";
				return NULL;
			}
			switch (p[1]) {
			case '"': case '\\': case '/': case 'b': case 'f':
			case 'n': case 'r': case 't':
				p += 2;
				break;
			case 'u':
				if (end - p < 6 || hexval(p[2]) < 0 || hexval(p[3]) < 0 ||
				    hexval(p[4]) < 0 || hexval(p[5]) < 0) {
					*err = p;
					*msg = "invalid \\u escape";
					return NULL;
				}
				/* jq 1.6 rejects a high surrogate that no low
				 * one follows (a lone low one is U+FFFD). */
				if (hexval(p[2]) == 0xd && hexval(p[3]) >= 8 && hexval(p[3]) <= 0xb &&
				    (end - p < 12 || p[6] != '\\' || p[7] != 'u' ||
				     hexval(p[8]) != 0xd || hexval(p[9]) < 0xc ||
				     hexval(p[10]) < 0 || hexval(p[11]) < 0)) {
					*err = p;
					*msg = "invalid \\uXXXX\\uXXXX surrogate pair escape";
					return NULL;
				}
				p += 6;
				break;
			default:
				*err = p;
				*msg = "invalid escape";
				return NULL;
			}
			continue;
		}
		*err = p;
		*msg = "control character in string";
		return NULL;
	}
}

static const char *scan_number(const char *p, const char *end, const char **err, const char **msg)
{
	const char *s = p;

	if (p < end && *p == '-')
		p++;
	if (p < end && *p == '0') {
		p++;
	} else if (p < end && *p >= '1' && *p <= '9') {
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	} else {
		goto bad;
	}
	if (p < end && *p == '.') {
		p++;
		if (p >= end || *p < '0' || *p > '9')
			goto bad;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if (p >= end || *p < '0' || *p > '9')
			goto bad;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	return p;
bad:
	*err = p > s ? p : s;
	*msg = "invalid number";
	return NULL;
}

static const char *scan_value(const char *p, const char *end, struct json_val *v,
			      int depth, const char **err, const char **msg)
{
	p = skip_ws(p, end);
	if (p >= end) {
		*err = p;
		*msg = "unexpected end of input";
		return NULL;
	}
	const char *s = p, *q;
	switch (*p) {
	case '"':
		q = scan_string(p, end, err, msg);
		v->type = JSON_STRING;
		break;
	case '{':
	case '[': {
		char close = *p == '{' ? '}' : ']';
		int obj = *p == '{';
		struct json_val tmp;
		if (depth >= JSON_MAX_DEPTH) {
			*err = p;
			*msg = "too deeply nested";
			return NULL;
		}
		q = skip_ws(p + 1, end);
		if (q < end && *q == close) {
			q++;
		} else {
			for (;;) {
				if (obj) {
					q = skip_ws(q, end);
					if (q >= end || *q != '"') {
						*err = q;
						*msg = "object key expected";
						return NULL;
					}
					q = scan_string(q, end, err, msg);
					if (!q)
						return NULL;
					q = skip_ws(q, end);
					if (q >= end || *q != ':') {
						*err = q;
						*msg = "':' expected";
						return NULL;
					}
					q++;
				}
				/* depth counts jq's parser stack: one slot
				 * for an array, two (object and key) for an
				 * object member's value */
				q = scan_value(q, end, &tmp, depth + 1 + obj, err, msg);
				if (!q)
					return NULL;
				q = skip_ws(q, end);
				if (q < end && *q == ',') {
					q++;
					continue;
				}
				if (q < end && *q == close) {
					q++;
					break;
				}
				*err = q;
				*msg = obj ? "',' or '}' expected" : "',' or ']' expected";
				return NULL;
			}
		}
		v->type = obj ? JSON_OBJECT : JSON_ARRAY;
		break;
	}
	case 't':
		if (end - p >= 4 && !memcmp(p, "true", 4)) {
			q = p + 4;
			v->type = JSON_TRUE;
			break;
		}
		goto bad;
	case 'f':
		if (end - p >= 5 && !memcmp(p, "false", 5)) {
			q = p + 5;
			v->type = JSON_FALSE;
			break;
		}
		goto bad;
	case 'n':
		if (end - p >= 4 && !memcmp(p, "null", 4)) {
			q = p + 4;
			v->type = JSON_NULL;
			break;
		}
		goto bad;
	default:
		if (*p == '-' || (*p >= '0' && *p <= '9')) {
			q = scan_number(p, end, err, msg);
			v->type = JSON_NUMBER;
			break;
		}
		goto bad;
	}
	if (!q)
		return NULL;
	v->p = s;
	v->n = (size_t)(q - s);
	return q;
bad:
	*err = p;
	*msg = "invalid literal";
	return NULL;
}

const char *json_scan(const char *p, const char *end, struct json_val *v,
		      const char **err, const char **msg)
{
	const char *e_dummy, *m_dummy;

	return scan_value(p, end, v, 0, err ? err : &e_dummy, msg ? msg : &m_dummy);
}

int json_check_object(const char *s, size_t n, const char **msg, size_t *errpos)
{
	const char *end = s + n, *err = s, *m = NULL;
	struct json_val v;
	const char *q = scan_value(s, end, &v, 0, &err, &m);

	if (q) {
		if (v.type != JSON_OBJECT) {
			err = v.p;
			m = "record is not an object";
		} else {
			q = skip_ws(q, end);
			if (q == end)
				return 1;
			err = q;
			m = "trailing characters after the object";
		}
	}
	if (msg)
		*msg = m;
	if (errpos)
		*errpos = (size_t)(err - s);
	return 0;
}

/*
 * Skips the value at p (no white space before it) in text that was
 * already validated, without validating it again: strings by memchr for
 * the closing quote, containers by depth. Never reads past `end`. Sets
 * *v like json_scan. Returns NULL only at the end of the text.
 */
static const char *skip_string(const char *p, const char *end)
{
	p++;
	for (;;) {
		const char *q = memchr(p, '"', (size_t)(end - p));
		if (!q)
			return NULL;
		/* the quote is escaped when an odd run of backslashes precedes it */
		const char *b = q;
		while (b > p && b[-1] == '\\')
			b--;
		if (((q - b) & 1) == 0)
			return q + 1;
		p = q + 1;
	}
}

static const char *skip_value(const char *p, const char *end, struct json_val *v)
{
	const char *s = p;

	if (p >= end)
		return NULL;
	switch (*p) {
	case '"':
		p = skip_string(p, end);
		v->type = JSON_STRING;
		break;
	case '{':
	case '[': {
		int depth = 0;
		v->type = *p == '{' ? JSON_OBJECT : JSON_ARRAY;
		while (p < end) {
			char c = *p;
			if (c == '"') {
				p = skip_string(p, end);
				if (!p)
					return NULL;
				continue;
			}
			if (c == '{' || c == '[') {
				depth++;
			} else if (c == '}' || c == ']') {
				if (--depth == 0) {
					p++;
					break;
				}
			}
			p++;
		}
		if (depth)
			return NULL;
		break;
	}
	default:
		v->type = *p == 't' ? JSON_TRUE : *p == 'f' ? JSON_FALSE
			: *p == 'n' ? JSON_NULL : JSON_NUMBER;
		while (p < end && *p != ',' && *p != '}' && *p != ']' && *p != ' ' &&
		       *p != '\t' && *p != '\n' && *p != '\r')
			p++;
	}
	if (!p)
		return NULL;
	v->p = s;
	v->n = (size_t)(p - s);
	return p;
}

void json_iter_object(struct json_iter *it, const struct json_val *obj)
{
	it->p = obj->p + 1;
	it->end = obj->p + obj->n - 1;
}

void json_iter_array(struct json_iter *it, const struct json_val *arr)
{
	it->p = arr->p + 1;
	it->end = arr->p + arr->n - 1;
}

int json_next_member(struct json_iter *it, struct json_val *key, struct json_val *val)
{
	const char *p = skip_ws(it->p, it->end);

	if (p < it->end && *p == ',')
		p = skip_ws(p + 1, it->end);
	if (p >= it->end || *p != '"')
		return 0;
	p = skip_value(p, it->end, key);
	if (!p)
		return 0;
	p = skip_ws(p, it->end);
	if (p >= it->end || *p != ':')
		return 0;
	p = skip_value(skip_ws(p + 1, it->end), it->end, val);
	if (!p)
		return 0;
	it->p = p;
	return 1;
}

int json_next_elem(struct json_iter *it, struct json_val *val)
{
	const char *p = skip_ws(it->p, it->end);

	if (p < it->end && *p == ',')
		p++;
	p = skip_ws(p, it->end);
	if (p >= it->end)
		return 0;
	p = skip_value(p, it->end, val);
	if (!p)
		return 0;
	it->p = p;
	return 1;
}

int json_key_eq(const struct json_val *key, const char *name, size_t len)
{
	if (key->n == len + 2 && !memchr(key->p, '\\', key->n))
		return !memcmp(key->p + 1, name, len);
	if (!memchr(key->p, '\\', key->n))
		return 0;
	struct buf b = BUF_INIT;
	json_decode_string(key, &b);
	int eq = b.len == len && !memcmp(b.buf, name, len);
	buf_release(&b);
	return eq;
}

int json_get(const struct json_val *obj, const char *name, size_t len, struct json_val *val)
{
	struct json_iter it;
	struct json_val k, v;
	int found = 0;

	if (obj->type != JSON_OBJECT)
		return 0;
	json_iter_object(&it, obj);
	while (json_next_member(&it, &k, &v)) {
		if (json_key_eq(&k, name, len)) {
			*val = v;
			found = 1;
		}
	}
	return found;
}

/* The first backslash in [p, end), or NULL: inline, since the spans
 * between escapes (a "\n" per line of text) are short. */
static inline const char *find_backslash(const char *p, const char *end)
{
#ifdef __SSE2__
	while (end - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
		if (m)
			return p + __builtin_ctz(m);
		p += 16;
	}
	for (; p < end; p++)
		if (*p == '\\')
			return p;
	return NULL;
#else
	return memchr(p, '\\', (size_t)(end - p));
#endif
}

int json_decode_string(const struct json_val *v, struct buf *out)
{
	if (v->type != JSON_STRING)
		return -1;
	const char *p = v->p + 1, *end = v->p + v->n - 1;
	buf_grow(out, v->n);  /* decoding never lengthens a string */
	while (p < end) {
		const char *q = find_backslash(p, end);
		if (!q) {
			buf_add(out, p, (size_t)(end - p));
			break;
		}
		buf_add(out, p, (size_t)(q - p));
		p = q + 2;
		switch (q[1]) {
		case 'b': buf_addc(out, '\b'); break;
		case 'f': buf_addc(out, '\f'); break;
		case 'n': buf_addc(out, '\n'); break;
		case 'r': buf_addc(out, '\r'); break;
		case 't': buf_addc(out, '\t'); break;
		case 'u': {
			int32_t cp = (hexval(q[2]) << 12) | (hexval(q[3]) << 8) |
				     (hexval(q[4]) << 4) | hexval(q[5]);
			p = q + 6;
			if (cp >= 0xD800 && cp <= 0xDBFF && end - p >= 6 && p[0] == '\\' &&
			    p[1] == 'u') {
				int32_t lo = (hexval(p[2]) << 12) | (hexval(p[3]) << 8) |
					     (hexval(p[4]) << 4) | hexval(p[5]);
				if (lo >= 0xDC00 && lo <= 0xDFFF) {
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					p += 6;
				}
			}
			utf8_encode(out, cp);
			break;
		}
		default: buf_addc(out, q[1]); break;
		}
	}
	return 0;
}

/* 1 for bytes that need an escape in jq -c output. */
static const unsigned char needs_escape[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
};

void json_escape(struct buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	buf_grow(out, n + 2);
	buf_addc(out, '"');
	while (p < end) {
		const unsigned char *q = p;
		q = (const unsigned char *)skip_plain((const char *)q, (const char *)end, 1);
		while (q < end && !needs_escape[*q])
			q++;
		if (q > p)
			buf_add(out, p, (size_t)(q - p));
		if (q >= end)
			break;
		char e[6] = { '\\', 0 };
		size_t en = 2;
		switch (*q) {
		case '"': e[1] = '"'; break;
		case '\\': e[1] = '\\'; break;
		case '\b': e[1] = 'b'; break;
		case '\f': e[1] = 'f'; break;
		case '\n': e[1] = 'n'; break;
		case '\r': e[1] = 'r'; break;
		case '\t': e[1] = 't'; break;
		default:
			e[1] = 'u'; e[2] = '0'; e[3] = '0';
			e[4] = hex[*q >> 4]; e[5] = hex[*q & 15];
			en = 6;
		}
		buf_add(out, e, en);
		p = q + 1;
	}
	buf_addc(out, '"');
}
