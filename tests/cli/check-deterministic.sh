#!/usr/bin/env bash
# Same scenario and seed give byte-identical outputs, whatever the number of threads: runs the
# comparison with 1 and with 2 threads and compares every output file byte for byte.
set -euo pipefail
cli=$1 scenario=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
"$cli" compare "$scenario" --replications 2 --threads 1 --quiet --out "$work/t1" --json "$work/t1.json" >"$work/t1.txt"
"$cli" compare "$scenario" --replications 2 --threads 2 --quiet --out "$work/t2" --json "$work/t2.json" >"$work/t2.txt"
"$cli" compare "$scenario" --replications 2 --threads 2 --quiet --out "$work/t3" --json "$work/t3.json" >"$work/t3.txt"
for run in t2 t3; do
  cmp "$work/t1.txt" "$work/$run.txt"
  cmp "$work/t1.json" "$work/$run.json"
  for f in summary.json summary.csv timeseries.csv orders.csv scenario.toml report.html; do
    cmp "$work/t1/$f" "$work/$run/$f"
  done
done
echo "identical: table, JSON, summary, time series, $(($(wc -l <"$work/t1/orders.csv") - 1)) order records, report"
# Variants, and replications added to a precision, on 1 and 2 jobs (--threads is the alias).
args=(compare "$scenario" --variant "2 vans: vehicles.count=2" --set run.duration=12h --half-width orders.delivered=10
      --max-replications 6 --replications 2 --quiet)
"$cli" "${args[@]}" --jobs 1 --out "$work/v1" --json "$work/v1.json" >"$work/v1.txt"
"$cli" "${args[@]}" --jobs 2 --out "$work/v2" --json "$work/v2.json" >"$work/v2.txt"
cmp "$work/v1.txt" "$work/v2.txt"
cmp "$work/v1.json" "$work/v2.json"
for f in summary.json summary.csv timeseries.csv orders.csv scenario.toml report.html; do cmp "$work/v1/$f" "$work/v2/$f"; done
grep -q '2 vans/relay' "$work/v1.txt"
echo "identical with variants and --half-width on 1 and 2 jobs ($(grep -o 'replications [0-9]*' "$work/v1.txt" | head -1))"
