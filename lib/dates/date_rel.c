/*
 * date_rel — the relative patterns of date_find: deictic words (today,
 * tomorrow), "three weeks ago", "last month", "a year-ago quarter", times
 * of day, anaphors ("the same day"), "the week" and durations
 * (date_find_impl.h).
 */

#include "date_find_impl.h"

/* Words that can follow "the past" when it is a time: "in the past that
 * ...", "in the past and ...". */
const char *const df_clause_words[] = {
	"that", "and", "but", "or", "when", "as", "to", "in", "on", "at",
	"for", "with", "by", "is", "was", "has", "have", "had", "because",
	"it", "he", "she", "they", "we", "i", "the", "a", NULL,
};

/* Nouns after "current" that make a term, not a time: "current account". */
static const char *const not_current[] = {
	"account", "accounts", "affairs", "assets", "liabilities", "events",
	"flow", "flows", NULL,
};

/* today, yesterday, tomorrow, tonight, now, recently, the past, soon,
 * current (before a noun), ... */
size_t df_p_deictic(struct ctx *c, size_t i, struct res *r)
{
	static const struct {
		const char *w;
		const char *v;
	} refs[] = {
		{ "now", "PRESENT_REF" }, { "currently", "PRESENT_REF" },
		{ "nowadays", "PRESENT_REF" }, { "recently", "PAST_REF" },
		{ "lately", "PAST_REF" },
	};
	size_t k;
	long off = 0;
	const char *tod = NULL;
	struct date_ymd d;
	size_t j = i;

	if (W(c, i, "soon") && !(i > 0 && W(c, i - 1, "as"))
	    && !W(c, i + 1, "as") && !W(c, i + 1, "after")
	    && !W(c, i + 1, "afterwards") && !W(c, i + 1, "thereafter")
	    && !W(c, i + 1, "before")) {
		df_set_str(r, "FUTURE_REF"); /* "will soon begin" */
		return i + 1;
	}
	if (W(c, i, "current") && i + 1 < c->n && c->t[i + 1].kind == T_WORD
	    && !Win(c, i + 1, not_current)) {
		df_set_str(r, "PRESENT_REF"); /* "the current weakness" */
		return i + 1;
	}
	if (W(c, i, "right") && W(c, i + 1, "now")) {
		df_set_str(r, "PRESENT_REF");
		return i + 2;
	}
	for (k = 0; k < sizeof refs / sizeof refs[0]; k++)
		if (W(c, i, refs[k].w)) {
			if (W(c, i, "now") && i > 0
			    && W(c, i - 1, "from"))
				return i;
			if (W(c, i, "now") && i == 0 && P(c, i + 1, ','))
				return i; /* "Now, he says": discourse */
			df_set_str(r, refs[k].v);
			return i + 1;
		}
	if (W(c, i, "the") && (W(c, i + 1, "coming") || W(c, i + 1, "upcoming"))
	    && (W(c, i + 2, "time") || W(c, i + 2, "period"))
	    && free_after(c, i + 3) && !W(c, i + 3, "of")) {
		df_set_str(r, "FUTURE_REF"); /* "in the coming time" */
		return i + 3;
	}
	if ((W(c, i, "recent") && W(c, i + 1, "times"))
	    || (W(c, i, "the") && W(c, i + 1, "recent")
		&& W(c, i + 2, "past"))) {
		df_set_str(r, "PAST_REF");
		return i + (W(c, i, "the") ? 3 : 2);
	}
	if (W(c, i, "the") && W(c, i + 1, "new") && W(c, i + 2, "year")
	    && !(c->t[i + 1].flags & F_CAP) && free_after(c, i + 3)
	    && !apos(c, i + 3) && c->has_anchor
	    && (c->a.m >= 10 || c->a.m <= 3)) {
		/* "into the new year": the year about to begin or just begun */
		df_set_ymd(r, c->a.m >= 10 ? c->a.y + 1 : c->a.y, 0, 0);
		return i + 3;
	}
	if (W(c, i, "the") && W(c, i + 1, "week") && W(c, i + 2, "after")
	    && W(c, i + 3, "next") && free_after(c, i + 4) && c->has_anchor) {
		d = c->a; /* "the week after next" */
		date_add_days(&d, 14);
		df_set_week(r, &d);
		return i + 4;
	}
	if (W(c, i, "these") && W(c, i + 1, "days")) {
		df_set_str(r, "PRESENT_REF");
		return i + 2;
	}
	if (W(c, i, "the") && (W(c, i + 1, "near") || W(c, i + 1, "short"))
	    && (W(c, i + 2, "future") || W(c, i + 2, "term"))) {
		df_set_str(r, "FUTURE_REF");
		return i + 3;
	}
	if ((W(c, i, "the") || W(c, i, "at")) && W(c, i + 1, "present")
	    && !(i + 2 < c->n && c->t[i + 2].kind == T_WORD)) {
		df_set_str(r, "PRESENT_REF");
		return i + 2;
	}
	if (W(c, i, "the") && W(c, i + 1, "past")
	    && (i + 2 >= c->n || c->t[i + 2].kind == T_PUNCT
		|| Win(c, i + 2, df_clause_words))) {
		df_set_str(r, "PAST_REF");
		return i + 2;
	}
	if (W(c, i, "the") && W(c, i + 1, "future")
	    && (i + 2 >= c->n || c->t[i + 2].kind == T_PUNCT
		|| Win(c, i + 2, df_clause_words))) {
		df_set_str(r, "FUTURE_REF");
		return i + 2;
	}
	if (W(c, i, "the") && W(c, i + 1, "day")
	    && ((W(c, i + 2, "before") && W(c, i + 3, "yesterday"))
		|| (W(c, i + 2, "after") && W(c, i + 3, "tomorrow")))) {
		off = W(c, i + 2, "before") ? -2 : 2;
		j += 3;
	} else if (W(c, i, "today"))
		off = 0;
	else if (W(c, i, "yesterday"))
		off = -1;
	else if (W(c, i, "tomorrow"))
		off = 1;
	else if (W(c, i, "tonight"))
		tod = "TNI";
	else if (W(c, i, "this") && df_tod_tag(c, i + 1))
		tod = df_tod_tag(c, ++j);
	else if (W(c, i, "last") && W(c, i + 1, "night")) {
		off = -1;
		tod = "TNI";
		j++;
	} else
		return i;
	j++;
	if (!tod && !W(c, i, "tonight") && df_tod_tag(c, j))
		tod = df_tod_tag(c, j++); /* yesterday afternoon */
	r->relative = 1;
	if (!c->has_anchor) {
		df_set_str(r, "");
		return j;
	}
	d = c->a;
	date_add_days(&d, off);
	df_set_ymd(r, d.y, d.m, d.d);
	if (tod)
		df_put(r->value, sizeof r->value, tod);
	return j;
}

