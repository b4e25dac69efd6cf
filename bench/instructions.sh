#!/bin/sh
# Instructions each pipeline stage executes (valgrind callgrind: the same
# count whatever the load of the machine), a baseline build against this
# checkout's bin/, on the same input, in the same run, with the ratio:
#
#   wire-split  share/wire/samples/*.* + about SIZE_MB of news
#   wire-extract-entities -j 1   (both read this checkout's split output)
#   wire-classify-topics -j 1    (both read this checkout's entity output)
#   wire-aggregate --by '.entities[]?.key' --distinct .doc
#   wire-extract-events -j 1     (this checkout only when the base lacks it)
#
# The news is share/wire/samples/defence-news.jsonl and the events dev
# articles (bench/events/dev/*.txt, never the test part) repeated with new
# ids. The base is a build of BASE (a commit) in a temporary git worktree,
# or BASE_DIR (a built checkout) when given.
#
#   sh bench/instructions.sh                    (BASE=7a690a1, SIZE_MB=2)
#   BASE_DIR=/tmp/base SIZE_MB=1 sh bench/instructions.sh
#   BIN=DIR sh bench/instructions.sh            (a copy of bin/: others rebuild it)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
command -v valgrind >/dev/null 2>&1 || { echo "instructions: valgrind is missing" >&2; exit 1; }
command -v jq >/dev/null 2>&1 || { echo "instructions: jq is missing" >&2; exit 1; }
size=${SIZE_MB:-2}
base=${BASE:-7a690a1}
WIRE_DATA=$top/share/wire
export WIRE_DATA

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wire-instructions.XXXXXX")
wt=
cleanup() {
	[ -z "$wt" ] || git -C "$top" worktree remove --force "$wt" >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

if [ -n "${BASE_DIR:-}" ]; then
	bb=$BASE_DIR/bin
else
	wt=$tmp/base
	git -C "$top" worktree add --detach "$wt" "$base" >/dev/null 2>&1
	make -C "$wt" -j2 >"$tmp/base-build.log" 2>&1 || { echo "instructions: base build failed" >&2; exit 1; }
	bb=$wt/bin
fi
hb=${BIN:-$top/bin}

for f in "$top"/bench/events/dev/*.txt; do
	jq -Rsc --arg id "dev-$(basename "$f" .txt)" '{id: $id, text: .}' "$f"
done >"$tmp/dev.jsonl"
cat "$top/share/wire/samples/defence-news.jsonl" "$tmp/dev.jsonl" >"$tmp/one.jsonl"
n=$((size * 1048576 / $(wc -c <"$tmp/one.jsonl") + 1))
i=0
while [ $i -lt $n ]; do
	jq -c --arg r "$i" '.id += "-r" + $r' "$tmp/one.jsonl"
	i=$((i + 1))
done >"$tmp/news.jsonl"

# Prints the instructions of one command (stdin $1, stdout $2, args after).
ir() {
	in=$1 out=$2
	shift 2
	valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$@" <"$in" >"$out" 2>"$tmp/cg.err" ||
		{ cat "$tmp/cg.err" >&2; exit 1; }
	awk '/^(summary|totals):/ { print $2; exit }' "$tmp/cg.out"
}
row() {
	awk -v s="$1" -v a="$2" -v b="$3" 'BEGIN {
		if (a == "") printf "%-22s %14s %14.0f\n", s, "-", b
		else printf "%-22s %14.0f %14.0f %8.3f\n", s, a, b, b / a }'
}

echo "instructions: $(awk -v b="$(wc -c <"$tmp/news.jsonl")" 'BEGIN { printf "%.1f", b / 1048576 }') MB of news + the samples; base $([ -n "${BASE_DIR:-}" ] && echo "$BASE_DIR" || echo "$base"), head $(git -C "$top" rev-parse --short HEAD)"
printf '%-22s %14s %14s %8s\n' stage base head head/base
samples=$(ls "$top"/share/wire/samples/*.*)
# shellcheck disable=SC2086
a=$(ir /dev/null "$tmp/split.b" "$bb/wire-split" $samples "$tmp/news.jsonl")
# shellcheck disable=SC2086
b=$(ir /dev/null "$tmp/split.h" "$hb/wire-split" $samples "$tmp/news.jsonl")
row wire-split "$a" "$b"
hs=$b
j() { "$1" --help 2>/dev/null | grep -q -- '--jobs' && echo "-j 1" || true; }
# shellcheck disable=SC2046
a=$(ir "$tmp/split.h" "$tmp/ent.b" "$bb/wire-extract-entities" $(j "$bb/wire-extract-entities"))
b=$(ir "$tmp/split.h" "$tmp/ent.h" "$hb/wire-extract-entities" -j 1)
row wire-extract-entities "$a" "$b"
he=$b
# shellcheck disable=SC2046
a=$(ir "$tmp/ent.h" "$tmp/top.b" "$bb/wire-classify-topics" $(j "$bb/wire-classify-topics"))
b=$(ir "$tmp/ent.h" "$tmp/top.h" "$hb/wire-classify-topics" -j 1)
row wire-classify-topics "$a" "$b"
ht=$b
a=$(ir "$tmp/top.h" "$tmp/agg.b" "$bb/wire-aggregate" --by '.entities[]?.key' --distinct .doc)
b=$(ir "$tmp/top.h" "$tmp/agg.h" "$hb/wire-aggregate" --by '.entities[]?.key' --distinct .doc)
row wire-aggregate "$a" "$b"
a=
[ ! -x "$bb/wire-extract-events" ] || a=$(ir "$tmp/top.h" "$tmp/ev.b" "$bb/wire-extract-events")
b=$(ir "$tmp/top.h" "$tmp/ev.h" "$hb/wire-extract-events" -j 1)
row wire-extract-events "$a" "$b"
awk -v s="$hs" -v e="$he" -v t="$ht" -v v="$b" 'BEGIN {
	printf "events / (split + entities + topics), head: %.1f%%\n", 100 * v / (s + e + t) }'
