/* Unit tests: the entity layer — typing, titles, roles, countries, keys,
 * acronyms, coreference and JSON — over hand-made tagger mentions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "wire/entities/entity.h"
#include "wire/entities/gazetteer.h"
#include "wire/core/token.h"

static struct gazetteer *gaz;

static int setup(void **state)
{
	struct buf err = BUF_INIT;
	(void)state;
	setenv("WIRE_DATA", "share/wire", 1);
	gaz = gaz_new();
	if (gaz_load_default(gaz, &err) < 0) {
		fprintf(stderr, "%s\n", err.buf);
		return -1;
	}
	buf_release(&err);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	gaz_free(gaz);
	return 0;
}

#define MAXS 8
#define MAXM 16

/* A document of up to MAXS sentences with tagger mentions given as
 * "TYPE:substring" (first occurrence) and dates as substrings. */
struct doc {
	struct entity_sentence s[MAXS];
	struct tokens tok[MAXS];
	struct ner_mention m[MAXS][MAXM];
	struct date_mention d[MAXS][MAXM];
	size_t n;
	struct entity_doc ed;
};

static void tokens_of(const struct tokens *t, size_t b, size_t e, size_t *tb, size_t *te)
{
	*tb = *te = 0;
	for (size_t i = 0; i < t->n; i++) {
		if (t->v[i].b == b)
			*tb = i;
		if (t->v[i].e == e)
			*te = i + 1;
	}
	assert_true(*te > *tb);
}

static void add_sentence(struct doc *D, const char *text, const char *const *mentions,
			 const char *const *dates)
{
	size_t i = D->n++;
	struct entity_sentence *s = &D->s[i];
	struct tokens t = TOKENS_INIT;

	memset(s, 0, sizeof(*s));
	D->tok[i] = t;
	token_split(text, strlen(text), &D->tok[i]);
	s->text = text;
	s->len = strlen(text);
	s->tok = D->tok[i].v;
	s->ntok = D->tok[i].n;
	s->m = D->m[i];
	s->d = D->d[i];
	for (size_t k = 0; mentions && mentions[k]; k++) {
		const char *colon = strchr(mentions[k], ':');
		const char *sub = colon + 1;
		const char *at = strstr(text, sub);
		assert_non_null(at);
		struct ner_mention *m = &D->m[i][s->nm++];
		static const char *const names[] = { "PER", "ORG", "LOC", "MISC" };
		for (int ty = 0; ty < 4; ty++)
			if (!strncmp(mentions[k], names[ty], (size_t)(colon - mentions[k])))
				m->type = (enum ner_type)ty;
		tokens_of(&D->tok[i], (size_t)(at - text), (size_t)(at - text) + strlen(sub), &m->tb,
			  &m->te);
		m->score = 1;
	}
	for (size_t k = 0; dates && dates[k]; k += 3) {
		const char *at = strstr(text, dates[k]);
		assert_non_null(at);
		struct date_mention *dm = &D->d[i][s->nd++];
		memset(dm, 0, sizeof(*dm));
		dm->b = (size_t)(at - text);
		dm->e = dm->b + strlen(dates[k]);
		snprintf(dm->value, sizeof(dm->value), "%s", dates[k + 1]);
		snprintf(dm->mod, sizeof(dm->mod), "%s", dates[k + 2]);
	}
}

static void run(struct doc *D)
{
	entity_doc_init(&D->ed);
	entity_find(gaz, &D->ed, D->s, D->n);
}

static void release(struct doc *D)
{
	for (size_t i = 0; i < D->n; i++)
		tokens_release(&D->tok[i]);
	entity_doc_release(&D->ed);
}

/* The entity of sentence i whose text is `text`, or NULL. */
static const struct entity *find(struct doc *D, size_t i, const char *text)
{
	const struct entity_sentence *s = &D->s[i];
	for (size_t k = s->first; k < s->first + s->n; k++) {
		const struct entity *e = &D->ed.v[k];
		if (e->e - e->b == strlen(text) && !memcmp(s->text + e->b, text, e->e - e->b))
			return e;
	}
	return NULL;
}

static const char *str(struct doc *D, size_t off)
{
	return off == ENTITY_NONE ? "(none)" : entity_str(&D->ed, off);
}

