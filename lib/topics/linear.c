/*
 * linear — see include/wire/linear.h.
 *
 * Model file, version 1 (all integers little-endian):
 *	"WIRETOPC"            magic, 8 bytes
 *	u32 version           1
 *	u64 size              the whole file, in bytes (truncation check)
 *	u32 flags             1 multi-label, 2 bigrams, 4 at-least-one-label
 *	u32 bits              log2 of the hash buckets
 *	u32 nlabels
 *	f32 slope
 *	nlabels × { u16 len, bytes, f32 threshold, f32 bias, f32 scale }
 *	u32 nrows
 *	nrows × { varint bucket delta, f32 idf, varint nweights,
 *	          nweights × { varint label delta, i16 weight } }
 *	u32 crc32             of every byte before it (zlib)
 * A weight is stored as weight / scale of its label, rounded.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "wire/core/err.h"
#include "wire/core/json.h"
#include "wire/topics/linear.h"

#define MAGIC "WIRETOPC"
#define VERSION 1u
#define F_MULTI 1u
#define F_BIGRAMS 2u
#define F_MIN1 4u
#define ROW_MARK UINT32_MAX

void linear_opts_default(struct linear_opts *o)
{
	o->bits = 20;
	o->bigrams = 1;
	o->c = 1.0;
	o->epochs = 10;
	o->eps = 0.1;
	o->seed = 1;
	o->slope = 0;
	o->prune = 0.01;
	o->nb = 1;
	o->tune = LINEAR_TUNE_MICRO;
}

/* ---- training data ------------------------------------------------- */

struct docs {
	uint32_t *idx;
	float *val;
	size_t nnz, nnz_alloc;
	size_t *start;      /* n + 1 */
	uint32_t *lab;
	size_t nlab, lab_alloc;
	size_t *lstart;     /* n + 1 */
	size_t n, alloc;
};

struct linear_data {
	unsigned bits;
	int bigrams;
	int multi;
	int unlabelled;      /* a training document had no label */
	struct docs set[2];
	char **labels;
	size_t nlabels, labels_alloc;
	uint32_t *lhash;     /* open addressing: label id + 1 */
	size_t lhash_size;
	struct fvec v;
};

struct linear_data *linear_data_new(unsigned bits, int bigrams)
{
	struct linear_data *d = xcalloc(1, sizeof(*d));

	d->bits = bits;
	d->bigrams = bigrams;
	for (int s = 0; s < 2; s++) {
		d->set[s].start = xcalloc(1, sizeof(size_t));
		d->set[s].lstart = xcalloc(1, sizeof(size_t));
	}
	d->lhash_size = 64;
	d->lhash = xcalloc(d->lhash_size, sizeof(*d->lhash));
	return d;
}

void linear_data_free(struct linear_data *d)
{
	if (!d)
		return;
	for (int s = 0; s < 2; s++) {
		free(d->set[s].idx);
		free(d->set[s].val);
		free(d->set[s].start);
		free(d->set[s].lab);
		free(d->set[s].lstart);
	}
	for (size_t i = 0; i < d->nlabels; i++)
		free(d->labels[i]);
	free(d->labels);
	free(d->lhash);
	fvec_release(&d->v);
	free(d);
}

size_t linear_data_count(const struct linear_data *d, int set)
{
	return d->set[set].n;
}

/* Returns the id of label s[0..n), adding it when `add`; -1 if absent. */
static long label_id(struct linear_data *d, const char *s, size_t n, int add)
{
	size_t mask = d->lhash_size - 1;
	size_t h = (size_t)features_hash(s, n) & mask;

	for (;; h = (h + 1) & mask) {
		uint32_t id = d->lhash[h];
		if (!id)
			break;
		const char *l = d->labels[id - 1];
		if (strlen(l) == n && !memcmp(l, s, n))
			return (long)id - 1;
	}
	if (!add)
		return -1;
	if (d->nlabels == d->labels_alloc) {
		d->labels_alloc = d->labels_alloc ? 2 * d->labels_alloc : 16;
		d->labels = xrealloc(d->labels, d->labels_alloc * sizeof(*d->labels));
	}
	d->labels[d->nlabels++] = xmemdup(s, n);
	d->lhash[h] = (uint32_t)d->nlabels;
	if (2 * d->nlabels > d->lhash_size) {
		/* grow and rehash */
		free(d->lhash);
		d->lhash_size *= 2;
		d->lhash = xcalloc(d->lhash_size, sizeof(*d->lhash));
		mask = d->lhash_size - 1;
		for (size_t i = 0; i < d->nlabels; i++) {
			size_t k = (size_t)features_hash(d->labels[i], strlen(d->labels[i])) & mask;
			while (d->lhash[k])
				k = (k + 1) & mask;
			d->lhash[k] = (uint32_t)i + 1;
		}
	}
	return (long)d->nlabels - 1;
}

