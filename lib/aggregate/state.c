/*
 * state — partial state lines: the header and one line per group written by
 * --partial, read back (with spec checks) to merge partial results.
 */

#include "agg_impl.h"

static void add_double(struct buf *b, double d)
{
	if (d != d) {
		buf_adds(b, "null");
		return;
	}
	/* enough digits to read back the same double */
	char tmp[40];
	snprintf(tmp, sizeof(tmp), "%.17g", d);
	if (strtod(tmp, NULL) == d) {
		struct buf t = BUF_INIT;
		agg_format_number(&t, d);
		if (strtod(t.buf, NULL) == d) {
			buf_add(b, t.buf, t.len);
			buf_release(&t);
			return;
		}
		buf_release(&t);
	}
	buf_adds(b, tmp);
}

/* Appends the key of group g as a JSON array. */
static void key_array(struct buf *out, const char *k, size_t kn)
{
	const unsigned char *p = (const unsigned char *)k, *e = p + kn;

	buf_addc(out, '[');
	while (p < e) {
		const char *s;
		size_t n;
		int tag = agg_get_comp(&p, &s, &n);
		if (out->buf[out->len - 1] != '[')
			buf_addc(out, ',');
		agg_comp_json(out, tag, s, n);
	}
	buf_addc(out, ']');
}

/* Sorts the exact distinct values of a group for a stable state text. */
static int sv_cmp(const void *x, const void *y)
{
	const struct agg_sv *a = x, *b = y;
	return agg_key_cmp(a->p, a->n, b->p, b->n);
}

struct agg_sv *agg_dset_sorted(struct agg *a, struct store *s, const struct red *rd, uint32_t g,
			       size_t *n)
{
	const struct dist_slot *ds = (const struct dist_slot *)(gstate(a, s, g) + rd->off);
	const struct dset *d = &s->sets[rd->set];
	struct agg_sv *v = xmalloc((ds->n + 1) * sizeof(*v));
	size_t m = 0;

	for (uint32_t id = ds->head; id; id = d->next[id - 1]) {
		size_t len;
		const char *key = htab_key(&d->t, id - 1, &len);
		v[m].p = key + sizeof(uint32_t);
		v[m].n = len - sizeof(uint32_t);
		m++;
	}
	qsort(v, m, sizeof(*v), sv_cmp);
	*n = m;
	return v;
}

void agg_value_json(struct buf *out, const char *p, size_t n)
{
	const unsigned char *q = (const unsigned char *)p;
	const char *cs;
	size_t cn;
	int tag = agg_get_comp(&q, &cs, &cn);

	(void)n;
	/* keep the type: strings as strings, the rest as text */
	if (tag == T_STRING) {
		json_escape(out, cs, cn);
	} else {
		buf_addc(out, '[');
		agg_comp_json(out, T_STRING, cs, cn);
		buf_addc(out, ']');
	}
}

void agg_write_state_line(struct agg *a, struct store *s, uint32_t g, struct buf *out)
{
	agg_write_state_with(a, s, g, out, 0, NULL, NULL);
}

