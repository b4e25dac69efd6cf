/* Unit tests: the driver (wire_run) with a toy stage — -j 1 and -j 4 give
 * the same output and messages, documents are never cut, bad lines and
 * stage errors are reported in input order, ON_ERROR_FAIL stops after
 * the failing record, STAGE_SERIAL sees every record. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "wire/core/driver.h"
#include "wire/core/err.h"

/* The toy: buffers a job's records; at flush writes one line per record,
 * "doc n i", where n is how many records of that document the job held. */
struct toy {
	struct buf docs;      /* doc value of each buffered record, '\n'-ended */
	unsigned long *idx;
	size_t n, alloc;
	unsigned long long seen;
};

static void *toy_open(const void *conf)
{
	struct toy *t = xcalloc(1, sizeof(*t));
	(void)conf;
	buf_init(&t->docs, 0);
	return t;
}

static int toy_record(void *inst, const struct stage_rec *r, struct stage_ctx *cx)
{
	struct toy *t = inst;
	struct json_val v;

	t->seen++;
	if (json_get(&r->val, "bad", 3, &v))
		if (stage_error(cx, r, "bad record") < 0)
			return -1;
	unsigned long i = 0;
	if (json_get(&r->val, "i", 1, &v))
		i = strtoul(v.p, NULL, 10);
	if (json_get(&r->val, "doc", 3, &v))
		buf_add(&t->docs, v.p, v.n);
	else
		buf_addf(&t->docs, "-%lu", i); /* a document of its own */
	buf_addc(&t->docs, '\n');
	if (t->n == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 64;
		t->idx = xrealloc(t->idx, t->alloc * sizeof(*t->idx));
	}
	t->idx[t->n++] = i;
	return 0;
}

static int toy_flush(void *inst, struct stage_ctx *cx)
{
	struct toy *t = inst;
	const char *p = t->docs.buf;

	for (size_t k = 0; k < t->n;) {
		const char *e = strchr(p, '\n');
		size_t len = (size_t)(e - p), m = 1;
		const char *q = e + 1;
		while (k + m < t->n) {
			const char *f = strchr(q, '\n');
			if ((size_t)(f - q) != len || memcmp(q, p, len))
				break;
			m++;
			q = f + 1;
		}
		for (size_t j = 0; j < m; j++) {
			buf_add(cx->out, p, len);
			buf_addf(cx->out, " %zu %lu\n", m, t->idx[k + j]);
		}
		k += m;
		p = q;
	}
	t->n = 0;
	buf_reset(&t->docs);
	return 0;
}

static int toy_finish(void **inst, size_t n, struct stage_ctx *cx)
{
	unsigned long long seen = 0;
	for (size_t i = 0; i < n; i++)
		seen += ((struct toy *)inst[i])->seen;
	if (!cx->stop)
		stage_warn(cx, "%llu records", seen);
	return WIRE_EXIT_OK;
}

static void toy_close(void *inst)
{
	struct toy *t = inst;
	buf_release(&t->docs);
	free(t->idx);
	free(t);
}

static const struct stage_ops toy_doc = { "toy", STAGE_DOC, toy_open, toy_record, toy_flush,
					  toy_finish, toy_close };
static const struct stage_ops toy_serial = { "toy", STAGE_SERIAL, toy_open, toy_record,
					     toy_flush, toy_finish, toy_close };

static char dir[] = "/tmp/wire-test-driver-XXXXXX";

static char *path(const char *name)
{
	static char p[4][256];
	static int k;
	k = (k + 1) % 4;
	snprintf(p[k], sizeof(p[k]), "%s/%s", dir, name);
	return p[k];
}

static char *slurp(const char *name)
{
	struct buf b = BUF_INIT, e = BUF_INIT;
	assert_int_equal(buf_read_file(&b, path(name), &e), 0);
	buf_release(&e);
	return buf_detach(&b, NULL);
}

/* Runs `ops` on input file `in` with `jobs` threads; output in "out.N",
 * stderr in "err.N". Returns the exit status. */
static int run(const struct stage_ops *ops, const char *in, unsigned jobs, enum on_error pol,
	       const char *tag)
{
	char outname[64], errname[64];
	snprintf(outname, sizeof(outname), "out.%s", tag);
	snprintf(errname, sizeof(errname), "err.%s", tag);
	char *files[] = { path(in) };
	struct driver_opts o = DRIVER_OPTS_INIT;
	o.files = files;
	o.nfiles = 1;
	o.jobs = jobs;
	o.policy = pol;
	o.progress = PROGRESS_OFF;
	o.output = path(outname);
	fflush(stderr);
	int saved = dup(2);
	FILE *ef = fopen(path(errname), "w");
	assert_non_null(ef);
	dup2(fileno(ef), 2);
	int st = wire_run(ops, NULL, &o);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	fclose(ef);
	return st;
}

