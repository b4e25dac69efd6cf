/*
 * ner_cluster — word clusters for the NER tagger from unlabelled text, a
 * fast stand-in for Brown clusters.
 *
 * Each word (lower-cased, seen at least min_count times) is described by
 * its left and right neighbours among the NER_CTX most frequent words
 * (plus line start and end), weighted by positive PMI and normalised. A
 * binary tree is grown over these vectors by bisecting spherical 2-means;
 * a word's cluster is its path from the root, as with Brown clusters, so
 * prefixes of the path give coarser clusters. Words are kept as 64-bit
 * hashes only: no text is stored.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/core/err.h"
#include "wire/core/input.h"
#include "wire/entities/ner.h"
#include "wire/core/token.h"
#include "ner_impl.h"

#define NER_CTX 800
#define NER_DEPTH 16
#define NER_MINLEAF 6
#define NER_ITERS 8
#define NER_RESTARTS 3

struct vocab {
	uint64_t *key;
	uint32_t *id;
	size_t cap, n;
	uint64_t *hash;         /* by id */
	uint32_t *count;        /* by id */
	size_t alloc;
};

static uint32_t vocab_id(struct vocab *v, uint64_t h)
{
	if (2 * (v->n + 1) > v->cap) {
		size_t nc = v->cap ? 2 * v->cap : 1 << 16;
		uint64_t *nk = xcalloc(nc, sizeof(*nk));
		uint32_t *ni = xmalloc(nc * sizeof(*ni));
		for (size_t i = 0; i < v->cap; i++) {
			if (!v->key[i])
				continue;
			size_t j = (size_t)v->key[i] & (nc - 1);
			while (nk[j])
				j = (j + 1) & (nc - 1);
			nk[j] = v->key[i];
			ni[j] = v->id[i];
		}
		free(v->key);
		free(v->id);
		v->key = nk;
		v->id = ni;
		v->cap = nc;
	}
	h = h ? h : 1;
	size_t i = (size_t)h & (v->cap - 1);
	while (v->key[i]) {
		if (v->key[i] == h)
			return v->id[i];
		i = (i + 1) & (v->cap - 1);
	}
	if (v->n == v->alloc) {
		v->alloc = v->alloc ? 2 * v->alloc : 1 << 15;
		v->hash = xrealloc(v->hash, v->alloc * sizeof(*v->hash));
		v->count = xrealloc(v->count, v->alloc * sizeof(*v->count));
	}
	v->key[i] = h;
	v->id[i] = (uint32_t)v->n;
	v->hash[v->n] = h;
	v->count[v->n] = 0;
	return (uint32_t)v->n++;
}

struct stream {
	uint32_t *v;            /* word ids, UINT32_MAX between lines */
	size_t n, alloc;
};

static void stream_push(struct stream *s, uint32_t id)
{
	if (s->n == s->alloc) {
		s->alloc = s->alloc ? 2 * s->alloc : 1 << 20;
		s->v = xrealloc(s->v, s->alloc * sizeof(*s->v));
	}
	s->v[s->n++] = id;
}

/* Sparse rows (CSR) of the word vectors. */
struct rows {
	size_t *start;          /* V + 1 */
	uint16_t *col;
	float *val;
};

struct bisect {
	const struct rows *r;
	uint32_t *path;         /* by row */
	uint64_t rng;
	float *c[2];            /* centroids, dims floats each */
	size_t dims;
};

static float dot(const struct rows *r, uint32_t i, const float *c)
{
	float s = 0;
	for (size_t k = r->start[i]; k < r->start[i + 1]; k++)
		s += r->val[k] * c[r->col[k]];
	return s;
}

static void normalise(float *c, size_t n)
{
	double s = 0;
	for (size_t i = 0; i < n; i++)
		s += (double)c[i] * c[i];
	if (s <= 0)
		return;
	float inv = (float)(1 / sqrt(s));
	for (size_t i = 0; i < n; i++)
		c[i] *= inv;
}

/* One spherical 2-means run over idx[0..n): partitions idx so that the
 * first *nleft go left; returns the summed similarity of the words to
 * their side's centroid (higher is better). */
