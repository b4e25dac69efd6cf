/*
 * spill — when groups outgrow --max-memory, sorted runs are written to the
 * temporary folder and merged back in key order at the end.
 */

#include "agg_impl.h"

static struct agg *cleanup_agg;

static void make_spilldir(struct agg *a)
{
	if (a->spilldir)
		return;
	const char *base = a->o.tmpdir;
	if (!base || !*base)
		base = getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s/wire-aggregate.XXXXXX", base);
	if (!mkdtemp(b.buf))
		err_die("cannot create a temporary directory in '%s': %s", base, strerror(errno));
	a->spilldir = buf_detach(&b, NULL);
	cleanup_agg = a;
	atexit(agg_spill_cleanup);
}

void agg_spill_cleanup(void)
{
	struct agg *a = cleanup_agg;

	if (!a || !a->spilldir)
		return;
	for (size_t i = 0; i < a->nruns; i++) {
		unlink(a->runs[i]);
		free(a->runs[i]);
	}
	a->nruns = 0;
	rmdir(a->spilldir);
	free(a->spilldir);
	a->spilldir = NULL;
}

/* Writes store s as a run file sorted by `fn`; empties s. */
void agg_write_run(struct agg *a, struct store *s, order_fn fn, char ***runs, size_t *nruns)
{
	make_spilldir(a);
	struct buf path = BUF_INIT, line = BUF_INIT;
	static unsigned long seq;
	buf_addf(&path, "%s/run-%lu", a->spilldir, seq++);
	FILE *fp = fopen(path.buf, "wb");
	if (!fp)
		err_die("cannot create '%s': %s", path.buf, strerror(errno));
	uint32_t *ids = agg_sorted_ids(a, s, fn);
	agg_header_line(a, &line, 0);
	for (size_t i = 0; i < s->t.n; i++) {
		agg_write_state_line(a, s, ids[i], &line);
		if (line.len > 1 << 16) {
			if (fwrite(line.buf, 1, line.len, fp) != line.len)
				err_die("cannot write '%s': %s", path.buf, strerror(errno));
			buf_reset(&line);
		}
	}
	if ((line.len && fwrite(line.buf, 1, line.len, fp) != line.len) || fclose(fp))
		err_die("cannot write '%s': %s", path.buf, strerror(errno));
	free(ids);
	buf_release(&line);
	*runs = xrealloc(*runs, (*nruns + 1) * sizeof(**runs));
	(*runs)[(*nruns)++] = buf_detach(&path, NULL);
	a->spills++;
	agg_store_reset(a, s);
}

void agg_note_peak(struct agg *a, struct store *s)
{
	size_t b = agg_store_bytes(a, s);
	if (b > a->peak_bytes) {
		a->peak_bytes = b;
		a->peak_groups = s->t.n;
	}
}

void agg_maybe_spill(struct agg *a)
{
	if (a->ss)
		return;
	if (agg_store_bytes(a, &a->s) <= a->o.max_memory)
		return;
	agg_note_peak(a, &a->s);
	agg_write_run(a, &a->s, agg_by_key, &a->runs, &a->nruns);
}

/* Loads the next group of a run into its store; returns 0 at the end. */
static int run_next(struct agg *a, struct run *r)
{
	agg_store_reset(a, &r->s);
	while (input_getline(&r->in, &r->line)) {
		struct json_val v, tag;
		if (!json_scan(r->line.buf, r->line.buf + r->line.len, &v, NULL, NULL) ||
		    v.type != JSON_OBJECT)
			err_die("%s:%lu: spill file damaged", r->path, r->in.line);
		if (json_get(&v, STATE_TAG, strlen(STATE_TAG), &tag))
			continue;
		if (agg_load_group(a, &r->s, &v, 0) < 0)
			err_die("%s:%lu: %s", r->path, r->in.line, a->errb.buf);
		return 1;
	}
	if (input_error(&r->in))
		err_die("%s: %s", r->path, input_error(&r->in));
	return 0;
}

/* Merges sorted runs in order `fn`, combining equal keys, and emits each
 * group once. Deletes the run files. */
void agg_merge_runs(struct agg *a, char **paths, size_t n, order_fn fn, emit_fn emit, void *ctx)
{
	struct run *rs = xcalloc(n + 1, sizeof(*rs));
	struct store acc;

	agg_store_init(a, &acc);
	for (size_t i = 0; i < n; i++) {
		rs[i].path = paths[i];
		if (input_open(&rs[i].in, paths[i]) < 0)
			err_die("cannot open '%s': %s", paths[i], strerror(errno));
		buf_init(&rs[i].line, 4096);
		agg_store_init(a, &rs[i].s);
		rs[i].live = run_next(a, &rs[i]);
	}
	for (;;) {
		long m = -1;
		for (size_t i = 0; i < n; i++) {
			if (!rs[i].live)
				continue;
			if (m < 0 || fn(a, &rs[i].s, 0, &rs[m].s, 0) < 0)
				m = (long)i;
		}
		if (m < 0)
			break;
		if (acc.t.n && agg_by_key(a, &acc, 0, &rs[m].s, 0) != 0) {
			emit(a, &acc, 0, ctx);
			agg_store_reset(a, &acc);
		}
		agg_merge_group(a, &acc, &rs[m].s, 0);
		rs[m].live = run_next(a, &rs[m]);
	}
	if (acc.t.n)
		emit(a, &acc, 0, ctx);
	agg_store_release(a, &acc);
	for (size_t i = 0; i < n; i++) {
		input_close(&rs[i].in);
		buf_release(&rs[i].line);
		agg_store_release(a, &rs[i].s);
		unlink(paths[i]);
	}
	free(rs);
}

/* Removes a's spill files now, and forgets a for the exit handler. */
void agg_spill_forget(struct agg *a)
{
	if (cleanup_agg == a) {
		agg_spill_cleanup();
		cleanup_agg = NULL;
	}
}
