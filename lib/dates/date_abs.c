/*
 * date_abs — the calendar patterns of date_find: absolute dates, months
 * and days, weekdays, quarters, years, seasons, quarter codes, centuries
 * and spelled-out years (date_find_impl.h).
 */

#include "date_find_impl.h"

/* A quarter derived from another ("a year ago" → that quarter of the
 * year before). */
void df_set_quarter(struct res *r, int y, int q)
{
	df_set_tagged(r, y, "Q", q, 1);
	r->quarter = 1;
}

/* A quarter named by the text: later "a year ago" refers to it. */
void df_set_quarter_ref(struct res *r, int y, int q)
{
	df_set_quarter(r, y, q);
	r->ref_y = y;
	r->ref_q = q;
}

/* A day number 1..31 at i, with an optional glued ordinal suffix; returns
 * the end or i. */
static size_t day_at(const struct ctx *c, size_t i, int *d)
{
	if (!num(c, i) || c->t[i].ndig > 2 || c->t[i].num < 1
	    || c->t[i].num > 31)
		return i;
	*d = (int)c->t[i].num;
	if (glued(c, i + 1) && (W(c, i + 1, "st") || W(c, i + 1, "nd")
				|| W(c, i + 1, "rd") || W(c, i + 1, "th")))
		return i + 2;
	if (glued(c, i + 1) && c->t[i + 1].kind == T_WORD)
		return i; /* "5km" */
	return i + 1;
}

/* A month word at i, with its abbreviation dot. "May" and "March" must be
 * capitalised; abbreviations too. */
static size_t month_word_at(const struct ctx *c, size_t i, int *m)
{
	size_t l;

	*m = month_at(c, i);
	if (!*m)
		return i;
	l = c->t[i].e - c->t[i].b;
	if ((l < 5 || *m == 3) && !(c->t[i].flags & F_CAP))
		return i;
	if (l <= 4 && *m != 5 && *m != 6 && *m != 7 && P(c, i + 1, '.')
	    && glued(c, i + 1))
		return i + 2;
	if (l <= 4 && W(c, i, "sept") && P(c, i + 1, '.'))
		return i + 2;
	return i + 1;
}

/* Absolute dates via date_parse: maps its byte length back to tokens. */
size_t df_p_absolute(struct ctx *c, size_t i, struct res *r)
{
	struct date_ymd d;
	size_t used, end, j;

	if (c->t[i].kind != T_NUM && c->t[i].kind != T_WORD)
		return i;
	if (c->t[i].kind == T_WORD && !month_at(c, i) && !weekday_at(c, i))
		return i;
	used = date_parse(c->s + c->t[i].b, c->len - c->t[i].b, &d);
	if (!used || d.m == 0)
		return i;
	if (d.d == 0 && c->t[i].kind == T_NUM && d.m == (d.y + 1) % 100)
		return i; /* "the 2011-12 season": a range, not December */
	end = c->t[i].b + used;
	for (j = i; j < c->n && c->t[j].e <= end; j++)
		;
	if (j == i || c->t[j - 1].e != end)
		return i;
	df_set_ymd(r, d.y, d.m, d.d);
	return j;
}

/* [Weekday[,]] Month Day | [the] Day[th] [of] Month — the year from the
 * anchor and the tense. */
/* "to" or "and" at j joining two days, after "from" or "between" */
static int range_word(const struct ctx *c, size_t i, size_t j)
{
	if (i == 0)
		return 0;
	return (W(c, i - 1, "from") && (W(c, j, "to") || W(c, j, "until")
					 || W(c, j, "till")))
	       || (W(c, i - 1, "between") && W(c, j, "and"));
}

/* The year of day m-d named without one over tokens [b, e): the anchor's,
 * unless the date then lies more than a few weeks off in the wrong
 * direction for the tense (60 days; 183 without a tense cue): then the
 * neighbouring year. */
static int year_for_day(const struct ctx *c, size_t b, size_t e, int m, int d)
{
	int tense = df_tense_for(c, b, e), y = c->a.y;
	struct date_ymd dd, lo = c->a;

	dd.y = y;
	dd.m = m;
	dd.d = d > date_month_days(y, m) ? date_month_days(y, m) : d;
	if (tense < 0 && date_to_days(&dd) - date_to_days(&lo) > 60)
		y--;
	else if (tense > 0 && date_to_days(&lo) - date_to_days(&dd) > 60)
		y++;
	else if (!tense && date_to_days(&dd) - date_to_days(&lo) > 183)
		y--;
	else if (!tense && date_to_days(&lo) - date_to_days(&dd) > 183)
		y++;
	return y;
}

