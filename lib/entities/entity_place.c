/*
 * entity_place — places the tagger took for people, organisations or
 * other names, from the words around them and from the rest of the
 * document (see entity_places in entity_impl.h).
 *
 * War reports name hundreds of villages no training text holds
 * ("Udachne", "Kotlyne", "Sotnytskyi Kozachok"); the tagger, trained on
 * 1996 Reuters, types many of them PER or ORG. The words around them say
 * what they are: "near X", "towards X", "the village of X", "X
 * direction", "X district", or a list of places X stands in. A name so
 * placed is a place in the whole document ("Lyman" once "near Lyman"),
 * unless the document also writes it as a person's name (with a rank,
 * office or honorific, or as part of a full name).
 *
 * And a name whose last word says it is a place ("Donetsk Oblast",
 * "Kharkov Region", "Zaporizhzhia Nuclear Power Plant", "Oskil River",
 * "Dover Air Force Base") is one, unless it is a military district or an
 * organisation's office.
 *
 * Linear: a few words of context per entity, one hash set of keys.
 */
#include <stdlib.h>
#include <string.h>

#include "entity_impl.h"
#include "wire/core/utf8.h"

/* The word ending at or before byte `at` of text[0..at) (spaces and
 * tabs skipped, never a line break): [*wb, *we), 0 when none. */
static int word_before(const char *t, size_t at, size_t *wb, size_t *we)
{
	size_t e = at;
	while (e > 0 && (t[e - 1] == ' ' || t[e - 1] == '\t'))
		e--;
	size_t b = e;
	while (b > 0 && (((unsigned char)t[b - 1] >= 0x80) ||
			 (t[b - 1] >= 'a' && t[b - 1] <= 'z') || (t[b - 1] >= 'A' && t[b - 1] <= 'Z')))
		b--;
	*wb = b;
	*we = e;
	return b < e;
}

/* The word starting at or after byte `at` (spaces and tabs skipped). */
static int word_after(const char *t, size_t n, size_t at, size_t *wb, size_t *we)
{
	size_t b = at;
	while (b < n && (t[b] == ' ' || t[b] == '\t'))
		b++;
	size_t e = b;
	while (e < n && (((unsigned char)t[e] >= 0x80) || (t[e] >= 'a' && t[e] <= 'z') ||
			 (t[e] >= 'A' && t[e] <= 'Z')))
		e++;
	*wb = b;
	*we = e;
	return b < e;
}

/* Is t[b..e) one of the words of `set` (exact case)? */
static int word_in(const char *t, size_t b, size_t e, const char *const *set)
{
	for (; *set; set++)
		if (strlen(*set) == e - b && !memcmp(t + b, *set, e - b))
			return 1;
	return 0;
}

/* Words before a place: "near X", "towards X". */
static const char *const cue_before[] = {
	"near", "towards", "toward", "Near", "Towards", NULL
};
/* Nouns before "of X": "the village of X", "the outskirts of X". */
static const char *const cue_of[] = {
	"village", "villages", "town", "towns", "city", "settlement", "settlements",
	"outskirts", "area", "areas", "vicinity", "direction", "suburbs", "community",
	"district", "region", NULL
};
/* Lower-case words after a place: "X direction", "the X district". */
static const char *const cue_after[] = {
	"direction", "directions", "axis", "district", "raion", "region", "oblast",
	"community", "hromada", "front", "sector", "bridgehead", "salient", "outskirts",
	NULL
};
/* Last words of a place's name. */
static const char *const place_last[] = {
	"Oblast", "Krai", "Region", "Raion", "Province", "Plant", "Bridge",
	"Airfield", "Base", "Reservoir", "River", "Sea", "Island", "Islands", "Peninsula",
	"Spit", "Strait", "Bay", "Lake", "Canal", NULL
};
/* Words that make a name with such a last word an organisation's. */
static const char *const not_place[] = {
	"Military", "Administration", "Council", "Command", "Fleet", "Forces", "Ministry",
	"Agency", "Company", "Authority", "Office", "Service", NULL
};

