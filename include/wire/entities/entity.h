#ifndef WIRE_ENTITY_H
#define WIRE_ENTITY_H
/*
 * entity — the entity layer of wire-extract-entities: from the tagger's
 * PER/ORG/LOC/MISC mentions (ner.h), the dates found (date.h) and the
 * dictionaries (gazetteer.h), the entities of each sentence of a document
 * with their type, grouping key and attributes:
 *
 *   PERSON  key, rank, honorific, role, org, country ("Sr. Lt. Gen.
 *           Hoàng Xuân Chiến" → text "Hoàng Xuân Chiến", rank "Senior
 *           Lieutenant General"; a later "Chiến" gets the key "hoang xuan
 *           chien" and the facts the first mention gave). The rank is
 *           canonical; the role is the office as written with the
 *           complements of the office ("Defence Attaché in Vietnam",
 *           "Commander of the Royal Malaysian Navy"), without the words
 *           that only say whose office it is ("of the Thai Ministry of
 *           Defense"); org the organisation the office names; country the
 *           state the person serves, from a nationality or possessive
 *           before the office, the office's complement or organisation,
 *           the delegation led, or an earlier mention
 *   ORG     key, country ("the Thai Ministry of Defense" → TH)
 *   GPE     key, iso for countries ("Việt Nam" → VN), country for cities
 *   LOC, MISC  key
 *   NORP    key, iso ("Vietnamese" → VN)
 *   EVENT   key ("the 19th ADMM" → "19th ADMM")
 *   DATE    key, value, mod (from date_find)
 * Acronyms defined in the text ("Thai-MECC (Thailand Maritime Enforcement
 * Coordinating Center)") link both forms: the long form gets `alias`, the
 * acronym `expands`, and both the key of the long form, as does every
 * other mention of the acronym in the document.
 *
 * The tagger is optional: without mentions (nm = 0) the dictionaries and
 * patterns alone find places, nationalities, known organisations and
 * meetings, capitalised names headed by "Ministry", "Summit"..., and
 * people introduced by a rank, honorific or office.
 *
 * Time is linear in the size of the document; memory is that of the
 * document's entities.
 */
#include <stddef.h>

#include "wire/core/buf.h"
#include "wire/dates/date.h"
#include "wire/entities/gazetteer.h"
#include "wire/entities/ner.h"
#include "wire/core/token.h"

enum entity_type {
	ENTITY_PERSON, ENTITY_ORG, ENTITY_GPE, ENTITY_LOC, ENTITY_NORP,
	ENTITY_EVENT, ENTITY_MISC, ENTITY_DATE, ENTITY_NTYPES
};

#define ENTITY_ALL_TYPES ((1u << ENTITY_NTYPES) - 1)

/* "PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "MISC", "DATE", and
 * back (-1 when unknown). */
const char *entity_type_name(enum entity_type t);
int entity_type_parse(const char *s, size_t n);

/*
 * Parses a comma-separated list of type names ("PERSON,ORG") into a mask
 * of (1 << type) bits. Returns 0 and sets *mask, or -1 with the offending
 * name appended to `err`.
 */
int entity_types_parse(const char *list, unsigned *mask, struct buf *err);

#define ENTITY_NONE ((size_t)-1)

/* One entity. Strings are offsets in the document's arena (entity_str),
 * ENTITY_NONE when absent. */
struct entity {
	size_t b, e;            /* byte offsets [b, e) in the sentence text */
	size_t cb, ce;          /* code-point offsets [cb, ce) */
	enum entity_type type;
	char iso[3];            /* "" when none */
	char country[3];        /* PERSON, ORG, GPE cities: "" when none */
	size_t key;
	size_t rank, honorific, role;
	size_t org;             /* PERSON: the organisation its role names */
	size_t alias;           /* long form: its acronym as written */
	size_t expands;         /* acronym: its long form as written */
	size_t value, mod;      /* DATE */
};

/* One sentence of a document, given to entity_find. */
struct entity_sentence {
	const char *text;                /* borrowed */
	size_t len;
	const struct token *tok;         /* borrowed: token_split(text) */
	size_t ntok;
	const struct ner_mention *m;     /* borrowed; may be NULL when nm == 0 */
	size_t nm;
	const struct date_mention *d;    /* borrowed; may be NULL when nd == 0 */
	size_t nd;
	size_t first, n;                 /* out: its entities, doc->v[first..first+n) */
	/* 1: a window of the text of the sentence before (its tokens follow
	 * on from that one's, offsets in the same text; see entity_stream.h):
	 * found apart, reported together (entity_json_run), and only the
	 * first window counts as one of the document's first sentences. */
	int cont;
};

/* A dateline is looked for in a document's first ENTITY_HEAD_SENTENCES
 * sentences (those whose `cont` is 0). */
#define ENTITY_HEAD_SENTENCES 8

struct entity_work;

/* The entities of one document; reused across documents. */
struct entity_doc {
	struct entity *v;
	size_t n, alloc;
	struct buf str;                  /* arena of NUL-terminated strings */
	struct entity_work *work;        /* scratch */
	int durations;                   /* set by the caller: lengths of time
					    ("three weeks": P3W) are DATE
					    entities too; else not reported */
};

void entity_doc_init(struct entity_doc *d);
void entity_doc_release(struct entity_doc *d);

/* A string of the arena. */
static inline const char *entity_str(const struct entity_doc *d, size_t off)
{
	return d->str.buf + off;
}

/*
 * Where the next document comes from: wire-split's `dateline` ("KUALA
 * LUMPUR") and `agency` ("Bernama") of its records, each NULL when
 * absent. A person with an office or rank whose country the text does
 * not give serves the country of a national agency ("VNA" → VN), else of
 * the dateline's place. Copied; the next entity_find uses and forgets
 * them.
 */
void entity_doc_origin(struct entity_doc *d, const char *dateline, size_t dn,
		       const char *agency, size_t an);

/*
 * Finds the entities of the `n` sentences of one document, replacing the
 * content of `d`; fills s[i].first and s[i].n. Entities of a sentence are
 * in text order and do not overlap. `g` is borrowed.
 */
void entity_find(const struct gazetteer *g, struct entity_doc *d,
		 struct entity_sentence *s, size_t n);

/*
 * Appends the JSON array of the entities of sentence `s` whose type is in
 * `types` (mask of 1 << type): [{"text":...,"span":[b,e],"type":...,
 * "key":..., then iso, country, rank, honorific, role, org, alias, expands,
 * value, mod when present}].
 */
void entity_json(struct buf *out, const struct entity_doc *d, const struct entity_sentence *s,
		 unsigned types);

/* The same for the `n` consecutive sentences s[0..n) (the windows of one
 * text, whose offsets are in the same text) as one array. */
void entity_json_run(struct buf *out, const struct entity_doc *d,
		     const struct entity_sentence *s, size_t n, unsigned types);

#endif
