/*
 * spill — when groups outgrow --max-memory, sorted runs are written to the
 * temporary folder and merged back in key order at the end.
 */

#include <signal.h>

#include "agg_impl.h"

/*
 * The one spill folder of the process and how many run names were handed
 * out in it (run-0 .. run-<runs_named - 1>). Everything the clean-up needs
 * is here, in static storage, so that it can run in a signal handler:
 * unlink(), rmdir(), signal() and raise() are async-signal-safe, and a
 * name is formatted by hand. A name is counted before its file is
 * created, so a file being written when the process ends is removed too.
 */
static char spill_dir[4096];
static volatile sig_atomic_t spill_live;
static volatile sig_atomic_t runs_named;
static const int cleanup_signals[] = { SIGHUP, SIGINT, SIGPIPE, SIGTERM };

/* Writes spill_dir "/run-" i into buf[n]; returns its length or 0. */
static size_t run_name(char *buf, size_t n, unsigned long i)
{
	size_t len = strlen(spill_dir);
	char digits[24];
	int nd = 0;

	do {
		digits[nd++] = (char)('0' + i % 10);
		i /= 10;
	} while (i);
	if (len + 5 + (size_t)nd + 1 > n)
		return 0;
	memcpy(buf, spill_dir, len);
	memcpy(buf + len, "/run-", 5);
	len += 5;
	while (nd)
		buf[len++] = digits[--nd];
	buf[len] = '\0';
	return len;
}

/* Removes every run file and the folder; async-signal-safe. */
static void remove_spill(void)
{
	char path[sizeof(spill_dir) + 32];

	if (!spill_live)
		return;
	for (long i = 0; i < (long)runs_named; i++)
		if (run_name(path, sizeof(path), (unsigned long)i))
			unlink(path);
	rmdir(spill_dir);
	spill_live = 0;
}

/* SIGHUP, SIGINT, SIGPIPE, SIGTERM while runs exist: remove them, then die
 * of the signal as without the handler (SA_RESETHAND restored the
 * default action; the signal is delivered when the handler returns). */
static void on_signal(int sig)
{
	remove_spill();
	raise(sig);
}

static void at_exit(void)
{
	remove_spill();
}

static void make_spilldir(struct agg *a)
{
	static int hooked;

	if (a->spilldir)
		return;
	const char *base = a->o.tmpdir;
	if (!base || !*base)
		base = getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s/wire-aggregate.XXXXXX", base);
	if (b.len + 32 > sizeof(spill_dir))
		err_die("temporary directory name too long: '%s'", base);
	if (!mkdtemp(b.buf))
		err_die("cannot create a temporary directory in '%s': %s", base, strerror(errno));
	memcpy(spill_dir, b.buf, b.len + 1);
	runs_named = 0;
	spill_live = 1;
	a->spilldir = buf_detach(&b, NULL);
	if (hooked)
		return;
	hooked = 1;
	atexit(at_exit);
	for (size_t i = 0; i < sizeof(cleanup_signals) / sizeof(cleanup_signals[0]); i++) {
		struct sigaction sa, old;
		/* a signal ignored at start (nohup, `cmd &`) stays ignored */
		if (sigaction(cleanup_signals[i], NULL, &old) < 0 || old.sa_handler == SIG_IGN)
			continue;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sigfillset(&sa.sa_mask);
		sa.sa_flags = SA_RESETHAND;
		sigaction(cleanup_signals[i], &sa, NULL);
	}
}

/* Removes the spill folder of `a` with its runs now, if it has one. */
void agg_spill_cleanup(struct agg *a)
{
	if (!a->spilldir)
		return;
	remove_spill();
	for (size_t i = 0; i < a->nruns; i++)
		free(a->runs[i]);
	a->nruns = 0;
	free(a->spilldir);
	a->spilldir = NULL;
}

/*
 * A run file: a header line {"wire_aggregate_run":1,"counted":BOOL}, then
 * the groups in the run's order, each a state line whose exact distinct
 * states are counts. Unless the run is counted (groups of a finished
 * merge, which need only their counts), each group line is followed by
 * the values of its exact distinct sets, set after set: one value per
 * line in key order, then a `null` line. A merge streams the values and
 * never holds a whole set; it merges at most FAN_IN runs at once (more
 * are first merged FAN_IN at a time into longer runs), so its memory does
 * not grow with the number of runs either.
 */
