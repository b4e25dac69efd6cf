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
		size_t b = c->wb;
		if (b > 0 && wis(S, b - 1, "the"))
			b--;
		if (c->ge && c->ge->kind == GAZ_COUNTRY && b > 0 &&
		    (wis(S, b - 1, "to") || wis(S, b - 1, "in")))
			return no_iso;  /* "Ambassador to Brunei Darussalam Dato' X": the host */
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

/* ---- offices ---- */

/* Does word i join an office to its complement ("of", "for", "to", "in",
 * "at", "under")? "to" and "in" name where the office is held, not whose
 * it is; "at" always says whose ("research fellow at the Asan Institute"). */
static int office_prep(const struct sent *S, size_t i, int *host)
{
	*host = wis(S, i, "to") || wis(S, i, "in");
	return *host || wis(S, i, "of") || wis(S, i, "for") || wis(S, i, "at") ||
	       wis(S, i, "under");  /* "... Center under China's Office for ..." */
}

/* The end of the complement that starts at word i: chosen names other
 * than people, capitalised words, "'s", and "of"/"for"/"and" between them
 * ("the Thai Ministry of Defense", "Viet Nam's Ministry of National
 * Defence"). A title ends it: "... of New Zealand Brigadier X". */
static size_t clause_end(const struct sent *S, size_t i)
{
	const struct entity_work *W = S->W;
	size_t end = i;
	for (int n = 0; i < S->nw && n < 16; n++) {
		size_t k = W->start_at[i];
		if (k != NONE) {
			if (W->c[k].type == ENTITY_PERSON || W->c[k].type == ENTITY_DATE)
				break;
			i = end = W->c[k].we;
		} else if (is_cap(S, i) && !match(S, i, TITLE_KINDS, NULL)) {
			i = end = i + 1;
		} else if (wis(S, i, "'s") && i == end && i > 0) {
			i = end = i + 1;
		} else if ((wis(S, i, "of") || wis(S, i, "for") || wis(S, i, "and") ||
			    wis(S, i, "the")) && i == end) {
			i++;
		} else {
			break;
		}
	}
	return end;
}

/* The first organisation chosen in words [b, e), or NONE. */
static size_t org_in(const struct sent *S, size_t b, size_t e)
{
	for (size_t i = b; i < e; i++) {
		size_t k = S->W->start_at[i];
		if (k != NONE && S->W->c[k].type == ENTITY_ORG)
			return k;
	}
	return NONE;
}

/* Does the complement at word x (chosen candidate k or NONE) only say
 * whose the office is: a country or nationality ("of New Zealand", "of
 * Viet Nam's Ministry", "of the Thai Ministry of Defense"), or an
 * organisation named with a nationality ("of the Royal Thai Armed
 * Forces")? A country's name inside a name stays ("of the Armed Forces of
 * the Philippines", "of the Vietnam People's Army"). */
static int whose(const struct sent *S, size_t x, size_t k)
{
	size_t e;
	if (k != NONE && S->W->c[k].type == ENTITY_ORG) {
		for (size_t i = S->W->c[k].wb; i < S->W->c[k].we; i++)
			if (match(S, i, GAZ_BIT(GAZ_DEMONYM), &e) && e <= S->W->c[k].we)
				return 1;
		return 0;
	}
	return match(S, x, PLACE_KINDS, NULL) != NULL;
}

/*
 * Reads the office that starts with the dictionary role [b, re): its
 * complements go into the office ("Chief of the General Staff", "Defence
 * Attaché in Vietnam", "Commander of the Royal Malaysian Navy", "Permanent
 * Secretary for Defence", "Deputy Prime Minister and Minister for
 * Defence") up to one that starts with a country or nationality, which
 * only says whose office it is ("of New Zealand", "of the Thai Ministry of
 * Defense", "of Viet Nam's Ministry of National Defence"): that one gives
 * the country. "to"/"in" complements name the host, never the country.
 */
