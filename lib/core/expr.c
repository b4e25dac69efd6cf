#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <jq.h>

#include "wire/core/err.h"
#include "wire/core/expr.h"

enum seg_kind { SEG_FIELD, SEG_ITER, SEG_INDEX };

struct seg {
	enum seg_kind kind;
	char *name;
	size_t len;
	long index;
	int opt;     /* followed by '?' */
};

struct expr {
	char *src;
	char *name;
	/* fast path */
	struct seg *segs;
	size_t nsegs;
	int fast;
	/* jq path */
	jq_state *jq;
	struct buf tmp;
	pthread_mutex_t run;  /* held by expr_run while jq runs */
	struct expr *prev, *next; /* in `live` */
};

/*
 * Every expression not yet freed, so that each one is reachable from here
 * and its jq state can be released when the process exits before its
 * owner frees it (err_die, a write error in a worker): jq keeps its
 * evaluation stack through a pointer to the stack's end, which
 * LeakSanitizer does not count as a reference, so a live started jq_state
 * read as a leak of that block (and of the record it held) at exit.
 */
static pthread_mutex_t live_lock = PTHREAD_MUTEX_INITIALIZER;
static struct expr *live;

/* At exit: tears down the jq state of every expression no thread is
 * running; the state's lock stays held, so a worker that comes to run it
 * after this waits for the process to end. An expression busy in another
 * thread (or in the exiting one) is left as it is. */
static void release_at_exit(void)
{
	pthread_mutex_lock(&live_lock);
	for (struct expr *e = live; e; e = e->next) {
		if (e->jq && pthread_mutex_trylock(&e->run) == 0)
			jq_teardown(&e->jq);
	}
	pthread_mutex_unlock(&live_lock);
}

static void live_add(struct expr *e)
{
	static int hooked;

	pthread_mutex_init(&e->run, NULL);
	pthread_mutex_lock(&live_lock);
	if (!hooked) {
		hooked = 1;
		atexit(release_at_exit);
	}
	e->next = live;
	if (live)
		live->prev = e;
	live = e;
	pthread_mutex_unlock(&live_lock);
}

static void live_remove(struct expr *e)
{
	pthread_mutex_lock(&live_lock);
	if (e->prev)
		e->prev->next = e->next;
	else
		live = e->next;
	if (e->next)
		e->next->prev = e->prev;
	pthread_mutex_unlock(&live_lock);
	pthread_mutex_destroy(&e->run);
}

static const struct json_val json_null = { "null", 4, JSON_NULL };

static int is_ident_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_ident(int c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9');
}

static void skip_sp(const char **p)
{
	while (**p == ' ' || **p == '\t' || **p == '\n')
		(*p)++;
}

static void add_seg(struct expr *e, enum seg_kind k, const char *name, size_t len, long idx)
{
	e->segs = xrealloc(e->segs, (e->nsegs + 1) * sizeof(*e->segs));
	struct seg *s = &e->segs[e->nsegs++];
	s->kind = k;
	s->name = name ? xmemdup(name, len) : NULL;
	s->len = len;
	s->index = idx;
	s->opt = 0;
}

/* A quoted field name with no escapes; returns past the closing quote. */
static const char *parse_quoted(const char *p, const char **s, size_t *n)
{
	if (*p != '"')
		return NULL;
	const char *q = p + 1;
	while (*q && *q != '"' && *q != '\\')
		q++;
	if (*q != '"')
		return NULL;
	*s = p + 1;
	*n = (size_t)(q - p - 1);
	return q + 1;
}

/* Parses a plain path; returns 1 if `src` is one (segments stored). */
static int parse_path(struct expr *e, const char *src)
{
	const char *p = src;

	skip_sp(&p);
	if (*p != '.')
		return 0;
	if (p[1] == '\0' || p[1] == ' ') { /* identity */
		p++;
		skip_sp(&p);
		return *p == '\0';
	}
	while (*p) {
		skip_sp(&p);
		if (!*p)
			break;
		if (*p == '?' && e->nsegs) {
			e->segs[e->nsegs - 1].opt = 1;
			p++;
			continue;
		}
		if (*p == '.' && is_ident_start((unsigned char)p[1])) {
			const char *s = ++p;
			while (is_ident((unsigned char)*p))
				p++;
			add_seg(e, SEG_FIELD, s, (size_t)(p - s), 0);
			continue;
		}
		if (*p == '.' && p[1] == '"') {
			const char *s;
			size_t n;
			p = parse_quoted(p + 1, &s, &n);
			if (!p)
				return 0;
			add_seg(e, SEG_FIELD, s, n, 0);
			continue;
		}
		if (*p == '.' && p[1] == '[')
			p++;
		if (*p == '[') {
			p++;
			skip_sp(&p);
			if (*p == ']') {
				add_seg(e, SEG_ITER, NULL, 0, 0);
				p++;
				continue;
			}
			if (*p == '"') {
				const char *s;
				size_t n;
				p = parse_quoted(p, &s, &n);
				if (!p)
					return 0;
				skip_sp(&p);
				if (*p != ']')
					return 0;
				p++;
				add_seg(e, SEG_FIELD, s, n, 0);
				continue;
			}
			char *endp;
			long idx = strtol(p, &endp, 10);
			if (endp == p)
				return 0;
			p = endp;
			skip_sp(&p);
			if (*p != ']')
				return 0;
			p++;
			add_seg(e, SEG_INDEX, NULL, 0, idx);
			continue;
		}
		return 0;
	}
	return 1;
}

