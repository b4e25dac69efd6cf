#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "wire/core/err.h"
#include "wire/core/output.h"

void output_open(struct output *o, const char *path, int gzip)
{
	memset(o, 0, sizeof(*o));
	if (!path || !strcmp(path, "-")) {
		o->name = "<stdout>";
		o->fp = stdout;
	} else {
		o->name = path;
		o->fp = fopen(path, "wb");
		if (!o->fp)
			err_die("cannot create '%s': %s", path, strerror(errno));
	}
	if (gzip) {
		int fd = dup(fileno(o->fp));

		o->gz = fd < 0 ? NULL : gzdopen(fd, "wb6");
		if (!o->gz)
			err_die("cannot compress '%s'", o->name);
		gzbuffer(o->gz, 256 * 1024);
	} else {
		setvbuf(o->fp, NULL, _IOFBF, 256 * 1024);
	}
}

void output_write(struct output *o, const void *p, size_t n)
{
	if (!n)
		return;
	if (o->gz) {
		if (gzwrite(o->gz, p, (unsigned)n) != (int)n) {
			int num;
			const char *m = gzerror(o->gz, &num);
			err_die("write error on '%s': %s", o->name,
				num == Z_ERRNO ? strerror(errno) : m);
		}
		return;
	}
	if (fwrite(p, 1, n, o->fp) != n)
		err_die("write error on '%s': %s", o->name, strerror(errno));
}

void output_record_done(struct output *o)
{
	if (!o->unbuffered)
		return;
	if (o->gz)
		gzflush(o->gz, Z_SYNC_FLUSH);
	else if (fflush(o->fp))
		err_die("write error on '%s': %s", o->name, strerror(errno));
}

int output_close(struct output *o)
{
	int bad = 0;

	if (o->gz) {
		/* gzdopen owns a duplicate of the descriptor */
		if (gzclose_w(o->gz) != Z_OK)
			bad = 1;
		o->gz = NULL;
	}
	if (o->fp) {
		if (fflush(o->fp) || ferror(o->fp))
			bad = 1;
		if (o->fp != stdout && fclose(o->fp))
			bad = 1;
		o->fp = NULL;
	}
	if (bad) {
		err_warn("write error on '%s': %s", o->name, strerror(errno));
		return 1;
	}
	return 0;
}