void agg_write_state_with(struct agg *a, struct store *s, uint32_t g, struct buf *out,
			  int counts, agg_values_fn values, void *ctx)
{
	size_t kn;
	const char *k = htab_key(&s->t, g, &kn);
	unsigned char *p = gstate(a, s, g);

	buf_adds(out, "{\"k\":");
	key_array(out, k, kn);
	buf_adds(out, ",\"n\":");
	buf_addu(out, *(uint64_t *)p);
	if (a->ss) {
		buf_adds(out, ",\"e\":");
		buf_addu(out, *(uint64_t *)(p + a->off_err));
	}
	buf_adds(out, ",\"r\":[");
	for (size_t r = 0; r < a->nreds; r++) {
		struct red *rd = &a->reds[r];
		if (r)
			buf_addc(out, ',');
		switch (rd->kind) {
		case AGG_COUNT:
			buf_adds(out, "null");
			break;
		case AGG_SUM:
		case AGG_MEAN: {
			struct sum_slot *ss = (struct sum_slot *)(p + rd->off);
			buf_adds(out, "[\"");
			agg_add_i128(out, ss->exact);
			buf_adds(out, "\",");
			add_double(out, ss->inexact);
			buf_addc(out, ',');
			buf_addu(out, ss->n);
			buf_addc(out, ']');
			break;
		}
		case AGG_MIN:
		case AGG_MAX:
			add_double(out, *(double *)(p + rd->off));
			break;
		case AGG_DISTINCT:
			if (a->o.approx) {
				struct hll *h;
				memcpy(&h, p + rd->off, sizeof(h));
				buf_addc(out, '"');
				hll_format(h, out);
				buf_addc(out, '"');
			} else if (values) {
				values(a, rd, out, ctx);
			} else if (counts || s->counted) {
				buf_addu(out, ((struct dist_slot *)(p + rd->off))->n);
			} else {
				size_t n;
				struct agg_sv *v = agg_dset_sorted(a, s, rd, g, &n);
				buf_addc(out, '[');
				for (size_t i = 0; i < n; i++) {
					if (i)
						buf_addc(out, ',');
					agg_value_json(out, v[i].p, v[i].n);
				}
				buf_addc(out, ']');
				free(v);
			}
			break;
		}
	}
	buf_adds(out, "]}\n");
}

void agg_header_line(struct agg *a, struct buf *out, unsigned long long floor)
{
	buf_adds(out, "{\"" STATE_TAG "\":1,\"approx\":");
	buf_adds(out, a->o.approx ? "true" : "false");
	buf_adds(out, ",\"floor\":");
	buf_addu(out, floor);
	if (a->ss) {
		buf_adds(out, ",\"capacity\":");
		buf_addu(out, a->capacity);
	}
	buf_adds(out, ",\"spec\":");
	buf_adds(out, a->spec_json);
	buf_adds(out, "}\n");
}

/* Parses the spec of a header into a fresh agg (merge without options). */
int agg_spec_from_json(struct agg *a, const struct json_val *spec, char **msg)
{
	struct json_iter it, jt;
	struct json_val item, f;
	struct buf s[4];

	for (int i = 0; i < 4; i++)
		buf_init(&s[i], 0);
	json_iter_array(&it, spec);
	int ok = spec->type == JSON_ARRAY;
	while (ok && json_next_elem(&it, &item)) {
		int n = 0;
		if (item.type != JSON_ARRAY) {
			ok = 0;
			break;
		}
		json_iter_array(&jt, &item);
		for (int i = 0; i < 4; i++)
			buf_reset(&s[i]);
		while (n < 4 && json_next_elem(&jt, &f) && f.type == JSON_STRING)
			json_decode_string(&f, &s[n++]);
		if (n < 2) {
			ok = 0;
			break;
		}
		const char *w = s[0].buf;
		int done = 0;
		for (int k = 0; k < 3 && !done; k++) {
			if (!strcmp(w, agg_key_word((enum agg_key_kind)k)) && n >= 3) {
				struct key key = { (enum agg_key_kind)k, xstrdup(s[1].buf), NULL,
						   xstrdup(s[2].buf), NULL, 0 };
				if (k == AGG_TIME) {
					if (n < 4 || agg_set_every(a, s[3].buf) < 0)
						ok = 0;
				}
				a->keys = xrealloc(a->keys, (a->nkeys + 1) * sizeof(*a->keys));
				a->keys[a->nkeys++] = key;
				done = 1;
			}
		}
		for (int k = 0; k < 6 && !done; k++) {
			if (!strcmp(w, agg_red_word((enum agg_red_kind)k))) {
				struct red r = { (enum agg_red_kind)k, xstrdup(s[1].buf),
						 n >= 3 ? xstrdup(s[2].buf) : NULL, NULL, 0, -1 };
				if (k == AGG_COUNT)
					a->count_asked = 1;
				a->reds = xrealloc(a->reds, (a->nreds + 1) * sizeof(*a->reds));
				a->reds[a->nreds++] = r;
				done = 1;
			}
		}
		if (!done)
			ok = 0;
	}
	for (int i = 0; i < 4; i++)
		buf_release(&s[i]);
	if (!ok || !a->nkeys) {
		*msg = xstrdup("invalid specification in partial state header");
		return -1;
	}
	/* pair keys have two names: "x_a" and "x_b" were written as one */
	for (size_t i = 0; i < a->nkeys; i++) {
		struct key *k = &a->keys[i];
		if (k->kind == AGG_PAIRS) {
			size_t n = strlen(k->name);
			k->name2 = xstrdup(k->name);
			if (n >= 2 && k->name[n - 2] == '_')
				k->name2[n - 1] = 'b';
		}
	}
	return 0;
}