void linear_data_add(struct linear_data *d, int set, const struct ftokens *t,
		     const char *const *labels, const size_t *lens, size_t nlabels, int multi)
{
	struct docs *s = &d->set[set];

	if (multi)
		d->multi = 1;
	features_extract(t, d->bits, d->bigrams, &d->v);
	if (s->nnz + d->v.n > s->nnz_alloc) {
		s->nnz_alloc = 2 * (s->nnz + d->v.n) + 1024;
		s->idx = xrealloc(s->idx, s->nnz_alloc * sizeof(*s->idx));
		s->val = xrealloc(s->val, s->nnz_alloc * sizeof(*s->val));
	}
	memcpy(s->idx + s->nnz, d->v.idx, d->v.n * sizeof(*s->idx));
	memcpy(s->val + s->nnz, d->v.val, d->v.n * sizeof(*s->val));
	s->nnz += d->v.n;
	if (s->nlab + nlabels > s->lab_alloc) {
		s->lab_alloc = 2 * (s->nlab + nlabels) + 64;
		s->lab = xrealloc(s->lab, s->lab_alloc * sizeof(*s->lab));
	}
	size_t first = s->nlab;
	for (size_t i = 0; i < nlabels; i++) {
		long id = label_id(d, labels[i], lens[i], set == LINEAR_TRAIN);
		if (id < 0)
			continue;
		int dup = 0;
		for (size_t j = first; j < s->nlab; j++)
			dup |= s->lab[j] == (uint32_t)id;
		if (!dup)
			s->lab[s->nlab++] = (uint32_t)id;
	}
	if (set == LINEAR_TRAIN && s->nlab == first)
		d->unlabelled = 1;
	if (s->n + 1 >= s->alloc) {
		s->alloc = 2 * s->alloc + 64;
		s->start = xrealloc(s->start, (s->alloc + 1) * sizeof(*s->start));
		s->lstart = xrealloc(s->lstart, (s->alloc + 1) * sizeof(*s->lstart));
	}
	s->n++;
	s->start[s->n] = s->nnz;
	s->lstart[s->n] = s->nlab;
}

/* ---- the model ------------------------------------------------------- */

struct lw {
	uint32_t label;  /* ROW_MARK for the first entry of a row: w is the idf */
	float w;
};

struct linear_model {
	unsigned bits;
	uint32_t flags;
	size_t nlabels;
	char **labels;
	float *thresh, *bias, *scale;
	float slope;
	uint32_t *start;  /* 2^bits + 1: row of bucket b is e[start[b]..start[b+1]) */
	struct lw *e;
	size_t ne;
	size_t nrows;
};

size_t linear_nlabels(const struct linear_model *m) { return m->nlabels; }
const char *linear_label(const struct linear_model *m, size_t i) { return m->labels[i]; }
int linear_multilabel(const struct linear_model *m) { return !!(m->flags & F_MULTI); }
unsigned linear_bits(const struct linear_model *m) { return m->bits; }
int linear_bigrams(const struct linear_model *m) { return !!(m->flags & F_BIGRAMS); }

void linear_free(struct linear_model *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nlabels; i++)
		free(m->labels[i]);
	free(m->labels);
	free(m->thresh);
	free(m->bias);
	free(m->scale);
	free(m->start);
	free(m->e);
	free(m);
}

static struct linear_model *model_new(unsigned bits, size_t nlabels)
{
	struct linear_model *m = xcalloc(1, sizeof(*m));

	m->bits = bits;
	m->nlabels = nlabels;
	m->labels = xcalloc(nlabels ? nlabels : 1, sizeof(*m->labels));
	m->thresh = xcalloc(nlabels ? nlabels : 1, sizeof(float));
	m->bias = xcalloc(nlabels ? nlabels : 1, sizeof(float));
	m->scale = xcalloc(nlabels ? nlabels : 1, sizeof(float));
	m->start = xcalloc(((size_t)1 << bits) + 1, sizeof(*m->start));
	return m;
}

/* Margins of the unit-length vector (idx, x) into out[nlabels]. */
static void margins(const struct linear_model *m, const uint32_t *idx, const float *x, size_t n,
		    float *out)
{
	memcpy(out, m->bias, m->nlabels * sizeof(float));
	for (size_t j = 0; j < n; j++) {
		const struct lw *r = m->e + m->start[idx[j]] + 1;
		const struct lw *end = m->e + m->start[idx[j] + 1];
		float xj = x[j];
		for (; r < end; r++)
			out[r->label] += r->w * xj;
	}
}

/* How far ahead the scoring loops prefetch model rows: the lookups of a
 * document's features are independent cache misses into a model of a few
 * MB, so overlapping them is most of the speed. */
#define AHEAD 8

/* Turns the counts of v into unit-length TF-IDF weights in place, dropping
 * buckets the model has never seen; leaves each row's bounds in v->rs/re. */
static void weigh(const struct linear_model *m, struct fvec *v)
{
	size_t k = 0, n = v->n;
	double norm = 0;

	for (size_t j = 0; j < n && j < AHEAD; j++)
		__builtin_prefetch(m->start + v->idx[j]);
	for (size_t j = 0; j < n; j++) {
		if (j + AHEAD < n)
			__builtin_prefetch(m->start + v->idx[j + AHEAD]);
		v->rs[j] = m->start[v->idx[j]];
		v->re[j] = m->start[v->idx[j] + 1];
	}
	for (size_t j = 0; j < n && j < AHEAD; j++)
		__builtin_prefetch(m->e + v->rs[j]);
	for (size_t j = 0; j < n; j++) {
		if (j + AHEAD < n)
			__builtin_prefetch(m->e + v->rs[j + AHEAD]);
		uint32_t s = v->rs[j];
		if (s == v->re[j])
			continue;
		float tf = v->val[j];
		float x = (tf > 1 ? 1 + logf(tf) : 1) * m->e[s].w;
		v->idx[k] = v->idx[j];
		v->val[k] = x;
		v->pos[k] = v->pos[j];
		v->rs[k] = s;
		v->re[k] = v->re[j];
		norm += (double)x * x;
		k++;
	}
	v->n = k;
	if (norm > 0) {
		float inv = (float)(1 / sqrt(norm));
		for (size_t j = 0; j < k; j++)
			v->val[j] *= inv;
	}
}

