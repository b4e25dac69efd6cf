/*
 * wire-classify-topics — append `topics` to JSON-lines records, from the
 * bundled taxonomy of defence-cooperation areas or a trained linear model;
 * train and evaluate such models. The work is in lib/topics/ (classify.c
 * is the tagging stage, classify_train.c train and eval); see
 * wire-classify-topics(1).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/core/cli.h"
#include "wire/core/data.h"
#include "wire/core/err.h"
#include "wire/core/expr.h"
#include "wire/topics/classify.h"

static const char usage[] =
	"usage: wire-classify-topics [--model FILE | --taxonomy FILE.csv] [options] [FILE...]\n"
	"       wire-classify-topics train --label EXPR [options] -o MODEL [FILE...]\n"
	"       wire-classify-topics eval --model MODEL --label EXPR [options] [FILE...]\n"
	"Appends `topics` to each JSON-lines record (gzip read too):\n"
	"[{\"label\":\"maritime-security\",\"score\":0.93},...], best first. Without\n"
	"--model, labels come from the bundled taxonomy of defence-cooperation areas.\n"
	"No FILE or '-' reads standard input.\n"
	"\n"
	"Options:\n"
	"  -t, --text EXPR          where the text is: a jq expression (default .text)\n"
	"  -m, --model FILE         a model made by 'train'\n"
	"  -T, --taxonomy FILE.csv  a taxonomy (columns label,term[,weight][,note]);\n"
	"                           default: the bundled taxonomy/defence.csv\n"
	"      --threshold X        keep labels scoring at least X (0..1); default:\n"
	"                           0.5 for a taxonomy, the model's own decision\n"
	"                           (its best label, or its tuned thresholds)\n"
	"  -k, --top K              keep at most K labels\n"
	"  -e, --explain[=K]        add \"terms\": the K words and phrases that\n"
	"                           weighed most for each topic (default 5)\n"
	CLI_USAGE
	"\n"
	"train options:\n"
	"  -l, --label EXPR         the label: a string (single-label) or an array\n"
	"                           of strings (multi-label); records without one\n"
	"                           are skipped and counted\n"
	"      --dev FILE           held-out records: tunes per-label thresholds of\n"
	"                           a multi-label model and reports dev figures\n"
	"      --tune micro|label   what the thresholds maximise: micro-averaged F1\n"
	"                           (default) or each label's own F1\n"
	"      --bits N             2^N hash buckets for features (16..24, default 20)\n"
	"      --no-bigrams         words only, no word bigrams\n"
	"      --cost C             SVM cost (default 1)\n"
	"      --nb A               scale features by naive Bayes log-count ratios\n"
	"                           with smoothing A (default 1; 0: plain TF-IDF)\n"
	"      --prune X            drop weights below X times the label's largest\n"
	"                           (default 0.01; 0 keeps all)\n"
	"      --epochs N           at most N passes per label (default 10)\n"
	"      --seed N             order of the passes (default 1)\n"
	"  -q, --quiet              no progress notes\n"
	"eval prints accuracy, micro/macro P/R/F1 and a per-label table.\n";

enum {
	OPT_THRESHOLD = 256, OPT_DEV, OPT_BITS, OPT_NOBIGRAMS, OPT_COST,
	OPT_EPOCHS, OPT_SEED, OPT_NB, OPT_PRUNE, OPT_TUNE,
};

static const struct option longopts[] = {
	{ "text", required_argument, NULL, 't' },
	{ "model", required_argument, NULL, 'm' },
	{ "taxonomy", required_argument, NULL, 'T' },
	{ "threshold", required_argument, NULL, OPT_THRESHOLD },
	{ "top", required_argument, NULL, 'k' },
	{ "explain", optional_argument, NULL, 'e' },
	{ "label", required_argument, NULL, 'l' },
	{ "dev", required_argument, NULL, OPT_DEV },
	{ "bits", required_argument, NULL, OPT_BITS },
	{ "no-bigrams", no_argument, NULL, OPT_NOBIGRAMS },
	{ "cost", required_argument, NULL, OPT_COST },
	{ "epochs", required_argument, NULL, OPT_EPOCHS },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "nb", required_argument, NULL, OPT_NB },
	{ "prune", required_argument, NULL, OPT_PRUNE },
	{ "tune", required_argument, NULL, OPT_TUNE },
	{ "quiet", no_argument, NULL, 'q' },
	CLI_LONGOPTS,
};

static struct expr *compile(const char *opt, const char *src)
{
	char *msg = NULL;
	struct expr *e = expr_compile(src, &msg);

	if (!e)
		err_usage("%s: %s", opt, msg);
	return e;
}

static struct linear_model *load_model(const char *path)
{
	struct buf err = BUF_INIT;
	struct linear_model *m = linear_load(path, &err);

	if (!m)
		err_die("%s", err.buf);
	buf_release(&err);
	return m;
}

static struct taxonomy *load_taxonomy(const char *path)
{
	struct buf err = BUF_INIT;
	char *found = NULL;

	if (!path) {
		found = data_path("taxonomy/defence.csv");
		if (!found)
			err_die("cannot find the taxonomy 'taxonomy/defence.csv' (set WIRE_DATA, "
				"or use --taxonomy FILE or --model FILE)");
		path = found;
	}
	struct taxonomy *t = taxonomy_load(path, &err);
	if (!t)
		err_die("%s", err.buf);
	free(found);
	buf_release(&err);
	return t;
}

/* The tool's own options, beside the shared ones. */
struct config {
	const char *text, *model, *taxonomy, *label, *dev;
	int quiet, has_threshold, train_opt;
	double threshold;
	size_t top, explain;
	struct linear_opts lin;
};

