/*
 * value — what keys and reducers are made of: jq's number printer,
 * exact decimal sums, encoded key components (jq's type order), the value
 * lists one expression yields on one record, and time buckets.
 */

#include "agg_impl.h"

/* The shortest %.*e form of d that reads back as d: digits and exponent. */
static int shortest(double d, char *digits, int *exp10)
{
	char tmp[40];
	int p;

	for (p = 0; p < 17; p++) {
		snprintf(tmp, sizeof(tmp), "%.*e", p, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	if (p == 17)
		snprintf(tmp, sizeof(tmp), "%.16e", d);
	/* tmp: d[.ddd]e±XX */
	int n = 0;
	const char *q = tmp;
	while (*q && *q != 'e') {
		if (*q >= '0' && *q <= '9')
			digits[n++] = *q;
		q++;
	}
	while (n > 1 && digits[n - 1] == '0')
		n--;
	digits[n] = '\0';
	*exp10 = atoi(q + 1);
	return n;
}

void agg_format_number(struct buf *out, double d)
{
	char digits[24];
	int e, n;

	if (d != d) {
		buf_adds(out, "null");
		return;
	}
	if (d > DBL_MAX)
		d = DBL_MAX;
	if (d < -DBL_MAX)
		d = -DBL_MAX;
	if (d == 0) {
		buf_adds(out, signbit(d) ? "-0" : "0");
		return;
	}
	if (d < 0) {
		buf_addc(out, '-');
		d = -d;
	}
	/* small integers print as they are */
	if (d < 1e15 && d == (double)(long long)d) {
		buf_addu(out, (unsigned long long)d);
		return;
	}
	n = shortest(d, digits, &e);
	int decpt = e + 1; /* as in dtoa: value = 0.digits * 10^decpt */
	if (decpt <= -4 || decpt > n + 15) {
		buf_addc(out, digits[0]);
		if (n > 1) {
			buf_addc(out, '.');
			buf_add(out, digits + 1, (size_t)n - 1);
		}
		buf_addc(out, 'e');
		e = decpt - 1;
		buf_addc(out, e < 0 ? '-' : '+');
		if (e < 0)
			e = -e;
		if (e < 10)
			buf_addc(out, '0');
		buf_addi(out, e);
	} else if (decpt <= 0) {
		buf_adds(out, "0.");
		for (int i = decpt; i < 0; i++)
			buf_addc(out, '0');
		buf_add(out, digits, (size_t)n);
	} else if (decpt >= n) {
		buf_add(out, digits, (size_t)n);
		for (int i = n; i < decpt; i++)
			buf_addc(out, '0');
	} else {
		buf_add(out, digits, (size_t)decpt);
		buf_addc(out, '.');
		buf_add(out, digits + decpt, (size_t)(n - decpt));
	}
}

/* 1 when JSON number text p[0..n) is a plain integer ("-"? digits). */
static int plain_integer(const char *p, size_t n)
{
	size_t i = (n && p[0] == '-') ? 1 : 0;

	if (n == i)
		return 0;
	for (; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return 0;
	return 1;
}

/*
 * Appends the canonical form of JSON number text p[0..n): a plain integer
 * keeps its decimal text whatever its size (12345678901234567 and
 * 12345678901234568 are two groups though one double), other forms print
 * as jq prints their double (1.0, 1e0 -> 1).
 */
static void canon_number(struct buf *out, const char *p, size_t n)
{
	size_t i = (n && p[0] == '-') ? 1 : 0;
	int plain = plain_integer(p, n);

	if (plain && !(n - i == 1 && p[i] == '0' && i)) {
		buf_add(out, p, n);
		return;
	}
	char tmp[64];
	double d;
	if (n < sizeof(tmp)) {
		memcpy(tmp, p, n);
		tmp[n] = '\0';
		d = strtod(tmp, NULL);
	} else {
		char *t = xmemdup(p, n);
		d = strtod(t, NULL);
		free(t);
	}
	if (d == 0)
		d = 0; /* -0 groups with 0, as jq's == says */
	agg_format_number(out, d);
}

/*
 * Reads JSON number text as an exact count of 1e-9 units when it has at
 * most 9 decimals (after the exponent is applied) and |v| < 1e20; else
 * returns 0. Always sets *d.
 */
static int parse_exact(const char *p, size_t n, i128 *units, double *d)
{
	char tmp[64];
	if (n < sizeof(tmp)) {
		memcpy(tmp, p, n);
		tmp[n] = '\0';
		*d = strtod(tmp, NULL);
	} else {
		char *t = xmemdup(p, n);
		*d = strtod(t, NULL);
		free(t);
	}
	/* beyond the range of a double: the largest one, as jq reads it */
	if (*d > DBL_MAX)
		*d = DBL_MAX;
	if (*d < -DBL_MAX)
		*d = -DBL_MAX;
	const char *q = p, *end = p + n;
	int neg = 0;
	if (q < end && *q == '-') {
		neg = 1;
		q++;
	}
	char dig[40];
	int nd = 0, point = -1;
	for (; q < end && ((*q >= '0' && *q <= '9') || *q == '.'); q++) {
		if (*q == '.') {
			point = nd;
			continue;
		}
		if (nd == 0 && *q == '0' && point < 0)
			continue; /* leading zeros */
		if (nd >= 38)
			return 0;
		dig[nd++] = *q;
	}
	if (point < 0)
		point = nd;
	long ex = 0;
	if (q < end && (*q == 'e' || *q == 'E')) {
		ex = strtol(q + 1, NULL, 10);
		if (ex > 40 || ex < -40)
			return 0;
	}
	/* value = 0.dig * 10^(point + ex) ... as integer: dig * 10^(point+ex-nd) */
	long scale = point + ex - nd + 9; /* power of ten for 1e-9 units */
	while (nd > 0 && scale < 0 && dig[nd - 1] == '0') {
		nd--;
		scale++;
	}
	if (scale < 0)
		return 0;
	if (nd + scale > 29)
		return 0;
	i128 v = 0;
	for (int k = 0; k < nd; k++)
		v = v * 10 + (dig[k] - '0');
	for (long k = 0; k < scale; k++)
		v *= 10;
	*units = neg ? -v : v;
	return 1;
}

/* Appends the decimal digits of v. */
void agg_add_i128(struct buf *out, i128 v)
{
	char d[48];
	int n = 0;
	u128 u;

	if (v < 0) {
		buf_addc(out, '-');
		u = (u128)(-(v + 1)) + 1;
	} else {
		u = (u128)v;
	}
	do {
		d[n++] = (char)('0' + (int)(u % 10));
		u /= 10;
	} while (u);
	while (n)
		buf_addc(out, d[--n]);
}

/* The exact units as a correctly rounded double. */
static double units_double(i128 v)
{
	struct buf b = BUF_INIT;
	agg_add_i128(&b, v);
	buf_adds(&b, "e-9");
	double d = strtod(b.buf, NULL);
	buf_release(&b);
	return d;
}

double agg_sum_value(const struct sum_slot *s)
{
	if (s->inexact == 0)
		return units_double(s->exact);
	return units_double(s->exact) + s->inexact;
}

static void put_varint(struct buf *b, size_t n)
{
	while (n >= 128) {
		buf_addc(b, (int)(n & 127) | 128);
		n >>= 7;
	}
	buf_addc(b, (int)n);
}

static const unsigned char *get_varint(const unsigned char *p, size_t *n)
{
	size_t v = 0;
	int sh = 0;

	while (*p & 128) {
		v |= (size_t)(*p++ & 127) << sh;
		sh += 7;
	}
	v |= (size_t)*p++ << sh;
	*n = v;
	return p;
}

static int type_tag(enum json_type t)
{
	switch (t) {
	case JSON_NULL: return T_NULL;
	case JSON_FALSE: return T_FALSE;
	case JSON_TRUE: return T_TRUE;
	case JSON_NUMBER: return T_NUMBER;
	case JSON_STRING: return T_STRING;
	case JSON_ARRAY: return T_ARRAY;
	default: return T_OBJECT;
	}
}

/* Appends one encoded component: tag, varint length, bytes. */
static void put_comp(struct buf *b, int tag, const char *p, size_t n)
{
	buf_addc(b, tag);
	put_varint(b, n);
	buf_add(b, p, n);
}

/* Appends the canonical encoding of JSON value v; `tmp` is scratch. */
void agg_encode_value(struct buf *b, const struct json_val *v, struct buf *tmp)
{
	int tag = type_tag(v->type);

	buf_reset(tmp);
	switch (v->type) {
	case JSON_STRING:
		if (!memchr(v->p, '\\', v->n)) {
			put_comp(b, tag, v->p + 1, v->n - 2);
			return;
		}
		json_decode_string(v, tmp);
		break;
	case JSON_NUMBER:
		canon_number(tmp, v->p, v->n);
		break;
	case JSON_ARRAY:
	case JSON_OBJECT: {
		jv x = jv_parse_sized(v->p, (int)v->n);
		jv s = jv_dump_string(x, 0);
		buf_adds(tmp, jv_string_value(s));
		jv_free(s);
		break;
	}
	default:
		buf_add(tmp, v->p, v->n);
	}
	put_comp(b, tag, tmp->buf, tmp->len);
}

/* Appends `v | tostring` as an encoded string component: a string as it
 * is, a number as its canonical text (an integer keeps all its digits,
 * which jq's own tostring loses beyond 2^53), anything else as jq -c
 * prints it. */
static void encode_tostring(struct buf *b, const struct json_val *v, struct buf *tmp)
{
	if (v->type == JSON_STRING) {
		agg_encode_value(b, v, tmp);
		return;
	}
	size_t at = b->len;
	agg_encode_value(b, v, tmp); /* tmp now holds the canonical text */
	buf_setlen(b, at);
	put_comp(b, T_STRING, tmp->buf, tmp->len);
}

/* Decodes the component at *pp; returns its tag and advances *pp. */
int agg_get_comp(const unsigned char **pp, const char **s, size_t *n)
{
	const unsigned char *p = *pp;
	int tag = *p++;

	p = get_varint(p, n);
	*s = (const char *)p;
	*pp = p + *n;
	return tag;
}

double agg_text_double(const char *s, size_t n)
{
	char tmp[64];

	if (n >= sizeof(tmp)) {
		char *t = xmemdup(s, n); /* a long integer key */
		double d = strtod(t, NULL);
		free(t);
		return d;
	}
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	return strtod(tmp, NULL);
}

/* Orders two plain integers of any size by value. */
static int int_cmp(const char *s, size_t sn, const char *t, size_t tn)
{
	int ns = s[0] == '-', nt = t[0] == '-';

	if (ns != nt)
		return ns ? -1 : 1;
	int sign = ns ? -1 : 1;
	if (sn != tn)
		return sn < tn ? -sign : sign;
	int c = memcmp(s, t, sn);
	return c < 0 ? -sign : c > 0 ? sign : 0;
}

/* Orders encoded keys: component by component, types in jq's order,
 * numbers by value, everything else by bytes. */
int agg_key_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	const unsigned char *p = (const unsigned char *)a, *pe = p + an;
	const unsigned char *q = (const unsigned char *)b, *qe = q + bn;

	while (p < pe && q < qe) {
		const char *s, *t;
		size_t sn, tn;
		int ta = agg_get_comp(&p, &s, &sn), tb = agg_get_comp(&q, &t, &tn);
		if (ta != tb)
			return ta < tb ? -1 : 1;
		if (ta == T_NUMBER) {
			double x = agg_text_double(s, sn), y = agg_text_double(t, tn);
			if (x != y)
				return x < y ? -1 : 1;
			int c = plain_integer(s, sn) && plain_integer(t, tn) ?
				int_cmp(s, sn, t, tn) : 0;
			if (c)
				return c;
		}
		int c = memcmp(s, t, sn < tn ? sn : tn);
		if (c)
			return c;
		if (sn != tn)
			return sn < tn ? -1 : 1;
	}
	if (p < pe)
		return 1;
	if (q < qe)
		return -1;
	return 0;
}

/* Appends component (tag, s, n) as JSON text. */
void agg_comp_json(struct buf *out, int tag, const char *s, size_t n)
{
	if (tag == T_STRING)
		json_escape(out, s, n);
	else
		buf_add(out, s, n);
}

void agg_vals_clear(struct vals *v)
{
	buf_reset(&v->b);
	v->n = 0;
	v->bad = 0;
	if (v->off)
		v->off[0] = 0;
}

void agg_vals_push(struct vals *v)
{
	if (v->n + 2 > v->alloc) {
		v->alloc = v->alloc ? v->alloc * 2 : 16;
		v->off = xrealloc(v->off, v->alloc * sizeof(*v->off));
	}
	v->off[++v->n] = v->b.len;
}

static void vals_push_num(struct vals *v, double d, int exact, i128 u)
{
	if (v->n + 1 > v->anum) {
		v->anum = v->anum ? v->anum * 2 : 16;
		v->num = xrealloc(v->num, v->anum * sizeof(*v->num));
		v->units = xrealloc(v->units, v->anum * sizeof(*v->units));
		v->exact = xrealloc(v->exact, v->anum);
	}
	v->num[v->n] = d;
	v->units[v->n] = u;
	v->exact[v->n] = (unsigned char)exact;
	agg_vals_push(v);
}

void agg_vals_release(struct vals *v)
{
	buf_release(&v->b);
	free(v->off);
	free(v->num);
	free(v->units);
	free(v->exact);
}

int agg_collect_cb(void *ctx, const struct json_val *jv)
{
	struct collect *c = ctx;
	struct vals *v = c->v;

	if (c->is_key && c->kkind == AGG_TIME) {
		size_t before = v->b.len;
		buf_addc(&v->b, T_STRING);
		buf_addc(&v->b, 0); /* length, patched below (< 128) */
		size_t start = v->b.len;
		int r;
		if (jv->type == JSON_STRING) {
			buf_reset(&c->a->tmp);
			json_decode_string(jv, &c->a->tmp);
			r = agg_bucket(&v->b, c->a->every, c->a->tmp.buf, c->a->tmp.len, 0);
		} else if (jv->type == JSON_NUMBER) {
			r = agg_bucket(&v->b, c->a->every, NULL, 0,
				       agg_text_double(jv->p, jv->n));
		} else if (jv->type == JSON_NULL) {
			/* no date (null or a missing field): the null bucket, as
			 * --by makes a null group, so no record is lost unseen */
			buf_setlen(&v->b, before);
			agg_encode_value(&v->b, jv, &c->a->tmp);
			agg_vals_push(v);
			return 0;
		} else {
			r = -1;
		}
		if (r < 0) {
			buf_setlen(&v->b, before);
			v->bad = 1;
			buf_reset(&c->a->canon);
			buf_add(&c->a->canon, jv->p, jv->n < 60 ? jv->n : 60);
			return 1;
		}
		v->b.buf[start - 1] = (char)(v->b.len - start);
		agg_vals_push(v);
		return 0;
	}
	if (c->is_key == COLLECT_TOSTRING) {
		encode_tostring(&v->b, jv, &c->a->tmp);
		agg_vals_push(v);
		return 0;
	}
	if (c->is_key || c->kind == AGG_DISTINCT) {
		agg_encode_value(&v->b, jv, &c->a->tmp);
		agg_vals_push(v);
		return 0;
	}
	/* numeric reducers: numbers count, null is ignored, others are errors */
	if (jv->type == JSON_NUMBER) {
		i128 u = 0;
		double d;
		int ex = parse_exact(jv->p, jv->n, &u, &d);
		vals_push_num(v, d, ex, u);
	} else if (jv->type != JSON_NULL) {
		v->bad = 1;
		buf_reset(&c->a->canon);
		buf_add(&c->a->canon, jv->p, jv->n < 60 ? jv->n : 60);
		return 1;
	}
	return 0;
}

static int digits(const char *s, size_t n, size_t at, size_t len, long *v)
{
	if (at + len > n)
		return 0;
	*v = 0;
	for (size_t i = at; i < at + len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

static void pad(struct buf *out, long v, int w)
{
	char d[24];
	int n = 0;
	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v && n < 20);
	while (n < w)
		d[n++] = '0';
	while (n)
		buf_addc(out, d[--n]);
}

int agg_bucket(struct buf *out, enum agg_every unit, const char *s, size_t n, double epoch)
{
	long y, mo = 0, d = 0;
	int m = 0, dd = 0;

	if (!s) {
		if (epoch != epoch || epoch < -62135596800.0 || epoch > 253402300799.0)
			return -1;
		struct date_ymd t;
		date_from_days((long)floor(epoch / 86400.0), &t);
		y = t.y;
		m = t.m;
		dd = t.d;
	} else {
		if (!digits(s, n, 0, 4, &y))
			return -1;
		if (n > 4 && s[4] == '-' && digits(s, n, 5, 2, &mo)) {
			if (mo < 1 || mo > 12)
				return -1;
			m = (int)mo;
			if (n > 7 && s[7] == '-' && digits(s, n, 8, 2, &d)) {
				if (d < 1 || d > date_month_days((int)y, m))
					return -1;
				dd = (int)d;
				if (n > 10 && s[10] != 'T' && s[10] != ' ' && s[10] != 't')
					return -1;
			} else if (n > 7) {
				return -1;
			}
		} else if (n > 4) {
			return -1;
		}
	}
	switch (unit) {
	case AGG_YEAR:
		pad(out, y, 4);
		return 0;
	case AGG_MONTH:
		if (!m)
			return -1;
		pad(out, y, 4);
		buf_addc(out, '-');
		pad(out, m, 2);
		return 0;
	case AGG_DAY:
		if (!dd)
			return -1;
		pad(out, y, 4);
		buf_addc(out, '-');
		pad(out, m, 2);
		buf_addc(out, '-');
		pad(out, dd, 2);
		return 0;
	case AGG_WEEK: {
		if (!dd)
			return -1;
		struct date_ymd t = { (int)y, m, dd };
		int ty, week;
		date_iso_week(&t, &ty, &week);
		pad(out, ty, 4);
		buf_adds(out, "-W");
		pad(out, week, 2);
		return 0;
	}
	}
	return -1;
}
