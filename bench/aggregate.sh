#!/bin/sh
# Benchmark of wire-aggregate against Miller and the jq pipeline, same file,
# same run:
#   wire-aggregate --by .source --count          (plain and gzip input)
#   mlr --ijsonl --ojsonl count-distinct -f source
#   jq -r .source | sort | uniq -c
# then a memory test over 1M distinct keys (max RSS from /usr/bin/time -v)
# against Miller, and the bytes per group wire-aggregate reports (--stats);
# and one over 1M distinct values in 10 groups (--distinct), in memory and
# spilled under --max-memory 4M, against Miller.
#
# Data: sentence-like records built from the texts of ../shared/data/
# reuters21578 (research data, read here only, never copied into the
# project) when present, else from generated words. The file is written to
# bench/out/ (gitignored) and reused. SIZE_MB sets its size (default 200).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/bench/out
mkdir -p "$out"
W=$top/bin/wire-aggregate
SIZE_MB=${SIZE_MB:-200}
KEYS=${KEYS:-1000000}
shared=${WIRE_SHARED:-$top/../shared}
data=$out/news-$SIZE_MB.jsonl

for t in mlr jq python3; do
	command -v $t >/dev/null || { echo "bench/aggregate.sh: $t is needed" >&2; exit 1; }
done
[ -x "$W" ] || { echo "bench/aggregate.sh: build first (make)" >&2; exit 1; }

if [ ! -s "$data" ]; then
	src=$shared/data/reuters21578/train.jsonl
	if [ -f "$src" ]; then
		echo "# data: sentences of $src (research use only)"
	else
		echo "# data: $src is missing: generating words instead"
		src=
	fi
	python3 - "$src" "$SIZE_MB" "$data" <<'PY'
import json, random, sys
src, size, path = sys.argv[1], int(sys.argv[2]) << 20, sys.argv[3]
rnd = random.Random(7)
sents = []
if src:
    for line in open(src, encoding="utf-8"):
        d = json.loads(line)
        for s in d["text"].replace("\n", " ").split(". "):
            s = " ".join(s.split())
            if len(s) > 20:
                sents.append((s + ".", d["labels"][0] if d["labels"] else "none"))
else:
    words = ["minister", "defence", "talks", "cooperation", "navy", "visit", "army",
             "agreement", "security", "delegation", "exercise", "training", "said"]
    for i in range(20000):
        sents.append((" ".join(rnd.choice(words) for _ in range(rnd.randint(8, 30))) + ".",
                      "t%d" % rnd.randint(0, 89)))
isos = ["US", "VN", "CN", "JP", "IN", "FR", "DE", "GB", "RU", "AU", "KR", "ID", "PH",
        "TH", "MY", "SG", "BR", "ZA", "NG", "EG", "TR", "SA", "AE", "IL", "PK", "CA",
        "MX", "AR", "CL", "PL", "UA", "IT", "ES", "NL", "SE", "NO", "FI", "DK", "NZ", "LA"]
sources = ["outlet%03d.example" % i for i in range(300)]
n = 0
with open(path, "w", encoding="utf-8") as f:
    while f.tell() < size:
        for text, topic in sents:
            caps = [w.strip(",.;:()\"'") for w in text.split() if w[:1].isupper()][:6]
            ents = [{"text": c, "type": rnd.choice(["PER", "ORG", "LOC", "GPE"]),
                     "iso": rnd.choice(isos)} for c in caps if c]
            rec = {"id": "d%d.s%d" % (n // 20, n % 20), "source": rnd.choice(sources),
                   "date": "2025-%02d-%02d" % (rnd.randint(1, 12), rnd.randint(1, 28)),
                   "country": rnd.choice(isos), "topic": topic, "words": len(text.split()),
                   "text": text, "entities": ents}
            f.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
            n += 1
            if n % 1000 == 0 and f.tell() >= size:
                break
PY
fi
[ -s "$data.gz" ] || gzip -1 -c "$data" >"$data.gz"

bytes=$(wc -c <"$data")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
echo "# file: $data ($mb MB, $(wc -l <"$data") records)"

now() { date +%s.%N; }
# rate NAME SECONDS: prints and remembers MB/s
rate() {
	awk -v n="$1" -v s="$2" -v b="$bytes" 'BEGIN { printf "%-44s %7.2f s %8.1f MB/s\n", n, s, b / 1048576 / s }'
}
run() {
	t0=$(now); sh -c "$1" >"$out/res.$2" ; t1=$(now)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}

tw=$(run "'$W' --by .source --count '$data'" wire)
tz=$(run "'$W' --by .source --count '$data.gz'" wiregz)
tm=$(run "mlr --ijsonl --ojsonl count-distinct -f source '$data'" mlr)
tj=$(run "jq -r .source '$data' | sort | uniq -c" jq)
rate "wire-aggregate --by .source" "$tw"
rate "wire-aggregate --by .source (gzip input)" "$tz"
rate "mlr --ijsonl count-distinct -f source" "$tm"
rate "jq -r .source | sort | uniq -c" "$tj"
awk -v w="$tw" -v z="$tz" -v m="$tm" -v j="$tj" 'BEGIN {
	printf "ratio vs Miller: %.1fx (gzip input: %.1fx); vs jq pipeline: %.1fx (gzip: %.1fx)\n",
		m / w, m / z, j / w, j / z }'
