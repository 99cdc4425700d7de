#!/usr/bin/env bash
# Installs what is missing, builds in Release, runs every test through CTest, the unit tests
# again under AddressSanitizer and UndefinedBehaviorSanitizer, and the scenario loader under
# libFuzzer for a bounded time. CI runs exactly this.
#
# Three build trees, each with its own flags: build/fuzz (clang, libFuzzer), build/asan (the
# unit tests under ASan+UBSan) and build/release (everything, then CTest). The compiler is
# where the time goes, so the two programs that run on one core (the fuzzer, then the
# sanitized unit tests) each run beside the next build, which is niced so that they keep
# their core; their output is printed, in one piece, when they end. CTest runs last, alone.
# docs/testing.md ("CI") has the times and the reasons.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
fuzz_seconds=${LAST100_FUZZ_SECONDS:-60}

LAST100_WITH_BROWSER=1 LAST100_WITH_FUZZ=1 LAST100_WITH_MPI=1 bash scripts/install-deps.sh

# Background runs end with this script, whichever way it ends: each is a process group of its
# own (set -m), killed whole.
set -m
background=()
trap 'for p in "${background[@]}"; do kill -- "-$p" 2>/dev/null || true; done; rm -f "$times_file".*' EXIT
# cpu_now: sets $cpu to the CPU seconds (user + system) of the children waited for so far
# (`times` in this shell, not in a command substitution, whose children are its own).
times_file=$(mktemp -u)
cpu_now() {
  local file=$times_file.$BASHPID
  times >"$file"
  cpu=$(awk 'NR == 2 { split($1, u, "m"); split($2, s, "m"); printf "%.0f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$file")
}
# step NAME COMMAND...: runs COMMAND and prints how long it took, in wall and CPU seconds.
step() {
  local name=$1 start=$SECONDS cpu_start
  shift
  cpu_now; cpu_start=$cpu
  "$@"
  cpu_now
  echo "test.sh: $name: $((SECONDS - start)) s, $((cpu - cpu_start)) s CPU (at $SECONDS s)" >&2
}
# in_background NAME LOG COMMAND...: starts `step NAME COMMAND...` with its output to LOG;
# sets $pid.
in_background() {
  local name=$1 log=$2
  shift 2
  ( step "$name" "$@" ) >"$log" 2>&1 &
  pid=$!
  background+=("$pid")
}
# finish PID LOG NAME: waits for a background run, prints its log, fails if it failed.
finish() {
  local rc=0
  wait "$1" || rc=$?
  cat "$2"
  echo "test.sh: $3 ended with exit code $rc (at $SECONDS s)" >&2
  return "$rc"
}

# 1. The scenario loader under libFuzzer (clang): build, then fuzz in the background.
export LAST100_FUZZ_BUILD=build/fuzz
step "fuzz build" env LAST100_FUZZ_BUILD_ONLY=1 bash scripts/fuzz-scenario.sh
mkdir -p build
in_background "fuzz run" build/fuzz.log bash scripts/fuzz-scenario.sh "$fuzz_seconds"
fuzz_pid=$pid

# 2. Sanitizers: every unit test again under AddressSanitizer and UndefinedBehaviorSanitizer;
# the engine's lifetimes (frames, stale wake-ups, teardown) and the modes' are what they check.
# -O1 -g1 (line tables) instead of RelWithDebInfo's -O2 -g: the level the sanitizers are
# meant for, every check and every file:line in a report kept, half the compile time.
# NDEBUG as in Release, so the tests see the same code.
cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLAST100_SANITIZE=ON \
      "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" \
      -DLAST100_BUILD_BENCHMARKS=OFF -DLAST100_BUILD_APPS=OFF -DLAST100_INSTALL=OFF >/dev/null
step "asan build" nice -n 10 cmake --build build/asan -j "$jobs" --target last100-tests
finish "$fuzz_pid" build/fuzz.log "the fuzzer"
in_background "asan run" build/asan.log \
  env ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 build/asan/tests/last100-tests
asan_pid=$pid

# 3. Release: build everything (beside the sanitized unit tests), then every test through CTest.
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DLAST100_MPI=ON >/dev/null
step "release build" nice -n 10 cmake --build build/release -j "$jobs"
finish "$asan_pid" build/asan.log "the unit tests under ASan and UBSan"
step "release ctest" ctest --test-dir build/release --output-on-failure -j "$jobs"
cpu_now
echo "test.sh: all passed in $SECONDS s, $cpu s CPU (user + system, every step)" >&2
