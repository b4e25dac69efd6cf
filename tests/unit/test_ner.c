/* Unit tests of the NER tagger (lib/entities/ner.c, lib/entities/ner_train.c,
 * lib/entities/ner_cluster.c): features, BILOU decoding, training a tiny model on a
 * fixture written here, model round trip, and corrupt or truncated model
 * files. No test reads /work/shared or the shipped model. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "wire/core/buf.h"
#include "wire/core/err.h"
#include "wire/entities/ner.h"
#include "wire/core/token.h"
#include "../../lib/entities/ner_impl.h"

static char dir[] = "/tmp/wire-test-ner-XXXXXX";
static char train_path[128], model_path[128], text_path[128], gaz_path[128];
static char brown_path[128];

/* ---- fixture: a small synthetic CoNLL corpus ---- */

static const char *const first[] = { "John", "Mary", "Peter", "Anna", "Paul", "Linda", "Karl", "Rosa" };
static const char *const last[] = { "Smith", "Jones", "Brown", "Meyer", "Novak", "Tanaka", "Okafor", "Silva" };
static const char *const city[] = { "Paris", "Hanoi", "Lagos", "Lima", "Oslo", "Quito", "Dakar", "Perth" };
static const char *const org[] = { "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Wonka", "Stark" };
static const char *const nat[] = { "German", "Thai", "French", "Kenyan", "Peruvian", "Polish", "Danish", "Malay" };

static void w(FILE *fp, const char *tok, const char *tag)
{
	fprintf(fp, "%s XX O %s\n", tok, tag);
}

/* Writes `ndoc` documents of sentences following four patterns. */
static void write_corpus(const char *path, int ndoc, int salt)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	for (int d = 0; d < ndoc; d++) {
		fprintf(fp, "-DOCSTART- -X- O O\n\n");
		for (int s = 0; s < 6; s++) {
			int a = (d * 7 + s * 3 + salt) % 8, b = (d * 5 + s + salt) % 8;
			switch (s % 4) {
			case 0: /* Mr First Last said on Monday . */
				w(fp, "Mr", "O");
				w(fp, first[a], "I-PER");
				w(fp, last[b], "I-PER");
				w(fp, "said", "O");
				w(fp, "on", "O");
				w(fp, "Monday", "O");
				w(fp, ".", "O");
				break;
			case 1: /* the talks in City were held by Org Corp . */
				w(fp, "the", "O");
				w(fp, "talks", "O");
				w(fp, "in", "O");
				w(fp, city[a], "I-LOC");
				w(fp, "were", "O");
				w(fp, "held", "O");
				w(fp, "by", "O");
				w(fp, org[b], "I-ORG");
				w(fp, "Corp", "I-ORG");
				w(fp, ".", "O");
				break;
			case 2: /* a Nat official visited City . */
				w(fp, "a", "O");
				w(fp, nat[a], "I-MISC");
				w(fp, "official", "O");
				w(fp, "visited", "O");
				w(fp, city[b], "I-LOC");
				w(fp, ".", "O");
				break;
			default: /* shares of Org Corp rose , First Last said . */
				w(fp, "shares", "O");
				w(fp, "of", "O");
				w(fp, org[a], "I-ORG");
				w(fp, "Corp", "I-ORG");
				w(fp, "rose", "O");
				w(fp, ",", "O");
				w(fp, first[b], "I-PER");
				w(fp, last[a], "I-PER");
				w(fp, "said", "O");
				w(fp, ".", "O");
				break;
			}
			fprintf(fp, "\n");
		}
	}
	assert_int_equal(fclose(fp), 0);
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	snprintf(train_path, sizeof(train_path), "%s/train.conll", dir);
	snprintf(model_path, sizeof(model_path), "%s/ner.model", dir);
	snprintf(text_path, sizeof(text_path), "%s/text.txt", dir);
	snprintf(gaz_path, sizeof(gaz_path), "%s/gaz.tsv", dir);
	snprintf(brown_path, sizeof(brown_path), "%s/brown.txt", dir);
	write_corpus(train_path, 24, 0);
	FILE *fp = fopen(text_path, "w");
	if (!fp)
		return -1;
	for (int i = 0; i < 400; i++)
		fprintf(fp, "the talks in %s were held by %s on Monday , %s %s said .\n",
			city[i % 8], org[(i / 8) % 8], first[(i / 3) % 8], last[(i / 5) % 8]);
	fclose(fp);
	write_file(gaz_path, "# test gazetteer\ncity\tParis\ncity\tNew York\ncountry\tViet Nam\n"
		   "firstname\tJohn\nevent\tSmith Prize\nwikiorg\tNew York Times\n");
	/* Brown clusters: "germany" is rare lower-case, "US" and "us" differ */
	write_file(brown_path, "0101\tGermany\t500\n0110\tgermany\t3\n01111\tGERMANY\t1\n"
		   "1100\tUS\t900\n1110\tus\t2000\n0011\tParis\t50\n"
		   "00100\tSmith\t70\n00101\tSMITH\t2\n");
	struct ner_train_opts o;
	memset(&o, 0, sizeof(o));
	o.train_path = train_path;
	o.out_path = model_path;
	o.epochs = 5;
	o.seed = 7;
	const char *texts[] = { text_path };
	o.text_paths = texts;
	o.ntext = 1;
	o.gazetteer_path = gaz_path;
	o.brown_paths[1] = brown_path;
	struct buf err = BUF_INIT;
	int rc = ner_train(&o, &err);
	if (rc)
		fprintf(stderr, "# train: %s\n", err.buf);
	buf_release(&err);
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	const char *names[] = { "train.conll", "ner.model", "text.txt", "gaz.tsv", "brown.txt",
				"dev.conll", "bad.model", "bad.conll", "m2.model" };
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		char p[160];
		snprintf(p, sizeof(p), "%s/%s", dir, names[i]);
		unlink(p);
	}
	rmdir(dir);
	return 0;
}