/* Sets r to the anchor-relative unit value shifted by `shift` units. */
static int unit_value(struct ctx *c, enum unit u, int shift, struct res *r)
{
	struct date_ymd d = c->a;

	r->relative = 1;
	if (!c->has_anchor) {
		df_set_str(r, "");
		return 1;
	}
	switch (u) {
	case U_DAY:
		date_add_days(&d, shift);
		df_set_ymd(r, d.y, d.m, d.d);
		return 1;
	case U_WEEK:
		date_add_days(&d, 7L * shift);
		df_set_week(r, &d);
		return 1;
	case U_WEEKEND:
		/* the weekend of the anchor's week; "last weekend" before */
		date_add_days(&d, 7L * shift);
		df_set_week(r, &d);
		df_put(r->value, sizeof r->value, "-WE");
		return 1;
	case U_MONTH:
		d.d = 1;
		date_add_months(&d, shift);
		df_set_ymd(r, d.y, d.m, 0);
		return 1;
	case U_QUARTER: {
		long q = (long)d.y * 4 + df_quarter_of(d.m) - 1 + shift;

		df_set_quarter_ref(r, (int)(q / 4), (int)(q % 4) + 1);
		return 1;
	}
	case U_YEAR:
		df_set_ymd(r, d.y + shift, 0, 0);
		return 1;
	case U_DECADE:
		r->value[0] = '\0';
		df_put_int(r->value, sizeof r->value, (d.y + 10 * shift) / 10, 3);
		return 1;
	case U_CENTURY:
		r->value[0] = '\0';
		df_put_int(r->value, sizeof r->value, (d.y + 100 * shift) / 100, 2);
		return 1;
	default:
		return 0;
	}
}

/* this|last|next|the coming|the current ... week|month|year|quarter|
 * weekend|season; "the quarter"; "the weekend". */
