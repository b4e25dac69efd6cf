/* wire-split — documents in, paragraph or sentence records out. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wire/split/docs.h"
#include "wire/core/err.h"
#include "wire/core/output.h"
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
"  -i, --input FORMAT    auto (default), text, jsonl, csv, tsv\n"
"  -t, --text EXPR       jq expression for the text of a JSONL/CSV record (.text)\n"
"      --id EXPR         jq expression for its document id (.id)\n"
"      --date EXPR       jq expression for its date (.date)\n"
"  -b, --by UNIT         sentence (default), para, doc\n"
"      --with KINDS      also emit these parts as records: date, dateline,\n"
"                        byline, agency, caption, debris, or all\n"
"      --abbrev FILE     more abbreviations (same format as abbreviations.txt)\n"
"      --max-doc SIZE    hand larger text documents on in chunks (64M)\n"
"      --on-error P      report (default: report, skip, exit 1 at the end),\n"
"                        skip (count silently), fail (stop at the first)\n"
"  -o, --output FILE     write to FILE instead of standard output\n"
"  -z, --gzip            compress the output\n"
"  -u, --unbuffered      flush after every record\n"
"      --progress        report progress on standard error\n"
"  -h, --help            show this help\n"
"  -V, --version         show the version\n";

static size_t parse_size(const char *s)
{
	char *end;
	double v = strtod(s, &end);
	size_t mul = 1;

	if (end == s || v <= 0)
		return 0;
	switch (*end) {
	case 'k': case 'K': mul = 1 << 10; end++; break;
	case 'm': case 'M': mul = 1 << 20; end++; break;
	case 'g': case 'G': mul = 1 << 30; end++; break;
	default: break;
	}
	if (*end)
		return 0;
	return (size_t)(v * (double)mul);
}

static struct expr *compile(const char *what, const char *src)
{
	char *msg = NULL;
	struct expr *e = expr_compile(src, &msg);

	if (!e)
		err_usage("invalid %s expression '%s': %s", what, src, msg ? msg : "?");
	return e;
}

int main(int argc, char **argv)
{
	enum { OPT_ID = 256, OPT_DATE, OPT_WITH, OPT_ABBREV, OPT_MAXDOC, OPT_ONERR, OPT_PROGRESS };
	static const struct option longopts[] = {
		{ "input", required_argument, NULL, 'i' },
		{ "text", required_argument, NULL, 't' },
		{ "id", required_argument, NULL, OPT_ID },
		{ "date", required_argument, NULL, OPT_DATE },
		{ "by", required_argument, NULL, 'b' },
		{ "with", required_argument, NULL, OPT_WITH },
		{ "abbrev", required_argument, NULL, OPT_ABBREV },
		{ "max-doc", required_argument, NULL, OPT_MAXDOC },
		{ "on-error", required_argument, NULL, OPT_ONERR },
		{ "output", required_argument, NULL, 'o' },
		{ "gzip", no_argument, NULL, 'z' },
		{ "unbuffered", no_argument, NULL, 'u' },
		{ "progress", no_argument, NULL, OPT_PROGRESS },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *text = ".text", *id = ".id", *date = ".date", *outpath = NULL;
	const char *abbrev = NULL;
	struct docs_opts dopts = { DOCS_AUTO, NULL, NULL, NULL, ON_ERROR_REPORT, 64u << 20 };
	struct split_opts sopts = { SPLIT_SENTENCE, 0, NULL };
	int gzip = 0, unbuffered = 0, progress = 0, c;

	err_init(argv[0]);
	while ((c = getopt_long(argc, argv, "i:t:b:o:zuhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'i':
			if ((c = docs_format(optarg)) < 0)
				err_usage("unknown input format '%s'", optarg);
			dopts.format = (enum docs_format)c;
			break;
		case 't': text = optarg; break;
		case OPT_ID: id = optarg; break;
		case OPT_DATE: date = optarg; break;
		case 'b':
			if (!strcmp(optarg, "sentence"))
				sopts.by = SPLIT_SENTENCE;
			else if (!strcmp(optarg, "para") || !strcmp(optarg, "paragraph"))
				sopts.by = SPLIT_PARA;
			else if (!strcmp(optarg, "doc") || !strcmp(optarg, "document"))
				sopts.by = SPLIT_DOC;
			else
				err_usage("unknown unit '%s' (sentence, para, doc)", optarg);
			break;
		case OPT_WITH: {
			long m = split_parts_mask(optarg);
			if (m < 0)
				err_usage("unknown part in '%s'", optarg);
			sopts.parts = (unsigned)m;
			break;
		}
		case OPT_ABBREV: abbrev = optarg; break;
		case OPT_MAXDOC:
			if (!(dopts.max_doc = parse_size(optarg)) || dopts.max_doc < 4096)
				err_usage("invalid size '%s' (at least 4K)", optarg);
			break;
		case OPT_ONERR:
			if ((c = reader_policy(optarg)) < 0)
				err_usage("unknown --on-error policy '%s'", optarg);
			dopts.policy = (enum on_error)c;
			break;
		case 'o': outpath = optarg; break;
		case 'z': gzip = 1; break;
		case 'u': unbuffered = 1; break;
		case OPT_PROGRESS: progress = 1; break;
		case 'h': fputs(usage, stdout); return WIRE_EXIT_OK;
		case 'V': printf("wire-split %s\n", WIRE_VERSION); return WIRE_EXIT_OK;
		default:
			fprintf(stderr, "try 'wire-split --help'\n");
			return WIRE_EXIT_USAGE;
		}
	}

	const char *why = NULL;
	struct segment_rules *rules = segment_load(&why);
	if (!rules)
		err_die("cannot load the abbreviation list: %s", why);
	if (abbrev) {
		char *msg = NULL;
		if (segment_add_file(rules, abbrev, &msg) < 0)
			err_die("%s", msg);
	}
	sopts.rules = rules;
	dopts.text = compile("--text", text);
	dopts.id = compile("--id", id);
	dopts.date = compile("--date", date);

	struct output out;
	output_open(&out, outpath, gzip);
	out.unbuffered = unbuffered;

	struct docs ds;
	struct split_pool *pool;
	struct split_doc d;
	time_t last = time(NULL);
	unsigned long long records = 0;
	docs_init(&ds, &dopts, argv + optind, argc - optind);
	/* records in input order; flushed per record with -u, so unthreaded */
	pool = split_pool_new(&sopts, unbuffered ? 0 : split_pool_workers());
	while (docs_next(&ds, &d)) {
		records += split_pool_add(pool, &d, &out);
		if (progress && time(NULL) - last >= 2) {
			last = time(NULL);
			err_warn("%llu documents, %llu records, %.1f MB of text", ds.ndocs,
				 records, (double)ds.bytes / 1e6);
		}
	}
	records += split_pool_finish(pool, &out);
	if (progress)
		err_warn("done: %llu documents, %llu records, %.1f MB of text", ds.ndocs, records,
			 (double)ds.bytes / 1e6);
	int status = docs_finish(&ds);
	split_pool_free(pool);
	segment_free(rules);
	expr_free(dopts.text);
	expr_free(dopts.id);
	expr_free(dopts.date);
	if (output_close(&out))
		status = WIRE_EXIT_DATA;
	return status;
}
