#!/usr/bin/env bash
# The main job: install missing packages, build, and compare every router on the default scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
exec build/bin/routelab compare "$@"