size_t df_p_unit_rel(struct ctx *c, size_t i, struct res *r)
{
	size_t j = i;
	int shift, pl = 0, s;
	enum unit u;

	if (W(c, j, "this") && W(c, j + 1, "past")) {
		shift = -1;
		j++;
	} else if (W(c, j, "this") || W(c, j, "current"))
		shift = 0;
	else if ((W(c, j, "last") || W(c, j, "previous"))
		 && !(j > 0 && W(c, j - 1, "the") && W(c, j + 2, "of")))
		shift = -1; /* not "the last quarter of the match" */
	else if (W(c, j, "next") || W(c, j, "coming"))
		shift = 1;
	else if (W(c, j, "the") && (W(c, j + 1, "current")
				     || W(c, j + 1, "latest")
				     || W(c, j + 1, "previous")
				     || W(c, j + 1, "past")
				     || W(c, j + 1, "coming")
				     || W(c, j + 1, "next"))) {
		j++;
		shift = W(c, j, "current") ? 0
			: W(c, j, "coming") || W(c, j, "next") ? 1
			: W(c, j, "latest") ? 2 : -1;
	} else if (W(c, j, "the") && (W(c, j + 1, "quarter")
				      || W(c, j + 1, "weekend"))) {
		shift = 2;
	} else {
		return i;
	}
	j++;
	if ((W(c, j, "fiscal") || W(c, j, "financial") || W(c, j, "calendar"))
	    && (W(c, j + 1, "year") || W(c, j + 1, "quarter")))
		j++; /* "this fiscal year" */
	if ((s = df_season_at(c, j))) {
		int y, am, as;

		if (!free_after(c, j + 1))
			return i;
		r->relative = 1;
		if (!c->has_anchor) {
			df_set_str(r, "");
			return j + 1;
		}
		y = c->a.y;
		am = c->a.m;
		as = df_season_of(am);
		if (shift < 0 || shift == 1) {
			/* seasons counted from the one the anchor is in
			 * (January's winter began the December before):
			 * "last fall" in February 1998 is 1997-FA */
			long cur = (long)(am <= 2 ? y - 1 : y) * 4 + as - 1;
			long idx = cur + (shift < 0 ? -1 : 1);

			while (idx % 4 != s - 1)
				idx += shift < 0 ? -1 : 1;
			y = (int)(idx / 4);
		}
		if (s == 4 && am <= 2 && shift == 0)
			y--; /* winter of the previous December */
		df_set_tagged(r, y, df_season_tags[s], -1, 0);
		return j + 1;
	}
	if (shift == 2 && W(c, j, "period") && W(c, j - 1, "latest")
	    && c->last_q && free_after(c, j + 1)) {
		/* "the latest period" of a report on a quarter */
		r->relative = 1;
		df_set_quarter(r, c->last_q_y, c->last_q);
		return j + 1;
	}
	u = df_unit_at(c, j, &pl);
	if (u == U_NONE || pl || u == U_HOUR || u == U_MINUTE
	    || u == U_SECOND)
		return i;
	if (!free_after(c, j + 1)
	    || (dash(c, j + 1) && glued(c, j + 1) && glued(c, j + 2)
		&& c->t[j + 2].kind == T_WORD))
		return i; /* "the quarter-finals" */
	if (shift == 2) {
		/* "the latest quarter", "the quarter": the last quarter
		 * begun at least a month and a half ago */
		if (u == U_QUARTER && c->has_anchor
		    && (W(c, j + 1, "ended") || W(c, j + 1, "ending"))) {
			/* "the quarter ended June 30": the quarter of that
			 * day (the day itself is a mention of its own) */
			struct res day;
			struct date_ymd d;

			memset(&day, 0, sizeof day);
			if (df_p_month_day(c, j + 2, &day) > j + 2
			    && strlen(day.value) == 10
			    && date_parse(day.value, 10, &d) == 10) {
				r->relative = 1;
				df_set_quarter_ref(r, d.y, df_quarter_of(d.m));
				return j + 1;
			}
		}
		if (u == U_QUARTER && c->has_anchor) {
			struct date_ymd d = c->a;

			date_add_days(&d, -45);
			r->relative = 1;
			df_set_quarter_ref(r, d.y, df_quarter_of(d.m));
			return j + 1;
		}
		if (u == U_WEEKEND) {
			int tense = df_tense_for(c, i, j + 1);

			unit_value(c, U_WEEKEND, tense < 0 && c->has_anchor
				   && date_weekday(&c->a) < 6 ? -1 : 0, r);
			return j + 1;
		}
		return i;
	}
	if (W(c, i, "the") && shift < 0 && W(c, i + 1, "past"))
		return i; /* "the past year" is a duration */
	if (u == U_DAY)
		return i; /* "this day" */
	if (u == U_YEAR && shift == -1 && c->last_q && c->q_here) {
		/* "third-quarter profit ... from last year": that quarter */
		r->relative = 1;
		df_set_quarter(r, c->last_q_y - 1, c->last_q);
		return j + 1;
	}
	unit_value(c, u, shift, r);
	return j + 1;
}

