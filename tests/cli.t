#!/bin/sh
# Data-driven CLI tests, printing TAP: `sh tests/cli.t [TOOL[/CASE]...]`
# runs the cases of tests/cli/TOOL/ (every folder when no TOOL is named), or
# the one case TOOL/CASE, as one TAP stream, so tests/run-all can give prove
# one stream per tool (prove -j2).
#
# Each case is a folder tests/cli/<tool>/<case>/:
#   cmd       bash text run in the case folder under `set -e -o pipefail`:
#             a command that fails, anywhere in a pipeline, fails the case
#             unless the cmd tests it (`cmd || echo "status $?"`).
#             bin/ is first on PATH, $WIRE_SHARE points at share/wire,
#             $TMP is a scratch folder of its own
#   input     optional: fed on standard input (else /dev/null)
#   expected  optional: standard output must equal it
#   stderr    optional: standard error must equal it; without this file
#             standard error must be empty. $TMP and the top folder are
#             written as $TMP and $TOP before the comparison
#   status    optional: expected exit status of cmd (default 0)
# Adding a case means adding files, not code.
#
# Environment:
#   TEST_TIMEOUT  seconds a case may run (default 180: room for sanitizers
#                 and a loaded machine; status 124 = timed out)
#   TOOL_WRAPPER  a command put before every wire tool the cases run, e.g.
#                 TOOL_WRAPPER='valgrind -q --error-exitcode=99'
#   WIRE_BIN      folder of the tools under test (default bin/)
#
# The runner cannot miss a crash: `make check-runner` runs every case with
# TOOL_WRAPPER=tests/lib/segv (each tool dies of SIGSEGV) and fails unless
# every case of every tool then fails.
top=$(cd "$(dirname "$0")/.." && pwd)
WIRE_BIN=${WIRE_BIN:-$top/bin}
WIRE_SHARE="$top/share/wire"
LC_ALL=C.UTF-8
timeout=${TEST_TIMEOUT:-180}
export WIRE_SHARE LC_ALL

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT INT TERM

# PATH: the tools under test first, each behind TOOL_WRAPPER when set. The
# wrapper names the tool bare (found on a PATH that starts at WIRE_BIN), so
# messages that show argv[0] read as without the wrapper.
if [ -n "$TOOL_WRAPPER" ]; then
	mkdir "$scratch/bin"
	for t in "$WIRE_BIN"/wire-*; do
		[ -x "$t" ] || continue
		printf '#!/bin/sh\nPATH="%s:$PATH" exec %s %s "$@"\n' \
			"$WIRE_BIN" "$TOOL_WRAPPER" "${t##*/}" >"$scratch/bin/${t##*/}"
		chmod +x "$scratch/bin/${t##*/}"
	done
	PATH="$scratch/bin:$PATH"
else
	PATH="$WIRE_BIN:$PATH"
fi
export PATH

if [ $# = 0 ]; then
	set -- $(cd "$top/tests/cli" && find . -mindepth 1 -maxdepth 1 -type d | sed 's|^\./||' | sort)
fi
cases=$(for tool in "$@"; do
	[ -f "$top/tests/cli/$tool/cmd" ] && { echo "$top/tests/cli/$tool"; continue; }
	find "$top/tests/cli/$tool" -mindepth 1 -maxdepth 1 -type d -exec test -f '{}/cmd' ';' -print
done | sort)
n=$(printf '%s\n' "$cases" | grep -c .)
echo "1..$n"

# Writes file $1 with $TMP and the top folder replaced by their names.
normalise() {
	sed -e "s|$TMP|\$TMP|g" -e "s|$top|\$TOP|g" "$1"
}

# Prints why case folder $1 failed (nothing when it passed); its output is
# in $TMP/.out and $TMP/.err, its status in $st.
verdict() {
	want=0
	[ -f "$1/status" ] && want=$(cat "$1/status")
	if [ "$st" = 124 ] && [ "$want" != 124 ]; then
		echo "timed out after ${timeout}s"
	elif [ "$st" != "$want" ]; then
		echo "exit status $st, expected $want"
	elif [ -f "$1/expected" ] && ! cmp -s "$1/expected" "$TMP/.out"; then
		echo "stdout differs"
	elif [ -f "$1/stderr" ] && ! normalise "$TMP/.err" | cmp -s "$1/stderr" -; then
		echo "stderr differs"
	elif [ ! -f "$1/stderr" ] && [ -s "$TMP/.err" ]; then
		echo "unexpected stderr"
	fi
}

i=0
fail=0
for c in $cases; do
	i=$((i + 1))
	name=${c#"$top/tests/cli/"}
	TMP="$scratch/$i"
	mkdir -p "$TMP"
	export TMP
	if [ -f "$c/input" ]; then in="$c/input"; else in=/dev/null; fi
	(cd "$c" && exec timeout -k 5 "$timeout" bash -e -o pipefail ./cmd) \
		<"$in" >"$TMP/.out" 2>"$TMP/.err"
	st=$?
	why=$(verdict "$c")
	if [ -z "$why" ]; then
		echo "ok $i - $name"
		rm -rf "$TMP"
		continue
	fi
	fail=$((fail + 1))
	echo "not ok $i - $name: $why"
	case $why in
	"stdout differs") diff -u "$c/expected" "$TMP/.out" ;;
	"stderr differs") normalise "$TMP/.err" | diff -u "$c/stderr" - ;;
	*) cat "$TMP/.err" ;;
	esac | head -20 | sed 's/^/# /'
	rm -rf "$TMP"
done
[ "$fail" = 0 ]
