#ifndef WIRE_STAGE_H
#define WIRE_STAGE_H
/*
 * stage — the one interface every wire step implements (after Miller 5's
 * mapper): open an instance, give it records, flush it at the end of a
 * group of documents, sum up at the end of the run, close it.
 *
 * The driver (driver.h) owns the loop: it reads the inputs, hands records
 * to the stage, writes what the stage produced, applies --on-error and
 * prints every message in input order. A stage never touches files,
 * stdout or stderr itself: it appends records to `cx->out` and messages
 * through stage_error()/stage_warn(), which go to `cx->msg`.
 *
 * Threads. Unless STAGE_SERIAL is set, the driver runs one instance per
 * worker thread and gives each instance whole jobs: a job is a run of
 * consecutive records that never cuts a document (records sharing `doc`
 * when STAGE_DOC is set; with it unset every record stands alone). After
 * the last record of a job the driver calls flush(), so a stage that
 * buffers a document writes it there. Output is written in input order,
 * so a run with -j N is byte for byte the run with -j 1, provided the
 * stage's output for a job depends only on the job (no state carried
 * from one job to the next except caches).
 *
 * STAGE_SERIAL: one instance, in the calling thread, sees every record
 * in order (stateful stages: aggregation, dedup); flush() is called once,
 * at the end of the input.
 *
 * Stopping: when record() returns -1 or sets cx->stop, the driver takes
 * no more records, still calls flush() (so the records buffered before
 * the failing one are written), writes the output of every earlier job
 * and drops every later one.
 *
 * Under ON_ERROR_SKIP, stage_error prints nothing and the exit status
 * stays 0; under ON_ERROR_REPORT a record reported makes the exit status
 * 1 at the end.
 */
#include <stdarg.h>
#include <stddef.h>

#include "wire/core/buf.h"
#include "wire/core/json.h"
#include "wire/core/reader.h"

/* One input record as the driver hands it over. Everything is borrowed
 * and valid only during the call. */
struct stage_rec {
	const char *line;          /* the record's JSON text, one object */
	size_t len;
	struct json_val val;       /* the same, validated: type JSON_OBJECT */
	const char *file;          /* input name for messages ("<stdin>") */
	unsigned long lineno;      /* line of the record in that input */
};

/* Where an instance's results go during one call. */
struct stage_ctx {
	struct buf *out;           /* append output records here, '\n'-ended */
	struct buf *msg;           /* diagnostics, printed in order by the driver */
	enum on_error policy;      /* the run's --on-error */
	unsigned long long bad;    /* records reported by stage_error so far
	                              in this context (the driver sums them) */
	int stop;                  /* set by stage_error under ON_ERROR_FAIL */
	/* In finish() only: valid records read and invalid lines skipped
	 * over the whole run (for statistics). */
	unsigned long long records, invalid;
};

/* Reports a problem with record `r` in the tool's voice,
 * `prog: file:line: msg`, unless the policy is skip; counts it in cx->bad
 * and sets cx->stop under ON_ERROR_FAIL. Returns -1 when the run must
 * stop, else 0, so that `return stage_error(...)` reads naturally. */
int stage_error(struct stage_ctx *cx, const struct stage_rec *r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A message without position, `prog: msg`, always printed. */
void stage_warn(struct stage_ctx *cx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends one message line in wire's voice to `b`: `prog: file:line: msg\n`
 * (`prog: file: msg` when line is 0, `prog: msg` when file is NULL). */
void stage_vformat(struct buf *b, const char *file, unsigned long line, const char *fmt,
		   va_list ap);

enum stage_flags {
	STAGE_DOC = 1,     /* records sharing `doc` are one unit, never cut */
	STAGE_SERIAL = 2,  /* one instance in the calling thread; no workers */
};

struct stage_ops {
	const char *name;  /* e.g. "entities" */
	unsigned flags;    /* enum stage_flags */
	/* A new instance from the tool's configuration (borrowed; shared
	 * read-only by every instance, so it must not change after start). */
	void *(*open)(const void *conf);
	/* Takes one record; usually appends its output to cx->out (now, or at
	 * flush for buffering stages). Returns 0, or -1 to stop the run. */
	int (*record)(void *inst, const struct stage_rec *r, struct stage_ctx *cx);
	/* Writes what the instance holds back (end of a job, or of the input
	 * for STAGE_SERIAL). May be NULL. Returns 0 or -1 as record(). */
	int (*flush)(void *inst, struct stage_ctx *cx);
	/* Once, at the end of the run, in the calling thread, with every
	 * instance: sums counters, warns (stage_warn) about records passed
	 * through, writes final output if any. cx->stop is set when the run
	 * was stopped (ON_ERROR_FAIL); instances may then have seen records
	 * past the stop point, whose output was dropped, so counters are not
	 * meaningful. Returns an exit status (WIRE_EXIT_OK or
	 * WIRE_EXIT_DATA). May be NULL. */
	int (*finish)(void **inst, size_t n, struct stage_ctx *cx);
	/* Frees an instance. */
	void (*close)(void *inst);
};

#endif
