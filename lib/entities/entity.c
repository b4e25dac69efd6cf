/*
 * entity — typed entities with keys and attributes (see entity.h).
 *
 * Per sentence:
 *   1. the words of the sentence (gazetteer.h) and, for every word
 *      position, the longest title (rank, honorific) and role that end
 *      there;
 *   2. candidates: the tagger's mentions (titles stripped from persons,
 *      retyped by the dictionaries), dictionary phrases, dates, and
 *      patterns: capitalised runs headed by an event word ("Summit") or
 *      an organisation word ("Ministry"), and names after a title;
 *   3. a greedy choice of non-overlapping candidates by priority: dates,
 *      then patterns and phrases that contain and extend other candidates,
 *      then the tagger, then dictionaries, then the other patterns;
 *   4. attributes from the words around each entity, and acronyms
 *      defined in brackets.
 * Per document: short person names take the key of the full name that
 * contains them (nearest before, else first after) and acronyms the key
 * of their long form. Every step is linear in the number of words: the
 * dictionary lookups are bounded (GAZ_MAXWORDS) and the document maps
 * are hash tables.
 */
#include <stdlib.h>
#include <string.h>

#include "entity_impl.h"
#include "wire/core/err.h"
#include "wire/core/hash.h"
#include "wire/core/utf8.h"

static const char *const type_names[ENTITY_NTYPES] = {
	"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "MISC", "DATE",
};

const char *entity_type_name(enum entity_type t)
{
	return (unsigned)t < ENTITY_NTYPES ? type_names[t] : "?";
}

int entity_type_parse(const char *s, size_t n)
{
	for (int t = 0; t < ENTITY_NTYPES; t++)
		if (strlen(type_names[t]) == n && !strncmp(type_names[t], s, n))
			return t;
	return -1;
}

int entity_types_parse(const char *list, unsigned *mask, struct buf *err)
{
	unsigned m = 0;
	const char *p = list;

	for (;;) {
		const char *q = strchr(p, ',');
		size_t n = q ? (size_t)(q - p) : strlen(p);
		int t = entity_type_parse(p, n);
		if (t < 0) {
			buf_addf(err, "unknown entity type '%.*s'", (int)n, p);
			return -1;
		}
		m |= 1u << t;
		if (!q)
			break;
		p = q + 1;
	}
	*mask = m;
	return 0;
}

/* ---- scratch ---- */


void entity_doc_init(struct entity_doc *d)
{
	memset(d, 0, sizeof(*d));
	buf_init(&d->str, 4096);
	d->work = xcalloc(1, sizeof(*d->work));
	struct gaz_words w = GAZ_WORDS_INIT;
	d->work->w = w;
	buf_init(&d->work->tmp, 256);
	buf_init(&d->work->place, 32);
	buf_init(&d->work->agency, 32);
}

void entity_doc_origin(struct entity_doc *d, const char *dateline, size_t dn,
		       const char *agency, size_t an)
{
	buf_reset(&d->work->place);
	buf_reset(&d->work->agency);
	if (dateline)
		buf_add(&d->work->place, dateline, dn);
	if (agency)
		buf_add(&d->work->agency, agency, an);
}

static void smap_release(struct smap *m)
{
	free(m->key);
	free(m->val);
	memset(m, 0, sizeof(*m));
}

void entity_doc_release(struct entity_doc *d)
{
	struct entity_work *W = d->work;
	if (W) {
		gaz_words_release(&W->w);
		free(W->title_from);
		free(W->role_from);
		free(W->title_e);
		free(W->in_title);
		free(W->role_e);
		free(W->office);
		free(W->office_to);
		free(W->start_at);
		free(W->end_at);
		free(W->c);
		free(W->order);
		free(W->occ);
		buf_release(&W->tmp);
		buf_release(&W->place);
		buf_release(&W->agency);
		smap_release(&W->acr);
		smap_release(&W->names);
		smap_release(&W->pwords);
		smap_release(&W->places);
		smap_release(&W->people);
		free(W);
	}
	free(d->v);
	buf_release(&d->str);
	memset(d, 0, sizeof(*d));
}

/* ---- the string map ---- */

static uint64_t hash_str(const char *s)
{
	return hash_fnv1a(s, strlen(s));
}

void ent_smap_clear(struct smap *m)
{
	m->n = 0;
	for (size_t i = 0; i < m->cap; i++)
		m->key[i] = NONE;
}

/* The slot of `s` (arena string) in `m`. */
static size_t smap_slot(const struct smap *m, const struct buf *arena, const char *s)
{
	size_t mask = m->cap - 1;
	for (size_t i = (size_t)hash_str(s) & mask;; i = (i + 1) & mask)
		if (m->key[i] == NONE || !strcmp(arena->buf + m->key[i], s))
			return i;
}

size_t ent_smap_get(const struct smap *m, const struct buf *arena, const char *s)
{
	if (!m->cap)
		return NONE;
	size_t i = smap_slot(m, arena, s);
	return m->key[i] == NONE ? NONE : m->val[i];
}

/* Sets `s` (an arena offset) to `v`. */
void ent_smap_put(struct smap *m, const struct buf *arena, size_t s, size_t v)
{
	if (2 * (m->n + 1) > m->cap) {
		struct smap old = *m;
		m->cap = m->cap ? 2 * m->cap : 64;
		m->key = xmalloc(m->cap * sizeof(*m->key));
		m->val = xmalloc(m->cap * sizeof(*m->val));
		ent_smap_clear(m);
		for (size_t i = 0; i < old.cap; i++)
			if (old.key[i] != NONE) {
				size_t j = smap_slot(m, arena, arena->buf + old.key[i]);
				m->key[j] = old.key[i];
				m->val[j] = old.val[i];
				m->n++;
			}
		free(old.key);
		free(old.val);
	}
	size_t i = smap_slot(m, arena, arena->buf + s);
	if (m->key[i] == NONE) {
		m->key[i] = s;
		m->n++;
	}
	m->val[i] = v;
}

