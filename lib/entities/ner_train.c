/*
 * ner_train — CoNLL reading, averaged-perceptron training, model writing
 * and conlleval-style scoring of the NER tagger (see ner.h).
 *
 * Training runs the same feature code (ner_features) and decoder
 * (ner_viterbi) as tagging. Weights live in an exact hash map from feature
 * hash to a row of NER_NL integer weights plus the running sums of the
 * averaging trick (Daume's: avg = w - acc / c). The written model keeps the
 * averaged weights quantised to int16 in an open-addressing table keyed by
 * 32 bits of the feature hash: no word of the corpus is stored.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "wire/core/err.h"
#include "wire/core/input.h"
#include "wire/entities/ner.h"
#include "wire/core/token.h"
#include "wire/core/utf8.h"
#include "ner_impl.h"

/* ---- CoNLL corpus ---- */

struct tdoc {
	struct ner_sentence *s;
	size_t nsent;
	uint8_t *gold;          /* BILOU labels, one per token of the document */
	uint8_t *p1;            /* jackknifed first-pass labels */
	size_t ntok;
};

struct corpus {
	struct tdoc *d;
	size_t n, alloc;
	unsigned long tokens, sentences;
};

static int type_of(const char *t, size_t n)
{
	static const char *const names[NER_NTYPES] = { "PER", "ORG", "LOC", "MISC" };
	for (int k = 0; k < NER_NTYPES; k++)
		if (strlen(names[k]) == n && !memcmp(names[k], t, n))
			return k;
	return -1;
}

struct sent_acc {
	struct buf text;
	struct tokens tok;
	uint8_t *tags;          /* IOB1 as (type + 1) | begin << 4; 0: O */
	size_t ntags, atags;
};

struct doc_acc {
	struct ner_sentence *s;
	size_t n, alloc;
	uint8_t *gold;
	size_t ntok, agold;
};

/* IOB1 tags of a sentence → BILOU labels appended to the document. */
static void push_sentence(struct corpus *c, struct doc_acc *d, struct sent_acc *sa)
{
	size_t n = sa->tok.n;

	if (!n)
		return;
	if (d->n == d->alloc) {
		d->alloc = d->alloc ? 2 * d->alloc : 16;
		d->s = xrealloc(d->s, d->alloc * sizeof(*d->s));
	}
	struct ner_sentence *s = &d->s[d->n++];
	memset(s, 0, sizeof(*s));
	s->len = sa->text.len;
	s->text = xmemdup(sa->text.buf, sa->text.len);
	struct token *tk = xmalloc(n * sizeof(*tk));
	memcpy(tk, sa->tok.v, n * sizeof(*tk));
	s->tok = tk;
	s->ntok = n;
	if (d->ntok + n > d->agold) {
		d->agold = 2 * (d->ntok + n) + 64;
		d->gold = xrealloc(d->gold, d->agold);
	}
	uint8_t *g = d->gold + d->ntok;
	for (size_t i = 0; i < n; i++) {
		int t = (sa->tags[i] & 15) - 1;
		if (t < 0) {
			g[i] = 0;
			continue;
		}
		int prev = i ? (sa->tags[i - 1] & 15) - 1 : -1;
		int next = i + 1 < n ? (sa->tags[i + 1] & 15) - 1 : -1;
		int start = prev != t || (sa->tags[i] & 16);
		int end = next != t || (sa->tags[i + 1] & 16);
		g[i] = (uint8_t)ner_label(t, start && end ? NER_U : start ? NER_B :
					  end ? NER_L : NER_I);
	}
	d->ntok += n;
	c->tokens += n;
	c->sentences++;
	buf_reset(&sa->text);
	sa->tok.n = 0;
	sa->ntags = 0;
}

static void push_doc(struct corpus *c, struct doc_acc *d)
{
	if (!d->n)
		return;
	if (c->n == c->alloc) {
		c->alloc = c->alloc ? 2 * c->alloc : 64;
		c->d = xrealloc(c->d, c->alloc * sizeof(*c->d));
	}
	struct tdoc *t = &c->d[c->n++];
	t->s = d->s;
	t->nsent = d->n;
	t->gold = d->gold;
	t->ntok = d->ntok;
	t->p1 = xcalloc(d->ntok ? d->ntok : 1, 1);
	memset(d, 0, sizeof(*d));
}

static void corpus_free(struct corpus *c)
{
	for (size_t i = 0; i < c->n; i++) {
		struct tdoc *d = &c->d[i];
		for (size_t j = 0; j < d->nsent; j++) {
			free((char *)d->s[j].text);
			free((struct token *)d->s[j].tok);
		}
		free(d->s);
		free(d->gold);
		free(d->p1);
	}
	free(c->d);
	memset(c, 0, sizeof(*c));
}

/* Appends the token w[0..wl) with its tag to the sentence being read. */
static void sent_push(struct sent_acc *sa, const char *w, size_t wl, uint8_t tag)
{
	if (sa->text.len)
		buf_addc(&sa->text, ' ');
	size_t b = sa->text.len;
	size_t cb = utf8_count(sa->text.buf, b);
	buf_add(&sa->text, w, wl);
	if (sa->tok.n == sa->tok.alloc) {
		sa->tok.alloc = sa->tok.alloc ? 2 * sa->tok.alloc : 64;
		sa->tok.v = xrealloc(sa->tok.v, sa->tok.alloc * sizeof(*sa->tok.v));
	}
	struct token *k = &sa->tok.v[sa->tok.n++];
	k->b = b;
	k->e = b + wl;
	k->cb = cb;
	k->ce = cb + utf8_count(w, wl);
	if (sa->ntags == sa->atags) {
		sa->atags = sa->atags ? 2 * sa->atags : 64;
		sa->tags = xrealloc(sa->tags, sa->atags);
	}
	sa->tags[sa->ntags++] = tag;
}