size_t df_p_month_day(struct ctx *c, size_t i, struct res *r)
{
	size_t j = i, k, e;
	int m = 0, d = 0, d2 = 0, y = 0;
	struct date_ymd last;

	if (num(c, i) && c->t[i].ndig <= 2 && c->last_day[0] && i >= 1
	    && c->last_day_end == i - 1 && (W(c, i - 1, "and")
					    || W(c, i - 1, "or"))
	    && (i + 1 >= c->n || (c->t[i + 1].kind == T_PUNCT
				  && !dash(c, i + 1) && !P(c, i + 1, '%')))
	    && date_parse(c->last_day, 10, &last) == 10
	    && c->t[i].num > last.d
	    && c->t[i].num <= date_month_days(last.y, last.m)) {
		/* "April 24 and 25": a second day of the same month */
		df_set_ymd(r, last.y, last.m, (int)c->t[i].num);
		r->relative = 1;
		return i + 1;
	}
	if (weekday_at(c, j)) {
		j++;
		if (P(c, j, ','))
			j++;
	}
	if ((k = month_word_at(c, j, &m)) > j) {
		e = day_at(c, k, &d);
		if (e == k)
			return i;
		j = e;
		/* September 24-25, (from) September 24 to 26 */
		if (dash(c, j) && glued(c, j + 1) && day_at(c, j + 1, &d2) > j + 1)
			j = day_at(c, j + 1, &d2);
		else if (range_word(c, i, j) && day_at(c, j + 1, &d2) > j + 1
			 && !month_at(c, day_at(c, j + 1, &d2)))
			j = day_at(c, j + 1, &d2);
		else
			d2 = 0;
	} else {
		e = day_at(c, j, &d);
		if (e == j)
			return i;
		/* 24-25 September, (from) 24 to 26 September */
		if (dash(c, e) && glued(c, e + 1) && day_at(c, e + 1, &d2) > e + 1)
			e = day_at(c, e + 1, &d2);
		else if (range_word(c, i, e) && day_at(c, e + 1, &d2) > e + 1)
			e = day_at(c, e + 1, &d2);
		else
			d2 = 0;
		if (W(c, e, "of"))
			e++;
		k = month_word_at(c, e, &m);
		if (k == e)
			return i;
		j = k;
	}
	if (d2 && d2 <= d)
		return i;
	/* an explicit year after a range: "24-25 September, 2025" */
	if (d2 && P(c, j, ',') && df_year_tok(c, j + 1) && free_after(c, j + 2)) {
		y = (int)c->t[j + 1].num;
		j += 2;
	} else if (d2 && df_year_tok(c, j) && free_after(c, j + 1)) {
		y = (int)c->t[j].num;
		j++;
	}
	if (!free_after(c, j) || P(c, j, '%'))
		return i;
	if (!y) {
		r->relative = 1;
		if (!c->has_anchor) {
			df_set_ymd(r, 0, m, d);
			if (d2)
				df_put_day_range(r, 0, m, d2);
			return j;
		}
		y = year_for_day(c, i, j, m, d);
	}
	if (d > date_month_days(y, m) || d2 > date_month_days(y, m))
		return i;
	df_set_ymd(r, y, m, d);
	if (d2)
		df_put_day_range(r, y, m, d2);
	return j;
}

