#!/bin/sh
# `make demo`: the wire pipeline over the bundled sample articles
# (share/wire/samples: fictional defence-diplomacy news in .txt, .txt.gz,
# .tar.gz, .jsonl and .csv). Output goes to demo-out/ and a summary to the
# terminal.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
PATH="$top/bin:$PATH"
S="$top/share/wire/samples"
out="$top/demo-out"
mkdir -p "$out"

have() { [ -x "$top/bin/$1" ]; }
show() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

show "1. wire-split: every sample (text, gzip, tar.gz, JSONL, CSV) into sentence records"
echo "\$ wire-split share/wire/samples/*.* > demo-out/sentences.jsonl"
wire-split "$S"/*.txt "$S"/*.gz "$S"/*.jsonl "$S"/*.csv > "$out/sentences.jsonl"
printf '%s sentence records from %s documents\n' \
	"$(wc -l < "$out/sentences.jsonl")" \
	"$(jq -r .doc "$out/sentences.jsonl" | sort -u | wc -l)"
echo "first record:"
head -1 "$out/sentences.jsonl" | jq .
echo "metadata found per document (date, dateline, byline, agency):"
jq -r '[.doc, .date // "-", .dateline // "-", .byline // "-", .agency // "-"] | @tsv' \
	"$out/sentences.jsonl" | sort -u | column -t -s "$(printf '\t')" || true

last="$out/sentences.jsonl"
if have wire-extract-entities; then
	show "2. wire-extract-entities: people with rank, role, country; countries; meetings; dates"
	echo "\$ wire-extract-entities demo-out/sentences.jsonl > demo-out/entities.jsonl"
	wire-extract-entities "$last" > "$out/entities.jsonl"
	last="$out/entities.jsonl"
	echo "people found, with rank, role and country:"
	jq -r '.entities[] | select(.type == "PERSON") |
	       [.text, .rank // "", .role // "", .country // ""] | @tsv' "$last" |
		sort -u | head -25 | column -t -s "$(printf '\t')" || true
	echo "dates normalised against the article date:"
	jq -r 'select(.entities | any(.type == "DATE")) | .date as $d |
	       .entities[] | select(.type == "DATE") | [$d, .text, .value // ""] | @tsv' "$last" |
		sort -u | head -12 | column -t -s "$(printf '\t')" || true
fi
if have wire-classify-topics; then
	show "3. wire-classify-topics: defence-cooperation areas (bundled zero-shot taxonomy)"
	echo "\$ wire-classify-topics $last > demo-out/topics.jsonl"
	wire-classify-topics "$last" > "$out/topics.jsonl"
	last="$out/topics.jsonl"
	jq -c 'select(.topics | length > 0) | {text: .text[0:90], topics: [.topics[] | .label]}' \
		"$last" | head -6
fi
if have wire-aggregate; then
	show "4. wire-aggregate: counts over the corpus"
	if have wire-classify-topics; then
		echo "\$ wire-aggregate --by 'topic=.topics[].label' --count --distinct 'docs=.doc' --top 10"
		wire-aggregate --by 'topic=.topics[].label' --count --distinct 'docs=.doc' --top 10 \
			--format tsv "$last" | column -t
	fi
	if have wire-extract-entities; then
		echo
		echo "\$ wire-aggregate --by 'country=.entities[]|select(.type==\"GPE\" and .iso)|.iso' --count --top 10"
		wire-aggregate --by 'country=.entities[]|select(.type=="GPE" and .iso)|.iso' --count \
			--top 10 --format tsv "$last" | column -t
		echo
		echo "\$ wire-aggregate --pairs '[.entities[]|select(.iso)|.iso]|unique|.[]' --top 8  (who meets whom)"
		wire-aggregate --pairs 'pair=[.entities[]|select(.iso)|.iso]|unique|.[]' --top 8 \
			--format tsv "$last" | column -t
	fi
	echo
	echo "\$ wire-aggregate --every month --time .date --count --distinct 'docs=.doc'"
	# records without a date form the bucket with an empty key: named here,
	# as column(1) would fold an empty first column away
	wire-aggregate --every month --time .date --count --distinct 'docs=.doc' --format tsv \
		"$last" | awk -F'\t' -v OFS='\t' '$1 == "" { $1 = "(undated)" } 1' | column -t
fi
show "done: the records are in demo-out/"
