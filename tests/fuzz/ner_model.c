/*
 * fuzz target ner_model — the NER model loader (ner.c, model_open) and
 * the tagger over whatever tables a model that loads may hold.
 *
 * The first byte chooses the mode. Raw: the input is the model file.
 * Built: the input gives the header's counts, scale and note and the
 * bytes of the tables, and the harness writes a header the loader's
 * first checks accept (magic, version, label set, size, checksum), so
 * that the section sizes, row indexes, probe tables and the tagging that
 * follows are what gets fuzzed. Checks: a rejected model has a message;
 * with a loaded one, tagging a fixed document gives mentions inside each
 * sentence's tokens, in order, not overlapping, with scores in [0, 1].
 */
#include <math.h>

#include "fuzz.h"
#include "wire/core/token.h"
#include "entities/ner_impl.h"

static const char *const doc[] = {
	"KUALA LUMPUR — Vietnamese Defence Minister Phan Van Giang met Malaysia's Mohamed Khaled Nordin on Thursday.",
	"The ADMM-Plus Experts' Working Group on Maritime Security will meet in Cebu, the Philippines.",
	"",
	"Sr. Lt. Gen. Hoàng Xuân Chiến said the U.S. Navy and ASEAN would hold talks.",
};
#define NDOC (sizeof(doc) / sizeof(doc[0]))

static void tag(const struct ner_model *m)
{
	struct tokens tok[NDOC];
	struct ner_sentence s[NDOC];
	struct ner_work *w = ner_work_new();

	for (size_t i = 0; i < NDOC; i++) {
		tok[i] = (struct tokens)TOKENS_INIT;
		token_split(doc[i], strlen(doc[i]), &tok[i]);
		memset(&s[i], 0, sizeof(s[i]));
		s[i].text = doc[i];
		s[i].len = strlen(doc[i]);
		s[i].tok = tok[i].v;
		s[i].ntok = tok[i].n;
	}
	ner_tag_doc(m, w, s, NDOC);
	for (size_t i = 0; i < NDOC; i++) {
		size_t last = 0;
		for (size_t k = 0; k < s[i].nm; k++) {
			const struct ner_mention *x = &s[i].m[k];
			FUZZ_CHECK(x->tb >= last && x->tb < x->te && x->te <= s[i].ntok);
			FUZZ_CHECK((int)x->type >= 0 && x->type < NER_NTYPES);
			FUZZ_CHECK(!isnan(x->score) && x->score >= 0 && x->score <= 1);
			last = x->te;
		}
		tokens_release(&tok[i]);
	}
	ner_work_free(w);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf err = BUF_INIT;
	void *mem;
	size_t n;

	if (size < 1 || size > (1u << 16))
		return 0;
	if (!(data[0] & 1)) {
		n = size - 1;
		mem = xmalloc(n ? n : 1);
		memcpy(mem, data + 1, n);
	} else {
		/* counts, scale and note from the input, then the tables */
		uint8_t h[16 + 64];
		memset(h, 0, sizeof(h));
		memcpy(h, data + 1, size - 1 < sizeof(h) ? size - 1 : sizeof(h));
		const uint8_t *body = size - 1 > sizeof(h) ? data + 1 + sizeof(h) : NULL;
		size_t nbody = body ? size - 1 - sizeof(h) : 0;
		struct ner_fhdr fh;
		memset(&fh, 0, sizeof(fh));
		memcpy(fh.magic, NER_MAGIC, 8);
		fh.version = NER_VERSION;
		fh.nlabels = NER_NL;
		fh.npasses = 1 + (h[0] & 1);
		fh.nslots = h[1] % 128;
		fh.ncslots = h[2] % 32;
		fh.ngslots = h[3] % 32;
		fh.nrows = h[4] % 64;
		uint32_t sc = get32(h + 8);
		memcpy(&fh.scale, &sc, sizeof(fh.scale));
		if (h[0] & 2) /* a plausible scale most of the time */
			fh.scale = (float)(h[5] + 1) / 4096.0f;
		memcpy(fh.note, h + 16, sizeof(fh.note));
		const size_t tsz = sizeof(int32_t) * NER_PASSES * (NER_NL + 1) * NER_NL;
		const size_t esz = sizeof(int32_t) * NER_PASSES * NER_NL;
		n = sizeof(fh) + tsz + esz + (size_t)fh.nslots * sizeof(struct ner_slot) +
		    (size_t)fh.nrows * NER_ROW * sizeof(int16_t) +
		    (size_t)fh.ncslots * sizeof(struct ner_wslot) +
		    (size_t)fh.ngslots * sizeof(struct ner_cslot);
		if (h[0] & 4) /* a size that does not match its sections */
			n += h[6] % 16;
		fh.size = n;
		mem = xcalloc(1, n);
		memcpy(mem, &fh, sizeof(fh));
		/* the tables: the input's bytes, repeated */
		for (size_t i = sizeof(fh); nbody && i < n; i++)
			((uint8_t *)mem)[i] = body[(i - sizeof(fh)) % nbody];
		((struct ner_fhdr *)mem)->crc = ner_file_crc(mem, n);
	}
	struct ner_model *m = ner_load_mem(mem, n, "fuzz.model", &err);
	if (!m) {
		FUZZ_CHECK(err.len > 0);
	} else {
		FUZZ_CHECK(ner_model_note(m) != NULL);
		tag(m);
		ner_free(m);
	}
	buf_release(&err);
	return 0;
}
