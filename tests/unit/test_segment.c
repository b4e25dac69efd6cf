/* Unit tests: sentence and paragraph segmentation. The cases are data
 * (the .txt files of tests/data/segment); this program runs them, checks invariants on
 * generated text, and prints how many cases pass. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>

#include "wire/core/buf.h"
#include "wire/split/segment.h"

static struct segment_rules *rules;

static int setup(void **state)
{
	const char *err = NULL;
	(void)state;
	rules = segment_load(&err);
	if (!rules)
		fprintf(stderr, "# %s\n", err);
	return rules ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	segment_free(rules);
	return 0;
}

/* Unescapes "\n" in an expected sentence. */
static void unescape(struct buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n && s[i + 1] == 'n') {
			buf_addc(b, '\n');
			i++;
		} else {
			buf_addc(b, s[i]);
		}
	}
}

struct tally {
	int pass, fail, xfail_ok, xfail_fixed;
};

/* Runs one case; returns 1 when the sentences are as expected. */
static int run_case(const struct buf *in, const struct buf *want, int nwant, struct buf *got)
{
	struct spans s = SPANS_INIT;
	int ok;

	segment_sentences(rules, in->buf, in->len, &s);
	buf_reset(got);
	for (size_t i = 0; i < s.n; i++) {
		buf_add(got, in->buf + s.v[i].b, s.v[i].e - s.v[i].b);
		buf_addc(got, '\x1f');
	}
	ok = (int)s.n == nwant && got->len == want->len && !memcmp(got->buf, want->buf, got->len);
	spans_release(&s);
	return ok;
}

static void run_file(const char *path, struct tally *t)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	struct buf name = BUF_INIT, in = BUF_INIT, want = BUF_INIT, got = BUF_INIT;
	int nwant = 0, have = 0;

	if (!f)
		fail_msg("cannot open %s", path);
	for (int more = 1; more;) {
		more = fgets(line, sizeof(line), f) != NULL;
		size_t n = more ? strlen(line) : 0;
		if (n && line[n - 1] == '\n')
			line[--n] = '\0';
		if ((!more || !strncmp(line, "## ", 3)) && have) {
			int xfail = !strncmp(name.buf, "xfail", 5);
			int ok = run_case(&in, &want, nwant, &got);
			if (ok && !xfail) {
				t->pass++;
			} else if (!ok && xfail) {
				t->xfail_ok++;
			} else if (ok && xfail) {
				t->xfail_fixed++;
				printf("# %s: '%s' passes now: drop its xfail mark\n", path, name.buf);
			} else {
				t->fail++;
				for (size_t i = 0; i < got.len; i++)
					if (got.buf[i] == '\x1f')
						got.buf[i] = '|';
				printf("# %s: '%s' split as: %s\n", path, name.buf, got.buf);
			}
			have = 0;
		}
		if (!more)
			break;
		if (!strncmp(line, "## ", 3)) {
			buf_reset(&name);
			buf_adds(&name, line + 3);
			buf_reset(&in);
			buf_reset(&want);
			nwant = 0;
			have = 1;
		} else if (!strncmp(line, "> ", 2)) {
			if (in.len)
				buf_addc(&in, '\n');
			buf_adds(&in, line + 2);
		} else if (!strncmp(line, "= ", 2)) {
			unescape(&want, line + 2, n - 2);
			buf_addc(&want, '\x1f');
			nwant++;
		}
	}
	fclose(f);
	buf_release(&name);
	buf_release(&in);
	buf_release(&want);
	buf_release(&got);
}

static void test_cases(void **state)
{
	(void)state;
	static const char *const files[] = {
		"tests/data/segment/golden.txt", "tests/data/segment/news.txt",
		"tests/data/segment/layout.txt",
	};
	int fail = 0;
	for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++) {
		struct tally t = { 0, 0, 0, 0 };
		run_file(files[i], &t);
		printf("# %s: %d of %d cases pass\n", files[i], t.pass + t.xfail_fixed,
		       t.pass + t.fail + t.xfail_ok + t.xfail_fixed);
		fail += t.fail + t.xfail_fixed;
	}
	assert_int_equal(fail, 0);
}

/* Spans are ordered, disjoint, trimmed and cover every non-space byte. */
static void check_invariants(const char *t, size_t n, const struct spans *s)
{
	size_t prev = 0;
	for (size_t i = 0; i < s->n; i++) {
		assert_true(s->v[i].b >= prev);
		assert_true(s->v[i].e > s->v[i].b);
		assert_true(s->v[i].e <= n);
		assert_false(t[s->v[i].b] == ' ' || t[s->v[i].b] == '\n');
		assert_false(t[s->v[i].e - 1] == ' ' || t[s->v[i].e - 1] == '\n');
		for (size_t k = prev; k < s->v[i].b; k++)
			assert_true(t[k] == ' ' || t[k] == '\n' || t[k] == '\t');
		prev = s->v[i].e;
	}
	for (size_t k = prev; k < n; k++)
		assert_true(t[k] == ' ' || t[k] == '\n' || t[k] == '\t');
}