/* [this|last|next] Month, Month alone, or "Month of YEAR". */
size_t df_p_month(struct ctx *c, size_t i, struct res *r)
{
	int m, tense, rel = 0;
	size_t j;

	if (W(c, i, "this") || W(c, i, "last") || W(c, i, "next")) {
		int d = 0, y;

		rel = W(c, i, "this") ? 2 : W(c, i, "last") ? -1 : 1;
		j = month_word_at(c, i + 1, &m);
		if (j == i + 1 || !free_after(c, j) || df_year_tok(c, j))
			return i;
		if (num(c, j) && c->t[j].ndig <= 2 && c->t[j].num >= 1
		    && c->t[j].num <= 31 && free_after(c, j + 1)
		    && !df_year_tok(c, j + 1)) {
			d = (int)c->t[j].num; /* "next Jan. 1" */
			j++;
		}
		r->relative = 1;
		if (!c->has_anchor) {
			df_set_ymd(r, 0, m, d);
			return j;
		}
		if (rel == 2)
			y = c->a.y;
		else if (rel < 0)
			y = m < c->a.m || (d && m == c->a.m && d < c->a.d)
			    ? c->a.y : c->a.y - 1;
		else
			y = m > c->a.m || (d && m == c->a.m && d > c->a.d)
			    ? c->a.y : c->a.y + 1;
		if (d > date_month_days(y, m))
			return i;
		df_set_ymd(r, y, m, d);
		return j;
	}
	j = month_word_at(c, i, &m);
	if (j == i || (i > 0 && c->t[i - 1].kind == T_NUM))
		return i; /* "31 February" is no month */
	if (m == 5 && i > 0 && c->t[i - 1].kind == T_WORD
	    && (c->t[i - 1].flags & F_CAP) && !month_at(c, i - 1))
		return i; /* Theresa May */
	if (m == 5 && (W(c, i + 1, "be") || W(c, i + 1, "have")
		       || W(c, i + 1, "not") || W(c, i + 1, "also")
		       || W(c, i + 1, "well") || W(c, i + 1, "we")
		       || W(c, i + 1, "i")))
		return i; /* "May be", "May we": the modal */
	if (!free_after(c, j))
		return i;
	if (c->t[i].e - c->t[i].b <= 4 && m != 5 && m != 6 && m != 7
	    && j == i + 1 && !df_year_tok(c, j))
		return i; /* "Jan" alone is a name; "Jan." a month */
	if (i > 0 && W(c, i - 1, "the") && j < c->n && c->t[j].kind == T_WORD
	    && (c->t[j].flags & F_CAP) && !month_at(c, j) && !weekday_at(c, j))
		return i; /* "the August Revolution", "the October War" */
	if (W(c, j, "of") && df_year_tok(c, j + 1) && free_after(c, j + 2)) {
		df_set_ymd(r, (int)c->t[j + 1].num, m, 0);
		return j + 2;
	}
	if (df_year_tok(c, j) && free_after(c, j + 1)) {
		df_set_ymd(r, (int)c->t[j].num, m, 0);
		return j + 1;
	}
	if (W(c, j, "nineteen") || W(c, j, "eighteen")) {
		/* "January nineteen ninety-seven" (transcripts) */
		struct res y4;
		size_t e;

		memset(&y4, 0, sizeof y4);
		e = df_p_spelled_year(c, j, &y4);
		if (e > j && strlen(y4.value) == 4) {
			df_set_ymd(r, atoi(y4.value), m, 0);
			return e;
		}
	}
	r->relative = 1;
	if (!c->has_anchor) {
		df_set_ymd(r, 0, m, 0);
		return j;
	}
	if (i >= 2 && (P(c, i - 1, '/') || dash(c, i - 1) || W(c, i - 1, "and")
		       || W(c, i - 1, "or") || W(c, i - 1, "to")
		       || W(c, i - 1, "through") || W(c, i - 1, "until"))
	    && month_at(c, i - 2) && c->ref.y && c->ref.m == month_at(c, i - 2)
	    && !c->ref.d) {
		/* the second month of a pair follows the first: "June/July",
		 * "between November and January" */
		df_set_ymd(r, c->ref.y + (m < c->ref.m), m, 0);
		return j;
	}
	if ((W(c, j, "last") || W(c, j, "this") || W(c, j, "next"))
	    && W(c, j + 1, "year") && free_after(c, j + 2)) {
		/* "in March last year": the year is named after the month */
		df_set_ymd(r, c->a.y + (W(c, j, "last") ? -1
					: W(c, j, "next") ? 1 : 0), m, 0);
		return j;
	}
	tense = df_tense_month(c, i, j);
	df_set_ymd(r, df_year_for_month(c, m, tense), m, 0);
	return j;
}

const char *df_tod_tag(const struct ctx *c, size_t i)
{
	if (W(c, i, "morning"))
		return "TMO";
	if (W(c, i, "afternoon"))
		return "TAF";
	if (W(c, i, "evening"))
		return "TEV";
	if (W(c, i, "night") || W(c, i, "overnight"))
		return "TNI";
	return NULL;
}

/* [last|next|this] Weekday [morning|afternoon|evening|night] */
size_t df_p_weekday(struct ctx *c, size_t i, struct res *r)
{
	size_t j = i;
	int rel = 0, wd, tense;
	const char *tod;
	struct date_ymd d;

	if (W(c, j, "the") && (W(c, j + 1, "previous") || W(c, j + 1, "past"))
	    && weekday_at(c, j + 2))
		j++; /* the previous Friday */
	if (W(c, j, "this") && W(c, j + 1, "past")) {
		rel = -1;
		j++;
	} else if (W(c, j, "last") || W(c, j, "past") || W(c, j, "previous"))
		rel = -1;
	else if (W(c, j, "next") || W(c, j, "coming"))
		rel = 1;
	else if (W(c, j, "this"))
		rel = 2;
	if (rel)
		j++;
	wd = weekday_at(c, j);
	if (!wd)
		return i;
	j++;
	tod = df_tod_tag(c, j);
	if (tod)
		j++;
	r->relative = 1;
	if (!c->has_anchor) {
		df_set_str(r, "");
		return j;
	}
	tense = df_tense_for(c, i, j);
	if (rel == 2)
		rel = 0;
	df_resolve_weekday(c, wd, rel, tense, &d);
	df_set_ymd(r, d.y, d.m, d.d);
	if (tod)
		df_put(r->value, sizeof r->value, tod);
	return j;
}

