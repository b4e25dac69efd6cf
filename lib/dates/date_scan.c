/*
 * date_scan — what the date patterns stand on: the fixed value buffers,
 * the tokens of a sentence, closed word classes (number words, units,
 * seasons), tense cues, resolution against the anchor date, and the
 * lexicon of every closed-class word (date_find_impl.h).
 */

#include "date_find_impl.h"

void df_put(char *dst, size_t cap, const char *s)
{
	size_t n = strlen(dst), k = strlen(s);

	if (n + k >= cap)
		k = cap - n - 1;
	memcpy(dst + n, s, k);
	dst[n + k] = '\0';
}

void df_put_int(char *dst, size_t cap, long v, int width)
{
	char tmp[24];
	int i = 0, neg = v < 0;
	unsigned long u = neg ? 0UL - (unsigned long)v : (unsigned long)v;
	char out[26];
	int k = 0;

	do {
		tmp[i++] = (char)('0' + u % 10);
		u /= 10;
	} while (u && i < 22);
	while (i < width && i < 22)
		tmp[i++] = '0';
	if (neg)
		out[k++] = '-';
	while (i)
		out[k++] = tmp[--i];
	out[k] = '\0';
	df_put(dst, cap, out);
}

void df_set_ymd(struct res *r, int y, int m, int d)
{
	r->value[0] = '\0';
	if (y > 0 && y <= 9999)
		df_put_int(r->value, sizeof r->value, y, 4);
	else
		df_put(r->value, sizeof r->value, "XXXX");
	if (m < 1)
		return;
	df_put(r->value, sizeof r->value, "-");
	df_put_int(r->value, sizeof r->value, m, 2);
	if (d < 1)
		return;
	df_put(r->value, sizeof r->value, "-");
	df_put_int(r->value, sizeof r->value, d, 2);
}

/* Appends "/YYYY-MM-DD": the end of a range of days. */
void df_put_day_range(struct res *r, int y, int m, int d)
{
	df_put(r->value, sizeof r->value, "/");
	if (y > 0)
		df_put_int(r->value, sizeof r->value, y, 4);
	else
		df_put(r->value, sizeof r->value, "XXXX");
	df_put(r->value, sizeof r->value, "-");
	df_put_int(r->value, sizeof r->value, m, 2);
	df_put(r->value, sizeof r->value, "-");
	df_put_int(r->value, sizeof r->value, d, 2);
}

void df_set_str(struct res *r, const char *v)
{
	r->value[0] = '\0';
	df_put(r->value, sizeof r->value, v);
}

/* "1998-Q3", "1998-W07", "1998-SU", "1998-H1": year, tag, number. */
void df_set_tagged(struct res *r, int y, const char *tag, int num,
		       int width)
{
	df_set_ymd(r, y, 0, 0);
	df_put(r->value, sizeof r->value, "-");
	df_put(r->value, sizeof r->value, tag);
	if (num >= 0)
		df_put_int(r->value, sizeof r->value, num, width);
}

void df_set_week(struct res *r, const struct date_ymd *d)
{
	int y, w;

	date_iso_week(d, &y, &w);
	df_set_tagged(r, y, "W", w, 2);
}

static int is_space(const char *s, size_t n, size_t i, size_t *len)
{
	unsigned char c = (unsigned char)s[i];

	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
	    || c == '\v') {
		*len = 1;
		return 1;
	}
	if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] == 0xa0) {
		*len = 2;
		return 1;
	}
	/* U+2000..U+200A, U+202F, U+205F, U+3000 */
	if (c == 0xe2 && i + 2 < n) {
		unsigned char c1 = (unsigned char)s[i + 1];
		unsigned char c2 = (unsigned char)s[i + 2];

		if ((c1 == 0x80 && c2 <= 0x8a) || (c1 == 0x80 && c2 == 0xaf)
		    || (c1 == 0x81 && c2 == 0x9f)) {
			*len = 3;
			return 1;
		}
	}
	return 0;
}

/* Length of the UTF-8 sequence starting with byte c (1 for stray bytes). */
static size_t seq_len(const char *s, size_t n, size_t i)
{
	unsigned char c = (unsigned char)s[i];
	size_t k = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1, j;

	if (i + k > n)
		return 1;
	for (j = 1; j < k; j++)
		if (((unsigned char)s[i + j] & 0xc0) != 0x80)
			return 1;
	return k;
}

