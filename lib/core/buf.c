#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "wire/core/buf.h"
#include "wire/core/err.h"

char buf_empty[1];

void buf_init(struct buf *b, size_t hint)
{
	b->buf = buf_empty;
	b->len = 0;
	b->alloc = 0;
	if (hint)
		buf_grow(b, hint);
}

void buf_release(struct buf *b)
{
	if (b->alloc)
		free(b->buf);
	buf_init(b, 0);
}

void buf_grow(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need < b->len)
		err_die("buffer size overflow");
	if (need <= b->alloc)
		return;
	size_t alloc = b->alloc ? b->alloc : 64;
	while (alloc < need)
		alloc = alloc < (SIZE_MAX / 2) ? alloc * 2 : need;
	if (!b->alloc) {
		b->buf = xmalloc(alloc);
		b->buf[0] = '\0';
	} else {
		b->buf = xrealloc(b->buf, alloc);
	}
	b->alloc = alloc;
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *r;

	if (len)
		*len = b->len;
	r = b->alloc ? b->buf : xcalloc(1, 1);
	buf_init(b, 0);
	return r;
}

void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(b->buf + b->len, b->alloc ? b->alloc - b->len : 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		err_die("vsnprintf failed");
	if (!b->alloc || (size_t)n >= b->alloc - b->len) {
		buf_grow(b, (size_t)n);
		n = vsnprintf(b->buf + b->len, b->alloc - b->len, fmt, ap);
	}
	b->len += (size_t)n;
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void buf_addu(struct buf *b, unsigned long long v)
{
	char tmp[24];
	size_t i = sizeof(tmp);

	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	buf_add(b, tmp + i, sizeof(tmp) - i);
}

void buf_addi(struct buf *b, long long v)
{
	if (v < 0) {
		buf_addc(b, '-');
		buf_addu(b, 0ULL - (unsigned long long)v);
	} else {
		buf_addu(b, (unsigned long long)v);
	}
}

int buf_read_file(struct buf *b, const char *path, struct buf *err)
{
	FILE *fp = fopen(path, "rb");
	char chunk[65536];
	size_t got;

	if (!fp) {
		buf_addf(err, "cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(b, chunk, got);
	int bad = ferror(fp);
	int saved = errno;
	fclose(fp);
	if (bad) {
		buf_addf(err, "cannot read '%s': %s", path, strerror(saved));
		return -1;
	}
	return 0;
}
