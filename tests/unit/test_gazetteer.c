/* Unit tests: gazetteer loading (CSV), folding, case rules, longest match. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "wire/entities/gazetteer.h"
#include "wire/core/token.h"

struct fixture {
	struct tokens tok;
	struct gaz_words w;
	const char *text;
};

static void prepare(struct fixture *f, const char *text)
{
	f->text = text;
	token_split(text, strlen(text), &f->tok);
	gaz_words_build(&f->w, text, f->tok.v, f->tok.n);
}

static void release(struct fixture *f)
{
	tokens_release(&f->tok);
	gaz_words_release(&f->w);
}

/* The text matched at the word that starts with `at` (a substring), of
 * the kinds given; "" when nothing matches. Canonical form in *canon. */
static char matched[256];
static const char *match_text(const struct gazetteer *g, const char *text, const char *at,
			      unsigned kinds, const struct gaz_entry **e)
{
	struct fixture f = { TOKENS_INIT, GAZ_WORDS_INIT, NULL };
	struct gaz_match m;
	size_t off = (size_t)(strstr(text, at) - text);

	prepare(&f, text);
	matched[0] = '\0';
	*e = NULL;
	for (size_t i = 0; i < f.w.n; i++) {
		if (f.tok.v[f.w.v[i].tok].b != off)
			continue;
		if (gaz_match_at(g, &f.w, i, kinds, &m)) {
			size_t b = f.tok.v[f.w.v[m.wb].tok].b;
			size_t e2 = f.tok.v[f.w.v[m.we - 1].tok].e;
			snprintf(matched, sizeof(matched), "%.*s", (int)(e2 - b), text + b);
			*e = m.e;
		}
		break;
	}
	release(&f);
	return matched;
}

static struct gazetteer *small(void)
{
	struct gazetteer *g = gaz_new();
	assert_int_equal(gaz_add(g, GAZ_RANK, "General", NULL, NULL, NULL), 0);
	assert_int_equal(gaz_add(g, GAZ_RANK, "Lieutenant General", NULL, NULL, NULL), 0);
	assert_int_equal(gaz_add(g, GAZ_RANK, "Lieutenant Colonel", NULL, NULL, NULL), 0);
	assert_int_equal(gaz_add(g, GAZ_RANK, "Lieutenant", NULL, "", NULL), 0);
	assert_int_equal(gaz_add(g, GAZ_RANK, "Sr. Lt. Gen.", "Senior Lieutenant General", "", NULL), 0);
	assert_int_equal(gaz_add(g, GAZ_COUNTRY, "Viet Nam", "Vietnam", "VN", NULL), 0);
	assert_int_equal(gaz_add(g, GAZ_COUNTRY, "US", "United States", "US", NULL), 0);
	assert_int_equal(gaz_add(g, GAZ_COUNTRY, "Chad", NULL, "TD", NULL), 0);
	assert_int_equal(gaz_add(g, GAZ_ROLE, "Deputy Minister", NULL, NULL, NULL), 0);
	assert_int_equal(gaz_add(g, GAZ_HONORIFIC, "Dato'", NULL, NULL, NULL), 0);
	return g;
}

static void test_match(void **state)
{
	const struct gaz_entry *e;
	struct gazetteer *g = small();
	unsigned all = ~0u;
	(void)state;

	assert_string_equal(match_text(g, "Sr. Lt. Gen. Hoang Xuan Chien", "Sr.", all, &e),
			    "Sr. Lt. Gen");
	assert_string_equal(e->canonical, "Senior Lieutenant General");
	assert_string_equal(match_text(g, "Sr Lt Gen Hoang", "Sr", all, &e), "Sr Lt Gen");
	/* longest match, and a failed longer prefix falls back */
	assert_string_equal(match_text(g, "Lieutenant General Tran", "Lieutenant", all, &e),
			    "Lieutenant General");
	assert_string_equal(match_text(g, "Lieutenant Smith", "Lieutenant", all, &e), "Lieutenant");
	assert_string_equal(e->canonical, "Lieutenant");
	/* accents and case folded */
	assert_string_equal(match_text(g, "in Việt Nam today", "Việt", all, &e), "Việt Nam");
	assert_string_equal(e->iso, "VN");
	assert_string_equal(match_text(g, "VIET NAM", "VIET", all, &e), "VIET NAM");
	/* kinds filter */
	assert_string_equal(match_text(g, "in Viet Nam", "Viet", GAZ_BIT(GAZ_RANK), &e), "");
	gaz_free(g);
}

