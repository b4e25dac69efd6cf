/*
 * fuzz target json — the JSON record reader (json.h, record.h).
 *
 * The input is one line of a JSON-lines file. Checks:
 *  - whatever json_check_object accepts, libjq's jv_parse_sized accepts
 *    too (the scanner is the stricter of the two, never the laxer);
 *  - every string value, decoded (json_decode_string) and escaped again
 *    (json_escape), scans as one string that decodes to the same bytes,
 *    and for valid UTF-8 the escape is byte-identical to jq's printer;
 *  - a record rewritten as the tools rewrite one (record_copy of the
 *    members minus "text", then a new "text") is one valid JSON object
 *    for the scanner and for libjq.
 */
#include <jv.h>

#include "fuzz.h"
#include "wire/core/record.h"
#include "wire/core/utf8.h"

static struct buf dec = BUF_INIT, enc = BUF_INIT, again = BUF_INIT, out = BUF_INIT;

static int jq_accepts(const char *p, size_t n)
{
	jv v = jv_parse_sized(p, (int)n);
	int ok = jv_is_valid(v);
	jv_free(v);
	return ok;
}

static void check_string(const struct json_val *v)
{
	struct json_val w;

	buf_reset(&dec);
	FUZZ_CHECK(json_decode_string(v, &dec) == 0);
	buf_reset(&enc);
	json_escape(&enc, dec.buf, dec.len);
	const char *q = json_scan(enc.buf, enc.buf + enc.len, &w, NULL, NULL);
	FUZZ_CHECK(q == enc.buf + enc.len && w.type == JSON_STRING);
	buf_reset(&again);
	FUZZ_CHECK(json_decode_string(&w, &again) == 0);
	FUZZ_CHECK(again.len == dec.len && !memcmp(again.buf, dec.buf, dec.len));
	if (utf8_check(dec.buf, dec.len) == dec.len) {
		jv s = jv_dump_string(jv_string_sized(dec.buf, (int)dec.len), 0);
		const char *js = jv_string_value(s);
		size_t jn = (size_t)jv_string_length_bytes(jv_copy(s));
		if (jn != enc.len || memcmp(js, enc.buf, jn)) {
			fprintf(stderr, "json_escape: %.*s\njq:          %.*s\n", (int)enc.len,
				enc.buf, (int)jn, js);
			FUZZ_CHECK(!"json_escape prints strings as jq -c does");
		}
		jv_free(s);
	}
}

/* Checks every string (keys too) of the validated value `v`. */
static void walk(const struct json_val *v, int depth)
{
	struct json_iter it;
	struct json_val k, x;

	switch (v->type) {
	case JSON_STRING:
		check_string(v);
		break;
	case JSON_OBJECT:
		json_iter_object(&it, v);
		while (json_next_member(&it, &k, &x)) {
			check_string(&k);
			walk(&x, depth + 1);
		}
		break;
	case JSON_ARRAY:
		json_iter_array(&it, v);
		while (json_next_elem(&it, &x))
			walk(&x, depth + 1);
		break;
	default:
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const skip[] = { "text", NULL };
	const char *p = (const char *)data, *msg;
	size_t pos;
	struct json_val rec;
	struct record_writer w;

	if (size > (1u << 20))
		return 0;
	if (!json_check_object(p, size, &msg, &pos)) {
		FUZZ_CHECK(msg && pos <= size);
		return 0;
	}
	FUZZ_CHECK(jq_accepts(p, size));
	FUZZ_CHECK(json_scan(p, p + size, &rec, NULL, NULL) && rec.type == JSON_OBJECT);
	walk(&rec, 0);

	struct json_val text;
	buf_reset(&dec);
	if (json_get(&rec, "text", 4, &text) && text.type == JSON_STRING)
		json_decode_string(&text, &dec);
	buf_reset(&out);
	record_begin(&w, &out);
	record_copy(&w, &rec, skip);
	buf_reset(&enc);
	utf8_sanitize(&enc, dec.buf, dec.len);
	record_str(&w, "text", enc.buf, enc.len);
	record_end(&w);
	FUZZ_CHECK(out.len && out.buf[out.len - 1] == '\n');
	FUZZ_CHECK(json_check_object(out.buf, out.len - 1, &msg, &pos));
	FUZZ_CHECK(jq_accepts(out.buf, out.len - 1));
	return 0;
}
