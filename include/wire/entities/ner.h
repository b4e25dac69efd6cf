#ifndef WIRE_NER_H
#define WIRE_NER_H
/*
 * ner — the statistical named-entity tagger: PER, ORG, LOC, MISC mentions
 * over tokens, with document-level context. The model is a data file of
 * hashed feature weights ("ner.model", see data.h); training is
 * ner_train() below (scripts/train-ner, `wire-extract-entities train`).
 *
 * A document is tagged at once (all its sentences), so that features may
 * use the rest of the document (the same word elsewhere, first-pass
 * predictions). Memory: the model, plus scratch in the ner_work that grows
 * to the largest document seen. A loaded model is read-only and may be
 * shared by threads, each with its own ner_work. See docs/ner-model.md.
 */
#include <stddef.h>
#include <stdio.h>

#include "wire/core/buf.h"
#include "wire/core/token.h"

enum ner_type { NER_PER = 0, NER_ORG, NER_LOC, NER_MISC, NER_NTYPES };

struct ner_mention {
	size_t tb, te;        /* token range [tb, te) in its sentence */
	enum ner_type type;
	float score;          /* confidence 0..1: mean per-token softmax of the
			       * type's best local score (a ranking aid) */
};

/* One sentence of a document, as given to ner_tag_doc. */
struct ner_sentence {
	const char *text;            /* borrowed */
	size_t len;
	const struct token *tok;     /* borrowed: token_split(text) */
	size_t ntok;
	struct ner_mention *m;       /* out: owned by the ner_work */
	size_t nm;
	/* 1: a window of the text of the sentence before (tokens following
	 * on from its tokens, in the same text): the two are one sentence
	 * for the sentence-wide facts (first token, headline, gazetteer
	 * phrases) and decoded apart. A cut between windows where six plain
	 * tokens meet (ner_plain_token: c-2..c+3 around a cut after token c)
	 * gives the labels of the whole sentence: the four middle ones are
	 * outside every mention in both, and no other token's features reach
	 * across. 0 for an ordinary sentence. */
	int cont;
};

struct ner_model;
struct ner_work;   /* scratch memory reused across documents */

/* Loads a model file (read whole, checksum and table checked); NULL on
 * error with the reason appended to `err` ("'x.model': not a wire NER
 * model", "... is truncated", "... checksum mismatch"). The caller frees
 * the model with ner_free (NULL is fine). */
struct ner_model *ner_load(const char *path, struct buf *err);
void ner_free(struct ner_model *m);

/* Scratch for ner_tag_doc, reused across documents; freed with
 * ner_work_free (NULL is fine). */
struct ner_work *ner_work_new(void);
void ner_work_free(struct ner_work *w);

/* Tags the `n` sentences of one document; fills each s[i].m / s[i].nm
 * (mentions in token order, not overlapping, never across sentences).
 * The mentions belong to `w` and stay valid until its next use. */
void ner_tag_doc(const struct ner_model *m, struct ner_work *w,
		 struct ner_sentence *s, size_t n);

const char *ner_type_name(enum ner_type t); /* "PER", "ORG", "LOC", "MISC" */

/* Is the token text[0..n) plain for the tagger: lower-case words and
 * punctuation, no capital, no digit ("the", ",", "well-known")? A plain
 * token between plain tokens is outside every mention (it is labelled O
 * without being scored). `scratch` is any buffer, reused. */
int ner_plain_token(const char *text, size_t n, struct buf *scratch);

/* The provenance note stored in the model ("CoNLL-2003 eng.train, ..."). */
const char *ner_model_note(const struct ner_model *m);

/*
 * Training and evaluation (lib/entities/ner_train.c).
 *
 * Training reads CoNLL-2003 files (4 columns "token POS chunk NER", IOB1
 * tags, "-DOCSTART-" lines between documents, blank lines between
 * sentences), trains an averaged structured perceptron for the first pass
 * and, on first-pass labels predicted by jackknifing, one for the second
 * pass, and writes the model file. Word clusters come from a clusters file
 * or are built from unlabelled plain text (one text per line). It is
 * deterministic for a given seed and inputs.
 */
struct ner_train_opts {
	/* Every input file may be gzipped (read by input_getline). */
	const char *train_path;    /* CoNLL file to train on (required) */
	const char *dev_path;      /* CoNLL file scored after training, or NULL */
	const char *out_path;      /* model file to write (required) */
	const char *clusters_path; /* word clusters ("bits TAB word [TAB count]" lines), or NULL */
	const char *const *text_paths; /* plain-text files to build word clusters from */
	size_t ntext;
	const char *gazetteer_path; /* "class TAB phrase" lines (see docs/ner-model.md), or NULL */
	const char *brown_paths[2]; /* Brown clusters ("bits TAB word TAB count"):
				       Turian's RCV1 set, then BLLIP; NULL: none */
	int passes;                /* 1: the first pass alone (no features of the
				      document's first-pass labels); 0: both */
	int epochs;                /* passes over the data; 0: default (6) */
	int bag;                   /* final models averaged from this many shufflings; 0: 1 */
	unsigned long seed;        /* shuffling seed */
	int verbose;               /* progress on stderr */
	size_t max_bytes;          /* weight budget (the word-cluster and gazetteer
				      tables come on top); 0: default (16 MB) */
};

/* Trains and writes o->out_path. Returns 0, or -1 with the reason
 * appended to `err` ("train.txt:12: bad NER tag 'X-PER'"). */
int ner_train(const struct ner_train_opts *o, struct buf *err);

/* Per-type exact-match counts of an evaluation. */
struct ner_score {
	unsigned long tp[NER_NTYPES], fp[NER_NTYPES], fn[NER_NTYPES];
	unsigned long tokens, sentences, docs;
};

/* Tags the CoNLL file with `m` and counts exact-match mentions against its
 * gold tags (conlleval's rules: a mention is right when its type and both
 * ends are). When `report` is not NULL prints a conlleval-style table of
 * precision, recall and F1 per type to it. Returns 0, or -1 with the
 * reason in `err`. `sc` may be NULL. */
int ner_eval(const struct ner_model *m, const char *conll_path, FILE *report,
	     struct ner_score *sc, struct buf *err);

#endif
