#ifndef WIRE_ERR_H
#define WIRE_ERR_H
/*
 * err — one voice for every message a wire tool prints, the exit codes
 * shared by all tools, and allocation that never returns NULL.
 *
 * Messages look like `wire-split: news.gz:1432: invalid JSON: ...`:
 * program, optional file and line, then a lowercase message without a
 * full stop. System errors end with `: strerror(errno)`, added by caller.
 */
#include <stddef.h>
#include <stdnoreturn.h>

enum wire_exit {
	WIRE_EXIT_OK = 0,    /* everything went well */
	WIRE_EXIT_DATA = 1,  /* bad data or I/O error; other inputs still ran */
	WIRE_EXIT_USAGE = 2, /* bad command line */
};

/* Sets the program name from argv[0] and restores SIGPIPE to default so
 * that `| head` ends the tool quietly. Call first thing in main(). */
void err_init(const char *argv0);
/* The program name as set by err_init ("wire" before). */
const char *err_prog(void);

/* `prog: msg` on stderr. */
void err_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* `prog: file:line: msg` on stderr; line 0 omits the line. */
void err_at(const char *file, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* `prog: msg`, then exit(WIRE_EXIT_DATA). */
noreturn void err_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* `prog: msg` and `try 'prog --help'`, then exit(WIRE_EXIT_USAGE). */
noreturn void err_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Allocation: these die on failure and never return NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xmemdup(const void *p, size_t n); /* NUL-terminated copy */

#endif