/* Reads a JSON number member as unsigned; returns 0 when it is not one. */
int agg_get_u64(const struct json_val *obj, const char *name, unsigned long long *v)
{
	struct json_val x;

	if (!json_get(obj, name, strlen(name), &x) || x.type != JSON_NUMBER)
		return 0;
	char tmp[32];
	if (x.n >= sizeof(tmp) || x.p[0] == '-')
		return 0;
	memcpy(tmp, x.p, x.n);
	tmp[x.n] = '\0';
	char *end;
	errno = 0;
	*v = strtoull(tmp, &end, 10);
	return *end == '\0' && !errno;
}

static int parse_i128(const struct json_val *v, i128 *out)
{
	if (v->type != JSON_STRING)
		return 0;
	const char *p = v->p + 1, *e = v->p + v->n - 1;
	int neg = 0;
	i128 x = 0;
	if (p < e && *p == '-') {
		neg = 1;
		p++;
	}
	if (p == e || e - p > 38)
		return 0;
	for (; p < e; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		x = x * 10 + (*p - '0');
	}
	*out = neg ? -x : x;
	return 1;
}

static int parse_num(const struct json_val *v, double *d)
{
	if (v->type == JSON_NULL) {
		*d = NAN;
		return 1;
	}
	if (v->type != JSON_NUMBER)
		return 0;
	*d = agg_text_double(v->p, v->n);
	return 1;
}

/*
 * Reads a count (a whole number from 0 to 2^64-1) from x. Returns NULL,
 * or why x is not one ("is negative", ...).
 */
static const char *count_value(const struct json_val *x, unsigned long long *v)
{
	if (x->type != JSON_NUMBER)
		return "is not a number";
	const char *p = x->p, *e = x->p + x->n;
	if (*p == '-') {
		for (const char *q = p + 1; q < e && *q != 'e' && *q != 'E'; q++)
			if (*q >= '1' && *q <= '9')
				return "is negative";
		*v = 0;
		return NULL;
	}
	if (memchr(p, '.', x->n) || memchr(p, 'e', x->n) || memchr(p, 'E', x->n)) {
		double d = agg_text_double(p, x->n);
		if (d != floor(d))
			return "is not a whole number";
		if (d >= 18446744073709551616.0)
			return "is above 2^64-1";
		if (d > 9007199254740992.0)
			return "is not a whole number written in full";
		*v = (unsigned long long)d;
		return NULL;
	}
	unsigned long long n = 0;
	for (; p < e; p++) {
		unsigned d = (unsigned)(*p - '0');
		if (n > (~0ULL - d) / 10)
			return "is above 2^64-1";
		n = n * 10 + d;
	}
	*v = n;
	return NULL;
}

/* Appends the JSON text of x to b, cut to 40 bytes ("..." at the cut). */
static void add_cut(struct buf *b, const struct json_val *x)
{
	if (x->n <= 40) {
		buf_add(b, x->p, x->n);
		return;
	}
	buf_add(b, x->p, 37);
	buf_adds(b, "...");
}

/* Reads member `name` of obj as a count into *v; returns 0, or -1 with
 * the reason in a->errb. A missing member is an error only if `need`. */
static int member_count(struct agg *a, const struct json_val *obj, const char *name,
			int need, unsigned long long *v)
{
	struct json_val x;
	const char *why;

	if (!json_get(obj, name, strlen(name), &x)) {
		if (!need)
			return 0;
		buf_addf(&a->errb, "no \"%s\"", name);
		return -1;
	}
	if ((why = count_value(&x, v))) {
		buf_addf(&a->errb, "\"%s\" %s: ", name, why);
		add_cut(&a->errb, &x);
		return -1;
	}
	return 0;
}

