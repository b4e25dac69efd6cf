#ifndef WIRE_RECORD_H
#define WIRE_RECORD_H
/*
 * record — writing records under the contract (docs/records.md): a tool
 * keeps every member it does not own, byte for byte and in order, and
 * appends its own; running it again replaces its own members.
 *
 *	struct record_writer w;
 *	record_begin(&w, out);
 *	record_copy(&w, &obj, owned);       // input members minus `owned`
 *	record_str(&w, "text", s, n);
 *	record_key(&w, "entities"); ...raw JSON into w.out...
 *	record_end(&w);                      // '}' and '\n'
 */
#include <stddef.h>

#include "wire/core/buf.h"
#include "wire/core/json.h"

struct record_writer {
	struct buf *out;  /* borrowed; the record is appended to it */
	size_t members;   /* members written so far */
};

/* Starts an object in `out` (appends '{'). */
void record_begin(struct record_writer *w, struct buf *out);
/*
 * Copies the members of object value `obj` whose keys are not listed in
 * the NULL-terminated array `skip` (may be NULL), exactly as they are
 * written in the input.
 */
void record_copy(struct record_writer *w, const struct json_val *obj, const char *const *skip);
/*
 * Appends members already rendered as JSON text ("\"a\":1,\"b\":2", no
 * braces, `count` of them), e.g. the carried members of one input record
 * written once and reused for each of its output records.
 */
void record_members(struct record_writer *w, const char *json, size_t n, size_t count);
/* Writes the separator and `"key":`; the caller appends the value to w->out.
 * Keys are the tools' own names: plain ASCII that needs no escaping. */
void record_key(struct record_writer *w, const char *key);
/* Convenience writers of one member each. */
void record_str(struct record_writer *w, const char *key, const char *s, size_t n);
void record_int(struct record_writer *w, const char *key, long long v);
void record_raw(struct record_writer *w, const char *key, const char *json, size_t n);
/* Writes a two-element array of integers: "key":[a,b]. */
void record_span(struct record_writer *w, const char *key, size_t a, size_t b);
/* Closes the object and ends the line. */
void record_end(struct record_writer *w);

/* True when `key` is in the NULL-terminated list `set`. */
int record_key_in(const struct json_val *key, const char *const *set);

#endif
