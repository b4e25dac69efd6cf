/* Unit tests: the meeting event rules of lib/events on hand-made entity
 * records (the sides of a meeting word, the main actor, unnamed sides,
 * announcements, merges, spans) and the model file's error messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "wire/core/buf.h"
#include "wire/core/json.h"
#include "wire/events/events.h"

static struct events_model *model;

static int setup_all(void **state)
{
	struct buf err = BUF_INIT;

	(void)state;
	model = events_model_load(NULL, NULL, NULL, &err);
	if (!model)
		print_error("cannot load the model: %s\n", err.buf);
	buf_release(&err);
	return model ? 0 : -1;
}

static int teardown_all(void **state)
{
	(void)state;
	events_model_free(model);
	return 0;
}

/* ---- helpers ---------------------------------------------------------- */

/* An entity of a test sentence: its type, the text it covers (its first
 * occurrence at or after the previous entity), its key and more members
 * as JSON text ("" for none). */
struct ent {
	const char *type, *text, *key, *more;
};

static size_t code_points(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/* Appends the record of sentence `seq` of document `doc`. */
static void add_rec(struct events_doc *d, const char *doc, int seq, const char *text,
		    const struct ent *e, size_t n)
{
	struct buf r = BUF_INIT;
	const char *from = text;

	buf_addf(&r, "{\"doc\":\"%s\",\"id\":\"%s#%d\",\"date\":\"2025-03-12\",\"text\":", doc, doc, seq);
	json_escape(&r, text, strlen(text));
	buf_adds(&r, ",\"entities\":[");
	for (size_t i = 0; i < n; i++) {
		const char *p = strstr(from, e[i].text);
		assert_non_null(p);
		size_t b = code_points(text, (size_t)(p - text));
		size_t len = code_points(e[i].text, strlen(e[i].text));
		buf_addf(&r, "%s{\"text\":", i ? "," : "");
		json_escape(&r, e[i].text, strlen(e[i].text));
		buf_addf(&r, ",\"span\":[%zu,%zu],\"type\":\"%s\",\"key\":\"%s\"%s%s}", b, b + len,
			 e[i].type, e[i].key, *e[i].more ? "," : "", e[i].more);
		from = p;
	}
	buf_adds(&r, "]}");
	struct json_val v = { r.buf, r.len, JSON_OBJECT };
	assert_int_equal(events_doc_add(d, &v), 1);
	buf_release(&r);
}

/* The events of the document as text, one compact summary per line:
 * "mode:key1+key2" with the participants' keys in order. */
static void summary(struct events_doc *d, struct buf *out)
{
	struct buf ev = BUF_INIT, tmp = BUF_INIT;

	events_doc_emit(d, &ev);
	for (char *p = ev.buf; *p;) {
		char *nl = strchr(p, '\n');
		struct json_val rec = { p, (size_t)(nl - p), JSON_OBJECT }, v, part, el, key;
		struct json_iter it;
		assert_true(json_get(&rec, "mode", 4, &v));
		buf_reset(&tmp);
		json_decode_string(&v, &tmp);
		buf_adds(out, tmp.buf);
		buf_addc(out, ':');
		assert_true(json_get(&rec, "participants", 12, &part));
		if (!json_get(&rec, "attendees", 9, &v))
			v = part;
		else
			buf_adds(out, "attended ");
		json_iter_array(&it, &v);
		for (int i = 0; json_next_elem(&it, &el); i++) {
			assert_true(json_get(&el, "key", 3, &key));
			buf_reset(&tmp);
			json_decode_string(&key, &tmp);
			buf_addf(out, "%s%s", i ? "+" : "", tmp.buf);
		}
		buf_addc(out, '\n');
		p = nl + 1;
	}
	buf_release(&ev);
	buf_release(&tmp);
}

static void expect(struct events_doc *d, const char *want)
{
	struct buf got = BUF_INIT;
	summary(d, &got);
	assert_string_equal(got.buf, want);
	buf_release(&got);
	events_doc_reset(d);
}

#define P(text, key, more) { "PERSON", text, key, more }
#define N(text, iso) { "NORP", text, "n", "\"iso\":\"" iso "\"" }
#define G(text, iso) { "GPE", text, "g", "\"iso\":\"" iso "\"" }
#define E(text, key) { "EVENT", text, key, "" }
#define NE(a) (sizeof(a) / sizeof(*(a)))

/* ---- tests ------------------------------------------------------------ */

static void subject_and_object(void **state)
{
	struct events_doc *d = events_doc_new(model);
	const struct ent e[] = { P("Nguyen Van An", "nguyen van an", ""),
				 P("Somchai Deesri", "somchai deesri", "\"country\":\"TH\"") };
	(void)state;
	add_rec(d, "a", 0, "Deputy Minister Nguyen Van An received Thai Defence Attaché Colonel "
		"Somchai Deesri in Hanoi on Tuesday.", e, NE(e));
	expect(d, "reception:nguyen van an+somchai deesri\n");
	events_doc_free(d);
}

static void main_actor_by_pronoun(void **state)
{
	struct events_doc *d = events_doc_new(model);
	const struct ent e0[] = { P("Lena Hart", "lena hart", "") };
	const struct ent e1[] = { P("Arif Rahman", "arif rahman", "") };
	const struct ent e2[] = { P("Mei Tan", "mei tan", "") };
	(void)state;
	add_rec(d, "b", 0, "Defence Secretary Lena Hart arrived in Jakarta on Monday.", e0, 1);
	add_rec(d, "b", 1, "During talks with Air Marshal Arif Rahman, she praised the navies.", e1, 1);
	add_rec(d, "b", 2, "She also met with Permanent Secretary Mei Tan.", e2, 1);
	expect(d, "talks:lena hart+arif rahman\ntalks:lena hart+mei tan\n");
	events_doc_free(d);
}

static void announced_is_not_held(void **state)
{
	struct events_doc *d = events_doc_new(model);
	const struct ent e[] = { P("Lena Hart", "lena hart", ""), P("Arif Rahman", "arif rahman", "") };
	(void)state;
	add_rec(d, "c", 0, "Lena Hart will meet Arif Rahman in Canberra.", e, 2);
	add_rec(d, "c", 1, "Lena Hart is scheduled to hold talks with Arif Rahman.", e, 2);
	add_rec(d, "c", 2, "Lena Hart met Arif Rahman next month, the ministry said.", e, 2);
	expect(d, "");
	const struct ent e3[] = { P("Arif Rahman", "arif rahman", ""), P("Lena Hart", "lena hart", ""),
				  { "DATE", "2019", "2019", "\"value\":\"2019\"" } };
	add_rec(d, "c", 0, "Arif Rahman, who met Lena Hart in 2019, spoke of trust.",
		e3, 3);
	add_rec(d, "c", 1, "Lena Hart received the Order of Friendship from Arif Rahman.", e, 2);
	expect(d, "");
	events_doc_free(d);
}

static void no_meeting_word_no_event(void **state)
{
	struct events_doc *d = events_doc_new(model);
	const struct ent e[] = { P("Lena Hart", "lena hart", ""), P("Arif Rahman", "arif rahman", "") };
	(void)state;
	add_rec(d, "d", 0, "Lena Hart said Arif Rahman's proposal deserved study.", e, 2);
	add_rec(d, "d", 1, "Lena Hart welcomed Arif Rahman's remarks on the exercise.", e, 2);
	add_rec(d, "d", 2, "Lena Hart called on General Arif Rahman to ensure the crews' safety.", e, 2);
	expect(d, "");
	events_doc_free(d);
}

static void unnamed_sides_then_named(void **state)
{
	struct events_doc *d = events_doc_new(model);
	const struct ent e0[] = { P("Tran Quoc Binh", "tran quoc binh", "\"country\":\"VN\"") };
	const struct ent e1[] = { G("Thailand", "TH"), G("New Zealand", "NZ") };
	const struct ent e2[] = { P("Prasert Wong", "prasert wong", "\"country\":\"TH\"") };
	(void)state;
	add_rec(d, "e", 0, "Senior Lieutenant General Tran Quoc Binh attended the meeting.", e0, 1);
	add_rec(d, "e", 1, "He held bilateral meetings with the heads of delegation from Thailand "
		"and New Zealand.", e1, 2);
	add_rec(d, "e", 2, "In talks with General Prasert Wong, he urged more exchanges.", e2, 1);
	expect(d, "talks:tran quoc binh+prasert wong\ntalks:tran quoc binh+country:NZ\n");
	events_doc_free(d);
}

static void between_and_cochair(void **state)
{
	struct events_doc *d = events_doc_new(model);
	const struct ent e0[] = { P("Lena Hart", "lena hart", ""), P("Arif Rahman", "arif rahman", "") };
	const struct ent e1[] = { P("Mei Tan", "mei tan", ""), P("Bui Duc Long", "bui duc long", "") };
	(void)state;
	add_rec(d, "f", 0, "Talks between Lena Hart and Arif Rahman lasted two hours.", e0, 2);
	add_rec(d, "f", 1, "Permanent Secretary Mei Tan and Major General Bui Duc Long co-chaired "
		"the dialogue.", e1, 2);
	expect(d, "talks:lena hart+arif rahman\ntalks:mei tan+bui duc long\n");
	events_doc_free(d);
}

static void short_name_joins_full_name(void **state)
{
	struct events_doc *d = events_doc_new(model);
	const struct ent e0[] = { P("Hoang Van Chinh", "hoang van chinh", "\"rank\":\"General\"") };
	const struct ent e1[] = { P("Chinh", "chinh", ""), P("Ola Berg", "ola berg", "") };
	(void)state;
	add_rec(d, "g", 0, "General Hoang Van Chinh led the delegation.", e0, 1);
	add_rec(d, "g", 1, "General Chinh met Ola Berg on Friday.", e1, 2);
	expect(d, "talks:hoang van chinh+ola berg\n");
	events_doc_free(d);
}

static void several_on_one_side(void **state)
{
	struct events_doc *d = events_doc_new(model);
	const struct ent e[] = { P("Lena Hart", "lena hart", ""), P("Arif Rahman", "arif rahman", ""),
				 P("Mei Tan", "mei tan", "") };
	(void)state;
	add_rec(d, "h", 0, "Lena Hart received Arif Rahman, Chief of Navy, and Mei Tan, Chief of Army.",
		e, 3);
	expect(d, "reception:lena hart+arif rahman\nreception:lena hart+mei tan\n");
	events_doc_free(d);
}

static void multilateral_attendance(void **state)
{
	struct events_doc *d = events_doc_new(model);
	const struct ent e[] = { P("Lena Hart", "lena hart", ""), E("ADMM-Plus", "admm-plus") };
	const struct ent e1[] = { P("Lena Hart", "lena hart", ""), P("Arif Rahman", "arif rahman", ""),
				  P("Mei Tan", "mei tan", "") };
	(void)state;
	add_rec(d, "i", 0, "Lena Hart attended the ADMM-Plus in Vientiane.", e, 2);
	add_rec(d, "i", 1, "Lena Hart held trilateral talks with Arif Rahman and Mei Tan.", e1, 3);
	expect(d, "multilateral:attended lena hart\n"
		  "multilateral:attended lena hart+arif rahman+mei tan\n");
	events_doc_free(d);
}

static void same_meeting_told_twice(void **state)
{
	struct events_doc *d = events_doc_new(model);
	const struct ent e[] = { P("Lena Hart", "lena hart", ""), P("Arif Rahman", "arif rahman", "") };
	struct buf out = BUF_INIT;
	(void)state;
	add_rec(d, "j", 0, "Lena Hart met Arif Rahman on the sidelines.", e, 2);
	add_rec(d, "j", 1, "At their meeting, Lena Hart and Arif Rahman agreed to hold drills.", e, 2);
	assert_int_equal(events_doc_emit(d, &out), 1);
	assert_non_null(strstr(out.buf, "\"mode\":\"sidelines\""));
	assert_non_null(strstr(out.buf, "\"evidence\":[{\"id\":\"j#0\",\"span\":[0,25]},"
				       "{\"id\":\"j#1\",\"span\":"));
	assert_non_null(strstr(out.buf, "\"plover\":{\"event\":\"CONSULT\",\"mode\":\"third-party\"},"
				       "\"cameo\":\"044\""));
	assert_non_null(strstr(out.buf, "\"id\":\"j#e1\""));
	buf_release(&out);
	events_doc_free(d);
}

static void spans_in_code_points(void **state)
{
	struct events_doc *d = events_doc_new(model);
	const struct ent e[] = { P("Hoàng Xuân Chiến", "hoang xuan chien", ""),
				 P("Lê Văn Đức", "le van duc", "") };
	struct buf out = BUF_INIT;
	(void)state;
	add_rec(d, "k", 0, "Ông Hoàng Xuân Chiến received Lê Văn Đức.", e, 2);
	assert_int_equal(events_doc_emit(d, &out), 1);
	assert_non_null(strstr(out.buf, "\"span\":[4,40]"));
	assert_non_null(strstr(out.buf, "\"date\":\"2025-03-12\""));
	buf_release(&out);
	events_doc_free(d);
}

static void model_errors(void **state)
{
	static const char modes[] = "mode,plover_mode,cameo\ntalks,,040\nsidelines,third-party,044\n"
				    "multilateral,third-party,044\n";
	static const char bad_kind[] = "phrase,kind,mode\nmet,gather,talks\n";
	static const char bad_mode[] = "phrase,kind,mode\n# c\nmet,meet,tea\n";
	static const char no_modes[] = "mode,plover_mode,cameo\ntalks,,040\n";
	struct buf err = BUF_INIT;
	(void)state;
	assert_null(events_model_parse(bad_kind, strlen(bad_kind), modes, strlen(modes), NULL, 0, &err));
	assert_string_equal(err.buf, "meeting-verbs.csv:2: unknown kind 'gather'");
	buf_reset(&err);
	assert_null(events_model_parse(bad_mode, strlen(bad_mode), modes, strlen(modes), NULL, 0, &err));
	assert_string_equal(err.buf, "meeting-verbs.csv:3: unknown mode 'tea'");
	buf_reset(&err);
	assert_null(events_model_parse(bad_kind, strlen(bad_kind), no_modes, strlen(no_modes), NULL, 0,
				       &err));
	assert_string_equal(err.buf, "meeting-modes.csv: needs the modes talks, sidelines and multilateral");
	buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(subject_and_object),
		cmocka_unit_test(main_actor_by_pronoun),
		cmocka_unit_test(announced_is_not_held),
		cmocka_unit_test(no_meeting_word_no_event),
		cmocka_unit_test(unnamed_sides_then_named),
		cmocka_unit_test(between_and_cochair),
		cmocka_unit_test(short_name_joins_full_name),
		cmocka_unit_test(several_on_one_side),
		cmocka_unit_test(multilateral_attendance),
		cmocka_unit_test(same_meeting_told_twice),
		cmocka_unit_test(spans_in_code_points),
		cmocka_unit_test(model_errors),
	};
	return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