/* N units ago|earlier|before|later|from now; "a year ago" */
size_t df_p_ago(struct ctx *c, size_t i, struct res *r)
{
	long v;
	size_t j = df_count_at(c, i, &v, 1), k;
	enum unit u;
	int pl = 0, dir;
	struct date_ymd d;

	if (j == i && df_unit_at(c, i, &pl) != U_NONE && pl
	    && W(c, i + 1, "ago")) {
		df_set_str(r, "PAST_REF"); /* months ago */
		return i + 2;
	}
	if (j == i)
		return i;
	u = df_unit_at(c, j, &pl);
	if (u == U_NONE || u == U_WEEKEND)
		return i;
	k = j + 1;
	if (W(c, k, "ago") || W(c, k, "earlier") || W(c, k, "before"))
		dir = -1;
	else if (W(c, k, "hence") || (W(c, k, "from") && W(c, k + 1, "now")))
		dir = 1;
	else
		return i;
	if (W(c, k, "before") && !(k + 1 >= c->n
				   || c->t[k + 1].kind == T_PUNCT))
		return i; /* "two days before the vote": a signal */
	k += W(c, k, "from") ? 2 : 1;
	r->relative = 1;
	if (!c->has_anchor) {
		df_set_str(r, "");
		return k;
	}
	if (v < 0) {
		df_set_str(r, dir < 0 ? "PAST_REF" : "FUTURE_REF");
		return k;
	}
	if (u == U_HOUR || u == U_MINUTE || u == U_SECOND) {
		d = c->a;
		df_set_ymd(r, d.y, d.m, d.d);
		return k;
	}
	if (u == U_YEAR && c->last_q && v == 1) {
		df_set_quarter(r, c->last_q_y - 1, c->last_q);
		return k;
	}
	unit_value(c, u, (int)(dir * v), r);
	return k;
}

/* year-earlier, year-ago (adjectives): the previous year, or the same
 * quarter a year before when the sentence speaks of a quarter */
size_t df_p_year_ago_adj(struct ctx *c, size_t i, struct res *r)
{
	size_t j = i;
	int q = 0;

	if (W(c, j, "the"))
		j++;
	if (!(W(c, j, "year") && dash(c, j + 1) && glued(c, j + 1)
	      && glued(c, j + 2)
	      && (W(c, j + 2, "earlier") || W(c, j + 2, "ago"))))
		return i;
	j += 3;
	if (W(c, j, "quarter") || W(c, j, "period")) {
		q = W(c, j, "quarter");
		j++;
	} else if (W(c, i, "the")) {
		return i;
	}
	r->relative = 1;
	if (!c->has_anchor) {
		df_set_str(r, "");
		return j;
	}
	if (c->last_q)
		df_set_quarter(r, c->last_q_y - 1, c->last_q);
	else if (q) {
		struct date_ymd d = c->a;

		date_add_days(&d, -45);
		df_set_quarter(r, d.y - 1, df_quarter_of(d.m));
	} else
		df_set_ymd(r, c->a.y - 1, 0, 0);
	return j;
}

/* a.m., p.m., am, pm at i: returns the end and sets *pm, or i. */
static size_t ampm_at(const struct ctx *c, size_t i, int *pm)
{
	if (W(c, i, "am") || W(c, i, "pm")) {
		*pm = W(c, i, "pm");
		return i + 1;
	}
	if ((W(c, i, "a") || W(c, i, "p")) && P(c, i + 1, '.')
	    && glued(c, i + 1) && W(c, i + 2, "m") && glued(c, i + 2)) {
		*pm = W(c, i, "p");
		return P(c, i + 3, '.') && glued(c, i + 3) ? i + 4 : i + 3;
	}
	return i;
}

/* Times of day: "10 a.m.", "10:30 pm", "at 14:00", "noon", "midnight",
 * optionally followed by the day: "10 p.m. Wednesday", "noon today".
 * Value: the day (the anchor by default) + "T10:00". */
