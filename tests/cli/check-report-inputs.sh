#!/usr/bin/env bash
# `last100 report DIR` on a folder it cannot use: a FIFO (used to hang), a file over
# the size limit, bad escapes (used to print "error: stoul"), a newer schema. Each must exit 2
# quickly with a message naming the problem.
set -uo pipefail
cli=$1 work=$2
rm -rf "$work" && mkdir -p "$work"
fail=0
expect() {  # expect NAME REGEX  (runs `report $work/NAME`)
  local name=$1 regex=$2 err rc
  err=$(timeout 20 "$cli" report "$work/$name" 2>&1 >/dev/null)
  rc=$?
  if [[ $rc -ne 2 ]] || ! grep -Eq "$regex" <<<"$err"; then
    echo "FAIL $name: exit $rc (want 2), stderr: $err"
    fail=1
  else
    echo "ok   $name: $err"
  fi
}
mkdir "$work/fifo" && mkfifo "$work/fifo/summary.json"
expect fifo "summary.json: not a regular file"
mkdir "$work/huge" && truncate -s 300M "$work/huge/summary.json"
expect huge "summary.json: [0-9]+ bytes, more than the"
mkdir "$work/escape" && printf '{"mode": "\\uZZZZ"}' >"$work/escape/summary.json"
expect escape "summary JSON: .*line 1, column"
mkdir "$work/surrogate" && printf '{"mode": "\\ud800 x"}' >"$work/surrogate/summary.json"
expect surrogate "summary JSON: .*surrogate"
mkdir "$work/newer" && printf '{"schema_version": 7, "mode": "relay"}' >"$work/newer/summary.json"
expect newer "schema_version 7 is newer"
mkdir "$work/folder" && mkdir "$work/folder/summary.json"
expect folder "not a regular file"
mkdir "$work/empty-object" && printf '{}' >"$work/empty-object/summary.json"
expect empty-object "without .mode. is not a run"
mkdir "$work/empty-array" && printf '[]' >"$work/empty-array/summary.json"
expect empty-array "holds no run"
# A received folder whose report.html links elsewhere must not make `report` write there.
mkdir "$work/link" && printf '[]' >"$work/link/summary.json" && printf 'precious\n' >"$work/precious.txt"
ln -s ../precious.txt "$work/link/report.html"
expect link "report.html: it is a symbolic link"
if [[ "$(cat "$work/precious.txt")" != precious ]]; then
  echo "FAIL link: the file report.html links to was changed"
  fail=1
fi
exit $fail
