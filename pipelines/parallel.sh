#!/bin/bash
# pipelines/parallel.sh — the whole wire pipeline over many files or one big
# JSON-lines file, on the local cores or on several hosts, with GNU parallel.
# GNU parallel does the scheduling; wire's partial states are the contract:
#
#   mapper   wire-split | wire-extract-entities | wire-classify-topics
#              | wire-extract-events | wire-aggregate --partial SPEC
#   reducer  wire-aggregate --merge [--top N] [--format F]
#
# Counts, sums, means, minima, maxima, exact distinct counts, pairs and
# meetings come out exactly as from one run over all the input (the order
# of groups with equal counts aside; compare sorted).
#
# Usage:
#   pipelines/parallel.sh [OPTIONS] FILE...
#
# Work split:
#   one job per FILE (any input wire-split reads: text, .gz, .tar.gz, JSONL,
#   CSV); a single JSON-lines FILE (.jsonl, .ndjson, .json, plain or .gz) is
#   cut into blocks of whole lines instead (--pipepart; gzip through
#   --pipe). Each line of a JSON-lines file is one document, so a block
#   never cuts one.
#
# Options (GNU parallel):
#   -j, --jobs N         jobs at a time on each host (parallel's -j; default:
#                        one per processor of the host)
#   -S, --sshlogin LOGIN run jobs on these hosts too (repeatable or a comma
#                        list, as parallel's -S; ':' is this machine)
#   --sshloginfile FILE  hosts from FILE (parallel's --slf)
#   --ssh CMD            the ssh command (e.g. 'ssh -F ~/cluster/ssh_config')
#   -M, --controlmaster  one ssh connection per host for all its jobs (one
#                        job per file only; ignored with --pipepart)
#   --transfer           copy each input file to its host (rsync) and remove
#                        it after the job; without it every host must see the
#                        inputs at the same absolute path (a shared file system)
#   --pipepart           cut one JSON-lines file into blocks (the default for
#                        a single JSON-lines FILE); --per-file: never
#   --block SIZE         block size of --pipepart (parallel's --block; default
#                        -4: four blocks per job slot) or of --pipe (8M)
#   --bin DIR            the folder of the wire tools on every host (default:
#                        where wire-split is found here); '' = the hosts' PATH
#   --print-commands     print the mapper and the reducer and exit (for
#                        Hadoop Streaming, Spark, Slurm: docs/scale-out.md)
#
# Options (the pipeline):
#   --split-arg ARG, --entities-arg ARG, --topics-arg ARG, --events-arg ARG
#                        one more argument for that stage (repeatable), e.g.
#                        --split-arg --id --split-arg .guid
#   --threads N          -j N for each of the five tools of a job
#   --on-error POLICY    report (default), skip or fail, for every tool
#   aggregation (wire-aggregate(1); default: who met whom, the pairs of
#   people of the meeting events with their meetings and articles):
#   -b, --by [NAME=]EXPR   --time [NAME=]EXPR --every UNIT   --pairs [NAME=]EXPR
#   -c, --count   --sum|--mean|--min|--max|--distinct [NAME=]EXPR   --approx
#   --capacity M   --max-memory SIZE
#   result: -n, --top N   --sort count|key   -f, --format jsonl|csv|tsv
#           -o, --output FILE   -z, --gzip
#   -h, --help
#
# Exit status: 0; 1 when a job failed (its tools' messages, with file and
# line, are on standard error; the result holds every job's good records:
# the tools write every good record and report the bad ones); 2 on a usage
# error.
#
# Examples:
#   pipelines/parallel.sh archive/*.gz > who-met-whom.jsonl
#   pipelines/parallel.sh -j 2 --by 'country=.entities[]?.iso' --count \
#       --top 20 --format csv news.jsonl
#   pipelines/parallel.sh -S 8/node1,8/node2,: --transfer \
#       --pairs 'p=.participants[]?.key' --count archive/*.gz
#
# Notes: with --pipepart the tools name their input <stdin> and count lines
# per block in messages, and a record without an id is named by that
# position (wire-split --id): give the documents ids when results per
# document (distinct .doc) must equal a single run's. Remote jobs run under
# bash when the host has it (pipefail: a stage that fails fails the job).

# ---- shared with pipelines/slurm.sh (which sources this file) ----------------