/* ---- helpers ---- */

struct doc {
	struct ner_sentence s[8];
	struct tokens tk[8];
	size_t n;
};

static void doc_add(struct doc *d, const char *text)
{
	struct ner_sentence *s = &d->s[d->n];
	struct tokens *t = &d->tk[d->n];
	memset(t, 0, sizeof(*t));
	token_split(text, strlen(text), t);
	s->text = text;
	s->len = strlen(text);
	s->tok = t->v;
	s->ntok = t->n;
	d->n++;
}

static void doc_release(struct doc *d)
{
	for (size_t i = 0; i < d->n; i++)
		tokens_release(&d->tk[i]);
}

/* The mentions of sentence s as "TYPE:text|..." */
static void mentions(const struct ner_sentence *s, struct buf *out)
{
	buf_reset(out);
	for (size_t k = 0; k < s->nm; k++) {
		const struct ner_mention *m = &s->m[k];
		if (k)
			buf_addc(out, '|');
		buf_adds(out, ner_type_name(m->type));
		buf_addc(out, ':');
		size_t b = s->tok[m->tb].b, e = s->tok[m->te - 1].e;
		buf_add(out, s->text + b, e - b);
		assert_true(m->score >= 0 && m->score <= 1);
	}
}

static struct ner_model *load_ok(const char *path)
{
	struct buf err = BUF_INIT;
	struct ner_model *m = ner_load(path, &err);
	if (!m)
		fail_msg("ner_load: %s", err.buf);
	buf_release(&err);
	return m;
}

/* ---- labels and decoding ---- */

static void labels(void **state)
{
	(void)state;
	assert_string_equal(ner_type_name(NER_PER), "PER");
	assert_string_equal(ner_type_name(NER_MISC), "MISC");
	assert_int_equal(ner_label(NER_ORG, NER_U), 8);
	assert_int_equal(ner_ltype(ner_label(NER_LOC, NER_L)), NER_LOC);
	assert_int_equal(ner_lpos(ner_label(NER_LOC, NER_L)), NER_L);
	/* start of sentence: O, B, U only */
	assert_true(ner_trans_ok(NER_NL, 0));
	assert_true(ner_trans_ok(NER_NL, ner_label(NER_PER, NER_B)));
	assert_false(ner_trans_ok(NER_NL, ner_label(NER_PER, NER_I)));
	/* inside an entity: only I or L of the same type */
	assert_true(ner_trans_ok(ner_label(NER_PER, NER_B), ner_label(NER_PER, NER_L)));
	assert_false(ner_trans_ok(ner_label(NER_PER, NER_B), ner_label(NER_ORG, NER_L)));
	assert_false(ner_trans_ok(ner_label(NER_PER, NER_I), 0));
	assert_true(ner_trans_ok(ner_label(NER_PER, NER_L), ner_label(NER_ORG, NER_U)));
	assert_true(ner_end_ok(ner_label(NER_PER, NER_U)));
	assert_false(ner_end_ok(ner_label(NER_PER, NER_B)));
}

/* Viterbi never returns an invalid BILOU sequence, even when every
 * emission asks for one. */
