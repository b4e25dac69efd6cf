/*
 * ner — model file, features and decoding of the NER tagger (see ner.h).
 *
 * A document is tagged in two passes. Each pass computes, per token, the
 * hashes of its features (ner_features), sums their weight rows
 * (ner_emit: one probe of an open-addressing table each) and decodes each
 * sentence with Viterbi under the BILOU constraints. The second pass adds
 * document-level features built from the first pass's labels: how the same
 * word was tagged elsewhere in the document.
 */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>
#include <zlib.h>
#ifdef WIRE_ISAL
#include <isa-l/crc.h>
#endif

#include "wire/core/err.h"
#include "wire/entities/ner.h"
#include "wire/core/utf8.h"
#include "ner_impl.h"

#define BOS 0x1234567890abcdefULL
#define NER_DTAB_START 4096  /* word table slots at the start of a document */
#define EOS 0x0fedcba987654321ULL

/* ---- labels ---- */

static const char *const type_names[NER_NTYPES] = { "PER", "ORG", "LOC", "MISC" };

const char *ner_type_name(enum ner_type t)
{
	return (unsigned)t < NER_NTYPES ? type_names[t] : "?";
}

int ner_trans_ok(int p, int c)
{
	int open = p != NER_NL && p != 0 &&
		   (ner_lpos(p) == NER_B || ner_lpos(p) == NER_I);
	if (open)
		return c != 0 && ner_ltype(c) == ner_ltype(p) &&
		       (ner_lpos(c) == NER_I || ner_lpos(c) == NER_L);
	return c == 0 || ner_lpos(c) == NER_B || ner_lpos(c) == NER_U;
}

/* ---- strings ---- */

void ner_lower(struct buf *out, const char *s, size_t n)
{
	const char *p = s, *end = s + n;

	while (p < end) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x80) {
			buf_addc(out, c >= 'A' && c <= 'Z' ? c + 32 : c);
			p++;
			continue;
		}
		int32_t cp;
		int len = utf8_decode(p, end, &cp);
		if (!len) {
			buf_addc(out, c);
			p++;
			continue;
		}
		utf8_encode(out, utf8proc_tolower(cp));
		p += len;
	}
}

enum ner_cls {
	CLS_LOWER, CLS_TITLE, CLS_CAPS, CLS_INITIAL, CLS_ALNUM, CLS_NUM,
	CLS_PUNCT, CLS_OTHER,
};

/* Shape, class and length of one token. */
static void shape_of(const char *s, size_t n, struct buf *sh, uint8_t *cls,
		     uint8_t *len, int *has_lower, int *first_upper)
{
	const char *p = s, *end = s + n;
	int nup = 0, nlow = 0, ndig = 0, nother = 0, first = -1;
	size_t ncp = 0;
	char last = 0;

	buf_reset(sh);
	while (p < end) {
		int32_t cp;
		int l = 1;
		unsigned char c = (unsigned char)*p;
		if (c < 0x80) {
			cp = c;
		} else {
			l = utf8_decode(p, end, &cp);
			if (!l)
				l = 1;
		}
		p += l;
		ncp++;
		char k;
		if (utf8_is_upper(cp)) {
			k = 'X';
			nup++;
		} else if (utf8_is_lower(cp) || (cp >= 0x80 && utf8_is_alpha(cp))) {
			k = 'x';
			nlow++;
		} else if (utf8_is_digit(cp)) {
			k = 'd';
			ndig++;
		} else if (cp < 0x80) {
			k = (char)cp;
			nother++;
		} else {
			k = 'o';
			nother++;
		}
		if (first < 0)
			first = k;
		if (k != last && sh->len < 16)
			buf_addc(sh, k);
		last = k;
	}
	*len = ncp > 255 ? 255 : (uint8_t)ncp;
	*has_lower = nlow > 0;
	*first_upper = first == 'X';
	if (nup + nlow == 0)
		*cls = ndig ? CLS_NUM : nother ? CLS_PUNCT : CLS_OTHER;
	else if (ndig)
		*cls = CLS_ALNUM;
	else if (first == 'X' && nlow == 0)
		*cls = nup == 1 ? CLS_INITIAL : CLS_CAPS;
	else if (first == 'X')
		*cls = CLS_TITLE;
	else
		*cls = CLS_LOWER;
}

int ner_plain_token(const char *text, size_t n, struct buf *scratch)
{
	uint8_t cls, len;
	int has_lower, first_upper;

	shape_of(text, n, scratch, &cls, &len, &has_lower, &first_upper);
	if (cls != CLS_LOWER && cls != CLS_PUNCT)
		return 0;
	/* equal to its lower-case form (plain_tok: w == l) */
	const char *p = text, *end = text + n;
	while (p < end) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x80) {
			if (c >= 'A' && c <= 'Z')
				return 0;
			p++;
			continue;
		}
		int32_t cp;
		int l = utf8_decode(p, end, &cp);
		if (!l) {
			p++;
			continue;
		}
		if (utf8proc_tolower(cp) != cp)
			return 0;
		p += l;
	}
	return 1;
}

/* ---- document preparation ---- */

static void work_reserve(struct ner_work *w, size_t ntok, size_t nsent)
{
	if (ntok > w->atok) {
		w->atok = ntok + ntok / 2 + 16;
		w->tok = xrealloc(w->tok, w->atok * sizeof(*w->tok));
		w->lab = xrealloc(w->lab, w->atok);
	}
	if (nsent + 1 > w->asent) {
		w->asent = nsent + nsent / 2 + 16;
		w->sent = xrealloc(w->sent, w->asent * sizeof(*w->sent));
	}
	/* the word table starts small and doubles as words come (dslot) */
	size_t need = 1;
	while (need < 2 * ntok + 16 && need < NER_DTAB_START)
		need <<= 1;
	if (need > w->dalloc) {
		free(w->dtab);
		w->dtab = xmalloc(need * sizeof(*w->dtab));
		w->dalloc = need;
	}
	memset(w->dtab, 0, need * sizeof(*w->dtab));
	w->dmask = need - 1;
	w->dused = 0;
}

static size_t dfind(const struct ner_dstat *tab, size_t mask, uint64_t key)
{
	size_t i = (size_t)key & mask;
	while (tab[i].key && tab[i].key != key)
		i = (i + 1) & mask;
	return i;
}

/* Doubles the word table; tok[0..k) get their new slots. */
static void dtab_grow(struct ner_work *w, size_t k)
{
	size_t size = 2 * (w->dmask + 1);
	struct ner_dstat *t = xcalloc(size, sizeof(*t));

	for (size_t i = 0; i <= w->dmask; i++)
		if (w->dtab[i].key)
			t[dfind(t, size - 1, w->dtab[i].key)] = w->dtab[i];
	free(w->dtab);
	w->dtab = t;
	w->dalloc = size;
	w->dmask = size - 1;
	for (size_t i = 0; i < k; i++)
		w->tok[i].dslot = (uint32_t)dfind(t, size - 1, w->tok[i].l);
}

