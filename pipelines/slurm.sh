#!/bin/bash
# pipelines/slurm.sh — the whole wire pipeline as a Slurm job array over
# shards of the input, each task writing a partial state, and a merge job
# that starts when every task has succeeded (--dependency=afterok). Slurm
# does the scheduling; wire's partial states are the contract:
#
#   task i   wire-split SHARD_i | wire-extract-entities | wire-classify-topics
#              | wire-extract-events | wire-aggregate --partial SPEC > part.i
#   merge    wire-aggregate --merge [--top N] [--format F] part.*
#
# Counts, sums, means, minima, maxima, exact distinct counts, pairs and
# meetings come out exactly as from one run over all the input (the order
# of groups with equal counts aside; compare sorted).
#
# Usage:
#   pipelines/slurm.sh [OPTIONS] FILE...
#
# Shards: with several FILEs, task i takes files i, i+N, i+2N, ... (any
# input wire-split reads). One JSON-lines FILE (.jsonl, .ndjson, .json) is
# cut into N shards of whole lines (split -n l/i/N; a gzip one: every task
# inflates it and keeps every N-th line). Each line is one document.
#
# Options (Slurm):
#   -N, --tasks N        array tasks (default: 4, at most one per file)
#   -c, --cpus N         CPUs per task (sbatch -c; default 1); the tools run
#                        with -j N unless --threads says otherwise
#   --dir DIR            work folder on a file system every node sees: the
#                        job scripts, the inputs list, the partial states
#                        part.*, logs/ and the result (default: a new
#                        ./wire-slurm.XXXXXX); kept afterwards
#   --sbatch-arg ARG     one more sbatch argument for both jobs
#                        (repeatable: --sbatch-arg --partition=short)
#   --no-wait            submit, print the two job ids and exit; the merge
#                        job writes DIR/result (or -o FILE)
#   --bin DIR            the folder of the wire tools on the nodes (default:
#                        where wire-split is found here); '' = the nodes' PATH
#
# Options (the pipeline), as pipelines/parallel.sh:
#   --split-arg ARG, --entities-arg ARG, --topics-arg ARG, --events-arg ARG
#   --threads N   --on-error POLICY
#   aggregation (default: who met whom, the pairs of people of the meeting
#   events with their meetings and articles):
#   -b, --by [NAME=]EXPR   --time [NAME=]EXPR --every UNIT   --pairs [NAME=]EXPR
#   --count   --sum|--mean|--min|--max|--distinct [NAME=]EXPR   --approx
#   --capacity M   --max-memory SIZE
#   result: -n, --top N   --sort count|key   -f, --format jsonl|csv|tsv
#           -o, --output FILE (on the shared file system)   -z, --gzip
#   -h, --help
#
# Waiting: the script polls scontrol (no accounting needed) and, when the
# merge job has completed, writes the result to standard output (or -o).
# Exit status: 0; 1 when a task or the merge failed: the states of the tasks
# and their messages (DIR/logs/task.I.err, with file and line) are named
# on standard error, the merge job is cancelled by Slurm
# (--kill-on-invalid-dep) and the partial states written are kept in DIR;
# 2 on a usage error.
#
# Examples:
#   pipelines/slurm.sh -N 16 --dir /shared/run1 archive/*.gz > who-met-whom.jsonl
#   pipelines/slurm.sh -N 8 -c 4 --sbatch-arg --partition=short \
#       --by 'country=.entities[]?.iso' --count --top 20 -f csv /shared/news.jsonl
set -u -o pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WIRE_SCALE_LIB=1 . "$here/parallel.sh"

scale_init
tasks=4 cpus=1 dir='' wait=1 sb=()
while [ $# -gt 0 ]; do
	case $1 in
	--*=*) v=${1#*=}; o=${1%%=*}; shift; set -- "$o" "$v" "$@"; continue ;;
	--) shift; files+=("$@"); break ;;
	-h | --help) scale_usage "set -u" ;;
	esac
	case $1 in
	-N | --tasks | -c | --cpus | --dir | --sbatch-arg)
		[ $# -ge 2 ] || scale_try "option '$1' needs a value" ;;
	esac
	case $1 in
	-N | --tasks) tasks=$2; shift 2 ;;
	-c | --cpus) cpus=$2; shift 2 ;;
	--dir) dir=$2; shift 2 ;;
	--sbatch-arg) sb+=("$2"); shift 2 ;;
	--no-wait) wait=0; shift ;;
	-?*)
		scale_option "$@"
		[ "$nshift" -gt 0 ] || scale_try "unknown option '$1'"
		shift "$nshift" ;;
	*) files+=("$1"); shift ;;
	esac