static void viterbi_constraints(void **state)
{
	(void)state;
	enum { N = 5 };
	int32_t e[N * NER_NL], t[(NER_NL + 1) * NER_NL], end[NER_NL];
	int32_t scratch[2 * NER_NL + N * NER_NL];
	uint8_t out[N];

	memset(t, 0, sizeof(t));
	memset(end, 0, sizeof(end));
	memset(e, 0, sizeof(e));
	/* every token strongly prefers I-PER, which cannot start */
	for (int i = 0; i < N; i++)
		e[i * NER_NL + ner_label(NER_PER, NER_I)] = 100;
	ner_viterbi(e, N, t, end, out, scratch);
	int prev = NER_NL;
	for (int i = 0; i < N; i++) {
		assert_true(ner_trans_ok(prev, out[i]));
		prev = out[i];
	}
	assert_true(ner_end_ok(prev));
	/* the best valid path: B I I I L of PER */
	assert_int_equal(out[0], ner_label(NER_PER, NER_B));
	assert_int_equal(out[2], ner_label(NER_PER, NER_I));
	assert_int_equal(out[4], ner_label(NER_PER, NER_L));
	/* a transition penalty changes the answer */
	e[0 * NER_NL + ner_label(NER_LOC, NER_U)] = 50;
	for (int c = 0; c < NER_NL; c++)
		t[NER_NL * NER_NL + c] = c == ner_label(NER_LOC, NER_U) ? 0 : -1000;
	ner_viterbi(e, N, t, end, out, scratch);
	assert_int_equal(out[0], ner_label(NER_LOC, NER_U));
	assert_int_equal(out[1], ner_label(NER_PER, NER_B));
	/* one token */
	ner_viterbi(e, 1, t, end, out, scratch);
	assert_int_equal(out[0], ner_label(NER_LOC, NER_U));
}

/* ---- features ---- */

static void features(void **state)
{
	(void)state;
	struct ner_model *m = load_ok(model_path);
	struct ner_work *wk = ner_work_new();
	struct doc d = { 0 };
	uint64_t f1[NER_MAXF], f2[NER_MAXF];

	doc_add(&d, "Mr John Smith visited Paris .");
	doc_add(&d, "JOHN SMITH IN PARIS");
	doc_add(&d, "the smith said");
	ner_doc_prepare(m, wk, d.s, d.n);
	assert_int_equal(wk->ntok, 6 + 4 + 3);
	const struct ner_tok *t = wk->tok;
	/* flags: sentence start, capitalisation, headline, document counts */
	assert_true(t[0].flags & NER_F_INIT);
	assert_false(t[1].flags & NER_F_INIT);
	assert_true(t[1].flags & NER_F_CAP);
	assert_true(t[6].flags & NER_F_HEADLINE);
	assert_false(t[1].flags & NER_F_HEADLINE);
	assert_true(t[2].flags & NER_F_LOWDOC);   /* "smith" occurs lower-case */
	assert_true(t[7].flags & NER_F_CAPDOC);   /* "SMITH": "Smith" elsewhere */
	assert_false(t[3].flags & NER_F_LOWDOC);
	/* case-folded hashes agree across case, exact ones do not */
	assert_true(t[2].l == t[7].l && t[2].l == t[11].l);
	assert_true(t[2].w != t[7].w);
	/* gazetteer: "Paris" is a one-token city, "John" a first name */
	assert_true(t[4].gaz & (1u << (4 * NER_G_CITY + NER_U)));
	assert_true(t[1].gaz & (1u << (4 * NER_G_FIRSTNAME + NER_U)));
	assert_int_equal(t[3].gaz, 0);
	/* clusters come from the unlabelled text */
	assert_true(t[4].clus != 0);
	/* Brown clusters (set 1 here; set 0 not given): the exact form, else
	 * the most frequent casing of its lower-case form */
	assert_int_equal(t[4].xclus[1], 0x13);       /* "Paris": 1 0011 */
	assert_int_equal(t[4].xclus[0], 0);
	assert_int_equal(t[2].xclus[1], 0x24);       /* "Smith": 1 00100 */
	assert_int_equal(t[7].xclus[1], 0x25);       /* "SMITH": its own path */
	assert_int_equal(t[11].xclus[1], 0x24);      /* "smith": as "Smith" */
	assert_int_equal(t[1].xclus[1], 0);          /* "John": unknown */
	/* features are deterministic, bounded, and depend on the context */
	int n1 = ner_features(wk, 0, 6, 2, 0, f1);
	int n2 = ner_features(wk, 0, 6, 2, 0, f2);
	assert_int_equal(n1, n2);
	assert_true(n1 > 10 && n1 <= NER_MAXF);
	assert_memory_equal(f1, f2, (size_t)n1 * sizeof(*f1));
	n2 = ner_features(wk, 10, 13, 11, 0, f2); /* "smith" in another context */
	int same = 0;
	for (int i = 0; i < n1; i++)
		for (int j = 0; j < n2; j++)
			same += f1[i] == f2[j];
	assert_true(same > 0 && same < n1);
	/* the second pass has its own feature space */
	n2 = ner_features(wk, 0, 6, 2, 1, f2);
	for (int i = 0; i < n1; i++)
		for (int j = 0; j < n2; j++)
			assert_true(f1[i] != f2[j]);
	doc_release(&d);
	ner_work_free(wk);
	ner_free(m);
}

