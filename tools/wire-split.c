/* wire-split — documents in, paragraph or sentence records out. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/core/cli.h"
#include "wire/core/err.h"
#include "wire/core/output.h"
#include "wire/core/progress.h"
#include "wire/split/docs.h"
#include "wire/split/segment.h"
#include "wire/split/split.h"

static const char usage[] =
"usage: wire-split [options] [FILE...]\n"
"\n"
"Turns documents into JSON-lines records, one per sentence (or paragraph,\n"
"or document), with code-point spans into the document and its metadata.\n"
"FILEs are text, .gz, .tar/.tar.gz/.tgz (a document per member), JSON-lines\n"
"or CSV/TSV with a header; none or '-' reads standard input.\n"
"\n"
"  -i, --input FORMAT       auto (default), text, jsonl, csv, tsv\n"
"  -t, --text EXPR          jq expression for the text of a JSONL/CSV record (.text)\n"
"      --id EXPR            jq expression for its document id (.id)\n"
"      --date EXPR          jq expression for its date (.date)\n"
"  -b, --by UNIT            sentence (default), para, doc\n"
"      --with KINDS         also emit these parts as records: date, dateline,\n"
"                           byline, agency, caption, debris, or all\n"
"      --abbrev FILE        more abbreviations (same format as abbreviations.txt)\n"
"      --max-doc SIZE       hand larger text documents on in chunks (64M)\n"
CLI_USAGE;

static struct expr *compile(const char *what, const char *src)
{
	char *msg = NULL;
	struct expr *e = expr_compile(src, &msg);

	if (!e)
		err_usage("invalid %s expression '%s': %s", what, src, msg ? msg : "?");
	return e;
}

enum { OPT_ID = 256, OPT_DATE, OPT_WITH, OPT_ABBREV, OPT_MAXDOC };

static const struct option longopts[] = {
	{ "input", required_argument, NULL, 'i' },
	{ "text", required_argument, NULL, 't' },
	{ "id", required_argument, NULL, OPT_ID },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "by", required_argument, NULL, 'b' },
	{ "with", required_argument, NULL, OPT_WITH },
	{ "abbrev", required_argument, NULL, OPT_ABBREV },
	{ "max-doc", required_argument, NULL, OPT_MAXDOC },
	CLI_LONGOPTS,
};

struct config {
	const char *text, *id, *date, *abbrev;
	struct docs_opts dopts;
	struct split_opts sopts;
};

static void parse(int argc, char **argv, struct config *c, struct cli_common *cc)
{
	int opt;
	long m;

	while ((opt = getopt_long(argc, argv, "i:t:b:" CLI_SHORTOPTS, longopts, NULL)) != -1) {
		switch (opt) {
		case 'i':
			if ((m = docs_format(optarg)) < 0)
				err_usage("unknown input format '%s'", optarg);
			c->dopts.format = (enum docs_format)m;
			break;
		case 't': c->text = optarg; break;
		case OPT_ID: c->id = optarg; break;
		case OPT_DATE: c->date = optarg; break;
		case 'b':
			if (!strcmp(optarg, "sentence"))
				c->sopts.by = SPLIT_SENTENCE;
			else if (!strcmp(optarg, "para") || !strcmp(optarg, "paragraph"))
				c->sopts.by = SPLIT_PARA;
			else if (!strcmp(optarg, "doc") || !strcmp(optarg, "document"))
				c->sopts.by = SPLIT_DOC;
			else
				err_usage("unknown unit '%s' (sentence, para, doc)", optarg);
			break;
		case OPT_WITH:
			if ((m = split_parts_mask(optarg)) < 0)
				err_usage("unknown part in '%s'", optarg);
			c->sopts.parts = (unsigned)m;
			break;
		case OPT_ABBREV: c->abbrev = optarg; break;
		case OPT_MAXDOC:
			c->dopts.max_doc = (size_t)cli_size("--max-doc", optarg, 4096, ~0ULL);
			break;
		default: cli_option(cc, opt, optarg, usage);
		}
	}
	c->dopts.policy = cc->policy;
}

static struct segment_rules *load_rules(const char *abbrev)
{
	const char *why = NULL;
	struct segment_rules *rules = segment_load(&why);
	if (!rules)
		err_die("cannot load the abbreviation list: %s", why);
	if (abbrev) {
		char *msg = NULL;
		if (segment_add_file(rules, abbrev, &msg) < 0)
			err_die("%s", msg);
	}
	return rules;
}

/* Documents in, records out, in input order, through the split pool
 * (its own threads: documents, not JSON lines, are its unit). */
static int run(struct config *c, const struct cli_common *cc, char **files, int nfiles)
{
	struct output out;
	struct docs ds;
	struct split_doc d;
	struct progress pg;
	unsigned long long records = 0;
	int workers = cc->set_jobs ? (cc->jobs > 1 ? (int)cc->jobs : 0) : split_pool_workers();

	output_open(&out, cc->output, cc->gzip);
	out.unbuffered = cc->unbuffered;
	progress_init(&pg, cc->progress, files, nfiles);
	docs_init(&ds, &c->dopts, files, nfiles);
	/* records in input order; flushed per record with -u, so unthreaded */
	struct split_pool *pool = split_pool_new(&c->sopts, cc->unbuffered ? 0 : workers);
	while (docs_next(&ds, &d)) {
		records += split_pool_add(pool, &d, &out);
		if (pg.on)
			progress_show(&pg, ds.bytes,
				      progress_position(ds.files, ds.open ? ds.idx - 1 : ds.idx,
							ds.open ? &ds.in : NULL),
				      records, 0);
	}
	records += split_pool_finish(pool, &out);
	progress_show(&pg, ds.bytes, 0, records, 1);
	int status = docs_finish(&ds);
	split_pool_free(pool);
	if (output_close(&out))
		status = WIRE_EXIT_DATA;
	return status;
}

int main(int argc, char **argv)
{
	struct config c = { ".text", ".id", ".date", NULL,
			    { DOCS_AUTO, NULL, NULL, NULL, ON_ERROR_REPORT, 64u << 20 },
			    { SPLIT_SENTENCE, 0, NULL } };
	struct cli_common cc = CLI_COMMON_INIT;

	err_init(argv[0]);
	parse(argc, argv, &c, &cc);
	struct segment_rules *rules = load_rules(c.abbrev);
	c.sopts.rules = rules;
	c.dopts.text = compile("--text", c.text);
	c.dopts.id = compile("--id", c.id);
	c.dopts.date = compile("--date", c.date);
	int status = run(&c, &cc, argv + optind, argc - optind);
	segment_free(rules);
	expr_free(c.dopts.text);
	expr_free(c.dopts.id);
	expr_free(c.dopts.date);
	return status;
}
