#!/usr/bin/env bash
# The real-cluster test of sweeps (issue 10): a single-node Slurm cluster on localhost runs the job
# array that `collapse sweep emit slurm` writes; `collapse sweep collect` must then give the same
# bytes (sweep.csv, plots, index.html, every point's summary.csv) as a local `collapse run` of the
# same sweep.
#
#   scripts/slurm-test.sh [COLLAPSE]      # default: .build/debug/collapse (built when missing)
#
# Needs root: installs Debian's slurm-wlm and munge with apt-get when they are missing. Everything
# it starts (munged, slurmctld, slurmd) uses its own key, socket, ports, state and logs under a
# temporary directory, is stopped by the EXIT trap whatever happens, and every wait is bounded.
# KEEP_SLURM_TEST=1 keeps the temporary directory for a look afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

COLLAPSE=${1:-.build/debug/collapse}
if [ ! -x "$COLLAPSE" ]; then swift build --product collapse; fi
COLLAPSE=$(readlink -f "$COLLAPSE")

if ! command -v slurmctld >/dev/null 2>&1 || ! command -v slurmd >/dev/null 2>&1 \
    || ! command -v sbatch >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y slurm-wlm munge
fi

WORK=$(mktemp -d /tmp/collapse-slurm.XXXXXX)
chmod 755 "$WORK"   # munged wants the socket's directories searchable by all
mkdir -p "$WORK/munge" "$WORK/state" "$WORK/spool"
export SLURM_CONF="$WORK/slurm.conf"
STATUS=failed

log() { echo "slurm-test: $*"; }

# Stops a daemon we started, by the PID it wrote; waits at most 10 s before SIGKILL.
stop_daemon() {
    local pidfile=$1 pid
    [ -s "$pidfile" ] || return 0
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || return 0
    for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.2
    done
    kill -9 "$pid" 2>/dev/null || true
}

