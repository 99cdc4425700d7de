#!/bin/sh
# Checks that two builds of the CLI give byte-identical outputs on every bundled scenario
# (scenarios/*.toml and scenarios/validation/*.toml: run or compare, with --out, --json and
# --replay), for refactors that promise no behaviour change.
#   scripts/same-outputs.sh OLD_BINARY NEW_BINARY [WORKDIR]
# Exit 0 and "identical" when every file matches; otherwise the diff and exit 1.
set -eu
old=$1; new=$2; work=${3:-$(mktemp -d)}
root=$(cd "$(dirname "$0")/.." && pwd)
outputs() {  # BINARY DIR
  rm -rf "$2"; mkdir -p "$2"
  for f in "$root"/scenarios/*.toml "$root"/scenarios/validation/*.toml; do
    n=$(basename "$(dirname "$f")")_$(basename "$f" .toml)
    if grep -q '^modes *=' "$f"; then cmd=compare; else cmd=run; fi
    # stderr names the output directory, which differs between the two runs: not compared.
    (cd "$root" && "$1" "$cmd" "$f" --threads 2 --replay --out "$2/$n" --json "$2/$n.json" >"$2/$n.stdout" 2>/dev/null) ||
      echo "exit $?" >>"$2/$n.stdout"
  done
}
outputs "$old" "$work/old"
outputs "$new" "$work/new"
diff -r "$work/old" "$work/new" && echo "identical: $(find "$work/new" -type f | wc -l) files in $work"
