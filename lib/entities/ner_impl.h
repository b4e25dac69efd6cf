#ifndef WIRE_NER_IMPL_H
#define WIRE_NER_IMPL_H
/*
 * ner_impl — what lib/entities/ner.c (model file, features, decoding) shares with
 * lib/entities/ner_train.c (perceptron training, evaluation). Not a public API.
 *
 * Labels are BILOU per type plus O: label 0 is O, label 1 + 4*t + k is
 * B, I, L, U (k = 0..3) of type t.
 */
#include <stdint.h>

#include "wire/core/hash.h"
#include "wire/entities/ner.h"

#define NER_NL 17            /* labels */
#define NER_ROW 18           /* weights per row (padded); ner_emit sums 16 + 1 */
#define NER_MAXF 96          /* features per token and pass, at most */
#define NER_PASSES 2
#define NER_XCLUS 2          /* external cluster sets: Turian RCV1, BLLIP */

enum { NER_B = 0, NER_I, NER_L, NER_U };

static inline int ner_label(int type, int k) { return 1 + 4 * type + k; }
static inline int ner_ltype(int l) { return (l - 1) >> 2; }
static inline int ner_lpos(int l) { return (l - 1) & 3; }

/* Can label `c` follow label `p` (p = NER_NL: start of sentence)? */
int ner_trans_ok(int p, int c);
/* Can a sentence end after label `p`? */
static inline int ner_end_ok(int p)
{
	return p == 0 || ner_lpos(p) == NER_L || ner_lpos(p) == NER_U;
}

/* Per-token facts computed once per document. */
struct ner_tok {
	uint64_t w, l;          /* hashes of the exact and lower-case forms */
	size_t lo;              /* its lower-case form: ner_work.tmp.buf + lo, */
	uint32_t ll;            /* ll bytes */
	uint64_t shape;         /* hash of the collapsed shape ("Xx", "X.X.", "d-d") */
	uint32_t clus;          /* own word cluster path with a leading 1 bit; 0: unknown */
	uint32_t xclus[NER_XCLUS]; /* paths in the external Brown clusters (Turian
				   RCV1, BLLIP), leading 1 bit; 0: unknown */
	uint8_t cls;            /* short shape class (enum ner_cls in ner.c) */
	uint8_t flags;          /* NER_F_* */
	uint8_t len;            /* length in code points, capped at 255 */
	uint8_t p1;             /* first-pass label */
	uint32_t dslot;         /* slot of its lower-case form in the document table */
	uint64_t gaz;           /* gazetteer matches: bit 4 * class + BILOU position */
	uint32_t g1;            /* gazetteer class mask of the word alone (ner_gaz of
				   its one-word phrase; 0 without a gazetteer) */
};

/* Gazetteer classes (of phrases of lower-cased tokens): at most 16, so
 * that a token's matches (4 BILOU bits per class) fit in 64 bits. */
enum ner_gclass {
	NER_G_COUNTRY, NER_G_REGION, NER_G_CITY, NER_G_LANGUAGE,
	NER_G_FIRSTNAME, NER_G_TITLE, NER_G_DEMONYM, NER_G_ORG,
	NER_G_LASTNAME,         /* family names */
	NER_G_WIKILOC,          /* Wikipedia location titles and redirects */
	NER_G_WIKIORG,          /* Wikipedia organisation titles and redirects */
	NER_G_TEAM,             /* sports teams and leagues */
	NER_G_MEDIA,            /* newspapers, TV networks and channels */
	NER_G_AGENCY,           /* government agencies */
	NER_G_UNIVERSITY,       /* universities */
	NER_G_EVENT,            /* awards, holidays, festivals, recurring events */
	NER_G_NCLASSES
};
_Static_assert(NER_G_NCLASSES <= 16, "a token's gazetteer bits are 64");
#define NER_G_PREFIX  (1u << 31)  /* mask bit: a longer phrase starts here */
#define NER_G_MAXLEN 6


#define NER_F_INIT     1  /* first token of its sentence */
#define NER_F_HEADLINE 2  /* its sentence has no lower-case word */
#define NER_F_LOWDOC   4  /* its lower-case form occurs lower-case elsewhere in the document */
#define NER_F_CAPDOC   8  /* it occurs capitalised, not sentence-initially, elsewhere in the document */
#define NER_F_CAP     16  /* starts with an upper-case letter */

/* Word statistics of one document, keyed by lower-case hash. */
struct ner_dstat {
	uint64_t key;           /* 0: empty */
	uint32_t nlow, ncap;    /* lower-case occurrences; capitalised non-initial ones */
	uint32_t type[NER_NTYPES]; /* first-pass mentions covering a capitalised occurrence, by type */
	uint16_t lab[NER_NL];   /* first-pass labels of its capitalised occurrences */
	uint64_t pw, nw;        /* lower-case hashes of the words around its first capitalised occurrence */
	uint32_t first;         /* that occurrence's token index + 1 (0: none) */
};

