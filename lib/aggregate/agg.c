/*
 * agg — the record loop of wire-aggregate's engine: keys and reducers
 * evaluated on each record, partial state lines merged, the end of input
 * (spill merge or in-memory output), statistics and freeing. The other
 * parts are listed in agg_impl.h.
 */

#include <sys/resource.h>

#include "agg_impl.h"

static void report_jq_error(struct agg *a, struct reader *r, const char *src, const char *m)
{
	a->jq_errors++;
	a->policy = r->policy;
	if (r->policy == ON_ERROR_SKIP) {
		/* summary at the end */
	} else if (a->jq_errors <= MAX_REPORTED || r->policy == ON_ERROR_FAIL) {
		reader_error(r, "error in '%s': %s", src, m);
	}
	if (r->policy == ON_ERROR_FAIL) {
		r->stop = 1;
		r->status = WIRE_EXIT_DATA;
	} else if (r->policy == ON_ERROR_REPORT) {
		a->status = WIRE_EXIT_DATA;
	}
}

/* Runs expression e into list v; returns 0, or -1 after reporting. */
static int run_into(struct agg *a, struct reader *r, struct expr *e, const char *src,
		    struct vals *v, int is_key, int kind)
{
	struct collect c = { a, v, (enum agg_red_kind)kind, is_key, (enum agg_key_kind)kind };

	agg_vals_clear(v);
	if (!v->off) {
		v->alloc = 16;
		v->off = xmalloc(v->alloc * sizeof(*v->off));
		v->off[0] = 0;
	}
	buf_reset(&a->errb);
	if (expr_run(e, &r->rec, agg_collect_cb, &c, &a->errb) < 0) {
		report_jq_error(a, r, src, a->errb.buf);
		return -1;
	}
	if (v->bad) {
		struct buf m = BUF_INIT;
		if (is_key)
			buf_addf(&m, "not a date: %s", a->canon.buf);
		else
			buf_addf(&m, "not a number: %s", a->canon.buf);
		report_jq_error(a, r, src, m.buf);
		buf_release(&m);
		return -1;
	}
	return 0;
}

static int comp_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	return agg_key_cmp(a, an, b, bn);
}

/* Turns the values of a --pairs key into its pairs (a < b, distinct). */
static void make_pairs(struct agg *a, struct vals *v)
{
	size_t n = v->n;
	struct buf *t = &a->tmp;

	/* distinct values, sorted (n is small: one record) */
	size_t *ix = xmalloc((n + 1) * sizeof(*ix));
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		const char *p = v->b.buf + v->off[i];
		size_t pn = v->off[i + 1] - v->off[i];
		size_t j = m;
		int dup = 0;
		while (j > 0) {
			const char *q = v->b.buf + v->off[ix[j - 1]];
			size_t qn = v->off[ix[j - 1] + 1] - v->off[ix[j - 1]];
			int c = comp_cmp(q, qn, p, pn);
			if (c == 0) {
				dup = 1;
				break;
			}
			if (c < 0)
				break;
			j--;
		}
		if (dup)
			continue;
		memmove(ix + j + 1, ix + j, (m - j) * sizeof(*ix));
		ix[j] = i;
		m++;
	}
	buf_reset(t);
	size_t *offs = NULL, no = 0, ao = 0;
	for (size_t i = 0; i < m; i++) {
		for (size_t j = i + 1; j < m; j++) {
			if (no + 2 > ao) {
				ao = ao ? ao * 2 : 16;
				offs = xrealloc(offs, ao * sizeof(*offs));
			}
			if (!no)
				offs[0] = 0;
			buf_add(t, v->b.buf + v->off[ix[i]], v->off[ix[i] + 1] - v->off[ix[i]]);
			buf_add(t, v->b.buf + v->off[ix[j]], v->off[ix[j] + 1] - v->off[ix[j]]);
			offs[++no] = t->len;
		}
	}
	agg_vals_clear(v);
	buf_add(&v->b, t->buf, t->len);
	for (size_t i = 0; i < no; i++) {
		v->off[v->n] = offs[i];
		agg_vals_push(v);
	}
	free(offs);
	free(ix);
}

