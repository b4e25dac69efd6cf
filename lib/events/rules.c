/*
 * rules — the meetings told by one sentence: its meeting words (model
 * phrases), the sides each one links (the people or unnamed
 * delegations after it, the person before it or the article's main
 * actor), its mode, and the cues that make it an announcement instead.
 * docs/events.md explains the rules with examples.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "events_impl.h"
#include "wire/core/err.h"

#define MAXTRIG 16
#define MAXITEM 32
#define GAP_WORDS 24

struct trig {
	uint32_t b, e;
	const struct ev_phrase *ph;
};

/* A possible side: a person, or an unnamed delegation of a country. */
struct item {
	uint32_t b, e;
	size_t ent;
	int person;   /* resolved person index, or -1 */
	uint32_t iso;
	int counterpart;  /* an unnamed side called a counterpart */
};

struct sent_ctx;
static int gap_ok(const struct sent_ctx *c, size_t b, size_t e);

struct sent_ctx {
	struct events_doc *d;
	size_t si;
	const struct ev_sent *s;
	const char *t, *f;      /* text and folded text */
	struct trig tr[MAXTRIG];
	size_t ntr;
	int mode;               /* a mode cue of the sentence, -1 */
	int later;              /* an announcement anywhere in the sentence */
	uint32_t future[MAXTRIG];
	size_t nfuture;
	struct item it[MAXITEM];
	size_t nit;
};

static int is_word(unsigned char c)
{
	return isalnum(c) || c >= 0x80 || c == '-' || c == '\'';
}

static void scan_phrases(struct sent_ctx *c)
{
	const struct events_model *m = c->d->m;
	size_t n = c->s->len;

	c->mode = -1;
	for (size_t i = 0; i < n;) {
		if (!is_word((unsigned char)c->f[i]) || (i && is_word((unsigned char)c->f[i - 1]))) {
			i++;
			continue;
		}
		long j = ev_match(m, c->f, i, n, -1);
		if (j < 0) {
			i++;
			continue;
		}
		const struct ev_phrase *ph = &m->ph[j];
		if (ph->kind == K_MODE && c->mode < 0)
			c->mode = ph->mode;
		else if (ph->kind == K_LATER)
			c->later = 1;
		else if (ph->kind == K_FUTURE && c->nfuture < MAXTRIG)
			c->future[c->nfuture++] = (uint32_t)i;
		else if ((ph->kind <= K_VISIT || (ph->kind == K_OPEN && i == 0)) && c->ntr < MAXTRIG)
			c->tr[c->ntr++] = (struct trig){ (uint32_t)i, (uint32_t)(i + ph->n), ph };
		i += ph->n;
	}
}

/* Whether the nationality or country at mention x names an unnamed side:
 * "delegation(s) from X", "X's delegation", "his X counterpart",
 * "officials from X", "the X side". */
static int unnamed_context(const struct sent_ctx *c, const struct ev_ent *x)
{
	static const char *const before[] = { "delegation", "delegations", "counterpart", "officials",
					      "from" };
	static const char *const after[] = { " delegation", " counterpart", " officials", " side",
					     " defence delegation", " defense delegation", " military delegation" };
	size_t lo = x->b > 40 ? x->b - 40 : 0;

	for (size_t i = 0; i < sizeof(before) / sizeof(*before); i++) {
		size_t n = strlen(before[i]);
		for (size_t p = lo; p + n < x->b; p++)
			if (c->f[p] == before[i][0] && !memcmp(c->f + p, before[i], n) &&
			    (!p || !is_word((unsigned char)c->f[p - 1])) &&
			    !is_word((unsigned char)c->f[p + n]))
				return 1;
	}
	for (size_t i = 0; i < sizeof(after) / sizeof(*after); i++) {
		size_t n = strlen(after[i]);
		if (x->e + n <= c->s->len && !memcmp(c->f + x->e, after[i], n))
			return 1;
	}
	return 0;
}

/* "his Lao and Cambodian counterparts": a nationality joined by "and"
 * to one that names an unnamed side. */
static int listed_with_side(const struct sent_ctx *c, size_t k)
{
	const struct ev_ent *x = &c->d->e[k], *y = x + 1;

	if (k + 1 >= c->s->ent0 + c->s->nent || y->type != x->type || y->b != x->e + 5 ||
	    memcmp(c->f + x->e, " and ", 5))
		return 0;
	return unnamed_context(c, y);
}