/* A word type's own-feature scores for one pass. */
#define NER_WCACHE 8192
struct ner_wcache {
	uint64_t key;           /* word hash mixed with the pass; 0: empty */
	int32_t s[NER_NL];
};

/* A word type's lookups in the model's big tables (ner_doc_prepare): its
 * cluster paths and one-word gazetteer mask, keyed by the exact-form hash
 * (the lower-case form follows from it). Direct-mapped: frequent words
 * stay, and most tokens of news text skip two to four cache misses. */
#define NER_TCACHE 16384
struct ner_tcache {
	uint64_t key;           /* exact-form hash; 0: empty */
	uint32_t clus, xclus[NER_XCLUS], g1;
};

/* Scratch of one document (the public struct ner_work). */
struct ner_work {
	struct ner_tok *tok;
	size_t ntok, atok;
	size_t *sent;           /* sentence i covers tok[sent[i]..sent[i+1]) */
	size_t asent;
	struct ner_dstat *dtab;
	size_t dmask;           /* dtab has dmask + 1 slots in use, at most half
				   full: it grows with the document's distinct
				   words, not with its tokens */
	size_t dused, dalloc;   /* keys in dtab; slots allocated */
	uint8_t *lab;           /* decoded labels, one per token */
	size_t alab;
	int32_t *score;         /* emission scores, NER_NL per token of a sentence */
	size_t ascore;
	struct ner_mention *men;
	size_t nmen, amen;
	struct buf tmp;         /* the lower-case forms of the document's tokens */
	struct ner_wcache *cache;
	const struct ner_model *cache_model;
	uint32_t cache_crc;
	struct ner_tcache *tcache;
	const struct ner_model *tcache_model;   /* tcache holds this model's lookups */
	uint32_t tcache_crc;
};

/* Computes the per-token facts of a document into w->tok (clusters from
 * `m`, may be NULL) and the first-pass independent document statistics. */
struct ner_model;
void ner_doc_prepare(const struct ner_model *m, struct ner_work *w,
		     const struct ner_sentence *s, size_t n);
/* After first-pass labels are in tok[].p1: fills the per-type statistics. */
void ner_doc_stats(struct ner_work *w);
/* Writes the feature hashes of token i (document index; sentence [sb, se))
 * for `pass` (0 or 1) into f; returns how many (<= NER_MAXF). */
int ner_features(const struct ner_work *w, size_t sb, size_t se, size_t i,
		 int pass, uint64_t *f);
/* The two halves of ner_features: the word's own features, and those of
 * its context (sentence, document, first pass). */
int ner_features_word(const struct ner_work *w, const struct ner_tok *t,
		      int pass, uint64_t *f);
int ner_features_ctx(const struct ner_work *w, size_t sb, size_t se, size_t i,
		     int pass, uint64_t *f);

/* The emission of every label but O of a token forced to O (surely
 * outside every mention): ner_viterbi gives such a token O without
 * weighing the other labels; real emissions never come near it. */
#define NER_OUTSIDE_PENALTY (INT32_MIN / 16)
/* The largest transition or end weight a model may hold (trained ones stay
 * under 2^14): with scores kept in [INT32_MIN / 4, 0] by ner_viterbi, the
 * sums it forms then never overflow int32. */
#define NER_MAX_TRANS (1 << 20)

/* Viterbi over emission scores e[n][NER_NL] with transitions
 * t[(NER_NL + 1) * NER_NL] (row NER_NL: start) and end scores; writes the
 * best valid label sequence to out. Scores are int32 at run time; training
 * uses the same routine on scaled integers. */
void ner_viterbi(const int32_t *e, size_t n, const int32_t *t,
		 const int32_t *end, uint8_t *out, int32_t *scratch);

/* The word cluster paths of a token (exact-form hash w, lower-case hash
 * l) into t->clus and t->xclus (0: unknown). */
void ner_cluster(const struct ner_model *m, uint64_t w, uint64_t l,
		 struct ner_tok *t);

/* 64-bit hashing helpers. */
static inline uint64_t ner_mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

static inline uint64_t ner_hash(const void *p, size_t n)
{
	return ner_mix(hash_fnv1a(p, n) ^ n);
}

/* The cluster-table key of a lower-case form standing for all its
 * casings (the path of its most frequent casing), apart from the key of
 * the lower-case form itself. */
static inline uint64_t ner_fold_key(uint64_t lh)
{
	return ner_mix(lh ^ 0x243f6a8885a308d3ULL);
}

/* Hash of a phrase extended by one token's lower-case hash. */
static inline uint64_t ner_gstep(uint64_t h, uint64_t l)
{
	return ner_mix(h * HASH_FNV_PRIME + l);
}
#define NER_GSEED 0x6a09e667f3bcc908ULL

/* Appends the lower-case form of s[0..n) to out (utf8proc simple case
 * mapping; invalid bytes copied). */
