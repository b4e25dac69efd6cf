/*
 * entity_acronym — acronyms defined in brackets: "LONG (ACR)" and "ACR
 * (LONG)" among the chosen candidates of a sentence, and "Thai-MECC
 * (Thailand Maritime ...)" where only the long form was found.
 * See entity_impl.h.
 */
#include <stdlib.h>
#include <string.h>

#include "entity_impl.h"
#include "wire/core/utf8.h"

/* Uppercase letters of an acronym-like word ("Thai-MECC" → "TMECC"):
 * returns their count (0 when the word is not acronym-like). */
static size_t acro_letters(const char *s, size_t n, int32_t *out, size_t max)
{
	const char *p = s, *end = s + n;
	size_t up = 0, lo = 0;
	while (p < end) {
		int32_t cp;
		int l = utf8_decode(p, end, &cp);
		p += l ? l : 1;
		if (utf8_is_upper(cp)) {
			if (up < max)
				out[up] = cp;
			up++;
		} else if (utf8_is_lower(cp)) {
			lo++;
		}
	}
	return up >= 2 && up > lo && up <= max ? up : 0;
}

/* Do the initials of the capitalised words of [wb, we) spell the acronym
 * (same first letter, two thirds of the letters in order)? */
static int acro_fits(const struct sent *S, size_t wb, size_t we, const int32_t *a, size_t na)
{
	int32_t ini[64];
	size_t ni = 0;
	for (size_t i = wb; i < we && ni < 64; i++) {
		if (!is_cap(S, i))
			continue;
		const struct token *t = wtok(S, i);
		int32_t cp;
		utf8_decode(S->s->text + t->b, S->s->text + t->e, &cp);
		ini[ni++] = cp;
	}
	if (ni < 2 || ini[0] != a[0])
		return 0;
	size_t j = 0, hit = 0;
	for (size_t k = 0; k < na; k++) {
		size_t j2 = j;
		while (j2 < ni && ini[j2] != a[k])
			j2++;
		if (j2 < ni) {
			hit++;
			j = j2 + 1;
		}
	}
	return 3 * hit >= 2 * na;
}

static size_t cand_text(struct sent *S, const struct cand *c)
{
	const struct token *a = &S->s->tok[c->tb], *b = &S->s->tok[c->te - 1];
	return ent_str_add(S->d, S->s->text + a->b, b->e - a->b);
}