static const struct entity *expect(struct doc *D, size_t i, const char *text, enum entity_type t,
				   const char *key)
{
	const struct entity *e = find(D, i, text);
	if (!e)
		fail_msg("no entity '%s' in sentence %zu", text, i);
	assert_string_equal(entity_type_name(e->type), entity_type_name(t));
	if (key)
		assert_string_equal(str(D, e->key), key);
	return e;
}

static void test_person_titles(void **state)
{
	struct doc D = { .n = 0 };
	(void)state;

	const char *m0[] = { "PER:Senior Lieutenant General Hoàng Xuân Chiến", "ORG:Ministry of National Defence",
			     "MISC:Vietnamese", NULL };
	add_sentence(&D, "A delegation of the Vietnamese Ministry of National Defence, led by its Deputy "
		     "Minister, Senior Lieutenant General Hoàng Xuân Chiến, arrived.", m0, NULL);
	const char *m1[] = { "PER:Datuk Lokman Hakim bin Ali", NULL };
	add_sentence(&D, "Chiến met Datuk Lokman Hakim bin Ali, Secretary-General of Malaysia's Ministry "
		     "of Defence.", m1, NULL);
	const char *m2[] = { "PER:Chien", NULL };
	add_sentence(&D, "Sr. Lt. Gen. Chien also met Lt. Col. Nguyen Van An.", m2, NULL);
	run(&D);

	const struct entity *e = expect(&D, 0, "Hoàng Xuân Chiến", ENTITY_PERSON, "hoang xuan chien");
	assert_string_equal(str(&D, e->rank), "Senior Lieutenant General");
	assert_string_equal(str(&D, e->role), "Deputy Minister");
	assert_int_equal(e->ce - e->cb, 16);
	e = expect(&D, 0, "Vietnamese", ENTITY_NORP, "vietnamese");
	assert_string_equal(e->iso, "VN");
	e = expect(&D, 0, "Ministry of National Defence", ENTITY_ORG, NULL);
	assert_string_equal(e->country, "VN");

	/* an untagged short name at the start of a sentence is not found,
	 * a tagged one takes the full name's key */
	e = expect(&D, 1, "Lokman Hakim bin Ali", ENTITY_PERSON, "lokman hakim bin ali");
	assert_string_equal(str(&D, e->honorific), "Datuk");
	assert_string_equal(str(&D, e->role), "Secretary-General");
	assert_string_equal(e->country, "MY");
	e = expect(&D, 1, "Malaysia", ENTITY_GPE, "malaysia");
	assert_string_equal(e->iso, "MY");

	e = expect(&D, 2, "Chien", ENTITY_PERSON, "hoang xuan chien");
	assert_string_equal(str(&D, e->rank), "Senior Lieutenant General");
	/* found by the pattern "rank + capitalised words", no tagger */
	e = expect(&D, 2, "Nguyen Van An", ENTITY_PERSON, "nguyen van an");
	assert_string_equal(str(&D, e->rank), "Lieutenant Colonel");
	release(&D);
}

/* The tagger's mentions cleaned by titles and offices: pieces of titles
 * and names inside an office are no entities, a title makes a person of
 * what the tagger called an organisation, "bin" joins a split name, a
 * bracketed gloss is the rank. */