/* Lower-case words after a unit's or grouping's name: "the Vostok group
 * of forces", "the Kraken unit", "the Akhmat battalion". */
static const char *const unit_after[] = {
	"grouping", "groupings", "battlegroup", "unit", "battalion", "brigade", "regiment",
	"detachment", NULL
};

/* May entity e be a place the tagger mistyped: a person, organisation or
 * other name with no title or office, of one to three capitalised words,
 * no acronym? */
static int candidate(const struct entity *e, const char *t)
{
	if (e->type != ENTITY_PERSON && e->type != ENTITY_ORG && e->type != ENTITY_MISC)
		return 0;
	if (e->rank != ENTITY_NONE || e->honorific != ENTITY_NONE || e->role != ENTITY_NONE ||
	    e->org != ENTITY_NONE || e->alias != ENTITY_NONE || e->expands != ENTITY_NONE)
		return 0;
	size_t words = 1, lower = 0, upper = 0;
	int start = 1;
	for (size_t i = e->b; i < e->e; i++) {
		unsigned char c = (unsigned char)t[i];
		if (c == ' ') {
			words++;
			start = 1;
			continue;
		}
		if (c == '\n' || c == '\t' || (c >= '0' && c <= '9') || c == '.' || c == '&')
			return 0;
		if (start && c >= 'a' && c <= 'z')
			return 0;
		start = 0;
		if (c >= 'a' && c <= 'z')
			lower++;
		else if (c >= 'A' && c <= 'Z')
			upper++;
	}
	/* "ISW", "SBU": acronyms are what they are */
	return words <= 3 && (lower > 0 || upper == 0);
}

/* Words after "in X" that leave X a place: "in Lyman on Tuesday". */
static const char *const after_in[] = {
	"on", "and", "or", "as", "after", "since", "last", "this", "where", "which", "while",
	"when", "during", "to", "from", "at", "with", "by", "earlier", "overnight", NULL
};

/* Do the words around e say it is a place? `in`: also "in X," (for a
 * name typed PER or MISC). */
static int place_context(const struct entity *e, const char *t, size_t n, int in)
{
	size_t b, w;
	if (word_before(t, e->b, &b, &w)) {
		if (word_in(t, b, w, cue_before))
			return 1;
		size_t b2, w2;
		if (w - b == 2 && !memcmp(t + b, "of", 2) && word_before(t, b, &b2, &w2) &&
		    word_in(t, b2, w2, cue_of))
			return 1;
		/* "in X", then a clause's end or "on", "and", ...; not "in
		 * X's", not "in European markets" */
		if (in && e->type != ENTITY_ORG && w - b == 2 && !memcmp(t + b, "in", 2)) {
			if (e->e >= n || strchr(",.;:)\n", t[e->e]))
				return 1;
			if (word_after(t, n, e->e, &b2, &w2) && b2 == e->e + 1 &&
			    word_in(t, b2, w2, after_in))
				return 1;
		}
	}
	if (word_after(t, n, e->e, &b, &w) && word_in(t, b, w, cue_after) &&
	    !(w - b == 9 && !memcmp(t + b, "community", 9) && memchr(t + e->b, ' ', e->e - e->b)))
		return 1;	/* "the Borova community", not "the Kyiv Independent community" */
	return 0;
}

/* Does e's name end with a place's last word ("Donetsk Oblast") and hold
 * no word of an organisation's? */
static int place_name(const struct entity *e, const char *t)
{
	if (e->type != ENTITY_PERSON && e->type != ENTITY_ORG && e->type != ENTITY_MISC)
		return 0;
	size_t b = e->e;
	while (b > e->b && t[b - 1] != ' ')
		b--;
	if (b == e->b || !word_in(t, b, e->e, place_last))
		return 0;
	for (size_t i = e->b; i < e->e;) {
		size_t j = i;
		while (j < e->e && t[j] != ' ')
			j++;
		if (word_in(t, i, j, not_place))
			return 0;
		i = j + 1;
	}
	return 1;
}

/* Between two entities of one text: 1 for ", ", 2 for a conjunction
 * (" and ", ", and ", " or "), else 0. */