size_t df_p_time(struct ctx *c, size_t i, struct res *r)
{
	size_t j = i, e;
	int h, mi = 0, pm = 0, has_min = 0;
	struct res day;

	if (W(c, j, "noon") || W(c, j, "midday") || W(c, j, "midnight")) {
		h = W(c, j, "midnight") ? 24 : 12;
		j++;
	} else {
		if (!num(c, j) || c->t[j].ndig > 2 || c->t[j].num > 24)
			return i;
		h = (int)c->t[j].num;
		j++;
		if (P(c, j, ':') && glued(c, j) && glued(c, j + 1)
		    && num(c, j + 1) && c->t[j + 1].ndig == 2
		    && c->t[j + 1].num < 60) {
			mi = (int)c->t[j + 1].num;
			has_min = 1;
			j += 2;
		}
		e = ampm_at(c, j, &pm);
		if (e > j) {
			if (h < 1 || h > 12)
				return i;
			h = h % 12 + (pm ? 12 : 0);
			j = e;
		} else if (!has_min || h > 23
			   || !(i > 0 && (W(c, i - 1, "at") || W(c, i - 1, "by")
					  || W(c, i - 1, "until")
					  || W(c, i - 1, "from")))) {
			return i; /* "3:2", "10:30" alone: no time */
		}
	}
	if (!free_after(c, j))
		return i;
	/* a time zone: EST, GMT, UTC, EDT (kept out of the value) */
	if (j < c->n && df_all_caps(c, j) && c->t[j].e - c->t[j].b <= 4
	    && (c->s[c->t[j].e - 1] == 'T' || W(c, j, "utc")))
		j++;
	memset(&day, 0, sizeof day);
	e = j;
	/* "10 p.m., Monday", "at noon on Wednesday", "10 p.m. on March 3" */
	if ((P(c, j, ',') && (weekday_at(c, j + 1) || month_at(c, j + 1)))
	    || (W(c, j, "on") && (weekday_at(c, j + 1) || month_at(c, j + 1)
				  || num(c, j + 1)))) {
		e = df_p_weekday(c, j + 1, &day);
		if (e == j + 1)
			e = df_p_month_day(c, j + 1, &day);
		if (e > j + 1 && strlen(day.value) == 10)
			j++;
		else
			e = j;
	}
	if (e == j && j < c->n) {
		e = df_p_weekday(c, j, &day);
		if (e == j)
			e = df_p_deictic(c, j, &day);
		if (e == j)
			e = df_p_month_day(c, j, &day);
		if (e > j && strlen(day.value) != 10)
			e = j; /* not a plain day */
	}
	r->relative = 1;
	if (e > j) {
		df_set_str(r, day.value);
		r->relative = day.relative;
		j = e;
	} else if (c->last_day[0] && i >= 1 && c->last_day_end == i - 1
		   && (W(c, i - 1, "at") || W(c, i - 1, "around")
		       || W(c, i - 1, "by"))) {
		df_set_str(r, c->last_day); /* "on Wednesday at 10 p.m." */
	} else if (c->has_anchor) {
		df_set_ymd(r, c->a.y, c->a.m, c->a.d);
	} else {
		df_set_str(r, "");
		return j;
	}
	df_put(r->value, sizeof r->value, "T");
	df_put_int(r->value, sizeof r->value, h, 2);
	df_put(r->value, sizeof r->value, ":");
	df_put_int(r->value, sizeof r->value, mi, 2);
	return j;
}

/* Anaphoric dates, resolved against the date last named in the article
 * (the reference time), not the article's date: "that year", "the same
 * day", "the following year", "the previous month", "the next day",
 * "the day before". Without a reference the value is empty. */
size_t df_p_anaphor(struct ctx *c, size_t i, struct res *r)
{
	size_t j = i, k;
	int shift = 0, have_shift = 0;
	enum unit u;
	struct date_ymd d = c->ref;

	if (W(c, j, "that") && W(c, j + 1, "same"))
		j += 2;
	else if (W(c, j, "that"))
		j++;
	else if (W(c, j, "the") && W(c, j + 1, "same"))
		j += 2;
	else if (W(c, j, "the") && (W(c, j + 1, "following")
				     || W(c, j + 1, "previous")
				     || (W(c, j + 1, "next") && W(c, j + 2, "day")))) {
		shift = W(c, j + 1, "previous") ? -1 : 1;
		have_shift = 1;
		j += 2;
	} else if (W(c, j, "the")) {
		j++; /* "the day before", "the year after" */
		if (!(W(c, j + 1, "before") || W(c, j + 1, "after")))
			return i;
	} else {
		return i;
	}
	u = df_unit_at(c, j, NULL);
	if (u != U_DAY && u != U_MONTH && u != U_YEAR && u != U_WEEK)
		return i;
	if (W(c, j, "days") || W(c, j, "months") || W(c, j, "years")
	    || W(c, j, "weeks"))
		return i;
	k = j + 1;
	if (!have_shift && W(c, i, "the") && !W(c, i + 1, "same")) {
		shift = W(c, k, "before") ? -1 : 1;
		k++;
		if (k < c->n && c->t[k].kind == T_WORD && !W(c, k, "and")
		    && !W(c, k, "but") && !W(c, k, "or"))
			return i; /* "the day before the vote": a signal */
	}
	if (!free_after(c, k))
		return i;
	r->relative = 1;
	if (!c->ref.y && c->has_anchor)
		d = c->a;
	else if (!c->ref.y) {
		df_set_str(r, "");
		return k;
	}
	switch (u) {
	case U_DAY:
		if (!d.d)
			df_set_str(r, "");
		else {
			date_add_days(&d, shift);
			df_set_ymd(r, d.y, d.m, d.d);
		}
		break;
	case U_WEEK:
		if (!d.d)
			df_set_str(r, "");
		else {
			date_add_days(&d, 7L * shift);
			df_set_week(r, &d);
		}
		break;
	case U_MONTH:
		if (!d.m)
			df_set_str(r, "");
		else {
			if (!d.d)
				d.d = 1;
			date_add_months(&d, shift);
			df_set_ymd(r, d.y, d.m, 0);
		}
		break;
	default:
		df_set_ymd(r, d.y + shift, 0, 0);
		break;
	}
	return k;
}

/* "the year", "the full year", "the fiscal year", "the month": the
 * anchor's year or month. */
