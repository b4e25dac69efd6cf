#ifndef WIRE_CLI_H
#define WIRE_CLI_H
/*
 * cli — the options every wire tool shares and the one parser for the
 * numbers, reals and sizes that options take.
 *
 * A tool puts CLI_SHORTOPTS in its getopt string and CLI_LONGOPTS at the
 * end of its option table, and hands every option its own switch does not
 * know to cli_option():
 *
 *	static const struct option longopts[] = {
 *		{ "text", required_argument, NULL, 't' },
 *		CLI_LONGOPTS,
 *	};
 *	struct cli_common cc = CLI_COMMON_INIT;
 *	while ((c = getopt_long(argc, argv, "t:" CLI_SHORTOPTS, longopts, NULL)) != -1)
 *		switch (c) {
 *		case 't': ...; break;
 *		default: cli_option(&cc, c, optarg, usage);
 *		}
 *	cli_driver_opts(&cc, &d, argc - optind, argv + optind);
 *
 * The shared options: -o/--output FILE, -z/--gzip, -u/--unbuffered,
 * --on-error report|skip|fail, --max-record SIZE (see reader.h), -j/--jobs N,
 * --progress, --no-progress, -h/--help, -V/--version.
 */
#include <getopt.h>
#include <stddef.h>

#include "wire/core/driver.h"

enum cli_opt {
	CLI_OPT_ONERROR = 0x1000,
	CLI_OPT_PROGRESS,
	CLI_OPT_NOPROGRESS,
	CLI_OPT_MAXRECORD,
};

#define CLI_SHORTOPTS "o:zuj:hV"
#define CLI_LONGOPTS                                                       \
	{ "output", required_argument, NULL, 'o' },                        \
	{ "gzip", no_argument, NULL, 'z' },                                \
	{ "unbuffered", no_argument, NULL, 'u' },                          \
	{ "on-error", required_argument, NULL, CLI_OPT_ONERROR },          \
	{ "jobs", required_argument, NULL, 'j' },                          \
	{ "progress", no_argument, NULL, CLI_OPT_PROGRESS },               \
	{ "no-progress", no_argument, NULL, CLI_OPT_NOPROGRESS },          \
	{ "max-record", required_argument, NULL, CLI_OPT_MAXRECORD },      \
	{ "help", no_argument, NULL, 'h' },                                \
	{ "version", no_argument, NULL, 'V' },                             \
	{ NULL, 0, NULL, 0 }

/* The help text of the shared options, to end a tool's usage. */
#define CLI_USAGE                                                                        \
	"      --on-error POLICY    bad lines and records without text: report\n"          \
	"                           (default), skip, fail\n"                               \
	"      --max-record SIZE    skip (and report) longer input lines (64M; 0: no\n"   \
	"                           limit)\n"                                              \
	"  -o, --output FILE        write to FILE instead of standard output\n"            \
	"  -z, --gzip               compress the output\n"                                 \
	"  -u, --unbuffered         flush after each record\n"                             \
	"  -j, --jobs N             worker threads (default: one per processor)\n"        \
	"      --progress           bytes, records, MB/s and ETA on standard error\n"     \
	"                           (default when only standard error is a terminal);\n" \
	"      --no-progress        never\n"                                               \
	"  -h, --help               this help\n"                                           \
	"  -V, --version            version\n"

struct cli_common {
	const char *output;           /* NULL: standard output */
	int gzip, unbuffered;
	enum on_error policy;
	unsigned jobs;                /* 0: online processors */
	enum driver_progress progress;
	int set_output, set_jobs;     /* given on the command line */
};

#define CLI_COMMON_INIT { NULL, 0, 0, ON_ERROR_REPORT, 0, PROGRESS_AUTO, 0, 0 }

/* Handles one option getopt_long returned that the tool's own switch does
 * not know: a shared option is stored in `c`; -h prints `usage` on stdout
 * and exits 0; -V prints "prog VERSION" and exits 0; anything else
 * (getopt's '?' after its own message) prints "try 'prog --help'" and
 * exits 2. */
void cli_option(struct cli_common *c, int opt, const char *arg, const char *usage);

/* Fills the driver's options from `c` and the operands (borrowed). */
void cli_driver_opts(const struct cli_common *c, struct driver_opts *d, int nfiles, char **files);

/* The parsers: 0 with the value, or -1 when `s` is not entirely one.
 * Numbers are decimal, without sign. Reals are finite strtod numbers.
 * Sizes are a non-negative real with an optional K, M, G or T (powers of
 * 1024) and an optional B: 64K, 1.5M, 1G, 512MB. */
int cli_parse_number(const char *s, unsigned long long *v);
int cli_parse_real(const char *s, double *v);
int cli_parse_size(const char *s, unsigned long long *v);

/* The same, dying with a usage message naming `opt` unless the value is
 * within [lo, hi]:
 *   "--top needs a positive number, not '0'"          (lo 1, hi max)
 *   "--seed needs a number, not 'x'"                  (lo 0, hi max)
 *   "--bits needs a whole number from 16 to 24, not '9'"
 *   "--threshold needs a number from 0 to 1, not '2'"
 * cli_size's message is "OPT needs a size such as 512M, not 'S'". */
unsigned long long cli_number(const char *opt, const char *s, unsigned long long lo,
			      unsigned long long hi);
double cli_real(const char *opt, const char *s, double lo, double hi);
unsigned long long cli_size(const char *opt, const char *s, unsigned long long lo,
			    unsigned long long hi);

#endif