/* ---- arena ---- */

size_t ent_str_add(struct entity_doc *d, const char *s, size_t n)
{
	size_t off = d->str.len;
	buf_add(&d->str, s, n);
	buf_addc(&d->str, '\0');
	return off;
}

size_t ent_str_fold(struct entity_doc *d, const char *prefix, const char *s, size_t n)
{
	size_t off = d->str.len;
	if (prefix) {
		utf8_fold(&d->str, prefix, strlen(prefix));
		buf_addc(&d->str, ' ');
	}
	utf8_fold(&d->str, s, n);
	buf_addc(&d->str, '\0');
	return off;
}

/* ---- words ---- */


static int is_ordinal(const struct sent *S, size_t i)
{
	size_t n, j = 0;
	const char *k = wkey(S, i, &n);
	while (j < n && k[j] >= '0' && k[j] <= '9')
		j++;
	if (j == 0 || n - j != 2)
		return 0;
	return !memcmp(k + j, "st", 2) || !memcmp(k + j, "nd", 2) ||
	       !memcmp(k + j, "rd", 2) || !memcmp(k + j, "th", 2);
}

/* Is word i an apostrophe glued to the end of a plural ("Ministers'")? */
static int plural_apos(const struct sent *S, size_t i)
{
	if (i == 0 || i >= S->nw || !(wis(S, i, "'")))
		return 0;
	const struct token *a = wtok(S, i - 1), *b = wtok(S, i);
	if (a->e != b->b)
		return 0;
	char c = S->s->text[a->e - 1];
	return c == 's' || c == 'S';
}

int ent_is_connector(const struct sent *S, size_t i)
{
	return wis(S, i, "of") || wis(S, i, "for") || wis(S, i, "and") || wis(S, i, "&") ||
	       wis(S, i, "on") || wis(S, i, "de") || wis(S, i, "du") || wis(S, i, "in");
}

int ent_is_particle(const struct sent *S, size_t i)
{
	static const char *const p[] = { "bin", "binti", "bt", "van", "von", "de", "da",
					 "al", "el", "le", "la", "di", "dos", "del", "ibn", NULL };
	if (is_cap(S, i))
		return 0;
	for (int k = 0; p[k]; k++)
		if (wis(S, i, p[k]))
			return 1;
	return 0;
}

/* Is word i written all in lower case: a lower-case letter first and no
 * capital ("as", "said"; not "'s", "anti-Castro", "3rd", "Co")? */
static int is_lower(const struct sent *S, size_t i)
{
	const struct token *t = wtok(S, i);
	const char *p = S->s->text + t->b, *end = S->s->text + t->e;
	int32_t cp;
	int len = utf8_decode(p, end, &cp);
	if (!len || !utf8_is_lower(cp))
		return 0;
	for (p += len; p < end; p += len ? len : 1) {
		len = utf8_decode(p, end, &cp);
		if (utf8_is_upper(cp))
			return 0;
	}
	return 1;
}

/* May the lower-case word i stand inside a name? The connectors ("Bank of
 * England", "Council on Foreign Relations", "Institute for Defence
 * Strategy", "Trinidad and Tobago"), the particles ("Gregorio del Pilar",
 * "Dar es Salaam", "Daniel arap Moi", "Rio Grande do Sul", "Hukbong Dagat
 * ng Pilipinas", "Se og Hør", "Frankfurt am Main"), "v." of "Roe v. Wade",
 * and "amp", the remnant of an "&amp;" ("Dow Jones amp Co"). */
static int name_joiner(const struct sent *S, size_t i)
{
	static const char *const j[] = { "the", "des", "della", "dello", "dei", "do", "das",
					 "der", "den", "ter", "ten", "zu", "es", "arap", "e",
					 "y", "und", "en", "et", "og", "am", "im", "ng", "to",
					 "at", "upon", "v", "vs", "amp", NULL };
	if (ent_is_connector(S, i) || ent_is_particle(S, i))
		return 1;
	for (int k = 0; j[k]; k++)
		if (wis(S, i, j[k]))
			return 1;
	return 0;
}

/* Is word i, in whatever case, a word that names nothing alone: a head
 * word ("Federation", "holdings"), a company suffix ("Inc", "co"), a
 * compass point ("West", "south") or a sports event word ("Cup")? Written in lower case inside a
 * tagger's name, it is a word of the name set in the wrong case
 * ("Taiwan Power co", "Forbes holdings Inc", "south Africa"). */
static int generic_word(const struct sent *S, size_t i)
{
	static const char *const g[] = { "north", "south", "east", "west", "co", "cos", "corp",
					 "inc", "ltd", "plc", "pty", "llc", "bhd", "cup",
					 "championship", "championships", "series", "trophy",
					 "tournament", "league", NULL };
	for (int k = 0; g[k]; k++)
		if (wis(S, i, g[k]))
			return 1;
	const struct token *t = wtok(S, i);
	char w[32];
	size_t n = t->e - t->b;
	if (n >= sizeof(w))
		return 0;
	memcpy(w, S->s->text + t->b, n);
	if (w[0] >= 'a' && w[0] <= 'z')
		w[0] = (char)(w[0] - 'a' + 'A'); /* dictionary heads are capitalised */
	return gaz_lookup_word(S->g, w, n, HEAD_KINDS) != NULL;
}

/* Does the name [wb, we) end with an event word ("Summit")? */
static int ends_event(const struct sent *S, size_t wb, size_t we)
{
	return (we > wb && exact(S, we - 1, we, GAZ_BIT(GAZ_EVENTHEAD))) ||
	       (we > wb + 1 && exact(S, we - 2, we, GAZ_BIT(GAZ_EVENTHEAD)));
}

/* ---- candidates ---- */

