/*
 * wire-aggregate — group JSON-lines records by jq expressions and reduce
 * each group: count, sum, mean, min, max, distinct, pairs, time buckets.
 * The engine is lib/aggregate/ (stage.c adapts it to the driver); see
 * docs/aggregate.md and wire-aggregate(1).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/aggregate/agg_stage.h"
#include "wire/core/cli.h"
#include "wire/core/err.h"

static const char usage[] =
	"usage: wire-aggregate [options] [FILE...]\n"
	"Groups JSON-lines records (one object per line; gzip read too) by jq\n"
	"expressions and reduces each group. No FILE or '-' reads standard input.\n"
	"\n"
	"Keys (repeatable; several make a composite key, in the order given):\n"
	"  -b, --by [NAME=]EXPR       group by the values of EXPR (each output value\n"
	"                             puts the record in one more group)\n"
	"      --time [NAME=]EXPR     group by the time bucket of an ISO date or epoch\n"
	"      --every UNIT           bucket of --time: day, week (ISO), month, year\n"
	"      --pairs [NAME=]EXPR    group by every unordered pair of distinct values\n"
	"Reducers (default --count):\n"
	"  -c, --count                number of records (memberships) per group\n"
	"      --sum [NAME=]EXPR      sum of the numbers EXPR yields\n"
	"      --mean [NAME=]EXPR     mean of the numbers EXPR yields\n"
	"      --min [NAME=]EXPR      smallest number\n"
	"      --max [NAME=]EXPR      largest number\n"
	"      --distinct [NAME=]EXPR number of distinct values of EXPR\n"
	"Output:\n"
	"  -n, --top N                keep the N groups with the largest counts\n"
	"      --sort count|key       order: count descending then key (default), or key\n"
	"  -f, --format jsonl|csv|tsv output format (default jsonl)\n"
	"  -o, --output FILE          write to FILE instead of standard output\n"
	"  -z, --gzip                 compress the output\n"
	"Scale:\n"
	"      --partial              write the grouping state, for --merge\n"
	"      --merge                inputs are partial states: combine them\n"
	"      --approx               HyperLogLog distinct counts; with --top,\n"
	"                             Space-Saving top-k in bounded memory\n"
	"      --capacity M           groups Space-Saving keeps (default max(100N, 10000))\n"
	"      --max-memory SIZE      spill sorted runs to disk above SIZE (e.g. 512M)\n"
	"      --temp-dir DIR         where runs are spilled (default $TMPDIR or /tmp)\n"
	"Errors and diagnostics:\n"
	"      --on-error POLICY      bad lines and jq errors: report (default), skip, fail\n"
	"      --max-record SIZE      skip (and report) longer input lines (64M; 0: none)\n"
	"      --stats                counters and memory per group on standard error\n"
	"      --progress             bytes, records, MB/s and ETA on standard error\n"
	"                             (default when only standard error is a terminal);\n"
	"      --no-progress          never\n"
	"  -h, --help                 this help\n"
	"  -V, --version              version\n";

enum {
	OPT_TIME = 256, OPT_EVERY, OPT_PAIRS, OPT_SUM, OPT_MEAN, OPT_MIN, OPT_MAX,
	OPT_DISTINCT, OPT_SORT, OPT_PARTIAL, OPT_MERGE, OPT_APPROX, OPT_CAPACITY,
	OPT_MAXMEM, OPT_TEMPDIR, OPT_STATS,
};

static const struct option longopts[] = {
	{ "by", required_argument, NULL, 'b' },
	{ "time", required_argument, NULL, OPT_TIME },
	{ "every", required_argument, NULL, OPT_EVERY },
	{ "pairs", required_argument, NULL, OPT_PAIRS },
	{ "count", no_argument, NULL, 'c' },
	{ "sum", required_argument, NULL, OPT_SUM },
	{ "mean", required_argument, NULL, OPT_MEAN },
	{ "min", required_argument, NULL, OPT_MIN },
	{ "max", required_argument, NULL, OPT_MAX },
	{ "distinct", required_argument, NULL, OPT_DISTINCT },
	{ "top", required_argument, NULL, 'n' },
	{ "sort", required_argument, NULL, OPT_SORT },
	{ "format", required_argument, NULL, 'f' },
	{ "partial", no_argument, NULL, OPT_PARTIAL },
	{ "merge", no_argument, NULL, OPT_MERGE },
	{ "approx", no_argument, NULL, OPT_APPROX },
	{ "capacity", required_argument, NULL, OPT_CAPACITY },
	{ "max-memory", required_argument, NULL, OPT_MAXMEM },
	{ "temp-dir", required_argument, NULL, OPT_TEMPDIR },
	{ "stats", no_argument, NULL, OPT_STATS },
	CLI_LONGOPTS,
};

/* file scope: still reachable when a usage error exits */
static struct agg *a;