/* The year of quarter (half) q named without a year in tokens [i, j):
 * the anchor's, except that a quarter not begun yet at the anchor, told
 * in the past tense or early in the year, is last year's ("profit for
 * the fourth quarter" in January). */
static int quarter_year(struct ctx *c, int q, int half, size_t i, size_t j)
{
	int aq = df_quarter_of(c->a.m), tense;

	if (half)
		aq = aq <= 2 ? 1 : 2;
	if (q > aq) {
		tense = df_tense_for(c, i, j);
		if (tense < 0 || (tense == 0 && aq == 1))
			return c->a.y - 1;
	}
	return c->a.y;
}

/* Writes quarter (or half) q of year y over tokens [i, j); y 0: the year
 * is the anchor's, by tense (quarter_year). Returns j. */
static size_t put_quarter(struct ctx *c, struct res *r, int y, int q,
			  int half, size_t i, size_t j)
{
	if (y == 0) {
		r->relative = 1;
		if (!c->has_anchor) {
			df_set_str(r, "");
			return j;
		}
		y = quarter_year(c, q, half, i, j);
	}
	if (half)
		df_set_tagged(r, y, "H", q, 1);
	else
		df_set_quarter_ref(r, y, q);
	return j;
}

/* [the] [YEAR | this year's | fiscal] ORD quarter|half [of [fiscal] YEAR];
 * ORD-quarter */
/* The year after "the third quarter of": "1990", "fiscal 1990", "this
 * year", "last year", "next year", "the year", "the current year".
 * Returns its end (0: none) and sets *y to the year, or to -1 with *rel
 * the shift from the anchor's year. */
static size_t year_after_of(const struct ctx *c, size_t j, int *y, int *rel)
{
	int yy, rr = 0;
	size_t e;

	if (W(c, j, "fiscal") && df_year_tok(c, j + 1)) {
		yy = (int)c->t[j + 1].num;
		e = j + 2;
	} else if (df_year_tok(c, j)) {
		yy = (int)c->t[j].num;
		e = j + 1;
	} else if ((W(c, j, "this") || W(c, j, "last") || W(c, j, "next")
		    || W(c, j, "the")) && W(c, j + 1, "year")) {
		yy = -1;
		rr = W(c, j, "last") ? -1 : W(c, j, "next") ? 1 : 0;
		e = j + 2;
	} else if (W(c, j, "the") && W(c, j + 1, "current")
		   && W(c, j + 2, "year")) {
		yy = -1;
		e = j + 3;
	} else {
		return 0;
	}
	if (!free_after(c, e) || apos(c, e) || dash(c, e))
		return 0;
	if (y)
		*y = yy;
	if (rel)
		*rel = rr;
	return e;
}

size_t df_p_quarter(struct ctx *c, size_t i, struct res *r)
{
	size_t j = i;
	int y = 0, q, half = 0, rel = 0, m1, m2;

	if (W(c, j, "the"))
		j++;
	if (dash(c, j + 1) && (m1 = month_at(c, j)) && (m2 = month_at(c, j + 2))
	    && m1 % 3 == 1 && m2 == m1 + 2
	    && (W(c, j + 3, "quarter") || W(c, j + 3, "period"))
	    && free_after(c, j + 4)) {
		/* "the April-June quarter": a calendar quarter by its months */
		q = df_quarter_of(m1);
		r->relative = 1;
		if (!c->has_anchor) {
			df_set_str(r, "");
			return j + 4;
		}
		df_set_quarter_ref(r, quarter_year(c, q, 0, i, j + 4), q);
		return j + 4;
	}
	if (df_year_tok(c, j) && !glued(c, j + 1)) {
		y = (int)c->t[j].num;
		j++;
	} else if ((W(c, j, "this") || W(c, j, "last") || W(c, j, "next"))
		   && W(c, j + 1, "year") && apos(c, j + 2)
		   && W(c, j + 3, "s")) {
		rel = W(c, j, "this") ? 0 : W(c, j, "last") ? -1 : 1;
		y = -1;
		j += 4;
	}
	if (W(c, j, "fiscal")) {
		j++;
		if (dash(c, j))
			j++;
	}
	q = Win(c, j, df_ordinals);
	if (!q && (W(c, j, "last") || W(c, j, "final"))
	    && (W(c, j + 1, "quarter") || W(c, j + 1, "half"))) {
		/* "the final quarter (of 2004)", "the last quarter of 2004";
		 * "the last quarter" alone is the one before this */
		q = W(c, j + 1, "half") ? 2 : 4;
		if (!W(c, i, "the") || (!(W(c, j + 2, "of")
					  && year_after_of(c, j + 3, NULL, NULL))
					&& !(W(c, j, "final")
					     && !W(c, j + 2, "of"))))
			return i;
	} else if (!q) {
		if (num(c, j) && c->t[j].num >= 1 && c->t[j].num <= 4
		    && glued(c, j + 1) && (W(c, j + 1, "st")
					   || W(c, j + 1, "nd")
					   || W(c, j + 1, "rd")
					   || W(c, j + 1, "th"))) {
			q = (int)c->t[j].num;
			j++;
		} else {
			return i;
		}
	}
	j++;
	if (dash(c, j) && glued(c, j) && glued(c, j + 1)) {
		if (W(c, i, "the") && y == 0)
			return i; /* "the third-quarter results" */
		j++;
	}
	if (W(c, j, "half") && q <= 2)
		half = 1;
	else if (!W(c, j, "quarter"))
		return i;
	j++;
	if (W(c, j, "of") && year_after_of(c, j + 1, &y, &rel))
		j = year_after_of(c, j + 1, &y, &rel);
	if (y == -1) {
		if (!c->has_anchor) {
			df_set_str(r, "");
			r->relative = 1;
			return j;
		}
		y = c->a.y + rel;
		r->relative = 1;
	}
	return put_quarter(c, r, y, q, half, i, j);
}

