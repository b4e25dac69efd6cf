/*
 * person — the people of a sentence beyond the tagger's: names after a
 * title ("Lt. Gen. Nguyen Van A", "Datuk Lokman Hakim bin Ali"), names
 * before an office ("Richard Schmidt, Deputy Secretary of Defense"), the
 * cleaning of the tagger's non-person mentions that a title makes people,
 * and, per document, the key of the full name for short names ("Chien").
 * See entity_impl.h.
 */
#include <stdlib.h>
#include <string.h>

#include "entity_impl.h"
#include "wire/core/utf8.h"

/* Is the title `t` (over words [b, e)) one only people bear, whatever
 * follows: an honorific, a rank of several words, or an abbreviation
 * ("Gen.")? A single rank word is not: "General Motors", "General
 * Agreement", "Major League", "Admiral Nakhimov" (a ship). */
static int person_title(const struct sent *S, const struct gaz_entry *t, size_t b, size_t e)
{
	if (t->kind == GAZ_HONORIFIC || e - b >= 2)
		return 1;
	const struct token *k = wtok(S, b);
	return k->e < S->s->len && S->s->text[k->e] == '.';
}

/* Is word i a word of the full name of a person found earlier in the
 * document ("General Chien" after "Hoàng Xuân Chiến")? */
static int named_before(const struct sent *S, size_t i)
{
	struct entity_work *W = S->W;
	size_t n;
	const char *k;
	if (i >= S->nw || !W->pwords.n || !is_cap(S, i))
		return 0;
	k = wkey(S, i, &n);
	buf_reset(&W->tmp);
	buf_add(&W->tmp, k, n);
	return ent_smap_get(&W->pwords, &S->d->str, W->tmp.buf) != NONE;
}

/* Does the tagger's non-person mention [*wbp, we) name the holder of an
 * office right before it: "Secretary of Defense Lloyd Austin", "Ambassador
 * to the Philippines Catherine Rosser" (the place goes), "Minister of
 * State for Defence Zaqy Mohamad" (the last word of the office goes)? */
static int after_office(const struct sent *S, size_t *wbp, size_t we)
{
	const struct entity_work *W = S->W;
	size_t wb = *wbp, e2, p = wb;
	if (!is_cap(S, wb) || match(S, wb, NAME_KINDS, &e2) == NULL) {
		if (W->role_from[wb] != NONE && is_cap(S, wb) && !match(S, wb, NAME_KINDS, NULL))
			return 1;
		if (we - wb >= 3 && wb > 1 && (wis(S, wb - 1, "for") || wis(S, wb - 1, "of")) &&
		    W->role_from[wb - 1] != NONE && is_cap(S, wb + 1)) {
			*wbp = wb + 1;
			return 1;
		}
		return 0;
	}
	/* a place first: only the host of an office */
	if (e2 >= we || !is_cap(S, e2) || match(S, wb, GAZ_BIT(GAZ_DEMONYM), NULL))
		return 0;
	if (p > 0 && wis(S, p - 1, "the"))
		p--;
	if (p > 1 && (wis(S, p - 1, "to") || wis(S, p - 1, "in")) && W->role_from[p - 1] != NONE) {
		*wbp = e2;
		return 1;
	}
	return 0;
}

/*
 * Cleans the tagger's non-person mention [*wb, *we) with the titles and
 * offices around it. Returns 0 when nothing of it is a name:
 *   - inside a title: "Sr", "Lt" of "Sr. Lt. Gen."; "Dr"; "Dato";
 *   - inside an office: "National Defence" of "Deputy Minister of
 *     National Defence" (dictionary names excepted);
 * trims a title it cuts at its end ("Defence Lt" of "Defence Lt. Gen.");
 * makes a person of a name that a title starts or precedes ("Air Marshal
 * Donny", "General Chien", "Mr. Tan Wei Ming" tagged ORG), unless a
 * head word makes it an organisation or event;
 * splits off a leading "Australia's" or a nationality before a head word
 * ("Singaporean Ministry of Defence"): the country becomes `country`.
 */
