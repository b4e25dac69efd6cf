/*
 * model — the meeting words and modes of wire-extract-events, read from
 * the CSV files of share/wire/events, and the phrase matcher over folded text.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "events_impl.h"
#include "wire/core/csvfile.h"
#include "wire/core/data.h"
#include "wire/core/err.h"

static const char *const kind_names[] = {
	[K_MEET] = "meet", [K_ATTEND] = "attend", [K_COCHAIR] = "cochair", [K_JOINT] = "joint", [K_VISIT] = "visit", [K_OPEN] = "open",
	[K_MODE] = "mode", [K_FUTURE] = "future", [K_LATER] = "later", [K_FILLER] = "filler",
};

struct load_ctx {
	struct events_model *m;
	int (*row)(struct load_ctx *c, const char *const *f, size_t k, struct buf *msg);
};

/* csvfile's callback: the header is not looked at (the columns are fixed
 * by position), each data row goes to c->row. */
static int on_row(void *vc, const struct csvfile_row *row, int header, struct buf *msg)
{
	struct load_ctx *c = vc;

	return header ? 0 : c->row(c, row->f, row->n, msg);
}

/* Appends a value for a message, cut when long. */
static void show(struct buf *msg, const char *s)
{
	buf_addc(msg, '\'');
	csvfile_show(msg, s, strlen(s));
	buf_addc(msg, '\'');
}

static int mode_index(const struct events_model *m, const char *name)
{
	for (size_t i = 0; i < m->nmodes; i++)
		if (!strcmp(m->modes[i].name, name))
			return (int)i;
	return -1;
}

static int mode_row(struct load_ctx *c, const char *const *f, size_t k, struct buf *msg)
{
	struct events_model *m = c->m;

	if (k != 3) {
		buf_adds(msg, "expected mode,plover_mode,cameo");
		return -1;
	}
	m->modes = xrealloc(m->modes, (m->nmodes + 1) * sizeof(*m->modes));
	m->modes[m->nmodes].name = xstrdup(f[0]);
	m->modes[m->nmodes].plover = xstrdup(f[1]);
	m->modes[m->nmodes].cameo = xstrdup(f[2]);
	m->nmodes++;
	return 0;
}

static int verb_row(struct load_ctx *c, const char *const *f, size_t k, struct buf *msg)
{
	struct events_model *m = c->m;
	int kind = -1, mode = -1;

	if (k != 3 || !*f[0]) {
		buf_adds(msg, "expected phrase,kind,mode");
		return -1;
	}
	for (size_t i = 0; i < sizeof(kind_names) / sizeof(*kind_names); i++)
		if (!strcmp(kind_names[i], f[1]))
			kind = (int)i;
	if (kind < 0) {
		buf_adds(msg, "unknown kind ");
		show(msg, f[1]);
		return -1;
	}
	if (*f[2] && (mode = mode_index(m, f[2])) < 0) {
		buf_adds(msg, "unknown mode ");
		show(msg, f[2]);
		return -1;
	}
	if (kind <= K_MODE && mode < 0) {
		show(msg, f[0]);
		buf_adds(msg, " needs a mode");
		return -1;
	}
	m->ph = xrealloc(m->ph, (m->nph + 1) * sizeof(*m->ph));
	struct ev_phrase *ph = &m->ph[m->nph++];
	ph->text = xstrdup(f[0]);
	ph->n = strlen(ph->text);
	for (size_t i = 0; i < ph->n; i++)
		ph->text[i] = (char)tolower((unsigned char)ph->text[i]);
	ph->kind = kind;
	ph->mode = mode;
	return 0;
}

/* Phrases by first byte, second byte, then longest first: ev_match
 * takes the first (longest) match and stops past the second byte. */
static int cmp_phrase(const void *a, const void *b)
{
	const struct ev_phrase *x = a, *y = b;
	unsigned char cx = (unsigned char)x->text[0], cy = (unsigned char)y->text[0];

	if (cx != cy)
		return cx < cy ? -1 : 1;
	cx = (unsigned char)x->text[1];
	cy = (unsigned char)y->text[1];
	if (cx != cy)
		return cx < cy ? -1 : 1;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->text, y->text);
}

static void index_phrases(struct events_model *m)
{
	qsort(m->ph, m->nph, sizeof(*m->ph), cmp_phrase);
	for (size_t i = 0; i < m->nph; i++) {
		const unsigned char *t = (const unsigned char *)m->ph[i].text;
		if (m->ph[i].kind == K_FILLER)
			continue;
		/* a phrase shorter than three bytes ends in a space or the end */
		for (unsigned k = 0; k < (m->ph[i].n >= 3 ? 1u : 256u); k++) {
			unsigned x = ev_lead(t[0], m->ph[i].n > 1 ? t[1] : (unsigned char)k,
					     m->ph[i].n > 2 ? t[2] : (unsigned char)k);
			m->lead[x >> 3] |= (unsigned char)(1u << (x & 7));
		}
	}
	size_t j = 0;
	for (unsigned c = 0; c <= 256; c++) {
		while (j < m->nph && (unsigned char)m->ph[j].text[0] < c)
			j++;
		m->first[c] = j;
	}
}

