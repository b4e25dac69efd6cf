/* Unit tests: the words and hashed features of the topic classifiers
 * (features.h) and the trainable linear model (linear.h): determinism,
 * model round trip, decisions, explanations, and corrupt model files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <cmocka.h>

#include "wire/core/buf.h"
#include "wire/topics/features.h"
#include "wire/topics/linear.h"

/* ---- features --------------------------------------------------------- */

static void words_of(const char *s, struct buf *out)
{
	struct ftokens t = FTOKENS_INIT;
	size_t len;

	features_tokenize(s, strlen(s), &t);
	buf_reset(out);
	for (size_t i = 0; i < t.n; i++) {
		const char *w = features_word(&t, i, &len);
		if (i)
			buf_addc(out, '|');
		buf_add(out, w, len);
		/* the hash is the hash of the folded bytes, whichever path */
		assert_true(t.w[i].h == features_hash(w, len));
	}
	ftokens_release(&t);
}

static void tokenize(void **state)
{
	struct buf b = BUF_INIT;
	(void)state;

	words_of("China's NAVY, co-operation: 3.5 ships!", &b);
	assert_string_equal(b.buf, "china|navy|co|operation|3|5|ships");
	words_of("Đại tướng Phan Văn Giang’s visit to Hà Nội", &b);
	assert_string_equal(b.buf, "dai|tuong|phan|van|giang|visit|to|ha|noi");
	words_of("Hoang Xuan Chien and Hoàng Xuân Chiến", &b);
	assert_string_equal(b.buf, "hoang|xuan|chien|and|hoang|xuan|chien");
	words_of("  ''' ...  ", &b);
	assert_string_equal(b.buf, "");
	words_of("rock'n'roll isn't", &b);
	assert_string_equal(b.buf, "rock|n|roll|isn|t");
	words_of("ﬁnal Łódź", &b); /* a ligature and letters without decomposition */
	assert_string_equal(b.buf, "final|lodz");
	buf_release(&b);
}

static void extract(void **state)
{
	struct ftokens t = FTOKENS_INIT;
	struct fvec v = FVEC_INIT;
	struct buf name = BUF_INIT;
	const char *s = "coast guard and coast guard patrol";
	(void)state;

	features_tokenize(s, strlen(s), &t);
	features_extract(&t, 20, 1, &v);
	/* 4 distinct words + 4 distinct bigrams (coast guard twice) */
	assert_int_equal(v.n, 8);
	float total = 0;
	int seen_cg = 0;
	for (size_t j = 0; j < v.n; j++) {
		assert_true(v.idx[j] < (1u << 20));
		total += v.val[j];
		buf_reset(&name);
		features_name(&t, &v, j, &name);
		if (!strcmp(name.buf, "coast guard")) {
			seen_cg = 1;
			assert_true(v.val[j] == 2);
			assert_int_equal(v.pos[j], 1 | FEATURES_BIGRAM); /* first place */
		}
		for (size_t k = 0; k < j; k++)
			assert_true(v.idx[k] != v.idx[j]);
	}
	assert_true(seen_cg);
	assert_true(total == 6 + 5); /* words and bigrams */
	features_extract(&t, 20, 0, &v);
	assert_int_equal(v.n, 4);
	/* a second, shorter document reuses the scratch correctly */
	features_tokenize("guard", 5, &t);
	features_extract(&t, 16, 1, &v);
	assert_int_equal(v.n, 1);
	assert_true(v.val[0] == 1);
	buf_release(&name);
	fvec_release(&v);
	ftokens_release(&t);
}

/* ---- the linear model -------------------------------------------------- */

static const char *const vocab[3][6] = {
	{ "coast", "guard", "piracy", "patrol", "vessel", "strait" },
	{ "malware", "hackers", "network", "phishing", "breach", "ransomware" },
	{ "hospital", "medics", "surgery", "vaccine", "nurses", "casualty" },
};
static const char *const names[3] = { "maritime", "cyber", "medicine" };