static void test_case_rules(void **state)
{
	const struct gaz_entry *e;
	struct gazetteer *g = small();
	unsigned all = ~0u;
	(void)state;

	assert_string_equal(match_text(g, "the U.S. said", "U.S.", all, &e), "U.S.");
	assert_string_equal(e->iso, "US");
	assert_string_equal(match_text(g, "the US said", "US", all, &e), "US");
	assert_string_equal(match_text(g, "let us go", "us", all, &e), "");
	assert_string_equal(match_text(g, "a Us b", "Us", all, &e), "");
	assert_string_equal(match_text(g, "in Chad", "Chad", all, &e), "Chad");
	assert_string_equal(match_text(g, "hanging chad", "chad", all, &e), "");
	assert_string_equal(match_text(g, "the general said", "general", all, &e), "");
	/* roles match in any case */
	assert_string_equal(match_text(g, "the deputy minister said", "deputy", all, &e),
			    "deputy minister");
	/* a trailing apostrophe is a word of its own */
	assert_string_equal(match_text(g, "Dato' Seri", "Dato", all, &e), "Dato'");
	gaz_free(g);
}

static void test_exact_and_word(void **state)
{
	struct gazetteer *g = small();
	struct fixture f = { TOKENS_INIT, GAZ_WORDS_INIT, NULL };
	(void)state;

	prepare(&f, "Lieutenant General Chien");
	assert_non_null(gaz_match_exact(g, &f.w, 0, 2, GAZ_BIT(GAZ_RANK)));
	assert_null(gaz_match_exact(g, &f.w, 0, 3, GAZ_BIT(GAZ_RANK)));
	assert_null(gaz_match_exact(g, &f.w, 1, 1, GAZ_BIT(GAZ_RANK)));
	assert_string_equal(gaz_match_exact(g, &f.w, 1, 2, GAZ_BIT(GAZ_RANK))->name, "General");
	release(&f);
	assert_non_null(gaz_lookup_word(g, "Chad", 4, GAZ_BIT(GAZ_COUNTRY)));
	assert_null(gaz_lookup_word(g, "chad", 4, GAZ_BIT(GAZ_COUNTRY)));
	assert_null(gaz_lookup_word(g, "Chad", 4, GAZ_BIT(GAZ_RANK)));
	gaz_free(g);
}

static void test_add_errors(void **state)
{
	struct gazetteer *g = gaz_new();
	struct buf err = BUF_INIT;
	(void)state;

	assert_int_equal(gaz_add(g, GAZ_COUNTRY, "Narnia", NULL, "nar", &err), -1);
	assert_string_equal(err.buf, "iso code 'nar' is not two capital letters");
	buf_reset(&err);
	assert_int_equal(gaz_add(g, GAZ_COUNTRY, " ... ", NULL, NULL, &err), -1);
	assert_string_equal(err.buf, "name ' ... ' has no words");
	assert_int_equal(gaz_size(g), 0);
	buf_release(&err);
	gaz_free(g);
}

static char tmpdir[] = "/tmp/test_gazetteer.XXXXXX";

static const char *write_file(const char *name, const char *content)
{
	static char path[256];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(content, fp);
	fclose(fp);
	return path;
}