static int list_gap(const char *t, size_t a, size_t b)
{
	size_t n = b > a ? b - a : 0;
	const char *p = t + a;
	if (n == 2 && !memcmp(p, ", ", 2))
		return 1;
	return ((n == 5 && !memcmp(p, " and ", 5)) || (n == 6 && !memcmp(p, ", and ", 6)) ||
		(n == 4 && !memcmp(p, " or ", 4))) ? 2 : 0;
}

/* Nouns after a list that make it a list of things, not places
 * ("Kh-101, Kalibr and Kinzhal missiles", "Gerbera and Parodiya types"). */
static const char *const thing_noun[] = {
	"missile", "missiles", "type", "types", "drone", "drones", "system", "systems",
	"tank", "tanks", "launcher", "launchers", "vehicle", "vehicles", "aircraft", "jet",
	"jets", "fighter", "fighters", "helicopter", "helicopters", "rocket", "rockets",
	"bomb", "bombs", "howitzer", "howitzers", "class", "brigades", "units", "companies",
	"ships", "vessels", "batteries", NULL
};

/* Gives `e` type `t` (a place, or a unit's ORG), without the country a
 * person or an organisation had. */
static void retype(struct entity *e, enum entity_type t)
{
	e->type = t;
	e->country[0] = 0;
	e->iso[0] = 0;
}

/* Makes `e` (a mention in text t) a place, and its name a place in the
 * rest of the document, unless the document writes the name as a
 * person's. */
static void place(struct entity_doc *d, struct entity *e, const char *t)
{
	struct entity_work *W = d->work;

	buf_reset(&W->tmp);
	utf8_fold(&W->tmp, t + e->b, e->e - e->b);
	if (ent_smap_get(&W->people, &d->str, W->tmp.buf) != NONE)
		return;
	retype(e, ENTITY_GPE);
	if (ent_smap_get(&W->places, &d->str, W->tmp.buf) == NONE)
		ent_smap_put(&W->places, &d->str, ent_str_add(d, W->tmp.buf, W->tmp.len), 1);
}

/* A town or village: a place entity that is not a country. */
static int town(const struct entity *e)
{
	return (e->type == ENTITY_GPE || e->type == ENTITY_LOC) && !e->iso[0];
}

