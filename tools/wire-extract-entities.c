/*
 * wire-extract-entities — append typed entities (people with rank, role
 * and country; organisations, places, nationalities, meetings, dates) to
 * JSON-lines records. Also trains and scores the tagger's model.
 * The work is in lib/entities/ (entity_stream.c is the stage), lib/entities/gazetteer.c and lib/ner*.c; see
 * docs/entities.md and wire-extract-entities(1).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/core/data.h"
#include "wire/entities/entity.h"
#include "wire/entities/entity_stream.h"
#include "wire/core/err.h"
#include "wire/core/expr.h"
#include "wire/entities/gazetteer.h"
#include "wire/entities/ner.h"
#include "wire/core/cli.h"

static const char usage[] =
	"usage: wire-extract-entities [options] [FILE...]\n"
	"       wire-extract-entities train --conll FILE [--dev FILE] [--epochs N]\n"
	"                             [--seed N] [--clusters FILE] -o MODEL\n"
	"       wire-extract-entities eval --conll FILE [--model FILE]\n"
	"Appends `entities` to each JSON-lines record (gzip read too): people with\n"
	"rank, honorific, role and country, organisations, places, nationalities,\n"
	"meetings and dates, with grouping keys. Records sharing `doc` are read as\n"
	"one document. No FILE or '-' reads standard input.\n"
	"\n"
	"Options:\n"
	"  -t, --text EXPR          where the text is: a jq expression (default .text)\n"
	"      --types LIST         keep these types only, e.g. PERSON,ORG (PERSON, ORG,\n"
	"                           GPE, LOC, NORP, EVENT, MISC, DATE)\n"
	"  -m, --model FILE         tagger model (default: the shipped ner.model);\n"
	"                           'none': dictionaries and patterns only\n"
	"  -g, --gazetteer FILE.csv more names (columns kind,name,canonical,iso);\n"
	"                           repeatable\n"
	"      --window N           a text of more than N tokens is read in windows\n"
	"                           of at most N (default 16384; memory: one window)\n"
	"      --durations          also report lengths of time (\"for three weeks\",\n"
	"                           \"a two-day visit\") as DATE entities valued P3W,\n"
	"                           P2D (TimeML durations and sets); default: points\n"
	"                           and periods of time only\n"
	CLI_USAGE
	"\n"
	"train: learns a model from CoNLL-2003-style files (token POS chunk tag).\n"
	"eval: prints precision, recall and F1 per type on a CoNLL file.\n";

enum { OPT_TYPES = 256, OPT_CONLL, OPT_DEV, OPT_EPOCHS, OPT_SEED, OPT_CLUSTERS, OPT_WINDOW,
       OPT_DURATIONS };

static const struct option longopts[] = {
	{ "text", required_argument, NULL, 't' },
	{ "types", required_argument, NULL, OPT_TYPES },
	{ "model", required_argument, NULL, 'm' },
	{ "gazetteer", required_argument, NULL, 'g' },
	{ "conll", required_argument, NULL, OPT_CONLL },
	{ "dev", required_argument, NULL, OPT_DEV },
	{ "epochs", required_argument, NULL, OPT_EPOCHS },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "clusters", required_argument, NULL, OPT_CLUSTERS },
	{ "window", required_argument, NULL, OPT_WINDOW },
	{ "durations", no_argument, NULL, OPT_DURATIONS },
	CLI_LONGOPTS,
};

/* The model to use: NULL for 'none'; dies when it cannot be loaded. */
static struct ner_model *load_model(const char *path)
{
	struct buf err = BUF_INIT;
	char *found = NULL;

	if (path && !strcmp(path, "none"))
		return NULL;
	if (!path) {
		found = data_path("ner.model");
		if (!found)
			err_die("cannot find the model 'ner.model' (set WIRE_DATA, or use "
				"--model FILE or --model none)");
		path = found;
	}
	struct ner_model *m = ner_load(path, &err);
	if (!m)
		err_die("%s", err.buf);
	free(found);
	buf_release(&err);
	return m;
}

static int cmd_train(const char *conll, const char *dev, const char *clusters, int epochs,
		     unsigned long seed, const char *out)
{
	struct ner_train_opts o = { 0 };
	struct buf err = BUF_INIT;

	if (!conll || !out)
		err_usage("train needs --conll FILE and -o MODEL");
	o.train_path = conll;
	o.dev_path = dev;
	o.out_path = out;
	o.clusters_path = clusters;
	o.epochs = epochs;
	o.seed = seed;
	o.verbose = 1;
	if (ner_train(&o, &err) < 0) {
		err_warn("%s", err.buf);
		buf_release(&err);
		return WIRE_EXIT_DATA;
	}
	return WIRE_EXIT_OK;
}

