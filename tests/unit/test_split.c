/* Unit tests: split — one document in, its unit records out, with spans in
 * code points of the document text. */
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
#include "wire/split/segment.h"
#include "wire/split/split.h"

static const char text[] = "HANOI \xe2\x80\x94 H\xc3\xa0 N\xe1\xbb\x99i is calm. Gen. Lee met him "
			   "at 5 p.m. on Monday.\n\nA new paragraph starts here.\n";

static struct segment_rules *rules;

static int setup(void **state)
{
	(void)state;
	const char *err;
	if (!getenv("WIRE_DATA"))
		setenv("WIRE_DATA", "share/wire", 1);
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

/* Splits `len` bytes of text by `by` into `out` (records, one a line);
 * cp_base shifts the spans. Returns the record count. */
static size_t split_text(enum split_unit by, const char *t, size_t len, size_t cp_base,
			 const struct json_val *carry, struct buf *out)
{
	struct split_opts opts = { by, 0, rules };
	struct split s;
	split_init(&s, &opts);
	s.to = out;
	struct split_doc d = { 0 };
	d.id = "d1";
	d.idlen = 2;
	d.source = "mem";
	d.text = t;
	d.len = len;
	d.cp_base = cp_base;
	d.carry = carry;
	static const char *const skip[] = { "text", NULL };
	d.skip = skip;
	size_t n = split_document(&s, &d, NULL);
	split_release(&s);
	return n;
}

/* Member `name` of the record on line `i` of `recs`, as JSON text. */
static char *member(const struct buf *recs, size_t i, const char *name)
{
	const char *p = recs->buf;
	for (; i > 0; i--)
		p = strchr(p, '\n') + 1;
	const char *e = strchr(p, '\n');
	const char *msg;
	size_t pos;
	assert_true(json_check_object(p, (size_t)(e - p), &msg, &pos));
	struct json_val obj, v;
	assert_non_null(json_scan(p, e, &obj, NULL, NULL));
	if (!json_get(&obj, name, strlen(name), &v))
		return strdup("absent");
	char *r = malloc(v.n + 1);
	memcpy(r, v.p, v.n);
	r[v.n] = '\0';
	return r;
}

static void member_is(const struct buf *recs, size_t i, const char *name, const char *want)
{
	char *got = member(recs, i, name);
	assert_string_equal(got, want);
	free(got);
}

static void test_sentences(void **state)
{
	(void)state;
	struct buf out = BUF_INIT;
	assert_int_equal(split_text(SPLIT_SENTENCE, text, strlen(text), 0, NULL, &out), 3);
	member_is(&out, 0, "id", "\"d1#0\"");
	member_is(&out, 0, "doc", "\"d1\"");
	member_is(&out, 0, "unit", "\"sentence\"");
	member_is(&out, 0, "text", "\"H\xc3\xa0 N\xe1\xbb\x99i is calm.\"");
	member_is(&out, 0, "span", "[8,23]"); /* code points, not bytes */
	member_is(&out, 0, "dateline", "\"HANOI\"");
	member_is(&out, 0, "source", "\"mem\"");
	member_is(&out, 1, "text", "\"Gen. Lee met him at 5 p.m. on Monday.\"");
	member_is(&out, 1, "span", "[24,61]");
	member_is(&out, 1, "para", "0");
	member_is(&out, 2, "seq", "2");
	member_is(&out, 2, "para", "1");
	member_is(&out, 2, "span", "[63,91]");
	buf_release(&out);
}

static void test_paragraphs_and_doc(void **state)
{
	(void)state;
	struct buf out = BUF_INIT;
	assert_int_equal(split_text(SPLIT_PARA, text, strlen(text), 0, NULL, &out), 2);
	member_is(&out, 0, "unit", "\"para\"");
	member_is(&out, 0, "span", "[8,61]");
	member_is(&out, 1, "span", "[63,91]");
	buf_reset(&out);
	assert_int_equal(split_text(SPLIT_DOC, text, strlen(text), 0, NULL, &out), 1);
	member_is(&out, 0, "unit", "\"doc\"");
	member_is(&out, 0, "span", "[8,91]");
	member_is(&out, 0, "text", "\"H\xc3\xa0 N\xe1\xbb\x99i is calm. Gen. Lee met him at 5 p.m. "
		  "on Monday.\\n\\nA new paragraph starts here.\"");
	buf_release(&out);
}

/* A later chunk of a large document: spans count from cp_base. */
static void test_offsets(void **state)
{
	(void)state;
	struct buf out = BUF_INIT;
	const char *t = "One sentence. Two sentences.";
	assert_int_equal(split_text(SPLIT_SENTENCE, t, strlen(t), 1000, NULL, &out), 2);
	member_is(&out, 0, "span", "[1000,1013]");
	member_is(&out, 1, "span", "[1014,1028]");
	/* empty and blank documents give no record */
	buf_reset(&out);
	assert_int_equal(split_text(SPLIT_SENTENCE, "", 0, 0, NULL, &out), 0);
	assert_int_equal(split_text(SPLIT_SENTENCE, " \n\n\t", 4, 0, NULL, &out), 0);
	assert_int_equal(out.len, 0);
	buf_release(&out);
}

/* The input record's members are carried into each record, but not the
 * skipped ones. */
static void test_carry(void **state)
{
	(void)state;
	const char *in = "{\"url\":\"http://x/1\",\"text\":\"One. Two.\",\"n\":[1,2]}";
	struct json_val rec;
	assert_non_null(json_scan(in, in + strlen(in), &rec, NULL, NULL));
	struct buf out = BUF_INIT;
	assert_int_equal(split_text(SPLIT_SENTENCE, "One. Two.", 9, 0, &rec, &out), 2);
	member_is(&out, 1, "url", "\"http://x/1\"");
	member_is(&out, 1, "n", "[1,2]");
	member_is(&out, 1, "text", "\"Two.\"");
	buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sentences),
		cmocka_unit_test(test_paragraphs_and_doc),
		cmocka_unit_test(test_offsets),
		cmocka_unit_test(test_carry),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
