/*
 * dates-eval — scores date_find() on TempEval-3-style JSON lines:
 *   {"date": "1998-03-03", "text": "...",
 *    "timexes": [{"start": 412, "end": 425, "type": "DATE",
 *                 "value": "1998-W11", "mod": "START"}, ...]}
 * (offsets in code points). Prints span P/R/F1 (strict and relaxed) and
 * value accuracy/F1, for DATE expressions and for all types.
 *
 *   build/bench/dates-eval [-v] [-b] [-t] [-p dev|held] [-f K/N] [-S SEED] FILE.jsonl
 *
 * -p dev|held scores one part of the documents only. The split is by
 *    document: a document is held back when
 *    hash_fmix64(hash_fnv1a(SEED ":" id)) % 4 == 0 (lib/core/hash.h), else
 *    it is in the development part; SEED defaults to "tempeval3-split-1"
 *    (-S changes it). On TempEval-3 train that holds back 48 of the 256
 *    documents (325 of the 1,822 time expressions).
 * -f K/N scores fold K (1..N) only: the documents whose split hash h has
 *    (h / 4) % N == K - 1, bits independent of the held-back test (h % 4).
 *    With -p dev, N-fold cross-checks of a rule change over the
 *    development documents (bench/dates.sh --folds).
 * -v lists every miss, spurious mention and wrong value on stderr.
 * -b scores the baseline instead: absolute dates only (date_parse tried at
 *    every word start), what a date-pattern matcher without anchor finds.
 * -t also times date_find over all sentences (5 passes) and prints MB/s.
 * Sentences are cut at line breaks and at . ! ? followed by a space and an
 * upper-case letter or a quote (not after short capitalised abbreviations).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wire/core/buf.h"
#include "wire/dates/date.h"
#include "wire/core/err.h"
#include "wire/core/hash.h"
#include "wire/core/json.h"
#include "wire/core/reader.h"
#include "wire/core/utf8.h"

struct gold {
	size_t b, e; /* code points */
	char type[12];
	char value[40];
	char mod[12];
	int used;
};

struct sys {
	size_t b, e; /* code points */
	const char *type;
	char value[32];
	char mod[8];
};

struct score {
	long gold, sys, strict, relaxed, value_ok, value_relaxed;
	long type_ok;
};

static struct score all, dates;
static int verbose, baseline;
static int part; /* 0 all documents, 1 development part, 2 held back */
static const char *seed = "tempeval3-split-1";
static unsigned long fold_k, fold_n; /* -f K/N; fold_n 0: all folds */
static double find_bytes, find_secs;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The baseline: date_parse at each word start of the sentence. */
static void baseline_find(const char *s, size_t n, struct date_mentions *out)
{
	size_t i = 0, used;
	struct date_ymd d;
	struct buf v = BUF_INIT;

	out->n = 0;
	while (i < n) {
		int start = i == 0 || !((s[i - 1] >= 'a' && s[i - 1] <= 'z')
					|| (s[i - 1] >= 'A' && s[i - 1] <= 'Z')
					|| (s[i - 1] >= '0' && s[i - 1] <= '9'));

		if (start && (used = date_parse(s + i, n - i, &d)) && d.m) {
			if (out->n == out->alloc) {
				out->alloc = out->alloc ? 2 * out->alloc : 8;
				out->v = xrealloc(out->v,
						  out->alloc * sizeof *out->v);
			}
			memset(&out->v[out->n], 0, sizeof out->v[out->n]);
			out->v[out->n].b = i;
			out->v[out->n].e = i + used;
			buf_reset(&v);
			date_format(&d, &v);
			memcpy(out->v[out->n].value, v.buf, v.len + 1);
			out->n++;
			i += used;
		} else {
			i++;
		}
	}
	buf_release(&v);
}
static int timing;
static char cur_anchor[40]; /* the document date, for -v */

static void copy_str(const struct json_val *v, char *dst, size_t cap)
{
	struct buf b = BUF_INIT;

	dst[0] = '\0';
	if (v->type != JSON_STRING)
		return;
	json_decode_string(v, &b);
	if (b.len >= cap)
		b.len = cap - 1;
	memcpy(dst, b.buf, b.len);
	dst[b.len] = '\0';
	buf_release(&b);
}

static long get_long(const struct json_val *obj, const char *k)
{
	struct json_val v;

	if (!json_get(obj, k, strlen(k), &v) || v.type != JSON_NUMBER)
		return -1;
	return strtol(v.p, NULL, 10);
}

