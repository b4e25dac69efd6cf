/*
 * boiler — outlet boilerplate inside a text (see boiler.h).
 */
#include <stdlib.h>
#include <string.h>

#include "wire/dedup/boiler.h"

/* Reuters-style slugs that precede a headline, followed by an optional
 * number and a dash: "UPDATE 1-", "REFILE-". */
static const char *const slugs[] = {
	"UPDATE", "REFILE", "CORRECTED", "CORRECTION", "RPT", "REPEAT", "WRAPUP", "FOCUS",
	"ANALYSIS", "EXCLUSIVE", "INSIGHT", "FACTBOX", "TIMELINE", "BRIEF", "URGENT", "FLASH",
	"SNAP", "PREVIEW", "INTERVIEW", "COLUMN", "FEATURE", "RECAP", NULL,
};

static size_t add(struct boiler_span *out, size_t k, size_t b, size_t e)
{
	if (k < BOILER_MAX && e > b) {
		out[k].b = b;
		out[k].e = e;
		k++;
	}
	return k;
}

static size_t slug(const char *t, size_t n)
{
	size_t i = 0;

	while (i < n && (t[i] == ' ' || t[i] == '\n' || t[i] == '\t'))
		i++;
	for (const char *const *s = slugs; *s; s++) {
		size_t l = strlen(*s);
		if (n - i <= l || memcmp(t + i, *s, l))
			continue;
		size_t j = i + l;
		if (j < n && t[j] == ' ')
			j++;
		while (j < n && t[j] >= '0' && t[j] <= '9')
			j++;
		if (j < n && t[j] == '-')
			return j + 1;
	}
	return 0;
}

/* "(Agency)" after the dateline, within a short lead, then a dash. */
static size_t dateline_lead(const char *t, size_t n, const struct boiler_meta *m, size_t *start)
{
	const char *d = memmem(t, n, m->dateline, m->ndateline);
	if (!d)
		return 0;
	size_t b = (size_t)(d - t), lim = b + m->ndateline + 48;
	if (lim > n)
		lim = n;
	const char *a = memmem(d, lim - b, m->agency, m->nagency);
	if (!a || a == t || a[-1] != '(')
		return 0;
	size_t e = (size_t)(a - t) + m->nagency;
	if (e >= n || t[e] != ')')
		return 0;
	e++;
	while (e < n && t[e] == ' ')
		e++;
	if (e < n && t[e] == '-')
		e++;
	else if (e + 3 <= n && (!memcmp(t + e, "\xe2\x80\x93", 3) || !memcmp(t + e, "\xe2\x80\x94", 3)))
		e += 3;
	*start = b;
	return e;
}

/* A closing "Copyright ..." line of at most 200 bytes. */
static size_t copyright(const char *t, size_t n)
{
	size_t from = n > 200 ? n - 200 : 0;
	const char *p = NULL;

	for (const char *q = t + from; (q = memmem(q, (size_t)(t + n - q), "Copyright ", 10)); q++)
		p = q;
	if (!p || (p > t && p[-1] != '\n'))
		return n;
	return (size_t)(p - t);
}

static int cmp(const void *a, const void *b)
{
	const struct boiler_span *x = a, *y = b;

	return x->b < y->b ? -1 : x->b > y->b;
}

size_t boiler_find(const char *t, size_t n, const struct boiler_meta *m, struct boiler_span *out)
{
	size_t k = 0, b;

	if (m->doc_start)
		k = add(out, k, 0, slug(t, n));
	if (m->ndateline && m->nagency) {
		size_t e = dateline_lead(t, n, m, &b);
		if (e)
			k = add(out, k, b, e);
	}
	for (size_t i = 0; i < m->nbyline;) {
		size_t j = i;
		while (j < m->nbyline && !(m->byline[j] == ';' && j + 1 < m->nbyline &&
					   m->byline[j + 1] == ' '))
			j++;
		const char *p = j > i ? memmem(t, n, m->byline + i, j - i) : NULL;
		if (p)
			k = add(out, k, (size_t)(p - t), (size_t)(p - t) + (j - i));
		i = j + 2;
	}
	k = add(out, k, copyright(t, n), n);
	qsort(out, k, sizeof(*out), cmp);
	/* disjoint: overlaps merged */
	size_t w = 0;
	for (size_t i = 0; i < k; i++) {
		if (w && out[i].b <= out[w - 1].e) {
			if (out[i].e > out[w - 1].e)
				out[w - 1].e = out[i].e;
		} else {
			out[w++] = out[i];
		}
	}
	return w;
}