static void check(int r, char **msg)
{
	/* the message is read after the call that set it */
	if (r < 0)
		err_usage("%s", *msg ? *msg : "invalid option");
}

/* The reducers and output options; returns 0 when `c` is none of them. */
static int parse_output(int c, const char *arg, struct agg_opts *o)
{
	switch (c) {
	case 'n': o->top = cli_number("--top", arg, 1, ~0ULL); break;
	case OPT_SORT:
		if (!strcmp(arg, "key"))
			o->sort_key = 1;
		else if (strcmp(arg, "count"))
			err_usage("--sort needs count or key, not '%s'", arg);
		break;
	case 'f':
		if (!strcmp(arg, "jsonl") || !strcmp(arg, "json"))
			o->format = AGG_JSONL;
		else if (!strcmp(arg, "csv"))
			o->format = AGG_CSV;
		else if (!strcmp(arg, "tsv"))
			o->format = AGG_TSV;
		else
			err_usage("--format needs jsonl, csv or tsv, not '%s'", arg);
		break;
	case OPT_PARTIAL: o->partial = 1; break;
	case OPT_MERGE: o->merge = 1; break;
	case OPT_APPROX: o->approx = 1; break;
	case OPT_CAPACITY: o->capacity = (size_t)cli_number("--capacity", arg, 1, ~0ULL); break;
	case OPT_MAXMEM: o->max_memory = (size_t)cli_size("--max-memory", arg, 1, ~0ULL); break;
	case OPT_TEMPDIR: o->tmpdir = arg; break;
	case OPT_STATS: o->stats = 1; break;
	default: return 0;
	}
	return 1;
}

static void parse(int argc, char **argv, struct agg_opts *o, struct cli_common *cc)
{
	char *msg = NULL;
	int c;

	while ((c = getopt_long(argc, argv, "b:cn:f:" CLI_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case 'b': check(agg_add_key(a, AGG_BY, optarg, &msg), &msg); break;
		case OPT_TIME: check(agg_add_key(a, AGG_TIME, optarg, &msg), &msg); break;
		case OPT_PAIRS: check(agg_add_key(a, AGG_PAIRS, optarg, &msg), &msg); break;
		case OPT_EVERY:
			if (agg_set_every(a, optarg) < 0)
				err_usage("--every needs day, week, month or year, not '%s'", optarg);
			break;
		case 'c': check(agg_add_reducer(a, AGG_COUNT, NULL, &msg), &msg); break;
		case OPT_SUM: check(agg_add_reducer(a, AGG_SUM, optarg, &msg), &msg); break;
		case OPT_MEAN: check(agg_add_reducer(a, AGG_MEAN, optarg, &msg), &msg); break;
		case OPT_MIN: check(agg_add_reducer(a, AGG_MIN, optarg, &msg), &msg); break;
		case OPT_MAX: check(agg_add_reducer(a, AGG_MAX, optarg, &msg), &msg); break;
		case OPT_DISTINCT: check(agg_add_reducer(a, AGG_DISTINCT, optarg, &msg), &msg); break;
		default:
			if (!parse_output(c, optarg, o))
				cli_option(cc, c, optarg, usage);
		}
	}
}

int main(int argc, char **argv)
{
	struct agg_opts o = { 0 };
	struct cli_common cc = CLI_COMMON_INIT;
	struct driver_opts d = DRIVER_OPTS_INIT;
	char *msg = NULL;

	err_init(argv[0]);
	a = agg_new();
	parse(argc, argv, &o, &cc);
	check(agg_start(a, &o, &msg), &msg);

	struct agg_stage_conf conf = { a, &o };
	cli_driver_opts(&cc, &d, argc - optind, argv + optind);
	int status = wire_run(&agg_stage, &conf, &d);
	agg_free(a);
	return status;
}