static void test_load_file(void **state)
{
	struct gazetteer *g = gaz_new();
	struct buf err = BUF_INIT;
	const struct gaz_entry *e;
	(void)state;

	assert_non_null(mkdtemp(tmpdir));
	/* columns by name, in any order; comments, blank rows, quoting */
	const char *p = write_file("ok.csv",
		"\xEF\xBB\xBFiso,name,kind,extra\n"
		"XN,Narnia,country,x\n"
		"# a comment row\n"
		"\n"
		",\"Narnian, Ancient\",demonym,\n"
		"XA,\"Archen\nland\",country,\n");
	assert_int_equal(gaz_load_file(g, p, &err), 0);
	assert_int_equal(gaz_size(g), 3);
	assert_string_equal(match_text(g, "from Narnia", "Narnia", ~0u, &e), "Narnia");
	assert_string_equal(e->iso, "XN");
	assert_string_equal(e->canonical, "Narnia");
	assert_string_equal(match_text(g, "the Narnian, Ancient", "Narnian", ~0u, &e),
			    "Narnian, Ancient");
	assert_string_equal(match_text(g, "Archen land", "Archen", ~0u, &e), "Archen land");

	p = write_file("bad.csv", "kind,name\ncountry,A\nplanet,Mars\n");
	assert_int_equal(gaz_load_file(g, p, &err), -1);
	assert_non_null(strstr(err.buf, "bad.csv:3: unknown kind 'planet'"));
	buf_reset(&err);
	p = write_file("nokind.csv", "type,name\ncountry,A\n");
	assert_int_equal(gaz_load_file(g, p, &err), -1);
	assert_non_null(strstr(err.buf, "nokind.csv:1: no 'kind' column in the header"));
	buf_reset(&err);
	p = write_file("iso.csv", "kind,name,iso\ncountry,A,\ncountry,B,bad\n");
	assert_int_equal(gaz_load_file(g, p, &err), -1);
	assert_non_null(strstr(err.buf, "iso.csv:3: iso code 'bad' is not two capital letters"));
	buf_reset(&err);
	p = write_file("quote.csv", "kind,name\ncountry,\"A\"b\n");
	assert_int_equal(gaz_load_file(g, p, &err), -1);
	buf_reset(&err);
	p = write_file("empty.csv", "");
	assert_int_equal(gaz_load_file(g, p, &err), -1);
	assert_non_null(strstr(err.buf, "empty file"));
	buf_reset(&err);
	assert_int_equal(gaz_load_file(g, "/nonexistent/x.csv", &err), -1);
	assert_non_null(strstr(err.buf, "cannot open '/nonexistent/x.csv'"));
	buf_release(&err);
	gaz_free(g);
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	assert_int_equal(system(cmd), 0);
}

static void test_shipped(void **state)
{
	struct gazetteer *g = gaz_new();
	struct buf err = BUF_INIT;
	const struct gaz_entry *e;
	(void)state;

	setenv("WIRE_DATA", "share/wire", 1);
	int n = gaz_load_default(g, &err);
	if (n < 0)
		fail_msg("%s", err.buf);
	assert_true(n >= 8);
	assert_true(gaz_size(g) > 800);
	unsigned all = ~0u;
	const char *t = "Republic of Korea, Việt Nam, Timor-Leste and the Thai side";
	assert_string_equal(match_text(g, t, "Republic", GAZ_BIT(GAZ_COUNTRY), &e),
			    "Republic of Korea");
	assert_string_equal(e->iso, "KR");
	assert_string_equal(match_text(g, t, "Việt", GAZ_BIT(GAZ_COUNTRY), &e), "Việt Nam");
	assert_string_equal(e->iso, "VN");
	assert_string_equal(match_text(g, t, "Timor", GAZ_BIT(GAZ_COUNTRY), &e), "Timor-Leste");
	assert_string_equal(e->iso, "TL");
	assert_string_equal(match_text(g, t, "Thai", GAZ_BIT(GAZ_DEMONYM), &e), "Thai");
	assert_string_equal(e->iso, "TH");
	assert_string_equal(match_text(g, "Sr. Lt. Gen. Hoang", "Sr", all, &e), "Sr. Lt. Gen");
	assert_string_equal(e->canonical, "Senior Lieutenant General");
	assert_string_equal(match_text(g, "Datuk Seri Anwar", "Datuk", all, &e), "Datuk Seri");
	assert_int_equal(e->kind, GAZ_HONORIFIC);
	assert_string_equal(match_text(g, "the ADSOM+ meeting", "ADSOM+", all, &e), "ADSOM+");
	assert_int_equal(e->kind, GAZ_EVENT);
	assert_string_equal(match_text(g, "Deputy Secretary of Defense of New Zealand", "Deputy",
				       GAZ_BIT(GAZ_ROLE), &e), "Deputy Secretary of Defense");
	buf_release(&err);
	gaz_free(g);
}

/* 100 000 capitalised words that all begin phrases: bounded work per word. */
static void test_many_words(void **state)
{
	struct gazetteer *g = small();
	struct buf text = BUF_INIT;
	struct fixture f = { TOKENS_INIT, GAZ_WORDS_INIT, NULL };
	struct gaz_match m;
	size_t hits = 0;
	(void)state;

	for (int i = 0; i < 100000; i++)
		buf_adds(&text, "Lieutenant ");
	prepare(&f, text.buf);
	assert_int_equal(f.w.n, 100000);
	for (size_t i = 0; i < f.w.n; i++)
		hits += (size_t)gaz_match_at(g, &f.w, i, ~0u, &m);
	assert_int_equal(hits, 100000);
	release(&f);
	buf_release(&text);
	gaz_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_case_rules),
		cmocka_unit_test(test_exact_and_word),
		cmocka_unit_test(test_add_errors),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_many_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
