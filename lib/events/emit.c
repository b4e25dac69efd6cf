/*
 * emit — the candidate events of a document merged (the same meeting
 * told twice, an unnamed side named later) and written as records.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "events_impl.h"
#include "wire/core/err.h"
#include "wire/core/json.h"

/* The country of side i of ev: the person's, or the unnamed side's. */
static uint32_t side_country(const struct events_doc *d, const struct ev_side *sd)
{
	return sd->person >= 0 ? d->p[sd->person].country : sd->iso;
}

static int has_side(const struct ev_event *ev, const struct ev_side *sd)
{
	for (int i = 0; i < ev->nside; i++)
		if (ev->side[i].person == sd->person && (sd->person >= 0 || ev->side[i].iso == sd->iso))
			return 1;
	return 0;
}

static int same_sides(const struct ev_event *a, const struct ev_event *b)
{
	if (a->nside != b->nside)
		return 0;
	for (int i = 0; i < a->nside; i++)
		if (!has_side(b, &a->side[i]))
			return 0;
	return 1;
}

/* b is a's meeting told again: a takes its evidence and b goes. */
static void absorb(struct events_doc *d, struct ev_event *a, struct ev_event *b)
{
	for (int i = 0; i < b->nevid && a->nevid < EV_MAXEVID; i++) {
		int dup = 0;
		for (int j = 0; j < a->nevid; j++)
			dup |= a->evid[j].sent == b->evid[i].sent;
		if (!dup)
			a->evid[a->nevid++] = b->evid[i];
	}
	if (a->mode == d->m->talks)
		a->mode = b->mode;
	if (a->at < 0)
		a->at = b->at;
	for (int i = 0; i < b->nside; i++)
		if (a->multi && !has_side(a, &b->side[i]) && a->nside < EV_MAXSIDE)
			a->side[a->nside++] = b->side[i];
	b->dead = 1;
}

/* An unnamed side of country C in a two-sided event, when another event
 * has the same other side and a named person of C: the same meeting. */
static struct ev_event *named_twin(struct events_doc *d, const struct ev_event *u)
{
	int un = u->side[0].person < 0 ? 0 : 1;
	const struct ev_side *other = &u->side[1 - un];
	const char *iso = ev_str(d, u->side[un].iso);

	for (size_t j = 0; j < d->nev; j++) {
		struct ev_event *x = &d->ev[j];
		if (x == u || x->dead || x->multi || !has_side(x, other))
			continue;
		for (int i = 0; i < x->nside; i++)
			if (x->side[i].person >= 0 && x->side[i].person != other->person &&
			    !strcmp(ev_str(d, side_country(d, &x->side[i])), iso))
				return x;
	}
	return NULL;
}

/* "his Lao counterpart": an unnamed side is the one person of its
 * country the article names, other than the other sides. */
static void name_unnamed(struct events_doc *d, struct ev_event *ev)
{
	for (int i = 0; i < ev->nside; i++) {
		struct ev_side *sd = &ev->side[i];
		int found = -1, many = 0;
		if (sd->person >= 0 || !sd->counterpart)
			continue;
		for (size_t p = 0; p < d->np; p++) {
			struct ev_side named = { (int)p, 0, 0 };
			if (d->p[p].same >= 0 || has_side(ev, &named) ||
			    strcmp(ev_str(d, d->p[p].country), ev_str(d, sd->iso)))
				continue;
			many += found >= 0;
			found = (int)p;
		}
		if (found >= 0 && !many)
			sd->person = found;
	}
}

static void merge(struct events_doc *d)
{
	for (size_t i = 0; i < d->nev; i++)
		name_unnamed(d, &d->ev[i]);
	for (size_t i = 0; i < d->nev; i++)
		for (size_t j = i + 1; j < d->nev && !d->ev[i].dead; j++) {
			struct ev_event *a = &d->ev[i], *b = &d->ev[j];
			if (b->dead)
				continue;
			if ((a->mode == d->m->multilateral) != (b->mode == d->m->multilateral))
				continue;
			if (same_sides(a, b))
				absorb(d, a, b);
		}
	for (size_t i = 0; i < d->nev; i++) {
		struct ev_event *u = &d->ev[i];
		if (u->dead || u->multi || u->nside != 2 ||
		    (u->side[0].person >= 0) == (u->side[1].person >= 0))
			continue;
		struct ev_event *x = named_twin(d, u);
		if (x)
			absorb(d, x, u);
	}
}

static void add_str(struct buf *o, const struct events_doc *d, uint32_t off)
{
	if (!off) {
		buf_adds(o, "null");
		return;
	}
	const char *s = ev_str(d, off);
	json_escape(o, s, strlen(s));
}

