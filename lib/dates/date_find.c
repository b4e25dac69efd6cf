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
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "wire/dates/date.h"
#include "wire/core/err.h"
#include "wire/core/hash.h"

enum { T_WORD = 1, T_NUM, T_PUNCT };

/* Lexicon classes of a word (struct tok.lex). */
#define L_PAST 1u    /* past tense cue */
#define L_FUTURE 2u  /* future tense cue */
#define L_SCHED 4u   /* "expected", "scheduled": future after "is ... to" */
#define L_BE 8u      /* a form of "be" or a modal before a participle */
#define L_NOT_ED 16u /* ends in -ed but is no past verb */
#define L_START 32u  /* can begin a date expression */

#define F_CAP 1   /* word starts with an upper-case letter */
#define F_SP 2    /* preceded by white space (or the start) */
#define F_GROUP 4 /* number with a thousands separator or decimals */

struct tok {
	size_t b, e;
	int kind;
	int flags;
	long num;     /* value of a number (saturates) */
	int ndig;     /* digits of a number */
	int tense;    /* tense cue carried by this word: -1 past, +1 future */
	unsigned lex; /* L_* classes of the word (lexicon lookup) */
};

/* What a pattern found. */
struct res {
	char value[32];
	char mod[8];
	int relative;
	int quarter; /* value has quarter granularity */
	int ref_y, ref_q; /* a quarter named in the text (ref_q 1..4) */
};

struct ctx {
	const char *s;
	size_t len;
	struct tok *t;
	size_t n;
	struct date_ymd a; /* anchor */
	int has_anchor;
	int tense_all;     /* sentence-level tense: -1, 0, +1 */
	int last_q_y, last_q; /* the quarter last named (0: none) */
	int premod;        /* a modifier (early, mid-, the end of) precedes */
	struct date_ymd ref; /* the date last named (y 0: none); m, d may be 0 */
	int q_here;          /* a quarter was named in this sentence */
	char last_day[11];   /* the last mention, when a plain day ... */
	size_t last_day_end; /* ... and the token after it */
};

/* ---- small string helpers for the fixed value buffers ---- */

static void put(char *dst, size_t cap, const char *s)
{
	size_t n = strlen(dst), k = strlen(s);

	if (n + k >= cap)
		k = cap - n - 1;
	memcpy(dst + n, s, k);
	dst[n + k] = '\0';
}

static void put_int(char *dst, size_t cap, long v, int width)
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
	put(dst, cap, out);
}

static void set_ymd(struct res *r, int y, int m, int d)
{
	r->value[0] = '\0';
	if (y > 0 && y <= 9999)
		put_int(r->value, sizeof r->value, y, 4);
	else
		put(r->value, sizeof r->value, "XXXX");
	if (m < 1)
		return;
	put(r->value, sizeof r->value, "-");
	put_int(r->value, sizeof r->value, m, 2);
	if (d < 1)
		return;
	put(r->value, sizeof r->value, "-");
	put_int(r->value, sizeof r->value, d, 2);
}

/* Appends "/YYYY-MM-DD": the end of a range of days. */
static void put_day_range(struct res *r, int y, int m, int d)
{
	put(r->value, sizeof r->value, "/");
	if (y > 0)
		put_int(r->value, sizeof r->value, y, 4);
	else
		put(r->value, sizeof r->value, "XXXX");
	put(r->value, sizeof r->value, "-");
	put_int(r->value, sizeof r->value, m, 2);
	put(r->value, sizeof r->value, "-");
	put_int(r->value, sizeof r->value, d, 2);
}

static void set_str(struct res *r, const char *v)
{
	r->value[0] = '\0';
	put(r->value, sizeof r->value, v);
}

/* "1998-Q3", "1998-W07", "1998-SU", "1998-H1": year, tag, number. */
static void set_tagged(struct res *r, int y, const char *tag, int num,
		       int width)
{
	set_ymd(r, y, 0, 0);
	put(r->value, sizeof r->value, "-");
	put(r->value, sizeof r->value, tag);
	if (num >= 0)
		put_int(r->value, sizeof r->value, num, width);
}

static void set_week(struct res *r, const struct date_ymd *d)
{
	int y, w;

	date_iso_week(d, &y, &w);
	set_tagged(r, y, "W", w, 2);
}

/* ---- tokens ---- */

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
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
static void tokenize(struct ctx *c)
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

/* ---- token tests ---- */

/* s[0..n) equals lowercase word w, ignoring case; the first-letter test
 * rejects most pairs at once (this is the scanner's hot spot). */
static inline int eqw(const char *s, size_t n, const char *w)
{
	size_t k;

	if (((unsigned char)s[0] | 0x20) != (unsigned char)w[0])
		return 0;
	for (k = 1; k < n; k++) {
		int ch = (unsigned char)s[k];

		if (ch >= 'A' && ch <= 'Z')
			ch += 32;
		if (ch != (unsigned char)w[k])
			return 0;
	}
	return w[n] == '\0';
}

static inline int W(const struct ctx *c, size_t i, const char *w)
{
	return i < c->n && c->t[i].kind == T_WORD
	       && eqw(c->s + c->t[i].b, c->t[i].e - c->t[i].b, w);
}

/* Token i is one of the words of the NULL-terminated list; returns the
 * 1-based index in the list. */
static int Win(const struct ctx *c, size_t i, const char *const *list)
{
	int k;

	if (i >= c->n || c->t[i].kind != T_WORD)
		return 0;
	for (k = 0; list[k]; k++)
		if (eqw(c->s + c->t[i].b, c->t[i].e - c->t[i].b, list[k]))
			return k + 1;
	return 0;
}

static int P(const struct ctx *c, size_t i, char ch)
{
	return i < c->n && c->t[i].kind == T_PUNCT
	       && c->t[i].e - c->t[i].b == 1 && c->s[c->t[i].b] == ch;
}

