/*
 * gazetteer — phrase dictionaries matched over folded words (gazetteer.h).
 *
 * Every phrase is a sequence of folded words. The general hash table
 * (htab) maps the joined key of a word sequence (words separated by 0x1F,
 * hashed incrementally over the word hashes) to a node holding the kinds
 * of the entries ending there and the kinds of the longer phrases it
 * begins.
 * Matching from a start word extends one word at a time while the
 * sequence is a known prefix: at most GAZ_MAXWORDS steps per start.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wire/core/csvfile.h"
#include "wire/core/data.h"
#include "wire/core/err.h"
#include "wire/entities/gazetteer.h"
#include "wire/core/hash.h"
#include "wire/core/htab.h"
#include "wire/core/input.h"
#include "wire/core/utf8.h"

static const char *const kind_names[GAZ_NKINDS] = {
	"country", "gpe", "loc", "demonym", "org", "orghead",
	"event", "eventhead", "rank", "role", "honorific", "misc",
};

const char *gaz_kind_name(enum gaz_kind k)
{
	return (unsigned)k < GAZ_NKINDS ? kind_names[k] : "?";
}

int gaz_kind_parse(const char *s, size_t n)
{
	for (int k = 0; k < GAZ_NKINDS; k++)
		if (strlen(kind_names[k]) == n && !memcmp(kind_names[k], s, n))
			return k;
	return -1;
}

struct entry {
	struct gaz_entry pub;
	uint32_t need_title, need_caps; /* one bit per word */
	long next;                      /* next entry of the same phrase, -1 */
};

struct node {
	unsigned nwords;
	unsigned entry_kinds;   /* kinds of the entries of this very phrase */
	unsigned prefix_kinds;  /* kinds of longer phrases starting with it */
	long first, last;       /* entries, -1 when none */
};

struct gazetteer {
	struct entry *ent;
	size_t nent, ent_alloc;
	struct htab index;      /* joined key -> node id (nodes by id) */
	struct node *node;
	size_t nnode, node_alloc;
	/* scratch */
	struct tokens tok;
	struct gaz_words words;
};

#define SEQ_INIT 0x9E3779B97F4A7C15ULL

static uint64_t seq_mix(uint64_t seq, uint64_t wh)
{
	seq ^= wh;
	seq *= 0xff51afd7ed558ccdULL;
	seq ^= seq >> 31;
	return seq;
}

/*
 * The key of a word sequence in the index: its folded words joined by 0x1F,
 * hashed by seq_mix over the word hashes. Built one word at a time on the
 * stack (on the heap past KEY_STACK bytes), so lookups need no allocation.
 */
#define KEY_STACK 512

struct key {
	char stack[KEY_STACK];
	char *p;
	size_t len, cap;
	uint64_t seq;
};

static void key_init(struct key *k)
{
	k->p = k->stack;
	k->len = 0;
	k->cap = KEY_STACK;
	k->seq = SEQ_INIT;
}

/* Appends word i of w. */
static void key_add(struct key *k, const struct gaz_words *w, size_t i)
{
	const struct gaz_word *x = &w->v[i];
	size_t need = k->len + 1 + x->kn;

	if (need > k->cap) {
		char *p = xmalloc(2 * need);
		memcpy(p, k->p, k->len);
		if (k->p != k->stack)
			free(k->p);
		k->p = p;
		k->cap = 2 * need;
	}
	if (k->len) /* words are never empty: len 0 means no word yet */
		k->p[k->len++] = 0x1f;
	memcpy(k->p + k->len, w->keys.buf + x->kb, x->kn);
	k->len += x->kn;
	k->seq = seq_mix(k->seq, x->h);
}

static void key_release(struct key *k)
{
	if (k->p != k->stack)
		free(k->p);
}

struct gazetteer *gaz_new(void)
{
	struct gazetteer *g = xcalloc(1, sizeof(*g));
	htab_init(&g->index);
	struct gaz_words w = GAZ_WORDS_INIT;
	g->words = w;
	return g;
}

void gaz_free(struct gazetteer *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->nent; i++) {
		free((char *)g->ent[i].pub.name);
		if (g->ent[i].pub.canonical != g->ent[i].pub.name)
			free((char *)g->ent[i].pub.canonical);
	}
	free(g->ent);
	free(g->node);
	htab_release(&g->index);
	tokens_release(&g->tok);
	gaz_words_release(&g->words);
	free(g);
}

size_t gaz_size(const struct gazetteer *g)
{
	return g->nent;
}

/* ---- words ---- */