static void test_tagger_noise(void **state)
{
	struct doc D = { .n = 0 };
	(void)state;

	const char *m0[] = { "LOC:Sr", "ORG:Lt", "PER:Hùng", NULL };
	add_sentence(&D, "Sr. Lt. Gen. Hùng spoke.", m0, NULL);
	const char *m1[] = { "PER:Dato", "PER:Azhar", "PER:Osman", "ORG:National Defence", NULL };
	add_sentence(&D, "First Admiral Dato' Azhar bin Osman met the Deputy Minister of National "
		     "Defence.", m1, NULL);
	const char *m2[] = { "ORG:Air Marshal Donny", "ORG:General Motors", "PER:Marsekal Madya",
			     "PER:Rudi Hartono", NULL };
	add_sentence(&D, "Air Marshal Donny thanked General Motors; Marsekal Madya (Air Marshal) "
		     "Rudi Hartono agreed.", m2, NULL);
	const char *m3[] = { "ORG:Australia's Department of Defense", "MISC:Meeting Retreat", NULL };
	add_sentence(&D, "Officials of Australia's Department of Defense prepared the ASEAN Defence "
		     "Ministers' Meeting Retreat.", m3, NULL);
	const char *m4[] = { "PER:Phan Long", "ORG:National Defence of Viet Nam", "MISC:Americans",
			     NULL };
	add_sentence(&D, "Phan Long, Deputy Minister of National Defence of Viet Nam, met Americans.", m4,
		     NULL);
	const char *m5[] = { "ORG:General Long", "ORG:General Partners", NULL };
	add_sentence(&D, "General Long thanked General Partners.", m5, NULL);
	run(&D);

	assert_null(find(&D, 0, "Sr"));
	assert_null(find(&D, 0, "Lt"));
	const struct entity *e = expect(&D, 0, "Hùng", ENTITY_PERSON, "hung");
	assert_string_equal(str(&D, e->rank), "Senior Lieutenant General");

	assert_null(find(&D, 1, "Dato"));
	assert_null(find(&D, 1, "National Defence"));
	e = expect(&D, 1, "Azhar bin Osman", ENTITY_PERSON, "azhar bin osman");
	assert_string_equal(str(&D, e->rank), "First Admiral");
	assert_string_equal(str(&D, e->honorific), "Dato'");

	e = expect(&D, 2, "Donny", ENTITY_PERSON, "donny");
	assert_string_equal(str(&D, e->rank), "Air Marshal");
	expect(&D, 2, "General Motors", ENTITY_ORG, "general motors");
	assert_null(find(&D, 2, "Marsekal Madya"));
	e = expect(&D, 2, "Rudi Hartono", ENTITY_PERSON, "rudi hartono");
	assert_string_equal(str(&D, e->rank), "Air Marshal");

	e = expect(&D, 3, "Department of Defense", ENTITY_ORG, "department of defense");
	assert_string_equal(e->country, "AU");
	expect(&D, 3, "Australia", ENTITY_GPE, "australia");
	assert_null(find(&D, 3, "Meeting Retreat"));
	expect(&D, 3, "ASEAN Defence Ministers' Meeting Retreat", ENTITY_EVENT, NULL);

	assert_null(find(&D, 4, "National Defence of Viet Nam"));
	e = expect(&D, 4, "Phan Long", ENTITY_PERSON, "phan long");
	assert_string_equal(str(&D, e->role), "Deputy Minister of National Defence");
	assert_string_equal(e->country, "VN");
	e = expect(&D, 4, "Viet Nam", ENTITY_GPE, "vietnam");
	assert_string_equal(e->iso, "VN");
	e = expect(&D, 4, "Americans", ENTITY_NORP, "american");
	assert_string_equal(e->iso, "US");

	/* a single rank word makes a person only of a name met before */
	e = expect(&D, 5, "Long", ENTITY_PERSON, "phan long");
	assert_string_equal(str(&D, e->rank), "General");
	expect(&D, 5, "General Partners", ENTITY_ORG, "general partners");
	release(&D);
}

/* A lower-case word no name holds splits the tagger's mention; joiners,
 * particles and name words in the wrong case do not. */
static void test_tagger_lower_split(void **state)
{
	struct doc D = { .n = 0 };
	(void)state;

	const char *m0[] = { "ORG:Philippines as ASEAN", NULL };
	add_sentence(&D, "The session, chaired by the Philippines as ASEAN Chair for 2026, opened.", m0,
		     NULL);
	const char *m1[] = { "ORG:Woolworth is Kinney Shoe Stores", "ORG:Bank of England", NULL };
	add_sentence(&D, "Its parent Woolworth is Kinney Shoe Stores, said the Bank of England.", m1,
		     NULL);
	const char *m2[] = { "PER:Daniel arap Moi", "LOC:Dar es Salaam", "ORG:Taiwan Power co",
			     "ORG:United Automobile Workers union", NULL };
	add_sentence(&D, "Daniel arap Moi left Dar es Salaam; Taiwan Power co and the United "
		     "Automobile Workers union agreed.", m2, NULL);
	const char *m3[] = { "ORG:Meat export Federation", "PER:Alan greenspan", NULL };
	add_sentence(&D, "The Meat export Federation thanked Alan greenspan.", m3, NULL);
	run(&D);

	assert_null(find(&D, 0, "Philippines as ASEAN"));
	const struct entity *e = expect(&D, 0, "Philippines", ENTITY_GPE, "philippines");
	assert_string_equal(e->iso, "PH");
	expect(&D, 0, "ASEAN", ENTITY_ORG, NULL);

	expect(&D, 1, "Woolworth", ENTITY_ORG, "woolworth");
	expect(&D, 1, "Kinney Shoe Stores", ENTITY_ORG, "kinney shoe stores");
	expect(&D, 1, "Bank of England", ENTITY_ORG, "bank of england");

	expect(&D, 2, "Daniel arap Moi", ENTITY_PERSON, "daniel arap moi");
	expect(&D, 2, "Dar es Salaam", ENTITY_LOC, NULL);
	expect(&D, 2, "Taiwan Power co", ENTITY_ORG, "taiwan power co");
	expect(&D, 2, "United Automobile Workers", ENTITY_ORG, "united automobile workers");

	/* a split that would leave a head word alone, or a person's name
	 * ending in lower case, is no split */
	expect(&D, 3, "Meat export Federation", ENTITY_ORG, NULL);
	expect(&D, 3, "Alan greenspan", ENTITY_PERSON, NULL);
	release(&D);
}

