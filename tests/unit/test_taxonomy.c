/* Unit tests: the zero-shot taxonomy (CSV parsing and its error messages,
 * folded and stemmed matching, prefixes, phrases, negative cues, scores,
 * explanations) and the weights of the shipped defence taxonomy. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "wire/core/buf.h"
#include "wire/core/data.h"
#include "wire/topics/features.h"
#include "wire/topics/taxonomy.h"

/* ---- helpers ---------------------------------------------------------- */

static struct taxonomy *parse_ok(const char *csv)
{
	struct buf err = BUF_INIT;
	struct taxonomy *t = taxonomy_parse(csv, strlen(csv), "t.csv", &err);
	if (!t)
		print_error("unexpected error: %s\n", err.buf);
	assert_non_null(t);
	assert_int_equal(err.len, 0);
	buf_release(&err);
	return t;
}

/* Parses text that must fail and checks the message equals `want`. */
static void parse_fails(const char *csv, size_t n, const char *want)
{
	struct buf err = BUF_INIT;
	struct taxonomy *t = taxonomy_parse(csv, n, "t.csv", &err);
	assert_null(t);
	assert_string_equal(err.buf, want);
	buf_release(&err);
}

static size_t label_id(const struct taxonomy *t, const char *label)
{
	for (size_t i = 0; i < taxonomy_nlabels(t); i++)
		if (!strcmp(taxonomy_label(t, i), label))
			return i;
	fail_msg("no label '%s'", label);
	return SIZE_MAX;
}

/* Scores `text` into the static array and returns it. */
static float scores[64];
static struct ftokens tok = FTOKENS_INIT;
static struct taxonomy_match mt = TAXONOMY_MATCH_INIT;

static const float *score_text(const struct taxonomy *t, const char *text)
{
	assert_true(taxonomy_nlabels(t) <= 64);
	features_tokenize(text, strlen(text), &tok);
	taxonomy_scores(t, &tok, &mt, scores);
	return scores;
}

static float score_of(const struct taxonomy *t, const char *text, const char *label)
{
	return score_text(t, text)[label_id(t, label)];
}

/* The score of evidence e: 0 without positive evidence. */
static float squash(double e)
{
	return e > 0 ? (float)(1 / (1 + exp(-(e - 2)))) : 0;
}

#define assert_score(got, want) assert_true(fabsf((got) - (want)) < 1e-4f)

static const char *explain(const struct taxonomy *t, const char *label, size_t k)
{
	static struct buf out = BUF_INIT;
	buf_reset(&out);
	taxonomy_explain(t, &mt, label_id(t, label), k, &out);
	return out.buf;
}

static int teardown_all(void **state)
{
	(void)state;
	ftokens_release(&tok);
	taxonomy_match_release(&mt);
	return 0;
}

/* ---- parsing ---------------------------------------------------------- */

static void columns_in_any_order(void **state)
{
	(void)state;
	struct taxonomy *t = parse_ok("note,weight,term,label\n"
				      "a note,3,coast guard,maritime-security\n"
				      ",2,demin*,mine-action\n"
				      "x,,patrol,maritime-security\n");
	assert_int_equal(taxonomy_nlabels(t), 2);
	assert_int_equal(taxonomy_nterms(t), 3);
	assert_string_equal(taxonomy_label(t, 0), "maritime-security");
	assert_string_equal(taxonomy_label(t, 1), "mine-action");
	/* weight 3 from the weight column, not the first column */
	assert_score(score_of(t, "the coast guard", "maritime-security"), squash(3));
	/* empty weight: 1 */
	assert_score(score_of(t, "a patrol", "maritime-security"), squash(1));
	taxonomy_free(t);

	/* header names are trimmed and case-insensitive; no weight column */
	t = parse_ok(" Term , LABEL \nnavy,maritime\n");
	assert_score(score_of(t, "navy", "maritime"), squash(1));
	taxonomy_free(t);

	/* a UTF-8 byte order mark (spreadsheet export) before the header */
	t = parse_ok("\xEF\xBB\xBFlabel,term\nm,navy\n");
	assert_int_equal(taxonomy_nterms(t), 1);
	taxonomy_free(t);
}

