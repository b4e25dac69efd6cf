#!/bin/bash
# One self-contained HTML page over a corpus: who met whom (the meeting
# graph as inline SVG, a circle layout, edge widths by meetings), the topic
# shares per month (an SVG line chart), the meetings with their evidence
# sentences (the words that tell the meeting marked) and links back to the
# document and its span (document id, code points), the people, the
# countries and the documents. No script, no font, no style sheet or image
# from elsewhere: it reads offline; every text from the records is
# HTML-escaped; the page is well-formed XML as well as HTML.
#
# Reads news files of any kind wire-split reads (none or '-': standard
# input), or with --records the records of the whole pipeline (wire-split
# | wire-extract-entities | wire-classify-topics | wire-extract-events,
# without --only; gzip or plain). Writes report.html, or FILE with -o FILE
# (- for standard output). The records are kept in a temporary folder
# while the page is made (about four times the size of the text).
#
# Options:
#   -o FILE        the page (default report.html; - for standard output)
#   --title TEXT   the page's title (default "wire report")
#   --people N     rows of the people table (default 40; 0 for all)
#   --edges N      strongest pairs drawn in the graph (default 60; 0 for all)
#   --meetings N   rows of the meetings table: the N latest (default 500; 0
#                  for all). The documents table lists every document up to
#                  500 of them, else those the meetings table links to.
#   --records      the inputs are the pipeline's records: do not run it
#   -h, --help     this text
#
#   pipelines/report.sh share/wire/samples/*.txt               (report.html)
#   pipelines/report.sh -o week.html --title "Week 12" archive/2026-03-*.gz
#
# Uses pipelines/people.sh, country-mentions.sh and topic-trends.sh for the
# tables and the chart; needs the wire tools, jq and coreutils only.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=report.html
title="wire report"
npeople=40
nedges=60
nmeetings=500
records=no
while [ $# -gt 0 ]; do
	case $1 in
	-o) out=${2:?report.sh: -o needs a file}; shift 2 ;;
	--title) title=${2?report.sh: --title needs a text}; shift 2 ;;
	--people) npeople=${2:?report.sh: --people needs a number}; shift 2 ;;
	--edges) nedges=${2:?report.sh: --edges needs a number}; shift 2 ;;
	--meetings) nmeetings=${2:?report.sh: --meetings needs a number}; shift 2 ;;
	--records) records=yes; shift ;;
	-h|--help) sed -n '2,/^set -eu/{/^set -eu/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
	--) shift; break ;;
	-*) echo "report.sh: unknown option '$1'" >&2; exit 2 ;;
	*) break ;;
	esac
done
for n in "$npeople" "$nedges" "$nmeetings"; do
	case $n in
	''|*[!0-9]*) echo "report.sh: --people, --edges and --meetings need a number, not '$n'" >&2; exit 2 ;;
	esac
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
status=0
# A file that cannot be read is reported by the tool that reads it; the
# page is still made from the others, and the exit status is 1.
if [ "$records" = yes ]; then
	zcat -f -- "$@" >"$tmp/records.jsonl" || status=$?
else
	wire-split "$@" | wire-extract-entities | wire-classify-topics |
		wire-extract-events >"$tmp/records.jsonl" || status=$?
fi
r="$tmp/records.jsonl"