/* A dash: - – — (hyphen, en dash, em dash) */
static int dash(const struct ctx *c, size_t i)
{
	const char *p;

	if (i >= c->n || c->t[i].kind != T_PUNCT)
		return 0;
	p = c->s + c->t[i].b;
	if (c->t[i].e - c->t[i].b == 1)
		return *p == '-';
	return c->t[i].e - c->t[i].b == 3 && (unsigned char)p[0] == 0xe2
	       && (unsigned char)p[1] == 0x80
	       && ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94);
}

/* An apostrophe: ' or ’ */
static int apos(const struct ctx *c, size_t i)
{
	const char *p;

	if (i >= c->n || c->t[i].kind != T_PUNCT)
		return 0;
	p = c->s + c->t[i].b;
	if (c->t[i].e - c->t[i].b == 1)
		return *p == '\'';
	return c->t[i].e - c->t[i].b == 3 && (unsigned char)p[0] == 0xe2
	       && (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0x99;
}

/* Token i touches token i-1 (no space between). */
static int glued(const struct ctx *c, size_t i)
{
	return i < c->n && !(c->t[i].flags & F_SP);
}

static int num(const struct ctx *c, size_t i)
{
	return i < c->n && c->t[i].kind == T_NUM && !(c->t[i].flags & F_GROUP);
}

/* Token i can follow a date expression: not glued to a word or number. */
static int free_after(const struct ctx *c, size_t i)
{
	return i >= c->n || !glued(c, i) || c->t[i].kind == T_PUNCT;
}

static int month_at(const struct ctx *c, size_t i)
{
	if (i >= c->n || c->t[i].kind != T_WORD)
		return 0;
	return date_month_word(c->s + c->t[i].b, c->t[i].e - c->t[i].b);
}

/* Full weekday names only ("Sun" and "Sat" are too ambiguous in text). */
static int weekday_at(const struct ctx *c, size_t i)
{
	size_t l;

	if (i >= c->n || c->t[i].kind != T_WORD)
		return 0;
	l = c->t[i].e - c->t[i].b;
	return l >= 6 ? date_weekday_word(c->s + c->t[i].b, l) : 0;
}

/* ---- closed classes ---- */

static const char *const ones[] = {
	"one", "two", "three", "four", "five", "six", "seven", "eight",
	"nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
	"sixteen", "seventeen", "eighteen", "nineteen", NULL,
};
static const char *const tens[] = {
	"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
	"ninety", NULL,
};
static const char *const ordinals[] = {
	"first", "second", "third", "fourth", NULL,
};
static const char *const vague_counts[] = {
	"several", "few", "many", "some", "couple", "recent", NULL,
};

/* A count at i: digits (1..999), number words up to ninety-nine, "a"/"an".
 * Returns the end index (i when none); *v = -1 for vague counts. */
static size_t count_at(const struct ctx *c, size_t i, long *v, int allow_a)
{
	int k;

	if (num(c, i) && c->t[i].num >= 1 && c->t[i].num <= 999) {
		*v = c->t[i].num;
		return i + 1;
	}
	if (allow_a && (W(c, i, "a") || W(c, i, "an"))) {
		if (W(c, i + 1, "few") || W(c, i + 1, "couple")) {
			*v = -1;
			return W(c, i + 2, "of") ? i + 3 : i + 2;
		}
		*v = 1;
		return i + 1;
	}
	if ((k = Win(c, i, vague_counts))) {
		*v = -1;
		return i + 1;
	}
	if ((k = Win(c, i, tens))) {
		*v = (k + 1) * 10;
		if (dash(c, i + 1) && glued(c, i + 1) && glued(c, i + 2)
		    && Win(c, i + 2, ones) && Win(c, i + 2, ones) <= 9) {
			*v += Win(c, i + 2, ones);
			return i + 3;
		}
		if (Win(c, i + 1, ones) && Win(c, i + 1, ones) <= 9) {
			*v += Win(c, i + 1, ones);
			return i + 2;
		}
		return i + 1;
	}
	if ((k = Win(c, i, ones))) {
		*v = k;
		return i + 1;
	}
	return i;
}

enum unit { U_NONE, U_DAY, U_WEEK, U_MONTH, U_QUARTER, U_YEAR, U_DECADE,
	    U_CENTURY, U_HOUR, U_MINUTE, U_SECOND, U_WEEKEND };

/* A unit word at i, singular or plural. *plural is set. */
static enum unit unit_at(const struct ctx *c, size_t i, int *plural)
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
static int season_at(const struct ctx *c, size_t i)
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

static const char *const season_tags[] = { "", "SP", "SU", "FA", "WI" };

/* Season of a month: Mar-May spring ... Dec-Feb winter. */
static int season_of(int m)
{
	return m >= 3 && m <= 5 ? 1 : m >= 6 && m <= 8 ? 2
	       : m >= 9 && m <= 11 ? 3 : 4;
}

/* A four-digit year 1000..2999 that is a plain number token. */
static int year_tok(const struct ctx *c, size_t i)
{
	return num(c, i) && c->t[i].ndig == 4 && c->t[i].num >= 1000
	       && c->t[i].num <= 2999;
}

/* ---- tense ---- */

static const char *const past_words[] = {
	"said", "was", "were", "had", "did", "held", "met", "ago", "went",
	"came", "took", "made", "gave", "saw", "told", "began", "left", "won",
	"lost", "rose", "fell", "sold", "bought", "paid", "got", "became",
	"found", "thought", "brought", "spent", "sent", "kept", "knew", "grew",
	"ran", "wrote", "spoke", "led", "struck", "fought", "flew", "hit",
	"last", "yesterday", "earlier", "recently", "previously", "former",
	"wasn", "weren", "didn", "hadn", NULL,
};
static const char *const future_words[] = {
	"will", "shall", "upcoming", "forthcoming", "next", "coming",
	"tomorrow", "later", "soon", "expects", "expect", "plans", "intends",
	"hopes", "aims", "scheduled", "slated", "ll", "plan", "planned",
	"planning", NULL,
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

static void mark_tense(struct ctx *c)
{
	size_t i;
	int sum = 0;

	for (i = 0; i < c->n; i++) {
		struct tok *t = &c->t[i];
		int prev_be = i > 0 && (c->t[i - 1].lex & L_BE);

		if (t->kind != T_WORD)
			continue;
		if ((t->lex & L_SCHED) && prev_be && W(c, i + 1, "to"))
			t->tense = 1;
		else if ((W(c, i, "won") || W(c, i, "wo")) && apos(c, i + 1)
			 && W(c, i + 2, "t"))
			t->tense = 1; /* won't */
		else if (W(c, i, "to") && i > 0 && (W(c, i - 1, "is")
						      || W(c, i - 1, "are")))
			t->tense = 1; /* is to resume */
		else if (W(c, i, "to") && W(c, i + 1, "be")
			 && i + 2 < c->n && ends_ed(c, i + 2))
			t->tense = 1; /* to be held */
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

	/* "until January", "by February": a deadline lies ahead */
	if (b > 0 && (W(c, b - 1, "until") || W(c, b - 1, "till")
		      || W(c, b - 1, "by") || W(c, b - 1, "through")))
		return 1;

	/* the verb usually comes first: look left, then right */
	for (d = 1; d <= left && d <= b; d++)
		if (c->t[b - d].tense)
			return c->t[b - d].tense;
	for (d = 0; d < right && e + d < c->n; d++)
		if (c->t[e + d].tense)
			return c->t[e + d].tense;
	return fallback ? c->tense_all : 0;
}

static int tense_for(const struct ctx *c, size_t b, size_t e)
{
	return tense_win(c, b, e, 8, 8, 1);
}

/* For a month alone only near evidence counts (8 tokens on the left, 3
 * on the right, no sentence balance): otherwise the nearest occurrence of
 * the month is likelier than one eleven months away. (On TempEval-3 this
 * and the general rule score the same, within one expression.) */
static int tense_month(const struct ctx *c, size_t b, size_t e)
{
	return tense_win(c, b, e, 8, 3, 0);
}

/* ---- resolution against the anchor ---- */

/* Year of month m given the tense: past → not after the anchor's month,
 * future → not before; unknown → within the three months ahead or the
 * nine months back (news looks back more than ahead). */
static int year_for_month(const struct ctx *c, int m, int tense)
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
static void resolve_weekday(const struct ctx *c, int wd, int rel, int tense,
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

static int quarter_of(int m)
{
	return (m - 1) / 3 + 1;
}

/* ---- patterns ---- */

/* A quarter derived from another ("a year ago" → that quarter of the
 * year before). */
static void set_quarter(struct res *r, int y, int q)
{
	set_tagged(r, y, "Q", q, 1);
	r->quarter = 1;
}

/* A quarter named by the text: later "a year ago" refers to it. */
static void set_quarter_ref(struct res *r, int y, int q)
{
	set_quarter(r, y, q);
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
static size_t p_absolute(struct ctx *c, size_t i, struct res *r)
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
	set_ymd(r, d.y, d.m, d.d);
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

static size_t p_month_day(struct ctx *c, size_t i, struct res *r)
{
	size_t j = i, k, e;
	int m = 0, d = 0, d2 = 0, y = 0, tense;
	struct date_ymd dd, lo;

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
	if (d2 && P(c, j, ',') && year_tok(c, j + 1) && free_after(c, j + 2)) {
		y = (int)c->t[j + 1].num;
		j += 2;
	} else if (d2 && year_tok(c, j) && free_after(c, j + 1)) {
		y = (int)c->t[j].num;
		j++;
	}
	if (!free_after(c, j) || P(c, j, '%'))
		return i;
	if (!y) {
		r->relative = 1;
		if (!c->has_anchor) {
			set_ymd(r, 0, m, d);
			if (d2)
				put_day_range(r, 0, m, d2);
			return j;
		}
		tense = tense_for(c, i, j);
		y = c->a.y;
		dd.y = y;
		dd.m = m;
		dd.d = d > date_month_days(y, m) ? date_month_days(y, m) : d;
		lo = c->a;
		/* A date more than a few weeks off in the wrong direction
		 * belongs to the neighbouring year. */
		if (tense < 0 && date_to_days(&dd) - date_to_days(&lo) > 60)
			y--;
		else if (tense > 0 && date_to_days(&lo) - date_to_days(&dd) > 60)
			y++;
		else if (!tense && date_to_days(&dd) - date_to_days(&lo) > 183)
			y--;
		else if (!tense && date_to_days(&lo) - date_to_days(&dd) > 183)
			y++;
	}
	if (d > date_month_days(y, m) || d2 > date_month_days(y, m))
		return i;
	set_ymd(r, y, m, d);
	if (d2)
		put_day_range(r, y, m, d2);
	return j;
}

/* [this|last|next] Month, Month alone, or "Month of YEAR". */
static size_t p_month(struct ctx *c, size_t i, struct res *r)
{
	int m, tense, rel = 0;
	size_t j;

	if (W(c, i, "this") || W(c, i, "last") || W(c, i, "next")) {
		rel = W(c, i, "this") ? 2 : W(c, i, "last") ? -1 : 1;
		j = month_word_at(c, i + 1, &m);
		if (j == i + 1 || !free_after(c, j) || year_tok(c, j))
			return i;
		r->relative = 1;
		if (!c->has_anchor) {
			set_ymd(r, 0, m, 0);
			return j;
		}
		if (rel == 2)
			set_ymd(r, c->a.y, m, 0);
		else if (rel < 0)
			set_ymd(r, m < c->a.m ? c->a.y : c->a.y - 1, m, 0);
		else
			set_ymd(r, m > c->a.m ? c->a.y : c->a.y + 1, m, 0);
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
	    && j == i + 1 && !year_tok(c, j))
		return i; /* "Jan" alone is a name; "Jan." a month */
	if (i > 0 && W(c, i - 1, "the") && j < c->n && c->t[j].kind == T_WORD
	    && (c->t[j].flags & F_CAP) && !month_at(c, j) && !weekday_at(c, j))
		return i; /* "the August Revolution", "the October War" */
	if (W(c, j, "of") && year_tok(c, j + 1) && free_after(c, j + 2)) {
		set_ymd(r, (int)c->t[j + 1].num, m, 0);
		return j + 2;
	}
	if (year_tok(c, j) && free_after(c, j + 1)) {
		set_ymd(r, (int)c->t[j].num, m, 0);
		return j + 1;
	}
	r->relative = 1;
	if (!c->has_anchor) {
		set_ymd(r, 0, m, 0);
		return j;
	}
	tense = tense_month(c, i, j);
	set_ymd(r, year_for_month(c, m, tense), m, 0);
	return j;
}

static const char *tod_tag(const struct ctx *c, size_t i)
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
static size_t p_weekday(struct ctx *c, size_t i, struct res *r)
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
	tod = tod_tag(c, j);
	if (tod)
		j++;
	r->relative = 1;
	if (!c->has_anchor) {
		set_str(r, "");
		return j;
	}
	tense = tense_for(c, i, j);
	if (rel == 2)
		rel = 0;
	resolve_weekday(c, wd, rel, tense, &d);
	set_ymd(r, d.y, d.m, d.d);
	if (tod)
		put(r->value, sizeof r->value, tod);
	return j;
}

/* Words that can follow "the past" when it is a time: "in the past that
 * ...", "in the past and ...". */
static const char *const clause_words[] = {
	"that", "and", "but", "or", "when", "as", "to", "in", "on", "at",
	"for", "with", "by", "is", "was", "has", "have", "had", "because",
	"it", "he", "she", "they", "we", "i", "the", "a", NULL,
};

/* today, yesterday, tomorrow, tonight, now, recently, the past, ... */
static size_t p_deictic(struct ctx *c, size_t i, struct res *r)
{
	static const struct {
		const char *w;
		const char *v;
	} refs[] = {
		{ "now", "PRESENT_REF" }, { "currently", "PRESENT_REF" },
		{ "nowadays", "PRESENT_REF" }, { "recently", "PAST_REF" },
	};
	size_t k;
	long off = 0;
	const char *tod = NULL;
	struct date_ymd d;
	size_t j = i;

	if (W(c, i, "right") && W(c, i + 1, "now")) {
		set_str(r, "PRESENT_REF");
		return i + 2;
	}
	for (k = 0; k < sizeof refs / sizeof refs[0]; k++)
		if (W(c, i, refs[k].w)) {
			if (W(c, i, "now") && i > 0
			    && W(c, i - 1, "from"))
				return i;
			if (W(c, i, "now") && i == 0 && P(c, i + 1, ','))
				return i; /* "Now, he says": discourse */
			set_str(r, refs[k].v);
			return i + 1;
		}
	if (W(c, i, "the") && (W(c, i + 1, "coming") || W(c, i + 1, "upcoming"))
	    && (W(c, i + 2, "time") || W(c, i + 2, "period"))
	    && free_after(c, i + 3) && !W(c, i + 3, "of")) {
		set_str(r, "FUTURE_REF"); /* "in the coming time" */
		return i + 3;
	}
	if ((W(c, i, "recent") && W(c, i + 1, "times"))
	    || (W(c, i, "the") && W(c, i + 1, "recent")
		&& W(c, i + 2, "past"))) {
		set_str(r, "PAST_REF");
		return i + (W(c, i, "the") ? 3 : 2);
	}
	if (W(c, i, "these") && W(c, i + 1, "days")) {
		set_str(r, "PRESENT_REF");
		return i + 2;
	}
	if (W(c, i, "the") && (W(c, i + 1, "near") || W(c, i + 1, "short"))
	    && (W(c, i + 2, "future") || W(c, i + 2, "term"))) {
		set_str(r, "FUTURE_REF");
		return i + 3;
	}
	if ((W(c, i, "the") || W(c, i, "at")) && W(c, i + 1, "present")
	    && !(i + 2 < c->n && c->t[i + 2].kind == T_WORD)) {
		set_str(r, "PRESENT_REF");
		return i + 2;
	}
	if (W(c, i, "the") && W(c, i + 1, "past")
	    && (i + 2 >= c->n || c->t[i + 2].kind == T_PUNCT
		|| Win(c, i + 2, clause_words))) {
		set_str(r, "PAST_REF");
		return i + 2;
	}
	if (W(c, i, "the") && W(c, i + 1, "future")
	    && (i + 2 >= c->n || c->t[i + 2].kind == T_PUNCT
		|| Win(c, i + 2, clause_words))) {
		set_str(r, "FUTURE_REF");
		return i + 2;
	}
	if (W(c, i, "today"))
		off = 0;
	else if (W(c, i, "yesterday"))
		off = -1;
	else if (W(c, i, "tomorrow"))
		off = 1;
	else if (W(c, i, "tonight"))
		tod = "TNI";
	else if (W(c, i, "this") && tod_tag(c, i + 1))
		tod = tod_tag(c, ++j);
	else if (W(c, i, "last") && W(c, i + 1, "night")) {
		off = -1;
		tod = "TNI";
		j++;
	} else
		return i;
	j++;
	if (!tod && !W(c, i, "tonight") && tod_tag(c, j))
		tod = tod_tag(c, j++); /* yesterday afternoon */
	r->relative = 1;
	if (!c->has_anchor) {
		set_str(r, "");
		return j;
	}
	d = c->a;
	date_add_days(&d, off);
	set_ymd(r, d.y, d.m, d.d);
	if (tod)
		put(r->value, sizeof r->value, tod);
	return j;
}

/* Sets r to the anchor-relative unit value shifted by `shift` units. */
static int unit_value(struct ctx *c, enum unit u, int shift, struct res *r)
{
	struct date_ymd d = c->a;

	r->relative = 1;
	if (!c->has_anchor) {
		set_str(r, "");
		return 1;
	}
	switch (u) {
	case U_DAY:
		date_add_days(&d, shift);
		set_ymd(r, d.y, d.m, d.d);
		return 1;
	case U_WEEK:
		date_add_days(&d, 7L * shift);
		set_week(r, &d);
		return 1;
	case U_WEEKEND:
		/* the weekend of the anchor's week; "last weekend" before */
		date_add_days(&d, 7L * shift);
		set_week(r, &d);
		put(r->value, sizeof r->value, "-WE");
		return 1;
	case U_MONTH:
		d.d = 1;
		date_add_months(&d, shift);
		set_ymd(r, d.y, d.m, 0);
		return 1;
	case U_QUARTER: {
		long q = (long)d.y * 4 + quarter_of(d.m) - 1 + shift;

		set_quarter_ref(r, (int)(q / 4), (int)(q % 4) + 1);
		return 1;
	}
	case U_YEAR:
		set_ymd(r, d.y + shift, 0, 0);
		return 1;
	case U_DECADE:
		r->value[0] = '\0';
		put_int(r->value, sizeof r->value, (d.y + 10 * shift) / 10, 3);
		return 1;
	case U_CENTURY:
		r->value[0] = '\0';
		put_int(r->value, sizeof r->value, (d.y + 100 * shift) / 100, 2);
		return 1;
	default:
		return 0;
	}
}

/* this|last|next|the coming|the current ... week|month|year|quarter|
 * weekend|season; "the quarter"; "the weekend". */
static size_t p_unit_rel(struct ctx *c, size_t i, struct res *r)
{
	size_t j = i;
	int shift, pl = 0, s;
	enum unit u;

	if (W(c, j, "this") && W(c, j + 1, "past")) {
		shift = -1;
		j++;
	} else if (W(c, j, "this") || W(c, j, "current"))
		shift = 0;
	else if (W(c, j, "last") || W(c, j, "previous"))
		shift = -1;
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
	if ((s = season_at(c, j))) {
		int y, am, as;

		if (!free_after(c, j + 1))
			return i;
		r->relative = 1;
		if (!c->has_anchor) {
			set_str(r, "");
			return j + 1;
		}
		y = c->a.y;
		am = c->a.m;
		as = season_of(am);
		if (shift < 0)
			y = (as > s && !(s == 4 && am <= 2)) ? y : y - 1;
		else if (shift == 1)
			y = as < s ? y : y + 1;
		if (s == 4 && am <= 2 && shift == 0)
			y--; /* winter of the previous December */
		set_tagged(r, y, season_tags[s], -1, 0);
		return j + 1;
	}
	if (shift == 2 && W(c, j, "period") && W(c, j - 1, "latest")
	    && c->last_q && free_after(c, j + 1)) {
		/* "the latest period" of a report on a quarter */
		r->relative = 1;
		set_quarter(r, c->last_q_y, c->last_q);
		return j + 1;
	}
	u = unit_at(c, j, &pl);
	if (u == U_NONE || pl || u == U_HOUR || u == U_MINUTE
	    || u == U_SECOND)
		return i;
	if (!free_after(c, j + 1))
		return i;
	if (shift == 2) {
		/* "the latest quarter", "the quarter": the last quarter
		 * begun at least a month and a half ago */
		if (u == U_QUARTER && c->has_anchor) {
			struct date_ymd d = c->a;

			date_add_days(&d, -45);
			r->relative = 1;
			set_quarter_ref(r, d.y, quarter_of(d.m));
			return j + 1;
		}
		if (u == U_WEEKEND) {
			int tense = tense_for(c, i, j + 1);

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
		set_quarter(r, c->last_q_y - 1, c->last_q);
		return j + 1;
	}
	unit_value(c, u, shift, r);
	return j + 1;
}

/* N units ago|earlier|before|later|from now; "a year ago" */
static size_t p_ago(struct ctx *c, size_t i, struct res *r)
{
	long v;
	size_t j = count_at(c, i, &v, 1), k;
	enum unit u;
	int pl = 0, dir;
	struct date_ymd d;

	if (j == i && unit_at(c, i, &pl) != U_NONE && pl
	    && W(c, i + 1, "ago")) {
		set_str(r, "PAST_REF"); /* months ago */
		return i + 2;
	}
	if (j == i)
		return i;
	u = unit_at(c, j, &pl);
	if (u == U_NONE || u == U_WEEKEND)
		return i;
	k = j + 1;
	if (W(c, k, "ago") || W(c, k, "earlier") || W(c, k, "before"))
		dir = -1;
	else if (W(c, k, "later") || W(c, k, "hence")
		 || (W(c, k, "from") && W(c, k + 1, "now")))
		dir = 1;
	else
		return i;
	if (W(c, k, "before") && !(k + 1 >= c->n
				   || c->t[k + 1].kind == T_PUNCT))
		return i; /* "two days before the vote": a signal */
	k += W(c, k, "from") ? 2 : 1;
	r->relative = 1;
	if (!c->has_anchor) {
		set_str(r, "");
		return k;
	}
	if (v < 0) {
		set_str(r, dir < 0 ? "PAST_REF" : "FUTURE_REF");
		return k;
	}
	if (u == U_HOUR || u == U_MINUTE || u == U_SECOND) {
		d = c->a;
		set_ymd(r, d.y, d.m, d.d);
		return k;
	}
	if (u == U_YEAR && c->last_q && v == 1) {
		set_quarter(r, c->last_q_y - 1, c->last_q);
		return k;
	}
	unit_value(c, u, (int)(dir * v), r);
	return k;
}

/* year-earlier, year-ago (adjectives): the previous year, or the same
 * quarter a year before when the sentence speaks of a quarter */
static size_t p_year_ago_adj(struct ctx *c, size_t i, struct res *r)
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
		set_str(r, "");
		return j;
	}
	if (c->last_q)
		set_quarter(r, c->last_q_y - 1, c->last_q);
	else if (q) {
		struct date_ymd d = c->a;

		date_add_days(&d, -45);
		set_quarter(r, d.y - 1, quarter_of(d.m));
	} else
		set_ymd(r, c->a.y - 1, 0, 0);
	return j;
}

/* [the] [YEAR | this year's | fiscal] ORD quarter|half [of [fiscal] YEAR];
 * ORD-quarter */
static size_t p_quarter(struct ctx *c, size_t i, struct res *r)
{
	size_t j = i;
	int y = 0, q, half = 0, rel = 0;

	if (W(c, j, "the"))
		j++;
	if (year_tok(c, j) && !glued(c, j + 1)) {
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
	q = Win(c, j, ordinals);
	if (!q) {
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
	if (W(c, j, "of") && W(c, j + 1, "fiscal") && year_tok(c, j + 2)) {
		y = (int)c->t[j + 2].num;
		j += 3;
	} else if (W(c, j, "of") && year_tok(c, j + 1)) {
		y = (int)c->t[j + 1].num;
		j += 2;
	}
	if (y == -1) {
		if (!c->has_anchor) {
			set_str(r, "");
			r->relative = 1;
			return j;
		}
		y = c->a.y + rel;
		r->relative = 1;
	} else if (y == 0) {
		r->relative = 1;
		if (!c->has_anchor) {
			set_str(r, "");
			return j;
		}
		y = c->a.y;
	}
	if (half)
		set_tagged(r, y, "H", q, 1);
	else
		set_quarter_ref(r, y, q);
	return j;
}

/* Years with context, year ranges, decades, fiscal years. */
static const char *const year_preps[] = {
	"in", "since", "of", "by", "until", "till", "before", "after", "from",
	"through", "during", "early", "late", "mid", "fiscal", "year", "the",
	"circa", "throughout", "between", "spring", "summer", "autumn", "fall",
	"winter", "beginning", "end", "for", "due", "post", "pre", NULL,
};

/* Words after which a year can be an adjective: "a 1996 law", "its 1990
 * invasion", "the company's 1989 results". */
static const char *const year_dets[] = {
	"a", "an", "that", "this", "its", "his", "her", "their", "our", "your",
	"my", "both", "whose", NULL,
};

/* An acronym: two or more letters, all upper case ("ADMM", "RIMPAC"). */
static int all_caps(const struct ctx *c, size_t i)
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

static size_t p_year(struct ctx *c, size_t i, struct res *r)
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
		put_int(r->value, sizeof r->value,
			190 + c->t[j + 1].num / 10, 3);
		return j + 3;
	}
	if (!year_tok(c, j))
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
		put_int(r->value, sizeof r->value, y / 10, 3);
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
			put_int(r->value, sizeof r->value, y, 4);
			put(r->value, sizeof r->value, "/");
			put_int(r->value, sizeof r->value, y2, 4);
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
	    && !(year_tok(c, j + 2) && c->t[j + 2].num >= 1900
		 && c->t[j + 2].num <= 2100))
		return i;
	/* context: a preposition or date word before, punctuation or the
	 * end after, or "'s" */
	if (!(fiscal || the || c->premod || (j > 0 && Win(c, j - 1, year_preps))
	      || (j > 0 && Win(c, j - 1, year_dets))
	      || (j > 1 && W(c, j - 1, "s") && apos(c, j - 2))
	      || (j > 1 && P(c, j - 1, ',') && year_tok(c, j - 2))
	      || (j > 0 && (W(c, j - 1, "and") || W(c, j - 1, "or")
			    || W(c, j - 1, "to") || dash(c, j - 1))
		  && j >= 2 && year_tok(c, j - 2))
	      || (j > 0 && month_at(c, j - 1))
	      || (j > 0 && c->t[j - 1].kind == T_WORD
		  && (c->t[j - 1].flags & F_CAP) && y >= 1990 && y <= 2100
		  && (Win(c, j + 1, event_heads)
		      || (all_caps(c, j - 1)
			  && !(j + 1 < c->n && c->t[j + 1].kind == T_WORD
			       && !(c->t[j + 1].flags & F_CAP)
			       && !Win(c, j + 1, clause_words)))))
	      || j + 1 >= c->n
	      || (c->t[j + 1].kind == T_PUNCT && !P(c, j + 1, '$')
		  && !P(c, j + 1, '%') && !P(c, j + 1, '-'))))
		return i;
	if (the) {
		/* "the 1988 period" */
		if (W(c, j + 1, "period") || W(c, j + 1, "season")) {
			set_ymd(r, y, 0, 0);
			return j + 2;
		}
		if (j + 1 < c->n && c->t[j + 1].kind == T_WORD)
			return i; /* "the (fiscal) 1998 budget": no "the" */
	}
	set_ymd(r, y, 0, 0);
	return j + 1;
}

/* Season [of] [YEAR]: "summer 2024", "the summer of 2024"; "the
 * summer" of the anchor's year, by tense. */
static size_t p_season(struct ctx *c, size_t i, struct res *r)
{
	size_t j = i;
	int s, y, as, tense;

	if (W(c, j, "the"))
		j++;
	s = season_at(c, j);
	if (!s)
		return i;
	j++;
	if (W(c, j, "of") && year_tok(c, j + 1))
		j++;
	if (year_tok(c, j) && free_after(c, j + 1)) {
		if (i + 2 == j && W(c, i, "the"))
			return i; /* "the summer 2024 drills": no "the" */
		set_tagged(r, (int)c->t[j].num, season_tags[s], -1, 0);
		return j + 1;
	}
	if ((j != i + 2 && !(j == i + 1 && c->premod)) || !free_after(c, j)
	    || W(c, j, "of"))
		return i;
	r->relative = 1;
	if (!c->has_anchor) {
		set_str(r, "");
		return j;
	}
	tense = tense_for(c, i, j);
	as = season_of(c->a.m);
	y = c->a.y;
	if (tense < 0 && s > as)
		y--;
	else if (tense > 0 && s < as)
		y++;
	set_tagged(r, y, season_tags[s], -1, 0);
	return j;
}

/* Q3, Q3 2025, H1 2026, 3Q 2025: quarters and halves in business style */
static size_t p_q_code(struct ctx *c, size_t i, struct res *r)
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
	if (year_tok(c, j) && free_after(c, j + 1)) {
		y = (int)c->t[j].num;
		j++;
	} else if (P(c, j, '/') && num(c, j + 1) && glued(c, j)
		   && glued(c, j + 1) && c->t[j + 1].ndig == 4) {
		y = (int)c->t[j + 1].num; /* Q3/2025 */
		j += 2;
	} else {
		r->relative = 1;
		if (!c->has_anchor) {
			set_str(r, "");
			return j;
		}
		y = c->a.y;
	}
	if (half)
		set_tagged(r, y, "H", q, 1);
	else
		set_quarter_ref(r, y, q);
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
static size_t p_time(struct ctx *c, size_t i, struct res *r)
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
	if (j < c->n && all_caps(c, j) && c->t[j].e - c->t[j].b <= 4
	    && (c->s[c->t[j].e - 1] == 'T' || W(c, j, "utc")))
		j++;
	memset(&day, 0, sizeof day);
	e = j;
	if (P(c, j, ',') && (weekday_at(c, j + 1) || month_at(c, j + 1))) {
		e = p_weekday(c, j + 1, &day);
		if (e == j + 1)
			e = p_month_day(c, j + 1, &day);
		if (e > j + 1 && strlen(day.value) == 10)
			j++;
		else
			e = j;
	}
	if (e == j && j < c->n) {
		e = p_weekday(c, j, &day);
		if (e == j)
			e = p_deictic(c, j, &day);
		if (e == j)
			e = p_month_day(c, j, &day);
		if (e > j && strlen(day.value) != 10)
			e = j; /* not a plain day */
	}
	r->relative = 1;
	if (e > j) {
		set_str(r, day.value);
		r->relative = day.relative;
		j = e;
	} else if (c->last_day[0] && i >= 1 && c->last_day_end == i - 1
		   && (W(c, i - 1, "at") || W(c, i - 1, "around")
		       || W(c, i - 1, "by"))) {
		set_str(r, c->last_day); /* "on Wednesday at 10 p.m." */
	} else if (c->has_anchor) {
		set_ymd(r, c->a.y, c->a.m, c->a.d);
	} else {
		set_str(r, "");
		return j;
	}
	put(r->value, sizeof r->value, "T");
	put_int(r->value, sizeof r->value, h, 2);
	put(r->value, sizeof r->value, ":");
	put_int(r->value, sizeof r->value, mi, 2);
	return j;
}

/* [the] 20th century → "19"; [the] nineties → "199" */
static size_t p_century(struct ctx *c, size_t i, struct res *r)
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
		put_int(r->value, sizeof r->value, 190 + k + 1, 3);
		return j + 1;
	}
	if (num(c, j) && c->t[j].num >= 1 && c->t[j].num <= 30
	    && glued(c, j + 1) && (W(c, j + 1, "st") || W(c, j + 1, "nd")
				   || W(c, j + 1, "rd") || W(c, j + 1, "th"))
	    && W(c, j + 2, "century")) {
		r->value[0] = '\0';
		put_int(r->value, sizeof r->value, c->t[j].num - 1, 2);
		return j + 3;
	}
	return i;
}

