#include <string.h>

#include "wire/core/tar.h"

static unsigned long long octal(const unsigned char *p, size_t n, int *ok)
{
	unsigned long long v = 0;
	size_t i = 0;

	if (n && (p[0] & 0x80)) { /* GNU base-256 */
		v = p[0] & 0x3F;
		for (i = 1; i < n; i++)
			v = (v << 8) | p[i];
		return v;
	}
	while (i < n && p[i] == ' ')
		i++;
	for (; i < n && p[i] >= '0' && p[i] <= '7'; i++)
		v = v * 8 + (p[i] - '0');
	if (i < n && p[i] != ' ' && p[i] != '\0')
		*ok = 0;
	return v;
}

static int checksum_ok(const unsigned char *h)
{
	unsigned long sum = 0;
	int ok = 1;

	for (int i = 0; i < 512; i++)
		sum += (i >= 148 && i < 156) ? ' ' : h[i];
	unsigned long long want = octal(h + 148, 8, &ok);
	return ok && want == sum;
}

int tar_sniff(const char *p, size_t n)
{
	if (n < 512)
		return 0;
	const unsigned char *h = (const unsigned char *)p;
	if (memcmp(h + 257, "ustar", 5))
		return 0;
	return checksum_ok(h);
}

void tar_init(struct tar *t, struct input *in)
{
	memset(t, 0, sizeof(*t));
	t->in = in;
	buf_init(&t->name, 256);
}

void tar_release(struct tar *t)
{
	buf_release(&t->name);
}

static int skip(struct tar *t, unsigned long long n)
{
	if (input_skip(t->in, n) != n) {
		t->errmsg = "truncated tar archive";
		return -1;
	}
	return 0;
}

/* Reads a member's data (long name or pax record) into `out`. */
static int read_meta(struct tar *t, unsigned long long size, struct buf *out)
{
	if (size > (1u << 20)) {
		t->errmsg = "tar metadata record too large";
		return -1;
	}
	buf_reset(out);
	buf_grow(out, (size_t)size);
	if (input_read(t->in, out->buf, (size_t)size) != size) {
		t->errmsg = "truncated tar archive";
		return -1;
	}
	buf_setlen(out, (size_t)size);
	return skip(t, (512 - size % 512) % 512);
}

/* Finds "path=" in a pax extended header. */
static int pax_path(const struct buf *pax, struct buf *name)
{
	size_t i = 0;

	while (i < pax->len) {
		size_t len = 0, j = i;
		while (j < pax->len && pax->buf[j] >= '0' && pax->buf[j] <= '9')
			len = len * 10 + (size_t)(pax->buf[j++] - '0');
		if (!len || i + len > pax->len || j >= pax->len || pax->buf[j] != ' ')
			return 0;
		const char *kv = pax->buf + j + 1;
		size_t kvlen = i + len - (j + 1);
		if (kvlen > 5 && !memcmp(kv, "path=", 5)) {
			buf_reset(name);
			buf_add(name, kv + 5, kvlen - 6); /* drop trailing '\n' */
			return 1;
		}
		i += len;
	}
	return 0;
}

int tar_next(struct tar *t)
{
	unsigned char h[512];
	struct buf longname = BUF_INIT;
	int have_long = 0, rc = -1;

	if (t->errmsg)
		return -1;
	if (skip(t, t->left + t->pad) < 0)
		return -1;
	t->left = t->pad = 0;
	for (;;) {
		size_t got = input_read(t->in, h, 512);
		if (got == 0) { /* end without the two zero blocks: accept */
			rc = 0;
			break;
		}
		if (got < 512) {
			t->errmsg = "truncated tar archive";
			break;
		}
		int zero = 1;
		for (int i = 0; i < 512 && zero; i++)
			zero = !h[i];
		if (zero) {
			rc = 0;
			break;
		}
		if (!checksum_ok(h)) {
			t->errmsg = "invalid tar header (bad checksum)";
			break;
		}
		int ok = 1;
		unsigned long long size = octal(h + 124, 12, &ok);
		if (!ok) {
			t->errmsg = "invalid tar header (bad size)";
			break;
		}
		char type = (char)h[156];
		if (type == 'L' || type == 'x') {
			struct buf meta = BUF_INIT;
			if (read_meta(t, size, &meta) < 0) {
				buf_release(&meta);
				break;
			}
			if (type == 'L') {
				buf_reset(&longname);
				buf_add(&longname, meta.buf, strnlen(meta.buf, meta.len));
				have_long = 1;
			} else if (pax_path(&meta, &longname)) {
				have_long = 1;
			}
			buf_release(&meta);
			continue;
		}
		if (type != '0' && type != '\0' && type != '7') {
			if (skip(t, size + (512 - size % 512) % 512) < 0)
				break;
			have_long = 0;
			continue;
		}
		buf_reset(&t->name);
		if (have_long) {
			buf_add(&t->name, longname.buf, longname.len);
		} else {
			if (!memcmp(h + 257, "ustar", 5) && h[345]) {
				buf_add(&t->name, h + 345, strnlen((char *)h + 345, 155));
				buf_addc(&t->name, '/');
			}
			buf_add(&t->name, h, strnlen((char *)h, 100));
		}
		t->size = t->left = size;
		t->pad = (512 - size % 512) % 512;
		rc = 1;
		break;
	}
	buf_release(&longname);
	return rc;
}

size_t tar_read(struct tar *t, void *dst, size_t n)
{
	if (n > t->left)
		n = (size_t)t->left;
	if (!n)
		return 0;
	size_t got = input_read(t->in, dst, n);
	t->left -= got;
	if (got < n)
		t->errmsg = "truncated tar archive";
	return got;
}
