# tests/cluster/lib.sh — fixtures of the scale-out tests, sourced by the
# tests/cluster/*.t scripts (bash): TAP helpers, an sshd on 127.0.0.1 with
# two host aliases, and a single-node Slurm cluster (munged, slurmctld,
# slurmd), each brought up in a scratch folder of its own and stopped by its
# recorded PID in an EXIT trap, also when the test fails half-way.
#
# Facts these fixtures rely on (found by trying, see docs/scale-out.md):
# munged refuses a socket folder that is not world-executable; slurmd 22.05
# always loads a cgroup plugin and, in a container, dies under the default
# 'autodetect' (cgroup.conf: CgroupPlugin=cgroup/v1 with proctrack/linuxproc
# and task/none works); without accounting there is no sacct; sshd needs
# /run/sshd, 'StrictModes no' for keys in a temporary folder, and
# 'SetEnv SHLVL=1' keeps root's .bashrc from running before every job.

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LC_ALL=C
export LC_ALL
scratch=$(mktemp -d "${TMPDIR:-/tmp}/wire-cluster.XXXXXX") || exit 2
chmod 755 "$scratch"
pids=()          # daemons to stop, in order
ssh_cfg=''
ssh_hosts=()
tap_n=0 tap_fail=0

ok() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $*"; }
not_ok() { tap_n=$((tap_n + 1)); tap_fail=$((tap_fail + 1)); echo "not ok $tap_n - $*"; }
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n # skip $*"; }
diag() { sed 's/^/# /'; }
# check NAME: 'ok NAME' when the last command succeeded, else 'not ok'.
check() { if [ "$1" = 0 ]; then ok "$2"; else not_ok "$2"; fi; }

teardown() {
	set +e
	if [ -n "${SLURM_CONF:-}" ] && [ -f "$SLURM_CONF" ]; then
		# cancel what is left, so no job step outlives slurmd
		squeue -h -o %i 2>/dev/null | xargs -r scancel 2>/dev/null
		sleep 0.2
	fi
	for h in "${ssh_hosts[@]}"; do
		ssh -F "$ssh_cfg" -O exit "$h" >/dev/null 2>&1
	done
	local i
	for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
		kill "${pids[i]}" 2>/dev/null
	done
	for p in "${pids[@]}"; do
		for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	rm -rf "$scratch"
	echo "1..$tap_n"
	[ "$tap_fail" = 0 ] || exit 1
}
trap teardown EXIT
trap 'exit 1' INT TERM HUP

# port_free P: nothing listens on 127.0.0.1:P.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# free_port: a random port nothing listens on.
free_port() {
	local p
	while :; do
		p=$((20000 + RANDOM % 40000))
		port_free "$p" && { echo "$p"; return; }
	done
}
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

# sshd_start: an sshd on 127.0.0.1 with its own host key and authorized
# key, reachable as the hosts wire-a and wire-b through "$ssh_cfg".
# Returns 1 with the reason in $why when it cannot start.
sshd_start() {
	local d=$scratch/sshd sshd port try pid
	why=''
	sshd=$(command -v sshd || echo /usr/sbin/sshd)
	[ -x "$sshd" ] || { why='sshd is not installed (Debian: openssh-server)'; return 1; }
	command -v ssh >/dev/null && command -v ssh-keygen >/dev/null ||
		{ why='ssh or ssh-keygen is missing (Debian: openssh-client)'; return 1; }
	mkdir -p "$d" && chmod 755 "$d"
	[ -d /run/sshd ] || mkdir -p /run/sshd 2>/dev/null ||
		{ why='cannot create /run/sshd (privilege separation folder; not root?)'; return 1; }
	ssh-keygen -q -t ed25519 -N '' -f "$d/host_key" &&
		ssh-keygen -q -t ed25519 -N '' -f "$d/user_key" &&
		cp "$d/user_key.pub" "$d/authorized_keys" || { why='ssh-keygen failed'; return 1; }
	for try in 1 2 3 4 5; do
		port=$(free_port)
		cat >"$d/sshd_config" <<-CONF
		Port $port
		ListenAddress 127.0.0.1
		HostKey $d/host_key
		PidFile $d/sshd.pid
		AuthorizedKeysFile $d/authorized_keys
		StrictModes no
		PubkeyAuthentication yes
		PasswordAuthentication no
		KbdInteractiveAuthentication no
		PermitRootLogin prohibit-password
		UsePAM no
		SetEnv SHLVL=1
		CONF
		cat >"$d/ssh_config" <<-CONF
		Host wire-a wire-b
		  HostName 127.0.0.1
		  Port $port
		  User $(id -un)
		  IdentityFile $d/user_key
		  IdentitiesOnly yes
		  UserKnownHostsFile $d/known_hosts
		  StrictHostKeyChecking yes
		  BatchMode yes
		  LogLevel ERROR
		  ControlPath $d/cm-%r@%h:%p
		CONF
		echo "[127.0.0.1]:$port $(cat "$d/host_key.pub")" >"$d/known_hosts"
		"$sshd" -D -e -f "$d/sshd_config" 2>"$d/sshd.log" &
		pid=$!
		for _ in $(seq 50); do
			kill -0 "$pid" 2>/dev/null || break
			port_free "$port" || break
			sleep 0.1
		done
		if kill -0 "$pid" 2>/dev/null; then
			pids+=("$pid")
			ssh_cfg=$d/ssh_config
			ssh_hosts=(wire-a wire-b)
			if [ "$(ssh -F "$ssh_cfg" wire-a echo up 2>&1)" = up ]; then
				return 0
			fi
			why="sshd started but ssh to it failed: $(tail -3 "$d/sshd.log" | tr '\n' ' ')"
			return 1
		fi
		wait "$pid" 2>/dev/null
		grep -q 'Address already in use' "$d/sshd.log" || break
	done
	why="sshd did not start: $(tail -3 "$d/sshd.log" | tr '\n' ' ')"
	return 1
}

