#!/bin/sh
# Scores date_find() (lib/dates/date_find.c) on the TempEval-3 training set:
# span P/R/F1 (strict and relaxed overlap) and value P/R/F1 for DATE
# expressions and for all types, beside a baseline run in the same script
# (absolute dates only: date_parse at every word start) and published
# figures. Also prints date_find's speed.
#
#   sh bench/dates.sh [TEMPEVAL3_DIR]     (default ../shared/data/tempeval3)
#
# The data set is research-only and not shipped with wire; the script says
# so and exits 0 when it is missing.
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-${TEMPEVAL3:-$top/../shared/data/tempeval3}}
data=$dir/train.jsonl
if [ ! -r "$data" ]; then
	echo "dates.sh: TempEval-3 data not found at '$data' (research data, not" \
	     "shipped with wire); pass its folder as the first argument" >&2
	exit 0
fi
cd "$top" || exit 1
# Built from the few sources it needs, so that work in progress elsewhere
# in lib/ cannot stop the measurement.
mkdir -p build/bench
cc -Iinclude -D_GNU_SOURCE -std=c11 -O2 -g -o build/bench/dates-eval \
	bench/dates-eval.c lib/dates/*.c lib/core/buf.c lib/core/err.c \
	lib/core/hash.c lib/core/json.c lib/core/reader.c lib/core/stage.c lib/core/input.c lib/core/utf8.c -lutf8proc -lz -lm -lpthread ||
	exit 1

out=$(mktemp)
base=$(mktemp)
trap 'rm -f "$out" "$base"' EXIT
echo "== date_find on $data"
build/bench/dates-eval -t "$data" >"$out" || exit 1
cat "$out"
echo
echo "== baseline: absolute dates only (date_parse at word starts)"
build/bench/dates-eval -b "$data" >"$base" || exit 1
cat "$base"
echo
# DATE value F1: the 4th line of each report, 9th field
f=$(sed -n 4p "$out" | awk '{print $7}')
b=$(sed -n 4p "$base" | awk '{print $7}')
awk -v f="$f" -v b="$b" 'BEGIN { r = (b > 0) ? f / b : 0; printf "== DATE value F1: date_find %s, baseline %s (%.1fx)\n", f, b, r }'
echo
echo "== published anchors: value F1 HeidelTime 77.6 and SUTime 67.4 on the"
echo "   TempEval-3 test set; chrono-node 0.49 (49) on this training set"
