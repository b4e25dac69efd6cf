#ifndef WIRE_BUF_H
#define WIRE_BUF_H
/*
 * buf — the one growable byte buffer of wire (after git's strbuf).
 *
 * Invariants: `buf` is never NULL and is always NUL-terminated at `len`,
 * so it can be handed to C string functions; `alloc` is 0 while `buf`
 * points at a shared empty string. Allocation failure is fatal (xalloc).
 * A zero-initialised struct is NOT valid: use BUF_INIT or buf_init().
 */
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct buf {
	char *buf;
	size_t len;
	size_t alloc;
};

extern char buf_empty[];
#define BUF_INIT { buf_empty, 0, 0 }

/* Initialises `b`, reserving room for `hint` bytes (0: no allocation). */
void buf_init(struct buf *b, size_t hint);
/* Frees the memory of `b` and leaves it as BUF_INIT. */
void buf_release(struct buf *b);
/* Ensures room for `extra` more bytes (plus the NUL) without reallocating. */
void buf_grow(struct buf *b, size_t extra);
/* Hands the memory to the caller, who frees it; `b` becomes BUF_INIT. */
char *buf_detach(struct buf *b, size_t *len);
/* Appends printf-style formatted text. */
void buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap);
/* Appends the decimal form of `v`. */
void buf_addu(struct buf *b, unsigned long long v);
void buf_addi(struct buf *b, long long v);
/* Appends the whole content of the file at `path` (small files: models,
 * dictionaries). Returns 0, or -1 with "cannot open 'path': reason" (or
 * "cannot read") appended to `err`. */
int buf_read_file(struct buf *b, const char *path, struct buf *err);

static inline void buf_setlen(struct buf *b, size_t len)
{
	b->len = len;
	b->buf[len] = '\0';
}

static inline void buf_reset(struct buf *b)
{
	if (b->alloc)
		buf_setlen(b, 0);
}

static inline void buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->alloc - b->len <= n || !b->alloc)
		buf_grow(b, n);
	memcpy(b->buf + b->len, p, n);
	buf_setlen(b, b->len + n);
}

static inline void buf_addc(struct buf *b, int c)
{
	if (b->alloc - b->len <= 1 || !b->alloc)
		buf_grow(b, 1);
	b->buf[b->len++] = (char)c;
	b->buf[b->len] = '\0';
}

static inline void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

#endif