/* Sentence ends after s[i] ('.', '!', '?') when followed by blanks and an
 * upper-case letter, a digit or a quote. */
static int sentence_end(const char *s, size_t n, size_t i)
{
	size_t j = i + 1, w = i;

	if (s[i] == '\n')
		return 1;
	if (s[i] != '.' && s[i] != '!' && s[i] != '?')
		return 0;
	if (j >= n || s[j] != ' ')
		return 0;
	while (j < n && s[j] == ' ')
		j++;
	if (j >= n || !((s[j] >= 'A' && s[j] <= 'Z') || s[j] == '"'
			|| s[j] == '\''))
		return 0;
	if (s[i] == '.') {
		while (w > 0 && ((s[w - 1] >= 'a' && s[w - 1] <= 'z')
				 || (s[w - 1] >= 'A' && s[w - 1] <= 'Z')))
			w--;
		if (i - w <= 3 && s[w] >= 'A' && s[w] <= 'Z')
			return 0; /* Mr. Sept. Gen. */
		if (i - w == 1)
			return 0; /* U.S. */
	}
	return 1;
}

/* Prints s[0..n) on stderr with line breaks and tabs as spaces, for -v. */
static void put_flat(const char *s, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		fputc(s[k] == '\n' || s[k] == '\t' ? ' ' : s[k], stderr);
}

/* Up to 40 bytes of text either side of code point b, for -v. */
static const char *ctx_start(const char *text, const size_t *cp2b, size_t b)
{
	return text + (cp2b[b] > 40 ? cp2b[b] - 40 : 0);
}

static size_t ctx_len(const char *text, const size_t *cp2b, size_t b)
{
	size_t s = cp2b[b] > 40 ? cp2b[b] - 40 : 0, e = cp2b[b] + 40;
	size_t n = strlen(text);

	return (e > n ? n : e) - s;
}

static void tally(struct score *sc, struct gold *g, size_t ng, struct sys *m,
		  size_t nm, int only_date, const char *text, size_t *cp2b)
{
	size_t i, k;

	for (i = 0; i < ng; i++)
		g[i].used = 0;
	for (i = 0; i < ng; i++)
		if (!only_date || !strcmp(g[i].type, "DATE"))
			sc->gold++;
	for (k = 0; k < nm; k++) {
		int matched = 0;

		if (only_date && strcmp(m[k].type, "DATE"))
			continue;
		sc->sys++;
		for (i = 0; i < ng; i++) {
			if (g[i].used
			    || (only_date && strcmp(g[i].type, "DATE")))
				continue;
			if (g[i].b < m[k].e && m[k].b < g[i].e) {
				int ok = !strcmp(g[i].value, m[k].value);

				g[i].used = 1;
				matched = 1;
				sc->relaxed++;
				if (g[i].b == m[k].b && g[i].e == m[k].e)
					sc->strict++;
				else if (verbose && !only_date)
					fprintf(stderr, "BOUNDARY\t%.*s\twant %.*s\n",
						(int)(cp2b[m[k].e] - cp2b[m[k].b]),
						text + cp2b[m[k].b],
						(int)(cp2b[g[i].e] - cp2b[g[i].b]),
						text + cp2b[g[i].b]);
				sc->value_ok += ok;
				sc->type_ok += !strcmp(g[i].type, m[k].type);
				if (verbose && !ok && !only_date)
				{
					fprintf(stderr, "VALUE\t%.*s\t%s\twant %s %s\t[",
						(int)(cp2b[m[k].e] - cp2b[m[k].b]),
						text + cp2b[m[k].b], m[k].value,
						g[i].value, g[i].mod);
					put_flat(ctx_start(text, cp2b, g[i].b),
						 ctx_len(text, cp2b, g[i].b));
					fprintf(stderr, "]\t%s\n", cur_anchor);
				}
				break;
			}
		}
		if (!matched && verbose && !only_date) {
			fprintf(stderr, "SPURIOUS\t%.*s\t%s\t[",
				(int)(cp2b[m[k].e] - cp2b[m[k].b]),
				text + cp2b[m[k].b], m[k].value);
			put_flat(ctx_start(text, cp2b, m[k].b),
				 ctx_len(text, cp2b, m[k].b));
			fprintf(stderr, "]\t%s\n", cur_anchor);
		}
	}
	if (verbose && !only_date)
		for (i = 0; i < ng; i++)
			if (!g[i].used)
			{
				fprintf(stderr, "MISSED\t%.*s\t%s\t%s\t[",
					(int)(cp2b[g[i].e] - cp2b[g[i].b]),
					text + cp2b[g[i].b], g[i].value,
					g[i].type);
				put_flat(ctx_start(text, cp2b, g[i].b),
					 ctx_len(text, cp2b, g[i].b));
				fprintf(stderr, "]\t%s\n", cur_anchor);
			}
}