int person_fix_other(const struct sent *S, size_t *wbp, size_t *wep, enum ner_type *mt,
		     const struct gaz_entry **rank, const struct gaz_entry **hon, char *country)
{
	const struct entity_work *W = S->W;
	size_t wb = *wbp, we = *wep, e2, e3;

	if (exact(S, wb, we, NAME_KINDS))
		return 1;
	/* a title cut at the end */
	for (size_t k = we - 1; k > wb && k + GAZ_MAXWORDS > we; k--) {
		if (!(W->in_title[k] & IN_TITLE))
			break;
		if (match(S, k, TITLE_KINDS, &e2) && e2 > we)
			we = k;
	}
	/* a mention that begins inside an office named before it ("Deputy
	 * Minister of National Defence of Vietnam" tagged "National Defence of
	 * Vietnam"): the office's words go, and a complement left ("of
	 * Vietnam", "for South and Southeast Asia") is no name of its own */
	if (wb > 0 && (W->in_title[wb - 1] & IN_ROLE) && (W->in_title[wb] & IN_ROLE)) {
		while (wb < we && (W->in_title[wb] & IN_ROLE))
			wb++;
		if (wb >= we || ent_is_connector(S, wb))
			return 0;
	}
	/* a nationality before an office ("Malaysian Defence Attaché") */
	size_t rb = wb;
	if (match(S, wb, PLACE_KINDS, &e2) && e2 < we && (W->in_title[e2] & IN_ROLE))
		rb = e2;
	/* a place, an office and its complement ("U.S. Deputy Assistant
	 * Secretary of Defense for South [and Southeast Asia]" tagged ORG):
	 * no name of its own, the office belongs to the person */
	if (rb > wb) {
		size_t k = rb;
		while (k < we && (W->in_title[k] & IN_ROLE))
			k++;
		if (k > rb && k < we && ent_is_connector(S, k))
			return 0;
	}
	int all_title = 1, all_role = 1;
	for (size_t i = wb; i < we; i++) {
		all_title &= (W->in_title[i] & IN_TITLE) != 0;
		all_role &= i < rb || (W->in_title[i] & IN_ROLE) != 0;
	}
	if (all_title || all_role)
		return 0;
	/* a name after an organisation's head, with its title ("Ministry of
	 * Defence Datuk Seri X"): the organisation ends at the title */
	for (size_t k = wb + 1; k + 1 < we; k++) {
		const struct gaz_entry *t;
		if ((W->in_title[k] & IN_TITLE) && (t = match(S, k, TITLE_KINDS, &e2)) &&
		    e2 < we && is_cap(S, e2) && person_title(S, t, k, e2) &&
		    ent_has_head(S, wb, k)) {
			we = k;
			break;
		}
	}
	if (ent_has_head(S, wb, we)) {
		/* "Australia's Department of Defense", "Singaporean Ministry" */
		const struct gaz_entry *p = match(S, wb, PLACE_KINDS, &e2);
		if (p && e2 < we && wis(S, e2, "'s") && e2 + 1 < we) {
			memcpy(country, p->iso, 3);
			wb = e2 + 1;
		} else if (p && p->kind == GAZ_DEMONYM && e2 < we &&
			   (wis(S, e2, "ministry") || wis(S, e2, "department")) &&
			   match(S, e2, GAZ_BIT(GAZ_ORGHEAD), &e3) && e3 < we &&
			   (wis(S, e3, "of") || wis(S, e3, "for"))) {
			/* a government's "Thai Ministry of Defense"; but "Indonesian
			 * Navy", "American Bureau of Metal Statistics" are names */
			memcpy(country, p->iso, 3);
			wb = e2;
		}
		*wbp = wb;
		*wep = we;
		return 1;
	}
	/* titles at the start, or just before */
	int person = 0;
	const struct gaz_entry *t;
	for (int guard = 0; guard < 4 && wb < we && (t = match(S, wb, TITLE_KINDS, &e2)); guard++) {
		if (e2 >= we || !(person_title(S, t, wb, e2) || named_before(S, e2) ||
				  (wb > 0 && (W->in_title[wb - 1] & IN_ROLE))))
			break;
		if (t->kind == GAZ_RANK && !*rank)
			*rank = t;
		else if (t->kind == GAZ_HONORIFIC && !*hon)
			*hon = t;
		wb = e2;
		person = 1;
	}
	if (!person && W->title_from[wb] != NONE) {
		size_t from = W->title_from[wb];
		person = person_title(S, W->title_e[wb], from, wb) || named_before(S, wb);
	}
	if (!person)
		person = after_office(S, &wb, we);
	if (person && !exact(S, wb, we, NAME_KINDS) && is_cap(S, wb))
		*mt = NER_PER;
	else
		*rank = *hon = NULL;
	*wbp = wb;
	*wep = we;
	return 1;
}

/* A person's name goes on over "bin", "van", "de" and the capitalised
 * words after them ("Ahmad Rizal bin Yusof"): returns the new end. */
