/*
 * wire-extract-entities — append typed entities (people with rank, role
 * and country; organisations, places, nationalities, meetings, dates) to
 * JSON-lines records. Also trains and scores the tagger's model.
 * The work is in lib/entity*.c, lib/entities/gazetteer.c and lib/ner*.c; see
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
#include "wire/core/output.h"
#include "wire/core/reader.h"

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
	"      --on-error POLICY    bad lines and records without text: report\n"
	"                           (default), skip, fail\n"
	"  -o, --output FILE        write to FILE instead of standard output\n"
	"  -z, --gzip               compress the output\n"
	"  -u, --unbuffered         flush after each record\n"
	"  -h, --help               this help\n"
	"  -V, --version            version\n"
	"\n"
	"train: learns a model from CoNLL-2003-style files (token POS chunk tag).\n"
	"eval: prints precision, recall and F1 per type on a CoNLL file.\n";

enum { OPT_TYPES = 256, OPT_ONERROR, OPT_CONLL, OPT_DEV, OPT_EPOCHS, OPT_SEED, OPT_CLUSTERS };

static const struct option longopts[] = {
	{ "text", required_argument, NULL, 't' },
	{ "types", required_argument, NULL, OPT_TYPES },
	{ "model", required_argument, NULL, 'm' },
	{ "gazetteer", required_argument, NULL, 'g' },
	{ "on-error", required_argument, NULL, OPT_ONERROR },
	{ "output", required_argument, NULL, 'o' },
	{ "gzip", no_argument, NULL, 'z' },
	{ "unbuffered", no_argument, NULL, 'u' },
	{ "conll", required_argument, NULL, OPT_CONLL },
	{ "dev", required_argument, NULL, OPT_DEV },
	{ "epochs", required_argument, NULL, OPT_EPOCHS },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "clusters", required_argument, NULL, OPT_CLUSTERS },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static unsigned long number_arg(const char *opt, const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (!*s || *end || *s == '-')
		err_usage("%s needs a number, not '%s'", opt, s);
	return v;
}

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

int main(int argc, char **argv)
{
	const char *text = ".text", *model = NULL, *outpath = NULL;
	const char *conll = NULL, *dev = NULL, *clusters = NULL;
	unsigned long seed = 1;
	int epochs = 0, gzip = 0, unbuffered = 0, c, pol;
	enum on_error policy = ON_ERROR_REPORT;
	unsigned types = ENTITY_ALL_TYPES;
	struct buf err = BUF_INIT;
	const char *sub = NULL;

	err_init(argv[0]);
	if (argc > 1 && (!strcmp(argv[1], "train") || !strcmp(argv[1], "eval"))) {
		sub = argv[1];
		argv++;
		argc--;
	}
	struct gazetteer *gaz = gaz_new();
	if (!sub && gaz_load_default(gaz, &err) < 0)
		err_die("%s", err.buf);
	while ((c = getopt_long(argc, argv, "t:m:g:o:zuhV", longopts, NULL)) != -1) {
		switch (c) {
		case 't': text = optarg; break;
		case OPT_TYPES:
			if (entity_types_parse(optarg, &types, &err) < 0)
				err_usage("%s", err.buf);
			break;
		case 'm': model = optarg; break;
		case 'g':
			if (gaz_load_file(gaz, optarg, &err) < 0)
				err_die("%s", err.buf);
			break;
		case OPT_ONERROR:
			if ((pol = reader_policy(optarg)) < 0)
				err_usage("--on-error needs report, skip or fail, not '%s'", optarg);
			policy = (enum on_error)pol;
			break;
		case 'o': outpath = optarg; break;
		case 'z': gzip = 1; break;
		case 'u': unbuffered = 1; break;
		case OPT_CONLL: conll = optarg; break;
		case OPT_DEV: dev = optarg; break;
		case OPT_EPOCHS: epochs = (int)number_arg("--epochs", optarg); break;
		case OPT_SEED: seed = number_arg("--seed", optarg); break;
		case OPT_CLUSTERS: clusters = optarg; break;
		case 'h':
			fputs(usage, stdout);
			gaz_free(gaz);
			return WIRE_EXIT_OK;
		case 'V':
			puts("wire-extract-entities " WIRE_VERSION);
			gaz_free(gaz);
			return WIRE_EXIT_OK;
		default:
			fprintf(stderr, "try '%s --help'\n", err_prog());
			gaz_free(gaz);
			return WIRE_EXIT_USAGE;
		}
	}
	if (sub) {
		gaz_free(gaz);
		if (optind < argc)
			err_usage("%s takes no operand '%s'", sub, argv[optind]);
		if (!strcmp(sub, "train"))
			return cmd_train(conll, dev, clusters, epochs, seed, outpath);
		return cmd_eval(conll, model);
	}
	if (conll || dev || clusters || epochs)
		err_usage("--conll, --dev, --epochs and --clusters belong to 'train' or 'eval'");

	char *msg = NULL;
	struct expr *ex = expr_compile(text, &msg);
	if (!ex)
		err_usage("--text: %s", msg);
	struct ner_model *m = load_model(model);

	struct reader r;
	struct output out;
	struct entity_stream_opts o = { ex, m, gaz, types, policy };
	output_open(&out, outpath, gzip);
	out.unbuffered = unbuffered;
	struct entity_stream *es = entity_stream_new(&o, &out);
	reader_init(&r, argv + optind, argc - optind, policy);
	while (reader_next(&r))
		if (entity_stream_record(es, &r) < 0)
			break;
	int status = entity_stream_finish(es);
	if (reader_finish(&r) != WIRE_EXIT_OK)
		status = WIRE_EXIT_DATA;
	if (output_close(&out))
		status = WIRE_EXIT_DATA;
	entity_stream_free(es);
	if (m)
		ner_free(m);
	expr_free(ex);
	gaz_free(gaz);
	buf_release(&err);
	return status;
}