# q ARG: ARG quoted for any POSIX shell.
q() {
	local s=${1//\'/\'\\\'\'}
	printf "'%s'" "$s"
}

# scale_try MESSAGE: a usage error (exit 2).
scale_try() {
	echo "${0##*/}: $*" >&2
	echo "try '${0##*/} --help'" >&2
	exit 2
}

# scale_usage END: the comment at the top of $0 up to the line END, as text.
scale_usage() {
	sed -n "2,/^$1/{/^$1/d;s/^# \{0,1\}//;p}" "$0"
	exit 0
}

scale_init() {
	split_args='' ent_args='' top_args='' ev_args='' spec='' out_args=''
	stage_j='' on_error='' output='' have_key=0
	wire_bin=
	if command -v wire-split >/dev/null 2>&1; then
		wire_bin=$(dirname "$(command -v wire-split)")
	elif [ -x "$(dirname "$0")/../bin/wire-split" ]; then
		wire_bin=$(cd "$(dirname "$0")/../bin" && pwd)
	fi
	files=()
}

# scale_option "$@": takes one pipeline option from the front of "$@" and
# sets nshift to the words it used (0: not a pipeline option).
scale_option() {
	local o=$1
	case $o in
	--split-arg | --entities-arg | --topics-arg | --events-arg | --threads | --on-error | --bin | \
		-b | --by | --time | --pairs | --every | --sum | --mean | --min | --max | --distinct | \
		--capacity | --max-memory | -n | --top | --sort | -f | --format | -o | --output)
		[ $# -ge 2 ] || scale_try "option '$o' needs a value"
		nshift=2 ;;
	-c | --count | --approx | -z | --gzip) nshift=1 ;;
	*) nshift=0; return ;;
	esac
	case $o in
	--split-arg) split_args+=" $(q "$2")" ;;
	--entities-arg) ent_args+=" $(q "$2")" ;;
	--topics-arg) top_args+=" $(q "$2")" ;;
	--events-arg) ev_args+=" $(q "$2")" ;;
	--threads) stage_j=$2 ;;
	--on-error) on_error=$2 ;;
	--bin) wire_bin=$2 ;;
	-b | --by | --time | --pairs) spec+=" $o $(q "$2")"; have_key=1 ;;
	--every | --sum | --mean | --min | --max | --distinct | --capacity | --max-memory)
		spec+=" $o $(q "$2")" ;;
	-c | --count | --approx) spec+=" $o" ;;
	-n | --top | --sort | -f | --format) out_args+=" $o $(q "$2")" ;;
	-z | --gzip) out_args+=" $o" ;;
	-o | --output) output=$2 ;;
	esac
}

# scale_commands: sets split_cmd (wire-split and its options, no input),
# tail_cmd (the four stages after it, starting with '|'), merge_cmd.
scale_commands() {
	local common=''
	[ -n "$stage_j" ] && common+=" -j $(q "$stage_j")"
	[ -n "$on_error" ] && common+=" --on-error $(q "$on_error")"
	if [ "$have_key" = 0 ]; then
		spec=" --pairs $(q 'people=.participants[]?.key') --count --distinct $(q 'articles=.doc')$spec"
	fi
	prefix='(set -o pipefail) 2>/dev/null && set -o pipefail;'
	[ -n "$wire_bin" ] && prefix+=" PATH=$(q "$wire_bin"):\$PATH;"
	split_cmd="wire-split --no-progress$common$split_args"
	tail_cmd="| wire-extract-entities --no-progress$common$ent_args"
	tail_cmd+=" | wire-classify-topics --no-progress$common$top_args"
	tail_cmd+=" | wire-extract-events --no-progress$common$ev_args"
	tail_cmd+=" | wire-aggregate --no-progress$common --partial$spec"
	merge_cmd="wire-aggregate --no-progress --merge"
	[ -n "$on_error" ] && merge_cmd+=" --on-error $(q "$on_error")"
	merge_cmd+="$out_args"
}

# is_jsonl FILE: named as JSON-lines (plain or gzip).
is_jsonl() {
	case ${1%.gz} in *.jsonl | *.ndjson | *.json) return 0 ;; esac
	return 1
}

# is_gzip FILE: gzip by its first two bytes.
is_gzip() {
	[ "$(head -c 2 "$1" | od -An -tx1 | tr -d ' \n')" = 1f8b ]
}

[ "${WIRE_SCALE_LIB:-}" = 1 ] && return 0

# ---- parallel.sh --------------------------------------------------------------
set -u -o pipefail
scale_init
par=()           # options for parallel
mode=auto block='' transfer=0 print=0 ssh_cmd='' remote=0 master=0
while [ $# -gt 0 ]; do
	case $1 in
	--*=*) v=${1#*=}; o=${1%%=*}; shift; set -- "$o" "$v" "$@"; continue ;;
	--) shift; files+=("$@"); break ;;
	-h | --help) scale_usage "# Notes" ;;
	esac
	case $1 in
	-j | --jobs | -S | --sshlogin | --sshloginfile | --ssh | --block)
		[ $# -ge 2 ] || scale_try "option '$1' needs a value" ;;
	esac
	case $1 in
	-j | --jobs) par+=(-j "$2"); shift 2 ;;
	-S | --sshlogin) par+=(-S "$2"); remote=1; shift 2 ;;
	--sshloginfile) par+=(--sshloginfile "$2"); remote=1; shift 2 ;;
	-M | --controlmaster) master=1; shift ;;
	--ssh) ssh_cmd=$2; shift 2 ;;
	--transfer) transfer=1; shift ;;
	--pipepart) mode=pipepart; shift ;;
	--per-file) mode=per-file; shift ;;
	--block) block=$2; shift 2 ;;
	--print-commands) print=1; shift ;;
	-?*)
		scale_option "$@"
		[ "$nshift" -gt 0 ] || scale_try "unknown option '$1'"
		shift "$nshift" ;;
	*) files+=("$1"); shift ;;
	esac