/* ---- a tiny trained model ---- */

/* The Brown cluster lookup (exact form first, then the most frequent
 * casing) and the gazetteer classes above bit 32. */
static void brown_and_gazetteer(void **state)
{
	(void)state;
	struct ner_model *m = load_ok(model_path);
	struct ner_work *wk = ner_work_new();
	struct doc d = { 0 };

	doc_add(&d, "Germany germany GERMANY Gérmany US us Us");
	doc_add(&d, "The New York Times and the Smith Prize");
	ner_doc_prepare(m, wk, d.s, d.n);
	const struct ner_tok *t = wk->tok;
	assert_int_equal(wk->ntok, 7 + 8);
	assert_int_equal(t[0].xclus[1], 0x15);   /* 1 0101: Germany */
	assert_int_equal(t[1].xclus[1], 0x16);   /* 1 0110: its own lower-case form */
	assert_int_equal(t[2].xclus[1], 0x2f);   /* 1 01111: its own caps form */
	assert_int_equal(t[3].xclus[1], 0);      /* not a casing of "germany" */
	assert_int_equal(t[4].xclus[1], 0x1c);   /* 1 1100: US */
	assert_int_equal(t[5].xclus[1], 0x1e);   /* 1 1110: us */
	assert_int_equal(t[6].xclus[1], 0x1e);   /* "Us": as "us", the more frequent */
	for (size_t i = 0; i < wk->ntok; i++)
		assert_int_equal(t[i].xclus[0], 0); /* set 0 not given */
	/* "New York Times" (wikiorg) over "New York" (city) */
	const uint64_t one = 1;
	assert_true(t[8].gaz & one << (4 * NER_G_WIKIORG + NER_B));
	assert_true(t[9].gaz & one << (4 * NER_G_WIKIORG + NER_I));
	assert_true(t[10].gaz & one << (4 * NER_G_WIKIORG + NER_L));
	assert_true(t[8].gaz & one << (4 * NER_G_CITY + NER_B));
	assert_true(t[9].gaz & one << (4 * NER_G_CITY + NER_L));
	assert_false(t[10].gaz & one << (4 * NER_G_CITY + NER_L));
	assert_true(t[13].gaz & one << (4 * NER_G_EVENT + NER_B));
	assert_true(t[14].gaz & one << (4 * NER_G_EVENT + NER_L));
	assert_int_equal(t[12].gaz, 0);
	/* the features of a Brown-clustered word name its path prefixes:
	 * "Germany" and "germany" differ in them, not only in the word */
	uint64_t f1[NER_MAXF], f2[NER_MAXF];
	int n1 = ner_features_word(wk, &t[0], 0, f1);
	int n2 = ner_features_word(wk, &t[3], 0, f2);
	assert_int_equal(n1, n2 + 4);   /* 4, 6, 10, 20 bits of one set */
	doc_release(&d);
	ner_work_free(wk);
	ner_free(m);
}

static void tag_new_names(void **state)
{
	(void)state;
	struct ner_model *m = load_ok(model_path);
	struct ner_work *wk = ner_work_new();
	struct doc d = { 0 };
	struct buf b = BUF_INIT;

	/* names that are in the fixture, in its patterns */
	doc_add(&d, "Mr Peter Novak said on Monday.");
	doc_add(&d, "the talks in Lima were held by Hooli Corp.");
	doc_add(&d, "a Danish official visited Oslo.");
	ner_tag_doc(m, wk, d.s, d.n);
	mentions(&d.s[0], &b);
	assert_string_equal(b.buf, "PER:Peter Novak");
	mentions(&d.s[1], &b);
	assert_string_equal(b.buf, "LOC:Lima|ORG:Hooli Corp");
	mentions(&d.s[2], &b);
	assert_string_equal(b.buf, "MISC:Danish|LOC:Oslo");
	/* the mentions are the work's: a new document replaces them */
	doc_release(&d);
	memset(&d, 0, sizeof(d));
	doc_add(&d, "");
	doc_add(&d, "said said said");
	ner_tag_doc(m, wk, d.s, d.n);
	assert_int_equal(d.s[0].nm, 0);
	assert_int_equal(d.s[1].nm, 0);
	ner_tag_doc(m, wk, d.s, 0);
	doc_release(&d);
	buf_release(&b);
	ner_work_free(wk);
	ner_free(m);
}