/* The slot of token `t`'s lower-case form (token k of the document),
 * added when new. */
static uint32_t dslot(struct ner_work *w, const struct ner_tok *t, size_t k)
{
	size_t i = dfind(w->dtab, w->dmask, t->l);
	if (w->dtab[i].key)
		return (uint32_t)i;
	if (2 * (w->dused + 1) > w->dmask + 1) {
		dtab_grow(w, k);
		i = dfind(w->dtab, w->dmask, t->l);
	}
	w->dtab[i].key = t->l;
	w->dused++;
	return (uint32_t)i;
}

/* Marks the gazetteer phrases of a sentence's tokens: each token of a
 * match of class c gets bit 4 * c + its BILOU position. */
static void gaz_match(const struct ner_model *m, struct ner_tok *t, size_t n)
{
	/* the two-token phrases' slots first, of the words that start a
	 * longer phrase (the one-word masks are in t[].g1): their misses
	 * overlap, where the loop below would meet them one after another */
	for (size_t i = 0; i + 1 < n; i++)
		if (t[i].g1 & NER_G_PREFIX)
			__builtin_prefetch(&m->gs[ner_slot_of(
				ner_gstep(ner_gstep(NER_GSEED, t[i].l), t[i + 1].l), m->ngs)]);
	for (size_t i = 0; i < n; i++) {
		uint64_t h = NER_GSEED;
		for (size_t len = 1; len <= NER_G_MAXLEN && i + len <= n; len++) {
			h = ner_gstep(h, t[i + len - 1].l);
			/* the one-word phrase's mask was looked up with the word */
			uint32_t mask = len == 1 ? t[i].g1 : ner_gaz(m, h);
			for (int c = 0; c < NER_G_NCLASSES; c++) {
				if (!(mask & (1u << c)))
					continue;
				if (len == 1) {
					t[i].gaz |= (uint64_t)1 << (4 * c + NER_U);
					continue;
				}
				t[i].gaz |= (uint64_t)1 << (4 * c + NER_B);
				for (size_t j = i + 1; j + 1 < i + len; j++)
					t[j].gaz |= (uint64_t)1 << (4 * c + NER_I);
				t[i + len - 1].gaz |= (uint64_t)1 << (4 * c + NER_L);
			}
			if (!(mask & NER_G_PREFIX))
				break;
		}
	}
}

static inline size_t tslot(uint64_t wh)
{
	return (size_t)(wh >> 32) & (NER_TCACHE - 1);
}

/* Is the word of exact-form hash `wh` in the type cache? */
static inline int tcache_has(const struct ner_work *w, uint64_t wh)
{
	return wh && w->tcache[tslot(wh)].key == wh;
}

/* The cluster paths and one-word gazetteer mask of token `t` (m not
 * NULL), from the type cache or looked up and cached. */
static void word_lookups(const struct ner_model *m, struct ner_work *w,
			 struct ner_tok *t)
{
	struct ner_tcache *c = &w->tcache[tslot(t->w)];

	if (t->w && c->key == t->w) {
		t->clus = c->clus;
		memcpy(t->xclus, c->xclus, sizeof(t->xclus));
		t->g1 = c->g1;
		return;
	}
	ner_cluster(m, t->w, t->l, t);
	t->g1 = ner_gaz(m, ner_gstep(NER_GSEED, t->l));
	c->key = t->w;
	c->clus = t->clus;
	memcpy(c->xclus, t->xclus, sizeof(c->xclus));
	c->g1 = t->g1;
}

void ner_doc_prepare(const struct ner_model *m, struct ner_work *w,
		     const struct ner_sentence *s, size_t n)
{
	size_t ntok = 0;
	struct buf sh = BUF_INIT;

	if (m) {
		uint32_t crc = m->h ? m->h->crc : 0;
		if (!w->tcache)
			w->tcache = xcalloc(NER_TCACHE, sizeof(*w->tcache));
		else if (w->tcache_model != m || w->tcache_crc != crc)
			memset(w->tcache, 0, NER_TCACHE * sizeof(*w->tcache));
		w->tcache_model = m;
		w->tcache_crc = crc;
	}

	for (size_t i = 0; i < n; i++)
		ntok += s[i].ntok;
	work_reserve(w, ntok, n);
	buf_reset(&w->tmp);
	w->ntok = ntok;
	size_t k = 0, group = 0;
	int headline = 1, letters = 0;
	for (size_t i = 0; i < n; i++) {
		w->sent[i] = k;
		if (!s[i].cont || !i) {
			/* a sentence; its windows (cont) follow */
			group = k;
			headline = 1;
			letters = 0;
		}
		size_t first = k;
		for (size_t j = 0; j < s[i].ntok; j++, k++) {
			struct ner_tok *t = &w->tok[k];
			const char *p = s[i].text + s[i].tok[j].b;
			size_t len = s[i].tok[j].e - s[i].tok[j].b;
			int has_lower, first_upper;

			shape_of(p, len, &sh, &t->cls, &t->len, &has_lower,
				 &first_upper);
			if (has_lower)
				headline = 0;
			if (t->cls != CLS_NUM && t->cls != CLS_PUNCT &&
			    t->cls != CLS_OTHER)
				letters = 1;
			t->shape = ner_hash(sh.buf, sh.len);
			t->w = ner_hash(p, len);
			/* lower-case forms of the document, kept for the
			 * prefixes and suffixes of uncached words */
			size_t lo = w->tmp.len;
			ner_lower(&w->tmp, p, len);
			t->lo = lo;
			t->ll = (uint32_t)(w->tmp.len - lo);
			t->l = ner_hash(w->tmp.buf + lo, t->ll);
			/* a word not in the type cache: its table slots
			 * are fetched while the sentence goes on */
			if (m && !tcache_has(w, t->w)) {
				if (m->ncs) {
					__builtin_prefetch(&m->cs[ner_slot_of(t->w, m->ncs)]);
					__builtin_prefetch(&m->cs[ner_slot_of(t->l, m->ncs)]);
				}
				if (m->ngs)
					__builtin_prefetch(&m->gs[ner_slot_of(
						ner_gstep(NER_GSEED, t->l), m->ngs)]);
			}
			t->flags = (j == 0 && (!s[i].cont || !i) ? NER_F_INIT : 0) |
				   (first_upper ? NER_F_CAP : 0);
			t->p1 = 0;
			t->dslot = dslot(w, t, k);
			t->gaz = 0;
		}
		/* clusters after the sentence's lookups were prefetched */
		for (size_t j = first; j < k; j++) {
			if (m) {
				word_lookups(m, w, &w->tok[j]);
			} else {
				ner_cluster(m, w->tok[j].w, w->tok[j].l, &w->tok[j]);
				w->tok[j].g1 = 0;
			}
		}
		if (i + 1 < n && s[i + 1].cont)
			continue;   /* the sentence goes on in the next window */
		if (headline && letters)
			for (size_t j = group; j < k; j++)
				w->tok[j].flags |= NER_F_HEADLINE;
		if (m && m->ngs)
			gaz_match(m, w->tok + group, k - group);
	}
	w->sent[n] = k;
	/* document counts of lower-case and capitalised occurrences */
	for (size_t i = 0; i < ntok; i++) {
		struct ner_tok *t = &w->tok[i];
		struct ner_dstat *d = &w->dtab[t->dslot];
		if (!d->first && (t->flags & NER_F_CAP) && !(t->flags & NER_F_HEADLINE)) {
			d->first = (uint32_t)i + 1;
			d->pw = (t->flags & NER_F_INIT) ? BOS : t[-1].l;
			d->nw = i + 1 < ntok && !(t[1].flags & NER_F_INIT) ? t[1].l : EOS;
		}
		if (t->cls == CLS_LOWER)
			d->nlow++;
		else if ((t->flags & (NER_F_CAP | NER_F_INIT | NER_F_HEADLINE)) ==
			 NER_F_CAP)
			d->ncap++;
	}
	for (size_t i = 0; i < ntok; i++) {
		struct ner_tok *t = &w->tok[i];
		struct ner_dstat *d = &w->dtab[t->dslot];
		uint32_t low = d->nlow - (t->cls == CLS_LOWER);
		uint32_t cap = d->ncap -
			((t->flags & (NER_F_CAP | NER_F_INIT | NER_F_HEADLINE)) ==
			 NER_F_CAP && t->cls != CLS_LOWER);
		if (low)
			t->flags |= NER_F_LOWDOC;
		if (cap)
			t->flags |= NER_F_CAPDOC;
	}
	buf_release(&sh);
}

