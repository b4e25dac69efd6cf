#!/bin/sh
# Train a topic model on your own labelled records, measure it on a held-out
# part, and label new articles with it.
#
#   sh pipelines/train-topics.sh LABELLED.jsonl MODEL [ARTICLES...]
#
# LABELLED.jsonl: one record per line with the text in .text and the label
# in .label (a string) or .labels (an array, several labels per record).
# Every fifth record is held out: its figures are printed by `eval`; the
# model is then trained again on all the records. ARTICLES are split into
# sentences and labelled; the topics of each article are summed up.
set -eu
[ $# -ge 2 ] || { echo "usage: $0 LABELLED.jsonl MODEL [ARTICLES...]" >&2; exit 2; }
data=$1 model=$2
shift 2
label='if has("labels") then .labels else .label end'
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
awk -v d="$tmp" '{ print > (d "/" (NR % 5 ? "train" : "test") ".jsonl") }' "$data"
wire-classify-topics train -q --label "$label" -o "$tmp/model" "$tmp/train.jsonl"
echo "== held-out fifth of $data"
wire-classify-topics eval --model "$tmp/model" --label "$label" "$tmp/test.jsonl"
wire-classify-topics train -q --label "$label" -o "$model" "$data"
if [ $# -gt 0 ]; then
	echo "== topics of the articles (sentences per topic)"
	wire-split "$@" | wire-classify-topics --model "$model" |
		wire-aggregate --by .doc --by 'topic=.topics[].label' --count --format tsv --sort key
fi
