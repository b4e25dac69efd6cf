/* Unit tests: the layout classifier of lib/entities/layout.c — what a line
 * is, the width of wrapped prose, which line breaks only wrap running text,
 * and the sentences of texts laid out as tables, lists and wrapped prose. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "wire/core/buf.h"
#include "wire/entities/layout.h"

static struct segment_rules *rules;

static int setup(void **state)
{
	const char *err = NULL;
	(void)state;
	rules = segment_load(&err);
	if (!rules)
		fprintf(stderr, "# %s\n", err);
	return rules ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	segment_free(rules);
	return 0;
}

static unsigned flags_of(const char *line)
{
	struct layout_line l;
	layout_line(line, 0, strlen(line), &l);
	return l.flags;
}

static void test_lines(void **state)
{
	(void)state;
	struct layout_line l;
	const char *t = "  Showers continued throughout the week in  ";
	layout_line(t, 0, strlen(t), &l);
	assert_int_equal(l.b, 2);
	assert_int_equal(l.e, strlen(t) - 2);
	assert_int_equal(l.first_word, strlen("Showers"));
	assert_int_equal(l.flags, LAYOUT_PROSE | LAYOUT_LETTER);
	/* tables: half or a third of the words numbers, or columns */
	assert_true(flags_of("Newcastle 4 3 0 1 9 4 9") & LAYOUT_TABLE);
	assert_true(flags_of("Leicestershire 296 and 174 for 3 , Somerset 83") & LAYOUT_TABLE);
	assert_true(flags_of("Wheat   2.55   2.40       IV     4.65") & LAYOUT_TABLE);
	assert_true(flags_of("Natl\tLoan\tRelease") & LAYOUT_TABLE);
	/* two spaces after a full stop are no column */
	assert_int_equal(flags_of("the talks ended.  Then the two sides met") & LAYOUT_TABLE, 0);
	/* names, headings, datelines are not prose */
	assert_int_equal(flags_of("John Whitaker") & LAYOUT_PROSE, 0);
	assert_int_equal(flags_of("L.O. : Bodman , Longely & Dahling , Detroit") & LAYOUT_PROSE, 0);
	assert_int_equal(flags_of("SOUTHERN DIVISION STANDINGS AFTER SUNDAY") & LAYOUT_PROSE, 0);
	assert_int_equal(flags_of("LONDON 1996-08-30") & (LAYOUT_PROSE | LAYOUT_LETTER), LAYOUT_LETTER);
	assert_true(flags_of("Prime Minister Yasuhiro Nakasone and U.S. President Ronald") & LAYOUT_PROSE);
	assert_true(flags_of("Việt Nam đã cử một phái đoàn") & LAYOUT_PROSE);
	/* sentence ends, and abbreviations that leave it open */
	assert_true(flags_of("the minister said.") & LAYOUT_FINAL);
	assert_true(flags_of("he asked: \"why?\"") & LAYOUT_FINAL);
	assert_true(flags_of("Britain .") & LAYOUT_FINAL);
	assert_true(flags_of("and so on...") & LAYOUT_FINAL);
	assert_int_equal(flags_of("talks with Mr.") & LAYOUT_FINAL, 0);
	assert_int_equal(flags_of("a letter from J.") & LAYOUT_FINAL, 0);
	assert_int_equal(flags_of("exports to the U.S.") & LAYOUT_FINAL, 0);
	assert_int_equal(flags_of("the talks went on") & LAYOUT_FINAL, 0);
	/* items, lower-case starts, lines that go on */
	assert_true(flags_of("- Vietnam") & LAYOUT_ITEM);
	assert_true(flags_of("\xE2\x80\xA2 Thailand") & LAYOUT_ITEM);
	assert_true(flags_of("\xE2\x97\x8F Malaysia") & LAYOUT_ITEM); /* ● */
	assert_int_equal(flags_of("-5 degrees at dawn") & LAYOUT_ITEM, 0);
	assert_true(flags_of("12. Indonesia") & LAYOUT_ITEM);
	assert_true(flags_of("3) Laos") & LAYOUT_ITEM);
	assert_int_equal(flags_of("1985 was a good year") & LAYOUT_ITEM, 0);
	assert_true(flags_of("the Bahia cocoa zone") & LAYOUT_LOWER);
	assert_true(flags_of("\xC4\x91\xC3\xA3 c\xE1\xBB\xAD") & LAYOUT_LOWER);
	assert_true(flags_of("although humidity levels have not been restored,") & LAYOUT_GOES_ON);
	assert_int_equal(flags_of(""), 0);
	assert_int_equal(flags_of(" \t\r"), 0);
}

