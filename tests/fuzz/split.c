/*
 * fuzz target split — the sentence splitter and news structure
 * (segment.h, news.h) and wire-split's record writer (split.h) on any
 * bytes (made valid UTF-8 first, as docs.c does).
 *
 * Checks: news_parse ranges are in order, inside the text, not
 * overlapping and trimmed; its metadata strings are valid UTF-8 without
 * NUL; paragraphs and sentences likewise, every sentence inside its
 * paragraph and together covering every non-space byte of it; the
 * records split_document writes (sentence, paragraph and document units,
 * with every news part as a record of its own for odd inputs) are one
 * JSON object per line.
 */
#include "fuzz.h"
#include "wire/core/utf8.h"
#include "wire/split/news.h"
#include "wire/split/segment.h"
#include "wire/split/split.h"

static struct segment_rules *rules;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	rules = fuzz_segment_rules("split");
	return 0;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Ranges in order, inside [0, n), not overlapping. */
static void check_spans(const struct spans *s, size_t from, size_t b0, size_t n)
{
	size_t last = b0;
	for (size_t i = from; i < s->n; i++) {
		FUZZ_CHECK(s->v[i].b <= s->v[i].e && s->v[i].e <= n);
		FUZZ_CHECK(s->v[i].b >= last);
		last = s->v[i].e;
	}
}

static void check_meta(const char *s)
{
	if (s)
		FUZZ_CHECK(utf8_check(s, strlen(s)) == strlen(s));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf text = BUF_INIT;
	struct spans parts = SPANS_INIT, paras = SPANS_INIT, sents = SPANS_INIT;
	struct news_meta meta = { NULL, NULL, NULL, NULL };

	if (size > (1u << 16))
		return 0;
	utf8_sanitize(&text, (const char *)data, size);
	const char *t = text.buf;
	size_t n = text.len;

	news_parse(t, n, &parts, &meta);
	check_spans(&parts, 0, 0, n);
	for (size_t i = 0; i < parts.n; i++) {
		FUZZ_CHECK(parts.v[i].kind >= NEWS_BODY && parts.v[i].kind <= NEWS_DEBRIS);
		FUZZ_CHECK(news_kind_name(parts.v[i].kind) != NULL);
	}
	check_meta(meta.date);
	check_meta(meta.dateline);
	check_meta(meta.byline);
	check_meta(meta.agency);
	news_meta_release(&meta);

	segment_paragraphs(t, n, SEGMENT_AUTO, &paras);
	check_spans(&paras, 0, 0, n);
	for (size_t i = 0; i < paras.n; i++) {
		size_t b = paras.v[i].b, e = paras.v[i].e;
		FUZZ_CHECK(b < e && !is_space(t[b]) && !is_space(t[e - 1]));
		spans_reset(&sents);
		segment_sentences(rules, t + b, e - b, &sents);
		check_spans(&sents, 0, 0, e - b);
		/* every non-space byte of the paragraph is in a sentence */
		size_t at = 0;
		for (size_t k = 0; k < sents.n; k++) {
			for (; at < sents.v[k].b; at++)
				FUZZ_CHECK(is_space(t[b + at]) || (unsigned char)t[b + at] >= 0x80);
			at = sents.v[k].e;
		}
		for (; at < e - b; at++)
			FUZZ_CHECK(is_space(t[b + at]) || (unsigned char)t[b + at] >= 0x80);
	}

	static const enum split_unit units[] = { SPLIT_SENTENCE, SPLIT_PARA, SPLIT_DOC };
	enum split_unit by = units[size % 3];
	struct split_opts o = { by, size & 4 ? ~0u : 0, rules };
	struct split s;
	struct buf out = BUF_INIT;
	struct split_doc d;
	memset(&d, 0, sizeof(d));
	d.id = "fuzz";
	d.idlen = 4;
	d.source = "fuzz.txt";
	d.text = t;
	d.len = n;
	split_init(&s, &o);
	s.to = &out;
	split_document(&s, &d, NULL);
	fuzz_check_lines(out.buf, out.len);
	split_release(&s);

	buf_release(&out);
	buf_release(&text);
	spans_release(&parts);
	spans_release(&paras);
	spans_release(&sents);
	return 0;
}