static void missing_columns(void **state)
{
	(void)state;
	const char *s = "label,weight\na,1\n";
	parse_fails(s, strlen(s), "t.csv:1: header must name the columns 'label' and 'term'");
	s = "term\nnavy\n";
	parse_fails(s, strlen(s), "t.csv:1: header must name the columns 'label' and 'term'");
	s = "label,term,weight\na,navy,1\nb\n";
	parse_fails(s, strlen(s), "t.csv:3: expected 3 fields as in the header, found 1");
	s = "label,term\na,navy\n,patrol\n";
	parse_fails(s, strlen(s), "t.csv:3: empty label");
	s = "label,term\na,\"  \"\n";
	parse_fails(s, strlen(s), "t.csv:2: term '' has no words");
	s = "label,term\na,*\n";
	parse_fails(s, strlen(s), "t.csv:2: term '*' has no words");
	s = "label,term\na,de*\n";
	parse_fails(s, strlen(s), "t.csv:2: prefix 'de*' is shorter than 3 letters");
	s = "";
	parse_fails(s, 0, "t.csv: empty file, expected a header row");
	s = "label,term,weight\n\n# nothing yet\n";
	parse_fails(s, strlen(s), "t.csv: taxonomy has no terms");
}

static void bad_weight(void **state)
{
	(void)state;
	/* the line number counts blank lines, comments and the lines inside
	 * quoted fields */
	const char *s = "label,term,weight,note\n"
			"a,navy,1,\n"
			"\n"
			"# a comment, with a comma\n"
			"a,coast guard,2,\"a note\n"
			"on two lines\"\n"
			"\n"
			"a,patrol,x,\n";
	parse_fails(s, strlen(s), "t.csv:8: weight 'x' is not a number between -100 and 100");
	s = "label,term,weight\na,navy,2x\n";
	parse_fails(s, strlen(s), "t.csv:2: weight '2x' is not a number between -100 and 100");
	s = "label,term,weight\na,navy,nan\n";
	parse_fails(s, strlen(s), "t.csv:2: weight 'nan' is not a number between -100 and 100");
	s = "label,term,weight\na,navy,1e999\n";
	parse_fails(s, strlen(s), "t.csv:2: weight '1e999' is not a number between -100 and 100");
	s = "label,term,weight\r\na,navy,1\r\na,coast guard,-101\r\n";
	parse_fails(s, strlen(s), "t.csv:3: weight '-101' is not a number between -100 and 100");
	/* a row without a final newline is still read and numbered */
	s = "label,term,weight\na,navy,1\na,sea,?";
	parse_fails(s, strlen(s), "t.csv:3: weight '?' is not a number between -100 and 100");
	/* a long value is cut in the message */
	s = "label,term,weight\na,navy,1234567890123456789012345678901234567890123456789012345678901234567890\n";
	parse_fails(s, strlen(s), "t.csv:2: weight '123456789012345678901234567890123456789012345678901234567890..."
				  "' is not a number between -100 and 100");
	/* only the first error is reported */
	s = "label,term,weight\na,navy,y\na,sea,z\n";
	parse_fails(s, strlen(s), "t.csv:2: weight 'y' is not a number between -100 and 100");
}

/* Quotes are strict, as in every data file (csvfile.h): an unbalanced
 * quote swallowed the rows after it into one field, silently. */
static void strict_quotes(void **state)
{
	(void)state;
	const char *s = "label,term,weight\nnaval,navy,2\nnaval,\"warship,2\nnaval,coast guard,1\n";
	parse_fails(s, strlen(s), "t.csv:3: malformed CSV: quoted field not closed");
	s = "label,term,weight\nnaval,navy,2\nnaval,\"war\"ship,2\n";
	parse_fails(s, strlen(s), "t.csv:3: malformed CSV: misplaced quote");
	s = "label,term,weight\nnaval,navy,2\nnaval,warship,2,extra\n";
	parse_fails(s, strlen(s), "t.csv:3: expected 3 fields as in the header, found 4");
	s = "label,term\nn\xe9,navy\n";
	parse_fails(s, strlen(s), "t.csv:2: invalid UTF-8 at byte 2");
}

