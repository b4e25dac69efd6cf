/*
 * people — the people of one document as the event rules need them: a
 * short mention ("General Chien") joined to the full name whose key
 * holds it, a country for those the entity stage left without one, and
 * the main actor of the article.
 */
#include <string.h>

#include "events_impl.h"

int ev_person_of(const struct events_doc *d, int p)
{
	while (p >= 0 && d->p[p].same >= 0)
		p = d->p[p].same;
	return p;
}

/* Whether the words of w are a contiguous run of whole words of key k. */
static int key_has_word(const char *k, const char *w)
{
	size_t n = strlen(w);

	for (const char *s = strstr(k, w); s; s = strstr(s + 1, w))
		if ((s == k || s[-1] == ' ') && (s[n] == ' ' || !s[n]))
			return 1;
	return 0;
}

static void take_facts(struct ev_person *to, const struct ev_person *from)
{
	if (!to->rank)
		to->rank = from->rank;
	if (!to->role)
		to->role = from->role;
	if (!to->honorific)
		to->honorific = from->honorific;
	if (!to->country)
		to->country = from->country;
	if (!to->org)
		to->org = from->org;
	to->mentions += from->mentions;
	if (from->first_sent < to->first_sent)
		to->first_sent = from->first_sent;
}

/* A short key ("chien", "mohamed khaled") joins the only longer key
 * that holds its words in a row ("hoang xuan chien"). */
static void join_short_names(struct events_doc *d)
{
	for (size_t i = 0; i < d->np; i++) {
		const char *k = ev_str(d, d->p[i].key);
		int found = -1, many = 0;
		for (size_t j = 0; j < d->np; j++)
			if (j != i && strlen(ev_str(d, d->p[j].key)) > strlen(k) &&
			    key_has_word(ev_str(d, d->p[j].key), k)) {
				many += found >= 0;
				found = (int)j;
			}
		if (found >= 0 && !many) {
			d->p[i].same = found;
			take_facts(&d->p[found], &d->p[i]);
		}
	}
}

/* Whether t[b..e) has a comma or a word in lower case other than "of"
 * and "the": more than a title between a nationality and a name. */
static int has_lower_word(const char *t, size_t b, size_t e)
{
	for (size_t i = b; i < e; i++) {
		if (t[i] == ',')
			return 1;
		if ((i == b || t[i - 1] == ' ') && t[i] >= 'a' && t[i] <= 'z' && strncmp(t + i, "of ", 3) &&
		    strncmp(t + i, "the ", 4))
			return 1;
	}
	return 0;
}

/* Whether mention x tells whose office an apposition names: a
 * nationality, or a country after "of", "at", "from", "under" or "the",
 * or before "'s" ("of New Zealand", "at India's Ministry"). */
static int of_country(const struct events_doc *d, const struct ev_sent *s, const struct ev_ent *x)
{
	static const char *const before[] = { "of ", "at ", "from ", "under ", "the " };
	const char *f = ev_str(d, s->fold);

	if (x->type == T_NORP)
		return 1;
	if ((x->e + 2 <= s->len && !memcmp(f + x->e, "'s", 2)) ||
	    (x->e + 4 <= s->len && !memcmp(f + x->e, "\xe2\x80\x99s", 4)))
		return 1;
	for (size_t i = 0; i < sizeof(before) / sizeof(*before); i++) {
		size_t n = strlen(before[i]);
		if (x->b >= n && !memcmp(f + x->b - n, before[i], n))
			return 1;
	}
	return 0;
}

/* The country of a mention's neighbourhood: a nationality or country
 * just before it ("Chinese Ambassador to Vietnam X" keeps CN), else the
 * first one in its apposition (", Deputy Secretary of the Thai
 * Ministry of Defense"), up to the next person. */
