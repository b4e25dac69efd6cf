#!/bin/bash
# People in the news: one CSV row per person (PERSON entities grouped by
# their key: case- and accent-folded, short mentions resolved to the full
# name given earlier in the article), with the name as written in full,
# rank, role and country (the value most mentions give; a tie goes to the
# longer, then the first in code-point order), the mentions, the distinct
# articles and the first and last article date. Most mentioned first.
#
# Reads news files of any kind wire-split reads (none or '-': standard
# input), or with --records the records of wire-extract-entities (JSON
# lines with "entities", e.g. saved from a longer pipeline). Writes CSV
# on standard output:
#
#   key,name,rank,role,country,mentions,articles,first,last
#
# Options:
#   --records    the inputs are entity records: do not split and tag
#   --top N      the N most mentioned people only (0: all)
#   --jsonl      JSON lines instead of CSV (the same fields; null when unknown)
#   -h, --help   this text
#
#   sh pipelines/people.sh share/wire/samples/*.txt > people.csv
#   wire-split archive/*.gz | wire-extract-entities > ents.jsonl
#   sh pipelines/people.sh --records --top 50 ents.jsonl
#
# An empty field is unknown. first/last are empty when no article that
# names the person has a date. Needs the wire tools and jq.
set -euo pipefail
records=no
top=
format=csv
while [ $# -gt 0 ]; do
	case $1 in
	--records) records=yes; shift ;;
	--jsonl) format=jsonl; shift ;;
	--top) top=${2:?people.sh: --top needs a number}; shift 2 ;;
	-h|--help) sed -n '2,/^set -eu/{/^set -eu/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
	--) shift; break ;;
	-*) echo "people.sh: unknown option '$1'" >&2; exit 2 ;;
	*) break ;;
	esac
done
case $top in
''|*[!0-9]*) [ -z "$top" ] || { echo "people.sh: --top needs a number, not '$top'" >&2; exit 2; } ;;
esac

# One pass of wire-aggregate. Each PERSON mention puts its record in the
# group ["n", key] (mentions, articles, first and last date) and in one
# group per fact it states: ["name", key, text], ["rank", key, rank], ...
rows='.entities[]? | select(.type == "PERSON" and .key) | .key as $k
| ["n", $k], (.text // empty | select(. != "") | ["name", $k, .]),
  (.rank // empty | select(. != "") | ["rank", $k, .]),
  (.role // empty | select(. != "") | ["role", $k, .]),
  (.country // empty | select(. != "") | ["country", $k, .])'
day='.date | select(type == "string" and length >= 10 and .[4:5] == "-" and .[7:8] == "-")
	| (.[0:4] + .[5:7] + .[8:10] | tonumber? // empty)'

# The rows folded into one line per person, as CSV.
table='
def day: if . == null then null else tostring | .[0:4] + "-" + .[4:6] + "-" + .[6:8] end;
def csv: if type == "string" and test("[\",\r\n]") then "\"" + gsub("\""; "\"\"") + "\""
	elif . == null then "" else tostring end;
def best($f): map(select(.row[0] == $f))
	| sort_by(-(if $f == "name" then .row[2] | split(" ") | length else 0 end),
		-.count, -(.row[2] | length), .row[2])
	| .[0].row[2];
group_by(.row[1])
| map(. as $g | (map(select(.row[0] == "n")) | .[0]) as $n
	| {key: $n.row[1], name: ($g | best("name")), rank: ($g | best("rank")),
	   role: ($g | best("role")), country: ($g | best("country")),
	   mentions: $n.count, articles: $n.articles, first: ($n.first | day), last: ($n.last | day)})
| sort_by(-.mentions, .key)
| (if $top == "" or $top == "0" then . else .[0:($top | tonumber)] end)
| if $format == "jsonl" then .[] | tojson else
  "key,name,rank,role,country,mentions,articles,first,last",
  (.[] | [.key, .name, .rank, .role, .country, .mentions, .articles, .first, .last] | map(csv) | join(","))
  end'

count() {
	wire-aggregate --by "row=$rows" --count --distinct 'articles=.doc' \
		--min "first=$day" --max "last=$day" "$@"
}
if [ "$records" = yes ]; then
	count "$@"
else
	wire-split "$@" | wire-extract-entities | count
fi | jq -rs --arg top "$top" --arg format "$format" "$table"
