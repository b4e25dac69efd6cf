#!/bin/bash
# Topic trends: the share of each cooperation area (wire-classify-topics'
# labels, bundled defence taxonomy) among the topic labels of each month's
# sentences, as CSV and as a line chart of the most frequent topics
# (gnuplot PNG). A sentence with two labels counts once for each; a month's
# shares add up to 1 (rounded to 4 decimals). A record without a date is
# counted under the month "undated" (last in the CSV, not in the chart).
#
# Reads news files of any kind wire-split reads (none or '-': standard
# input), or with --records records that already carry "topics" (the
# output of wire-classify-topics; meeting events among them are skipped). Writes PREFIX.csv:
#
#   month,topic,sentences,share
#
# by month, then most sentences first; and PREFIX.png when gnuplot is
# installed (Debian: apt-get install gnuplot-nox; else a message and the
# CSV alone). `-o -` writes the CSV on standard output and no chart.
#
# Options:
#   -o PREFIX    output prefix (default topic-trends), or - for the CSV alone
#   --top K      topics drawn in the chart (default 6; the CSV has all)
#   --svg        also write PREFIX.svg (gnuplot's SVG terminal)
#   --jsonl      JSON lines {month, topic, sentences, share} on standard
#                output instead of the CSV, no chart
#   --records    the inputs are records with topics: do not split and tag
#   -h, --help   this text
#   GNUPLOT      environment: the gnuplot command (default gnuplot)
#
#   sh pipelines/topic-trends.sh share/wire/samples/*.txt       (topic-trends.csv, .png)
#   sh pipelines/topic-trends.sh -o - archive/*.gz > trends.csv
set -euo pipefail
out=topic-trends
top=6
svg=no
format=csv
records=no
while [ $# -gt 0 ]; do
	case $1 in
	-o) out=${2:?topic-trends.sh: -o needs a prefix}; shift 2 ;;
	--top) top=${2:?topic-trends.sh: --top needs a number}; shift 2 ;;
	--svg) svg=yes; shift ;;
	--jsonl) format=jsonl; shift ;;
	--records) records=yes; shift ;;
	-h|--help) sed -n '2,/^set -eu/{/^set -eu/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
	--) shift; break ;;
	-*) echo "topic-trends.sh: unknown option '$1'" >&2; exit 2 ;;
	*) break ;;
	esac
done
case $top in
''|*[!0-9]*|0) echo "topic-trends.sh: --top needs a number above 0, not '$top'" >&2; exit 2 ;;
esac

# One wire-aggregate pass on plain paths (its fast path: no jq value is
# built) counts by date and topic (`label?`: a meeting event's topics are
# plain strings, skipped); jq folds the dates into months and makes the
# shares, by month then most sentences first. A date is YYYY-MM-DD as
# wire-split writes it; any other value, or none, is "undated":
# wire-aggregate --time would reject a malformed date as an error; here it
# is counted.
shares='
def r4: . * 10000 | round / 10000;
map(select(.topic != null)
	| .month = (.date as $d | if ($d | type) == "string" and ($d | length) >= 7 and $d[4:5] == "-" then $d[0:7] else "undated" end))
| group_by([.month, .topic]) | map({month: .[0].month, topic: .[0].topic, count: (map(.count) | add)})
| group_by(.month) | map((map(.count) | add) as $all
	| sort_by(-.count, .topic)[] | .share = (.count / $all | r4)) | .[]'
csv='
def csv: if type == "string" and test("[\",\r\n]") then "\"" + gsub("\""; "\"\"") + "\"" else tostring end;
"month,topic,sentences,share", (.[] | [.month, .topic, .count, .share] | map(csv) | join(","))'

# The shares to the chart's data: one row per month from the first dated
# one to the last (a month without labels too, so the x axis is time), one
# column per topic of the $top with most dated sentences (0 where none).
chart_data='
def next: (.[0:4] | tonumber) as $y | (.[5:7] | tonumber) as $m
	| if $m == 12 then "\($y + 1)-01" else "\($y)-" + (if $m < 9 then "0" else "" end) + "\($m + 1)" end;
