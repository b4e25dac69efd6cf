/* Unit tests: wire-dedup signatures (lib/dedup/sig.c) — normalisation,
 * pieces, the resemblance estimate, figures, the text form — and the
 * boilerplate finder (boiler.c). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "wire/dedup/boiler.h"
#include "wire/dedup/sig.h"

static struct sig_builder sb;

static uint64_t sketch(const char *text, unsigned shingle, struct sig *out)
{
	sig_begin(&sb, shingle);
	sig_add(&sb, text, strlen(text));
	return sig_end(&sb, out);
}

static void folding(void **state)
{
	struct sig a, b;
	(void)state;

	assert_int_equal(sketch("Hà Nội  hosts the TALKS, on\tdefence", 2, &a), 7);
	assert_int_equal(sketch("ha noi hosts the talks - on defence.", 2, &b), 7);
	assert_true(sig_jaccard(&a, &b) == 1.0);
	/* an apostrophe inside a word is dropped; figures keep their groups */
	sketch("don't sell 1,750 tonnes at 5.93 dlrs", 3, &a);
	sketch("dont sell 1,750 tonnes at 5.93 dlrs", 3, &b);
	assert_true(sig_jaccard(&a, &b) == 1.0);
	assert_int_equal(sketch("1,750", 3, &a), 1);
	assert_int_equal(sketch("1, 750", 3, &a), 2);
	assert_int_equal(sketch("5.93.", 3, &a), 1);
	/* no word at all */
	assert_int_equal(sketch("  -- ... ** ", 3, &a), 0);
	assert_int_equal(sketch("", 3, &a), 0);
}

static void pieces(void **state)
{
	const char *t = "the navies of both countries held a joint patrol in the strait";
	struct sig whole, parts;
	(void)state;

	sketch(t, 4, &whole);
	sig_begin(&sb, 4);
	sig_add(&sb, t, 22);      /* "the navies of both co" | "untries" would split a word: */
	sig_add(&sb, t + 22, strlen(t) - 22);
	sig_end(&sb, &parts);
	/* a piece boundary ends a word: "co" + "untries" are two words */
	assert_true(sig_jaccard(&whole, &parts) < 1.0);
	sig_begin(&sb, 4);
	sig_add(&sb, t, 28);      /* up to the space after "countries" */
	sig_add(&sb, t + 28, strlen(t) - 28);
	sig_end(&sb, &parts);
	assert_true(sig_jaccard(&whole, &parts) == 1.0);
	assert_int_equal(whole.n, parts.n);
}

/* Texts of distinct words: shingle sets of a known resemblance. */
static void words_text(char *buf, size_t size, int from, int to)
{
	size_t n = 0;
	for (int i = from; i < to; i++)
		n += (size_t)snprintf(buf + n, size - n, "w%d ", i);
}

static void estimate(void **state)
{
	static char a[40000], b[40000];
	struct sig sa, sb2;
	(void)state;

	/* words 0..1999 and 500..2499, shingles of 1: J = 1500/2500 = 0.6 */
	words_text(a, sizeof(a), 0, 2000);
	words_text(b, sizeof(b), 500, 2500);
	sketch(a, 1, &sa);
	sketch(b, 1, &sb2);
	double j = sig_jaccard(&sa, &sb2), se = sqrt(0.6 * 0.4 / SIG_BINS);
	assert_true(fabs(j - 0.6) < 4 * se);
	/* containment of the smaller in the larger: 1500/2000 = 0.75 */
	assert_true(fabs(sig_containment(&sa, &sb2, j) - 0.75) < 0.15);
	/* a subset: containment near 1 while the resemblance is 0.25 */
	words_text(b, sizeof(b), 0, 500);
	sketch(b, 1, &sb2);
	j = sig_jaccard(&sa, &sb2);
	assert_true(fabs(j - 0.25) < 4 * sqrt(0.25 * 0.75 / SIG_BINS));
	assert_true(sig_containment(&sa, &sb2, j) > 0.8);
	/* unrelated texts */
	words_text(b, sizeof(b), 5000, 7000);
	sketch(b, 1, &sb2);
	assert_true(sig_jaccard(&sa, &sb2) < 0.05);
	/* a short text fills every bin (densified): equal to itself only */
	sketch("two words", 3, &sa);
	sketch("two words", 3, &sb2);
	assert_true(sig_jaccard(&sa, &sb2) == 1.0);
	for (unsigned i = 0; i < SIG_BINS; i++)
		assert_true(sa.v[i] != UINT32_MAX);
	sketch("other words", 3, &sb2);
	assert_true(sig_jaccard(&sa, &sb2) < 0.1);
}