static void test_invariants_random(void **state)
{
	(void)state;
	static const char *const pieces[] = {
		"Gen.", "U.S.", " ", "  ", "\n", "\n\n", ".", "!", "?", "...", "\"", "”", "(",
		")", "The", "talks", "e.g.", "No.", "5", "2.5", "Hà", "Nội", "a.m.", "J.",
		"ASEAN", "—", "•", "1.", "x", "Đ",
	};
	unsigned seed = 12345;
	struct buf t = BUF_INIT;
	struct spans s = SPANS_INIT;
	for (int round = 0; round < 2000; round++) {
		buf_reset(&t);
		int len = (int)(seed % 60);
		for (int i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			buf_adds(&t, pieces[(seed >> 16) % (sizeof(pieces) / sizeof(*pieces))]);
		}
		spans_reset(&s);
		segment_sentences(rules, t.buf, t.len, &s);
		check_invariants(t.buf, t.len, &s);
		spans_reset(&s);
		segment_paragraphs(t.buf, t.len, SEGMENT_AUTO, &s);
		check_invariants(t.buf, t.len, &s);
	}
	buf_release(&t);
	spans_release(&s);
}

static void test_paragraphs(void **state)
{
	(void)state;
	struct spans s = SPANS_INIT;
	/* blank lines */
	const char *a = "First para line one\nstill first.\n\n  \nSecond para.\n";
	segment_paragraphs(a, strlen(a), SEGMENT_AUTO, &s);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.v[1].b, strlen("First para line one\nstill first.\n\n  \n"));
	/* one paragraph per line */
	spans_reset(&s);
	const char *b = "The first paragraph ends here.\nThe second one too.\nAnd a third.\n";
	segment_paragraphs(b, strlen(b), SEGMENT_AUTO, &s);
	assert_int_equal(s.n, 3);
	/* hard-wrapped lines are one paragraph */
	spans_reset(&s);
	const char *c = "The ministers met in the capital\nand agreed to widen their\ncooperation in training.\n";
	segment_paragraphs(c, strlen(c), SEGMENT_AUTO, &s);
	assert_int_equal(s.n, 1);
	spans_release(&s);
}

static void test_user_file(void **state)
{
	(void)state;
	char path[] = "/tmp/wire-abbrev-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	fputs("# mine\nBde. title\n", f);
	fclose(f);
	const char *txt = "He joined the 3rd Bde. Mechanised Infantry unit.";
	struct spans s = SPANS_INIT;
	segment_sentences(rules, txt, strlen(txt), &s);
	size_t before = s.n;
	char *err = NULL;
	assert_int_equal(segment_add_file(rules, path, &err), 0);
	spans_reset(&s);
	segment_sentences(rules, txt, strlen(txt), &s);
	assert_int_equal(before, 2);
	assert_int_equal(s.n, 1);
	/* a malformed file is refused with its line number */
	f = fopen(path, "w");
	fputs("ok. abbr\nbad. nonsense\n", f);
	fclose(f);
	assert_int_equal(segment_add_file(rules, path, &err), -1);
	assert_non_null(strstr(err, ":2: "));
	free(err);
	unlink(path);
	spans_release(&s);
}

/* A rules file may be gzipped, like every file a tool reads; CRLF line
 * ends and a last line without one are fine. */
static void test_user_file_gzip(void **state)
{
	(void)state;
	char path[] = "/tmp/wire-abbrev-XXXXXX";
	int fd = mkstemp(path);
	close(fd);
	gzFile z = gzopen(path, "wb");
	gzputs(z, "# mine\r\nRgt. title\r\nBtn. title");
	gzclose(z);
	const char *txt = "He joined the 2nd Rgt. Btn. Alpha of the unit.";
	struct spans s = SPANS_INIT;
	char *err = NULL;
	segment_sentences(rules, txt, strlen(txt), &s);
	assert_int_equal(s.n, 3);
	assert_int_equal(segment_add_file(rules, path, &err), 0);
	spans_reset(&s);
	segment_sentences(rules, txt, strlen(txt), &s);
	assert_int_equal(s.n, 1);
	unlink(path);
	spans_release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_invariants_random),
		cmocka_unit_test(test_paragraphs),
		cmocka_unit_test(test_user_file),
		cmocka_unit_test(test_user_file_gzip),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
