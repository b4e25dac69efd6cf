/*
 * classify_train — the `train` and `eval` subcommands of
 * wire-classify-topics; see include/wire/classify.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wire/topics/classify.h"
#include "wire/core/err.h"
#include "wire/topics/features.h"

/* The labels of one record, decoded back to back in `text`. */
struct labels {
	struct buf text;
	size_t *off, *len;
	const char **ptr;
	size_t n, alloc;
	int multi;      /* an array was given */
	int bad;        /* a value that is no label (object, bool, nested array) */
};

static void labels_push(struct labels *l, size_t off, size_t len)
{
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? 2 * l->alloc : 16;
		l->off = xrealloc(l->off, l->alloc * sizeof(*l->off));
		l->len = xrealloc(l->len, l->alloc * sizeof(*l->len));
		l->ptr = xrealloc(l->ptr, l->alloc * sizeof(*l->ptr));
	}
	l->off[l->n] = off;
	l->len[l->n] = len;
	l->n++;
}

/* One scalar label: a string (decoded) or a number (as written). */
static void label_scalar(struct labels *l, const struct json_val *v)
{
	size_t off = l->text.len;

	if (v->type == JSON_STRING)
		json_decode_string(v, &l->text);
	else if (v->type == JSON_NUMBER)
		buf_add(&l->text, v->p, v->n);
	else if (v->type != JSON_NULL)
		l->bad = 1;
	if (l->text.len > off)
		labels_push(l, off, l->text.len - off);
}

static int label_out(void *ctx, const struct json_val *v)
{
	struct labels *l = ctx;

	if (v->type == JSON_ARRAY) {
		struct json_iter it;
		struct json_val e;
		l->multi = 1;
		json_iter_array(&it, v);
		while (json_next_elem(&it, &e))
			label_scalar(l, &e);
	} else {
		label_scalar(l, v);
	}
	return 0;
}

/* Reads the labels of `rec`; returns 0, or -1 on a jq error or a value
 * that is no label (message in `err`). */
static int read_labels(struct expr *e, const struct json_val *rec, struct labels *l,
		       struct buf *err)
{
	buf_reset(&l->text);
	l->n = 0;
	l->multi = l->bad = 0;
	if (expr_run(e, rec, label_out, l, err) < 0)
		return -1;
	if (l->bad) {
		buf_addf(err, "labels at '%s' must be strings or numbers, or an array of them",
			 expr_source(e));
		return -1;
	}
	for (size_t i = 0; i < l->n; i++)
		l->ptr[i] = l->text.buf + l->off[i];
	return 0;
}

static void labels_release(struct labels *l)
{
	buf_release(&l->text);
	free(l->off);
	free(l->len);
	free(l->ptr);
}

/* What a pass over labelled records skipped. */
struct tally {
	unsigned long long used, no_text, no_label, bad_label;
};

static void tally_report(const struct tally *t, const struct expr *text, const struct expr *label,
			 const char *what)
{
	if (t->no_text)
		err_warn("%s: skipped %llu record%s without a string at '%s'", what, t->no_text,
			 t->no_text == 1 ? "" : "s", expr_source(text));
	if (t->no_label)
		err_warn("%s: skipped %llu record%s without a label at '%s'", what, t->no_label,
			 t->no_label == 1 ? "" : "s", expr_source(label));
	if (t->bad_label)
		err_warn("%s: skipped %llu record%s with a bad label", what, t->bad_label,
			 t->bad_label == 1 ? "" : "s");
}

/*
 * Reads labelled records and hands each to `fn`. Returns the reader's exit
 * status, or WIRE_EXIT_DATA when --on-error=fail stopped it.
 */
typedef void (*labelled_fn)(void *ctx, const struct ftokens *t, const struct labels *l);

static int read_labelled(char **files, int nfiles, struct expr *text, struct expr *label,
			 enum on_error policy, struct tally *tl, labelled_fn fn, void *ctx)
{
	struct reader r;
	struct buf s = BUF_INIT, err = BUF_INIT;
	struct labels l = { BUF_INIT, NULL, NULL, NULL, 0, 0, 0, 0 };
	struct ftokens t = FTOKENS_INIT;
	int failed = 0;