/* Non-ASCII letters join words (so "Việt" is one token); we only need to
 * tell them from dashes and quotes, which are E2 80 xx. */
static int nonascii_letter(const char *s, size_t n, size_t i)
{
	unsigned char c = (unsigned char)s[i];

	if (c < 0x80)
		return 0;
	if (c == 0xe2 || c == 0xc2)
		return 0; /* general punctuation, symbols, NBSP, ¼ ... */
	(void)n;
	return c >= 0xc3;
}

static void push(struct tok **v, size_t *n, size_t *alloc, const struct tok *t)
{
	if (*n == *alloc) {
		*alloc = *alloc ? *alloc * 2 : 64;
		*v = xrealloc(*v, *alloc * sizeof **v);
	}
	(*v)[(*n)++] = *t;
}

static unsigned lex_lookup(const char *s, size_t n);

/* The date grammar's tokens: digits, letters and punctuation apart (not
 * token_split's words; wire/core/token.h says why). */
void df_tokenize(struct ctx *c)
{
	const char *s = c->s;
	size_t n = c->len, i = 0, alloc = 0, sl;
	int sp = 1;
	struct tok t;

	c->t = NULL;
	c->n = 0;
	while (i < n) {
		if (is_space(s, n, i, &sl)) {
			i += sl;
			sp = 1;
			continue;
		}
		memset(&t, 0, sizeof t);
		t.b = i;
		t.flags = sp ? F_SP : 0;
		sp = 0;
		if (is_digit(s[i])) {
			t.kind = T_NUM;
			while (i < n && is_digit(s[i])) {
				if (t.num < 100000000L)
					t.num = t.num * 10 + (s[i] - '0');
				t.ndig++;
				i++;
			}
			/* 2,000 and 3.5 are one token that is never a date */
			while (i + 1 < n && (s[i] == ',' || s[i] == '.')
			       && is_digit(s[i + 1])
			       && (s[i] == '.' || (i + 3 < n
						   && is_digit(s[i + 2])
						   && is_digit(s[i + 3])
						   && !(i + 4 < n
							&& is_digit(s[i + 4]))))) {
				t.flags |= F_GROUP;
				i++;
				while (i < n && is_digit(s[i]))
					i++;
			}
		} else if (is_alpha(s[i]) || nonascii_letter(s, n, i)) {
			t.kind = T_WORD;
			if (s[i] >= 'A' && s[i] <= 'Z')
				t.flags |= F_CAP;
			while (i < n && (is_alpha(s[i])
					 || nonascii_letter(s, n, i)))
				i += seq_len(s, n, i);
		} else {
			t.kind = T_PUNCT;
			i += seq_len(s, n, i);
		}
		t.e = i;
		if (t.kind == T_WORD)
			t.lex = lex_lookup(s + t.b, t.e - t.b);
		push(&c->t, &c->n, &alloc, &t);
	}
}

const char *const df_ones[] = {
	"one", "two", "three", "four", "five", "six", "seven", "eight",
	"nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
	"sixteen", "seventeen", "eighteen", "nineteen", NULL,
};

const char *const df_tens[] = {
	"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
	"ninety", NULL,
};

const char *const df_ordinals[] = {
	"first", "second", "third", "fourth", NULL,
};

static const char *const vague_counts[] = {
	"several", "few", "many", "some", "couple", "recent", NULL,
};

/* A count at i: digits (1..999), number words up to ninety-nine, "a"/"an".
 * Returns the end index (i when none); *v = -1 for vague counts. */