# Each event with the text of its evidence records: a document's records
# come before its events, so one document's sentences are held at a time.
jq -cn '
foreach (inputs, null) as $r ({doc: null, s: {}, ev: null};
	if $r == null then .ev = null
	elif $r.unit == "event" then
		.s as $s | .ev = ($r | .evidence |= map(. as $e | $s[$e.id] as $t
			| $e + {text: $t.text, doc_span: (if $t.span and $e.span then [$t.span[0] + $e.span[0], $t.span[0] + $e.span[1]] else null end)}))
	else (if $r.doc != .doc then {doc: $r.doc, s: {}} else . end)
		| .s[$r.id] = {text: $r.text, span: $r.span} | .ev = null
	end;
	.ev // empty)' "$r" >"$tmp/events.jsonl"

bash "$here/people.sh" --records --jsonl "$r" >"$tmp/people.jsonl"
bash "$here/country-mentions.sh" --records --jsonl "$r" >"$tmp/months.jsonl"
bash "$here/topic-trends.sh" --records --jsonl "$r" >"$tmp/shares.jsonl"
# Plain paths: wire-aggregate's fast path, which builds no jq value.
wire-aggregate --by 'country=.entities[]?.iso' --count --distinct 'articles=.doc' "$r" |
	jq -c 'select(.country != null)' >"$tmp/countries.jsonl"
# One line per document: its records but the meetings (whose date is the
# meeting's), with the article's metadata.
wire-aggregate --by .doc --by .unit --by .date --by .dateline --by .source --count \
	--sort key "$r" | jq -cs 'map(select(.unit != "event")) | group_by(.doc)[]
	| {doc: .[0].doc, date: .[0].date, dateline: .[0].dateline, source: .[0].source, count: (map(.count) | add)}' >"$tmp/docs.jsonl"

page='
def h: if . == null then "" else tostring | @html end;
def r1: . * 10 | round / 10 | tostring;
def pi: 3.141592653589793;
def next: (.[0:4] | tonumber) as $y | (.[5:7] | tonumber) as $m
	| if $m == 12 then "\($y + 1)-01" else "\($y)-" + (if $m < 9 then "0" else "" end) + "\($m + 1)" end;
def side: (.name // ("delegation of " + (.country // "?"))) + (if .country then " (" + .country + ")" else "" end);
def person: (if .country then " (" + .country + ")" else "" end) as $c
	| [([.rank, (.name // ("delegation of " + (.country // "?")))] | map(select(. != null)) | join(" ")), .role]
	| map(select(. != null and . != "")) | join(", ") + $c;
def palette: ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"];

($events | sort_by(.date // "", .doc, .id) | if $nmeetings > 0 then .[-$nmeetings:] else . end) as $listed
| (if ($docs | length) <= 500 then $docs
   else ([$listed[].doc] | unique) as $linked | $docs | map(select(.doc as $d | $linked | bsearch($d) >= 0)) end) as $shown
| ($shown | to_entries | map({(.value.doc): .key}) | add // {}) as $docno
| ([$events[] | select(.participants | length >= 2) | .participants as $p
	| range(0; $p | length) as $i | range($i + 1; $p | length) as $j
	| [$p[$i], $p[$j]] | sort_by(.key) | select(.[0].key != .[1].key)]
	| group_by([.[0].key, .[1].key]) | map({a: .[0][0], b: .[0][1], n: length})
	| sort_by(-.n, .a.key, .b.key)) as $allpairs
| (if $nedges > 0 then $allpairs[0:$nedges] else $allpairs end) as $pairs

# The meeting graph: nodes on a circle, a component after another (largest
# first), in each its busiest node first; the order is fixed by the data.
| ([$pairs[] | .a, .b] | unique_by(.key)) as $nodes
| ([$pairs[] | .a.key, .b.key] | group_by(.) | map({(.[0]): length}) | add // {}) as $deg
| ([[$nodes[] | {(.key): .key}] | add // {}, true]
	| until(.[1] | not; .[0] as $c
		| (reduce $pairs[] as $e ($c; ([.[$e.a.key], .[$e.b.key]] | min) as $m
			| .[$e.a.key] = $m | .[$e.b.key] = $m)) as $d | [$d, $d != $c]) | .[0]) as $comp
| ($nodes | group_by($comp[.key]) | sort_by(-length, $comp[.[0].key])
	| map(sort_by(-$deg[.key], .key)[]) ) as $order
| ($order | length) as $nn
# Up to 16 sides the labels are level; more, and they run out along the
# radius (rotated), where they cannot overlap.
| ($nn > 16) as $radial
| 960 as $gw | (if $radial then 900 else 520 end) as $gh
| (if $radial then $gh / 2 - 190 else $gh / 2 - 50 end) as $rad
| ($order | to_entries | map(.key as $i | (-pi / 2 + 2 * pi * $i / $nn) as $t
	| {(.value.key): {x: ($gw / 2 + $rad * ($t | cos)), y: ($gh / 2 + $rad * ($t | sin)),
		c: ($t | cos), s: ($t | sin), deg: ($t * 180 / pi), v: .value}}) | add // {}) as $pos
| ([$pairs[].n] | max // 1) as $nmax

| ($shares | map(select(.month != "undated"))) as $dated
| ($dated | group_by(.topic) | map({t: .[0].topic, n: (map(.sentences) | add)})
	| sort_by(-.n, .t) | .[0:6] | map(.t)) as $topics
| ([$dated[].month] | unique) as $ms
| (if ($ms | length) > 0 then [$ms[0] | recurse(next; . <= $ms[-1])] else [] end) as $months
| (($dated | map(select(.topic as $t | $topics | index($t))) | map(.share) | max // 0.1) * 10 | ceil / 10
	| if . < 0.1 then 0.1 else . end) as $ymax
| 960 as $cw | 340 as $ch | 56 as $cl | 210 as $cr | 20 as $ct | 70 as $cb
| ($cw - $cl - $cr) as $pw | ($ch - $ct - $cb) as $ph
| def cx($i): $cl + (if ($months | length) > 1 then $i * $pw / (($months | length) - 1) else $pw / 2 end);
  def cy($v): $ct + $ph * (1 - $v / $ymax);

"<!DOCTYPE html>",
"<html lang=\"en\">",
"<head>",
"<meta charset=\"utf-8\"/>",
"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>",
"<title>\($title | h)</title>",
"<style>",
"body { font: 14px/1.45 sans-serif; color: #222; margin: 0 auto; max-width: 1000px; padding: 0 16px 40px; }",
"h1 { font-size: 24px; margin: 24px 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #ccd; }",
".sum { color: #555; margin: 0 0 12px; } nav a { margin-right: 12px; }",
"table { border-collapse: collapse; width: 100%; font-size: 13px; }",
"th, td { border-bottom: 1px solid #e3e6ee; padding: 4px 6px; text-align: left; vertical-align: top; }",
"th { background: #f1f4fa; } td.n { text-align: right; font-variant-numeric: tabular-nums; }",
"blockquote { margin: 0 0 4px; color: #333; } mark { background: #fff0a8; }",
".src { color: #666; font-size: 12px; } figure { margin: 0; } figcaption { color: #555; font-size: 12px; }",
"svg { max-width: 100%; height: auto; } svg text { font-family: sans-serif; } td.d { white-space: nowrap; }",
"</style>",
"</head>",
"<body>",
"<h1>\($title | h)</h1>",
"<p class=\"sum\">\($docs | length) documents, \([$docs[].count] | add // 0) sentences, \($events | length) meetings (\($events | map(select(.participants | length >= 2)) | length) between named sides), \($people | length) people, \($countries | length) countries\(
	[$docs[].date | select(. != null)] | sort | if length > 0 then "; articles dated \(.[0]) to \(.[-1])" else "" end)\(
	$docs | map(select(.date == null)) | length | if . > 0 then ", \(.) without a date" else "" end).</p>",
"<nav><a href=\"#graph\">Who met whom</a><a href=\"#trends\">Topics per month</a><a href=\"#meetings\">Meetings</a><a href=\"#people\">People</a><a href=\"#countries\">Countries</a><a href=\"#documents\">Documents</a></nav>",

"<h2 id=\"graph\">Who met whom</h2>",
"<figure>",
(if $nn == 0 then "<p>No meeting between two named sides.</p>" else
"<svg width=\"\($gw)\" height=\"\($gh)\" viewBox=\"0 0 \($gw) \($gh)\" role=\"img\" aria-label=\"meeting graph\">",
"<title>Meeting graph: \($nn) sides, \($pairs | length) pair\(if ($pairs | length) > 1 then "s" else "" end)</title>",
($pairs[] | $pos[.a.key] as $p | $pos[.b.key] as $q
	| "<line x1=\"\($p.x | r1)\" y1=\"\($p.y | r1)\" x2=\"\($q.x | r1)\" y2=\"\($q.y | r1)\" stroke=\"#7a8fb3\" stroke-opacity=\"0.8\" stroke-width=\"\(1.5 + 6 * (.n - 1) / ([$nmax - 1, 1] | max) | r1)\"><title>\(.a | side | h) and \(.b | side | h): \(.n) meeting\(if .n > 1 then "s" else "" end)</title></line>",
	(select(.n > 1) | "<text x=\"\(($p.x + $q.x) / 2 | r1)\" y=\"\(($p.y + $q.y) / 2 - 3 | r1)\" font-size=\"11\" fill=\"#444\" text-anchor=\"middle\">\(.n)</text>")),
($order[] | $pos[.key] as $p
	| "<circle cx=\"\($p.x | r1)\" cy=\"\($p.y | r1)\" r=\"\(4 + ([$deg[.key], 8] | min) | r1)\" fill=\"#e8eef8\" stroke=\"#4a6da7\" stroke-width=\"1.5\"><title>\(side | h): \($deg[.key]) pair\(if $deg[.key] > 1 then "s" else "" end)</title></circle>",
	(if $radial then ($p.x + 14 * $p.c | r1) as $lx | ($p.y + 14 * $p.s | r1) as $ly
		| "<text x=\"\($lx)\" y=\"\($ly)\" font-size=\"11\" dominant-baseline=\"central\" text-anchor=\"\(if $p.c >= 0 then "start" else "end" end)\" transform=\"rotate(\(if $p.c >= 0 then $p.deg else $p.deg + 180 end | r1) \($lx) \($ly))\">\(side | h)</text>"
	else "<text x=\"\($p.x + 16 * $p.c | r1)\" y=\"\($p.y + 16 * $p.s + 4 | r1)\" font-size=\"12\" text-anchor=\"\(if $p.c > 0.2 then "start" elif $p.c < -0.2 then "end" else "middle" end)\">\(side | h)</text>" end)),
"</svg>" end),
"<figcaption>Nodes are people (or unnamed delegations) that met another side, from the meeting events of wire-extract-events; a line joins two sides that met, wider for more meetings (hover for the count).\(
	if ($allpairs | length) > ($pairs | length) then " The \($pairs | length) strongest of \($allpairs | length) pairs are drawn." else "" end) Multilateral meetings add no line: their attendees did not all meet.</figcaption>",
"</figure>",

"<h2 id=\"trends\">Topics per month</h2>",
"<figure>",
(if ($months | length) == 0 then "<p>No dated sentence with a topic.</p>" else
"<svg width=\"\($cw)\" height=\"\($ch)\" viewBox=\"0 0 \($cw) \($ch)\" role=\"img\" aria-label=\"topic shares per month\">",
"<title>Topic shares per month</title>",
(range(0; ($ymax * 10 | round) + 1) as $k | ($k / 10) as $v
	| "<line x1=\"\($cl)\" y1=\"\(cy($v) | r1)\" x2=\"\($cl + $pw)\" y2=\"\(cy($v) | r1)\" stroke=\"#e3e6ee\"/>",
	  "<text x=\"\($cl - 6)\" y=\"\(cy($v) + 4 | r1)\" font-size=\"11\" text-anchor=\"end\">\($v)</text>"),
# At most about 24 month labels: every second, third... past that.
(($months | length) / 24 | ceil) as $step
| ($months | to_entries[] | select(.key % $step == 0) | "<text x=\"\(cx(.key) | r1)\" y=\"\($ct + $ph + 14)\" font-size=\"11\" text-anchor=\"end\" transform=\"rotate(-45 \(cx(.key) | r1) \($ct + $ph + 14))\">\(.value | h)</text>"),
"<text x=\"14\" y=\"\($ct + $ph / 2)\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 14 \($ct + $ph / 2))\">share of the month&#39;s topic labels</text>",
($topics | to_entries[] | .key as $i | .value as $t | palette[$i] as $col
	| ($dated | map(select(.topic == $t) | {(.month): .share}) | add) as $s
	| [$months | to_entries[] | {x: cx(.key), y: cy($s[.value] // 0), v: ($s[.value] // 0), m: .value}] as $pts
	| "<polyline fill=\"none\" stroke=\"\($col)\" stroke-width=\"2\" points=\"\($pts | map("\(.x | r1),\(.y | r1)") | join(" "))\"/>",
	  ($pts[] | "<circle cx=\"\(.x | r1)\" cy=\"\(.y | r1)\" r=\"3\" fill=\"\($col)\"><title>\($t | h), \(.m | h): \(.v)</title></circle>"),
	  "<line x1=\"\($cw - $cr + 16)\" y1=\"\($ct + 10 + 18 * $i)\" x2=\"\($cw - $cr + 36)\" y2=\"\($ct + 10 + 18 * $i)\" stroke=\"\($col)\" stroke-width=\"3\"/>",
	  "<text x=\"\($cw - $cr + 42)\" y=\"\($ct + 14 + 18 * $i)\" font-size=\"12\">\($t | h)</text>"),
"</svg>" end),
"<figcaption>Share of each topic among the topic labels of the month'"'"'s sentences (wire-classify-topics), the \($topics | length) most frequent topics; months without a label are 0.\(
	$shares | map(select(.month == "undated") | .sentences) | add // 0 | if . > 0 then " \(.) labels of undated sentences are not drawn." else "" end)</figcaption>",
"</figure>",

"<h2 id=\"meetings\">Meetings</h2>",
(if ($events | length) == 0 then "<p>No meeting found.</p>" else
"<table>",
"<tr><th>date</th><th>mode</th><th>who</th><th>where, at</th><th>topics</th><th>evidence</th></tr>",
($listed[]
	| "<tr><td class=\"d\">\(.date | h)</td><td>\(.mode | h)</td><td>\(
		if (.participants | length) > 0 then .participants | map(person | h) | join("<br/>")
		else "attendees: " + (.attendees // [] | map(person | h) | join("<br/>")) end)</td><td>\(
		[.place.name, .at.name] | map(select(. != null) | h) | join("<br/>"))</td><td>\((.topics // []) | map(h) | join(", "))</td><td>\(
		.doc as $doc | .evidence | map(
			(if .text then (.text as $x | .span as $sp
				| "<blockquote>" + ($x[0:$sp[0]] | h) + "<mark>" + ($x[$sp[0]:$sp[1]] | h) + "</mark>" + ($x[$sp[1]:] | h) + "</blockquote>")
			 else "" end)
			+ "<span class=\"src\">" + (if $docno[$doc] then "<a href=\"#doc-\($docno[$doc])\">\($doc | h)</a>" else ($doc | h) end) + " \(.id | h), "
			+ (if .doc_span then "code points \(.doc_span[0])&#8211;\(.doc_span[1]) of the document" else "span \(.span | tostring | h) of the sentence" end)
			+ "</span>") | join("<br/>"))</td></tr>"),
"</table>",
(if ($listed | length) < ($events | length) then "<p class=\"src\">The \($listed | length) latest of \($events | length) meetings.</p>" else empty end)
end),

"<h2 id=\"people\">People</h2>",
(if ($people | length) == 0 then "<p>No person found.</p>" else
"<table>",
"<tr><th>name</th><th>rank</th><th>role</th><th>country</th><th>mentions</th><th>articles</th><th>meetings</th><th>first</th><th>last</th></tr>",
(([$events[] | [(.participants[]?, .attendees[]?) | .key] | unique[]] | group_by(.) | map({(.[0]): length}) | add // {}) as $met
| (if $npeople > 0 then $people[0:$npeople] else $people end)[]
	| "<tr><td>\(.name | h)</td><td>\(.rank | h)</td><td>\(.role | h)</td><td>\(.country | h)</td><td class=\"n\">\(.mentions)</td><td class=\"n\">\(.articles)</td><td class=\"n\">\($met[.key] // 0)</td><td class=\"d\">\(.first | h)</td><td class=\"d\">\(.last | h)</td></tr>"),
"</table>",
(if $npeople > 0 and ($people | length) > $npeople then "<p class=\"src\">The \($npeople) most mentioned of \($people | length) people (pipelines/people.sh has them all).</p>" else empty end)
end),

"<h2 id=\"countries\">Countries</h2>",
(if ($countries | length) == 0 then "<p>No country found.</p>" else
"<table>",
"<tr><th>country</th><th>mentions</th><th>articles</th><th>meetings</th><th>mentions by month</th></tr>",
(([$events[] | .countries[]?] | group_by(.) | map({(.[0]): length}) | add // {}) as $cmeet
| ($countries | sort_by(-.count, .country)[])
	| .country as $c
	| "<tr><td>\(.country | h)</td><td class=\"n\">\(.count)</td><td class=\"n\">\(.articles)</td><td class=\"n\">\($cmeet[$c] // 0)</td><td>\(
		$cmonths | map(select(.country == $c) | "\(.month | h)&#160;\(.mentions)") | join(", "))</td></tr>"),
"</table>" end),

"<h2 id=\"documents\">Documents</h2>",
"<table>",
"<tr><th>#</th><th>document</th><th>date</th><th>dateline</th><th>source</th><th>sentences</th><th>meetings</th></tr>",
(($events | group_by(.doc) | map({(.[0].doc): length}) | add // {}) as $dmeet
| $shown | to_entries[]
	| "<tr id=\"doc-\(.key)\"><td class=\"n\">\(.key + 1)</td><td>\(.value.doc | h)</td><td class=\"d\">\(.value.date | h)</td><td>\(.value.dateline | h)</td><td>\(.value.source | h)</td><td class=\"n\">\(.value.count)</td><td class=\"n\">\($dmeet[.value.doc] // 0)</td></tr>"),
"</table>",
(if ($shown | length) < ($docs | length) then "<p class=\"src\">The \($shown | length) of \($docs | length) documents that the meetings above cite.</p>" else empty end),
"<p class=\"src\">Made by wire (pipelines/report.sh): wire-split, wire-extract-entities, wire-classify-topics, wire-extract-events and wire-aggregate. Spans are in code points (Unicode characters) of the document as wire-split read it.</p>",
"</body>",
"</html>"'

if [ "$out" = - ]; then dest=/dev/stdout; else dest="$tmp/page.html"; fi
jq -nr --arg title "$title" --argjson npeople "$npeople" --argjson nedges "$nedges" \
	--argjson nmeetings "$nmeetings" \
	--slurpfile events "$tmp/events.jsonl" --slurpfile people "$tmp/people.jsonl" \
	--slurpfile cmonths "$tmp/months.jsonl" --slurpfile shares "$tmp/shares.jsonl" \
	--slurpfile countries "$tmp/countries.jsonl" --slurpfile docs "$tmp/docs.jsonl" \
	"$page" >"$dest"
[ "$out" = - ] || mv -- "$tmp/page.html" "$out"
exit "$status"