size_t df_p_the_unit(struct ctx *c, size_t i, struct res *r)
{
	size_t j = i + 1;
	int month;

	if (!W(c, i, "the"))
		return i;
	if (W(c, j, "decade") && c->premod && free_after(c, j + 1)) {
		/* "the end of the decade": the anchor's */
		r->relative = 1;
		if (!c->has_anchor)
			df_set_str(r, "");
		else
			unit_value(c, U_DECADE, 0, r);
		return j + 1;
	}
	if (W(c, j, "full") || W(c, j, "fiscal"))
		j++;
	else if (W(c, j, "current") && W(c, j + 1, "fiscal"))
		j += 2;
	month = W(c, j, "month") && j == i + 1;
	if (!month && !W(c, j, "year"))
		return i;
	j++;
	if (!free_after(c, j) || apos(c, j) || dash(c, j))
		return i;
	if (!month && (W(c, j, "ended") || W(c, j, "ending"))) {
		/* "the year ended June 30": a twelve-month period */
		df_set_str(r, "P1Y");
		return j;
	}
	r->relative = 1;
	if (!c->has_anchor) {
		df_set_str(r, "");
		return j;
	}
	df_set_ymd(r, c->a.y, month ? c->a.m : 0, 0);
	return j;
}

/* Writes the TIMEX3 duration of v units u into r (v < 0: an unknown
 * number, "PXY"); 0 for a unit that makes no duration. */
static int put_duration(struct res *r, enum unit u, long v)
{
	const char *code;

	switch (u) {
	case U_DAY: code = "D"; break;
	case U_WEEK: code = "W"; break;
	case U_MONTH: code = "M"; break;
	case U_QUARTER: code = "Q"; break;
	case U_YEAR: code = "Y"; break;
	case U_DECADE: code = v < 0 || v == 1 ? "E" : "Y"; break; /* P1E, P20Y */
	case U_CENTURY: code = v < 0 ? "CE" : "Y"; break; /* P100Y */
	case U_HOUR: code = "H"; break;
	case U_MINUTE: code = "M"; break;
	case U_SECOND: code = "S"; break;
	case U_WEEKEND: code = "WE"; break;
	default: return 0;
	}
	df_set_str(r, u >= U_HOUR && u <= U_SECOND ? "PT" : "P");
	if (v < 0)
		df_put(r->value, sizeof r->value, "X");
	else
		df_put_int(r->value, sizeof r->value,
			u == U_DECADE && v > 1 ? 10 * v
			: u == U_CENTURY ? 100 * v : v,
			0);
	df_put(r->value, sizeof r->value, code);
	return 1;
}

/* "1/2" at i, after a count: the tokens 1, /, 2 glued together. */
static int half_at(const struct ctx *c, size_t i)
{
	return num(c, i) && c->t[i].num == 1 && P(c, i + 1, '/')
	       && glued(c, i + 1) && glued(c, i + 2) && num(c, i + 2)
	       && c->t[i + 2].num == 2 && c->t[i + 2].ndig == 1
	       && free_after(c, i + 3);
}

/* Writes v and a half units u as a TIMEX3 duration ("P2Y6M", "PT5H30M",
 * "P3DT12H", "P1M15D"); 0 for units without a plain half. */
static int put_half(struct res *r, enum unit u, long v)
{
	const char *half;

	switch (u) {
	case U_YEAR: half = "Y6M"; break;
	case U_MONTH: half = "M15D"; break;
	case U_DAY: half = "DT12H"; break;
	case U_HOUR: half = "H30M"; break;
	case U_MINUTE: half = "M30S"; break;
	default: return 0;
	}
	df_set_str(r, u >= U_HOUR ? "PT" : "P");
	df_put_int(r->value, sizeof r->value, v, 0);
	df_put(r->value, sizeof r->value, half);
	return 1;
}

/* Token i is the noun after "five year" in "a five year low", "a two day
 * rally": a singular unit after a count modifies it as "five-year" does. */
static int unit_modifier(const struct ctx *c, size_t i)
{
	static const char *const not_nouns[] = {
		"ago", "old", "later", "earlier", "before", "after", "from",
		"and", "or", "of", "in", "on", "at", "to", "for", "by", "since",
		"the", "a", "an", NULL,
	};

	return i < c->n && c->t[i].kind == T_WORD && glued(c, i) == 0
	       && !(c->t[i].flags & F_CAP) && !Win(c, i, not_nouns);
}

/* An amount ends just before token i: "$2 million", "358,000", "four
 * flights", "700 seats" (a number, a number word, or either and a noun). */
static int amount_before(const struct ctx *c, size_t i)
{
	static const char *const scale[] = {
		"hundred", "thousand", "million", "billion", "trillion",
		"percent", "cents", "dollars", "times", NULL,
	};
	size_t p;

	if (i == 0)
		return 0;
	p = i - 1;
	if (c->t[p].kind == T_NUM || Win(c, p, scale) || P(c, p, '%'))
		return 1;
	return p > 0 && c->t[p].kind == T_WORD && !(c->t[p].flags & F_CAP)
	       && (c->t[p - 1].kind == T_NUM || Win(c, p - 1, df_ones)
		   || Win(c, p - 1, df_tens) || Win(c, p - 1, scale));
}