static void blank_rows_and_comments(void **state)
{
	(void)state;
	struct taxonomy *t = parse_ok("# defence taxonomy, comments may come first\n"
				      "\n"
				      "label,term,weight,note\n"
				      "\n"
				      "#maritime,navy,5,commented out\n"
				      "  # indented comment,x,1,\n"
				      ",,,\n"
				      "   \n"
				      "a,patrol,1,\n"
				      "\n");
	assert_int_equal(taxonomy_nterms(t), 1);
	assert_int_equal(taxonomy_nlabels(t), 1);
	assert_string_equal(taxonomy_label(t, 0), "a");
	taxonomy_free(t);
}

static void quoted_fields(void **state)
{
	(void)state;
	struct taxonomy *t = parse_ok("label,term,weight,note\n"
				      "\"sar\",\"search and rescue\",\"2.5\",\"a note, with commas, and \"\"quotes\"\"\"\n"
				      "sar,\"rescue, at sea\",1,\"\"\n");
	assert_int_equal(taxonomy_nterms(t), 2);
	/* the comma inside a quoted term separates words like a space */
	assert_score(score_of(t, "Search and rescue teams", "sar"), squash(2.5));
	assert_score(score_of(t, "rescue at sea", "sar"), squash(1));
	taxonomy_free(t);
}

static void not_text(void **state)
{
	(void)state;
	const char s[] = "label,term\na,na\0vy\n";
	parse_fails(s, sizeof(s) - 1, "t.csv:2: NUL byte at byte 5 (not a text file)");

	/* random bytes and truncated files never crash: either an error or
	 * a taxonomy */
	unsigned x = 12345;
	char junk[512];
	for (int round = 0; round < 200; round++) {
		size_t n = 1 + (size_t)(round * 7 % 500);
		for (size_t i = 0; i < n; i++) {
			x = x * 1103515245u + 12345u;
			junk[i] = (char)(x >> 16);
		}
		if (round % 2)
			memcpy(junk, "label,term\n", 11 < n ? 11 : n);
		struct buf err = BUF_INIT;
		struct taxonomy *t = taxonomy_parse(junk, n, "j.csv", &err);
		if (t) {
			assert_int_equal(err.len, 0);
			score_text(t, "maritime security");
		} else {
			assert_true(err.len > 0);
			assert_memory_equal(err.buf, "j.csv", 5);
		}
		taxonomy_free(t);
		buf_release(&err);
	}
	const char *good = "label,term,weight,note\na,coast guard,2,\"x, y\"\nb,mine clear*,3,z\n";
	for (size_t n = 0; n < strlen(good); n++) {
		struct buf err = BUF_INIT;
		struct taxonomy *t = taxonomy_parse(good, n, "cut.csv", &err);
		assert_true((t != NULL) == (err.len == 0));
		taxonomy_free(t);
		buf_release(&err);
	}
}

static void load_file(void **state)
{
	(void)state;
	struct buf err = BUF_INIT;
	assert_null(taxonomy_load("/nonexistent/defence.csv", &err));
	assert_string_equal(err.buf, "cannot open '/nonexistent/defence.csv': No such file or directory");
	buf_reset(&err);
	assert_null(taxonomy_load("/", &err));
	assert_memory_equal(err.buf, "cannot read '/'", 15);
	buf_release(&err);
}

/* ---- matching --------------------------------------------------------- */

