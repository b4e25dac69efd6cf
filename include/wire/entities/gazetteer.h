#ifndef WIRE_GAZETTEER_H
#define WIRE_GAZETTEER_H
/*
 * gazetteer — dictionaries of names (countries, demonyms, places, ranks,
 * roles, honorifics, organisations, meetings) matched over the tokens of
 * a sentence, accent- and case-insensitively (utf8_fold).
 *
 * Dictionaries are CSV files, read under the policy of every wire data
 * file (csvfile.h: strict quotes, '#' comment lines, as many fields as the
 * header), with a header row naming the columns; the order is free and unknown columns are
 * ignored:
 *   kind       one of the names of enum gaz_kind below ("country", ...)
 *   name       the phrase as written in text ("Sr. Lt. Gen.")
 *   canonical  optional: the form reported and used for keys
 *              ("Senior Lieutenant General"); empty means `name`
 *   iso        optional: ISO 3166-1 alpha-2 code ("VN")
 * The shipped files are every *.csv of the data folder "gazetteer"
 * (data.h), loaded in name order; users add theirs with gaz_load_file.
 *
 * Matching works on words: the tokens of token.h, each folded, with dots
 * removed ("Gen." = "Gen" = "gen") and lone "." tokens skipped, so that
 * "Sr. Lt. Gen." and "Sr Lt Gen" are the same phrase. A word of a name
 * written in capitals ("US", "ASEAN") only matches a word in capitals;
 * a capitalised word ("Chad", "General") only a capitalised word, except
 * for kind "role", matched in any case. A phrase is at most GAZ_MAXWORDS
 * words. Lookups cost O(GAZ_MAXWORDS) per start word: linear in the text.
 */
#include <stddef.h>
#include <stdint.h>

#include "wire/core/buf.h"
#include "wire/core/token.h"

#define GAZ_MAXWORDS 16

enum gaz_kind {
	GAZ_COUNTRY,    /* "Viet Nam" → VN: a GPE with an iso code */
	GAZ_GPE,        /* cities, states, provinces: "Kuala Lumpur" */
	GAZ_LOC,        /* other places: seas, regions, islands */
	GAZ_DEMONYM,    /* "Vietnamese" → VN: a NORP */
	GAZ_ORG,        /* known organisations: "ASEAN", "United Nations" */
	GAZ_ORGHEAD,    /* words that make a name an organisation: "Ministry" */
	GAZ_EVENT,      /* known meetings and exercises: "ADMM+", "Cobra Gold" */
	GAZ_EVENTHEAD,  /* words that make a name an event: "Summit", "Dialogue" */
	GAZ_RANK,       /* military and police ranks: "Lt. Gen." */
	GAZ_ROLE,       /* offices: "Deputy Minister", "Permanent Secretary" */
	GAZ_HONORIFIC,  /* "Datuk", "Tan Sri", "Dr." */
	GAZ_MISC,       /* other names: weapons, vehicles, ships' classes:
	                   "HIMARS", "Storm Shadow" (a MISC) */
	GAZ_NKINDS
};

#define GAZ_BIT(k) (1u << (k))

/* The name of a kind in CSV files ("country", "gpe", "loc", "demonym",
 * "org", "orghead", "event", "eventhead", "rank", "role", "honorific"),
 * and back (-1 when unknown). */
const char *gaz_kind_name(enum gaz_kind k);
int gaz_kind_parse(const char *s, size_t n);

/* One dictionary row. Strings are owned by the gazetteer. */
struct gaz_entry {
	enum gaz_kind kind;
	const char *name;       /* as written in the file */
	const char *canonical;  /* never NULL: `name` when the column is empty */
	char iso[3];            /* "" when none */
};

struct gazetteer;

struct gazetteer *gaz_new(void);
void gaz_free(struct gazetteer *g);

/*
 * Adds one phrase. Returns 0, or -1 when the phrase has no word or more
 * than GAZ_MAXWORDS words, or `iso` is neither empty nor two letters
 * (the reason is appended to `err` when not NULL).
 */
int gaz_add(struct gazetteer *g, enum gaz_kind kind, const char *name,
	    const char *canonical, const char *iso, struct buf *err);

/*
 * Loads a CSV dictionary. Returns 0, or -1 with `path:line: reason` (or
 * `cannot open 'path': ...`) appended to `err`; rows before the bad one
 * stay loaded.
 */
int gaz_load_file(struct gazetteer *g, const char *path, struct buf *err);

/* Loads every *.csv of the shipped data folder "gazetteer", in name order.
 * Returns the number of files loaded, or -1 with the reason in `err`
 * (folder missing, bad file). */
int gaz_load_default(struct gazetteer *g, struct buf *err);

/* Number of phrases loaded. */
size_t gaz_size(const struct gazetteer *g);

/* The words of one sentence, prepared for matching (reused across calls). */
struct gaz_word {
	size_t tok;         /* index of its token */
	uint64_t h;         /* hash of the folded key */
	size_t kb, kn;      /* folded key in `keys` */
	unsigned char cap;  /* GAZ_CAP_* bits of the word as written */
};

#define GAZ_CAP_TITLE 1  /* first letter upper case */
#define GAZ_CAP_ALL   2  /* has letters, all upper case */

struct gaz_words {
	struct gaz_word *v;
	size_t n, alloc;
	struct buf keys;
	size_t *of_tok;     /* token index → word index, or (size_t)-1 */
	size_t tok_alloc;
};

#define GAZ_WORDS_INIT { NULL, 0, 0, BUF_INIT, NULL, 0 }

/* Replaces the content of `w` with the words of the tokens tok[0..ntok)
 * of `text`. Linear time. */
void gaz_words_build(struct gaz_words *w, const char *text, const struct token *tok,
		     size_t ntok);
void gaz_words_release(struct gaz_words *w);

/* A match: words [wb, we) of a struct gaz_words, and its entry. */
struct gaz_match {
	size_t wb, we;
	const struct gaz_entry *e;
};

/*
 * The longest phrase of one of the kinds in `kinds` (GAZ_BIT mask) that
 * starts at word `i`. Returns 1 and fills *m, or 0. When one phrase has
 * several entries of the wanted kinds, the first loaded wins.
 */
int gaz_match_at(const struct gazetteer *g, const struct gaz_words *w, size_t i,
		 unsigned kinds, struct gaz_match *m);

/*
 * The entry of the wanted kinds for exactly the words [wb, we), or NULL.
 */
const struct gaz_entry *gaz_match_exact(const struct gazetteer *g, const struct gaz_words *w,
					size_t wb, size_t we, unsigned kinds);

/* The entry of the wanted kinds for the single word s[0..n) as written
 * (folded here; case rules apply), or NULL. */
const struct gaz_entry *gaz_lookup_word(const struct gazetteer *g, const char *s, size_t n,
					unsigned kinds);

#endif