static int cmd_eval(const char *conll, const char *model)
{
	struct buf err = BUF_INIT;
	int st = WIRE_EXIT_OK;

	if (!conll)
		err_usage("eval needs --conll FILE");
	struct ner_model *m = load_model(model);
	if (!m)
		err_usage("eval needs a model");
	if (ner_eval(m, conll, stdout, NULL, &err) < 0) {
		err_warn("%s", err.buf);
		st = WIRE_EXIT_DATA;
	}
	ner_free(m);
	buf_release(&err);
	if (fflush(stdout) || ferror(stdout))
		st = WIRE_EXIT_DATA;
	return st;
}

/* The tool's own options, beside the shared ones in `cc`. */
struct config {
	const char *text, *model, *conll, *dev, *clusters;
	const char **gaz;        /* -g files, in order */
	int ngaz;
	int epochs;
	unsigned long seed;
	unsigned types;
	size_t window;
	int durations;
};

static void parse(int argc, char **argv, struct config *c, struct cli_common *cc)
{
	struct buf err = BUF_INIT;
	int opt;

	while ((opt = getopt_long(argc, argv, "t:m:g:" CLI_SHORTOPTS, longopts, NULL)) != -1) {
		switch (opt) {
		case 't': c->text = optarg; break;
		case OPT_TYPES:
			if (entity_types_parse(optarg, &c->types, &err) < 0)
				err_usage("%s", err.buf);
			break;
		case 'm': c->model = optarg; break;
		case 'g': c->gaz[c->ngaz++] = optarg; break;
		case OPT_CONLL: c->conll = optarg; break;
		case OPT_DEV: c->dev = optarg; break;
		case OPT_EPOCHS: c->epochs = (int)cli_number("--epochs", optarg, 0, 1000000); break;
		case OPT_SEED: c->seed = (unsigned long)cli_number("--seed", optarg, 0, ~0ULL); break;
		case OPT_CLUSTERS: c->clusters = optarg; break;
		case OPT_WINDOW:
			c->window = (size_t)cli_number("--window", optarg, 64, 1ULL << 40);
			break;
		case OPT_DURATIONS: c->durations = 1; break;
		default: cli_option(cc, opt, optarg, usage);
		}
	}
	buf_release(&err);
}

int main(int argc, char **argv)
{
	struct config c = { ".text", NULL, NULL, NULL, NULL, NULL, 0, 0, 1, ENTITY_ALL_TYPES,
			    ENTITY_STREAM_WINDOW, 0 };
	struct cli_common cc = CLI_COMMON_INIT;
	struct driver_opts d = DRIVER_OPTS_INIT;
	struct buf err = BUF_INIT;
	const char *sub = NULL;

	err_init(argv[0]);
	if (argc > 1 && (!strcmp(argv[1], "train") || !strcmp(argv[1], "eval"))) {
		sub = argv[1];
		argv++;
		argc--;
	}
	c.gaz = xcalloc((size_t)argc + 1, sizeof(*c.gaz));
	parse(argc, argv, &c, &cc);
	if (sub) {
		free(c.gaz);
		if (optind < argc)
			err_usage("%s takes no operand '%s'", sub, argv[optind]);
		if (!strcmp(sub, "train"))
			return cmd_train(c.conll, c.dev, c.clusters, c.epochs, c.seed, cc.output);
		return cmd_eval(c.conll, c.model);
	}
	if (c.conll || c.dev || c.clusters || c.epochs)
		err_usage("--conll, --dev, --epochs and --clusters belong to 'train' or 'eval'");

	char *msg = NULL;
	struct expr *ex = expr_compile(c.text, &msg);
	if (!ex)
		err_usage("--text: %s", msg);
	struct gazetteer *gaz = gaz_new();
	if (gaz_load_default(gaz, &err) < 0)
		err_die("%s", err.buf);
	for (int i = 0; i < c.ngaz; i++)
		if (gaz_load_file(gaz, c.gaz[i], &err) < 0)
			err_die("%s", err.buf);
	struct ner_model *m = load_model(c.model);
	struct entity_stream_opts conf = { ex, m, gaz, c.types, cc.policy, c.window, c.durations };

	cli_driver_opts(&cc, &d, argc - optind, argv + optind);
	int status = wire_run(&entity_stage, &conf, &d);
	if (m)
		ner_free(m);
	expr_free(ex);
	gaz_free(gaz);
	free(c.gaz);
	buf_release(&err);
	return status;
}