struct cand *ent_new_cand(struct sent *S, size_t wb, size_t we, enum entity_type t,
			     enum origin o, int prio)
{
	struct entity_work *W = S->W;
	W->c = grow(W->c, &W->c_alloc, W->nc + 1, sizeof(*W->c));
	struct cand *c = &W->c[W->nc++];
	memset(c, 0, sizeof(*c));
	c->wb = wb;
	c->we = we;
	if (we > wb) {
		c->tb = S->w->v[wb].tok;
		c->te = S->w->v[we - 1].tok + 1;
	}
	c->type = t;
	c->origin = o;
	c->prio = prio;
	c->date = c->alias = c->expands = c->key = c->link = NONE;
	c->role_tb = c->role_te = c->org_tb = c->org_te = NONE;
	return c;
}

/* Types a name [wb, we) from the dictionaries: returns 1 when a phrase
 * of an entity kind covers it exactly. */
static int type_from_gaz(const struct sent *S, struct cand *c)
{
	const struct gaz_entry *e = exact(S, c->wb, c->we, NAME_KINDS);
	if (!e && c->we == c->wb + 1) {
		/* a nationality in the plural: "Americans", "Thais" */
		const struct token *t = wtok(S, c->wb);
		if (t->e - t->b > 3 && S->s->text[t->e - 1] == 's')
			e = gaz_lookup_word(S->g, S->s->text + t->b, t->e - t->b - 1,
					    GAZ_BIT(GAZ_DEMONYM));
	}
	if (!e)
		return 0;
	c->ge = e;
	switch (e->kind) {
	case GAZ_COUNTRY: c->type = ENTITY_GPE; break;
	case GAZ_GPE: c->type = ENTITY_GPE; memcpy(c->country, e->iso, 3); break;
	case GAZ_LOC: c->type = ENTITY_LOC; break;
	case GAZ_DEMONYM: c->type = ENTITY_NORP; break;
	case GAZ_ORG: c->type = ENTITY_ORG; memcpy(c->country, e->iso, 3); break;
	case GAZ_EVENT: c->type = ENTITY_EVENT; break;
	case GAZ_MISC: c->type = ENTITY_MISC; break;
	default: c->ge = NULL; return 0;
	}
	return 1;
}

/* Is word i a head word of a military unit ("Brigade", "Army")? */
static int unit_head(const struct sent *S, size_t i)
{
	static const char *const h[] = { "brigade", "division", "army", "corps", "regiment",
					  "battalion", "fleet", "flotilla", "squadron", "detachment",
					  "wing", "company", NULL };
	for (int k = 0; h[k]; k++)
		if (wis(S, i, h[k]))
			return 1;
	return 0;
}

/* An ordinal before an event ("the 19th ADMM") or a military unit ("the
 * 2nd Combined Arms Army", "155th Separate Marine Brigade") is part of
 * its name. */
static void add_ordinal(const struct sent *S, struct cand *c)
{
	int unit = 0;
	if (c->type == ENTITY_ORG && c->wb > 0)
		for (size_t i = c->wb; i < c->we && !unit; i++)
			unit = unit_head(S, i);
	if ((c->type == ENTITY_EVENT || unit) && c->wb > 0 && is_ordinal(S, c->wb - 1)) {
		c->wb--;
		c->tb = S->w->v[c->wb].tok;
		c->ordinal = 1;
	}
}

/* Does a dictionary head word ("Ministry", "Summit") occur in [wb, we)? */
int ent_has_head(const struct sent *S, size_t wb, size_t we)
{
	for (size_t i = wb; i < we; i++) {
		size_t e;
		if (match(S, i, HEAD_KINDS, &e) && e <= we)
			return 1;
	}
	return 0;
}

/* A person's name the tagger began one or two words late, after a title
 * ("Sen. Lieut. Gen. Do Minh Khai" tagged "Minh Khai"): its new start. */
static size_t name_after_title(const struct sent *S, size_t wb)
{
	const unsigned not_name = NAME_KINDS | HEAD_KINDS | TITLE_KINDS | GAZ_BIT(GAZ_ROLE);
	size_t b = wb;
	while (b > 0 && wb - b < 2 && is_cap(S, b - 1) && !S->W->in_title[b - 1] &&
	       !match(S, b - 1, not_name, NULL) && S->W->title_from[b] == NONE)
		b--;
	return b < wb && S->W->title_from[b] != NONE ? b : wb;
}

/* Words of a web page's furniture that the tagger, seeing them
 * capitalised alone at a line's start, takes for names ("Read also:",
 * "Reporter", "Updated", "214 Reposts"): never a name alone. */
static int page_word(const struct sent *S, size_t i)
{
	static const char *const w[] = {
		"read", "reporter", "reposts", "repost", "update", "updated", "share", "subscribe",
		"follow", "related", "tags", "photo", "photos", "video", "source", "advertisement",
		"editor", "likes", "quotes", "views", "comments", "newsletter", "donate", "menu",
		"head", NULL
	};
	for (int k = 0; w[k]; k++)
		if (wis(S, i, w[k]))
			return 1;
	return 0;
}

/* The candidate of words [wb, we) of the tagger's mention k, of type mt:
 * titles, offices and nationality cleaned off, typed by the dictionaries. */
