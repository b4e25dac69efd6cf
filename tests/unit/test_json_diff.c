/*
 * Differential test: the hand-written JSON scanner (json_scan,
 * json_check_object) accepts and rejects exactly what libjq's parser
 * (jv_parse_sized) does, on generated values and ~100,000 seeded random
 * mutations of them (byte flips, truncations, insertions of JSON
 * punctuation, digits and UTF-8 fragments, deletions) and on nesting near
 * JSON_MAX_DEPTH.
 *
 * Intended differences (counted, not failures), all places where jq 1.6 is
 * more lenient than RFC 8259 and wire keeps to the RFC:
 *   - literals and numbers: jq reads a run of letters, digits and
 *     `.+-eE` as one token and accepts what its strtod accepts: `nan`,
 *     `01`, `1.`, `.5`, `+1`, `-.5e1`, `1e`? no: only forms strtod takes.
 *     The scanner rejects them ("invalid number", "invalid literal").
 *   - the raw control characters U+0000 and U+001F inside strings: jq 1.6
 *     rejects only 0x01..0x1E (its test is `c > 0 && c < 0x1f`), the
 *     scanner all of U+0000..U+001F as RFC 8259 says.
 * Any other disagreement fails the test and is printed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jv.h>

#include "wire/core/buf.h"
#include "wire/core/json.h"

/* libjq 1.6 leaks the string it was holding when a value follows another
 * without a comma inside a container (`["a" "b"]`); not ours to fix, so
 * LeakSanitizer (make SANITIZE=address) is told to ignore leaks allocated
 * inside libjq in this test (libjq has no frame pointers: the module is
 * what the stack shows). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libjq.so\n";
}

static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t x = rng_state;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return rng_state = x;
}

static size_t below(size_t n)
{
	return n ? (size_t)(rnd() % n) : 0;
}

static const char *pick(const char *const *list, size_t n)
{
	return list[below(n)];
}
#define PICK(list) pick(list, sizeof(list) / sizeof(*(list)))

static void gen_value(struct buf *b, int depth);

static void gen_ws(struct buf *b)
{
	static const char *const ws[] = { "", "", "", " ", "\n", "\t", "\r\n", "  " };
	buf_adds(b, PICK(ws));
}

static void gen_string(struct buf *b)
{
	static const char *const parts[] = {
		"a", "news", " ", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t",
		"\\u00e9", "\\u0000", "\\uD83D\\uDE00", "\\ud800", "\\udc00x", "\\u20AC",
		"\xc3\xa9", "\xe2\x80\xa8", "\xf0\x9f\x98\x80", "H\xc3\xa0 N\xe1\xbb\x99i", "{", "[",
		":", ",", "1", "'",
	};
	buf_addc(b, '"');
	for (size_t i = below(5); i > 0; i--)
		buf_adds(b, PICK(parts));
	buf_addc(b, '"');
}

static void gen_number(struct buf *b)
{
	static const char *const ints[] = { "0", "-0", "1", "-1", "42", "1234567890123456789012",
					    "9", "-907" };
	static const char *const fracs[] = { "", "", ".5", ".0", ".125", ".000001" };
	static const char *const exps[] = { "", "", "", "e5", "E-3", "e+10", "e0", "E400" };
	buf_adds(b, PICK(ints));
	buf_adds(b, PICK(fracs));
	buf_adds(b, PICK(exps));
}

static void gen_container(struct buf *b, int depth, int obj)
{
	buf_addc(b, obj ? '{' : '[');
	gen_ws(b);
	for (size_t i = 0, n = below(4); i < n; i++) {
		if (i) {
			buf_addc(b, ',');
			gen_ws(b);
		}
		if (obj) {
			gen_string(b);
			gen_ws(b);
			buf_addc(b, ':');
			gen_ws(b);
		}
		gen_value(b, depth + 1);
		gen_ws(b);
	}
	buf_addc(b, obj ? '}' : ']');
}

static void gen_value(struct buf *b, int depth)
{
	static const char *const lits[] = { "true", "false", "null" };
	switch (depth > 4 ? below(4) : below(6)) {
	case 0: buf_adds(b, PICK(lits)); break;
	case 1: gen_number(b); break;
	case 2: case 3: gen_string(b); break;
	case 4: gen_container(b, depth, 0); break;
	default: gen_container(b, depth, 1); break;
	}
}

/* One random edit of `b`. */
static void mutate(struct buf *b)
{
	static const char *const frags[] = {
		"\"", "\\", "{", "}", "[", "]", ",", ":", "0", "1", "7", "-", ".", "e", "+",
		"\xc3", "\xa9", "\xe2\x80", "\xf0\x9f\x98", "\xed\xa0\x80", "\xc0\xaf", "\xff",
		"\\u", "\\ud83d", "n", "t", "\x01", "\x1f", " ", "\t", "\x7f",
	};
	size_t at = below(b->len + 1);
	switch (below(4)) {
	case 0: /* flip or replace a byte */
		if (b->len) {
			at = below(b->len);
			b->buf[at] = below(2) ? (char)(b->buf[at] ^ (1 << below(8))) : *PICK(frags);
		}
		break;
	case 1: /* truncate */
		buf_setlen(b, at);
		break;
	case 2: { /* insert */
		const char *f = PICK(frags);
		size_t n = strlen(f);
		buf_grow(b, n);
		memmove(b->buf + at + n, b->buf + at, b->len - at);
		memcpy(b->buf + at, f, n);
		buf_setlen(b, b->len + n);
		break;
	}
	default: /* delete a byte */
		if (at < b->len) {
			memmove(b->buf + at, b->buf + at + 1, b->len - at - 1);
			buf_setlen(b, b->len - 1);
		}
		break;
	}
}

