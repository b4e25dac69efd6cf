/*
 * doc — one document as the event rules see it: its sentences (text,
 * id, topics), their entity mentions with byte offsets, and its people.
 */
#include <stdlib.h>
#include <string.h>

#include "events_impl.h"
#include "wire/core/err.h"
#include "wire/core/utf8.h"

#define GROW(p, n, alloc)                                                        \
	do {                                                                     \
		if ((n) == (alloc)) {                                            \
			(alloc) = (alloc) ? 2 * (alloc) : 16;                    \
			(p) = xrealloc((p), (alloc) * sizeof(*(p)));             \
		}                                                                \
	} while (0)

struct events_doc *events_doc_new(const struct events_model *m)
{
	struct events_doc *d = xcalloc(1, sizeof(*d));

	d->m = m;
	buf_init(&d->arena, 4096);
	d->tmp = (struct buf)BUF_INIT;
	d->tok = (struct ftokens)FTOKENS_INIT;
	d->mt = (struct taxonomy_match)TAXONOMY_MATCH_INIT;
	if (m->tax)
		d->scores = xcalloc(taxonomy_nlabels(m->tax) + 1, sizeof(*d->scores));
	events_doc_reset(d);
	return d;
}

void events_doc_reset(struct events_doc *d)
{
	buf_setlen(&d->arena, 0);
	buf_addc(&d->arena, '\0');  /* offset 0: the empty string */
	d->ns = d->ne = d->np = d->nev = 0;
	d->doc = d->date = d->dateline = d->source = 0;
	d->actor = -1;
	d->ctx_at = -1;
}

void events_doc_free(struct events_doc *d)
{
	if (!d)
		return;
	buf_release(&d->arena);
	buf_release(&d->tmp);
	ftokens_release(&d->tok);
	taxonomy_match_release(&d->mt);
	free(d->s);
	free(d->e);
	free(d->p);
	free(d->ev);
	free(d->cpmap);
	free(d->cited);
	free(d->scores);
	free(d);
}

uint32_t ev_intern(struct events_doc *d, const char *s, size_t n)
{
	if (!n)
		return 0;
	uint32_t off = (uint32_t)d->arena.len;
	buf_add(&d->arena, s, n);
	buf_addc(&d->arena, '\0');
	return off;
}

/* The decoded string member `name` of `obj`, interned; 0 when absent,
 * null, not a string or empty. */
static uint32_t member_str(struct events_doc *d, const struct json_val *obj, const char *name)
{
	struct json_val v;

	if (!json_get(obj, name, strlen(name), &v) || v.type != JSON_STRING)
		return 0;
	buf_reset(&d->tmp);
	json_decode_string(&v, &d->tmp);
	return ev_intern(d, d->tmp.buf, d->tmp.len);
}

/* cpmap[i]: byte offset of code point i of the text; cpmap[ncp]: len. */
static size_t map_code_points(struct events_doc *d, const char *s, size_t n)
{
	size_t k = 0;

	if (d->cpalloc < n + 2) {
		d->cpalloc = n + 2;
		d->cpmap = xrealloc(d->cpmap, d->cpalloc * sizeof(*d->cpmap));
	}
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			d->cpmap[k++] = (uint32_t)i;
	d->cpmap[k] = (uint32_t)n;
	return k;
}

static int find_person(struct events_doc *d, uint32_t key)
{
	const char *k = ev_str(d, key);

	for (size_t i = 0; i < d->np; i++)
		if (!strcmp(ev_str(d, d->p[i].key), k))
			return (int)i;
	GROW(d->p, d->np, d->palloc);
	struct ev_person *p = &d->p[d->np];
	memset(p, 0, sizeof(*p));
	p->key = key;
	p->first_sent = d->ns;
	p->same = -1;
	return (int)d->np++;
}

/* Fills a person's facts from one mention: the longest name, and each
 * fact from the first mention that has it. */
static void person_facts(struct events_doc *d, int pi, const struct json_val *o, uint32_t text)
{
	struct ev_person *p = &d->p[pi];
	uint32_t *slot[] = { &p->rank, &p->role, &p->honorific, &p->country, &p->org };
	static const char *const names[] = { "rank", "role", "honorific", "country", "org" };

	p->mentions++;
	if (!p->name || strlen(ev_str(d, text)) > strlen(ev_str(d, p->name)))
		p->name = text;
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (!*slot[i])
			*slot[i] = member_str(d, o, names[i]);
}