static uint64_t rnd(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

/* A document of topic k: topic words mixed with shared filler. */
static void make_doc(uint64_t *seed, int k, struct buf *out)
{
	static const char *const filler[] = { "the", "minister", "said", "talks", "week" };

	buf_reset(out);
	for (int i = 0; i < 12; i++) {
		if (i)
			buf_addc(out, ' ');
		if (rnd(seed) % 2)
			buf_adds(out, vocab[k][rnd(seed) % 6]);
		else
			buf_adds(out, filler[rnd(seed) % 5]);
	}
}

static struct linear_model *train(int multi, uint64_t seed, struct buf *bytes)
{
	struct linear_opts o;
	linear_opts_default(&o);
	o.bits = 16;
	o.seed = seed;
	struct linear_data *d = linear_data_new(o.bits, o.bigrams);
	struct ftokens t = FTOKENS_INIT;
	struct buf doc = BUF_INIT;
	uint64_t s = 12345;

	for (int i = 0; i < 90; i++) {
		int k = i % 3;
		make_doc(&s, k, &doc);
		features_tokenize(doc.buf, doc.len, &t);
		const char *labels[2] = { names[k], "extra" };
		size_t lens[2] = { strlen(names[k]), 5 };
		size_t nl = multi && k == 0 && i % 2 ? 2 : 1;
		linear_data_add(d, i < 75 ? LINEAR_TRAIN : LINEAR_DEV, &t, labels, lens, nl, multi);
	}
	assert_int_equal(linear_data_count(d, LINEAR_TRAIN), 75);
	assert_int_equal(linear_data_count(d, LINEAR_DEV), 15);
	struct linear_model *m = linear_train(d, &o, 0);
	buf_reset(bytes);
	linear_serialize(m, bytes);
	linear_data_free(d);
	ftokens_release(&t);
	buf_release(&doc);
	return m;
}

static void determinism(void **state)
{
	struct buf a = BUF_INIT, b = BUF_INIT, c = BUF_INIT;
	(void)state;

	struct linear_model *m1 = train(0, 1, &a);
	struct linear_model *m2 = train(0, 1, &b);
	struct linear_model *m3 = train(0, 2, &c);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.buf, b.buf, a.len);
	assert_true(a.len != c.len || memcmp(a.buf, c.buf, a.len));
	linear_free(m1);
	linear_free(m2);
	linear_free(m3);
	buf_release(&a);
	buf_release(&b);
	buf_release(&c);
}

static void round_trip_and_decide(void **state)
{
	struct buf bytes = BUF_INIT, again = BUF_INIT, err = BUF_INIT, ex = BUF_INIT;
	struct ftokens t = FTOKENS_INIT;
	struct fvec v1 = FVEC_INIT, v2 = FVEC_INIT;
	(void)state;

	struct linear_model *m = train(0, 1, &bytes);
	struct linear_model *p = linear_parse(bytes.buf, bytes.len, &err);
	assert_non_null(p);
	assert_int_equal(err.len, 0);
	linear_serialize(p, &again);
	assert_int_equal(again.len, bytes.len);
	assert_memory_equal(again.buf, bytes.buf, bytes.len);
	assert_int_equal(linear_nlabels(p), 3);
	assert_false(linear_multilabel(p));
	assert_true(linear_bigrams(p));
	assert_int_equal(linear_bits(p), 16);

	const char *text = "Hackers spread ransomware through the network";
	features_tokenize(text, strlen(text), &t);
	float s1[3], s2[3];
	size_t out[3];
	linear_scores(m, &t, &v1, s1);
	linear_scores(p, &t, &v2, s2);
	float sum = 0;
	for (int l = 0; l < 3; l++) {
		assert_true(s1[l] == s2[l]);
		sum += s1[l];
	}
	assert_true(sum > 0.999f && sum < 1.001f); /* a softmax */
	assert_int_equal(linear_decide(p, s2, 0.5f, out), 1);
	assert_string_equal(linear_label(p, out[0]), "cyber");
	linear_explain(p, &t, &v2, out[0], 3, &ex);
	assert_true(strstr(ex.buf, "ransomware") || strstr(ex.buf, "hackers") ||
		    strstr(ex.buf, "network"));
	assert_true(ex.buf[0] == '[' && ex.buf[ex.len - 1] == ']');

	/* a text with no known word: still one label (single-label model) */
	features_tokenize("zzz qqq", 7, &t);
	linear_scores(p, &t, &v2, s2);
	assert_int_equal(linear_decide(p, s2, 0.5f, out), 1);

	linear_free(m);
	linear_free(p);
	fvec_release(&v1);
	fvec_release(&v2);
	ftokens_release(&t);
	buf_release(&bytes);
	buf_release(&again);
	buf_release(&err);
	buf_release(&ex);
}

