#!/usr/bin/env bash
# local-cluster.sh -- throw-away single-node Slurm cluster on localhost, for routelab's tests.
#
# Adapted from the team's tested slurm-local.sh (shared/scripts). Target: Debian 12 (Slurm 22.05,
# munge 0.5.15), run as root, no systemd, no Docker.
#   1. installs slurmctld slurmd slurm-client munge if missing (packages start no daemon),
#   2. starts a private munged, slurmctld and slurmd in the background: own socket, own
#      ports, own config and state under a fresh temp dir; nothing in /etc is touched,
#   3. waits until the node is idle; optionally (SLURM_CI_SMOKE=1, or when no command is given)
#      runs a 4-task smoke array and checks its outputs,
#   4. runs your command ("$@") with SLURM_CONF and SLURM_CI_WORK (its scratch dir) exported,
#   5. always stops what it started (by PID) and removes the temp dir (kept on failure).
# Idempotent: safe to run twice; a run that was SIGKILLed is cleaned up by the next run that uses
# the same ports. Two runs on the same ports wait for each other (flock), never share a cluster.
#
# Changes from slurm-local.sh: the pid registry and a lock are per port pair (two projects' tests
# on one machine cannot clean up each other's daemons); jobs are awaited by polling squeue
# (`sbatch --wait` sleeps in growing steps and adds up to ~30 s); the smoke test is optional; a
# failing command gets the daemons' logs printed.
#
# Pitfalls this script handles (keep them handled when editing):
#   - unresolvable host names: a Slurm client blocks ~10 s per call on a name that does not
#     resolve; the config uses name(127.0.0.1) and NodeAddr, and every client call is bounded;
#   - cgroups: containers rarely allow them; proctrack/linuxproc + task/none need none;
#   - munge: the socket's directory must be o+x, the key 0400, munged up before slurmctld;
#   - package scripts: without systemd, postinst would start daemons through /etc/init.d;
#     a temporary policy-rc.d forbids it;
#   - slurmstepd ignores SIGTERM and lingers ~1 s after each job; ours are found by SLURM_CONF.
#
# Usage:  bash scripts/slurm/local-cluster.sh                       # smoke test only
#         bash scripts/slurm/local-cluster.sh -- bash tests/slurm/sweep_array_test.sh ...
# Env:    SLURM_CI_AUTH=munge|none  (default munge; auth/none+cred/none exist in 22.05)
#         SLURM_CI_CTLD_PORT / SLURM_CI_SLURMD_PORT (default 6817 / 6818)
#         SLURM_CI_CPUS=N   CPUs declared for the node (default: nproc; may exceed it)
#         SLURM_CI_SMOKE=1  run the smoke array also when a command is given
#         SLURM_CI_KEEP=1 keeps the temp dir (logs) also on success
set -Eeuo pipefail
umask 022
export PATH="$PATH:/usr/sbin:/usr/bin:/sbin:/bin"   # munged, slurmd, slurmctld live in /usr/sbin

AUTH="${SLURM_CI_AUTH:-munge}"
CTLD_PORT="${SLURM_CI_CTLD_PORT:-6817}"
SLURMD_PORT="${SLURM_CI_SLURMD_PORT:-6818}"
KEEP="${SLURM_CI_KEEP:-0}"
SCRATCH_BASE="${TMPDIR:-/tmp}"
# Fixed name per port pair: lets a rerun clean up a killed run, and only its own.
PIDREG="$SCRATCH_BASE/routelab-slurm-$CTLD_PORT-$SLURMD_PORT.pids"
LOCKFILE="$SCRATCH_BASE/routelab-slurm-$CTLD_PORT-$SLURMD_PORT.lock"
[ "${1:-}" = "--" ] && shift
SMOKE="${SLURM_CI_SMOKE:-0}"
[ $# -eq 0 ] && SMOKE=1

[ "$(id -u)" -eq 0 ] || { echo "local-cluster: must run as root" >&2; exit 1; }
case "$AUTH" in munge|none) ;; *) echo "SLURM_CI_AUTH must be munge or none" >&2; exit 1 ;; esac