static void to_scores(const struct linear_model *m, float *s)
{
	if (m->flags & F_MULTI) {
		for (size_t l = 0; l < m->nlabels; l++)
			s[l] = 1 / (1 + expf(-m->slope * (s[l] - m->thresh[l])));
		return;
	}
	float mx = -INFINITY, sum = 0;
	for (size_t l = 0; l < m->nlabels; l++)
		if (s[l] > mx)
			mx = s[l];
	for (size_t l = 0; l < m->nlabels; l++) {
		s[l] = expf(m->slope * (s[l] - mx));
		sum += s[l];
	}
	for (size_t l = 0; l < m->nlabels; l++)
		s[l] /= sum;
}

void linear_scores(const struct linear_model *m, const struct ftokens *t, struct fvec *v,
		   float *scores)
{
	features_extract(t, m->bits, !!(m->flags & F_BIGRAMS), v);
	weigh(m, v);
	memcpy(scores, m->bias, m->nlabels * sizeof(float));
	for (size_t j = 0; j < v->n; j++) {
		const struct lw *r = m->e + v->rs[j] + 1, *end = m->e + v->re[j];
		float xj = v->val[j];
		for (; r < end; r++)
			scores[r->label] += r->w * xj;
	}
	to_scores(m, scores);
}

size_t linear_decide(const struct linear_model *m, const float *scores, float threshold, size_t *out)
{
	size_t n = 0, best = 0;

	if (!m->nlabels)
		return 0;
	for (size_t l = 1; l < m->nlabels; l++)
		if (scores[l] > scores[best])
			best = l;
	if (!(m->flags & F_MULTI)) {
		out[0] = best;
		return 1;
	}
	for (size_t l = 0; l < m->nlabels; l++)
		if (scores[l] >= threshold)
			out[n++] = l;
	if (!n && (m->flags & F_MIN1))
		out[n++] = best;
	/* best first */
	for (size_t i = 1; i < n; i++) {
		size_t x = out[i], j = i;
		while (j && scores[out[j - 1]] < scores[x]) {
			out[j] = out[j - 1];
			j--;
		}
		out[j] = x;
	}
	return n;
}

void linear_explain(const struct linear_model *m, const struct ftokens *t, const struct fvec *v,
		    size_t label, size_t k, struct buf *out)
{
	size_t *top = xmalloc((k + 1) * sizeof(*top));
	float *val = xmalloc((k + 1) * sizeof(*val));
	size_t n = 0;
	struct buf name = BUF_INIT;

	for (size_t j = 0; j < v->n; j++) {
		const struct lw *r = m->e + m->start[v->idx[j]] + 1;
		const struct lw *end = m->e + m->start[v->idx[j] + 1];
		float c = 0;
		for (; r < end; r++)
			if (r->label == label)
				c = r->w * v->val[j];
		if (c <= 0)
			continue;
		size_t i = n < k ? n++ : k;
		if (i == k && (k == 0 || c <= val[k - 1]))
			continue;
		if (i == k)
			i = k - 1;
		while (i && val[i - 1] < c) {
			val[i] = val[i - 1];
			top[i] = top[i - 1];
			i--;
		}
		val[i] = c;
		top[i] = j;
	}
	buf_addc(out, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_addc(out, ',');
		buf_reset(&name);
		features_name(t, v, top[i], &name);
		json_escape(out, name.buf, name.len);
	}
	buf_addc(out, ']');
	buf_release(&name);
	free(top);
	free(val);
}

/* ---- training -------------------------------------------------------- */

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Unit-length TF-IDF of every document of `s` in place, with the idf of
 * the model rows (unseen buckets get weight 0). */
static void weigh_set(const struct linear_model *m, struct docs *s)
{
	for (size_t i = 0; i < s->n; i++) {
		double norm = 0;
		for (size_t j = s->start[i]; j < s->start[i + 1]; j++) {
			uint32_t b = s->idx[j];
			uint32_t r = m->start[b];
			float x = 0;
			if (r != m->start[b + 1]) {
				float tf = s->val[j];
				x = (tf > 1 ? 1 + logf(tf) : 1) * m->e[r].w;
			}
			s->val[j] = x;
			norm += (double)x * x;
		}
		if (norm > 0) {
			float inv = (float)(1 / sqrt(norm));
			for (size_t j = s->start[i]; j < s->start[i + 1]; j++)
				s->val[j] *= inv;
		}
	}
}

/* w · x for a sparse x, with four partial sums so that the gathers and
 * adds of successive entries overlap (the fixed order keeps it
 * deterministic). */
