#!/usr/bin/env bash
# Runs the benchmarks behind docs/benchmarks.md and regenerates its generated sections and
# docs/benchmarks-scaling.svg, in one go:
#   engine   the hold model (last100 variants, the bare heap loops, and unless --skip-peers
#            SimPy 3 and ns-3), PHOLD and the queue micro-benchmarks (scripts/bench-peers.sh),
#            with the hold-model speed-up check (median and range of --hold-reps in-run ratios);
#   suite    the scenario files of benchmarks/scenarios/ (small, medium, large, district):
#            KPIs with 95% intervals from `last100 compare --json`, and each mode timed alone
#            (`last100-bench scenario FILE --mode M`) REPS times under /usr/bin/time;
#   scaling  `last100-bench modes --households N --days DAYS --mode M` for every size and
#            mode, REPS times under /usr/bin/time (run time, events, peak memory); the city,
#            10,000,000 households, is the last size unless --skip-city.
# Raw results (JSON lines, one directory per part, each with the commit and date it measured)
# go to --out; benchmarks/report/make_report.py turns them into the tables and the chart. A
# part that is skipped keeps its raw results from an earlier run, and its tables say when and
# at which commit they were measured.
#
# Usage: benchmarks/report.sh [options]
#   --sizes LIST     households of the scaling series, comma-separated
#                    (default 30000,100000,300000,1000000,3000000; the city is added)
#   --reps N         timed repetitions of each suite and scaling run (default $REPS or 3)
#   --city-reps N    repetitions at the city size (default 1: a mode takes tens of minutes there)
#   --hold-reps N    hold-model runs per N for the speed-up check and engine tables (default 5)
#   --interleave K   the speed-up check also runs both loops in turn, M/K events at a time
#                    (default 100; 1: only the sequential runs the target is defined on)
#   --suite LIST     scenario files of benchmarks/scenarios/ (default small,medium,large,district)
#   --modes LIST     modes to time (default relay,shelves,per_building,group_buy)
#   --days D         simulated days of the scaling runs (default 1)
#   --skip-peers     no SimPy and ns-3 (the engine's own benchmarks still run)
#   --skip-city      no 10,000,000-household runs
#   --skip-engine | --skip-suite | --skip-scaling   leave a part out (its old raw results stay)
#   --threads N      threads of the `last100 compare` runs (default 1)
#   --out DIR        raw results (default build-bench/report-results)
#   --doc FILE       the document to update (default docs/benchmarks.md)
#   --no-build       use the binaries already in build-bench
#   --summarize-only regenerate the document from the raw results in --out, run nothing
# Environment: RUN_TIMEOUT (seconds per run, default 7200), MEM_LIMIT_KB (address-space limit
# of each suite and scaling run; default 80 % of the memory available when the part starts: a
# run over it fails and is listed, not the machine's other work), QUIET_WAIT and QUIET_BUDGET
# (bench-peers.sh's wait for a quiet machine before each engine run; default 45 and 600).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

sizes=30000,100000,300000,1000000,3000000
city=10000000
reps=${REPS:-3}
city_reps=1
hold_reps=5
interleave=100
suite=small,medium,large,district
modes=relay,shelves,per_building,group_buy
days=1
skip_peers=0 skip_city=0 skip_engine=0 skip_suite=0 skip_scaling=0
threads=1
out=$root/build-bench/report-results
doc=$root/docs/benchmarks.md
build=1 summarize_only=0
command_line="benchmarks/report.sh $*"

while (($#)); do
  case $1 in
    --sizes) sizes=$2; shift ;;
    --reps) reps=$2; shift ;;
    --city-reps) city_reps=$2; shift ;;
    --hold-reps) hold_reps=$2; shift ;;
    --interleave) interleave=$2; shift ;;
    --suite) suite=$2; shift ;;
    --modes) modes=$2; shift ;;
    --days) days=$2; shift ;;
    --skip-peers) skip_peers=1 ;;
    --skip-city) skip_city=1 ;;
    --skip-engine) skip_engine=1 ;;
    --skip-suite) skip_suite=1 ;;
    --skip-scaling) skip_scaling=1 ;;
    --threads) threads=$2; shift ;;
    --out) out=$(realpath -m "$2"); shift ;;
    --doc) doc=$(realpath -m "$2"); shift ;;
    --no-build) build=0 ;;
    --summarize-only) summarize_only=1 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "report.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