static void jq_err_cb(void *data, jv msg)
{
	struct buf *b = data;

	if (jv_get_kind(msg) == JV_KIND_STRING) {
		if (b->len)
			buf_adds(b, "; ");
		buf_adds(b, jv_string_value(msg));
	}
	jv_free(msg);
}

struct expr *expr_compile(const char *src, char **msg)
{
	struct expr *e = xcalloc(1, sizeof(*e));

	e->src = xstrdup(src);
	buf_init(&e->tmp, 0);
	live_add(e);
	if (parse_path(e, src)) {
		e->fast = 1;
		for (size_t i = e->nsegs; i-- > 0;) {
			if (e->segs[i].kind == SEG_FIELD) {
				e->name = xstrdup(e->segs[i].name);
				break;
			}
		}
		return e;
	}
	for (size_t i = 0; i < e->nsegs; i++)
		free(e->segs[i].name);
	free(e->segs);
	e->segs = NULL;
	e->nsegs = 0;

	struct buf errs = BUF_INIT;
	e->jq = jq_init();
	if (!e->jq)
		err_die("cannot initialise jq");
	jq_set_error_cb(e->jq, jq_err_cb, &errs);
	if (!jq_compile(e->jq, src)) {
		if (msg)
			*msg = errs.len ? buf_detach(&errs, NULL) : xstrdup("syntax error");
		buf_release(&errs);
		expr_free(e);
		return NULL;
	}
	buf_release(&errs);
	jq_set_error_cb(e->jq, NULL, NULL);
	return e;
}

void expr_free(struct expr *e)
{
	if (!e)
		return;
	live_remove(e);
	for (size_t i = 0; i < e->nsegs; i++)
		free(e->segs[i].name);
	free(e->segs);
	if (e->jq)
		jq_teardown(&e->jq);
	buf_release(&e->tmp);
	free(e->src);
	free(e->name);
	free(e);
}

const char *expr_source(const struct expr *e)
{
	return e->src;
}

int expr_is_fast(const struct expr *e)
{
	return e->fast;
}

const char *expr_name(const struct expr *e)
{
	return e->name;
}

const char *expr_root(const struct expr *e)
{
	if (e->fast && e->nsegs && e->segs[0].kind == SEG_FIELD)
		return e->segs[0].name;
	return NULL;
}

static const char *type_name(enum json_type t)
{
	switch (t) {
	case JSON_NULL: return "null";
	case JSON_TRUE:
	case JSON_FALSE: return "boolean";
	case JSON_NUMBER: return "number";
	case JSON_STRING: return "string";
	case JSON_ARRAY: return "array";
	case JSON_OBJECT: return "object";
	default: return "invalid";
	}
}

/* The value as jq 1.6's jv_dump_string_trunc shows it in messages: at
 * most 14 bytes, the last three "..." when cut. */
static void dump_trunc(struct buf *out, const struct json_val *v)
{
	if (v->n <= 14) {
		buf_add(out, v->p, v->n);
		return;
	}
	buf_add(out, v->p, 11);
	buf_adds(out, "...");
}

struct walk {
	struct expr *e;
	expr_fn fn;
	void *ctx;
	struct buf *err;
	int stopped;
};

