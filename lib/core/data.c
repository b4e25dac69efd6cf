#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wire/core/buf.h"
#include "wire/core/data.h"
#include "wire/core/err.h"

#ifndef WIRE_DATADIR
#define WIRE_DATADIR "/usr/local/share/wire"
#endif

static int try_path(struct buf *b, const char *dir, size_t dirlen, const char *name)
{
	buf_reset(b);
	buf_add(b, dir, dirlen);
	buf_addc(b, '/');
	buf_adds(b, name);
	return access(b->buf, R_OK) == 0;
}

char *data_path(const char *name)
{
	struct buf b = BUF_INIT;
	const char *env = getenv("WIRE_DATA");

	if (env && *env && try_path(&b, env, strlen(env), name))
		return buf_detach(&b, NULL);

	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			struct buf d = BUF_INIT;
			buf_adds(&d, exe);
			buf_adds(&d, "/../share/wire");
			int ok = try_path(&b, d.buf, d.len, name);
			buf_release(&d);
			if (ok)
				return buf_detach(&b, NULL);
		}
	}
	if (try_path(&b, WIRE_DATADIR, strlen(WIRE_DATADIR), name))
		return buf_detach(&b, NULL);
	buf_release(&b);
	return NULL;
}
