/*
 * fuzz target agg_merge — wire-aggregate's partial-state parser (--merge,
 * agg.h / state.c): each line of the input is one line of a state file
 * (header with the specification, then one line per group), merged
 * through the aggregate stage as the driver would, into --partial output.
 *
 * Checks: no crash or leak on any line; a line that is not a JSON object
 * is the driver's business and is skipped here; what agg_finish writes is
 * one JSON object per line; and a merge that succeeded is a fixed point:
 * merging its own partial output again gives the same bytes.
 */
#include "fuzz.h"
#include "wire/aggregate/agg.h"
#include "wire/aggregate/agg_stage.h"

/* Merges the lines of p[0..n) into partial-state text in `out`; returns
 * the stage's exit status, or -1 when the run stopped. */
static int merge(const char *p, size_t n, struct buf *out, struct buf *msg)
{
	struct agg *a = agg_new();
	struct agg_opts o;
	char *err = NULL;

	memset(&o, 0, sizeof(o));
	o.merge = 1;
	o.partial = 1;
	FUZZ_CHECK(agg_start(a, &o, &err) == 0);
	struct agg_stage_conf conf = { a, &o };
	void *inst = agg_stage.open(&conf);
	struct stage_ctx cx;
	memset(&cx, 0, sizeof(cx));
	cx.out = out;
	cx.msg = msg;
	cx.policy = ON_ERROR_REPORT;
	const char *s = p, *end = p + n;
	unsigned long lineno = 0;
	int stopped = 0;
	while (s < end && !stopped) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *le = nl ? nl : end;
		const char *m;
		size_t pos;
		lineno++;
		if (json_check_object(s, (size_t)(le - s), &m, &pos)) {
			struct stage_rec r;
			r.line = s;
			r.len = (size_t)(le - s);
			FUZZ_CHECK(json_scan(s, le, &r.val, NULL, NULL));
			r.file = "fuzz";
			r.lineno = lineno;
			cx.records++;
			stopped = agg_stage.record(inst, &r, &cx) < 0 || cx.stop;
		}
		s = le + 1;
	}
	void *insts[1] = { inst };
	int st = agg_stage.finish(insts, 1, &cx);
	agg_stage.close(inst);
	agg_free(a);
	return stopped ? -1 : st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = BUF_INIT, msg = BUF_INIT, out2 = BUF_INIT;

	if (size > 16384)
		return 0;
	int st = merge((const char *)data, size, &out, &msg);
	fuzz_check_lines(out.buf, out.len);
	if (st == 0 && out.len) {
		buf_reset(&msg);
		int st2 = merge(out.buf, out.len, &out2, &msg);
		if (st2 != 0 || out2.len != out.len || memcmp(out.buf, out2.buf, out.len)) {
			fprintf(stderr, "merge of the merge differs (%d):\n%s---\n%s---\n%s", st2,
				out.buf, out2.buf, msg.buf);
			FUZZ_CHECK(!"a merged state merges to itself");
		}
	}
	buf_release(&out);
	buf_release(&out2);
	buf_release(&msg);
	return 0;
}