size_t df_count_at(const struct ctx *c, size_t i, long *v, int allow_a)
{
	int k;

	if (num(c, i) && c->t[i].num >= 1 && c->t[i].num <= 999) {
		*v = c->t[i].num;
		return i + 1;
	}
	if (allow_a && (W(c, i, "a") || W(c, i, "an"))) {
		if (W(c, i + 1, "few")) {
			*v = -1;
			return W(c, i + 2, "of") ? i + 3 : i + 2;
		}
		if (W(c, i + 1, "couple") && W(c, i + 2, "of")) {
			*v = 2; /* a couple of years: P2Y, as TIMEX3 has it */
			return i + 3;
		}
		if (W(c, i + 1, "hundred")) {
			*v = 100;
			return i + 2;
		}
		*v = 1;
		return i + 1;
	}
	if (W(c, i, "couple") && W(c, i + 1, "of")) {
		*v = 2; /* the next couple of years */
		return i + 2;
	}
	if ((k = Win(c, i, vague_counts))) {
		*v = -1;
		return i + 1;
	}
	if ((k = Win(c, i, df_tens))) {
		*v = (k + 1) * 10;
		if (dash(c, i + 1) && glued(c, i + 1) && glued(c, i + 2)
		    && Win(c, i + 2, df_ones) && Win(c, i + 2, df_ones) <= 9) {
			*v += Win(c, i + 2, df_ones);
			return i + 3;
		}
		if (Win(c, i + 1, df_ones) && Win(c, i + 1, df_ones) <= 9) {
			*v += Win(c, i + 1, df_ones);
			return i + 2;
		}
		return i + 1;
	}
	if ((k = Win(c, i, df_ones))) {
		*v = k;
		return i + 1;
	}
	return i;
}

/* A unit word at i, singular or plural. *plural is set. */
enum unit df_unit_at(const struct ctx *c, size_t i, int *plural)
{
	static const struct {
		const char *w;
		enum unit u;
		int pl;
	} units[] = {
		{ "day", U_DAY, 0 }, { "days", U_DAY, 1 },
		{ "week", U_WEEK, 0 }, { "weeks", U_WEEK, 1 },
		{ "month", U_MONTH, 0 }, { "months", U_MONTH, 1 },
		{ "quarter", U_QUARTER, 0 }, { "quarters", U_QUARTER, 1 },
		{ "year", U_YEAR, 0 }, { "years", U_YEAR, 1 },
		{ "decade", U_DECADE, 0 }, { "decades", U_DECADE, 1 },
		{ "century", U_CENTURY, 0 }, { "centuries", U_CENTURY, 1 },
		{ "hour", U_HOUR, 0 }, { "hours", U_HOUR, 1 },
		{ "minute", U_MINUTE, 0 }, { "minutes", U_MINUTE, 1 },
		{ "second", U_SECOND, 0 }, { "seconds", U_SECOND, 1 },
		{ "weekend", U_WEEKEND, 0 }, { "weekends", U_WEEKEND, 1 },
	};
	size_t k;

	for (k = 0; k < sizeof units / sizeof units[0]; k++)
		if (W(c, i, units[k].w)) {
			if (plural)
				*plural = units[k].pl;
			return units[k].u;
		}
	return U_NONE;
}

/* Season at i: 1 spring, 2 summer, 3 fall, 4 winter. */
int df_season_at(const struct ctx *c, size_t i)
{
	if (W(c, i, "spring"))
		return 1;
	if (W(c, i, "summer"))
		return 2;
	if (W(c, i, "fall") || W(c, i, "autumn"))
		return 3;
	if (W(c, i, "winter"))
		return 4;
	return 0;
}

const char *const df_season_tags[] = { "", "SP", "SU", "FA", "WI" };

/* Season of a month: Mar-May spring ... Dec-Feb winter. */
int df_season_of(int m)
{
	return m >= 3 && m <= 5 ? 1 : m >= 6 && m <= 8 ? 2
	       : m >= 9 && m <= 11 ? 3 : 4;
}

/* A four-digit year 1000..2999 that is a plain number token. */
int df_year_tok(const struct ctx *c, size_t i)
{
	return num(c, i) && c->t[i].ndig == 4 && c->t[i].num >= 1000
	       && c->t[i].num <= 2999;
}

static const char *const past_words[] = {
	"said", "was", "were", "had", "did", "held", "met", "ago", "went",
	"came", "took", "made", "gave", "saw", "told", "began", "left", "won",
	"lost", "rose", "fell", "sold", "bought", "paid", "got", "became",
	"found", "thought", "brought", "spent", "sent", "kept", "knew", "grew",
	"ran", "wrote", "spoke", "led", "struck", "fought", "flew", "hit",
	"last", "yesterday", "earlier", "recently", "previously", "former",
	"wasn", "weren", "didn", "hadn", "since", NULL,
};

static const char *const future_words[] = {
	"will", "shall", "upcoming", "forthcoming", "next", "coming",
	"tomorrow", "later", "soon", "expects", "expect", "plans", "intends",
	"hopes", "aims", "scheduled", "slated", "ll", "plan", "planned",
	"planning", "payable", "effective", "would", NULL,
};