static void eval_scores(void **state)
{
	(void)state;
	char dev[160];
	struct ner_score sc;
	struct buf err = BUF_INIT;
	struct ner_model *m = load_ok(model_path);

	snprintf(dev, sizeof(dev), "%s/dev.conll", dir);
	write_corpus(dev, 6, 3);
	FILE *rep = tmpfile();
	assert_non_null(rep);
	assert_int_equal(ner_eval(m, dev, rep, &sc, &err), 0);
	unsigned long tp = 0, fp = 0, fn = 0;
	for (int t = 0; t < NER_NTYPES; t++) {
		tp += sc.tp[t];
		fp += sc.fp[t];
		fn += sc.fn[t];
	}
	/* 6 documents of 6 sentences: 1 + 2 + 2 + 2 + 1 + 2 mentions each */
	assert_int_equal(tp + fn, 6 * 10);
	assert_int_equal(sc.docs, 6);
	assert_int_equal(sc.sentences, 36);
	assert_true(tp >= 54);
	assert_true(fp <= 4);
	/* the report is conlleval's */
	char line[256];
	rewind(rep);
	assert_non_null(fgets(line, sizeof(line), rep));
	assert_non_null(strstr(line, "phrases; found:"));
	int per = 0;
	while (fgets(line, sizeof(line), rep))
		per += strstr(line, "PER: precision:") != NULL;
	assert_int_equal(per, 1);
	fclose(rep);
	/* a bad tag is reported with file and line */
	write_file(dev, "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nsaid VBD I-VP X-PER\n");
	buf_reset(&err);
	assert_int_equal(ner_eval(m, dev, NULL, NULL, &err), -1);
	assert_non_null(strstr(err.buf, "dev.conll:4: bad NER tag 'X-PER'"));
	buf_reset(&err);
	write_file(dev, "EU\n");
	assert_int_equal(ner_eval(m, dev, NULL, NULL, &err), -1);
	assert_non_null(strstr(err.buf, "dev.conll:1:"));
	buf_reset(&err);
	assert_int_equal(ner_eval(m, "/nonexistent/x.conll", NULL, NULL, &err), -1);
	assert_non_null(strstr(err.buf, "cannot open '/nonexistent/x.conll'"));
	buf_release(&err);
	ner_free(m);
}

/* ---- model files ---- */

static void *slurp(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	long sz = ftell(fp);
	rewind(fp);
	char *p = xmalloc((size_t)sz + 1);
	assert_int_equal(fread(p, 1, (size_t)sz, fp), (size_t)sz);
	fclose(fp);
	*n = (size_t)sz;
	return p;
}

static void spit(const char *path, const void *p, size_t n)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(p, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
}

static void expect_load_error(const char *path, const char *msg)
{
	struct buf err = BUF_INIT;
	struct ner_model *m = ner_load(path, &err);
	if (m)
		fail_msg("ner_load('%s') succeeded, want '%s'", path, msg);
	if (!strstr(err.buf, msg))
		fail_msg("ner_load error '%s', want '%s'", err.buf, msg);
	buf_release(&err);
}

static void model_round_trip(void **state)
{
	(void)state;
	char m2[160];
	size_t n;
	struct buf b1 = BUF_INIT, b2 = BUF_INIT;

	/* the same training twice gives the same bytes (seeded) */
	snprintf(m2, sizeof(m2), "%s/m2.model", dir);
	struct ner_train_opts o;
	memset(&o, 0, sizeof(o));
	o.train_path = train_path;
	o.out_path = m2;
	o.epochs = 5;
	o.seed = 7;
	const char *texts[] = { text_path };
	o.text_paths = texts;
	o.ntext = 1;
	o.gazetteer_path = gaz_path;
	o.brown_paths[1] = brown_path;
	struct buf err = BUF_INIT;
	assert_int_equal(ner_train(&o, &err), 0);
	size_t n2;
	char *a = slurp(model_path, &n);
	char *c = slurp(m2, &n2);
	assert_int_equal(n, n2);
	assert_memory_equal(a, c, n);
	free(c);
	/* the note says where the model comes from */
	struct ner_model *m = load_ok(model_path);
	assert_non_null(strstr(ner_model_note(m), "seed 7"));
	/* no word of the corpus is in the file */
	assert_null(memmem(a, n, "Novak", 5));
	assert_null(memmem(a, n, "Hooli", 5));
	assert_null(memmem(a, n, "Paris", 5));
	/* two loads tag alike */
	struct ner_model *mm = load_ok(m2);
	struct ner_work *wk = ner_work_new();
	struct doc d = { 0 };
	doc_add(&d, "shares of Wonka Corp rose, Rosa Okafor said.");
	ner_tag_doc(m, wk, d.s, d.n);
	mentions(&d.s[0], &b1);
	ner_tag_doc(mm, wk, d.s, d.n);
	mentions(&d.s[0], &b2);
	assert_string_equal(b1.buf, b2.buf);
	assert_string_equal(b1.buf, "ORG:Wonka Corp|PER:Rosa Okafor");
	doc_release(&d);
	ner_work_free(wk);
	ner_free(mm);
	ner_free(m);
	/* passes = 1: the first pass alone (no document-level second pass) */
	o.passes = 1;
	assert_int_equal(ner_train(&o, &err), 0);
	struct ner_model *m1 = load_ok(m2);
	assert_int_equal(m1->npasses, 1);
	ner_free(m1);
	free(a);
	buf_release(&b1);
	buf_release(&b2);
	buf_release(&err);
}

