#!/bin/sh
# What the meeting event stage costs: the pipeline
#   wire-split | wire-extract-entities | wire-classify-topics [| wire-extract-events]
# timed without and with wire-extract-events, alternately, in the same run,
# over the sample articles repeated to about SIZE_MB of text (distinct
# document ids): wall time, and CPU seconds of all its processes (the
# steadier figure on a shared machine); then the stage alone on the saved
# entity records. The target (issue 10): at most +10% on the pipeline.
#
#   sh bench/events-speed.sh            (SIZE_MB=4, RUNS=3)
#   SIZE_MB=20 RUNS=5 sh bench/events-speed.sh
#   BIN=DIR sh bench/events-speed.sh    (a copy of bin/: others rebuild it)
# Instruction counts of the same stages (steady on a busy machine):
# bench/instructions.sh.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${BIN:-$top/bin}
for t in wire-split wire-extract-entities wire-classify-topics wire-extract-events; do
	[ -x "$bin/$t" ] || { echo "events-speed: build first: make" >&2; exit 1; }
done
command -v jq >/dev/null 2>&1 || { echo "events-speed: jq is missing" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "events-speed: /usr/bin/time is missing (Debian: time)" >&2; exit 1; }
size=${SIZE_MB:-4}
runs=${RUNS:-3}
WIRE_DATA=$top/share/wire
export WIRE_DATA

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wire-events-speed.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# The sample articles as JSON lines, repeated with new ids up to SIZE_MB.
for f in "$top"/share/wire/samples/*.txt; do
	jq -Rsc --arg id "$(basename "$f" .txt)" '{id: $id, text: .}' "$f"
done >"$tmp/one.jsonl"
one=$(wc -c <"$tmp/one.jsonl")
n=$((size * 1048576 / one + 1))
i=0
while [ $i -lt $n ]; do
	jq -c --arg r "$i" '.id += "-" + $r' "$tmp/one.jsonl"
	i=$((i + 1))
done >"$tmp/in.jsonl"
mb=$(awk -v b="$(wc -c <"$tmp/in.jsonl")" 'BEGIN { printf "%.1f", b / 1048576 }')

# The pipeline as a script of its own, so that /usr/bin/time sums the CPU
# seconds of all its processes.
{
	echo "\"$bin/wire-split\" \"$tmp/in.jsonl\" | \"$bin/wire-extract-entities\" | \"$bin/wire-classify-topics\" |"
	echo "	if [ \"\$1\" = with ]; then \"$bin/wire-extract-events\"; else cat; fi >\"$tmp/out.\$1\""
} >"$tmp/pipe.sh"

now() { date +%s.%N; }
# Prints "WALL CPU" of one run of the pipeline, $1 = with or without.
run() {
	t0=$(now)
	/usr/bin/time -f '%U %S' -o "$tmp/cpu" sh "$tmp/pipe.sh" "$1"
	t1=$(now)
	awk -v a="$t0" -v b="$t1" '{ printf "%.3f %.3f\n", b - a, $1 + $2 }' "$tmp/cpu"
}

echo "events-speed: $mb MB of articles ($n copies of the samples), $runs alternating runs"
: >"$tmp/times"
r=0
while [ $r -lt "$runs" ]; do
	for mode in without with; do
		t=$(run $mode)
		echo "$mode $t" >>"$tmp/times"
		echo "$t" | awk -v r=$((r + 1)) -v m=$mode '{ printf "  run %d %-8s wall %6.2f s  cpu %6.2f s\n", r, m, $1, $2 }'
	done
	r=$((r + 1))
done
awk '{ w[$1] += $2; c[$1] += $3; n[$1]++ }
END {
	a = w["without"] / n["without"]; b = w["with"] / n["with"]
	x = c["without"] / n["without"]; y = c["with"] / n["with"]
	printf "pipeline without events: wall %6.2f s, cpu %6.2f s (means)\n", a, x
	printf "pipeline with events:    wall %6.2f s, cpu %6.2f s: wall %+.1f%%, cpu %+.1f%%\n", b, y, 100 * (b - a) / a, 100 * (y - x) / x
}' "$tmp/times"

# The stage alone on the records it reads.
rec=$(awk -v b="$(wc -c <"$tmp/out.without")" 'BEGIN { printf "%.1f", b / 1048576 }')
events=$(grep -c '"unit":"event"' "$tmp/out.with" || true)
/usr/bin/time -f '%e %U %S' -o "$tmp/cpu" "$bin/wire-extract-events" "$tmp/out.without" >/dev/null
awk -v m="$rec" -v e="$events" '{
	printf "wire-extract-events alone: %.1f MB of entity records, wall %.2f s, cpu %.2f s = %.0f MB per cpu second (%d events)\n", m, $1, $2 + $3, m / ($2 + $3 > 0 ? $2 + $3 : 0.01), e }' "$tmp/cpu"