#define FAN_IN 16

/* A run file being written. */
struct run_out {
	FILE *fp;
	struct buf path, line;
};

static void run_create(struct agg *a, struct run_out *w, int counted)
{
	make_spilldir(a);
	buf_init(&w->path, 0);
	buf_init(&w->line, 1 << 16);
	buf_addf(&w->path, "%s/run-%lu", a->spilldir, (unsigned long)runs_named);
	runs_named = runs_named + 1; /* before the file exists: see remove_spill */
	w->fp = fopen(w->path.buf, "wb");
	if (!w->fp)
		err_die("cannot create '%s': %s", w->path.buf, strerror(errno));
	buf_addf(&w->line, "{\"%s\":1,\"counted\":%s}\n", RUN_TAG, counted ? "true" : "false");
}

/* Writes the buffered lines out once there are 64 KB (all when `all`). */
static void run_flush(struct run_out *w, int all)
{
	if (!w->line.len || (!all && w->line.len < 1 << 16))
		return;
	if (fwrite(w->line.buf, 1, w->line.len, w->fp) != w->line.len)
		err_die("cannot write '%s': %s", w->path.buf, strerror(errno));
	buf_reset(&w->line);
}

/* Closes the run; returns its path (caller frees). */
static char *run_close(struct run_out *w)
{
	run_flush(w, 1);
	if (fclose(w->fp))
		err_die("cannot write '%s': %s", w->path.buf, strerror(errno));
	buf_release(&w->line);
	return buf_detach(&w->path, NULL);
}

