#!/usr/bin/env bash
# Mutation testing of the core rules: applies each one-line mutation of scripts/mutations.txt
# to a scratch copy of the committed tree, builds the unit tests and runs them. A mutation is
# killed when a test fails (or the run crashes or times out), survives when all pass, and is
# stale when its text is no longer in the code. No mutation tool is packaged for Debian
# bookworm, hence this script. Slow (one build per mutation): not part of CI.
#
# Usage: scripts/mutate.sh [ID...]          (all mutations when no id is given)
# Env:   LAST100_MUTATE_DIR (default /work/tmp-mutate or $TMPDIR/last100-mutate), JOBS (default 1),
#        TIMEOUT seconds per test run (default 900), KEEP=1 keeps the scratch copy.
# Output: one line per mutation, then "killed K of N (stale S)"; also DIR/results.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
list=$here/scripts/mutations.txt
default_dir=/work/tmp-mutate
[[ -d /work && -w /work ]] || default_dir=${TMPDIR:-/tmp}/last100-mutate
dir=${LAST100_MUTATE_DIR:-$default_dir}
jobs=${JOBS:-1}
timeout_s=${TIMEOUT:-900}
src=$dir/src
# The build folder sits where the usual one does (src/build/release) and is configured the
# same way, so that ccache (base_dir) serves every unmutated file from earlier builds.
build=$src/build/release
results=$dir/results.txt
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

cleanup() {
  if [[ "${KEEP:-0}" != 1 && -d $src ]]; then
    git -C "$here" worktree remove --force "$src" >/dev/null 2>&1 || rm -rf "$src"
    git -C "$here" worktree prune
  fi
}
trap cleanup EXIT

mkdir -p "$dir"
if [[ ! -d $src ]]; then
  git -C "$here" worktree add --detach "$src" HEAD >/dev/null
fi
commit=$(git -C "$src" rev-parse --short HEAD)
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLAST100_MPI=ON "${launcher[@]}" >/dev/null
tests=$build/tests/last100-tests

# The unmutated tree must build and pass, or every mutation would look killed.
echo "baseline at $commit: building and running the unit tests" >&2
cmake --build "$build" -j "$jobs" --target last100-tests >/dev/null
if ! timeout "$timeout_s" "$tests" >/dev/null 2>&1; then
  echo "the unmutated tests fail at $commit: fix them first" >&2
  exit 1
fi

# apply FILE OLD NEW: replaces the one occurrence of OLD ("\n" = line break); 3 if absent or ambiguous.
apply() {
  python3 - "$1" "$2" "$3" <<'PY'
import sys
path, old, new = sys.argv[1], sys.argv[2].replace("\\n", "\n"), sys.argv[3].replace("\\n", "\n")
text = open(path).read()
if text.count(old) != 1:
    sys.exit(3)
open(path, "w").write(text.replace(old, new))
PY
}

: >"$results"
killed=0 survived=0 stale=0 invalid=0 total=0
# The failing test case's name (Catch prints it between two dashed lines), or how it ended.
first_failure() {
  local name
  name=$(awk '/^----------------------------------------/ { getline; print; exit }' "$dir/last.log")
  echo "${name:-$(tail -n 1 "$dir/last.log" | cut -c1-100)}"
}
while IFS= read -r line; do
  [[ -z "${line// }" || $line == \#* ]] && continue
  IFS=$'\x1f' read -r id file old new spec < <(python3 -c '
import sys
f = [p.strip().replace("\\|", "|") for p in sys.argv[1].split(" | ")]
print("\x1f".join(f))' "$line")
  if (($# > 0)); then
    want=0
    for a in "$@"; do [[ $a == "$id" ]] && want=1; done
    ((want)) || continue
  fi
  total=$((total + 1))
  if ! apply "$src/$file" "$old" "$new"; then
    verdict="stale (text not found once in $file)"
    stale=$((stale + 1))
  elif ! cmake --build "$build" -j "$jobs" --target last100-tests >"$dir/last.log" 2>&1; then
    verdict="invalid (does not build; not counted)"
    invalid=$((invalid + 1))
  elif ! timeout "$timeout_s" "$tests" --abort "$spec" >"$dir/last.log" 2>&1; then
    verdict="killed: $(first_failure)"
    killed=$((killed + 1))
  elif ! timeout "$timeout_s" "$tests" --abort >"$dir/last.log" 2>&1; then
    verdict="killed: $(first_failure)"
    killed=$((killed + 1))
  else
    verdict="SURVIVED"
    survived=$((survived + 1))
  fi
  git -C "$src" checkout -- "$file"
  printf '%-24s %s\n' "$id" "$verdict" | tee -a "$results"
done <"$list"

counted=$((total - stale - invalid))
summary="killed $killed of $counted (survived $survived, stale $stale, invalid $invalid) at $commit on $(date -u +%Y-%m-%d)"
echo "$summary" | tee -a "$results"
