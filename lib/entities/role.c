/*
 * role — the facts of a mention: a person's rank, honorific, office,
 * organisation and country, and an organisation's country, read from the
 * words around the chosen candidates of a sentence. See entity_impl.h.
 */
#include <stdlib.h>
#include <string.h>

#include "entity_impl.h"
#include "wire/core/utf8.h"

/* The "no country" the functions below return: three bytes, since callers
 * copy three. */
static const char no_iso[3] = "";

/* The country a chosen candidate stands for: iso of a country or a
 * nationality, country of an organisation. "" when none. */
static const char *country_of(const struct cand *c)
{
	if (c->ge && (c->ge->kind == GAZ_COUNTRY || c->ge->kind == GAZ_DEMONYM))
		return c->ge->iso;
	if (c->type == ENTITY_ORG)
		return c->country;
	return no_iso;
}

/* The country of a nationality or country that ends right before word
 * `i`, also as "Australia 's". */
static const char *country_before(const struct sent *S, size_t i)
{
	const struct entity_work *W = S->W;
	if (i > 0 && i <= S->nw && wis(S, i - 1, "'s"))
		i--;
	if (i <= S->nw && W->end_at[i] != NONE) {
		const struct cand *c = &W->c[W->end_at[i]];
		if (c->ge && (c->ge->kind == GAZ_COUNTRY || c->ge->kind == GAZ_DEMONYM))
			return c->ge->iso;
	}
	return no_iso;
}

/*
 * The first country named in the clause that starts at word `i`: capitalised
 * words, commas and the small words of names, up to a bracket, a semicolon,
 * another person or 24 words ("Deputy Secretary for Strategy, Policy and
 * Industry at Australia's Department of Defense").
 */
static const char *clause_country(const struct sent *S, size_t i)
{
	const struct entity_work *W = S->W;
	static const char *const small[] = { "of", "the", "for", "at", "and", "in", "on", "'s",
					     ",", "&", "-", "'", NULL };
	for (size_t n = 0; i < S->nw && n < 24; n++) {
		size_t k = W->start_at[i];
		if (k != NONE) {
			const struct cand *c = &W->c[k];
			if (c->type == ENTITY_PERSON)
				return no_iso;
			const char *iso = country_of(c);
			if (*iso)
				return iso;
			i = c->we;
			continue;
		}
		if (!is_cap(S, i)) {
			int ok = 0;
			for (int j = 0; small[j] && !ok; j++)
				ok = wis(S, i, small[j]);
			if (!ok)
				return no_iso;
		}
		i++;
	}
	return no_iso;
}

void role_person_attrs(struct sent *S, struct cand *c)
{
	struct entity_work *W = S->W;
	size_t pos = c->wb;

	/* titles before the name: "Sr. Lt. Gen.", "Datuk", "General Datuk" */
	for (int guard = 0; guard < 4 && W->title_from[pos] != NONE; guard++) {
		const struct gaz_entry *t = W->title_e[pos];
		if (t->kind == GAZ_RANK && !c->rank)
			c->rank = t;
		else if (t->kind == GAZ_HONORIFIC && !c->hon)
			c->hon = t;
		pos = W->title_from[pos];
	}
	/* a role before: "Deputy Minister Hoang", "its Deputy Minister, Sr. Lt. Gen. X" */
	size_t rpos = NONE;
	if (W->role_from[pos] != NONE)
		rpos = pos;
	else if (pos > 0 && wis(S, pos - 1, ",") && W->role_from[pos - 1] != NONE)
		rpos = pos - 1;
	if (rpos != NONE) {
		if (!c->role)
			c->role = W->role_e[rpos];
		pos = W->role_from[rpos];
		/* titles before the role: "Minister General X" is rare, skip */
	}
	if (!*c->country)
		memcpy(c->country, country_before(S, pos), 3);
	/* after the name: ", [the] [Thai] Deputy Permanent Secretary of ..." */
	size_t q = c->we;
	if (q < S->nw && wis(S, q, ",")) {
		q++;
		if (wis(S, q, "the") || wis(S, q, "a") || wis(S, q, "an") || wis(S, q, "its"))
			q++;
		if (q < S->nw && W->start_at[q] != NONE) {
			const struct cand *n = &W->c[W->start_at[q]];
			if (n->ge && (n->ge->kind == GAZ_COUNTRY || n->ge->kind == GAZ_DEMONYM)) {
				if (!*c->country)
					memcpy(c->country, n->ge->iso, 3);
				q = n->we;
				if (wis(S, q, "'s"))
					q++;
			}
		}
		size_t re;
		const struct gaz_entry *r = match(S, q, GAZ_BIT(GAZ_ROLE), &re);
		if (r && (W->start_at[q] == NONE || W->c[W->start_at[q]].type != ENTITY_PERSON)) {
			if (!c->role)
				c->role = r;
			if (!*c->country)
				memcpy(c->country, clause_country(S, re), 3);
		}
	} else if (wis(S, q, "of") || wis(S, q, "from") || wis(S, q, "at")) {
		/* "Colonel X of the Russian Ministry of Defense" */
		if (!*c->country)
			memcpy(c->country, clause_country(S, q), 3);
	}
}

void role_org_attrs(struct sent *S, struct cand *c)
{
	struct entity_work *W = S->W;
	if (*c->country)
		return;
	const char *iso = country_before(S, c->wb);
	if (!*iso) {
		/* a country or nationality inside: "Vietnam Coast Guard",
		 * "Ministry of Defence of Malaysia" */
		for (size_t i = c->wb; i < c->we && !*iso; i++) {
			size_t e;
			const struct gaz_entry *g = match(S, i, PLACE_KINDS, &e);
			if (g && e <= c->we)
				iso = g->iso;
		}
	}
	if (!*iso) {
		/* "Thai-MECC": the part before a hyphen */
		const struct token *t = wtok(S, c->wb);
		const char *p = S->s->text + t->b;
		const char *h = memchr(p, '-', t->e - t->b);
		if (h && h > p) {
			const struct gaz_entry *g = gaz_lookup_word(S->g, p, (size_t)(h - p), PLACE_KINDS);
			if (g)
				iso = g->iso;
		}
	}
	if (!*iso && wis(S, c->we, "of")) {
		size_t q = c->we + 1;
		if (wis(S, q, "the"))
			q++;
		if (q < S->nw && W->start_at[q] != NONE) {
			const struct cand *n = &W->c[W->start_at[q]];
			if (n->ge && n->ge->kind == GAZ_COUNTRY)
				iso = n->ge->iso;
		}
	}
	size_t k = strnlen(iso, 2); /* iso may be "" */
	memcpy(c->country, iso, k);
	c->country[k] = '\0';
}