IFS=, read -ra size_list <<<"$sizes"
IFS=, read -ra suite_list <<<"$suite"
IFS=, read -ra mode_list <<<"$modes"
((skip_city)) || size_list+=("$city")

bench=$root/build-bench/benchmarks/last100-bench
cli=$root/build-bench/apps/last100
mkdir -p "$out"
source "$root/benchmarks/report/lib.sh"

# The default memory limit of a run: 80 % of what is available now.
default_mem_limit() { echo $(($(sed -n 's/^MemAvailable: *\([0-9]*\) kB/\1/p' /proc/meminfo) * 8 / 10)); }

if ((!summarize_only)); then
  if ((build)); then
    part_start build
    cmake -S "$root" -B "$root/build-bench" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLAST100_BUILD_TESTS=OFF >/dev/null
    cmake --build "$root/build-bench" -j 2 --target last100-bench last100-cli last100-queue-bench
    part_end build
  fi
  write_machine "$out/machine.txt"

  if ((!skip_engine)); then
    part_start engine
    parts="last100 phold queue"
    ((skip_peers)) || parts="last100 ns3 simpy phold queue"
    rm -rf "$out/engine"
    mkdir -p "$out/engine"
    write_meta "$out/engine/meta.txt" "hold_reps=$hold_reps interleave=$interleave peers=$((1 - skip_peers))"
    REPS=$hold_reps INTERLEAVE=$interleave PARTS=$parts SKIP_BUILD=$((1 - build)) RUN_TIMEOUT=${PEER_TIMEOUT:-300} \
      bash "$root/scripts/bench-peers.sh" "$out/engine" >"$out/engine/log.txt" 2>&1 ||
      { echo "report.sh: the engine part failed, see $out/engine/log.txt" >&2; exit 1; }
    part_end engine
  fi

  if ((!skip_suite)); then
    part_start suite
    rm -rf "$out/suite"
    mkdir -p "$out/suite"
    export MEM_LIMIT_KB=${MEM_LIMIT_KB:-$(default_mem_limit)}
    write_meta "$out/suite/meta.txt" "reps=$reps threads=$threads suite=$suite mem_limit_kb=$MEM_LIMIT_KB"
    for name in "${suite_list[@]}"; do
      file=$root/benchmarks/scenarios/$name.toml
      note "suite $name: KPIs (last100 compare, replications as in the file)"
      timed "$out/suite/runs.jsonl" "{\"part\": \"kpis\", \"size\": \"$name\"}" \
        "$cli" compare "$file" --json "$out/suite/$name.kpis.json" --quiet --threads "$threads"
      for ((r = 1; r <= reps; r++)); do
        for m in "${mode_list[@]}"; do
          note "suite $name: $m, run $r/$reps"
          timed "$out/suite/runs.jsonl" "{\"part\": \"suite\", \"size\": \"$name\", \"rep\": $r}" \
            "$bench" scenario "$file" --mode "$m"
        done
      done
    done
    part_end suite
  fi

  if ((!skip_scaling)); then
    part_start scaling
    rm -rf "$out/scaling"
    mkdir -p "$out/scaling"
    export MEM_LIMIT_KB=${MEM_LIMIT_KB:-$(default_mem_limit)}
    write_meta "$out/scaling/meta.txt" "reps=$reps city_reps=$city_reps days=$days sizes=${size_list[*]} mem_limit_kb=$MEM_LIMIT_KB"
    for n in "${size_list[@]}"; do
      n_reps=$reps
      ((n != city)) || n_reps=$city_reps
      for ((r = 1; r <= n_reps; r++)); do
        for m in "${mode_list[@]}"; do
          note "scaling $n households: $m, run $r/$n_reps"
          timed "$out/scaling/runs.jsonl" "{\"part\": \"scaling\", \"size\": $n, \"rep\": $r}" \
            "$bench" modes --households "$n" --days "$days" --mode "$m"
        done
      done
    done
    part_end scaling
  fi
  echo "{\"command\": \"$command_line\"}" >"$out/command.json"
fi

python3 "$root/benchmarks/report/make_report.py" --out "$out" --doc "$doc" \
  --svg "$(dirname "$doc")/benchmarks-scaling.svg"
