#!/bin/sh
# NER on defence-domain text: the hand-labelled articles of bench/ner-defence
# (written in the manner of war reporting: general staff updates, ministry of
# defence intelligence updates, wire reports, briefings; see
# bench/ner-defence/GUIDELINES.md), scored per type with exact and overlap
# matching on two paths, beside two baselines in the same run:
#   (a) sentence records: wire-split | wire-extract-entities
#   (b) whole documents:  wire-extract-entities on one record per article
#   baseline caps:      every capitalised word run not opening a sentence or
#                       line, typed with the part's most common gold type
#   baseline gazetteer: longest match of wire's own name lists
#                       (share/wire/gazetteer: countries, places, agencies,
#                       organisations, nationalities)
#
#   sh bench/ner-defence.sh [dev|test|dev2|test2|all-dev]   (default dev)
#
# dev2 and test2 are articles as scraped pages (captions, credits, bylines,
# tallies, share lines: GUIDELINES.md); all-dev is dev and dev2 together.
# Decide on dev and dev2; test and test2 are scored once, and their errors
# are not to be read.
# The issue-11 figure is the PER+LOC+ORG overlap F1 of path (a).
# NER_DEFENCE_KEEP=DIR keeps the records, outputs and errors (id, kind, type,
# begin, end, text, class) in DIR; NER_MODEL picks the model.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
part=${1:-dev}
case $part in
dev|test|dev2|test2) dirs=$top/bench/ner-defence/$part ;;
all-dev) dirs="$top/bench/ner-defence/dev $top/bench/ner-defence/dev2" ;;
*) echo "ner-defence: unknown part '$part' (dev, test, dev2, test2, all-dev)" >&2; exit 2 ;;
esac
for dir in $dirs; do
	if ! ls "$dir"/*.txt >/dev/null 2>&1; then
		echo "ner-defence: no articles in '$dir'; skipped" >&2
		exit 0
	fi
done
bin=$top/bin
for t in wire-split wire-extract-entities; do
	if [ ! -x "$bin/$t" ]; then
		echo "ner-defence: no '$bin/$t' (build first: make); skipped" >&2
		exit 0
	fi
done
if ! command -v perl >/dev/null || ! perl -MJSON::PP -e 1 2>/dev/null; then
	echo "ner-defence: perl with JSON::PP is needed; skipped" >&2
	exit 0
fi
model=${NER_MODEL:-$top/share/wire/ner.model}
score=$top/bench/ner-defence-score.pl

if [ -n "${NER_DEFENCE_KEEP:-}" ]; then
	tmp=$NER_DEFENCE_KEEP
	mkdir -p "$tmp"
else
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT INT TERM
fi

perl "$score" build $dirs "$tmp/$part.jsonl" "$tmp/$part.gold"
n=$(wc -l < "$tmp/$part.jsonl")
echo "ner-defence: $part part, $n articles, $(wc -l < "$tmp/$part.gold") gold mentions; model $model"
"$bin/wire-split" --no-progress "$tmp/$part.jsonl" |
	"$bin/wire-extract-entities" --no-progress -m "$model" > "$tmp/$part.a.out"
"$bin/wire-extract-entities" --no-progress -m "$model" "$tmp/$part.jsonl" > "$tmp/$part.b.out"
perl "$score" baseline caps "$tmp/$part.jsonl" "$tmp/$part.gold" "$top/share/wire/gazetteer" > "$tmp/$part.caps.out"
perl "$score" baseline gazetteer "$tmp/$part.jsonl" "$tmp/$part.gold" "$top/share/wire/gazetteer" > "$tmp/$part.gaz.out"

run() {	# run NAME LABEL: prints the table, returns "plo-exact plo-overlap all-exact all-overlap"
	perl "$score" score "$tmp/$part.gold" "$tmp/$part.$1.out" "$tmp/$part.$1.err" "$2" 2>"$tmp/$part.$1.f1"
}
run a "(a) sentence records: wire-split | wire-extract-entities"
run b "(b) whole documents: wire-extract-entities, one record per article"
run caps "baseline: capitalised word runs, most common gold type"
run gaz "baseline: wire's gazetteer, longest match"
echo "== $part: PER+LOC+ORG overlap F1: (a) $(cut -d' ' -f2 "$tmp/$part.a.f1"), (b) $(cut -d' ' -f2 "$tmp/$part.b.f1"), caps baseline $(cut -d' ' -f2 "$tmp/$part.caps.f1"), gazetteer baseline $(cut -d' ' -f2 "$tmp/$part.gaz.f1")"
if [ "$part" != test ] && [ "$part" != test2 ]; then
	for x in a b; do
		echo "== $part: errors of path ($x) by class (FN missed, FP spurious, TYPE right span wrong type, BOUNDARY right type, overlapping span)"
		awk -F'\t' '{ k = $2; sub(/[ :].*/, "", k); print k "\t" $3 "\t" $7 }' "$tmp/$part.$x.err" |
			sort | uniq -c | sort -rn | awk '{ printf "  %4d %-9s %-5s %s\n", $1, $2, $3, $4 }'
	done
fi
