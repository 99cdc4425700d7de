#!/usr/bin/env bash
# compare --variant "NAME: K=V; K=V": every override of a variant applies (its reproduce line
# lists them in order), an override that is not KEY=VALUE is refused with exit 2, named, and a
# variant with other demand is marked unpaired in the table, summary.json and report.html.
set -euo pipefail
cli=$1 scenario=$2
out=$("$cli" compare "$scenario" --variant "vans and carts: vehicles.count=3; carts.per_compound=2" \
  --quiet --replications 2 --set run.duration=6h)
grep -q 'reproduce vans and carts: last100 run .*shuangjing.toml --set run.duration=6h --set vehicles.count=3 --set carts.per_compound=2 ' <<<"$out"
grep -q '^KPI  *shuangjing/shelves  *vans and carts/shelves  *vans and carts/shelves - shuangjing/shelves$' <<<"$out"
rc=0
err=$("$cli" compare "$scenario" --variant "vans: vehicles.count=4; carts" 2>&1 >/dev/null) || rc=$?
[[ $rc == 2 ]] || { echo "exit $rc, expected 2: $err"; exit 1; }
grep -q "\-\-variant \"vans: vehicles.count=4; carts\": override #2 'carts' is not KEY=VALUE" <<<"$err" || { echo "$err"; exit 1; }
# A variant with other demand: its columns are unpaired, in the table, summary.json and report.html.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$cli" compare "$scenario" --variant "busier: demand.parcel.orders_per_household_per_day=0.5; vehicles.count=3" \
  --quiet --replications 2 --set run.duration=6h --out "$work/out" >"$work/table.txt"
grep -q 'busier/shelves - shuangjing/shelves: unpaired: area or demand differ' "$work/table.txt"
grep -q '"variant": "busier"' "$work/out/summary.json"
grep -q '"unpaired_differences"' "$work/out/summary.json"
grep -q 'unpaired (area or demand differ, Welch interval): busier/shelves' "$work/out/report.html"
# ... and report DIR rebuilds the same page from summary.json.
cp "$work/out/report.html" "$work/before.html"
"$cli" report "$work/out" >/dev/null
cmp "$work/before.html" "$work/out/report.html"
echo "a variant's overrides apply together; a bad override is named with exit 2; unpaired columns are marked in every output"