/* Durations: N units, N-unit, the past N units, several years. */
size_t df_p_duration(struct ctx *c, size_t i, struct res *r)
{
	size_t j = i, k;
	long v;
	enum unit u;
	int pl = 0, straight = 0;

	if (W(c, j + 2, "ahead") && W(c, j, "the")
	    && (u = df_unit_at(c, j + 1, &pl)) != U_NONE && pl
	    && free_after(c, j + 3)
	    && put_duration(r, u, -1))
		return j + 3; /* "the weeks ahead": PXW, as TimeBank has it */
	if (W(c, j, "the") && (W(c, j + 1, "future") || W(c, j + 1, "coming"))
	    && df_unit_at(c, j + 2, &pl) != U_NONE && pl && free_after(c, j + 3)) {
		df_set_str(r, "FUTURE_REF"); /* the coming weeks */
		return j + 3;
	}
	if (W(c, j, "the") && (W(c, j + 1, "past") || W(c, j + 1, "last")
			       || W(c, j + 1, "next")
			       || W(c, j + 1, "previous")
			       || W(c, j + 1, "coming")
			       || W(c, j + 1, "first")))
		j += 2;
	else if (W(c, j, "the") && W(c, j + 1, "latest")
		 && df_count_at(c, j + 2, &v, 0) > j + 2 && v > 0)
		j += 2; /* the latest nine months */
	else if (W(c, j, "the") && df_count_at(c, j + 1, &v, 0) > j + 1 && v > 0)
		j++; /* the nine months */
	else if (W(c, j, "the"))
		return i;
	else if ((W(c, j, "future") || W(c, j, "coming"))
		 && df_unit_at(c, j + 1, &pl) != U_NONE && pl
		 && free_after(c, j + 2)) {
		df_set_str(r, "FUTURE_REF"); /* future quarters */
		return j + 2;
	}
	if (j == i && W(c, j, "another")) {
		/* "another decade", "another two years" */
		j++;
		k = df_count_at(c, j, &v, 0);
		if (k == j && df_unit_at(c, j, &pl) != U_NONE && !pl)
			v = 1;
		else if (k == j || v < 2)
			return i;
		u = df_unit_at(c, k, &pl);
		if (u == U_NONE || u == U_WEEKEND || (v == 1) == pl
		    || !free_after(c, k + 1) || dash(c, k + 1))
			return i;
		return put_duration(r, u, v) ? k + 1 : i;
	}
	k = df_count_at(c, j, &v, 1);
	if (k == j && j > i && W(c, j - 1, "the"))
		return i;
	if (k == j + 1 && j == i && (W(c, j, "a") || W(c, j, "an"))
	    && amount_before(c, i))
		return i; /* "$2 million a year", "four flights a week": rates */
	if (k > j && (W(c, j, "a") || W(c, j, "an")) && j > 0
	    && (W(c, j - 1, "once") || W(c, j - 1, "twice")
		|| W(c, j - 1, "thrice") || W(c, j - 1, "times")))
		return i; /* "twice a year" is a frequency (TIMEX3 SET) */
	if (k == j) {
		/* "the past year"; "for years" */
		if (j == i + 2 && !W(c, i + 1, "first")
		    && (u = df_unit_at(c, j, &pl)) != U_NONE && !pl
		    && !(u == U_QUARTER && W(c, j + 1, "of"))) {
			v = 1;
			k = j;
		} else if (j == i && (u = df_unit_at(c, j, &pl)) != U_NONE && pl
			   && u != U_HOUR && u != U_MINUTE && u != U_SECOND
			   && u != U_QUARTER && u != U_WEEKEND
			   && !(i > 0 && (c->t[i - 1].kind == T_NUM
					  || Win(c, i - 1, df_ones)
					  || Win(c, i - 1, df_tens)))) {
			v = -1;
			k = j;
		} else {
			return i;
		}
	}
	if (k > j && v > 1 && (W(c, k, "straight") || W(c, k, "consecutive")
			       || W(c, k, "successive"))
	    && df_unit_at(c, k + 1, &pl) != U_NONE && pl) {
		k++; /* "three straight years" */
		straight = 1;
	}
	else if (k > j && v > 0 && (W(c, k, "more") || W(c, k, "additional")
			       || W(c, k, "further"))
	    && df_unit_at(c, k + 1, &pl) != U_NONE && (pl || v == 1))
		k++; /* "20 more years", "two further weeks" */
	else if (k > j && v > 0 && c->t[k - 1].kind == T_NUM && half_at(c, k)
		 && df_unit_at(c, k + 3, &pl) != U_NONE && pl) {
		/* "2 1/2 years": the half in the next smaller unit */
		u = df_unit_at(c, k + 3, &pl);
		if (put_half(r, u, v))
			return k + 4;
		return i;
	}
	if (k > j && v > 0 && (W(c, k, "trading") || W(c, k, "business")
			       || W(c, k, "working"))
	    && df_unit_at(c, k + 1, &pl) == U_DAY)
		k++; /* "three trading days" */
	if (k > j && dash(c, k) && glued(c, k) && glued(c, k + 1))
		k++; /* two-year */
	else if (k > j && c->t[k - 1].kind == T_NUM && glued(c, k)
		 && c->t[k].kind == T_WORD)
		return i;
	u = df_unit_at(c, k, &pl);
	if (u == U_NONE)
		return i;
	if (v == 1 && pl)
		return i;
	if (u == U_SECOND && !pl && k + 1 < c->n && c->t[k + 1].kind == T_WORD
	    && !Win(c, k + 1, df_clause_words))
		return i; /* "a second attack": the ordinal */
	if (u == U_QUARTER && j == i && !straight)
		return i; /* "a quarter of", "three-quarters": fractions */
	if (v > 1 && !pl && !dash(c, k - 1) && !unit_modifier(c, k + 1))
		return i;
	if (W(c, k + 1, "old") || (dash(c, k + 1) && W(c, k + 2, "old")))
		return i; /* ages are not durations */
	if (dash(c, k + 1) && glued(c, k + 1))
		return i; /* "a year-earlier" */
	if (v < 0 && j == i && i > 0 && (W(c, i - 1, "future")
					 || W(c, i - 1, "coming")))
		return i; /* FUTURE_REF from the adjective, above */
	if (v < 0 && W(c, j, "recent") && put_duration(r, u, -1))
		return k + 1; /* "in recent years": PXY, as TimeBank has it */
	if (v < 0 && ((j == i + 2 && (W(c, i + 1, "past")
					 || W(c, i + 1, "last")
					 || W(c, i + 1, "previous"))))) {
		df_set_str(r, "PAST_REF"); /* the past few months */
		return k + 1;
	}
	return put_duration(r, u, v) ? k + 1 : i;
}