/* events_model_parse with the names used in messages. */
static struct events_model *parse_named(const char *verbs, size_t nverbs, const char *vname,
					const char *modes, size_t nmodes, const char *mname,
					const char *taxonomy, size_t ntaxonomy, struct buf *err)
{
	struct events_model *m = xcalloc(1, sizeof(*m));
	struct load_ctx c = { m, mode_row };

	if (csvfile_parse(modes, nmodes, mname, on_row, &c, err) < 0)
		goto fail;
	m->talks = mode_index(m, "talks");
	m->multilateral = mode_index(m, "multilateral");
	m->sidelines = mode_index(m, "sidelines");
	if (m->talks < 0 || m->multilateral < 0 || m->sidelines < 0) {
		buf_addf(err, "%s: needs the modes talks, sidelines and multilateral", mname);
		goto fail;
	}
	c.row = verb_row;
	if (csvfile_parse(verbs, nverbs, vname, on_row, &c, err) < 0)
		goto fail;
	index_phrases(m);
	if (taxonomy && !(m->tax = taxonomy_parse(taxonomy, ntaxonomy, "defence.csv", err)))
		goto fail;
	return m;
fail:
	events_model_free(m);
	return NULL;
}

struct events_model *events_model_parse(const char *verbs, size_t nverbs, const char *modes,
					size_t nmodes, const char *taxonomy, size_t ntaxonomy,
					struct buf *err)
{
	return parse_named(verbs, nverbs, "meeting-verbs.csv", modes, nmodes, "meeting-modes.csv",
			   taxonomy, ntaxonomy, err);
}

/* Reads data file `name` (or `path` when given) into `b`. */
static int read_data(struct buf *b, const char *path, const char *name, struct buf *err)
{
	char *found = NULL;

	if (!path) {
		found = data_path(name);
		if (!found) {
			buf_addf(err, "cannot find the data file '%s' (set WIRE_DATA)", name);
			return -1;
		}
		path = found;
	}
	int rc = buf_read_file(b, path, err);
	free(found);
	return rc;
}

struct events_model *events_model_load(const char *verbs, const char *modes, const char *taxonomy,
				       struct buf *err)
{
	struct buf v = BUF_INIT, md = BUF_INIT, t = BUF_INIT;
	struct events_model *m = NULL;

	if (read_data(&v, verbs, "events/meeting-verbs.csv", err) == 0 &&
	    read_data(&md, modes, "events/meeting-modes.csv", err) == 0 &&
	    read_data(&t, taxonomy, "taxonomy/defence.csv", err) == 0)
		m = parse_named(v.buf, v.len, verbs ? verbs : "meeting-verbs.csv", md.buf, md.len,
				modes ? modes : "meeting-modes.csv", t.buf, t.len, err);
	buf_release(&v);
	buf_release(&md);
	buf_release(&t);
	return m;
}

void events_model_free(struct events_model *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nph; i++)
		free(m->ph[i].text);
	for (size_t i = 0; i < m->nmodes; i++) {
		free(m->modes[i].name);
		free(m->modes[i].plover);
		free(m->modes[i].cameo);
	}
	free(m->ph);
	free(m->modes);
	if (m->tax)
		taxonomy_free(m->tax);
	free(m);
}

static int word_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80 || c == '-';
}

long ev_match(const struct events_model *m, const char *fold, size_t i, size_t n, int kind)
{
	unsigned char c = (unsigned char)fold[i];

	if (i > 0 && word_byte((unsigned char)fold[i - 1]))
		return -1;
	unsigned x = ev_lead(c, i + 1 < n ? (unsigned char)fold[i + 1] : 0,
			     i + 2 < n ? (unsigned char)fold[i + 2] : 0);
	if (kind < 0 && !(m->lead[x >> 3] & (1u << (x & 7))))
		return -1;  /* no trigger or cue starts so: most words */
	unsigned char c1 = i + 1 < n ? (unsigned char)fold[i + 1] : 0;
	for (size_t j = m->first[c]; j < m->first[c + 1]; j++) {
		const struct ev_phrase *ph = &m->ph[j];
		unsigned char p1 = (unsigned char)ph->text[1];
		if (p1 > c1 && ph->n > 1)
			break;  /* sorted by their second byte */
		if (ph->n > n - i || (ph->n > 1 && p1 != c1))
			continue;
		if (kind >= 0 ? ph->kind != kind : ph->kind == K_FILLER)
			continue;
		if (memcmp(fold + i, ph->text, ph->n))
			continue;
		if (i + ph->n < n && word_byte((unsigned char)fold[i + ph->n]))
			continue;
		return (long)j;
	}
	return -1;
}
