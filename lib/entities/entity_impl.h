#ifndef WIRE_ENTITY_IMPL_H
#define WIRE_ENTITY_IMPL_H
/*
 * entity_impl — what the parts of the entity layer share (not installed):
 * entity.c (candidates, choice, output), person.c (people: names after
 * titles and before offices, short names), role.c (the facts of a mention:
 * rank, role, organisation, country) and entity_acronym.c.
 *
 * A sentence's words are numbered; a candidate covers words [wb, we) and
 * tokens [tb, te). After the choice, W->c[0..nc) are the chosen ones in
 * text order and W->start_at / W->end_at map a word to the chosen
 * candidate that starts or ends there. Strings live in the document's
 * arena (entity_doc.str), addressed by offset.
 */
#include <string.h>

#include "wire/core/err.h"
#include "wire/entities/entity.h"

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
	size_t role_tb, role_te;         /* the office as written (tokens), or NONE */
	size_t org_tb, org_te;           /* the organisation it names (tokens), or NONE */
	char country[3];
	size_t date;            /* index in the sentence's dates, or NONE */
	size_t alias, expands;  /* arena offsets */
	size_t key;             /* arena offset, NONE until set */
	size_t link;            /* acronym: index of its long form among the chosen */
};

/* An office: a dictionary role and its complements, from its first word
 * ("Chief of the General Staff of the Vietnam People's Army"). */
struct office {
	size_t re;              /* end of the office as reported ("... Staff") */
	size_t end;             /* end with a complement naming whose office it is */
	size_t org;             /* chosen candidate of the organisation, or NONE */
	char country[3];        /* of that complement or organisation; "" when none */
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
	struct office *office;                   /* per start word (role.c) */
	size_t *office_to;                       /* per end word: start word or NONE */
	unsigned char *in_title;                 /* per word: IN_TITLE, IN_ROLE bits */
	size_t *start_at, *end_at;               /* per word: chosen candidate or NONE */
	struct cand *c;
	size_t nc, c_alloc;
	size_t *order;
	size_t order_alloc;
	unsigned char *occ;
	size_t occ_alloc;
	struct buf tmp;
	struct buf place, agency;        /* entity_doc_origin, "" when none */
	char home[3];                    /* their country, "" when none */
	size_t emit_b, emit_cp;          /* ent_emit: byte and code-point offsets of
					    the last entity, where a window of the
					    same text (cont) goes on counting */
	/* document passes */
	struct smap acr;        /* folded acronym → entity index of its long form */
	struct smap names;      /* folded word → entity index of a full name */
	struct smap pwords;     /* folded words of the full names of people
				   found so far in the document */
	struct smap places;     /* entity_places: folded names placed */
	struct smap people;     /* and names written as a person's */
};

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
		    GAZ_BIT(GAZ_DEMONYM) | GAZ_BIT(GAZ_ORG) | GAZ_BIT(GAZ_EVENT) | \
		    GAZ_BIT(GAZ_MISC))

static inline void *grow(void *p, size_t *alloc, size_t need, size_t size)
{
	if (need <= *alloc)
		return p;
	size_t n = *alloc ? *alloc : 64;
	while (n < need)
		n *= 2;
	*alloc = n;
	return xrealloc(p, n * size);
}

static inline const char *wkey(const struct sent *S, size_t i, size_t *n)
{
	*n = S->w->v[i].kn;
	return S->w->keys.buf + S->w->v[i].kb;
}

static inline int wis(const struct sent *S, size_t i, const char *lit)
{
	size_t n;
	const char *k;
	if (i >= S->nw)
		return 0;
	k = wkey(S, i, &n);
	return n == strlen(lit) && !memcmp(k, lit, n);
}

static inline const struct token *wtok(const struct sent *S, size_t i)
{
	return &S->s->tok[S->w->v[i].tok];
}

static inline int is_cap(const struct sent *S, size_t i)
{
	return i < S->nw && (S->w->v[i].cap & (GAZ_CAP_TITLE | GAZ_CAP_ALL));
}

static inline const struct gaz_entry *match(const struct sent *S, size_t i, unsigned kinds,
				     size_t *we)
{
	struct gaz_match m;
	if (i >= S->nw || !gaz_match_at(S->g, S->w, i, kinds, &m))
		return NULL;
	if (we)
		*we = m.we;
	return m.e;
}

static inline const struct gaz_entry *exact(const struct sent *S, size_t wb, size_t we, unsigned kinds)
{
	return gaz_match_exact(S->g, S->w, wb, we, kinds);
}

/* entity.c */
size_t ent_str_add(struct entity_doc *d, const char *s, size_t n);
size_t ent_str_fold(struct entity_doc *d, const char *prefix, const char *s, size_t n);
void ent_smap_clear(struct smap *m);
size_t ent_smap_get(const struct smap *m, const struct buf *arena, const char *s);
void ent_smap_put(struct smap *m, const struct buf *arena, size_t s, size_t v);
int ent_is_connector(const struct sent *S, size_t i);
int ent_is_particle(const struct sent *S, size_t i);
int ent_has_head(const struct sent *S, size_t wb, size_t we);
struct cand *ent_new_cand(struct sent *S, size_t wb, size_t we, enum entity_type t,
			  enum origin o, int prio);
/* Sorts candidate indices `order` by position of c[order[k]]. */
void ent_sort_pos(size_t *order, size_t n, const struct cand *c);
/* Refills W->start_at and W->end_at from the chosen W->c[0..nc). */
void ent_index_chosen(struct sent *S);

/* entity_emit.c: appends the chosen W->c[0..nc) to the document as the
 * entities of sentence s (fills s->first, s->n). */
void ent_emit(struct sent *S, struct entity_sentence *s);

/* person.c */
int person_fix_other(const struct sent *S, size_t *wbp, size_t *wep, enum ner_type *mt,
		     const struct gaz_entry **rank, const struct gaz_entry **hon, char *country);
size_t person_name_particles(const struct sent *S, size_t we);
void person_title_cands(struct sent *S);
void person_appos_cands(struct sent *S);
size_t person_key_words(const char *k);
void person_index_name(struct entity_doc *d, struct smap *m, size_t k, int keep_first);
void person_coref(struct entity_doc *d);

/* role.c */
/* The country of an organisation (after the choice). */
void role_org_attrs(struct sent *S, struct cand *c);
/* Reads the offices of the sentence into W->office and W->office_to
 * (after the choice and role_org_attrs). */
void role_offices(struct sent *S);
/* Rank, honorific, office, organisation and country of a person. */
void role_person_attrs(struct sent *S, struct cand *c);
/* Later mentions of a person (same key) take the facts they lack from
 * the earlier ones, and a bare rank ("General") the full one ("Senior
 * Lieutenant General") of the same person. */
void role_inherit(struct entity_doc *d);
/* A dateline left in the text ("Hanoi (VNA) –", "KYODO NEWS -") sets
 * W->home when entity_doc_origin gave none (one of the first sentences). */
void role_dateline(struct sent *S);
/* Sets W->home from W->agency, else W->place. */
void role_home(const struct gazetteer *g, struct entity_doc *d);

/* entity_acronym.c */
void acronym_link(struct sent *S);

/* entity_place.c: names of the document's n sentences that the words
 * around them ("near X", "X direction", a list of places) or their last
 * word ("Oblast", "River") make places, retyped GPE or LOC, with every
 * other mention of the same name in the document; a name the document
 * writes as a person's (a title, an office, a full name) stays one. */
void entity_places(struct entity_doc *d, const struct entity_sentence *s, size_t n);

#endif
