#!/bin/bash
# tests/cluster/slurm.t — pipelines/slurm.sh on a single-node Slurm cluster
# this test brings up (munged, slurmctld -D, slurmd -D in a scratch folder,
# each stopped by its PID at the end, also on failure): the job array's
# partial states merged by the afterok job equal the single pipeline's
# result byte for byte (sorted) for counts, sums, exact distinct counts,
# pairs and meetings, over many files and over one JSON-lines file cut
# into line shards (plain and gzip); a failing task cancels the merge and
# fails the run with the tool's message. Prints TAP; the bring-up time
# goes to a '#' line.
. "$(dirname "$0")/lib.sh"
P=$top/pipelines/slurm.sh

if ! slurm_start; then
	skip "slurm engine: $why"
	exit 0
fi
ok "single-node Slurm up (munged, slurmctld, slurmd; first job step ran)"
echo "# slurm bring-up: ${slurm_up_s} s from munged's start to the first srun's output"

make_inputs 2
files=("$scratch"/in/*)
big=$scratch/big.jsonl
make_refs

# engine LABEL INPUT-KIND OPTIONS...: every spec through slurm.sh OPTIONS.
run=0
engine() {
	local label=$1 kind=$2 name spec in t0
	shift 2
	case $kind in
	files) in=("${files[@]}") ref=files ;;
	big) in=("$big") ref=big ;;
	gz) in=("$big.gz") ref=big ;;
	esac
	while IFS=$'\t' read -r name spec; do
		run=$((run + 1))
		t0=$(now)
		if eval "\"\$P\" --dir \"\$scratch/run.$run\" \"\$@\" $spec -- \"\${in[@]}\"" \
			>"$scratch/out" 2>"$scratch/err"; then
			if [ -s "$scratch/err" ]; then
				not_ok "$label, $name: messages on standard error"
				diag <"$scratch/err"
			elif cmp -s <(sorted "$scratch/ref.$ref.$name") <(sorted "$scratch/out"); then
				ok "$label, $name: equals the single run ($(elapsed "$t0") s)"
			else
				not_ok "$label, $name: differs from the single run"
				diff <(sorted "$scratch/ref.$ref.$name") <(sorted "$scratch/out") | head -10 | diag
			fi
		else
			not_ok "$label, $name: exit $?"
			diag <"$scratch/err"
		fi
	done < <(specs)
}

engine "slurm, array of 3 tasks over 7 files" files -N 3
engine "slurm, 2 line shards of one JSON-lines file" big -N 2
engine "slurm, 3 line shards of a gzip JSON-lines file" gz -N 3

# The dependency: the merge job waits for the array (afterok), and the
# task folder holds one partial state per task.
n=$(ls "$scratch/run.1"/part.* 2>/dev/null | wc -l)
dep=$(grep -c . "$scratch/run.1/merge.sh")
[ "$n" = 3 ] && [ "$dep" -gt 0 ]
check $? "one partial state per task ($n of 3)"

# --no-wait: the merge job is submitted with afterok on the array and
# writes the result itself (both held at submission, so that the
# dependency is read before the array can end, then released).
"$P" --no-wait --sbatch-arg --hold --dir "$scratch/run.nowait" -N 2 --by .doc --count -- "${files[@]}" >"$scratch/out" 2>"$scratch/err"
st=$?
mid=$(sed -n 's/.*merge job \([0-9]*\).*/\1/p' "$scratch/out")
aid=$(sed -n 's/^array job \([0-9]*\).*/\1/p' "$scratch/out")
dep=$(scontrol -o show job "$mid" 2>/dev/null | sed -n 's/.* Dependency=\([^ ]*\).*/\1/p')
scontrol release "$aid" "$mid" 2>/dev/null
for _ in $(seq 600); do
	case $(scontrol -o show job "$mid" 2>/dev/null) in *JobState=COMPLETED*) break ;; esac
	sleep 0.1
done
single '--by .doc --count' "${files[@]}" >"$scratch/ref.doc"
[ "$st" = 0 ] && case $dep in afterok:"$aid"_*) : ;; *) false ;; esac &&
	cmp -s <(sorted "$scratch/ref.doc") <(sorted "$scratch/run.nowait/result")
check $? "--no-wait: merge job $mid submitted with dependency '$dep' on array $aid; its result equals the single run"

# A task that fails (a file that does not exist): the merge never runs,
# exit 1, the tool's message and the task's state on standard error.
"$P" --dir "$scratch/run.fail" -N 2 --by .doc --count -- "${files[@]:0:3}" "$scratch/in/missing.txt" \
	>"$scratch/out" 2>"$scratch/err"
st=$?
[ "$st" = 1 ] && grep -q "missing.txt" "$scratch/err" && grep -q 'CANCELLED' "$scratch/err" &&
	! [ -s "$scratch/out" ] && [ -f "$scratch/run.fail/part.0" ] && [ -f "$scratch/run.fail/part.1" ]
check $? "a failed task: exit 1 ($st), its message, the merge cancelled, both partial states kept"
[ "$st" = 1 ] || diag <"$scratch/err"

"$P" --tasks 0 x >/dev/null 2>"$scratch/err"
[ $? = 2 ]
check $? "--tasks 0: exit 2"