static void office_read(const struct sent *S, size_t re, struct office *o)
{
	const struct entity_work *W = S->W;
	size_t q = re, e2;
	int host;

	o->re = o->end = re;
	o->org = NONE;
	o->country[0] = '\0';
	for (int guard = 0; guard < 6 && q < S->nw; guard++) {
		if (wis(S, q, "and") && match(S, q + 1, GAZ_BIT(GAZ_ROLE), &e2) &&
		    (W->start_at[q + 1] == NONE || W->c[W->start_at[q + 1]].type != ENTITY_PERSON)) {
			q = o->re = o->end = e2;
			continue;
		}
		if (q == re && W->start_at[q] != NONE && W->c[W->start_at[q]].ge &&
		    W->c[W->start_at[q]].ge->kind == GAZ_COUNTRY && wis(S, W->c[W->start_at[q]].we, ",")) {
			/* "Minister of Defence Singapore, Dr X" */
			memcpy(o->country, W->c[W->start_at[q]].ge->iso, 3);
			o->end = W->c[W->start_at[q]].we;
			break;
		}
		if (!office_prep(S, q, &host))
			break;
		size_t x = q + 1;
		if (wis(S, x, "the") || wis(S, x, "its") ||
		    (!is_cap(S, x) && x < S->nw && S->w->v[x].kn <= 4 &&
		     match(S, x + 1, PLACE_KINDS, NULL)))
			x++;  /* "of the", "of its", a typo "of thư Singaporean" */
		size_t k = x < S->nw ? W->start_at[x] : NONE;
		if (k != NONE && (W->c[k].type == ENTITY_PERSON || W->c[k].type == ENTITY_DATE))
			break;
		if (!host && (whose(S, x, k) || wis(S, q, "at"))) {
			o->end = clause_end(S, x);
			memcpy(o->country, clause_country(S, x), 3);
			if (o->org == NONE)
				o->org = org_in(S, x, o->end);
			/* "High Commissioner of Malaysia to Brunei Darussalam X" */
			size_t h = o->end, he;
			if (wis(S, h, "to") || wis(S, h, "in")) {
				h += wis(S, h + 1, "the") ? 2 : 1;
				if (match(S, h, GAZ_BIT(GAZ_COUNTRY) | GAZ_BIT(GAZ_GPE), &he))
					o->end = he;
			}
			break;
		}
		if (k != NONE) {
			const struct cand *n = &W->c[k];
			if (n->type == ENTITY_ORG && o->org == NONE)
				o->org = k;
			if (!host && !*o->country)
				memcpy(o->country, country_of(n), 3);
			q = n->we;
		} else if (is_cap(S, x) && !match(S, x, TITLE_KINDS, NULL)) {
			/* "for Defence", "for Strategy, Policy and Industry" */
			const unsigned stop = TITLE_KINDS | PLACE_KINDS | GAZ_BIT(GAZ_ROLE);
			size_t x0 = x;
			for (;;) {
				if (x < S->nw && is_cap(S, x) && W->start_at[x] == NONE &&
				    !match(S, x, TITLE_KINDS, NULL))
					x++;
				else if (x > x0 && (wis(S, x, ",") || wis(S, x, "and")) &&
					 is_cap(S, x + 1) && W->start_at[x + 1] == NONE &&
					 !match(S, x + 1, stop, NULL))
					x++;
				else
					break;
			}
			q = x;
		} else {
			break;
		}
		/* "for South and Southeast Asia": a region after "and" */
		if (wis(S, q, "and") && q + 1 < S->nw && W->start_at[q + 1] != NONE &&
		    (W->c[W->start_at[q + 1]].type == ENTITY_LOC ||
		     W->c[W->start_at[q + 1]].type == ENTITY_GPE) &&
		    !match(S, q + 1, PLACE_KINDS, NULL))
			q = W->c[W->start_at[q + 1]].we;
		o->re = o->end = q;
	}
}

void role_offices(struct sent *S)
{
	struct entity_work *W = S->W;
	for (size_t i = 0; i <= S->nw; i++)
		W->office_to[i] = NONE;
	for (size_t i = 0; i < S->nw;) {
		size_t re;
		if (!match(S, i, GAZ_BIT(GAZ_ROLE), &re)) {
			i++;
			continue;
		}
		struct office *o = &W->office[i];
		office_read(S, re, o);
		/* "... Self-Defense Force (JGSDF), Gen. X" */
		if (wis(S, o->end, "(") && wis(S, o->end + 2, ")"))
			o->end += 3;
		W->office_to[o->end] = i;
		if (o->re != o->end && W->office_to[o->re] == NONE)
			W->office_to[o->re] = i;
		i = o->end > i ? o->end : i + 1;
	}
}

/* ---- people ---- */

/* The country of an organisation named right before word i, or inside
 * the office that starts there ("Pentagon Press Secretary", "Armed
 * Forces of the Philippines (AFP) chief of staff"). */
