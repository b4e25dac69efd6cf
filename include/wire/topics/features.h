#ifndef WIRE_FEATURES_H
#define WIRE_FEATURES_H
/*
 * features — the words of a text as the topic classifiers see them, and
 * the hashed word and word-bigram features of the linear model.
 *
 * Words are maximal runs of letters, digits and combining marks, folded
 * with utf8_fold (case and diacritics: "Đà Nẵng" → "da", "nang"); a
 * possessive "'s" is dropped ("China's" → "china"). ASCII words take a
 * fast path that never calls utf8proc. Everything is linear in the text.
 *
 *	struct ftokens t = FTOKENS_INIT;
 *	features_tokenize(text, n, &t);        // t.n words
 *	features_word(&t, i, &len)             // the folded bytes of word i
 *	struct fvec v = FVEC_INIT;
 *	features_extract(&t, bits, 1, &v);    // distinct buckets with counts
 */
#include <stddef.h>
#include <stdint.h>

#include "wire/core/buf.h"

/* Folded words of one text: word i is text.buf[w[i].b .. w[i].b + w[i].n). */
struct fword {
	uint32_t b, n;
	uint64_t h;      /* features_hash of the word */
};

struct ftokens {
	struct buf text;  /* folded words back to back (owned) */
	struct fword *w;  /* owned */
	size_t n, alloc;
};

#define FTOKENS_INIT { BUF_INIT, NULL, 0, 0 }

/* Replaces the content of `t` with the words of s[0..n). Invalid UTF-8
 * bytes separate words. */
void features_tokenize(const char *s, size_t n, struct ftokens *t);
/* The folded bytes of word i (not NUL-terminated) and their length. */
static inline const char *features_word(const struct ftokens *t, size_t i, size_t *len)
{
	*len = t->w[i].n;
	return t->text.buf + t->w[i].b;
}
void ftokens_release(struct ftokens *t);

/* A stable 64-bit hash of bytes (FNV-1a with a final avalanche): model
 * files depend on it, so it never changes without a format version. */
uint64_t features_hash(const char *s, size_t n);
/* The hash of the bigram (a, b) from the hashes of its words. */
uint64_t features_hash2(uint64_t a, uint64_t b);

/*
 * Light English stemming for the taxonomy, in place on folded bytes:
 * plural and verbal endings go ("exercises", "exercised", "exercising"
 * → "exercis"; "mines" → "min"; "policy", "policies" → "polici"; a final
 * y becomes i so "treaty" does not meet "treated"), short words stay.
 * Returns the new length. The same function is applied to the terms of a
 * taxonomy and to the words of a text, so only consistency matters.
 */
size_t features_stem(char *w, size_t n);

/*
 * Sparse feature vector: `n` distinct buckets in order of first
 * occurrence, each with its count and where it first occurred (token
 * index; bit 31 set for a bigram ending at that token), for explanations.
 * Duplicates are merged through a small hash table sized to the document,
 * so extraction is linear in the number of words.
 */
struct fvec {
	uint32_t *idx;
	float *val;
	uint32_t *pos;
	size_t n, alloc;
	/* scratch: hash table of buckets → entry, and model row bounds */
	uint32_t *hkey, *hent;
	size_t hsize;
	uint32_t *rs, *re;
};

#define FVEC_INIT { NULL, NULL, NULL, 0, 0, NULL, NULL, 0, NULL, NULL }
#define FEATURES_BIGRAM 0x80000000u

/* Replaces `v` with the unigram (and, when `bigrams`, bigram) features of
 * `t`, hashed into 2^bits buckets (bits 10..26), with their counts. */
void features_extract(const struct ftokens *t, unsigned bits, int bigrams, struct fvec *v);
void fvec_release(struct fvec *v);

/* Appends the text of feature j of `v` (a word or "word word") to `out`. */
void features_name(const struct ftokens *t, const struct fvec *v, size_t j, struct buf *out);

#endif
