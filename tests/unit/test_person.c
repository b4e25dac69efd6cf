/* Unit tests: the facts of a person mention — the rank, role (office,
 * organisation) and country readers of the entity layer — on sentences
 * worded as news agencies word them, without the tagger (the patterns
 * alone find the people after their titles and offices). */
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

#define MAXS 6

/* A document of sentences, run through entity_find without tagger
 * mentions; `dateline` and `agency` as wire-split gives them, or NULL. */
struct doc {
	struct entity_sentence s[MAXS];
	struct tokens tok[MAXS];
	size_t n;
	struct entity_doc ed;
};

static void run(struct doc *D, const char *const *text, const char *dateline, const char *agency)
{
	memset(D, 0, sizeof(*D));
	for (D->n = 0; text[D->n]; D->n++) {
		struct entity_sentence *s = &D->s[D->n];
		struct tokens t = TOKENS_INIT;
		D->tok[D->n] = t;
		token_split(text[D->n], strlen(text[D->n]), &D->tok[D->n]);
		s->text = text[D->n];
		s->len = strlen(text[D->n]);
		s->tok = D->tok[D->n].v;
		s->ntok = D->tok[D->n].n;
	}
	entity_doc_init(&D->ed);
	entity_doc_origin(&D->ed, dateline, dateline ? strlen(dateline) : 0, agency,
			  agency ? strlen(agency) : 0);
	entity_find(gaz, &D->ed, D->s, D->n);
}

static void release(struct doc *D)
{
	for (size_t i = 0; i < D->n; i++)
		tokens_release(&D->tok[i]);
	entity_doc_release(&D->ed);
}

static const char *str(const struct doc *D, size_t off)
{
	return off == ENTITY_NONE ? "-" : entity_str(&D->ed, off);
}

/* Checks the person `name` of sentence i: rank, role, org, country ("-"
 * for none). */
static void person(const struct doc *D, size_t i, const char *name, const char *rank,
		   const char *role, const char *org, const char *country)
{
	const struct entity_sentence *s = &D->s[i];
	for (size_t k = s->first; k < s->first + s->n; k++) {
		const struct entity *e = &D->ed.v[k];
		if (e->type != ENTITY_PERSON || e->e - e->b != strlen(name) ||
		    memcmp(s->text + e->b, name, e->e - e->b))
			continue;
		assert_string_equal(str(D, e->rank), rank);
		assert_string_equal(str(D, e->role), role);
		assert_string_equal(str(D, e->org), org);
		assert_string_equal(*e->country ? e->country : "-", country);
		return;
	}
	fail_msg("no person '%s' in sentence %zu", name, i);
}

/* Every written form of a rank reads as one canonical English rank. */
static void test_ranks(void **state)
{
	static const char *const r[][2] = {
		{ "Sen. Lieut. Gen.", "Senior Lieutenant General" },
		{ "Sr. Lt. Gen.", "Senior Lieutenant General" },
		{ "Senior Lieutenant General", "Senior Lieutenant General" },
		{ "Lieut. Gen.", "Lieutenant General" },
		{ "Lt. Gen.", "Lieutenant General" },
		{ "Maj. Gen.", "Major General" },
		{ "Maj.-Gen.", "Major General" },
		{ "Brig. Gen.", "Brigadier General" },
		{ "Rear Adm.", "Rear Admiral" },
		{ "Vice Adm.", "Vice Admiral" },
		{ "Adm.", "Admiral" },
		{ "Lt. Col.", "Lieutenant Colonel" },
		{ "Lieut. Col.", "Lieutenant Colonel" },
		{ "Sr. Col.", "Senior Colonel" },
		{ "Senior Colonel", "Senior Colonel" },
		{ "Col.", "Colonel" },
		{ "Air Marshal", "Air Marshal" },
		{ "Air Chief Marshal", "Air Chief Marshal" },
		{ "First Admiral", "First Admiral" },
		{ "First Adm.", "First Admiral" },
		{ "Laksamana", "Admiral" },
		{ "Jeneral", "General" },
		{ "Gen.", "General" },
		{ "Army Gen.", "General" },
	};
	(void)state;
	for (size_t k = 0; k < sizeof(r) / sizeof(r[0]); k++) {
		char text[160];
		snprintf(text, sizeof(text), "The delegation was received by %s Arif Santoso "
			 "at the ministry.", r[k][0]);
		const char *doc[] = { text, NULL };
		struct doc D;
		run(&D, doc, NULL, NULL);
		person(&D, 0, "Arif Santoso", r[k][1], "-", "-", "-");
		release(&D);
	}
}

