#!/bin/sh
# The meeting network as a picture: who met whom (or which countries met
# which, with --by country), from the meeting events of wire-extract-events.
# Nodes are people (name and country) or countries; an edge joins two sides
# that met, its width and label the number of meetings, its label also
# the two top topics of their talks. Writes PREFIX.dot, and PREFIX.svg and
# PREFIX.png when Graphviz's `dot` is installed (Debian: apt-get install
# graphviz); `-o -` writes the DOT text on standard output only.
#
#   sh pipelines/meeting-graph.sh share/wire/samples/*.txt     (meeting-graph.dot/.svg/.png)
#   sh pipelines/meeting-graph.sh --by country -o out/ties archive/*.gz
#
# Multilateral meetings add no edges: their attendees did not all meet.
set -eu
by=person
out=meeting-graph
while [ $# -gt 0 ]; do
	case $1 in
	--by) by=${2:?meeting-graph.sh: --by needs person or country}; shift 2 ;;
	-o) out=${2:?meeting-graph.sh: -o needs a prefix}; shift 2 ;;
	-h|--help) sed -n '2,15s/^# \{0,1\}//p' "$0"; exit 0 ;;
	--) shift; break ;;
	-*) echo "meeting-graph.sh: unknown option '$1'" >&2; exit 2 ;;
	*) break ;;
	esac
done
case $by in
person|country) ;;
*) echo "meeting-graph.sh: --by needs person or country, not '$by'" >&2; exit 2 ;;
esac

# One line per pair of sides of each event: [node_a, node_b, label_a,
# label_b, topics], nodes sorted so that a pair has one spelling.
pairs='
def node: if $by == "country" then (.country // "?") else .key end;
def lab: if $by == "country" then (.country // "?")
	else (.name // ("delegation of " + (.country // "?"))) + (if .country then " (" + .country + ")" else "" end) end;
select(.unit == "event") | .topics as $t | .participants as $p
| range(0; $p | length) as $i | range($i + 1; $p | length) as $j
| [$p[$i], $p[$j]] | sort_by(node) | select((.[0] | node) != (.[1] | node))
| [(.[0] | node), (.[1] | node), (.[0] | lab), (.[1] | lab), $t]'

# The DOT text from all pairs: edges weighted by meetings, labelled with
# the two most frequent topics.
dot_text='
def q: tojson;
(map({(.[0]): .[2], (.[1]): .[3]}) | add // {}) as $nodes
| (group_by(.[0:2]) | map({a: .[0][0], b: .[0][1], n: length,
	top: ([.[][4][]] | group_by(.) | map([length, .[0]]) | sort_by(-.[0], .[1]) | .[0:2] | map(.[1]))})) as $edges
| "graph meetings {",
  "  graph [layout=neato, overlap=scale, splines=true, sep=\"+12\", fontname=\"Helvetica\"];",
  "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#e8eef8\", color=\"#4a6da7\", fontname=\"Helvetica\", fontsize=11];",
  "  edge [len=2.6, color=\"#7a8fb3\", fontname=\"Helvetica\", fontsize=9, fontcolor=\"#444444\"];",
  ($nodes | to_entries | sort_by(.key)[] | "  \(.key | q) [label=\(.value | q)];"),
  ($edges[] | "  \(.a | q) -- \(.b | q) [penwidth=\(1 + .n), label=\"\(([.n | tostring] + .top) | join("\\n"))\"];"),
  "}"'

graph() {
	wire-split "$@" |
		wire-extract-entities |
		wire-classify-topics |
		wire-extract-events --only |
		jq -c --arg by "$by" "$pairs" |
		jq -rs "$dot_text"
}

# -o -: the DOT text on standard output, no file written
if [ "$out" = - ]; then
	graph "$@"
	exit 0
fi
graph "$@" >"${out}.tmp.dot"
mv -- "${out}.tmp.dot" "${out}.dot"
if ! command -v dot >/dev/null 2>&1; then
	echo "meeting-graph.sh: wrote ${out}.dot; 'dot' is missing, so no SVG or PNG (Debian: apt-get install graphviz)" >&2
	exit 0
fi
dot -Tsvg -o "${out}.svg" "${out}.dot"
dot -Tpng -Gdpi=110 -o "${out}.png" "${out}.dot"
echo "meeting-graph.sh: wrote ${out}.dot, ${out}.svg and ${out}.png" >&2
