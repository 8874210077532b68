#!/usr/bin/env bash
# Measures the phase_structure adversary (docs/scenarios.md, "Structured inputs against the phase
# router"): every degree pattern against the `phase` router, with per-batch and fixed reseeding,
# on copies of scenarios/library/attack-phase-structure.toml. One line per case: amplification
# (mean ± 95% CI), max/mean, whole-run fill and the victims' figures, baseline → attacked (means
# over the replications). Usage: scripts/measure-phase-structure.sh [REPLICATIONS=5] [ROUTELAB]
set -euo pipefail
cd "$(dirname "$0")/.."
reps="${1:-5}"
routelab="${2:-build/bin/routelab}"
library=scenarios/library/attack-phase-structure.toml
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for reseed in per_batch fixed; do
  for case in uniform_random sorted_ascending sorted_descending alternating_extremes periodic:2 periodic:4 periodic:64 \
              identical_rows; do
    pattern="${case%%:*}"
    file="$work/$reseed-$pattern.toml"
    # The library file with the pattern (and period) replaced and `phase` as the only router.
    sed -e "s/^pattern = .*/pattern = \"$pattern\"/" -e '/^\[\[routers\]\]/,$d' "$library" > "$file"
    [[ "$case" == *:* ]] && sed -i "s/^max_degree = \(.*\)/max_degree = \1\nperiod = ${case#*:}/" "$file"
    printf '[[routers]]\nname = "phase"\n[routers.params]\nreseed = "%s"\n' "$reseed" >> "$file"
    "$routelab" compare --scenario "$file" --replications "$reps" --format json > "$file.json"
    /usr/bin/python3 - "$file.json" "$reseed" "$case" <<'PY'
import json, statistics, sys
report = json.load(open(sys.argv[1]))
runs = [run["adversary"] for run in report["routers"]]
mean = lambda key: statistics.mean(run[key] for run in runs)
amp = report["aggregate"][0]["metrics"]["amplification"] if "aggregate" in report else {"mean": runs[0]["amplification"], "ci95": 0}
print(f"{sys.argv[2]:9} {sys.argv[3]:20} amplification {amp['mean']:.3f} ± {amp['ci95']:.3f}"
      f"  max/mean {mean('benign_max_over_mean'):.3f} → {mean('attacked_max_over_mean'):.3f}"
      f"  fill {mean('benign_fill_ratio'):.3f} → {mean('attacked_fill_ratio'):.3f}"
      f"  victims: fill {mean('victim_fill_ratio'):.3f}, drop% {100 * mean('benign_drop_rate'):.2f} → {100 * mean('victim_drop_rate'):.2f},"
      f" latency mean {mean('benign_latency_mean'):.0f} → {mean('victim_latency_mean'):.0f},"
      f" p99 {mean('benign_latency_p99'):.0f} → {mean('victim_latency_p99'):.0f}")
PY
  done
done
