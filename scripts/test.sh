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
# A short fuzz run of every parser (ASan + UBSan + libFuzzer, build-fuzz/) when clang with
# libFuzzer is installed; scripts/fuzz.sh is also the tool for long campaigns (docs/testing.md).
if [[ "${ROUTELAB_SKIP_FUZZ:-0}" != 1 ]]; then
  fuzz_status=0
  bash scripts/fuzz.sh -j "$(nproc)" "${ROUTELAB_FUZZ_SECONDS:-20}" || fuzz_status=$?
  if ((fuzz_status == 3)); then
    echo "test.sh: skipping the fuzz run: clang with libFuzzer is not installed (scripts/install-deps.sh --fuzz)"
  elif ((fuzz_status != 0)); then
    exit "$fuzz_status"
  fi
fi
