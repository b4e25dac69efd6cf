/*
 * wire-classify-topics — append `topics` to JSON-lines records, from the
 * bundled taxonomy of defence-cooperation areas or a trained linear model;
 * train and evaluate such models. The work is in lib/classify*.c,
 * lib/topics/taxonomy.c, lib/topics/linear.c and lib/topics/features.c; see
 * wire-classify-topics(1).
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/topics/classify.h"
#include "wire/core/data.h"
#include "wire/core/err.h"
#include "wire/core/expr.h"
#include "wire/core/output.h"
#include "wire/core/reader.h"

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
	"      --on-error POLICY    bad lines and records without text: report\n"
	"                           (default), skip, fail\n"
	"  -o, --output FILE        write to FILE instead of standard output\n"
	"  -z, --gzip               compress the output\n"
	"  -u, --unbuffered         flush after each record\n"
	"  -h, --help               this help\n"
	"  -V, --version            version\n"
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
	OPT_THRESHOLD = 256, OPT_ONERROR, OPT_DEV, OPT_BITS, OPT_NOBIGRAMS, OPT_COST,
	OPT_EPOCHS, OPT_SEED, OPT_NB, OPT_PRUNE, OPT_TUNE,
};

static const struct option longopts[] = {
	{ "text", required_argument, NULL, 't' },
	{ "model", required_argument, NULL, 'm' },
	{ "taxonomy", required_argument, NULL, 'T' },
	{ "threshold", required_argument, NULL, OPT_THRESHOLD },
	{ "top", required_argument, NULL, 'k' },
	{ "explain", optional_argument, NULL, 'e' },
	{ "on-error", required_argument, NULL, OPT_ONERROR },
	{ "output", required_argument, NULL, 'o' },
	{ "gzip", no_argument, NULL, 'z' },
	{ "unbuffered", no_argument, NULL, 'u' },
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
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static unsigned long count_arg(const char *opt, const char *s, unsigned long lo, unsigned long hi)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (!*s || *end || *s == '-' || v < lo || v > hi)
		err_usage("%s needs a whole number from %lu to %lu, not '%s'", opt, lo, hi, s);
	return v;
}

static double real_arg(const char *opt, const char *s, double lo, double hi)
{
	char *end;
	double v = strtod(s, &end);

	if (!*s || *end || !isfinite(v) || v < lo || v > hi)
		err_usage("%s needs a number from %g to %g, not '%s'", opt, lo, hi, s);
	return v;
}

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

int main(int argc, char **argv)
{
	const char *text = ".text", *model = NULL, *taxonomy = NULL, *outpath = NULL;
	const char *label = NULL, *dev = NULL;
	int gzip = 0, unbuffered = 0, quiet = 0, c, pol;
	int has_threshold = 0, train_opt = 0;
	double threshold = 0;
	size_t top = 0, explain = 0;
	enum on_error policy = ON_ERROR_REPORT;
	struct linear_opts lin;
	const char *sub = NULL;

	err_init(argv[0]);
	linear_opts_default(&lin);
	if (argc > 1 && (!strcmp(argv[1], "train") || !strcmp(argv[1], "eval"))) {
		sub = argv[1];
		argv++;
		argc--;
	}
	while ((c = getopt_long(argc, argv, "t:m:T:k:e::o:zul:qhV", longopts, NULL)) != -1) {
		switch (c) {
		case 't': text = optarg; break;
		case 'm': model = optarg; break;
		case 'T': taxonomy = optarg; break;
		case OPT_THRESHOLD:
			threshold = real_arg("--threshold", optarg, 0, 1);
			has_threshold = 1;
			break;
		case 'k': top = count_arg("--top", optarg, 1, 1000000); break;
		case 'e': explain = optarg ? count_arg("--explain", optarg, 1, 1000) : 5; break;
		case OPT_ONERROR:
			if ((pol = reader_policy(optarg)) < 0)
				err_usage("--on-error needs report, skip or fail, not '%s'", optarg);
			policy = (enum on_error)pol;
			break;
		case 'o': outpath = optarg; break;
		case 'z': gzip = 1; break;
		case 'u': unbuffered = 1; break;
		case 'l': label = optarg; break;
		case OPT_DEV: dev = optarg; train_opt = 1; break;
		case OPT_BITS: lin.bits = (unsigned)count_arg("--bits", optarg, 16, 24); train_opt = 1; break;
		case OPT_NOBIGRAMS: lin.bigrams = 0; train_opt = 1; break;
		case OPT_COST: lin.c = real_arg("--cost", optarg, 1e-6, 1e6); train_opt = 1; break;
		case OPT_EPOCHS: lin.epochs = (unsigned)count_arg("--epochs", optarg, 1, 100000); train_opt = 1; break;
		case OPT_NB: lin.nb = real_arg("--nb", optarg, 0, 100); train_opt = 1; break;
		case OPT_PRUNE: lin.prune = real_arg("--prune", optarg, 0, 1); train_opt = 1; break;
		case OPT_TUNE:
			if (!strcmp(optarg, "micro"))
				lin.tune = LINEAR_TUNE_MICRO;
			else if (!strcmp(optarg, "label"))
				lin.tune = LINEAR_TUNE_LABEL;
			else
				err_usage("--tune needs micro or label, not '%s'", optarg);
			train_opt = 1;
			break;
		case OPT_SEED: lin.seed = count_arg("--seed", optarg, 0, (unsigned long)-1); train_opt = 1; break;
		case 'q': quiet = 1; break;
		case 'h': fputs(usage, stdout); return WIRE_EXIT_OK;
		case 'V': puts("wire-classify-topics " WIRE_VERSION); return WIRE_EXIT_OK;
		default:
			fprintf(stderr, "try '%s --help'\n", err_prog());
			return WIRE_EXIT_USAGE;
		}
	}
	char **files = argv + optind;
	int nfiles = argc - optind;
	struct expr *tx = compile("--text", text);

	if (sub && !strcmp(sub, "train")) {
		if (!label || !outpath)
			err_usage("train needs --label EXPR and -o MODEL");
		if (model || taxonomy || has_threshold || top || explain || gzip || unbuffered)
			err_usage("--model, --taxonomy, --threshold, --top, --explain, -z and -u "
				  "do not apply to train");
		struct classify_train_opts o = { tx, compile("--label", label), files, nfiles,
						 dev, outpath, lin, policy, !quiet };
		int st = classify_train(&o);
		expr_free(o.label);
		expr_free(tx);
		return st;
	}
	if (train_opt)
		err_usage("--dev, --tune, --bits, --no-bigrams, --cost, --nb, --prune, --epochs and "
			  "--seed belong to 'train'");
	if (sub) { /* eval */
		if (!model || !label)
			err_usage("eval needs --model MODEL and --label EXPR");
		if (taxonomy || top || explain || gzip || unbuffered || outpath)
			err_usage("--taxonomy, --top, --explain, -o, -z and -u do not apply to eval");
		struct linear_model *m = load_model(model);
		struct classify_eval_opts o = { tx, compile("--label", label), m,
						(float)threshold, has_threshold, files, nfiles,
						policy, stdout };
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
	if (label)
		err_usage("--label belongs to 'train' and 'eval'");
	if (model && taxonomy)
		err_usage("give --model or --taxonomy, not both");

	struct linear_model *m = model ? load_model(model) : NULL;
	struct taxonomy *tax = m ? NULL : load_taxonomy(taxonomy);
	struct classify_opts o = { tx, m, tax, (float)threshold, has_threshold, top, explain,
				   policy };
	struct output out;
	struct reader r;

	output_open(&out, outpath, gzip);
	out.unbuffered = unbuffered;
	struct classify *cl = classify_new(&o, &out);
	reader_init(&r, files, nfiles, policy);
	while (reader_next(&r))
		if (classify_record(cl, &r) < 0)
			break;
	int status = classify_finish(cl);
	if (reader_finish(&r) != WIRE_EXIT_OK)
		status = WIRE_EXIT_DATA;
	if (output_close(&out))
		status = WIRE_EXIT_DATA;
	classify_free(cl);
	linear_free(m);
	taxonomy_free(tax);
	expr_free(tx);
	return status;
}