/* The office as written, with the complements of the office; whose it is
 * gives the country, not the role. */
static void test_roles(void **state)
{
	const char *doc[] = {
		"Vietnamese Deputy Minister of National Defence Sen. Lieut. Gen. Tran Quang Minh "
		"hosted a reception in Hanoi on Tuesday for newly-appointed Malaysian Defence "
		"Attaché in Vietnam Colonel Faizal Ahmad.",
		"Earlier, Chinese Ambassador to Vietnam Wang Jianguo paid a farewell call on "
		"Sr. Lt. Gen. Le Van Hoa, Chief of the General Staff of the Vietnam People's Army.",
		"The Thai side was led by Gen. Somboon Chaiyasit, Deputy Permanent Secretary of "
		"the Thai Ministry of Defense.",
		"Malaysia's Secretary-General of the Ministry of Defence Datuk Seri Rahim Osman "
		"and Deputy Prime Minister and Minister for Defence Richard Hall also attended.",
		NULL,
	};
	struct doc D;
	(void)state;
	run(&D, doc, NULL, NULL);
	person(&D, 0, "Tran Quang Minh", "Senior Lieutenant General",
	       "Deputy Minister of National Defence", "-", "VN");
	person(&D, 0, "Faizal Ahmad", "Colonel", "Defence Attaché in Vietnam", "-", "MY");
	person(&D, 1, "Wang Jianguo", "-", "Ambassador to Vietnam", "-", "CN");
	person(&D, 1, "Le Van Hoa", "Senior Lieutenant General",
	       "Chief of the General Staff of the Vietnam People's Army", "Vietnam People's Army",
	       "VN");
	person(&D, 2, "Somboon Chaiyasit", "General", "Deputy Permanent Secretary",
	       "Ministry of Defense", "TH");
	person(&D, 3, "Rahim Osman", "-", "Secretary-General of the Ministry of Defence",
	       "Ministry of Defence", "MY");
	person(&D, 3, "Richard Hall", "-", "Deputy Prime Minister and Minister for Defence", "-",
	       "-");
	release(&D);
}

/* A person's country: the delegation led, the organisation, "Ambassador
 * to" naming the host only, an office between commas after another
 * person, earlier mentions. */
static void test_countries(void **state)
{
	const char *doc[] = {
		"Sr. Lt. Gen. Le Van Hoa met Maj. Gen. David Brooks, head of the Australian "
		"delegation, and the Indonesian delegation led by First Adm. Budi Santoso.",
		"Adm. Prasert Wongsuwan, Commander of the Royal Thai Navy, met Vietnamese "
		"Ambassador to the Philippines Nguyen Thi Lan.",
		"During talks with Datuk Seri Azman Ali, Malaysia's Defence Minister, General Hoa "
		"said the two navies would hold joint patrols.",
		NULL,
	};
	struct doc D;
	(void)state;
	run(&D, doc, NULL, NULL);
	person(&D, 0, "David Brooks", "Major General", "-", "-", "AU");
	person(&D, 0, "Budi Santoso", "First Admiral", "-", "-", "ID");
	person(&D, 1, "Prasert Wongsuwan", "Admiral", "Commander", "Royal Thai Navy", "TH");
	person(&D, 1, "Nguyen Thi Lan", "-", "Ambassador to the Philippines", "-", "VN");
	person(&D, 2, "Azman Ali", "-", "Defence Minister", "-", "MY");
	release(&D);
}

/* Later mentions by surname or rank and surname take the facts of the
 * full mention: "General Chien" after "Sr. Lt. Gen. Hoang Xuan Chien"
 * carries his full rank; a mention's own office stays its own. */
