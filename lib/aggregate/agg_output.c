/*
 * output — rendering groups as JSON lines, TSV or CSV rows, with the
 * column header, in the requested order.
 */

#include "agg_impl.h"

static void csv_field(struct buf *out, const char *s, size_t n)
{
	int quote = n == 0 ? 0 : (s[0] == ' ' || s[n - 1] == ' ');

	for (size_t i = 0; i < n && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
	if (!quote) {
		buf_add(out, s, n);
		return;
	}
	buf_grow(out, 2 * n + 2);
	size_t w = csv_write(out->buf + out->len, out->alloc - out->len, s, n);
	buf_setlen(out, out->len + w);
}

static void tsv_field(struct buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '\t': buf_adds(out, "\\t"); break;
		case '\n': buf_adds(out, "\\n"); break;
		case '\r': buf_adds(out, "\\r"); break;
		case '\\': buf_adds(out, "\\\\"); break;
		default: buf_addc(out, s[i]);
		}
	}
}

/* Starts a column: separator and, for JSONL, the member name. */
static void column(struct agg *a, struct buf *out, int *first, const char *name)
{
	if (a->o.format == AGG_JSONL) {
		buf_addc(out, *first ? '{' : ',');
		json_escape(out, name, strlen(name));
		buf_addc(out, ':');
	} else if (!*first) {
		buf_addc(out, a->o.format == AGG_CSV ? ',' : '\t');
	}
	*first = 0;
}

/* A text value (a key component, a number) in the current format. */
static void cell(struct agg *a, struct buf *out, int tag, const char *s, size_t n)
{
	if (a->o.format == AGG_JSONL)
		agg_comp_json(out, tag, s, n);
	else if (tag == T_NULL)
		return; /* an empty cell, as jq's @csv and @tsv write null */
	else if (a->o.format == AGG_CSV)
		csv_field(out, s, n);
	else
		tsv_field(out, s, n);
}

static int show_count(struct agg *a, size_t r)
{
	return a->reds[r].kind == AGG_COUNT;
}

void agg_header_row(struct agg *a, struct buf *out)
{
	int first = 1;

	if (a->o.format == AGG_JSONL)
		return;
	for (size_t i = 0; i < a->nkeys; i++) {
		column(a, out, &first, "");
		cell(a, out, T_STRING, a->keys[i].name, strlen(a->keys[i].name));
		if (a->keys[i].kind == AGG_PAIRS) {
			column(a, out, &first, "");
			cell(a, out, T_STRING, a->keys[i].name2, strlen(a->keys[i].name2));
		}
	}
	for (size_t r = 0; r < a->nreds; r++) {
		column(a, out, &first, "");
		cell(a, out, T_STRING, a->reds[r].name, strlen(a->reds[r].name));
		if (a->ss && show_count(a, r)) {
			column(a, out, &first, "");
			cell(a, out, T_STRING, "count_error", 11);
		}
	}
	buf_addc(out, '\n');
}

static void number_cell(struct agg *a, struct buf *out, double d)
{
	buf_reset(&a->canon);
	agg_format_number(&a->canon, d);
	cell(a, out, T_NUMBER, a->canon.buf, a->canon.len);
}

static void render(struct agg *a, struct store *s, uint32_t g, struct buf *out)
{
	size_t kn;
	const unsigned char *k = (const unsigned char *)htab_key(&s->t, g, &kn);
	const unsigned char *ke = k + kn;
	unsigned char *p = gstate(a, s, g);
	int first = 1;

	for (size_t i = 0; i < a->nkeys && k < ke; i++) {
		for (int c = 0; c < (a->keys[i].kind == AGG_PAIRS ? 2 : 1); c++) {
			const char *cs;
			size_t cn;
			int tag = agg_get_comp(&k, &cs, &cn);
			column(a, out, &first, c ? a->keys[i].name2 : a->keys[i].name);
			cell(a, out, tag, cs, cn);
		}
	}
	for (size_t r = 0; r < a->nreds; r++) {
		struct red *rd = &a->reds[r];
		column(a, out, &first, rd->name);
		switch (rd->kind) {
		case AGG_COUNT:
			buf_addu(out, *(uint64_t *)p);
			if (a->ss) {
				column(a, out, &first, "count_error");
				buf_addu(out, *(uint64_t *)(p + a->off_err));
			}
			break;
		case AGG_SUM:
			number_cell(a, out, agg_sum_value((struct sum_slot *)(p + rd->off)));
			break;
		case AGG_MEAN: {
			struct sum_slot *ss = (struct sum_slot *)(p + rd->off);
			if (ss->n)
				number_cell(a, out, agg_sum_value(ss) / (double)ss->n);
			else if (a->o.format == AGG_JSONL)
				buf_adds(out, "null");
			break;
		}
		case AGG_MIN:
		case AGG_MAX: {
			double d = *(double *)(p + rd->off);
			if (d == d)
				number_cell(a, out, d);
			else if (a->o.format == AGG_JSONL)
				buf_adds(out, "null");
			break;
		}
		case AGG_DISTINCT:
			if (a->o.approx) {
				struct hll *h;
				memcpy(&h, p + rd->off, sizeof(h));
				buf_addu(out, (unsigned long long)llround(hll_count(h)));
			} else {
				buf_addu(out, ((struct dist_slot *)(p + rd->off))->n);
			}
			break;
		}
	}
	if (a->o.format == AGG_JSONL)
		buf_addc(out, '}');
	buf_addc(out, '\n');
}

void agg_sink_flush(struct sink *k)
{
	if (k->b.len > 1 << 16)
		output_buf(k->out, &k->b);
}

/* Writes one final group: as a state line or a result row. */
void agg_emit_out(struct agg *a, struct store *s, uint32_t g, void *ctx)
{
	struct sink *k = ctx;

	if (a->o.partial)
		agg_write_state_line(a, s, g, &k->b);
	else
		render(a, s, g, &k->b);
	agg_sink_flush(k);
}

/* Takes one merged group into the sink's collection. */
void agg_emit_collect(struct agg *a, struct store *s, uint32_t g, void *ctx)
{
	struct sink *k = ctx;

	agg_merge_group(a, &k->c, s, g);
	if (a->o.top) {
		if (k->c.t.n > 2 * a->o.top + 4096)
			agg_store_keep(a, &k->c, a->o.top, agg_by_count);
	} else if (a->o.max_memory && k->c.t.n >= 64 &&
		   agg_store_bytes(a, &k->c) > a->o.max_memory) {
		/* (below 64 groups the store's fixed tables are the bytes:
		 * a run per group would free nothing) */
		agg_write_run(a, &k->c, agg_by_output, &k->runs, &k->nruns);
	}
}

/* Outputs the groups of store s: the N largest, in output order. */
void agg_output_store(struct agg *a, struct store *s, struct sink *k)
{
	if (a->o.top && !a->o.partial)
		agg_store_keep(a, s, a->o.top, agg_by_count);
	uint32_t *ids = agg_sorted_ids(a, s, a->o.partial ? agg_by_key : agg_by_output);
	for (size_t i = 0; i < s->t.n; i++)
		agg_emit_out(a, s, ids[i], k);
	free(ids);
}
