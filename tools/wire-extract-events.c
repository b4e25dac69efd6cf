/*
 * wire-extract-events — who met whom: meeting events read from the
 * records of wire-extract-entities. The rules are in lib/events/ (the
 * stage is event_stage.c); see docs/events.md and wire-extract-events(1).
 */
#include <getopt.h>
#include <stdio.h>

#include "wire/core/cli.h"
#include "wire/core/err.h"
#include "wire/events/event_stage.h"

static const char usage[] =
	"usage: wire-extract-events [options] [FILE...]\n"
	"Reads the JSON-lines records of wire-extract-entities (optionally after\n"
	"wire-classify-topics), passes them on unchanged and, after each document's\n"
	"last record, writes its meeting events as records of their own\n"
	"(\"unit\":\"event\"): who met whom, the mode (talks, reception, courtesy\n"
	"call, phone or video call, visit, sidelines, multilateral), PLOVER and\n"
	"CAMEO codes, countries, place, date, the named meeting, topics and the\n"
	"evidence. A document's records must be contiguous. No FILE or '-' reads\n"
	"standard input.\n"
	"\n"
	"Options:\n"
	"      --only               write the events alone, not the input records\n"
	"      --verbs FILE         meeting words (default: the shipped\n"
	"                           events/meeting-verbs.csv)\n"
	CLI_USAGE;

enum { OPT_ONLY = 256, OPT_VERBS };

static const struct option longopts[] = {
	{ "only", no_argument, NULL, OPT_ONLY },
	{ "verbs", required_argument, NULL, OPT_VERBS },
	CLI_LONGOPTS,
};

int main(int argc, char **argv)
{
	struct cli_common cc = CLI_COMMON_INIT;
	struct driver_opts d = DRIVER_OPTS_INIT;
	struct event_conf conf = { NULL, 0 };
	struct buf err = BUF_INIT;
	const char *verbs = NULL;
	int opt;

	err_init(argv[0]);
	while ((opt = getopt_long(argc, argv, CLI_SHORTOPTS, longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_ONLY: conf.only = 1; break;
		case OPT_VERBS: verbs = optarg; break;
		default: cli_option(&cc, opt, optarg, usage);
		}
	}
	struct events_model *m = events_model_load(verbs, NULL, NULL, &err);
	if (!m)
		err_die("%s", err.buf);
	conf.model = m;
	cli_driver_opts(&cc, &d, argc - optind, argv + optind);
	int status = wire_run(&event_stage, &conf, &d);
	events_model_free(m);
	buf_release(&err);
	return status;
}