static void ner_cand(struct sent *S, size_t k, size_t wb, size_t we, enum ner_type mt)
{
	if (we == wb + 1 && page_word(S, wb))
		return;
	const struct entity_sentence *s = S->s;
	const size_t *of = S->w->of_tok;
	const struct gaz_entry *rank = NULL, *hon = NULL, *role = NULL;
	char country[3] = "";
	if (mt != NER_PER && !person_fix_other(S, &wb, &we, &mt, &rank, &hon, country))
		return;
	if (mt == NER_PER) {
		/* a title that begins before the mention ends inside it
		 * ("Datuk [Seri Rahim Osman]"): the name starts after it */
		for (size_t e = we - 1; e > wb; e--) {
			size_t tb = S->W->title_from[e], e2;
			const struct gaz_entry *t;
			if (tb == NONE || tb >= wb || !(t = match(S, tb, TITLE_KINDS, &e2)) || e2 != e)
				continue;
			if (t->kind == GAZ_RANK)
				rank = t;
			else if (t->kind == GAZ_HONORIFIC)
				hon = t;
			wb = e;
			break;
		}
		/* titles and nationality are attributes, not the name */
		for (int guard = 0; guard < 8 && wb < we; guard++) {
			size_t e2, e3;
			const struct gaz_entry *t = match(S, wb, TITLE_KINDS | GAZ_BIT(GAZ_ROLE), &e2);
			if (!t) {
				/* "Vietnamese General X": only before a title */
				t = match(S, wb, PLACE_KINDS, &e2);
				if (!t || !match(S, e2, TITLE_KINDS | GAZ_BIT(GAZ_ROLE), &e3) ||
				    e3 >= we)
					break;
			}
			if (e2 >= we) {
				/* a title alone is no person: "Dato", "Laksamana Pertama" */
				if (t->kind != GAZ_COUNTRY && t->kind != GAZ_DEMONYM)
					wb = we;
				break;
			}
			if (t->kind == GAZ_RANK && !rank)
				rank = t;
			else if (t->kind == GAZ_HONORIFIC && !hon)
				hon = t;
			else if (t->kind == GAZ_ROLE && !role)
				role = t;
			else if ((t->kind == GAZ_COUNTRY || t->kind == GAZ_DEMONYM) && !*country)
				memcpy(country, t->iso, 3);
			wb = e2;
		}
	}
	if (wb >= we)
		return;
	if (mt == NER_PER) {
		wb = name_after_title(S, wb);
		/* "Cooperation at India" of "for International Cooperation at
		 * India's Ministry": no person's name holds "at <country>" */
		for (size_t i = wb + 1; i + 1 < we; i++)
			if ((wis(S, i, "at") || wis(S, i, "of") || wis(S, i, "for") || wis(S, i, "in") ||
			     wis(S, i, "to")) && match(S, i + 1, PLACE_KINDS, NULL))
				return;
	}
	if (mt == NER_PER) {
		size_t we0 = we;
		we = person_name_particles(S, we);
		/* a person mention the join ran into goes on to its end
		 * ("Abdul-Aziz" + "bin" + "Khalifa al-Thani") */
		for (size_t k2 = k + 1; we > we0 && k2 < s->nm; k2++) {
			size_t te = S->w->v[we - 1].tok + 1;
			const struct ner_mention *m2 = &s->m[k2];
			if (m2->tb >= te)
				break;
			if (m2->type != NER_PER || m2->te <= te || m2->te > s->ntok)
				continue;
			for (size_t t = m2->te; t-- > te;)
				if (of[t] != NONE) {
					we = of[t] + 1;
					break;
				}
		}
	}
	static const enum entity_type map[NER_NTYPES] = {
		ENTITY_PERSON, ENTITY_ORG, ENTITY_LOC, ENTITY_MISC
	};
	struct cand *c = ent_new_cand(S, wb, we, map[mt], FROM_NER, 3);
	c->rank = rank;
	c->hon = hon;
	c->role = role;
	memcpy(c->country, country, 3);
	if (!type_from_gaz(S, c)) {
		/* names do not end in "Meeting" or "Ministry" */
		if (ends_event(S, wb, we))
			c->type = ENTITY_EVENT;
		else if (c->type != ENTITY_ORG && exact(S, we - 1, we, GAZ_BIT(GAZ_ORGHEAD)))
			c->type = ENTITY_ORG;
		if (c->type != ENTITY_PERSON)
			c->rank = c->hon = c->role = NULL;
	}
	add_ordinal(S, c);
}

/* Does the lower-case word i end a name: a word of no name ("as", "is",
 * "subsidiaries"), neither a word of a title or office ("Prime
 * minister"), nor a joiner ("of"), nor a name word in the wrong case? */
static int splits_name(const struct sent *S, size_t i)
{
	return is_lower(S, i) && !S->W->in_title[i] && !name_joiner(S, i) && !generic_word(S, i);
}

/* The parts of [wb, we) between the words that split it, without the
 * lower-case joiners at the cuts: at most nmax, stored in pb/pe; returns
 * their number, or 0 when nothing splits the mention or the split is
 * wrong: a part is only generic words or an article ("Meat export
 * Federation", "South africa", "The washington Post"), or a person's
 * name ends in lower case ("Alan greenspan"). */
static size_t name_parts(const struct sent *S, size_t wb, size_t we, enum ner_type mt,
			 size_t *pb, size_t *pe, size_t nmax)
{
	size_t n = 0, b = wb;
	int cut = 0;
	if (mt == NER_PER && splits_name(S, we - 1))
		return 0;
	for (size_t i = wb; i <= we; i++) {
		if (i < we && !splits_name(S, i))
			continue;
		size_t e = i;
		if (i < we) {
			cut = 1;
			while (e > b && is_lower(S, e - 1) && !S->W->in_title[e - 1])
				e--;
		}
		if (b < e) {
			size_t j = b;
			while (j < e && (generic_word(S, j) || wis(S, j, "the") || wis(S, j, "a") ||
					 wis(S, j, "an")))
				j++;
			if (j == e || n == nmax)
				return 0;
			pb[n] = b;
			pe[n++] = e;
		}
		b = i + 1;
		while (b < we && is_lower(S, b) && !S->W->in_title[b])
			b++;
	}
	return cut ? n : 0;
}

