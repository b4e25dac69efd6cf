/*
 * entity_emit — the chosen candidates of a sentence as entities of the
 * document (keys, attributes as arena strings) and the JSON of a
 * sentence's entities (see entity.h, entity_impl.h).
 */
#include <string.h>

#include "entity_impl.h"
#include "wire/core/json.h"
#include "wire/core/utf8.h"

/* ---- emitting ---- */

static void set_key(struct sent *S, struct cand *c)
{
	const struct token *a = &S->s->tok[c->tb], *b = &S->s->tok[c->te - 1];
	const char *txt = S->s->text + a->b;
	size_t n = b->e - a->b;

	if (c->key != NONE)
		return;
	if (c->type == ENTITY_DATE) {
		const struct date_mention *dm = &S->s->d[c->date];
		if (dm->value[0]) {
			c->key = ent_str_add(S->d, dm->value, strlen(dm->value));
			return;
		}
		c->key = ent_str_fold(S->d, NULL, S->s->text + S->s->d[c->date].b,
				  S->s->d[c->date].e - S->s->d[c->date].b);
		return;
	}
	if (c->ge) {
		struct buf *t = &S->W->tmp;
		buf_reset(t);
		if (c->ordinal) {
			const struct token *o = &S->s->tok[c->tb];
			buf_add(t, S->s->text + o->b, o->e - o->b);
		}
		c->key = ent_str_fold(S->d, c->ordinal ? t->buf : NULL, c->ge->canonical,
				  strlen(c->ge->canonical));
		return;
	}
	c->key = ent_str_fold(S->d, NULL, txt, n);
}

/* The text of tokens [tb, te) of sentence `s`, white space made one
 * space, as an arena string. */
static size_t span_text(struct entity_doc *d, const struct entity_sentence *s, size_t tb,
			size_t te)
{
	size_t off = d->str.len;
	const char *p = s->text + s->tok[tb].b, *end = s->text + s->tok[te - 1].e;
	int space = 0;
	for (; p < end; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = 1;
			continue;
		}
		if (space)
			buf_addc(&d->str, ' ');
		space = 0;
		buf_addc(&d->str, *p);
	}
	buf_addc(&d->str, '\0');
	return off;
}

void ent_emit(struct sent *S, struct entity_sentence *s)
{
	struct entity_doc *d = S->d;
	struct entity_work *W = S->W;
	size_t pos_b = s->cont ? W->emit_b : 0, pos_cp = s->cont ? W->emit_cp : 0;

	s->first = d->n;
	s->n = 0;
	for (size_t k = 0; k < W->nc; k++) {
		struct cand *c = &W->c[k];
		d->v = grow(d->v, &d->alloc, d->n + 1, sizeof(*d->v));
		struct entity *e = &d->v[d->n++];
		memset(e, 0, sizeof(*e));
		if (c->type == ENTITY_DATE) {
			e->b = s->d[c->date].b;
			e->e = s->d[c->date].e;
		} else {
			e->b = s->tok[c->tb].b;
			e->e = s->tok[c->te - 1].e;
		}
		/* code points: entities are in order and do not overlap */
		if (e->b < pos_b) {
			pos_b = 0;
			pos_cp = 0;
		}
		pos_cp += utf8_count(s->text + pos_b, e->b - pos_b);
		pos_b = e->b;
		e->cb = pos_cp;
		e->ce = pos_cp + utf8_count(s->text + e->b, e->e - e->b);
		e->type = c->type;
		if (c->ge && (c->ge->kind == GAZ_COUNTRY || c->ge->kind == GAZ_DEMONYM) &&
		    (c->type == ENTITY_GPE || c->type == ENTITY_NORP))
			memcpy(e->iso, c->ge->iso, 3);
		if (c->type == ENTITY_PERSON || c->type == ENTITY_ORG || c->type == ENTITY_GPE)
			memcpy(e->country, c->country, 3);
		if (*e->iso)
			e->country[0] = '\0';
		set_key(S, c);
		e->key = c->key;
		e->rank = c->rank ? ent_str_add(d, c->rank->canonical, strlen(c->rank->canonical)) : NONE;
		e->honorific = c->hon ? ent_str_add(d, c->hon->canonical, strlen(c->hon->canonical)) : NONE;
		e->role = e->org = NONE;
		if (c->type == ENTITY_PERSON && c->role_tb != NONE && c->role_te > c->role_tb)
			e->role = span_text(d, s, c->role_tb, c->role_te);
		else if (c->role)
			e->role = ent_str_add(d, c->role->canonical, strlen(c->role->canonical));
		if (c->type == ENTITY_PERSON && c->org_tb != NONE && c->org_te > c->org_tb)
			e->org = span_text(d, s, c->org_tb, c->org_te);
		e->alias = c->alias;
		e->expands = c->expands;
		e->value = e->mod = NONE;
		if (c->type == ENTITY_DATE) {
			const struct date_mention *dm = &s->d[c->date];
			if (dm->value[0])
				e->value = ent_str_add(d, dm->value, strnlen(dm->value, sizeof(dm->value)));
			if (dm->mod[0])
				e->mod = ent_str_add(d, dm->mod, strnlen(dm->mod, sizeof(dm->mod)));
		}
		s->n++;
	}
	/* an acronym takes the key of its long form */
	for (size_t k = 0; k < W->nc; k++)
		if (W->c[k].link != NONE)
			d->v[s->first + k].key = d->v[s->first + W->c[k].link].key;
	W->emit_b = pos_b;
	W->emit_cp = pos_cp;
}


