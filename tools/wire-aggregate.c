/*
 * wire-aggregate — group JSON-lines records by jq expressions and reduce
 * each group: count, sum, mean, min, max, distinct, pairs, time buckets.
 * The engine is lib/aggregate/agg.c; see docs/aggregate.md and wire-aggregate(1).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/aggregate/agg.h"
#include "wire/core/err.h"
#include "wire/core/output.h"
#include "wire/core/reader.h"

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
	"      --stats                counters and memory per group on standard error\n"
	"  -h, --help                 this help\n"
	"  -V, --version              version\n";

enum {
	OPT_TIME = 256, OPT_EVERY, OPT_PAIRS, OPT_SUM, OPT_MEAN, OPT_MIN, OPT_MAX,
	OPT_DISTINCT, OPT_SORT, OPT_PARTIAL, OPT_MERGE, OPT_APPROX, OPT_CAPACITY,
	OPT_MAXMEM, OPT_TEMPDIR, OPT_ONERROR, OPT_STATS,
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
	{ "output", required_argument, NULL, 'o' },
	{ "gzip", no_argument, NULL, 'z' },
	{ "partial", no_argument, NULL, OPT_PARTIAL },
	{ "merge", no_argument, NULL, OPT_MERGE },
	{ "approx", no_argument, NULL, OPT_APPROX },
	{ "capacity", required_argument, NULL, OPT_CAPACITY },
	{ "max-memory", required_argument, NULL, OPT_MAXMEM },
	{ "temp-dir", required_argument, NULL, OPT_TEMPDIR },
	{ "on-error", required_argument, NULL, OPT_ONERROR },
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* file scope: still reachable when a usage error exits */
static struct agg *a;

static unsigned long long number_arg(const char *opt, const char *s)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);

	if (!*s || *end || *s == '-' || v == 0)
		err_usage("%s needs a positive number, not '%s'", opt, s);
	return v;
}

static void check(int r, char **msg)
{
	/* the message is read after the call that set it */
	if (r < 0)
		err_usage("%s", *msg ? *msg : "invalid option");
}

int main(int argc, char **argv)
{
	struct agg_opts o = { 0 };
	enum on_error policy = ON_ERROR_REPORT;
	const char *outpath = NULL;
	int gzip = 0, c, pol;
	char *msg = NULL;

	err_init(argv[0]);
	a = agg_new();
	while ((c = getopt_long(argc, argv, "b:cn:f:o:zhV", longopts, NULL)) != -1) {
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
		case 'n': o.top = number_arg("--top", optarg); break;
		case OPT_SORT:
			if (!strcmp(optarg, "key"))
				o.sort_key = 1;
			else if (strcmp(optarg, "count"))
				err_usage("--sort needs count or key, not '%s'", optarg);
			break;
		case 'f':
			if (!strcmp(optarg, "jsonl") || !strcmp(optarg, "json"))
				o.format = AGG_JSONL;
			else if (!strcmp(optarg, "csv"))
				o.format = AGG_CSV;
			else if (!strcmp(optarg, "tsv"))
				o.format = AGG_TSV;
			else
				err_usage("--format needs jsonl, csv or tsv, not '%s'", optarg);
			break;
		case 'o': outpath = optarg; break;
		case 'z': gzip = 1; break;
		case OPT_PARTIAL: o.partial = 1; break;
		case OPT_MERGE: o.merge = 1; break;
		case OPT_APPROX: o.approx = 1; break;
		case OPT_CAPACITY: o.capacity = (size_t)number_arg("--capacity", optarg); break;
		case OPT_MAXMEM:
			if (agg_parse_size(optarg, &o.max_memory) < 0 || !o.max_memory)
				err_usage("--max-memory needs a size such as 512M, not '%s'", optarg);
			break;
		case OPT_TEMPDIR: o.tmpdir = optarg; break;
		case OPT_ONERROR:
			if ((pol = reader_policy(optarg)) < 0)
				err_usage("--on-error needs report, skip or fail, not '%s'", optarg);
			policy = (enum on_error)pol;
			break;
		case OPT_STATS: o.stats = 1; break;
		case 'h':
			fputs(usage, stdout);
			agg_free(a);
			return WIRE_EXIT_OK;
		case 'V':
			puts("wire-aggregate " WIRE_VERSION);
			agg_free(a);
			return WIRE_EXIT_OK;
		default:
			fprintf(stderr, "try '%s --help'\n", err_prog());
			return WIRE_EXIT_USAGE;
		}
	}
	check(agg_start(a, &o, &msg), &msg);

	struct reader r;
	struct output out;
	reader_init(&r, argv + optind, argc - optind, policy);
	output_open(&out, outpath, gzip);
	while (reader_next(&r)) {
		if (o.merge)
			agg_merge_line(a, &r);
		else
			agg_record(a, &r);
	}
	int status = reader_finish(&r);
	if (!r.stop) {
		if (agg_finish(a, &out) != WIRE_EXIT_OK)
			status = WIRE_EXIT_DATA;
	} else {
		status = WIRE_EXIT_DATA;
	}
	if (o.stats)
		agg_print_stats(a, &r, stderr);
	agg_free(a);
	if (output_close(&out))
		status = WIRE_EXIT_DATA;
	return status;
}
