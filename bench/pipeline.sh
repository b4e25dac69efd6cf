#!/bin/bash
# bench/pipeline.sh — the pipeline  wire-split | wire-extract-entities |
# wire-classify-topics | wire-extract-events  (four stages, then
# wire-aggregate: who met whom) over a gzip corpus, in one run:
#   1. MB/s on one core (taskset -c 0, every tool -j 1), with -j 1 on two
#      cores (the processes of the pipeline run side by side), with -j 2,
#      with GNU parallel on two local jobs (pipelines/parallel.sh -j 2, one
#      job per file, tools -j 1) and on a single-node Slurm cluster with two
#      tasks (pipelines/slurm.sh -N 2 -c 1; the cluster is brought up by
#      tests/cluster/lib.sh and its bring-up time printed) — each beside
#      zcat over the same files in the same run, and as a ratio to one core
#      (target: two cores >= 1.8x one core). Every engine's result must
#      equal the one-core result (sorted), or the script says so.
#   2. peak RSS and CPU seconds of every stage alone, at two input sizes
#      (flat memory as the input grows; the CPU share says which stage
#      limits the pipeline).
# MB are of uncompressed JSON-lines. The load average is printed beside the
# figures: on a shared machine they are only as good as the idle cores.
#
# Data: news documents made from the texts of ../shared/data (Reuters-21578
# train, AG News, the BBC texts of ner-resources; research data, read here
# only, never copied into the project) as JSON-lines {id, date, text},
# repeated with distinct ids to SIZE_MB (default 200) MB in PARTS (default 8)
# gzip files under build/bench/, built once under nice. When the data is
# missing the script says so and exits 0.
# USE=K measures on the first K parts only (default: all); RSS_MB (default
# 4): the smaller RSS input (the larger is 4x); SLURM=0 skips Slurm;
# BUILD_ONLY=1 builds the corpus and stops; BIN=DIR times the tools in DIR.
set -u -o pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${WIRE_SHARED:-$top/../shared}
size_mb=${SIZE_MB:-200}
parts=${PARTS:-8}
bin=${BIN:-$top/bin}
dir=$top/build/bench/pipeline-$size_mb
PATH=$bin:$PATH
export PATH LC_ALL=C

[ -x "$bin/wire-extract-events" ] || { echo "bench/pipeline.sh: build first (make)" >&2; exit 1; }
for t in python3 taskset parallel /usr/bin/time; do
	command -v "$t" >/dev/null || { echo "bench/pipeline.sh: $t is needed" >&2; exit 1; }
done

if [ ! -s "$dir/part-$((parts - 1)).jsonl.gz" ]; then
	if [ ! -d "$shared/data/reuters21578" ] && [ ! -d "$shared/data/ag_news" ]; then
		echo "bench/pipeline.sh: $shared/data is missing (the corpus is built from its Reuters-21578 and AG News texts): nothing measured"
		exit 0
	fi
	echo "# building the corpus in $dir: $size_mb MB of news JSON-lines from $shared/data (research use only), $parts gzip parts, under nice"
	mkdir -p "$dir"
	nice -n 10 python3 - "$shared/data" "$size_mb" "$parts" "$dir" <<'PY' || exit 1
import csv, glob, gzip, json, os, subprocess, sys, datetime
data, size, parts, out = sys.argv[1], int(sys.argv[2]) * 1000000, int(sys.argv[3]), sys.argv[4]
docs = []
p = os.path.join(data, "reuters21578", "train.jsonl")
if os.path.exists(p):
    for line in open(p, encoding="utf-8"):
        d = json.loads(line)
        docs.append(("r" + str(d["id"]), d["text"]))
p = os.path.join(data, "ag_news", "train_subset20k.csv")
if os.path.exists(p):
    for i, row in enumerate(csv.reader(open(p, encoding="utf-8"))):
        if len(row) >= 3:
            docs.append(("ag%d" % i, row[1] + ".\n\n" + row[2]))