/* Years with context, year ranges, decades, fiscal years. */
static const char *const year_preps[] = {
	"in", "since", "of", "by", "until", "till", "before", "after", "from",
	"through", "during", "early", "late", "mid", "fiscal", "year", "the",
	"circa", "throughout", "between", "spring", "summer", "autumn", "fall",
	"winter", "beginning", "end", "for", "due", "post", "pre", "calendar",
	NULL,
};

/* Nouns of a period's figures and events after which a bare year is an
 * adjective, with no determiner needed: "1986 net", "had 1986 sales",
 * "his 1996 campaign". Counts ("2000 sailors") have other heads. */
static const char *const year_heads[] = {
	"net", "sales", "results", "earnings", "profit", "profits", "loss",
	"losses", "revenue", "revenues", "income", "figures", "crop", "crops",
	"harvest", "output", "production", "exports", "imports", "budget",
	"campaign", "season", "period", "dividend", "dividends", "year",
	"growth", "target", "targets", "forecast", "forecasts", "estimate",
	"estimates", "pretax", "operating", "election", "elections", "level",
	"levels", "quota", "quotas", "deficit", "surplus", "first", "second",
	"third", "fourth", "half", "fiscal", "financial", "shr", "qtr", NULL,
};

/* Words after which a year can be an adjective: "a 1996 law", "its 1990
 * invasion", "the company's 1989 results". */
static const char *const year_dets[] = {
	"a", "an", "that", "this", "its", "his", "her", "their", "our", "your",
	"my", "both", "whose", NULL,
};

/* An acronym: two or more letters, all upper case ("ADMM", "RIMPAC"). */
int df_all_caps(const struct ctx *c, size_t i)
{
	size_t k;

	if (c->t[i].e - c->t[i].b < 2)
		return 0;
	for (k = c->t[i].b; k < c->t[i].e; k++)
		if (c->s[k] < 'A' || c->s[k] > 'Z')
			return 0;
	return 1;
}

/* After a name, a year names an edition when an event noun follows
 * ("Cobra Gold 2026 exercise") or the name is an acronym ("ADMM 2025 in
 * Hanoi"); otherwise a name with a number is more likely a model, a room
 * or a count ("Boeing 2000 jets", "Room 2025 is"). */
static const char *const event_heads[] = {
	"exercise", "exercises", "summit", "meeting", "meetings", "drills",
	"games", "conference", "forum", "dialogue", "talks", "election",
	"elections", "budget", "plan", "session", "edition", "event", NULL,
};

/* Does the context around year token j (value y) make it a year: a
 * preposition or date word before, punctuation or the end after, or "'s"? */
static int year_context(const struct ctx *c, size_t j, int y, int the, int fiscal)
{
	return fiscal || the || c->premod || (j > 0 && Win(c, j - 1, year_preps))
	       || (j > 0 && Win(c, j - 1, year_dets))
	       || (j > 1 && W(c, j - 1, "s") && apos(c, j - 2))
	       || (j > 1 && P(c, j - 1, ',') && df_year_tok(c, j - 2))
	       || (j > 0 && (W(c, j - 1, "and") || W(c, j - 1, "or")
			     || W(c, j - 1, "to") || dash(c, j - 1))
		   && j >= 2 && df_year_tok(c, j - 2))
	       || (j > 0 && month_at(c, j - 1))
	       /* "except 2020 and 2021": a year paired with a later year */
	       || ((W(c, j + 1, "and") || W(c, j + 1, "or"))
		   && df_year_tok(c, j + 2) && c->t[j + 2].num > y
		   && c->t[j + 2].num <= 2100 && y >= 1900
		   && free_after(c, j + 3) && !(j > 0 && P(c, j - 1, '$')))
	       || (!P(c, j - 1, '$') && Win(c, j + 1, year_heads))
	       || (j > 0 && c->t[j - 1].kind == T_WORD
		   && (c->t[j - 1].flags & F_CAP) && y >= 1990 && y <= 2100
		   && (Win(c, j + 1, event_heads)
		       || (df_all_caps(c, j - 1)
			   && !(j + 1 < c->n && c->t[j + 1].kind == T_WORD
				&& !(c->t[j + 1].flags & F_CAP)
				&& !Win(c, j + 1, df_clause_words)))))
	       || j + 1 >= c->n
	       || (c->t[j + 1].kind == T_PUNCT && !P(c, j + 1, '$')
		   && !P(c, j + 1, '%') && !P(c, j + 1, '-'));
}

