#!/usr/bin/env bash
# Integration test (ctest label `slurm`), run inside scripts/slurm/local-cluster.sh: submits a
# sweep as a throttled job array with a dependent merge job on a real single-node Slurm cluster,
# waits, and checks that the merged database equals a single-process run of the same plan.
# Usage: sweep_array_test.sh ROUTELAB_BINARY WORK_DIR
set -euo pipefail
routelab=$(realpath "$1"); work=$(realpath -m "$2")
source_dir="$(cd "$(dirname "$0")/../.." && pwd)"
[ -n "${SLURM_CONF:-}" ] || { echo "run me through scripts/slurm/local-cluster.sh" >&2; exit 1; }
sl() { timeout 10 "$@"; }
rm -rf "$work"; mkdir -p "$work"
cat > "$work/sweep.toml" <<'TOML'
# 3 x 2 points, 3 routers, 2 replications, minus hash at capacity 1.0: 32 short runs in 4 shards.
scenario = "default"
routers = ["greedy", "hash", "power_of_two"]
replications = 2
constraints = ["router != 'hash' or routing.capacity_factor > 1.0"]
[set]
length.tokens = 4096
[grid]
routing.capacity_factor = [1.0, 1.25, 1.5]
tokens.zipf_s = [0.8, 1.2]
TOML
"$routelab" sweep run "$work/sweep.toml" --db "$work/single.sqlite" --jobs 1

read -r array merge < <(bash "$source_dir/scripts/slurm/submit-sweep.sh" "$work/sweep.toml" "$work/out" \
                         --tasks 4 --throttle 2 --routelab "$routelab" | tail -n 1)
echo "array job $array, merge job $merge"
deadline=$((SECONDS + 300))
while [ -n "$(sl squeue -h -j "$array,$merge" -o %i 2>/dev/null || echo busy)" ]; do
  [ $SECONDS -lt $deadline ] || { echo "jobs still queued after 300 s"; sl squeue; exit 1; }
  sleep 0.2
done
# Finished jobs stay visible to scontrol for MinJobAge (300 s by default): every one must have
# completed (a failed task would also have cancelled the merge through its dependency).
states=$(sl scontrol show job "$array" | grep -o 'JobState=[A-Z_]*' | sort | uniq -c)
echo "array task states: $states"
[ "$(sl scontrol show job "$array" | grep -c 'JobState=COMPLETED')" = 4 ] || { cat "$work"/out/slurm-*.out; exit 1; }
sl scontrol show job "$merge" | grep -q 'JobState=COMPLETED' || { cat "$work"/out/slurm-*.out; exit 1; }
for i in 0 1 2 3; do test -s "$work/out/shard-$i.sqlite"; done
grep -q "of 32 planned, 0 missing" "$work"/out/slurm-*-merge.out
"$routelab" sweep diff "$work/single.sqlite" "$work/out/results.sqlite"
test -s "$work/out/report/report.md"
echo "slurm sweep test: merged shards equal the single-process run"