static unsigned char cap_of(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	int first = 1, letters = 0, all = 1;
	unsigned char cap = 0;

	while (p < end) {
		int32_t cp;
		int len = utf8_decode(p, end, &cp);
		p += len ? len : 1;
		if (!utf8_is_alpha(cp))
			continue;
		letters++;
		if (first && utf8_is_upper(cp))
			cap |= GAZ_CAP_TITLE;
		first = 0;
		if (!utf8_is_upper(cp))
			all = 0;
	}
	if (letters && all)
		cap |= GAZ_CAP_ALL;
	return cap;
}

void gaz_words_build(struct gaz_words *w, const char *text, const struct token *tok,
		     size_t ntok)
{
	w->n = 0;
	buf_reset(&w->keys);
	if (w->tok_alloc < ntok + 1) {
		w->tok_alloc = ntok + 1;
		w->of_tok = xrealloc(w->of_tok, w->tok_alloc * sizeof(*w->of_tok));
	}
	for (size_t i = 0; i < ntok; i++) {
		const char *s = text + tok[i].b;
		size_t n = tok[i].e - tok[i].b;
		w->of_tok[i] = (size_t)-1;
		size_t kb = w->keys.len;
		utf8_fold(&w->keys, s, n);
		/* drop dots: "Gen." = "Gen", "U.S." = "US" */
		size_t k = kb;
		for (size_t j = kb; j < w->keys.len; j++)
			if (w->keys.buf[j] != '.')
				w->keys.buf[k++] = w->keys.buf[j];
		buf_setlen(&w->keys, k);
		if (k == kb)
			continue;
		if (w->n == w->alloc) {
			w->alloc = w->alloc ? 2 * w->alloc : 64;
			w->v = xrealloc(w->v, w->alloc * sizeof(*w->v));
		}
		struct gaz_word *x = &w->v[w->n];
		x->tok = i;
		x->kb = kb;
		x->kn = k - kb;
		x->h = hash_fnv1a(w->keys.buf + kb, k - kb);
		x->cap = cap_of(s, n);
		w->of_tok[i] = w->n++;
	}
}

void gaz_words_release(struct gaz_words *w)
{
	free(w->v);
	free(w->of_tok);
	buf_release(&w->keys);
	w->v = NULL;
	w->of_tok = NULL;
	w->n = w->alloc = w->tok_alloc = 0;
}

/* ---- the table ---- */

/* Words [b, e) of w, as a key compared in place by seq_is. */
struct seq_ref {
	const struct gaz_words *w;
	size_t b, e;
};

/* Is `key` (n bytes) the words of ref joined by 0x1F? n is already the
 * joined length. */
static int seq_is(const char *key, size_t n, const void *arg)
{
	const struct seq_ref *r = arg;
	const char *k = key;

	(void)n;
	for (size_t i = r->b; i < r->e; i++) {
		const struct gaz_word *x = &r->w->v[i];
		if (memcmp(k, r->w->keys.buf + x->kb, x->kn))
			return 0;
		k += x->kn;
		if (i + 1 < r->e && *k++ != 0x1f)
			return 0;
	}
	return 1;
}

/* The node of words [b, e) of w, whose key is `len` bytes long and whose
 * sequence hash is `seq`, or -1. Builds no key. */
static long find_words(const struct gazetteer *g, const struct gaz_words *w, size_t b,
		       size_t e, size_t len, uint64_t seq)
{
	struct seq_ref r = { w, b, e };
	return htab_find_eq(&g->index, len, seq, seq_is, &r);
}

/* The node of key k (of `nwords` words), created when missing. */
static struct node *get_node(struct gazetteer *g, const struct key *k, size_t nwords)
{
	int added;
	uint32_t id = htab_intern(&g->index, k->p, k->len, k->seq, &added);

	if (!added)
		return &g->node[id];
	if (g->nnode == g->node_alloc) {
		g->node_alloc = g->node_alloc ? 2 * g->node_alloc : 256;
		g->node = xrealloc(g->node, g->node_alloc * sizeof(*g->node));
	}
	struct node *nd = &g->node[g->nnode++]; /* id == nnode: ids are dense */
	nd->nwords = (unsigned)nwords;
	nd->entry_kinds = nd->prefix_kinds = 0;
	nd->first = nd->last = -1;
	return nd;
}