/*
 * The tagger's mention k over words [wb, we): a lower-case word that no
 * name holds splits it ("the Philippines as ASEAN Chair", "Woolworth is
 * Kinney Shoe Stores", "Hongkong Bank subsidiaries Wardley Ltd") or
 * trims it ("United Automobile Workers union"); a part is a name when it
 * starts with a capital or is a dictionary phrase, and keeps the
 * tagger's type unless the dictionaries know it ("Philippines" a GPE).
 */
static void ner_split(struct sent *S, size_t k, size_t wb, size_t we, enum ner_type mt)
{
	size_t pb[8], pe[8];
	size_t n = we - wb >= 2 ? name_parts(S, wb, we, mt, pb, pe, 8) : 0;
	if (!n) {
		ner_cand(S, k, wb, we, mt);
		return;
	}
	for (size_t p = 0; p < n; p++)
		if (is_cap(S, pb[p]) || exact(S, pb[p], pe[p], NAME_KINDS))
			ner_cand(S, k, pb[p], pe[p], mt);
}

static void ner_cands(struct sent *S)
{
	const struct entity_sentence *s = S->s;
	const size_t *of = S->w->of_tok;

	for (size_t k = 0; k < s->nm; k++) {
		const struct ner_mention *m = &s->m[k];
		size_t wb = NONE, we = NONE;
		for (size_t t = m->tb; t < m->te && t < s->ntok; t++)
			if (of[t] != NONE) {
				if (wb == NONE)
					wb = of[t];
				we = of[t] + 1;
			}
		if (wb == NONE)
			continue;
		ner_split(S, k, wb, we, m->type < NER_NTYPES ? m->type : NER_MISC);
	}
}

static void gaz_cands(struct sent *S)
{
	for (size_t i = 0; i < S->nw;) {
		size_t we;
		const struct gaz_entry *e = match(S, i, NAME_KINDS, &we);
		if (!e) {
			i++;
			continue;
		}
		struct cand *c = ent_new_cand(S, i, we, ENTITY_MISC, FROM_GAZ, 2);
		type_from_gaz(S, c);
		add_ordinal(S, c);
		i = we;
	}
}

/* Starts word i a title, a role or a dictionary name? */
static int starts_other(const struct sent *S, size_t i)
{
	return match(S, i, TITLE_KINDS | GAZ_BIT(GAZ_ROLE), NULL) != NULL;
}

static int is_determiner(const struct sent *S, size_t i)
{
	static const char *const d[] = { "the", "a", "an", "this", "these", "its", "his", "her",
					 "their", "our", "during", "at", "in", "on", "and", NULL };
	for (int k = 0; d[k]; k++)
		if (wis(S, i, d[k]))
			return 1;
	return 0;
}

/* A capitalised run [b, e): an event or an organisation when headed so. */
static void run_cand(struct sent *S, size_t b, size_t e)
{
	while (b < e && is_determiner(S, b))
		b++; /* "The Network of ...", sentence-initial "During the" */
	if (b >= e)
		return;
	/* an event: the run ends with an event word; at most 8 words */
	if (ends_event(S, b, e)) {
		size_t s = e > b + 8 ? e - 8 : b;
		for (size_t k = s; k < e; k++)
			if (wis(S, k, "and") || wis(S, k, "&"))
				s = k + 1; /* "RIMPAC and the ... Exercise": the last one */
		while (s < e && (!is_cap(S, s) || starts_other(S, s)))
			s++;
		if (s + 1 < e || (s < e && exact(S, s, e, GAZ_BIT(GAZ_EVENT)))) {
			struct cand *c = ent_new_cand(S, s, e, ENTITY_EVENT, FROM_PATTERN, 1);
			add_ordinal(S, c);
		}
		return;
	}
	/* an organisation: from the capitalised words before its first head
	 * word to the end of its complement */
	size_t h = NONE, he = NONE;
	for (size_t i = b; i < e; i++) {
		if (match(S, i, GAZ_BIT(GAZ_ORGHEAD), &he)) {
			h = i;
			break;
		}
	}
	if (h == NONE || he > e)
		return;
	size_t s = h;
	while (s > b && is_cap(S, s - 1) && !plural_apos(S, s - 1))
		s--;
	char country[3] = "";
	for (int guard = 0; guard < 4 && s < h; guard++) {
		size_t e2;
		const struct gaz_entry *t = match(S, s, TITLE_KINDS | GAZ_BIT(GAZ_ROLE) |
						   GAZ_BIT(GAZ_DEMONYM), &e2);
		if (!t || e2 > h)
			break;
		if (t->kind == GAZ_DEMONYM && !*country)
			memcpy(country, t->iso, 3);
		s = e2;
	}
	size_t end = he;
	int complement = 0;
	while (end < e) {
		if (is_cap(S, end) && !starts_other(S, end)) {
			end++;
			continue;
		}
		if (plural_apos(S, end)) {
			end++;
			continue;
		}
		if (wis(S, end, "of") || wis(S, end, "for") || wis(S, end, "on")) {
			complement = 1;
			end++;
			continue;
		}
		if (complement && (wis(S, end, "and") || wis(S, end, "&")) && end + 1 < e &&
		    !starts_other(S, end + 1)) {
			end++;
			continue;
		}
		break;
	}
	while (end > he && !is_cap(S, end - 1))
		end--; /* no connector at the end */
	/* "Foreign Relations Department of Viet Nam's Ministry ...": the
	 * country that owns the next name is no complement of this one */
	if (wis(S, end, "'s")) {
		for (size_t k = end; k-- > he;) {
			size_t x = wis(S, k + 1, "the") ? k + 2 : k + 1, pe;
			if (wis(S, k, "of") && match(S, x, PLACE_KINDS, &pe) && pe == end) {
				end = k;
				break;
			}
		}
	}
	if (end - s > 12)
		return;
	struct cand *c = ent_new_cand(S, s, end, ENTITY_ORG, FROM_PATTERN, 1);
	memcpy(c->country, country, 3);
	add_ordinal(S, c);
}

