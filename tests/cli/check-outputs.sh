#!/usr/bin/env bash
# Outputs never destroy what they do not own and an output folder never mixes two runs
# (issue 8, items 2 and 5; docs/cli.md "Outputs"). Each check prints ok or FAIL.
set -uo pipefail
cli=$1 scenario=$2 work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
quick=(--quiet --set run.duration=6h)

# --json /dev/null: written through, /dev/null stays a character device.
if "$cli" run "$scenario" "${quick[@]}" --json /dev/null >/dev/null && [[ -c /dev/null ]]; then ok "json to /dev/null"; else bad "json to /dev/null"; fi

# --json - and --json /dev/stdout: the JSON on stdout, alone, and no file named '-'.
out=$("$cli" run "$scenario" "${quick[@]}" --json -)
if [[ $? -eq 0 && $out == "{"*'"schema_version": 1'* && ! -e ./- ]]; then ok "json to -"; else bad "json to - ($out)"; fi
out=$("$cli" run "$scenario" "${quick[@]}" --json /dev/stdout)
if [[ $? -eq 0 && $out == "{"*'"mode"'* ]]; then ok "json to /dev/stdout"; else bad "json to /dev/stdout"; fi
# ... also when stdout is a file: appended where the shell left it, not written from byte 0.
{ echo "before"; "$cli" run "$scenario" "${quick[@]}" --json /dev/stdout; } >redirected.txt
if [[ $(head -1 redirected.txt) == before ]] && grep -q '"schema_version"' redirected.txt; then ok "json to a redirected /dev/stdout"; else bad "json to a redirected /dev/stdout"; fi

# --json beside a new --out folder in a folder --out creates (the README's planner example run
# outside the checkout): both written, and the report's path printed.
err=$("$cli" run "$scenario" --set run.duration=6h --out fresh/cmp --json fresh/cmp.json 2>&1 >/dev/null)
if [[ $? -eq 0 && -f fresh/cmp.json && -f fresh/cmp/report.html && $err == *"report: fresh/cmp/report.html"* ]]; then
  ok "json beside a new out folder"; else bad "json beside a new out folder ($err)"; fi
# --json inside the --out folder: refused before the run, nothing written.
if ! "$cli" run "$scenario" "${quick[@]}" --out inside --json inside/summary.json >/dev/null 2>&1 && [[ ! -e inside ]]; then
  ok "json inside the out folder refused"; else bad "json inside the out folder refused"; fi

# A symlink is followed: the link stays, its target gets the JSON.
echo old >target.json && ln -s target.json link.json
if "$cli" run "$scenario" "${quick[@]}" --json link.json >/dev/null && [[ -L link.json ]] && grep -q '"mode"' target.json; then
  ok "json through a symlink"; else bad "json through a symlink"; fi

# A FIFO is written through (a reader gets the JSON) and stays a FIFO.
mkfifo pipe.json
(timeout 60 cat pipe.json >from-pipe.json) &
reader=$!
if timeout 60 "$cli" run "$scenario" "${quick[@]}" --json pipe.json >/dev/null && wait $reader && [[ -p pipe.json ]] &&
  grep -q '"mode"' from-pipe.json; then ok "json to a FIFO"; else bad "json to a FIFO"; fi

# Unwritable outputs are bad input before the run.
mkdir folder.json
err=$("$cli" run "$scenario" "${quick[@]}" --json folder.json 2>&1 >/dev/null); rc=$?
if [[ $rc -eq 2 && $err == *"it is a folder"* ]]; then ok "json to a folder: exit 2"; else bad "json to a folder: exit $rc: $err"; fi
err=$("$cli" run "$scenario" "${quick[@]}" --json no/such/folder/x.json 2>&1 >/dev/null); rc=$?
if [[ $rc -eq 2 && $err == *"no folder"* ]]; then ok "json in a missing folder: exit 2"; else bad "json in a missing folder: exit $rc: $err"; fi
# Folders where creating fails even for root (access() says yes in /proc): found before the run.
err=$("$cli" run "$scenario" "${quick[@]}" --out /proc/last100-nope/res 2>&1 >/dev/null); rc=$?
if [[ $rc -eq 2 && $err == *"cannot create the output folder"* ]]; then ok "--out where no folder can be made: exit 2"; else bad "--out in /proc: exit $rc: $err"; fi
err=$("$cli" run "$scenario" "${quick[@]}" --json /proc/last100-nope.json 2>&1 >/dev/null); rc=$?
if [[ $rc -eq 2 && $err == *"bad output"* ]]; then ok "json where no file can be made: exit 2"; else bad "json in /proc: exit $rc: $err"; fi
err=$("$cli" run "$scenario" "${quick[@]}" --out - 2>&1 >/dev/null); rc=$?
if [[ $rc -eq 2 && $err == *"--out needs a folder"* ]]; then ok "--out -: exit 2"; else bad "--out -: exit $rc: $err"; fi
mkdir mine && echo "precious" >mine/thesis.tex
err=$("$cli" run "$scenario" "${quick[@]}" --out mine 2>&1 >/dev/null); rc=$?
if [[ $rc -eq 2 && $err == *"thesis.tex"* && -f mine/thesis.tex ]]; then ok "--out on a foreign folder: exit 2, nothing lost"; else bad "--out on a foreign folder: exit $rc: $err"; fi

