/* Unit tests of lib/core/token.c: word boundaries, joiners, offsets in bytes
 * and code points, and linear behaviour on pathological input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "wire/core/buf.h"
#include "wire/core/err.h"
#include "wire/core/token.h"

/* Tokenises s and compares with `want`, the tokens joined by '|'. */
static void check(const char *s, const char *want)
{
	struct tokens t = TOKENS_INIT;
	struct buf b = BUF_INIT;

	token_split(s, strlen(s), &t);
	for (size_t i = 0; i < t.n; i++) {
		if (i)
			buf_addc(&b, '|');
		buf_add(&b, s + t.v[i].b, t.v[i].e - t.v[i].b);
	}
	if (strcmp(b.buf, want))
		fail_msg("token_split(\"%s\") = \"%s\", want \"%s\"", s, b.buf,
			 want);
	buf_release(&b);
	tokens_release(&t);
}

static void words(void **state)
{
	(void)state;
	check("", "");
	check("   \t\n ", "");
	check("EU rejects German call.", "EU|rejects|German|call|.");
	check("(Thailand)", "(|Thailand|)");
	check("\"Hi,\" she said", "\"|Hi|,|\"|she|said");
	check("a  b", "a|b");
}

static void joiners(void **state)
{
	(void)state;
	check("O'Brien met ADMM-Plus", "O'Brien|met|ADMM-Plus");
	check("the U.S. and e.g. this", "the|U.S.|and|e.g.|this");
	check("in the U.S.", "in|the|U.S.");
	check("rose 3.5 pct.", "rose|3.5|pct|.");
	check("rose 3.5.", "rose|3.5|.");
	check("Thai-MECC (Thailand Maritime)", "Thai-MECC|(|Thailand|Maritime|)");
	check("ADSOM+ and ADMM+.", "ADSOM+|and|ADMM+|.");
	check("a+b", "a|+|b");
	check("AT&T and R&D, rock&roll", "AT&T|and|R&D|,|rock|&|roll");
	check("1,000 and 12,50 and 1,0000", "1,000|and|12|,|50|and|1|,|0000");
	check("J. Smith", "J.|Smith");
	/* abbreviation dots are the segmenter's business, not words' */
	check("Sr. Lt. Gen. Hung met Mr. Smith.", "Sr|.|Lt|.|Gen|.|Hung|met|Mr|.|Smith|.");
	check("in Hanoi. The", "in|Hanoi|.|The");
	check("Gen.Hung", "Gen.Hung");
	check("end-", "end|-");
	check("--x", "-|-|x");
	check("1996-08-22", "1996-08-22");
	check("U.S.A.", "U.S.A.");
	check("www.example.com.", "www.example.com|.");
}

static void possessive(void **state)
{
	(void)state;
	check("Australia's Department", "Australia|'s|Department");
	check("Australia\xe2\x80\x99s Department", "Australia|\xe2\x80\x99s|Department");
	check("the Jones' house", "the|Jones|'|house");
	check("'s alone", "'|s|alone");
	check("it's", "it|'s");
	check("don't", "don't");
}

static void unicode(void **state)
{
	(void)state;
	struct tokens t = TOKENS_INIT;
	/* "Hoàng Xuân Chiến." with a non-breaking space */
	const char *s = "Ho\xc3\xa0ng\xc2\xa0Xu\xc3\xa2n Chi\xe1\xba\xbfn.";

	token_split(s, strlen(s), &t);
	assert_int_equal(t.n, 4);
	assert_int_equal(t.v[0].b, 0);
	assert_int_equal(t.v[0].e, 6);
	assert_int_equal(t.v[0].cb, 0);
	assert_int_equal(t.v[0].ce, 5);
	assert_int_equal(t.v[1].cb, 6);
	assert_int_equal(t.v[1].ce, 10);
	assert_int_equal(t.v[2].cb, 11);
	assert_int_equal(t.v[2].ce, 16);
	assert_int_equal(t.v[3].cb, 16);
	assert_int_equal(t.v[3].ce, 17);
	assert_int_equal(t.v[3].e, strlen(s));
	/* combining marks stay in the word */
	check("Vie\xcc\xa3t Nam", "Vie\xcc\xa3t|Nam");
	/* em dash is punctuation, a token of its own */
	check("Hanoi\xe2\x80\x94" "Bangkok", "Hanoi|\xe2\x80\x94" "|Bangkok");
	/* invalid bytes are one-byte tokens, never swallowed or crashed on */
	check("ab\xff" "cd", "ab|\xff|cd");
	check("x\xe1\xba", "x|\xe1|\xba");
	tokens_release(&t);
}

static void reuse_and_offsets(void **state)
{
	(void)state;
	struct tokens t = TOKENS_INIT;
	const char *s = "one two";

	token_split(s, strlen(s), &t);
	assert_int_equal(t.n, 2);
	token_split("x", 1, &t);
	assert_int_equal(t.n, 1);
	assert_int_equal(t.v[0].e, 1);
	token_split(s, 0, &t);
	assert_int_equal(t.n, 0);
	tokens_release(&t);
	assert_null(t.v);
}

static void pathological(void **state)
{
	(void)state;
	size_t n = 1 << 20;
	char *s = xmalloc(n);
	struct tokens t = TOKENS_INIT;

	/* 1 MB without spaces: one word */
	memset(s, 'a', n);
	token_split(s, n, &t);
	assert_int_equal(t.n, 1);
	/* 1 MB of "a.": one long dotted word */
	for (size_t i = 0; i < n; i++)
		s[i] = i % 2 ? '.' : 'a';
	token_split(s, n, &t);
	assert_int_equal(t.n, 1);
	/* 100 000 capitalised words */
	for (size_t i = 0; i < n; i++)
		s[i] = i % 8 == 7 ? ' ' : i % 8 ? 'b' : 'A';
	token_split(s, n, &t);
	assert_int_equal(t.n, n / 8);
	/* 1 MB of punctuation */
	memset(s, '!', n);
	token_split(s, n, &t);
	assert_int_equal(t.n, n);
	assert_int_equal(t.v[n - 1].cb, n - 1);
	tokens_release(&t);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(words),
		cmocka_unit_test(joiners),
		cmocka_unit_test(possessive),
		cmocka_unit_test(unicode),
		cmocka_unit_test(reuse_and_offsets),
		cmocka_unit_test(pathological),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
