#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "wire/core/csvfile.h"
#include "wire/core/err.h"
#include "wire/core/hash.h"
#include "wire/core/htab.h"
#include "wire/core/json.h"
#include "wire/topics/taxonomy.h"

struct term {
	size_t label;
	float weight;
	size_t w0, nw;      /* stemmed word hashes in t->words[w0..w0+nw) */
	size_t pb, pn;      /* prefix of the last word in t->pool, when prefix */
	int prefix;
	char *text;         /* as written in the file, with its '*' */
	size_t next;        /* next term with the same index key, or SIZE_MAX */
};

struct taxonomy {
	char **labels;
	size_t nlabels, labels_alloc;
	struct htab label_ids;  /* label name -> index in labels (same order) */
	struct term *terms;
	size_t nterms, terms_alloc;
	uint64_t *words;
	size_t nwords, words_alloc;
	struct buf pool;
	/* index: open addressing key → first term; exact first words and
	 * 3-byte starts of single-word prefixes */
	uint64_t *keys;
	size_t *heads;
	size_t index_size;
};

size_t taxonomy_nlabels(const struct taxonomy *t) { return t->nlabels; }
const char *taxonomy_label(const struct taxonomy *t, size_t i) { return t->labels[i]; }
size_t taxonomy_nterms(const struct taxonomy *t) { return t->nterms; }

void taxonomy_free(struct taxonomy *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nlabels; i++)
		free(t->labels[i]);
	free(t->labels);
	htab_release(&t->label_ids);
	for (size_t i = 0; i < t->nterms; i++)
		free(t->terms[i].text);
	free(t->terms);
	free(t->words);
	buf_release(&t->pool);
	free(t->keys);
	free(t->heads);
	free(t);
}

/* Keys of the index: the stemmed word's hash, or for a prefix the hash of
 * its first 3 bytes with a marker bit flipped so the two never meet. */
#define PREFIX_KEY(h) ((h) ^ 0x5bd1e9955bd1e995ULL)

static uint64_t stem_hash(struct buf *scratch, const char *w, size_t n)
{
	buf_reset(scratch);
	buf_add(scratch, w, n);
	size_t k = features_stem(scratch->buf, scratch->len);
	return features_hash(scratch->buf, k);
}

static size_t *index_slot(const struct taxonomy *t, uint64_t key)
{
	size_t mask = t->index_size - 1;
	for (size_t i = (size_t)key & mask;; i = (i + 1) & mask)
		if (t->heads[i] == SIZE_MAX || t->keys[i] == key)
			return t->heads + i;
}

static void build_index(struct taxonomy *t, struct buf *scratch)
{
	t->index_size = 64;
	while (t->index_size < 2 * t->nterms + 2)
		t->index_size *= 2;
	t->keys = xcalloc(t->index_size, sizeof(*t->keys));
	t->heads = xmalloc(t->index_size * sizeof(*t->heads));
	for (size_t i = 0; i < t->index_size; i++)
		t->heads[i] = SIZE_MAX;
	/* insert backwards so chains keep file order */
	for (size_t i = t->nterms; i-- > 0;) {
		struct term *tm = t->terms + i;
		uint64_t key;
		if (tm->prefix && tm->nw == 1)
			key = PREFIX_KEY(features_hash(t->pool.buf + tm->pb, 3));
		else
			key = t->words[tm->w0];
		size_t *slot = index_slot(t, key);
		t->keys[slot - t->heads] = key;
		tm->next = *slot;
		*slot = i;
	}
	(void)scratch;
}

/* ---- reading the CSV (csvfile: the data files' policy) --------------- */

struct loader {
	struct taxonomy *t;
	struct buf *msg;         /* the current row's message, when it fails */
	int col_label, col_term, col_weight;
	const char *const *f;    /* fields of the current row */
	const size_t *flen;
	size_t nf;
	int failed;
	struct ftokens tok;
	struct buf scratch;
};

