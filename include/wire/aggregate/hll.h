#ifndef WIRE_HLL_H
#define WIRE_HLL_H
/*
 * hll — HyperLogLog distinct counting (Flajolet et al. 2007, with the
 * small-range correction of Heule et al. 2013) over 64-bit hashes.
 *
 * A sketch starts sparse: the distinct hashes themselves, exact up to
 * HLL_SPARSE_MAX values (8 bytes each). Past that it turns dense: 2^HLL_P
 * one-byte registers (4 KiB), relative standard error 1.04 / sqrt(2^HLL_P)
 * = 1.6 %. Sketches merge by union, so merging the sketches of k shares
 * gives exactly the sketch of the whole stream.
 *
 * The caller owns the struct hll and frees it with hll_free().
 */
#include <stddef.h>
#include <stdint.h>

#include "wire/core/buf.h"

#define HLL_P 12
#define HLL_M (1u << HLL_P)
#define HLL_SPARSE_MAX 256

struct hll {
	uint64_t *sparse;   /* distinct hashes while dense == NULL */
	uint32_t nsparse, asparse;
	uint8_t *dense;     /* HLL_M registers once dense */
};

struct hll *hll_new(void);
void hll_free(struct hll *h);
/* Adds one hashed value. */
void hll_add(struct hll *h, uint64_t hash);
/* Adds every value of `src` to `dst` (src is unchanged). */
void hll_merge(struct hll *dst, const struct hll *src);
/* The estimated number of distinct values (exact while sparse). */
double hll_count(const struct hll *h);
/* Bytes of memory held. */
size_t hll_bytes(const struct hll *h);
/*
 * Text form for partial states: "s:" then 16 hex digits per hash, or "d:"
 * then 2 hex digits per register. hll_parse returns 0, or -1 when the text
 * is not such a form.
 */
void hll_format(const struct hll *h, struct buf *out);
int hll_parse(struct hll *h, const char *s, size_t n);

#endif
