/* Unit tests: json fast path, record writer, expr fast path vs jq semantics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "wire/core/expr.h"
#include "wire/core/json.h"
#include "wire/core/record.h"

static void escape_is(const char *in, size_t n, const char *want)
{
	struct buf b = BUF_INIT;

	json_escape(&b, in, n);
	assert_string_equal(b.buf, want);
	buf_release(&b);
}

/* Expected strings are what `jq -c` 1.6 prints for the same input. */
static void test_escape_like_jq(void **state)
{
	(void)state;
	escape_is("plain", 5, "\"plain\"");
	escape_is("a\"b\\c", 5, "\"a\\\"b\\\\c\"");
	escape_is("\b\f\n\r\t", 5, "\"\\b\\f\\n\\r\\t\"");
	escape_is("\x01\x1f\x7f", 3, "\"\\u0001\\u001f\\u007f\"");
	escape_is("/", 1, "\"/\"");
	escape_is("H\xc3\xb2" "a \xe2\x80\xa8", 8, "\"H\xc3\xb2" "a \xe2\x80\xa8\"");
	escape_is("nul\0x", 5, "\"nul\\u0000x\"");
}

static void test_check_object(void **state)
{
	(void)state;
	const char *msg;
	size_t pos;
	const char *good[] = {
		"{}", " {\"a\":1} ", "{\"a\":[1,2.5e-3,-0,true,false,null,{\"b\":\"\\u00e9\"}]}",
		"{\"a\":\"\\ud83d\\ude00\"}", "{\"\":\"\"}",
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(*good); i++)
		assert_true(json_check_object(good[i], strlen(good[i]), &msg, &pos));
	const char *bad[] = {
		"", "[]", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{a:1}", "{\"a\":01}",
		"{\"a\":1} x", "{\"a\":\"\x01\"}", "{\"a\":\"\\x\"}", "{\"a\":tru}", "{\"a\":1.}",
		"{\"a\":\"unterminated}", "\"str\"",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_false(json_check_object(bad[i], strlen(bad[i]), &msg, &pos));
	assert_false(json_check_object("{\"a\":1,}", 8, &msg, &pos));
	assert_int_equal(pos, 7);
	assert_string_equal(msg, "object key expected");
}

static void test_deep_nesting(void **state)
{
	(void)state;
	char s[2000];
	size_t n = 0;
	s[n++] = '{';
	s[n++] = '"';
	s[n++] = 'a';
	s[n++] = '"';
	s[n++] = ':';
	for (int i = 0; i < 600; i++)
		s[n++] = '[';
	for (int i = 0; i < 600; i++)
		s[n++] = ']';
	s[n++] = '}';
	const char *msg;
	size_t pos;
	assert_false(json_check_object(s, n, &msg, &pos));
	assert_string_equal(msg, "too deeply nested");
}

static struct json_val obj(const char *s)
{
	struct json_val v;
	assert_non_null(json_scan(s, s + strlen(s), &v, NULL, NULL));
	return v;
}

static void test_get_and_decode(void **state)
{
	(void)state;
	struct json_val o = obj("{\"a\":1,\"t\\u0065xt\":\"x\\ny\\u00e9\\ud83d\\ude00\",\"a\":2}");
	struct json_val v;
	assert_true(json_get(&o, "a", 1, &v));
	assert_int_equal(v.n, 1);
	assert_int_equal(v.p[0], '2'); /* last one wins, as in jq */
	assert_true(json_get(&o, "text", 4, &v));
	struct buf b = BUF_INIT;
	assert_int_equal(json_decode_string(&v, &b), 0);
	assert_string_equal(b.buf, "x\ny\xc3\xa9\xf0\x9f\x98\x80");
	buf_release(&b);
	assert_false(json_get(&o, "b", 1, &v));
	/* a lone low surrogate becomes U+FFFD (jq 1.6 rejects a lone high one) */
	struct json_val s = obj("\"\\udc00x\"");
	json_decode_string(&s, &b);
	assert_string_equal(b.buf, "\xef\xbf\xbdx");
	buf_release(&b);
}

static void test_record_replaces_own(void **state)
{
	(void)state;
	struct json_val o = obj("{\"id\":\"12345678901234567890\", \"entities\":[1],\"x\" : {\"y\":1.50}}");
	const char *const own[] = { "entities", NULL };
	struct buf b = BUF_INIT;
	struct record_writer w;
	record_begin(&w, &b);
	record_copy(&w, &o, own);
	record_raw(&w, "entities", "[]", 2);
	record_span(&w, "span", 3, 7);
	record_end(&w);
	assert_string_equal(b.buf, "{\"id\":\"12345678901234567890\",\"x\" : {\"y\":1.50},"
			    "\"entities\":[],\"span\":[3,7]}\n");
	buf_release(&b);
}

struct collect {
	struct buf out;
};

static int collect_fn(void *ctx, const struct json_val *v)
{
	struct collect *c = ctx;
	if (c->out.len)
		buf_addc(&c->out, ' ');
	buf_add(&c->out, v->p, v->n);
	return 0;
}

static void run_is(const char *src, const char *rec, int want_fast, int want_rc,
		   const char *want_out, const char *want_err)
{
	char *msg = NULL;
	struct expr *e = expr_compile(src, &msg);
	assert_non_null(e);
	assert_int_equal(expr_is_fast(e), want_fast);
	struct json_val r = obj(rec);
	struct collect c = { BUF_INIT };
	struct buf err = BUF_INIT;
	assert_int_equal(expr_run(e, &r, collect_fn, &c, &err), want_rc);
	assert_string_equal(c.out.buf, want_out);
	assert_string_equal(err.buf, want_err);
	buf_release(&c.out);
	buf_release(&err);
	expr_free(e);
}

/* Outputs and messages are those of jq 1.6 on the same program and input. */
static void test_expr_paths(void **state)
{
	(void)state;
	const char *rec = "{\"a\":{\"b\":[1,{\"c\":\"x\"}]},\"e\":[{\"iso\":\"VN\"},{\"iso\":\"TH\"},{}],"
			  "\"n\":null,\"s\":\"str\",\"k y\":3}";
	run_is(".a.b[0]", rec, 1, 0, "1", "");
	run_is(".a.b[-1].c", rec, 1, 0, "\"x\"", "");
	run_is(".e[].iso", rec, 1, 0, "\"VN\" \"TH\" null", "");
	run_is(".missing.deeper", rec, 1, 0, "null", "");
	run_is(".n[]", rec, 1, -1, "", "Cannot iterate over null (null)");
	run_is(".n[]?", rec, 1, 0, "", "");
	run_is(".s.x", rec, 1, -1, "", "Cannot index string with string \"x\"");
	run_is(".[\"k y\"]", rec, 1, 0, "3", "");
	run_is(".", "{\"a\":1}", 1, 0, "{\"a\":1}", "");
	run_is(".e[] | select(.iso == \"TH\") | .iso", rec, 0, 0, "\"TH\"", "");
	run_is("[.e[].iso] | length", rec, 0, 0, "3", "");
	run_is(".s | error", rec, 0, -1, "", "str");
}

static void test_expr_string_and_errors(void **state)
{
	(void)state;
	char *msg = NULL;
	assert_null(expr_compile(".a | ", &msg));
	assert_non_null(msg);
	free(msg);
	struct expr *e = expr_compile(".body.content", &msg);
	assert_string_equal(expr_root(e), "body");
	assert_string_equal(expr_name(e), "content");
	struct json_val r = obj("{\"body\":{\"content\":\"Hi \\\"you\\\"\"}}");
	struct buf out = BUF_INIT, err = BUF_INIT;
	assert_int_equal(expr_string(e, &r, &out, &err), 1);
	assert_string_equal(out.buf, "Hi \"you\"");
	buf_reset(&out);
	struct json_val r2 = obj("{\"body\":{\"content\":5}}");
	assert_int_equal(expr_string(e, &r2, &out, &err), -1);
	struct json_val r3 = obj("{\"x\":1}");
	assert_int_equal(expr_string(e, &r3, &out, &err), 0);
	buf_release(&out);
	buf_release(&err);
	expr_free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_like_jq),
		cmocka_unit_test(test_check_object),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_get_and_decode),
		cmocka_unit_test(test_record_replaces_own),
		cmocka_unit_test(test_expr_paths),
		cmocka_unit_test(test_expr_string_and_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