/* Whether the nationality at mention k only describes the person named
 * right after it ("Chinese counterpart Dong Jun", "his Australian
 * counterpart, Richard Marles"): then the person is the side. */
static int names_follow(const struct sent_ctx *c, size_t k)
{
	const struct ev_ent *x = &c->d->e[k];

	for (size_t j = k + 1; j < c->s->ent0 + c->s->nent; j++) {
		const struct ev_ent *y = &c->d->e[j];
		if (y->type == T_PERSON)
			return y->b - x->e < 80 && gap_ok(c, x->e, y->b);
		if (y->type != T_ORG && y->type != T_NORP)
			return 0;
	}
	return 0;
}

static void collect_items(struct sent_ctx *c)
{
	struct events_doc *d = c->d;

	for (size_t k = c->s->ent0; k < c->s->ent0 + c->s->nent && c->nit < MAXITEM; k++) {
		const struct ev_ent *x = &d->e[k];
		struct item *it = &c->it[c->nit];
		if (x->type == T_PERSON && x->person >= 0) {
			*it = (struct item){ x->b, x->e, k, ev_person_of(d, x->person), 0, 0 };
			c->nit++;
		} else if ((x->type == T_NORP || x->type == T_GPE || x->type == T_ORG) && x->iso &&
			   strlen(ev_str(d, x->iso)) == 2 &&
			   (unnamed_context(c, x) || listed_with_side(c, k)) && !names_follow(c, k)) {
			*it = (struct item){ x->b, x->e, k, -1, x->iso, 0 };
			const char *cp = memmem(c->f + x->e, c->s->len - x->e, "counterpart", 11);
			it->counterpart = cp && cp - (c->f + x->e) < 24;
			c->nit++;
		}
	}
}

/* A word of the original text at [b, e) that may stand in a name or a
 * title: capitalised, an abbreviation, a number or punctuation. */
static int titleish(const struct sent_ctx *c, size_t b, size_t e)
{
	unsigned char ch = (unsigned char)c->t[b];

	return isupper(ch) || ch >= 0x80 || isdigit(ch) || c->t[e - 1] == '.';
}

/* Whether t[b..e) holds only titles, fillers and punctuation, in at most
 * GAP_WORDS words: the slot between a meeting word and its side. */
static int gap_ok(const struct sent_ctx *c, size_t b, size_t e)
{
	int words = 0;

	for (size_t i = b; i < e;) {
		if (!is_word((unsigned char)c->f[i])) {
			if (c->f[i] == ';' || c->f[i] == ':')
				return 0;
			i++;
			continue;
		}
		size_t j = i;
		while (j < e && is_word((unsigned char)c->f[j]))
			j++;
		size_t we = j < e && c->f[j] == '.' ? j + 1 : j;
		if (!titleish(c, i, we) && ev_match(c->d->m, c->f, i, j, K_FILLER) < 0)
			return 0;
		if (++words > GAP_WORDS)
			return 0;
		i = j;
	}
	return 1;
}

/* Words that may stand between "and" and a name: "and the", "and his". */
static int skippable(const char *w, size_t n)
{
	return (n == 2 && !memcmp(w, "of", 2)) ||
	       (n == 3 && (!memcmp(w, "the", 3) || !memcmp(w, "his", 3) || !memcmp(w, "her", 3) ||
			   !memcmp(w, "for", 3))) ||
	       (n == 5 && !memcmp(w, "their", 5)) || (n == 11 && !memcmp(w, "counterpart", 11));
}

/* The last word before `pos` that is not part of a name or title
 * ("and" in "and Singaporean Permanent Secretary X"), or ',' when a
 * comma comes first. Returns its first byte (or the comma), or NULL. */
static const char *word_before(const struct sent_ctx *c, size_t lo, size_t pos)
{
	size_t i = pos;

	while (i > lo) {
		while (i > lo && (c->f[i - 1] == ' ' || c->f[i - 1] == '(' || c->f[i - 1] == ')'))
			i--;
		if (i > lo && c->f[i - 1] == ',') {
			/* "and his Thai counterpart, General X": the apposition
			 * of "counterpart" is transparent */
			if (i - 1 >= lo + 11 && !memcmp(c->f + i - 12, "counterpart", 11)) {
				i -= 12;
				continue;
			}
			return c->f + i - 1;
		}
		size_t e = i;
		while (i > lo && (is_word((unsigned char)c->f[i - 1]) || c->f[i - 1] == '.'))
			i--;
		if (i == e)
			return NULL;
		if (!titleish(c, i, e) && !skippable(c->f + i, e - i))
			return c->f + i;
	}
	return NULL;
}

