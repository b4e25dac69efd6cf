/*
 * wire-dedup — count stories, not copies: every record gets `story`, the
 * doc id of the first document of its near-duplicate story, and
 * `similarity` to it. The work is in lib/dedup/ (sig.c sketches, lsh.c
 * the story index, dedup_stage.c the stage); see docs/dedup.md and
 * wire-dedup(1).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "wire/core/cli.h"
#include "wire/core/err.h"
#include "wire/dedup/dedup_stage.h"

static const char usage[] =
	"usage: wire-dedup [options] [FILE...]\n"
	"Finds near-duplicate documents (the same story re-published with another\n"
	"headline, a byline, a cut paragraph, a few words changed, the end trimmed)\n"
	"in the JSON-lines records of wire-split (doc, paragraph or sentence records;\n"
	"a document's records must be contiguous) and appends to each record\n"
	"\"story\": the doc of the first document of its story, and \"similarity\"\n"
	"to that document. No FILE or '-' reads standard input.\n"
	"\n"
	"Options:\n"
	"  -d, --drop               pass only the records of each story's first copy\n"
	"  -t, --threshold X        a copy needs similarity X or more (0..1; default 0.5)\n"
	"      --figures X          and X of the figures of the shorter text in the\n"
	"                           other (0..1; default 0.8)\n"
	"      --fuller X           a copy with X times the shingles of the version\n"
	"                           it matched is indexed too, as a version of its\n"
	"                           story (default 1.2; 0: only the first document)\n"
	"      --window DAYS        forget stories first seen DAYS before the current\n"
	"                           document's date (input in date order)\n"
	"      --max-memory SIZE    forget the oldest stories above SIZE of index\n"
	"      --partial            write signatures and records of a shard, for --merge\n"
	"      --merge              inputs are --partial outputs, in input order: decide\n"
	"                           as one run would\n"
	"      --shingle N          words per shingle (1..8; default 4)\n"
	"      --bands B, --rows R  LSH banding: B bands of R bins (B x R <= 128;\n"
	"                           default 64 x 2)\n"
	"      --measure M          similarity: containment of the shorter text in the\n"
	"                           other (default) or jaccard (resemblance)\n"
	CLI_USAGE;

enum { OPT_WINDOW = 256, OPT_MAXMEM, OPT_PARTIAL, OPT_MERGE, OPT_SHINGLE, OPT_BANDS, OPT_ROWS,
       OPT_MEASURE, OPT_FIGURES, OPT_FULLER };

static const struct option longopts[] = {
	{ "drop", no_argument, NULL, 'd' },
	{ "threshold", required_argument, NULL, 't' },
	{ "window", required_argument, NULL, OPT_WINDOW },
	{ "max-memory", required_argument, NULL, OPT_MAXMEM },
	{ "partial", no_argument, NULL, OPT_PARTIAL },
	{ "merge", no_argument, NULL, OPT_MERGE },
	{ "shingle", required_argument, NULL, OPT_SHINGLE },
	{ "bands", required_argument, NULL, OPT_BANDS },
	{ "rows", required_argument, NULL, OPT_ROWS },
	{ "measure", required_argument, NULL, OPT_MEASURE },
	{ "figures", required_argument, NULL, OPT_FIGURES },
	{ "fuller", required_argument, NULL, OPT_FULLER },
	CLI_LONGOPTS,
};

int main(int argc, char **argv)
{
	struct cli_common cc = CLI_COMMON_INIT;
	struct driver_opts d = DRIVER_OPTS_INIT;
	struct dedup_conf conf = {
		DEDUP_PLAIN, DEDUP_SHINGLE,
		{ DEDUP_BANDS, DEDUP_ROWS, DEDUP_THRESHOLD, DEDUP_FIGURES, DEDUP_MEASURE }, 0, 0, 0,
		DEDUP_FULLER, 0,
	};
	int partial = 0, merge = 0, opt;

	err_init(argv[0]);
	while ((opt = getopt_long(argc, argv, "dt:" CLI_SHORTOPTS, longopts, NULL)) != -1) {
		switch (opt) {
		case 'd': conf.drop = 1; break;
		case 't': conf.lsh.threshold = cli_real("--threshold", optarg, 0, 1); break;
		case OPT_WINDOW: conf.window = (long)cli_number("--window", optarg, 1, 1000000); break;
		case OPT_MAXMEM: conf.max_memory = cli_size("--max-memory", optarg, 1, ~0ULL); break;
		case OPT_PARTIAL: partial = 1; break;
		case OPT_MERGE: merge = 1; break;
		case OPT_SHINGLE:
			conf.shingle = (unsigned)cli_number("--shingle", optarg, 1, SIG_MAX_SHINGLE);
			break;
		case OPT_BANDS: conf.lsh.bands = (unsigned)cli_number("--bands", optarg, 1, SIG_BINS); break;
		case OPT_ROWS: conf.lsh.rows = (unsigned)cli_number("--rows", optarg, 1, SIG_BINS); break;
		case OPT_FIGURES: conf.lsh.figures = cli_real("--figures", optarg, 0, 1); break;
		case OPT_FULLER: conf.fuller = cli_real("--fuller", optarg, 0, 1000); break;
		case OPT_MEASURE:
			if (!strcmp(optarg, "containment"))
				conf.lsh.measure = LSH_CONTAINMENT;
			else if (!strcmp(optarg, "jaccard"))
				conf.lsh.measure = LSH_JACCARD;
			else
				err_usage("--measure needs jaccard or containment, not '%s'", optarg);
			break;
		default: cli_option(&cc, opt, optarg, usage);
		}
	}
	if (partial && merge)
		err_usage("give --partial or --merge, not both");
	if (partial && conf.drop)
		err_usage("--drop applies at --merge, not to --partial");
	if (conf.lsh.bands * conf.lsh.rows > SIG_BINS)
		err_usage("--bands x --rows must be at most %d, not %u", SIG_BINS,
			  conf.lsh.bands * conf.lsh.rows);
	conf.mode = partial ? DEDUP_PARTIAL : merge ? DEDUP_MERGE : DEDUP_PLAIN;
	cli_driver_opts(&cc, &d, argc - optind, argv + optind);
	/* -j threads sketch a batch of documents; -u decides each at once */
	conf.jobs = d.unbuffered ? 1 : d.jobs;
	return wire_run(&dedup_stage, &conf, &d);
}
