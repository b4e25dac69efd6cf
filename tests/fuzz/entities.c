/*
 * fuzz target entities — the entity finder (entity_stream.h: tagger,
 * dates, dictionaries, people, acronyms) on random UTF-8: each line of the
 * input is one sentence record of one document, with the shipped model
 * and gazetteer. Invalid UTF-8 is replaced first (as wire-split does).
 *
 * Checks: every record comes out (one per input record), each a valid
 * JSON object whose members before "entities" are the input's byte for
 * byte, and every entity's text is the text at its span in code points
 * (the span-roundtrip contract).
 */
#include "fuzz.h"
#include "wire/core/expr.h"
#include "wire/core/record.h"
#include "wire/core/utf8.h"
#include "wire/core/data.h"
#include "wire/entities/entity_stream.h"

static struct entity_stream_opts opts;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct buf err = BUF_INIT;
	char *msg = NULL;

	fuzz_data_init();
	opts.text = expr_compile(".text", &msg);
	char *path = data_path("ner.model");
	opts.model = path ? ner_load(path, &err) : NULL;
	free(path);
	struct gazetteer *g = gaz_new();
	if (!opts.model || gaz_load_default(g, &err) < 0) {
		fprintf(stderr, "fuzz entities: %s\n", err.buf);
		abort();
	}
	opts.gaz = g;
	opts.types = ENTITY_ALL_TYPES;
	opts.policy = ON_ERROR_REPORT;
	opts.durations = 1;  /* the more entities, the more spans checked */
	return 0;
}

/* The code points [b, e) of valid UTF-8 s[0..n). */
static void cp_slice(const char *s, size_t n, size_t b, size_t e, struct buf *out)
{
	size_t cp = 0;
	for (size_t i = 0; i < n; cp++) {
		int32_t c;
		int k = utf8_decode(s + i, s + n, &c);
		FUZZ_CHECK(k > 0);
		if (cp >= b && cp < e)
			buf_add(out, s + i, (size_t)k);
		i += (size_t)k;
	}
	FUZZ_CHECK(e <= cp);
}

static void check_record(const char *p, size_t n, const char *in, size_t inn)
{
	struct json_val rec, text, ents, x, k, v;
	struct json_iter it, jt;
	struct buf t = BUF_INIT, et = BUF_INIT, sl = BUF_INIT;

	FUZZ_CHECK(json_scan(p, p + n, &rec, NULL, NULL));
	/* the input's members, then "entities" */
	FUZZ_CHECK(n > inn && !memcmp(p, in, inn - 1) && p[inn - 1] == ',');
	FUZZ_CHECK(json_get(&rec, "text", 4, &text) && text.type == JSON_STRING);
	FUZZ_CHECK(json_get(&rec, "entities", 8, &ents) && ents.type == JSON_ARRAY);
	json_decode_string(&text, &t);
	json_iter_array(&it, &ents);
	while (json_next_elem(&it, &x)) {
		FUZZ_CHECK(x.type == JSON_OBJECT);
		struct json_val span, b, e, etext;
		FUZZ_CHECK(json_get(&x, "span", 4, &span) && span.type == JSON_ARRAY);
		FUZZ_CHECK(json_get(&x, "text", 4, &etext) && etext.type == JSON_STRING);
		json_iter_array(&jt, &span);
		FUZZ_CHECK(json_next_elem(&jt, &b) && json_next_elem(&jt, &e));
		size_t cb = strtoul(b.p, NULL, 10), ce = strtoul(e.p, NULL, 10);
		FUZZ_CHECK(cb < ce);
		buf_reset(&et);
		buf_reset(&sl);
		json_decode_string(&etext, &et);
		cp_slice(t.buf, t.len, cb, ce, &sl);
		if (et.len != sl.len || memcmp(et.buf, sl.buf, sl.len)) {
			fprintf(stderr, "entity text '%s' but span [%zu,%zu) is '%s'\n", et.buf, cb,
				ce, sl.buf);
			FUZZ_CHECK(!"entity text is the text at its span");
		}
		(void)k;
		(void)v;
	}
	buf_release(&t);
	buf_release(&et);
	buf_release(&sl);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf recs = BUF_INIT, clean = BUF_INIT, out = BUF_INIT, msg = BUF_INIT;
	struct record_writer w;
	size_t offs[65], nrec = 0;

	if (size > 8192)
		return 0;
	/* one record per line, at most 64 */
	const char *s = (const char *)data, *end = s + size;
	while (s < end && nrec < 64) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *le = nl ? nl : end;
		buf_reset(&clean);
		utf8_sanitize(&clean, s, (size_t)(le - s));
		offs[nrec++] = recs.len;
		record_begin(&w, &recs);
		record_str(&w, "doc", "d1", 2);
		record_str(&w, "date", "2025-09-25", 10);
		record_str(&w, "text", clean.buf, clean.len);
		record_end(&w);
		s = le + 1;
	}
	offs[nrec] = recs.len;

	void *inst = entity_stage.open(&opts);
	struct stage_ctx cx;
	memset(&cx, 0, sizeof(cx));
	cx.out = &out;
	cx.msg = &msg;
	cx.policy = ON_ERROR_REPORT;
	for (size_t i = 0; i < nrec; i++) {
		struct stage_rec r;
		r.line = recs.buf + offs[i];
		r.len = offs[i + 1] - offs[i] - 1;
		FUZZ_CHECK(json_scan(r.line, r.line + r.len, &r.val, NULL, NULL));
		r.file = "fuzz";
		r.lineno = i + 1;
		FUZZ_CHECK(entity_stage.record(inst, &r, &cx) == 0);
	}
	FUZZ_CHECK(entity_stage.flush(inst, &cx) == 0);
	entity_stage.close(inst);

	FUZZ_CHECK(fuzz_check_lines(out.buf, out.len) == nrec);
	const char *p = out.buf;
	for (size_t i = 0; i < nrec; i++) {
		const char *nl = memchr(p, '\n', (size_t)(out.buf + out.len - p));
		check_record(p, (size_t)(nl - p), recs.buf + offs[i], offs[i + 1] - offs[i] - 1);
		p = nl + 1;
	}
	buf_release(&recs);
	buf_release(&clean);
	buf_release(&out);
	buf_release(&msg);
	return 0;
}
