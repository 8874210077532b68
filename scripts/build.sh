#!/usr/bin/env bash
# Configures and builds routelab (Release, Ninja) into build/ (or $ROUTELAB_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${ROUTELAB_BUILD_DIR:-build}"
# Debian's interpreter, not a pyenv shim: the Python module needs Debian's numpy (toolchain.md).
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${ROUTELAB_BUILD_TYPE:-Release}" \
  -DPython3_EXECUTABLE=/usr/bin/python3 -DPYTHON_EXECUTABLE=/usr/bin/python3 "$@" >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)"