size_t df_p_year(struct ctx *c, size_t i, struct res *r)
{
	size_t j = i;
	int y, y2, the = 0, fiscal = 0;

	if (W(c, j, "the")) {
		the = 1;
		j++;
	}
	if (W(c, j, "fiscal")) {
		fiscal = 1;
		j++;
		if (W(c, j, "year"))
			j++;
	}
	/* '90s */
	if (apos(c, j) && num(c, j + 1) && c->t[j + 1].ndig == 2
	    && glued(c, j + 1) && glued(c, j + 2) && W(c, j + 2, "s")
	    && c->t[j + 1].num % 10 == 0) {
		r->value[0] = '\0';
		df_put_int(r->value, sizeof r->value,
			190 + c->t[j + 1].num / 10, 3);
		return j + 3;
	}
	if (!df_year_tok(c, j))
		return i;
	if (i > 0 && glued(c, i) && (P(c, i - 1, '$') || P(c, i - 1, '#')
				     || c->t[i - 1].kind != T_PUNCT))
		return i;
	y = (int)c->t[j].num;
	/* 1990s, 1990's */
	if (y % 10 == 0 && glued(c, j + 1)
	    && (W(c, j + 1, "s")
		|| (apos(c, j + 1) && glued(c, j + 2) && W(c, j + 2, "s")))) {
		size_t e = W(c, j + 1, "s") ? j + 2 : j + 3;

		if (!free_after(c, e))
			return i;
		r->value[0] = '\0';
		df_put_int(r->value, sizeof r->value, y / 10, 3);
		return e;
	}
	/* ranges: 2027-2030, 2023–2026, 1998-99 */
	if (dash(c, j + 1) && glued(c, j + 1) && glued(c, j + 2)
	    && num(c, j + 2) && free_after(c, j + 3)
	    && (c->t[j + 2].ndig == 4 || c->t[j + 2].ndig == 2)) {
		y2 = (int)c->t[j + 2].num;
		if (c->t[j + 2].ndig == 2)
			y2 += y / 100 * 100 + (y2 < y % 100 ? 100 : 0);
		if (the || fiscal)
			return i; /* the span starts at the first year */
		if (y2 > y && y2 - y <= 100 && y2 <= 2999) {
			r->value[0] = '\0';
			df_put_int(r->value, sizeof r->value, y, 4);
			df_put(r->value, sizeof r->value, "/");
			df_put_int(r->value, sizeof r->value, y2, 4);
			return j + 3;
		}
		return i;
	}
	if (!free_after(c, j + 1) || P(c, j + 1, '%'))
		return i;
	if (y < 1900 || y > 2100) {
		if (!(fiscal || (j > 0 && Win(c, j - 1, year_preps))))
			return i;
	}
	/* "between 2000 and 3000 troops": a count paired with a non-year */
	if ((W(c, j + 1, "and") || W(c, j + 1, "to") || W(c, j + 1, "or"))
	    && j + 2 < c->n && c->t[j + 2].kind == T_NUM
	    && !(df_year_tok(c, j + 2) && c->t[j + 2].num >= 1900
		 && c->t[j + 2].num <= 2100)
	    /* but "in 1987 to 1.45 mln", "in 1986 and 2,569,000 dlrs" */
	    && !((c->t[j + 2].flags & F_GROUP) && j > 0
		 && Win(c, j - 1, year_preps) && !W(c, j - 1, "between")
		 && !W(c, j - 1, "from")))
		return i;
	if (!year_context(c, j, y, the, fiscal))
		return i;
	if (the) {
		/* "the 1988 period" */
		if (W(c, j + 1, "period") || W(c, j + 1, "season")) {
			df_set_ymd(r, y, 0, 0);
			return j + 2;
		}
		if (j + 1 < c->n && c->t[j + 1].kind == T_WORD)
			return i; /* "the (fiscal) 1998 budget": no "the" */
	}
	df_set_ymd(r, y, 0, 0);
	return j + 1;
}