static const char *org_before(const struct sent *S, size_t i)
{
	const struct entity_work *W = S->W;
	if (i >= 3 && wis(S, i - 1, ")") && wis(S, i - 3, "("))
		i -= 3;
	for (size_t j = i; j < S->nw && W->office_to[j] == NONE && j < i + 8; j++) {
		size_t k = W->start_at[j];
		if (k != NONE && W->c[k].type == ENTITY_ORG && *W->c[k].country)
			return W->c[k].country;
	}
	if (i <= S->nw && W->end_at[i] != NONE && W->c[W->end_at[i]].type == ENTITY_ORG)
		return W->c[W->end_at[i]].country;
	return no_iso;
}

/* Is the sentence a headline in title case: every word of more than
 * three letters capitalised (a sentence has its "co-chaired", "welcomed")? */
static int title_case(const struct sent *S)
{
	size_t n = 0, caps = 0;
	for (size_t i = 0; i < S->nw; i++) {
		if (S->w->v[i].kn <= 3)
			continue;
		n++;
		caps += is_cap(S, i) != 0;
	}
	return n >= 4 && caps == n;
}

/* The start of the office whose dictionary role starts at word b, with
 * the name of the organisation written before it ("Pentagon Press
 * Secretary", "TNI Commander", "Vice Defense Minister", "Defence
 * analyst"): capitalised words and organisations, no country,
 * nationality, person, title, nor the first word of the sentence unless
 * it is an organisation. At most 6 words. */
static size_t office_start(const struct sent *S, size_t b)
{
	const struct entity_work *W = S->W;
	const unsigned stop = PLACE_KINDS | TITLE_KINDS;
	size_t b0 = b;
	if (title_case(S))
		return b;  /* "Readout of ... Call With Philippine Secretary ..." */
	for (int guard = 0; guard < 6 && b > 0; guard++) {
		size_t k = W->end_at[b];
		if (k != NONE) {
			if (W->c[k].type != ENTITY_ORG)
				break;
			b = W->c[k].wb;
			continue;
		}
		size_t i = b - 1;
		if (i == 0 || !is_cap(S, i) || (W->in_title[i] & IN_TITLE) ||
		    match(S, i, stop, NULL))
			break;
		k = W->start_at[i];
		if (k != NONE) {
			/* an organisation the tagger made of the office's words
			 * ("International Cooperation Advisor"): its start */
			if (W->c[k].type == ENTITY_ORG && W->c[k].we > b0)
				b = i;
			break;
		}
		b = i;
	}
	return b;
}

/* Is the office that starts at word b set off by commas after another
 * person ("Datuk Seri X, Malaysia's Defence Minister, General Y"): that
 * person's, not the next one's? */
static int office_of_before(const struct sent *S, size_t b)
{
	const struct entity_work *W = S->W;
	size_t e;
	b = office_start(S, b);
	if (b > 0 && W->end_at[b] != NONE && match(S, W->c[W->end_at[b]].wb, PLACE_KINDS, &e))
		b = W->c[W->end_at[b]].wb;
	else if (b > 1 && wis(S, b - 1, "'s") && W->end_at[b - 1] != NONE)
		b = W->c[W->end_at[b - 1]].wb;
	if (b > 0 && (wis(S, b - 1, "the") || wis(S, b - 1, "its")))
		b--;
	return b > 1 && wis(S, b - 1, ",") && W->end_at[b - 1] != NONE &&
	       W->c[W->end_at[b - 1]].type == ENTITY_PERSON;
}

/* Gives person c the office that starts at word b. */
static void take_office(const struct sent *S, struct cand *c, size_t b)
{
	const struct office *o = &S->W->office[b];
	if (c->role_tb != NONE)
		return;
	c->role = match(S, b, GAZ_BIT(GAZ_ROLE), NULL);
	c->role_tb = S->w->v[office_start(S, b)].tok;
	c->role_te = S->w->v[o->re - 1].tok + 1;
	if (o->org != NONE) {
		c->org_tb = S->W->c[o->org].tb;
		c->org_te = S->W->c[o->org].te;
	}
}

static void set_country(struct cand *c, const char *iso)
{
	if (!*c->country && *iso)
		memcpy(c->country, iso, 3);
}

/* The country of the delegation person c leads: "the Australian
 * delegation led by X", "a delegation of the Vietnamese Ministry of
 * National Defence, led by its Deputy Minister, X" (the person's words
 * start at `pos`), "X, head of the Indonesian delegation". */
