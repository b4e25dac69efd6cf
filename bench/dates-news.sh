#!/bin/sh
# Scores date_find() on bench/dates-news/: news articles written for wire
# with their time expressions marked as TimeML marks them (GUIDELINES.md
# there). Unlike TempEval-3 it needs nothing outside the project.
#
#   sh bench/dates-news.sh [dev|test|test2|all] [-v]
#
# dev: the part rules are decided on (-v lists its errors on stderr);
# test, test2: each written by a writer of its own, who read neither the
# rules nor the other parts; scored when the rules are frozen, never read
# for errors. Prints span and value P/R/F1 for DATE
# and for all types, beside the absolute-dates-only baseline.
top=$(cd "$(dirname "$0")/.." && pwd)
part=${1:-dev}
verbose=
[ "$2" = -v ] && verbose=-v
case $part in
dev|test|test2) files=$(ls "$top"/bench/dates-news/$part/*.tml 2>/dev/null) ;;
all) files=$(ls "$top"/bench/dates-news/*/*.tml 2>/dev/null) ;;
*) echo "usage: sh bench/dates-news.sh [dev|test|test2|all] [-v]" >&2; exit 2 ;;
esac
if [ -z "$files" ]; then
	echo "dates-news.sh: no articles in bench/dates-news/$part" >&2
	exit 0
fi
cd "$top" || exit 1
sh bench/dates-eval-build.sh . build/bench/dates-eval || exit 1
data=build/bench/dates-news-$part.jsonl
# shellcheck disable=SC2086
perl bench/dates-news/tml2jsonl.pl $files >"$data" || exit 1
echo "== date_find, bench/dates-news/$part: $(echo "$files" | wc -w) articles"
build/bench/dates-eval $verbose "$data" || exit 1
echo
echo "== baseline: absolute dates only (date_parse at word starts)"
build/bench/dates-eval -b "$data" || exit 1