/* Links "LONG (ACR)" and "ACR (LONG)" among the chosen candidates. */
void acronym_link(struct sent *S)
{
	struct entity_work *W = S->W;
	const struct entity_sentence *s = S->s;
	int32_t letters[32];
	size_t nc = W->nc;

	for (size_t k = 0; k < nc; k++) {
		struct cand *x = &W->c[k];
		if (x->type == ENTITY_DATE || x->type == ENTITY_PERSON)
			continue;
		/* "Thai-MECC (Thailand Maritime ...)" where only the long form
		 * was found: the word before the bracket is the acronym */
		size_t na0;
		if (x->tb >= 2 && x->te < s->ntok && s->text[s->tok[x->tb - 1].b] == '(' &&
		    s->text[s->tok[x->te].b] == ')' && x->we - x->wb >= 2 && !W->occ[x->tb - 2] &&
		    x->alias == NONE && S->w->of_tok[x->tb - 2] != NONE &&
		    (na0 = acro_letters(s->text + s->tok[x->tb - 2].b,
					s->tok[x->tb - 2].e - s->tok[x->tb - 2].b, letters, 32)) &&
		    acro_fits(S, x->wb, x->we, letters, na0)) {
			size_t wi = S->w->of_tok[x->tb - 2];
			W->c = grow(W->c, &W->c_alloc, W->nc + 1, sizeof(*W->c));
			x = &W->c[k];
			struct cand *a = &W->c[W->nc++];
			memset(a, 0, sizeof(*a));
			a->wb = wi;
			a->we = wi + 1;
			a->tb = x->tb - 2;
			a->te = x->tb - 1;
			a->origin = FROM_ACRONYM;
			a->date = a->alias = a->expands = a->key = NONE;
			a->type = x->type;
			a->link = k;
			memcpy(a->country, x->country, 3);
			W->occ[a->tb] = 1;
			x->alias = cand_text(S, a);
			a->expands = cand_text(S, x);
			continue;
		}
		size_t t = x->te;
		if (t + 2 >= s->ntok || s->text[s->tok[t].b] != '(')
			continue;
		size_t close = t + 1;
		while (close < s->ntok && close - t < 20 && s->text[s->tok[close].b] != ')')
			close++;
		if (close >= s->ntok || s->text[s->tok[close].b] != ')')
			continue;
		/* what is inside the brackets */
		size_t in_b = t + 1, in_e = close;
		struct cand *y = NULL;
		if (k + 1 < nc && W->c[k + 1].tb == in_b && W->c[k + 1].te == in_e)
			y = &W->c[k + 1];
		struct cand *shortc, *longc;
		size_t na;
		if (x->te - x->tb == 1 &&
		    (na = acro_letters(s->text + s->tok[x->tb].b, s->tok[x->tb].e - s->tok[x->tb].b,
				       letters, 32)) && y && y->we - y->wb >= 2 &&
		    acro_fits(S, y->wb, y->we, letters, na)) {
			shortc = x;     /* "Thai-MECC (Thailand Maritime ...)" */
			longc = y;
		} else if (in_e - in_b == 1 && x->we - x->wb >= 2 &&
			   (na = acro_letters(s->text + s->tok[in_b].b,
					      s->tok[in_b].e - s->tok[in_b].b, letters, 32)) &&
			   acro_fits(S, x->wb, x->we, letters, na)) {
			longc = x;      /* "ASEAN Defence Senior Officials' Meeting (ADSOM)" */
			if (!y) {
				if (W->occ[in_b])
					continue; /* part of something else */
				size_t wi = S->w->of_tok[in_b];
				if (wi == NONE)
					continue;
				/* a new entity, put in text order below */
				W->c = grow(W->c, &W->c_alloc, W->nc + 1, sizeof(*W->c));
				x = &W->c[k];
				y = &W->c[W->nc++];
				memset(y, 0, sizeof(*y));
				y->wb = wi;
				y->we = wi + 1;
				y->tb = in_b;
				y->te = in_e;
				y->origin = FROM_ACRONYM;
				y->date = y->alias = y->expands = y->key = y->link = NONE;
				W->occ[in_b] = 1;
			}
			shortc = y;
		} else {
			continue;
		}
		shortc->type = longc->type;
		shortc->link = (size_t)(longc - W->c);
		longc->alias = cand_text(S, shortc);
		shortc->expands = cand_text(S, longc);
		if (!*shortc->country)
			memcpy(shortc->country, longc->country, 3);
		if (shortc == x)
			k++; /* the long form was y */
	}
	if (W->nc == nc)
		return;
	/* put the new acronyms in text order; links and word maps follow */
	W->order = grow(W->order, &W->order_alloc, 2 * W->nc + 1, sizeof(*W->order));
	for (size_t k = 0; k < W->nc; k++)
		W->order[k] = k;
	ent_sort_pos(W->order, W->nc, W->c);
	size_t *where = W->order + W->nc;
	for (size_t k = 0; k < W->nc; k++)
		where[W->order[k]] = k;
	struct cand *tmp = xmalloc(W->nc * sizeof(*tmp));
	for (size_t k = 0; k < W->nc; k++) {
		tmp[k] = W->c[W->order[k]];
		if (tmp[k].link != NONE)
			tmp[k].link = where[tmp[k].link];
	}
	memcpy(W->c, tmp, W->nc * sizeof(*tmp));
	free(tmp);
	ent_index_chosen(S);
}