/* The options of 'train'; returns 0 when `opt` is none of them. */
static int parse_train(int opt, const char *arg, struct config *c)
{
	struct linear_opts *lin = &c->lin;

	switch (opt) {
	case OPT_DEV: c->dev = arg; break;
	case OPT_BITS: lin->bits = (unsigned)cli_number("--bits", arg, 16, 24); break;
	case OPT_NOBIGRAMS: lin->bigrams = 0; break;
	case OPT_COST: lin->c = cli_real("--cost", arg, 1e-6, 1e6); break;
	case OPT_EPOCHS: lin->epochs = (unsigned)cli_number("--epochs", arg, 1, 100000); break;
	case OPT_NB: lin->nb = cli_real("--nb", arg, 0, 100); break;
	case OPT_PRUNE: lin->prune = cli_real("--prune", arg, 0, 1); break;
	case OPT_TUNE:
		if (!strcmp(arg, "micro"))
			lin->tune = LINEAR_TUNE_MICRO;
		else if (!strcmp(arg, "label"))
			lin->tune = LINEAR_TUNE_LABEL;
		else
			err_usage("--tune needs micro or label, not '%s'", arg);
		break;
	case OPT_SEED: lin->seed = (unsigned long)cli_number("--seed", arg, 0, (unsigned long)-1); break;
	default: return 0;
	}
	c->train_opt = 1;
	return 1;
}

static int cmd_train(const struct config *c, const struct cli_common *cc, struct expr *tx,
		     char **files, int nfiles)
{
	if (!c->label || !cc->output)
		err_usage("train needs --label EXPR and -o MODEL");
	if (c->model || c->taxonomy || c->has_threshold || c->top || c->explain || cc->gzip ||
	    cc->unbuffered)
		err_usage("--model, --taxonomy, --threshold, --top, --explain, -z and -u "
			  "do not apply to train");
	struct classify_train_opts o = { tx, compile("--label", c->label), files, nfiles,
					 c->dev, cc->output, c->lin, cc->policy, !c->quiet };
	int st = classify_train(&o);
	expr_free(o.label);
	expr_free(tx);
	return st;
}

static int cmd_eval(const struct config *c, const struct cli_common *cc, struct expr *tx,
		    char **files, int nfiles)
{
	if (!c->model || !c->label)
		err_usage("eval needs --model MODEL and --label EXPR");
	if (c->taxonomy || c->top || c->explain || cc->gzip || cc->unbuffered || cc->output)
		err_usage("--taxonomy, --top, --explain, -o, -z and -u do not apply to eval");
	struct linear_model *m = load_model(c->model);
	struct classify_eval_opts o = { tx, compile("--label", c->label), m,
					(float)c->threshold, c->has_threshold, files, nfiles,
					cc->policy, stdout };
	int st = classify_eval(&o);
	if (fflush(stdout) || ferror(stdout)) {
		err_warn("write error on standard output");
		st = WIRE_EXIT_DATA;
	}
	expr_free(o.label);
	expr_free(tx);
	linear_free(m);
	return st;
}

static void parse(int argc, char **argv, struct config *c, struct cli_common *cc)
{
	int opt;

	while ((opt = getopt_long(argc, argv, "t:m:T:k:e::l:q" CLI_SHORTOPTS, longopts, NULL)) != -1) {
		switch (opt) {
		case 't': c->text = optarg; break;
		case 'm': c->model = optarg; break;
		case 'T': c->taxonomy = optarg; break;
		case OPT_THRESHOLD:
			c->threshold = cli_real("--threshold", optarg, 0, 1);
			c->has_threshold = 1;
			break;
		case 'k': c->top = cli_number("--top", optarg, 1, 1000000); break;
		case 'e': c->explain = optarg ? cli_number("--explain", optarg, 1, 1000) : 5; break;
		case 'l': c->label = optarg; break;
		case 'q': c->quiet = 1; break;
		default:
			if (!parse_train(opt, optarg, c))
				cli_option(cc, opt, optarg, usage);
		}
	}
}

int main(int argc, char **argv)
{
	struct config c = { .text = ".text" };
	struct cli_common cc = CLI_COMMON_INIT;
	struct driver_opts d = DRIVER_OPTS_INIT;
	const char *sub = NULL;

	err_init(argv[0]);
	linear_opts_default(&c.lin);
	if (argc > 1 && (!strcmp(argv[1], "train") || !strcmp(argv[1], "eval"))) {
		sub = argv[1];
		argv++;
		argc--;
	}
	parse(argc, argv, &c, &cc);
	char **files = argv + optind;
	int nfiles = argc - optind;
	struct expr *tx = compile("--text", c.text);

	if (sub && !strcmp(sub, "train"))
		return cmd_train(&c, &cc, tx, files, nfiles);
	if (c.train_opt)
		err_usage("--dev, --tune, --bits, --no-bigrams, --cost, --nb, --prune, --epochs and "
			  "--seed belong to 'train'");
	if (sub)
		return cmd_eval(&c, &cc, tx, files, nfiles);
	if (c.label)
		err_usage("--label belongs to 'train' and 'eval'");
	if (c.model && c.taxonomy)
		err_usage("give --model or --taxonomy, not both");

	struct linear_model *m = c.model ? load_model(c.model) : NULL;
	struct taxonomy *tax = m ? NULL : load_taxonomy(c.taxonomy);
	struct classify_opts o = { tx, m, tax, (float)c.threshold, c.has_threshold, c.top,
				   c.explain, cc.policy };

	cli_driver_opts(&cc, &d, nfiles, files);
	int status = wire_run(&classify_stage, &o, &d);
	linear_free(m);
	taxonomy_free(tax);
	expr_free(tx);
	return status;
}