static inline double sparse_dot(const float *w, const uint32_t *idx, const float *x, size_t n)
{
	float a0 = 0, a1 = 0, a2 = 0, a3 = 0;
	size_t j = 0;

	for (; j + 4 <= n; j += 4) {
		a0 += w[idx[j]] * x[j];
		a1 += w[idx[j + 1]] * x[j + 1];
		a2 += w[idx[j + 2]] * x[j + 2];
		a3 += w[idx[j + 3]] * x[j + 3];
	}
	for (; j < n; j++)
		a0 += w[idx[j]] * x[j];
	return (double)((a0 + a1) + (a2 + a3));
}

/*
 * Dual coordinate descent for the L2-loss (squared hinge) linear SVM with
 * a bias feature of value 1: min ½|w|² + C Σ max(0, 1 - y w·x)².
 * `w` has 2^bits + 1 entries (the last is the bias), zero on entry.
 */
static void dcd(const struct docs *s, const signed char *y, float *w, size_t nw,
		const struct linear_opts *o, uint64_t seed, double *alpha, size_t *order,
		double *qd)
{
	size_t n = s->n;
	double dii = 1 / (2 * o->c);
	float *bias = w + nw - 1;

	for (size_t i = 0; i < n; i++) {
		alpha[i] = 0;
		order[i] = i;
		double q = 1 + dii;
		for (size_t j = s->start[i]; j < s->start[i + 1]; j++)
			q += (double)s->val[j] * s->val[j];
		qd[i] = q;
	}
	/* LIBLINEAR's shrinking: a document whose alpha is 0 and whose
	 * gradient is past the last pass's largest projected gradient leaves
	 * the active set; when the active set has converged, every document
	 * is checked once more. */
	size_t active = n;
	double pgmax_old = INFINITY;
	for (unsigned it = 0; it < o->epochs;) {
		for (size_t i = active; i > 1; i--) {
			size_t k = (size_t)(splitmix(&seed) % i);
			size_t t = order[i - 1];
			order[i - 1] = order[k];
			order[k] = t;
		}
		double maxpg = -INFINITY, minpg = INFINITY;
		for (size_t r = 0; r < active; r++) {
			size_t i = order[r];
			double dot = *bias + sparse_dot(w, s->idx + s->start[i], s->val + s->start[i],
							s->start[i + 1] - s->start[i]);
			double g = y[i] * dot - 1 + dii * alpha[i];
			double pg = g;
			if (alpha[i] == 0) {
				if (g > pgmax_old) {
					active--;
					order[r] = order[active];
					order[active] = i;
					r--;
					continue;
				}
				if (g > 0)
					pg = 0;
			}
			if (pg > maxpg)
				maxpg = pg;
			if (pg < minpg)
				minpg = pg;
			if (fabs(pg) < 1e-12)
				continue;
			double old = alpha[i];
			alpha[i] = old - g / qd[i];
			if (alpha[i] < 0)
				alpha[i] = 0;
			float d = (float)((alpha[i] - old) * y[i]);
			for (size_t j = s->start[i]; j < s->start[i + 1]; j++)
				w[s->idx[j]] += d * s->val[j];
			*bias += d;
		}
		it++;
		if (maxpg - minpg <= o->eps) {
			if (active == n)
				break;
			active = n;
			pgmax_old = INFINITY;
			continue;
		}
		pgmax_old = maxpg > 0 ? maxpg : INFINITY;
	}
}

/* Labels with fewer dev positives than this keep threshold 0: a threshold
 * tuned on one or two documents is noise. */
#define TUNE_MIN_POS 5

/* True and false positives per label on the dev margins `mg` (n × L) with
 * thresholds `th`, deciding as linear_decide does (the best label when
 * none passes and `min1`). */
static void dev_counts(const float *mg, const unsigned char *gold, size_t n, size_t L,
		       const float *th, int min1, size_t *tp, size_t *fp)
{
	memset(tp, 0, L * sizeof(*tp));
	memset(fp, 0, L * sizeof(*fp));
	for (size_t i = 0; i < n; i++) {
		const float *r = mg + i * L;
		const unsigned char *g = gold + i * L;
		size_t any = 0, best = 0;
		for (size_t l = 0; l < L; l++) {
			if (r[l] - th[l] > r[best] - th[best])
				best = l;
			if (r[l] >= th[l]) {
				any++;
				if (g[l])
					tp[l]++;
				else
					fp[l]++;
			}
		}
		if (!any && min1 && L) {
			if (g[best])
				tp[best]++;
			else
				fp[best]++;
		}
	}
}

static double dev_objective(int how, size_t l, size_t L, const size_t *tp, const size_t *fp,
			    const size_t *pos)
{
	if (how == LINEAR_TUNE_LABEL)
		return pos[l] ? 2.0 * tp[l] / (double)(tp[l] + fp[l] + pos[l]) : 0;
	size_t T = 0, F = 0, P = 0;
	for (size_t k = 0; k < L; k++) {
		T += tp[k];
		F += fp[k];
		P += pos[k];
	}
	return P ? 2.0 * T / (double)(T + F + P) : 0;
}

/*
 * Per-label thresholds on the margins of the dev set, by coordinate
 * ascent (each label's threshold in turn over a grid of margins, the
 * others fixed; three rounds), deciding exactly as linear_decide will.
 * LINEAR_TUNE_MICRO maximises the micro-averaged F1 of all labels,
 * LINEAR_TUNE_LABEL each label's own F1. Labels with fewer than
 * TUNE_MIN_POS dev positives keep threshold 0.
 */