void ner_doc_stats(struct ner_work *w)
{
	for (size_t i = 0; i < w->ntok; i++) {
		struct ner_dstat *d = &w->dtab[w->tok[i].dslot];
		memset(d->type, 0, sizeof(d->type));
		memset(d->lab, 0, sizeof(d->lab));
	}
	for (size_t i = 0; i < w->ntok; i++) {
		struct ner_tok *t = &w->tok[i];
		if (!(t->flags & NER_F_CAP))
			continue;
		struct ner_dstat *d = &w->dtab[t->dslot];
		if (t->p1)
			d->type[ner_ltype(t->p1)]++;
		if (d->lab[t->p1] < UINT16_MAX)
			d->lab[t->p1]++;
	}
}

/* ---- features ---- */


static inline uint64_t feat(uint64_t salt, unsigned tid, uint64_t v)
{
	return ner_mix(v + salt + (uint64_t)tid * 0x9E3779B97F4A7C15ULL);
}

static inline uint64_t pair(uint64_t a, uint64_t b)
{
	return ner_mix(a * 31 + (b << 7 | b >> 57));
}

/* Document-majority type of a token's word (NER_NTYPES: none) with a
 * strength bucket. */
static int doc_major(const struct ner_work *w, const struct ner_tok *t, int *strength)
{
	const struct ner_dstat *d = &w->dtab[t->dslot];
	uint32_t tot = 0, best = 0;
	int bt = NER_NTYPES;

	for (int k = 0; k < NER_NTYPES; k++) {
		tot += d->type[k];
		if (d->type[k] > best) {
			best = d->type[k];
			bt = k;
		}
	}
	*strength = !tot ? 0 : best == tot ? 1 : 2 * best > tot ? 2 : 3;
	return bt;
}

/* The first `bits` bits of a cluster path that has a leading 1 bit
 * (the whole path when it is shorter), the leading bit kept. */
static inline uint32_t path_prefix(uint32_t path, int bits)
{
	int len = 31 - __builtin_clz(path);
	return len > bits ? path >> (len - bits) : path;
}

/* Features of the word alone (the same wherever it occurs): cached per
 * word type at run time. */
int ner_features_word(const struct ner_work *w, const struct ner_tok *t,
		      int pass, uint64_t *f)
{
	uint64_t s = pass ? 0x5bd1e9955bd1e995ULL : 0;
	int n = 0;

	f[n++] = feat(s, 1, 0);
	f[n++] = feat(s, 2, t->w);
	f[n++] = feat(s, 3, t->l);
	if (t->cls != CLS_PUNCT && t->cls != CLS_NUM) {
		/* prefixes and suffixes of 1..4 code points, shorter than the word */
		const char *lp = w->tmp.buf + t->lo;
		size_t ll = t->ll, b = 0, e = ll;
		for (int a = 0; a < 4; a++) {
			if (b < ll) {
				b++;
				while (b < ll && ((unsigned char)lp[b] & 0xC0) == 0x80)
					b++;
			}
			if (e > 0) {
				e--;
				while (e > 0 && ((unsigned char)lp[e] & 0xC0) == 0x80)
					e--;
			}
			if (b < ll)
				f[n++] = feat(s, 4 + a, ner_hash(lp, b));
			if (e > 0)
				f[n++] = feat(s, 8 + a, ner_hash(lp + e, ll - e));
		}
	}
	f[n++] = feat(s, 12, t->shape);
	f[n++] = feat(s, 24, (uint64_t)(t->len > 12 ? 12 : t->len) << 4 | t->cls);
	if (t->clus) {
		static const int plen[] = { 4, 8, 12, 16 };
		for (int a = 0; a < 4; a++)
			f[n++] = feat(s, 27 + a, path_prefix(t->clus, plen[a]));
	}
	/* the Brown clusters' path prefixes of 4, 6, 10 and 20 bits (Ratinov
	 * & Roth 2009) */
	for (int x = 0; x < NER_XCLUS; x++) {
		static const int plen[] = { 4, 6, 10, 20 };
		if (!t->xclus[x])
			continue;
		for (int a = 0; a < 4; a++)
			f[n++] = feat(s, 70 + 4 * x + a, path_prefix(t->xclus[x], plen[a]));
	}
	return n;
}

/* Prefix lengths of the neighbours' Brown cluster paths: all four
 * (tuning part of CoNLL dev: F1 94.27 without, 94.58 with 4 and 10 bits,
 * 94.94 with 4, 6, 10 and 20). */
static const int xctx_len[] = { 4, 6, 10, 20 };
#define NER_XCTX ((int)(sizeof(xctx_len) / sizeof(xctx_len[0])))

