#!/usr/bin/env bash
# Runs routelab's libFuzzer harnesses for a while each. Self-contained: scripts/fuzz.sh copies it,
# the harness binaries, their shared libraries (lib/) and the seed corpora (seeds/) into
# build-fuzz/bin, and that folder can be copied to another machine and run there:
#
#   fuzz-run.sh [-j HARNESSES_AT_ONCE] [-w WORKERS_PER_HARNESS] [SECONDS] [HARNESS...]
#
# Each harness runs SECONDS of wall time with WORKERS processes (libFuzzer -fork), so it gets
# SECONDS x WORKERS CPU-seconds; -j says how many harnesses run at the same time. New inputs go to
# corpus/<harness>/ (seeded from seeds/<harness>/), findings (crash-*, timeout-*, oom-*, leak-*)
# to crashes/<harness>/, logs to logs/<harness>.log, all next to this script unless
# ROUTELAB_FUZZ_OUT names another folder. Exit code 1 when this run found anything.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${ROUTELAB_FUZZ_OUT:-$here}"
jobs=1
workers=1
while getopts "j:w:" option; do
  case "$option" in
    j) jobs="$OPTARG" ;;
    w) workers="$OPTARG" ;;
    *) echo "usage: fuzz-run.sh [-j N] [-w N] [SECONDS] [HARNESS...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
seconds="${1:-60}"
shift || true
harnesses=("$@")
if ((${#harnesses[@]} == 0)); then
  for binary in "$here"/*_fuzz; do harnesses+=("$(basename "$binary" _fuzz)"); done
fi
for harness in "${harnesses[@]}"; do
  [[ -x "$here/${harness}_fuzz" ]] || { echo "fuzz-run: no harness '$harness' in $here" >&2; exit 2; }
done

run_one() {
  local harness="$1"
  local corpus="$out/corpus/$harness" crashes="$out/crashes/$harness" log="$out/logs/$harness.log"
  mkdir -p "$corpus" "$crashes" "$out/logs"
  local options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536
                 -artifact_prefix="$crashes/" -print_final_stats=1)
  # -fork keeps fuzzing after a finding (each is saved); a single process stops at the first.
  if ((workers > 1)); then options+=(-fork="$workers" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1); fi
  # The first folder receives new inputs; the seeds are read only.
  if "$here/${harness}_fuzz" "${options[@]}" "$corpus" "$here/seeds/$harness" >"$log" 2>&1; then
    echo "fuzz-run: $harness: ${seconds}s x $workers worker(s), $(grep -c . <(ls "$corpus")) inputs in its corpus, no finding"
  else
    echo "fuzz-run: $harness: FINDING (see $log and $crashes/)"
  fi
}

# Findings of this run only (earlier ones stay in crashes/ but are not reported again).
mkdir -p "$out/crashes"
started="$out/crashes/.run-started"
touch "$started"
running=0
for harness in "${harnesses[@]}"; do
  run_one "$harness" &
  running=$((running + 1))
  if ((running >= jobs)); then
    wait -n || true
    running=$((running - 1))
  fi
done
wait

findings=$(find "$out/crashes" -type f -newer "$started" \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \
  -o -name 'leak-*' \) 2>/dev/null || true)
if [[ -n "$findings" ]]; then
  echo "fuzz-run: findings (reproduce with: HARNESS_fuzz FILE):"
  echo "$findings"
  exit 1
fi
echo "fuzz-run: no findings"
