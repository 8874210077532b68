#!/usr/bin/env bash
# Installs the Debian 12 packages routelab needs, only those that are missing.
# Safe to run again; needs root (apt-get). No network is used when nothing is missing.
# `--fuzz` also installs the optional fuzzing tools (clang, libFuzzer, clang's OpenMP runtime):
# the main build never needs them; scripts/fuzz.sh and the fuzz step of scripts/test.sh do.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build git
  libboost-dev libboost-graph-dev libeigen3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libtomlplusplus-dev libcli11-dev nlohmann-json3-dev libsqlite3-dev libfmt-dev
  qt6-base-dev
  pybind11-dev python3-dev python3-numpy python3-pytest
  python3-pandas python3-matplotlib python3-simpy
  xvfb xauth
)
if [[ "${1:-}" == --fuzz ]]; then
  PACKAGES+=(clang libclang-rt-14-dev libomp-14-dev)
fi

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null | grep -qx installed || missing+=("$package")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "routelab: installing ${#missing[@]} missing Debian packages: ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
  echo "routelab: installing packages needs root (run as root or with sudo)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
