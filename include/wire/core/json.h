#ifndef WIRE_JSON_H
#define WIRE_JSON_H
/*
 * json — the fast path over JSON text: validate and walk a record without
 * building a tree, decode strings, and escape strings exactly as `jq -c`
 * prints them. The general path (any jq expression) is expr.h.
 *
 * Values are spans of the caller's text: nothing here allocates except
 * into a caller's buf, and spans stay valid as long as that text does.
 */
#include <stddef.h>

#include "wire/core/buf.h"

enum json_type {
	JSON_INVALID = 0,
	JSON_NULL = 'n',
	JSON_FALSE = 'f',
	JSON_TRUE = 't',
	JSON_NUMBER = '0',
	JSON_STRING = '"',
	JSON_ARRAY = '[',
	JSON_OBJECT = '{',
};

/* A value as it stands in the text: p..p+n, quotes included for strings. */
struct json_val {
	const char *p;
	size_t n;
	enum json_type type;
};

/* Maximum nesting accepted by the scanner, counted as jq 1.6's parser
 * counts it: an array takes one level, an object two (the object and the
 * key of the member being read), so 256 arrays or 128 objects. */
#define JSON_MAX_DEPTH 256

/*
 * Validates the value that starts at `p` (after optional white space) and
 * stores its span in *v. Returns a pointer just past it, or NULL when the
 * text is not valid JSON; then *err (if not NULL) points at the offending
 * byte and *msg says what is wrong ("unterminated string", ...).
 */
const char *json_scan(const char *p, const char *end, struct json_val *v,
		      const char **err, const char **msg);

/*
 * Checks that [s, s+n) is exactly one JSON object (surrounding white space
 * allowed). Returns 1 if so, 0 otherwise with *msg and *errpos (byte
 * offset) set.
 */
int json_check_object(const char *s, size_t n, const char **msg, size_t *errpos);

/* Iteration over the members of an object value (already validated). */
struct json_iter {
	const char *p, *end;
};
/* Starts iterating over the object value `obj` (type JSON_OBJECT). */
void json_iter_object(struct json_iter *it, const struct json_val *obj);
/* Starts iterating over the elements of the array value `arr`. */
void json_iter_array(struct json_iter *it, const struct json_val *arr);
/* Next member: key (a string value, quotes included) and value. Returns 1,
 * or 0 at the end. */
int json_next_member(struct json_iter *it, struct json_val *key, struct json_val *val);
/* Next element of an array. Returns 1, or 0 at the end. */
int json_next_elem(struct json_iter *it, struct json_val *val);

/* True when string value `key` (quotes included) decodes to name[0..len). */
int json_key_eq(const struct json_val *key, const char *name, size_t len);

/*
 * Finds member `name` in validated object value `obj`; the last one wins,
 * as in jq. Returns 1 and sets *val, or 0 if absent.
 */
int json_get(const struct json_val *obj, const char *name, size_t len, struct json_val *val);

/*
 * Appends the decoded content of string value `v` (quotes included) to
 * `out`. Escaped lone surrogates become U+FFFD, as in jq. Invalid UTF-8
 * bytes are copied as they are (see utf8_sanitize). Returns 0, or -1 if
 * `v` is not a string.
 */
int json_decode_string(const struct json_val *v, struct buf *out);

/*
 * Appends `s` as a JSON string, quotes included, byte-identical to what
 * `jq -c` prints for the same (valid UTF-8) string: `"` and `\` escaped,
 * \b \f \n \r \t, other controls and DEL as \u00XX, everything else raw.
 */
void json_escape(struct buf *out, const char *s, size_t n);

#endif