/* The split hash of a document (see -p and -f above). */
static uint64_t split_hash(const struct json_val *obj)
{
	struct json_val v;
	struct buf key = BUF_INIT;
	uint64_t h;

	buf_add(&key, seed, strlen(seed));
	buf_add(&key, ":", 1);
	if (json_get(obj, "id", 2, &v) && v.type == JSON_STRING)
		json_decode_string(&v, &key);
	h = hash_fmix64(hash_fnv1a(key.buf, key.len));
	buf_release(&key);
	return h;
}

static void doc(const struct json_val *rec, const char *file,
		unsigned long lineno)
{
	struct json_val obj = *rec, v, tv;
	struct json_iter it;
	struct buf text = BUF_INIT;
	char anchor_s[40];
	struct date_ymd anchor = { 0, 0, 0 };
	struct gold *g = NULL;
	struct sys *m = NULL;
	size_t ng = 0, nm = 0, cap = 0, mcap = 0, i, start, cps;
	size_t *b2cp, *cp2b;
	struct date_mentions dm = { NULL, 0, 0 };
	struct date_doc dd = { 0, 0, { 0, 0, 0 } };
	uint64_t h = split_hash(&obj);

	if (part && (h % 4 == 0) != (part == 2))
		return;
	if (fold_n && (h / 4) % fold_n != fold_k - 1)
		return;
	if (!json_get(&obj, "text", 4, &v) || v.type != JSON_STRING) {
		err_at(file, lineno, "no text");
		return;
	}
	json_decode_string(&v, &text);
	if (json_get(&obj, "date", 4, &v)) {
		copy_str(&v, anchor_s, sizeof anchor_s);
		memcpy(cur_anchor, anchor_s, sizeof cur_anchor);
		date_parse(anchor_s, strlen(anchor_s), &anchor);
	}
	if (json_get(&obj, "timexes", 7, &v) && v.type == JSON_ARRAY) {
		json_iter_array(&it, &v);
		while (json_next_elem(&it, &tv)) {
			struct json_val f;

			if (ng == cap) {
				cap = cap ? cap * 2 : 16;
				g = xrealloc(g, cap * sizeof *g);
			}
			memset(&g[ng], 0, sizeof g[ng]);
			g[ng].b = (size_t)get_long(&tv, "start");
			g[ng].e = (size_t)get_long(&tv, "end");
			if (json_get(&tv, "type", 4, &f))
				copy_str(&f, g[ng].type, sizeof g[ng].type);
			if (json_get(&tv, "value", 5, &f))
				copy_str(&f, g[ng].value, sizeof g[ng].value);
			if (json_get(&tv, "mod", 3, &f))
				copy_str(&f, g[ng].mod, sizeof g[ng].mod);
			ng++;
		}
	}
	/* byte <-> code point maps */
	b2cp = xmalloc((text.len + 1) * sizeof *b2cp);
	cp2b = xmalloc((text.len + 1) * sizeof *cp2b);
	for (i = 0, cps = 0; i < text.len; i++) {
		b2cp[i] = cps;
		if (((unsigned char)text.buf[i] & 0xc0) != 0x80)
			cp2b[cps++] = i;
	}
	b2cp[text.len] = cps;
	cp2b[cps] = text.len;
	for (i = 0; i < ng; i++) {
		if (g[i].e > cps)
			g[i].e = cps;
		if (g[i].b > g[i].e)
			g[i].b = g[i].e;
	}
	for (start = 0, i = 0; i <= text.len; i++) {
		size_t k;

		if (i < text.len && !sentence_end(text.buf, text.len, i))
			continue;
		if (baseline) {
			baseline_find(text.buf + start, i - start, &dm);
		} else if (timing) {
			double t0 = now();
			int pass;

			struct date_doc keep = dd;

			for (pass = 0; pass < 5; pass++) {
				dd = keep;
				date_find_doc(text.buf + start, i - start,
					      &anchor, &dd, &dm);
			}
			find_secs += now() - t0;
			find_bytes += 5.0 * (double)(i - start);
		} else {
			date_find_doc(text.buf + start, i - start, &anchor,
				      &dd, &dm);
		}
		for (k = 0; k < dm.n; k++) {
			if (nm == mcap) {
				mcap = mcap ? mcap * 2 : 16;
				m = xrealloc(m, mcap * sizeof *m);
			}
			m[nm].b = b2cp[start + dm.v[k].b];
			m[nm].e = b2cp[start + dm.v[k].e];
			m[nm].type = date_value_type(dm.v[k].value);
			memcpy(m[nm].value, dm.v[k].value, sizeof m[nm].value);
			memcpy(m[nm].mod, dm.v[k].mod, sizeof m[nm].mod);
			nm++;
		}
		start = i + 1;
	}
	tally(&all, g, ng, m, nm, 0, text.buf, cp2b);
	tally(&dates, g, ng, m, nm, 1, text.buf, cp2b);
	date_mentions_release(&dm);
	free(b2cp);
	free(cp2b);
	free(g);
	free(m);
	buf_release(&text);
}

