#ifndef WIRE_DATE_FIND_IMPL_H
#define WIRE_DATE_FIND_IMPL_H
/*
 * date_find_impl.h — private to lib/dates/date_find*.c: the token and
 * context types of the date scanner, the token tests every pattern uses
 * (inline), and the functions the parts call across files, prefixed df_.
 *
 *   date_find.c   the scan: patterns tried at each token, longest kept;
 *                 date_find, date_find_doc
 *   date_scan.c   value buffers, tokens, closed word classes, tense cues,
 *                 resolution against the anchor, the lexicon
 *   date_abs.c    calendar patterns: absolute dates, months, weekdays,
 *                 quarters, years, seasons, centuries, spelled years
 *   date_rel.c    relative patterns: today/yesterday, "three weeks ago",
 *                 "last month", times of day, anaphors, durations
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

enum unit { U_NONE, U_DAY, U_WEEK, U_MONTH, U_QUARTER, U_YEAR, U_DECADE,
	    U_CENTURY, U_HOUR, U_MINUTE, U_SECOND, U_WEEKEND };

static inline int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

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
static inline int Win(const struct ctx *c, size_t i, const char *const *list)
{
	int k;

	if (i >= c->n || c->t[i].kind != T_WORD)
		return 0;
	for (k = 0; list[k]; k++)
		if (eqw(c->s + c->t[i].b, c->t[i].e - c->t[i].b, list[k]))
			return k + 1;
	return 0;
}

static inline int P(const struct ctx *c, size_t i, char ch)
{
	return i < c->n && c->t[i].kind == T_PUNCT
	       && c->t[i].e - c->t[i].b == 1 && c->s[c->t[i].b] == ch;
}

/* A dash: - – — (hyphen, en dash, em dash) */
static inline int dash(const struct ctx *c, size_t i)
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
static inline int apos(const struct ctx *c, size_t i)
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
static inline int glued(const struct ctx *c, size_t i)
{
	return i < c->n && !(c->t[i].flags & F_SP);
}

static inline int num(const struct ctx *c, size_t i)
{
	return i < c->n && c->t[i].kind == T_NUM && !(c->t[i].flags & F_GROUP);
}

/* Token i can follow a date expression: not glued to a word or number. */
static inline int free_after(const struct ctx *c, size_t i)
{
	return i >= c->n || !glued(c, i) || c->t[i].kind == T_PUNCT;
}

static inline int month_at(const struct ctx *c, size_t i)
{
	if (i >= c->n || c->t[i].kind != T_WORD)
		return 0;
	return date_month_word(c->s + c->t[i].b, c->t[i].e - c->t[i].b);
}

/* Full weekday names only ("Sun" and "Sat" are too ambiguous in text). */
static inline int weekday_at(const struct ctx *c, size_t i)
{
	size_t l;

	if (i >= c->n || c->t[i].kind != T_WORD)
		return 0;
	l = c->t[i].e - c->t[i].b;
	return l >= 6 ? date_weekday_word(c->s + c->t[i].b, l) : 0;
}

/* date_scan.c */

void df_put(char *dst, size_t cap, const char *s);
void df_put_int(char *dst, size_t cap, long v, int width);
void df_set_ymd(struct res *r, int y, int m, int d);
void df_put_day_range(struct res *r, int y, int m, int d);
void df_set_str(struct res *r, const char *v);
void df_set_tagged(struct res *r, int y, const char *tag, int num,
		       int width);
void df_set_week(struct res *r, const struct date_ymd *d);
void df_tokenize(struct ctx *c);
extern const char *const df_ones[];
extern const char *const df_tens[];
extern const char *const df_ordinals[];
size_t df_count_at(const struct ctx *c, size_t i, long *v, int allow_a);
enum unit df_unit_at(const struct ctx *c, size_t i, int *plural);
int df_season_at(const struct ctx *c, size_t i);
extern const char *const df_season_tags[];
int df_season_of(int m);
int df_year_tok(const struct ctx *c, size_t i);
void df_mark_tense(struct ctx *c);
int df_tense_for(const struct ctx *c, size_t b, size_t e);
int df_tense_month(const struct ctx *c, size_t b, size_t e);
int df_year_for_month(const struct ctx *c, int m, int tense);
void df_resolve_weekday(const struct ctx *c, int wd, int rel, int tense,
			    struct date_ymd *out);
int df_quarter_of(int m);

/* date_abs.c */

void df_set_quarter(struct res *r, int y, int q);
void df_set_quarter_ref(struct res *r, int y, int q);
size_t df_p_absolute(struct ctx *c, size_t i, struct res *r);
size_t df_p_month_day(struct ctx *c, size_t i, struct res *r);
size_t df_p_month(struct ctx *c, size_t i, struct res *r);
const char *df_tod_tag(const struct ctx *c, size_t i);
size_t df_p_weekday(struct ctx *c, size_t i, struct res *r);
size_t df_p_quarter(struct ctx *c, size_t i, struct res *r);
int df_all_caps(const struct ctx *c, size_t i);
size_t df_p_year(struct ctx *c, size_t i, struct res *r);
size_t df_p_season(struct ctx *c, size_t i, struct res *r);
size_t df_p_q_code(struct ctx *c, size_t i, struct res *r);
size_t df_p_century(struct ctx *c, size_t i, struct res *r);
size_t df_p_spelled_year(struct ctx *c, size_t i, struct res *r);
size_t df_p_holiday(struct ctx *c, size_t i, struct res *r);

/* date_rel.c */

extern const char *const df_clause_words[];
size_t df_p_deictic(struct ctx *c, size_t i, struct res *r);
size_t df_p_unit_rel(struct ctx *c, size_t i, struct res *r);
size_t df_p_ago(struct ctx *c, size_t i, struct res *r);
size_t df_p_year_ago_adj(struct ctx *c, size_t i, struct res *r);
size_t df_p_time(struct ctx *c, size_t i, struct res *r);
size_t df_p_anaphor(struct ctx *c, size_t i, struct res *r);
size_t df_p_the_unit(struct ctx *c, size_t i, struct res *r);
size_t df_p_duration(struct ctx *c, size_t i, struct res *r);
size_t df_p_set(struct ctx *c, size_t i, struct res *r);

#endif