/* Many documents of 1..40 records, a few bad lines and bad records. */
static void make_input(const char *name, int bad_at)
{
	FILE *f = fopen(path(name), "w");
	unsigned long i = 0;
	unsigned seed = 7;
	assert_non_null(f);
	for (int d = 0; d < 3000; d++) {
		seed = seed * 1103515245u + 12345u;
		unsigned n = 1 + (seed >> 16) % 40;
		for (unsigned k = 0; k < n; k++, i++) {
			if (i % 997 == 500)
				fputs("{\"doc\": broken\n", f);
			if ((long)i == bad_at)
				fprintf(f, "{\"doc\":\"d%d\",\"i\":%lu,\"bad\":1}\n", d, i);
			else if (d % 10 == 3)
				fprintf(f, "{\"i\":%lu,\"pad\":\"%0150d\"}\n", i, 0);
			else
				fprintf(f, "{\"doc\":\"d%d\",\"i\":%lu,\"pad\":\"%0150d\"}\n", d, i, 0);
		}
	}
	fclose(f);
}

static void same_output_any_jobs(void **state)
{
	(void)state;
	make_input("in", 12345);
	assert_int_equal(run(&toy_doc, "in", 1, ON_ERROR_REPORT, "1"), WIRE_EXIT_DATA);
	assert_int_equal(run(&toy_doc, "in", 4, ON_ERROR_REPORT, "4"), WIRE_EXIT_DATA);
	char *o1 = slurp("out.1"), *o4 = slurp("out.4"), *e1 = slurp("err.1"), *e4 = slurp("err.4");
	assert_string_equal(o1, o4);
	assert_string_equal(e1, e4);
	assert_true(strlen(o1) > 1000);
	/* documents whole: each "doc n i" line's n is the document's size,
	 * so every line of a document has the same n and there are n lines */
	char doc[64] = "", *p = o1;
	size_t n = 0, count = 0, lines = 0;
	unsigned long prev = 0;
	while (*p) {
		char d2[64];
		size_t m;
		unsigned long i;
		assert_int_equal(sscanf(p, "%63s %zu %lu", d2, &m, &i), 3);
		if (lines)
			assert_int_equal(i, prev + 1);
		prev = i;
		lines++;
		if (strcmp(d2, doc)) {
			assert_int_equal(count, n);
			snprintf(doc, sizeof(doc), "%s", d2);
			n = m;
			count = 0;
		}
		assert_int_equal(m, n);
		count++;
		p = strchr(p, '\n') + 1;
	}
	/* messages in input order: line numbers increase */
	unsigned long last = 0;
	int msgs = 0;
	for (p = e1; (p = strstr(p, "/in:")); p++, msgs++) {
		unsigned long l = strtoul(p + 4, NULL, 10);
		assert_true(l > last);
		last = l;
	}
	assert_true(msgs > 10);
	assert_non_null(strstr(e1, "bad record"));
	assert_non_null(strstr(e1, "invalid JSON"));
	free(o1); free(o4); free(e1); free(e4);
}

static void fail_stops_after_record(void **state)
{
	(void)state;
	make_input("fin", 20000);
	for (unsigned j = 1; j <= 4; j += 3) {
		char tag[8];
		snprintf(tag, sizeof(tag), "f%u", j);
		assert_int_equal(run(&toy_doc, "fin", j, ON_ERROR_FAIL, tag), WIRE_EXIT_DATA);
	}
	char *o1 = slurp("out.f1"), *o4 = slurp("out.f4"), *e1 = slurp("err.f1"), *e4 = slurp("err.f4");
	assert_string_equal(o1, o4);
	assert_string_equal(e1, e4);
	/* the first bad line (before record 500) stops the run: one message */
	assert_non_null(strstr(e1, "invalid JSON"));
	assert_null(strchr(strchr(e1, '\n') + 1, '\n'));
	/* records before it are written, none after */
	const char *last = o1 + strlen(o1) - 1;
	while (last > o1 && last[-1] != '\n')
		last--;
	unsigned long i = strtoul(strchr(strchr(last, ' ') + 1, ' ') + 1, NULL, 10);
	assert_int_equal(i, 499);
	free(o1); free(o4); free(e1); free(e4);
}

static void serial_sees_all(void **state)
{
	(void)state;
	make_input("sin", -1);
	assert_int_equal(run(&toy_serial, "sin", 4, ON_ERROR_SKIP, "s"), WIRE_EXIT_OK);
	char *e = slurp("err.s"), *o = slurp("out.s");
	/* skip: no line messages, the summary and finish's warning */
	assert_null(strstr(e, "invalid JSON"));
	assert_non_null(strstr(e, "records\n"));
	assert_non_null(strstr(e, "skipped"));
	assert_true(strlen(o) > 1000);
	free(e);
	free(o);
}

static int setup(void **state)
{
	(void)state;
	err_init("test_driver");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	const char *names[] = { "in", "fin", "sin", "out.1", "out.4", "err.1", "err.4", "out.f1",
				"out.f4", "err.f1", "err.f4", "out.s", "err.s" };
	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		unlink(path(names[i]));
	rmdir(dir);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_output_any_jobs),
		cmocka_unit_test(fail_stops_after_record),
		cmocka_unit_test(serial_sees_all),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
