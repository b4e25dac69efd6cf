#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wire/core/err.h"
#include "wire/aggregate/hll.h"

struct hll *hll_new(void)
{
	return xcalloc(1, sizeof(struct hll));
}

void hll_free(struct hll *h)
{
	if (!h)
		return;
	free(h->sparse);
	free(h->dense);
	free(h);
}

static void dense_add(uint8_t *reg, uint64_t hash)
{
	uint32_t idx = (uint32_t)(hash >> (64 - HLL_P));
	uint64_t rest = hash << HLL_P;
	/* rank of the first 1 bit in the remaining 64 - P bits, 1-based */
	uint8_t rho = rest ? (uint8_t)(__builtin_clzll(rest) + 1) : (uint8_t)(64 - HLL_P + 1);

	if (rho > reg[idx])
		reg[idx] = rho;
}

static void make_dense(struct hll *h)
{
	h->dense = xcalloc(HLL_M, 1);
	for (uint32_t i = 0; i < h->nsparse; i++)
		dense_add(h->dense, h->sparse[i]);
	free(h->sparse);
	h->sparse = NULL;
	h->nsparse = h->asparse = 0;
}

void hll_add(struct hll *h, uint64_t hash)
{
	if (h->dense) {
		dense_add(h->dense, hash);
		return;
	}
	for (uint32_t i = 0; i < h->nsparse; i++)
		if (h->sparse[i] == hash)
			return;
	if (h->nsparse == HLL_SPARSE_MAX) {
		make_dense(h);
		dense_add(h->dense, hash);
		return;
	}
	if (h->nsparse == h->asparse) {
		h->asparse = h->asparse ? h->asparse * 2 : 4;
		h->sparse = xrealloc(h->sparse, h->asparse * sizeof(*h->sparse));
	}
	h->sparse[h->nsparse++] = hash;
}

void hll_merge(struct hll *dst, const struct hll *src)
{
	if (src->dense) {
		if (!dst->dense)
			make_dense(dst);
		for (uint32_t i = 0; i < HLL_M; i++)
			if (src->dense[i] > dst->dense[i])
				dst->dense[i] = src->dense[i];
		return;
	}
	for (uint32_t i = 0; i < src->nsparse; i++)
		hll_add(dst, src->sparse[i]);
}

double hll_count(const struct hll *h)
{
	if (!h->dense)
		return h->nsparse;
	double m = HLL_M, sum = 0;
	unsigned zeros = 0;
	for (uint32_t i = 0; i < HLL_M; i++) {
		sum += ldexp(1.0, -h->dense[i]);
		zeros += !h->dense[i];
	}
	double alpha = 0.7213 / (1 + 1.079 / m);
	double e = alpha * m * m / sum;
	if (e <= 2.5 * m && zeros)
		e = m * log(m / zeros); /* linear counting for small cardinalities */
	return e;
}

size_t hll_bytes(const struct hll *h)
{
	return sizeof(*h) + (h->dense ? HLL_M : h->asparse * sizeof(uint64_t));
}

static const char hexd[] = "0123456789abcdef";

void hll_format(const struct hll *h, struct buf *out)
{
	if (h->dense) {
		buf_grow(out, 2 + 2 * HLL_M);
		buf_add(out, "d:", 2);
		for (uint32_t i = 0; i < HLL_M; i++) {
			buf_addc(out, hexd[h->dense[i] >> 4]);
			buf_addc(out, hexd[h->dense[i] & 15]);
		}
		return;
	}
	buf_add(out, "s:", 2);
	for (uint32_t i = 0; i < h->nsparse; i++) {
		char d[16];
		for (int k = 0; k < 16; k++)
			d[k] = hexd[(h->sparse[i] >> (60 - 4 * k)) & 15];
		buf_add(out, d, 16);
	}
}

static int hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int hll_parse(struct hll *h, const char *s, size_t n)
{
	if (n < 2 || s[1] != ':')
		return -1;
	if (s[0] == 'd') {
		if (n != 2 + 2 * HLL_M)
			return -1;
		uint8_t *reg = xcalloc(HLL_M, 1);
		for (uint32_t i = 0; i < HLL_M; i++) {
			int a = hex(s[2 + 2 * i]), b = hex(s[3 + 2 * i]);
			if (a < 0 || b < 0 || a * 16 + b > 64 - HLL_P + 1) {
				free(reg);
				return -1;
			}
			reg[i] = (uint8_t)(a * 16 + b);
		}
		struct hll tmp = { NULL, 0, 0, reg };
		hll_merge(h, &tmp);
		free(reg);
		return 0;
	}
	if (s[0] != 's' || (n - 2) % 16)
		return -1;
	for (size_t i = 2; i < n; i += 16) {
		uint64_t v = 0;
		for (int k = 0; k < 16; k++) {
			int d = hex(s[i + k]);
			if (d < 0)
				return -1;
			v = v << 4 | (uint64_t)d;
		}
		hll_add(h, v);
	}
	return 0;
}
