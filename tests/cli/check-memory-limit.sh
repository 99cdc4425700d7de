#!/usr/bin/env bash
# The default --max-memory respects the process's limits, not only physical memory (issue 20,
# item 4): under `ulimit -v` (and `ulimit -d`) a run estimated above the limit is refused with
# exit 2 before it starts, naming the limit that applied, and writes nothing; a run that fits
# still runs. The scenario is grown until `last100 validate`'s estimate exceeds the limit, so
# the test follows the estimate rather than guessing a size.
set -uo pipefail
cli=$1 scenario=$2 work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }

limit_kb=2000000  # ulimit takes KiB: 1.91 GiB. The process itself starts in about 12 MB.
limit_text=$(awk -v k=$limit_kb 'BEGIN { printf "%.2f GiB", k / 1048576 }')

# One compound of n one-household buildings: its travel tables grow with n^2.
area() { echo --set area.compounds=1 --set area.buildings=$1 --set area.units_per_building=1 --set area.floors=1 \
              --set area.households_per_floor=1; }
estimate_mib() { "$cli" validate "$scenario" $(area $1) | sed -n 's/.*memory about \([0-9.]*\) MiB.*/\1/p'; }
n=1000
while :; do
  mib=$(estimate_mib $n)
  [[ -n $mib ]] || { bad "validate prints an estimate for $n buildings"; exit 1; }
  awk -v m=$mib -v k=$limit_kb 'BEGIN { exit !(m * 1024 > k) }' && break
  n=$((n * 2))
  ((n <= 1000000)) || { bad "no area up to 1,000,000 buildings is estimated above ${limit_text}"; exit 1; }
done
echo "     $n buildings: estimated at $mib MiB, over ulimit -v $limit_kb ($limit_text)"

# A small run fits under the limit: the limit does not refuse everything, and the process starts.
out=$( (ulimit -v $limit_kb; "$cli" run "$scenario" --quiet) 2>&1); rc=$?
if [[ $rc -eq 0 && $out == *"KPI"* ]]; then ok "a run that fits under ulimit -v runs"; else bad "a run that fits: exit $rc: $out"; fi

# Over the address-space limit: exit 2 at once, naming the limit, nothing written.
start=$(date +%s)
err=$( (ulimit -v $limit_kb; "$cli" run "$scenario" $(area $n) --out out) 2>&1 >stdout.txt); rc=$?
if [[ $rc -eq 2 && $err == *"would need about"*"(80% of the address-space limit (ulimit -v) of $limit_text)"* &&
      $err == *"hint:"*"--max-memory"* && $(($(date +%s) - start)) -lt 10 ]]; then
  ok "over ulimit -v: exit 2 naming the address-space limit"; else bad "over ulimit -v: exit $rc: $err"; fi
rm -f stdout.txt
if [[ -z $(ls -A) ]]; then ok "a refused run writes nothing"; else bad "a refused run left: $(ls -A)"; fi

# The smallest limit is the one named: ulimit -d below ulimit -v.
err=$( (ulimit -v $((limit_kb * 2)); ulimit -d $limit_kb; "$cli" run "$scenario" --quiet $(area $n)) 2>&1 >/dev/null); rc=$?
if [[ $rc -eq 2 && $err == *"(80% of the data-segment limit (ulimit -d) of $limit_text)"* ]]; then
  ok "the smaller of ulimit -v and ulimit -d is named"; else bad "ulimit -d below ulimit -v: exit $rc: $err"; fi
exit $fail
