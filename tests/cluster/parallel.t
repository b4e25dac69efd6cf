#!/bin/bash
# tests/cluster/parallel.t — pipelines/parallel.sh on the local cores and on
# two hosts (two aliases of an sshd this test starts on 127.0.0.1, stopped by
# its PID): every run's result, sorted, equals the single pipeline's byte for
# byte for counts, sums, exact distinct counts, pairs and meetings; one job
# per file, one JSON-lines file in blocks (--pipepart), its gzip (--pipe),
# files copied to the hosts (--transfer); a bad input fails the run with the
# tool's message while the good records are still counted. Prints TAP.
. "$(dirname "$0")/lib.sh"
P=$top/pipelines/parallel.sh

make_inputs 2
files=("$scratch"/in/*)
big=$scratch/big.jsonl

make_refs

# same NAME REF OUT: OUT equals REF after sorting
same() {
	if cmp -s <(sorted "$2") <(sorted "$3"); then
		ok "$1"
	else
		not_ok "$1"
		diff <(sorted "$2") <(sorted "$3") | head -10 | diag
	fi
}

# engine LABEL INPUT-KIND OPTIONS...: every spec through parallel.sh OPTIONS
# with the inputs of INPUT-KIND (files, big, gz), against the reference.
engine() {
	local label=$1 kind=$2 name spec in
	shift 2
	case $kind in
	files) in=("${files[@]}") ref=files ;;
	big) in=("$big") ref=big ;;
	gz) in=("$big.gz") ref=big ;;
	esac
	while IFS=$'\t' read -r name spec; do
		if eval "\"\$P\" \"\$@\" $spec -- \"\${in[@]}\"" >"$scratch/out" 2>"$scratch/err"; then
			if [ -s "$scratch/err" ]; then
				not_ok "$label, $name: messages on standard error"
				diag <"$scratch/err"
			else
				same "$label, $name: equals the single run" "$scratch/ref.$ref.$name" "$scratch/out"
			fi
		else
			not_ok "$label, $name: exit $?"
			diag <"$scratch/err"
		fi
	done < <(specs)
}

if ! command -v parallel >/dev/null; then
	skip "GNU parallel is not installed (Debian: parallel)"
	exit 0
fi

engine "local, one job per file, -j 2" files -j 2
engine "local, --pipepart blocks of 16 kB" big -j 2 --block 16k
engine "local, gzip through --pipe, blocks of 16 kB" gz -j 2 --block 16k

# The input files are named as given: a missing one is reported, the
# others are counted, exit 1.
"$P" -j 2 --by .doc --count -- "${files[@]}" "$scratch/in/missing.txt" >"$scratch/out" 2>"$scratch/err"
st=$?
single '--by .doc --count' "${files[@]}" >"$scratch/ref.doc"
grep -q "missing.txt" "$scratch/err" && [ "$st" = 1 ] && cmp -s <(sorted "$scratch/ref.doc") <(sorted "$scratch/out")
check $? "a missing file: exit 1 ($st), reported, every other file counted"

# A bad line in a JSON-lines file: the tool's message with file and line,
# exit 1, every good document counted.
{ head -3 "$big"; echo '{"id": "broken", "text": '; tail -n +4 "$big"; } >"$scratch/bad.jsonl"
"$P" -j 2 --block 16k --by 'c=.entities[]?.iso' --count -- "$scratch/bad.jsonl" >"$scratch/out" 2>"$scratch/err"
st=$?
single "--by 'c=.entities[]?.iso' --count" "$big" >"$scratch/ref.bad" 2>/dev/null
grep -q '^wire-split: <stdin>:[0-9]*: ' "$scratch/err" && [ "$st" = 1 ] &&
	cmp -s <(sorted "$scratch/ref.bad") <(sorted "$scratch/out")
check $? "a broken JSON line in --pipepart: exit 1 ($st), reported with its line, every good document counted"
[ "$st" = 1 ] || diag <"$scratch/err"

# Usage errors
"$P" --bogus >/dev/null 2>"$scratch/err"
[ $? = 2 ] && grep -q "unknown option '--bogus'" "$scratch/err"
check $? "an unknown option: exit 2 with its name"
"$P" --by .doc >/dev/null 2>"$scratch/err"
[ $? = 2 ]
check $? "no input files: exit 2"

# Two hosts over ssh
if ! sshd_start; then
	skip "ssh engine: $why"
	exit 0
fi
ssh_opts=(--ssh "ssh -F $ssh_cfg" -S 1/wire-a,1/wire-b -M)
logins() { grep -c 'Accepted publickey' "$scratch/sshd/sshd.log"; }
before=$(logins)
engine "ssh, two hosts (-M), one job per file" files "${ssh_opts[@]}"
after=$(logins)
[ "$after" -gt "$before" ]
check $? "ssh: the jobs went through sshd ($((after - before)) logins)"
engine "ssh, two hosts, --pipepart (-M ignored)" big "${ssh_opts[@]}" --block 16k
n=$(ls "$scratch/in" | wc -l)
engine "ssh, two hosts, --transfer" files "${ssh_opts[@]}" --transfer
[ "$(ls "$scratch/in" | wc -l)" = "$n" ]
check $? "ssh --transfer: the inputs are still in place"

# Nothing of GNU parallel's is left running after the runs (parallel -M
# with --pipepart left a helper behind: parallel.sh passes -M to one job
# per file only).
sleep 1
left=$(ps -eo args= | grep -F "$scratch" | grep -v -e grep -e sshd | grep -c parallel)
[ "$left" = 0 ]
check $? "no GNU parallel process of the runs left running ($left)"
