#ifndef WIRE_SIG_H
#define WIRE_SIG_H
/*
 * sig — the near-duplicate signature of a document: a one-permutation
 * MinHash sketch of its word shingles.
 *
 * Normalisation: the text is case- and diacritic-folded as utf8_fold
 * does it ("Hà Nội" and "HA NOI" give the same words); words are runs of
 * letters and digits (an apostrophe inside a word is dropped, "don't" is
 * "dont"; a ',' or '.' between two digits is kept, "1,750" and "5.93" are
 * one word each); everything else only separates words. The boilerplate
 * wire-split keeps apart (dateline, byline, agency, caption) is not text,
 * so it never reaches a signature.
 *
 * Shingles are `shingle` consecutive words, hashed (64 bits). A text of
 * fewer words than `shingle` has one shingle: all its words. Text may be
 * fed in pieces (a document's sentence records, one after another): a
 * piece ends the word being read but not the shingle window, so the
 * sentences of a document give the signature of the whole document.
 *
 * Sketch (one-permutation hashing, Li, Owen & Zhang 2012): each shingle
 * hash falls in one of SIG_BINS bins by its top bits and the bin keeps the
 * smallest of its low 32 bits. Empty bins (short texts) are filled by
 * rotation (Shrivastava & Li 2014): from the next non-empty bin to the
 * right, mixed with the distance, so two texts agree on an empty bin
 * exactly when they agree on the bin it borrows from. The share of equal
 * bins of two sketches estimates the Jaccard resemblance of their shingle
 * sets (standard error about sqrt(J(1-J)/SIG_BINS)).
 *
 * Building is linear in the text and allocation-free once the builder's
 * scratch has grown to the longest non-ASCII word.
 */
#include <stddef.h>
#include <stdint.h>

#include "wire/core/buf.h"

#define SIG_BINS 128            /* bins of a sketch: a power of two */
#define SIG_BIN_BITS 7
#define SIG_MAX_SHINGLE 8       /* longest shingle, in words */
#define SIG_FIGS 16             /* figures kept (bottom-k of their hashes) */
#define SIG_BATCH 64            /* words whose shingles are hashed together */

struct sig {
	uint32_t v[SIG_BINS];
	uint32_t n;             /* shingles seen (with repeats): the size */
	uint32_t fig[SIG_FIGS]; /* the smallest hashes of the distinct words
	                           with a digit ("1,750", "4th"), ascending */
	uint32_t nfig;
};

struct sig_builder {
	unsigned shingle;       /* words per shingle, 1..SIG_MAX_SHINGLE */
	/* hashes of the last SIG_MAX_SHINGLE - 1 words, then of up to
	 * SIG_BATCH words whose shingles are still to be added (as read) */
	uint64_t win[SIG_MAX_SHINGLE - 1 + SIG_BATCH];
	unsigned pend;          /* words in the batch */
	uint64_t words;         /* words seen */
	uint64_t word;          /* hash of the word being read: its bytes, */
	uint64_t acc;           /* eight at a time, the last ones pending here */
	unsigned nacc;          /* bytes pending (0..7) */
	unsigned wlen;          /* bytes of the word */
	int in_word;
	int digit;              /* the last character of the word is a digit */
	int sep;                /* a ',' or '.' after a digit is pending */
	int numeric;            /* the word has a digit */
	struct sig s;
	struct buf fold;        /* scratch: one folded non-ASCII character */
};

/* Prepares `b` for a new text of `shingle` words per shingle (clamped to
 * 1..SIG_MAX_SHINGLE). The scratch survives: call sig_release at the end. */
void sig_begin(struct sig_builder *b, unsigned shingle);
/* Feeds s[0..n) (UTF-8; invalid bytes separate words). */
void sig_add(struct sig_builder *b, const char *s, size_t n);
/* Ends the text: writes its sketch into *out and returns the number of
 * words read (0: no word, *out is then all-empty and must not be indexed). */
uint64_t sig_end(struct sig_builder *b, struct sig *out);
void sig_release(struct sig_builder *b);

/* Estimated Jaccard resemblance of two sketches: equal bins / SIG_BINS. */
double sig_jaccard(const struct sig *a, const struct sig *b);
/*
 * Estimated containment of the smaller shingle set in the larger:
 * |A ∩ B| / min(|A|, |B|), from the resemblance J and the sizes
 * (|A ∩ B| = J (|A| + |B|) / (1 + J)); at most 1.
 */
double sig_containment(const struct sig *a, const struct sig *b, double jaccard);

/*
 * How far the figures of two texts agree: of the figures both sketches
 * can speak for (at most the smaller of their largest kept hashes, when a
 * sketch is full), the share of the smaller set found in the other; 1
 * when either has none. A story re-published keeps its figures (a cut
 * paragraph or a trimmed end only loses some); two templated reports,
 * the same words around other figures, do not.
 */
double sig_figures(const struct sig *a, const struct sig *b);

/* The text form of partial states: 8 lower-case hex digits per 32-bit
 * value (big-endian): the SIG_BINS bins, then the nfig figures, appended
 * to `out`. sig_from_hex reads it back: 0, or -1 when `hex` is not
 * exactly such a text. */
void sig_to_hex(const struct sig *s, struct buf *out);
int sig_from_hex(struct sig *s, const char *hex, size_t n);

#endif