static double f1(double p, double r)
{
	return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

static void report(const char *name, const struct score *s)
{
	double ps = s->sys ? (double)s->strict / s->sys : 0;
	double rs = s->gold ? (double)s->strict / s->gold : 0;
	double pr = s->sys ? (double)s->relaxed / s->sys : 0;
	double rr = s->gold ? (double)s->relaxed / s->gold : 0;
	double pv = s->sys ? (double)s->value_ok / s->sys : 0;
	double rv = s->gold ? (double)s->value_ok / s->gold : 0;

	printf("%-6s gold %5ld  found %5ld\n", name, s->gold, s->sys);
	printf("  span strict   P %5.1f  R %5.1f  F1 %5.1f\n", 100 * ps,
	       100 * rs, 100 * f1(ps, rs));
	printf("  span relaxed  P %5.1f  R %5.1f  F1 %5.1f\n", 100 * pr,
	       100 * rr, 100 * f1(pr, rr));
	printf("  value         P %5.1f  R %5.1f  F1 %5.1f"
	       "  accuracy on matched spans %5.1f\n",
	       100 * pv, 100 * rv, 100 * f1(pv, rv),
	       s->relaxed ? 100.0 * s->value_ok / s->relaxed : 0);
}

int main(int argc, char **argv)
{
	struct reader rd;
	int argi = 1;

	err_init(argv[0]);
	for (; argi < argc && argv[argi][0] == '-' && argv[argi][1]; argi++) {
		if (!strcmp(argv[argi], "-v"))
			verbose = 1;
		else if (!strcmp(argv[argi], "-b"))
			baseline = 1;
		else if (!strcmp(argv[argi], "-t"))
			timing = 1;
		else if (!strcmp(argv[argi], "-p") && argi + 1 < argc
			 && (!strcmp(argv[argi + 1], "dev")
			     || !strcmp(argv[argi + 1], "held")))
			part = !strcmp(argv[++argi], "dev") ? 1 : 2;
		else if (!strcmp(argv[argi], "-f") && argi + 1 < argc) {
			char *end;

			fold_k = strtoul(argv[++argi], &end, 10);
			fold_n = *end == '/' ? strtoul(end + 1, &end, 10) : 0;
			if (*end || fold_n < 2 || fold_k < 1 || fold_k > fold_n)
				err_usage("-f wants K/N with 1 <= K <= N, N >= 2");
		} else if (!strcmp(argv[argi], "-S") && argi + 1 < argc)
			seed = argv[++argi];
		else
			err_usage("unknown option '%s'", argv[argi]);
	}
	if (argi != argc - 1)
		err_usage("usage: dates-eval [-v] [-b] [-t] [-p dev|held] [-f K/N] [-S SEED] FILE.jsonl");
	reader_init(&rd, argv + argi, 1, ON_ERROR_REPORT);
	while (reader_next(&rd))
		doc(&rd.rec, reader_name(&rd), reader_lineno(&rd));
	report("DATE", &dates);
	report("all", &all);
	if (timing && find_secs > 0)
		printf("date_find speed: %.1f MB/s (%.0f bytes in %.3f s)\n",
		       find_bytes / find_secs / 1e6, find_bytes, find_secs);
	return reader_finish(&rd);
}