/* Features of the token in its sentence and document. */
int ner_features_ctx(const struct ner_work *w, size_t sb, size_t se, size_t i,
		     int pass, uint64_t *f)
{
	const struct ner_tok *t = &w->tok[i];
	const struct ner_tok *p = i > sb ? t - 1 : NULL;
	const struct ner_tok *p2 = i > sb + 1 ? t - 2 : NULL;
	const struct ner_tok *nx = i + 1 < se ? t + 1 : NULL;
	const struct ner_tok *n2 = i + 2 < se ? t + 2 : NULL;
	uint64_t s = pass ? 0x5bd1e9955bd1e995ULL : 0;
	int n = 0;
	uint64_t lp = p ? p->l : BOS, lp2 = p2 ? p2->l : BOS;
	uint64_t ln = nx ? nx->l : EOS, ln2 = n2 ? n2->l : EOS;
	unsigned cp = p ? p->cls : 15, cn = nx ? nx->cls : 15;
	unsigned fl = t->flags & (NER_F_INIT | NER_F_HEADLINE | NER_F_LOWDOC |
				  NER_F_CAPDOC | NER_F_CAP);

	f[n++] = feat(s, 13, t->shape ^ (t->flags & NER_F_INIT));
	f[n++] = feat(s, 22, cp << 8 | (unsigned)t->cls << 4 | cn);
	f[n++] = feat(s, 23, fl << 4 | t->cls);
	if (pass)
		goto doc;   /* the second pass leaves the sentence context to the first */
	f[n++] = feat(s, 14, lp);
	f[n++] = feat(s, 15, ln);
	f[n++] = feat(s, 16, lp2);
	f[n++] = feat(s, 17, ln2);
	f[n++] = feat(s, 18, pair(lp, t->l));
	f[n++] = feat(s, 19, pair(t->l, ln));
	f[n++] = feat(s, 20, p ? p->shape : BOS);
	f[n++] = feat(s, 21, nx ? nx->shape : EOS);
	f[n++] = feat(s, 25, pair(lp, (uint64_t)t->cls));
	f[n++] = feat(s, 26, pair(ln, (uint64_t)t->cls));
doc:
	if (t->flags & NER_F_CAP) {
		/* the context of the word's first capitalised occurrence
		 * ("Mr Smith ... Smith said") */
		const struct ner_dstat *d0 = &w->dtab[t->dslot];
		if (d0->first && d0->first != i + 1) {
			f[n++] = feat(s, 52, d0->pw);
			f[n++] = feat(s, 53, d0->nw);
		}
	}
	/* at most 24 match bits (NER_MAXF): real tokens have a few */
	int ng = 0;
	for (uint64_t g = t->gaz; g && ng < 24; g &= g - 1, ng++)
		f[n++] = feat(s, 60, (uint64_t)__builtin_ctzll(g));
	if (t->gaz)
		f[n++] = feat(s, 61, pair(t->gaz, t->cls));
	if (p && p->gaz)
		f[n++] = feat(s, 62, p->gaz);
	if (nx && nx->gaz)
		f[n++] = feat(s, 63, nx->gaz);
	if (p && p->clus)
		f[n++] = feat(s, 31, path_prefix(p->clus, 8));
	if (nx && nx->clus)
		f[n++] = feat(s, 32, path_prefix(nx->clus, 8));
	if (!pass) {
		/* the neighbours' Brown clusters */
		for (int x = 0; x < NER_XCLUS; x++) {
			for (int a = 0; a < NER_XCTX; a++) {
				if (p && p->xclus[x])
					f[n++] = feat(s, 80 + 8 * x + a,
						      path_prefix(p->xclus[x], xctx_len[a]));
				if (nx && nx->xclus[x])
					f[n++] = feat(s, 84 + 8 * x + a,
						      path_prefix(nx->xclus[x], xctx_len[a]));
			}
		}
	}
	if (pass) {
		int st, sp, sn;
		int mj = doc_major(w, t, &st);
		int mp = p ? doc_major(w, p, &sp) : 7;
		int mn = nx ? doc_major(w, nx, &sn) : 7;
		const struct ner_dstat *d = &w->dtab[t->dslot];
		f[n++] = feat(s, 40, t->p1);
		f[n++] = feat(s, 41, p ? p->p1 : 99);
		f[n++] = feat(s, 42, nx ? nx->p1 : 99);
		f[n++] = feat(s, 43, (unsigned)mj << 4 | (unsigned)st);
		f[n++] = feat(s, 44, (unsigned)mj << 8 | (unsigned)t->cls << 4 | (t->flags & NER_F_CAP));
		f[n++] = feat(s, 45, (unsigned)mp << 4 | (unsigned)mn);
		for (int k = 0; k < NER_NTYPES; k++)
			if (d->type[k])
				f[n++] = feat(s, 46 + k, 1);
		f[n++] = feat(s, 50, (unsigned)t->p1 << 8 | (unsigned)mj);
		/* the label the word got most often elsewhere (BILOU position
		 * included: boundaries), and whether it is the token's own */
		if (t->flags & NER_F_CAP) {
			int bl = 0;
			unsigned tot = 0;
			for (int c = 0; c < NER_NL; c++) {
				unsigned v = d->lab[c] - (c == t->p1);
				tot += v;
				if (v > (unsigned)(d->lab[bl] - (bl == t->p1)))
					bl = c;
			}
			if (tot)
				f[n++] = feat(s, 51, (unsigned)bl << 8 | (bl == t->p1));
		}
	}
	return n;
}

int ner_features(const struct ner_work *w, size_t sb, size_t se, size_t i,
		 int pass, uint64_t *f)
{
	int n = ner_features_word(w, &w->tok[i], pass, f);
	return n + ner_features_ctx(w, sb, se, i, pass, f + n);
}

/* ---- decoding ---- */

/* The predecessors allowed by BILOU: I and L of type t follow B or I of
 * t; O, B and U follow O, L or U of any type. */
static const uint8_t closed_preds[9] = { 0, 3, 4, 7, 8, 11, 12, 15, 16 };