static void folded_matching(void **state)
{
	(void)state;
	struct taxonomy *t = parse_ok("label,term,weight\n"
				      "m,coast guard,2\n"
				      "p,Đà Nẵng,2\n"
				      "q,da nang port,2\n"
				      "e,exercise,2\n");
	assert_score(score_of(t, "The Coast Guards met.", "m"), squash(2));
	assert_score(score_of(t, "COAST GUARD's vessel", "m"), squash(2));
	assert_score(score_of(t, "the coast  \n guard", "m"), squash(2));
	assert_score(score_of(t, "the coastguard", "m"), squash(0));
	assert_score(score_of(t, "coast and guard", "m"), squash(0));
	assert_score(score_of(t, "in Da Nang", "p"), squash(2));
	assert_score(score_of(t, "in ĐÀ NẴNG city", "p"), squash(2));
	/* decomposed (NFD) diacritics */
	assert_score(score_of(t, "in \xC4\x90" "a\xCC\x80 Na\xCC\x86\xCC\x83ng", "p"), squash(2));
	assert_score(score_of(t, "the Đà Nẵng port", "q"), squash(2));
	/* light stemming on both sides */
	assert_score(score_of(t, "they exercised", "e"), squash(2));
	assert_score(score_of(t, "Exercises", "e"), squash(2));
	assert_score(score_of(t, "exercising", "e"), squash(2));
	/* the plural of an -ing noun meets its singular */
	assert_score(score_of(t, "joint exercisings", "e"), squash(2));
	taxonomy_free(t);
	t = parse_ok("label,term,weight\nct,bombing,2\nb,border crossing,2\n");
	assert_score(score_of(t, "two bombings", "ct"), squash(2));
	assert_score(score_of(t, "the bombed bridge", "ct"), squash(2));
	assert_score(score_of(t, "Border Crossings", "b"), squash(2));
	assert_score(score_of(t, "things", "b"), squash(0));
	taxonomy_free(t);
	/* a final y becomes i: plurals and past tenses meet, but 'treaty'
	 * does not meet 'treated', nor 'army' 'arms' */
	t = parse_ok("label,term,weight\ntr,treaty,2\nar,army,2\npo,policy,2\nap,supply,2\n");
	assert_score(score_of(t, "two treaties", "tr"), squash(2));
	assert_score(score_of(t, "they treated the wounded", "tr"), squash(0));
	assert_score(score_of(t, "the armies", "ar"), squash(2));
	assert_score(score_of(t, "arms and the armed forces", "ar"), squash(0));
	assert_score(score_of(t, "Policies", "po"), squash(2));
	assert_score(score_of(t, "they supplied fuel", "ap"), squash(2));
	taxonomy_free(t);
}

static void prefix_terms(void **state)
{
	(void)state;
	struct taxonomy *t = parse_ok("label,term,weight\n"
				      "mine,demin*,2\n"
				      "mine,mine clear*,3\n"
				      "x,déminage*,2\n");
	size_t l = label_id(t, "mine");
	assert_score(score_text(t, "demining teams")[l], squash(2));
	assert_score(score_text(t, "Deminers")[l], squash(2));
	assert_score(score_text(t, "DEMIN")[l], squash(2));
	assert_score(score_text(t, "dem")[l], squash(0));
	assert_score(score_text(t, "undemining")[l], squash(0));
	assert_score(score_text(t, "demo")[l], squash(0));
	/* the last word of a phrase is the prefix; the first is stemmed */
	assert_score(score_text(t, "mines clearance")[l], squash(3));
	assert_score(score_text(t, "mine cleared")[l], squash(3));
	assert_score(score_text(t, "mine clean")[l], squash(0));
	/* the prefix is folded like the text */
	assert_score(score_of(t, "DÉMINAGES", "x"), squash(2));
	assert_score(score_of(t, "deminage", "x"), squash(2));
	/* a prefix term at the very end of the text and alone */
	assert_score(score_text(t, "and mine clear")[l], squash(3));
	assert_score(score_text(t, "mine")[l], squash(0));
	taxonomy_free(t);
}

static void phrases(void **state)
{
	(void)state;
	struct taxonomy *t = parse_ok("label,term,weight\n"
				      "sar,search and rescue,2\n"
				      "sar,rescue,0.5\n"
				      "sar,search,0.25\n");
	size_t l = label_id(t, "sar");
	/* nested terms add up */
	assert_score(score_text(t, "Search-and-Rescue drill")[l], squash(2.75));
	assert_score(score_text(t, "search for rescue")[l], squash(0.75));
	assert_score(score_text(t, "rescue and search")[l], squash(0.75));
	assert_score(score_text(t, "search and")[l], squash(0.25));
	/* repeated: weight * (1 + ln count) */
	assert_score(score_text(t, "search and rescue, search and rescue")[l],
		     squash(2 * (1 + log(2)) + 0.5 * (1 + log(2)) + 0.25 * (1 + log(2))));
	/* overlapping occurrences all count */
	assert_score(score_text(t, "search search and rescue")[l],
		     squash(2 + 0.5 + 0.25 * (1 + log(2))));
	taxonomy_free(t);
}

