#ifndef WIRE_READER_H
#define WIRE_READER_H
/*
 * reader — the record loop shared by the per-record tools: reads the input
 * files in order (no files or "-": standard input), skips blank lines,
 * validates each line as one JSON object, and reports bad ones in wire's
 * voice: `wire-x: news.jsonl.gz:1432: invalid JSON: ... at byte 17`.
 *
 *	struct reader r;
 *	reader_init(&r, argv + optind, argc - optind, policy);
 *	while (reader_next(&r)) { ... r.rec is the record, r.line its text ... }
 *	status = reader_finish(&r);   // WIRE_EXIT_OK or WIRE_EXIT_DATA
 *
 * Invalid UTF-8 in a valid record is replaced by U+FFFD before the record
 * is handed over (so every tool reads and writes valid UTF-8) and reported
 * once per record under the policy: `wire-x: f:3: invalid UTF-8 at byte
 * 17 (replaced by U+FFFD)`; the record still comes out (report: exit 1 at
 * the end; skip: one summary line; fail: the run stops there).
 *
 * Messages go to standard error, or, when `msgs` is set, are appended to
 * that buffer as whole lines (`prog: file:line: msg\n`) for the caller to
 * print in order (the driver does). A caller that hands records over
 * without reading them itself (an adapter) may set `at_file`/`at_line`:
 * reader_error then names that position while no input is open.
 */
#include "wire/core/buf.h"
#include "wire/core/input.h"
#include "wire/core/json.h"

enum on_error {
	ON_ERROR_REPORT, /* default: report each bad line, skip it, exit 1 at the end */
	ON_ERROR_SKIP,   /* skip bad lines, one summary line at the end, exit 0 */
	ON_ERROR_FAIL,   /* report the first bad line and stop (exit 1) */
};

/* Parses "report", "skip" or "fail"; returns -1 for anything else. */
int reader_policy(const char *s);

/* The longest line read as a record (--max-record, default
 * READER_MAX_RECORD): a longer one is never held whole but read through,
 * reported with file:line and skipped under the policy. 0: no limit.
 * Process-wide: set once from the command line, before reading. */
#define READER_MAX_RECORD ((size_t)64 << 20)
void reader_set_max_record(size_t max);
size_t reader_max_record(void);

struct reader {
	char **files;          /* borrowed */
	int nfiles, idx;
	enum on_error policy;
	struct input in;
	int open;
	struct buf line;       /* the current line (owned) */
	struct buf fix;        /* scratch for a line with invalid UTF-8 */
	struct json_val rec;   /* the current record, a span of `line` */
	unsigned long long records, bad;
	unsigned long long replaced; /* records with invalid UTF-8 replaced */
	int status;
	int stop;
	struct buf *msgs;      /* borrowed; NULL: messages go to stderr */
	const char *at_file;   /* position used while no input is open */
	unsigned long at_line;
	unsigned long long done_bytes; /* bytes of the inputs already closed */
};

void reader_init(struct reader *r, char **files, int nfiles, enum on_error policy);
/* Advances to the next valid record; returns 1, or 0 when all input is done
 * (or the policy stopped the run). */
int reader_next(struct reader *r);
/* The same over an input the caller opened and owns (wire-split reads
 * JSON lines among other formats): the next valid record of `in` into
 * r->rec, bad lines reported and counted under the policy; 0 at the end
 * of `in` or when the policy stopped the run. r->files is not used. */
int reader_next_in(struct reader *r, struct input *in);
/* Name of the current input ("<stdin>" for standard input). */
const char *reader_name(const struct reader *r);
/* Line number of the current record in its input. */
unsigned long reader_lineno(const struct reader *r);
/* Reports a problem with the current record: `prog: file:line: msg`. */
void reader_error(struct reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Bytes read so far over all inputs (decompressed). */
unsigned long long reader_bytes(const struct reader *r);
/* Closes everything, prints the skip summary if any; returns the exit status. */
int reader_finish(struct reader *r);

#endif