static void test_roles_and_countries(void **state)
{
	struct doc D = { .n = 0 };
	(void)state;

	const char *m0[] = { "PER:Richard Schmidt", "LOC:New Zealand", NULL };
	add_sentence(&D, "He met Richard Schmidt, Deputy Secretary of Defense of New Zealand, on Monday.",
		     m0, NULL);
	const char *m1[] = { "PER:Hugh Jeffrey", "LOC:Australia", "ORG:Department of Defense", NULL };
	add_sentence(&D, "He talked with Hugh Jeffrey, Deputy Secretary for Strategy, Policy and "
		     "Industry at Australia's Department of Defense.", m1, NULL);
	const char *m2[] = { "PER:Ivan Petrov", "MISC:Russian", "ORG:Ministry of Defense", NULL };
	add_sentence(&D, "Colonel Ivan Petrov of the Russian Ministry of Defense spoke.", m2, NULL);
	const char *m3[] = { "PER:Lindsey Ford", "LOC:U.S.", NULL };
	add_sentence(&D, "Lindsey Ford, the U.S. Deputy Assistant Secretary of Defense, agreed.", m3, NULL);
	const char *m4[] = { "PER:Somchai", "MISC:Thai", NULL };
	add_sentence(&D, "The Thai Defence Minister Somchai said so.", m4, NULL);
	run(&D);

	const struct entity *e = expect(&D, 0, "Richard Schmidt", ENTITY_PERSON, NULL);
	assert_string_equal(str(&D, e->role), "Deputy Secretary of Defense");
	assert_string_equal(e->country, "NZ");
	e = expect(&D, 0, "New Zealand", ENTITY_GPE, NULL);
	assert_string_equal(e->iso, "NZ");
	e = expect(&D, 1, "Hugh Jeffrey", ENTITY_PERSON, NULL);
	assert_string_equal(str(&D, e->role), "Deputy Secretary for Strategy, Policy and Industry");
	assert_string_equal(e->country, "AU");
	e = expect(&D, 1, "Department of Defense", ENTITY_ORG, NULL);
	assert_string_equal(e->country, "AU");
	e = expect(&D, 2, "Ivan Petrov", ENTITY_PERSON, NULL);
	assert_string_equal(str(&D, e->rank), "Colonel");
	assert_string_equal(e->country, "RU");
	e = expect(&D, 3, "Lindsey Ford", ENTITY_PERSON, NULL);
	assert_string_equal(str(&D, e->role), "Deputy Assistant Secretary of Defense");
	assert_string_equal(e->country, "US");
	e = expect(&D, 3, "U.S.", ENTITY_GPE, "united states");
	assert_string_equal(e->iso, "US");
	e = expect(&D, 4, "Somchai", ENTITY_PERSON, NULL);
	assert_string_equal(str(&D, e->role), "Defence Minister");
	assert_string_equal(e->country, "TH");
	release(&D);
}

