#!/bin/sh
# Meeting events (wire-extract-events) and the person facts they rest on
# (wire-extract-entities), scored on hand-annotated articles written in the
# manner of real outlets, beside the same-sentence and same-article
# co-occurrence baselines computed in the same run. See
# bench/events/GUIDELINES.md.
#
#   sh bench/events.sh            dev part (tune on this one)
#   SET=test sh bench/events.sh   held-out part (report only; never -v)
#   sh bench/events.sh -v         dev, with each article's misses and false alarms
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v perl >/dev/null 2>&1; then
	echo "events.sh: perl is missing; skipped" >&2
	exit 0
fi
exec perl "$top/bench/events/score" "$@"