static void add_member(struct buf *o, const char *name, const struct events_doc *d, uint32_t off)
{
	buf_adds(o, ",\"");
	buf_adds(o, name);
	buf_adds(o, "\":");
	add_str(o, d, off);
}

static void add_participant(struct buf *o, const struct events_doc *d, const struct ev_side *sd)
{
	if (sd->person < 0) {
		buf_adds(o, "{\"key\":\"country:");
		buf_adds(o, ev_str(d, sd->iso));
		buf_adds(o, "\",\"name\":null,\"rank\":null,\"role\":null,\"honorific\":null,\"country\":");
		add_str(o, d, sd->iso);
		buf_adds(o, ",\"org\":null}");
		return;
	}
	const struct ev_person *p = &d->p[sd->person];
	buf_adds(o, "{\"key\":");
	add_str(o, d, p->key);
	add_member(o, "name", d, p->name);
	add_member(o, "rank", d, p->rank);
	add_member(o, "role", d, p->role);
	add_member(o, "honorific", d, p->honorific);
	add_member(o, "country", d, p->country);
	add_member(o, "org", d, p->org);
	buf_addc(o, '}');
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void add_countries(struct buf *o, const struct events_doc *d, const struct ev_event *ev)
{
	const char *c[EV_MAXSIDE];
	size_t n = 0;

	for (int i = 0; i < ev->nside; i++) {
		uint32_t off = side_country(d, &ev->side[i]);
		if (off)
			c[n++] = ev_str(d, off);
	}
	qsort(c, n, sizeof(*c), cmp_str);
	buf_adds(o, ",\"countries\":[");
	for (size_t i = 0, k = 0; i < n; i++)
		if (!i || strcmp(c[i], c[i - 1])) {
			if (k++)
				buf_addc(o, ',');
			json_escape(o, c[i], strlen(c[i]));
		}
	buf_addc(o, ']');
}

static int full_date(const char *v)
{
	return strlen(v) == 10 && v[4] == '-' && v[7] == '-' && v[0] >= '0' && v[0] <= '9';
}

/* The first mention of `type` (passing `ok`) in the evidence sentences,
 * else in the article's first two sentences; -1 when none. */
static long find_ent(const struct events_doc *d, const struct ev_event *ev, char type,
		     int (*ok)(const struct events_doc *, const struct ev_ent *))
{
	for (int pass = 0; pass < 2; pass++) {
		int n = pass ? (d->ns < 2 ? (int)d->ns : 2) : ev->nevid;
		for (int i = 0; i < n; i++) {
			const struct ev_sent *s = &d->s[pass ? (size_t)i : ev->evid[i].sent];
			for (size_t k = s->ent0; k < s->ent0 + s->nent; k++)
				if (d->e[k].type == type && ok(d, &d->e[k]))
					return (long)k;
		}
	}
	return -1;
}

static int ok_date(const struct events_doc *d, const struct ev_ent *x)
{
	return x->value && full_date(ev_str(d, x->value));
}

/* A place the meeting is said to be in: "in X", "at X", "X, Y" — the
 * word "in" or "at" itself (not the end of "that", "within"), and not "at
 * X's ministry" (whose people the meeting had, not where it was). */
static int ok_place(const struct events_doc *d, const struct ev_ent *x)
{
	for (size_t si = 0; si < d->ns; si++) {
		const struct ev_sent *s = &d->s[si];
		if (x < d->e + s->ent0 || x >= d->e + s->ent0 + s->nent)
			continue;
		const char *f = ev_str(d, s->fold);
		unsigned char before = x->b > 3 ? (unsigned char)f[x->b - 4] : ' ';
		if (x->b < 3 || (before >= '0' && before <= '9') || (before >= 'a' && before <= 'z') ||
		    before >= 0x80)
			return 0;  /* folded: no upper case */
		if (!memcmp(f + x->b - 3, "in ", 3))
			return 1;
		if (memcmp(f + x->b - 3, "at ", 3))
			return 0;
		const char *after = f + x->e, *end = f + s->len;
		return !((end - after >= 2 && !memcmp(after, "'s", 2))
			 || (end - after >= 4 && !memcmp(after, "\xe2\x80\x99s", 4)));
	}
	return 0;
}

/* The place of the dateline ("JAKARTA, March 5 -"), when the article
 * names it as a place too: its mention, else -1. */
static long dateline_place(const struct events_doc *d)
{
	const char *dl = ev_str(d, d->dateline);

	for (size_t k = 0; k < d->ne; k++)
		if (d->e[k].type == T_GPE && d->e[k].text && !strcasecmp(ev_str(d, d->e[k].text), dl))
			return (long)k;
	return -1;
}

static void add_place_date(struct buf *o, const struct events_doc *d, const struct ev_event *ev)
{
	const char *pm = d->m->modes[ev->mode].plover;
	long k = strcmp(pm, "phone") ? find_ent(d, ev, T_GPE, ok_place) : -1;  /* calls: no place */
	if (k < 0 && strcmp(pm, "phone") && d->dateline)
		k = dateline_place(d);
	buf_adds(o, ",\"place\":");
	if (k >= 0) {
		buf_adds(o, "{\"name\":");
		add_str(o, d, d->e[k].text);
		add_member(o, "iso", d, d->e[k].iso);
		buf_addc(o, '}');
	} else {
		buf_adds(o, "null");
	}
	k = find_ent(d, ev, T_DATE, ok_date);
	if (k >= 0)
		add_member(o, "date", d, d->e[k].value);
	else
		add_member(o, "date", d, d->date && full_date(ev_str(d, d->date)) ? d->date : 0);
	buf_adds(o, ",\"at\":");
	if (ev->at >= 0) {
		buf_adds(o, "{\"name\":");
		add_str(o, d, d->e[ev->at].text);
		add_member(o, "key", d, d->e[ev->at].key);
		buf_addc(o, '}');
	} else {
		buf_adds(o, "null");
	}
}

#define MAXTOPICS 3
#define FOLLOW 2   /* sentences after the evidence that tell the talks */

/* The sentences that tell the talks of ev: its evidence and up to FOLLOW
 * sentences after each ("During the talks, ..."), short of another
 * event's evidence. Fills `out` (room for EV_MAXEVID * (FOLLOW + 1)). */
static size_t talk_sentences(const struct events_doc *d, const struct ev_event *ev, size_t *out)
{
	size_t n = 0;

	for (int i = 0; i < ev->nevid; i++)
		for (size_t s = ev->evid[i].sent, k = 0; k <= FOLLOW && s < d->ns; k++, s++) {
			int own = 0;
			for (int j = 0; j < ev->nevid; j++)
				own |= ev->evid[j].sent == s;
			if (k && d->cited[s] && !own)
				break;
			size_t x = 0;
			while (x < n && out[x] != s)
				x++;
			if (x == n)
				out[n++] = s;
		}
	return n;
}

/* Topics of the talks: the labels their sentences carry from
 * wire-classify-topics, most frequent first, else the taxonomy's labels
 * scoring 0.5 or more on their text, strongest first (at most MAXTOPICS). */
static void add_topics(struct buf *o, struct events_doc *d, const struct ev_event *ev)
{
	size_t sent[EV_MAXEVID * (FOLLOW + 1)], ns = talk_sentences(d, ev, sent);
	const char *lab[64];
	unsigned cnt[64];
	size_t n = 0;
	int tagged = 0;

	for (size_t i = 0; i < ns; i++) {
		const struct ev_sent *s = &d->s[sent[i]];
		tagged |= s->has_topics;
		for (const char *l = ev_str(d, s->topics); s->topics && *l; l += strlen(l) + 1) {
			size_t j = 0;
			while (j < n && strcmp(lab[j], l))
				j++;
			if (j == n && n < 64) {
				lab[n] = l;
				cnt[n++] = 0;
			}
			if (j < n)
				cnt[j]++;
		}
	}
	buf_adds(o, ",\"topics\":[");
	if (tagged) {
		for (int k = 0; k < MAXTOPICS; k++) {
			size_t best = n;
			for (size_t i = 0; i < n; i++)
				if (cnt[i] && (best == n || cnt[i] > cnt[best]))
					best = i;
			if (best == n)
				break;
			if (k)
				buf_addc(o, ',');
			json_escape(o, lab[best], strlen(lab[best]));
			cnt[best] = 0;
		}
	} else if (d->m->tax) {
		buf_reset(&d->tmp);
		for (size_t i = 0; i < ns; i++) {
			const struct ev_sent *s = &d->s[sent[i]];
			buf_add(&d->tmp, ev_str(d, s->text), s->len);
			buf_addc(&d->tmp, '\n');
		}
		features_tokenize(d->tmp.buf, d->tmp.len, &d->tok);
		taxonomy_scores(d->m->tax, &d->tok, &d->mt, d->scores);
		size_t nl = taxonomy_nlabels(d->m->tax);
		for (int k = 0; k < MAXTOPICS; k++) {
			size_t best = nl;
			for (size_t i = 0; i < nl; i++)
				if (d->scores[i] >= 0.5f && (best == nl || d->scores[i] > d->scores[best]))
					best = i;
			if (best == nl)
				break;
			if (k)
				buf_addc(o, ',');
			const char *l = taxonomy_label(d->m->tax, best);
			json_escape(o, l, strlen(l));
			d->scores[best] = -1;
		}
	}
	buf_addc(o, ']');
}

static size_t code_points(const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

static void add_evidence(struct buf *o, const struct events_doc *d, const struct ev_event *ev)
{
	buf_adds(o, ",\"evidence\":[");
	for (int i = 0; i < ev->nevid; i++) {
		const struct ev_evid *e = &ev->evid[i];
		const struct ev_sent *s = &d->s[e->sent];
		const char *t = ev_str(d, s->text);
		size_t b = code_points(t, e->b);
		if (i)
			buf_addc(o, ',');
		buf_adds(o, "{\"id\":");
		add_str(o, d, s->id);
		buf_adds(o, ",\"span\":[");
		buf_addu(o, b);
		buf_addc(o, ',');
		buf_addu(o, b + code_points(t + e->b, e->e - e->b));
		buf_adds(o, "]}");
	}
	buf_addc(o, ']');
}

static void write_event(struct buf *o, struct events_doc *d, const struct ev_event *ev, size_t n)
{
	const struct ev_mode *md = &d->m->modes[ev->mode];

	buf_adds(o, "{\"doc\":");
	add_str(o, d, d->doc);
	buf_adds(o, ",\"id\":");
	buf_reset(&d->tmp);
	buf_adds(&d->tmp, ev_str(d, d->doc));
	buf_adds(&d->tmp, "#e");
	buf_addu(&d->tmp, n);
	json_escape(o, d->tmp.buf, d->tmp.len);
	buf_adds(o, ",\"unit\":\"event\",\"event\":\"meet\",\"mode\":");
	json_escape(o, md->name, strlen(md->name));
	buf_adds(o, ",\"plover\":{\"event\":\"CONSULT\",\"mode\":");
	if (*md->plover)
		json_escape(o, md->plover, strlen(md->plover));
	else
		buf_adds(o, "null");
	buf_adds(o, "},\"cameo\":");
	json_escape(o, md->cameo, strlen(md->cameo));
	/* the named attendees of a multilateral meeting are not pairs
	 * that met: they go to "attendees" (docs/events.md) */
	int multi = ev->mode == d->m->multilateral && !ev->chairs;
	buf_adds(o, multi ? ",\"participants\":[],\"attendees\":[" : ",\"participants\":[");
	for (int i = 0; i < ev->nside; i++) {
		if (i)
			buf_addc(o, ',');
		add_participant(o, d, &ev->side[i]);
	}
	buf_addc(o, ']');
	add_countries(o, d, ev);
	add_place_date(o, d, ev);
	add_topics(o, d, ev);
	add_evidence(o, d, ev);
	add_member(o, "published", d, d->date);
	add_member(o, "dateline", d, d->dateline);
	add_member(o, "source", d, d->source);
	buf_adds(o, "}\n");
}

static int cmp_event(const void *a, const void *b)
{
	const struct ev_event *x = a, *y = b;

	if (x->evid[0].sent != y->evid[0].sent)
		return x->evid[0].sent < y->evid[0].sent ? -1 : 1;
	if (x->evid[0].b != y->evid[0].b)
		return x->evid[0].b < y->evid[0].b ? -1 : 1;
	return x->evid[0].e < y->evid[0].e ? -1 : x->evid[0].e > y->evid[0].e;
}

static int cmp_evid(const void *a, const void *b)
{
	const struct ev_evid *x = a, *y = b;

	if (x->sent != y->sent)
		return x->sent < y->sent ? -1 : 1;
	return x->b < y->b ? -1 : x->b > y->b;
}

size_t ev_emit(struct events_doc *d, struct buf *out)
{
	size_t n = 0;

	merge(d);
	for (size_t i = 0; i < d->nev; i++) {
		struct ev_event *ev = &d->ev[i];
		if (ev->nevid > 0) /* evid may be NULL when empty (UBSan) */
			qsort(ev->evid, (size_t)ev->nevid, sizeof(*ev->evid), cmp_evid);
		if (!ev->dead && ev->nevid > 0 && ev->nside >= (ev->mode == d->m->multilateral ? 1 : 2))
			d->ev[n++] = *ev;
	}
	d->nev = n;
	if (n > 0) /* d->ev may be NULL when empty (UBSan) */
		qsort(d->ev, n, sizeof(*d->ev), cmp_event);
	if (d->citedalloc < d->ns) {
		d->citedalloc = d->ns;
		d->cited = xrealloc(d->cited, d->citedalloc);
	}
	memset(d->cited, 0, d->ns);
	for (size_t i = 0; i < n; i++)
		for (int j = 0; j < d->ev[i].nevid; j++)
			d->cited[d->ev[i].evid[j].sent] = 1;
	for (size_t i = 0; i < n; i++)
		write_event(out, d, &d->ev[i], i + 1);
	return n;
}