done
scale_commands
[ -n "$wire_bin" ] && PATH=$wire_bin:$PATH

if [ "$print" = 1 ]; then
	echo "mapper: $prefix $split_cmd FILE... $tail_cmd"
	echo "mapper (JSON-lines on standard input): $prefix $split_cmd --input jsonl - $tail_cmd"
	echo "reducer: $merge_cmd"
	exit 0
fi
[ ${#files[@]} -gt 0 ] || scale_try "no input files (standard input is not read: name the files)"
command -v parallel >/dev/null || { echo "${0##*/}: GNU parallel is needed (Debian: parallel)" >&2; exit 1; }
if [ "$mode" = auto ]; then
	mode=per-file
	[ ${#files[@]} = 1 ] && is_jsonl "${files[0]}" && mode=pipepart
fi
[ "$mode" = pipepart ] && [ ${#files[@]} != 1 ] && scale_try "--pipepart takes one JSON-lines file"
if [ "$mode" = pipepart ] && ! [ -f "${files[0]}" -a -r "${files[0]}" ]; then
	echo "${0##*/}: cannot read '${files[0]}'" >&2
	exit 1
fi
[ "$transfer" = 1 ] && [ "$remote" = 0 ] && scale_try "--transfer needs hosts (-S or --sshloginfile)"
[ -n "$ssh_cmd" ] && par+=(--ssh "$ssh_cmd")
# -M with --pipepart/--pipe leaves a helper of GNU parallel (20221122)
# running after the run: the blocks' jobs open their own connections.
[ "$master" = 1 ] && [ "$mode" = per-file ] && par+=(-M)
# The jobs run under bash where it exists, so that pipefail holds.
if [ -z "${PARALLEL_SHELL:-}" ] && [ -x /bin/bash ]; then
	export PARALLEL_SHELL=/bin/bash
fi
par+=(--halt never)

merge() {
	if [ -n "$output" ]; then
		eval "$merge_cmd -o $(q "$output")"
	else
		eval "$merge_cmd"
	fi
}

case $mode in
pipepart)
	mapper="$prefix $split_cmd --input jsonl - $tail_cmd"
	if is_gzip "${files[0]}"; then
		gzip -dc -- "${files[0]}" |
			parallel --pipe --block "${block:-8M}" "${par[@]}" "$mapper" | merge
		st=("${PIPESTATUS[@]}")
		jobs_st=${st[1]} gz_st=${st[0]} merge_st=${st[2]}
	else
		parallel --pipepart -a "${files[0]}" --block "${block:--4}" "${par[@]}" "$mapper" | merge
		st=("${PIPESTATUS[@]}")
		jobs_st=${st[0]} gz_st=0 merge_st=${st[1]}
	fi
	;;
per-file)
	mapper="$prefix $split_cmd -- {} $tail_cmd"
	if [ "$transfer" = 1 ] || [ "$remote" = 1 ]; then
		list=()
		for f in "${files[@]}"; do
			d=$(cd "$(dirname "$f")" && pwd)
			if [ "$transfer" = 1 ]; then
				list+=("$d/./${f##*/}")
			else
				list+=("$d/${f##*/}")
			fi
		done
		files=("${list[@]}")
	fi
	if [ "$transfer" = 1 ]; then
		# dir/./name: the file lands as 'name' in the job's own work folder
		# (--wd ...), never over the original when a host is this machine;
		# the job names it so.
		mapper="$prefix $split_cmd -- {= s:.*/\./:: =} $tail_cmd"
		par+=(--wd ... --transferfile {} --cleanup)
	fi
	printf '%s\0' "${files[@]}" | parallel -0 "${par[@]}" "$mapper" | merge
	st=("${PIPESTATUS[@]}")
	jobs_st=${st[1]} gz_st=0 merge_st=${st[2]}
	;;
esac

status=0
if [ "$gz_st" != 0 ]; then
	echo "${0##*/}: '${files[0]}': gzip failed (the records before the damage were counted)" >&2
	status=1
fi
if [ "$jobs_st" -ge 1 ] && [ "$jobs_st" -le 101 ]; then
	[ "$jobs_st" = 101 ] && jobs_st='more than 100'
	echo "${0##*/}: $jobs_st job(s) failed (their messages are above); the result holds the good records of every job" >&2
	status=1
elif [ "$jobs_st" != 0 ]; then
	echo "${0##*/}: parallel failed (status $jobs_st)" >&2
	status=1
fi
if [ "$merge_st" != 0 ]; then
	echo "${0##*/}: the merge failed" >&2
	status=1
fi
exit $status
