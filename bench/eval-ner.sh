#!/bin/sh
# Per-type precision, recall and F1 (conlleval rules: exact match) of the
# shipped NER model on the two parts of CoNLL-2003 dev (bench/conll-split.sh):
# the TUNING part, on which every decision about the tagger was made, and
# the HELD-BACK part, looked at once the recipe was frozen: the figure to
# expect on unseen text. Beside each, a baseline scored in the same run:
# each word gets its most frequent tag in train.txt (O when unseen), a
# lexical baseline close to the shared task's own (F1 71.2 on dev).
#
#   sh bench/eval-ner.sh [CONLL_DIR]          (make eval-ner CONLL=DIR)
#
# NER_EVAL_PARTS="tune" scores the tuning part alone (while working on the
# tagger); default "tune held". NER_MODEL: another model file.
# When bench/eval-ner-text.sh exists, it is run last with the same parts
# (the tagger through the whole tool on running text).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
conll=${1:-$top/../shared/data/conll2003}
parts=${NER_EVAL_PARTS:-tune held}
if [ ! -f "$conll/dev.txt" ] || [ ! -f "$conll/train.txt" ]; then
	echo "eval-ner: no '$conll/dev.txt' or train.txt: CoNLL-2003 is research data outside the project (set CONLL=DIR); skipped" >&2
	exit 1
fi
for p in $parts; do
	case $p in
	tune|held) ;;
	*) echo "eval-ner: NER_EVAL_PARTS: unknown part '$p' (tune, held)" >&2; exit 2 ;;
	esac
done
bin=$top/bin/wire-extract-entities
[ -x "$bin" ] || { echo "eval-ner: build first: make" >&2; exit 1; }
model=${NER_MODEL:-$top/share/wire/ner.model}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
sh "$top/bench/conll-split.sh" "$conll/dev.txt" "$tmp"

# baseline PART: the majority tag of each word in train.txt
baseline() {
awk '
FNR == NR {
	if (NF >= 4 && $1 != "-DOCSTART-") {
		c[$1, $NF]++
		if (c[$1, $NF] > best[$1]) { best[$1] = c[$1, $NF]; tag[$1] = $NF }
	}
	next
}
function type(t) { return t == "O" ? "" : substr(t, 3) }
function close_chunk(kind) {
	if (kind == "g" && gt != "") G[gs "," i - 1 "," gt] = 1
	if (kind == "p" && pt != "") P[ps "," i - 1 "," pt] = 1
}
function step(t, kind,   ty, prev, start) {
	ty = type(t)
	prev = kind == "g" ? gt : pt
	start = ty != "" && (substr(t, 1, 1) == "B" || ty != prev)
	if (prev != "" && (ty != prev || start)) close_chunk(kind)
	if (kind == "g") { if (ty == "") gt = ""; else if (start) { gt = ty; gs = i } }
	else { if (ty == "") pt = ""; else if (start) { pt = ty; ps = i } }
}
/^-DOCSTART-/ { next }
NF < 4 { step("O", "g"); step("O", "p"); i++; next }
{
	p = ($1 in tag) ? tag[$1] : "O"
	step($NF, "g"); step(p, "p"); i++
}
END {
	step("O", "g"); step("O", "p")
	for (k in G) { split(k, a, ","); ng[a[3]]++; if (k in P) tp[a[3]]++ }
	for (k in P) { split(k, a, ","); np[a[3]]++ }
	n = split("LOC MISC ORG PER", ty, " ")
	for (j = 1; j <= n; j++) { t = ty[j]; TG += ng[t]; TP += np[t]; TT += tp[t] }
	pr = TP ? 100 * TT / TP : 0; rc = TG ? 100 * TT / TG : 0
	printf "found: %d phrases; correct: %d.\nprecision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n", TP, TT, pr, rc, pr + rc ? 2 * pr * rc / (pr + rc) : 0
	for (j = 1; j <= n; j++) {
		t = ty[j]; pr = np[t] ? 100 * tp[t] / np[t] : 0; rc = ng[t] ? 100 * tp[t] / ng[t] : 0
		printf "%9s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %d\n", t, pr, rc, pr + rc ? 2 * pr * rc / (pr + rc) : 0, np[t]
	}
}' "$conll/train.txt" "$1"
}

for p in $parts; do
	case $p in
	tune) what="tuning part of dev.txt (decisions were made on it)" ;;
	held) what="held-back part of dev.txt (scored once the recipe was frozen)" ;;
	esac
	echo "== wire NER model ($model) on the $what: $(grep -c '^-DOCSTART-' "$tmp/$p.txt") documents"
	"$bin" eval --conll "$tmp/$p.txt" --model "$model"
	echo "== baseline on the same part: majority tag of each word in train.txt, O for unknown words"
	baseline "$tmp/$p.txt"
done

if [ -f "$top/bench/eval-ner-text.sh" ]; then
	# shellcheck disable=SC2086
	sh "$top/bench/eval-ner-text.sh" "$conll" "$parts"
fi