static void test_later_mentions(void **state)
{
	const char *doc[] = {
		"Vietnamese Deputy Minister of National Defence Sr. Lt. Gen. Hoang Xuan Chien "
		"attended the meeting.",
		"General Chien said Vietnam supports the work plan.",
		"Deputy Minister Chien also met the Japanese delegation.",
		NULL,
	};
	struct doc D;
	(void)state;
	run(&D, doc, NULL, NULL);
	person(&D, 1, "Chien", "Senior Lieutenant General", "Deputy Minister of National Defence",
	       "-", "VN");
	person(&D, 2, "Chien", "Senior Lieutenant General", "Deputy Minister", "-", "VN");
	release(&D);
}

/* An official the text gives no country serves the country of the
 * national agency, else of the dateline; a dateline left in the text
 * counts too; people without office or rank get none. */
static void test_home(void **state)
{
	const char *doc[] = {
		"Defence Minister Datuk Seri Hamid Yusof received a courtesy call from Australian "
		"Chief of Army Lt. Gen. Simon Stuart.",
		NULL,
	};
	const char *doc2[] = {
		"Hanoi (VNA) – Deputy Minister of National Defence Sen. Lieut. Gen. Pham Van Son "
		"received the visiting delegation on Tuesday.",
		NULL,
	};
	struct doc D;
	(void)state;
	run(&D, doc, "KUALA LUMPUR", "Bernama");
	person(&D, 0, "Hamid Yusof", "-", "Defence Minister", "-", "MY");
	person(&D, 0, "Simon Stuart", "Lieutenant General", "Chief of Army", "-", "AU");
	release(&D);
	run(&D, doc, "HANOI", NULL);
	person(&D, 0, "Hamid Yusof", "-", "Defence Minister", "-", "VN");
	release(&D);
	run(&D, doc, NULL, NULL);
	person(&D, 0, "Hamid Yusof", "-", "Defence Minister", "-", "-");
	release(&D);
	run(&D, doc2, NULL, NULL);
	person(&D, 0, "Pham Van Son", "Senior Lieutenant General",
	       "Deputy Minister of National Defence", "-", "VN");
	release(&D);
}

/* Forms of the region's own papers: the country after the office with a
 * comma, a high commissioner's own country beside the host. */
static void test_office_forms(void **state)
{
	const char *doc[] = {
		"The delegation called on Minister of Defence Singapore, Dr Tan Kok Wah, and Chief "
		"of Defence Force Singapore, Lieutenant General Lim Boon Hock.",
		"The Minister was accompanied by High Commissioner of Malaysia to Brunei "
		"Darussalam Dato' Razak Ismail.",
		NULL,
	};
	struct doc D;
	(void)state;
	run(&D, doc, NULL, NULL);
	person(&D, 0, "Tan Kok Wah", "-", "Minister of Defence", "-", "SG");
	person(&D, 0, "Lim Boon Hock", "Lieutenant General", "Chief of Defence Force", "-", "SG");
	person(&D, 1, "Razak Ismail", "-", "High Commissioner", "-", "MY");
	release(&D);
}

/* Appositions: "at" says whose the office is, "then" dates it. */
static void test_appositions(void **state)
{
	const char *doc[] = {
		"Lee Jae Won, a research fellow at the Korea Institute for Defense Analyses, said "
		"the talks were overdue.",
		"The two last met in June, when Kenji Ito, then defense minister, visited Manila.",
		NULL,
	};
	struct doc D;
	(void)state;
	run(&D, doc, "TOKYO", "Kyodo");
	person(&D, 0, "Lee Jae Won", "-", "research fellow", "Korea Institute for Defense Analyses", "KR");
	person(&D, 1, "Kenji Ito", "-", "defense minister", "-", "JP");
	release(&D);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ranks),
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_countries),
		cmocka_unit_test(test_later_mentions),
		cmocka_unit_test(test_home),
		cmocka_unit_test(test_office_forms),
		cmocka_unit_test(test_appositions),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
