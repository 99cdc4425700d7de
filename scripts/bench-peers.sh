#!/usr/bin/env bash
# The hold model on last100 beside its peers (bare heap loops, ns-3, SimPy 3), on this machine
# in one session, plus PHOLD and the queue micro-benchmarks. Figures go to docs/benchmarks.md.
#
# Optional and manual: not part of CMake, the tests or CI. Installs the peers' Debian packages
# (python3-simpy3, libns3-dev) with apt-get only if they are missing, builds last100-bench in
# Release (build-bench/) and benchmarks/peers/hold_ns3.cc by hand with g++ -O2.
#
# Usage: scripts/bench-peers.sh [OUT_DIR]      (default build-bench/peers-results)
# benchmarks/report.sh runs it for the engine part of docs/benchmarks.md (PARTS without the
# peers when given --skip-peers).
# Environment: REPS (5), EVENTS (10000000: M for last100 and ns-3), SIMPY_EVENTS (1000000),
#   PENDING ("10000 1000000"), NS3_SCHEDULERS ("map heap calendar priority"),
#   NS3_ALT_REPS (2: repetitions for the non-default ns-3 schedulers),
#   INTERLEAVE (1: off; K > 1 adds a `--with-baseline --interleave K` run per repetition),
#   PARTS ("last100 ns3 simpy phold queue"; the peers' packages are installed and ns-3's
#   program built only when their part is asked for), SKIP_BUILD=1 to reuse the builds,
#   QUIET_BUSY, QUIET_WAIT, QUIET_BUDGET (see wait_quiet), RUN_TIMEOUT (300 s per run; runs
#   that fail or go over it are listed in OUT_DIR/failed.txt and left out).
# ns-3's CalendarScheduler is skipped above N = 100,000 (at 1,000,000 it ran at about 17,000
# events/s here and did not finish 10M events in 6 minutes); NS3_CALENDAR_BIG=1 keeps it.
# Every run appends one line {"busy_before": ..., "busy_during": ..., "load1": ..., "run": {...}}
# to OUT_DIR/runs.jsonl (the queue micro-benchmarks go to OUT_DIR/queue-bench.json and .txt);
# benchmarks/peers/summarize.py prints the summary (median, min and max
# of events/s per engine and N, all runs and quiet runs only) to OUT_DIR/summary.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=$root/build-bench
out=${1:-$build/peers-results}
REPS=${REPS:-5}
EVENTS=${EVENTS:-10000000}
SIMPY_EVENTS=${SIMPY_EVENTS:-1000000}
PENDING=${PENDING:-"10000 1000000"}
NS3_SCHEDULERS=${NS3_SCHEDULERS:-"map heap calendar priority"}
PARTS=${PARTS:-"last100 ns3 simpy phold queue"}
python=/usr/bin/python3  # Debian's python, where python3-simpy3 lives

want() { [[ " $PARTS " == *" $1 "* ]]; }

# ---- what the peers need (only those of the PARTS asked for) ------------------------------
packages=(cmake g++ ninja-build pkg-config python3)
if want simpy; then packages+=(python3-simpy3); fi
if want ns3; then packages+=(libns3-dev); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "bench-peers: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
bash "$root/scripts/install-deps.sh"

# ---- builds ---------------------------------------------------------------------------------
bench=$build/benchmarks/last100-bench
qbench=$build/benchmarks/last100-queue-bench
ns3bin=$build/peers/hold_ns3
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # No -DLAST100_BUILD_APPS=OFF: build-bench is shared with benchmarks/report.sh, which needs
  # the CLI too (a cache that already has it off keeps it off).
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLAST100_BUILD_TESTS=OFF >/dev/null
  cmake --build "$build" -j2 --target last100-bench last100-queue-bench
