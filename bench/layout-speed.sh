#!/bin/sh
# Speed of the layout step of wire-extract-entities (lib/entities/layout.c:
# a record's text into tagger sentences) on one core, beside the steps
# around it in the same run: wire-split's sentence rules alone
# (segment_sentences over each text as one paragraph) and the tokeniser
# (token_split). Texts: Reuters-21578 train (research data in
# ../shared/data, read here only), as documents (hard-wrapped, with
# tables) and as the sentence records wire-split makes of them.
#
#   sh bench/layout-speed.sh [DATA_DIR]
#
# MB/s of text; times are the thread's CPU time, the best of LAYOUT_REPS
# runs (default 5).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
data=${1:-$top/../shared/data}
reps=${LAYOUT_REPS:-5}
reuters=$data/reuters21578/train.jsonl
if [ ! -f "$reuters" ]; then
	echo "layout-speed: no '$reuters': the research data sets are outside the project (pass DATA_DIR); skipped" >&2
	exit 1
fi
command -v jq >/dev/null || { echo "layout-speed: jq is needed" >&2; exit 1; }
for f in build/libwire.a bin/wire-split; do
	[ -e "$top/$f" ] || { echo "layout-speed: build first: make" >&2; exit 1; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
# texts separated by form feeds (none occurs in the corpus)
jq -c '{id, text}' "$reuters" > "$tmp/docs.jsonl"
jq -j '.text + "\f"' "$tmp/docs.jsonl" > "$tmp/docs.txt"
"$top/bin/wire-split" --no-progress "$tmp/docs.jsonl" | jq -j '.text + "\f"' > "$tmp/sentences.txt"

cat > "$tmp/speed.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "wire/core/buf.h"
#include "wire/core/token.h"
#include "wire/entities/layout.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct buf all = BUF_INIT;
	char chunk[65536];
	size_t k;
	FILE *fp = fopen(argv[1], "r");
	if (!fp)
		return 1;
	while ((k = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(&all, chunk, k);
	fclose(fp);
	int reps = atoi(argv[2]);
	const char *why = NULL;
	struct segment_rules *r = segment_load(&why);
	if (!r) {
		fprintf(stderr, "layout-speed: %s\n", why);
		return 1;
	}
	struct layout l = LAYOUT_INIT;
	struct spans out = SPANS_INIT;
	struct tokens tok = TOKENS_INIT;
	static const char *const name[] = {
		"layout_sentences (layout + sentence rules)",
		"baseline: segment_sentences alone",
		"baseline: token_split",
	};
	double mbs[3];
	for (int mode = 0; mode < 3; mode++) {
		double best = 1e9;
		size_t n = 0;
		for (int rep = 0; rep < reps; rep++) {
			double a = now();
			size_t b = 0;
			n = 0;
			for (size_t i = 0; i <= all.len; i++) {
				if (i < all.len && all.buf[i] != '\f')
					continue;
				spans_reset(&out);
				if (mode == 0)
					layout_sentences(&l, r, all.buf + b, i - b, &out);
				else if (mode == 1)
					segment_sentences(r, all.buf + b, i - b, &out);
				else
					token_split(all.buf + b, i - b, &tok);
				n += mode == 2 ? tok.n : out.n;
				b = i + 1;
			}
			double t = now() - a;
			if (t < best)
				best = t;
		}
		mbs[mode] = (double)all.len / best / 1e6;
		printf("%-44s %8.1f MB/s  (%zu %s)\n", name[mode], mbs[mode], n,
		       mode == 2 ? "tokens" : "sentences");
	}
	printf("layout_sentences takes %.2fx the time of segment_sentences, %.2fx that of token_split\n",
	       mbs[1] / mbs[0], mbs[2] / mbs[0]);
	return 0;
}
EOF
# libwire.a reads gzip through ISA-L when it was built with it
libs="-ljq -lcsv -lutf8proc -lz -lpthread -lm"
${CC:-cc} -O2 -I"$top/include" -o "$tmp/speed" "$tmp/speed.c" "$top/build/libwire.a" $libs 2>/dev/null ||
	${CC:-cc} -O2 -I"$top/include" -o "$tmp/speed" "$tmp/speed.c" "$top/build/libwire.a" $libs -lisal
export WIRE_DATA="${WIRE_DATA:-$top/share/wire}"
echo "== Reuters-21578 train as documents ($(wc -c < "$tmp/docs.txt") bytes), best of $reps runs"
"$tmp/speed" "$tmp/docs.txt" "$reps"
echo "== the same as wire-split sentence records ($(wc -c < "$tmp/sentences.txt") bytes)"
"$tmp/speed" "$tmp/sentences.txt" "$reps"
