#!/bin/sh
# Per-type precision, recall and F1 (conlleval rules: exact match) of the
# shipped NER model on CoNLL-2003 dev, beside a baseline scored in the same
# run: each word gets its most frequent tag in train.txt (O when unseen), a
# lexical baseline close to the shared task's own (F1 71.2 on dev).
#
#   sh bench/eval-ner.sh [CONLL_DIR]          (make eval-ner CONLL=DIR)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
conll=${1:-$top/../shared/data/conll2003}
if [ ! -f "$conll/dev.txt" ]; then
	echo "eval-ner: no '$conll/dev.txt': CoNLL-2003 is research data outside the project (set CONLL=DIR); skipped" >&2
	exit 1
fi
bin=$top/bin/wire-extract-entities
[ -x "$bin" ] || { echo "eval-ner: build first: make" >&2; exit 1; }
model=${NER_MODEL:-$top/share/wire/ner.model}

echo "== wire NER model ($model) on $conll/dev.txt"
"$bin" eval --conll "$conll/dev.txt" --model "$model"

echo "== baseline: majority tag of each word in train.txt, O for unknown words"
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
}' "$conll/train.txt" "$conll/dev.txt"