static void test_types(void **state)
{
	struct doc D = { .n = 0 };
	(void)state;

	const char *m0[] = { "LOC:Việt Nam", "LOC:Johor", "LOC:Mekong Delta", "MISC:ADSOM+",
			     "MISC:Shangri-La Dialogue", "ORG:ASEAN", "MISC:Olympic", NULL };
	add_sentence(&D, "Việt Nam, Johor and the Mekong Delta were at ADSOM+, the Shangri-La Dialogue, "
		     "the ASEAN Summit and the Olympic torch relay.", m0, NULL);
	const char *m1[] = { "LOC:Viet Nam", "MISC:Cobra Gold", NULL };
	add_sentence(&D, "Viet Nam joined Cobra Gold and the 19th ADMM in Republic of Korea.", m1, NULL);
	run(&D);

	const struct entity *e = expect(&D, 0, "Việt Nam", ENTITY_GPE, "vietnam");
	assert_string_equal(e->iso, "VN");
	e = expect(&D, 0, "Johor", ENTITY_GPE, "johor");
	assert_string_equal(e->iso, "");
	assert_string_equal(e->country, "MY");
	expect(&D, 0, "Mekong Delta", ENTITY_LOC, "mekong delta");
	expect(&D, 0, "ADSOM+", ENTITY_EVENT, "adsom-plus");
	expect(&D, 0, "Shangri-La Dialogue", ENTITY_EVENT, "shangri-la dialogue");
	/* the phrase wins over the tagger's shorter "ASEAN" */
	expect(&D, 0, "ASEAN Summit", ENTITY_EVENT, "asean summit");
	assert_null(find(&D, 0, "ASEAN"));
	expect(&D, 0, "Olympic", ENTITY_MISC, "olympic");
	e = expect(&D, 1, "Viet Nam", ENTITY_GPE, "vietnam");
	assert_string_equal(e->iso, "VN");
	expect(&D, 1, "Cobra Gold", ENTITY_EVENT, "cobra gold");
	expect(&D, 1, "19th ADMM", ENTITY_EVENT, "19th asean defence ministers' meeting");
	e = expect(&D, 1, "Republic of Korea", ENTITY_GPE, "south korea");
	assert_string_equal(e->iso, "KR");
	release(&D);
}

static void test_acronyms(void **state)
{
	struct doc D = { .n = 0 };
	(void)state;

	add_sentence(&D, "Ships of the Vietnam Coast Guard and Thai-MECC (Thailand Maritime Enforcement "
		     "Coordinating Center) met.", NULL, NULL);
	add_sentence(&D, "The Network of ASEAN Defence and Security Institutions (NADI) met.", NULL, NULL);
	add_sentence(&D, "Later Thai-MECC and NADI reported.", NULL, NULL);
	run(&D);

	const struct entity *a = expect(&D, 0, "Thai-MECC", ENTITY_ORG,
					"thailand maritime enforcement coordinating center");
	assert_string_equal(str(&D, a->expands), "Thailand Maritime Enforcement Coordinating Center");
	assert_string_equal(a->country, "TH");
	const struct entity *l = expect(&D, 0, "Thailand Maritime Enforcement Coordinating Center",
					ENTITY_ORG, "thailand maritime enforcement coordinating center");
	assert_string_equal(str(&D, l->alias), "Thai-MECC");
	const struct entity *v = expect(&D, 0, "Vietnam Coast Guard", ENTITY_ORG, NULL);
	assert_string_equal(v->country, "VN");
	expect(&D, 1, "Network of ASEAN Defence and Security Institutions", ENTITY_ORG,
	       "network of asean defence and security institutions");
	a = expect(&D, 1, "NADI", ENTITY_ORG, "network of asean defence and security institutions");
	/* later mentions know the long form */
	a = expect(&D, 2, "Thai-MECC", ENTITY_ORG, "thailand maritime enforcement coordinating center");
	assert_string_equal(str(&D, a->expands), "Thailand Maritime Enforcement Coordinating Center");
	expect(&D, 2, "NADI", ENTITY_ORG, "network of asean defence and security institutions");
	release(&D);
}