/* Anaphoric dates, resolved against the date last named in the article
 * (the reference time), not the article's date: "that year", "the same
 * day", "the following year", "the previous month", "the next day",
 * "the day before". Without a reference the value is empty. */
static size_t p_anaphor(struct ctx *c, size_t i, struct res *r)
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
	u = unit_at(c, j, NULL);
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
	if (!c->ref.y) {
		set_str(r, "");
		return k;
	}
	switch (u) {
	case U_DAY:
		if (!d.d)
			set_str(r, "");
		else {
			date_add_days(&d, shift);
			set_ymd(r, d.y, d.m, d.d);
		}
		break;
	case U_WEEK:
		if (!d.d)
			set_str(r, "");
		else {
			date_add_days(&d, 7L * shift);
			set_week(r, &d);
		}
		break;
	case U_MONTH:
		if (!d.m)
			set_str(r, "");
		else {
			if (!d.d)
				d.d = 1;
			date_add_months(&d, shift);
			set_ymd(r, d.y, d.m, 0);
		}
		break;
	default:
		set_ymd(r, d.y + shift, 0, 0);
		break;
	}
	return k;
}

/* "the year", "the full year", "the fiscal year", "the month": the
 * anchor's year or month. */
static size_t p_the_unit(struct ctx *c, size_t i, struct res *r)
{
	size_t j = i + 1;
	int month;

	if (!W(c, i, "the"))
		return i;
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
	r->relative = 1;
	if (!c->has_anchor) {
		set_str(r, "");
		return j;
	}
	set_ymd(r, c->a.y, month ? c->a.m : 0, 0);
	return j;
}