ms() { echo $(( $(date +%s%N) / 1000000 )); }
T_START=$(ms); T_PHASE=$T_START
phase() {
  local t; t=$(ms)
  printf '[local-cluster] %-30s %6d ms  (total %6d ms)\n' "$1" $((t - T_PHASE)) $((t - T_START))
  T_PHASE=$t
}
log() { echo "[local-cluster] $*"; }
# Slurm clients block ~10 s per call when a name does not resolve: always bound them.
sl() { timeout 10 "$@"; }

# Stop one process that we started, by PID, only if it still is that program.
stop_pid() {
  local pid="$1" name="$2" i
  [ -n "$pid" ] && [ -r "/proc/$pid/comm" ] || return 0
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$name" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 100); do                                  # up to 10 s, then SIGKILL
    kill -0 "$pid" 2>/dev/null || break
    grep -q '^State:.*Z' "/proc/$pid/status" 2>/dev/null && break   # zombie = exited
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null && ! grep -q '^State:.*Z' "/proc/$pid/status" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# slurmstepd ignores SIGTERM; ours are recognised by the SLURM_CONF they inherited.
# Give them $2 seconds to finish on their own (they linger ~1 s after a job), then SIGKILL.
our_stepds() {
  local conf="$1" d
  for d in /proc/[0-9]*; do
    [ "$(cat "$d/comm" 2>/dev/null)" = slurmstepd ] || continue
    grep -q '^State:.*Z' "$d/status" 2>/dev/null && continue
    if { tr '\0' '\n' < "$d/environ"; } 2>/dev/null | grep -qxF "SLURM_CONF=$conf"; then
      echo "${d#/proc/}"
    fi
  done
}
kill_stepds() {
  local conf="$1" deadline=$((SECONDS + ${2:-0})) p
  while [ -n "$(our_stepds "$conf")" ] && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
  for p in $(our_stepds "$conf"); do kill -KILL "$p" 2>/dev/null || true; done
}

# One cluster per port pair at a time: wait (up to 10 min) for another run to finish.
exec 9>"$LOCKFILE"
flock -w 600 9 || { log "another cluster holds ports $CTLD_PORT/$SLURMD_PORT (lock $LOCKFILE)"; exit 1; }

# ---- 0. clean up after an earlier run that was killed before its trap could run -------------
if [ -f "$PIDREG" ]; then
  log "cleaning up leftovers of an earlier run ($PIDREG)"
  old_dir=$(awk '$1=="dir"{print $2}' "$PIDREG")
  old_ctld=$(awk '$1=="pid" && $3=="slurmctld"{print $2}' "$PIDREG")
  if [ -n "$old_ctld" ] && [ -f "$old_dir/etc/slurm.conf" ] && kill -0 "$old_ctld" 2>/dev/null; then
    SLURM_CONF="$old_dir/etc/slurm.conf" sl scancel --quiet --user=root >/dev/null 2>&1 || true
    SLURM_CONF="$old_dir/etc/slurm.conf" sl scontrol shutdown >/dev/null 2>&1 || true
  fi
  for name in slurmctld slurmd munged; do       # munged last: the others need it
    for pid in $(awk -v n="$name" '$1=="pid" && $3==n{print $2}' "$PIDREG"); do
      stop_pid "$pid" "$name"
    done
  done
  if [ -n "$old_dir" ]; then
    kill_stepds "$old_dir/etc/slurm.conf"
    case "$old_dir" in "$SCRATCH_BASE"/slurm-ci.*) rm -rf -- "$old_dir" ;; esac
  fi
  rm -f "$PIDREG"
  phase "leftover cleanup"
fi