static void negative_cues(void **state)
{
	(void)state;
	struct taxonomy *t = parse_ok("label,term,weight,note\n"
				      "cyber,cyber*,2.5,\n"
				      "cyber,cyber monday,-3,shopping\n"
				      "cyber,cyberpunk,-2.5,fiction\n");
	size_t l = label_id(t, "cyber");
	assert_score(score_text(t, "cyber attacks")[l], squash(2.5));
	assert_score(score_text(t, "Cyber Monday sales")[l], squash(-0.5));
	/* a cue that outweighs the evidence leaves no more than no evidence */
	assert_true(score_text(t, "Cyber Monday sales")[l] == 0);
	assert_true(score_text(t, "nothing")[l] == 0);
	/* and it still pulls down a label with evidence elsewhere */
	assert_true(score_text(t, "cyber attacks before Cyber Monday")[l] <
		    score_text(t, "cyber attacks before Monday")[l]);
	assert_score(score_text(t, "a cyberpunk novel")[l], squash(0));
	/* negative cues are not explanations */
	score_text(t, "Cyber Monday");
	assert_string_equal(explain(t, "cyber", 5), "[\"cyber*\"]");
	taxonomy_free(t);
}

static void comparable_scores(void **state)
{
	(void)state;
	struct taxonomy *t = parse_ok("label,term,weight\n"
				      "a,navy,2\n"
				      "b,army,2\n"
				      "c,air force,3\n"
				      "d,marine,5\n");
	const float *s = score_text(t, "The navy and the army, with the air force and marines.");
	/* the same evidence gives the same score whatever the label */
	assert_score(s[0], 0.5f);
	assert_score(s[1], 0.5f);
	assert_score(s[2], squash(3));
	assert_score(s[3], squash(5));
	assert_true(s[3] > 0.95f);
	/* a long text needs more evidence: 200 words, norm sqrt(200/50) = 2 */
	struct buf b = BUF_INIT;
	buf_adds(&b, "marine");
	for (int i = 1; i < 200; i++)
		buf_adds(&b, " word");
	s = score_text(t, b.buf);
	assert_score(s[3], squash(2.5));
	/* up to 50 words there is no normalisation */
	buf_reset(&b);
	buf_adds(&b, "marine");
	for (int i = 1; i < 50; i++)
		buf_adds(&b, " word");
	assert_score(score_text(t, b.buf)[3], squash(5));
	buf_release(&b);
	taxonomy_free(t);
}

static void explanations(void **state)
{
	(void)state;
	struct taxonomy *t = parse_ok("label,term,weight\n"
				      "m,patrol,1\n"
				      "m,coast guard,2\n"
				      "m,\"\"\"Sea\"\" Dragon\",0.5\n"
				      "m,maritime security,3\n"
				      "m,navy,1\n"
				      "o,army,1\n");
	score_text(t, "Navy patrols, a \"sea dragon\", the Coast Guard and more patrols; "
		      "maritime security");
	/* strongest first: 3, 2, patrol 1 * (1 + ln 2), navy 1, "sea" dragon 0.5 */
	assert_string_equal(explain(t, "m", 10),
			    "[\"maritime security\",\"coast guard\",\"patrol\",\"navy\",\"\\\"Sea\\\" Dragon\"]");
	assert_string_equal(explain(t, "m", 2), "[\"maritime security\",\"coast guard\"]");
	assert_string_equal(explain(t, "m", 0), "[]");
	assert_string_equal(explain(t, "o", 3), "[]");
	/* the next document replaces the matches */
	score_text(t, "an army patrol");
	assert_string_equal(explain(t, "m", 10), "[\"patrol\"]");
	assert_string_equal(explain(t, "o", 10), "[\"army\"]");
	/* prefix terms show as written, with their star */
	taxonomy_free(t);
	t = parse_ok("label,term\nmine,demin*\n");
	score_text(t, "deminers");
	assert_string_equal(explain(t, "mine", 3), "[\"demin*\"]");
	taxonomy_free(t);
}

/* Matching is one pass over the words with an index lookup per word: a
 * long text with many occurrences is counted exactly (a quadratic matcher
 * would not finish this in reasonable time; nothing asserts on time). */
static void long_text(void **state)
{
	(void)state;
	struct taxonomy *t = parse_ok("label,term,weight\n"
				      "m,maritime security,2\n"
				      "m,maritime,0.5\n"
				      "m,mari*,0.25\n"
				      "x,security council,1\n");
	struct buf b = BUF_INIT;
	size_t reps = 100000;
	for (size_t i = 0; i < reps; i++)
		buf_adds(&b, "maritime security, security of the seas. ");
	const float *s = score_text(t, b.buf);
	double words = 6.0 * (double)reps;
	double e = (2 + 0.5 + 0.25) * (1 + log((double)reps)) / sqrt(words / 50);
	assert_true(fabsf(s[0] - squash(e)) < 1e-3f);
	assert_score(s[1], squash(0));
	assert_string_equal(explain(t, "m", 3), "[\"maritime security\",\"maritime\",\"mari*\"]");
	buf_release(&b);
	taxonomy_free(t);
}

