#ifndef WIRE_DRIVER_H
#define WIRE_DRIVER_H
/*
 * driver — the one record loop of every wire tool: wire_run() reads the
 * inputs (JSON lines, plain or gzip; no files or "-": stdin), drives a
 * stage (stage.h) on -j worker threads, writes its output in input order
 * to stdout or -o FILE (gzip with -z), applies --on-error, prints every
 * message in input order with file and line, reports progress on stderr,
 * and returns the exit status.
 *
 *	struct driver_opts d = DRIVER_OPTS_INIT;
 *	cli_common_apply(&common, &d);           // or fill it by hand
 *	d.files = argv + optind; d.nfiles = argc - optind;
 *	return wire_run(&entities_stage, &conf, &d);
 *
 * Memory is bounded by the jobs in flight: about 2 x jobs x DRIVER_JOB_BYTES
 * plus the largest document.
 */
#include <stddef.h>

#include "wire/core/reader.h"
#include "wire/core/stage.h"

/* A job is cut at the first document boundary after this many bytes. */
#define DRIVER_JOB_BYTES (256u << 10)

enum driver_progress {
	PROGRESS_AUTO = 0,   /* on when stderr is a terminal and stdout is not */
	PROGRESS_ON,
	PROGRESS_OFF,
};

struct driver_opts {
	char **files;                 /* borrowed; NULL/0: standard input */
	int nfiles;
	enum on_error policy;
	const char *output;           /* NULL or "-": stdout */
	int gzip;                     /* compress the output */
	int unbuffered;               /* flush after each job's output */
	unsigned jobs;                /* worker threads; 0: online processors */
	enum driver_progress progress;
};

#define DRIVER_OPTS_INIT { NULL, 0, ON_ERROR_REPORT, NULL, 0, 0, 0, PROGRESS_AUTO }

/* Runs `ops` over the inputs; `conf` is passed to ops->open. Returns
 * WIRE_EXIT_OK, or WIRE_EXIT_DATA after bad input, a stage error or a
 * write error. */
int wire_run(const struct stage_ops *ops, const void *conf, const struct driver_opts *o);

#endif
