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

#include "wire/entities/entity.h"
#include "wire/core/err.h"
#include "wire/core/json.h"
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

#define NONE ((size_t)-1)

enum origin { FROM_NER, FROM_GAZ, FROM_PATTERN, FROM_DATE, FROM_ACRONYM };

struct cand {
	size_t wb, we;          /* words (dates: the words their tokens cover) */
	size_t tb, te;          /* tokens */
	enum entity_type type;
	enum origin origin;
	int prio;
	int ordinal;            /* wb is an ordinal ("19th") before the name */
	int hidden;             /* holds its words against others, not reported */
	const struct gaz_entry *ge;      /* dictionary entry of the whole name */
	const struct gaz_entry *rank, *hon, *role;
	char country[3];
	size_t date;            /* index in the sentence's dates, or NONE */
	size_t alias, expands;  /* arena offsets */
	size_t key;             /* arena offset, NONE until set */
	size_t link;            /* acronym: index of its long form among the chosen */
};

/* A string → index map (open addressing) for the document passes. */
struct smap {
	size_t *key;    /* arena offsets */
	size_t *val;
	size_t n, cap;
};

struct entity_work {
	struct gaz_words w;
	size_t nw_alloc;
	size_t *title_from, *role_from;          /* per end word: start word or NONE */
	const struct gaz_entry **title_e, **role_e;
	unsigned char *in_title;                 /* per word: IN_TITLE, IN_ROLE bits */
	size_t *start_at, *end_at;               /* per word: chosen candidate or NONE */
	struct cand *c;
	size_t nc, c_alloc;
	size_t *order;
	size_t order_alloc;
	unsigned char *occ;
	size_t occ_alloc;
	struct buf tmp;
	/* document passes */
	struct smap acr;        /* folded acronym → entity index of its long form */
	struct smap names;      /* folded word → entity index of a full name */
	struct smap pwords;     /* folded words of the full names of people
				   found so far in the document */
};

static void *grow(void *p, size_t *alloc, size_t need, size_t size)
{
	if (need <= *alloc)
		return p;
	size_t n = *alloc ? *alloc : 64;
	while (n < need)
		n *= 2;
	*alloc = n;
	return xrealloc(p, n * size);
}

void entity_doc_init(struct entity_doc *d)
{
	memset(d, 0, sizeof(*d));
	buf_init(&d->str, 4096);
	d->work = xcalloc(1, sizeof(*d->work));
	struct gaz_words w = GAZ_WORDS_INIT;
	d->work->w = w;
	buf_init(&d->work->tmp, 256);
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
		free(W->start_at);
		free(W->end_at);
		free(W->c);
		free(W->order);
		free(W->occ);
		buf_release(&W->tmp);
		smap_release(&W->acr);
		smap_release(&W->names);
		smap_release(&W->pwords);
		free(W);
	}
	free(d->v);
	buf_release(&d->str);
	memset(d, 0, sizeof(*d));
}

/* ---- the string map ---- */