/* Frequencies (TIMEX3 SET): "daily", "hourly", "every day", "each month"
 * → P1D, PT1H, P1M; "every Thursday" → XXXX-WXX-4; "each July" → XXXX-07.
 * ("annually" is left out: in news it more often goes with an amount than
 * with a time.) */
size_t df_p_set(struct ctx *c, size_t i, struct res *r)
{
	static const struct {
		const char *w;
		const char *v;
	} adverbs[] = {
		{ "daily", "P1D" }, { "hourly", "PT1H" }, { "weekly", "P1W" },
		{ "monthly", "P1M" },
	};
	size_t k;
	int pl = 0, m;
	enum unit u;

	for (k = 0; k < sizeof adverbs / sizeof adverbs[0]; k++)
		if (W(c, i, adverbs[k].w) && !(c->t[i].flags & F_CAP)
		    && !(i > 0 && W(c, i - 1, "average"))) {
			df_set_str(r, adverbs[k].v);
			return i + 1;
		}
	if (!W(c, i, "every") && !W(c, i, "each"))
		return i;
	if ((m = weekday_at(c, i + 1))) {
		df_set_str(r, "XXXX-WXX-");
		df_put_int(r->value, sizeof r->value, m, 1);
		return i + 2;
	}
	{
		static const char *const parts[] = { "morning", "afternoon",
			"evening", "night", NULL };
		static const char *const tags[] = { "MO", "AF", "EV", "NI" };

		if ((m = Win(c, i + 1, parts)) && free_after(c, i + 2)
		    && !W(c, i + 2, "of")) {
			df_set_str(r, "XXXX-XX-XXT"); /* every night */
			df_put(r->value, sizeof r->value, tags[m - 1]);
			return i + 2;
		}
	}
	if ((m = df_season_at(c, i + 1)) && free_after(c, i + 2)
	    && !W(c, i + 2, "of")) {
		df_set_str(r, "XXXX-"); /* every spring */
		df_put(r->value, sizeof r->value, df_season_tags[m]);
		return i + 2;
	}
	if ((m = month_at(c, i + 1)) && (c->t[i + 1].flags & F_CAP)
	    && free_after(c, i + 2) && !num(c, i + 2)) {
		df_set_ymd(r, 0, m, 0);
		return i + 2;
	}
	u = df_unit_at(c, i + 1, &pl);
	if (pl || !free_after(c, i + 2))
		return i;
	if (W(c, i + 2, "of") || W(c, i + 2, "that"))
		return i; /* "each day of the trial": a set of days, counted */
	if (put_duration(r, u, 1) && u != U_WEEKEND)
		return i + 2;
	r->value[0] = '\0';
	return i;
}