static const char *delegation_country(const struct sent *S, const struct cand *c, size_t pos)
{
	size_t p = pos, d = NONE;
	if (p > 0 && (wis(S, p - 1, "its") || wis(S, p - 1, "the")))
		p--;
	if (p >= 3 && wis(S, p - 1, "by") && (wis(S, p - 2, "led") || wis(S, p - 2, "headed"))) {
		p -= 2;
		if (p > 0 && wis(S, p - 1, ","))
			p--;
		for (size_t k = p; k-- > 0 && p - k <= 12;)
			if (wis(S, k, "delegation")) {
				d = k;
				break;
			}
	} else {
		size_t q = c->we;
		if (wis(S, q, ","))
			q++;
		if (wis(S, q, "the"))
			q++;
		if (wis(S, q, "who") && (wis(S, q + 1, "led") || wis(S, q + 1, "leads") ||
					 wis(S, q + 1, "headed") || wis(S, q + 1, "heads")))
			q += 2;
		else if ((wis(S, q, "head") || wis(S, q, "leader") || wis(S, q, "chief")) &&
			 wis(S, q + 1, "of"))
			q += 2;
		else
			return no_iso;
		for (size_t k = q; k < S->nw && k < q + 5; k++)
			if (wis(S, k, "delegation")) {
				d = k;
				break;
			}
	}
	if (d == NONE)
		return no_iso;
	const char *iso = country_before(S, d);
	if (!*iso && (wis(S, d + 1, "of") || wis(S, d + 1, "from")))
		iso = clause_country(S, d + 2);
	return iso;
}

/* After the name: ", [the|its] [Thai|Australia's] Deputy Permanent
 * Secretary of ...". */
static void office_after(const struct sent *S, struct cand *c)
{
	const struct entity_work *W = S->W;
	size_t q = c->we;
	char iso[3] = "";

	if (!wis(S, q, ","))
		return;
	q++;
	if (wis(S, q, "the") || wis(S, q, "a") || wis(S, q, "an") || wis(S, q, "its"))
		q++;
	if (wis(S, q, "then") || wis(S, q, "former") || wis(S, q, "outgoing") || wis(S, q, "new"))
		q++;  /* ", then defense minister," */
	if (q < S->nw && W->start_at[q] != NONE) {
		const struct cand *n = &W->c[W->start_at[q]];
		if (n->ge && (n->ge->kind == GAZ_COUNTRY || n->ge->kind == GAZ_DEMONYM)) {
			memcpy(iso, n->ge->iso, 3);
			q = n->we;
			if (wis(S, q, "'s"))
				q++;
		}
	}
	/* ", International Cooperation Advisor at ...": capitalised words
	 * and a dictionary role that the tagger took for an organisation */
	if (q < S->nw && W->start_at[q] != NONE) {
		const struct cand *n = &W->c[W->start_at[q]];
		size_t e;
		int office = n->type == ENTITY_ORG && !n->ge && n->we - n->wb >= 2 &&
			     n->we - n->wb <= 4 && match(S, n->we - 1, GAZ_BIT(GAZ_ROLE), &e) &&
			     e == n->we;
		for (size_t r = n->wb; office && r < n->we - 1; r++)
			office = is_cap(S, r) && !match(S, r, PLACE_KINDS | TITLE_KINDS |
							GAZ_BIT(GAZ_ORGHEAD) | GAZ_BIT(GAZ_ROLE), NULL);
		if (office)
			q = n->we - 1;
	}
	/* "Joint Secretary ...": capitalised words of the office before its
	 * dictionary role */
	for (size_t r = q; r < q + 3 && r < S->nw && !match(S, r, GAZ_BIT(GAZ_ROLE), NULL); r++) {
		if (!is_cap(S, r) || W->start_at[r] != NONE || match(S, r, PLACE_KINDS | TITLE_KINDS, NULL))
			break;
		if (match(S, r + 1, GAZ_BIT(GAZ_ROLE), NULL) && office_start(S, r + 1) <= q) {
			q = r + 1;
			break;
		}
	}
	if (!match(S, q, GAZ_BIT(GAZ_ROLE), NULL) ||
	    (W->start_at[q] != NONE && W->c[W->start_at[q]].type == ENTITY_PERSON))
		return;
	/* ", U.S. Secretary of Defense Lloyd Austin": the next one's office */
	size_t n = W->office[q].end, e2;
	for (int guard = 0; guard < 4 && match(S, n, TITLE_KINDS, &e2); guard++)
		n = e2;
	if (n < S->nw && W->start_at[n] != NONE && W->c[W->start_at[n]].type == ENTITY_PERSON)
		return;
	take_office(S, c, q);
	set_country(c, iso);
	set_country(c, W->office[q].country);
}

