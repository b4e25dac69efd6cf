#!/bin/sh
# Data-driven CLI tests, printing TAP. Each case is a folder
#   tests/cli/<tool>/<case>/
#     cmd       shell text run in the case folder, bin/ first on PATH,
#               $WIRE_SHARE pointing at share/wire, $TMP a scratch folder
#     input     optional: fed on standard input
#     expected  optional: standard output must equal it
#     stderr    optional: standard error must equal it
#     status    optional: expected exit status (default 0)
# Adding a case means adding files, not code.
top=$(cd "$(dirname "$0")/.." && pwd)
PATH="$top/bin:$PATH"
WIRE_SHARE="$top/share/wire"
export PATH WIRE_SHARE
LC_ALL=C.UTF-8
export LC_ALL

cases=$(find "$top/tests/cli" -mindepth 2 -maxdepth 2 -type d | sort)
n=$(printf '%s\n' "$cases" | grep -c .)
echo "1..$n"
i=0
fail=0
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for c in $cases; do
	i=$((i + 1))
	name=${c#"$top/tests/cli/"}
	TMP="$scratch/$i"
	mkdir -p "$TMP"
	export TMP
	if [ -f "$c/input" ]; then in="$c/input"; else in=/dev/null; fi
	(cd "$c" && sh ./cmd) <"$in" >"$TMP/.out" 2>"$TMP/.err"
	st=$?
	want=0
	[ -f "$c/status" ] && want=$(cat "$c/status")
	why=
	if [ "$st" != "$want" ]; then
		why="exit status $st, expected $want"
	elif [ -f "$c/expected" ] && ! cmp -s "$c/expected" "$TMP/.out"; then
		why="stdout differs"
	elif [ -f "$c/stderr" ] && ! cmp -s "$c/stderr" "$TMP/.err"; then
		why="stderr differs"
	fi
	if [ -z "$why" ]; then
		echo "ok $i - $name"
	else
		fail=$((fail + 1))
		echo "not ok $i - $name: $why"
		if [ "$why" = "stdout differs" ]; then
			diff -u "$c/expected" "$TMP/.out" | head -20 | sed 's/^/# /'
		elif [ "$why" = "stderr differs" ]; then
			diff -u "$c/stderr" "$TMP/.err" | head -20 | sed 's/^/# /'
		else
			head -5 "$TMP/.err" | sed 's/^/# /'
		fi
	fi
done
[ "$fail" = 0 ]