#define TUNE_GRID 0.05f
#define TUNE_RANGE 1.0f

static void tune(struct linear_model *m, const struct docs *dev, int how, int verbose)
{
	size_t n = dev->n, L = m->nlabels, tuned = 0;
	float *mg = xmalloc(n * L * sizeof(*mg));
	unsigned char *gold = xcalloc(n * L, 1);
	size_t *pos = xcalloc(L, sizeof(*pos)), *tp = xmalloc(L * sizeof(*tp)),
	       *fp = xmalloc(L * sizeof(*fp));
	int min1 = !!(m->flags & F_MIN1);

	for (size_t i = 0; i < n; i++) {
		margins(m, dev->idx + dev->start[i], dev->val + dev->start[i],
			dev->start[i + 1] - dev->start[i], mg + i * L);
		for (size_t j = dev->lstart[i]; j < dev->lstart[i + 1]; j++)
			gold[i * L + dev->lab[j]] = 1;
	}
	for (size_t i = 0; i < n * L; i++)
		pos[i % L] += gold[i];
	dev_counts(mg, gold, n, L, m->thresh, min1, tp, fp);
	double base = dev_objective(LINEAR_TUNE_MICRO, 0, L, tp, fp, pos);
	for (int round = 0; round < 3; round++) {
		int moved = 0;
		for (size_t l = 0; l < L; l++) {
			if (pos[l] < TUNE_MIN_POS)
				continue;
			float keep = m->thresh[l], best = keep;
			dev_counts(mg, gold, n, L, m->thresh, min1, tp, fp);
			double bestf = dev_objective(how, l, L, tp, fp, pos);
			for (float c = -TUNE_RANGE; c <= TUNE_RANGE + 1e-6f; c += TUNE_GRID) {
				m->thresh[l] = c;
				dev_counts(mg, gold, n, L, m->thresh, min1, tp, fp);
				double f = dev_objective(how, l, L, tp, fp, pos);
				if (f > bestf + 1e-9) {
					bestf = f;
					best = c;
				}
			}
			m->thresh[l] = best;
			moved |= best != keep;
		}
		if (!moved)
			break;
	}
	dev_counts(mg, gold, n, L, m->thresh, min1, tp, fp);
	for (size_t l = 0; l < L; l++)
		tuned += m->thresh[l] != 0;
	if (verbose)
		err_warn("tuned the thresholds of %zu of %zu labels on %zu dev documents: "
			 "dev micro-F1 %.4f → %.4f", tuned, L, n, base,
			 dev_objective(LINEAR_TUNE_MICRO, 0, L, tp, fp, pos));
	free(mg);
	free(gold);
	free(pos);
	free(tp);
	free(fp);
}

struct trip {
	uint32_t b, l;
	int16_t q;
};

/* Accuracy of a single-label model on the dev set, as a progress note. */
static void report_dev(const struct linear_model *m, const struct docs *dev)
{
	float *mg = xmalloc((m->nlabels ? m->nlabels : 1) * sizeof(*mg));
	size_t right = 0;

	for (size_t i = 0; i < dev->n; i++) {
		margins(m, dev->idx + dev->start[i], dev->val + dev->start[i],
			dev->start[i + 1] - dev->start[i], mg);
		size_t best = 0;
		for (size_t l = 1; l < m->nlabels; l++)
			if (mg[l] > mg[best])
				best = l;
		for (size_t j = dev->lstart[i]; j < dev->lstart[i + 1]; j++)
			right += dev->lab[j] == best;
	}
	err_warn("dev accuracy %.4f on %zu documents", dev->n ? (double)right / dev->n : 0,
		 dev->n);
	free(mg);
}

static int by_df(const void *a, const void *b)
{
	const uint32_t *x = a, *y = b; /* { df, bucket } */

	if (x[0] != y[0])
		return x[0] > y[0] ? -1 : 1;
	return x[1] < y[1] ? -1 : x[1] > y[1];
}

struct linear_model *linear_train(struct linear_data *d, const struct linear_opts *o, int verbose)
{
	struct docs *tr = &d->set[LINEAR_TRAIN];
	size_t nb = (size_t)1 << d->bits, L = d->nlabels, n = tr->n;
	struct linear_model *m = model_new(d->bits, L);

	m->flags = (d->multi ? F_MULTI : 0) | (d->bigrams ? F_BIGRAMS : 0) |
		   (d->unlabelled ? 0 : F_MIN1);
	m->slope = (float)(o->slope > 0 ? o->slope : 5);
	for (size_t l = 0; l < L; l++)
		m->labels[l] = xstrdup(d->labels[l]);

	/* document frequencies → rows with their idf */
	uint32_t *df = xcalloc(nb, sizeof(*df));
	for (size_t j = 0; j < tr->nnz; j++)
		df[tr->idx[j]]++;
	size_t rows = 0;
	for (size_t b = 0; b < nb; b++)
		rows += df[b] > 0;

	/* learn each label against the others */
	float *w = xcalloc(nb + 1, sizeof(*w));
	double *alpha = xmalloc((n ? n : 1) * sizeof(*alpha));
	double *qd = xmalloc((n ? n : 1) * sizeof(*qd));
	size_t *order = xmalloc((n ? n : 1) * sizeof(*order));
	signed char *y = xmalloc(n ? n : 1);
	struct trip *tp = NULL;
	size_t ntp = 0, tpalloc = 0;