fi
if [[ "${SKIP_BUILD:-0}" != 1 ]] && want ns3; then
  mkdir -p "$build/peers"
  # Debian's ns3-core.pc names libgsl.so by absolute path, which only libgsl-dev provides;
  # libns3-core.so itself already links GSL, so drop library paths that do not exist.
  ns3_libs=()
  for f in $(pkg-config --libs ns3-core); do
    if [[ "$f" == /* && ! -e "$f" ]]; then continue; fi
    ns3_libs+=("$f")
  done
  g++ -O2 -std=c++17 -o "$ns3bin" "$root/benchmarks/peers/hold_ns3.cc" "${ns3_libs[@]}"
fi

mkdir -p "$out"
runs=$out/runs.jsonl
: >"$runs"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "nproc: $(nproc)"
  lscpu | grep 'Model name' || true
  grep MemTotal /proc/meminfo
  grep PRETTY_NAME /etc/os-release
  g++ --version | head -1
  if want ns3; then echo "ns-3: $(dpkg-query -W -f='${Version}' libns3-dev)"; fi
  if want simpy; then echo "simpy: $(dpkg-query -W -f='${Version}' python3-simpy3)"; fi
} >"$out/machine.txt"
cat "$out/machine.txt"

# Prints the share of all CPUs busy over the last second, in percent.
cpu_busy() {
  local a b
  read -ra a < <(head -1 /proc/stat)
  sleep 1
  read -ra b < <(head -1 /proc/stat)
  local total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  local idle=$((b[4] - a[4] + b[5] - a[5]))
  echo $(((100 * (total - idle)) / (total > 0 ? total : 1)))
}

# Other engineers compile on this machine: before each run, wait (up to QUIET_WAIT seconds,
# default 45, and QUIET_BUDGET seconds in all, default 600) until under QUIET_BUSY percent
# (default 20) of the CPUs are busy. Each run records what it found, quiet or not.
wait_budget=${QUIET_BUDGET:-600}
wait_quiet() {
  local waited=0 busy
  busy=$(cpu_busy)
  while ((busy >= ${QUIET_BUSY:-20} && waited < ${QUIET_WAIT:-45} && waited < wait_budget)); do
    sleep 2
    waited=$((waited + 3))
    busy=$(cpu_busy)
  done
  wait_budget=$((wait_budget - waited))
  quiet_busy=$busy
}

# Runs a command that prints one JSON line and records it with the load: the CPU share busy
# just before the run (other work), during it, and the 1-minute load average.
record() {
  local load json a b total=0 i idle
  wait_quiet
  load=$(cut -d' ' -f1 /proc/loadavg)
  read -ra a < <(head -1 /proc/stat)
  if ! json=$(timeout "${RUN_TIMEOUT:-300}" "$@"); then
    echo "bench-peers: no result (failed, or over RUN_TIMEOUT=${RUN_TIMEOUT:-300} s): $*" | tee -a "$out/failed.txt" >&2
    return 0
  fi
  read -ra b < <(head -1 /proc/stat)
  for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  idle=$((b[4] - a[4] + b[5] - a[5]))
  # busy_during: share of all CPUs busy during the run, the benchmark's own core included
  # (one of 2 cores = 50%); more than that was other work.
  echo "{\"busy_before\": $quiet_busy, \"busy_during\": $(((100 * (total - idle)) / (total > 0 ? total : 1))), \"load1\": $load, \"run\": $json}" | tee -a "$runs"
}

# ---- hold: repetitions interleaved across engines, so a burst of load hits all alike ------
for n in $PENDING; do
  for ((r = 1; r <= REPS; r++)); do
    echo "== hold N=$n rep $r/$REPS (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    if want last100; then
      # processes and the bare binary-heap loop in one process: the speed-up of record.
      record "$bench" hold --pending "$n" --events "$EVENTS" --engine processes --with-baseline
      # and the same two loops run in turn, M/INTERLEAVE events at a time (both see the same load)
      if ((${INTERLEAVE:-1} > 1)); then
        record "$bench" hold --pending "$n" --events "$EVENTS" --engine processes --with-baseline --interleave "$INTERLEAVE"
      fi
      for e in callbacks quaternary radix-raw; do
        record "$bench" hold --pending "$n" --events "$EVENTS" --engine "$e"
      done
    fi
    if want ns3; then
      for s in $NS3_SCHEDULERS; do
        # the default MapScheduler gets every repetition; the others NS3_ALT_REPS (default 2)
        [[ $s == map ]] || ((r <= ${NS3_ALT_REPS:-2})) || continue
        if [[ $s == calendar ]] && ((n > 100000)) && [[ "${NS3_CALENDAR_BIG:-0}" != 1 ]]; then continue; fi
        record "$ns3bin" --pending "$n" --events "$EVENTS" --scheduler "$s"
      done
    fi
    if want simpy; then
      record "$python" "$root/benchmarks/peers/hold_simpy.py" --pending "$n" --events "$SIMPY_EVENTS"
    fi
  done
done

if want phold; then
  for ((r = 1; r <= REPS; r++)); do
    record "$bench" phold --lps 1024 --population 16 --events "$EVENTS"
  done
fi

if want queue; then
  wait_quiet
  echo "CPU busy before queue-bench: $quiet_busy%, load $(cut -d' ' -f1-3 /proc/loadavg)" >"$out/queue-bench.txt"
  "$qbench" --benchmark_min_time=0.2 --benchmark_out="$out/queue-bench.json" --benchmark_out_format=json 2>&1 |
    tee -a "$out/queue-bench.txt"
fi

"$python" "$root/benchmarks/peers/summarize.py" "$runs" | tee "$out/summary.md"