	reader_init(&r, files, nfiles, policy);
	while (reader_next(&r)) {
		buf_reset(&s);
		buf_reset(&err);
		int st = expr_string(text, &r.rec, &s, &err);
		if (st != 1) {
			tl->no_text++;
			if (st < 0 || policy == ON_ERROR_FAIL) {
				if (err.len)
					reader_error(&r, "%s", err.buf);
				else
					reader_error(&r, "no string at '%s'", expr_source(text));
				if (policy == ON_ERROR_FAIL) {
					failed = 1;
					break;
				}
			}
			continue;
		}
		buf_reset(&err);
		if (read_labels(label, &r.rec, &l, &err) < 0) {
			tl->bad_label++;
			reader_error(&r, "%s", err.buf);
			if (policy == ON_ERROR_FAIL) {
				failed = 1;
				break;
			}
			continue;
		}
		if (!l.n && !l.multi) {
			tl->no_label++;
			continue;
		}
		features_tokenize(s.buf, s.len, &t);
		fn(ctx, &t, &l);
		tl->used++;
	}
	int status = reader_finish(&r);
	if (failed)
		status = WIRE_EXIT_DATA;
	buf_release(&s);
	buf_release(&err);
	labels_release(&l);
	ftokens_release(&t);
	return status;
}

/* ---- train ----------------------------------------------------------- */

struct train_ctx {
	struct linear_data *d;
	int set;
};

static void add_doc(void *ctx, const struct ftokens *t, const struct labels *l)
{
	struct train_ctx *c = ctx;

	linear_data_add(c->d, c->set, t, l->ptr, l->len, l->n, l->multi);
}

int classify_train(const struct classify_train_opts *o)
{
	struct linear_data *d = linear_data_new(o->lin.bits, o->lin.bigrams);
	struct train_ctx c = { d, LINEAR_TRAIN };
	struct tally tl = { 0 }, td = { 0 };
	int status;

	status = read_labelled(o->files, o->nfiles, o->text, o->label, o->policy, &tl, add_doc, &c);
	tally_report(&tl, o->text, o->label, "train");
	if (status != WIRE_EXIT_OK && o->policy == ON_ERROR_FAIL)
		goto out;
	if (o->dev) {
		char *dev[1] = { (char *)o->dev };
		c.set = LINEAR_DEV;
		int st = read_labelled(dev, 1, o->text, o->label, o->policy, &td, add_doc, &c);
		tally_report(&td, o->text, o->label, "dev");
		if (st != WIRE_EXIT_OK) {
			status = st;
			if (o->policy == ON_ERROR_FAIL)
				goto out;
		}
	}
	if (!linear_data_count(d, LINEAR_TRAIN)) {
		err_warn("no labelled training records: no model written");
		status = WIRE_EXIT_DATA;
		goto out;
	}
	if (o->verbose)
		err_warn("read %zu training and %zu dev records",
			 linear_data_count(d, LINEAR_TRAIN), linear_data_count(d, LINEAR_DEV));
	struct linear_model *m = linear_train(d, &o->lin, o->verbose);
	struct buf err = BUF_INIT;
	if (linear_save(m, o->out, &err) < 0) {
		err_warn("%s", err.buf);
		status = WIRE_EXIT_DATA;
	}
	buf_release(&err);
	linear_free(m);
out:
	linear_data_free(d);
	return status;
}

/* ---- eval ------------------------------------------------------------ */

struct eval_label {
	char *name;
	unsigned long long tp, fp, fn;
};

struct eval_ctx {
	const struct classify_eval_opts *o;
	struct fvec v;
	float *scores;
	size_t *pred;
	unsigned char *gold;        /* per model label */
	/* gold labels the model does not know: name → false negatives */
	struct eval_label *lab;     /* model labels first, then unknown ones */
	size_t nlab, lab_alloc;
	unsigned long long docs, exact;
};

static size_t eval_label_id(struct eval_ctx *c, const char *s, size_t n)
{
	for (size_t i = 0; i < c->nlab; i++)
		if (strlen(c->lab[i].name) == n && !memcmp(c->lab[i].name, s, n))
			return i;
	if (c->nlab == c->lab_alloc) {
		c->lab_alloc = 2 * c->lab_alloc + 16;
		c->lab = xrealloc(c->lab, c->lab_alloc * sizeof(*c->lab));
	}
	memset(&c->lab[c->nlab], 0, sizeof(c->lab[0]));
	c->lab[c->nlab].name = xmemdup(s, n);
	return c->nlab++;
}

