#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "wire/core/err.h"
#include "wire/core/input.h"

#ifdef WIRE_ISAL
#include <isa-l/igzip_lib.h>

/*
 * Gzip through ISA-L's inflater (several times faster than zlib's), when
 * the build found it; zlib stays the portable default. Plain input is read
 * with read(2) directly. Multi-member files, a truncated file and trailing
 * bytes after the last member behave as with zlib's gzread().
 */
struct input_isal {
	struct inflate_state st;
	unsigned char *ibuf;     /* compressed bytes, INPUT_CHUNK of room */
	int eof;                 /* read(2) has reached the end */
	int between;             /* a member has ended */
	int done;                /* no more members */
	int truncated;           /* report the truncation at the next call */
};
#endif

/*
 * The reader thread fills chunks in order; the consumer takes them in the
 * same order. A chunk is "full" from the time the thread hands it over
 * until the consumer asks for the next one.
 */
struct input_thread {
	pthread_t tid;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	char *chunk[INPUT_CHUNKS];
	size_t clen[INPUT_CHUNKS];
	unsigned head, tail;   /* produced, consumed (monotonic) */
	int done, stop;
	char *errmsg;
};

static char *gz_errmsg(gzFile gz)
{
	int num;
	const char *m = gzerror(gz, &num);

	if (num == Z_ERRNO)
		return xstrdup(strerror(errno));
	if (num == Z_BUF_ERROR)
		return xstrdup("unexpected end of file (truncated gzip?)");
	if (num == Z_DATA_ERROR)
		return xmemdup("invalid gzip data", 17);
	return xstrdup(m && *m ? m : "read error");
}

/* Fills `dst` with up to INPUT_CHUNK bytes; returns count, 0 at end, -1 on error. */
static long gz_fill(gzFile gz, char *dst, char **errmsg)
{
	int n = gzread(gz, dst, INPUT_CHUNK);

	if (n < 0) {
		*errmsg = gz_errmsg(gz);
		return -1;
	}
	if (n == 0) {
		int num;
		gzerror(gz, &num);
		if (num != Z_OK) {
			*errmsg = gz_errmsg(gz);
			return -1;
		}
	}
	return n;
}

#ifdef WIRE_ISAL
/* Reads until `n` bytes or the end; returns the count, or -1 on an error. */
static long read_full(int fd, char *dst, size_t n, char **errmsg)
{
	size_t got = 0;

	while (got < n) {
		ssize_t k = read(fd, dst + got, n - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			*errmsg = xstrdup(strerror(errno));
			return -1;
		}
		if (k == 0)
			break;
		got += (size_t)k;
	}
	return (long)got;
}

/* Moves the unread compressed bytes to the front and reads more after
 * them; returns 1 when some were read, 0 at the end, -1 on an error. */
static int isal_more(struct input *in, char **errmsg)
{
	struct input_isal *g = in->isal;
	size_t keep = g->st.avail_in;

	if (g->eof)
		return 0;
	memmove(g->ibuf, g->st.next_in, keep);
	long n = read_full(in->fd, (char *)g->ibuf + keep, INPUT_CHUNK - keep, errmsg);
	if (n < 0)
		return -1;
	if ((size_t)n < INPUT_CHUNK - keep)
		g->eof = 1;
	g->st.next_in = g->ibuf;
	g->st.avail_in = (uint32_t)(keep + (size_t)n);
	return n > 0;
}

/* Inflates up to INPUT_CHUNK bytes into `dst`; like gz_fill. */
static long isal_fill(struct input *in, char *dst, char **errmsg)
{
	struct input_isal *g = in->isal;
	size_t got = 0;

	if (g->truncated) {
		*errmsg = xstrdup("unexpected end of file (truncated gzip?)");
		return -1;
	}
	while (got < INPUT_CHUNK && !g->done) {
		if (g->between) {
			/* another member, or the end: whatever else follows the
			 * last member is ignored, as zlib does */
			while (g->st.avail_in < 2 && !g->eof)
				if (isal_more(in, errmsg) < 0)
					return -1;
			if (g->st.avail_in < 2 || g->st.next_in[0] != 0x1f ||
			    g->st.next_in[1] != 0x8b) {
				g->done = 1;
				break;
			}
			uint8_t *next = g->st.next_in;
			uint32_t avail = g->st.avail_in;
			isal_inflate_reset(&g->st);
			g->st.next_in = next;
			g->st.avail_in = avail;
			g->st.crc_flag = ISAL_GZIP;
			g->between = 0;
		}
		uint32_t before_in = g->st.avail_in;
		size_t before = got;
		g->st.next_out = (uint8_t *)dst + got;
		g->st.avail_out = (uint32_t)(INPUT_CHUNK - got);
		int ret = isal_inflate(&g->st);
		got = INPUT_CHUNK - g->st.avail_out;
		if (ret < 0) {
			*errmsg = xmemdup("invalid gzip data", 17);
			return -1;
		}
		if (g->st.block_state == ISAL_BLOCK_FINISH) {
			g->between = 1;
			continue;
		}
		if (got < INPUT_CHUNK &&
		    (g->st.avail_in == 0 || (got == before && g->st.avail_in == before_in))) {
			int r = isal_more(in, errmsg);
			if (r < 0)
				return -1;
			if (r == 0) {
				if (!got) {
					*errmsg = xstrdup("unexpected end of file (truncated gzip?)");
					return -1;
				}
				g->truncated = 1;
				break;
			}
		}
	}
	return (long)got;
}
#endif