static const char *const not_ed[] = {
	"need", "feed", "speed", "seed", "bed", "red", "shed", "bleed",
	"breed", "proceed", "exceed", "succeed", "indeed", "hundred", "embed",
	"weed", "greed", "creed", "deed", "freed", "reed", "steed", "united",
	"limited", "related", "based", "detailed", "advanced", "armed",
	"interested", "concerned", "alleged", "supposed", "so-called", NULL,
};

static const char *const be_words[] = {
	"be", "being", "is", "are", "am", "will", "would", NULL,
};

static const char *const sched_words[] = {
	"expected", "scheduled", "slated", "due", "set", "planned", "poised",
	"going", "likely", "plans", "plan", "intends", "aims", NULL,
};

static int ends_ed(const struct ctx *c, size_t i)
{
	const struct tok *t = &c->t[i];
	size_t l = t->e - t->b;

	return t->kind == T_WORD && l >= 5 && date_word_eq(c->s + t->e - 2, 2,
							   "ed");
}

static int ends_ing(const struct ctx *c, size_t i)
{
	const struct tok *t = &c->t[i];
	size_t l = t->e - t->b;

	return t->kind == T_WORD && l >= 6
	       && eqw(c->s + t->e - 3, 3, "ing");
}

/* A word of schedule at i is followed by the time it is set for: "set
 * for September", "scheduled for", "due on Friday", "expected early
 * Monday", "planned in May" (not "set in" nor "going on": these are other
 * verbs; not "than expected", "as expected": comparisons). */
static int sched_when(const struct ctx *c, size_t i)
{
	static const char *const when[] = {
		"on", "in", "early", "late", "next", "this", "later", "by",
		"within", NULL,
	};

	if (i > 0 && (W(c, i - 1, "than") || W(c, i - 1, "as")))
		return 0; /* "more than expected in December" */
	if (W(c, i + 1, "for"))
		return W(c, i, "set") || W(c, i, "scheduled")
		       || W(c, i, "slated") || W(c, i, "planned")
		       || W(c, i, "due");
	if (!(W(c, i, "expected") || W(c, i, "scheduled") || W(c, i, "slated")
	      || W(c, i, "due") || W(c, i, "planned")))
		return 0;
	return Win(c, i + 1, when) || weekday_at(c, i + 1)
	       || (month_at(c, i + 1) && (c->t[i + 1].flags & F_CAP));
}

static const char *const near_preps[] = {
	"again", "on", "in", "by", "at", "from", "before", "until", "next",
	"early", "late", "this", NULL,
};

/* A lower-case word after "to" that reads as a verb: not a determiner,
 * pronoun, number or a word of time ("to the", "to 5%", "to Monday"). */
static int infinitive_at(const struct ctx *c, size_t i)
{
	static const char *const not_verbs[] = {
		"the", "a", "an", "his", "her", "its", "their", "our", "my",
		"your", "this", "that", "these", "those", "some", "all", "any",
		"more", "less", "about", "around", "nearly", "almost", "over",
		"under", "date", "record", "power", "office", "court", "war",
		"peace", "work", "school", "market", "zero", "one", "two",
		"three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"next", "last", "early", "late", "mid", "be", "have", "death",
		"hospital", "prison", "jail", "trial", "life", "safety",
		"victory", "justice", "sea", "port", "town", "bed", NULL,
	};

	return i < c->n && c->t[i].kind == T_WORD && !(c->t[i].flags & F_CAP)
	       && !Win(c, i, not_verbs) && !ends_ed(c, i) && !ends_ing(c, i)
	       && !(c->t[i].lex & L_START);
}

