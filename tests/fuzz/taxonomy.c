/*
 * fuzz target taxonomy — the taxonomy loader (taxonomy.h: CSV with a
 * header naming label, term, weight, note) on any bytes, then scoring the
 * file's own text (so its terms match) with the loaded taxonomy.
 *
 * Checks: a rejected file has a message; a loaded one has labels with
 * names, scores in [0, 1] (never NaN), and explanations that are valid
 * JSON arrays.
 */
#include <math.h>

#include "fuzz.h"
#include "wire/core/utf8.h"
#include "wire/topics/taxonomy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf err = BUF_INIT, ex = BUF_INIT, clean = BUF_INIT;
	struct ftokens w = FTOKENS_INIT;
	struct taxonomy_match mt = TAXONOMY_MATCH_INIT;

	if (size > (1u << 16))
		return 0;
	struct taxonomy *t = taxonomy_parse((const char *)data, size, "fuzz.csv", &err);
	if (!t) {
		FUZZ_CHECK(err.len > 0);
		buf_release(&err);
		return 0;
	}
	size_t nl = taxonomy_nlabels(t);
	for (size_t i = 0; i < nl; i++)
		FUZZ_CHECK(taxonomy_label(t, i) != NULL);
	utf8_sanitize(&clean, (const char *)data, size);
	features_tokenize(clean.buf, clean.len, &w);
	float *scores = xcalloc(nl ? nl : 1, sizeof(*scores));
	for (int round = 0; round < 2; round++) {
		taxonomy_scores(t, &w, &mt, scores);
		for (size_t i = 0; i < nl; i++) {
			FUZZ_CHECK(!isnan(scores[i]) && scores[i] >= 0 && scores[i] <= 1);
			buf_reset(&ex);
			taxonomy_explain(t, &mt, i, 5, &ex);
			FUZZ_CHECK(fuzz_json_value(ex.buf, ex.len) && ex.buf[0] == '[');
		}
	}
	free(scores);
	taxonomy_match_release(&mt);
	ftokens_release(&w);
	taxonomy_free(t);
	buf_release(&err);
	buf_release(&ex);
	buf_release(&clean);
	return 0;
}
