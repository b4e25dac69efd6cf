/*
 * doc — one document as the event rules see it: its sentences (text,
 * id, topics), their entity mentions with byte offsets, and its people.
 */
#include <limits.h>
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
	free(d->pe);
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

/* Reads the members `names` (n of them) of the next element of array
 * iterator `arr` when it is an object, walking its members once
 * (json_next_elem would first skip it whole): v[i] is the last member
 * called names[i], type JSON_INVALID if none. Returns 1 with v filled, 2 for an element that is no object
 * (skipped), 0 at the end of the array. The array was validated. */
static int pick_next(struct json_iter *arr, const char *const *names, size_t n,
		     struct json_val *v)
{
	const char *p = arr->p, *end = arr->end;
	struct json_val x;

	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == ','))
		p++;
	if (p >= end || *p == ']') {
		arr->p = p < end ? p + 1 : end;
		return 0;
	}
	if (*p != '{')
		return json_next_elem(arr, &x) ? 2 : 0;
	struct json_val obj = { p, (size_t)(end - p) + 1, JSON_OBJECT };
	struct json_iter it;
	struct json_val key, val;

	for (size_t i = 0; i < n; i++)
		v[i].type = JSON_INVALID;
	/* iterates from after '{' up to the array's end: the member walk
	 * stops at the object's '}' */
	json_iter_object(&it, &obj);
	while (json_next_member(&it, &key, &val))
		for (size_t i = 0; i < n; i++)
			if (key.p[1] == names[i][0] && !strncmp(key.p + 1, names[i], key.n - 2) &&
			    !names[i][key.n - 2]) {
				v[i] = val;
				break;
			}
	p = it.p;
	while (p < end && *p != '}')
		p++;
	arr->p = p < end ? p + 1 : end;
	return 1;
}

