#!/bin/sh
# Scores date_find() (lib/dates/date_find.c) on the TempEval-3 training set:
# span P/R/F1 (strict and relaxed overlap) and value P/R/F1 for DATE
# expressions and for all types, beside a baseline run in the same script
# (absolute dates only: date_parse at every word start) and published
# figures. Also prints date_find's speed.
#
# The documents are split in two parts (bench/dates-eval.c -p): a document
# is HELD BACK when hash_fmix64(hash_fnv1a("tempeval3-split-1:" ID)) % 4
# == 0 (64-bit FNV-1a then the MurmurHash3 finaliser, lib/core/hash.h; ID
# its "id"), else it is in the DEVELOPMENT part: 208 documents / 1,497
# time expressions for development, 48 / 325 held back. The rules are read
# and changed on the development part only (dates-eval -v -p dev lists its
# errors); the held-back part is scored here and looked at once, as the
# stand-in for unseen text.
#
#   sh bench/dates.sh [TEMPEVAL3_DIR]     (default ../shared/data/tempeval3)
#   sh bench/dates.sh --folds [TEMPEVAL3_DIR]
#
# --folds scores the development part only, in 5 folds of its documents
# (dates-eval -f K/5): the check for a rule change, which is kept when it
# helps overall and loses on no more than one fold. It never reads the
# held-back part.
#
# The summary also scores the news articles written for wire with their
# time expressions marked (bench/dates-news: a dev part decided on, test
# and test2 parts each written by another writer and scored once; sh
# bench/dates-news.sh for the dev part's errors).
#
# The data set is research-only and not shipped with wire; the script says
# so and exits 0 when it is missing.
top=$(cd "$(dirname "$0")/.." && pwd)
folds=0
if [ "$1" = --folds ]; then
	folds=1
	shift
fi
dir=${1:-${TEMPEVAL3:-$top/../shared/data/tempeval3}}
data=$dir/train.jsonl
if [ ! -r "$data" ]; then
	echo "dates.sh: TempEval-3 data not found at '$data' (research data, not" \
	     "shipped with wire); pass its folder as the first argument." \
	     "The news articles of bench/dates-news need nothing outside:" \
	     "sh bench/dates-news.sh dev|test" >&2
	exit 0
fi
cd "$top" || exit 1
sh bench/dates-eval-build.sh . build/bench/dates-eval || exit 1

out=$(mktemp)
base=$(mktemp)
trap 'rm -f "$out" "$base"' EXIT
# value F1 of a report: DATE on its 4th line, all types on its 8th
vf() { sed -n "$2p" "$1" | awk '{print $7}'; }
if [ $folds = 1 ]; then
	echo "== value F1 by fold of the development part (5 folds by document)"
	echo "   fold  DATE gold  DATE    all"
	for k in 1 2 3 4 5 all; do
		if [ $k = all ]; then
			build/bench/dates-eval -p dev "$data" >"$out" || exit 1
		else
			build/bench/dates-eval -p dev -f $k/5 "$data" >"$out" || exit 1
		fi
		printf "   %4s  %9s  %5s  %5s\n" $k \
			"$(sed -n 1p "$out" | awk '{print $3}')" \
			"$(vf "$out" 4)" "$(vf "$out" 8)"
	done
	exit 0
fi
for part in dev held; do
	echo "== date_find, $part part of $data"
	build/bench/dates-eval -p $part "$data" >"$out" || exit 1
	cat "$out"
	echo
	echo "== baseline, $part part: absolute dates only (date_parse at word starts)"
	build/bench/dates-eval -b -p $part "$data" >"$base" || exit 1
	cat "$base"
	echo
	eval "f_date_$part=\$(vf \"\$out\" 4) f_all_$part=\$(vf \"\$out\" 8)"
	eval "b_date_$part=\$(vf \"\$base\" 4) b_all_$part=\$(vf \"\$base\" 8)"
done
echo "== value F1            date_find        baseline"
echo "                       DATE    all      DATE    all"
printf "   development part   %5s  %5s     %5s  %5s\n" "$f_date_dev" "$f_all_dev" "$b_date_dev" "$b_all_dev"
printf "   held-back part     %5s  %5s     %5s  %5s\n" "$f_date_held" "$f_all_held" "$b_date_held" "$b_all_held"
# the news articles written for wire (bench/dates-news, GUIDELINES.md there):
# dev decided on, test and test2 scored when the rules were frozen
for part in dev test test2; do
	perl bench/dates-news/tml2jsonl.pl bench/dates-news/$part/*.tml >"$out" || exit 1
	build/bench/dates-eval "$out" >"$base" || exit 1
	build/bench/dates-eval -b "$out" >"$out.b" || exit 1
	printf "   %-16s   %5s  %5s     %5s  %5s\n" "news, $part part" \
		"$(vf "$base" 4)" "$(vf "$base" 8)" "$(vf "$out.b" 4)" "$(vf "$out.b" 8)"
	rm -f "$out.b"
done
echo
echo "== date_find speed (all documents)"
build/bench/dates-eval -t "$data" | tail -1 || exit 1
echo
echo "== published anchors: value F1 HeidelTime 77.6 and SUTime 67.4 on the"
echo "   TempEval-3 test set; chrono-node 0.49 (49) on this training set"
