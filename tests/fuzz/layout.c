/*
 * fuzz target layout — the tagger sentences of a record's text
 * (lib/entities/layout.h) on any bytes, made valid UTF-8 first (as every
 * tool's input is); the first byte chooses the sentence rules or blocks
 * only.
 *
 * Checks: the sentences are in order, inside the text, not overlapping,
 * trimmed, and cover every byte that is not white space; no sentence runs
 * across a blank line or across a line break that layout_soft_break does
 * not call soft (in the shape layout_shape_of gives the text).
 */
#include "fuzz.h"
#include "wire/core/utf8.h"
#include "wire/entities/layout.h"

static struct segment_rules *rules;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	rules = fuzz_segment_rules("layout");
	return 0;
}

/* Is the code point at t[i] white space (its length in *len)? */
static int space_at(const char *t, size_t n, size_t i, size_t *len)
{
	int32_t cp;
	int k = utf8_decode(t + i, t + n, &cp);
	FUZZ_CHECK(k > 0);
	*len = (size_t)k;
	return cp == '\n' || utf8_is_space(cp) || cp == '\v' || cp == '\f' || cp == '\r' || cp == '\t';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf clean = BUF_INIT;
	struct layout l = LAYOUT_INIT;
	struct spans s = SPANS_INIT;

	if (size < 1 || size > 16384)
		return 0;
	utf8_sanitize(&clean, (const char *)data + 1, size - 1);
	const char *t = clean.buf;
	size_t n = clean.len;
	layout_sentences(&l, data[0] & 1 ? rules : NULL, t, n, &s);
	struct layout_shape sh;
	struct layout tmp = LAYOUT_INIT;
	layout_shape_of(&tmp, t, n, &sh);
	layout_release(&tmp);
	size_t at = 0, len;
	for (size_t i = 0; i < s.n; i++) {
		size_t b = s.v[i].b, e = s.v[i].e;
		FUZZ_CHECK(at <= b && b < e && e <= n);
		for (size_t k = at; k < b; k += len)
			FUZZ_CHECK(space_at(t, n, k, &len));
		FUZZ_CHECK(!space_at(t, n, b, &len));
		/* the last code point is no space */
		size_t k = e - 1;
		while (k > b && ((unsigned char)t[k] & 0xC0) == 0x80)
			k--;
		FUZZ_CHECK(!space_at(t, n, k, &len));
		/* every line break inside is soft */
		for (const char *nl = memchr(t + b, '\n', e - b); nl;
		     nl = memchr(nl + 1, '\n', (size_t)(t + e - nl - 1))) {
			size_t p = (size_t)(nl - t), lb = p, ne;
			while (lb > 0 && t[lb - 1] != '\n')
				lb--;
			const char *nx = memchr(nl + 1, '\n', n - p - 1);
			ne = nx ? (size_t)(nx - t) : n;
			struct layout_line x, y;
			layout_line(t, lb, p, &x);
			layout_line(t, p + 1, ne, &y);
			FUZZ_CHECK(x.b < x.e && y.b < y.e);
			FUZZ_CHECK(layout_soft_break(&x, &y, &sh));
		}
		at = e;
	}
	for (size_t k = at; k < n; k += len)
		FUZZ_CHECK(space_at(t, n, k, &len));
	spans_release(&s);
	layout_release(&l);
	buf_release(&clean);
	return 0;
}
