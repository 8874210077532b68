#!/usr/bin/env bash
# Submits a routelab sweep to Slurm: a job array of shards (scripts/slurm/sweep.sbatch) and a
# merge job that starts only when every shard succeeded. Prints "ARRAY_JOB MERGE_JOB" last.
#
# Usage: submit-sweep.sh SWEEP.toml OUTDIR [--tasks N] [--throttle M] [--cpus-per-task C]
#                        [--routelab PATH] [-- extra sbatch arguments for every job]
#   --tasks N          shards (array tasks), default 8
#   --throttle M       at most M tasks running at once (sbatch --array=...%M), default: no limit
#   --cpus-per-task C  threads per task (routelab --jobs), default 1
#   --routelab PATH    the routelab binary on the compute nodes (default: routelab on PATH)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
usage() { sed -n '2,12p' "$0" >&2; exit 2; }
[ $# -ge 2 ] || usage
sweep=$(realpath "$1"); out=$(realpath -m "$2"); shift 2
tasks=8; throttle=""; cpus=1; routelab="${ROUTELAB:-routelab}"; extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --tasks) tasks=$2; shift 2 ;;
    --throttle) throttle=$2; shift 2 ;;
    --cpus-per-task) cpus=$2; shift 2 ;;
    --routelab) routelab=$(realpath "$2"); shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) usage ;;
  esac
done
[[ "$tasks" =~ ^[1-9][0-9]*$ ]] || { echo "submit-sweep: --tasks must be a positive integer" >&2; exit 2; }
# Fail here, not on the cluster, when the sweep file is wrong.
"$routelab" sweep plan "$sweep" --count >&2
mkdir -p "$out"
array_spec="0-$((tasks - 1))${throttle:+%$throttle}"
array=$(sbatch --parsable --array="$array_spec" --cpus-per-task="$cpus" --chdir="$out" \
  --output="$out/slurm-%A_%a.out" --export=ALL,ROUTELAB="$routelab" "${extra[@]}" \
  "$here/sweep.sbatch" "$sweep" "$out")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes --chdir="$out" \
  --output="$out/slurm-%j-merge.out" --job-name=routelab-sweep-merge --export=ALL,ROUTELAB="$routelab" \
  "${extra[@]}" "$here/sweep.sbatch" "$sweep" "$out")
merge=${merge%%;*}
echo "submitted array job $array ($array_spec) and merge job $merge; results in $out/results.sqlite" >&2
echo "$array $merge"
