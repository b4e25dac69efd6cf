#!/bin/sh
# Counts date_find's errors on the DEVELOPMENT part of TempEval-3 train by
# class (dates-eval -v -p dev; the held-back part is never listed):
#   missed / spurious by TIMEX3 type, boundary (overlap, other span), and
#   wrong values by cause:
#     type         DATE against DURATION / a REF value against a date
#     granularity  the same time at another precision (1998 / 1998-10,
#                  1998-W12 / 1998-03-22, a part of day added or left out)
#     underspec    the gold value has X digits (1989-WXX, XXXX-WXX-1)
#     direction    same form, another point in time (the week before, the
#                  year after: anchor, tense or reference time)
#     other
#   sh bench/dates-errors.sh [TEMPEVAL3_DIR]
# Run bench/dates.sh first (it builds build/bench/dates-eval).
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-${TEMPEVAL3:-$top/../shared/data/tempeval3}}
data=$dir/train.jsonl
if [ ! -r "$data" ]; then
	echo "dates-errors.sh: TempEval-3 data not found at '$data'" >&2
	exit 0
fi
"$top/build/bench/dates-eval" -v -p dev "$data" 2>&1 >/dev/null | awk -F'\t' '
function kind(v) {
	if (v ~ /^P[0-9X]/ || v ~ /^PT/) return "DURATION"
	if (v ~ /_REF$/) return "REF"
	return "DATE"
}
function shape(v) { gsub(/[0-9]/, "9", v); return v }
$1 == "MISSED" { n["missed " $4]++; next }
$1 == "SPURIOUS" { n["spurious " (kind($3) == "DURATION" ? "DURATION" : "DATE/TIME")]++; next }
$1 == "BOUNDARY" { n["boundary"]++; next }
$1 == "VALUE" {
	s = $3; g = $4; sub(/^want /, "", g); sub(/ .*/, "", g)
	if (kind(s) != kind(g)) c = "type"
	else if (g ~ /X/) c = "underspec"
	else if (shape(s) != shape(g) && (index(s, g) == 1 || index(g, s) == 1 || substr(s, 1, 4) == substr(g, 1, 4)))
		c = "granularity"
	else if (shape(s) == shape(g)) c = "direction"
	else c = "other"
	n["value " c]++
}
END { for (k in n) printf "%-24s %5d\n", k, n[k] }' | sort