size_t person_name_particles(const struct sent *S, size_t we)
{
	const unsigned not_name = NAME_KINDS | HEAD_KINDS | TITLE_KINDS | GAZ_BIT(GAZ_ROLE);
	for (int guard = 0; guard < 3; guard++) {
		if (!ent_is_particle(S, we) || !is_cap(S, we + 1) || match(S, we + 1, not_name, NULL))
			break;
		size_t e = we + 2;
		while (e < S->nw && e < we + 4 && is_cap(S, e) && !match(S, e, not_name, NULL))
			e++;
		we = e;
	}
	return we;
}

/* The ends of the country or city names starting at the last few words,
 * for host_office: each word is looked up once, not four times. */
struct place_memo {
	size_t k[8], e[8];
};

static size_t place_end(const struct sent *S, struct place_memo *m, size_t k)
{
	const unsigned place = GAZ_BIT(GAZ_COUNTRY) | GAZ_BIT(GAZ_GPE);
	size_t slot = k & 7, e;

	if (m->k[slot] != k) {
		m->k[slot] = k;
		m->e[slot] = match(S, k, place, &e) ? e : NONE;
	}
	return m->e[slot];
}

/* The start of an office held in a place that ends right before word i
 * ("Ambassador to Vietnam", "Defence Attaché in the Philippines"), or
 * NONE. */
static size_t host_office(const struct sent *S, size_t i, struct place_memo *m)
{
	for (size_t k = i > 4 ? i - 4 : 0; k < i; k++) {
		size_t p = k;
		if (place_end(S, m, k) != i)
			continue;
		if (p > 0 && wis(S, p - 1, "the"))
			p--;
		if (p > 1 && (wis(S, p - 1, "to") || wis(S, p - 1, "in")))
			return S->W->role_from[p - 1];
	}
	return NONE;
}

/* People introduced by a title: "Lt. Gen. Nguyen Van A", "Datuk Lokman
 * Hakim bin Ali", "Deputy Minister Hoang". */
void person_title_cands(struct sent *S)
{
	struct entity_work *W = S->W;
	const unsigned not_name = NAME_KINDS | GAZ_BIT(GAZ_ORGHEAD) | GAZ_BIT(GAZ_EVENTHEAD) |
				  TITLE_KINDS | GAZ_BIT(GAZ_ROLE);
	struct place_memo memo;
	for (size_t k = 0; k < 8; k++)
		memo.k[k] = NONE;
	for (size_t i = 1; i < S->nw; i++) {
		size_t from = W->title_from[i];
		if (from == NONE)
			from = W->role_from[i] != NONE ? W->role_from[i] : host_office(S, i, &memo);
		if (from == NONE || (W->title_from[i] == NONE && !is_cap(S, from)))
			continue;
		if (!is_cap(S, i) || (W->in_title[i] & (IN_TITLE | IN_ROLE)) ||
		    match(S, i, not_name, NULL))
			continue;
		if ((W->w.v[i].cap & GAZ_CAP_ALL) && W->w.v[i].kn > 1)
			continue; /* "General ASEAN": an acronym is no name */
		/* "UN General Assembly": a title inside a capitalised name, unless
		 * after a nationality, a role or another title */
		if (from > 0 && is_cap(S, from - 1) && W->title_from[from] == NONE &&
		    W->role_from[from] == NONE &&
		    !(W->title_from[i] == from && W->title_e[i]->kind == GAZ_HONORIFIC)) {
			int ok = 0;
			for (size_t k = from > 8 ? from - 8 : 0; k < from && !ok; k++) {
				size_t pe;
				ok = match(S, k, PLACE_KINDS, &pe) && pe == from;
			}
			if (!ok)
				continue;
		}
		size_t e = i + 1;
		while (e < S->nw && e - i < 5) {
			if (is_cap(S, e) && !((W->w.v[e].cap & GAZ_CAP_ALL) && W->w.v[e].kn > 1) &&
			    !match(S, e, not_name, NULL))
				e++;
			else if (ent_is_particle(S, e) && is_cap(S, e + 1))
				e += 2;
			else
				break;
		}
		ent_new_cand(S, i, e, ENTITY_PERSON, FROM_PATTERN, 1);
		i = e - 1;
	}
}

/* Does a role start at word q, after an optional article and nationality
 * (", the Thai Deputy Minister")? */
static int role_follows(const struct sent *S, size_t q)
{
	size_t e;
	int article = wis(S, q, "the") || wis(S, q, "a") || wis(S, q, "an");
	if (article)
		q++;
	if (wis(S, q, "then") || wis(S, q, "former") || wis(S, q, "outgoing")) {
		article = 1;  /* ", then defense minister," */
		q++;
	}
	if (match(S, q, PLACE_KINDS, &e)) {
		q = e;
		if (wis(S, q, "'s"))
			q++;
	}
	/* a lower-case office only after an article: ", a research fellow" */
	return match(S, q, GAZ_BIT(GAZ_ROLE), NULL) && (is_cap(S, q) || article);
}

