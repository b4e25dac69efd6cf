/*
 * aggregate stage — the adapter between the driver and agg.h (see
 * include/wire/aggregate/agg_stage.h).
 *
 * agg.h reads records through a struct reader; the adapter keeps one
 * that holds no input: each record's text and position are set on it,
 * and its messages go into the stage context, so the driver prints them
 * in input order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/aggregate/agg_stage.h"
#include "wire/core/err.h"
#include "wire/core/output.h"

struct agg_inst {
	const struct agg_stage_conf *conf;
	struct reader shim;           /* position, policy, messages, stop */
};

static void *stage_open(const void *conf)
{
	struct agg_inst *s = xcalloc(1, sizeof(*s));

	s->conf = conf;
	reader_init(&s->shim, NULL, 0, ON_ERROR_REPORT);
	return s;
}

static int stage_record(void *inst, const struct stage_rec *r, struct stage_ctx *cx)
{
	struct agg_inst *s = inst;
	struct reader *sh = &s->shim;

	sh->policy = cx->policy;
	sh->msgs = cx->msg;
	sh->at_file = r->file;
	sh->at_line = r->lineno;
	sh->rec = r->val;
	sh->records++;
	if (s->conf->opts->merge)
		agg_merge_line(s->conf->agg, sh);
	else
		agg_record(s->conf->agg, sh);
	if (sh->stop)
		cx->stop = 1;
	return sh->stop ? -1 : 0;
}

/* agg_finish writes to a struct output: here one over a memory stream
 * whose buffer becomes cx->out. */
static int finish_into(struct agg *a, struct buf *out)
{
	struct output o;
	char *p = NULL;
	size_t n = 0;

	memset(&o, 0, sizeof(o));
	o.name = "<output>";
	o.fp = open_memstream(&p, &n);
	if (!o.fp)
		err_die("out of memory");
	int st = agg_finish(a, &o);
	if (fclose(o.fp))
		err_die("out of memory");
	buf_release(out);
	out->buf = p;
	out->len = n;
	out->alloc = n + 1;
	return st;
}

static int stage_finish(void **inst, size_t n, struct stage_ctx *cx)
{
	struct agg_inst *s = inst[0];
	int st = WIRE_EXIT_DATA;

	(void)n;
	if (!cx->stop)
		st = finish_into(s->conf->agg, cx->out);
	if (s->conf->opts->stats) {
		s->shim.records = cx->records;
		s->shim.bad = cx->invalid;
		fflush(stdout);
		agg_print_stats(s->conf->agg, &s->shim, stderr);
	}
	return st != WIRE_EXIT_OK || s->shim.status != WIRE_EXIT_OK ? WIRE_EXIT_DATA : WIRE_EXIT_OK;
}

static void stage_close(void *inst)
{
	struct agg_inst *s = inst;

	buf_release(&s->shim.line); /* the shim never opened an input */
	free(s);
}

const struct stage_ops agg_stage = {
	"aggregate", STAGE_SERIAL, stage_open, stage_record, NULL, stage_finish, stage_close,
};