/* Encodes one element of an exact distinct state into b: a string, or
 * ["<json text>"] for another value. Returns 0, or -1 when y is neither. */
int agg_distinct_elem(struct agg *a, const struct json_val *y, struct buf *b)
{
	struct json_iter zt;
	struct json_val z, w;

	if (y->type == JSON_STRING) {
		agg_encode_value(b, y, &a->canon);
		return 0;
	}
	if (y->type != JSON_ARRAY)
		return -1;
	json_iter_array(&zt, y);
	if (!json_next_elem(&zt, &z) || z.type != JSON_STRING)
		return -1;
	struct buf raw = BUF_INIT;
	json_decode_string(&z, &raw);
	int ok = json_scan(raw.buf, raw.buf + raw.len, &w, NULL, NULL) && w.type != JSON_STRING;
	if (ok)
		agg_encode_value(b, &w, &a->canon);
	buf_release(&raw);
	return ok ? 0 : -1;
}

/* Checks (apply 0) or adds (apply 1) the exact distinct values of state x
 * to group g (state p) of s. Checking returns -1 when x is not a list of
 * values; adding never fails on a checked x. */
static int load_distinct(struct agg *a, struct store *s, const struct red *rd, uint32_t g,
			 unsigned char *p, const struct json_val *x, int apply)
{
	struct json_iter jt;
	struct json_val y;

	if (x->type != JSON_ARRAY)
		return -1;
	json_iter_array(&jt, x);
	while (json_next_elem(&jt, &y)) {
		buf_reset(&a->tmp);
		if (agg_distinct_elem(a, &y, &a->tmp) < 0)
			return -1;
		if (apply)
			agg_dset_add(a, s, rd->set, g, a->tmp.buf, a->tmp.len,
				     (struct dist_slot *)(p + rd->off));
	}
	return 0;
}

/*
 * Checks (apply 0: p may be NULL) or adds (apply 1) reducer rd's state x
 * to group g (state p) of s. Checking returns NULL or what x should have
 * been; adding never fails on a checked x.
 */
static const char *load_reducer(struct agg *a, struct store *s, const struct red *rd, uint32_t g,
				unsigned char *p, const struct json_val *x, int apply, uint64_t *counts)
{
	switch (rd->kind) {
	case AGG_COUNT:
		break;
	case AGG_SUM:
	case AGG_MEAN: {
		static const char want[] = "not [\"exact units\", inexact, count]";
		struct json_iter jt;
		struct json_val ex, in, cnt, more;
		i128 u;
		double d;
		unsigned long long c = 0;
		if (x->type != JSON_ARRAY)
			return want;
		json_iter_array(&jt, x);
		if (!json_next_elem(&jt, &ex) || !json_next_elem(&jt, &in) ||
		    !json_next_elem(&jt, &cnt) || json_next_elem(&jt, &more) ||
		    !parse_i128(&ex, &u) || !parse_num(&in, &d) || d != d ||
		    count_value(&cnt, &c))
			return want;
		if (apply) {
			struct sum_slot *ss = (struct sum_slot *)(p + rd->off);
			ss->exact += u;
			ss->inexact += d;
			ss->n += c;
		}
		break;
	}
	case AGG_MIN:
	case AGG_MAX: {
		double d;
		if (!parse_num(x, &d))
			return "not a number or null";
		if (apply) {
			double *m = (double *)(p + rd->off);
			if (d == d && (*m != *m || (rd->kind == AGG_MIN ? d < *m : d > *m)))
				*m = d;
		}
		break;
	}
	case AGG_DISTINCT:
		if (a->o.approx) {
			static const char want[] = "not a HyperLogLog sketch";
			if (x->type != JSON_STRING)
				return want;
			if (!apply) {
				struct hll *t = hll_new();
				int bad = hll_parse(t, x->p + 1, x->n - 2) < 0;
				hll_free(t);
				return bad ? want : NULL;
			}
			struct hll *hl;
			memcpy(&hl, p + rd->off, sizeof(hl));
			size_t before = hll_bytes(hl);
			hll_parse(hl, x->p + 1, x->n - 2);
			s->hll_bytes += hll_bytes(hl) - before;
		} else if (counts) {
			unsigned long long c;
			if (count_value(x, &c))
				return "not a count of values";
			if (apply)
				counts[rd->set] = c;
		} else if (load_distinct(a, s, rd, g, p, x, apply) < 0) {
			return "not a list of values (strings, or [\"json text\"])";
		}
		break;
	}
	return NULL;
}

