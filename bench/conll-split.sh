#!/bin/sh
# Splits CoNLL-2003 eng.testa (dev.txt) by document into the two parts that
# bench/eval-ner.sh scores: a TUNING part, on which every decision about the
# tagger (features, epochs, thresholds) is made, and a HELD-BACK part, scored
# once at the end as the stand-in for unseen text.
#
#   sh bench/conll-split.sh DEV.TXT OUTDIR     -> OUTDIR/tune.txt OUTDIR/held.txt
#
# Document k (the k-th -DOCSTART-, from 1) is held back when bit 15 of
# (k * 40503 + 7) mod 65536 is set (Knuth's multiplicative hash, exact in
# any awk): 108 of the 216 documents, spread over the file rather than one
# block (dev.txt is ordered by topic and day).
set -eu
[ $# -eq 2 ] || { echo "usage: conll-split.sh DEV.TXT OUTDIR" >&2; exit 2; }
[ -r "$1" ] || { echo "conll-split.sh: cannot read '$1'" >&2; exit 1; }
mkdir -p "$2"
awk -v tune="$2/tune.txt" -v held="$2/held.txt" '
/^-DOCSTART-/ { k++; out = (int(((k * 40503 + 7) % 65536) / 32768) == 1) ? held : tune }
{ if (k == 0) { print > tune; print > held } else print > out }
' "$1"