void ner_lower(struct buf *out, const char *s, size_t n);

/* Model file layout (little-endian), all sections 4-byte aligned:
 *   header  struct ner_fhdr
 *   trans   int32 [NER_PASSES][(NER_NL + 1) * NER_NL]
 *   end     int32 [NER_PASSES][NER_NL]
 *   slots   struct ner_slot [nslots]   feature key -> weight row
 *   rows    int16 [nrows][NER_ROW]
 *   clus    struct ner_wslot [ncslots] word key -> cluster paths
 *   gaz     struct ner_cslot [ngslots] phrase key -> class mask
 * The key table is probed linearly and kept at most half full, so that
 * the probes of the (many) unknown features stay in a compact array and
 * only known features touch their weight row.
 */
#define NER_MAGIC "WIRENER\0"
#define NER_VERSION 5

struct ner_fhdr {
	char magic[8];
	uint32_t version;
	uint32_t nlabels;       /* NER_NL */
	uint32_t npasses;       /* passes with weights: 1 or 2 */
	uint32_t nslots;
	uint32_t ncslots;
	uint32_t nrows;
	float scale;            /* weight = int16 * scale */
	uint32_t ngslots;
	uint32_t reserved;
	uint32_t crc;           /* ner_file_crc: crc32 of the whole file, this
				   field read as zero (version 3 left the
				   header out) */
	uint64_t size;          /* total file size */
	char note[64];          /* provenance, NUL-padded */
};

struct ner_slot {
	uint32_t key;           /* 0: empty */
	uint32_t row;
};

struct ner_cslot {
	uint32_t key;           /* 0: empty */
	uint32_t path;
};

/* A word of the cluster table: keyed by the hash of a word form, its
 * paths in each cluster set (leading 1 bit; 0: none). The own clusters
 * are keyed by lower-case forms; the external ones by exact forms, and by
 * ner_fold_key of the lower-case form with the path of its most frequent
 * casing (so "GERMANY" finds "Germany", while "us" keeps its own). */
struct ner_wslot {
	uint32_t key;           /* 0: empty */
	uint32_t own;
	uint32_t x[NER_XCLUS];
};

struct ner_model {
	void *mem;
	size_t mapped;          /* mem is a mapping of this many bytes (ner_load);
				   0: malloc'ed (ner_load_mem) */
	const struct ner_fhdr *h;
	int32_t trans[NER_PASSES][(NER_NL + 1) * NER_NL];
	int32_t end[NER_PASSES][NER_NL];
	const struct ner_slot *slots;
	uint32_t nslots;
	uint64_t *occ;          /* bit i: slots[i] is in use (built at load:
				   nslots bits stay in cache, and most
				   features of a text are not in the model,
				   so most probes end here) */
	const int16_t *rows;
	uint32_t nrows;
	const struct ner_wslot *cs;
	uint32_t ncs;
	const struct ner_cslot *gs;
	uint32_t ngs;
	int npasses;
};

/* Slot index of a 64-bit hash in a table of n slots, and its key. */
static inline uint32_t ner_slot_of(uint64_t h, uint32_t n)
{
	return (uint32_t)(((h >> 32) * (uint64_t)n) >> 32);
}
static inline uint32_t ner_key_of(uint64_t h)
{
	uint32_t k = (uint32_t)h;
	return k ? k : 1;
}

/* The checksum of a model image of `size` bytes (at least a header): CRC-32
 * of every byte, the header's crc field counted as four zero bytes. */
uint32_t ner_file_crc(const void *mem, size_t size);

/* Sets up a model from an image of `size` bytes in `mem` (taken: freed by
 * ner_free, or at once on error). */
struct ner_model *ner_load_mem(void *mem, size_t size, const char *name,
			       struct buf *err);

/* Class mask of a phrase hash (0: not in the gazetteer). */
uint32_t ner_gaz(const struct ner_model *m, uint64_t ph);

/* Word clusters while training: lower-case word hashes and their paths;
 * also used for gazetteer phrases (path = class mask). */
struct clusters {
	uint64_t *key;
	uint32_t *path;
	size_t n, alloc;
};

/* The merged cluster table while training: unique word keys (sorted) and
 * their paths in each set. */
struct wclusters {
	uint64_t *key;
	uint32_t (*path)[1 + NER_XCLUS];   /* own, then the external sets */
	size_t n;
};

/* Builds clusters from plain-text files (lib/entities/ner_cluster.c): words seen at
 * least `min_count` times, clustered by their left and right neighbours.
 * Returns 0, or -1 with the reason in err. */
int ner_clusters_from_text(const char *const *paths, size_t n, int min_count,
			   uint64_t seed, int verbose, struct clusters *out,
			   struct buf *err);

/* Emission scores of one token for `pass` into e[NER_NL] (adds). */
void ner_emit(const struct ner_model *m, const uint64_t *f, int nf,
	      int32_t *e);

#endif