for p in sorted(glob.glob(os.path.join(data, "ner-resources", "text", "bbc", "*", "*.txt"))):
    t = open(p, encoding="utf-8", errors="replace").read()
    docs.append(("bbc-" + os.path.basename(os.path.dirname(p)) + "-" + os.path.basename(p)[:-4], t))
if not docs:
    sys.exit("no documents found")
day0 = datetime.date(2024, 1, 1)
per_part = size // parts + 1
k = n = 0
for part in range(parts):
    tmp = os.path.join(out, "part-%d.jsonl.gz.tmp" % part)
    with open(tmp, "wb") as f:
        z = subprocess.Popen(["gzip", "-6"], stdin=subprocess.PIPE, stdout=f)
        w = 0
        while w < per_part:
            i, t = docs[n % len(docs)]
            copy = n // len(docs)
            date = (day0 + datetime.timedelta(days=n % 731)).isoformat()
            line = json.dumps({"id": "c%d-%s" % (copy, i), "date": date, "text": t},
                              ensure_ascii=False).encode() + b"\n"
            z.stdin.write(line)
            w += len(line)
            n += 1
        z.stdin.close()
        z.wait()
    os.rename(tmp, os.path.join(out, "part-%d.jsonl.gz" % part))
print("# corpus: %d documents (%d distinct texts), %d parts" % (n, len(docs), parts))
PY
fi

[ "${BUILD_ONLY:-0}" = 1 ] && exit 0
use=${USE:-$parts}
files=()
for ((i = 0; i < use; i++)); do files+=("$dir/part-$i.jsonl.gz"); done
work=$(mktemp -d) || exit 1
slurm_pids=''
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

mb=$(for f in "${files[@]}"; do gzip -dc "$f"; done | wc -c | awk '{ printf "%.1f", $1 / 1e6 }')
gzmb=$(cat "${files[@]}" | wc -c | awk '{ printf "%.1f", $1 / 1e6 }')
echo "# input: ${#files[@]} of $parts parts, $mb MB of JSON-lines ($gzmb MB gzip); $(nproc) processors"