static void model_corrupt(void **state)
{
	(void)state;
	char bad[160];
	size_t n;
	char *a = slurp(model_path, &n);

	snprintf(bad, sizeof(bad), "%s/bad.model", dir);
	expect_load_error("/nonexistent/ner.model", "cannot open '/nonexistent/ner.model'");
	/* empty, short, foreign */
	spit(bad, a, 0);
	expect_load_error(bad, "not a wire NER model");
	spit(bad, a, 20);
	expect_load_error(bad, "not a wire NER model");
	spit(bad, "-DOCSTART- -X- O O\nEU NNP I-NP I-ORG\n"
		  "padding padding padding padding padding padding padding "
		  "padding padding padding padding padding padding padding\n", 150);
	expect_load_error(bad, "not a wire NER model");
	/* truncated anywhere */
	spit(bad, a, n / 2);
	expect_load_error(bad, "truncated");
	spit(bad, a, n - 1);
	expect_load_error(bad, "truncated");
	/* one flipped byte in the weights */
	a[n / 2] ^= 0x40;
	spit(bad, a, n);
	expect_load_error(bad, "checksum");
	a[n / 2] ^= 0x40;
	/* another version */
	struct ner_fhdr *h = (struct ner_fhdr *)a;
	h->version = 99;
	spit(bad, a, n);
	expect_load_error(bad, "version");
	h->version = NER_VERSION;
	/* sizes that do not add up */
	h->nslots += 1;
	spit(bad, a, n);
	expect_load_error(bad, "sections");
	h->nslots -= 1;
	/* trailing garbage */
	char *longer = xmalloc(n + 8);
	memcpy(longer, a, n);
	memset(longer + n, 'x', 8);
	spit(bad, longer, n + 8);
	expect_load_error(bad, "trailing");
	free(longer);
	/* a directory */
	expect_load_error(dir, "not a regular file");
	/* and the untouched bytes still load */
	spit(bad, a, n);
	ner_free(load_ok(bad));
	free(a);
}

/*
 * A model whose checksum is right but whose transition or end weights are
 * beyond any trained value (|w| > NER_MAX_TRANS) is refused: the Viterbi
 * sums of such weights overflowed int32 (found by tests/fuzz/ner_model.c
 * under UBSan: -1902252096 + -495517696 in ner_viterbi).
 */
static void model_weight_range(void **state)
{
	(void)state;
	char bad[160];
	size_t n;
	char *a = slurp(model_path, &n);
	struct ner_fhdr *h = (struct ner_fhdr *)a;
	int32_t *trans = (int32_t *)(a + sizeof(*h));
	const size_t ntrans = NER_PASSES * (NER_NL + 1) * NER_NL;

	snprintf(bad, sizeof(bad), "%s/range.model", dir);
	int32_t keep = trans[5];
	trans[5] = -1902252096;
	h->crc = ner_file_crc(a, n);
	spit(bad, a, n);
	expect_load_error(bad, "weight out of range");
	trans[5] = keep;
	keep = trans[ntrans + 3]; /* an end weight */
	trans[ntrans + 3] = 1 << 30;
	h->crc = ner_file_crc(a, n);
	spit(bad, a, n);
	expect_load_error(bad, "weight out of range");
	trans[ntrans + 3] = keep;
	h->crc = ner_file_crc(a, n);
	spit(bad, a, n);
	ner_free(load_ok(bad));
	free(a);
}