	/* idf must be known before weighting: a provisional model holding
	 * only the idf rows */
	m->e = xmalloc(rows * sizeof(*m->e) + sizeof(*m->e));
	{
		size_t k = 0;
		for (size_t b = 0; b < nb; b++) {
			m->start[b] = (uint32_t)k;
			if (df[b]) {
				m->e[k].label = ROW_MARK;
				m->e[k].w = (float)(log((n + 1.0) / (df[b] + 1.0)) + 1);
				k++;
			}
		}
		m->start[nb] = (uint32_t)k;
		m->ne = k;
		m->nrows = rows;
	}
	weigh_set(m, tr);
	weigh_set(m, &d->set[LINEAR_DEV]);

	/* Training runs on compact feature ids, the most frequent first, so
	 * that the weight vector the solver walks is as small and as dense
	 * as the data allows (a 2^bits vector is mostly cache misses). */
	struct fid { uint32_t df, b; } *fid = xmalloc((rows ? rows : 1) * sizeof(*fid));
	size_t F = 0;
	for (size_t b = 0; b < nb; b++)
		if (df[b]) {
			fid[F].df = df[b];
			fid[F].b = (uint32_t)b;
			F++;
		}
	qsort(fid, F, sizeof(*fid), by_df);
	uint32_t *cid = xmalloc(nb * sizeof(*cid));
	for (size_t c = 0; c < F; c++)
		cid[fid[c].b] = (uint32_t)c;
	uint32_t *cidx = xmalloc((tr->nnz ? tr->nnz : 1) * sizeof(*cidx));
	for (size_t j = 0; j < tr->nnz; j++)
		cidx[j] = cid[tr->idx[j]];
	free(cid);
	free(w);
	w = xcalloc(F + 1, sizeof(*w));

	float *rr = NULL, *sval = NULL;
	uint32_t *pc = NULL;
	if (o->nb > 0) {
		rr = xmalloc((F ? F : 1) * sizeof(*rr));
		pc = xmalloc((F ? F : 1) * sizeof(*pc));
		sval = xmalloc((tr->nnz ? tr->nnz : 1) * sizeof(*sval));
	}
	for (size_t l = 0; l < L; l++) {
		size_t npos = 0;
		for (size_t i = 0; i < n; i++) {
			y[i] = -1;
			for (size_t j = tr->lstart[i]; j < tr->lstart[i + 1]; j++)
				if (tr->lab[j] == l)
					y[i] = 1;
			npos += y[i] > 0;
		}
		memset(w, 0, (F + 1) * sizeof(*w));
		struct docs sc = *tr;
		sc.idx = cidx;
		if (rr) {
			/* NB log-count ratios (Wang & Manning 2012) on document
			 * frequencies, scaling each feature for this label */
			memset(pc, 0, F * sizeof(*pc));
			for (size_t i = 0; i < n; i++)
				if (y[i] > 0)
					for (size_t j = tr->start[i]; j < tr->start[i + 1]; j++)
						pc[cidx[j]]++;
			double a = o->nb;
			for (size_t c = 0; c < F; c++) {
				double p = (pc[c] + a) / (npos + 2 * a);
				double q = (fid[c].df - pc[c] + a) / ((n - npos) + 2 * a);
				rr[c] = (float)fabs(log(p / q));
			}
			for (size_t j = 0; j < tr->nnz; j++)
				sval[j] = tr->val[j] * rr[cidx[j]];
			sc.val = sval;
		}
		dcd(&sc, y, w, F + 1, o, o->seed * 0x2545f4914f6cdd1dULL + l, alpha, order, qd);
		if (rr)
			for (size_t c = 0; c < F; c++)
				w[c] *= rr[c];
		float mx = 0;
		for (size_t c = 0; c < F; c++)
			if (fabsf(w[c]) > mx)
				mx = fabsf(w[c]);
		m->bias[l] = w[F];
		m->scale[l] = mx > 0 ? mx / 32767 : 1;
		float cut = (float)(o->prune * mx);
		for (size_t c = 0; c < F; c++) {
			if (!w[c] || fabsf(w[c]) < cut)
				continue;
			long q = lrintf(w[c] / m->scale[l]);
			if (!q)
				continue;
			if (ntp == tpalloc) {
				tpalloc = tpalloc ? 2 * tpalloc : 65536;
				tp = xrealloc(tp, tpalloc * sizeof(*tp));
			}
			tp[ntp].b = fid[c].b;
			tp[ntp].l = (uint32_t)l;
			tp[ntp].q = (int16_t)q;
			ntp++;
		}
	}
	free(rr);
	free(pc);
	free(sval);
	free(cidx);
	free(fid);
	free(w);
	free(alpha);
	free(qd);
	free(order);
	free(y);