/* Season [of] [YEAR]: "summer 2024", "the summer of 2024"; "the
 * summer" of the anchor's year, by tense. */
size_t df_p_season(struct ctx *c, size_t i, struct res *r)
{
	size_t j = i;
	int s, y, as, tense;

	if (W(c, j, "the"))
		j++;
	s = df_season_at(c, j);
	if (!s)
		return i;
	j++;
	if (W(c, j, "of") && !df_year_tok(c, j + 1)) {
		/* "the winter of nineteen ninety-four" */
		struct res y4;
		size_t e;

		memset(&y4, 0, sizeof y4);
		e = df_p_spelled_year(c, j + 1, &y4);
		if (e > j + 1 && strlen(y4.value) == 4) {
			df_set_tagged(r, atoi(y4.value), df_season_tags[s], -1, 0);
			return e;
		}
	}
	if (W(c, j, "of") && df_year_tok(c, j + 1))
		j++;
	if (df_year_tok(c, j) && free_after(c, j + 1)) {
		if (i + 2 == j && W(c, i, "the"))
			return i; /* "the summer 2024 drills": no "the" */
		df_set_tagged(r, (int)c->t[j].num, df_season_tags[s], -1, 0);
		return j + 1;
	}
	if ((j != i + 2 && !(j == i + 1 && c->premod)) || !free_after(c, j)
	    || W(c, j, "of"))
		return i;
	r->relative = 1;
	if (!c->has_anchor) {
		df_set_str(r, "");
		return j;
	}
	tense = df_tense_for(c, i, j);
	/* January and February: the winter that opened the year is over or
	 * running, every other season of the year lies ahead */
	as = c->a.m <= 2 ? 0 : df_season_of(c->a.m);
	y = c->a.y;
	if (tense < 0 && s > as)
		y--;
	else if (tense > 0 && s < as)
		y++;
	df_set_tagged(r, y, df_season_tags[s], -1, 0);
	return j;
}

/* Q3, Q3 2025, H1 2026, 3Q 2025: quarters and halves in business style */
size_t df_p_q_code(struct ctx *c, size_t i, struct res *r)
{
	const struct tok *t = &c->t[i];
	const char *p = c->s + t->b;
	size_t j = i + 1;
	int q, half, y;

	if (t->kind != T_WORD || t->e - t->b != 1 || !(t->flags & F_CAP))
		return i;
	if ((*p != 'Q' && *p != 'H') || !num(c, j) || !glued(c, j)
	    || c->t[j].ndig != 1)
		return i;
	half = *p == 'H';
	q = (int)c->t[j].num;
	if (q < 1 || q > (half ? 2 : 4) || !free_after(c, j + 1))
		return i;
	j++;
	if (df_year_tok(c, j) && free_after(c, j + 1)) {
		y = (int)c->t[j].num;
		j++;
	} else if (P(c, j, '/') && num(c, j + 1) && glued(c, j)
		   && glued(c, j + 1) && c->t[j + 1].ndig == 4) {
		y = (int)c->t[j + 1].num; /* Q3/2025 */
		j += 2;
	} else {
		y = 0;
	}
	return put_quarter(c, r, y, q, half, i, j);
}

/* [the] 20th century → "19"; [the] nineties → "199" */
size_t df_p_century(struct ctx *c, size_t i, struct res *r)
{
	static const char *const decades[] = {
		"twenties", "thirties", "forties", "fifties", "sixties",
		"seventies", "eighties", "nineties", NULL,
	};
	size_t j = i;
	int k;

	if (W(c, j, "the"))
		j++;
	if ((k = Win(c, j, decades)) && j == i + 1) {
		r->value[0] = '\0';
		df_put_int(r->value, sizeof r->value, 190 + k + 1, 3);
		return j + 1;
	}
	if (num(c, j) && c->t[j].num >= 1 && c->t[j].num <= 30
	    && glued(c, j + 1) && (W(c, j + 1, "st") || W(c, j + 1, "nd")
				   || W(c, j + 1, "rd") || W(c, j + 1, "th"))
	    && W(c, j + 2, "century")) {
		r->value[0] = '\0';
		df_put_int(r->value, sizeof r->value, c->t[j].num - 1, 2);
		return j + 3;
	}
	return i;
}

/* Spelled-out years: "nineteen ninety-six", "nineteen hundred", "the year
 * two thousand", "two thousand and one" (after "in", "since", ...). */