/*
 * Every byte of the file is covered: one flipped byte anywhere (header
 * included: the scale, the note, the reserved word) makes the load fail
 * with a message. Every byte of the header and of the first and last 4 KB,
 * and every 61st byte between, each flipped on its own (a load checks the
 * whole file, so every byte of a large model would be slow).
 */
static void model_every_byte(void **state)
{
	(void)state;
	size_t n, tried = 0;
	char *a = slurp(model_path, &n);

	for (size_t i = 0; i < n; i++) {
		if (i >= sizeof(struct ner_fhdr) + 4096 && i + 4096 < n && i % 61)
			continue;
		for (int bit = 0; bit < 8; bit += 7) {
			unsigned char *img = xmalloc(n);
			memcpy(img, a, n);
			img[i] ^= (unsigned char)(1u << bit);
			struct buf err = BUF_INIT;
			struct ner_model *m = ner_load_mem(img, n, "flip.model", &err);
			if (m)
				fail_msg("byte %zu (bit %d) flipped: model accepted (scale %g)", i, bit,
					 (double)m->h->scale);
			if (strncmp(err.buf, "'flip.model': ", 14))
				fail_msg("byte %zu flipped: message '%s'", i, err.buf);
			buf_release(&err);
			tried++;
		}
	}
	assert_true(tried > 2 * sizeof(struct ner_fhdr));
	/* the untouched image loads */
	unsigned char *img = xmalloc(n);
	memcpy(img, a, n);
	struct buf err = BUF_INIT;
	struct ner_model *m = ner_load_mem(img, n, "ok.model", &err);
	assert_non_null(m);
	ner_free(m);
	buf_release(&err);
	free(a);
}

static void train_errors(void **state)
{
	(void)state;
	char badc[160];
	struct ner_train_opts o;
	struct buf err = BUF_INIT;

	snprintf(badc, sizeof(badc), "%s/bad.conll", dir);
	memset(&o, 0, sizeof(o));
	o.train_path = badc;
	o.out_path = model_path;
	write_file(badc, "");
	assert_int_equal(ner_train(&o, &err), -1);
	assert_non_null(strstr(err.buf, "no tokens"));
	buf_reset(&err);
	write_file(badc, "x y z B-FOO\n");
	assert_int_equal(ner_train(&o, &err), -1);
	assert_non_null(strstr(err.buf, "bad.conll:1: bad NER tag 'B-FOO'"));
	buf_reset(&err);
	o.train_path = train_path;
	o.gazetteer_path = badc;
	write_file(badc, "planet\tMars\n");
	assert_int_equal(ner_train(&o, &err), -1);
	assert_non_null(strstr(err.buf, "bad.conll:1:"));
	buf_reset(&err);
	o.gazetteer_path = NULL;
	o.clusters_path = badc;
	write_file(badc, "01x\tword\n");
	assert_int_equal(ner_train(&o, &err), -1);
	assert_non_null(strstr(err.buf, "bad.conll:1: cluster is not a bit string"));
	buf_reset(&err);
	o.clusters_path = NULL;
	o.brown_paths[0] = badc;
	write_file(badc, "0101\tParis\t3\n01\n");
	assert_int_equal(ner_train(&o, &err), -1);
	assert_non_null(strstr(err.buf, "bad.conll:2: expected 'bits TAB word TAB count'"));
	buf_reset(&err);
	write_file(badc, "0101\tParis\t3\n0a\tRome\t1\n");
	assert_int_equal(ner_train(&o, &err), -1);
	assert_non_null(strstr(err.buf, "bad.conll:2: cluster is not a bit string"));
	o.brown_paths[0] = NULL;
	buf_release(&err);
	/* the model file was not touched by the failures */
	ner_free(load_ok(model_path));
}

/* Long sentences of capitalised words and long words run through. */
static void pathological(void **state)
{
	(void)state;
	struct ner_model *m = load_ok(model_path);
	struct ner_work *wk = ner_work_new();
	size_t n = 200000;
	char *s = xmalloc(n + 1);
	struct tokens tk = TOKENS_INIT;
	struct ner_sentence sn;

	for (size_t i = 0; i < n; i++)
		s[i] = i % 8 == 7 ? ' ' : i % 8 ? 'b' : 'A';
	s[n] = '\0';
	token_split(s, n, &tk);
	memset(&sn, 0, sizeof(sn));
	sn.text = s;
	sn.len = n;
	sn.tok = tk.v;
	sn.ntok = tk.n;
	ner_tag_doc(m, wk, &sn, 1);
	for (size_t k = 0; k < sn.nm; k++) {
		assert_true(sn.m[k].tb < sn.m[k].te);
		assert_true(sn.m[k].te <= sn.ntok);
		if (k)
			assert_true(sn.m[k - 1].te <= sn.m[k].tb);
	}
	memset(s, 'x', n);
	token_split(s, n, &tk);
	sn.tok = tk.v;
	sn.ntok = tk.n;
	ner_tag_doc(m, wk, &sn, 1);
	assert_int_equal(sn.ntok, 1);
	tokens_release(&tk);
	free(s);
	ner_work_free(wk);
	ner_free(m);
}

