/*
 * spec — the specification of an aggregation: keys, reducers, --every,
 * column names, the state layout of a group and the spec text written in
 * partial state headers; --max-memory sizes.
 */

#include "agg_impl.h"

struct agg *agg_new(void)
{
	struct agg *a = xcalloc(1, sizeof(*a));

	buf_init(&a->key, 256);
	buf_init(&a->tmp, 256);
	buf_init(&a->errb, 256);
	buf_init(&a->canon, 256);
	a->every = AGG_DAY;
	return a;
}

/* Splits "NAME=EXPR": NAME is an identifier-like word before '='. */
static void split_name(const char *arg, char **name, char **src)
{
	const char *eq = strchr(arg, '=');
	*name = NULL;
	if (eq && eq > arg && arg[0] != '.') {
		const char *p = arg;
		int ok = 1;
		for (; p < eq; p++)
			if (!(*p == '_' || *p == '-' || (*p >= '0' && *p <= '9') ||
			      (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
				ok = 0;
		if (ok && eq[1] != '=') {
			*name = xmemdup(arg, (size_t)(eq - arg));
			*src = xstrdup(eq + 1);
			return;
		}
	}
	*src = xstrdup(arg);
}

static struct expr *compile(const char *src, char **msg)
{
	char *m = NULL;
	struct expr *e = expr_compile(src, &m);

	if (!e) {
		struct buf b = BUF_INIT;
		buf_addf(&b, "invalid expression '%s': %s", src, m ? m : "syntax error");
		for (size_t i = 0; i < b.len; i++)
			if (b.buf[i] == '\n')
				b.buf[i] = ' ';
		free(m);
		*msg = buf_detach(&b, NULL);
	}
	return e;
}

/*
 * `PATH | tostring` with PATH a plain path: PATH on the fast path, its
 * values made strings by the key (libjq would read the record's numbers
 * as doubles first, merging integers beyond 2^53). NULL otherwise.
 */
static struct expr *tostring_path(const char *src)
{
	size_t n = strlen(src);

	while (n && (src[n - 1] == ' ' || src[n - 1] == '\t'))
		n--;
	if (n < 8 || memcmp(src + n - 8, "tostring", 8))
		return NULL;
	n -= 8;
	while (n && (src[n - 1] == ' ' || src[n - 1] == '\t'))
		n--;
	if (!n || src[n - 1] != '|' || (n > 1 && src[n - 2] == '|'))
		return NULL;
	char *path = xmemdup(src, n - 1);
	char *m = NULL;
	struct expr *e = expr_compile(path, &m);
	free(path);
	free(m);
	if (e && !expr_is_fast(e)) {
		expr_free(e);
		e = NULL;
	}
	return e;
}

int agg_add_key(struct agg *a, enum agg_key_kind k, const char *arg, char **msg)
{
	struct key key = { k, NULL, NULL, NULL, NULL, 0 };

	split_name(arg, &key.name, &key.src);
	if (k == AGG_BY && (key.e = tostring_path(key.src)) != NULL) {
		key.tostring = 1;
		a->keys = xrealloc(a->keys, (a->nkeys + 1) * sizeof(*a->keys));
		a->keys[a->nkeys++] = key;
		return 0;
	}
	key.e = compile(key.src, msg);
	if (!key.e) {
		free(key.name);
		free(key.src);
		return -1;
	}
	a->keys = xrealloc(a->keys, (a->nkeys + 1) * sizeof(*a->keys));
	a->keys[a->nkeys++] = key;
	return 0;
}

int agg_add_reducer(struct agg *a, enum agg_red_kind k, const char *arg, char **msg)
{
	struct red r = { k, NULL, NULL, NULL, 0, -1 };

	if (k == AGG_COUNT) {
		if (a->count_asked)
			return 0;
		a->count_asked = 1;
	} else {
		split_name(arg, &r.name, &r.src);
		r.e = compile(r.src, msg);
		if (!r.e) {
			free(r.name);
			free(r.src);
			return -1;
		}
	}
	a->reds = xrealloc(a->reds, (a->nreds + 1) * sizeof(*a->reds));
	a->reds[a->nreds++] = r;
	return 0;
}

int agg_set_every(struct agg *a, const char *unit)
{
	static const char *const units[] = { "day", "week", "month", "year" };

	for (int i = 0; i < 4; i++) {
		if (!strcmp(unit, units[i])) {
			a->every = (enum agg_every)i;
			a->every_set = 1;
			return 0;
		}
	}
	return -1;
}

const char *agg_red_word(enum agg_red_kind k)
{
	static const char *const w[] = { "count", "sum", "mean", "min", "max", "distinct" };
	return w[k];
}

const char *agg_key_word(enum agg_key_kind k)
{
	static const char *const w[] = { "by", "time", "pairs" };
	return w[k];
}

static const char *every_word(enum agg_every e)
{
	static const char *const w[] = { "day", "week", "month", "year" };
	return w[e];
}

/* True when `name` is already a column. */
static int name_taken(struct agg *a, const char *name, size_t nk, size_t nr)
{
	for (size_t i = 0; i < nk; i++)
		if (!strcmp(a->keys[i].name, name) ||
		    (a->keys[i].name2 && !strcmp(a->keys[i].name2, name)))
			return 1;
	for (size_t i = 0; i < nr; i++)
		if (!strcmp(a->reds[i].name, name))
			return 1;
	return 0;
}

static char *unique_name(struct agg *a, const char *base, size_t nk, size_t nr)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, base);
	for (int i = 2; name_taken(a, b.buf, nk, nr); i++) {
		buf_reset(&b);
		buf_addf(&b, "%s_%d", base, i);
	}
	return buf_detach(&b, NULL);
}

/* Gives every key and reducer its column name. */
static void name_columns(struct agg *a)
{
	for (size_t i = 0; i < a->nkeys; i++) {
		struct key *k = &a->keys[i];
		const char *en = k->e && !k->tostring ? expr_name(k->e) : NULL;
		char *base = k->name ? xstrdup(k->name)
			     : k->kind == AGG_TIME ? xstrdup(every_word(a->every))
			     : xstrdup(en ? en : k->kind == AGG_PAIRS ? "pair" : "key");
		free(k->name);
		k->name = NULL;
		if (k->kind == AGG_PAIRS) {
			struct buf b = BUF_INIT;
			buf_addf(&b, "%s_a", base);
			k->name = unique_name(a, b.buf, i, 0);
			buf_reset(&b);
			buf_addf(&b, "%s_b", base);
			k->name2 = unique_name(a, b.buf, i + 1, 0);
			buf_release(&b);
		} else {
			k->name = unique_name(a, base, i, 0);
		}
		free(base);
	}
	for (size_t i = 0; i < a->nreds; i++) {
		struct red *r = &a->reds[i];
		struct buf b = BUF_INIT;
		if (r->name) {
			buf_adds(&b, r->name);
		} else if (r->kind == AGG_COUNT) {
			buf_adds(&b, "count");
		} else {
			const char *en = r->e ? expr_name(r->e) : NULL;
			buf_addf(&b, "%s_%s", agg_red_word(r->kind), en ? en : "value");
		}
		free(r->name);
		r->name = NULL;
		r->name = unique_name(a, b.buf, a->nkeys, i);
		buf_release(&b);
	}
}

/* The spec as JSON, written in the header of partial states. */
char *agg_spec_json(struct agg *a)
{
	struct buf b = BUF_INIT;

	buf_addc(&b, '[');
	for (size_t i = 0; i < a->nkeys; i++) {
		struct key *k = &a->keys[i];
		if (b.len > 1)
			buf_addc(&b, ',');
		buf_addc(&b, '[');
		json_escape(&b, agg_key_word(k->kind), strlen(agg_key_word(k->kind)));
		buf_addc(&b, ',');
		json_escape(&b, k->name, strlen(k->name));
		buf_addc(&b, ',');
		json_escape(&b, k->src, strlen(k->src));
		if (k->kind == AGG_TIME) {
			buf_addc(&b, ',');
			json_escape(&b, every_word(a->every), strlen(every_word(a->every)));
		}
		buf_addc(&b, ']');
	}
	for (size_t i = 0; i < a->nreds; i++) {
		struct red *r = &a->reds[i];
		if (b.len > 1)
			buf_addc(&b, ',');
		buf_addc(&b, '[');
		json_escape(&b, agg_red_word(r->kind), strlen(agg_red_word(r->kind)));
		buf_addc(&b, ',');
		json_escape(&b, r->name, strlen(r->name));
		if (r->src) {
			buf_addc(&b, ',');
			json_escape(&b, r->src, strlen(r->src));
		}
		buf_addc(&b, ']');
	}
	buf_addc(&b, ']');
	return buf_detach(&b, NULL);
}

/* Lays out the state of a group and sets up the store. */
void agg_layout(struct agg *a)
{
	size_t off = 8; /* count */

	a->ss = a->o.approx && (a->o.top > 0 || a->o.capacity > 0);
	if (a->ss) {
		a->off_err = off;
		a->off_pmin = off + 8;
		off += 16;
		a->capacity = a->o.capacity ? a->o.capacity
			      : (a->o.top * 100 > 10000 ? a->o.top * 100 : 10000);
		if (a->capacity < a->o.top)
			a->capacity = a->o.top;
	}
	a->nsets = 0;
	for (size_t i = 0; i < a->nreds; i++) {
		struct red *r = &a->reds[i];
		switch (r->kind) {
		case AGG_COUNT:
			break;
		case AGG_SUM:
		case AGG_MEAN:
			off = (off + 15) & ~(size_t)15;
			r->off = off;
			off += sizeof(struct sum_slot);
			break;
		case AGG_MIN:
		case AGG_MAX:
			r->off = off;
			off += 8;
			break;
		case AGG_DISTINCT:
			r->off = off;
			off += a->o.approx ? sizeof(struct hll *) : sizeof(struct dist_slot);
			if (!a->o.approx)
				r->set = a->nsets++;
			break;
		}
	}
	a->stride = (off + 15) & ~(size_t)15;
	if (a->stride == 16 && off <= 8)
		a->stride = 8;
	a->kv = xcalloc(a->nkeys + 1, sizeof(*a->kv));
	a->rv = xcalloc(a->nreds + 1, sizeof(*a->rv));
	for (size_t i = 0; i < a->nkeys; i++)
		buf_init(&a->kv[i].b, 64);
	for (size_t i = 0; i < a->nreds; i++)
		buf_init(&a->rv[i].b, 64);
	a->odo = xcalloc(a->nkeys + 1, sizeof(*a->odo));
	agg_store_init(a, &a->s);
	a->started = 1;
}

int agg_start(struct agg *a, const struct agg_opts *o, char **msg)
{
	a->o = *o;
	for (size_t i = 0; i < a->nkeys; i++) {
		if (a->keys[i].kind == AGG_TIME && !a->every_set) {
			*msg = xstrdup("--time needs --every day|week|month|year");
			return -1;
		}
	}
	if (a->every_set) {
		int t = 0;
		for (size_t i = 0; i < a->nkeys; i++)
			t |= a->keys[i].kind == AGG_TIME;
		if (!t) {
			*msg = xstrdup("--every needs --time EXPR");
			return -1;
		}
	}
	if (o->capacity && !o->approx) {
		*msg = xstrdup("--capacity needs --approx");
		return -1;
	}
	if (o->merge && !a->nkeys && !a->nreds)
		return 0; /* the spec comes from the first header */
	if (!a->nkeys && !o->merge) {
		*msg = xstrdup("no group key: give --by, --time or --pairs");
		return -1;
	}
	if (!a->nreds)
		agg_add_reducer(a, AGG_COUNT, NULL, msg);
	name_columns(a);
	a->spec_json = agg_spec_json(a);
	agg_layout(a);
	return 0;
}

int agg_parse_size(const char *s, size_t *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (end == s || errno || v < 0)
		return -1;
	double m = 1;
	switch (*end) {
	case 'k': case 'K': m = 1024.0; end++; break;
	case 'm': case 'M': m = 1024.0 * 1024; end++; break;
	case 'g': case 'G': m = 1024.0 * 1024 * 1024; end++; break;
	case 't': case 'T': m = 1024.0 * 1024 * 1024 * 1024; end++; break;
	}
	if (*end == 'B' || *end == 'b')
		end++;
	if (*end || v * m > 1e18)
		return -1;
	*out = (size_t)(v * m);
	return 0;
}