/* People named before an office: "Richard Schmidt, Deputy Secretary of
 * Defense of New Zealand". Two to five capitalised words. */
void person_appos_cands(struct sent *S)
{
	const unsigned not_name = NAME_KINDS | GAZ_BIT(GAZ_ORGHEAD) | GAZ_BIT(GAZ_EVENTHEAD) |
				  TITLE_KINDS | GAZ_BIT(GAZ_ROLE);
	for (size_t i = 2; i < S->nw; i++) {
		if (!wis(S, i, ",") || !role_follows(S, i + 1))
			continue;
		size_t b = i;
		while (b > 0 && i - b < 5) {
			size_t k = b - 1;
			if (is_cap(S, k) && !((S->w->v[k].cap & GAZ_CAP_ALL) && S->w->v[k].kn > 1) &&
			    !(S->W->in_title[k] & IN_TITLE) && !match(S, k, not_name, NULL))
				b--;
			else if (k > 0 && ent_is_particle(S, k) && is_cap(S, k - 1) && b < i)
				b--;
			else
				break;
		}
		while (b < i && ent_is_particle(S, b))
			b++;
		if (i - b >= 2)
			ent_new_cand(S, b, i, ENTITY_PERSON, FROM_PATTERN, 1);
	}
}

/* ---- the document ---- */

/* Number of words of a folded key (words are separated by one space). */
size_t person_key_words(const char *k)
{
	size_t n = *k ? 1 : 0;
	for (; *k; k++)
		n += *k == ' ';
	return n;
}

/* Is the folded name `s` a run of whole words of `full`? */
static int sub_name(const char *s, const char *full)
{
	size_t n = strlen(s);
	for (const char *p = full; (p = strstr(p, s)); p++) {
		if ((p == full || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return 1;
	}
	return 0;
}

/* Maps every word of the key of person k to k (or keeps the first). */
void person_index_name(struct entity_doc *d, struct smap *m, size_t k, int keep_first)
{
	struct buf *tmp = &d->work->tmp;
	size_t i = d->v[k].key;

	for (;;) {
		size_t j = i;
		while (d->str.buf[j] && d->str.buf[j] != ' ')
			j++;
		buf_reset(tmp);
		buf_add(tmp, d->str.buf + i, j - i);
		int last = d->str.buf[j] == '\0';
		if (!(keep_first && ent_smap_get(m, &d->str, tmp->buf) != NONE)) {
			size_t w = ent_str_add(d, tmp->buf, tmp->len);
			ent_smap_put(m, &d->str, w, k);
		}
		if (last)
			break;
		i = j + 1;
	}
}

/* Gives person k the key of the full name its first word points to in
 * `m`, when its words are a run of that name's words. */
static int resolve(struct entity_doc *d, struct smap *m, size_t k)
{
	struct buf *tmp = &d->work->tmp;
	struct entity *e = &d->v[k];
	const char *key = entity_str(d, e->key);
	const char *sp = strchr(key, ' ');

	buf_reset(tmp);
	buf_add(tmp, key, sp ? (size_t)(sp - key) : strlen(key));
	size_t f = ent_smap_get(m, &d->str, tmp->buf);
	if (f == NONE || f == k)
		return 0;
	const char *full = entity_str(d, d->v[f].key);
	if (person_key_words(full) <= person_key_words(key) || person_key_words(full) > 8 || !sub_name(key, full))
		return 0;
	e->key = d->v[f].key;
	return 1;
}

/* Short person names take the key of the full name that contains them:
 * the nearest one before, else the first one after. */
void person_coref(struct entity_doc *d)
{
	struct smap *m = &d->work->names;
	unsigned char *st = xcalloc(d->n + 1, 1); /* 1 full name, 2 resolved */

	ent_smap_clear(m);
	for (size_t k = 0; k < d->n; k++) {
		if (d->v[k].type != ENTITY_PERSON)
			continue;
		if (resolve(d, m, k)) {
			st[k] = 2;
		} else if (person_key_words(entity_str(d, d->v[k].key)) >= 2 &&
			   person_key_words(entity_str(d, d->v[k].key)) <= 8) {
			st[k] = 1;
			person_index_name(d, m, k, 0);
		}
	}
	ent_smap_clear(m);
	for (size_t k = 0; k < d->n; k++)
		if (st[k] == 1)
			person_index_name(d, m, k, 1);
	for (size_t k = 0; k < d->n; k++)
		if (d->v[k].type == ENTITY_PERSON && st[k] == 0)
			resolve(d, m, k);
	free(st);
}
