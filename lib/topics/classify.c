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
	struct output *out;
	size_t nlabels;
	struct buf text, errmsg, rec;
	struct ftokens tok;
	struct fvec vec;
	struct taxonomy_match match;
	float *scores;
	struct topic *sel;
	size_t *ids;
	unsigned long long no_text;
	int fail;
};

static const char *const owned[] = { "topics", NULL };

struct classify *classify_new(const struct classify_opts *o, struct output *out)
{
	struct classify *c = xcalloc(1, sizeof(*c));

	c->o = *o;
	c->out = out;
	c->nlabels = o->model ? linear_nlabels(o->model) : taxonomy_nlabels(o->taxonomy);
	size_t n = c->nlabels ? c->nlabels : 1;
	c->scores = xmalloc(n * sizeof(*c->scores));
	c->sel = xmalloc(n * sizeof(*c->sel));
	c->ids = xmalloc(n * sizeof(*c->ids));
	buf_init(&c->text, 0);
	buf_init(&c->errmsg, 0);
	buf_init(&c->rec, 0);
	return c;
}

void classify_free(struct classify *c)
{
	if (!c)
		return;
	buf_release(&c->text);
	buf_release(&c->errmsg);
	buf_release(&c->rec);
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

int classify_record(struct classify *c, struct reader *rd)
{
	struct record_writer w;
	size_t k = 0;

	buf_reset(&c->text);
	buf_reset(&c->errmsg);
	int st = expr_string(c->o.text, &rd->rec, &c->text, &c->errmsg);
	if (st != 1) {
		c->no_text++;
		if (c->o.policy == ON_ERROR_FAIL) {
			if (c->errmsg.len)
				reader_error(rd, "%s", c->errmsg.buf);
			else
				reader_error(rd, "no string at '%s'", expr_source(c->o.text));
			c->fail = 1;
			return -1;
		}
	} else {
		k = choose(c);
	}
	record_begin(&w, &c->rec);
	record_copy(&w, &rd->rec, owned);
	record_key(&w, "topics");
	buf_addc(&c->rec, '[');
	for (size_t i = 0; i < k; i++) {
		if (i)
			buf_addc(&c->rec, ',');
		topics_open(&c->rec, label_name(c, c->sel[i].label), c->sel[i].score);
		if (c->o.explain) {
			buf_add(&c->rec, ",\"terms\":", 9);
			if (c->o.model)
				linear_explain(c->o.model, &c->tok, &c->vec, c->sel[i].label,
					       c->o.explain, &c->rec);
			else
				taxonomy_explain(c->o.taxonomy, &c->match, c->sel[i].label,
						 c->o.explain, &c->rec);
		}
		buf_addc(&c->rec, '}');
	}
	buf_addc(&c->rec, ']');
	record_end(&w);
	output_buf(c->out, &c->rec);
	output_record_done(c->out);
	return 0;
}

int classify_finish(struct classify *c)
{
	if (c->no_text && !c->fail)
		err_warn("%llu record%s without a string at '%s' got no topics",
			 c->no_text, c->no_text == 1 ? "" : "s", expr_source(c->o.text));
	return c->fail ? WIRE_EXIT_DATA : WIRE_EXIT_OK;
}
