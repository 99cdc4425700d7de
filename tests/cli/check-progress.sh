#!/usr/bin/env bash
# Progress at scale (issue 20, item 4): besides the runs (check-memory-progress.sh), building a
# large world and writing the outputs show a line on a terminal that updates in place (carriage
# return) and is erased at the end; with --quiet, or when stderr is a file or a pipe, nothing.
# `script` gives the command a pseudo-terminal. Writing the outputs is made long without a large
# run: --json names a FIFO whose reader opens it only 3 s after the table is printed.
set -uo pipefail
cli=$1 scenario=$2 work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
on_terminal() { script -qfec "$1" typescript >/dev/null 2>&1; }
progress_lines() { tr '\r' '\n' <typescript | grep -a "$1" | sort -u | wc -l; }

# A world whose travel tables take seconds to build: one compound of 7,000 buildings.
big="--set area.compounds=1 --set area.buildings=7000 --set area.units_per_building=1 --set area.floors=1"
big+=" --set area.households_per_floor=1"
on_terminal "\"$cli\" run \"$scenario\" $big --threads 1"
if [[ $(progress_lines '^.\[K *[0-9]*% building the world, [0-9hms]* left$') -ge 2 ]]; then
  ok "building a large world shows a share that moves"; else bad "building a large world: $(tr '\r' '\n' <typescript | head -5)"; fi
if grep -aq $'\r\033\\[Kscenario ' typescript; then ok "the world's line is erased before the table"; else bad "the world's line is erased before the table"; fi

# The JSON is written after the table: the reader waits for the table in `$1`, then 3 s more
# before it opens the FIFO, so the write waits that long however slow the machine is.
slow_reader() {
  rm -f j "$1" && mkfifo j || return
  { for _ in {1..600}; do grep -aq '^KPI' "$1" 2>/dev/null && break; sleep 0.1; done; sleep 3; cat j >/dev/null; } &
}
slow_reader typescript
on_terminal "\"$cli\" run \"$scenario\" --json j"
wait
if [[ $(progress_lines '^.\[Kwriting the outputs ([0-9]*s)$') -ge 2 ]]; then
  ok "writing the outputs shows the seconds it takes"; else bad "writing the outputs: $(tail -c 300 typescript | cat -v)"; fi
after=$(<typescript) && after=${after##*writing the outputs (}  # what follows the last line shown
if [[ $after == [0-9]*s\)$'\r\033[K'* ]]; then
  ok "the outputs' line is erased at the end"; else bad "the outputs' line is erased at the end: $(tail -c 200 typescript | cat -v)"; fi

# Never with --quiet, never into a file or a pipe, even on a terminal's stdout.
slow_reader typescript
on_terminal "\"$cli\" run \"$scenario\" --json j --quiet"
wait
if ! grep -aq 'writing the outputs' typescript; then ok "--quiet shows no line"; else bad "--quiet shows a line"; fi
slow_reader typescript
on_terminal "\"$cli\" run \"$scenario\" --json j 2>stderr.txt"
wait
if [[ -f stderr.txt && ! -s stderr.txt ]] && ! grep -aq 'writing the outputs' typescript; then
  ok "stderr into a file gets no line"; else bad "stderr into a file: $(cat -v stderr.txt)"; fi
slow_reader piped.txt
on_terminal "\"$cli\" run \"$scenario\" --json j 2>&1 | cat >piped.txt"
wait
if grep -aq 'KPI' piped.txt && ! grep -aq $'\r\\|writing the outputs' piped.txt; then
  ok "stderr into a pipe gets no line"; else bad "stderr into a pipe: $(tail -c 200 piped.txt | cat -v)"; fi
exit $fail