static void test_width(void **state)
{
	(void)state;
	/* the 90th percentile of the prose lines; tables do not count */
	const char *t = "The first line of wrapped text is here\n"
			"and the second line of the wrapped text\n"
			"Newcastle 4 3 0 1 9 4 9 and 12 and 14 and 15 and 16 and 17 and 18 and 19\n"
			"a last one.";
	assert_int_equal(layout_width(t, strlen(t)), strlen("and the second line of the wrapped text"));
	assert_int_equal(layout_width("", 0), 0);
	assert_int_equal(layout_width("A B\nC D\n", 8), 0);
}

static int soft_in(const char *a, const char *b, size_t width, int wrapped)
{
	struct layout_line x, y;
	struct layout_shape sh = { width, wrapped };
	layout_line(a, 0, strlen(a), &x);
	layout_line(b, 0, strlen(b), &y);
	return layout_soft_break(&x, &y, &sh);
}

static int soft(const char *a, const char *b, size_t width)
{
	return soft_in(a, b, width, 0);
}

static void test_soft_breaks(void **state)
{
	(void)state;
	/* a full line of running text */
	assert_true(soft("The talks were attended by U.S. President Ronald",
			 "Reagan and Prime Minister Yasuhiro Nakasone, who", 52));
	/* half full, the text goes on in lower case or after a comma */
	assert_true(soft("Showers continued throughout the week in", "the Bahia cocoa zone", 62));
	assert_true(soft("Arrivals were 155,221 bags, mostly late,", "Comissaria Smith said.", 62));
	assert_false(soft("Showers continued throughout the week in", "Comissaria Smith said.", 62));
	/* a sentence ended */
	assert_false(soft("The talks were attended by officials of the two.",
			  "Reagan and Prime Minister Yasuhiro Nakasone, who", 52));
	/* a line of names, a heading, a table row, a list item after */
	assert_false(soft("President Ronald Reagan", "Prime Minister Yasuhiro Nakasone", 30));
	assert_false(soft("The talks were attended by U.S. President Ronald", "Newcastle 4 3 0 1 9 4 9", 52));
	assert_false(soft("The talks were attended by U.S. President Ronald", "- Reagan, the president", 52));
	assert_false(soft("Results of matches played in the league on Sunday", "Division two", 52));
	/* narrow text is no wrapped prose */
	assert_false(soft("Boston at Toronto", "Atlanta at New Orleans", 22));
	assert_false(soft("a b c", "d e f.", 0));
	/* in hard-wrapped text a short line of prose goes on too */
	assert_false(soft("Sweden's ruling Social Democratic", "Party gave full power to the", 62));
	assert_true(soft_in("Sweden's ruling Social Democratic", "Party gave full power to the", 62, 1));
	assert_false(soft_in("Sweden's ruling Social Democratic", "Newcastle 4 3 0 1 9 4 9", 62, 1));
	assert_false(soft_in("Sweden's ruling Social Democratic", "John Whitaker", 62, 1));
	assert_false(soft_in("The party met in Stockholm.", "Party officials said", 62, 1));
	assert_false(soft_in("Boston at Toronto", "Atlanta at New Orleans", 22, 1));
}

static void test_shape(void **state)
{
	(void)state;
	struct layout l = LAYOUT_INIT;
	struct layout_shape sh;
	/* two of the three breaks that may wrap are after full lines */
	const char *wrapped = "SWEDEN TO GO AHEAD WITH SANCTIONS\n"
			      "Sweden's ruling Social Democratic\n"
			      "Party gave full power to the government to decree unilateral\n"
			      "trade sanctions against South Africa, Prime Minister Ingvar\n"
			      "Carlsson told reporters.\n";
	layout_shape_of(&l, wrapped, strlen(wrapped), &sh);
	assert_int_equal(sh.width, strlen("Party gave full power to the government to decree unilateral"));
	assert_true(sh.wrapped);
	/* a sentence a line (CoNLL-2003 as text) */
	const char *lines = "Results of English soccer matches on Saturday\n"
			    "Bradford 1 Tranmere 0\n"
			    "Playing Sunday : Queens Park Rangers v Bolton\n"
			    "The 26-year-old , who joined Newcastle for 15 million pounds sterling , takes over .\n"
			    "Shearer said he was delighted with the honour\n"
			    "He will lead the side against Moldova next month .\n";
	layout_shape_of(&l, lines, strlen(lines), &sh);
	assert_false(sh.wrapped);
	layout_release(&l);
}

/* The sentences of `t` as one string, "|" between them. */
static void sentences(const char *t, const struct segment_rules *r, struct buf *out)
{
	struct layout l = LAYOUT_INIT;
	struct spans s = SPANS_INIT;
	layout_sentences(&l, r, t, strlen(t), &s);
	buf_reset(out);
	for (size_t i = 0; i < s.n; i++) {
		if (i)
			buf_addc(out, '|');
		assert_true(s.v[i].b < s.v[i].e);
		assert_true(!i || s.v[i].b >= s.v[i - 1].e);
		buf_add(out, t + s.v[i].b, s.v[i].e - s.v[i].b);
	}
	buf_addc(out, '\0');
	spans_release(&s);
	layout_release(&l);
}