static void run_cands(struct sent *S)
{
	size_t i = 0;
	while (i < S->nw) {
		if (!is_cap(S, i)) {
			i++;
			continue;
		}
		size_t b = i, j = i + 1;
		for (;;) {
			if (is_cap(S, j)) {
				j++;
			} else if (plural_apos(S, j) && is_cap(S, j + 1)) {
				j += 2;
			} else if (ent_is_connector(S, j) && is_cap(S, j + 1) && !starts_other(S, j + 1)) {
				j += 2;
			} else if (ent_is_connector(S, j) && wis(S, j + 1, "the") && is_cap(S, j + 2) &&
				   !starts_other(S, j + 2)) {
				j += 3;
			} else {
				break;
			}
		}
		run_cand(S, b, j);
		i = j;
	}
}

/* Acronyms defined earlier in the document: "Thai-MECC" again. */
static void acr_cands(struct sent *S)
{
	struct entity_work *W = S->W;
	if (!W->acr.n)
		return;
	for (size_t i = 0; i < S->nw; i++) {
		size_t n;
		const char *k = wkey(S, i, &n);
		buf_reset(&W->tmp);
		buf_add(&W->tmp, k, n);
		size_t a = ent_smap_get(&W->acr, &S->d->str, W->tmp.buf);
		if (a == NONE)
			continue;
		const struct entity *e = &S->d->v[a];
		struct cand *c = ent_new_cand(S, i, i + 1, e->type, FROM_GAZ, 2);
		c->key = e->key;
		c->expands = e->expands;
	}
}

/* Is the date of tokens [tb, te) a lone month word that ends a name
 * ("Dong Jun", "Theresa May"): one word without digits after a
 * capitalised word that does not start the sentence? */
static int name_month(const struct sent *S, size_t tb, size_t te)
{
	const struct entity_sentence *s = S->s;
	if (te != tb + 1 || tb < 1)
		return 0;
	/* a month word only: "President Bush today", "Bush Monday" are dates */
	if (!date_month_word(s->text + s->tok[tb].b, s->tok[tb].e - s->tok[tb].b))
		return 0;
	static const char *const preps[] = {
		"in", "on", "at", "by", "since", "until", "from", "through",
		"during", "before", "after", "of", "for", "last", "next", "this",
		"early", "late", "mid", NULL,
	};
	size_t w = S->w->of_tok[tb - 1];
	if (w == NONE || w == 0 || !is_cap(S, w) || S->W->in_title[w] ||
	    match(S, w, PLACE_KINDS, NULL))
		return 0;
	for (size_t k = 0; preps[k]; k++)
		if (wis(S, w, preps[k]))
			return 0;  /* '"In March we ...' after a quote: a date */
	return 1;
}

static void date_cands(struct sent *S)
{
	const struct entity_sentence *s = S->s;
	for (size_t k = 0; k < s->nd; k++) {
		const struct date_mention *dm = &s->d[k];
		if (dm->e <= dm->b || dm->e > s->len)
			continue;
		/* "three weeks", "the two-day meeting": a length, not a time, so
		 * not reported unless asked for (entity_doc.durations); it still
		 * keeps the tagger's "One-month" away */
		int hidden = !S->d->durations && !strcmp(date_value_type(dm->value), "DURATION");
		/* tokens overlapping [b, e) */
		size_t lo = 0, hi = s->ntok;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (s->tok[mid].e <= dm->b)
				lo = mid + 1;
			else
				hi = mid;
		}
		size_t tb = lo, te = lo;
		while (te < s->ntok && s->tok[te].b < dm->e)
			te++;
		if (te == tb || name_month(S, tb, te))
			continue;
		struct cand *c = ent_new_cand(S, 0, 0, ENTITY_DATE, FROM_DATE, 6);
		c->hidden = hidden;
		c->tb = tb;
		c->te = te;
		c->date = k;
		c->wb = c->we = NONE;
		for (size_t t = tb; t < te; t++)
			if (S->w->of_tok[t] != NONE) {
				if (c->wb == NONE)
					c->wb = S->w->of_tok[t];
				c->we = S->w->of_tok[t] + 1;
			}
		if (c->wb == NONE)
			c->wb = c->we = 0;
	}
}

/* ---- choosing ---- */

static _Thread_local const struct cand *cmp_base; /* per thread: the driver runs one tagger per worker */