WORK=""; MADE_POLICY=0; PID_MUNGED=""; PID_CTLD=""; PID_SLURMD=""
cleanup() {
  local rc=$? deadline
  set +e
  trap - EXIT INT TERM
  [ "$rc" -ne 0 ] && phase "(failed or interrupted here)"
  if [ -n "$PID_CTLD" ] && kill -0 "$PID_CTLD" 2>/dev/null; then
    sl scancel --quiet --user=root >/dev/null 2>&1      # no job may outlive the cluster
    deadline=$((SECONDS + 10))
    while [ $SECONDS -lt $deadline ] && [ -n "$(sl squeue -h -o %i 2>/dev/null)" ]; do sleep 0.2; done
    sl scontrol shutdown >/dev/null 2>&1               # stops slurmctld and slurmd cleanly
    deadline=$((SECONDS + 10))
    while [ $SECONDS -lt $deadline ] && { kill -0 "$PID_CTLD" 2>/dev/null || kill -0 "$PID_SLURMD" 2>/dev/null; }; do
      sleep 0.1
    done
  fi
  stop_pid "$PID_CTLD" slurmctld
  stop_pid "$PID_SLURMD" slurmd
  [ -n "$WORK" ] && kill_stepds "$WORK/etc/slurm.conf" 5
  stop_pid "$PID_MUNGED" munged
  [ "$MADE_POLICY" = 1 ] && rm -f /usr/sbin/policy-rc.d
  rm -f "$PIDREG"
  if [ -n "$WORK" ]; then
    if [ "$KEEP" = 1 ] || [ "$rc" -ne 0 ]; then log "logs kept in $WORK/log"; else rm -rf -- "$WORK"; fi
  fi
  phase "shutdown"
  log "exit code $rc"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

dump_logs() { local f; for f in "$WORK"/log/*; do echo "----- $f"; tail -n 30 "$f"; done; }

# ---- 1. packages (only what is missing) ---------------------------------------------------
PKGS=(slurmctld slurmd slurm-client munge)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  # Without systemd, postinst would start munged (and slurmd/slurmctld once a
  # /etc/slurm/slurm.conf exists) through /etc/init.d; policy-rc.d exit 101 forbids it.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d
    MADE_POLICY=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if [ "$MADE_POLICY" = 1 ]; then rm -f /usr/sbin/policy-rc.d; MADE_POLICY=0; fi
fi
phase "install (${#missing[@]} of ${#PKGS[@]} missing)"

# ---- 2. scratch dir and config --------------------------------------------------------------
WORK=$(mktemp -d "$SCRATCH_BASE/slurm-ci.XXXXXX")
export SLURM_CI_WORK="$WORK"
chmod 755 "$WORK"                    # munged insists on o+x for its socket's directory
echo "dir $WORK" > "$PIDREG"
mkdir -p "$WORK"/{etc,state,spool,log,run,out} "$WORK"/munge/{run,lib,log}
chmod 700 "$WORK"/munge/lib "$WORK"/munge/log

NODE=$(hostname -s)                  # slurmd finds its NodeName from this (and -N below)
NCPU="${SLURM_CI_CPUS:-$(nproc)}"    # more than nproc needs config_overrides (below)
OVERRIDE=""
# Declaring more CPUs than the hardware has drains the node ("Low CPUs") unless slurmd
# is told to trust slurm.conf; lets a 2-core runner run e.g. 8 array tasks at once.
[ "$NCPU" -gt "$(nproc)" ] && OVERRIDE="SlurmdParameters=config_overrides"
MUNGE_SOCK="$WORK/munge/run/munge.socket"
if [ "$AUTH" = munge ]; then
  AUTH_LINES="AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$MUNGE_SOCK"
else
  AUTH_LINES="AuthType=auth/none
CredType=cred/none"
fi

export SLURM_CONF="$WORK/etc/slurm.conf"   # read by the daemons and by every client command
cat > "$SLURM_CONF" <<EOF
ClusterName=ci
# name(addr) and NodeAddr: nothing ever needs to resolve the host name
SlurmctldHost=$NODE(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
$AUTH_LINES
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/run/slurmctld.pid
SlurmdPidFile=$WORK/run/slurmd.pid
SlurmctldLogFile=$WORK/log/slurmctld.log
SlurmdLogFile=$WORK/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
$OVERRIDE
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$NCPU RealMemory=1000 State=UNKNOWN
PartitionName=debug Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF
phase "config"

# ---- 3. daemons ------------------------------------------------------------------------------
if [ "$AUTH" = munge ]; then
  dd if=/dev/urandom of="$WORK/munge/lib/munge.key" bs=1024 count=1 status=none
  chmod 400 "$WORK/munge/lib/munge.key"
  munged --foreground --socket="$MUNGE_SOCK" --key-file="$WORK/munge/lib/munge.key" \
         --log-file="$WORK/munge/log/munged.log" --pid-file="$WORK/munge/run/munged.pid" \
         --seed-file="$WORK/munge/lib/munged.seed" > "$WORK/log/munged.out" 2>&1 &
  PID_MUNGED=$!; echo "pid $PID_MUNGED munged" >> "$PIDREG"
  for _ in $(seq 1 50); do munge -n -S "$MUNGE_SOCK" >/dev/null 2>&1 && break; sleep 0.1; done
  munge -n -S "$MUNGE_SOCK" | unmunge -S "$MUNGE_SOCK" >/dev/null \
    || { log "munged did not come up"; dump_logs; exit 1; }
fi
slurmctld -D > "$WORK/log/slurmctld.out" 2>&1 &
PID_CTLD=$!; echo "pid $PID_CTLD slurmctld" >> "$PIDREG"
slurmd -D -N "$NODE" > "$WORK/log/slurmd.out" 2>&1 &
PID_SLURMD=$!; echo "pid $PID_SLURMD slurmd" >> "$PIDREG"
state=""; deadline=$((SECONDS + 30))
while [ $SECONDS -lt $deadline ]; do
  state=$(sl sinfo -h -N -n "$NODE" -o %T 2>/dev/null || true)
  [ "$state" = idle ] && break
  kill -0 "$PID_CTLD" 2>/dev/null && kill -0 "$PID_SLURMD" 2>/dev/null || break
  sleep 0.1
done
[ "$state" = idle ] || { log "node not idle (state='$state')"; dump_logs; exit 1; }
sl sinfo
phase "daemons up, node idle"

# ---- 4. smoke test: 4-task job array (optional) ---------------------------------------------
# Waits by polling squeue: `sbatch --wait` sleeps in growing steps and adds up to ~30 s.
wait_jobs() {  # wait_jobs SECONDS JOBID...: until none of the jobs is queued or running
  local deadline=$((SECONDS + $1)); shift
  local ids; ids=$(IFS=,; echo "$*")
  while [ -n "$(sl squeue -h -j "$ids" -o %i 2>/dev/null || echo busy)" ]; do
    [ $SECONDS -lt $deadline ] || { log "jobs $ids still queued after the timeout"; return 1; }
    sleep 0.2
  done
}
if [ "$SMOKE" = 1 ]; then
  OUT="$WORK/out"
  cat > "$WORK/array_job.sh" <<'EOF'
#!/bin/bash
echo "$SLURM_ARRAY_TASK_ID" > "$OUT_DIR/task_${SLURM_ARRAY_TASK_ID}.txt"
EOF
  JOB=$(sl sbatch --parsable --array=0-3 --job-name=ci-array --chdir="$OUT" \
      --output="$OUT/slurm-%A_%a.out" --export=ALL,OUT_DIR="$OUT" "$WORK/array_job.sh")
  JOB=${JOB%%;*}
  wait_jobs 180 "$JOB" || { dump_logs; exit 1; }
  for i in 0 1 2 3; do
    [ "$(cat "$OUT/task_$i.txt" 2>/dev/null)" = "$i" ] \
      || { log "missing/wrong output of array task $i"; ls -l "$OUT"; dump_logs; exit 1; }
  done
  log "job array OK: $(cat "$OUT"/task_*.txt | tr '\n' ' ')"
  phase "smoke array 0-3"
fi

# ---- 5. the user command, with SLURM_CONF (and SLURM_CI_WORK, the scratch dir) exported -----
if [ $# -gt 0 ]; then
  log "running: $*"
  "$@" || { rc=$?; log "command failed (rc=$rc)"; dump_logs; exit "$rc"; }
  phase "user command"
fi