	/* rows: idf first, then the weights by label (counting sort by bucket) */
	uint32_t *cnt = xcalloc(nb + 1, sizeof(*cnt));
	for (size_t i = 0; i < ntp; i++)
		cnt[tp[i].b]++;
	struct lw *e = xmalloc((rows + ntp + 1) * sizeof(*e));
	size_t k = 0;
	for (size_t b = 0; b < nb; b++) {
		uint32_t r = m->start[b];
		m->start[b] = (uint32_t)k;
		if (r != m->start[b + 1] || df[b]) {
			e[k++] = m->e[r];
		}
		size_t c = cnt[b];
		cnt[b] = (uint32_t)k; /* where this row's weights go */
		k += c;
	}
	m->start[nb] = (uint32_t)k;
	for (size_t i = 0; i < ntp; i++) {
		e[cnt[tp[i].b]].label = tp[i].l;
		e[cnt[tp[i].b]].w = tp[i].q * m->scale[tp[i].l];
		cnt[tp[i].b]++;
	}
	free(m->e);
	m->e = e;
	m->ne = k;
	free(cnt);
	free(tp);
	free(df);

	if (d->multi && d->set[LINEAR_DEV].n)
		tune(m, &d->set[LINEAR_DEV], o->tune, verbose);
	else if (d->set[LINEAR_DEV].n && verbose)
		report_dev(m, &d->set[LINEAR_DEV]);
	if (verbose)
		err_warn("trained %zu label%s on %zu documents: %zu features, %zu weights",
			 L, L == 1 ? "" : "s", n, m->nrows, ntp);
	return m;
}

/* ---- the model file -------------------------------------------------- */

static void put_u16(struct buf *b, unsigned v)
{
	unsigned char c[2] = { (unsigned char)v, (unsigned char)(v >> 8) };
	buf_add(b, c, 2);
}

static void put_u32(struct buf *b, uint32_t v)
{
	unsigned char c[4];
	for (int i = 0; i < 4; i++)
		c[i] = (unsigned char)(v >> (8 * i));
	buf_add(b, c, 4);
}

static void put_u64(struct buf *b, uint64_t v)
{
	put_u32(b, (uint32_t)v);
	put_u32(b, (uint32_t)(v >> 32));
}

static void put_f32(struct buf *b, float f)
{
	uint32_t v;
	memcpy(&v, &f, 4);
	put_u32(b, v);
}

static void put_var(struct buf *b, uint64_t v)
{
	while (v >= 0x80) {
		buf_addc(b, (int)(v & 0x7f) | 0x80);
		v >>= 7;
	}
	buf_addc(b, (int)v);
}

void linear_serialize(const struct linear_model *m, struct buf *out)
{
	size_t base = out->len, nb = (size_t)1 << m->bits;

	buf_add(out, MAGIC, 8);
	put_u32(out, VERSION);
	size_t size_at = out->len;
	put_u64(out, 0);
	put_u32(out, m->flags);
	put_u32(out, m->bits);
	put_u32(out, (uint32_t)m->nlabels);
	put_f32(out, m->slope);
	for (size_t l = 0; l < m->nlabels; l++) {
		size_t n = strlen(m->labels[l]);
		put_u16(out, (unsigned)n);
		buf_add(out, m->labels[l], n);
		put_f32(out, m->thresh[l]);
		put_f32(out, m->bias[l]);
		put_f32(out, m->scale[l]);
	}
	put_u32(out, (uint32_t)m->nrows);
	size_t prev = 0;
	for (size_t b = 0; b < nb; b++) {
		uint32_t s = m->start[b], e = m->start[b + 1];
		if (s == e)
			continue;
		put_var(out, b - prev);
		prev = b;
		put_f32(out, m->e[s].w);
		put_var(out, e - s - 1);
		uint32_t pl = 0;
		for (uint32_t i = s + 1; i < e; i++) {
			put_var(out, m->e[i].label - pl);
			pl = m->e[i].label;
			long q = lrintf(m->e[i].w / m->scale[m->e[i].label]);
			put_u16(out, (unsigned)(uint16_t)(int16_t)q);
		}
	}
	uint64_t size = out->len - base + 4;
	for (int i = 0; i < 8; i++)
		out->buf[size_at + i] = (char)(size >> (8 * i));
	uLong crc = crc32(0L, (const Bytef *)out->buf + base, (uInt)(out->len - base));
	put_u32(out, (uint32_t)crc);
}