def csv: if type == "string" and test("[\",\r\n]") then "\"" + gsub("\""; "\"\"") + "\"" else tostring end;
(map(select(.month != "undated")) | group_by(.topic) | map({t: .[0].topic, n: (map(.count) | add)})
	| sort_by(-.n, .t) | .[0:$top] | map(.t)) as $cols
| (["month"] + $cols | map(csv) | join(",")),
  (map(select(.month != "undated")) | group_by(.month) | map({(.[0].month): (map({(.topic): .share}) | add)}) | add // {}
	| . as $by | keys | select(length > 0) | .[0] as $first | .[-1] as $last
	| $first | recurse(next; . <= $last) | . as $mo
	| [$mo] + [$cols[] | $by[$mo][.] // 0] | map(csv) | join(","))'

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
status=0
count() {
	wire-aggregate --by .date --by 'topic=.topics[]?.label?' --count "$@"
}
if [ "$records" = yes ]; then
	count "$@"
else
	wire-split "$@" | wire-classify-topics | count
fi | jq -cs "$shares" >"$tmp/shares.jsonl" || status=$?
# A file that could not be read (reported by the tool that read it) leaves
# the others' figures: they are written, and the exit status is 1.
if [ "$format" = jsonl ]; then
	jq -c '{month, topic, sentences: .count, share}' "$tmp/shares.jsonl"
	exit "$status"
fi
if [ "$out" = - ]; then
	jq -rs "$csv" "$tmp/shares.jsonl"
	exit "$status"
fi
jq -rs "$csv" "$tmp/shares.jsonl" >"${out}.csv"

gnuplot=${GNUPLOT:-gnuplot}
if ! command -v "$gnuplot" >/dev/null 2>&1; then
	echo "topic-trends.sh: wrote ${out}.csv; 'gnuplot' is missing, so no chart (Debian: apt-get install gnuplot-nox)" >&2
	exit "$status"
fi
jq -rs --argjson top "$top" "$chart_data" "$tmp/shares.jsonl" >"$tmp/data.csv"
cols=$(jq -s --argjson top "$top" 'map(select(.month != "undated") | .topic) | unique | [length, $top] | min + 1' "$tmp/shares.jsonl")
if [ "$cols" -lt 2 ] || [ "$(wc -l <"$tmp/data.csv")" -lt 2 ]; then
	echo "topic-trends.sh: wrote ${out}.csv; no dated topic labels, so no chart" >&2
	exit "$status"
fi
# At most about 24 month labels on the x axis: every second, third... past that.
step=$(( ($(wc -l <"$tmp/data.csv") - 1 + 23) / 24 ))
# gnuplot reads the data file by name ($tmp: mktemp's, free of quotes).
plot() {
	cat <<-EOF
	set terminal $1
	set output '$2'
	set datafile separator ","
	set title "Topic shares per month"
	set ylabel "share of the month's topic labels"
	set yrange [0:*]
	set xtics rotate by -45 nomirror
	set ytics nomirror
	set grid ytics
	set border 3
	set key outside right top
	step = $step
	plot for [i=2:$cols] '$tmp/data.csv' using 0:i:xtic(int(\$0) % step == 0 ? stringcolumn(1) : "") with linespoints lw 2 pt 7 ps 0.8 title columnheader(i)
	EOF
}
plot 'pngcairo size 900,480 font "sans,10"' "$tmp/chart.png" | "$gnuplot"
mv -- "$tmp/chart.png" "${out}.png"
if [ "$svg" = yes ]; then
	plot 'svg size 900,480 font "sans,10"' "$tmp/chart.svg" | "$gnuplot"
	mv -- "$tmp/chart.svg" "${out}.svg"
fi
exit "$status"