static double two_means(struct bisect *b, uint32_t *idx, size_t n, size_t *nleft)
{
	const struct rows *r = b->r;
	size_t d = b->dims;
	/* seeds: a random member and the member least like it */
	b->rng += 0x9E3779B97F4A7C15ULL;
	uint32_t s0 = idx[ner_mix(b->rng) % n], s1 = s0;
	float worst = 2;
	memset(b->c[0], 0, d * sizeof(float));
	for (size_t k = r->start[s0]; k < r->start[s0 + 1]; k++)
		b->c[0][r->col[k]] = r->val[k];
	for (size_t i = 0; i < n; i++) {
		float v = dot(r, idx[i], b->c[0]);
		if (v < worst) {
			worst = v;
			s1 = idx[i];
		}
	}
	memset(b->c[1], 0, d * sizeof(float));
	for (size_t k = r->start[s1]; k < r->start[s1 + 1]; k++)
		b->c[1][r->col[k]] = r->val[k];
	*nleft = 0;
	for (int it = 0; it < NER_ITERS; it++) {
		/* assign: partition idx so the first nleft go left */
		size_t lo = 0, hi = n;
		while (lo < hi) {
			uint32_t x = idx[lo];
			if (dot(r, x, b->c[0]) >= dot(r, x, b->c[1])) {
				lo++;
			} else {
				idx[lo] = idx[--hi];
				idx[hi] = x;
			}
		}
		*nleft = lo;
		if (!lo || lo == n)
			return -1;
		for (int side = 0; side < 2; side++) {
			memset(b->c[side], 0, d * sizeof(float));
			size_t from = side ? lo : 0, to = side ? n : lo;
			for (size_t i = from; i < to; i++)
				for (size_t k = r->start[idx[i]]; k < r->start[idx[i] + 1]; k++)
					b->c[side][r->col[k]] += r->val[k];
			normalise(b->c[side], d);
		}
	}
	double obj = 0;
	for (size_t i = 0; i < n; i++)
		obj += dot(r, idx[i], b->c[i >= *nleft]);
	return obj;
}

static void split(struct bisect *b, uint32_t *idx, size_t n, int depth,
		  uint32_t path)
{
	if (depth == NER_DEPTH || n < 2 * NER_MINLEAF) {
		for (size_t i = 0; i < n; i++)
			b->path[idx[i]] = path;
		return;
	}
	/* the best of NER_RESTARTS runs: the tree depends less on the seed */
	uint32_t *best = xmalloc(n * sizeof(*best));
	double bobj = -1;
	size_t bleft = 0;
	for (int rs = 0; rs < NER_RESTARTS; rs++) {
		size_t nleft;
		double obj = two_means(b, idx, n, &nleft);
		if (obj > bobj) {
			bobj = obj;
			bleft = nleft;
			memcpy(best, idx, n * sizeof(*best));
		}
	}
	if (bobj < 0) {
		free(best);
		for (size_t i = 0; i < n; i++)
			b->path[idx[i]] = path;
		return;
	}
	memcpy(idx, best, n * sizeof(*best));
	free(best);
	split(b, idx, bleft, depth + 1, path << 1);
	split(b, idx + bleft, n - bleft, depth + 1, path << 1 | 1);
}

