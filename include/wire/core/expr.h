#ifndef WIRE_EXPR_H
#define WIRE_EXPR_H
/*
 * expr — a user's choice of field: any jq expression, compiled once.
 *
 * Plain paths (`.text`, `.a.b`, `.["x y"]`, `.entities[].iso`, `.a[0]`,
 * with optional `?`) run on the fast path: they walk the record's text
 * (json.h) with jq's semantics and errors, and build no jq value. Every
 * other expression runs in libjq: the record is parsed into a jv, the
 * program run, and each output printed as `jq -c` prints it.
 *
 * Either way the caller sees each output as JSON text (struct json_val),
 * valid until the callback returns.
 */
#include "wire/core/buf.h"
#include "wire/core/json.h"

struct expr;

/* Compiles `src`. Returns NULL on a syntax error and puts jq's message in
 * *msg (caller frees). */
struct expr *expr_compile(const char *src, char **msg);
void expr_free(struct expr *e);

/* The source text as given. */
const char *expr_source(const struct expr *e);
/* 1 when the expression runs on the fast path. */
int expr_is_fast(const struct expr *e);
/* A name for the value, for column headers: the last field of a path
 * (".entities[].iso" → "iso"), else NULL. Owned by `e`. */
const char *expr_name(const struct expr *e);

/* The first field of a fast path (".body.content" → "body"), i.e. the
 * top-level member the value comes from; NULL for other expressions. */
const char *expr_root(const struct expr *e);

/* Called once per output value; return non-zero to stop early. */
typedef int (*expr_fn)(void *ctx, const struct json_val *v);

/*
 * Runs `e` on the record `rec` (an object value from json_check_object /
 * json_scan). Returns 0, or -1 on a jq runtime error ("Cannot iterate over
 * null") with the message appended to `err` (may be NULL). Outputs before
 * the error have been passed to `fn`.
 */
int expr_run(struct expr *e, const struct json_val *rec, expr_fn fn, void *ctx, struct buf *err);

/*
 * The first output of `e` as a decoded string, appended to `out`.
 * Returns 1 for a string, 0 when there is no output or it is null, -1 when
 * it is another type or a runtime error (message in `err`).
 */
int expr_string(struct expr *e, const struct json_val *rec, struct buf *out, struct buf *err);

#endif