static int cmp_prio(const void *a, const void *b)
{
	const struct cand *x = &cmp_base[*(const size_t *)a], *y = &cmp_base[*(const size_t *)b];
	if (x->prio != y->prio)
		return y->prio - x->prio;
	size_t lx = x->te - x->tb, ly = y->te - y->tb;
	if (lx != ly)
		return lx > ly ? -1 : 1;
	if (x->tb != y->tb)
		return x->tb < y->tb ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

static int cmp_pos(const void *a, const void *b)
{
	const struct cand *x = &cmp_base[*(const size_t *)a], *y = &cmp_base[*(const size_t *)b];
	if (x->tb != y->tb)
		return x->tb < y->tb ? -1 : 1;
	return 0;
}

void ent_sort_pos(size_t *order, size_t n, const struct cand *c)
{
	cmp_base = c;
	qsort(order, n, sizeof(*order), cmp_pos);
}

void ent_index_chosen(struct sent *S)
{
	struct entity_work *W = S->W;
	for (size_t i = 0; i <= S->nw; i++)
		W->start_at[i] = W->end_at[i] = NONE;
	for (size_t k = 0; k < W->nc; k++) {
		const struct cand *c = &W->c[k];
		if (c->type == ENTITY_DATE || c->we <= c->wb)
			continue;
		W->start_at[c->wb] = k;
		W->end_at[c->we] = k;
	}
}

/*
 * Phrases, and event or organisation patterns without a person inside,
 * that strictly contain other candidates win over them: "ASEAN Summit" over
 * "ASEAN", "Thailand Maritime Enforcement Coordinating Center" over
 * "Thailand".
 */
static void promote(struct sent *S)
{
	struct entity_work *W = S->W;
	size_t ntok = S->s->ntok;
	/* per token: the widest candidate starting there, and persons */
	W->occ = grow(W->occ, &W->occ_alloc, ntok + 1, 1);
	memset(W->occ, 0, ntok + 1);
	for (size_t k = 0; k < W->nc; k++) {
		const struct cand *c = &W->c[k];
		for (size_t t = c->tb; t < c->te; t++)
			if (c->type == ENTITY_PERSON && c->origin == FROM_NER)
				W->occ[t] |= 2;
	}
	/* a token is "covered by something smaller" only relative to a
	 * candidate, so test each wide candidate against the starts inside */
	size_t *start_end = W->start_at; /* reuse: per token, min end of NER/gaz starting there */
	for (size_t t = 0; t <= ntok; t++)
		start_end[t] = 0;
	for (size_t k = 0; k < W->nc; k++) {
		const struct cand *c = &W->c[k];
		if ((c->origin == FROM_NER || c->origin == FROM_GAZ) &&
		    (!start_end[c->tb] || c->te < start_end[c->tb]))
			start_end[c->tb] = c->te;
	}
	for (size_t k = 0; k < W->nc; k++) {
		struct cand *c = &W->c[k];
		int widening = c->origin == FROM_GAZ ||
			       (c->origin == FROM_PATTERN && c->type != ENTITY_PERSON);
		if (!widening)
			continue;
		int inner = 0, person = 0;
		for (size_t t = c->tb; t < c->te; t++) {
			if (W->occ[t] & 2)
				person = 1;
			if (start_end[t] && start_end[t] <= c->te &&
			    !(t == c->tb && start_end[t] == c->te))
				inner = 1;
		}
		/* a dictionary phrase wins over a person inside it ("Exercise
		 * Bersama Lima", "Ho Chi Minh City"); a pattern does not */
		if (inner && (!person || c->origin == FROM_GAZ))
			c->prio = 5;
	}
}

static void choose(struct sent *S)
{
	struct entity_work *W = S->W;
	size_t ntok = S->s->ntok;

	promote(S);
	W->order = grow(W->order, &W->order_alloc, W->nc + 1, sizeof(*W->order));
	for (size_t k = 0; k < W->nc; k++)
		W->order[k] = k;
	cmp_base = W->c;
	qsort(W->order, W->nc, sizeof(*W->order), cmp_prio);
	memset(W->occ, 0, ntok + 1);
	size_t kept = 0;
	for (size_t k = 0; k < W->nc; k++) {
		const struct cand *c = &W->c[W->order[k]];
		int free_ = c->te > c->tb;
		for (size_t t = c->tb; t < c->te && free_; t++)
			if (W->occ[t])
				free_ = 0;
		if (!free_)
			continue;
		for (size_t t = c->tb; t < c->te; t++)
			W->occ[t] = 1;
		W->order[kept++] = W->order[k];
	}
	qsort(W->order, kept, sizeof(*W->order), cmp_pos);
	/* keep the chosen ones, in text order, at the front of W->c */
	struct cand *tmp = xmalloc((kept + 1) * sizeof(*tmp));
	size_t shown = 0;
	for (size_t k = 0; k < kept; k++)
		if (!W->c[W->order[k]].hidden)
			tmp[shown++] = W->c[W->order[k]];
	kept = shown;
	if (kept)
		memcpy(W->c, tmp, kept * sizeof(*tmp));
	free(tmp);
	W->nc = kept;
	ent_index_chosen(S);
}

/*
 * A title glossed or qualified in brackets is still one title before the
 * name: "Marsekal Madya (Air Marshal) Donny Kusuma", "Laksamana Pertama
 * (Commodore) X", "Lt. Gen. (ret.) X". The bracketed rank, as the text's
 * own translation, is the one reported. Words are visited once.
 */
static void title_glosses(struct sent *S)
{
	struct entity_work *W = S->W;
	for (size_t j = 1; j + 2 < S->nw; j++) {
		if (W->title_from[j] == NONE || !wis(S, j, "("))
			continue;
		size_t e2 = NONE;
		const struct gaz_entry *t = match(S, j + 1, TITLE_KINDS, &e2);
		if (!t && (wis(S, j + 1, "ret") || wis(S, j + 1, "retd") || wis(S, j + 1, "rtd") ||
			   wis(S, j + 1, "retired")))
			e2 = j + 2;
		if (e2 == NONE || !wis(S, e2, ")") || e2 + 1 > S->nw)
			continue;
		for (size_t k = j; k <= e2; k++)
			W->in_title[k] |= IN_TITLE;
		if (W->title_from[e2 + 1] == NONE) {
			W->title_from[e2 + 1] = W->title_from[j];
			W->title_e[e2 + 1] = t && t->kind == W->title_e[j]->kind ? t : W->title_e[j];
		}
		j = e2;
	}
}


static void sentence(const struct gazetteer *g, struct entity_doc *d, struct entity_sentence *s,
		     int head)
{
	struct entity_work *W = d->work;
	struct sent S = { g, d, W, s, &W->w, 0 };

	gaz_words_build(&W->w, s->text, s->tok, s->ntok);
	S.nw = W->w.n;
	size_t need = (S.nw > s->ntok ? S.nw : s->ntok) + 2;
	if (need > W->nw_alloc) {
		size_t a = W->nw_alloc;
		W->title_from = grow(W->title_from, &a, need, sizeof(size_t));
		a = W->nw_alloc;
		W->role_from = grow(W->role_from, &a, need, sizeof(size_t));
		a = W->nw_alloc;
		W->title_e = grow(W->title_e, &a, need, sizeof(*W->title_e));
		a = W->nw_alloc;
		W->office = grow(W->office, &a, need, sizeof(*W->office));
		a = W->nw_alloc;
		W->office_to = grow(W->office_to, &a, need, sizeof(size_t));
		a = W->nw_alloc;
		W->role_e = grow(W->role_e, &a, need, sizeof(*W->role_e));
		a = W->nw_alloc;
		W->in_title = grow(W->in_title, &a, need, 1);
		a = W->nw_alloc;
		W->start_at = grow(W->start_at, &a, need, sizeof(size_t));
		a = W->nw_alloc;
		W->end_at = grow(W->end_at, &a, need, sizeof(size_t));
		W->nw_alloc = a;
	}
	for (size_t i = 0; i <= S.nw; i++) {
		W->title_from[i] = W->role_from[i] = NONE;
		W->in_title[i] = 0;
	}
	for (size_t i = 0; i < S.nw; i++) {
		struct gaz_match m;
		if (gaz_match_at(g, &W->w, i, TITLE_KINDS, &m)) {
			for (size_t j = i; j < m.we; j++)
				W->in_title[j] |= IN_TITLE;
			if (W->title_from[m.we] == NONE) {
				W->title_from[m.we] = i;
				W->title_e[m.we] = m.e;
			}
		}
		if (gaz_match_at(g, &W->w, i, GAZ_BIT(GAZ_ROLE), &m)) {
			for (size_t j = i; j < m.we; j++)
				W->in_title[j] |= IN_ROLE;
			if (W->role_from[m.we] == NONE) {
				W->role_from[m.we] = i;
				W->role_e[m.we] = m.e;
			}
		}
	}
	title_glosses(&S);
	W->nc = 0;
	ner_cands(&S);
	gaz_cands(&S);
	run_cands(&S);
	person_title_cands(&S);
	person_appos_cands(&S);
	acr_cands(&S);
	date_cands(&S);
	choose(&S);
	acronym_link(&S);
	/* organisations first: people take their country from them */
	for (size_t k = 0; k < W->nc; k++)
		if (W->c[k].type == ENTITY_ORG)
			role_org_attrs(&S, &W->c[k]);
	if (head)
		role_dateline(&S);
	role_offices(&S);
	for (size_t k = 0; k < W->nc; k++)
		if (W->c[k].type == ENTITY_PERSON)
			role_person_attrs(&S, &W->c[k]);
	ent_emit(&S, s);
}

/* What the later sentences of the document learn from entities
 * d->v[from..to) of one sentence (all its windows: a window does not learn
 * from the windows before it, as the whole text would not). */
static void remember(struct entity_doc *d, const char *text, size_t from, size_t to)
{
	struct entity_work *W = d->work;
	/* remember the people named in full, for "General Chien" later */
	for (size_t k = from; k < to; k++) {
		size_t nwk = d->v[k].type == ENTITY_PERSON ? person_key_words(entity_str(d, d->v[k].key)) : 0;
		if (nwk >= 2 && nwk <= 8)
			person_index_name(d, &W->pwords, k, 1);
	}
	/* remember the acronyms defined here for the rest of the document */
	for (size_t k = from; k < to; k++) {
		const struct entity *e = &d->v[k];
		if (e->expands == NONE || e->type == ENTITY_DATE)
			continue;
		buf_reset(&W->tmp);
		utf8_fold(&W->tmp, text + e->b, e->e - e->b);
		size_t j = 0;
		for (size_t i = 0; i < W->tmp.len; i++)
			if (W->tmp.buf[i] != '.')
				W->tmp.buf[j++] = W->tmp.buf[i];
		buf_setlen(&W->tmp, j);
		if (j && ent_smap_get(&W->acr, &d->str, W->tmp.buf) == NONE)
			ent_smap_put(&W->acr, &d->str, ent_str_add(d, W->tmp.buf, j), k);
	}
}

void entity_find(const struct gazetteer *g, struct entity_doc *d,
		 struct entity_sentence *s, size_t n)
{
	struct entity_work *W = d->work;

	d->n = 0;
	buf_reset(&d->str);
	ent_smap_clear(&W->acr);
	ent_smap_clear(&W->pwords);
	role_home(g, d);
	/* the first ENTITY_HEAD_SENTENCES sentences (a window of a long one:
	 * its first) may hold a dateline */
	for (size_t i = 0, nsent = 0, from = 0; i < n; i++) {
		if (!s[i].cont || !i) {
			nsent++;
			from = d->n;
		}
		sentence(g, d, &s[i], nsent <= ENTITY_HEAD_SENTENCES && (!s[i].cont || !i));
		if (i + 1 == n || !s[i + 1].cont)
			remember(d, s[i].text, from, d->n);
	}
	/* acronyms defined in the document name their long form everywhere,
	 * also where the tagger found them before the definition */
	if (W->acr.n) {
		for (size_t i = 0; i < n; i++)
			for (size_t k = s[i].first; k < s[i].first + s[i].n; k++) {
				struct entity *e = &d->v[k];
				if (e->expands != NONE || e->alias != NONE || e->type == ENTITY_DATE ||
				    e->type == ENTITY_PERSON)
					continue;
				buf_reset(&W->tmp);
				utf8_fold(&W->tmp, s[i].text + e->b, e->e - e->b);
				size_t j = 0;
				for (size_t x = 0; x < W->tmp.len; x++)
					if (W->tmp.buf[x] != '.')
						W->tmp.buf[j++] = W->tmp.buf[x];
				buf_setlen(&W->tmp, j);
				size_t a = ent_smap_get(&W->acr, &d->str, W->tmp.buf);
				if (a == NONE)
					continue;
				e->key = d->v[a].key;
				e->expands = d->v[a].expands;
			}
	}
	person_coref(d);
	role_inherit(d);
	entity_places(d, s, n);
}
