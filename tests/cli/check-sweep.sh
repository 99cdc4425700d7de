#!/usr/bin/env bash
# last100 sweep: one line per point and the files written; a sweep stopped after some points
# (--max-points) or killed midway and then resumed writes byte-identical files to an
# uninterrupted one; 1 and 2 jobs give the same files; other arguments on the same folder are
# refused with exit 2.
set -euo pipefail
cli=$1 scenario=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
args=("$scenario" --set run.duration=6h --vary "couriers[0].count=10..30:10" --vary "vehicles.count=1,2" -r 2 --quiet)
files=(replications.csv replications.json points.csv points.json surface.csv)

out=$("$cli" sweep "${args[@]}" --out "$work/a" -j 1)
n=$(grep -cE '^[0-5]  ' <<<"$out" || true)
[[ $n == 6 ]] || { echo "expected 6 point lines, found $n:"; echo "$out"; exit 1; }
grep -q '^point  couriers\[0\].count  vehicles.count  orders.delivered' <<<"$out" || { echo "$out"; exit 1; }
grep -q 'response surface' <<<"$out" || { echo "$out"; exit 1; }
for f in "${files[@]}"; do [[ -s $work/a/$f ]] || { echo "missing $f"; exit 1; }; done
[[ $(wc -l <"$work/a/replications.csv") == 13 ]] || { echo "replications.csv: expected 12 rows"; exit 1; }
head -1 "$work/a/replications.csv" | grep -q '^point,replication,couriers\[0\].count,vehicles.count,orders.created'

# Two jobs: the same files.
"$cli" sweep "${args[@]}" --out "$work/b" -j 2 >/dev/null
for f in "${files[@]}"; do cmp "$work/a/$f" "$work/b/$f"; done

# Stopped after 2 points, then 1 more, then resumed to the end: the same files.
out=$("$cli" sweep "${args[@]}" --out "$work/c" --max-points 2)
grep -q '^2 of 6 points done' <<<"$out" || { echo "$out"; exit 1; }
"$cli" sweep "${args[@]}" --out "$work/c" --max-points 1 >/dev/null
"$cli" sweep "${args[@]}" --out "$work/c" >/dev/null
for f in "${files[@]}"; do cmp "$work/a/$f" "$work/c/$f"; done

# Killed midway (wherever the kill lands), then resumed: the same files.
( timeout -s KILL 0.05 "$cli" sweep "${args[@]}" --out "$work/d" -j 2 >/dev/null 2>&1 || true ) 2>/dev/null
"$cli" sweep "${args[@]}" --out "$work/d" >/dev/null
for f in "${files[@]}"; do cmp "$work/a/$f" "$work/d/$f"; done

# Killed in the middle of an append: the store's last line cut short is dropped and that
# point runs again.
mkdir "$work/e"
cp "$work/a/sweep-points.log" "$work/e/"
truncate -s -7 "$work/e/sweep-points.log"
"$cli" sweep "${args[@]}" --out "$work/e" >/dev/null
for f in "${files[@]}"; do cmp "$work/a/$f" "$work/e/$f"; done

# --half-width: replications added at each point until met, the same with 1 and 2 jobs.
hw=("$scenario" --set run.duration=6h --vary "couriers[0].count=2..6:2" --half-width lead_time_minutes.p90=40 -r 2 --quiet)
out=$("$cli" sweep "${hw[@]}" --out "$work/h1" -j 1)
grep -q '^point  couriers\[0\].count  replications  ' <<<"$out" || { echo "$out"; exit 1; }
"$cli" sweep "${hw[@]}" --out "$work/h2" -j 2 >/dev/null
cmp "$work/h1/replications.csv" "$work/h2/replications.csv"

# Other arguments on the same folder: refused with the store's hint; --restart starts over.
rc=0
err=$("$cli" sweep "${args[@]}" --out "$work/a" --vary "carts.per_compound=1,2" 2>&1 >/dev/null) || rc=$?
[[ $rc == 2 ]] || { echo "exit $rc, expected 2: $err"; exit 1; }
grep -q -- '--restart' <<<"$err" || { echo "$err"; exit 1; }
echo "sweep: one line per point, files written, resumed and 2-job sweeps identical to an uninterrupted one"
