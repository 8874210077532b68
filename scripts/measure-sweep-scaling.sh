#!/usr/bin/env bash
# Parallel efficiency of `routelab sweep run`: runs one sweep (default: the 200-run sweep of
# bench/sweeps/default-200.toml) at several --jobs values, each into a fresh database, and prints
# the median wall time, runs/s, speed-up and efficiency T(1) / (N x T(N)) against --jobs 1. Every
# database is also compared with the --jobs 1 one (`routelab sweep diff`): results must not change.
#
# Usage: scripts/measure-sweep-scaling.sh [--jobs "1 2 4 8 16"] [--repeat 3] [--sweep FILE]
#                                         [--routelab build/bin/routelab]
# Build first (Release): ROUTELAB_BUILD_DIR=build bash scripts/build.sh. Run on an idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs_list="1 2"
repeat=3
sweep=bench/sweeps/default-200.toml
routelab=build/bin/routelab
while [ $# -gt 0 ]; do
  case "$1" in
    --jobs) jobs_list=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --sweep) sweep=$2; shift 2 ;;
    --routelab) routelab=$2; shift 2 ;;
    *) sed -n '2,9p' "$0" >&2; exit 2 ;;
  esac
done
[ -x "$routelab" ] || { echo "no routelab at $routelab (build it first)" >&2; exit 2; }
case " $jobs_list " in *" 1 "*) ;; *) jobs_list="1 $jobs_list" ;; esac  # the baseline is --jobs 1
scratch=$(mktemp -d "${TMPDIR:-/tmp}/routelab-scaling.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
runs=$("$routelab" sweep plan "$sweep" --count | sed -n 's/^runs: \([0-9]*\).*/\1/p')

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "program: $("$routelab" --version), sweep: $sweep ($runs runs), median of $repeat"
printf '%6s %10s %10s %9s %11s\n' jobs "wall s" "runs/s" speed-up efficiency
baseline=""
for jobs in $jobs_list; do
  times=()
  for r in $(seq 1 "$repeat"); do
    db="$scratch/j$jobs-$r.sqlite"
    start=$(date +%s%N)
    "$routelab" sweep run "$sweep" --db "$db" --jobs "$jobs" --progress lines > /dev/null 2>&1
    end=$(date +%s%N)
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')")
    [ "$jobs" = 1 ] && [ "$r" = 1 ] && cp "$db" "$scratch/reference.sqlite"
    "$routelab" sweep diff "$scratch/reference.sqlite" "$db" > /dev/null \
      || { echo "results at --jobs $jobs differ from --jobs 1" >&2; exit 1; }
    rm -f "$db"
  done
  t=$(printf '%s\n' "${times[@]}" | median)
  [ -n "$baseline" ] || baseline=$t
  awk -v j="$jobs" -v t="$t" -v b="$baseline" -v n="$runs" \
    'BEGIN { printf "%6d %10.2f %10.2f %9.2f %11.2f\n", j, t, n / t, b / t, b / (j * t) }'
done
