#ifndef WIRE_DOCS_H
#define WIRE_DOCS_H
/*
 * docs — the documents of wire-split's inputs, one at a time, whatever
 * their container: a text file (plain or gzip) is one document; each
 * regular member of a tar archive (plain or gzipped, members themselves
 * possibly gzipped) is one; each line of a JSON-lines file and each row
 * of a CSV/TSV file with a header is one, its text and id chosen by jq
 * expressions and its other fields carried onto every unit record.
 *
 * Memory is bounded: a text document larger than `max_doc` bytes is
 * handed out in chunks cut at paragraph (else line, else space) breaks,
 * the later ones marked `cont` with their code-point base.
 *
 *	struct docs ds;
 *	docs_init(&ds, &opts, files, nfiles);
 *	while (docs_next(&ds, &doc)) split_document(&split, &doc, &out);
 *	status = docs_finish(&ds);
 */
#include <stddef.h>

#include "wire/core/buf.h"
#include "wire/core/expr.h"
#include "wire/core/htab.h"
#include "wire/core/input.h"
#include "wire/core/reader.h"
#include "wire/split/split.h"
#include "wire/core/table.h"
#include "wire/core/tar.h"

enum docs_format { DOCS_AUTO, DOCS_TEXT, DOCS_JSONL, DOCS_CSV, DOCS_TSV };

/* Parses "auto", "text", "jsonl", "csv", "tsv"; -1 otherwise. */
int docs_format(const char *name);

struct docs_opts {
	enum docs_format format;
	struct expr *text;       /* borrowed: text of a JSONL/CSV record */
	struct expr *id;         /* borrowed: id of a JSONL/CSV record */
	struct expr *date;       /* borrowed: date of a JSONL/CSV record */
	enum on_error policy;
	size_t max_doc;          /* largest text handed out at once (bytes) */
};

struct docs_src;

struct docs {
	struct docs_opts o;
	char **files;            /* borrowed */
	int nfiles, idx;
	/* the current input */
	struct input in;
	int open;
	enum docs_format fmt;
	struct tar tar;
	int in_tar;
	struct table table;
	int in_table;
	struct docs_src *src;    /* byte source of the current text document */
	int text_pending;        /* a text document (or its next chunk) is due */
	/* the current document */
	struct buf source, id, text, rest, err, date, tmp;
	struct htab ids;         /* ids given to text documents so far: a
	                            name met again in another folder or
	                            archive gets its path as its id */
	struct reader rd;        /* JSON lines of the current input: its
	                            validation, bad-line reports and counts */
	struct json_val rec;
	size_t cp_base;
	unsigned long long doc_bytes;
	int chunked;
	int doc_word;            /* a chunk of this text document had a letter or digit */
	unsigned long text_line; /* text document: lines before the chunk, */
	size_t line_bytes;       /* and bytes of its first line in earlier chunks */
	unsigned doc_badutf8;    /* invalid UTF-8 sequences reported in the document */
	const char *skip[16];
	/* text, id and date are plain ".name" fields: read in one walk */
	const char *plain_text, *plain_id, *plain_date;
	int plain;
	/* counts */
	unsigned long long ndocs, bytes, notext, badutf8;
	int status, stop;
};

void docs_init(struct docs *ds, const struct docs_opts *o, char **files, int nfiles);
/* Fills `d` with the next document (or chunk); its pointers stay valid
 * until the next call. Returns 1, or 0 when all inputs are done. */
int docs_next(struct docs *ds, struct split_doc *d);
/* Reports the counts that need it; returns the exit status. */
int docs_finish(struct docs *ds);

#endif
