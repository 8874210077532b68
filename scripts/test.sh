#!/usr/bin/env bash
# The tests: install missing packages, build, run ctest; then the same suite under ASan + UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
(cd build && ctest --output-on-failure --timeout 600 -j "$(nproc)")
if [[ "${ROUTELAB_SKIP_SANITIZERS:-0}" != 1 ]]; then
  ROUTELAB_BUILD_DIR=build-asan ROUTELAB_BUILD_TYPE=Debug bash scripts/build.sh \
    -DROUTELAB_SANITIZE=ON -DROUTELAB_BUILD_GUI=OFF -DROUTELAB_BUILD_BENCH=OFF -DROUTELAB_BUILD_PYTHON=OFF
  (cd build-asan && ctest --output-on-failure --timeout 900 -j "$(nproc)" -LE "slow|gui|slurm")
fi
