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

# The month of the record's date (YYYY-MM: wire-split writes ISO dates),
# else "undated". wire-aggregate's --time drops a record without a date,
# hence the jq bucket (no regex: jq 1.6 compiles one at every call).
month='month=.date as $d | if ($d | type) == "string" and ($d | length) >= 7 and $d[4:5] == "-" then $d[0:7] else "undated" end'

# The long CSV turned into the month-by-country table.
wide_table='
(group_by(.country) | map({c: .[0].country, n: (map(.mentions) | add)})
	| sort_by(-.n, .c) | map(.c)) as $cols
| (["month"] + $cols | join(",")),
  (group_by(.month)[] | (map({(.country): .mentions}) | add) as $m
	| [.[0].month] + [$cols[] | $m[.] // 0 | tostring] | join(","))'

count() {
	if [ "$wide" = yes ]; then
		wire-aggregate --by "$month" --by 'country=.entities[]?.iso // empty' \
			--count --sort key "$@" |
			jq -rs 'map({month, country, mentions: .count})'" | $wide_table"
	elif [ "$format" = jsonl ]; then
		wire-aggregate --by "$month" --by 'country=.entities[]?.iso // empty' \
			--count --distinct 'articles=.doc' --sort key "$@" |
			jq -c '{month, country, mentions: .count, articles}'
	else
		wire-aggregate --by "$month" --by 'country=.entities[]?.iso // empty' \
			--count --distinct 'articles=.doc' --sort key -f csv "$@" |
			sed '1s/,count,/,mentions,/'
	fi
}
if [ "$records" = yes ]; then
	count "$@"
else
	wire-split "$@" | wire-extract-entities | count
fi