now() { date +%s.%N; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
spec=(--pairs 'people=.participants[]?.key' --count --distinct 'articles=.doc')

# pipe J [PREFIX...]: the pipeline with every tool at -j J over all the
# files, each tool started behind PREFIX (taskset)
pipe() {
	local j=$1
	shift
	"$@" wire-split -j "$j" --no-progress "${files[@]}" | "$@" wire-extract-entities -j "$j" --no-progress |
		"$@" wire-classify-topics -j "$j" --no-progress | "$@" wire-extract-events -j "$j" --no-progress |
		"$@" wire-aggregate --no-progress "${spec[@]}"
}
zc() { for f in "${files[@]}"; do gzip -dc "$f"; done >/dev/null; }

# measure LABEL OUTFILE CMD...: runs zcat then CMD; prints the MB/s of both,
# the load average, and keeps CMD's seconds in $secs
measure() {
	local label=$1 outf=$2 t0 t1 z
	shift 2
	t0=$(now); zc; t1=$(now)
	z=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
	local l0; l0=$(load)
	t0=$(now); "$@" >"$outf"; local st=$?; t1=$(now)
	secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
	awk -v l="$label" -v mb="$mb" -v s="$secs" -v z="$z" -v l0="$l0" -v l1="$(load)" -v st="$st" 'BEGIN {
		printf "%-44s %7.2f MB/s (%6.1f s)   zcat %7.1f MB/s   load %s -> %s%s\n",
			l, mb / s, s, mb / z, l0, l1, (st ? "   EXIT " st : "") }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
sameas() {
	cmp -s <(sort "$work/one") <(sort "$1") || echo "  !! $2: the result differs from the one-core run"
}

echo "== pipeline MB/s (4 stages + aggregate), each beside zcat in the same run"
measure "one core (taskset -c 0, -j 1)" "$work/one" pipe 1 taskset -c 0
s1=$secs
measure "two cores, every tool -j 1" "$work/j1" pipe 1
sj1=$secs; sameas "$work/j1" "-j 1"
measure "two cores, every tool -j 2" "$work/j2" pipe 2
sj2=$secs; sameas "$work/j2" "-j 2"
measure "parallel.sh -j 2 (two local jobs, tools -j 1)" "$work/par" \
	"$top/pipelines/parallel.sh" -j 2 --threads 1 "${spec[@]}" -- "${files[@]}"
spar=$secs; sameas "$work/par" "parallel"
sslurm=''
if [ "${SLURM:-1}" != 0 ]; then
	(
		# the test fixture: munged, slurmctld, slurmd in a scratch folder,
		# stopped by PID when this subshell ends
		WIRE_BIN=$bin . "$top/tests/cluster/lib.sh"
		if slurm_start; then
			echo "# slurm bring-up: $slurm_up_s s (munged start to the first srun output)"
			measure "slurm.sh -N 2 -c 1 (two array tasks + merge)" "$work/slurm" \
				"$top/pipelines/slurm.sh" -N 2 -c 1 --dir "$work/slurm.d" "${spec[@]}" -- "${files[@]}"
			echo "$secs" >"$work/slurm.secs"
		else
			echo "# slurm: skipped: $why"
		fi
	) | grep -v '^1\.\.0$'
	[ -s "$work/slurm.secs" ] && sslurm=$(cat "$work/slurm.secs") && sameas "$work/slurm" "slurm"
fi
echo "speed-up over one core: -j 1 on two cores $(ratio "$s1" "$sj1"), -j 2 $(ratio "$s1" "$sj2"), parallel $(ratio "$s1" "$spar")${sslurm:+, slurm $(ratio "$s1" "$sslurm")} (target >= 1.8x)"

echo "== every stage alone: peak RSS and CPU seconds at two input sizes (-j 1)"
rss_mb=${RSS_MB:-4}
# the first SIZE MB of documents of the corpus
for size in "$rss_mb" $((rss_mb * 4)); do
	for f in "${files[@]}"; do gzip -dc "$f"; done | head -c $((size * 1000000)) | sed '$d' >"$work/in.$size.jsonl"
	prev=$work/in.$size.jsonl
	for stage in wire-split wire-extract-entities wire-classify-topics wire-extract-events wire-aggregate; do
		args=(-j 1 --no-progress)
		[ "$stage" = wire-aggregate ] && args=(--no-progress "${spec[@]}")
		/usr/bin/time -f '%M %U %S' -o "$work/time" "$stage" "${args[@]}" "$prev" >"$work/$stage.$size" || echo "  !! $stage exit $?"
		read -r kb u s <"$work/time"
		awk -v st="$stage" -v sz="$size" -v inmb="$(wc -c <"$prev")" -v kb="$kb" -v u="$u" -v s="$s" 'BEGIN {
			printf "%-24s %3d MB news: %7.1f MB in  peak RSS %6.1f MB  cpu %6.2f s\n", st, sz, inmb / 1e6, kb / 1024, u + s }'
		prev=$work/$stage.$size
		echo "$stage $u $s" >>"$work/cpu.$size"
	done
done
# which stage limits: with one process per stage on two cores the pipeline
# cannot go faster than (all CPU seconds) / (the largest stage's)
awk '{ c[$1] = $2 + $3; t += $2 + $3; if ($2 + $3 > m) { m = $2 + $3; ms = $1 } }
	END { printf "CPU share at %d MB:", sz; for (s in c) printf " %s %.0f%%", s, 100 * c[s] / t
		printf "\nlimit of one process per stage: %.2fx one core (%s holds %.0f%% of the CPU); more need threads in %s\n", t / m, ms, 100 * m / t, ms }' \
	sz=$((rss_mb * 4)) "$work/cpu.$((rss_mb * 4))"
echo "# load average at the end: $(load)"