int gaz_add(struct gazetteer *g, enum gaz_kind kind, const char *name,
	    const char *canonical, const char *iso, struct buf *err)
{
	size_t n = strlen(name);
	struct gaz_words *w = &g->words;

	if (iso && *iso && (strlen(iso) != 2 || iso[0] < 'A' || iso[0] > 'Z' ||
			    iso[1] < 'A' || iso[1] > 'Z')) {
		if (err) {
			buf_adds(err, "iso code '");
			csvfile_show(err, iso, strlen(iso));
			buf_adds(err, "' is not two capital letters");
		}
		return -1;
	}
	token_split(name, n, &g->tok);
	gaz_words_build(w, name, g->tok.v, g->tok.n);
	if (w->n == 0 || w->n > GAZ_MAXWORDS) {
		if (err) {
			buf_adds(err, "name '");
			csvfile_show(err, name, n);
			buf_addf(err, "' has %s words", w->n ? "too many" : "no");
		}
		return -1;
	}
	struct key k;
	struct node *nd = NULL;
	key_init(&k);
	for (size_t j = 0; j < w->n; j++) {
		key_add(&k, w, j);
		nd = get_node(g, &k, j + 1);
		if (j + 1 < w->n)
			nd->prefix_kinds |= GAZ_BIT(kind);
	}
	key_release(&k);
	if (g->nent == g->ent_alloc) {
		g->ent_alloc = g->ent_alloc ? 2 * g->ent_alloc : 256;
		g->ent = xrealloc(g->ent, g->ent_alloc * sizeof(*g->ent));
	}
	long idx = (long)g->nent++;
	struct entry *e = &g->ent[idx];
	memset(e, 0, sizeof(*e));
	e->pub.kind = kind;
	e->pub.name = xstrdup(name);
	e->pub.canonical = canonical && *canonical ? xstrdup(canonical) : e->pub.name;
	if (iso && *iso)
		memcpy(e->pub.iso, iso, 2);
	if (kind != GAZ_ROLE) {
		for (size_t j = 0; j < w->n; j++) {
			const struct token *t = &g->tok.v[w->v[j].tok];
			unsigned char c = w->v[j].cap;
			if ((c & GAZ_CAP_ALL) && utf8_count(name + t->b, t->e - t->b) >= 2 &&
			    w->v[j].kn >= 2)
				e->need_caps |= 1u << j;
			else if (c & GAZ_CAP_TITLE)
				e->need_title |= 1u << j;
		}
	}
	e->next = -1;
	if (nd->last >= 0)
		g->ent[nd->last].next = idx;
	else
		nd->first = idx;
	nd->last = idx;
	nd->entry_kinds |= GAZ_BIT(kind);
	return 0;
}

/* Does entry `e` accept the case of words [b, ...) of `w`? */
static int case_ok(const struct entry *e, const struct gaz_words *w, size_t b, size_t nw)
{
	for (size_t j = 0; j < nw; j++) {
		unsigned char c = w->v[b + j].cap;
		if ((e->need_caps >> j) & 1) {
			if (!(c & GAZ_CAP_ALL))
				return 0;
		} else if ((e->need_title >> j) & 1) {
			if (!(c & (GAZ_CAP_TITLE | GAZ_CAP_ALL)))
				return 0;
		}
	}
	return 1;
}

static const struct entry *node_entry(const struct gazetteer *g, const struct node *nd,
				      const struct gaz_words *w, size_t b, unsigned kinds)
{
	if (!(nd->entry_kinds & kinds))
		return NULL;
	for (long i = nd->first; i >= 0; i = g->ent[i].next) {
		const struct entry *e = &g->ent[i];
		if ((GAZ_BIT(e->pub.kind) & kinds) && case_ok(e, w, b, nd->nwords))
			return e;
	}
	return NULL;
}

int gaz_match_at(const struct gazetteer *g, const struct gaz_words *w, size_t i,
		 unsigned kinds, struct gaz_match *m)
{
	uint64_t seq = SEQ_INIT;
	size_t len = 0;
	int found = 0;

	for (size_t j = i; j < w->n && j - i < GAZ_MAXWORDS; j++) {
		len += (j > i) + w->v[j].kn;
		seq = seq_mix(seq, w->v[j].h);
		long s = find_words(g, w, i, j + 1, len, seq);
		if (s < 0)
			break;
		const struct node *nd = &g->node[s];
		const struct entry *e = node_entry(g, nd, w, i, kinds);
		if (e) {
			m->wb = i;
			m->we = j + 1;
			m->e = &e->pub;
			found = 1;
		}
		if (!(nd->prefix_kinds & kinds))
			break;
	}
	return found;
}