/*
 * A long sentence tagged in windows (`cont`) cut after every token c with
 * plain tokens c-2..c+3 (at least 20 windows) gets the mentions of the whole
 * sentence: same tokens, types and scores (the Viterbi paths meet at the
 * plain tokens, which are outside every mention either way).
 */
static void windows_meet(void **state)
{
	(void)state;
	struct ner_model *m = load_ok(model_path);
	struct ner_work *wk = ner_work_new();
	struct buf text = BUF_INIT, scratch = BUF_INIT;
	struct tokens tk = TOKENS_INIT;
	static const char *const part[] = {
		"Mr Paul Novak said on Monday that the talks in Lima were held by Hooli Corp ,",
		"and then the French delegation of Acme left for Oslo , as the talks went on and on .",
		"Rosa Meyer of Globex met the Thai minister in Perth , and so the meeting ended .",
	};

	for (int r = 0; r < 30; r++) {
		buf_adds(&text, part[r % 3]);
		buf_addc(&text, ' ');
	}
	token_split(text.buf, text.len, &tk);
	struct ner_sentence whole;
	memset(&whole, 0, sizeof(whole));
	whole.text = text.buf;
	whole.len = text.len;
	whole.tok = tk.v;
	whole.ntok = tk.n;
	ner_tag_doc(m, wk, &whole, 1);
	size_t nm = whole.nm;
	struct ner_mention *want = xmalloc((nm + 1) * sizeof(*want));
	memcpy(want, whole.m, nm * sizeof(*want));
	assert_true(nm >= 30);

	/* windows: cut at every place where six plain tokens meet */
	struct ner_sentence win[64];
	size_t nw = 0, a = 0;
	memset(win, 0, sizeof(win));
	for (size_t c = 2; c + 3 < tk.n && nw < 63; c++) {
		int ok = 1;
		for (size_t i = c - 2; ok && i <= c + 3; i++)
			ok = ner_plain_token(text.buf + tk.v[i].b, tk.v[i].e - tk.v[i].b, &scratch);
		if (!ok || c + 1 - a < 4)
			continue;
		win[nw].tok = tk.v + a;
		win[nw].ntok = c + 1 - a;
		a = c + 1;
		nw++;
	}
	win[nw].tok = tk.v + a;
	win[nw].ntok = tk.n - a;
	nw++;
	assert_true(nw >= 20);
	for (size_t i = 0; i < nw; i++) {
		win[i].text = text.buf;
		win[i].len = text.len;
		win[i].cont = i > 0;
	}
	ner_tag_doc(m, wk, win, nw);
	size_t k = 0;
	for (size_t i = 0; i < nw; i++) {
		size_t off = (size_t)(win[i].tok - tk.v);
		for (size_t j = 0; j < win[i].nm; j++, k++) {
			assert_true(k < nm);
			assert_int_equal(win[i].m[j].tb + off, want[k].tb);
			assert_int_equal(win[i].m[j].te + off, want[k].te);
			assert_int_equal(win[i].m[j].type, want[k].type);
			assert_true(win[i].m[j].score == want[k].score);
		}
	}
	assert_int_equal(k, nm);
	/* the plain test itself */
	assert_true(ner_plain_token("the", 3, &scratch));
	assert_true(ner_plain_token(",", 1, &scratch));
	assert_false(ner_plain_token("The", 3, &scratch));
	assert_false(ner_plain_token("iPod", 4, &scratch));
	assert_false(ner_plain_token("1996", 4, &scratch));
	free(want);
	tokens_release(&tk);
	buf_release(&text);
	buf_release(&scratch);
	ner_work_free(wk);
	ner_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(labels),
		cmocka_unit_test(viterbi_constraints),
		cmocka_unit_test(features),
		cmocka_unit_test(brown_and_gazetteer),
		cmocka_unit_test(tag_new_names),
		cmocka_unit_test(eval_scores),
		cmocka_unit_test(model_round_trip),
		cmocka_unit_test(model_corrupt),
		cmocka_unit_test(model_weight_range),
		cmocka_unit_test(model_every_byte),
		cmocka_unit_test(train_errors),
		cmocka_unit_test(pathological),
		cmocka_unit_test(windows_meet),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
