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

/* Writes store s as a run file sorted by `fn`; empties s. */
void agg_write_run(struct agg *a, struct store *s, order_fn fn, char ***runs, size_t *nruns)
{
	make_spilldir(a);
	struct buf path = BUF_INIT, line = BUF_INIT;
	buf_addf(&path, "%s/run-%lu", a->spilldir, (unsigned long)runs_named);
	runs_named = runs_named + 1; /* before the file exists: see remove_spill */
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
