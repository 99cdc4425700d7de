#!/usr/bin/env bash
# Memory and progress (issue 8, items 3 and 7): a run estimated over --max-memory is refused
# with the estimate before anything is allocated; a real out-of-memory exits 3 with its own
# message; a long single run shows progress in simulated time on a terminal, with runs
# done/total and time left, and the line is cleared before the table.
set -uo pipefail
cli=$1 scenario=$2 busy=$3 work=$4  # busy: a scenario with demand
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }

# The reproduction: 30,000 households in one compound (travel tables ~10 GiB).
big=(--set area.compounds=1 --set area.buildings=30000 --set area.units_per_building=1 --set area.floors=1
     --set area.households_per_floor=1)
start=$(date +%s)
err=$("$cli" run "$scenario" --quiet "${big[@]}" --max-memory 2GiB 2>&1 >/dev/null); rc=$?
if [[ $rc -eq 2 && $err == *"would need about"*"travel tables 10."*"--max-memory 2.00 GiB"* && $(($(date +%s) - start)) -lt 10 ]]; then
  ok "over --max-memory: exit 2 with the estimate"; else bad "over --max-memory: exit $rc: $err"; fi
err=$("$cli" run "$scenario" --quiet --max-memory lots 2>&1 >/dev/null); rc=$?
if [[ $rc -eq 2 && $err == *"--max-memory"* ]]; then ok "a bad --max-memory is bad input"; else bad "bad --max-memory: exit $rc: $err"; fi

# Really out of memory (address space capped below the run's needs, the estimate check
# passed by a large --max-memory): exit 3 and the message, not 1 or a crash.
err=$( (ulimit -v 1500000; "$cli" run "$scenario" --quiet --threads 1 "${big[@]}" --max-memory 1T) 2>&1 >/dev/null); rc=$?
if [[ $rc -eq 3 && $err == *"out of memory"* ]]; then ok "out of memory: exit 3"; else bad "out of memory: exit $rc: $err"; fi

# Progress on a terminal (script gives the run a pseudo-terminal): one long run moves in
# simulated time, shows runs done/total and time left, and is cleared before the table.
script -qfec "\"$cli\" run \"$busy\" --replications 1 --set run.duration=800d --set output.sample_interval=1d" typescript >/dev/null 2>&1
if grep -aEq '[0-9]+% 0/1 runs done; per_building, [0-9hms]+ left' typescript; then ok "progress counts simulated time"; else bad "progress counts simulated time"; fi
if grep -aq $'\r\033\[Kscenario ' typescript; then ok "progress cleared before the table"; else bad "progress cleared before the table"; fi
exit $fail