static int cmp_count(const void *a, const void *b, void *arg)
{
	const uint32_t *cnt = arg;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	if (cnt[x] != cnt[y])
		return cnt[x] > cnt[y] ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Appends the words of every line of `path` (plain or gzip) to the
 * stream, each line ended by UINT32_MAX; counts them in v. -1 with the
 * reason in err. tk, line and low are scratch. */
static int read_text(const char *path, struct vocab *v, struct stream *st, struct tokens *tk,
		     struct buf *line, struct buf *low, struct buf *err)
{
	struct input in;

	if (input_open(&in, path) < 0) {
		buf_addf(err, "cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	while (input_getline(&in, line)) {
		token_split(line->buf, line->len, tk);
		if (!tk->n)
			continue;
		for (size_t i = 0; i < tk->n; i++) {
			buf_reset(low);
			ner_lower(low, line->buf + tk->v[i].b, tk->v[i].e - tk->v[i].b);
			uint32_t id = vocab_id(v, ner_hash(low->buf, low->len));
			v->count[id]++;
			stream_push(st, id);
		}
		stream_push(st, UINT32_MAX);
	}
	if (input_error(&in)) {
		buf_addf(err, "cannot read '%s': %s", path, input_error(&in));
		input_close(&in);
		return -1;
	}
	input_close(&in);
	return 0;
}

/* Dense context counts of the nv clustered words (row = frequency rank):
 * the nctx most frequent words on the left, then on the right, then the
 * line start and end. The caller frees the result. */
static float *context_counts(const struct stream *st, const uint32_t *rank, size_t nv,
			     size_t nctx)
{
	size_t dims = 2 * nctx + 2;
	float *m = xcalloc(nv ? nv * dims : 1, sizeof(*m));
	for (size_t i = 0; i < st->n; i++) {
		uint32_t a = st->v[i];
		if (a == UINT32_MAX || rank[a] >= nv)
			continue;
		float *row = m + (size_t)rank[a] * dims;
		uint32_t l = i ? st->v[i - 1] : UINT32_MAX;
		uint32_t r = i + 1 < st->n ? st->v[i + 1] : UINT32_MAX;
		if (l == UINT32_MAX)
			row[2 * nctx]++;
		else if (rank[l] < nctx)
			row[rank[l]]++;
		if (r == UINT32_MAX)
			row[2 * nctx + 1]++;
		else if (rank[r] < nctx)
			row[nctx + rank[r]]++;
	}
	return m;
}

/* Positive PMI of the counts m (nv rows of dims) with context smoothing
 * (^0.75), L2-normalised, as sparse rows into rw (the caller frees its
 * arrays). */
static void ppmi_rows(const float *m, size_t nv, size_t dims, struct rows *rw)
{
	double *col = xcalloc(dims, sizeof(*col));
	for (size_t i = 0; i < nv; i++)
		for (size_t k = 0; k < dims; k++)
			col[k] += m[i * dims + k];
	double ctot = 0;
	for (size_t k = 0; k < dims; k++) {
		col[k] = pow(col[k], 0.75);
		ctot += col[k];
	}
	rw->start = xmalloc((nv + 1) * sizeof(*rw->start));
	size_t nnz = 0;
	for (size_t i = 0; i < nv * dims; i++)
		nnz += m[i] > 0;
	rw->col = xmalloc((nnz ? nnz : 1) * sizeof(*rw->col));
	rw->val = xmalloc((nnz ? nnz : 1) * sizeof(*rw->val));
	nnz = 0;
	for (size_t i = 0; i < nv; i++) {
		const float *row = m + i * dims;
		double rs = 0;
		for (size_t k = 0; k < dims; k++)
			rs += row[k];
		rw->start[i] = nnz;
		double norm = 0;
		size_t b = nnz;
		for (size_t k = 0; k < dims; k++) {
			if (row[k] <= 0)
				continue;
			double pmi = log((row[k] / rs) / (col[k] / ctot));
			if (pmi <= 0)
				continue;
			rw->col[nnz] = (uint16_t)k;
			rw->val[nnz++] = (float)pmi;
			norm += pmi * pmi;
		}
		if (norm > 0)
			for (size_t k = b; k < nnz; k++)
				rw->val[k] = (float)(rw->val[k] / sqrt(norm));
	}
	rw->start[nv] = nnz;
	free(col);
}

int ner_clusters_from_text(const char *const *paths, size_t npaths,
			   int min_count, uint64_t seed, int verbose,
			   struct clusters *out, struct buf *err)
{
	struct vocab v;
	struct stream st;
	struct tokens tk = TOKENS_INIT;
	struct buf line = BUF_INIT, low = BUF_INIT;
	int rc = -1;

	memset(&v, 0, sizeof(v));
	memset(&st, 0, sizeof(st));
	memset(out, 0, sizeof(*out));
	for (size_t f = 0; f < npaths; f++)
		if (read_text(paths[f], &v, &st, &tk, &line, &low, err) < 0)
			goto out;
	/* ranks by frequency */
	uint32_t *order = xmalloc((v.n ? v.n : 1) * sizeof(*order));
	uint32_t *rank = xmalloc((v.n ? v.n : 1) * sizeof(*rank));
	for (size_t i = 0; i < v.n; i++)
		order[i] = (uint32_t)i;
	qsort_r(order, v.n, sizeof(*order), cmp_count, v.count);
	size_t nv = 0;
	for (size_t i = 0; i < v.n; i++) {
		rank[order[i]] = (uint32_t)i;
		if (v.count[order[i]] >= (uint32_t)min_count)
			nv++;
	}
	size_t nctx = v.n < NER_CTX ? v.n : NER_CTX;
	size_t dims = 2 * nctx + 2;
	if (verbose)
		fprintf(stderr, "ner: clusters: %zu tokens, %zu types, %zu clustered, %zu contexts\n",
			st.n, v.n, nv, dims);
	float *m = context_counts(&st, rank, nv, nctx);
	struct rows rw;
	ppmi_rows(m, nv, dims, &rw);
	free(m);
	/* bisecting 2-means over the words that have a context vector */
	struct bisect bs;
	bs.r = &rw;
	bs.path = xcalloc(nv ? nv : 1, sizeof(*bs.path));
	bs.rng = seed;
	bs.dims = dims;
	bs.c[0] = xmalloc(dims * sizeof(float));
	bs.c[1] = xmalloc(dims * sizeof(float));
	uint32_t *idx = xmalloc((nv ? nv : 1) * sizeof(*idx));
	size_t ni = 0;
	for (size_t i = 0; i < nv; i++)
		if (rw.start[i + 1] > rw.start[i])
			idx[ni++] = (uint32_t)i;
	split(&bs, idx, ni, 0, 1);
	out->alloc = ni ? ni : 1;
	out->key = xmalloc(out->alloc * sizeof(*out->key));
	out->path = xmalloc(out->alloc * sizeof(*out->path));
	for (size_t i = 0; i < nv; i++) {
		if (!bs.path[i])
			continue;
		out->key[out->n] = v.hash[order[i]];
		out->path[out->n++] = bs.path[i];
	}
	if (verbose)
		fprintf(stderr, "ner: clusters: %zu words clustered\n", out->n);
	free(idx);
	free(bs.path);
	free(bs.c[0]);
	free(bs.c[1]);
	free(rw.start);
	free(rw.col);
	free(rw.val);
	free(order);
	free(rank);
	rc = 0;
out:
	free(v.key);
	free(v.id);
	free(v.hash);
	free(v.count);
	free(st.v);
	tokens_release(&tk);
	buf_release(&line);
	buf_release(&low);
	return rc;
}