size_t df_p_spelled_year(struct ctx *c, size_t i, struct res *r)
{
	size_t j = i, k;
	long v = 0, x = 0;
	int year_prefix = 0;

	if (W(c, j, "the") && W(c, j + 1, "year")) {
		year_prefix = 1;
		j += 2;
	}
	if (W(c, j, "nineteen") || W(c, j, "eighteen")
	    || (W(c, j, "twenty") && year_prefix)) {
		v = W(c, j, "nineteen") ? 1900 : W(c, j, "eighteen") ? 1800
		    : 2000;
		if (W(c, j + 1, "hundred")) {
			k = j + 2;
		} else {
			k = df_count_at(c, j + 1, &x, 0);
			if (k == j + 1 || x < 10 || x > 99)
				return i;
		}
	} else if (W(c, j, "two") && W(c, j + 1, "thousand")
		   && (year_prefix || (i > 0 && Win(c, i - 1, year_preps)))) {
		v = 2000;
		k = j + 2;
		if (W(c, k, "and") && df_count_at(c, k + 1, &x, 0) > k + 1
		    && x > 0)
			k = df_count_at(c, k + 1, &x, 0);
		else if (df_count_at(c, k, &x, 0) > k && x > 0)
			k = df_count_at(c, k, &x, 0);
		else
			x = 0;
	} else {
		return i;
	}
	if (!free_after(c, k) || (k < c->n && c->t[k].kind == T_WORD
				  && df_unit_at(c, k, NULL) != U_NONE))
		return i;
	df_set_ymd(r, (int)(v + x), 0, 0);
	return k;
}

/* The day of a fixed holiday in year y: Christmas (Eve), New Year's Day
 * (Eve), Thanksgiving (the fourth Thursday of November, United States). */
static void holiday_day(int h, int y, int *m, int *d)
{
	struct date_ymd first = { y, 11, 1 };

	switch (h) {
	case 1: *m = 12; *d = 25; break;
	case 2: *m = 12; *d = 24; break;
	case 3: *m = 1; *d = 1; break;
	case 4: *m = 12; *d = 31; break;
	default:
		*m = 11;
		*d = 1 + (4 - date_weekday(&first) + 7) % 7 + 21;
		break;
	}
}

/* [last|next|this] Christmas [Day|Eve], New Year's Day|Eve, Thanksgiving
 * [Day] [YEAR]: the year from a following year, "last"/"next", or the
 * anchor and the tense as for a day without a year. ("Easter" and
 * national days are left out: movable by calendars we do not compute, or
 * ambiguous between countries.) */
size_t df_p_holiday(struct ctx *c, size_t i, struct res *r)
{
	size_t j = i;
	int rel = 0, h = 0, y, m, d;

	if (W(c, j, "last") || W(c, j, "next") || W(c, j, "this")) {
		rel = W(c, j, "last") ? -1 : W(c, j, "next") ? 1 : 2;
		j++;
	}
	if (j >= c->n || !(c->t[j].flags & F_CAP))
		return i;
	if (W(c, j, "christmas")) {
		h = 1;
		j++;
		if (W(c, j, "eve") && (c->t[j].flags & F_CAP)) {
			h = 2;
			j++;
		} else if (W(c, j, "day") && (c->t[j].flags & F_CAP)) {
			j++;
		}
	} else if (W(c, j, "thanksgiving")) {
		h = 5;
		j++;
		if (W(c, j, "day") && (c->t[j].flags & F_CAP))
			j++;
	} else if (W(c, j, "new") && W(c, j + 1, "year") && apos(c, j + 2)
		   && W(c, j + 3, "s") && (W(c, j + 4, "day") || W(c, j + 4, "eve"))
		   && (c->t[j + 4].flags & F_CAP)) {
		h = W(c, j + 4, "day") ? 3 : 4;
		j += 5;
	} else {
		return i;
	}
	if (!free_after(c, j) || apos(c, j) || dash(c, j))
		return i; /* "Christmas's", "Christmas-tree" */
	if (df_year_tok(c, j) && free_after(c, j + 1)) {
		y = (int)c->t[j].num;
		j++;
	} else if (P(c, j, ',') && df_year_tok(c, j + 1) && free_after(c, j + 2)) {
		y = (int)c->t[j + 1].num;
		j += 2;
	} else {
		r->relative = 1;
		if (!c->has_anchor) {
			holiday_day(h, 2001, &m, &d);
			df_set_ymd(r, 0, h == 5 ? 11 : m, h == 5 ? 0 : d);
			return j;
		}
		y = c->a.y;
		holiday_day(h, y, &m, &d);
		if (rel == 2) {
			;
		} else if (rel) {
			struct date_ymd dd = { y, m, d };
			long diff = date_to_days(&dd) - date_to_days(&c->a);

			if (rel < 0 && diff >= 0)
				y--;
			else if (rel > 0 && diff <= 0)
				y++;
		} else {
			y = year_for_day(c, i, j, m, d);
		}
	}
	holiday_day(h, y, &m, &d);
	df_set_ymd(r, y, m, d);
	return j;
}

