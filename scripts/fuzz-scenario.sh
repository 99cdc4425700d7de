#!/usr/bin/env bash
# Builds the scenario-loader fuzzer with clang and runs it for a bounded time.
# Usage: scripts/fuzz-scenario.sh [SECONDS=300] [extra libFuzzer flags...]
# Needs clang and libclang-rt-14-dev (LAST100_WITH_FUZZ=1 scripts/install-deps.sh).
# LAST100_FUZZ_BUILD=DIR builds there (default build-fuzz); LAST100_FUZZ_BUILD_ONLY=1 builds
# and stops (scripts/test.sh builds first, then fuzzes beside its next build).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-300}
shift || true
build=${LAST100_FUZZ_BUILD:-$here/build-fuzz}
CXX=${CXX:-clang++} cmake -S "$here/tests/fuzz" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)"
[[ "${LAST100_FUZZ_BUILD_ONLY:-0}" == 1 ]] && exit 0
corpus=$build/corpus
mkdir -p "$corpus" "$build/artifacts"
# Seed with every scenario we have, good and bad.
cp -n "$here"/tests/scenarios-good/*.toml "$here"/tests/scenarios-bad/*.toml "$corpus"/ 2>/dev/null || true
[[ -d "$here/scenarios" ]] && cp -n "$here"/scenarios/*.toml "$corpus"/ 2>/dev/null || true
"$build/fuzz-scenario" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
  -dict="$here/tests/fuzz/scenario.dict" -artifact_prefix="$build/artifacts/" -print_final_stats=1 "$@"