/* Whether item k continues the list that item k-1 ends: "A and B",
 * "from X, Y and Z" (commas join unnamed sides, and people when `commas`:
 * "A, B and C co-chaired"). */
static int list_member(const struct sent_ctx *c, size_t k, int commas)
{
	const char *w = word_before(c, c->it[k - 1].e, c->it[k].b);

	if (!w)
		return 0;
	if (*w == ',')
		return commas || (c->it[k].person < 0 && c->it[k - 1].person < 0);
	return !strncmp(w, "and ", 4) || !strncmp(w, "with ", 5);
}

static size_t next_trig_start(const struct sent_ctx *c, size_t ti)
{
	return ti + 1 < c->ntr ? c->tr[ti + 1].b : c->s->len;
}

/* Whether the first side after a meeting word is not met after all: a
 * possessor ("welcomed Y's remarks"), or one urged to act ("called on Y
 * to ensure ..."). */
static int not_met(const struct sent_ctx *c, const struct trig *t, const struct item *it)
{
	const char *f = c->f + it->e;
	size_t rest = c->s->len - it->e;

	if ((rest >= 2 && !memcmp(f, "'s", 2)) || (rest >= 4 && !memcmp(f, "\xe2\x80\x99s", 4)))
		return 1;
	if (t->ph->n >= 4 && !memcmp(t->ph->text, "call", 4) && !memcmp(t->ph->text + t->ph->n - 3, " on", 3)) {
		const char *to = memmem(f, rest < 48 ? rest : 48, " to ", 4);
		return to && !memchr(f, ',', (size_t)(to - f));
	}
	return 0;
}

/* The sides after trigger ti: items [*first, *end); returns how many. */
static size_t objects(const struct sent_ctx *c, size_t ti, size_t *first, size_t *end)
{
	const struct trig *t = &c->tr[ti];
	size_t lim = next_trig_start(c, ti), k = 0;

	while (k < c->nit && c->it[k].b < t->e)
		k++;
	*first = *end = k;
	if (k == c->nit || c->it[k].b >= lim || !gap_ok(c, t->e, c->it[k].b))
		return 0;
	/* "his Australian counterpart, Richard Marles": the name wins */
	for (size_t j = k + 1; c->it[k].person < 0 && j < c->nit && c->it[j].b < lim; j++)
		if (c->it[j].person >= 0) {
			if (gap_ok(c, t->e, c->it[j].b))
				*first = k = j;
			break;
		}
	if (not_met(c, t, &c->it[k]) ||
	    (c->it[k].person >= 0 && memmem(c->f + t->e, c->it[k].b - t->e, " from ", 6) &&
	     !memmem(c->f + t->e, c->it[k].b - t->e, "led by", 6) &&
	     strcmp(t->ph->text + t->ph->n - 4, "from"))) {
		/* "received the Order of Friendship from Y": a thing, not a
		 * meeting (unless the meeting word says "from", or a
		 * delegation from somewhere is "led by" Y) */
		*end = k;
		return 0;
	}
	int named = c->it[k].person >= 0;
	for (*end = k + 1; *end < c->nit && c->it[*end].b < lim; ++*end)
		if ((c->it[*end].person >= 0) != named || !list_member(c, *end, 0))
			break;
	return *end - *first;
}

/* Whether a date next to the meeting word ("met Y in 2019", "in April
 * 2022 they held talks") lies a month or more before the article's date:
 * background, not news. */
static int past_date(const struct sent_ctx *c, const struct trig *t)
{
	const struct events_doc *d = c->d;
	const char *pub = ev_str(d, d->date);

	if (strlen(pub) < 7)
		return 0;
	int py = atoi(pub), pm = atoi(pub + 5);
	for (size_t k = c->s->ent0; k < c->s->ent0 + c->s->nent; k++) {
		const struct ev_ent *x = &d->e[k];
		const char *v = ev_str(d, x->value);
		if (x->type != T_DATE || strlen(v) < 4 || v[0] < '1' || v[0] > '2' ||
		    x->b + 30 < t->b || x->b > t->e + 40)
			continue;
		int y = atoi(v), m = strlen(v) >= 7 && v[4] == '-' ? atoi(v + 5) : 12;
		if (y * 12 + m < py * 12 + pm - 1)
			return 1;
	}
	return 0;
}

