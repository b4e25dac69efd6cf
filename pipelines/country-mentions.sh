#!/bin/bash
# Countries in the news per month: every entity with an ISO 3166 code (a
# country by name or short form, a nationality such as "Vietnamese", a
# place the gazetteer puts in a country) counted per month of its
# article's date, with the distinct articles. A record without a date is
# counted under the month "undated" (last), so no mention is lost.
#
# Reads news files of any kind wire-split reads (none or '-': standard
# input), or with --records the records of wire-extract-entities. Writes
# CSV on standard output, by month then country:
#
#   month,country,mentions,articles
#
# or with --wide one row per month and one column per country (most
# mentioned first), each cell the mentions (0 when none):
#
#   month,VN,US,ID,...
#
# Options:
#   --records    the inputs are entity records: do not split and tag
#   --wide       the month-by-country table
#   --jsonl      JSON lines {month, country, mentions, articles} instead of CSV
#   -h, --help   this text
#
#   sh pipelines/country-mentions.sh share/wire/samples/*.txt > countries.csv
#   sh pipelines/country-mentions.sh --wide archive/*.gz > countries-wide.csv
#
# Needs the wire tools and jq.
set -euo pipefail
records=no
wide=no
format=csv
while [ $# -gt 0 ]; do
	case $1 in
	--records) records=yes; shift ;;
	--wide) wide=yes; shift ;;
	--jsonl) format=jsonl; shift ;;
	-h|--help) sed -n '2,/^set -eu/{/^set -eu/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
	--) shift; break ;;
	-*) echo "country-mentions.sh: unknown option '$1'" >&2; exit 2 ;;
	*) break ;;
	esac
done

# One wire-aggregate pass on plain paths (its fast path: no jq value is
# built) counts by date and country; jq folds the dates into months. The
# distinct articles of a month are the sum of its dates' (an article has
# one date). A date is YYYY-MM-DD as wire-split writes it; any other value,
# or none, is "undated" (wire-aggregate --time would reject a malformed date
# as an error; here it is counted).
months='
map(select(.country != null)
	| .month = (.date as $d | if ($d | type) == "string" and ($d | length) >= 7 and $d[4:5] == "-" then $d[0:7] else "undated" end))
| group_by([.month, .country])
| map({month: .[0].month, country: .[0].country, mentions: (map(.count) | add), articles: (map(.articles) | add)})'

# The months to CSV, JSON lines or the month-by-country table.
table='
def csv: if type == "string" and test("[\",\r\n]") then "\"" + gsub("\""; "\"\"") + "\"" else tostring end;
if $format == "wide" then
	(group_by(.country) | map({c: .[0].country, n: (map(.mentions) | add)})
		| sort_by(-.n, .c) | map(.c)) as $cols
	| (["month"] + $cols | map(csv) | join(",")),
	  (group_by(.month)[] | (map({(.country): .mentions}) | add) as $m
		| [.[0].month] + [$cols[] | $m[.] // 0] | map(csv) | join(","))
elif $format == "jsonl" then .[] | tojson
else "month,country,mentions,articles", (.[] | [.month, .country, .mentions, .articles] | map(csv) | join(","))
end'
[ "$wide" = yes ] && format=wide

count() {
	wire-aggregate --by .date --by 'country=.entities[]?.iso' --count \
		--distinct 'articles=.doc' "$@" |
		jq -rs --arg format "$format" "$months | $table"
}
if [ "$records" = yes ]; then
	count "$@"
else
	wire-split "$@" | wire-extract-entities | count
fi