/* The next chunk of decompressed bytes, from whichever inflater. */
static long fill(struct input *in, char *dst, char **errmsg)
{
#ifdef WIRE_ISAL
	if (in->isal)
		return isal_fill(in, dst, errmsg);
	if (!in->gz)
		return read_full(in->fd, dst, INPUT_CHUNK, errmsg);
#endif
	return gz_fill(in->gz, dst, errmsg);
}

static void *reader(void *arg)
{
	struct input *in = arg;
	struct input_thread *t = in->th;

	for (;;) {
		pthread_mutex_lock(&t->mu);
		while (!t->stop && t->head - t->tail >= INPUT_CHUNKS - 1)
			pthread_cond_wait(&t->cv, &t->mu);
		int stop = t->stop;
		unsigned slot = t->head % INPUT_CHUNKS;
		pthread_mutex_unlock(&t->mu);
		if (stop)
			break;

		char *err = NULL;
		long n = fill(in, t->chunk[slot], &err);

		pthread_mutex_lock(&t->mu);
		if (n <= 0) {
			t->errmsg = err;
			t->done = 1;
			pthread_cond_broadcast(&t->cv);
			pthread_mutex_unlock(&t->mu);
			break;
		}
		t->clen[slot] = (size_t)n;
		t->head++;
		pthread_cond_broadcast(&t->cv);
		pthread_mutex_unlock(&t->mu);
	}
	return NULL;
}

static void start_reader(struct input *in)
{
	struct input_thread *t = xcalloc(1, sizeof(*t));

	for (int i = 0; i < INPUT_CHUNKS; i++)
		t->chunk[i] = xmalloc(INPUT_CHUNK);
	pthread_mutex_init(&t->mu, NULL);
	pthread_cond_init(&t->cv, NULL);
	in->th = t;
	if (pthread_create(&t->tid, NULL, reader, in))
		err_die("cannot start reader thread");
}

int input_open(struct input *in, const char *path)
{
	memset(in, 0, sizeof(*in));
	if (!path || !strcmp(path, "-")) {
		in->name = "<stdin>";
		in->fd = dup(0);
	} else {
		in->name = path;
		in->fd = open(path, O_RDONLY);
	}
	if (in->fd < 0)
		return -1;
	/* a directory opens fine but cannot be read: say so now */
	char probe;
	if (read(in->fd, &probe, 0) < 0) {
		int e = errno;
		close(in->fd);
		errno = e;
		return -1;
	}
#ifdef WIRE_ISAL
	char *err = NULL;
	in->own = xmalloc(INPUT_CHUNK);
	long n = read_full(in->fd, in->own, INPUT_CHUNK, &err);
	if (n >= 2 && (unsigned char)in->own[0] == 0x1f && (unsigned char)in->own[1] == 0x8b) {
		struct input_isal *g = xcalloc(1, sizeof(*g));
		isal_inflate_init(&g->st);
		g->st.crc_flag = ISAL_GZIP;
		g->ibuf = (unsigned char *)in->own;
		g->st.next_in = g->ibuf;
		g->st.avail_in = (uint32_t)n;
		g->eof = n < INPUT_CHUNK;
		in->own = NULL;
		in->isal = g;
		in->compressed = 1;
		start_reader(in);
		return 0;
	}
	if (n < 0) {
		in->eof = 1;
		in->errmsg = err;
	} else {
		in->primed = (size_t)n;
	}
	return 0;
#endif
	gzFile gz = gzdopen(in->fd, "rb");
	if (!gz) {
		close(in->fd);
		errno = ENOMEM;
		return -1;
	}
	gzbuffer(gz, INPUT_CHUNK);
	in->gz = gz;
	in->compressed = !gzdirect(gz);
	if (in->compressed) {
		start_reader(in);
	} else {
		in->own = xmalloc(INPUT_CHUNK);
	}
	return 0;
}