static void figures(void **state)
{
	struct sig a, b;
	(void)state;

	sketch("Qtly div 12 cts vs 12 cts prior pay April 30 record April 15", 4, &a);
	assert_int_equal(a.nfig, 3);   /* 12, 30, 15: distinct */
	sketch("Qtly div 12 cts vs 12 cts prior pay May 15 record May 1", 4, &b);
	assert_true(sig_figures(&a, &b) < 0.7);
	/* a trimmed copy keeps its figures */
	sketch("Qtly div 12 cts vs 12 cts prior pay April 30", 4, &b);
	assert_true(sig_figures(&a, &b) == 1.0);
	/* no figures: no evidence against */
	sketch("the talks went well", 4, &b);
	assert_true(sig_figures(&a, &b) == 1.0);
	/* many figures: only the smallest SIG_FIGS hashes are kept */
	static char t[20000];
	size_t n = 0;
	for (int i = 0; i < 500; i++)
		n += (size_t)snprintf(t + n, sizeof(t) - n, "%d ", i);
	sketch(t, 4, &a);
	assert_int_equal(a.nfig, SIG_FIGS);
	for (unsigned i = 1; i < a.nfig; i++)
		assert_true(a.fig[i - 1] < a.fig[i]);
	assert_true(sig_figures(&a, &a) == 1.0);
}

static void hex(void **state)
{
	struct sig a, b;
	struct buf h = BUF_INIT;
	(void)state;

	sketch("Bundesbank leaves credit policies unchanged at 3.0 pct", 4, &a);
	sig_to_hex(&a, &h);
	assert_int_equal(h.len, 8 * (SIG_BINS + a.nfig));
	assert_int_equal(sig_from_hex(&b, h.buf, h.len), 0);
	assert_memory_equal(a.v, b.v, sizeof(a.v));
	assert_int_equal(b.nfig, a.nfig);
	assert_memory_equal(a.fig, b.fig, a.nfig * sizeof(*a.fig));
	assert_int_equal(sig_from_hex(&b, h.buf, h.len - 1), -1);
	h.buf[3] = 'G';
	assert_int_equal(sig_from_hex(&b, h.buf, h.len), -1);
	buf_release(&h);
}

static void boiler(void **state)
{
	const char *t = "UPDATE 1-Fed sets repurchase\n\nBy Ana Costa, Market Watch\n\n"
			"CHICAGO, March 21 (Reuters) - The Fed set one billion dlrs.\n\n"
			"(Reporting by Jane Miller; Editing by Tom Okafor)\n"
			"Copyright 1987 Market Watch. All rights reserved.";
	const char *by = "By Ana Costa, Market Watch; Reporting by Jane Miller; Editing by Tom Okafor";
	struct boiler_meta m = { by, "CHICAGO", "Reuters", strlen(by), 7, 7, 1 };
	struct boiler_span sp[BOILER_MAX];
	struct buf kept = BUF_INIT;
	(void)state;

	size_t k = boiler_find(t, strlen(t), &m, sp), at = 0;
	for (size_t i = 0; i < k; i++) {
		assert_true(sp[i].b >= at && sp[i].e > sp[i].b);
		buf_add(&kept, t + at, sp[i].b - at);
		at = sp[i].e;
	}
	buf_add(&kept, t + at, strlen(t) - at);
	assert_string_equal(kept.buf, "Fed sets repurchase\n\n\n\n The Fed set one billion dlrs.\n\n(; )\n");
	/* not at the start of a document: the slug stays; no metadata */
	struct boiler_meta none = { NULL, NULL, NULL, 0, 0, 0, 0 };
	k = boiler_find("UPDATE 1-Fed", 12, &none, sp);
	assert_int_equal(k, 0);
	/* "UPDATES-" is no slug, nor "UPDATE 1 -" */
	none.doc_start = 1;
	assert_int_equal(boiler_find("UPDATES-Fed", 11, &none, sp), 0);
	assert_int_equal(boiler_find("UPDATE 1 -Fed", 13, &none, sp), 0);
	/* a dateline lead wire-split did not name, at the start of a line */
	const char *lead = "Coffee Rainfall\n\nWASHINGTON, April 17 (Reuters) - THE RAIN";
	none.doc_start = 0;
	k = boiler_find(lead, strlen(lead), &none, sp);
	assert_int_equal(k, 1);
	assert_int_equal(sp[0].b, 17);
	assert_string_equal(lead + sp[0].e, " THE RAIN");
	const char *vna = "QU\xe1\xba\xa2NG TR\xe1\xbb\x8a (VNA) \xe2\x80\x93 A project";
	k = boiler_find(vna, strlen(vna), &none, sp);
	assert_int_equal(k, 1);
	assert_string_equal(vna + sp[0].e, " A project");
	/* not a lead: lower case place, no dash, a place too long, mid-line */
	assert_int_equal(boiler_find("Washington (Reuters) - x", 24, &none, sp), 0);
	assert_int_equal(boiler_find("WASHINGTON (Reuters) x", 22, &none, sp), 0);
	const char *longp = "THE FOLLOWING RAINFALL WAS RECORDED IN THE AREAS (Reuters) - x";
	assert_int_equal(boiler_find(longp, strlen(longp), &none, sp), 0);
	assert_int_equal(boiler_find("he said LONDON (Reuters) - x", 28, &none, sp), 0);
	buf_release(&kept);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(folding),
		cmocka_unit_test(pieces),
		cmocka_unit_test(estimate),
		cmocka_unit_test(figures),
		cmocka_unit_test(hex),
		cmocka_unit_test(boiler),
	};
	int r = cmocka_run_group_tests(tests, NULL, NULL);
	sig_release(&sb);
	return r;
}