/* Is the sentence written in capitals ("MOHAMED KHALED RECEIVES ...")? */
static int shouting(const struct sent *S)
{
	size_t caps = 0;
	for (size_t i = 0; i < S->nw; i++) {
		const char *t = S->s->text + wtok(S, i)->b;
		if (S->w->v[i].cap & GAZ_CAP_ALL)
			caps++;
		else if ((S->w->v[i].cap & GAZ_CAP_TITLE) || (*t >= 'a' && *t <= 'z'))
			return 0;
	}
	return caps >= 3;
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
	if (shouting(S))
		return;  /* a headline in capitals: no grammar to read */
	/* a rank that overlaps the office before it ("Chief of Army General
	 * X" read "Chief of" + "Army General"): the office, then the rank
	 * after it */
	for (size_t p = pos + 1; pos < c->wb && (W->in_title[pos] & IN_ROLE) && p < c->wb; p++) {
		size_t e2;
		const struct gaz_entry *t;
		if (W->office_to[p] == NONE || !(t = match(S, p, GAZ_BIT(GAZ_RANK), &e2)))
			continue;
		if (c->rank && W->title_from[e2] != NONE)
			c->rank = t;
		pos = p;
		break;
	}
	/* an office before: "Deputy Minister Hoang", "its Deputy Minister,
	 * Sr. Lt. Gen. X", "Defence Attaché in Vietnam Colonel X" */
	size_t ob = NONE;
	if (W->office_to[pos] != NONE)
		ob = W->office_to[pos];
	else if (pos > 0 && wis(S, pos - 1, ",") && W->office_to[pos - 1] != NONE &&
		 !office_of_before(S, W->office_to[pos - 1]))
		ob = W->office_to[pos - 1];
	if (ob == NONE && W->office_to[c->wb] != NONE && W->office_to[c->wb] < pos)
		ob = W->office_to[c->wb];  /* "Associate Professor X": a title inside */
	if (ob != NONE) {
		take_office(S, c, ob);
		pos = office_start(S, ob);
	}
	/* the nationality or possessive before it all wins: "Malaysian
	 * Defence Attaché in Vietnam", "Chinese Ambassador to Vietnam", "his
	 * Australian counterpart, Deputy Prime Minister X" */
	size_t cp = pos;
	if (cp > 1 && wis(S, cp - 1, ","))
		cp--;
	if (cp > 1 && (wis(S, cp - 1, "counterpart") || wis(S, cp - 1, "counterparts")))
		set_country(c, country_before(S, cp - 1));
	set_country(c, country_before(S, pos));
	set_country(c, org_before(S, pos));
	if (ob != NONE)
		set_country(c, W->office[ob].country);
	office_after(S, c);
	size_t q = c->we;
	if (!*c->country && (wis(S, q, "of") || wis(S, q, "from") || wis(S, q, "at")))
		/* "Colonel X of the Russian Ministry of Defense" */
		set_country(c, clause_country(S, q));
	set_country(c, delegation_country(S, c, pos));
	/* an office only one country has ("Secretary of Defense" → US) */
	if (c->role)
		set_country(c, c->role->iso);
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

/* ---- the document ---- */

/* Does the canonical rank `full` end with the words of `bare` ("Senior
 * Lieutenant General" and "General")? */
static int rank_extends(const char *full, const char *bare)
{
	size_t nf = strlen(full), nb = strlen(bare);
	return nf > nb + 1 && !strcmp(full + nf - nb, bare) && full[nf - nb - 1] == ' ';
}

/* The country of the first phrase of kinds `kinds` in s[0..n). */
static const char *origin_country(const struct gazetteer *g, struct gaz_words *w,
				  const char *s, size_t n, unsigned kinds)
{
	struct tokens t = TOKENS_INIT;
	const char *iso = no_iso;
	token_split(s, n, &t);
	gaz_words_build(w, s, t.v, t.n);
	for (size_t i = 0; i < w->n && !*iso; i++) {
		struct gaz_match m;
		if (gaz_match_at(g, w, i, kinds, &m) && *m.e->iso)
			iso = m.e->iso;
	}
	tokens_release(&t);
	return iso;
}

/* Is word i a dash ("-", "–", "—", "--")? */
static int is_dash(const struct sent *S, size_t i)
{
	if (i >= S->nw)
		return 0;
	const struct token *t = wtok(S, i);
	const char *p = S->s->text + t->b;
	size_t n = t->e - t->b;
	return (n == 1 && *p == '-') || (n == 2 && !memcmp(p, "--", 2)) ||
	       (n == 3 && (!memcmp(p, "\xe2\x80\x93", 3) || !memcmp(p, "\xe2\x80\x94", 3)));
}

void role_dateline(struct sent *S)
{
	struct entity_work *W = S->W;
	size_t k = S->nw ? W->start_at[0] : NONE;
	if (*W->home || k == NONE)
		return;
	const struct cand *c = &W->c[k];
	if (c->type == ENTITY_ORG && *c->country && is_dash(S, c->we)) {
		memcpy(W->home, c->country, 3);     /* "KYODO NEWS - Nov 21" */
		return;
	}
	size_t q = c->we;
	for (size_t n = 0; q < S->nw && n < 6 && !wis(S, q, "(") && (c->type == ENTITY_GPE ||
	     c->type == ENTITY_LOC) && wis(S, c->we, ","); n++)
		q++;  /* "KUALA LUMPUR, July 17 (Bernama) --" */
	if ((c->type == ENTITY_GPE || c->type == ENTITY_LOC) && wis(S, q, "(") &&
	    (k = W->start_at[q + 1]) != NONE && W->c[k].type == ENTITY_ORG &&
	    *W->c[k].country && wis(S, W->c[k].we, ")"))
		memcpy(W->home, W->c[k].country, 3);     /* "Hanoi (VNA) –" */
}

void role_home(const struct gazetteer *g, struct entity_doc *d)
{
	struct entity_work *W = d->work;
	const char *iso = no_iso;
	if (W->agency.len)
		iso = origin_country(g, &W->w, W->agency.buf, W->agency.len, GAZ_BIT(GAZ_ORG));
	if (!*iso && W->place.len)
		iso = origin_country(g, &W->w, W->place.buf, W->place.len,
				     GAZ_BIT(GAZ_GPE) | GAZ_BIT(GAZ_COUNTRY));
	memcpy(W->home, iso, 3);
	buf_reset(&W->place);
	buf_reset(&W->agency);
}

void role_inherit(struct entity_doc *d)
{
	struct smap *m = &d->work->names;
	ent_smap_clear(m);
	for (size_t k = 0; k < d->n; k++) {
		struct entity *e = &d->v[k];
		if (e->type != ENTITY_PERSON)
			continue;
		size_t f = ent_smap_get(m, &d->str, entity_str(d, e->key));
		if (f == NONE) {
			ent_smap_put(m, &d->str, e->key, k);
			continue;
		}
		struct entity *p = &d->v[f];
		/* the first mention gathers what the later ones add */
		if (!*p->country)
			memcpy(p->country, e->country, 3);
		if (p->rank == NONE)
			p->rank = e->rank;
		if (p->role == NONE) {
			p->role = e->role;
			p->org = e->org;
		}
		if (p->honorific == NONE)
			p->honorific = e->honorific;
		if (!*e->country)
			memcpy(e->country, p->country, 3);
		if (e->rank == NONE ||
		    (p->rank != NONE && rank_extends(entity_str(d, p->rank), entity_str(d, e->rank))))
			e->rank = p->rank;
		if (e->role == NONE) {
			e->role = p->role;
			e->org = p->org;
		}
		if (e->honorific == NONE)
			e->honorific = p->honorific;
	}
	/* officials the text gives no country: the document's home */
	const char *home = d->work->home;
	for (size_t k = 0; *home && k < d->n; k++) {
		struct entity *e = &d->v[k];
		if (e->type != ENTITY_PERSON || *e->country)
			continue;
		size_t f = ent_smap_get(m, &d->str, entity_str(d, e->key));
		const struct entity *p = f != NONE ? &d->v[f] : e;
		if (p->role != NONE || p->rank != NONE || e->role != NONE || e->rank != NONE)
			memcpy(e->country, *p->country ? p->country : home, 3);
	}
}