int linear_save(const struct linear_model *m, const char *path, struct buf *err)
{
	struct buf b = BUF_INIT;
	FILE *fp = fopen(path, "wb");

	if (!fp) {
		buf_addf(err, "cannot create '%s': %s", path, strerror(errno));
		return -1;
	}
	linear_serialize(m, &b);
	int bad = fwrite(b.buf, 1, b.len, fp) != b.len;
	bad |= fclose(fp) != 0;
	buf_release(&b);
	if (bad) {
		buf_addf(err, "cannot write '%s': %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

struct rd {
	const unsigned char *p, *end;
	int bad;
};

static uint32_t get_u32(struct rd *r)
{
	if (r->end - r->p < 4) {
		r->bad = 1;
		return 0;
	}
	uint32_t v = 0;
	for (int i = 0; i < 4; i++)
		v |= (uint32_t)r->p[i] << (8 * i);
	r->p += 4;
	return v;
}

static unsigned get_u16(struct rd *r)
{
	if (r->end - r->p < 2) {
		r->bad = 1;
		return 0;
	}
	unsigned v = r->p[0] | (unsigned)r->p[1] << 8;
	r->p += 2;
	return v;
}

static float get_f32(struct rd *r)
{
	uint32_t v = get_u32(r);
	float f;
	memcpy(&f, &v, 4);
	if (!isfinite(f))
		r->bad = 1;
	return f;
}

static uint64_t get_var(struct rd *r)
{
	uint64_t v = 0;
	for (int sh = 0; sh < 64; sh += 7) {
		if (r->p >= r->end) {
			r->bad = 1;
			return 0;
		}
		unsigned c = *r->p++;
		v |= (uint64_t)(c & 0x7f) << sh;
		if (!(c & 0x80))
			return v;
	}
	r->bad = 1;
	return 0;
}

struct linear_model *linear_parse(const void *data, size_t n, struct buf *err)
{
	const unsigned char *p = data;
	struct rd r = { p, p + n, 0 };
	struct linear_model *m = NULL;

	if (n < 8 || memcmp(p, MAGIC, 8)) {
		buf_adds(err, "not a wire topic model (bad magic bytes)");
		return NULL;
	}
	r.p += 8;
	uint32_t version = get_u32(&r);
	if (r.bad || version != VERSION) {
		buf_addf(err, "unsupported model version %u (this wire reads %u)", version, VERSION);
		return NULL;
	}
	uint64_t size = get_u32(&r);
	size |= (uint64_t)get_u32(&r) << 32;
	if (r.bad || size != n) {
		if (!r.bad && size > n)
			buf_addf(err, "truncated model (%zu of %llu bytes)", n,
				 (unsigned long long)size);
		else
			buf_addf(err, "corrupt model (size field %llu, file has %zu bytes)",
				 (unsigned long long)size, n);
		return NULL;
	}
	uint32_t want = (uint32_t)p[n - 4] | (uint32_t)p[n - 3] << 8 |
			(uint32_t)p[n - 2] << 16 | (uint32_t)p[n - 1] << 24;
	if ((uint32_t)crc32(0L, p, (uInt)(n - 4)) != want) {
		buf_adds(err, "corrupt model (checksum mismatch)");
		return NULL;
	}
	r.end = p + n - 4;
	uint32_t flags = get_u32(&r), bits = get_u32(&r), nlabels = get_u32(&r);
	if (r.bad || bits < 16 || bits > 24 || flags > 7 || nlabels > 1000000 ||
	    nlabels > n) {
		buf_adds(err, "corrupt model (bad header)");
		return NULL;
	}
	m = model_new(bits, nlabels);
	m->flags = flags;
	m->slope = get_f32(&r);
	for (size_t l = 0; l < nlabels && !r.bad; l++) {
		unsigned len = get_u16(&r);
		if ((size_t)(r.end - r.p) < len) {
			r.bad = 1;
			break;
		}
		m->labels[l] = xmemdup(r.p, len);
		r.p += len;
		m->thresh[l] = get_f32(&r);
		m->bias[l] = get_f32(&r);
		m->scale[l] = get_f32(&r);
	}
	uint32_t rows = get_u32(&r);
	size_t nb = (size_t)1 << bits;
	if (r.bad || rows > nb || rows > (size_t)(r.end - r.p)) {
		buf_adds(err, "corrupt model (bad label table)");
		linear_free(m);
		return NULL;
	}
	/* every entry takes at least 3 bytes, every row 6 */
	size_t cap = rows + (size_t)(r.end - r.p) / 3 + 1;
	m->e = xmalloc(cap * sizeof(*m->e));
	size_t k = 0, b = 0;
	for (size_t i = 0; i < rows && !r.bad; i++) {
		uint64_t d = get_var(&r);
		if ((i && !d) || d >= nb - b + (i ? 0 : 0) || b + d >= nb) {
			r.bad = 1;
			break;
		}
		size_t nbk = b + (size_t)d;
		for (size_t x = i ? b + 1 : 0; x <= nbk; x++)
			m->start[x] = (uint32_t)k;
		b = nbk;
		m->e[k].label = ROW_MARK;
		m->e[k].w = get_f32(&r);
		k++;
		uint64_t cnt = get_var(&r);
		if (cnt > nlabels || cnt > cap - k) {
			r.bad = 1;
			break;
		}
		uint64_t lab = 0;
		for (uint64_t j = 0; j < cnt && !r.bad; j++) {
			uint64_t dl = get_var(&r);
			lab += dl;
			if ((j && !dl) || lab >= nlabels) {
				r.bad = 1;
				break;
			}
			int16_t q = (int16_t)get_u16(&r);
			m->e[k].label = (uint32_t)lab;
			m->e[k].w = q * m->scale[lab];
			k++;
		}
	}
	if (r.bad || r.p != r.end) {
		buf_adds(err, "corrupt model (bad weight table)");
		linear_free(m);
		return NULL;
	}
	for (size_t x = rows ? b + 1 : 0; x <= nb; x++)
		m->start[x] = (uint32_t)k;
	m->ne = k;
	m->nrows = rows;
	return m;
}

struct linear_model *linear_load(const char *path, struct buf *err)
{
	struct buf b = BUF_INIT, msg = BUF_INIT;
	struct linear_model *m = NULL;

	if (buf_read_file(&b, path, err) == 0) {
		m = linear_parse(b.buf, b.len, &msg);
		if (!m)
			buf_addf(err, "%s: %s", path, msg.buf);
	}
	buf_release(&msg);
	buf_release(&b);
	return m;
}