static int future_before(const struct sent_ctx *c, uint32_t pos)
{
	for (size_t i = 0; i < c->nfuture; i++)
		if (c->future[i] < pos)
			return 1;
	return c->later;
}

/* The EVENT mention a meeting of this sentence happened at, or -1:
 * one in the sentence, else for a meeting on the sidelines the last
 * first one of the article (the meeting it reports). */
static int event_at(const struct sent_ctx *c, int mode)
{
	const struct events_doc *d = c->d;

	for (size_t k = c->s->ent0; k < c->s->ent0 + c->s->nent; k++)
		if (d->e[k].type == T_EVENT)
			return (int)k;
	if (mode != d->m->sidelines)
		return -1;
	if (d->ctx_at >= 0)
		return d->ctx_at;
	for (size_t k = 0; k < c->s->ent0; k++)
		if (d->e[k].type == T_EVENT)
			return (int)k;
	return -1;
}

static struct ev_event *new_event(struct sent_ctx *c, const struct trig *t, int mode)
{
	struct events_doc *d = c->d;

	if (d->nev == d->evalloc) {
		d->evalloc = d->evalloc ? 2 * d->evalloc : 16;
		d->ev = xrealloc(d->ev, d->evalloc * sizeof(*d->ev));
	}
	struct ev_event *ev = &d->ev[d->nev++];
	memset(ev, 0, sizeof(*ev));
	ev->mode = mode;
	ev->at = event_at(c, mode);
	ev->nevid = 1;
	ev->evid[0] = (struct ev_evid){ c->si, t->b, t->e };
	return ev;
}

static void add_side(struct ev_event *ev, const struct item *it, int actor)
{
	struct ev_side sd = { it ? it->person : actor, it ? it->iso : 0, it ? it->counterpart : 0 };

	for (int i = 0; i < ev->nside; i++)
		if (ev->side[i].person == sd.person && (sd.person >= 0 || ev->side[i].iso == sd.iso))
			return;
	if (ev->nside < EV_MAXSIDE)
		ev->side[ev->nside++] = sd;
	if (it) {
		if (it->b < ev->evid[0].b)
			ev->evid[0].b = it->b;
		if (it->e > ev->evid[0].e)
			ev->evid[0].e = it->e;
	}
}

/* The first side of trigger ti: the nearest person before it (with the
 * one joined to it by "and"), else the first person after its objects
 * across a comma ("During talks with A, ..., B said"). Items [*b, *e). */
static void subjects(const struct sent_ctx *c, size_t ti, size_t ob, size_t oe, size_t *b,
		     size_t *e)
{
	const struct trig *t = &c->tr[ti];

	*b = *e = 0;
	for (size_t k = ob; k-- > 0;)
		if (c->it[k].person >= 0 && c->it[k].e <= t->b) {
			*e = k + 1;
			while (k > 0 && c->it[k - 1].person >= 0 &&
			       list_member(c, k, t->ph->kind == K_COCHAIR))
				k--;
			*b = k;
			return;
		}
	for (size_t k = oe; k < c->nit; k++)
		if (c->it[k].person >= 0 && memchr(c->f + t->e, ',', c->it[k].b - t->e)) {
			*b = k;
			*e = k + 1;
			return;
		}
}

/* The most prominent person other than `p`, or -1. */
static int runner_up(const struct events_doc *d, int p)
{
	int best = -1;

	for (size_t i = 0; i < d->np; i++)
		if (d->p[i].same < 0 && (int)i != p && (best < 0 || d->p[i].score > d->p[best].score))
			best = (int)i;
	return best;
}

/* "At their meeting, A and B ...": the people of the sentence, or the
 * one named and the main actor. */
static void joint(struct sent_ctx *c, const struct trig *t, int mode)
{
	struct ev_event *ev = new_event(c, t, mode);

	for (size_t k = 0; k < c->nit && ev->nside < 2; k++)
		if (c->it[k].person >= 0)
			add_side(ev, &c->it[k], -1);
	if (ev->nside == 1 && c->d->actor >= 0)
		add_side(ev, NULL, c->d->actor);
	if (ev->nside == 1)  /* the one named is the main actor: the next one */
		add_side(ev, NULL, runner_up(c->d, ev->side[0].person));
	if (ev->nside < 2 || ev->side[1].person < 0)
		c->d->nev--;
}