void df_mark_tense(struct ctx *c)
{
	size_t i;
	int sum = 0;

	for (i = 0; i < c->n; i++) {
		struct tok *t = &c->t[i];
		int prev_be = i > 0 && (c->t[i - 1].lex & L_BE);

		if (t->kind != T_WORD)
			continue;
		if ((t->lex & L_SCHED) && (prev_be || !(t->lex & L_PAST))
		    && W(c, i + 1, "to") && !W(c, i + 2, "the"))
			t->tense = 1; /* "is expected to", "set to resume" */
		else if ((t->lex & L_SCHED) && (prev_be || !(t->lex & L_PAST))
			 && sched_when(c, i))
			t->tense = 1; /* "set for September", "due on Friday" */
		else if ((W(c, i, "won") || W(c, i, "wo")) && apos(c, i + 1)
			 && W(c, i + 2, "t"))
			t->tense = 1; /* won't */
		else if (W(c, i, "to") && i > 0 && (W(c, i - 1, "is")
						      || W(c, i - 1, "are")))
			t->tense = 1; /* is to resume */
		else if (W(c, i, "to") && W(c, i + 1, "be")
			 && i + 2 < c->n && (ends_ed(c, i + 2)
					     || (c->t[i + 2].lex & L_PAST)))
			t->tense = 1; /* to be signed, to be held */
		else if (t->lex & L_FUTURE)
			t->tense = 1;
		else if (i > 0 && (W(c, i - 1, "is") || W(c, i - 1, "are"))
			 && ends_ing(c, i))
			t->tense = 1; /* "is holding talks on Friday" */
		else if (prev_be)
			t->tense = 0; /* "is held", "will be held" */
		else if (t->lex & L_PAST)
			t->tense = -1;
		else if (ends_ed(c, i) && !(t->lex & L_NOT_ED)
			 && !(t->flags & F_CAP))
			t->tense = -1;
		sum += t->tense;
	}
	c->tense_all = sum > 0 ? 1 : sum < 0 ? -1 : 0;
}

/* The tense for a mention over tokens [b, e): a deadline preposition
 * before it, else the nearest cue on the left (the verb usually comes
 * first), else on the right, within 8 tokens; else the sentence's
 * balance. (Tried on TempEval-3: windows of 3 to 12 tokens and nearest-
 * either-side all score within 0.2 value F1 of each other.) */
static int tense_win(const struct ctx *c, size_t b, size_t e, size_t left,
		     size_t right, int fallback)
{
	size_t d;

	/* "until January", "by February": a deadline lies ahead ("through
	 * June" is none: "the three months through June" looks back) */
	if (b > 0 && (W(c, b - 1, "until") || W(c, b - 1, "till")
		      || W(c, b - 1, "by")))
		return 1;
	/* "agreed to meet again Thursday", "talks to resume on Monday": an
	 * infinitive right before the time looks ahead */
	for (d = 1; d <= 2 && d + 1 <= b; d++) {
		if (d == 2 && !Win(c, b - 1, near_preps))
			break;
		if (W(c, b - d - 1, "to") && infinitive_at(c, b - d))
			return 1;
	}
	/* "as early as Tuesday", "as soon as next week" */
	if (b > 2 && W(c, b - 1, "as") && W(c, b - 3, "as")
	    && (W(c, b - 2, "early") || W(c, b - 2, "soon")))
		return 1;

	/* the verb usually comes first: look left, then right, within the
	 * clause (a semicolon ends it) */
	for (d = 1; d <= left && d <= b && !P(c, b - d, ';'); d++)
		if (c->t[b - d].tense)
			return c->t[b - d].tense;
	for (d = 0; d < right && e + d < c->n && !P(c, e + d, ';'); d++)
		if (c->t[e + d].tense)
			return c->t[e + d].tense;
	return fallback ? c->tense_all : 0;
}

int df_tense_for(const struct ctx *c, size_t b, size_t e)
{
	return tense_win(c, b, e, 8, 8, 1);
}

/* For a month alone only near evidence counts (8 tokens on the left, 3
 * on the right, no sentence balance): otherwise the nearest occurrence of
 * the month is likelier than one eleven months away. (On TempEval-3 this
 * and the general rule score the same, within one expression.) */
int df_tense_month(const struct ctx *c, size_t b, size_t e)
{
	return tense_win(c, b, e, 8, 3, 0);
}

/* Year of month m given the tense: past → not after the anchor's month,
 * future → not before; unknown → within the three months ahead or the
 * nine months back (news looks back more than ahead). */
int df_year_for_month(const struct ctx *c, int m, int tense)
{
	int y = c->a.y, am = c->a.m, ahead = (m - am + 12) % 12;

	if (tense < 0)
		return m > am ? y - 1 : y;
	if (tense > 0)
		return m < am ? y + 1 : y;
	if (ahead == 0)
		return y;
	if (ahead <= 3)
		return m > am ? y : y + 1;
	return m > am ? y - 1 : y;
}

/* Resolves a weekday (1..7) against the anchor: rel -1 "last", +1 "next",
 * 0 bare (by tense; same weekday as the anchor is the anchor itself). */
