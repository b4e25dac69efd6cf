#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wire/core/buf.h"
#include "wire/core/data.h"
#include "wire/core/err.h"

#ifndef WIRE_DATADIR
#define WIRE_DATADIR "/usr/local/share/wire"
#endif
#ifndef WIRE_BINDIR
#define WIRE_BINDIR "/usr/local/bin"
#endif

static int try_path(struct buf *b, const char *dir, size_t dirlen, const char *name)
{
	buf_reset(b);
	buf_add(b, dir, dirlen);
	buf_addc(b, '/');
	buf_adds(b, name);
	return access(b->buf, R_OK) == 0;
}

/* Length of the next path component of `p` (after any slashes). */
static size_t component(const char **p)
{
	while (**p == '/')
		(*p)++;
	return strcspn(*p, "/");
}

void data_relpath(struct buf *out, const char *from, const char *to)
{
	/* Skip the leading components the two paths share. */
	for (;;) {
		const char *f = from, *t = to;
		size_t fn = component(&f), tn = component(&t);
		if (fn == 0 || fn != tn || memcmp(f, t, fn) != 0)
			break;
		from = f + fn;
		to = t + tn;
	}
	buf_reset(out);
	for (size_t n; (n = component(&from)) > 0; from += n) {
		if (!(n == 1 && *from == '.'))
			buf_adds(out, out->len ? "/.." : "..");
	}
	for (size_t n; (n = component(&to)) > 0; to += n) {
		if (out->len)
			buf_addc(out, '/');
		buf_add(out, to, n);
	}
	if (!out->len)
		buf_addc(out, '.');
}

/* Tries <folder of the running binary>/rel/name. */
static int try_beside_binary(struct buf *b, const char *rel, const char *name)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return 0;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return 0;
	struct buf d = BUF_INIT;
	buf_add(&d, exe, (size_t)(slash - exe));
	buf_addc(&d, '/');
	buf_adds(&d, rel);
	int ok = try_path(b, d.buf, d.len, name);
	buf_release(&d);
	return ok;
}

char *data_path(const char *name)
{
	struct buf b = BUF_INIT;
	const char *env = getenv("WIRE_DATA");

	if (env && *env && try_path(&b, env, strlen(env), name))
		return buf_detach(&b, NULL);

	/* The installed layout, moved as a whole (DESTDIR, a relocated
	 * PREFIX): DATADIR as seen from BINDIR; then the build tree. */
	struct buf rel = BUF_INIT;
	data_relpath(&rel, WIRE_BINDIR, WIRE_DATADIR);
	int ok = try_beside_binary(&b, rel.buf, name) ||
		 (strcmp(rel.buf, "../share/wire") != 0 &&
		  try_beside_binary(&b, "../share/wire", name));
	buf_release(&rel);
	if (ok)
		return buf_detach(&b, NULL);
	if (try_path(&b, WIRE_DATADIR, strlen(WIRE_DATADIR), name))
		return buf_detach(&b, NULL);
	buf_release(&b);
	return NULL;
}