static void test_sentences(void **state)
{
	(void)state;
	struct buf got = BUF_INIT;
	/* a standings table: headings and rows apart */
	sentences("SOCCER - ENGLISH LEAGUE STANDINGS\nLONDON 1996-08-31\n"
		  "Division one\nNewcastle 4 3 0 1 9 4 9\nAston Villa 4 2 1 1 6 3 7\n",
		  rules, &got);
	assert_string_equal(got.buf, "SOCCER - ENGLISH LEAGUE STANDINGS|LONDON 1996-08-31|Division one|"
			    "Newcastle 4 3 0 1 9 4 9|Aston Villa 4 2 1 1 6 3 7");
	/* one name a line */
	sentences("Visitors received at the embassy on Monday\nJohn Whitaker\nMaria Gonzalez", rules, &got);
	assert_string_equal(got.buf, "Visitors received at the embassy on Monday|John Whitaker|Maria Gonzalez");
	/* wrapped prose: its lines are one text, even where the sentence
	 * rules read a first line ending in a name as a headline */
	sentences("The talks at the White House were attended by President Ronald\n"
		  "Reagan and by the Japanese Prime Minister Yasuhiro Nakasone, who flew in\n"
		  "from Tokyo on Sunday with officials of the trade ministry. Reagan said\n"
		  "the two leaders had agreed to meet again.\n\n"
		  "Second paragraph.", rules, &got);
	assert_string_equal(got.buf, "The talks at the White House were attended by President Ronald\n"
			    "Reagan and by the Japanese Prime Minister Yasuhiro Nakasone, who flew in\n"
			    "from Tokyo on Sunday with officials of the trade ministry.|Reagan said\n"
			    "the two leaders had agreed to meet again.|Second paragraph.");
	/* a list after prose */
	sentences("The delegations at the meeting of the defence ministers were those of:\n"
		  "- Vietnam\n- Thailand\n1. Indonesia\n", rules, &got);
	assert_string_equal(got.buf, "The delegations at the meeting of the defence ministers were those of:|"
			    "- Vietnam|- Thailand|1. Indonesia");
	/* blocks only, without rules; CR LF; blank and empty text */
	sentences("First line here. Still the first\r\nSecond\r\n\r\n", NULL, &got);
	assert_string_equal(got.buf, "First line here. Still the first|Second");
	sentences("", rules, &got);
	assert_string_equal(got.buf, "");
	sentences("\n \n\t\n", rules, &got);
	assert_string_equal(got.buf, "");
	buf_release(&got);
}

/* Every non-space byte is in exactly one sentence, in order, on random
 * mixtures of the line kinds above. */
static void test_invariants(void **state)
{
	(void)state;
	static const char *const parts[] = {
		"The talks were attended by President Ronald", "Reagan", "and the minister, who",
		"Newcastle 4 3 0 1 9 4 9", "- Vietnam", "", " ", "LONDON 1996-08-31", "said.",
		"U.S.", "Mr.", "\xC4\x91\xC3\xA3", "\xE2\x80\xA2", "a", ".", "\t", "12.",
	};
	struct buf t = BUF_INIT;
	struct layout l = LAYOUT_INIT;
	struct spans s = SPANS_INIT;
	srand(11);
	for (int round = 0; round < 2000; round++) {
		buf_reset(&t);
		int n = rand() % 12;
		for (int i = 0; i < n; i++) {
			buf_adds(&t, parts[rand() % (sizeof(parts) / sizeof(*parts))]);
			buf_addc(&t, rand() % 3 ? '\n' : ' ');
		}
		spans_reset(&s);
		layout_sentences(&l, round % 2 ? rules : NULL, t.buf, t.len, &s);
		size_t at = 0;
		for (size_t i = 0; i < s.n; i++) {
			assert_true(s.v[i].b >= at && s.v[i].b < s.v[i].e && s.v[i].e <= t.len);
			for (size_t k = at; k < s.v[i].b; k++)
				assert_true(t.buf[k] == ' ' || t.buf[k] == '\n' || t.buf[k] == '\t');
			assert_false(t.buf[s.v[i].b] == ' ' || t.buf[s.v[i].b] == '\n');
			assert_false(t.buf[s.v[i].e - 1] == ' ' || t.buf[s.v[i].e - 1] == '\n');
			at = s.v[i].e;
		}
		for (size_t k = at; k < t.len; k++)
			assert_true(t.buf[k] == ' ' || t.buf[k] == '\n' || t.buf[k] == '\t');
	}
	buf_release(&t);
	spans_release(&s);
	layout_release(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_soft_breaks),
		cmocka_unit_test(test_shape),
		cmocka_unit_test(test_sentences),
		cmocka_unit_test(test_invariants),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