# slurm_start: a single-node Slurm cluster (munged, slurmctld, slurmd) in
# $scratch/slurm, SLURM_CONF exported; sets slurm_up_s to the seconds from
# the first daemon's start to the first job step's output. Returns 1 with
# the reason in $why when it cannot start.
slurm_start() {
	local d=$scratch/slurm t0 host cpus p out state
	why=''
	for t in munged munge slurmctld slurmd sbatch scontrol sinfo squeue srun scancel; do
		command -v "$t" >/dev/null || [ -x "/usr/sbin/$t" ] ||
			{ why="$t is not installed (Debian: slurm-wlm, munge)"; return 1; }
	done
	[ "$(id -u)" = 0 ] || { why='the test cluster runs as root (SlurmUser=root)'; return 1; }
	mkdir -p "$d/munge" "$d/state" "$d/spool" "$d/log" && chmod 755 "$d" "$d/munge"
	dd if=/dev/urandom of="$d/munge/munge.key" bs=1024 count=1 2>/dev/null &&
		chmod 400 "$d/munge/munge.key"
	t0=$(now)
	"$(command -v munged || echo /usr/sbin/munged)" -F -f --socket="$d/munge/socket" \
		--key-file="$d/munge/munge.key" --log-file="$d/log/munged.log" \
		--pid-file="$d/munge/munged.pid" --seed-file="$d/munge/seed" 2>"$d/log/munged.err" &
	pids+=("$!")
	for _ in $(seq 50); do [ -S "$d/munge/socket" ] && break; sleep 0.1; done
	[ -S "$d/munge/socket" ] ||
		{ why="munged did not start: $(tail -2 "$d/log/munged.err" | tr '\n' ' ')"; return 1; }
	host=$(uname -n); host=${host%%.*}
	cpus=$(nproc)
	cat >"$d/slurm.conf" <<-CONF
	ClusterName=wiretest
	SlurmctldHost=$host(127.0.0.1)
	SlurmUser=root
	SlurmdUser=root
	AuthType=auth/munge
	AuthInfo=socket=$d/munge/socket
	CredType=cred/munge
	SlurmctldPort=$(free_port)
	SlurmdPort=$(free_port)
	StateSaveLocation=$d/state
	SlurmdSpoolDir=$d/spool
	SlurmctldPidFile=$d/slurmctld.pid
	SlurmdPidFile=$d/slurmd.pid
	SlurmctldLogFile=$d/log/slurmctld.log
	SlurmdLogFile=$d/log/slurmd.log
	ProctrackType=proctrack/linuxproc
	TaskPlugin=task/none
	SelectType=select/cons_tres
	SelectTypeParameters=CR_CPU
	SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
	AccountingStorageType=accounting_storage/none
	JobAcctGatherType=jobacct_gather/none
	JobCompType=jobcomp/none
	MpiDefault=none
	ReturnToService=2
	MinJobAge=600
	KillWait=2
	NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
	PartitionName=wire Nodes=$host Default=YES MaxTime=INFINITE State=UP
	CONF
	echo 'CgroupPlugin=cgroup/v1' >"$d/cgroup.conf"
	SLURM_CONF=$d/slurm.conf
	export SLURM_CONF
	"$(command -v slurmctld || echo /usr/sbin/slurmctld)" -D -i -f "$SLURM_CONF" >"$d/log/slurmctld.out" 2>&1 &
	pids+=("$!")
	"$(command -v slurmd || echo /usr/sbin/slurmd)" -D -N "$host" -f "$SLURM_CONF" >"$d/log/slurmd.out" 2>&1 &
	pids+=("$!")
	state=''
	for _ in $(seq 200); do
		state=$(sinfo -h -n "$host" -o %T 2>/dev/null)
		case $state in idle*) break ;; esac
		sleep 0.05
	done
	case $state in
	idle*) ;;
	*) why="the node did not come up (state '${state:-none}'): $(tail -2 "$d/log/slurmd.out" "$d/log/slurmctld.out" 2>/dev/null | tr '\n' ' ')"
		return 1 ;;
	esac
	out=$(timeout 30 srun -N1 -n1 echo job-ran 2>&1)
	if [ "$out" != job-ran ]; then
		why="srun printed '$out' (node: $(sinfo -h -o '%T %E'))"
		return 1
	fi
	slurm_up_s=$(elapsed "$t0")
	case $(sinfo -h -n "$host" -o %T) in
	drain* | down*) why="the node is $(sinfo -h -o '%T: %E')"; return 1 ;;
	esac
	return 0
}