# the three agree on the counts
a=$(jq -r '"\(.count) \(.source)"' "$out/res.wire" | sort | md5sum)
b=$(jq -r '"\(.count) \(.source)"' "$out/res.mlr" | sort | md5sum)
c=$(awk '{ print $1, $2 }' "$out/res.jq" | sort | md5sum)
[ "$a" = "$b" ] && [ "$a" = "$c" ] && echo "results agree" || echo "RESULTS DIFFER"

# memory over many distinct keys
keys=$out/keys-$KEYS.jsonl
[ -s "$keys" ] || awk -v n="$KEYS" 'BEGIN { for (i = 0; i < n; i++)
	printf "{\"k\":\"key-%07d\",\"v\":%d}\n", i * 7919 % n, i % 100 }' >"$keys"
rss() { /usr/bin/time -v sh -c "$1" 2>&1 >/dev/null | awk '/Maximum resident/ { print $6 }'; }
rw=$(rss "'$W' --by .k --stats '$keys' 2>'$out/stats'")
rm_=$(rss "mlr --ijsonl --ojsonl count-distinct -f k '$keys'")
rs=$(rss "'$W' --by .k --max-memory 16M '$keys'")
echo "# $KEYS distinct keys: max RSS"
echo "wire-aggregate --by .k                     $((rw / 1024)) MB"
echo "wire-aggregate --by .k --max-memory 16M    $((rs / 1024)) MB"
echo "mlr count-distinct -f k                    $((rm_ / 1024)) MB"
grep 'bytes per group' "$out/stats" | sed 's/^wire-aggregate: stats: /wire-aggregate: /'

# memory of exact distinct sets: in memory, and spilled under --max-memory
dist=$out/distinct-$KEYS.jsonl
[ -s "$dist" ] || awk -v n="$KEYS" 'BEGIN { for (i = 0; i < n; i++)
	printf "{\"g\":\"g%d\",\"u\":\"user-%08d\"}\n", i % 10, i * 7919 % n }' >"$dist"
dm=$(rss "'$W' --by .g --distinct .u '$dist' >'$out/res.dmem'")
ds=$(rss "'$W' --by .g --distinct .u --max-memory 4M '$dist' >'$out/res.dspill'")
dl=$(rss "mlr --ijsonl --ojsonl count-distinct -f g,u then count -g g '$dist' >'$out/res.dmlr'")
echo "# $KEYS distinct values in 10 groups (--distinct .u): max RSS"
echo "wire-aggregate --by .g --distinct .u                  $((dm / 1024)) MB"
echo "wire-aggregate --by .g --distinct .u --max-memory 4M  $((ds / 1024)) MB"
echo "mlr count-distinct -f g,u then count -g g            $((dl / 1024)) MB"
a=$(jq -r '"\(.g) \(.distinct_u)"' "$out/res.dmem" | sort | md5sum)
b=$(jq -r '"\(.g) \(.distinct_u)"' "$out/res.dspill" | sort | md5sum)
c=$(jq -r '"\(.g) \(.count)"' "$out/res.dmlr" | sort | md5sum)
[ "$a" = "$b" ] && [ "$a" = "$c" ] && echo "distinct results agree" || echo "DISTINCT RESULTS DIFFER"