/*
 * Merges state line `obj` into store s. Returns 0, or -1 with the reason
 * in a->errb (which member, why) when the line is not a valid group of
 * this spec; the store is then unchanged: the whole line is checked
 * before anything is added. With `counts` (a spill run's group line), an
 * exact distinct state is a count, put in counts[set], not a list.
 */
int agg_load_group(struct agg *a, struct store *s, const struct json_val *obj,
		   unsigned long long floor, uint64_t *counts)
{
	struct json_val k, r, x;
	struct json_iter it;
	unsigned long long n = 0, e = 0;

	buf_reset(&a->errb);
	if (!json_get(obj, "k", 1, &k)) {
		buf_adds(&a->errb, "no \"k\"");
		return -1;
	}
	if (k.type != JSON_ARRAY) {
		buf_adds(&a->errb, "\"k\" is not an array: ");
		add_cut(&a->errb, &k);
		return -1;
	}
	if (member_count(a, obj, "n", 1, &n) < 0 || (a->ss && member_count(a, obj, "e", 0, &e) < 0))
		return -1;
	if (!json_get(obj, "r", 1, &r)) {
		buf_adds(&a->errb, "no \"r\"");
		return -1;
	}
	if (r.type != JSON_ARRAY) {
		buf_adds(&a->errb, "\"r\" is not an array: ");
		add_cut(&a->errb, &r);
		return -1;
	}
	buf_reset(&a->key);
	size_t nk = 0;
	json_iter_array(&it, &k);
	while (json_next_elem(&it, &x)) {
		agg_encode_value(&a->key, &x, &a->tmp);
		nk++;
	}
	size_t want = 0;
	for (size_t i = 0; i < a->nkeys; i++)
		want += a->keys[i].kind == AGG_PAIRS ? 2 : 1;
	if (nk != want) {
		buf_addf(&a->errb, "\"k\" has %zu value%s, the specification %zu", nk,
			 nk == 1 ? "" : "s", want);
		return -1;
	}
	/* check every reducer state before adding anything */
	size_t i = 0;
	json_iter_array(&it, &r);
	for (; i < a->nreds && json_next_elem(&it, &x); i++) {
		const char *why = load_reducer(a, s, &a->reds[i], 0, NULL, &x, 0, counts);
		if (why) {
			buf_addf(&a->errb, "\"r\"[%zu] (reducer '%s') is %s: ", i, a->reds[i].name,
				 why);
			add_cut(&a->errb, &x);
			return -1;
		}
	}
	if (i < a->nreds || json_next_elem(&it, &x)) {
		size_t m = 0;
		json_iter_array(&it, &r);
		while (json_next_elem(&it, &x))
			m++;
		buf_addf(&a->errb, "\"r\" has %zu reducer state%s, the specification %zu", m,
			 m == 1 ? "" : "s", a->nreds);
		return -1;
	}
	uint64_t h = hash_bytes(a->key.buf, a->key.len);
	int added;
	uint32_t g = htab_intern(&s->t, a->key.buf, a->key.len, h, &added);
	if (added)
		agg_new_state(a, s, g);
	unsigned char *p = gstate(a, s, g);
	*(uint64_t *)p += n;
	if (a->ss) {
		*(uint64_t *)(p + a->off_err) += e;
		*(uint64_t *)(p + a->off_pmin) += floor;
	}
	json_iter_array(&it, &r);
	for (i = 0; i < a->nreds && json_next_elem(&it, &x); i++) {
		/* the state may move as distinct sets grow: refetch */
		load_reducer(a, s, &a->reds[i], g, gstate(a, s, g), &x, 1, counts);
	}
	return 0;
}
