/*
 * date_find — finding date expressions in a sentence and normalising them
 * to TIMEX3 values (TempEval-3 conventions) against the article's date.
 *
 * The sentence is cut into tokens once (words, numbers, punctuation, with
 * byte offsets); tense cues are marked on the tokens; then a left-to-right
 * scan tries, at each token, a handful of patterns that each look at a
 * bounded number of tokens, and keeps the longest match. Linear time; one
 * token array per call, nothing allocated per character.
 *
 * The English words below (modifiers, units, tense cues, number words)
 * form closed classes of the grammar of dates, not an extensible
 * dictionary, so they live here rather than in a data file.
 */

#include "date_find_impl.h"

/* The longest pattern at token i (after the modifiers). */
static size_t core(struct ctx *c, size_t i, struct res *r)
{
	size_t (*const fns[])(struct ctx *, size_t, struct res *) = {
		df_p_absolute, df_p_month_day, df_p_month, df_p_weekday, df_p_deictic,
		df_p_unit_rel, df_p_ago, df_p_year_ago_adj, df_p_quarter, df_p_year, df_p_season,
		df_p_anaphor, df_p_duration, df_p_the_unit, df_p_spelled_year, df_p_century,
		df_p_q_code, df_p_time, df_p_set, df_p_holiday,
	};
	size_t best = i, k, e;
	struct res tmp;

	/* The longest match wins; on a tie, the earlier pattern. */
	if (i >= c->n)
		return i;
	for (k = 0; k < sizeof fns / sizeof fns[0]; k++) {
		memset(&tmp, 0, sizeof tmp);
		e = fns[k](c, i, &tmp);
		if (e > best) {
			best = e;
			*r = tmp;
		}
	}
	return best;
}

/* Modifiers: approximately, early/late/mid, the end of ... then a core. */
static size_t match_core(struct ctx *c, size_t i, struct res *r);

/* A match, with a trailing "or so" (APPROX). */
static size_t match(struct ctx *c, size_t i, struct res *r)
{
	size_t e = match_core(c, i, r);

	if (e > i && W(c, e, "or") && W(c, e + 1, "so") && free_after(c, e + 2)) {
		if (!r->mod[0])
			df_put(r->mod, sizeof r->mod, "APPROX");
		e += 2;
	}
	return e;
}

static size_t match_core(struct ctx *c, size_t i, struct res *r)
{
	size_t j = i, e;
	const char *mod = "";

	if (W(c, j, "about") || W(c, j, "around") || W(c, j, "approximately")
	    || W(c, j, "roughly") || W(c, j, "circa") || W(c, j, "nearly")
	    || W(c, j, "almost")) {
		mod = "APPROX";
		j++;
	} else if (W(c, j, "sometime")) {
		j++;
	} else if (((W(c, j, "more") || W(c, j, "less")) && W(c, j + 1, "than"))
		   || (W(c, j, "at") && W(c, j + 1, "least"))) {
		/* kept for durations only; TIMEX3's MORE_THAN, LESS_THAN
		 * do not fit `mod` and are left out */
		e = core(c, j + 2, r);
		if (e > j + 2 && !strcmp(date_value_type(r->value), "DURATION"))
			return e;
		memset(r, 0, sizeof *r);
		return core(c, i, r);
	}
	if (W(c, j, "the") && (W(c, j + 1, "early") || W(c, j + 1, "late")
			       || W(c, j + 1, "mid")))
		j++; /* the early 1990s */
	if ((W(c, j, "earlier") || W(c, j, "later")) && weekday_at(c, j + 1))
		return i; /* "Later Thursday": TimeBank marks the day alone */
	if (W(c, j, "early") || W(c, j, "earlier")) {
		mod = "START";
		j++;
	} else if (W(c, j, "late") || W(c, j, "later")) {
		mod = "END";
		j++;
	} else if (W(c, j, "mid") || W(c, j, "middle")) {
		mod = "MID";
		j++;
		if (dash(c, j) && glued(c, j))
			j++;
		else if (W(c, j, "of"))
			j++;
	} else if ((W(c, j, "end") || W(c, j, "mid")) && dash(c, j + 1)
		   && glued(c, j + 1) && glued(c, j + 2)) {
		mod = W(c, j, "end") ? "END" : "MID"; /* end-2025 */
		j += 2;
	} else if ((W(c, j, "the") && (W(c, j + 1, "end")
				       || W(c, j + 1, "beginning")
				       || W(c, j + 1, "start")
				       || W(c, j + 1, "middle")
				       || W(c, j + 1, "turn"))
		    && W(c, j + 2, "of"))
		   || ((W(c, j, "end") || W(c, j, "beginning")
			|| W(c, j, "start"))
		       && W(c, j + 1, "of"))) {
		if (W(c, j, "the"))
			j++;
		mod = W(c, j, "end") ? "END" : W(c, j, "middle") ? "MID"
		      : W(c, j, "turn") ? "" : "START";
		j += 2;
	}
	if (j > i) {
		/* the modifier is kept only when a date follows */
		c->premod = 1;
		e = core(c, j, r);
		c->premod = 0;
		if (e > j && r->value[0] != 'P') {
			if (!r->mod[0]) {
				r->mod[0] = '\0';
				df_put(r->mod, sizeof r->mod, mod);
			}
			return e;
		}
		if (e > j && !strcmp(mod, "APPROX")) {
			df_put(r->mod, sizeof r->mod, mod);
			return e;
		}
		memset(r, 0, sizeof *r);
		if (W(c, i, "earlier") || W(c, i, "later"))
			return i;
	}
	return core(c, i, r);
}

