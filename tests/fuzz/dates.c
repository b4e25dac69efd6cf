/*
 * fuzz target dates — date normalisation (date.h) on one sentence of any
 * bytes, against an anchor date taken from the first two bytes.
 *
 * Checks: date_parse never reads past n and returns at most n; a parsed
 * date is valid and formats back to text that date_parse reads as the
 * same date; date_find's mentions are in text order, inside the text,
 * not overlapping, with NUL-terminated value and mod; date_find_doc over
 * the sentence's lines keeps the same contract.
 */
#include "fuzz.h"
#include "wire/dates/date.h"

static void check_mentions(const struct date_mentions *m, size_t n)
{
	size_t last = 0;
	for (size_t i = 0; i < m->n; i++) {
		const struct date_mention *x = &m->v[i];
		FUZZ_CHECK(x->b < x->e && x->e <= n && x->b >= last);
		last = x->e;
		FUZZ_CHECK(memchr(x->value, '\0', sizeof(x->value)));
		FUZZ_CHECK(memchr(x->mod, '\0', sizeof(x->mod)));
		FUZZ_CHECK(date_value_type(x->value) != NULL);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct date_mentions m;
	struct date_ymd anchor = { 0, 0, 0 }, d;
	struct buf f = BUF_INIT;

	if (size < 2 || size > 4096)
		return 0;
	/* anchor: none, or a day of 1990..2089 */
	if (data[0] | data[1]) {
		unsigned v = (unsigned)data[0] << 8 | data[1];
		anchor.y = 1990 + (int)(v % 100);
		anchor.m = 1 + (int)(v / 100 % 12);
		anchor.d = 1 + (int)(v / 1200 % 28);
	}
	const char *t = (const char *)data + 2;
	size_t n = size - 2;
	/* a copy of exactly n bytes: ASan catches any read past the end */
	char *s = xmalloc(n ? n : 1);
	memcpy(s, t, n);

	for (size_t i = 0; i < n && i < 64; i++) {
		size_t k = date_parse(s + i, n - i, &d);
		FUZZ_CHECK(k <= n - i);
		if (k) {
			FUZZ_CHECK(date_valid(&d));
			buf_reset(&f);
			date_format(&d, &f);
			struct date_ymd e;
			size_t fk = date_parse(f.buf, f.len, &e);
			FUZZ_CHECK(fk == f.len && e.y == d.y && e.m == d.m && e.d == d.d);
		}
	}
	date_find(s, n, &anchor, &m);
	check_mentions(&m, n);

	struct date_doc doc;
	memset(&doc, 0, sizeof(doc));
	size_t b = 0;
	while (b < n) {
		const char *nl = memchr(s + b, '\n', n - b);
		size_t e = nl ? (size_t)(nl - s) : n;
		date_find_doc(s + b, e - b, anchor.y ? &anchor : NULL, &doc, &m);
		check_mentions(&m, e - b);
		b = e + 1;
	}
	free(s);
	buf_release(&f);
	return 0;
}