void entity_places(struct entity_doc *d, const struct entity_sentence *s, size_t n)
{
	struct entity_work *W = d->work;
	ent_smap_clear(&W->places);
	ent_smap_clear(&W->people);
	/* the names the document writes as a person's (a title, an office,
	 * or a short name keyed to a full one) stay people */
	for (size_t i = 0; i < n; i++)
		for (size_t k = s[i].first; k < s[i].first + s[i].n; k++) {
			const struct entity *e = &d->v[k];
			if (e->type != ENTITY_PERSON)
				continue;
			buf_reset(&W->tmp);
			utf8_fold(&W->tmp, s[i].text + e->b, e->e - e->b);
			int known = e->rank != ENTITY_NONE || e->honorific != ENTITY_NONE ||
				    e->role != ENTITY_NONE || strcmp(W->tmp.buf, entity_str(d, e->key));
			if (known && ent_smap_get(&W->people, &d->str, W->tmp.buf) == NONE)
				ent_smap_put(&W->people, &d->str, ent_str_add(d, W->tmp.buf, W->tmp.len), 1);
		}
	/* the words around each name, then the lists the places stand in */
	for (size_t i = 0; i < n; i++) {
		if (!s[i].n)
			continue;     /* (and d->v may be NULL: no offset on it) */
		const char *t = s[i].text;
		struct entity *v = d->v + s[i].first;
		size_t m = s[i].n;
		for (size_t k = 0; k < m; k++) {
			struct entity *e = &v[k];
			size_t ub, ue;
			/* "the Vostok group", "Leningrad Military District": a
			 * unit's or a command's name, not a place's */
			if ((candidate(e, t) || (town(e) && !memchr(t + e->b, ' ', e->e - e->b))) &&
			    e->type != ENTITY_ORG && word_after(t, s[i].len, e->e, &ub, &ue) &&
			    ub == e->e + 1 &&
			    (word_in(t, ub, ue, unit_after) ||
			     /* "group of forces", not "the European group" */
			     (ue + 10 <= s[i].len && !memcmp(t + ub, "group of f", 10)))) {
				retype(e, ENTITY_ORG);
				continue;
			}
			if (e->type != ENTITY_ORG && e->type != ENTITY_PERSON && e->e - e->b > 18 &&
			    !memcmp(t + e->e - 18, " Military District", 18)) {
				retype(e, ENTITY_ORG);
				continue;
			}
			if (place_name(e, t)) {
				retype(e, ENTITY_LOC);
				continue;
			}
			if (town(e) && place_context(e, t, s[i].len, 1)) {
				/* a place the tagger found, where the words
				 * say so: its other mentions are places too */
				buf_reset(&W->tmp);
				utf8_fold(&W->tmp, t + e->b, e->e - e->b);
				if (ent_smap_get(&W->places, &d->str, W->tmp.buf) == NONE)
					ent_smap_put(&W->places, &d->str,
						     ent_str_add(d, W->tmp.buf, W->tmp.len), 1);
				continue;
			}
			if (candidate(e, t) && place_context(e, t, s[i].len, 1))
				place(d, e, t);
		}
		/* "near Bilenke, Yablunivka and Sviatohirsk": the places of a
		 * list (entities joined by commas and a conjunction, or three
		 * and more; not "X, Name," in apposition, nor a list of things)
		 * make its other names places, forwards, then backwards
		 * ("Udachne and Kotlyne direction") */
		for (size_t a = 0; a < m;) {
			size_t z = a, conj = 0;
			while (z + 1 < m) {
				int g = list_gap(t, v[z].e, v[z + 1].b);
				if (!g)
					break;
				conj |= g == 2;
				z++;
			}
			size_t wb, we, towns = 0;
			int things = word_after(t, s[i].len, v[z].e, &wb, &we) &&
				     word_in(t, wb, we, thing_noun);
			for (size_t x = a; x <= z; x++)
				towns += town(&v[x]);
			/* a list in a place's context ("near A, B and C", "the A
			 * and B directions"), or of three or more with two
			 * places in it */
			struct entity first = v[a], last = v[z];
			first.type = last.type = ENTITY_PERSON;
			int placed = place_context(&first, t, s[i].len, 0) ||
				     place_context(&last, t, s[i].len, 0) ||
				     (word_before(t, v[a].b, &wb, &we) && we - wb == 2 &&
				      !memcmp(t + wb, "in", 2)) ||
				     (z - a >= 2 && towns >= 2);
			if (z == a || things || (!conj && z - a < 2) || !placed || !towns) {
				a = z + 1;
				continue;
			}
			for (int pass = 0; pass < 2; pass++)
				for (size_t j = a; j < z; j++) {
					size_t x = pass ? z - 1 - (j - a) : j, bb = x + 1;
					struct entity *from = pass ? &v[bb] : &v[x], *to = pass ? &v[x] : &v[bb];
					if (!town(from) || !candidate(to, t))
						continue;
					/* "Reporting by X in Kharkiv and Olena Harmash in
					 * Kyiv": a full name followed by "in" is no place */
					if (to->type == ENTITY_PERSON && memchr(t + to->b, ' ', to->e - to->b) &&
					    to->e + 4 <= s[i].len && !memcmp(t + to->e, " in ", 4))
						continue;
					place(d, to, t);
				}
			a = z + 1;
		}
	}
	if (!W->places.n)
		return;
	/* a place once is a place everywhere in the document */
	for (size_t i = 0; i < n; i++)
		for (size_t k = s[i].first; k < s[i].first + s[i].n; k++) {
			struct entity *e = &d->v[k];
			if (!candidate(e, s[i].text))
				continue;
			buf_reset(&W->tmp);
			utf8_fold(&W->tmp, s[i].text + e->b, e->e - e->b);
			if (ent_smap_get(&W->places, &d->str, W->tmp.buf) != NONE)
				retype(e, ENTITY_GPE);
		}
}