/* The scanner's verdict on the whole text: one value, white space around. */
static int wire_accepts(const char *s, size_t n, const char **msg, const char **errp)
{
	struct json_val v;
	const char *err = NULL;
	*msg = NULL;
	*errp = s;
	const char *p = json_scan(s, s + n, &v, &err, msg);
	if (!p) {
		*errp = err;
		return 0;
	}
	while (p < s + n && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	if (p != s + n)
		*msg = "text after the value";
	return p == s + n;
}

/* True when s[0..n) is a strict JSON number (RFC 8259). */
static int strict_number(const char *s, size_t n)
{
	size_t i = 0;
	if (i < n && s[i] == '-')
		i++;
	if (i < n && s[i] == '0')
		i++;
	else if (i < n && s[i] >= '1' && s[i] <= '9')
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	else
		return 0;
	if (i < n && s[i] == '.') {
		if (++i >= n || s[i] < '0' || s[i] > '9')
			return 0;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		if (++i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= n || s[i] < '0' || s[i] > '9')
			return 0;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	return i == n;
}

/* True when the text holds, outside strings, a token of the kind jq reads
 * as one literal (a run of bytes that are not white space, quotes or
 * structure) that is not a JSON literal or number: "nan", "01", "1.",
 * ".5", "-05", "\v1" (strtod skips the vertical tab)... */
static int has_jq_only_token(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		if (s[i] == '"') {
			for (i++; i < n && s[i] != '"'; i++)
				if (s[i] == '\\')
					i++;
			i++;
			continue;
		}
		size_t j = i;
		while (j < n && !memchr(" \t\r\n\"[,]{:}", s[j], 10))
			j++;
		if (j == i) {
			i++;
			continue;
		}
		size_t len = j - i;
		if (!strict_number(s + i, len) && !(len == 4 && !memcmp(s + i, "true", 4)) &&
		    !(len == 5 && !memcmp(s + i, "false", 5)) && !(len == 4 && !memcmp(s + i, "null", 4)))
			return 1;
		i = j;
	}
	return 0;
}

struct tally {
	unsigned long cases, agree, lenient_number, lenient_control, other;
};

/* Compares both parsers on s[0..n); counts; prints the first few real
 * disagreements. */
static void compare(struct tally *t, const char *s, size_t n)
{
	const char *msg;
	jv j = jv_parse_sized(s, (int)n);
	int jq_ok = jv_is_valid(j);
	int jq_obj = jq_ok && jv_get_kind(j) == JV_KIND_OBJECT;
	jv_free(j);
	const char *at;
	int w_ok = wire_accepts(s, n, &msg, &at);
	const char *omsg;
	size_t opos;
	int w_obj = json_check_object(s, n, &omsg, &opos);

	t->cases++;
	if (jq_ok == w_ok && jq_obj == w_obj) {
		t->agree++;
		return;
	}
	if (jq_ok && !w_ok && has_jq_only_token(s, n)) {
		t->lenient_number++;
		return;
	}
	if (jq_ok && !w_ok && msg && !strcmp(msg, "control character in string") &&
	    (*at == 0x00 || *at == 0x1f)) {
		t->lenient_control++;
		return;
	}
	if (++t->other <= 10) {
		fprintf(stderr, "# disagreement: jq %s, wire %s (%s), object jq %d wire %d: '",
			jq_ok ? "accepts" : "rejects", w_ok ? "accepts" : "rejects",
			msg ? msg : "-", jq_obj, w_obj);
		for (size_t i = 0; i < n && i < 200; i++)
			fprintf(stderr, (unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f
				? "\\x%02x" : "%c", (unsigned char)s[i]);
		fprintf(stderr, "'\n");
	}
}

static void report(const char *what, const struct tally *t)
{
	printf("# %s: %lu cases, %lu agree, jq-only numbers/literals %lu, jq-only raw "
	       "control characters %lu, other disagreements %lu\n",
	       what, t->cases, t->agree, t->lenient_number, t->lenient_control, t->other);
}

static void test_generated_values(void **state)
{
	(void)state;
	struct tally t = { 0 };
	struct buf b = BUF_INIT;
	rng_state = 0x9e3779b97f4a7c15u;
	for (int i = 0; i < 20000; i++) {
		buf_reset(&b);
		gen_ws(&b);
		gen_value(&b, i % 2 ? 0 : 1);
		gen_ws(&b);
		compare(&t, b.buf, b.len);
	}
	report("generated", &t);
	assert_int_equal(t.other, 0);
	assert_int_equal(t.agree, t.cases);
	buf_release(&b);
}

static void test_mutations(void **state)
{
	(void)state;
	struct tally t = { 0 };
	struct buf b = BUF_INIT;
	rng_state = 20261202;
	for (int i = 0; i < 100000; i++) {
		buf_reset(&b);
		gen_value(&b, below(3) ? 1 : 0);
		for (size_t k = 1 + below(3); k > 0; k--)
			mutate(&b);
		compare(&t, b.buf, b.len);
	}
	report("mutated", &t);
	assert_int_equal(t.other, 0);
	buf_release(&b);
}

/* Nesting around the limit both parsers share (jq 1.6: 256). */
static void test_depth(void **state)
{
	(void)state;
	struct tally t = { 0 };
	struct buf b = BUF_INIT;
	for (int d = JSON_MAX_DEPTH - 3; d <= JSON_MAX_DEPTH + 3; d++) {
		for (int kind = 0; kind < 3; kind++) {
			buf_reset(&b);
			for (int i = 0; i < d; i++)
				buf_adds(&b, kind == 0 ? "[" : kind == 1 ? "{\"a\":" : "[{\"k\":");
			buf_adds(&b, "1");
			for (int i = 0; i < d; i++)
				buf_adds(&b, kind == 0 ? "]" : kind == 1 ? "}" : "}]");
			compare(&t, b.buf, b.len);
			buf_setlen(&b, b.len - 1); /* one closer missing */
			compare(&t, b.buf, b.len);
		}
	}
	report("depth", &t);
	assert_int_equal(t.other, 0);
	buf_release(&b);
}

/* The intended differences, one example each, so that a change on either
 * side shows here. */
static void test_intended_differences(void **state)
{
	(void)state;
	const char *lenient[] = { "nan", "01", "1.", ".5", "+1", "-.5e1", "-05",
				  "{\"a\":\"\x1f\"}" };
	for (size_t i = 0; i < sizeof(lenient) / sizeof(*lenient); i++) {
		const char *msg, *at;
		jv j = jv_parse_sized(lenient[i], (int)strlen(lenient[i]));
		int ok = jv_is_valid(j);
		jv_free(j);
		if (!ok)
			printf("# jq rejects '%s' now\n", lenient[i]);
		assert_false(wire_accepts(lenient[i], strlen(lenient[i]), &msg, &at));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_generated_values),
		cmocka_unit_test(test_mutations),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_intended_differences),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