# sorted FILE: FILE's lines sorted bytewise (the order of groups with equal
# counts is not part of the contract).
sorted() { LC_ALL=C sort "$1"; }

# Sample inputs the tests share ($scratch/in): the sample articles as files
# of every kind, and one JSON-lines file of COPIES copies of their documents,
# each with an id of its own (plain and gzip).
make_inputs() {
	local S=$top/share/wire/samples copies=${1:-4} i
	mkdir -p "$scratch/in"
	cp "$S"/*.txt "$S"/*.gz "$S"/*.jsonl "$S"/*.csv "$scratch/in/"
	wire-split --by doc --no-progress "$S"/*.txt "$S"/*.gz "$S"/*.jsonl "$S"/*.csv |
		jq -c '{id: .doc, date: .date, text: .text}' >"$scratch/docs.jsonl"
	for i in $(seq "$copies"); do
		jq -c --arg c "c$i-" '.id = $c + .id' "$scratch/docs.jsonl"
	done >"$scratch/big.jsonl"
	gzip -c "$scratch/big.jsonl" >"$scratch/big.jsonl.gz"
}

# The aggregations every engine must reproduce exactly, one per line:
# NAME<TAB>options of wire-aggregate (bash words).
specs() {
	cat <<-'SPECS'
	counts	--by 'country=.entities[]?.iso' --count
	sums	--by 'topic=.topics[0] | .label? // . // "none"' --sum 'entities=.entities // [] | length' --min 'least=.entities // [] | length' --max 'most=.entities // [] | length' --mean 'mean=.entities // [] | length'
	distinct	--by 'type=.entities[]?.type' --distinct 'docs=.doc' --distinct 'keys=.entities[]?.key'
	pairs	--pairs 'pair=[.entities[]? | select(.iso) | .iso] | unique | .[]' --count
	meetings	--pairs 'people=[.participants[]?.key] | unique | .[]' --count --distinct 'articles=.doc' --by 'mode=.mode // empty'
	SPECS
}

# single SPEC FILE...: the plain one-process pipeline (the reference).
single() {
	local spec=$1
	shift
	wire-split --no-progress "$@" | wire-extract-entities --no-progress |
		wire-classify-topics --no-progress | wire-extract-events --no-progress |
		eval "wire-aggregate --no-progress $spec"
}
# WIRE_BIN: the folder of the tools under test (default bin/).
# make_refs: the single run of every spec over the files and over the
# JSON-lines file ($scratch/ref.files.NAME, $scratch/ref.big.NAME), one TAP
# line each: a reference must have groups, or the comparisons prove nothing.
make_refs() {
	local name spec st n1 n2
	while IFS=$'\t' read -r name spec; do
		single "$spec" "${files[@]}" >"$scratch/ref.files.$name" &&
			single "$spec" "$big" >"$scratch/ref.big.$name"
		st=$?
		n1=$(wc -l <"$scratch/ref.files.$name") n2=$(wc -l <"$scratch/ref.big.$name")
		[ "$st" = 0 ] && [ "$n1" -gt 0 ] && [ "$n2" -gt 0 ]
		check $? "reference $name: $n1 groups over ${#files[@]} files, $n2 over $(wc -l <"$big") JSON-lines documents"
	done < <(specs)
}

PATH=${WIRE_BIN:-$top/bin}:$PATH
export PATH