static uint32_t country_near(const struct events_doc *d, const struct ev_sent *s, size_t k)
{
	const struct ev_ent *en = &d->e[k];
	const char *t = ev_str(d, s->text);

	for (size_t j = k; j-- > s->ent0;) {
		const struct ev_ent *x = &d->e[j];
		if (x->type == T_PERSON || en->b - x->e > 48 || has_lower_word(t, x->e, en->b))
			break;
		if (x->type == T_NORP && x->iso)
			return x->iso;
	}
	if (en->e >= s->len || t[en->e] != ',')
		return 0;
	for (size_t j = k + 1; j < s->ent0 + s->nent; j++) {
		const struct ev_ent *x = &d->e[j];
		if (x->type == T_PERSON || x->b - en->e > 140)
			break;
		if (x->iso && x->type != T_DATE && x->type != T_EVENT && of_country(d, s, x))
			return x->iso;
	}
	return 0;
}

static void fill_countries(struct events_doc *d)
{
	for (size_t si = 0; si < d->ns; si++) {
		const struct ev_sent *s = &d->s[si];
		for (size_t k = s->ent0; k < s->ent0 + s->nent; k++) {
			if (d->e[k].type != T_PERSON)
				continue;
			struct ev_person *p = &d->p[ev_person_of(d, d->e[k].person)];
			if (!p->country)
				p->country = country_near(d, s, k);
		}
	}
}

/* The nationality most often written as "the <NORP> delegation",
 * "the <NORP> defence leader", "the <NORP> Ministry", ...: the side the
 * article speaks for. */
static uint32_t home_country(const struct events_doc *d)
{
	static const char *const heads[] = { "defence leader", "defense leader", "delegation", "side",
					     "host", "guest", "ministry of", "defence minister",
					     "defense minister", "deputy minister", "delegation" };
	uint32_t best = 0;
	int bestn = 0;

	for (size_t k = 0; k < d->ne; k++) {
		const struct ev_ent *x = &d->e[k];
		const struct ev_sent *s = NULL;
		if (x->type != T_NORP || !x->iso)
			continue;
		for (size_t si = 0; si < d->ns; si++)
			if (k >= d->s[si].ent0 && k < d->s[si].ent0 + d->s[si].nent)
				s = &d->s[si];
		const char *f = ev_str(d, s->fold);
		if (x->b < 4 || memcmp(f + x->b - 4, "the ", 4))
			continue;
		int hit = 0;
		for (size_t h = 0; h < sizeof(heads) / sizeof(*heads) && !hit; h++) {
			size_t n = strlen(heads[h]);
			hit = x->e + 1 + n <= s->len && f[x->e] == ' ' && !memcmp(f + x->e + 1, heads[h], n);
		}
		if (!hit)
			continue;
		int c = 0;
		for (size_t j = 0; j < d->ne; j++)
			c += d->e[j].type == T_NORP && !strcmp(ev_str(d, d->e[j].iso), ev_str(d, x->iso));
		if (c > bestn) {
			bestn = c;
			best = x->iso;
		}
	}
	return best;
}

/* The main actor: the person with most mentions, with a bonus for being
 * named in the lead (the first sentence naming anyone) and more for being
 * named first there. Sets every person's score. */
static void choose_actor(struct events_doc *d)
{
	int best = -1, first = -1;
	size_t lead = (size_t)-1;

	for (size_t k = 0; k < d->ne && first < 0; k++)
		if (d->e[k].type == T_PERSON && d->e[k].person >= 0)
			first = ev_person_of(d, d->e[k].person);
	for (size_t i = 0; i < d->np; i++)
		if (d->p[i].same < 0 && d->p[i].first_sent < lead)
			lead = d->p[i].first_sent;
	for (size_t i = 0; i < d->np; i++) {
		struct ev_person *p = &d->p[i];
		if (p->same >= 0)
			continue;
		p->score = p->mentions + (p->first_sent == lead ? 3 : p->first_sent == lead + 1 ? 1 : 0) +
			   ((int)i == first ? 2 : 0);
		if (best < 0 || p->score > d->p[best].score ||
		    (p->score == d->p[best].score && p->first_sent < d->p[best].first_sent))
			best = (int)i;
	}
	d->actor = best;
	if (best >= 0 && !d->p[best].country)
		d->p[best].country = home_country(d);
}

void ev_people(struct events_doc *d)
{
	join_short_names(d);
	fill_countries(d);
	choose_actor(d);
}