# A rerun that writes fewer files leaves none of the old ones; stale temporaries go.
"$cli" run "$scenario" "${quick[@]}" --out res >/dev/null || bad "first --out run"
[[ -f res/report.html && -f res/manifest.json && -f res/orders.csv ]] || bad "first --out run wrote report, manifest, orders"
touch res/.summary.json.tmp-999999999-0 && mkdir .res.staging-999999999
"$cli" run "$scenario" "${quick[@]}" --set output.html=false --set output.orders_csv=false --out res >/dev/null || bad "second --out run"
if [[ ! -e res/report.html && ! -e res/orders.csv && -f res/summary.json ]]; then ok "rerun with fewer files leaves none of the old"; else bad "rerun with fewer files"; ls res; fi
if [[ ! -e res/.summary.json.tmp-999999999-0 && ! -e .res.staging-999999999 ]]; then ok "stale temporaries removed"; else bad "stale temporaries removed"; fi
if [[ -z $(ls -a | grep -E '^\.res\.(staging|old)-') ]]; then ok "no staging folder left"; else bad "staging folder left"; fi

# SIGTERM and SIGINT during a long run: the previous folder stays whole, nothing is staged.
# (Job control on: a non-interactive shell starts background jobs with SIGINT ignored.)
set -m
for sig in TERM INT; do
  "$cli" run "$scenario" --quiet --set run.duration=6h --out sig >/dev/null || bad "run before SIG$sig"
  before=$(cat sig/manifest.json)
  "$cli" run "$scenario" --quiet --set run.duration=400d --set output.sample_interval=1d --out sig >/dev/null 2>&1 &
  pid=$!
  sleep 2
  kill -s "$sig" $pid
  wait $pid
  rc=$?
  if [[ $rc -ge 128 && $(cat sig/manifest.json) == "$before" && -z $(ls -a | grep -E '^\.sig\.') ]] && "$cli" report sig >/dev/null; then
    ok "SIG$sig during the run: exit $rc, previous folder whole"; else bad "SIG$sig during the run: exit $rc"; fi
done
set +m

# report DIR refuses a folder whose files do not match the manifest.
"$cli" run "$scenario" "${quick[@]}" --out cut >/dev/null
truncate -s 100 cut/summary.json
err=$("$cli" report cut 2>&1 >/dev/null); rc=$?
if [[ $rc -eq 2 && $err == *"does not match"* ]]; then ok "report on a cut summary.json: exit 2"; else bad "report on a cut summary.json: exit $rc: $err"; fi

# DIR/scenario.toml reproduces the run byte for byte, with --seed, --replications and --set.
"$cli" run "$scenario" --quiet --seed 7 --replications 2 --set run.duration=8h --set 'couriers[0].count=7' --out a >a.txt || bad "run a"
"$cli" run a/scenario.toml --quiet --out b >b.txt || bad "run b"
same=1
# Only the provenance's command line may differ: it records how each run was invoked.
for f in summary.csv timeseries.csv orders.csv scenario.toml; do cmp -s "a/$f" "b/$f" || { same=0; echo "  differs: $f"; }; done
cmp -s <(grep -v '"command":' a/summary.json) <(grep -v '"command":' b/summary.json) || { same=0; echo "  differs: summary.json"; }
cmp -s <(grep -v '| reproduce:' a.txt) <(grep -v '| reproduce:' b.txt) || { same=0; echo "  differs: the table"; }
grep -q '"command":' a/summary.json || { same=0; echo "  summary.json has no provenance command"; }
if [[ $same -eq 1 ]]; then ok "scenario.toml reproduces the run"; else bad "scenario.toml reproduces the run"; fi
grep -q 'seed = 7' a/scenario.toml && grep -q 'replications = 2' a/scenario.toml || bad "scenario.toml has --seed and --replications"

exit $fail