void ner_viterbi(const int32_t *e, size_t n, const int32_t *t,
		 const int32_t *end, uint8_t *out, int32_t *scratch)
{
	/* scratch: 2 * NER_NL scores, then n * NER_NL back-pointer bytes */
	int32_t *cur = scratch, *nxt = scratch + NER_NL;
	uint8_t *bp = (uint8_t *)(scratch + 2 * NER_NL);
	const int32_t NEG = INT32_MIN / 4;

	/* transitions between the closed labels (O, B, U: the labels that
	 * follow a closed label), gathered for contiguous inner loops */
	static const uint8_t closed[9] = { 0, 1, 4, 5, 8, 9, 12, 13, 16 };
	int32_t tc[9][9], cp[9];

	if (!n)
		return;
	for (int k = 0; k < 9; k++)
		for (int j = 0; j < 9; j++)
			tc[k][j] = t[closed_preds[j] * NER_NL + closed[k]];
	for (int c = 0; c < NER_NL; c++)
		cur[c] = ner_trans_ok(NER_NL, c) ? e[c] + t[NER_NL * NER_NL + c] : NEG;
	for (size_t i = 1; i < n; i++) {
		const int32_t *ei = e + i * NER_NL;
		uint8_t *bpi = bp + i * NER_NL;
		int32_t top = NEG;
		if (ei[1] <= NER_OUTSIDE_PENALTY) {
			/* a token forced to O: only O's predecessors count */
			int32_t best = NEG;
			int arg = 0;
			for (int j = 0; j < 9; j++) {
				int32_t v = cur[closed_preds[j]] + t[closed_preds[j] * NER_NL];
				if (v > best) {
					best = v;
					arg = closed_preds[j];
				}
			}
			bpi[0] = (uint8_t)arg;
			for (int c = 1; c < NER_NL; c++)
				cur[c] = NEG;
			cur[0] = 0;
			continue;
		}
		for (int j = 0; j < 9; j++)
			cp[j] = cur[closed_preds[j]];
		for (int k = 0; k < 9; k++) {
			/* branch-free: the winner is not predictable */
			const int32_t *tk = tc[k];
			int32_t best = cp[0] + tk[0];
			int arg = 0;
			for (int j = 1; j < 9; j++) {
				int32_t v = cp[j] + tk[j];
				int gt = v > best;
				best = gt ? v : best;
				arg = gt ? j : arg;
			}
			int c = closed[k];
			nxt[c] = best < NEG / 2 ? NEG : best + ei[c];
			bpi[c] = closed_preds[arg];
		}
		for (int ty = 0; ty < NER_NTYPES; ty++) {
			int b = 1 + 4 * ty;   /* B; I and L follow B or I */
			for (int c = b + 1; c <= b + 2; c++) {
				int32_t v0 = cur[b] + t[b * NER_NL + c];
				int32_t v1 = cur[b + 1] + t[(b + 1) * NER_NL + c];
				int32_t best = v0 >= v1 ? v0 : v1;
				nxt[c] = best < NEG / 2 ? NEG : best + ei[c];
				bpi[c] = (uint8_t)(v0 >= v1 ? b : b + 1);
			}
		}
		for (int c = 0; c < NER_NL; c++)
			if (nxt[c] > top)
				top = nxt[c];
		/* keep the numbers small: subtract the best score */
		for (int c = 0; c < NER_NL; c++)
			cur[c] = nxt[c] == NEG ? NEG : nxt[c] - top;
	}
	int32_t best = NEG;
	int arg = 0;
	for (int c = 0; c < NER_NL; c++) {
		if (cur[c] == NEG || !ner_end_ok(c))
			continue;
		int32_t v = cur[c] + end[c];
		if (v > best) {
			best = v;
			arg = c;
		}
	}
	for (size_t i = n; i-- > 0;) {
		out[i] = (uint8_t)arg;
		if (i)
			arg = bp[i * NER_NL + arg];
	}
}

/* ---- model ---- */

static uint32_t cs_find(const struct ner_cslot *cs, uint32_t n, uint64_t h)
{
	if (!n)
		return 0;
	uint32_t i = ner_slot_of(h, n), key = ner_key_of(h);
	for (;;) {
		const struct ner_cslot *c = &cs[i];
		if (c->key == key)
			return c->path;
		if (!c->key)
			return 0;
		if (++i == n)
			i = 0;
	}
}

uint32_t ner_gaz(const struct ner_model *m, uint64_t ph)
{
	return cs_find(m->gs, m->ngs, ph);
}

static const struct ner_wslot *ws_find(const struct ner_model *m, uint64_t h)
{
	uint32_t i = ner_slot_of(h, m->ncs), key = ner_key_of(h);
	for (;;) {
		const struct ner_wslot *c = &m->cs[i];
		if (c->key == key)
			return c;
		if (!c->key)
			return NULL;
		if (++i == m->ncs)
			i = 0;
	}
}

void ner_cluster(const struct ner_model *m, uint64_t w, uint64_t l,
		 struct ner_tok *t)
{
	const struct ner_wslot *a, *b;

	t->clus = 0;
	memset(t->xclus, 0, sizeof(t->xclus));
	if (!m || !m->ncs)
		return;
	/* the exact form for the external sets, else the most frequent
	 * casing of its lower-case form: under the folded key, or, when
	 * that casing is the lower-case form itself, under that form's key
	 * (which also holds the own clusters) */
	a = ws_find(m, w);
	b = w == l ? a : ws_find(m, l);
	if (b)
		t->clus = b->own;
	const struct ner_wslot *c = NULL;
	int folded = 0;
	for (int x = 0; x < NER_XCLUS; x++) {
		if (a && a->x[x]) {
			t->xclus[x] = a->x[x];
			continue;
		}
		if (!folded) {
			c = ws_find(m, ner_fold_key(l));
			folded = 1;
		}
		t->xclus[x] = c && c->x[x] ? c->x[x] : b ? b->x[x] : 0;
	}
}

_Static_assert(NER_NL == 17, "ner_emit sums 16 labels by vector and one alone");

/* Is slot i of the weight table in use? An empty home slot means the
 * feature is not in the model, without touching the table. */
static inline int slot_used(const struct ner_model *m, uint32_t i)
{
	return (int)(m->occ[i >> 6] >> (i & 63) & 1);
}

typedef int16_t ner_v16h __attribute__((vector_size(32)));
typedef int32_t ner_v16i __attribute__((vector_size(64)));

/*
 * Emission scores in two steps, so that the table and row misses of
 * several tokens overlap: ner_rows finds the rows of the features
 * (prefetching them) into rows[], ner_sum adds them to e; ner_emit does
 * both for one token.
 */
static int ner_rows(const struct ner_model *m, const uint64_t *f, int nf, const int16_t **rows)
{
	const struct ner_slot *slots = m->slots;
	uint32_t ns = m->nslots;
	int n = 0;

	if (!ns)
		return 0;
	for (int k = 0; k < nf; k++) {
		uint32_t i = ner_slot_of(f[k], ns), key = ner_key_of(f[k]);
		if (!slot_used(m, i))
			continue;
		for (;;) {
			uint32_t sk = slots[i].key;
			if (sk == key) {
				const int16_t *w = m->rows + (size_t)slots[i].row * NER_ROW;
				__builtin_prefetch(w);
				__builtin_prefetch(w + NER_ROW - 1);
				rows[n++] = w;
				break;
			}
			if (!sk)
				break;
			if (++i == ns)
				i = 0;
		}
	}
	return n;
}

static void ner_sum(const int16_t *const *rows, int n, int32_t *e)
{
	ner_v16i acc = { 0 };
	int32_t last = 0;

	for (int k = 0; k < n; k++) {
		ner_v16h h;
		memcpy(&h, rows[k], sizeof(h));
		acc += __builtin_convertvector(h, ner_v16i);
		last += rows[k][16];
	}
	int32_t out[16];
	memcpy(out, &acc, sizeof(out));
	for (int c = 0; c < 16; c++)
		e[c] += out[c];
	e[16] += last;
}

void ner_emit(const struct ner_model *m, const uint64_t *f, int nf, int32_t *e)
{
	const int16_t *rows[NER_MAXF];

	ner_sum(rows, ner_rows(m, f, nf < NER_MAXF ? nf : NER_MAXF, rows), e);
}