static char ent_type(const struct json_val *o)
{
	struct json_val t;
	static const char *const names[] = { "PERSON", "NORP", "GPE", "LOC", "ORG", "EVENT", "DATE" };
	static const char types[] = { T_PERSON, T_NORP, T_GPE, T_GPE, T_ORG, T_EVENT, T_DATE };

	if (!json_get(o, "type", 4, &t) || t.type != JSON_STRING)
		return 0;
	for (size_t i = 0; i < sizeof(types); i++)
		if (json_key_eq(&t, names[i], strlen(names[i])))
			return types[i];
	return 0;
}

static void add_entity(struct events_doc *d, const struct json_val *o, size_t ncp)
{
	struct json_val sp, x;
	struct json_iter it;
	long b = -1, e = -1;
	char type = ent_type(o);

	if (!type || !json_get(o, "span", 4, &sp) || sp.type != JSON_ARRAY)
		return;
	json_iter_array(&it, &sp);
	if (json_next_elem(&it, &x) && x.type == JSON_NUMBER)
		b = strtol(x.p, NULL, 10);
	if (json_next_elem(&it, &x) && x.type == JSON_NUMBER)
		e = strtol(x.p, NULL, 10);
	if (b < 0 || e < b || (size_t)e > ncp)
		return;
	GROW(d->e, d->ne, d->ealloc);
	struct ev_ent *en = &d->e[d->ne++];
	en->type = type;
	en->b = d->cpmap[b];
	en->e = d->cpmap[e];
	en->text = member_str(d, o, "text");
	en->key = member_str(d, o, "key");
	en->iso = member_str(d, o, "iso");
	if (!en->iso)
		en->iso = member_str(d, o, "country");
	en->value = member_str(d, o, "value");
	en->person = -1;
	if (type == T_PERSON && en->key) {
		en->person = find_person(d, en->key);
		person_facts(d, en->person, o, en->text);
	}
}

/* Topic labels of the record: each NUL-ended, then an empty one. */
static void add_topics(struct events_doc *d, struct ev_sent *s, const struct json_val *rec)
{
	struct json_val arr, el, lab;
	struct json_iter it;

	if (!json_get(rec, "topics", 6, &arr) || arr.type != JSON_ARRAY)
		return;
	s->has_topics = 1;
	buf_reset(&d->tmp);
	json_iter_array(&it, &arr);
	while (json_next_elem(&it, &el)) {
		if (el.type == JSON_OBJECT && json_get(&el, "label", 5, &lab))
			el = lab;
		if (el.type == JSON_STRING) {
			json_decode_string(&el, &d->tmp);
			buf_addc(&d->tmp, '\0');
		}
	}
	buf_addc(&d->tmp, '\0');
	s->topics = (uint32_t)d->arena.len;
	buf_add(&d->arena, d->tmp.buf, d->tmp.len);
}

int events_doc_add(struct events_doc *d, const struct json_val *rec)
{
	struct json_val text, ents, el;
	struct json_iter it;

	if (!d->doc) {
		d->doc = member_str(d, rec, "doc");
		d->source = member_str(d, rec, "source");
	}
	if (!d->date)
		d->date = member_str(d, rec, "date");
	if (!d->dateline)
		d->dateline = member_str(d, rec, "dateline");
	if (!json_get(rec, "text", 4, &text) || text.type != JSON_STRING ||
	    !json_get(rec, "entities", 8, &ents) || ents.type != JSON_ARRAY)
		return 0;
	GROW(d->s, d->ns, d->salloc);
	struct ev_sent *s = &d->s[d->ns];
	memset(s, 0, sizeof(*s));
	s->id = member_str(d, rec, "id");
	buf_reset(&d->tmp);
	json_decode_string(&text, &d->tmp);
	s->len = (uint32_t)d->tmp.len;
	s->text = ev_intern(d, d->tmp.buf, d->tmp.len);
	for (size_t i = 0; i < d->tmp.len; i++)
		if (d->tmp.buf[i] >= 'A' && d->tmp.buf[i] <= 'Z')
			d->tmp.buf[i] = (char)(d->tmp.buf[i] - 'A' + 'a');
	s->fold = ev_intern(d, d->tmp.buf, d->tmp.len);
	size_t ncp = map_code_points(d, ev_str(d, s->text), s->len);
	add_topics(d, s, rec);
	s->ent0 = d->ne;
	json_iter_array(&it, &ents);
	while (json_next_elem(&it, &el))
		if (el.type == JSON_OBJECT)
			add_entity(d, &el, ncp);
	s->nent = d->ne - s->ent0;
	d->ns++;
	return 1;
}

size_t events_doc_emit(struct events_doc *d, struct buf *out)
{
	if (!d->ns)
		return 0;
	ev_people(d);
	for (size_t i = 0; i < d->ns; i++)
		ev_sentence(d, i);
	return ev_emit(d, out);
}
