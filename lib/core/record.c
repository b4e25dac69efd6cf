#include <string.h>

#include "wire/core/record.h"

void record_begin(struct record_writer *w, struct buf *out)
{
	w->out = out;
	w->members = 0;
	buf_addc(out, '{');
}

int record_key_in(const struct json_val *key, const char *const *set)
{
	if (!set)
		return 0;
	for (; *set; set++)
		if (json_key_eq(key, *set, strlen(*set)))
			return 1;
	return 0;
}

void record_copy(struct record_writer *w, const struct json_val *obj, const char *const *skip)
{
	struct json_iter it;
	struct json_val k, v;

	json_iter_object(&it, obj);
	while (json_next_member(&it, &k, &v)) {
		if (record_key_in(&k, skip))
			continue;
		if (w->members++)
			buf_addc(w->out, ',');
		buf_add(w->out, k.p, (size_t)(v.p + v.n - k.p));
	}
}

void record_members(struct record_writer *w, const char *json, size_t n, size_t count)
{
	if (!count)
		return;
	if (w->members)
		buf_addc(w->out, ',');
	buf_add(w->out, json, n);
	w->members += count;
}

void record_key(struct record_writer *w, const char *key)
{
	size_t n = strlen(key);

	buf_grow(w->out, n + 4);
	if (w->members++)
		buf_addc(w->out, ',');
	buf_addc(w->out, '"');
	buf_add(w->out, key, n);
	buf_addc(w->out, '"');
	buf_addc(w->out, ':');
}

void record_str(struct record_writer *w, const char *key, const char *s, size_t n)
{
	record_key(w, key);
	json_escape(w->out, s, n);
}

void record_int(struct record_writer *w, const char *key, long long v)
{
	record_key(w, key);
	buf_addi(w->out, v);
}

void record_raw(struct record_writer *w, const char *key, const char *json, size_t n)
{
	record_key(w, key);
	buf_add(w->out, json, n);
}

void record_span(struct record_writer *w, const char *key, size_t a, size_t b)
{
	record_key(w, key);
	buf_addc(w->out, '[');
	buf_addu(w->out, a);
	buf_addc(w->out, ',');
	buf_addu(w->out, b);
	buf_addc(w->out, ']');
}

void record_end(struct record_writer *w)
{
	buf_addc(w->out, '}');
	buf_addc(w->out, '\n');
}
