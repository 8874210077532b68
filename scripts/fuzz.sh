#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz/) with clang under ASan + UBSan + libFuzzer into
# build-fuzz/ and runs each for SECONDS (default 60):
#
#   scripts/fuzz.sh [-j HARNESSES_AT_ONCE] [-w WORKERS_PER_HARNESS] [SECONDS] [HARNESS...]
#
# Findings are copied to fuzz/crashes/<harness>/ (turn each into a corpus file, a regression test
# and a fix: docs/testing.md, "Fuzzing"). build-fuzz/bin is self-contained (binaries, lib/ with
# the shared libraries they need, seeds/, fuzz-run.sh): copy it to a bigger machine for a long
# campaign and run `./fuzz-run.sh -j 6 -w 2 900` there. Needs clang and libFuzzer (Debian:
# clang libclang-rt-14-dev libomp-14-dev); exits 3 without them. ROUTELAB_FUZZ_BUILD_JOBS limits
# the build's parallelism (default: all cores).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
build_dir="${ROUTELAB_FUZZ_BUILD_DIR:-build-fuzz}"

has_libfuzzer() {
  command -v clang++ >/dev/null 2>&1 || return 1
  local probe
  probe="$(mktemp -d)"
  printf 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }\n' >"$probe/p.cpp"
  clang++ -fsanitize=fuzzer,address,undefined "$probe/p.cpp" -o "$probe/p" >/dev/null 2>&1
  local status=$?
  rm -rf "$probe"
  return $status
}
if ! has_libfuzzer; then
  echo "fuzz.sh: clang++ with libFuzzer is not available (Debian: apt-get install clang libclang-rt-14-dev libomp-14-dev)" >&2
  exit 3
fi

CC=clang CXX=clang++ cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DROUTELAB_BUILD_FUZZERS=ON -DROUTELAB_BUILD_TESTS=OFF -DROUTELAB_BUILD_BENCH=OFF -DROUTELAB_BUILD_GUI=OFF \
  -DROUTELAB_BUILD_PYTHON=OFF >/dev/null
# Only the harnesses named (after the options and SECONDS), else all of them.
run_arguments=("$@")
while getopts "j:w:" option; do :; done
shift $((OPTIND - 1))
shift || true
targets=()
for harness in "$@"; do targets+=("${harness}_fuzz"); done
((${#targets[@]} > 0)) || targets=(fuzzers)
cmake --build "$build_dir" --target "${targets[@]}" --parallel "${ROUTELAB_FUZZ_BUILD_JOBS:-$(nproc)}"

# Make build-fuzz/bin self-contained: the runner, the seeds and every shared library the harnesses
# load except the C library's own (glibc must be the target machine's).
bin="$build_dir/bin"
cp scripts/fuzz-run.sh "$bin/fuzz-run.sh"
rm -rf "$bin/seeds"
cp -r fuzz/corpus "$bin/seeds"
mkdir -p "$bin/lib"
for binary in "$bin"/*_fuzz; do
  ldd "$binary" | awk '/=> \// { print $3 }' | while read -r library; do
    case "$(basename "$library")" in
      libc.so.*|libm.so.*|libdl.so.*|libpthread.so.*|librt.so.*|ld-linux*) ;;
      *) [[ "$(dirname "$(readlink -f "$library")")" == "$(readlink -f "$bin/lib")" ]] || cp -L "$library" "$bin/lib/" ;;
    esac
  done
done

status=0
ROUTELAB_FUZZ_OUT="$root/$build_dir/fuzz-out" bash "$bin/fuzz-run.sh" "${run_arguments[@]}" || status=$?
if ((status == 1)); then
  mkdir -p fuzz/crashes
  crashes="$build_dir/fuzz-out/crashes"
  find "$crashes" -type f -newer "$crashes/.run-started" | while read -r finding; do
    harness="$(basename "$(dirname "$finding")")"
    mkdir -p "fuzz/crashes/$harness"
    cp "$finding" "fuzz/crashes/$harness/"
  done
  echo "fuzz.sh: findings copied to fuzz/crashes/"
fi
exit $status