/* Slot indices of the features, to prefetch their table lines. */
static inline void prefetch(const struct ner_model *m, const uint64_t *f, int nf)
{
	for (int k = 0; k < nf; k++)
	{
		uint32_t i = ner_slot_of(f[k], m->nslots);
		if (slot_used(m, i))
			__builtin_prefetch(&m->slots[i]);
	}
}

static int fail(struct buf *err, const char *path, const char *msg)
{
	buf_addf(err, "'%s': %s", path, msg);
	return -1;
}

/* CRC-32 (zlib's: reflected IEEE) of q[0..left) continuing `crc`; ISA-L's
 * folding code when built with it (the same value, some ten times
 * faster than zlib's on a model of tens of MB). */
static uLong crc_of(uLong crc, const unsigned char *q, size_t left)
{
#ifdef WIRE_ISAL
	return crc32_gzip_refl((uint32_t)crc, q, left);
#else
	while (left) {
		uInt chunk = left > (1u << 30) ? (1u << 30) : (uInt)left;
		crc = crc32(crc, q, chunk);
		q += chunk;
		left -= chunk;
	}
	return crc;
#endif
}

uint32_t ner_file_crc(const void *mem, size_t size)
{
	static const unsigned char zero[sizeof(uint32_t)];
	const size_t at = offsetof(struct ner_fhdr, crc);
	const unsigned char *p = mem;
	uLong crc = crc32(0L, Z_NULL, 0);

	crc = crc_of(crc, p, at);
	crc = crc_of(crc, zero, sizeof(zero));
	crc = crc_of(crc, p + at + sizeof(zero), size - at - sizeof(zero));
	return (uint32_t)crc;
}

/* Checks a model image of `size` bytes and sets up `m`; takes `mem`. */
static int model_open(struct ner_model *m, void *mem, size_t size,
		      const char *path, struct buf *err)
{
	const struct ner_fhdr *h = mem;
	const size_t tsz = sizeof(int32_t) * NER_PASSES * (NER_NL + 1) * NER_NL;
	const size_t esz = sizeof(int32_t) * NER_PASSES * NER_NL;

	memset(m, 0, sizeof(*m));
	m->mem = mem;
	if (size < sizeof(*h) || memcmp(h->magic, NER_MAGIC, 8))
		return fail(err, path, "not a wire NER model");
	if (h->version != NER_VERSION) {
		buf_addf(err, "'%s': unsupported NER model version %u (this build reads "
			 "version %d: retrain with scripts/train-ner)", path, (unsigned)h->version,
			 NER_VERSION);
		return -1;
	}
	if (h->nlabels != NER_NL || h->npasses < 1 || h->npasses > NER_PASSES)
		return fail(err, path, "NER model has an unexpected label set");
	if (h->size != size)
		return fail(err, path, h->size > size ? "NER model is truncated" :
			    "NER model has trailing bytes");
	uint64_t want = sizeof(*h) + tsz + esz +
			(uint64_t)h->nslots * sizeof(struct ner_slot) +
			(uint64_t)h->nrows * NER_ROW * sizeof(int16_t) +
			(uint64_t)h->ncslots * sizeof(struct ner_wslot) +
			(uint64_t)h->ngslots * sizeof(struct ner_cslot);
	if (want != size)
		return fail(err, path, "NER model sections do not match its size");
	if ((uint32_t)ner_file_crc(mem, size) != h->crc)
		return fail(err, path, "NER model is corrupt (checksum mismatch)");
	if (!(h->scale > 0) || !isfinite(h->scale) || h->reserved)
		return fail(err, path, "NER model is corrupt (bad header)");
	const unsigned char *p = (const unsigned char *)mem + sizeof(*h);
	m->h = h;
	memcpy(m->trans, p, tsz);
	memcpy(m->end, p + tsz, esz);
	for (int ps = 0; ps < NER_PASSES; ps++) {
		for (size_t i = 0; i < (NER_NL + 1) * NER_NL; i++)
			if (m->trans[ps][i] > NER_MAX_TRANS || m->trans[ps][i] < -NER_MAX_TRANS)
				return fail(err, path, "NER model is corrupt (transition weight out of range)");
		for (size_t i = 0; i < NER_NL; i++)
			if (m->end[ps][i] > NER_MAX_TRANS || m->end[ps][i] < -NER_MAX_TRANS)
				return fail(err, path, "NER model is corrupt (end weight out of range)");
	}
	const unsigned char *q2 = p + tsz + esz;
	m->slots = (const struct ner_slot *)q2;
	m->nslots = h->nslots;
	q2 += (size_t)h->nslots * sizeof(struct ner_slot);
	m->rows = (const int16_t *)q2;
	m->nrows = h->nrows;
	q2 += (size_t)h->nrows * NER_ROW * sizeof(int16_t);
	m->cs = (const struct ner_wslot *)q2;
	m->ncs = h->ncslots;
	m->gs = (const struct ner_cslot *)(m->cs + m->ncs);
	m->ngs = h->ngslots;
	m->npasses = (int)h->npasses;
	for (uint32_t i = 0; i < m->nslots; i++)
		if (m->slots[i].key && m->slots[i].row >= m->nrows)
			return fail(err, path, "NER model is corrupt (bad row index)");
	/* an open-addressing table needs an empty slot to end its probes */
	int full = 1;
	for (uint32_t i = 0; i < m->nslots && full; i++)
		full = m->slots[i].key != 0;
	if (m->nslots && full)
		return fail(err, path, "NER model weight table has no empty slot");
	full = 1;
	for (uint32_t i = 0; i < m->ncs && full; i++)
		full = m->cs[i].key != 0;
	if (m->ncs && full)
		return fail(err, path, "NER model cluster table has no empty slot");
	full = 1;
	for (uint32_t i = 0; i < m->ngs && full; i++)
		full = m->gs[i].key != 0;
	if (m->ngs && full)
		return fail(err, path, "NER model gazetteer table has no empty slot");
	m->occ = xcalloc((size_t)m->nslots / 64 + 1, sizeof(*m->occ));
	for (uint32_t i = 0; i < m->nslots; i++)
		if (m->slots[i].key)
			m->occ[i >> 6] |= (uint64_t)1 << (i & 63);
	return 0;
}

struct ner_model *ner_load_mem(void *mem, size_t size, const char *name,
			       struct buf *err)
{
	struct ner_model *m = xmalloc(sizeof(*m));

	if (model_open(m, mem, size, name, err) < 0) {
		free(mem);
		free(m);
		return NULL;
	}
	return m;
}

#define NER_HUGE ((size_t)2 << 20)

/* The length of the mapping huge_alloc makes for `size` bytes. */
static size_t huge_len(size_t size)
{
	return (size + NER_HUGE - 1) & ~(NER_HUGE - 1);
}

