#ifndef WIRE_NER_H
#define WIRE_NER_H
/*
 * ner — the statistical named-entity tagger: PER, ORG, LOC, MISC mentions
 * over tokens, with document-level context. The model is a data file of
 * hashed feature weights ("ner.model", see data.h); training is
 * `wire-extract-entities train`.
 *
 * A document is tagged at once (all its sentences), so that features may
 * use the rest of the document (the same word elsewhere, first-pass
 * predictions).
 */
#include <stddef.h>

#include "wire/buf.h"
#include "wire/token.h"

enum ner_type { NER_PER = 0, NER_ORG, NER_LOC, NER_MISC, NER_NTYPES };

struct ner_mention {
	size_t tb, te;        /* token range [tb, te) in its sentence */
	enum ner_type type;
	float score;          /* decoder's confidence, 0..1 */
};

/* One sentence of a document, as given to ner_tag_doc. */
struct ner_sentence {
	const char *text;            /* borrowed */
	size_t len;
	const struct token *tok;     /* borrowed: token_split(text) */
	size_t ntok;
	struct ner_mention *m;       /* out: owned by the ner_work */
	size_t nm;
};

struct ner_model;
struct ner_work;   /* scratch memory reused across documents */

/* Loads a model file; NULL on error with the reason appended to `err`
 * ("'x.model': not a wire NER model", "truncated", ...). */
struct ner_model *ner_load(const char *path, struct buf *err);
void ner_free(struct ner_model *m);

struct ner_work *ner_work_new(void);
void ner_work_free(struct ner_work *w);

/* Tags the `n` sentences of one document; fills each s[i].m / s[i].nm.
 * The mentions stay valid until the next call with the same `w`. */
void ner_tag_doc(const struct ner_model *m, struct ner_work *w,
		 struct ner_sentence *s, size_t n);

const char *ner_type_name(enum ner_type t); /* "PER", "ORG", "LOC", "MISC" */

#endif
