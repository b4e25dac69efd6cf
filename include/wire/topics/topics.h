#ifndef WIRE_TOPICS_H
#define WIRE_TOPICS_H
/*
 * topics — choosing and writing the `topics` member of a record:
 *	"topics":[{"label":"maritime-security","score":0.93,"terms":[...]},...]
 * shared by the taxonomy and the trained model of wire-classify-topics.
 */
#include <stddef.h>

#include "wire/core/buf.h"

struct topic {
	size_t label;
	float score;
};

/*
 * Puts into `out` (room for n) the labels whose score is at least
 * `threshold` and above 0 (0 means no evidence), best first (ties: lower label id first), at most `top`
 * of them when top > 0. Returns how many.
 */
size_t topics_select(const float *scores, size_t n, float threshold, size_t top,
		     struct topic *out);

/* Appends a score as a JSON number with at most 4 decimals and no
 * trailing zeros: 0.93, 1, 0.0001, 0. */
void topics_score(struct buf *out, float score);

/* Appends one topic object without its closing brace, so that the caller
 * may add members such as "terms": {"label":"x","score":0.93 */
void topics_open(struct buf *out, const char *label, float score);

#endif