static void empty_text(void **state)
{
	(void)state;
	struct taxonomy *t = parse_ok("label,term,weight\na,navy,2\nb,army,-1\n");
	const float *s = score_text(t, "");
	assert_score(s[0], squash(0));
	assert_score(s[1], squash(0));
	assert_true(s[0] < 0.5f);
	assert_string_equal(explain(t, "a", 3), "[]");
	s = score_text(t, " ... — !? ");
	assert_score(s[0], squash(0));
	/* after a text with hits, an empty text leaves no stale matches */
	score_text(t, "navy");
	score_text(t, "");
	assert_string_equal(explain(t, "a", 3), "[]");
	taxonomy_free(t);
}

/* One match state serves taxonomies of different sizes in turn. */
static void reuse_state(void **state)
{
	(void)state;
	struct taxonomy *small = parse_ok("label,term,weight\na,navy,2\n");
	struct taxonomy *big = parse_ok("label,term,weight\na,army,1\nb,navy,3\nc,sea,1\nd,air,1\n");
	assert_score(score_of(small, "navy", "a"), squash(2));
	assert_score(score_of(big, "navy sea", "b"), squash(3));
	assert_score(score_of(big, "navy sea", "c"), squash(1));
	assert_score(score_of(small, "navy sea", "a"), squash(2));
	assert_string_equal(explain(small, "a", 5), "[\"navy\"]");
	taxonomy_free(small);
	taxonomy_free(big);
}

/* Many labels, each named again far from its first row (labels keep the
 * order of their first row; a repeated name is the same label): ids from
 * the label index, not a scan. Labels that differ only in length or in
 * their last byte stay apart. */
static void many_labels(void **state)
{
	(void)state;
	enum { N = 30000 };
	struct buf csv = BUF_INIT, err = BUF_INIT;
	buf_adds(&csv, "label,term,weight\n");
	for (int i = 0; i < N; i++)
		buf_addf(&csv, "l%d,word%d,1\n", i, i);
	for (int i = N; i-- > 0;)
		buf_addf(&csv, "l%d,other%d,2\n", i, i);
	buf_adds(&csv, "l1,x,1\nl10,y,1\nl,z,1\n");
	struct taxonomy *t = taxonomy_parse(csv.buf, csv.len, "many.csv", &err);
	assert_non_null(t);
	assert_int_equal(taxonomy_nlabels(t), N + 1);
	assert_int_equal(taxonomy_nterms(t), 2 * N + 3);
	char want[32];
	for (int i = 0; i < N; i += 997) {
		snprintf(want, sizeof(want), "l%d", i);
		assert_string_equal(taxonomy_label(t, (size_t)i), want);
	}
	assert_string_equal(taxonomy_label(t, N), "l");
	/* the second row of l12345 counts for the same label */
	struct ftokens w = FTOKENS_INIT;
	struct taxonomy_match m = TAXONOMY_MATCH_INIT;
	float *sc = calloc(N + 1, sizeof(*sc));
	assert_non_null(sc);
	const char *text = "word12345 other12345";
	features_tokenize(text, strlen(text), &w);
	taxonomy_scores(t, &w, &m, sc);
	assert_score(sc[12345], squash(3));
	assert_score(sc[12344], 0);
	text = "y z";
	features_tokenize(text, strlen(text), &w);
	taxonomy_scores(t, &w, &m, sc);
	assert_score(sc[10], squash(1));
	assert_score(sc[N], squash(1));
	assert_score(sc[1], 0);
	free(sc);
	ftokens_release(&w);
	taxonomy_match_release(&m);
	taxonomy_free(t);
	buf_release(&csv);
	buf_release(&err);
}

/* ---- the shipped defence taxonomy -------------------------------------- */

static struct taxonomy *defence(void)
{
	char *path = data_path("taxonomy/defence.csv");
	assert_non_null(path);
	struct buf err = BUF_INIT;
	struct taxonomy *t = taxonomy_load(path, &err);
	if (!t)
		print_error("%s\n", err.buf);
	assert_non_null(t);
	buf_release(&err);
	free(path);
	return t;
}

