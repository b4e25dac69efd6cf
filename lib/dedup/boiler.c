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

/* A dash after optional spaces: the end past it, or 0. */
static size_t dash_after(const char *t, size_t n, size_t e)
{
	while (e < n && t[e] == ' ')
		e++;
	if (e < n && t[e] == '-')
		return e + 1;
	if (e + 3 <= n && (!memcmp(t + e, "\xe2\x80\x93", 3) || !memcmp(t + e, "\xe2\x80\x94", 3)))
		return e + 3;
	return 0;
}

/*
 * A dateline lead that wire-split did not name, at t[b]: a place in
 * capitals (letters of any script not in ASCII lower case, spaces, '.',
 * '-', '\'', at most 40 bytes), optionally a comma and a date of at most 24
 * bytes, then an agency in brackets (a capital first, at most 30 bytes) and
 * a dash: "WASHINGTON, April 17 (Reuters) - ", "QUẢNG TRỊ (VNA) – ". Its
 * end, or 0.
 */
static size_t bare_lead(const char *t, size_t n, size_t b)
{
	size_t i = b;

	if (i >= n || !((t[i] >= 'A' && t[i] <= 'Z') || (unsigned char)t[i] >= 0x80))
		return 0;
	while (i < n && i - b <= 40 && ((t[i] >= 'A' && t[i] <= 'Z') || (unsigned char)t[i] >= 0x80 ||
					 t[i] == ' ' || t[i] == '.' || t[i] == '-' || t[i] == '\''))
		i++;
	if (i - b < 2 || i - b > 40)
		return 0;
	if (i < n && t[i] == ',') {
		size_t d = ++i;
		while (i < n && i - d <= 24 && t[i] != '(' && t[i] != '\n' && t[i] != ')')
			i++;
		if (i - d > 24)
			return 0;
	}
	while (i < n && t[i] == ' ')
		i++;
	if (i + 1 >= n || t[i] != '(' || !(t[i + 1] >= 'A' && t[i + 1] <= 'Z'))
		return 0;
	size_t a = ++i;
	while (i < n && i - a <= 30 && t[i] != ')' && t[i] != '(' && t[i] != '\n')
		i++;
	if (i >= n || t[i] != ')')
		return 0;
	return dash_after(t, n, i + 1);
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
	size_t lead = 0;
	if (m->ndateline && m->nagency) {
		size_t e = dateline_lead(t, n, m, &b);
		if (e)
			k = add(out, k, b, e), lead = 1;
	}
	/* a lead wire-split did not name: at the start of the text or a line */
	for (size_t i = 0; !lead && i < n;) {
		size_t e = bare_lead(t, n, i);
		if (e) {
			k = add(out, k, i, e);
			break;
		}
		const char *nl = memchr(t + i, '\n', n - i);
		if (!nl)
			break;
		i = (size_t)(nl - t) + 1;
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