static int may_start(const struct ctx *c, size_t i)
{
	const struct tok *t = &c->t[i];

	if (t->kind == T_NUM)
		return 1;
	if (t->kind == T_PUNCT)
		return apos(c, i);
	if (t->e - t->b == 1)
		return c->s[t->b] == 'Q' || c->s[t->b] == 'H' || W(c, i, "a");
	return (t->lex & L_START) != 0;
}

static void add(struct date_mentions *out, const struct ctx *c, size_t b,
		size_t e, const struct res *r)
{
	struct date_mention *m;

	if (out->n == out->alloc) {
		out->alloc = out->alloc ? out->alloc * 2 : 8;
		out->v = xrealloc(out->v, out->alloc * sizeof *out->v);
	}
	m = &out->v[out->n++];
	memset(m, 0, sizeof *m);
	m->b = c->t[b].b;
	m->e = c->t[e - 1].e;
	memcpy(m->value, r->value, sizeof m->value);
	m->value[sizeof m->value - 1] = '\0';
	memcpy(m->mod, r->mod, sizeof m->mod);
	m->mod[sizeof m->mod - 1] = '\0';
	m->relative = r->relative;
}

/* A calendar value (2025, 2025-09, 2025-09-24) becomes the reference
 * for anaphoric dates that follow. */
static void set_ref(struct ctx *c, const struct res *r)
{
	struct date_ymd d;
	size_t n = strlen(r->value);

	if (n >= 4 && date_parse(r->value, n, &d) == n)
		c->ref = d;
}

void date_find(const char *text, size_t n, const struct date_ymd *anchor,
	       struct date_mentions *out)
{
	date_find_doc(text, n, anchor, NULL, out);
}

void date_find_doc(const char *text, size_t n, const struct date_ymd *anchor,
		   struct date_doc *doc, struct date_mentions *out)
{
	struct ctx c;
	size_t i, e;
	struct res r;

	out->n = 0;
	if (!text || !n)
		return;
	memset(&c, 0, sizeof c);
	c.s = text;
	c.len = n;
	if (anchor && anchor->y > 0 && anchor->m >= 1 && anchor->m <= 12) {
		c.a = *anchor;
		if (c.a.d < 1 || c.a.d > date_month_days(c.a.y, c.a.m))
			c.a.d = 1;
		c.has_anchor = 1;
	}
	if (doc && doc->quarter >= 1 && doc->quarter <= 4) {
		c.last_q_y = doc->q_year;
		c.last_q = doc->quarter;
	}
	if (doc && date_valid(&doc->ref))
		c.ref = doc->ref;
	df_tokenize(&c);
	df_mark_tense(&c);
	for (i = 0; i < c.n;) {
		if (!may_start(&c, i)) {
			i++;
			continue;
		}
		memset(&r, 0, sizeof r);
		e = match(&c, i, &r);
		if (e > i) {
			if (r.ref_q) {
				c.last_q_y = r.ref_y;
				c.last_q = r.ref_q;
				c.q_here = 1;
			}
			set_ref(&c, &r);
			add(out, &c, i, e, &r);
			if (strlen(r.value) == 10) {
				memcpy(c.last_day, r.value, 11);
				c.last_day_end = e;
			} else {
				c.last_day[0] = '\0';
			}
			i = e;
		} else {
			i++;
		}
	}
	free(c.t);
	if (doc) {
		doc->q_year = c.last_q_y;
		doc->quarter = c.last_q;
		doc->ref = c.ref;
	}
}

void date_mentions_release(struct date_mentions *m)
{
	free(m->v);
	m->v = NULL;
	m->n = m->alloc = 0;
}

const char *date_value_type(const char *value)
{
	if (!value || !value[0])
		return "DATE";
	if (value[0] == 'P' && value[1] != 'A' && value[1] != 'R')
		return "DURATION";
	if (strchr(value, 'T') && value[0] != 'P' && strncmp(value, "FUTURE", 6)
	    && strncmp(value, "PRESENT", 7))
		return "TIME";
	return "DATE";
}
