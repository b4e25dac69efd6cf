#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "wire/core/err.h"
#include "wire/core/reader.h"
#include "wire/core/stage.h"
#include "wire/core/utf8.h"

/* `prog: file:line: msg` to stderr or into r->msgs. */
static void say(struct reader *r, const char *file, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void say(struct reader *r, const char *file, unsigned long line, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	if (r->msgs) {
		stage_vformat(r->msgs, file, line, fmt, ap);
	} else {
		buf_vaddf(&b, fmt, ap);
		if (file)
			err_at(file, line, "%s", b.buf);
		else
			err_warn("%s", b.buf);
		buf_release(&b);
	}
	va_end(ap);
}

static size_t max_record = READER_MAX_RECORD;

void reader_set_max_record(size_t max)
{
	max_record = max;
}

size_t reader_max_record(void)
{
	return max_record;
}

/* Counts a bad line of `in` and reports it under the policy. */
static void bad_line(struct reader *r, struct input *in, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void bad_line(struct reader *r, struct input *in, const char *fmt, ...)
{
	r->bad++;
	if (r->policy != ON_ERROR_SKIP) {
		struct buf b = BUF_INIT;
		va_list ap;
		va_start(ap, fmt);
		buf_vaddf(&b, fmt, ap);
		va_end(ap);
		say(r, in->name, in->line, "%s", b.buf);
		buf_release(&b);
	}
	if (r->policy == ON_ERROR_FAIL) {
		r->status = WIRE_EXIT_DATA;
		r->stop = 1;
	} else if (r->policy == ON_ERROR_REPORT) {
		r->status = WIRE_EXIT_DATA;
	}
}

/* A record of `in` whose `nbad` invalid UTF-8 sequences, the first at
 * byte `first` of the line, were replaced: reported under the policy.
 * Returns 1 when the run stops here (fail), the record not handed over. */
static int bad_utf8(struct reader *r, struct input *in, size_t first, size_t nbad)
{
	r->replaced++;
	if (r->policy == ON_ERROR_SKIP)
		return 0;
	if (nbad == 1)
		say(r, in->name, in->line, "invalid UTF-8 at byte %zu (replaced by U+FFFD)", first + 1);
	else
		say(r, in->name, in->line, "invalid UTF-8 at byte %zu (%zu sequences replaced by U+FFFD)",
		    first + 1, nbad);
	r->status = WIRE_EXIT_DATA;
	if (r->policy == ON_ERROR_FAIL)
		r->stop = 1;
	return r->stop;
}

int reader_policy(const char *s)
{
	if (!strcmp(s, "report"))
		return ON_ERROR_REPORT;
	if (!strcmp(s, "skip"))
		return ON_ERROR_SKIP;
	if (!strcmp(s, "fail"))
		return ON_ERROR_FAIL;
	return -1;
}

void reader_init(struct reader *r, char **files, int nfiles, enum on_error policy)
{
	static char *stdin_only[] = { (char *)"-", NULL };

	memset(r, 0, sizeof(*r));
	if (nfiles <= 0) {
		files = stdin_only;
		nfiles = 1;
	}
	r->files = files;
	r->nfiles = nfiles;
	r->policy = policy;
	buf_init(&r->line, 4096);
	buf_init(&r->fix, 0);
}

const char *reader_name(const struct reader *r)
{
	return r->open ? r->in.name : r->at_file ? r->at_file : "<input>";
}

unsigned long reader_lineno(const struct reader *r)
{
	return r->open ? r->in.line : r->at_file ? r->at_line : 0;
}

void reader_error(struct reader *r, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	say(r, reader_name(r), reader_lineno(r), "%s", b.buf);
	buf_release(&b);
}

static void close_input(struct reader *r)
{
	const char *e = input_error(&r->in);

	if (e) {
		say(r, r->in.name, 0, "%s", e);
		r->status = WIRE_EXIT_DATA;
	}
	r->done_bytes += r->in.offset;
	input_close(&r->in);
	r->open = 0;
}

/* The next valid record of `in` into r->line and r->rec: 1, or 0 at its
 * end or when the policy stops the run. */
static int next_record(struct reader *r, struct input *in)
{
	while (!r->stop) {
		in->max_line = max_record;
		if (!input_getline(in, &r->line))
			return 0;
		if (in->overlong) {
			bad_line(r, in, "line of %llu bytes longer than --max-record (%zu); skipped",
				 in->overlong, max_record);
			continue;
		}
		const char *p = r->line.buf, *end = p + r->line.len;
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
			p++;
		if (p == end)
			continue; /* blank line */
		const char *msg;
		size_t pos;
		if (json_check_object(r->line.buf, r->line.len, &msg, &pos)) {
			/* invalid bytes can only be inside strings: U+FFFD
			 * keeps the object valid */
			size_t first, nbad = utf8_fix(&r->line, &r->fix, &first);
			if (nbad && bad_utf8(r, in, first, nbad))
				return 0;
			end = r->line.buf + r->line.len;
			const char *q = r->line.buf;
			while (*q != '{')
				q++;
			r->rec.p = q;
			/* trailing white space is outside the object */
			const char *e = end;
			while (e > q && e[-1] != '}')
				e--;
			r->rec.n = (size_t)(e - q);
			r->rec.type = JSON_OBJECT;
			r->records++;
			return 1;
		}
		bad_line(r, in, "invalid JSON: %s at byte %zu", msg, pos + 1);
	}
	return 0;
}

int reader_next_in(struct reader *r, struct input *in)
{
	return next_record(r, in);
}

int reader_next(struct reader *r)
{
	while (!r->stop) {
		if (!r->open) {
			if (r->idx >= r->nfiles)
				return 0;
			const char *f = r->files[r->idx++];
			if (input_open(&r->in, f) < 0) {
				say(r, NULL, 0, "cannot open '%s': %s", f, strerror(errno));
				r->status = WIRE_EXIT_DATA;
				continue;
			}
			r->open = 1;
		}
		if (next_record(r, &r->in))
			return 1;
		if (!r->stop)
			close_input(r);
	}
	return 0;
}

unsigned long long reader_bytes(const struct reader *r)
{
	return r->done_bytes + (r->open ? r->in.offset : 0);
}

int reader_finish(struct reader *r)
{
	if (r->open)
		close_input(r);
	if (r->bad && r->policy == ON_ERROR_SKIP)
		say(r, NULL, 0, "skipped %llu invalid line%s", r->bad, r->bad == 1 ? "" : "s");
	if (r->replaced && r->policy == ON_ERROR_SKIP)
		say(r, NULL, 0, "replaced invalid UTF-8 by U+FFFD in %llu record%s", r->replaced,
		    r->replaced == 1 ? "" : "s");
	buf_release(&r->line);
	buf_release(&r->fix);
	return r->status;
}