static uint64_t hash_str(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static void smap_clear(struct smap *m)
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

static size_t smap_get(const struct smap *m, const struct buf *arena, const char *s)
{
	if (!m->cap)
		return NONE;
	size_t i = smap_slot(m, arena, s);
	return m->key[i] == NONE ? NONE : m->val[i];
}

/* Sets `s` (an arena offset) to `v`. */
static void smap_put(struct smap *m, const struct buf *arena, size_t s, size_t v)
{
	if (2 * (m->n + 1) > m->cap) {
		struct smap old = *m;
		m->cap = m->cap ? 2 * m->cap : 64;
		m->key = xmalloc(m->cap * sizeof(*m->key));
		m->val = xmalloc(m->cap * sizeof(*m->val));
		smap_clear(m);
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

static size_t str_add(struct entity_doc *d, const char *s, size_t n)
{
	size_t off = d->str.len;
	buf_add(&d->str, s, n);
	buf_addc(&d->str, '\0');
	return off;
}

static size_t str_fold(struct entity_doc *d, const char *prefix, const char *s, size_t n)
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

struct sent {
	const struct gazetteer *g;
	struct entity_doc *d;
	struct entity_work *W;
	const struct entity_sentence *s;
	const struct gaz_words *w;
	size_t nw;
};

#define TITLE_KINDS (GAZ_BIT(GAZ_RANK) | GAZ_BIT(GAZ_HONORIFIC))
#define HEAD_KINDS (GAZ_BIT(GAZ_ORGHEAD) | GAZ_BIT(GAZ_EVENTHEAD))
#define IN_TITLE 1 /* in_title bits: inside a rank or honorific */
#define IN_ROLE 2  /* inside an office */
#define PLACE_KINDS (GAZ_BIT(GAZ_COUNTRY) | GAZ_BIT(GAZ_DEMONYM))
#define NAME_KINDS (GAZ_BIT(GAZ_COUNTRY) | GAZ_BIT(GAZ_GPE) | GAZ_BIT(GAZ_LOC) | \
		    GAZ_BIT(GAZ_DEMONYM) | GAZ_BIT(GAZ_ORG) | GAZ_BIT(GAZ_EVENT))

static const char *wkey(const struct sent *S, size_t i, size_t *n)
{
	*n = S->w->v[i].kn;
	return S->w->keys.buf + S->w->v[i].kb;
}

static int wis(const struct sent *S, size_t i, const char *lit)
{
	size_t n;
	const char *k;
	if (i >= S->nw)
		return 0;
	k = wkey(S, i, &n);
	return n == strlen(lit) && !memcmp(k, lit, n);
}

static const struct token *wtok(const struct sent *S, size_t i)
{
	return &S->s->tok[S->w->v[i].tok];
}

static int is_cap(const struct sent *S, size_t i)
{
	return i < S->nw && (S->w->v[i].cap & (GAZ_CAP_TITLE | GAZ_CAP_ALL));
}

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

static int is_connector(const struct sent *S, size_t i)
{
	return wis(S, i, "of") || wis(S, i, "for") || wis(S, i, "and") || wis(S, i, "&") ||
	       wis(S, i, "on") || wis(S, i, "de") || wis(S, i, "du") || wis(S, i, "in");
}

static int is_particle(const struct sent *S, size_t i)
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
	if (is_connector(S, i) || is_particle(S, i))
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

static const struct gaz_entry *match(const struct sent *S, size_t i, unsigned kinds,
				     size_t *we)
{
	struct gaz_match m;
	if (i >= S->nw || !gaz_match_at(S->g, S->w, i, kinds, &m))
		return NULL;
	if (we)
		*we = m.we;
	return m.e;
}

static const struct gaz_entry *exact(const struct sent *S, size_t wb, size_t we, unsigned kinds)
{
	return gaz_match_exact(S->g, S->w, wb, we, kinds);
}

/* Does the name [wb, we) end with an event word ("Summit")? */
static int ends_event(const struct sent *S, size_t wb, size_t we)
{
	return (we > wb && exact(S, we - 1, we, GAZ_BIT(GAZ_EVENTHEAD))) ||
	       (we > wb + 1 && exact(S, we - 2, we, GAZ_BIT(GAZ_EVENTHEAD)));
}

/* ---- candidates ---- */

static struct cand *new_cand(struct sent *S, size_t wb, size_t we, enum entity_type t,
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
	default: c->ge = NULL; return 0;
	}
	return 1;
}

static void add_ordinal(const struct sent *S, struct cand *c)
{
	if (c->type == ENTITY_EVENT && c->wb > 0 && is_ordinal(S, c->wb - 1)) {
		c->wb--;
		c->tb = S->w->v[c->wb].tok;
		c->ordinal = 1;
	}
}

/* Does a dictionary head word ("Ministry", "Summit") occur in [wb, we)? */
static int has_head(const struct sent *S, size_t wb, size_t we)
{
	for (size_t i = wb; i < we; i++) {
		size_t e;
		if (match(S, i, HEAD_KINDS, &e) && e <= we)
			return 1;
	}
	return 0;
}

/* Is the title `t` (over words [b, e)) one only people bear, whatever
 * follows: an honorific, a rank of several words, or an abbreviation
 * ("Gen.")? A single rank word is not: "General Motors", "General
 * Agreement", "Major League", "Admiral Nakhimov" (a ship). */
static int person_title(const struct sent *S, const struct gaz_entry *t, size_t b, size_t e)
{
	if (t->kind == GAZ_HONORIFIC || e - b >= 2)
		return 1;
	const struct token *k = wtok(S, b);
	return k->e < S->s->len && S->s->text[k->e] == '.';
}

/* Is word i a word of the full name of a person found earlier in the
 * document ("General Chien" after "Hoàng Xuân Chiến")? */
static int named_before(const struct sent *S, size_t i)
{
	struct entity_work *W = S->W;
	size_t n;
	const char *k;
	if (i >= S->nw || !W->pwords.n || !is_cap(S, i))
		return 0;
	k = wkey(S, i, &n);
	buf_reset(&W->tmp);
	buf_add(&W->tmp, k, n);
	return smap_get(&W->pwords, &S->d->str, W->tmp.buf) != NONE;
}

/*
 * Cleans the tagger's non-person mention [*wb, *we) with the titles and
 * offices around it. Returns 0 when nothing of it is a name:
 *   - inside a title: "Sr", "Lt" of "Sr. Lt. Gen."; "Dr"; "Dato";
 *   - inside an office: "National Defence" of "Deputy Minister of
 *     National Defence" (dictionary names excepted);
 * trims a title it cuts at its end ("Defence Lt" of "Defence Lt. Gen.");
 * makes a person of a name that a title starts or precedes ("Air Marshal
 * Donny", "General Chien", "Mr. Tan Wei Ming" tagged ORG), unless a
 * head word makes it an organisation or event;
 * splits off a leading "Australia's" or a nationality before a head word
 * ("Singaporean Ministry of Defence"): the country becomes `country`.
 */
static int fix_other(const struct sent *S, size_t *wbp, size_t *wep, enum ner_type *mt,
		     const struct gaz_entry **rank, const struct gaz_entry **hon, char *country)
{
	const struct entity_work *W = S->W;
	size_t wb = *wbp, we = *wep, e2, e3;

	if (exact(S, wb, we, NAME_KINDS))
		return 1;
	/* a title cut at the end */
	for (size_t k = we - 1; k > wb && k + GAZ_MAXWORDS > we; k--) {
		if (!(W->in_title[k] & IN_TITLE))
			break;
		if (match(S, k, TITLE_KINDS, &e2) && e2 > we)
			we = k;
	}
	/* a mention that begins inside an office named before it ("Deputy
	 * Minister of National Defence of Vietnam" tagged "National Defence of
	 * Vietnam"): the office's words go, and a complement left ("of
	 * Vietnam", "for South and Southeast Asia") is no name of its own */
	if (wb > 0 && (W->in_title[wb - 1] & IN_ROLE) && (W->in_title[wb] & IN_ROLE)) {
		while (wb < we && (W->in_title[wb] & IN_ROLE))
			wb++;
		if (wb >= we || is_connector(S, wb))
			return 0;
	}
	int all_title = 1, all_role = 1;
	for (size_t i = wb; i < we; i++) {
		all_title &= (W->in_title[i] & IN_TITLE) != 0;
		all_role &= (W->in_title[i] & IN_ROLE) != 0;
	}
	if (all_title || all_role)
		return 0;
	if (has_head(S, wb, we)) {
		/* "Australia's Department of Defense", "Singaporean Ministry" */
		const struct gaz_entry *p = match(S, wb, PLACE_KINDS, &e2);
		if (p && e2 < we && wis(S, e2, "'s") && e2 + 1 < we) {
			memcpy(country, p->iso, 3);
			wb = e2 + 1;
		} else if (p && p->kind == GAZ_DEMONYM && e2 < we &&
			   (wis(S, e2, "ministry") || wis(S, e2, "department")) &&
			   match(S, e2, GAZ_BIT(GAZ_ORGHEAD), &e3) && e3 < we &&
			   (wis(S, e3, "of") || wis(S, e3, "for"))) {
			/* a government's "Thai Ministry of Defense"; but "Indonesian
			 * Navy", "American Bureau of Metal Statistics" are names */
			memcpy(country, p->iso, 3);
			wb = e2;
		}
		*wbp = wb;
		*wep = we;
		return 1;
	}
	/* titles at the start, or just before */
	int person = 0;
	const struct gaz_entry *t;
	for (int guard = 0; guard < 4 && wb < we && (t = match(S, wb, TITLE_KINDS, &e2)); guard++) {
		if (e2 >= we || !(person_title(S, t, wb, e2) || named_before(S, e2)))
			break;
		if (t->kind == GAZ_RANK && !*rank)
			*rank = t;
		else if (t->kind == GAZ_HONORIFIC && !*hon)
			*hon = t;
		wb = e2;
		person = 1;
	}
	if (!person && W->title_from[wb] != NONE) {
		size_t from = W->title_from[wb];
		person = person_title(S, W->title_e[wb], from, wb) || named_before(S, wb);
	}
	if (person && !exact(S, wb, we, NAME_KINDS) && is_cap(S, wb))
		*mt = NER_PER;
	else
		*rank = *hon = NULL;
	*wbp = wb;
	*wep = we;
	return 1;
}

/* A person's name goes on over "bin", "van", "de" and the capitalised
 * words after them ("Ahmad Rizal bin Yusof"): returns the new end. */
static size_t name_particles(const struct sent *S, size_t we)
{
	const unsigned not_name = NAME_KINDS | HEAD_KINDS | TITLE_KINDS | GAZ_BIT(GAZ_ROLE);
	for (int guard = 0; guard < 3; guard++) {
		if (!is_particle(S, we) || !is_cap(S, we + 1) || match(S, we + 1, not_name, NULL))
			break;
		size_t e = we + 2;
		while (e < S->nw && e < we + 4 && is_cap(S, e) && !match(S, e, not_name, NULL))
			e++;
		we = e;
	}
	return we;
}

/* The candidate of words [wb, we) of the tagger's mention k, of type mt:
 * titles, offices and nationality cleaned off, typed by the dictionaries. */
static void ner_cand(struct sent *S, size_t k, size_t wb, size_t we, enum ner_type mt)
{
	const struct entity_sentence *s = S->s;
	const size_t *of = S->w->of_tok;
	const struct gaz_entry *rank = NULL, *hon = NULL, *role = NULL;
	char country[3] = "";
	if (mt != NER_PER && !fix_other(S, &wb, &we, &mt, &rank, &hon, country))
		return;
	if (mt == NER_PER) {
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
		size_t we0 = we;
		we = name_particles(S, we);
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
	struct cand *c = new_cand(S, wb, we, map[mt], FROM_NER, 3);
	c->rank = rank;
	c->hon = hon;
	c->role = role;
	memcpy(c->country, country, 3);
	if (!type_from_gaz(S, c)) {
		/* names do not end in "Meeting" or "Ministry" */
		if (ends_event(S, wb, we))
			c->type = ENTITY_EVENT;
		else if (c->type == ENTITY_PERSON && exact(S, we - 1, we, GAZ_BIT(GAZ_ORGHEAD)))
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
		struct cand *c = new_cand(S, i, we, ENTITY_MISC, FROM_GAZ, 2);
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
			struct cand *c = new_cand(S, s, e, ENTITY_EVENT, FROM_PATTERN, 1);
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
	if (end - s > 12)
		return;
	struct cand *c = new_cand(S, s, end, ENTITY_ORG, FROM_PATTERN, 1);
	memcpy(c->country, country, 3);
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
			} else if (is_connector(S, j) && is_cap(S, j + 1) && !starts_other(S, j + 1)) {
				j += 2;
			} else if (is_connector(S, j) && wis(S, j + 1, "the") && is_cap(S, j + 2) &&
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

/* People introduced by a title: "Lt. Gen. Nguyen Van A", "Datuk Lokman
 * Hakim bin Ali", "Deputy Minister Hoang". */
static void title_cands(struct sent *S)
{
	struct entity_work *W = S->W;
	const unsigned not_name = NAME_KINDS | GAZ_BIT(GAZ_ORGHEAD) | GAZ_BIT(GAZ_EVENTHEAD) |
				  TITLE_KINDS | GAZ_BIT(GAZ_ROLE);
	for (size_t i = 1; i < S->nw; i++) {
		size_t from = W->title_from[i];
		if (from == NONE) {
			from = W->role_from[i];
			if (from == NONE || !is_cap(S, from))
				continue;
		}
		if (!is_cap(S, i) || (W->in_title[i] & IN_TITLE) || match(S, i, not_name, NULL))
			continue;
		if ((W->w.v[i].cap & GAZ_CAP_ALL) && W->w.v[i].kn > 1)
			continue; /* "General ASEAN": an acronym is no name */
		/* "UN General Assembly": a title inside a capitalised name, unless
		 * after a nationality, a role or another title */
		if (from > 0 && is_cap(S, from - 1) && W->title_from[from] == NONE &&
		    W->role_from[from] == NONE) {
			int ok = 0;
			for (size_t k = from > 8 ? from - 8 : 0; k < from && !ok; k++) {
				size_t pe;
				ok = match(S, k, PLACE_KINDS, &pe) && pe == from;
			}
			if (!ok)
				continue;
		}
		size_t e = i + 1;
		while (e < S->nw && e - i < 5) {
			if (is_cap(S, e) && !((W->w.v[e].cap & GAZ_CAP_ALL) && W->w.v[e].kn > 1) &&
			    !match(S, e, not_name, NULL))
				e++;
			else if (is_particle(S, e) && is_cap(S, e + 1))
				e += 2;
			else
				break;
		}
		new_cand(S, i, e, ENTITY_PERSON, FROM_PATTERN, 1);
		i = e - 1;
	}
}

/* Does a role start at word q, after an optional article and nationality
 * (", the Thai Deputy Minister")? */
static int role_follows(const struct sent *S, size_t q)
{
	size_t e;
	if (wis(S, q, "the") || wis(S, q, "a") || wis(S, q, "an"))
		q++;
	if (match(S, q, PLACE_KINDS, &e)) {
		q = e;
		if (wis(S, q, "'s"))
			q++;
	}
	return match(S, q, GAZ_BIT(GAZ_ROLE), NULL) && is_cap(S, q);
}

/* People named before an office: "Richard Schmidt, Deputy Secretary of
 * Defense of New Zealand". Two to five capitalised words. */
static void appos_cands(struct sent *S)
{
	const unsigned not_name = NAME_KINDS | GAZ_BIT(GAZ_ORGHEAD) | GAZ_BIT(GAZ_EVENTHEAD) |
				  TITLE_KINDS | GAZ_BIT(GAZ_ROLE);
	for (size_t i = 2; i < S->nw; i++) {
		if (!wis(S, i, ",") || !role_follows(S, i + 1))
			continue;
		size_t b = i;
		while (b > 0 && i - b < 5) {
			size_t k = b - 1;
			if (is_cap(S, k) && !((S->w->v[k].cap & GAZ_CAP_ALL) && S->w->v[k].kn > 1) &&
			    !(S->W->in_title[k] & IN_TITLE) && !match(S, k, not_name, NULL))
				b--;
			else if (k > 0 && is_particle(S, k) && is_cap(S, k - 1) && b < i)
				b--;
			else
				break;
		}
		while (b < i && is_particle(S, b))
			b++;
		if (i - b >= 2)
			new_cand(S, b, i, ENTITY_PERSON, FROM_PATTERN, 1);
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
		size_t a = smap_get(&W->acr, &S->d->str, W->tmp.buf);
		if (a == NONE)
			continue;
		const struct entity *e = &S->d->v[a];
		struct cand *c = new_cand(S, i, i + 1, e->type, FROM_GAZ, 2);
		c->key = e->key;
		c->expands = e->expands;
	}
}

static void date_cands(struct sent *S)
{
	const struct entity_sentence *s = S->s;
	for (size_t k = 0; k < s->nd; k++) {
		const struct date_mention *dm = &s->d[k];
		if (dm->e <= dm->b || dm->e > s->len)
			continue;
		/* "three weeks", "the two-day meeting": a length, not a time, so
		 * not reported; it still keeps the tagger's "One-month" away */
		int hidden = !strcmp(date_value_type(dm->value), "DURATION");
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
		if (te == tb)
			continue;
		struct cand *c = new_cand(S, 0, 0, ENTITY_DATE, FROM_DATE, 6);
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

static const struct cand *cmp_base;

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
	for (size_t i = 0; i <= S->nw; i++)
		W->start_at[i] = W->end_at[i] = NONE;
	for (size_t k = 0; k < kept; k++) {
		const struct cand *c = &W->c[k];
		if (c->type == ENTITY_DATE || c->we <= c->wb)
			continue;
		W->start_at[c->wb] = k;
		W->end_at[c->we] = k;
	}
}

/* ---- attributes ---- */

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

static void person_attrs(struct sent *S, struct cand *c)
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

static void org_attrs(struct sent *S, struct cand *c)
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

/* ---- acronyms ---- */

/* Uppercase letters of an acronym-like word ("Thai-MECC" → "TMECC"):
 * returns their count (0 when the word is not acronym-like). */
static size_t acro_letters(const char *s, size_t n, int32_t *out, size_t max)
{
	const char *p = s, *end = s + n;
	size_t up = 0, lo = 0;
	while (p < end) {
		int32_t cp;
		int l = utf8_decode(p, end, &cp);
		p += l ? l : 1;
		if (utf8_is_upper(cp)) {
			if (up < max)
				out[up] = cp;
			up++;
		} else if (utf8_is_lower(cp)) {
			lo++;
		}
	}
	return up >= 2 && up > lo && up <= max ? up : 0;
}

/* Do the initials of the capitalised words of [wb, we) spell the acronym
 * (same first letter, two thirds of the letters in order)? */
static int acro_fits(const struct sent *S, size_t wb, size_t we, const int32_t *a, size_t na)
{
	int32_t ini[64];
	size_t ni = 0;
	for (size_t i = wb; i < we && ni < 64; i++) {
		if (!is_cap(S, i))
			continue;
		const struct token *t = wtok(S, i);
		int32_t cp;
		utf8_decode(S->s->text + t->b, S->s->text + t->e, &cp);
		ini[ni++] = cp;
	}
	if (ni < 2 || ini[0] != a[0])
		return 0;
	size_t j = 0, hit = 0;
	for (size_t k = 0; k < na; k++) {
		size_t j2 = j;
		while (j2 < ni && ini[j2] != a[k])
			j2++;
		if (j2 < ni) {
			hit++;
			j = j2 + 1;
		}
	}
	return 3 * hit >= 2 * na;
}

static size_t cand_text(struct sent *S, const struct cand *c)
{
	const struct token *a = &S->s->tok[c->tb], *b = &S->s->tok[c->te - 1];
	return str_add(S->d, S->s->text + a->b, b->e - a->b);
}

/* Links "LONG (ACR)" and "ACR (LONG)" among the chosen candidates. */
static void acronyms(struct sent *S)
{
	struct entity_work *W = S->W;
	const struct entity_sentence *s = S->s;
	int32_t letters[32];
	size_t nc = W->nc;

	for (size_t k = 0; k < nc; k++) {
		struct cand *x = &W->c[k];
		if (x->type == ENTITY_DATE || x->type == ENTITY_PERSON)
			continue;
		/* "Thai-MECC (Thailand Maritime ...)" where only the long form
		 * was found: the word before the bracket is the acronym */
		size_t na0;
		if (x->tb >= 2 && x->te < s->ntok && s->text[s->tok[x->tb - 1].b] == '(' &&
		    s->text[s->tok[x->te].b] == ')' && x->we - x->wb >= 2 && !W->occ[x->tb - 2] &&
		    x->alias == NONE && S->w->of_tok[x->tb - 2] != NONE &&
		    (na0 = acro_letters(s->text + s->tok[x->tb - 2].b,
					s->tok[x->tb - 2].e - s->tok[x->tb - 2].b, letters, 32)) &&
		    acro_fits(S, x->wb, x->we, letters, na0)) {
			size_t wi = S->w->of_tok[x->tb - 2];
			W->c = grow(W->c, &W->c_alloc, W->nc + 1, sizeof(*W->c));
			x = &W->c[k];
			struct cand *a = &W->c[W->nc++];
			memset(a, 0, sizeof(*a));
			a->wb = wi;
			a->we = wi + 1;
			a->tb = x->tb - 2;
			a->te = x->tb - 1;
			a->origin = FROM_ACRONYM;
			a->date = a->alias = a->expands = a->key = NONE;
			a->type = x->type;
			a->link = k;
			memcpy(a->country, x->country, 3);
			W->occ[a->tb] = 1;
			x->alias = cand_text(S, a);
			a->expands = cand_text(S, x);
			continue;
		}
		size_t t = x->te;
		if (t + 2 >= s->ntok || s->text[s->tok[t].b] != '(')
			continue;
		size_t close = t + 1;
		while (close < s->ntok && close - t < 20 && s->text[s->tok[close].b] != ')')
			close++;
		if (close >= s->ntok || s->text[s->tok[close].b] != ')')
			continue;
		/* what is inside the brackets */
		size_t in_b = t + 1, in_e = close;
		struct cand *y = NULL;
		if (k + 1 < nc && W->c[k + 1].tb == in_b && W->c[k + 1].te == in_e)
			y = &W->c[k + 1];
		struct cand *shortc, *longc;
		size_t na;
		if (x->te - x->tb == 1 &&
		    (na = acro_letters(s->text + s->tok[x->tb].b, s->tok[x->tb].e - s->tok[x->tb].b,
				       letters, 32)) && y && y->we - y->wb >= 2 &&
		    acro_fits(S, y->wb, y->we, letters, na)) {
			shortc = x;     /* "Thai-MECC (Thailand Maritime ...)" */
			longc = y;
		} else if (in_e - in_b == 1 && x->we - x->wb >= 2 &&
			   (na = acro_letters(s->text + s->tok[in_b].b,
					      s->tok[in_b].e - s->tok[in_b].b, letters, 32)) &&
			   acro_fits(S, x->wb, x->we, letters, na)) {
			longc = x;      /* "ASEAN Defence Senior Officials' Meeting (ADSOM)" */
			if (!y) {
				if (W->occ[in_b])
					continue; /* part of something else */
				size_t wi = S->w->of_tok[in_b];
				if (wi == NONE)
					continue;
				/* a new entity, put in text order below */
				W->c = grow(W->c, &W->c_alloc, W->nc + 1, sizeof(*W->c));
				x = &W->c[k];
				y = &W->c[W->nc++];
				memset(y, 0, sizeof(*y));
				y->wb = wi;
				y->we = wi + 1;
				y->tb = in_b;
				y->te = in_e;
				y->origin = FROM_ACRONYM;
				y->date = y->alias = y->expands = y->key = y->link = NONE;
				W->occ[in_b] = 1;
			}
			shortc = y;
		} else {
			continue;
		}
		shortc->type = longc->type;
		shortc->link = (size_t)(longc - W->c);
		longc->alias = cand_text(S, shortc);
		shortc->expands = cand_text(S, longc);
		if (!*shortc->country)
			memcpy(shortc->country, longc->country, 3);
		if (shortc == x)
			k++; /* the long form was y */
	}
	if (W->nc == nc)
		return;
	/* put the new acronyms in text order; links and word maps follow */
	W->order = grow(W->order, &W->order_alloc, 2 * W->nc + 1, sizeof(*W->order));
	for (size_t k = 0; k < W->nc; k++)
		W->order[k] = k;
	cmp_base = W->c;
	qsort(W->order, W->nc, sizeof(*W->order), cmp_pos);
	size_t *where = W->order + W->nc;
	for (size_t k = 0; k < W->nc; k++)
		where[W->order[k]] = k;
	struct cand *tmp = xmalloc(W->nc * sizeof(*tmp));
	for (size_t k = 0; k < W->nc; k++) {
		tmp[k] = W->c[W->order[k]];
		if (tmp[k].link != NONE)
			tmp[k].link = where[tmp[k].link];
	}
	memcpy(W->c, tmp, W->nc * sizeof(*tmp));
	free(tmp);
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

/* ---- emitting ---- */

static void set_key(struct sent *S, struct cand *c)
{
	const struct token *a = &S->s->tok[c->tb], *b = &S->s->tok[c->te - 1];
	const char *txt = S->s->text + a->b;
	size_t n = b->e - a->b;

	if (c->key != NONE)
		return;
	if (c->type == ENTITY_DATE) {
		const struct date_mention *dm = &S->s->d[c->date];
		if (dm->value[0]) {
			c->key = str_add(S->d, dm->value, strlen(dm->value));
			return;
		}
		c->key = str_fold(S->d, NULL, S->s->text + S->s->d[c->date].b,
				  S->s->d[c->date].e - S->s->d[c->date].b);
		return;
	}
	if (c->ge) {
		struct buf *t = &S->W->tmp;
		buf_reset(t);
		if (c->ordinal) {
			const struct token *o = &S->s->tok[c->tb];
			buf_add(t, S->s->text + o->b, o->e - o->b);
		}
		c->key = str_fold(S->d, c->ordinal ? t->buf : NULL, c->ge->canonical,
				  strlen(c->ge->canonical));
		return;
	}
	c->key = str_fold(S->d, NULL, txt, n);
}

static void emit(struct sent *S, struct entity_sentence *s)
{
	struct entity_doc *d = S->d;
	struct entity_work *W = S->W;
	size_t pos_b = 0, pos_cp = 0;

	s->first = d->n;
	s->n = 0;
	for (size_t k = 0; k < W->nc; k++) {
		struct cand *c = &W->c[k];
		d->v = grow(d->v, &d->alloc, d->n + 1, sizeof(*d->v));
		struct entity *e = &d->v[d->n++];
		memset(e, 0, sizeof(*e));
		if (c->type == ENTITY_DATE) {
			e->b = s->d[c->date].b;
			e->e = s->d[c->date].e;
		} else {
			e->b = s->tok[c->tb].b;
			e->e = s->tok[c->te - 1].e;
		}
		/* code points: entities are in order and do not overlap */
		if (e->b < pos_b) {
			pos_b = 0;
			pos_cp = 0;
		}
		pos_cp += utf8_count(s->text + pos_b, e->b - pos_b);
		pos_b = e->b;
		e->cb = pos_cp;
		e->ce = pos_cp + utf8_count(s->text + e->b, e->e - e->b);
		e->type = c->type;
		if (c->ge && (c->ge->kind == GAZ_COUNTRY || c->ge->kind == GAZ_DEMONYM) &&
		    (c->type == ENTITY_GPE || c->type == ENTITY_NORP))
			memcpy(e->iso, c->ge->iso, 3);
		if (c->type == ENTITY_PERSON || c->type == ENTITY_ORG || c->type == ENTITY_GPE)
			memcpy(e->country, c->country, 3);
		if (*e->iso)
			e->country[0] = '\0';
		set_key(S, c);
		e->key = c->key;
		e->rank = c->rank ? str_add(d, c->rank->canonical, strlen(c->rank->canonical)) : NONE;
		e->honorific = c->hon ? str_add(d, c->hon->canonical, strlen(c->hon->canonical)) : NONE;
		e->role = c->role ? str_add(d, c->role->canonical, strlen(c->role->canonical)) : NONE;
		e->alias = c->alias;
		e->expands = c->expands;
		e->value = e->mod = NONE;
		if (c->type == ENTITY_DATE) {
			const struct date_mention *dm = &s->d[c->date];
			if (dm->value[0])
				e->value = str_add(d, dm->value, strnlen(dm->value, sizeof(dm->value)));
			if (dm->mod[0])
				e->mod = str_add(d, dm->mod, strnlen(dm->mod, sizeof(dm->mod)));
		}
		s->n++;
	}
	/* an acronym takes the key of its long form */
	for (size_t k = 0; k < W->nc; k++)
		if (W->c[k].link != NONE)
			d->v[s->first + k].key = d->v[s->first + W->c[k].link].key;
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

static size_t key_words(const char *k);
static void index_full_name(struct entity_doc *d, struct smap *m, size_t k, int keep_first);

static void sentence(const struct gazetteer *g, struct entity_doc *d, struct entity_sentence *s)
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
	title_cands(&S);
	appos_cands(&S);
	acr_cands(&S);
	date_cands(&S);
	choose(&S);
	acronyms(&S);
	/* organisations first: people take their country from them */
	for (size_t k = 0; k < W->nc; k++)
		if (W->c[k].type == ENTITY_ORG)
			org_attrs(&S, &W->c[k]);
	for (size_t k = 0; k < W->nc; k++)
		if (W->c[k].type == ENTITY_PERSON)
			person_attrs(&S, &W->c[k]);
	emit(&S, s);
	/* remember the people named in full, for "General Chien" later */
	for (size_t k = s->first; k < s->first + s->n; k++) {
		size_t nwk = d->v[k].type == ENTITY_PERSON ? key_words(entity_str(d, d->v[k].key)) : 0;
		if (nwk >= 2 && nwk <= 8)
			index_full_name(d, &W->pwords, k, 1);
	}
	/* remember the acronyms defined here for the rest of the document */
	for (size_t k = s->first; k < s->first + s->n; k++) {
		const struct entity *e = &d->v[k];
		if (e->expands == NONE || e->type == ENTITY_DATE)
			continue;
		buf_reset(&W->tmp);
		utf8_fold(&W->tmp, s->text + e->b, e->e - e->b);
		size_t j = 0;
		for (size_t i = 0; i < W->tmp.len; i++)
			if (W->tmp.buf[i] != '.')
				W->tmp.buf[j++] = W->tmp.buf[i];
		buf_setlen(&W->tmp, j);
		if (j && smap_get(&W->acr, &d->str, W->tmp.buf) == NONE)
			smap_put(&W->acr, &d->str, str_add(d, W->tmp.buf, j), k);
	}
}

/* ---- the document ---- */

/* Number of words of a folded key (words are separated by one space). */
static size_t key_words(const char *k)
{
	size_t n = *k ? 1 : 0;
	for (; *k; k++)
		n += *k == ' ';
	return n;
}

/* Is the folded name `s` a run of whole words of `full`? */
static int sub_name(const char *s, const char *full)
{
	size_t n = strlen(s);
	for (const char *p = full; (p = strstr(p, s)); p++) {
		if ((p == full || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return 1;
	}
	return 0;
}

/* Maps every word of the key of person k to k (or keeps the first). */
static void index_full_name(struct entity_doc *d, struct smap *m, size_t k, int keep_first)
{
	struct buf *tmp = &d->work->tmp;
	size_t i = d->v[k].key;

	for (;;) {
		size_t j = i;
		while (d->str.buf[j] && d->str.buf[j] != ' ')
			j++;
		buf_reset(tmp);
		buf_add(tmp, d->str.buf + i, j - i);
		int last = d->str.buf[j] == '\0';
		if (!(keep_first && smap_get(m, &d->str, tmp->buf) != NONE)) {
			size_t w = str_add(d, tmp->buf, tmp->len);
			smap_put(m, &d->str, w, k);
		}
		if (last)
			break;
		i = j + 1;
	}
}

/* Gives person k the key of the full name its first word points to in
 * `m`, when its words are a run of that name's words. */
static int resolve(struct entity_doc *d, struct smap *m, size_t k)
{
	struct buf *tmp = &d->work->tmp;
	struct entity *e = &d->v[k];
	const char *key = entity_str(d, e->key);
	const char *sp = strchr(key, ' ');

	buf_reset(tmp);
	buf_add(tmp, key, sp ? (size_t)(sp - key) : strlen(key));
	size_t f = smap_get(m, &d->str, tmp->buf);
	if (f == NONE || f == k)
		return 0;
	const char *full = entity_str(d, d->v[f].key);
	if (key_words(full) <= key_words(key) || key_words(full) > 8 || !sub_name(key, full))
		return 0;
	e->key = d->v[f].key;
	return 1;
}

/* Short person names take the key of the full name that contains them:
 * the nearest one before, else the first one after. */
static void coref(struct entity_doc *d)
{
	struct smap *m = &d->work->names;
	unsigned char *st = xcalloc(d->n + 1, 1); /* 1 full name, 2 resolved */

	smap_clear(m);
	for (size_t k = 0; k < d->n; k++) {
		if (d->v[k].type != ENTITY_PERSON)
			continue;
		if (resolve(d, m, k)) {
			st[k] = 2;
		} else if (key_words(entity_str(d, d->v[k].key)) >= 2 &&
			   key_words(entity_str(d, d->v[k].key)) <= 8) {
			st[k] = 1;
			index_full_name(d, m, k, 0);
		}
	}
	smap_clear(m);
	for (size_t k = 0; k < d->n; k++)
		if (st[k] == 1)
			index_full_name(d, m, k, 1);
	for (size_t k = 0; k < d->n; k++)
		if (d->v[k].type == ENTITY_PERSON && st[k] == 0)
			resolve(d, m, k);
	free(st);
}

void entity_find(const struct gazetteer *g, struct entity_doc *d,
		 struct entity_sentence *s, size_t n)
{
	struct entity_work *W = d->work;

	d->n = 0;
	buf_reset(&d->str);
	smap_clear(&W->acr);
	smap_clear(&W->pwords);
	for (size_t i = 0; i < n; i++)
		sentence(g, d, &s[i]);
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
				size_t a = smap_get(&W->acr, &d->str, W->tmp.buf);
				if (a == NONE)
					continue;
				e->key = d->v[a].key;
				e->expands = d->v[a].expands;
			}
	}
	coref(d);
}

/* ---- JSON ---- */

static void member(struct buf *out, const char *k, const char *v)
{
	buf_addc(out, ',');
	json_escape(out, k, strlen(k));
	buf_addc(out, ':');
	json_escape(out, v, strlen(v));
}

void entity_json(struct buf *out, const struct entity_doc *d, const struct entity_sentence *s,
		 unsigned types)
{
	int first = 1;
	buf_addc(out, '[');
	for (size_t k = s->first; k < s->first + s->n; k++) {
		const struct entity *e = &d->v[k];
		if (!(types & (1u << e->type)))
			continue;
		if (!first)
			buf_addc(out, ',');
		first = 0;
		buf_adds(out, "{\"text\":");
		json_escape(out, s->text + e->b, e->e - e->b);
		buf_adds(out, ",\"span\":[");
		buf_addu(out, e->cb);
		buf_addc(out, ',');
		buf_addu(out, e->ce);
		buf_adds(out, "],\"type\":\"");
		buf_adds(out, type_names[e->type]);
		buf_addc(out, '"');
		member(out, "key", entity_str(d, e->key));
		if (*e->iso)
			member(out, "iso", e->iso);
		if (*e->country)
			member(out, "country", e->country);
		if (e->rank != NONE)
			member(out, "rank", entity_str(d, e->rank));
		if (e->honorific != NONE)
			member(out, "honorific", entity_str(d, e->honorific));
		if (e->role != NONE)
			member(out, "role", entity_str(d, e->role));
		if (e->alias != NONE)
			member(out, "alias", entity_str(d, e->alias));
		if (e->expands != NONE)
			member(out, "expands", entity_str(d, e->expands));
		if (e->value != NONE)
			member(out, "value", entity_str(d, e->value));
		if (e->mod != NONE)
			member(out, "mod", entity_str(d, e->mod));
		buf_addc(out, '}');
	}
	buf_addc(out, ']');
}