/* The person a sentence names by office before the meeting word ("The
 * Deputy Minister also welcomed ..."): the one mentioned last whose role
 * begins with those words; -1 when none. */
static int by_role(const struct sent_ctx *c, const struct trig *t)
{
	const struct events_doc *d = c->d;
	int best = -1;

	for (size_t i = 0; i + 4 < t->b; i++) {
		if (memcmp(c->f + i, "the ", 4) || (i && is_word((unsigned char)c->f[i - 1])))
			continue;
		size_t b = i + 4, e = b;
		while (e < t->b && (isupper((unsigned char)c->t[e]) || c->t[e] == ' ')) {
			while (e < t->b && is_word((unsigned char)c->t[e]))
				e++;
			if (e < t->b && c->t[e] == ' ' && e + 1 < t->b && isupper((unsigned char)c->t[e + 1]))
				e++;
			else
				break;
		}
		if (e <= b + 2 || !isupper((unsigned char)c->t[b]))
			continue;
		for (size_t k = 0; k < d->s[c->si].ent0; k++) {
			const struct ev_ent *x = &d->e[k];
			if (x->type != T_PERSON || x->person < 0)
				continue;
			int p = ev_person_of(d, x->person);
			const char *role = ev_str(d, d->p[p].role);
			if (strlen(role) >= e - b && !strncasecmp(role, c->t + b, e - b))
				best = p;
		}
		if (best >= 0)
			return best;
	}
	return -1;
}

/* Whether nationality x heads a noun that names a person or a side:
 * "the Japanese minister", "the Vietnamese defence leader". */
static int nationality_head(const struct sent_ctx *c, const struct ev_ent *x)
{
	static const char *const heads[] = { " minister", " defence leader", " defense leader",
					     " official", " general", " admiral", " chief", " guest",
					     " host", " side", " leader", " envoy", " ambassador" };

	for (size_t i = 0; i < sizeof(heads) / sizeof(*heads); i++) {
		size_t n = strlen(heads[i]);
		if (x->e + n <= c->s->len && !memcmp(c->f + x->e, heads[i], n) &&
		    (x->e + n == c->s->len || !is_word((unsigned char)c->f[x->e + n])))
			return 1;
	}
	return 0;
}

/* The leader of "the (Vietnamese) delegation" named before the meeting
 * word: the person of that nationality mentioned most, else the person
 * last said to lead ("led by X"); -1 when none. */
static int delegation_leader(const struct sent_ctx *c, const struct trig *t)
{
	const struct events_doc *d = c->d;
	const char *f = c->f;
	int best = -1;

	int deleg = memmem(f, t->b, "delegation", 10) != NULL;
	for (size_t k = c->s->ent0; k < c->s->ent0 + c->s->nent; k++) {
		const struct ev_ent *x = &d->e[k];
		if (x->type != T_NORP || !x->iso || x->b >= t->b || !(deleg || nationality_head(c, x)))
			continue;
		for (size_t i = 0; i < d->np; i++)
			if (d->p[i].same < 0 && !strcmp(ev_str(d, d->p[i].country), ev_str(d, x->iso)) &&
			    (best < 0 || d->p[i].mentions > d->p[best].mentions))
				best = (int)i;
		return best;
	}
	for (size_t si = 0; deleg && si <= c->si; si++) {
		const struct ev_sent *s = &d->s[si];
		const char *sf = ev_str(d, s->fold), *lb = memmem(sf, s->len, "led by", 6);
		for (size_t k = s->ent0; lb && k < s->ent0 + s->nent; k++)
			if (d->e[k].type == T_PERSON && d->e[k].person >= 0 &&
			    d->e[k].b >= (size_t)(lb - sf)) {
				best = ev_person_of(d, d->e[k].person);
				break;
			}
	}
	return best;
}

/* Who stands for the first side when the sentence names no one before
 * the meeting word: an office ("the Deputy Minister"), a delegation, else
 * the article's main actor. */
static int stand_in(const struct sent_ctx *c, const struct trig *t)
{
	int p = by_role(c, t);

	if (p < 0)
		p = delegation_leader(c, t);
	return p >= 0 ? p : c->d->actor;
}

