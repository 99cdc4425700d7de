#!/usr/bin/env bash
# last100-mpi over 2 and 3 ranks gives byte-identical outputs to the single-process command.
set -euo pipefail
mpi_cli=$1 cli=$2 scenario=$3 work=$4
rm -rf "$work" && mkdir -p "$work"
"$cli" compare "$scenario" --replications 3 --quiet --json "$work/one.json" --out "$work/one" >"$work/one.txt"
for np in 2 3; do
  mpirun --allow-run-as-root --oversubscribe -np "$np" "$mpi_cli" "$scenario" --replications 3 \
    --json "$work/np$np.json" --out "$work/np$np" >"$work/np$np.txt"
  cmp "$work/one.txt" "$work/np$np.txt"
  cmp "$work/one.json" "$work/np$np.json"
  for f in summary.json summary.csv timeseries.csv scenario.toml buildings.csv places.csv report.html; do cmp "$work/one/$f" "$work/np$np/$f"; done
done
echo "identical over 1, 2 and 3 ranks: table, JSON, summary, time series, report"
# Variants, with replications added to a precision: the same comparison of the bundled file and
# a what-if over ranks (rank 0 decides each batch and every rank runs its share).
variant=("2 vans: vehicles.count=2; mode.modes=[\"relay\",\"shelves\"]")
precision=(--half-width orders.delivered=10 --max-replications 5)
"$cli" compare "$scenario" --variant "${variant[0]}" "${precision[@]}" --replications 2 --set run.duration=12h --quiet \
  --json "$work/v-one.json" --out "$work/v-one" >"$work/v-one.txt"
for np in 2 3; do
  mpirun --allow-run-as-root --oversubscribe -np "$np" "$mpi_cli" "$scenario" --variant "${variant[0]}" "${precision[@]}" --replications 2 \
    --set run.duration=12h --json "$work/v-np$np.json" --out "$work/v-np$np" >"$work/v-np$np.txt"
  cmp "$work/v-one.txt" "$work/v-np$np.txt"
  cmp "$work/v-one.json" "$work/v-np$np.json"
  for f in summary.json summary.csv timeseries.csv scenario.toml buildings.csv places.csv report.html; do cmp "$work/v-one/$f" "$work/v-np$np/$f"; done
done
grep -q '2 vans/shelves' "$work/v-one.txt"
grep -q 'replications added until the 95% half-width of orders.delivered <= 10' "$work/v-one.txt"
echo "identical over 1, 2 and 3 ranks with a --variant compare and --half-width ($(grep -o 'replications [0-9]*' "$work/v-one.txt" | head -1))"
