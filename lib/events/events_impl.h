#ifndef WIRE_EVENTS_IMPL_H
#define WIRE_EVENTS_IMPL_H
/*
 * The inside of lib/events: the model (meeting words, modes), one
 * document's sentences, mentions and people, and the candidate events.
 * Strings of a document live in one arena (`struct buf`) and are named
 * by their offset; offset 0 is the empty string, which stands for null.
 */
#include <stddef.h>
#include <stdint.h>

#include "wire/core/buf.h"
#include "wire/events/events.h"
#include "wire/topics/features.h"
#include "wire/topics/taxonomy.h"

enum ev_kind { K_MEET, K_ATTEND, K_COCHAIR, K_JOINT, K_VISIT, K_OPEN, K_MODE, K_FUTURE, K_LATER, K_FILLER };

struct ev_phrase {
	char *text;        /* lower case, owned */
	size_t n;
	int kind;          /* enum ev_kind */
	int mode;          /* index into modes, -1 for none */
};

struct ev_mode {
	char *name, *plover, *cameo;  /* owned; plover may be "" */
};

struct events_model {
	struct ev_phrase *ph;  /* sorted by first byte, second byte, then longest first */
	size_t nph;
	size_t first[257];     /* phrases starting with byte c: first[c]..first[c+1] */
	unsigned char lead[8192];  /* bit ev_lead(a, b, c): a phrase other than a
	                              filler may start with bytes a, b, c */
	struct ev_mode *modes;
	size_t nmodes;
	int talks, multilateral, sidelines;  /* mode indexes */
	struct taxonomy *tax;  /* may be NULL */
};

/* The bit of the first three bytes of a phrase or a word in
 * events_model.lead (a hash: a set bit may be a false alarm). */
static inline unsigned ev_lead(unsigned char a, unsigned char b, unsigned char c)
{
	return ((unsigned)a * 961u + (unsigned)b * 31u + c) & 0xFFFFu;
}

/* A phrase of the model at fold[i..n) on whole words: its index, or -1.
 * With `kind` >= 0 only phrases of that kind; the longest wins. */
long ev_match(const struct events_model *m, const char *fold, size_t i, size_t n, int kind);

/* Entity mention types, as one byte. */
enum { T_PERSON = 'P', T_NORP = 'N', T_GPE = 'G', T_ORG = 'O', T_EVENT = 'E', T_DATE = 'D' };

struct ev_ent {
	char type;
	uint32_t b, e;          /* byte offsets in the sentence text */
	uint32_t text, key, iso, value;  /* arena offsets; iso: iso or country */
	int person;             /* index into people for T_PERSON, else -1 */
};

struct ev_sent {
	uint32_t id, text, fold;  /* arena; fold: ASCII-lower-cased text */
	uint32_t len;             /* bytes of text */
	uint32_t topics;          /* labels, each NUL-ended, then "" */
	int has_topics;           /* the record had a `topics` array */
	size_t ent0, nent;        /* its mentions: ents[ent0 .. ent0+nent) */
};

struct ev_person {
	uint32_t key, name, rank, role, honorific, country, org;
	int mentions;
	int score;              /* prominence in the article (people.c) */
	size_t first_sent;
	int same;               /* index of the person this one is, or -1 */
};

#define EV_MAXSIDE 12
#define EV_MAXEVID 8

struct ev_side {
	int person;             /* index into people, or -1: unnamed side */
	uint32_t iso;           /* the unnamed side's country (arena) */
	int counterpart;        /* named "counterpart": may be resolved to the
	                           one person of that country */
};

struct ev_evid {
	size_t sent;
	uint32_t b, e;          /* bytes in the sentence */
};

struct ev_event {
	int mode;               /* index into the model's modes */
	int multi;              /* one event for all sides (multilateral, co-chaired) */
	int chairs;             /* the sides are co-chairs: participants even when
	                           the meeting is multilateral */
	struct ev_side side[EV_MAXSIDE];
	int nside;
	int at;                 /* index of an EVENT mention, or -1 */
	struct ev_evid evid[EV_MAXEVID];
	int nevid;
	int dead;               /* merged into another */
};

struct events_doc {
	const struct events_model *m;
	struct buf arena;
	struct ev_sent *s;
	size_t ns, salloc;
	struct ev_ent *e;
	size_t ne, ealloc;
	struct ev_person *p;
	size_t np, palloc;
	struct ev_event *ev;
	size_t nev, evalloc;
	uint32_t doc, date, dateline, source;
	int actor;              /* the main actor (person index), -1 */
	int ctx_at;             /* the conference the article's talks are on the
	                           sidelines of (EVENT mention), -1 */
	/* scratch */
	unsigned char *cited;   /* per sentence: evidence of some event */
	size_t citedalloc;
	struct buf tmp;
	uint32_t *cpmap;
	size_t cpalloc;
	struct ftokens tok;
	struct taxonomy_match mt;
	float *scores;
	struct json_val *pe;    /* the picked members of the record's entities
	                           (doc.c), E_N per entity, into the record */
	size_t npe, pealloc;
	int unit_event;         /* the last record read has "unit": "event" */
};

static inline const char *ev_str(const struct events_doc *d, uint32_t off)
{
	return d->arena.buf + off;
}

/* Appends s[0..n) and a NUL to the arena; returns its offset (0 for n 0). */
uint32_t ev_intern(struct events_doc *d, const char *s, size_t n);

/* people.c: after the last record — merges short mentions into full
 * names, fills missing countries, chooses the main actor. */
void ev_people(struct events_doc *d);
/* The person a mention stands for, after merges. */
int ev_person_of(const struct events_doc *d, int p);

/* rules.c: finds the candidate events of sentence `si`. */
void ev_sentence(struct events_doc *d, size_t si);

/* emit.c: merges the candidates and writes them. */
size_t ev_emit(struct events_doc *d, struct buf *out);

#endif
