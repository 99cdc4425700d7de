#!/usr/bin/env bash
# Installs what is missing, builds in Release, runs every test through CTest, then the engine
# tests again under AddressSanitizer and UndefinedBehaviorSanitizer. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

LAST100_WITH_BROWSER=1 LAST100_WITH_FUZZ=1 LAST100_WITH_MPI=1 bash scripts/install-deps.sh

cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DLAST100_MPI=ON >/dev/null
cmake --build build/release -j "$jobs"
ctest --test-dir build/release --output-on-failure -j "$jobs"

# Sanitizers: every unit test again under AddressSanitizer and UndefinedBehaviorSanitizer;
# the engine's lifetimes (frames, stale wake-ups, teardown) and the modes' are what they check.
cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLAST100_SANITIZE=ON \
      -DLAST100_BUILD_BENCHMARKS=OFF -DLAST100_BUILD_APPS=OFF -DLAST100_INSTALL=OFF >/dev/null
cmake --build build/asan -j "$jobs" --target last100-tests
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 build/asan/tests/last100-tests

# The scenario loader under libFuzzer for a bounded time (longer runs: scripts/fuzz-scenario.sh).
LAST100_FUZZ_BUILD=build/fuzz bash scripts/fuzz-scenario.sh "${LAST100_FUZZ_SECONDS:-60}"
