/*
 * classify — tagging records with topics; see include/wire/classify.h.
 */
#include <stdlib.h>
#include <string.h>

#include "wire/topics/classify.h"
#include "wire/core/err.h"
#include "wire/topics/features.h"
#include "wire/core/record.h"
#include "wire/topics/topics.h"

struct classify {
	struct classify_opts o;
	struct expr *own_text;  /* a libjq --text compiled for this instance */
	size_t nlabels;
	struct buf text, errmsg;
	struct ftokens tok;
	struct fvec vec;
	struct taxonomy_match match;
	float *scores;
	struct topic *sel;
	size_t *ids;
	unsigned long long no_text;
};

static const char *const owned[] = { "topics", NULL };

struct classify *classify_new(const struct classify_opts *o)
{
	struct classify *c = xcalloc(1, sizeof(*c));

	c->o = *o;
	if (!expr_is_fast(o->text)) { /* jq state is not shared across threads */
		char *msg = NULL;
		c->own_text = expr_compile(expr_source(o->text), &msg);
		if (!c->own_text)
			err_die("--text: %s", msg);
		c->o.text = c->own_text;
	}
	c->nlabels = o->model ? linear_nlabels(o->model) : taxonomy_nlabels(o->taxonomy);
	size_t n = c->nlabels ? c->nlabels : 1;
	c->scores = xmalloc(n * sizeof(*c->scores));
	c->sel = xmalloc(n * sizeof(*c->sel));
	c->ids = xmalloc(n * sizeof(*c->ids));
	buf_init(&c->text, 0);
	buf_init(&c->errmsg, 0);
	return c;
}

void classify_free(struct classify *c)
{
	if (!c)
		return;
	buf_release(&c->text);
	buf_release(&c->errmsg);
	if (c->own_text)
		expr_free(c->own_text);
	ftokens_release(&c->tok);
	fvec_release(&c->vec);
	taxonomy_match_release(&c->match);
	free(c->scores);
	free(c->sel);
	free(c->ids);
	free(c);
}

static const char *label_name(const struct classify *c, size_t l)
{
	return c->o.model ? linear_label(c->o.model, l) : taxonomy_label(c->o.taxonomy, l);
}

/* Scores the text in c->text and chooses the topics; returns how many. */
static size_t choose(struct classify *c)
{
	size_t k;

	features_tokenize(c->text.buf, c->text.len, &c->tok);
	if (c->o.model)
		linear_scores(c->o.model, &c->tok, &c->vec, c->scores);
	else
		taxonomy_scores(c->o.taxonomy, &c->tok, &c->match, c->scores);
	if (c->o.model && !c->o.has_threshold) {
		/* the model's own decision: its best label, or the labels
		 * past their tuned thresholds */
		k = linear_decide(c->o.model, c->scores, 0.5f, c->ids);
		if (c->o.top && k > c->o.top)
			k = c->o.top;
		for (size_t i = 0; i < k; i++) {
			c->sel[i].label = c->ids[i];
			c->sel[i].score = c->scores[c->ids[i]];
		}
		return k;
	}
	float th = c->o.has_threshold ? c->o.threshold : 0.5f;
	return topics_select(c->scores, c->nlabels, th, c->o.top, c->sel);
}

int classify_record(struct classify *c, const struct stage_rec *rd, struct stage_ctx *cx)
{
	struct record_writer w;
	struct buf *out = cx->out;
	size_t k = 0;

	buf_reset(&c->text);
	buf_reset(&c->errmsg);
	int st = expr_string(c->o.text, &rd->val, &c->text, &c->errmsg);
	if (st != 1) {
		c->no_text++;
		if (c->o.policy == ON_ERROR_FAIL) {
			if (c->errmsg.len)
				stage_error(cx, rd, "%s", c->errmsg.buf);
			else
				stage_error(cx, rd, "no string at '%s'", expr_source(c->o.text));
			return -1;
		}
	} else {
		k = choose(c);
	}
	record_begin(&w, out);
	record_copy(&w, &rd->val, owned);
	record_key(&w, "topics");
	buf_addc(out, '[');
	for (size_t i = 0; i < k; i++) {
		if (i)
			buf_addc(out, ',');
		topics_open(out, label_name(c, c->sel[i].label), c->sel[i].score);
		if (c->o.explain) {
			buf_add(out, ",\"terms\":", 9);
			if (c->o.model)
				linear_explain(c->o.model, &c->tok, &c->vec, c->sel[i].label,
					       c->o.explain, out);
			else
				taxonomy_explain(c->o.taxonomy, &c->match, c->sel[i].label,
						 c->o.explain, out);
		}
		buf_addc(out, '}');
	}
	buf_addc(out, ']');
	record_end(&w);
	return 0;
}

unsigned long long classify_no_text(const struct classify *c)
{
	return c->no_text;
}

/* ------------------------------------------------------------------ */
/* the stage */

static void *stage_open(const void *conf)
{
	return classify_new(conf);
}

static int stage_record(void *inst, const struct stage_rec *r, struct stage_ctx *cx)
{
	return classify_record(inst, r, cx);
}

static int stage_finish(void **inst, size_t n, struct stage_ctx *cx)
{
	const struct classify *c = inst[0];
	unsigned long long no_text = 0;

	for (size_t i = 0; i < n; i++)
		no_text += classify_no_text(inst[i]);
	if (cx->stop)
		return WIRE_EXIT_DATA;
	if (no_text)
		stage_warn(cx, "%llu record%s without a string at '%s' got no topics", no_text,
			   no_text == 1 ? "" : "s", expr_source(c->o.text));
	return WIRE_EXIT_OK;
}

static void stage_close(void *inst)
{
	classify_free(inst);
}

const struct stage_ops classify_stage = {
	"topics", 0, stage_open, stage_record, NULL, stage_finish, stage_close,
};