/* ---- JSON ---- */

static void member(struct buf *out, const char *k, const char *v)
{
	buf_addc(out, ',');
	json_escape(out, k, strlen(k));
	buf_addc(out, ':');
	json_escape(out, v, strlen(v));
}

void entity_json(struct buf *out, const struct entity_doc *d, const struct entity_sentence *s,
		 unsigned types)
{
	entity_json_run(out, d, s, 1, types);
}

void entity_json_run(struct buf *out, const struct entity_doc *d,
		     const struct entity_sentence *s, size_t n, unsigned types)
{
	int first = 1;
	size_t from = n ? s[0].first : 0, to = n ? s[n - 1].first + s[n - 1].n : 0;
	buf_addc(out, '[');
	for (size_t k = from; k < to; k++) {
		const struct entity *e = &d->v[k];
		if (!(types & (1u << e->type)))
			continue;
		if (!first)
			buf_addc(out, ',');
		first = 0;
		buf_adds(out, "{\"text\":");
		json_escape(out, s->text + e->b, e->e - e->b);
		buf_adds(out, ",\"span\":[");
		buf_addu(out, e->cb);
		buf_addc(out, ',');
		buf_addu(out, e->ce);
		buf_adds(out, "],\"type\":\"");
		buf_adds(out, entity_type_name(e->type));
		buf_addc(out, '"');
		member(out, "key", entity_str(d, e->key));
		if (*e->iso)
			member(out, "iso", e->iso);
		if (*e->country)
			member(out, "country", e->country);
		if (e->rank != NONE)
			member(out, "rank", entity_str(d, e->rank));
		if (e->honorific != NONE)
			member(out, "honorific", entity_str(d, e->honorific));
		if (e->role != NONE)
			member(out, "role", entity_str(d, e->role));
		if (e->org != NONE)
			member(out, "org", entity_str(d, e->org));
		if (e->alias != NONE)
			member(out, "alias", entity_str(d, e->alias));
		if (e->expands != NONE)
			member(out, "expands", entity_str(d, e->expands));
		if (e->value != NONE)
			member(out, "value", entity_str(d, e->value));
		if (e->mod != NONE)
			member(out, "mod", entity_str(d, e->mod));
		buf_addc(out, '}');
	}
	buf_addc(out, ']');
}
