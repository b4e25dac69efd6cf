#ifndef WIRE_SPAN_H
#define WIRE_SPAN_H
/*
 * span — a growable list of byte ranges [b, e) with a small tag, the
 * common currency of the segmenters (paragraphs, sentences, news parts).
 */
#include <stddef.h>

struct span {
	size_t b, e;  /* byte offsets, b <= e */
	int kind;     /* module-defined tag (0 when unused) */
};

struct spans {
	struct span *v;
	size_t n, alloc;
};

#define SPANS_INIT { NULL, 0, 0 }

/* Appends [b, e) with `kind`. */
void spans_push(struct spans *s, size_t b, size_t e, int kind);
static inline void spans_reset(struct spans *s) { s->n = 0; }
void spans_release(struct spans *s);

#endif