static void multi_label(void **state)
{
	struct buf bytes = BUF_INIT, err = BUF_INIT;
	struct ftokens t = FTOKENS_INIT;
	struct fvec v = FVEC_INIT;
	(void)state;

	struct linear_model *m = train(1, 1, &bytes);
	assert_true(linear_multilabel(m));
	assert_int_equal(linear_nlabels(m), 4);
	const char *text = "field hospital medics and nurses treat a casualty";
	features_tokenize(text, strlen(text), &t);
	float s[4];
	size_t out[4];
	linear_scores(m, &t, &v, s);
	size_t n = linear_decide(m, s, 0.5f, out);
	assert_true(n >= 1);
	assert_string_equal(linear_label(m, out[0]), "medicine");
	for (size_t i = 1; i < n; i++)
		assert_true(s[out[i - 1]] >= s[out[i]]);
	/* threshold 1.01: none passes, yet every training document had a
	 * label, so the best one is given */
	assert_int_equal(linear_decide(m, s, 1.01f, out), 1);
	assert_string_equal(linear_label(m, out[0]), "medicine");
	linear_free(m);
	fvec_release(&v);
	ftokens_release(&t);
	buf_release(&bytes);
	buf_release(&err);
}

/* Recomputes the trailing CRC so that damage reaches the structural checks. */
static void fix_crc(unsigned char *p, size_t n)
{
	uint32_t c = (uint32_t)crc32(0L, p, (uInt)(n - 4));
	for (int i = 0; i < 4; i++)
		p[n - 4 + i] = (unsigned char)(c >> (8 * i));
}

static void corrupt_models(void **state)
{
	struct buf bytes = BUF_INIT, err = BUF_INIT;
	(void)state;

	struct linear_model *m = train(1, 1, &bytes);
	linear_free(m);
	size_t n = bytes.len;
	unsigned char *copy = malloc(n);

	/* every truncation: an error with a message */
	for (size_t k = 0; k < n; k++) {
		buf_reset(&err);
		assert_null(linear_parse(bytes.buf, k, &err));
		assert_true(err.len > 0);
	}
	/* every flipped byte, CRC intact: the checksum catches it */
	for (size_t k = 0; k < n; k += 3) {
		memcpy(copy, bytes.buf, n);
		copy[k] ^= 0x40;
		buf_reset(&err);
		assert_null(linear_parse(copy, n, &err));
		assert_true(err.len > 0);
	}
	/* damage past the header with a matching CRC: rejected or a model
	 * that works, never a crash (run under ASan: make SANITIZE=...) */
	uint64_t s = 99;
	struct ftokens t = FTOKENS_INIT;
	struct fvec v = FVEC_INIT;
	features_tokenize("coast guard hackers hospital", 28, &t);
	for (int round = 0; round < 3000; round++) {
		memcpy(copy, bytes.buf, n);
		int flips = 1 + (int)(rnd(&s) % 4);
		for (int f = 0; f < flips; f++)
			copy[20 + rnd(&s) % (n - 24)] = (unsigned char)rnd(&s);
		fix_crc(copy, n);
		buf_reset(&err);
		struct linear_model *p = linear_parse(copy, n, &err);
		if (!p) {
			assert_true(err.len > 0);
			continue;
		}
		float sc[64];
		size_t out[64];
		if (linear_nlabels(p) <= 64) {
			linear_scores(p, &t, &v, sc);
			linear_decide(p, sc, 0.5f, out);
		}
		linear_free(p);
	}
	/* foreign bytes */
	buf_reset(&err);
	assert_null(linear_parse("label,term\nx,y\n", 15, &err));
	assert_non_null(strstr(err.buf, "not a wire topic model"));
	buf_reset(&err);
	assert_null(linear_load("/nonexistent/model", &err));
	assert_non_null(strstr(err.buf, "cannot open"));
	free(copy);
	fvec_release(&v);
	ftokens_release(&t);
	buf_release(&bytes);
	buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tokenize),
		cmocka_unit_test(extract),
		cmocka_unit_test(determinism),
		cmocka_unit_test(round_trip_and_decide),
		cmocka_unit_test(multi_label),
		cmocka_unit_test(corrupt_models),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
