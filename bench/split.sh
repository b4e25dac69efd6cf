#!/bin/sh
# bench/split.sh — wire-split throughput beside cat and zcat on the same
# files, in the same run (the machine is shared: compare ratios, not
# absolute figures).
#
# Corpus: the news texts of ../shared/data (Reuters-21578 and AG News,
# research data, not shipped) repeated to about SIZE_MB of JSON-lines;
# without ../shared, the bundled fictional samples repeated instead.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$top/../shared}
work=${WORK:-$top/bench/out/split}
size_mb=${SIZE_MB:-200}
mkdir -p "$work"
[ -x "$top/bin/wire-split" ] || { echo "build first: make" >&2; exit 1; }

seed="$work/seed.jsonl"
if [ -f "$shared/data/reuters21578/train.jsonl" ]; then
	echo "corpus: Reuters-21578 + AG News texts from $shared/data (research use)"
	{ jq -c '{id, text}' "$shared/data/reuters21578/train.jsonl"
	  tail -n +1 "$shared/data/ag_news/train_subset20k.csv" | jq -R -c --slurp '
	    split("\n")[] | select(length > 0) | {id: (. | @base64 | .[0:12]), text: .}'
	} > "$seed"
else
	echo "corpus: ../shared not found; using the bundled samples (share/wire/samples) instead"
	"$top/bin/wire-split" --by doc "$top/share/wire/samples/"*.txt | jq -c '{id, text}' > "$seed"
fi
j="$work/news.jsonl"
if [ ! -f "$j" ] || [ "$(du -m "$j" | cut -f1)" -lt "$size_mb" ]; then
	: > "$j"
	while [ "$(du -m "$j" | cut -f1)" -lt "$size_mb" ]; do cat "$seed" >> "$j"; done
	gzip -c -6 "$j" > "$j.gz"
	# the same texts as one plain-text document per 2000 texts, in a tar.gz
	rm -rf "$work/txt" && mkdir -p "$work/txt"
	jq -r '.text' "$seed" | split -l 2000 - "$work/txt/doc-"
	tar -C "$work" -czf "$work/news.tar.gz" txt
fi
mb=$(du -m "$j" | cut -f1)

# best of 3 wall-clock seconds
t() {
	best=
	for _ in 1 2 3; do
		s=$(date +%s.%N)
		"$@" > /dev/null
		e=$(date +%s.%N)
		d=$(echo "$e - $s" | bc -l)
		if [ -z "$best" ] || [ "$(echo "$d < $best" | bc -l)" = 1 ]; then best=$d; fi
	done
	echo "$best"
}
rate() { echo "scale=1; $1 / $2" | bc -l; }

echo "input: $mb MB of JSON-lines ($(wc -l < "$j") documents), gzip $(du -m "$j.gz" | cut -f1) MB"
tc=$(t cat "$j")
tz=$(t zcat "$j.gz")
ts=$(t "$top/bin/wire-split" "$j")
tg=$(t "$top/bin/wire-split" "$j.gz")
td=$(t "$top/bin/wire-split" --by doc "$j.gz")
printf '%-44s %8s MB/s\n' "cat news.jsonl" "$(rate "$mb" "$tc")"
printf '%-44s %8s MB/s\n' "zcat news.jsonl.gz" "$(rate "$mb" "$tz")"
printf '%-44s %8s MB/s\n' "wire-split news.jsonl (sentences)" "$(rate "$mb" "$ts")"
printf '%-44s %8s MB/s  = %s x zcat\n' "wire-split news.jsonl.gz (sentences)" "$(rate "$mb" "$tg")" \
	"$(echo "scale=2; $tz / $tg" | bc -l)"
printf '%-44s %8s MB/s  = %s x zcat\n' "wire-split --by doc news.jsonl.gz" "$(rate "$mb" "$td")" \
	"$(echo "scale=2; $tz / $td" | bc -l)"
tm=$(du -m "$work/news.tar.gz" | cut -f1)
txt=$(du -smc "$work/txt" | tail -1 | cut -f1)
tt=$(t "$top/bin/wire-split" "$work/news.tar.gz")
tzt=$(t sh -c "zcat '$work/news.tar.gz' | tar -xOf -")
printf '%-44s %8s MB/s  = %s x zcat|tar -xO\n' "wire-split news.tar.gz (text members)" \
	"$(rate "$txt" "$tt")" "$(echo "scale=2; $tzt / $tt" | bc -l)"

echo "pathological inputs (seconds, each must stay well under 1):"
p="$work/patho"
mkdir -p "$p"
head -c 1000000 /dev/zero | tr '\0' 'x' > "$p/nospace.txt"
yes 'a.' | head -n 200000 | tr -d '\n' > "$p/adot.txt"
head -c 1000000 /dev/zero | tr '\0' '"' > "$p/quotes.txt"
yes 'Gen.' | head -n 100000 | tr '\n' ' ' > "$p/titles.txt"
for f in nospace adot quotes titles; do
	printf '  %-12s %ss\n' "$f" "$(t "$top/bin/wire-split" "$p/$f.txt")"
done