/* Reads a CoNLL-2003 file; -1 with "file:line: reason" in err. */
static int corpus_read(struct corpus *c, const char *path, struct buf *err)
{
	struct input in;
	struct buf line = BUF_INIT;
	struct sent_acc sa = { BUF_INIT, TOKENS_INIT, NULL, 0, 0 };
	struct doc_acc d;
	int rc = 0;

	memset(c, 0, sizeof(*c));
	memset(&d, 0, sizeof(d));
	if (input_open(&in, path) < 0) {
		buf_addf(err, "cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	while (input_getline(&in, &line)) {
		unsigned long lineno = in.line;
		while (line.len && line.buf[line.len - 1] == '\r')
			buf_setlen(&line, line.len - 1);
		/* fields: first and last, separated by spaces or tabs */
		const char *p = line.buf, *end = line.buf + line.len;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p == end) {
			push_sentence(c, &d, &sa);
			continue;
		}
		const char *w = p;
		while (p < end && *p != ' ' && *p != '\t')
			p++;
		size_t wl = (size_t)(p - w);
		const char *t = end;
		while (t > p && (t[-1] == ' ' || t[-1] == '\t'))
			t--;
		const char *te = t;
		while (t > p && t[-1] != ' ' && t[-1] != '\t')
			t--;
		if (t == te || t == p) {
			buf_addf(err, "%s:%lu: expected 'token ... tag'", path, lineno);
			rc = -1;
			break;
		}
		if (wl == 10 && !memcmp(w, "-DOCSTART-", 10)) {
			push_sentence(c, &d, &sa);
			push_doc(c, &d);
			continue;
		}
		size_t tl = (size_t)(te - t);
		uint8_t tag = 0;
		if (!(tl == 1 && *t == 'O')) {
			int ty = tl > 2 && t[1] == '-' ? type_of(t + 2, tl - 2) : -1;
			if (ty < 0 || (t[0] != 'B' && t[0] != 'I')) {
				buf_addf(err, "%s:%lu: bad NER tag '%.*s'", path,
					 lineno, (int)tl, t);
				rc = -1;
				break;
			}
			tag = (uint8_t)((ty + 1) | (t[0] == 'B' ? 16 : 0));
		}
		if (utf8_check(w, wl) != wl) {
			buf_addf(err, "%s:%lu: invalid UTF-8", path, lineno);
			rc = -1;
			break;
		}
		sent_push(&sa, w, wl, tag);
	}
	if (!rc && input_error(&in)) {
		buf_addf(err, "cannot read '%s': %s", path, input_error(&in));
		rc = -1;
	}
	input_close(&in);
	if (!rc) {
		push_sentence(c, &d, &sa);
		push_doc(c, &d);
	} else {
		for (size_t j = 0; j < d.n; j++) {
			free((char *)d.s[j].text);
			free((struct token *)d.s[j].tok);
		}
		free(d.s);
		free(d.gold);
		corpus_free(c);
	}
	buf_release(&line);
	buf_release(&sa.text);
	tokens_release(&sa.tok);
	free(sa.tags);
	if (!rc && !c->tokens) {
		buf_addf(err, "'%s': no tokens", path);
		corpus_free(c);
		rc = -1;
	}
	return rc;
}

/* ---- clusters ---- */

/* Appends (key, path) to c. */
static void clusters_push(struct clusters *c, uint64_t key, uint32_t path)
{
	if (c->n == c->alloc) {
		c->alloc = c->alloc ? 2 * c->alloc : 4096;
		c->key = xrealloc(c->key, c->alloc * sizeof(*c->key));
		c->path = xrealloc(c->path, c->alloc * sizeof(*c->path));
	}
	c->key[c->n] = key;
	c->path[c->n++] = path;
}

/* What a line reader fills: the table, and scratch. */
struct lines_ctx {
	struct clusters *c;
	struct buf low;
	struct tokens tk;
};

typedef int (*line_fn)(struct lines_ctx *x, char *s, size_t n, const char *path,
		       unsigned long lineno, struct buf *err);

/* Calls fn on every line of `path` (plain or gzip, without its '\n') into
 * c, which starts empty; stops at the first line fn refuses. Returns 0, or
 * -1 with the reason in err and c empty. */