void agg_record(struct agg *a, struct reader *r)
{
	for (size_t i = 0; i < a->nkeys; i++) {
		struct key *k = &a->keys[i];
		if (run_into(a, r, k->e, k->src, &a->kv[i], k->tostring ? COLLECT_TOSTRING : 1,
			     k->kind) < 0)
			return;
		if (k->kind == AGG_PAIRS)
			make_pairs(a, &a->kv[i]);
		if (!a->kv[i].n) {
			a->ungrouped++;
			return;
		}
	}
	for (size_t i = 0; i < a->nreds; i++) {
		struct red *rd = &a->reds[i];
		if (rd->kind == AGG_COUNT)
			continue;
		if (run_into(a, r, rd->e, rd->src, &a->rv[i], 0, rd->kind) < 0)
			return;
	}
	a->grouped++;
	/* every combination of the keys' values */
	memset(a->odo, 0, a->nkeys * sizeof(*a->odo));
	for (;;) {
		buf_reset(&a->key);
		for (size_t i = 0; i < a->nkeys; i++) {
			struct vals *v = &a->kv[i];
			size_t j = a->odo[i];
			buf_add(&a->key, v->b.buf + v->off[j], v->off[j + 1] - v->off[j]);
		}
		int fresh;
		uint32_t g = agg_find_group(a, &a->s, &fresh);
		agg_update_group(a, &a->s, g);
		a->updates++;
		a->total_weight++;
		size_t i = a->nkeys;
		while (i > 0) {
			i--;
			if (++a->odo[i] < a->kv[i].n)
				break;
			a->odo[i] = 0;
			if (i == 0)
				goto done;
		}
		if (a->nkeys == 0)
			break;
	}
done:
	if (a->o.max_memory && a->updates >= a->next_check) {
		a->next_check = a->updates + 1024;
		agg_maybe_spill(a);
	}
}

void agg_merge_line(struct agg *a, struct reader *r)
{
	struct json_val tag;

	if (json_get(&r->rec, STATE_TAG, strlen(STATE_TAG), &tag)) {
		unsigned long long floor = 0;
		struct json_val spec, ap;
		if (!json_get(&r->rec, "spec", 4, &spec) || spec.type != JSON_ARRAY) {
			reader_error(r, "partial state header without a specification");
			r->stop = 1;
			r->status = WIRE_EXIT_DATA;
			return;
		}
		agg_get_u64(&r->rec, "floor", &floor);
		unsigned long long cap = 0;
		agg_get_u64(&r->rec, "capacity", &cap);
		int approx = json_get(&r->rec, "approx", 6, &ap) && ap.type == JSON_TRUE;
		struct agg *h = agg_new();
		char *msg = NULL;
		if (agg_spec_from_json(h, &spec, &msg) < 0) {
			reader_error(r, "%s", msg);
			free(msg);
			agg_free(h);
			r->stop = 1;
			r->status = WIRE_EXIT_DATA;
			return;
		}
		if (!a->started) {
			/* take the header's spec */
			for (size_t i = 0; i < h->nkeys; i++) {
				struct key *k = &h->keys[i];
				a->keys = xrealloc(a->keys, (a->nkeys + 1) * sizeof(*a->keys));
				a->keys[a->nkeys++] = *k;
			}
			for (size_t i = 0; i < h->nreds; i++) {
				a->reds = xrealloc(a->reds, (a->nreds + 1) * sizeof(*a->reds));
				a->reds[a->nreds++] = h->reds[i];
			}
			a->every = h->every;
			a->every_set = h->every_set;
			a->count_asked = h->count_asked;
			h->nkeys = h->nreds = 0;
			a->o.approx = approx;
			if (cap && !a->o.capacity)
				a->o.capacity = (size_t)cap; /* Space-Saving states */
			a->spec_json = agg_spec_json(a);
			agg_layout(a);
		} else {
			char *hs = agg_spec_json(h);
			int same = !strcmp(hs, a->spec_json);
			if (!same) {
				reader_error(r, "partial state of another specification: %s, not %s",
					     hs, a->spec_json);
				free(hs);
				agg_free(h);
				r->stop = 1;
				r->status = WIRE_EXIT_DATA;
				return;
			}
			free(hs);
		}
		agg_free(h);
		a->have_header = 1;
		if (cap && approx && !a->ss) {
			reader_error(r, "partial state made with --approx --top: merge with --top "
				     "or --capacity");
			r->stop = 1;
			r->status = WIRE_EXIT_DATA;
			return;
		}
		if (approx != a->o.approx) {
			reader_error(r, "partial state made %s --approx cannot merge here",
				     approx ? "with" : "without");
			r->stop = 1;
			r->status = WIRE_EXIT_DATA;
			return;
		}
		a->cur_floor = floor;
		a->floor_sum += floor;
		return;
	}
	if (!a->have_header) {
		reader_error(r, "not a partial state (make one with --partial)");
		r->stop = 1;
		r->status = WIRE_EXIT_DATA;
		return;
	}
	if (agg_load_group(a, &a->s, &r->rec, a->cur_floor, NULL) < 0) {
		/* as an invalid JSON line: --on-error decides */
		a->merge_bad++;
		a->policy = r->policy;
		if (r->policy != ON_ERROR_SKIP)
			reader_error(r, "damaged partial state: %s", a->errb.buf);
		if (r->policy == ON_ERROR_FAIL) {
			r->stop = 1;
			r->status = WIRE_EXIT_DATA;
		} else if (r->policy == ON_ERROR_REPORT) {
			a->status = WIRE_EXIT_DATA;
		}
		return;
	}
	a->updates++;
	if (a->o.max_memory) /* every line: one may hold a large distinct set */
		agg_maybe_spill(a);
}