static void test_coref(void **state)
{
	struct doc D = { .n = 0 };
	(void)state;

	const char *m0[] = { "PER:Chien", "PER:Schmidt", NULL };
	add_sentence(&D, "Chien thanked Schmidt.", m0, NULL);
	const char *m1[] = { "PER:Hoang Xuan Chien", "PER:Richard Schmidt", "PER:Tran Van Chien", NULL };
	add_sentence(&D, "Hoang Xuan Chien met Richard Schmidt and Tran Van Chien.", m1, NULL);
	const char *m2[] = { "PER:Chiến", "PER:Schmidt", "PER:Nguyen", NULL };
	add_sentence(&D, "Chiến and Schmidt left; Nguyen stayed.", m2, NULL);
	run(&D);

	/* before any full name: the first full name after */
	expect(&D, 0, "Chien", ENTITY_PERSON, "hoang xuan chien");
	expect(&D, 0, "Schmidt", ENTITY_PERSON, "richard schmidt");
	/* after: the nearest full name before */
	expect(&D, 2, "Chiến", ENTITY_PERSON, "tran van chien");
	expect(&D, 2, "Schmidt", ENTITY_PERSON, "richard schmidt");
	expect(&D, 2, "Nguyen", ENTITY_PERSON, "nguyen");
	release(&D);
}

static void test_dates_and_json(void **state)
{
	struct doc D = { .n = 0 };
	struct buf out = BUF_INIT;
	(void)state;

	const char *m0[] = { "LOC:Việt Nam", NULL };
	const char *d0[] = { "late July 2025", "2025-07", "END", "Wednesday", "2025-09-24", "", NULL };
	add_sentence(&D, "Đà Nẵng hosted Việt Nam's \"drill\" on Wednesday, as in late July 2025.", m0, d0);
	run(&D);
	entity_json(&out, &D.ed, &D.s[0], ENTITY_ALL_TYPES);
	assert_string_equal(out.buf,
		"[{\"text\":\"Đà Nẵng\",\"span\":[0,7],\"type\":\"GPE\",\"key\":\"da nang\",\"country\":\"VN\"},"
		"{\"text\":\"Việt Nam\",\"span\":[15,23],\"type\":\"GPE\",\"key\":\"vietnam\",\"iso\":\"VN\"},"
		"{\"text\":\"Wednesday\",\"span\":[37,46],\"type\":\"DATE\",\"key\":\"2025-09-24\",\"value\":\"2025-09-24\"},"
		"{\"text\":\"late July 2025\",\"span\":[54,68],\"type\":\"DATE\",\"key\":\"2025-07\",\"value\":\"2025-07\",\"mod\":\"END\"}]");
	buf_reset(&out);
	entity_json(&out, &D.ed, &D.s[0], 1u << ENTITY_DATE);
	assert_non_null(strstr(out.buf, "Wednesday"));
	assert_null(strstr(out.buf, "GPE"));
	buf_release(&out);
	release(&D);
}

static void test_types_parse(void **state)
{
	unsigned m = 0;
	struct buf err = BUF_INIT;
	(void)state;

	assert_int_equal(entity_types_parse("PERSON,GPE", &m, &err), 0);
	assert_int_equal(m, (1u << ENTITY_PERSON) | (1u << ENTITY_GPE));
	assert_int_equal(entity_types_parse("PERSON,PLANET", &m, &err), -1);
	assert_string_equal(err.buf, "unknown entity type 'PLANET'");
	assert_int_equal(entity_type_parse("NORP", 4), ENTITY_NORP);
	assert_int_equal(entity_type_parse("norp", 4), -1);
	buf_release(&err);
}

/* 100 000 capitalised words, titles and acronyms in a row: it ends, the
 * entities do not overlap and are in order. */
static void test_pathological(void **state)
{
	struct doc D = { .n = 0 };
	struct buf t = BUF_INIT;
	(void)state;

	for (int i = 0; i < 25000; i++)
		buf_adds(&t, "General Datuk Ministry (MOD) ");
	add_sentence(&D, t.buf, NULL, NULL);
	run(&D);
	const struct entity_sentence *s = &D.s[0];
	assert_true(s->n > 0);
	for (size_t k = s->first + 1; k < s->first + s->n; k++)
		assert_true(D.ed.v[k - 1].e <= D.ed.v[k].b);
	release(&D);
	buf_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_person_titles),
		cmocka_unit_test(test_tagger_noise),
		cmocka_unit_test(test_tagger_lower_split),
		cmocka_unit_test(test_roles_and_countries),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_acronyms),
		cmocka_unit_test(test_coref),
		cmocka_unit_test(test_dates_and_json),
		cmocka_unit_test(test_types_parse),
		cmocka_unit_test(test_pathological),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