static void fail(struct loader *ld, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(struct loader *ld, const char *fmt, ...)
{
	va_list ap;

	if (ld->failed)
		return;
	ld->failed = 1;
	va_start(ap, fmt);
	buf_vaddf(ld->msg, fmt, ap);
	va_end(ap);
}

/* A value for a message (in ld->scratch), cut when long. */
static const char *show(struct loader *ld, const char *s, size_t n)
{
	buf_reset(&ld->scratch);
	csvfile_show(&ld->scratch, s, n);
	return ld->scratch.buf;
}

/* The index of label s[0..n), added at the end when new. */
static size_t label_of(struct taxonomy *t, const char *s, size_t n)
{
	int added;
	size_t id = htab_intern(&t->label_ids, s, n, hash_bytes(s, n), &added);

	if (!added)
		return id;
	if (t->nlabels == t->labels_alloc) {
		t->labels_alloc = t->labels_alloc ? 2 * t->labels_alloc : 16;
		t->labels = xrealloc(t->labels, t->labels_alloc * sizeof(*t->labels));
	}
	t->labels[t->nlabels] = xmemdup(s, n);
	return t->nlabels++;
}

static void trim(const char **s, size_t *n)
{
	while (*n && (**s == ' ' || **s == '\t' || **s == '\r'))
		(*s)++, (*n)--;
	while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\r'))
		(*n)--;
}

static int name_is(const char *s, size_t n, const char *name)
{
	return n == strlen(name) && !strncasecmp(s, name, n);
}

/* The header row: the columns may come in any order, names in any case;
 * unknown columns (note, ...) are ignored. */
static void read_header(struct loader *ld)
{
	for (size_t i = 0; i < ld->nf; i++) {
		const char *s = ld->f[i];
		size_t n = ld->flen[i];
		trim(&s, &n);
		if (name_is(s, n, "label"))
			ld->col_label = (int)i;
		else if (name_is(s, n, "term"))
			ld->col_term = (int)i;
		else if (name_is(s, n, "weight"))
			ld->col_weight = (int)i;
	}
	if (ld->col_label < 0 || ld->col_term < 0)
		fail(ld, "header must name the columns 'label' and 'term'");
}

static void add_row(struct loader *ld)
{
	struct taxonomy *t = ld->t;
	const char *lab = (size_t)ld->col_label < ld->nf ? ld->f[ld->col_label] : "";
	size_t labn = (size_t)ld->col_label < ld->nf ? ld->flen[ld->col_label] : 0;
	trim(&lab, &labn);
	if (labn && lab[0] == '#')
		return;
	if (!labn) {
		fail(ld, "empty label");
		return;
	}
	if ((size_t)ld->col_term >= ld->nf) {
		fail(ld, "missing term");
		return;
	}
	const char *term = ld->f[ld->col_term];
	size_t termn = ld->flen[ld->col_term];
	trim(&term, &termn);
	float weight = 1;
	if (ld->col_weight >= 0 && (size_t)ld->col_weight < ld->nf) {
		const char *w = ld->f[ld->col_weight];
		size_t wn = ld->flen[ld->col_weight];
		trim(&w, &wn);
		if (wn) {
			char tmp[64];
			char *end = tmp;
			double d = 0;
			if (wn < sizeof(tmp)) {
				memcpy(tmp, w, wn);
				tmp[wn] = '\0';
				errno = 0;
				d = strtod(tmp, &end);
			}
			if (wn >= sizeof(tmp) || end == tmp || *end || errno || !isfinite(d) ||
			    fabs(d) > 100) {
				fail(ld, "weight '%s' is not a number between -100 and 100",
				     show(ld, w, wn));
				return;
			}
			weight = (float)d;
		}
	}
	int prefix = termn && term[termn - 1] == '*';
	features_tokenize(term, termn - (size_t)prefix, &ld->tok);
	if (!ld->tok.n) {
		fail(ld, "term '%s' has no words", show(ld, term, termn));
		return;
	}
	size_t lastn;
	const char *last = features_word(&ld->tok, ld->tok.n - 1, &lastn);
	if (prefix && lastn < 3) {
		fail(ld, "prefix '%s' is shorter than 3 letters", show(ld, term, termn));
		return;
	}
	if (t->nterms == t->terms_alloc) {
		t->terms_alloc = t->terms_alloc ? 2 * t->terms_alloc : 64;
		t->terms = xrealloc(t->terms, t->terms_alloc * sizeof(*t->terms));
	}
	struct term *tm = t->terms + t->nterms++;
	memset(tm, 0, sizeof(*tm));
	tm->label = label_of(t, lab, labn);
	tm->weight = weight;
	tm->prefix = prefix;
	tm->text = xmemdup(term, termn);
	tm->w0 = t->nwords;
	tm->nw = ld->tok.n;
	if (t->nwords + tm->nw > t->words_alloc) {
		t->words_alloc = 2 * (t->nwords + tm->nw) + 64;
		t->words = xrealloc(t->words, t->words_alloc * sizeof(*t->words));
	}
	for (size_t i = 0; i < ld->tok.n; i++) {
		size_t n;
		const char *w = features_word(&ld->tok, i, &n);
		t->words[t->nwords++] = stem_hash(&ld->scratch, w, n);
	}
	if (prefix) {
		tm->pb = t->pool.len;
		tm->pn = lastn;
		buf_add(&t->pool, last, lastn);
	}
}

static int on_row(void *ctx, const struct csvfile_row *row, int header, struct buf *msg)
{
	struct loader *ld = ctx;

	ld->msg = msg;
	ld->f = row->f;
	ld->flen = row->len;
	ld->nf = row->n;
	if (header)
		read_header(ld);
	else
		add_row(ld);
	return ld->failed ? -1 : 0;
}

struct taxonomy *taxonomy_parse(const char *p, size_t n, const char *name, struct buf *err)
{
	struct loader ld;
	struct taxonomy *t = xcalloc(1, sizeof(*t));

	htab_init(&t->label_ids);
	memset(&ld, 0, sizeof(ld));
	ld.t = t;
	ld.col_label = ld.col_term = ld.col_weight = -1;
	buf_init(&ld.scratch, 64);
	buf_init(&t->pool, 64);
	int failed = csvfile_parse(p, n, name, on_row, &ld, err) < 0;
	if (!failed && !t->nterms) {
		buf_addf(err, "%s: taxonomy has no terms", name);
		failed = 1;
	}
	ftokens_release(&ld.tok);
	if (!failed)
		build_index(t, &ld.scratch);
	buf_release(&ld.scratch);
	if (failed) {
		taxonomy_free(t);
		return NULL;
	}
	return t;
}

struct taxonomy *taxonomy_load(const char *path, struct buf *err)
{
	struct buf b = BUF_INIT;
	struct taxonomy *t = NULL;

	if (buf_read_file(&b, path, err) == 0)
		t = taxonomy_parse(b.buf, b.len, path, err);
	buf_release(&b);
	return t;
}

/* ---- matching -------------------------------------------------------- */

void taxonomy_match_release(struct taxonomy_match *mt)
{
	free(mt->evidence);
	free(mt->count);
	free(mt->hit);
	buf_release(&mt->stem);
	free(mt->wb);
	free(mt->wn);
	free(mt->wh);
	memset(mt, 0, sizeof(*mt));
	mt->stem = (struct buf)BUF_INIT;
}

static void count_hit(struct taxonomy_match *mt, size_t term)
{
	if (!mt->count[term]++) {
		if (mt->nhit == mt->hit_alloc) {
			mt->hit_alloc = mt->hit_alloc ? 2 * mt->hit_alloc : 32;
			mt->hit = xrealloc(mt->hit, mt->hit_alloc * sizeof(*mt->hit));
		}
		mt->hit[mt->nhit++] = term;
	}
}

/* Does term tm match the words from i on? */
static int match_at(const struct taxonomy *t, const struct term *tm, const struct ftokens *w,
		    const uint64_t *wh, size_t i)
{
	if (i + tm->nw > w->n)
		return 0;
	for (size_t k = 0; k < tm->nw; k++) {
		if (k == tm->nw - 1 && tm->prefix) {
			size_t n;
			const char *s = features_word(w, i + k, &n);
			if (n < tm->pn || memcmp(s, t->pool.buf + tm->pb, tm->pn))
				return 0;
		} else if (wh[i + k] != t->words[tm->w0 + k]) {
			return 0;
		}
	}
	return 1;
}

void taxonomy_scores(const struct taxonomy *t, const struct ftokens *w,
		     struct taxonomy_match *mt, float *scores)
{
	if (mt->nlabels_alloc < t->nlabels) {
		mt->nlabels_alloc = t->nlabels;
		mt->evidence = xrealloc(mt->evidence, t->nlabels * sizeof(*mt->evidence));
	}
	if (mt->nterms_alloc < t->nterms) {
		free(mt->count);
		mt->nterms_alloc = t->nterms;
		mt->count = xcalloc(t->nterms, sizeof(*mt->count));
		mt->nhit = 0;
	}
	for (size_t i = 0; i < mt->nhit; i++)
		mt->count[mt->hit[i]] = 0;
	mt->nhit = 0;
	if (mt->walloc < w->n) {
		mt->walloc = w->n + 64;
		mt->wh = xrealloc(mt->wh, mt->walloc * sizeof(*mt->wh));
	}
	uint64_t *wh = (uint64_t *)mt->wh;
	for (size_t i = 0; i < w->n; i++) {
		size_t n;
		const char *s = features_word(w, i, &n);
		wh[i] = stem_hash(&mt->stem, s, n);
	}
	for (size_t i = 0; i < w->n; i++) {
		size_t x = *index_slot(t, wh[i]);
		for (; x != SIZE_MAX; x = t->terms[x].next)
			if (!(t->terms[x].prefix && t->terms[x].nw == 1) &&
			    match_at(t, t->terms + x, w, wh, i))
				count_hit(mt, x);
		size_t n;
		const char *s = features_word(w, i, &n);
		if (n >= 3) {
			x = *index_slot(t, PREFIX_KEY(features_hash(s, 3)));
			for (; x != SIZE_MAX; x = t->terms[x].next)
				if (t->terms[x].prefix && t->terms[x].nw == 1 &&
				    match_at(t, t->terms + x, w, wh, i))
					count_hit(mt, x);
		}
	}
	for (size_t l = 0; l < t->nlabels; l++)
		mt->evidence[l] = 0;
	for (size_t i = 0; i < mt->nhit; i++) {
		const struct term *tm = t->terms + mt->hit[i];
		mt->evidence[tm->label] += tm->weight * (1 + logf((float)mt->count[mt->hit[i]]));
	}
	float len = (float)w->n / 50;
	float norm = len > 1 ? sqrtf(len) : 1;
	for (size_t l = 0; l < t->nlabels; l++) {
		float e = mt->evidence[l] / norm;
		/* no evidence for a label (or only cues against it) is 0,
		 * not the 0.12 the curve gives at 0 */
		scores[l] = e > 0 ? 1 / (1 + expf(-(e - 2))) : 0;
	}
}

void taxonomy_explain(const struct taxonomy *t, const struct taxonomy_match *mt, size_t label,
		      size_t k, struct buf *out)
{
	size_t n = 0;
	size_t *top = xmalloc((k + 1) * sizeof(*top));
	float *val = xmalloc((k + 1) * sizeof(*val));

	for (size_t i = 0; i < mt->nhit; i++) {
		const struct term *tm = t->terms + mt->hit[i];
		if (tm->label != label || tm->weight <= 0 || !k)
			continue;
		float c = tm->weight * (1 + logf((float)mt->count[mt->hit[i]]));
		size_t j;
		if (n < k)
			j = n++;
		else if (c > val[k - 1])
			j = k - 1;
		else
			continue;
		while (j && val[j - 1] < c) {
			val[j] = val[j - 1];
			top[j] = top[j - 1];
			j--;
		}
		val[j] = c;
		top[j] = mt->hit[i];
	}
	buf_addc(out, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_addc(out, ',');
		const char *s = t->terms[top[i]].text;
		json_escape(out, s, strlen(s));
	}
	buf_addc(out, ']');
	free(top);
	free(val);
}