static void one_trigger(struct sent_ctx *c, size_t ti)
{
	const struct trig *t = &c->tr[ti];
	const struct events_model *m = c->d->m;
	int actor = c->d->actor, kind = t->ph->kind == K_OPEN ? K_MEET : t->ph->kind;
	int mode = t->ph->mode;
	size_t ob, oe, sb, se;
	size_t nobj = objects(c, ti, &ob, &oe);
	int between = t->ph->n > 8 && !memcmp(t->ph->text + t->ph->n - 8, " between", 8);

	if (future_before(c, t->b) || past_date(c, t))
		return;
	if (mode == m->talks && c->mode >= 0)
		mode = c->mode;
	/* a conference attended or named with "on the sidelines of" makes
	 * the article's later talks meetings on its sidelines */
	if ((kind == K_ATTEND || mode == m->sidelines) && c->d->ctx_at < 0)
		c->d->ctx_at = event_at(c, m->sidelines);
	else if (mode == m->talks && c->d->ctx_at >= 0)
		mode = m->sidelines;
	subjects(c, ti, ob, oe, &sb, &se);
	if (kind == K_ATTEND) {
		int at = event_at(c, mode);
		if (at < 0 || c->d->e[at].b < t->e || (sb == se && actor < 0))
			return;
		struct ev_event *ev = new_event(c, t, m->multilateral);
		ev->multi = 1;
		ev->at = at;
		for (size_t k = sb; k < se; k++)
			add_side(ev, &c->it[k], -1);
		if (sb == se)
			add_side(ev, NULL, actor);
		return;
	}
	if (mode == m->multilateral && kind != K_ATTEND && kind != K_COCHAIR) {
		/* "held trilateral talks with A and B": one multilateral
		 * event of everyone named, not pairs */
		struct ev_event *ev = new_event(c, t, mode);
		ev->multi = 1;
		for (size_t k = sb; k < se; k++)
			add_side(ev, &c->it[k], -1);
		if (sb == se && actor >= 0)
			add_side(ev, NULL, actor);
		for (size_t k = ob; k < oe; k++)
			add_side(ev, &c->it[k], -1);
		return;
	}
	if (kind == K_JOINT) {
		joint(c, t, mode);
		return;
	}
	if (between || kind == K_COCHAIR || !nobj) {
		/* one event of the sides named together: "talks between A and
		 * B", "co-chaired by A and B", "A and B held talks" */
		size_t b = nobj >= 2 ? ob : sb, e = nobj >= 2 ? oe : se;
		if (kind == K_COCHAIR && nobj == 1 && se > sb)
			b = sb < ob ? sb : ob, e = oe > se ? oe : se;
		if (e - b < 2)
			return;
		/* the sides named together stand right before the meeting
		 * word ("A and B held talks"), not in another clause */
		if (nobj < 2 && se > sb && c->it[se - 1].e <= t->b && !gap_ok(c, c->it[se - 1].e, t->b))
			return;
		struct ev_event *ev = new_event(c, t, mode);
		ev->multi = 1;
		ev->chairs = kind == K_COCHAIR;
		for (size_t k = b; k < e; k++)
			if (c->it[k].person >= 0)
				add_side(ev, &c->it[k], -1);
		if (ev->nside < 2)
			c->d->nev--;
		return;
	}
	if (kind == K_VISIT && c->it[ob].person < 0)
		return;  /* a visit to a country is not a meeting with someone */
	int subj = sb < se ? c->it[se - 1].person : stand_in(c, t);
	for (size_t k = ob; k < oe; k++) {
		if (subj < 0 || c->it[k].person == subj)
			continue;
		struct ev_event *ev = new_event(c, t, mode);
		if (sb < se)
			add_side(ev, &c->it[se - 1], -1);
		else
			add_side(ev, NULL, subj);
		add_side(ev, &c->it[k], -1);
	}
}

void ev_sentence(struct events_doc *d, size_t si)
{
	struct sent_ctx c;

	memset(&c, 0, sizeof(c));
	c.d = d;
	c.si = si;
	c.s = &d->s[si];
	if (!c.s->nent)
		return;  /* no one and nothing named: no side, no conference */
	c.t = ev_str(d, c.s->text);
	c.f = ev_str(d, c.s->fold);
	scan_phrases(&c);
	if (!c.ntr)
		return;
	collect_items(&c);
	for (size_t i = 0; i < c.ntr; i++)
		one_trigger(&c, i);
}