static int read_lines(struct clusters *c, const char *path, line_fn fn, struct buf *err)
{
	struct input in;
	struct buf line = BUF_INIT;
	struct lines_ctx x = { c, BUF_INIT, TOKENS_INIT };
	int rc = 0;

	memset(c, 0, sizeof(*c));
	if (input_open(&in, path) < 0) {
		buf_addf(err, "cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	while (!rc && input_getline(&in, &line))
		rc = fn(&x, line.buf, line.len, path, in.line, err);
	if (!rc && input_error(&in)) {
		buf_addf(err, "cannot read '%s': %s", path, input_error(&in));
		rc = -1;
	}
	input_close(&in);
	buf_release(&line);
	buf_release(&x.low);
	tokens_release(&x.tk);
	if (rc) {
		free(c->key);
		free(c->path);
		memset(c, 0, sizeof(*c));
	}
	return rc;
}

/* One "bits TAB word [TAB count]" line (Brown-cluster output). */
static int cluster_line(struct lines_ctx *x, char *chunk, size_t len, const char *path,
			unsigned long lineno, struct buf *err)
{
	char *tab = memchr(chunk, '\t', len);
	if (!tab || tab == chunk || tab - chunk > 30) {
		buf_addf(err, "%s:%lu: expected 'bits TAB word'", path, lineno);
		return -1;
	}
	uint32_t v = 1;
	for (char *q = chunk; q < tab; q++) {
		if (*q != '0' && *q != '1') {
			buf_addf(err, "%s:%lu: cluster is not a bit string", path, lineno);
			return -1;
		}
		v = v << 1 | (uint32_t)(*q - '0');
	}
	char *word = tab + 1;
	char *we = word;
	while (*we && *we != '\t' && *we != '\n' && *we != '\r')
		we++;
	if (we == word)
		return 0;
	buf_reset(&x->low);
	ner_lower(&x->low, word, (size_t)(we - word));
	clusters_push(x->c, ner_hash(x->low.buf, x->low.len), v);
	return 0;
}

/* Reads "bits TAB word [TAB count]" lines (Brown-cluster output). */
static int clusters_read(struct clusters *cl, const char *path, struct buf *err)
{
	return read_lines(cl, path, cluster_line, err);
}

/* One word form of a Brown cluster set while the table is merged: under
 * a folded key (ner_fold_key) the most frequent casing wins. */
struct wentry {
	uint64_t key;
	uint64_t rank;          /* UINT64_MAX: exact form; else its frequency */
	uint32_t path;
	uint16_t set;           /* 0: own clusters; 1 + x: external set x */
	uint16_t lower;         /* the word is its own lower-case form */
};

struct wentries {
	struct wentry *v;
	size_t n, alloc;
};

static void went_push(struct wentries *e, uint64_t key, uint64_t rank,
		      uint32_t path, uint32_t set, int lower)
{
	if (e->n == e->alloc) {
		e->alloc = e->alloc ? 2 * e->alloc : 1 << 16;
		e->v = xrealloc(e->v, e->alloc * sizeof(*e->v));
	}
	e->v[e->n++] = (struct wentry){ key, rank, path, (uint16_t)set, (uint16_t)lower };
}

/* Reads a Brown cluster file ("bits TAB word TAB freq") of set `set`:
 * each word under its exact form and, ranked by frequency, under the
 * folded key of its lower-case form. Returns 0, or -1 with "file:line:
 * reason" in err. */
static int brown_read(struct wentries *e, const char *path, uint32_t set,
		      struct buf *err)
{
	struct input in;
	struct buf line = BUF_INIT, low = BUF_INIT;
	int rc = 0;

	if (input_open(&in, path) < 0) {
		buf_addf(err, "cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	while (input_getline(&in, &line)) {
		char *p = line.buf, *end = line.buf + line.len;
		while (end > p && (end[-1] == '\r' || end[-1] == '\n'))
			end--;
		if (p == end)
			continue;
		char *tab = memchr(p, '\t', (size_t)(end - p));
		if (!tab || tab == p || tab - p > 30) {
			buf_addf(err, "%s:%lu: expected 'bits TAB word TAB count'", path, in.line);
			rc = -1;
			break;
		}
		uint32_t v = 1;
		for (char *q = p; q < tab && !rc; q++) {
			if (*q != '0' && *q != '1') {
				buf_addf(err, "%s:%lu: cluster is not a bit string", path, in.line);
				rc = -1;
			}
			v = v << 1 | (uint32_t)(*q - '0');
		}
		if (rc)
			break;
		char *word = tab + 1, *we = word;
		while (we < end && *we != '\t')
			we++;
		if (we == word)
			continue;
		uint64_t freq = 0;
		for (char *q = we + 1; q < end && *q >= '0' && *q <= '9'; q++)
			freq = freq * 10 + (uint64_t)(*q - '0');
		if (freq >= UINT64_MAX / 16)
			freq = UINT64_MAX / 16;
		size_t wl = (size_t)(we - word);
		went_push(e, ner_hash(word, wl), UINT64_MAX, v, set, 0);
		buf_reset(&low);
		ner_lower(&low, word, wl);
		went_push(e, ner_fold_key(ner_hash(low.buf, low.len)), freq, v, set,
			  low.len == wl && !memcmp(low.buf, word, wl));
	}
	if (!rc && input_error(&in)) {
		buf_addf(err, "cannot read '%s': %s", path, input_error(&in));
		rc = -1;
	}
	input_close(&in);
	buf_release(&line);
	buf_release(&low);
	return rc;
}

static int cmp_went(const void *a, const void *b)
{
	const struct wentry *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->set != y->set)
		return x->set < y->set ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank > y->rank ? -1 : 1;
	return x->path < y->path ? -1 : x->path > y->path;
}

/* The merged cluster table of the own clusters `own` (lower-case keys)
 * and the entries `e` (sorted here): one row per key. */
static void wclusters_build(struct wclusters *out, const struct clusters *own,
			    struct wentries *e)
{
	for (size_t i = 0; i < own->n; i++)
		went_push(e, own->key[i], UINT64_MAX, own->path[i], 0, 0);
	if (e->n)
		qsort(e->v, e->n, sizeof(*e->v), cmp_went);
	memset(out, 0, sizeof(*out));
	out->key = xmalloc((e->n ? e->n : 1) * sizeof(*out->key));
	out->path = xcalloc(e->n ? e->n : 1, sizeof(*out->path));
	for (size_t i = 0; i < e->n; i++) {
		const struct wentry *w = &e->v[i];
		if (!out->n || out->key[out->n - 1] != w->key) {
			/* a new key; the last one goes if it holds nothing */
			if (out->n && !memcmp(out->path[out->n - 1], (uint32_t[1 + NER_XCLUS]){ 0 },
					      sizeof(out->path[0])))
				out->n--;
			out->key[out->n++] = w->key;
		}
		uint32_t *row = out->path[out->n - 1];
		/* the first of its key and set is the best; a folded key whose
		 * best casing is the lower-case form itself is left out: the
		 * tagger finds that form's own entry (ner_cluster) */
		if (i && e->v[i - 1].key == w->key && e->v[i - 1].set == w->set)
			continue;
		if (w->rank != UINT64_MAX && w->lower)
			continue;
		row[w->set] = w->path;
	}
	if (out->n && !memcmp(out->path[out->n - 1], (uint32_t[1 + NER_XCLUS]){ 0 },
			      sizeof(out->path[0])))
		out->n--;
}

/* One "class TAB phrase" line: the hashes of the phrase and of its proper
 * prefixes (NER_G_PREFIX). */
static int gaz_line(struct lines_ctx *x, char *chunk, size_t len, const char *path,
		    unsigned long lineno, struct buf *err)
{
	static const char *const names[NER_G_NCLASSES] = {
		"country", "region", "city", "language", "firstname",
		"title", "demonym", "org", "lastname", "wikiloc", "wikiorg",
		"team", "media", "agency", "university", "event",
	};
	while (len && chunk[len - 1] == '\r')
		chunk[--len] = '\0';
	if (!len || chunk[0] == '#')
		return 0;
	char *tab = memchr(chunk, '\t', len);
	int c = -1;
	for (int k = 0; tab && k < NER_G_NCLASSES; k++)
		if ((size_t)(tab - chunk) == strlen(names[k]) &&
		    !memcmp(chunk, names[k], (size_t)(tab - chunk)))
			c = k;
	if (c < 0) {
		buf_addf(err, "%s:%lu: expected 'class TAB phrase' with a known class",
			 path, lineno);
		return -1;
	}
	const char *ph = tab + 1;
	size_t pl = len - (size_t)(ph - chunk);
	if (utf8_check(ph, pl) != pl) {
		buf_addf(err, "%s:%lu: invalid UTF-8", path, lineno);
		return -1;
	}
	struct tokens *tk = &x->tk;
	token_split(ph, pl, tk);
	if (!tk->n || tk->n > NER_G_MAXLEN)
		return 0;
	uint64_t h = NER_GSEED;
	for (size_t i = 0; i < tk->n; i++) {
		buf_reset(&x->low);
		ner_lower(&x->low, ph + tk->v[i].b, tk->v[i].e - tk->v[i].b);
		h = ner_gstep(h, ner_hash(x->low.buf, x->low.len));
		clusters_push(x->c, h, i + 1 == tk->n ? 1u << c : NER_G_PREFIX);
	}
	return 0;
}

static int cmp_key(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;
	return *x < *y ? -1 : *x > *y;
}

/* Reads "class TAB phrase" lines into phrase hashes and class masks;
 * every proper prefix of a phrase gets NER_G_PREFIX. Each key once, its
 * masks OR-ed. */
static int gaz_read(struct clusters *g, const char *path, struct buf *err)
{
	if (read_lines(g, path, gaz_line, err) < 0)
		return -1;
	/* sort (key, mask) pairs by key and merge equal keys */
	uint64_t *kv = xmalloc((g->n ? g->n : 1) * 2 * sizeof(*kv));
	for (size_t i = 0; i < g->n; i++) {
		kv[2 * i] = g->key[i];
		kv[2 * i + 1] = g->path[i];
	}
	qsort(kv, g->n, 2 * sizeof(*kv), cmp_key);
	size_t k = 0;
	for (size_t i = 0; i < g->n; i++) {
		if (k && g->key[k - 1] == kv[2 * i]) {
			g->path[k - 1] |= (uint32_t)kv[2 * i + 1];
			continue;
		}
		g->key[k] = kv[2 * i];
		g->path[k++] = (uint32_t)kv[2 * i + 1];
	}
	g->n = k;
	free(kv);
	return 0;
}

/* Writes the (key, value) pairs of `c` into an open-addressing table of
 * n slots; values of equal keys are OR-ed. */
static void cs_fill(struct ner_cslot *cs, uint32_t n, const struct clusters *c)
{
	for (size_t j = 0; j < c->n; j++) {
		uint32_t i = ner_slot_of(c->key[j], n), key = ner_key_of(c->key[j]);
		while (cs[i].key && cs[i].key != key)
			if (++i == n)
				i = 0;
		cs[i].key = key;
		cs[i].path |= c->path[j];
	}
}

/* Writes the words of `c` into an open-addressing table of n slots; of
 * two words whose 32-bit keys collide, the first keeps the slot. */
static void ws_fill(struct ner_wslot *ws, uint32_t n, const struct wclusters *c)
{
	for (size_t j = 0; j < c->n; j++) {
		uint32_t i = ner_slot_of(c->key[j], n), key = ner_key_of(c->key[j]);
		while (ws[i].key && ws[i].key != key)
			if (++i == n)
				i = 0;
		if (ws[i].key)
			continue;
		ws[i].key = key;
		ws[i].own = c->path[j][0];
		for (int x = 0; x < NER_XCLUS; x++)
			ws[i].x[x] = c->path[j][1 + x];
	}
}

/* ---- perceptron weights ---- */

struct tmodel {
	uint64_t *keys;         /* 0: empty */
	uint32_t *row;
	size_t cap, n;          /* cap: power of two */
	int32_t *w;             /* n rows of NER_NL */
	double *acc;
	size_t arows;
	int32_t trans[(NER_NL + 1) * NER_NL], end[NER_NL];
	double tacc[(NER_NL + 1) * NER_NL], eacc[NER_NL];
	double c;               /* instances seen + 1 */
};

static void tm_init(struct tmodel *t)
{
	memset(t, 0, sizeof(*t));
	t->cap = 1 << 16;
	t->keys = xcalloc(t->cap, sizeof(*t->keys));
	t->row = xmalloc(t->cap * sizeof(*t->row));
	t->c = 1;
}

static void tm_release(struct tmodel *t)
{
	free(t->keys);
	free(t->row);
	free(t->w);
	free(t->acc);
	memset(t, 0, sizeof(*t));
}

static inline uint64_t fkey(uint64_t h)
{
	return h ? h : 1;
}

static const int32_t *tm_find(const struct tmodel *t, uint64_t h)
{
	uint64_t k = fkey(h);
	size_t i = (size_t)(k >> 20) & (t->cap - 1);
	while (t->keys[i]) {
		if (t->keys[i] == k)
			return t->w + (size_t)t->row[i] * NER_NL;
		i = (i + 1) & (t->cap - 1);
	}
	return NULL;
}

static size_t tm_insert(struct tmodel *t, uint64_t h)
{
	uint64_t k = fkey(h);
	if (2 * (t->n + 1) > t->cap) {
		size_t nc = t->cap * 2;
		uint64_t *nk = xcalloc(nc, sizeof(*nk));
		uint32_t *nr = xmalloc(nc * sizeof(*nr));
		for (size_t i = 0; i < t->cap; i++) {
			if (!t->keys[i])
				continue;
			size_t j = (size_t)(t->keys[i] >> 20) & (nc - 1);
			while (nk[j])
				j = (j + 1) & (nc - 1);
			nk[j] = t->keys[i];
			nr[j] = t->row[i];
		}
		free(t->keys);
		free(t->row);
		t->keys = nk;
		t->row = nr;
		t->cap = nc;
	}
	size_t i = (size_t)(k >> 20) & (t->cap - 1);
	while (t->keys[i]) {
		if (t->keys[i] == k)
			return t->row[i];
		i = (i + 1) & (t->cap - 1);
	}
	if (t->n == t->arows) {
		t->arows = t->arows ? 2 * t->arows : 1 << 15;
		t->w = xrealloc(t->w, t->arows * NER_NL * sizeof(*t->w));
		t->acc = xrealloc(t->acc, t->arows * NER_NL * sizeof(*t->acc));
	}
	memset(t->w + t->n * NER_NL, 0, NER_NL * sizeof(*t->w));
	memset(t->acc + t->n * NER_NL, 0, NER_NL * sizeof(*t->acc));
	t->keys[i] = k;
	t->row[i] = (uint32_t)t->n;
	return t->n++;
}

static inline double avg(int32_t w, double acc, double c)
{
	return (double)w - acc / c;
}

/* Adds the averaged weights of `src`, divided by k, to `dst`, which then
 * holds plain weights: w = 0, acc = -weight, c = 1, so that avg() gives the
 * weight back. */
static void tm_absorb(struct tmodel *dst, const struct tmodel *src, int k)
{
	for (size_t i = 0; i < src->cap; i++) {
		if (!src->keys[i])
			continue;
		size_t r = src->row[i];
		size_t d = tm_insert(dst, src->keys[i]);
		for (int l = 0; l < NER_NL; l++)
			dst->acc[d * NER_NL + l] -=
				avg(src->w[r * NER_NL + l], src->acc[r * NER_NL + l], src->c) / k;
	}
	for (size_t i = 0; i < (NER_NL + 1) * NER_NL; i++)
		dst->tacc[i] -= avg(src->trans[i], src->tacc[i], src->c) / k;
	for (size_t i = 0; i < NER_NL; i++)
		dst->eacc[i] -= avg(src->end[i], src->eacc[i], src->c) / k;
	dst->c = 1;
}

/* ---- training ---- */

struct trainer {
	const struct ner_model *cm;   /* clusters only */
	struct ner_work *w;
	uint64_t *f;                  /* features of a sentence: NER_MAXF per token */
	int *nf;
	uint8_t *pred;
	int32_t *e;
	size_t af;
};

static void tr_reserve(struct trainer *tr, size_t n)
{
	if (n <= tr->af)
		return;
	tr->af = n + n / 2 + 64;
	tr->f = xrealloc(tr->f, tr->af * NER_MAXF * sizeof(*tr->f));
	tr->nf = xrealloc(tr->nf, tr->af * sizeof(*tr->nf));
	tr->pred = xrealloc(tr->pred, tr->af);
	tr->e = xrealloc(tr->e, (tr->af * NER_NL + 2 * NER_NL +
				 (tr->af * NER_NL + 3) / 4 + 1) * sizeof(*tr->e));
}

static uint64_t rng_next(uint64_t *s)
{
	*s += 0x9E3779B97F4A7C15ULL;
	return ner_mix(*s);
}

/* Prepares document d in tr->w for `pass` (first-pass labels from d->p1). */
static void tr_prepare(struct trainer *tr, const struct tdoc *d, int pass)
{
	ner_doc_prepare(tr->cm, tr->w, d->s, d->nsent);
	if (pass) {
		for (size_t i = 0; i < d->ntok; i++)
			tr->w->tok[i].p1 = d->p1[i];
		ner_doc_stats(tr->w);
	}
}

static void update_row(struct tmodel *t, uint64_t h, int lab, int delta)
{
	size_t r = tm_insert(t, h);
	t->w[r * NER_NL + lab] += delta;
	t->acc[r * NER_NL + lab] += t->c * delta;
}

/* One perceptron epoch over docs idx[0..n) for `pass`. */
static void train_epoch(struct tmodel *t, struct trainer *tr,
			const struct corpus *c, const size_t *idx, size_t n,
			int pass, unsigned long *errs)
{
	for (size_t di = 0; di < n; di++) {
		const struct tdoc *d = &c->d[idx[di]];
		tr_prepare(tr, d, pass);
		for (size_t si = 0; si < d->nsent; si++) {
			size_t sb = tr->w->sent[si], se = tr->w->sent[si + 1];
			size_t len = se - sb;
			tr_reserve(tr, len);
			memset(tr->e, 0, len * NER_NL * sizeof(*tr->e));
			for (size_t i = sb; i < se; i++) {
				uint64_t *f = tr->f + (i - sb) * NER_MAXF;
				int nf = ner_features(tr->w, sb, se, i, pass, f);
				tr->nf[i - sb] = nf;
				int32_t *e = tr->e + (i - sb) * NER_NL;
				for (int k = 0; k < nf; k++) {
					const int32_t *r = tm_find(t, f[k]);
					if (r)
						for (int l = 0; l < NER_NL; l++)
							e[l] += r[l];
				}
			}
			ner_viterbi(tr->e, len, t->trans, t->end, tr->pred,
				    tr->e + len * NER_NL);
			const uint8_t *g = d->gold + sb;
			const uint8_t *p = tr->pred;
			int wrong = 0;
			for (size_t i = 0; i < len; i++) {
				int pg = i ? g[i - 1] : NER_NL;
				int pp = i ? p[i - 1] : NER_NL;
				if (g[i] != p[i]) {
					wrong = 1;
					const uint64_t *f = tr->f + i * NER_MAXF;
					for (int k = 0; k < tr->nf[i]; k++) {
						update_row(t, f[k], g[i], 1);
						update_row(t, f[k], p[i], -1);
					}
				}
				if (g[i] != p[i] || pg != pp) {
					t->trans[pg * NER_NL + g[i]]++;
					t->tacc[pg * NER_NL + g[i]] += t->c;
					t->trans[pp * NER_NL + p[i]]--;
					t->tacc[pp * NER_NL + p[i]] -= t->c;
				}
			}
			if (g[len - 1] != p[len - 1]) {
				t->end[g[len - 1]]++;
				t->eacc[g[len - 1]] += t->c;
				t->end[p[len - 1]]--;
				t->eacc[p[len - 1]] -= t->c;
			}
			*errs += wrong;
			t->c++;
		}
	}
}

static void train_pass(struct tmodel *t, struct trainer *tr,
		       const struct corpus *c, const size_t *docs, size_t n,
		       int pass, int epochs, uint64_t seed, int verbose,
		       const char *what)
{
	size_t *idx = xmalloc((n ? n : 1) * sizeof(*idx));
	uint64_t rs = seed;

	memcpy(idx, docs, n * sizeof(*idx));
	for (int ep = 0; ep < epochs; ep++) {
		for (size_t i = n; i > 1; i--) {
			size_t j = (size_t)(rng_next(&rs) % i);
			size_t x = idx[i - 1];
			idx[i - 1] = idx[j];
			idx[j] = x;
		}
		unsigned long errs = 0;
		train_epoch(t, tr, c, idx, n, pass, &errs);
		if (verbose)
			fprintf(stderr, "ner: %s pass %d epoch %d: %lu sentences wrong, %zu features\n",
				what, pass + 1, ep + 1, errs, t->n);
	}
	free(idx);
}

/* ---- model image ---- */

struct rowref {
	const struct tmodel *t;
	size_t r;
	float mag;
	uint64_t key;
};

static int cmp_mag(const void *a, const void *b)
{
	const struct rowref *x = a, *y = b;
	if (x->mag != y->mag)
		return x->mag < y->mag ? 1 : -1;
	return x->key < y->key ? -1 : x->key > y->key;
}

/* The largest absolute averaged weight of the np models (at least 1e-9);
 * *nrows: their weight rows. */
static double max_weight(const struct tmodel *const *tm, int np, size_t *nrows)
{
	double maxw = 1e-9;

	*nrows = 0;
	for (int p = 0; p < np; p++) {
		const struct tmodel *t = tm[p];
		for (size_t i = 0; i < t->n * NER_NL; i++) {
			double v = fabs(avg(t->w[i], t->acc[i], t->c));
			if (v > maxw)
				maxw = v;
		}
		for (size_t i = 0; i < (NER_NL + 1) * NER_NL; i++) {
			double v = fabs(avg(t->trans[i], t->tacc[i], t->c));
			if (v > maxw)
				maxw = v;
		}
		*nrows += t->n;
	}
	return maxw;
}

/* The weight rows of the np models that do not round to zero at `scale`,
 * into rr, largest first; returns how many. */
static size_t rank_rows(const struct tmodel *const *tm, int np, double scale,
			struct rowref *rr)
{
	size_t k = 0;

	for (int p = 0; p < np; p++) {
		const struct tmodel *t = tm[p];
		for (size_t i = 0; i < t->cap; i++) {
			if (!t->keys[i])
				continue;
			size_t r = t->row[i];
			double mag = 0;
			for (int l = 0; l < NER_NL; l++) {
				double v = fabs(avg(t->w[r * NER_NL + l],
						    t->acc[r * NER_NL + l], t->c));
				if (v > mag)
					mag = v;
			}
			if (lround(mag / scale) == 0)
				continue;
			rr[k].t = t;
			rr[k].r = r;
			rr[k].mag = (float)mag;
			rr[k].key = t->keys[i];
			k++;
		}
	}
	qsort(rr, k, sizeof(*rr), cmp_mag);
	return k;
}

/* Builds the model image from the pass models (t[1] may be NULL) and the
 * clusters; keeps at most the rows that fit in max_bytes, largest first. */
static void *build_image(const struct tmodel *t0, const struct tmodel *t1,
			 const struct wclusters *cl, const struct clusters *gz,
			 const char *note,
			 size_t max_bytes, size_t *size_out, int verbose)
{
	const struct tmodel *tm[2] = { t0, t1 };
	int np = t1 ? 2 : 1;
	size_t nrows;
	double scale = max_weight(tm, np, &nrows) / 32767.0;
	struct rowref *rr = xmalloc((nrows ? nrows : 1) * sizeof(*rr));
	size_t k = rank_rows(tm, np, scale, rr);
	size_t fixed = sizeof(struct ner_fhdr) +
		sizeof(int32_t) * NER_PASSES * (NER_NL + 2) * NER_NL;
	size_t ncs = cl->n ? (size_t)(cl->n / 0.6) + 1 : 0;
	size_t ngs = gz->n ? (size_t)(gz->n / 0.6) + 1 : 0;
	size_t csz = ncs * sizeof(struct ner_wslot) + ngs * sizeof(struct ner_cslot);
	/* the budget is for the weights: the word and phrase tables are
	 * what their inputs make them */
	size_t room = max_bytes > fixed ? max_bytes - fixed : 0;
	const size_t per = 2 * sizeof(struct ner_slot) + NER_ROW * sizeof(int16_t);
	size_t keep = k;
	while (keep && keep * per + sizeof(struct ner_slot) > room)
		keep = keep * 95 / 100;
	if (verbose)
		fprintf(stderr, "ner: %zu weight rows, %zu kept; %zu cluster words\n",
			k, keep, cl->n);
	uint32_t ns = keep ? (uint32_t)(2 * keep + 1) : 0;
	size_t size = fixed + (size_t)ns * sizeof(struct ner_slot) +
		      keep * NER_ROW * sizeof(int16_t) + csz;
	unsigned char *mem = xcalloc(1, size);
	struct ner_fhdr *h = (struct ner_fhdr *)mem;
	memcpy(h->magic, NER_MAGIC, 8);
	h->version = NER_VERSION;
	h->nlabels = NER_NL;
	h->npasses = (uint32_t)np;
	h->nslots = ns;
	h->nrows = (uint32_t)keep;
	h->ncslots = (uint32_t)ncs;
	h->ngslots = (uint32_t)ngs;
	h->scale = (float)scale;
	h->size = size;
	size_t nl = strlen(note);
	memcpy(h->note, note, nl < sizeof(h->note) - 1 ? nl : sizeof(h->note) - 1);
	int32_t *trans = (int32_t *)(mem + sizeof(*h));
	int32_t *end = trans + NER_PASSES * (NER_NL + 1) * NER_NL;
	for (int p = 0; p < np; p++) {
		const struct tmodel *t = tm[p];
		for (size_t i = 0; i < (NER_NL + 1) * NER_NL; i++)
			trans[p * (NER_NL + 1) * NER_NL + i] =
				(int32_t)lround(avg(t->trans[i], t->tacc[i], t->c) / scale);
		for (size_t i = 0; i < NER_NL; i++)
			end[p * NER_NL + i] =
				(int32_t)lround(avg(t->end[i], t->eacc[i], t->c) / scale);
	}
	struct ner_slot *slots = (struct ner_slot *)(end + NER_PASSES * NER_NL);
	int16_t *rows = (int16_t *)(slots + ns);
	for (size_t j = 0; j < keep; j++) {
		uint64_t hk = rr[j].key;
		uint32_t i = ner_slot_of(hk, ns), key = ner_key_of(hk);
		while (slots[i].key)
			if (++i == ns)
				i = 0;
		slots[i].key = key;
		slots[i].row = (uint32_t)j;
		const struct tmodel *t = rr[j].t;
		for (int l = 0; l < NER_NL; l++) {
			double v = avg(t->w[rr[j].r * NER_NL + l],
				       t->acc[rr[j].r * NER_NL + l], t->c) / scale;
			rows[j * NER_ROW + l] = (int16_t)lround(v);
		}
	}
	struct ner_wslot *ws = (struct ner_wslot *)(rows + keep * NER_ROW);
	ws_fill(ws, (uint32_t)ncs, cl);
	cs_fill((struct ner_cslot *)(ws + ncs), (uint32_t)ngs, gz);
	h->crc = ner_file_crc(mem, size);
	free(rr);
	*size_out = size;
	return mem;
}

/* A model that only holds the clusters (for feature extraction while
 * training). */
static struct ner_model *cluster_model(const struct wclusters *cl,
				       const struct clusters *gz)
{
	struct tmodel empty;
	size_t size;
	struct buf err = BUF_INIT;

	memset(&empty, 0, sizeof(empty));
	empty.c = 1;
	void *mem = build_image(&empty, NULL, cl, gz, "clusters", (size_t)-1 / 2,
				&size, 0);
	struct ner_model *m = ner_load_mem(mem, size, "<clusters>", &err);
	if (!m)
		err_die("internal error: %s", err.buf);
	buf_release(&err);
	return m;
}

/* Labels of the last pass of every document in docs[0..n) into d->p1. */
static void tag_into_p1(const struct ner_model *m, struct corpus *c,
			const size_t *docs, size_t n, struct ner_work *w)
{
	for (size_t i = 0; i < n; i++) {
		struct tdoc *d = &c->d[docs[i]];
		ner_tag_doc(m, w, d->s, d->nsent);
		memcpy(d->p1, w->lab, d->ntok);
	}
}

static int write_file(const char *path, const void *mem, size_t size,
		      struct buf *err)
{
	struct buf tmp = BUF_INIT;
	buf_addf(&tmp, "%s.tmp", path);
	FILE *fp = fopen(tmp.buf, "wb");
	if (!fp) {
		buf_addf(err, "cannot open '%s': %s", tmp.buf, strerror(errno));
		buf_release(&tmp);
		return -1;
	}
	int bad = fwrite(mem, 1, size, fp) != size;
	bad |= fclose(fp) != 0;
	if (bad || rename(tmp.buf, path) < 0) {
		buf_addf(err, "cannot write '%s': %s", path, strerror(errno));
		remove(tmp.buf);
		buf_release(&tmp);
		return -1;
	}
	buf_release(&tmp);
	return 0;
}

_Static_assert(NER_XCLUS == sizeof(((struct ner_train_opts *)0)->brown_paths) /
	       sizeof(((struct ner_train_opts *)0)->brown_paths[0]), "one path per set");

#define NER_FOLDS 4

/* First-pass labels of the training documents by jackknifing: each of
 * NER_FOLDS folds is tagged by a model trained on the others. Returns the
 * number of folds (0 for a corpus too small), or -1 with err set. */
static int jackknife(struct trainer *tr, struct corpus *c, const struct wclusters *cl,
		     const struct clusters *gz, const struct ner_train_opts *o, int epochs,
		     size_t max_bytes, struct buf *err)
{
	size_t *sub = xmalloc((c->n ? c->n : 1) * sizeof(*sub));
	size_t *held = xmalloc((c->n ? c->n : 1) * sizeof(*held));
	int folds = c->n >= NER_FOLDS && o->passes != 1 ? NER_FOLDS : 0;
	int rc = folds;

	for (int fo = 0; fo < folds; fo++) {
		size_t ns = 0, nh = 0;
		for (size_t i = 0; i < c->n; i++) {
			if ((int)(i % NER_FOLDS) == fo)
				held[nh++] = i;
			else
				sub[ns++] = i;
		}
		struct tmodel t;
		tm_init(&t);
		char what[32];
		snprintf(what, sizeof(what), "fold %d/%d", fo + 1, folds);
		train_pass(&t, tr, c, sub, ns, 0, epochs, o->seed + 1 + (uint64_t)fo,
			   o->verbose, what);
		size_t size;
		void *mem = build_image(&t, NULL, cl, gz, "fold", max_bytes * 4, &size, 0);
		struct ner_model *fm = ner_load_mem(mem, size, "<fold>", err);
		tm_release(&t);
		if (!fm) {
			rc = -1;
			break;
		}
		tag_into_p1(fm, c, held, nh, tr->w);
		ner_free(fm);
	}
	free(sub);
	free(held);
	return rc;
}

/* The final passes into t0 (and t1, the second pass, when there were
 * folds): the mean of `bag` perceptrons trained on differently shuffled
 * data (less variance between seeds). */
static void train_bag(struct trainer *tr, const struct corpus *c, const size_t *all,
		      const struct ner_train_opts *o, int epochs, int folds,
		      struct tmodel *t0, struct tmodel *t1)
{
	int bag = o->bag > 0 ? o->bag : 1;

	tm_init(t0);
	tm_init(t1);
	for (int b = 0; b < bag; b++) {
		struct tmodel t;
		tm_init(&t);
		train_pass(&t, tr, c, all, c->n, 0, epochs, o->seed + 1000 * (uint64_t)b,
			   o->verbose, "all");
		tm_absorb(t0, &t, bag);
		tm_release(&t);
		if (!folds)
			continue;
		tm_init(&t);
		train_pass(&t, tr, c, all, c->n, 1, epochs,
			   o->seed + 99 + 1000 * (uint64_t)b, o->verbose, "all");
		tm_absorb(t1, &t, bag);
		tm_release(&t);
	}
}

int ner_train(const struct ner_train_opts *o, struct buf *err)
{
	struct corpus c;
	struct clusters cl, gz;
	struct wclusters wc;
	struct wentries we = { NULL, 0, 0 };
	int epochs = o->epochs > 0 ? o->epochs : 6;
	size_t max_bytes = o->max_bytes ? o->max_bytes : 16u << 20;
	int rc = -1;
	struct trainer tr;
	struct ner_model *cm = NULL;
	size_t *all = NULL;

	memset(&c, 0, sizeof(c));
	memset(&cl, 0, sizeof(cl));
	memset(&gz, 0, sizeof(gz));
	memset(&wc, 0, sizeof(wc));
	memset(&tr, 0, sizeof(tr));
	if (o->gazetteer_path && gaz_read(&gz, o->gazetteer_path, err) < 0)
		goto out;
	if (o->clusters_path && clusters_read(&cl, o->clusters_path, err) < 0)
		goto out;
	if (!o->clusters_path && o->ntext &&
	    ner_clusters_from_text(o->text_paths, o->ntext, 3, o->seed,
				   o->verbose, &cl, err) < 0)
		goto out;
	for (int x = 0; x < NER_XCLUS; x++)
		if (o->brown_paths[x] &&
		    brown_read(&we, o->brown_paths[x], 1 + (uint32_t)x, err) < 0)
			goto out;
	wclusters_build(&wc, &cl, &we);
	free(we.v);
	we.v = NULL;
	if (corpus_read(&c, o->train_path, err) < 0)
		goto out;
	if (o->verbose)
		fprintf(stderr, "ner: %s: %zu documents, %lu sentences, %lu tokens; "
			"%zu word forms with clusters, %zu gazetteer keys\n",
			o->train_path, c.n, c.sentences, c.tokens, wc.n, gz.n);
	cm = cluster_model(&wc, &gz);
	tr.cm = cm;
	tr.w = ner_work_new();
	all = xmalloc((c.n ? c.n : 1) * sizeof(*all));
	for (size_t i = 0; i < c.n; i++)
		all[i] = i;
	int folds = jackknife(&tr, &c, &wc, &gz, o, epochs, max_bytes, err);
	if (folds < 0)
		goto out;
	struct tmodel t0, t1;
	train_bag(&tr, &c, all, o, epochs, folds, &t0, &t1);
	char note[64];
	snprintf(note, sizeof(note), "CoNLL-2003 train; %d epochs x %d; seed %lu",
		 epochs, o->bag > 0 ? o->bag : 1, o->seed);
	size_t size;
	void *mem = build_image(&t0, folds ? &t1 : NULL, &wc, &gz, note, max_bytes,
				&size, o->verbose);
	tm_release(&t0);
	tm_release(&t1);
	if (write_file(o->out_path, mem, size, err) < 0) {
		free(mem);
		goto out;
	}
	if (o->verbose)
		fprintf(stderr, "ner: wrote '%s' (%zu bytes)\n", o->out_path, size);
	struct ner_model *m = ner_load_mem(mem, size, o->out_path, err);
	if (!m)
		goto out;
	rc = 0;
	if (o->dev_path)
		rc = ner_eval(m, o->dev_path, stderr, NULL, err);
	ner_free(m);
out:
	free(all);
	ner_free(cm);
	ner_work_free(tr.w);
	free(tr.f);
	free(tr.nf);
	free(tr.pred);
	free(tr.e);
	corpus_free(&c);
	free(cl.key);
	free(cl.path);
	free(we.v);
	free(wc.key);
	free(wc.path);
	free(gz.key);
	free(gz.path);
	return rc;
}

/* ---- evaluation ---- */

static void pr(FILE *fp, const char *name, unsigned long tp, unsigned long fp_,
	       unsigned long fn)
{
	double p = tp + fp_ ? 100.0 * tp / (tp + fp_) : 0;
	double r = tp + fn ? 100.0 * tp / (tp + fn) : 0;
	double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
	fprintf(fp, "%9s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %lu\n",
		name, p, r, f, tp + fp_);
}

int ner_eval(const struct ner_model *m, const char *conll_path, FILE *report,
	     struct ner_score *sc, struct buf *err)
{
	struct corpus c;
	struct ner_score s;
	struct ner_work *w;

	memset(&s, 0, sizeof(s));
	if (corpus_read(&c, conll_path, err) < 0)
		return -1;
	w = ner_work_new();
	unsigned long correct_tok = 0;
	for (size_t di = 0; di < c.n; di++) {
		struct tdoc *d = &c.d[di];
		ner_tag_doc(m, w, d->s, d->nsent);
		size_t off = 0;
		for (size_t si = 0; si < d->nsent; si++) {
			const struct ner_sentence *sn = &d->s[si];
			const uint8_t *g = d->gold + off;
			size_t gi = 0, pi = 0;
			/* gold mentions from BILOU, compared in order */
			for (size_t i = 0; i < sn->ntok; i++) {
				int l = g[i];
				if (l && (ner_lpos(l) == NER_B || ner_lpos(l) == NER_U)) {
					size_t e = i + 1;
					if (ner_lpos(l) == NER_B)
						while (e < sn->ntok && ner_lpos(g[e - 1]) != NER_L)
							e++;
					int t = ner_ltype(l);
					int hit = 0;
					while (pi < sn->nm && sn->m[pi].tb < i)
						pi++;
					if (pi < sn->nm && sn->m[pi].tb == i &&
					    sn->m[pi].te == e && (int)sn->m[pi].type == t)
						hit = 1;
					if (hit)
						s.tp[t]++;
					else
						s.fn[t]++;
					gi++;
				}
				if (w->lab[off + i] == g[i])
					correct_tok++;
			}
			(void)gi;
			/* predicted mentions that are not gold */
			for (size_t k = 0; k < sn->nm; k++) {
				const struct ner_mention *mm = &sn->m[k];
				int l = g[mm->tb];
				int ok = l && ner_ltype(l) == (int)mm->type &&
					 (ner_lpos(l) == NER_B || ner_lpos(l) == NER_U);
				if (ok) {
					size_t e = mm->tb + 1;
					if (ner_lpos(l) == NER_B)
						while (e < sn->ntok && ner_lpos(g[e - 1]) != NER_L)
							e++;
					ok = e == mm->te;
				}
				if (!ok)
					s.fp[mm->type]++;
			}
			off += sn->ntok;
		}
	}
	s.tokens = c.tokens;
	s.sentences = c.sentences;
	s.docs = c.n;
	if (report) {
		unsigned long tp = 0, fp_ = 0, fn = 0;
		for (int t = 0; t < NER_NTYPES; t++) {
			tp += s.tp[t];
			fp_ += s.fp[t];
			fn += s.fn[t];
		}
		fprintf(report, "processed %lu tokens with %lu phrases; found: %lu phrases; correct: %lu.\n",
			s.tokens, tp + fn, tp + fp_, tp);
		fprintf(report, "accuracy: %6.2f%%; ", 100.0 * correct_tok / (s.tokens ? s.tokens : 1));
		double p = tp + fp_ ? 100.0 * tp / (tp + fp_) : 0;
		double r = tp + fn ? 100.0 * tp / (tp + fn) : 0;
		fprintf(report, "precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n",
			p, r, p + r > 0 ? 2 * p * r / (p + r) : 0);
		static const int order[] = { NER_LOC, NER_MISC, NER_ORG, NER_PER };
		for (int k = 0; k < NER_NTYPES; k++) {
			int t = order[k];
			pr(report, ner_type_name((enum ner_type)t), s.tp[t], s.fp[t], s.fn[t]);
		}
	}
	if (sc)
		*sc = s;
	ner_work_free(w);
	corpus_free(&c);
	return 0;
}