cleanup() {
    local code=$?
    stop_daemon "$WORK/slurmd.pid"
    stop_daemon "$WORK/slurmctld.pid"
    stop_daemon "$WORK/munge/munged.pid"
    if [ "$STATUS" != passed ]; then
        for file in "$WORK"/slurmctld.log "$WORK"/slurmd.log "$WORK"/munge/munged.log "$WORK"/cluster/logs/*; do
            [ -f "$file" ] || continue
            echo "----- $file (last 40 lines)"
            tail -n 40 "$file"
        done
    fi
    if [ "${KEEP_SLURM_TEST:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
    exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits until a command succeeds, at most $1 seconds.
wait_for() {
    local seconds=$1 what=$2
    shift 2
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        if [ "$SECONDS" -ge "$deadline" ]; then log "timed out after ${seconds}s waiting for $what"; return 1; fi
        sleep 0.5
    done
}

# A free TCP port on 127.0.0.1 (nothing answers on it), from a random start.
free_port() {
    local port
    for _ in $(seq 1 100); do
        port=$((20000 + RANDOM % 30000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
    done
    return 1
}

# --- munge: our own key and socket ---
if command -v mungekey >/dev/null 2>&1; then
    mungekey --create --keyfile="$WORK/munge/munge.key"
else
    dd if=/dev/urandom of="$WORK/munge/munge.key" bs=1 count=1024 status=none
fi
chmod 600 "$WORK/munge/munge.key"
munged --force --key-file="$WORK/munge/munge.key" --socket="$WORK/munge/munge.socket" \
    --pid-file="$WORK/munge/munged.pid" --log-file="$WORK/munge/munged.log" --seed-file="$WORK/munge/munged.seed"
wait_for 20 "munged's socket" test -S "$WORK/munge/munge.socket"

# --- Slurm: one node, this host, two CPUs ---
HOST=$(hostname -s)
CPUS=$(nproc)
CTLD_PORT=$(free_port)
SLURMD_PORT=$(free_port)
while [ "$SLURMD_PORT" = "$CTLD_PORT" ]; do SLURMD_PORT=$(free_port); done
cat >"$SLURM_CONF" <<CONF
ClusterName=collapsetest
SlurmctldHost=$HOST(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
AuthType=auth/munge
AuthInfo=socket=$WORK/munge/munge.socket
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/slurmctld.log
SlurmdLogFile=$WORK/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
MpiDefault=none
ReturnToService=2
MinJobAge=600
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=2048 State=UNKNOWN
PartitionName=debug Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
log "starting slurmctld (port $CTLD_PORT) and slurmd (port $SLURMD_PORT) on $HOST"
slurmctld -f "$SLURM_CONF"
wait_for 30 "slurmctld" scontrol ping
slurmd -f "$SLURM_CONF"
node_idle() { [ "$(sinfo -h -n "$HOST" -o %t | tr -d ' *')" = idle ]; }
wait_for 60 "the node to be idle" node_idle
sinfo

# --- the sweep: 2 × 2 points, small ---
cat >"$WORK/grid.yaml" <<'SPEC'
name: slurm-grid
generations: 12
replicates: 300
metrics: [variance, log-variance, mean-error]
sweep:
  samples: [8, 80]
  regime: [replace, {synthetic: accumulate, real: keep}]
  resources: {cpus: 1, memory: 256M, time: "5"}
SPEC

timeout 120 "$COLLAPSE" sweep emit slurm "$WORK/grid.yaml" --out "$WORK/cluster"
grep -q -- '--array=0-3' "$WORK/cluster/sweep.slurm"
cat "$WORK/cluster/sweep.slurm"
JOB=$(timeout 60 sbatch --parsable "$WORK/cluster/sweep.slurm")
JOB=${JOB%%;*}
log "submitted job array $JOB"
array_done() { [ -z "$(squeue -h -j "$JOB" -o %i 2>/dev/null)" ]; }
wait_for 300 "job array $JOB" array_done
STATES=$(timeout 60 scontrol -o show job "$JOB" | grep -o 'JobState=[A-Z_]*' | sort | uniq -c)
log "task states: $(echo $STATES)"
COMPLETED=$(timeout 60 scontrol -o show job "$JOB" | grep -c 'JobState=COMPLETED' || true)
if [ "$COMPLETED" != 4 ]; then log "expected 4 completed array tasks, got $COMPLETED"; exit 1; fi

# Re-submitting is idempotent: every task finds its point complete and leaves it as it is.
MANIFESTS=$(cat "$WORK"/cluster/point-*/manifest.json | md5sum)
JOB2=$(timeout 60 sbatch --parsable "$WORK/cluster/sweep.slurm")
JOB2=${JOB2%%;*}
JOB=$JOB2
wait_for 300 "job array $JOB2" array_done
COMPLETED=$(timeout 60 scontrol -o show job "$JOB2" | grep -c 'JobState=COMPLETED' || true)
if [ "$COMPLETED" != 4 ]; then log "the re-submitted array did not complete every task ($COMPLETED of 4)"; exit 1; fi
if [ "$(cat "$WORK"/cluster/point-*/manifest.json | md5sum)" != "$MANIFESTS" ]; then log "re-submitting changed complete points"; exit 1; fi

timeout 120 "$COLLAPSE" sweep collect "$WORK/cluster"
timeout 300 "$COLLAPSE" run "$WORK/grid.yaml" --out "$WORK/local" --runs-root "$WORK/runs" --quiet

# --- the comparison: byte for byte ---
# Every file of both sweep directories but the points' manifest.json and report.html (which hold
# timings and thread counts) and the Slurm logs and script.
list_files() {
    (cd "$1" && find . -type f ! -name manifest.json ! -name report.html ! -path './logs/*' ! -name sweep.slurm | LC_ALL=C sort)
}
if [ "$(list_files "$WORK/local")" != "$(list_files "$WORK/cluster")" ]; then
    log "the two sweep directories hold different files:"
    diff <(list_files "$WORK/local") <(list_files "$WORK/cluster") || true
    exit 1
fi
compared=0
for file in $(list_files "$WORK/local"); do
    cmp "$WORK/local/$file" "$WORK/cluster/$file"
    compared=$((compared + 1))
done
for file in sweep.csv index.html plots/variance.svg plots/variance-heatmap.svg point-0003/summary.csv; do
    [ -f "$WORK/local/$file" ] || { log "missing $file"; exit 1; }
done
STATUS=passed
log "passed: the Slurm job array's collected sweep equals the local run ($compared files compared byte for byte)"