static void defence_labels(void **state)
{
	(void)state;
	static const char *const want[] = {
		"maritime-security", "counter-terrorism", "hadr", "peacekeeping",
		"military-medicine", "mine-action", "cyber-security", "defence-industry",
		"war-legacies", "border-management", "transnational-crime",
		"training-education", "exercises", "multilateral-diplomacy",
	};
	struct taxonomy *t = defence();
	for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++)
		label_id(t, want[i]);
	assert_true(taxonomy_nterms(t) >= 25 * taxonomy_nlabels(t));
	taxonomy_free(t);
}

/* One strong specific phrase alone carries a sentence (strong 1: >= 0.5);
 * a generic word does not (0: < 0.3); negative cues keep other trades'
 * uses of the same words down (-1: < 0.5). */
static void defence_weights(void **state)
{
	(void)state;
	static const struct {
		const char *text, *label;
		int strong;
	} cases[] = {
		{ "They discussed maritime security.", "maritime-security", 1 },
		{ "Teams cleared unexploded ordnance near the village.", "war-legacies", 1 },
		{ "The deminers began work.", "mine-action", 1 },
		{ "The two sides agreed to cooperate on counter-terrorism.", "counter-terrorism", 1 },
		{ "It covers humanitarian assistance and disaster relief.", "hadr", 1 },
		{ "Officers left for UN peacekeeping missions.", "peacekeeping", 1 },
		{ "Its field hospital treated patients.", "military-medicine", 1 },
		{ "A workshop on cybersecurity opened.", "cyber-security", 1 },
		{ "The Coast Guards met.", "maritime-security", 1 },
		{ "They agreed on the clean-up of dioxin.", "war-legacies", 1 },
		{ "The security situation was discussed.", "maritime-security", 0 },
		{ "The security situation was discussed.", "cyber-security", 0 },
		{ "The security situation was discussed.", "counter-terrorism", 0 },
		{ "They will continue training.", "training-education", 0 },
		{ "The ministry issued a statement.", "multilateral-diplomacy", 0 },
		{ "The company reported higher sales.", "defence-industry", 0 },
		{ "Gold mining output rose.", "mine-action", 0 },
		{ "Cyber Monday sales broke records.", "cyber-security", 0 },
		{ "The talks were held in Hanoi.", "exercises", 0 },
		/* words of other trades: below 0.5 */
		{ "The Clippers exercised their option on Wilcox.", "exercises", -1 },
		{ "Studios sue over online piracy of music and movies.", "maritime-security", -1 },
		{ "Doctors warned patients about the risks of surgery.", "military-medicine", -1 },
		{ "He set a course record at the golf course.", "training-education", -1 },
		{ "European shares rose on cross-border merger talk.", "border-management", -1 },
		{ "Doctors Without Borders treated the wounded.", "border-management", -1 },
		{ "Shares in Hong Kong SAR rose.", "search-and-rescue", -1 },
	};
	struct taxonomy *t = defence();
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		float s = score_of(t, cases[i].text, cases[i].label);
		if (cases[i].strong > 0 ? s < 0.5f : s >= (cases[i].strong < 0 ? 0.5f : 0.3f))
			fail_msg("'%s' → %s %.3f", cases[i].text, cases[i].label, (double)s);
	}
	taxonomy_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(columns_in_any_order),
		cmocka_unit_test(missing_columns),
		cmocka_unit_test(bad_weight),
		cmocka_unit_test(blank_rows_and_comments),
		cmocka_unit_test(quoted_fields),
		cmocka_unit_test(not_text),
		cmocka_unit_test(load_file),
		cmocka_unit_test(folded_matching),
		cmocka_unit_test(prefix_terms),
		cmocka_unit_test(phrases),
		cmocka_unit_test(negative_cues),
		cmocka_unit_test(comparable_scores),
		cmocka_unit_test(explanations),
		cmocka_unit_test(long_text),
		cmocka_unit_test(empty_text),
		cmocka_unit_test(reuse_state),
		cmocka_unit_test(many_labels),
		cmocka_unit_test(strict_quotes),
		cmocka_unit_test(defence_labels),
		cmocka_unit_test(defence_weights),
	};
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