/* Returns 0, or -1 after an error not suppressed by '?'. */
static int walk(struct walk *w, size_t i, const struct json_val *v)
{
	if (w->stopped)
		return 0;
	if (i == w->e->nsegs) {
		if (w->fn(w->ctx, v))
			w->stopped = 1;
		return 0;
	}
	const struct seg *s = &w->e->segs[i];
	struct json_val x;
	struct json_iter it;

	switch (s->kind) {
	case SEG_FIELD:
		if (v->type == JSON_OBJECT) {
			if (!json_get(v, s->name, s->len, &x))
				x = json_null;
			return walk(w, i + 1, &x);
		}
		if (v->type == JSON_NULL)
			return walk(w, i + 1, &json_null);
		if (s->opt)
			return 0;
		if (w->err) {
			buf_addf(w->err, "Cannot index %s with string \"", type_name(v->type));
			buf_add(w->err, s->name, s->len);
			buf_addc(w->err, '"');
		}
		return -1;
	case SEG_ITER:
		if (v->type == JSON_ARRAY || v->type == JSON_OBJECT) {
			struct json_val k;
			int r = 0;
			json_iter_array(&it, v);
			if (v->type == JSON_ARRAY) {
				while (!w->stopped && json_next_elem(&it, &x))
					if ((r = walk(w, i + 1, &x)) < 0)
						break;
			} else {
				while (!w->stopped && json_next_member(&it, &k, &x))
					if ((r = walk(w, i + 1, &x)) < 0)
						break;
			}
			return r;
		}
		if (s->opt)
			return 0;
		if (w->err) {
			buf_addf(w->err, "Cannot iterate over %s (", type_name(v->type));
			dump_trunc(w->err, v);
			buf_addc(w->err, ')');
		}
		return -1;
	case SEG_INDEX:
		if (v->type == JSON_ARRAY) {
			long n = 0, want = s->index;
			json_iter_array(&it, v);
			if (want < 0) {
				while (json_next_elem(&it, &x))
					n++;
				want += n;
				json_iter_array(&it, v);
				n = 0;
			}
			while (want >= 0 && json_next_elem(&it, &x)) {
				if (n++ == want)
					return walk(w, i + 1, &x);
			}
			return walk(w, i + 1, &json_null);
		}
		if (v->type == JSON_NULL)
			return walk(w, i + 1, &json_null);
		if (s->opt)
			return 0;
		if (w->err)
			buf_addf(w->err, "Cannot index %s with number", type_name(v->type));
		return -1;
	}
	return 0;
}

/* The jq path of expr_run (e->run held). */
static int run_jq(struct expr *e, const struct json_val *rec, expr_fn fn, void *ctx,
		  struct buf *err)
{
	jv in = jv_parse_sized(rec->p, (int)rec->n);
	if (!jv_is_valid(in)) {
		jv m = jv_invalid_get_msg(in);
		if (err && jv_get_kind(m) == JV_KIND_STRING)
			buf_adds(err, jv_string_value(m));
		jv_free(m);
		return -1;
	}
	jq_start(e->jq, in, 0);
	jv r;
	int stopped = 0;
	while (jv_is_valid(r = jq_next(e->jq))) {
		jv s = jv_dump_string(r, 0);
		struct json_val v;
		buf_reset(&e->tmp);
		buf_adds(&e->tmp, jv_string_value(s));
		jv_free(s);
		if (!json_scan(e->tmp.buf, e->tmp.buf + e->tmp.len, &v, NULL, NULL))
			continue;
		if (fn(ctx, &v)) {
			stopped = 1;
			break;
		}
	}
	if (stopped) /* r was consumed by jv_dump_string */
		return 0;
	if (jv_invalid_has_msg(jv_copy(r))) {
		jv m = jv_invalid_get_msg(r);
		if (err) {
			if (jv_get_kind(m) == JV_KIND_STRING) {
				buf_adds(err, jv_string_value(m));
			} else {
				jv d = jv_dump_string(m, 0);
				buf_adds(err, jv_string_value(d));
				jv_free(d);
				m = jv_null();
			}
		}
		jv_free(m);
		return -1;
	}
	jv_free(r);
	return 0;
}

int expr_run(struct expr *e, const struct json_val *rec, expr_fn fn, void *ctx, struct buf *err)
{
	if (e->fast) {
		struct walk w = { e, fn, ctx, err, 0 };
		return walk(&w, 0, rec);
	}
	pthread_mutex_lock(&e->run);
	int r = run_jq(e, rec, fn, ctx, err);
	pthread_mutex_unlock(&e->run);
	return r;
}

struct first {
	struct buf *out;
	int result;
};

static int take_first(void *ctx, const struct json_val *v)
{
	struct first *f = ctx;

	if (v->type == JSON_STRING) {
		json_decode_string(v, f->out);
		f->result = 1;
	} else if (v->type == JSON_NULL) {
		f->result = 0;
	} else {
		f->result = -2;
	}
	return 1;
}

int expr_string(struct expr *e, const struct json_val *rec, struct buf *out, struct buf *err)
{
	struct first f = { out, 0 };

	if (expr_run(e, rec, take_first, &f, err) < 0)
		return -1;
	if (f.result == -2) {
		if (err)
			buf_addf(err, "%s is not a string", e->src);
		return -1;
	}
	return f.result;
}