/*
 * Memory for a model of `size` bytes in 2 MB pages where the kernel gives
 * them (transparent huge pages, madvise mode): its tables are tens of MB
 * probed at random, and with 4 KB pages most probes of the word and
 * phrase tables missed the TLB as well as the cache. A mapping of
 * huge_len(size) bytes aligned to 2 MB, freed with munmap; NULL when
 * mmap fails.
 */
static void *huge_alloc(size_t size)
{
	size_t len = huge_len(size);
	char *map = mmap(NULL, len + NER_HUGE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED)
		return NULL;
	char *p = (char *)(((uintptr_t)map + NER_HUGE - 1) & ~(uintptr_t)(NER_HUGE - 1));
	if (p > map)
		munmap(map, (size_t)(p - map));
	if (map + len + NER_HUGE > p + len)
		munmap(p + len, (size_t)(map + len + NER_HUGE - (p + len)));
#ifdef MADV_HUGEPAGE
	madvise(p, len, MADV_HUGEPAGE);
#endif
	return p;
}

/* Sets up a model from `size` bytes of a huge_alloc mapping (taken:
 * unmapped by ner_free, or at once on error). */
static struct ner_model *load_mapped(void *mem, size_t size, const char *name,
				     struct buf *err)
{
	struct ner_model *m = xmalloc(sizeof(*m));

	if (model_open(m, mem, size, name, err) < 0) {
		munmap(mem, huge_len(size));
		free(m);
		return NULL;
	}
	m->mapped = huge_len(size);
	return m;
}

struct ner_model *ner_load(const char *path, struct buf *err)
{
	FILE *fp = fopen(path, "rb");
	struct stat st;

	if (!fp) {
		buf_addf(err, "cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(fp), &st) < 0 || !S_ISREG(st.st_mode)) {
		fclose(fp);
		fail(err, path, "not a regular file");
		return NULL;
	}
	size_t size = (size_t)st.st_size;
	void *hp = size >= sizeof(struct ner_fhdr) ? huge_alloc(size) : NULL;
	if (hp) {
		if (fread(hp, 1, size, fp) != size) {
			buf_addf(err, "cannot read '%s': %s", path,
				 ferror(fp) ? strerror(errno) : "short read");
			fclose(fp);
			munmap(hp, huge_len(size));
			return NULL;
		}
		fclose(fp);
		return load_mapped(hp, size, path, err);
	}
	void *mem = xmalloc(size ? size : 1);
	if (fread(mem, 1, size, fp) != size) {
		buf_addf(err, "cannot read '%s': %s", path,
			 ferror(fp) ? strerror(errno) : "short read");
		fclose(fp);
		free(mem);
		return NULL;
	}
	fclose(fp);
	return ner_load_mem(mem, size, path, err);
}

const char *ner_model_note(const struct ner_model *m)
{
	return m->h->note;
}

void ner_free(struct ner_model *m)
{
	if (!m)
		return;
	if (m->mapped)
		munmap(m->mem, m->mapped);
	else
		free(m->mem);
	free(m->occ);
	free(m);
}

/* ---- tagging ---- */

struct ner_work *ner_work_new(void)
{
	struct ner_work *w = xcalloc(1, sizeof(*w));
	buf_init(&w->tmp, 64);
	w->cache = xcalloc(NER_WCACHE, sizeof(*w->cache));
	return w;
}

void ner_work_free(struct ner_work *w)
{
	if (!w)
		return;
	free(w->tok);
	free(w->sent);
	free(w->dtab);
	free(w->lab);
	free(w->score);
	free(w->men);
	free(w->cache);
	free(w->tcache);
	buf_release(&w->tmp);
	free(w);
}

/* Emission scores of tokens [sb, se) for `pass` into w->score, then the
 * Viterbi labels into w->lab[sb..se). */
static inline size_t wkey_slot(uint64_t wh, int pass)
{
	uint64_t key = wh ^ (uint64_t)(pass + 1) * 0x9E3779B97F4A7C15ULL;
	return (size_t)(key >> 40) & (NER_WCACHE - 1);
}

/* Is the word of `t` in the cache of `w` for `pass`? */
static inline int word_cached(const struct ner_work *w, const struct ner_tok *t, int pass)
{
	uint64_t key = t->w ^ (uint64_t)(pass + 1) * 0x9E3779B97F4A7C15ULL;
	return w->cache[wkey_slot(t->w, pass)].key == key;
}

/* The summed rows of a word's own features for `pass`, from the cache of
 * `w` or computed and cached. */
static const int32_t *word_scores(const struct ner_model *m, struct ner_work *w,
				  const struct ner_tok *t, int pass)
{
	uint64_t key = t->w ^ (uint64_t)(pass + 1) * 0x9E3779B97F4A7C15ULL;
	struct ner_wcache *c = &w->cache[wkey_slot(t->w, pass)];
	uint64_t f[NER_MAXF];

	if (c->key == key)
		return c->s;
	memset(c->s, 0, sizeof(c->s));
	ner_emit(m, f, ner_features_word(w, t, pass, f), c->s);
	c->key = key;
	return c->s;
}

/* A token without a capital anywhere ("al-Qaida" and "iPod" have one):
 * a lower-case word or punctuation, equal to its lower-case form. */
static inline int plain_tok(const struct ner_tok *t)
{
	return (t->cls == CLS_LOWER || t->cls == CLS_PUNCT) && t->w == t->l;
}

/*
 * Is token i of sentence [sb, se) outside every mention for sure? A plain
 * token between plain tokens (or the sentence's ends): "of" in "Bank of
 * England" is not, "the" in "said the minister" is. Such tokens are about
 * half of news text; on CoNLL-2003 dev 6 of the ~28,000 are inside a gold
 * mention (train: 28 of ~114,000), and dev F1 moves from 92.59 to 92.57.
 * They get label O without features or Viterbi work, which makes tagging
 * about 1.6 times faster.
 */
static inline int surely_outside(const struct ner_work *w, size_t sb, size_t se, size_t i)
{
	return plain_tok(&w->tok[i]) && (i == sb || plain_tok(&w->tok[i - 1])) &&
	       (i + 1 == se || plain_tok(&w->tok[i + 1]));
}

/* Emission scores of tokens [sb, se) for `pass` into w->score, then the
 * Viterbi labels into w->lab[sb..se). */
static void decode_sentence(const struct ner_model *m, struct ner_work *w,
			    size_t sb, size_t se, int pass)
{
	size_t n = se - sb;
	size_t need = n * NER_NL + 2 * NER_NL + (n * NER_NL + 3) / 4 + 1;
	uint64_t f[2][NER_MAXF];
	int nf[2] = { 0, 0 };

	if (!n)
		return;
	if (need > w->ascore) {
		w->ascore = need + need / 2;
		w->score = xrealloc(w->score, w->ascore * sizeof(*w->score));
	}
	int32_t *e = w->score;
	/* a pipeline over the tokens: the context features of token i + 2 are
	 * hashed and their table slots prefetched, the rows of token i + 1
	 * found and prefetched (also those of its own word features when the
	 * word is not in the cache), the rows of token i summed; tokens
	 * surely outside every mention skip all three */
	const int16_t *rows[2][NER_MAXF], *wrows[2][NER_MAXF];
	int nr[2] = { 0, 0 }, nw[2] = { -1, -1 };
	uint64_t fw[NER_MAXF];
	if (!surely_outside(w, sb, se, sb)) {
		nf[0] = ner_features_ctx(w, sb, se, sb, pass, f[0]);
		prefetch(m, f[0], nf[0]);
	}
	if (sb + 1 < se && !surely_outside(w, sb, se, sb + 1)) {
		nf[1] = ner_features_ctx(w, sb, se, sb + 1, pass, f[1]);
		prefetch(m, f[1], nf[1]);
	}
	if (!surely_outside(w, sb, se, sb))
		nr[0] = ner_rows(m, f[0], nf[0], rows[0]);
	for (size_t i = sb; i < se; i++) {
		int cur = (int)((i - sb) & 1);
		/* f[cur] is free now: token i + 2 takes it */
		if (i + 2 < se && !surely_outside(w, sb, se, i + 2)) {
			nf[cur] = ner_features_ctx(w, sb, se, i + 2, pass, f[cur]);
			prefetch(m, f[cur], nf[cur]);
			__builtin_prefetch(&w->cache[wkey_slot(w->tok[i + 2].w, pass)]);
		}
		nw[!cur] = -1;
		if (i + 1 < se && !surely_outside(w, sb, se, i + 1)) {
			const struct ner_tok *t1 = &w->tok[i + 1];
			nr[!cur] = ner_rows(m, f[!cur], nf[!cur], rows[!cur]);
			if (!word_cached(w, t1, pass))
				nw[!cur] = ner_rows(m, fw, ner_features_word(w, t1, pass, fw),
						    wrows[!cur]);
		}
		int32_t *ei = e + (i - sb) * NER_NL;
		const struct ner_tok *t = &w->tok[i];
		if (surely_outside(w, sb, se, i)) {
			ei[0] = 0;
			for (int c = 1; c < NER_NL; c++)
				ei[c] = NER_OUTSIDE_PENALTY;
			continue;
		}
		if (word_cached(w, t, pass)) {
			memcpy(ei, word_scores(m, w, t, pass), NER_NL * sizeof(*ei));
		} else if (nw[cur] >= 0) {
			/* its word rows were found one token ago */
			struct ner_wcache *c = &w->cache[wkey_slot(t->w, pass)];
			memset(c->s, 0, sizeof(c->s));
			ner_sum(wrows[cur], nw[cur], c->s);
			c->key = t->w ^ (uint64_t)(pass + 1) * 0x9E3779B97F4A7C15ULL;
			memcpy(ei, c->s, NER_NL * sizeof(*ei));
		} else {
			memcpy(ei, word_scores(m, w, t, pass), NER_NL * sizeof(*ei));
		}
		ner_sum(rows[cur], nr[cur], ei);
	}
	ner_viterbi(e, n, m->trans[pass], m->end[pass], w->lab + sb,
		    e + n * NER_NL);
}

/* Confidence in a mention of tokens [b, e) of type `type`: at each token,
 * the best local score of each type (any BILOU position) and of O go
 * through a softmax; the mean probability of the mention's type. */
static float confidence(const struct ner_model *m, const struct ner_work *w,
			size_t sb, size_t b, size_t e, int type)
{
	double sum = 0;
	double scale = m->h->scale > 0 ? m->h->scale : 1;

	for (size_t i = b; i < e; i++) {
		const int32_t *ei = w->score + (i - sb) * NER_NL;
		double g[NER_NTYPES + 1], best;
		g[NER_NTYPES] = ei[0];
		for (int t = 0; t < NER_NTYPES; t++) {
			int32_t v = ei[1 + 4 * t];
			for (int k = 1; k < 4; k++)
				if (ei[1 + 4 * t + k] > v)
					v = ei[1 + 4 * t + k];
			g[t] = v;
		}
		best = g[NER_NTYPES];
		for (int t = 0; t < NER_NTYPES; t++)
			if (g[t] > best)
				best = g[t];
		double z = 0;
		for (int t = 0; t <= NER_NTYPES; t++)
			z += exp((g[t] - best) * scale);
		sum += exp((g[type] - best) * scale) / z;
	}
	return e > b ? (float)(sum / (double)(e - b)) : 0;
}

void ner_tag_doc(const struct ner_model *m, struct ner_work *w,
		 struct ner_sentence *s, size_t n)
{
	int last = m->npasses - 1;

