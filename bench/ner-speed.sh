#!/bin/sh
# Speed of the NER tagger on one core: tokens/s and MB/s of tokenising and
# tagging, and model load time, on a corpus built from the research data in
# ../shared/data (Reuters-21578 and AG News texts; never copied into the
# project). Baseline in the same run: the tokeniser alone.
#
#   sh bench/ner-speed.sh [DATA_DIR] [MODEL]
#
# Each line of text is a sentence and 30 lines a document (the tagger works
# document by document). Times are the thread's CPU time (one core; other
# load on the machine does not count), minima over NER_REPS runs (default 3).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
data=${1:-$top/../shared/data}
model=${2:-$top/share/wire/ner.model}
reps=${NER_REPS:-3}
reuters=$data/reuters21578/train.jsonl
ag=$data/ag_news/train_subset20k.csv
for f in "$reuters" "$ag"; do
	if [ ! -f "$f" ]; then
		echo "ner-speed: no '$f': the research data sets are outside the project (pass DATA_DIR); skipped" >&2
		exit 1
	fi
done
command -v jq >/dev/null || { echo "ner-speed: jq is needed" >&2; exit 1; }
[ -f "$top/build/libwire.a" ] || { echo "ner-speed: build first: make" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
jq -r '.text' "$reuters" > "$tmp/corpus.txt"
sed 's/^"[0-9]*","//; s/","/ /; s/"$//; s/""/"/g' "$ag" >> "$tmp/corpus.txt"

cat > "$tmp/speed.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "wire/core/buf.h"
#include "wire/entities/ner.h"
#include "wire/core/token.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	struct buf err = BUF_INIT, all = BUF_INIT;
	int reps = atoi(argv[3]);
	double load[21];
	struct ner_model *m = NULL;

	for (int i = 0; i < 21; i++) {
		double a = now();
		struct ner_model *x = ner_load(argv[1], &err);
		load[i] = now() - a;
		if (!x) {
			fprintf(stderr, "ner-speed: %s\n", err.buf);
			return 1;
		}
		if (m)
			ner_free(m);
		m = x;
	}
	qsort(load, 21, sizeof(double), cmpd);
	FILE *fp = fopen(argv[2], "r");
	char chunk[65536];
	size_t k;
	while ((k = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(&all, chunk, k);
	fclose(fp);
	size_t nl = 1;
	for (size_t i = 0; i < all.len; i++)
		nl += all.buf[i] == '\n';
	/* sentences: the lines, tokenised once for the tagging runs */
	struct ner_sentence *s = calloc(nl, sizeof(*s));
	struct tokens *tk = calloc(nl, sizeof(*tk));
	size_t ns = 0, b = 0, ntok = 0;
	for (size_t i = 0; i <= all.len; i++) {
		if (i < all.len && all.buf[i] != '\n')
			continue;
		s[ns].text = all.buf + b;
		s[ns].len = i - b;
		ns++;
		b = i + 1;
	}
	double tok_best = 1e9, tag_best = 1e9;
	size_t nm = 0;
	for (int r = 0; r < reps; r++) {
		double a = now();
		ntok = 0;
		for (size_t i = 0; i < ns; i++) {
			token_split(s[i].text, s[i].len, &tk[i]);
			s[i].tok = tk[i].v;
			s[i].ntok = tk[i].n;
			ntok += tk[i].n;
		}
		double t = now() - a;
		if (t < tok_best)
			tok_best = t;
		struct ner_work *w = ner_work_new();
		a = now();
		nm = 0;
		for (size_t i = 0; i < ns; i += 30) {
			size_t n = ns - i < 30 ? ns - i : 30;
			ner_tag_doc(m, w, s + i, n);
			for (size_t j = 0; j < n; j++)
				nm += s[i + j].nm;
		}
		t = now() - a;
		if (t < tag_best)
			tag_best = t;
		ner_work_free(w);
	}
	double mb = (double)all.len / 1e6;
	printf("corpus: %.1f MB, %zu sentences, %zu tokens, %zu mentions\n", mb, ns, ntok, nm);
	printf("model load: %.1f ms CPU (median of 21; min %.1f ms)\n", load[10] * 1e3, load[0] * 1e3);
	printf("baseline, tokeniser alone: %.0f tokens/s, %.1f MB/s\n", ntok / tok_best, mb / tok_best);
	printf("tagger (tagging only): %.0f tokens/s, %.1f MB/s\n", ntok / tag_best, mb / tag_best);
	printf("tokeniser + tagger: %.0f tokens/s, %.1f MB/s (%.1fx the tokeniser's time)\n",
	       ntok / (tok_best + tag_best), mb / (tok_best + tag_best), (tok_best + tag_best) / tok_best);
	ner_free(m);
	return 0;
}
EOF
isal=
printf '#include <isa-l/igzip_lib.h>\n' | ${CC:-cc} -E - >/dev/null 2>&1 && isal=-lisal
${CC:-cc} -O2 -I"$top/include" -o "$tmp/speed" "$tmp/speed.c" "$top/build/libwire.a" \
	-ljq -lcsv -lutf8proc -lz -lpthread -lm $isal
echo "== NER speed, model $model ($(wc -c < "$model") bytes), best of $reps runs"
"$tmp/speed" "$model" "$tmp/corpus.txt" "$reps"
