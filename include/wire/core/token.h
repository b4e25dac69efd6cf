#ifndef WIRE_TOKEN_H
#define WIRE_TOKEN_H
/*
 * token — word tokens of a sentence, with byte and code-point offsets.
 *
 * Words are runs of letters and digits, keeping inner apostrophes, hyphens
 * and dots where they belong to the word ("O'Brien", "ADMM-Plus", "U.S.",
 * "3.5", "Thai-MECC", "ADSOM+", "1,000"); initials keep their dot ("J.",
 * "U.S."), other abbreviations do not ("Gen" "."); a possessive "'s" is a
 * token of its own; every other non-space character is a token of its own. Linear time;
 * no allocation beyond `struct tokens` (whose `v` the caller frees with
 * tokens_release).
 *
 * This is the general tokeniser (sentences, entities, the NER tagger and
 * trainer, the gazetteer). Two stages keep a scanner of their own because
 * their tokens are a different unit, and moving them onto this one would
 * change their outputs and the shipped models:
 *  - date_find (lib/dates) scans digits, letters and punctuation apart,
 *    with a lexicon class per word: "2026-02-11" must be 2026 - 02 - 11 and
 *    "10th" 10 th for its date grammar, where token_split gives one token;
 *  - features_tokenize (lib/topics) folds and hashes words as it copies
 *    them and drops punctuation: "U.S.-Vietnam" gives u s vietnam,
 *    "ADMM-Plus" admm plus, "Nguyễn's" nguyen. The topic models are hashed
 *    over these words, so their bytes depend on this exact split.
 * Both are written to the same contract (byte offsets, linear time,
 * caller-owned scratch) and tested against their own cases.
 */
#include <stddef.h>

struct token {
	size_t b, e;    /* byte offsets [b, e) in the text */
	size_t cb, ce;  /* code-point offsets [cb, ce) in the text */
};

struct tokens {
	struct token *v;
	size_t n, alloc;
};

#define TOKENS_INIT { NULL, 0, 0 }

/* Replaces the content of `out` with the tokens of text[0..n). */
void token_split(const char *text, size_t n, struct tokens *out);
void tokens_release(struct tokens *t);

#endif
