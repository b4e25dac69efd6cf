#!/bin/sh
# bench/dedup-ab.sh — two builds of wire side by side on the speed corpus of
# bench/dedup.sh: zcat, then the old build, then the new one, RUNS rounds,
# wall and CPU seconds from GNU time; medians, the pipeline/zcat ratio taken
# round by round, and the smallest CPU time of each side. The machine may be
# shared: only figures of one run compare.
#
#   git worktree add --detach /tmp/wire-old HEAD~3 && make -C /tmp/wire-old
#   sh bench/dedup-ab.sh /tmp/wire-old [NEW_TOP] [RUNS] [pipe|split|dedup|dedup1]
#
# pipe:   wire-split --by doc speed.jsonl.gz | wire-dedup   (the default)
# split:  wire-split --by doc speed.jsonl.gz
# dedup:  wire-dedup on the doc records (made once by the new build)
# dedup1: the same with -j 1
# Needs the corpus bench/dedup.sh makes (build/bench/dedup/speed.jsonl.gz).
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${1:-}" ]; then
	# make bench runs every script without arguments: say what this one needs
	echo "bench/dedup-ab.sh: compares two builds: sh bench/dedup-ab.sh OLD_TOP [NEW_TOP] [RUNS]"
	echo "[pipe|split|dedup|dedup1] (OLD_TOP: a built checkout, e.g. a git worktree); nothing measured"
	exit 0
fi
old=$1
new=${2:-$top}
runs=${3:-11}
what=${4:-pipe}
work=${WORK:-$top/build/bench/dedup}
gz="$work/speed.jsonl.gz"
[ -f "$gz" ] || { echo "bench/dedup-ab.sh: $gz not found: run bench/dedup.sh once"; exit 0; }
[ -x /usr/bin/time ] || { echo "bench/dedup-ab.sh: GNU time (/usr/bin/time) is needed" >&2; exit 1; }
for t in "$old" "$new"; do
	[ -x "$t/bin/wire-dedup" ] && [ -x "$t/bin/wire-split" ] || { echo "build $t first" >&2; exit 1; }
done
docs="$work/ab.docs.jsonl"
case $what in dedup|dedup1) "$new/bin/wire-split" --by doc "$gz" >"$docs" ;; esac
out="$work/ab.rounds"
: >"$out"
for _ in $(seq "$runs"); do
	for side in zcat old new; do
		t=$old
		[ "$side" = new ] && t=$new
		case $side/$what in
		zcat/*) c="zcat '$gz'" ;;
		*/pipe) c="'$t/bin/wire-split' --by doc '$gz' | '$t/bin/wire-dedup'" ;;
		*/split) c="'$t/bin/wire-split' --by doc '$gz'" ;;
		*/dedup) c="'$t/bin/wire-dedup' '$docs'" ;;
		*/dedup1) c="'$t/bin/wire-dedup' -j 1 '$docs'" ;;
		*) echo "unknown: $what" >&2; exit 1 ;;
		esac
		/usr/bin/time -f "$side %e %U %S" -a -o "$out" sh -c "$c >/dev/null"
	done
done
rm -f "$docs"
echo "$what: old $old, new $new; $runs rounds"
awk '
function med(a, n,   i, j, t) {
	for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j > 0 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function mn(a, n,   i, m) { m = a[1]; for (i = 2; i <= n; i++) if (a[i] < m) m = a[i]; return m }
$1 == "zcat" { nz++; zw[nz] = $2; z = $2 }
$1 == "old" { no++; ow[no] = $2; oc[no] = $3 + $4; ro[no] = z / $2 }
$1 == "new" { nn++; nw[nn] = $2; nc[nn] = $3 + $4; rn[nn] = z / $2 }
END {
	printf "zcat  median wall %.3f s\n", med(zw, nz)
	printf "old   median wall %.3f s, CPU %.3f s (least %.3f); zcat/old %.3f\n", med(ow, no), med(oc, no), mn(oc, no), med(ro, no)
	printf "new   median wall %.3f s, CPU %.3f s (least %.3f); zcat/new %.3f\n", med(nw, nn), med(nc, nn), mn(nc, nn), med(rn, nn)
}' "$out"