/* Makes the next chunk current. Returns 0 at end or error. */
static int next_chunk(struct input *in)
{
	if (in->eof)
		return 0;
	if (!in->th) {
		char *err = NULL;
		if (in->primed) {
			in->data = in->own;
			in->len = in->primed;
			in->pos = 0;
			in->primed = 0;
			return 1;
		}
		long n = fill(in, in->own, &err);
		if (n <= 0) {
			in->eof = 1;
			in->errmsg = err;
			return 0;
		}
		in->data = in->own;
		in->len = (size_t)n;
		in->pos = 0;
		return 1;
	}
	struct input_thread *t = in->th;
	pthread_mutex_lock(&t->mu);
	if (in->data) {
		t->tail++;  /* release the chunk we were reading */
		pthread_cond_broadcast(&t->cv);
	}
	while (t->head == t->tail && !t->done)
		pthread_cond_wait(&t->cv, &t->mu);
	if (t->head == t->tail) {
		in->eof = 1;
		in->errmsg = t->errmsg;
		t->errmsg = NULL;
		in->data = NULL;
		pthread_mutex_unlock(&t->mu);
		return 0;
	}
	unsigned slot = t->tail % INPUT_CHUNKS;
	in->data = t->chunk[slot];
	in->len = t->clen[slot];
	in->pos = 0;
	pthread_mutex_unlock(&t->mu);
	return 1;
}

size_t input_peek(struct input *in, const char **p)
{
	if (!in->data && !next_chunk(in)) {
		*p = "";
		return 0;
	}
	*p = in->data + in->pos;
	return in->len - in->pos;
}

size_t input_read(struct input *in, void *dst, size_t n)
{
	size_t got = 0;

	while (got < n) {
		if (in->pos >= in->len || !in->data) {
			if (!next_chunk(in))
				break;
		}
		size_t k = in->len - in->pos;
		if (k > n - got)
			k = n - got;
		memcpy((char *)dst + got, in->data + in->pos, k);
		in->pos += k;
		got += k;
	}
	in->offset += got;
	return got;
}

unsigned long long input_skip(struct input *in, unsigned long long n)
{
	unsigned long long got = 0;

	while (got < n) {
		if (in->pos >= in->len || !in->data) {
			if (!next_chunk(in))
				break;
		}
		size_t k = in->len - in->pos;
		if (k > n - got)
			k = (size_t)(n - got);
		in->pos += k;
		got += k;
	}
	in->offset += got;
	return got;
}

int input_getline(struct input *in, struct buf *line)
{
	int any = 0;

	buf_reset(line);
	for (;;) {
		if (in->pos >= in->len || !in->data) {
			if (!next_chunk(in))
				break;
		}
		const char *s = in->data + in->pos;
		size_t avail = in->len - in->pos;
		const char *nl = memchr(s, '\n', avail);
		any = 1;
		if (nl) {
			size_t k = (size_t)(nl - s);
			buf_add(line, s, k);
			in->pos += k + 1;
			in->offset += k + 1;
			in->line++;
			return 1;
		}
		buf_add(line, s, avail);
		in->pos += avail;
		in->offset += avail;
	}
	if (any && line->len) {
		in->line++;
		return 1;
	}
	return 0;
}

const char *input_error(const struct input *in)
{
	return in->errmsg;
}

void input_close(struct input *in)
{
	struct input_thread *t = in->th;

	if (t) {
		pthread_mutex_lock(&t->mu);
		t->stop = 1;
		pthread_cond_broadcast(&t->cv);
		pthread_mutex_unlock(&t->mu);
		pthread_join(t->tid, NULL);
		for (int i = 0; i < INPUT_CHUNKS; i++)
			free(t->chunk[i]);
		free(t->errmsg);
		pthread_mutex_destroy(&t->mu);
		pthread_cond_destroy(&t->cv);
		free(t);
	}
	if (in->gz)
		gzclose_r(in->gz);
	else if (in->name && in->fd >= 0)
		close(in->fd);  /* read directly, without zlib */
#ifdef WIRE_ISAL
	if (in->isal) {
		free(in->isal->ibuf);
		free(in->isal);
	}
#endif
	free(in->own);
	free(in->errmsg);
	memset(in, 0, sizeof(*in));
}