static void eval_doc(void *ctx, const struct ftokens *t, const struct labels *l)
{
	struct eval_ctx *c = ctx;
	const struct linear_model *m = c->o->model;
	size_t L = linear_nlabels(m), np, ngold = 0, nextra = 0, hit = 0;

	linear_scores(m, t, &c->v, c->scores);
	if (c->o->has_threshold) {
		np = 0;
		for (size_t i = 0; i < L; i++)
			if (c->scores[i] >= c->o->threshold)
				c->pred[np++] = i;
	} else {
		np = linear_decide(m, c->scores, 0.5f, c->pred);
	}
	memset(c->gold, 0, L);
	for (size_t i = 0; i < l->n; i++) {
		size_t id = eval_label_id(c, l->ptr[i], l->len[i]);
		if (id < L) {
			ngold += !c->gold[id];
			c->gold[id] = 1;
		} else {
			/* a label the model cannot predict: always missed
			 * (counted once per document) */
			int seen = 0;
			for (size_t j = 0; j < i; j++)
				seen |= l->len[j] == l->len[i] &&
					!memcmp(l->ptr[j], l->ptr[i], l->len[i]);
			if (!seen) {
				c->lab[id].fn++;
				nextra++;
			}
		}
	}
	for (size_t i = 0; i < np; i++) {
		if (c->gold[c->pred[i]]) {
			c->lab[c->pred[i]].tp++;
			c->gold[c->pred[i]] = 2;
			hit++;
		} else {
			c->lab[c->pred[i]].fp++;
		}
	}
	for (size_t i = 0; i < L; i++)
		if (c->gold[i] == 1)
			c->lab[i].fn++;
	c->docs++;
	if (!nextra && hit == ngold && np == ngold)
		c->exact++;
}

static double ratio(double a, double b)
{
	return b > 0 ? a / b : 0;
}

static double f1(double p, double r)
{
	return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

static int by_support(const void *a, const void *b)
{
	const struct eval_label *x = a, *y = b;
	unsigned long long sx = x->tp + x->fn, sy = y->tp + y->fn;

	if (sx != sy)
		return sx < sy ? 1 : -1;
	return strcmp(x->name, y->name);
}

int classify_eval(const struct classify_eval_opts *o)
{
	const struct linear_model *m = o->model;
	size_t L = linear_nlabels(m);
	struct eval_ctx c = { 0 };
	struct tally tl = { 0 };

	c.o = o;
	c.scores = xmalloc((L ? L : 1) * sizeof(float));
	c.pred = xmalloc((L ? L : 1) * sizeof(size_t));
	c.gold = xmalloc(L ? L : 1);
	for (size_t i = 0; i < L; i++)
		eval_label_id(&c, linear_label(m, i), strlen(linear_label(m, i)));
	int status = read_labelled(o->files, o->nfiles, o->text, o->label, o->policy, &tl,
				   eval_doc, &c);
	tally_report(&tl, o->text, o->label, "eval");

	unsigned long long tp = 0, fp = 0, fn = 0;
	double mp = 0, mr = 0, mf = 0;
	size_t nmacro = 0;
	for (size_t i = 0; i < c.nlab; i++) {
		struct eval_label *e = &c.lab[i];
		tp += e->tp;
		fp += e->fp;
		fn += e->fn;
		if (e->tp + e->fn == 0)
			continue; /* macro averages over labels present in the data */
		double p = ratio((double)e->tp, (double)(e->tp + e->fp));
		double r = ratio((double)e->tp, (double)(e->tp + e->fn));
		mp += p;
		mr += r;
		mf += f1(p, r);
		nmacro++;
	}
	double p = ratio((double)tp, (double)(tp + fp)), r = ratio((double)tp, (double)(tp + fn));
	FILE *f = o->report;
	fprintf(f, "documents\t%llu\n", c.docs);
	fprintf(f, "accuracy\t%.4f\n", ratio((double)c.exact, (double)c.docs));
	fprintf(f, "micro\tP %.4f\tR %.4f\tF1 %.4f\n", p, r, f1(p, r));
	fprintf(f, "macro\tP %.4f\tR %.4f\tF1 %.4f\t(%zu labels)\n", ratio(mp, (double)nmacro),
		ratio(mr, (double)nmacro), ratio(mf, (double)nmacro), nmacro);
	fprintf(f, "\n%-24s %7s %7s %7s %7s\n", "label", "support", "P", "R", "F1");
	qsort(c.lab, c.nlab, sizeof(*c.lab), by_support);
	for (size_t i = 0; i < c.nlab; i++) {
		struct eval_label *e = &c.lab[i];
		double lp = ratio((double)e->tp, (double)(e->tp + e->fp));
		double lr = ratio((double)e->tp, (double)(e->tp + e->fn));
		fprintf(f, "%-24s %7llu %7.4f %7.4f %7.4f\n", e->name, e->tp + e->fn, lp, lr,
			f1(lp, lr));
		free(e->name);
	}
	free(c.lab);
	free(c.scores);
	free(c.pred);
	free(c.gold);
	fvec_release(&c.v);
	if (!c.docs && status == WIRE_EXIT_OK) {
		err_warn("eval: no labelled records");
		status = WIRE_EXIT_DATA;
	}
	return status;
}