	if (w->cache_model != m || w->cache_crc != m->h->crc) {
		for (size_t i = 0; i < NER_WCACHE; i++)
			w->cache[i].key = 0;
		w->cache_model = m;
		w->cache_crc = m->h->crc;
	}
	ner_doc_prepare(m, w, s, n);
	for (int pass = 0; pass < last; pass++) {
		for (size_t i = 0; i < n; i++)
			decode_sentence(m, w, w->sent[i], w->sent[i + 1], pass);
		for (size_t i = 0; i < w->ntok; i++)
			w->tok[i].p1 = w->lab[i];
		ner_doc_stats(w);
	}
	/* the last pass, sentence by sentence, collecting mentions while the
	 * sentence's scores are at hand; w->sent[i] is reused to hold the
	 * index of sentence i's first mention once the sentence is done */
	w->nmen = 0;
	for (size_t i = 0; i < n; i++) {
		size_t sb = w->sent[i], se = w->sent[i + 1];
		decode_sentence(m, w, sb, se, last);
		w->sent[i] = w->nmen;
		for (size_t j = sb; j < se; j++) {
			int l = w->lab[j];
			if (!l || (ner_lpos(l) != NER_B && ner_lpos(l) != NER_U))
				continue;
			size_t k = j + 1;   /* end of the mention */
			if (ner_lpos(l) == NER_B) {
				while (k < se && ner_lpos(w->lab[k]) != NER_L)
					k++;
				if (k < se)
					k++;
			}
			if (w->nmen == w->amen) {
				w->amen = w->amen ? 2 * w->amen : 64;
				w->men = xrealloc(w->men, w->amen * sizeof(*w->men));
			}
			struct ner_mention *mm = &w->men[w->nmen++];
			mm->tb = j - sb;
			mm->te = k - sb;
			mm->type = (enum ner_type)ner_ltype(l);
			mm->score = confidence(m, w, sb, j, k, ner_ltype(l));
			j = k - 1;
		}
	}
	for (size_t i = 0; i < n; i++) {
		size_t end = i + 1 < n ? w->sent[i + 1] : w->nmen;
		s[i].m = w->men ? w->men + w->sent[i] : NULL; /* no mention yet: no array */
		s[i].nm = end - w->sent[i];
	}
}