done
case $tasks in '' | *[!0-9]* | 0) scale_try "--tasks: a positive number, not '$tasks'" ;; esac
case $cpus in '' | *[!0-9]* | 0) scale_try "--cpus: a positive number, not '$cpus'" ;; esac
[ ${#files[@]} -gt 0 ] || scale_try "no input files"
for t in sbatch scontrol; do
	command -v $t >/dev/null || { echo "${0##*/}: $t is needed (Debian: slurm-client)" >&2; exit 1; }
done
[ -n "$stage_j" ] || stage_j=$cpus
scale_commands

# The shards
mode=files
if [ ${#files[@]} = 1 ] && is_jsonl "${files[0]}"; then
	mode=lines
	[ -f "${files[0]}" ] && [ -r "${files[0]}" ] ||
		{ echo "${0##*/}: cannot read '${files[0]}'" >&2; exit 1; }
elif [ "$tasks" -gt ${#files[@]} ]; then
	tasks=${#files[@]}
fi
if [ -z "$dir" ]; then
	dir=$(mktemp -d "$PWD/wire-slurm.XXXXXX") || exit 1
else
	mkdir -p "$dir" || exit 1
fi
dir=$(cd "$dir" && pwd)
mkdir -p "$dir/logs"
rm -f "$dir"/part.* "$dir/result"
# inputs: absolute paths, NUL-separated (any file name)
for f in "${files[@]}"; do
	case $f in /*) printf '%s\0' "$f" ;; *) printf '%s\0' "$PWD/$f" ;; esac
done >"$dir/inputs"
if [ -n "$output" ]; then
	case $output in /*) ;; *) output=$PWD/$output ;; esac
else
	output=$dir/result
fi

gz=0
[ "$mode" = lines ] && is_gzip "${files[0]}" && gz=1
{
	echo '#!/bin/bash'
	echo "# wire array task: written by pipelines/slurm.sh"
	echo "$prefix"
	echo "i=\${SLURM_ARRAY_TASK_ID:?not a Slurm array task}; n=$tasks"
	echo "mapfile -d '' -t all < $(q "$dir/inputs")"
	echo "part=$(q "$dir")/part.\$i"
	case $mode in
	files)
		echo 'mine=(); for ((k = i; k < ${#all[@]}; k += n)); do mine+=("${all[k]}"); done'
		echo "$split_cmd -- \"\${mine[@]}\" $tail_cmd > \"\$part.tmp\""
		;;
	lines)
		if [ "$gz" = 1 ]; then
			echo 'gzip -dc -- "${all[0]}" | awk -v n="$n" -v i="$i" '\''NR % n == i'\'' \'
		else
			echo 'split -n "l/$((i + 1))/$n" -- "${all[0]}" \'
		fi
		echo "| $split_cmd --input jsonl - $tail_cmd > \"\$part.tmp\""
		;;
	esac
	# the good records' state is kept even when a tool reported bad input
	echo 'st=$?; mv -- "$part.tmp" "$part"; exit $st'
} >"$dir/task.sh"
{
	echo '#!/bin/bash'
	echo "# wire merge job: written by pipelines/slurm.sh"
	echo "$prefix"
	echo "cd $(q "$dir") || exit 1"
	echo "parts=(); for ((i = 0; i < $tasks; i++)); do [ -f part.\$i ] || { echo \"wire merge: part.\$i is missing\" >&2; exit 1; }; parts+=(part.\$i); done"
	echo "$merge_cmd \"\${parts[@]}\" > $(q "$output.tmp") && mv $(q "$output.tmp") $(q "$output")"
} >"$dir/merge.sh"
chmod +x "$dir/task.sh" "$dir/merge.sh"

array=$(sbatch --parsable "${sb[@]}" -J wire-map --array="0-$((tasks - 1))" -c "$cpus" \
	-o "$dir/logs/task.%a.out" -e "$dir/logs/task.%a.err" "$dir/task.sh") || exit 1
array=${array%%;*}
merge=$(sbatch --parsable "${sb[@]}" -J wire-merge --dependency="afterok:$array" \
	--kill-on-invalid-dep=yes -o "$dir/logs/merge.out" -e "$dir/logs/merge.err" "$dir/merge.sh") || exit 1
merge=${merge%%;*}
if [ "$wait" = 0 ]; then
	echo "array job $array ($tasks tasks), merge job $merge; folder $dir, result $output"
	exit 0
fi

# state JOB: the JobState of a (finished or running) job, one word
state() { scontrol -o show job "$1" 2>/dev/null | sed -n 's/.* JobState=\([A-Z_]*\).*/\1/p' | head -1; }
pause=0.1
while :; do
	s=$(state "$merge")
	case $s in
	COMPLETED | FAILED | CANCELLED | TIMEOUT | NODE_FAIL | OUT_OF_MEMORY | PREEMPTED | BOOT_FAIL | DEADLINE) break ;;
	'') echo "${0##*/}: job $merge is unknown to scontrol" >&2; exit 1 ;;
	esac
	sleep "$pause"
	pause=$(awk -v p="$pause" 'BEGIN { p *= 1.3; print (p > 1 ? 1 : p) }')
done
# messages of the tools (warnings included) from every task and the merge
for f in "$dir"/logs/task.*.err "$dir/logs/merge.err"; do
	[ -s "$f" ] && cat "$f" >&2
done
if [ "$s" != COMPLETED ]; then
	echo "${0##*/}: the merge job $merge ended $s; the tasks of array job $array:" >&2
	scontrol -o show job "$array" 2>/dev/null |
		sed -n 's/.* ArrayTaskId=\([0-9]*\).* JobState=\([A-Z_]*\).* ExitCode=\([0-9:]*\).*/  task \1: \2, exit \3/p' >&2
	echo "${0##*/}: the partial states written (a failed task's with its good records) are in $dir: wire-aggregate --merge $dir/part.*" >&2
	exit 1
fi
[ "$output" = "$dir/result" ] && cat "$dir/result"
exit 0
