#!/bin/sh
# bench/dates-ab.sh — the check a date rule change must pass: the rules of
# two trees side by side, value F1 (all types) on the five folds of the
# TempEval-3 development part, that whole part, and the news dev part of
# bench/dates-news. A change is kept when it helps and loses on no fold.
# Never reads the TempEval-3 held-back part nor the news test part.
#
#   sh bench/dates-ab.sh OLD_TOP [NEW_TOP] [-v]
#
# OLD_TOP: a checkout of the rules to compare with (git worktree add
# --detach /tmp/wire-old HEAD); NEW_TOP: this tree by default. -v also
# prints the differences of the two error lists (dates-eval -v).
# TEMPEVAL3 (default ../shared/data/tempeval3) is research data, not
# shipped: without it only the news row is printed.
top=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${1:-}" ]; then
	# make bench runs every script without arguments: say what this one needs
	echo "bench/dates-ab.sh: compares the date rules of two trees:" \
	     "sh bench/dates-ab.sh OLD_TOP [NEW_TOP] [-v]; nothing measured"
	exit 0
fi
old=$1
new=$top
verbose=0
shift
for a in "$@"; do
	if [ "$a" = -v ]; then verbose=1; else new=$a; fi
done
te3=${TEMPEVAL3:-$top/../shared/data/tempeval3}/train.jsonl
work=$top/build/bench/dates-ab
mkdir -p "$work" || exit 1
for side in old new; do
	eval "t=\$$side"
	sh "$top/bench/dates-eval-build.sh" "$t" "$work/eval-$side" || exit 1
done
perl "$top/bench/dates-news/tml2jsonl.pl" "$top"/bench/dates-news/dev/*.tml \
	>"$work/news-dev.jsonl" || exit 1
vf() { sed -n 8p | awk '{print $7}'; }
row() { # label, then dates-eval arguments
	l=$1
	shift
	printf "%-10s %6s %6s\n" "$l" "$("$work/eval-old" "$@" | vf)" \
		"$("$work/eval-new" "$@" | vf)"
}
printf "%-10s %6s %6s\n" part old new
if [ -r "$te3" ]; then
	for k in 1 2 3 4 5; do
		row "te3 f$k" -p dev -f $k/5 "$te3"
	done
	row "te3 dev" -p dev "$te3"
else
	echo "(TempEval-3 not found at $te3: its rows left out)"
fi
row "news dev" "$work/news-dev.jsonl"
if [ $verbose = 1 ]; then
	for f in "$work/news-dev.jsonl" "$te3"; do
		[ -r "$f" ] || continue
		p=; [ "$f" = "$te3" ] && p="-p dev"
		# shellcheck disable=SC2086
		"$work/eval-old" -v $p "$f" 2>&1 >/dev/null | sort >"$work/old.err"
		# shellcheck disable=SC2086
		"$work/eval-new" -v $p "$f" 2>&1 >/dev/null | sort >"$work/new.err"
		diff "$work/old.err" "$work/new.err"
	done
fi
exit 0