/* Spelled-out years: "nineteen ninety-six", "nineteen hundred", "the year
 * two thousand", "two thousand and one" (after "in", "since", ...). */
static size_t p_spelled_year(struct ctx *c, size_t i, struct res *r)
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
			k = count_at(c, j + 1, &x, 0);
			if (k == j + 1 || x < 10 || x > 99)
				return i;
		}
	} else if (W(c, j, "two") && W(c, j + 1, "thousand")
		   && (year_prefix || (i > 0 && Win(c, i - 1, year_preps)))) {
		v = 2000;
		k = j + 2;
		if (W(c, k, "and") && count_at(c, k + 1, &x, 0) > k + 1
		    && x > 0)
			k = count_at(c, k + 1, &x, 0);
		else if (count_at(c, k, &x, 0) > k && x > 0)
			k = count_at(c, k, &x, 0);
		else
			x = 0;
	} else {
		return i;
	}
	if (!free_after(c, k) || (k < c->n && c->t[k].kind == T_WORD
				  && unit_at(c, k, NULL) != U_NONE))
		return i;
	set_ymd(r, (int)(v + x), 0, 0);
	return k;
}

/* Durations: N units, N-unit, the past N units, several years. */
static size_t p_duration(struct ctx *c, size_t i, struct res *r)
{
	size_t j = i, k;
	long v;
	enum unit u;
	int pl = 0;
	const char *code;

	if (W(c, j, "the") && (W(c, j + 1, "future") || W(c, j + 1, "coming"))
	    && unit_at(c, j + 2, &pl) != U_NONE && pl && free_after(c, j + 3)) {
		set_str(r, "FUTURE_REF"); /* the coming weeks */
		return j + 3;
	}
	if (W(c, j, "the") && (W(c, j + 1, "past") || W(c, j + 1, "last")
			       || W(c, j + 1, "next")
			       || W(c, j + 1, "previous")
			       || W(c, j + 1, "coming")
			       || W(c, j + 1, "first")))
		j += 2;
	else if (W(c, j, "the") && W(c, j + 1, "latest")
		 && count_at(c, j + 2, &v, 0) > j + 2 && v > 0)
		j += 2; /* the latest nine months */
	else if (W(c, j, "the") && count_at(c, j + 1, &v, 0) > j + 1 && v > 0)
		j++; /* the nine months */
	else if (W(c, j, "the"))
		return i;
	else if ((W(c, j, "future") || W(c, j, "coming"))
		 && unit_at(c, j + 1, &pl) != U_NONE && pl
		 && free_after(c, j + 2)) {
		set_str(r, "FUTURE_REF"); /* future quarters */
		return j + 2;
	}
	k = count_at(c, j, &v, 1);
	if (k == j && j > i && W(c, j - 1, "the"))
		return i;
	if (k > j && (W(c, j, "a") || W(c, j, "an")) && j > 0
	    && (W(c, j - 1, "once") || W(c, j - 1, "twice")
		|| W(c, j - 1, "thrice") || W(c, j - 1, "times")))
		return i; /* "twice a year" is a frequency (TIMEX3 SET) */
	if (k == j) {
		/* "the past year"; "for years" */
		if (j == i + 2 && !W(c, i + 1, "first")
		    && (u = unit_at(c, j, &pl)) != U_NONE && !pl) {
			v = 1;
			k = j;
		} else if (j == i && (u = unit_at(c, j, &pl)) != U_NONE && pl
			   && u != U_HOUR && u != U_MINUTE && u != U_SECOND
			   && u != U_QUARTER && u != U_WEEKEND
			   && !(i > 0 && (c->t[i - 1].kind == T_NUM
					  || Win(c, i - 1, ones)
					  || Win(c, i - 1, tens)))) {
			v = -1;
			k = j;
		} else {
			return i;
		}
	}
	if (k > j && dash(c, k) && glued(c, k) && glued(c, k + 1))
		k++; /* two-year */
	else if (k > j && c->t[k - 1].kind == T_NUM && glued(c, k)
		 && c->t[k].kind == T_WORD)
		return i;
	u = unit_at(c, k, &pl);
	if (u == U_NONE)
		return i;
	if (v == 1 && pl)
		return i;
	if (u == U_QUARTER && j == i)
		return i; /* "a quarter of", "three-quarters": fractions */
	if (v > 1 && !pl && !dash(c, k - 1))
		return i;
	if (W(c, k + 1, "old") || (dash(c, k + 1) && W(c, k + 2, "old")))
		return i; /* ages are not durations */
	if (dash(c, k + 1) && glued(c, k + 1))
		return i; /* "a year-earlier" */
	if (v < 0 && j == i && i > 0 && (W(c, i - 1, "future")
					 || W(c, i - 1, "coming")))
		return i; /* FUTURE_REF from the adjective, above */
	if (v < 0 && (W(c, j, "recent")
		      || (j == i + 2 && (W(c, i + 1, "past")
					 || W(c, i + 1, "last")
					 || W(c, i + 1, "previous"))))) {
		set_str(r, "PAST_REF"); /* recent years, the past few months */
		return k + 1;
	}
	switch (u) {
	case U_DAY: code = "D"; break;
	case U_WEEK: code = "W"; break;
	case U_MONTH: code = "M"; break;
	case U_QUARTER: code = "Q"; break;
	case U_YEAR: code = "Y"; break;
	case U_DECADE: code = v < 0 ? "DE" : "Y"; break; /* P20Y */
	case U_CENTURY: code = v < 0 ? "CE" : "Y"; break; /* P100Y */
	case U_HOUR: code = "H"; break;
	case U_MINUTE: code = "M"; break;
	case U_SECOND: code = "S"; break;
	case U_WEEKEND: code = "WE"; break;
	default: return i;
	}
	set_str(r, u >= U_HOUR && u <= U_SECOND ? "PT" : "P");
	if (v < 0)
		put(r->value, sizeof r->value, "X");
	else
		put_int(r->value, sizeof r->value,
			u == U_DECADE ? 10 * v : u == U_CENTURY ? 100 * v : v,
			0);
	put(r->value, sizeof r->value, code);
	return k + 1;
}

/* The longest pattern at token i (after the modifiers). */
static size_t core(struct ctx *c, size_t i, struct res *r)
{
	size_t (*const fns[])(struct ctx *, size_t, struct res *) = {
		p_absolute, p_month_day, p_month, p_weekday, p_deictic,
		p_unit_rel, p_ago, p_year_ago_adj, p_quarter, p_year, p_season,
		p_anaphor, p_duration, p_the_unit, p_spelled_year, p_century,
		p_q_code, p_time,
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
			put(r->mod, sizeof r->mod, "APPROX");
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
				put(r->mod, sizeof r->mod, mod);
			}
			return e;
		}
		if (e > j && !strcmp(mod, "APPROX")) {
			put(r->mod, sizeof r->mod, mod);
			return e;
		}
		memset(r, 0, sizeof *r);
		if (W(c, i, "earlier") || W(c, i, "later"))
			return i;
	}
	return core(c, i, r);
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
	"less", "noon", "midday", "midnight", NULL,
};

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

/* ---- the lexicon: every closed-class word once, with its classes ---- */

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
	{ starters, L_START }, { start_words, L_START }, { ones, L_START },
	{ tens, L_START }, { vague_counts, L_START },
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
	tokenize(&c);
	mark_tense(&c);
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