const struct gaz_entry *gaz_match_exact(const struct gazetteer *g, const struct gaz_words *w,
					size_t wb, size_t we, unsigned kinds)
{
	if (we <= wb || we - wb > GAZ_MAXWORDS || we > w->n)
		return NULL;
	uint64_t seq = SEQ_INIT;
	size_t len = 0;
	for (size_t j = wb; j < we; j++) {
		len += (j > wb) + w->v[j].kn;
		seq = seq_mix(seq, w->v[j].h);
	}
	long s = find_words(g, w, wb, we, len, seq);
	if (s < 0)
		return NULL;
	const struct entry *e = node_entry(g, &g->node[s], w, wb, kinds);
	return e ? &e->pub : NULL;
}

const struct gaz_entry *gaz_lookup_word(const struct gazetteer *g, const char *s, size_t n,
					unsigned kinds)
{
	struct gaz_words w = GAZ_WORDS_INIT;
	struct token t = { 0, n, 0, utf8_count(s, n) };
	const struct gaz_entry *e = NULL;

	gaz_words_build(&w, s, &t, 1);
	if (w.n == 1)
		e = gaz_match_exact(g, &w, 0, 1, kinds);
	gaz_words_release(&w);
	return e;
}

/* ---- CSV files (csvfile: the data files' policy) ---- */

enum { COL_KIND, COL_NAME, COL_CANON, COL_ISO, NCOLS };
static const char *const col_names[NCOLS] = { "kind", "name", "canonical", "iso" };

struct loader {
	struct gazetteer *g;
	int col[NCOLS];         /* field index of each column, -1 if absent */
};

static const char *fieldv(const struct loader *L, const struct csvfile_row *row, int c)
{
	int i = L->col[c];
	return i < 0 ? "" : row->f[i];
}

static int on_row(void *ctx, const struct csvfile_row *row, int header, struct buf *msg)
{
	struct loader *L = ctx;

	if (header) {
		for (int k = 0; k < NCOLS; k++)
			L->col[k] = -1;
		for (size_t i = 0; i < row->n; i++)
			for (int k = 0; k < NCOLS; k++)
				if (!strcmp(row->f[i], col_names[k]) && L->col[k] < 0)
					L->col[k] = (int)i;
		for (int k = COL_KIND; k <= COL_NAME; k++)
			if (L->col[k] < 0) {
				buf_addf(msg, "no '%s' column in the header", col_names[k]);
				return -1;
			}
		return 0;
	}
	const char *kind = fieldv(L, row, COL_KIND), *name = fieldv(L, row, COL_NAME);
	if (*kind == '#')
		return 0; /* a commented-out row */
	int k = gaz_kind_parse(kind, strlen(kind));
	if (k < 0) {
		buf_adds(msg, "unknown kind '");
		csvfile_show(msg, kind, strlen(kind));
		buf_addc(msg, '\'');
		return -1;
	}
	if (!*name) {
		buf_adds(msg, "empty name");
		return -1;
	}
	return gaz_add(L->g, (enum gaz_kind)k, name, fieldv(L, row, COL_CANON),
		       fieldv(L, row, COL_ISO), msg);
}

int gaz_load_file(struct gazetteer *g, const char *path, struct buf *err)
{
	struct loader L = { g, { -1, -1, -1, -1 } };

	return csvfile_load(path, on_row, &L, err);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int gaz_load_default(struct gazetteer *g, struct buf *err)
{
	char *dir = data_path("gazetteer");
	if (!dir) {
		buf_adds(err, "cannot find the data folder 'gazetteer' (set WIRE_DATA)");
		return -1;
	}
	DIR *d = opendir(dir);
	if (!d) {
		buf_addf(err, "cannot open '%s': %s", dir, strerror(errno));
		free(dir);
		return -1;
	}
	char **names = NULL;
	size_t n = 0, alloc = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		if (l < 5 || de->d_name[0] == '.' || strcmp(de->d_name + l - 4, ".csv"))
			continue;
		if (n == alloc) {
			alloc = alloc ? 2 * alloc : 16;
			names = xrealloc(names, alloc * sizeof(*names));
		}
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_str);
	int loaded = 0;
	struct buf path = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (loaded >= 0) {
			buf_reset(&path);
			buf_adds(&path, dir);
			buf_addc(&path, '/');
			buf_adds(&path, names[i]);
			if (gaz_load_file(g, path.buf, err) < 0)
				loaded = -1;
			else
				loaded++;
		}
		free(names[i]);
	}
	free(names);
	buf_release(&path);
	free(dir);
	return loaded;
}
