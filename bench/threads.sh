#!/bin/sh
# bench/threads.sh — what the driver's worker threads buy, in one run:
#   1. wire-extract-entities at -j 1 and -j 2 on the same sentence records
#      (MB/s and their ratio; target >= 1.8x on two idle cores);
#   2. the four-stage pipeline  split | entities | topics | aggregate  with
#      today's tools against the tools of commit $BASE (before the driver),
#      built once into build/baseline from a git worktree in a scratch
#      folder (never committed); target >= 1.6x.
# Input: share/wire/samples/defence-news.jsonl repeated to about SIZE_MB of
# news JSON-lines, each copy with its own ids (so documents stay distinct).
# Each figure is the minimum and median wall time of RUNS runs; runs of
# the two sides alternate, so drift of a shared machine hits both alike.
# BIN=DIR times the tools in DIR instead of bin/ (a copy, while others build).
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
size_mb=${SIZE_MB:-40}
runs=${RUNS:-3}
base=${BASE:-9870cf9}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=${BIN:-$top/bin}
old="$top/build/baseline"
[ -x "$bin/wire-extract-entities" ] || { echo "build first: make" >&2; exit 1; }

if [ ! -x "$old/bin/wire-extract-entities" ]; then
	echo "building $base into build/baseline ..." >&2
	git -C "$top" worktree add --detach "$work/base" "$base" >/dev/null 2>&1
	make -C "$work/base" -j2 all >/dev/null 2>&1
	mkdir -p "$old/bin"
	cp "$work/base"/bin/wire-* "$old/bin/"
	cp -R "$work/base/share/wire" "$old/share"
	git -C "$top" worktree remove --force "$work/base"
fi

# the corpus: the sample news, copy after copy, with distinct ids
seed="$top/share/wire/samples/defence-news.jsonl"
copies=$(( size_mb * 1000000 / $(wc -c < "$seed") + 1 ))
awk -v n="$copies" '{ line[NR] = $0 }
	END { for (i = 1; i <= n; i++) for (k = 1; k <= NR; k++) {
		s = line[k]; sub(/"id":"/, "\"id\":\"c" i "-", s); print s } }' "$seed" > "$work/news.jsonl"
WIRE_DATA="$top/share/wire" "$bin/wire-split" "$work/news.jsonl" > "$work/sent.jsonl"
mb_news=$(awk -v b="$(wc -c < "$work/news.jsonl")" 'BEGIN { printf "%.1f", b / 1e6 }')
mb_sent=$(awk -v b="$(wc -c < "$work/sent.jsonl")" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "input: $mb_news MB of news JSON-lines ($copies copies of the samples), $mb_sent MB of sentence records; $(nproc) processors; $runs runs each"

now() { date +%s.%N; }
# stats FILE: "min median" of the numbers in FILE
stats() { sort -n "$1" | awk '{ v[NR] = $1 } END { printf "%.2f %.2f", v[1], v[int((NR + 1) / 2)] }'; }
# time_into FILE CMD...: appends the wall seconds of one run of CMD
time_into() {
	f=$1; shift
	t0=$(now); "$@"; t1=$(now)
	echo "$t0 $t1" | awk '{ printf "%.3f\n", $2 - $1 }' >> "$f"
}

ents() { WIRE_DATA="$top/share/wire" "$bin/wire-extract-entities" -j "$1" "$work/sent.jsonl" > "$work/ents.$1"; }
: > "$work/t.j1"; : > "$work/t.j2"
for i in $(seq "$runs"); do
	time_into "$work/t.j1" ents 1
	time_into "$work/t.j2" ents 2
done
cmp -s "$work/ents.1" "$work/ents.2" || { echo "-j 2 output differs from -j 1" >&2; exit 1; }
set -- $(stats "$work/t.j1"); j1min=$1 j1med=$2
set -- $(stats "$work/t.j2"); j2min=$1 j2med=$2
awk -v mb="$mb_sent" -v a="$j1min" -v am="$j1med" -v b="$j2min" -v bm="$j2med" 'BEGIN {
	printf "wire-extract-entities -j 1: %.2f MB/s (min %.2f s, median %.2f s)\n", mb / a, a, am
	printf "wire-extract-entities -j 2: %.2f MB/s (min %.2f s, median %.2f s)\n", mb / b, b, bm
	printf "entities -j 2 / -j 1: %.2fx (min), %.2fx (median); target >= 1.8x\n", a / b, am / bm }'

# pipe DIR DATA: the four stages with the tools of DIR
pipe() {
	WIRE_DATA="$2" "$1/wire-split" "$work/news.jsonl" |
		WIRE_DATA="$2" "$1/wire-extract-entities" |
		WIRE_DATA="$2" "$1/wire-classify-topics" |
		WIRE_DATA="$2" "$1/wire-aggregate" --by '.entities[]?.iso // empty' \
			--by '.topics[0].label // "none"' > "$work/agg.$3"
}
: > "$work/t.new"; : > "$work/t.old"
for i in $(seq "$runs"); do
	time_into "$work/t.old" pipe "$old/bin" "$old/share" old
	time_into "$work/t.new" pipe "$bin" "$top/share/wire" new
done
set -- $(stats "$work/t.old"); omin=$1 omed=$2
set -- $(stats "$work/t.new"); nmin=$1 nmed=$2
awk -v mb="$mb_news" -v a="$omin" -v am="$omed" -v b="$nmin" -v bm="$nmed" -v base="$base" 'BEGIN {
	printf "pipeline before (%s): %.2f MB/s (min %.2f s, median %.2f s)\n", base, mb / a, a, am
	printf "pipeline today (-j default): %.2f MB/s (min %.2f s, median %.2f s)\n", mb / b, b, bm
	printf "pipeline today / before: %.2fx (min), %.2fx (median); target >= 1.6x\n", a / b, am / bm }'
cmp -s "$work/agg.old" "$work/agg.new" || echo "note: the aggregate output differs from $base's (models or dictionaries changed since)"
