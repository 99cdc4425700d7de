#!/usr/bin/env bash
# Installs what is missing, builds in Release and runs the default comparison scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

bash scripts/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release -j "$jobs"
exec build/release/apps/last100 compare scenarios/compare.toml --out out/compare "$@"
