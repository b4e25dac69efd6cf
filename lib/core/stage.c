/*
 * stage — the messages a stage gives the driver (see stage.h).
 */
#include <stdarg.h>

#include "wire/core/err.h"
#include "wire/core/stage.h"

void stage_vformat(struct buf *b, const char *file, unsigned long line, const char *fmt,
		   va_list ap)
{
	buf_adds(b, err_prog());
	buf_add(b, ": ", 2);
	if (file) {
		buf_adds(b, file);
		if (line) {
			buf_addc(b, ':');
			buf_addu(b, line);
		}
		buf_add(b, ": ", 2);
	}
	buf_vaddf(b, fmt, ap);
	buf_addc(b, '\n');
}

int stage_error(struct stage_ctx *cx, const struct stage_rec *r, const char *fmt, ...)
{
	va_list ap;

	cx->bad++;
	if (cx->policy != ON_ERROR_SKIP) {
		va_start(ap, fmt);
		stage_vformat(cx->msg, r ? r->file : NULL, r ? r->lineno : 0, fmt, ap);
		va_end(ap);
	}
	if (cx->policy == ON_ERROR_FAIL) {
		cx->stop = 1;
		return -1;
	}
	return 0;
}

void stage_warn(struct stage_ctx *cx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	stage_vformat(cx->msg, NULL, 0, fmt, ap);
	va_end(ap);
}