void df_resolve_weekday(const struct ctx *c, int wd, int rel, int tense,
			    struct date_ymd *out)
{
	int aw = date_weekday(&c->a);
	long back = (aw - wd + 7) % 7, fwd = (wd - aw + 7) % 7;

	*out = c->a;
	if (rel < 0)
		date_add_days(out, -(back ? back : 7));
	else if (rel > 0)
		date_add_days(out, fwd ? fwd : 7);
	else if (tense > 0)
		date_add_days(out, fwd);
	else
		date_add_days(out, -back);
}

int df_quarter_of(int m)
{
	return (m - 1) / 3 + 1;
}

/* Words that can begin a pattern besides numbers, month, weekday, season,
 * unit and number words. A token that cannot begin one is skipped without
 * trying the patterns (a 3x speed-up); a word used as the first token of a
 * new pattern must be added here. */
static const char *const starters[] = {
	"the", "a", "an", "at", "this", "last", "next", "past", "previous",
	"coming", "current", "these", "about", "around", "approximately",
	"roughly", "circa", "early", "earlier", "late", "later", "mid",
	"middle", "end", "beginning", "start", "fiscal", "future", "now",
	"currently", "nowadays", "recently", "today", "yesterday", "tomorrow",
	"tonight", "that", "twenties", "thirties", "forties", "fifties", "sixties",
	"seventies", "eighties", "nineties", "first", "second", "third",
	"fourth", "year", "right", "sometime", "nearly", "almost", "more",
	"less", "noon", "midday", "midnight", "every", "each", "daily",
	"hourly", "weekly", "monthly", "christmas", "thanksgiving", "new",
	"soon", "another", "lately", NULL,
};

static const char *const start_words[] = {
	/* months, abbreviations, weekdays, seasons, units */
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december", "jan",
	"feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
	"dec", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sunday", "spring", "summer", "fall", "autumn", "winter",
	"day", "days", "week", "weeks", "month", "months", "quarter",
	"quarters", "year", "years", "decade", "decades", "century",
	"centuries", "hour", "hours", "minute", "minutes", "second",
	"seconds", "weekend", "weekends", NULL,
};

static const struct {
	const char *const *list;
	unsigned bits;
} lex_lists[] = {
	{ past_words, L_PAST }, { future_words, L_FUTURE },
	{ sched_words, L_SCHED }, { be_words, L_BE }, { not_ed, L_NOT_ED },
	{ starters, L_START }, { start_words, L_START }, { df_ones, L_START },
	{ df_tens, L_START }, { vague_counts, L_START },
};

#define LEX_SLOTS 1024 /* power of two, well above the ~300 words */
static struct {
	const char *w;
	unsigned bits;
} lex_table[LEX_SLOTS];
static pthread_once_t lex_once = PTHREAD_ONCE_INIT;

/* FNV-1a over the lower-cased ASCII letters of s[0..n). */
static uint64_t lex_hash(const char *s, size_t n)
{
	uint64_t h = HASH_FNV_BASIS;
	size_t k;

	for (k = 0; k < n; k++) {
		unsigned char ch = (unsigned char)s[k];

		if (ch >= 'A' && ch <= 'Z')
			ch += 32;
		h = hash_fnv1a_step(h, ch);
	}
	return h;
}

static void lex_build(void)
{
	size_t l, k, slot;

	for (l = 0; l < sizeof lex_lists / sizeof lex_lists[0]; l++)
		for (k = 0; lex_lists[l].list[k]; k++) {
			const char *w = lex_lists[l].list[k];

			slot = lex_hash(w, strlen(w)) & (LEX_SLOTS - 1);
			while (lex_table[slot].w && strcmp(lex_table[slot].w, w))
				slot = (slot + 1) & (LEX_SLOTS - 1);
			lex_table[slot].w = w;
			lex_table[slot].bits |= lex_lists[l].bits;
		}
}

/* The L_* classes of word s[0..n), 0 for words outside the lexicon. */
static unsigned lex_lookup(const char *s, size_t n)
{
	size_t slot;

	if (n > 13)
		return 0;
	pthread_once(&lex_once, lex_build);
	slot = lex_hash(s, n) & (LEX_SLOTS - 1);
	while (lex_table[slot].w) {
		if (eqw(s, n, lex_table[slot].w))
			return lex_table[slot].bits;
		slot = (slot + 1) & (LEX_SLOTS - 1);
	}
	return 0;
}