int agg_finish(struct agg *a, struct output *out)
{
	struct sink k;

	if (a->jq_errors && a->policy == ON_ERROR_SKIP)
		err_warn("skipped %llu record%s with errors", a->jq_errors,
			 a->jq_errors == 1 ? "" : "s");
	else if (a->jq_errors > MAX_REPORTED && a->policy == ON_ERROR_REPORT)
		err_warn("%llu records with errors skipped (the first %d shown)", a->jq_errors,
			 MAX_REPORTED);
	if (a->merge_bad && a->policy == ON_ERROR_SKIP)
		err_warn("skipped %llu damaged partial state line%s", a->merge_bad,
			 a->merge_bad == 1 ? "" : "s");
	memset(&k, 0, sizeof(k));
	k.out = out;
	buf_init(&k.b, 1 << 17);
	if (!a->started) { /* --merge of nothing */
		buf_release(&k.b);
		return a->status;
	}
	unsigned long long floor = 0;
	if (a->ss)
		floor = agg_ss_settle(a);
	agg_note_peak(a, &a->s);
	if (a->o.partial)
		agg_header_line(a, &k.b, floor);
	else
		agg_header_row(a, &k.b);
	if (!a->nruns) {
		agg_output_store(a, &a->s, &k);
	} else {
		if (a->s.t.n)
			agg_write_run(a, &a->s, agg_by_key, &a->runs, &a->nruns);
		if (a->o.partial || (a->o.sort_key && !a->o.top)) {
			agg_merge_runs(a, a->runs, a->nruns, agg_by_key, agg_emit_out, &k);
		} else {
			/* merged groups: only their counts are needed */
			agg_store_init_counted(a, &k.c);
			agg_merge_runs(a, a->runs, a->nruns, agg_by_key, agg_emit_collect, &k);
			if (!k.nruns) {
				agg_output_store(a, &k.c, &k);
			} else {
				if (k.c.t.n)
					agg_write_run(a, &k.c, agg_by_output, &k.runs, &k.nruns);
				agg_merge_runs(a, k.runs, k.nruns, agg_by_output, agg_emit_out, &k);
				for (size_t i = 0; i < k.nruns; i++)
					free(k.runs[i]);
				free(k.runs);
			}
			agg_store_release(a, &k.c);
		}
		for (size_t i = 0; i < a->nruns; i++)
			free(a->runs[i]);
		a->nruns = 0;
	}
	output_buf(out, &k.b);
	buf_release(&k.b);
	return a->status;
}

void agg_print_stats(struct agg *a, const struct reader *r, FILE *fp)
{
	const char *p = err_prog();

	fprintf(fp, "%s: stats: %llu records read, %llu invalid lines, %llu grouped, "
		"%llu without a key, %llu errors\n",
		p, r->records, r->bad, a->grouped, a->ungrouped, a->jq_errors);
	fprintf(fp, "%s: stats: %llu group updates, %zu groups in memory at peak, %zu bytes",
		p, a->updates, a->peak_groups, a->peak_bytes);
	if (a->peak_groups)
		fprintf(fp, " (%.1f bytes per group)", (double)a->peak_bytes / (double)a->peak_groups);
	fprintf(fp, ", %llu spills\n", a->spills);
	/* the whole process, spill merges and output included */
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) == 0)
		fprintf(fp, "%s: stats: %ld KB max resident memory\n", p, ru.ru_maxrss);
}

void agg_free(struct agg *a)
{
	if (!a)
		return;
	if (a->started)
		agg_store_release(a, &a->s);
	for (size_t i = 0; i < a->nkeys; i++) {
		free(a->keys[i].name);
		free(a->keys[i].name2);
		free(a->keys[i].src);
		expr_free(a->keys[i].e);
		if (a->kv)
			agg_vals_release(&a->kv[i]);
	}
	for (size_t i = 0; i < a->nreds; i++) {
		free(a->reds[i].name);
		free(a->reds[i].src);
		expr_free(a->reds[i].e);
		if (a->rv)
			agg_vals_release(&a->rv[i]);
	}
	free(a->keys);
	free(a->reds);
	free(a->kv);
	free(a->rv);
	free(a->odo);
	free(a->spec_json);
	buf_release(&a->key);
	buf_release(&a->tmp);
	buf_release(&a->errb);
	buf_release(&a->canon);
	agg_spill_cleanup(a);
	free(a->runs);
	free(a);
}
