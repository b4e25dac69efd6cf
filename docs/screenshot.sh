#!/bin/bash
# docs/report.png: a screenshot of pipelines/report.sh's page over the
# sample articles, taken by headless Chromium (Debian: apt-get install
# chromium). A docs script: CI does not run it. Run it from anywhere after
# `make`; it writes docs/report.png (or the file named by -o) and prints
# its size.
#
#   sh docs/screenshot.sh                       (docs/report.png, 1000x1500)
#   sh docs/screenshot.sh -o /tmp/r.png --size 1200,3000
#
# The page is rendered as it reads offline (file://, nothing to fetch);
# the top of the page (summary, meeting graph, topic chart, the first
# meetings) fits the default size. Keep the committed PNG under 300 KB.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/docs/report.png"
size=1000,1500
while [ $# -gt 0 ]; do
	case $1 in
	-o) out=${2:?screenshot.sh: -o needs a file}; shift 2 ;;
	--size) size=${2:?screenshot.sh: --size needs WIDTH,HEIGHT}; shift 2 ;;
	-h|--help) sed -n '2,/^set -eu/{/^set -eu/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
	*) echo "screenshot.sh: unknown argument '$1'" >&2; exit 2 ;;
	esac
done
case $size in
[0-9]*,[0-9]*) ;;
*) echo "screenshot.sh: --size needs WIDTH,HEIGHT, not '$size'" >&2; exit 2 ;;
esac
chromium=${CHROMIUM:-chromium}
if ! command -v "$chromium" >/dev/null 2>&1; then
	echo "screenshot.sh: '$chromium' is missing (Debian: apt-get install chromium)" >&2
	exit 1
fi
if [ ! -x "$top/bin/wire-split" ]; then
	echo "screenshot.sh: no $top/bin/wire-split: run make first" >&2
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
S="$top/share/wire/samples"
PATH="$top/bin:$PATH" "$top/pipelines/report.sh" --title "wire report: the sample articles" \
	-o "$tmp/report.html" "$S"/*.txt "$S"/*.gz "$S"/*.jsonl "$S"/*.csv
# Chromium refuses to run as root inside its sandbox; its own profile in
# $tmp keeps it from reading or writing the user's.
sandbox=
[ "$(id -u)" = 0 ] && sandbox=--no-sandbox
"$chromium" --headless $sandbox --disable-gpu --hide-scrollbars --no-first-run \
	--user-data-dir="$tmp/profile" --force-device-scale-factor=1 \
	--window-size="$size" --screenshot="$tmp/shot.png" "file://$tmp/report.html" \
	>"$tmp/chromium.log" 2>&1 || { cat "$tmp/chromium.log" >&2; exit 1; }
if [ ! -s "$tmp/shot.png" ]; then
	cat "$tmp/chromium.log" >&2
	echo "screenshot.sh: chromium wrote no screenshot" >&2
	exit 1
fi
mv -- "$tmp/shot.png" "$out"
echo "screenshot.sh: wrote $out ($(wc -c <"$out") bytes, $size)"