/* Writes store s as a run file sorted by `fn`; empties s. */
void agg_write_run(struct agg *a, struct store *s, order_fn fn, char ***runs, size_t *nruns)
{
	struct run_out w;

	run_create(a, &w, s->counted);
	uint32_t *ids = agg_sorted_ids(a, s, fn);
	for (size_t i = 0; i < s->t.n; i++) {
		agg_write_state_with(a, s, ids[i], &w.line, 1, NULL, NULL);
		for (size_t r = 0; r < a->nreds && a->nsets && !s->counted; r++) {
			const struct red *rd = &a->reds[r];
			if (rd->kind != AGG_DISTINCT || a->o.approx)
				continue;
			size_t n;
			struct agg_sv *v = agg_dset_sorted(a, s, rd, ids[i], &n);
			for (size_t j = 0; j < n; j++) {
				agg_value_json(&w.line, v[j].p, v[j].n);
				buf_addc(&w.line, '\n');
				run_flush(&w, 0);
			}
			buf_adds(&w.line, "null\n");
			free(v);
		}
		run_flush(&w, 0);
	}
	free(ids);
	*runs = xrealloc(*runs, (*nruns + 1) * sizeof(**runs));
	(*runs)[(*nruns)++] = run_close(&w);
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

static void run_damaged(struct run *r, const char *why)
{
	err_die("%s:%lu: spill file damaged: %s", r->path, r->in.line, why);
}

/* Reads the next line of run r as a JSON value into *v; 0 at the end. */
static int run_line(struct run *r, struct json_val *v)
{
	if (!input_getline(&r->in, &r->line)) {
		if (input_error(&r->in))
			err_die("%s: %s", r->path, input_error(&r->in));
		return 0;
	}
	if (!json_scan(r->line.buf, r->line.buf + r->line.len, v, NULL, NULL))
		run_damaged(r, "invalid JSON");
	return 1;
}

/* Loads the next group of a run into its store (id 0): its states, with
 * the counts of a counted run; in another run each exact distinct set's
 * values follow (r->pending). Returns 0 at the end of the run. */
static int run_next(struct agg *a, struct run *r)
{
	struct json_val v, tag;

	agg_store_reset(a, &r->s);
	for (int i = 0; i < a->nsets; i++)
		if (r->pending[i])
			run_damaged(r, "values left over");
	while (run_line(r, &v)) {
		if (v.type != JSON_OBJECT)
			run_damaged(r, "not an object");
		if (json_get(&v, RUN_TAG, strlen(RUN_TAG), &tag)) {
			struct json_val c;
			r->counted = json_get(&v, "counted", 7, &c) && c.type == JSON_TRUE;
			continue;
		}
		if (agg_load_group(a, &r->s, &v, 0, r->pending) < 0)
			run_damaged(r, a->errb.buf);
		for (size_t i = 0; i < a->nreds; i++) {
			const struct red *rd = &a->reds[i];
			if (rd->kind != AGG_DISTINCT || a->o.approx)
				continue;
			if (r->counted)
				((struct dist_slot *)(gstate(a, &r->s, 0) + rd->off))->n =
					r->pending[rd->set];
			r->pending[rd->set] = !r->counted;
		}
		return 1;
	}
	return 0;
}

/* Reads the next value of set `set` of run r's group into r->val; 0 at
 * the end of the set. */
static int run_value(struct agg *a, struct run *r, int set)
{
	struct json_val v;

	if (!r->pending[set])
		return 0;
	if (!run_line(r, &v))
		run_damaged(r, "ends inside a set of values");
	if (v.type == JSON_NULL) {
		r->pending[set] = 0;
		return 0;
	}
	buf_reset(&r->val);
	if (agg_distinct_elem(a, &v, &r->val) < 0)
		run_damaged(r, "not a value");
	return 1;
}

enum set_out { SET_COUNT, SET_ARRAY, SET_LINES };

/* The runs at the current key while their sets are merged. */
struct at_key {
	struct run *rs;
	size_t *eq, neq;
	struct buf last;
	struct sink *k;           /* SET_ARRAY: the output */
	struct run_out *w;        /* SET_LINES: the run written */
};

/*
 * Merges the sorted values of set rd->set from every run at the key;
 * returns how many distinct values there are. SET_ARRAY writes them to
 * the sink as a JSON array, SET_LINES to the run being written, one a
 * line and a `null` line after them.
 */
static uint64_t merge_set(struct agg *a, struct at_key *ak, const struct red *rd, enum set_out how)
{
	uint64_t count = 0;
	int set = rd->set;
	struct buf *out = how == SET_ARRAY ? &ak->k->b : how == SET_LINES ? &ak->w->line : NULL;

	for (size_t j = 0; j < ak->neq; j++) {
		struct run *r = &ak->rs[ak->eq[j]];
		r->has_val = run_value(a, r, set);
	}
	if (how == SET_ARRAY)
		buf_addc(out, '[');
	for (;;) {
		struct run *m = NULL;
		for (size_t j = 0; j < ak->neq; j++) {
			struct run *r = &ak->rs[ak->eq[j]];
			if (r->has_val && (!m || agg_key_cmp(r->val.buf, r->val.len, m->val.buf,
							     m->val.len) < 0))
				m = r;
		}
		if (!m)
			break;
		if (!count || agg_key_cmp(ak->last.buf, ak->last.len, m->val.buf, m->val.len)) {
			if (how == SET_ARRAY) {
				if (count)
					buf_addc(out, ',');
				agg_value_json(out, m->val.buf, m->val.len);
				agg_sink_flush(ak->k);
			} else if (how == SET_LINES) {
				agg_value_json(out, m->val.buf, m->val.len);
				buf_addc(out, '\n');
				run_flush(ak->w, 0);
			}
			count++;
			buf_reset(&ak->last);
			buf_add(&ak->last, m->val.buf, m->val.len);
		}
		m->has_val = run_value(a, m, set);
	}
	if (how == SET_ARRAY)
		buf_addc(out, ']');
	else if (how == SET_LINES)
		buf_adds(out, "null\n");
	return count;
}

static void write_values(struct agg *a, const struct red *rd, struct buf *out, void *ctx)
{
	(void)out; /* the sink's buffer */
	merge_set(a, ctx, rd, SET_ARRAY);
}

/*
 * Merges at most FAN_IN sorted runs in order `fn`, combining equal keys:
 * into the run `w` when it is not NULL, else emitting each group once
 * with its exact distinct sets as counts; a partial state (a->o.partial
 * with agg_emit_out) is written here instead, its sets' values streamed
 * from the runs. Deletes the run files.
 */
static void merge(struct agg *a, char **paths, size_t n, order_fn fn, emit_fn emit, void *ctx,
		  struct run_out *w)
{
	struct run *rs = xcalloc(n + 1, sizeof(*rs));
	struct store acc;
	struct at_key ak = { rs, xmalloc((n + 1) * sizeof(size_t)), 0, BUF_INIT, ctx, NULL };
	int partial = !w && a->o.partial && emit == agg_emit_out;

	agg_store_init_counted(a, &acc);
	for (size_t i = 0; i < n; i++) {
		rs[i].path = paths[i];
		if (input_open(&rs[i].in, paths[i]) < 0)
			err_die("cannot open '%s': %s", paths[i], strerror(errno));
		buf_init(&rs[i].line, 4096);
		buf_init(&rs[i].val, 64);
		rs[i].pending = xcalloc((size_t)a->nsets + 1, sizeof(*rs[i].pending));
		agg_store_init_counted(a, &rs[i].s);
		rs[i].live = run_next(a, &rs[i]);
	}
	int counted = n && rs[0].counted;
	if (w) {
		run_create(a, w, counted);
		ak.w = w;
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
		/* every run at this key, in run order */
		ak.neq = 0;
		for (size_t i = 0; i < n; i++)
			if (rs[i].live && agg_by_key(a, &rs[i].s, 0, &rs[m].s, 0) == 0)
				ak.eq[ak.neq++] = i;
		agg_store_reset(a, &acc);
		for (size_t j = 0; j < ak.neq; j++)
			agg_merge_group(a, &acc, &rs[ak.eq[j]].s, 0);
		if (partial) {
			struct sink *k = ctx;
			agg_write_state_with(a, &acc, 0, &k->b, 0, write_values, &ak);
			agg_sink_flush(k);
		} else if (w) {
			agg_write_state_with(a, &acc, 0, &w->line, 1, NULL, NULL);
			for (size_t r = 0; r < a->nreds && a->nsets && !counted; r++) {
				const struct red *rd = &a->reds[r];
				if (rd->kind == AGG_DISTINCT && !a->o.approx)
					merge_set(a, &ak, rd, SET_LINES);
			}
			run_flush(w, 0);
		} else {
			for (size_t r = 0; r < a->nreds && a->nsets; r++) {
				const struct red *rd = &a->reds[r];
				if (rd->kind != AGG_DISTINCT || a->o.approx)
					continue;
				uint64_t c = merge_set(a, &ak, rd, SET_COUNT);
				((struct dist_slot *)(gstate(a, &acc, 0) + rd->off))->n += c;
			}
			emit(a, &acc, 0, ctx);
		}
		for (size_t j = 0; j < ak.neq; j++)
			rs[ak.eq[j]].live = run_next(a, &rs[ak.eq[j]]);
	}
	agg_store_release(a, &acc);
	for (size_t i = 0; i < n; i++) {
		input_close(&rs[i].in);
		buf_release(&rs[i].line);
		buf_release(&rs[i].val);
		free(rs[i].pending);
		agg_store_release(a, &rs[i].s);
		unlink(paths[i]);
	}
	buf_release(&ak.last);
	free(ak.eq);
	free(rs);
}

/*
 * Merges sorted runs in order `fn` and emits each group once (see merge):
 * while there are more than FAN_IN runs, FAN_IN of them at a time are
 * first merged into one. Deletes the run files; the caller still frees
 * the strings of `paths`.
 */
void agg_merge_runs(struct agg *a, char **paths, size_t n, order_fn fn, emit_fn emit, void *ctx)
{
	char **p = xmalloc((n + 1) * sizeof(*p));
	size_t np = n;

	for (size_t i = 0; i < n; i++)
		p[i] = xstrdup(paths[i]);
	while (np > FAN_IN) {
		size_t out = 0;
		for (size_t i = 0; i < np; i += FAN_IN) {
			size_t m = np - i < FAN_IN ? np - i : FAN_IN;
			if (m == 1) {
				p[out++] = p[i];
				continue;
			}
			struct run_out w;
			merge(a, p + i, m, fn, NULL, NULL, &w);
			for (size_t j = i; j < i + m; j++)
				free(p[j]);
			p[out++] = run_close(&w);
		}
		np = out;
	}
	merge(a, p, np, fn, emit, ctx, NULL);
	for (size_t i = 0; i < np; i++)
		free(p[i]);
	free(p);
}