/* A string value decoded and interned; 0 when not a string or empty. */
static uint32_t str_of(struct events_doc *d, const struct json_val *v)
{
	if (v->type != JSON_STRING)
		return 0;
	if (!memchr(v->p + 1, '\\', v->n - 2))  /* no escape: the text as it is */
		return ev_intern(d, v->p + 1, v->n - 2);
	buf_reset(&d->tmp);
	json_decode_string(v, &d->tmp);
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

/* Fills a person's facts from one mention (its members rank, role,
 * honorific, country, org in f[0..4]): the longest name, and each fact
 * from the first mention that has it. */
static void person_facts(struct events_doc *d, int pi, const struct json_val *f, uint32_t text)
{
	struct ev_person *p = &d->p[pi];
	uint32_t *slot[] = { &p->rank, &p->role, &p->honorific, &p->country, &p->org };

	p->mentions++;
	if (!p->name || strlen(ev_str(d, text)) > strlen(ev_str(d, p->name)))
		p->name = text;
	for (size_t i = 0; i < sizeof(slot) / sizeof(*slot); i++)
		if (!*slot[i])
			*slot[i] = str_of(d, &f[i]);
}

/* strtol(x, NULL, 10) of a validated JSON number: its integer part,
 * saturating instead of overflowing. */
static long int_part(const struct json_val *x)
{
	const char *p = x->p, *end = x->p + x->n;
	int neg = p < end && *p == '-';
	long v = 0;

	for (p += neg; p < end && *p >= '0' && *p <= '9'; p++)
		v = v < (LONG_MAX - 9) / 10 ? 10 * v + (*p - '0') : LONG_MAX;
	return neg ? -v : v;
}

static char ent_type(const struct json_val *t)
{
	static const char *const names[] = { "PERSON", "NORP", "GPE", "LOC", "ORG", "EVENT", "DATE" };
	static const char types[] = { T_PERSON, T_NORP, T_GPE, T_GPE, T_ORG, T_EVENT, T_DATE };

	if (t->type != JSON_STRING)
		return 0;
	for (size_t i = 0; i < sizeof(types); i++)
		if (json_key_eq(t, names[i], strlen(names[i])))
			return types[i];
	return 0;
}

enum { E_TYPE, E_SPAN, E_TEXT, E_KEY, E_ISO, E_VALUE, E_RANK, E_ROLE, E_HON, E_COUNTRY, E_ORG, E_N };

static const char *const ent_names[E_N] = { "type", "span", "text", "key", "iso", "value",
					    "rank", "role", "honorific", "country", "org" };

/* Adds the entity whose members ent_names are v[0..E_N). */
static void add_entity(struct events_doc *d, struct json_val *v, size_t ncp)
{
	struct json_val x;
	struct json_iter it;
	long b = -1, e = -1;

	char type = ent_type(&v[E_TYPE]);
	if (!type || v[E_SPAN].type != JSON_ARRAY)
		return;
	json_iter_array(&it, &v[E_SPAN]);
	if (json_next_elem(&it, &x) && x.type == JSON_NUMBER)
		b = int_part(&x);
	if (json_next_elem(&it, &x) && x.type == JSON_NUMBER)
		e = int_part(&x);
	if (b < 0 || e < b || (size_t)e > ncp)
		return;
	GROW(d->e, d->ne, d->ealloc);
	struct ev_ent *en = &d->e[d->ne++];
	en->type = type;
	en->b = d->cpmap[b];
	en->e = d->cpmap[e];
	en->text = str_of(d, &v[E_TEXT]);
	en->key = str_of(d, &v[E_KEY]);
	en->iso = str_of(d, &v[E_ISO]);
	if (!en->iso)
		en->iso = str_of(d, &v[E_COUNTRY]);
	en->value = str_of(d, &v[E_VALUE]);
	en->person = -1;
	if (type == T_PERSON && en->key) {
		en->person = find_person(d, en->key);
		person_facts(d, en->person, &v[E_RANK], en->text);
	}
}

/* Topic labels of the record: each NUL-ended, then an empty one. */
static void add_topics(struct events_doc *d, struct ev_sent *s, const struct json_val *arr)
{
	struct json_val el, lab;
	struct json_iter it;

	if (arr->type != JSON_ARRAY)
		return;
	s->has_topics = 1;
	buf_reset(&d->tmp);
	json_iter_array(&it, arr);
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

enum { R_DOC, R_SOURCE, R_DATE, R_DATELINE, R_TEXT, R_ENTITIES, R_ID, R_TOPICS, R_UNIT, R_N };

/* Reads the record's entities array starting at arr->p (after its '['),
 * picking each object's members into d->pe, up to and past its ']'. */
static void pick_entities(struct events_doc *d, struct json_iter *arr)
{
	d->npe = 0;
	for (;;) {
		if (d->npe + E_N > d->pealloc) {
			d->pealloc = d->pealloc ? 2 * d->pealloc : 64 * E_N;
			d->pe = xrealloc(d->pe, d->pealloc * sizeof(*d->pe));
		}
		int k = pick_next(arr, ent_names, E_N, d->pe + d->npe);
		if (!k)
			break;
		if (k == 1)
			d->npe += E_N;
	}
}

/* The record's members `names` (R_N of them), walking it once:
 * the members of the objects of its "entities" array are picked on the
 * way (into d->pe) instead of the array being skipped whole and read
 * again. The last "entities" member wins, as every other. */
static void pick_record(struct events_doc *d, const struct json_val *rec,
			const char *const *names, struct json_val *v)
{
	struct json_iter it;
	struct json_val key, val;

	for (size_t i = 0; i < R_N; i++)
		v[i].type = JSON_INVALID;
	d->npe = 0;
	json_iter_object(&it, rec);
	for (;;) {
		/* the key, as the next "element" of the member list */
		if (!json_next_elem(&it, &key) || key.type != JSON_STRING)
			break;
		const char *p = it.p;
		while (p < it.end && *p != ':')
			p++;
		it.p = p < it.end ? p + 1 : it.end;
		while (it.p < it.end && (*it.p == ' ' || *it.p == '\t' || *it.p == '\n' ||
					 *it.p == '\r'))
			it.p++;
		size_t i = 0;
		while (i < R_N && !(key.p[1] == names[i][0] &&
				    !strncmp(key.p + 1, names[i], key.n - 2) && !names[i][key.n - 2]))
			i++;
		if (i == R_ENTITIES && it.p < it.end && *it.p == '[') {
			const char *b = it.p;
			it.p++;
			pick_entities(d, &it);
			v[i].p = b;
			v[i].n = (size_t)(it.p - b);
			v[i].type = JSON_ARRAY;
			continue;
		}
		if (!json_next_elem(&it, &val))
			break;
		if (i < R_N)
			v[i] = val;
	}
}

int events_doc_add(struct events_doc *d, const struct json_val *rec)
{
	static const char *const names[R_N] = { "doc", "source", "date", "dateline",
						"text", "entities", "id", "topics", "unit" };
	struct json_val v[R_N];

	pick_record(d, rec, names, v);
	d->unit_event = v[R_UNIT].type == JSON_STRING && json_key_eq(&v[R_UNIT], "event", 5);
	if (!d->doc) {
		d->doc = str_of(d, &v[R_DOC]);
		d->source = str_of(d, &v[R_SOURCE]);
	}
	if (!d->date)
		d->date = str_of(d, &v[R_DATE]);
	if (!d->dateline)
		d->dateline = str_of(d, &v[R_DATELINE]);
	if (v[R_TEXT].type != JSON_STRING || v[R_ENTITIES].type != JSON_ARRAY)
		return 0;
	GROW(d->s, d->ns, d->salloc);
	struct ev_sent *s = &d->s[d->ns];
	memset(s, 0, sizeof(*s));
	s->id = str_of(d, &v[R_ID]);
	buf_reset(&d->tmp);
	json_decode_string(&v[R_TEXT], &d->tmp);
	s->len = (uint32_t)d->tmp.len;
	s->text = ev_intern(d, d->tmp.buf, d->tmp.len);
	for (size_t i = 0; i < d->tmp.len; i++)
		if (d->tmp.buf[i] >= 'A' && d->tmp.buf[i] <= 'Z')
			d->tmp.buf[i] = (char)(d->tmp.buf[i] - 'A' + 'a');
	s->fold = ev_intern(d, d->tmp.buf, d->tmp.len);
	size_t ncp = map_code_points(d, ev_str(d, s->text), s->len);
	add_topics(d, s, &v[R_TOPICS]);
	s->ent0 = d->ne;
	for (size_t k = 0; k < d->npe; k += E_N)
		add_entity(d, d->pe + k, ncp);
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
