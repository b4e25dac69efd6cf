#ifndef WIRE_LINEAR_H
#define WIRE_LINEAR_H
/*
 * linear — the trainable topic classifier of wire-classify-topics: a
 * linear model over hashed word and word-bigram features.
 *
 * Features: the folded words of features.h and their bigrams, hashed
 * into 2^bits buckets; each document is a TF-IDF vector with sublinear
 * counts ((1 + ln tf) · idf, idf = ln((N + 1) / (df + 1)) + 1) scaled to
 * unit length, plus a constant bias feature.
 *
 * Learning: one L2-regularised linear SVM with squared hinge loss per
 * label (one-vs-all), solved by dual coordinate descent (Hsieh et al.
 * 2008, the LIBLINEAR default) in a seeded order: the same data and
 * options give the same model bytes. Each label's features are first
 * scaled by their naive Bayes log-count ratio |log(p/q)| (p, q: smoothed
 * document frequencies among the label's documents and the others; the
 * NBSVM of Wang & Manning 2012), which the saved weights absorb, so
 * prediction is a plain dot product. Single-label data (the label is a
 * string) turns the margins into a softmax; multi-label data (an array)
 * into one logistic score per label, 0.5 at the label's threshold (margin
 * 0 unless `--dev` data tuned it, by coordinate ascent on micro-F1).
 *
 * Model file (little-endian, versioned, CRC-32 checked): see linear.c.
 * Weights are stored as 16-bit integers with one scale per label, only
 * for the buckets seen in training, so a model is a few MB at most.
 */
#include <stddef.h>
#include <stdint.h>

#include "wire/core/buf.h"
#include "wire/topics/features.h"

enum { LINEAR_TUNE_MICRO, LINEAR_TUNE_LABEL };

struct linear_opts {
	unsigned bits;     /* log2 of the hash buckets, 16..24 (default 20) */
	int bigrams;       /* word bigrams too (default 1) */
	double c;          /* SVM cost C (default 1) */
	unsigned epochs;   /* at most this many passes per label (default 10) */
	double eps;        /* stopping tolerance on the projected gradient (0.1) */
	uint64_t seed;     /* order of the passes (default 1) */
	double slope;      /* margin → score scale (default 0: chosen in training) */
	double prune;      /* drop weights below prune · max |w| of the label */
	double nb;         /* >0: NB log-count-ratio scaling with this smoothing
	                      (default 1); 0: plain TF-IDF */
	int tune;          /* what --dev thresholds maximise: LINEAR_TUNE_* */
};

/* Fills `o` with the defaults above. */
void linear_opts_default(struct linear_opts *o);

/*
 * Training data held in memory: documents as sparse count vectors plus
 * their label ids, in two sets (LINEAR_TRAIN and LINEAR_DEV) that share
 * one label table. Labels first seen in dev data are ignored there.
 */
struct linear_data;
enum { LINEAR_TRAIN = 0, LINEAR_DEV = 1 };

struct linear_data *linear_data_new(unsigned bits, int bigrams);
void linear_data_free(struct linear_data *d);
/* Adds one document of set `set` with its tokens and labels (borrowed;
 * repeats are ignored). `multi` says the labels came as an array. */
void linear_data_add(struct linear_data *d, int set, const struct ftokens *t,
		     const char *const *labels, const size_t *lens, size_t nlabels, int multi);
/* Number of documents in `set`. */
size_t linear_data_count(const struct linear_data *d, int set);

struct linear_model;

/* Learns a model from the data (progress and notes go to stderr when
 * `verbose`). Returns a new model the caller frees with linear_free. */
struct linear_model *linear_train(struct linear_data *d, const struct linear_opts *o, int verbose);

/* Serialises `m` into `out` (appended). */
void linear_serialize(const struct linear_model *m, struct buf *out);
/* Writes `m` to `path`; returns 0, or -1 with a message in `err`. */
int linear_save(const struct linear_model *m, const char *path, struct buf *err);
/* Parses a model from p[0..n) (copied as needed); returns NULL with a
 * message in `err` ("truncated", "not a wire topic model", ...). */
struct linear_model *linear_parse(const void *p, size_t n, struct buf *err);
/* Reads and parses `path`; NULL with "cannot open ...: strerror" or the
 * parse message in `err`. */
struct linear_model *linear_load(const char *path, struct buf *err);
void linear_free(struct linear_model *m);

size_t linear_nlabels(const struct linear_model *m);
const char *linear_label(const struct linear_model *m, size_t i);
int linear_multilabel(const struct linear_model *m);
unsigned linear_bits(const struct linear_model *m);
int linear_bigrams(const struct linear_model *m);

/*
 * Scores of every label for the document whose words are `t`:
 * probabilities summing to 1 for a single-label model, independent
 * probabilities for a multi-label one (0.5 at each label's threshold).
 * `v` is scratch (its features stay there for linear_explain); `scores`
 * has room for linear_nlabels values.
 */
void linear_scores(const struct linear_model *m, const struct ftokens *t, struct fvec *v,
		   float *scores);
/*
 * The labels the model predicts from `scores`: the best one for a
 * single-label model; for a multi-label one those scoring at least
 * `threshold` (0.5 = the tuned thresholds), or the best one when none
 * does and every training document had a label. Writes label ids into
 * `out` (room for linear_nlabels), best first; returns how many.
 */
size_t linear_decide(const struct linear_model *m, const float *scores, float threshold, size_t *out);

/* Appends a JSON array of the (at most k) features of the last
 * linear_scores document that pushed label `label` up most, strongest
 * first: ["coast guard","patrol"]. */
void linear_explain(const struct linear_model *m, const struct ftokens *t, const struct fvec *v,
		    size_t label, size_t k, struct buf *out);

#endif
