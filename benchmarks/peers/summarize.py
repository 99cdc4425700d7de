#!/usr/bin/env python3
"""Summarizes scripts/bench-peers.sh runs (runs.jsonl) as Markdown tables: all runs, then
only the runs during which other work kept the CPUs quiet (usage: summarize.py RUNS [MAX%]).

For each model, engine and N: median, min and max of events/s over the repetitions, the
speed-up of the median over the bare binary-heap loop's median at the same N, heap bytes per
waiting process, the final tick (equal across last100 variants: same trajectory), the
highest share of CPU other work used in the second before a run, and the 1-minute load.
For `processes --with-baseline` runs it also gives the speed-up measured inside each run.
"""

import json
import statistics
import sys
from collections import defaultdict


def label(run):
    engine = run.get("engine", run["model"])
    if engine == "ns3":
        return "ns-3 " + run["scheduler"].replace("ns3::", "")
    if engine == "simpy":
        return "SimPy " + run.get("simpy_version", "3")
    return {
        "processes": "last100 processes",
        "callbacks": "last100 callbacks",
        "radix-raw": "radix heap alone",
        "binary": "bare binary heap (std::priority_queue)",
        "quaternary": "4-ary heap",
    }.get(engine, engine)


def fmt_rate(x):
    return f"{x / 1e6:.2f} M"


def table(recs):
    groups = defaultdict(list)  # (model, n, label) -> [(eps, run, load)]
    in_run_speedups = defaultdict(list)
    for rec in recs:
        run, load = rec["run"], (rec.get("busy_before", -1), rec["load1"], rec.get("busy_during", -1))
        n = run.get("pending", run.get("lps"))
        groups[(run["model"], n, label(run))].append((run["events_per_second"], run, load))
        base = run.get("baseline")
        if base:
            groups[(run["model"], n, label(base) + " [in-process]")].append(
                (base["events_per_second"], base, load))
            in_run_speedups[n].append(run["events_per_second"] / base["events_per_second"])

    base_median = {}
    for (model, n, lab), rows in groups.items():
        if model == "hold" and lab.startswith("bare binary heap") and lab.endswith("[in-process]"):
            base_median[n] = statistics.median(r[0] for r in rows)

    print("| model | N | engine | runs | events | median ev/s | min | max | vs bare loop | bytes/pending | final tick | max CPU busy before | CPU busy during | load1 |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for (model, n, lab) in sorted(groups, key=lambda k: (k[0], k[1], -statistics.median(r[0] for r in groups[k]))):
        rows = groups[(model, n, lab)]
        eps = [r[0] for r in rows]
        med = statistics.median(eps)
        speed = f"{med / base_median[n]:.2f}x" if model == "hold" and n in base_median else ""
        bpp = statistics.median(r[1].get("bytes_per_pending", float("nan")) for r in rows)
        ticks = {r[1].get("final_tick", r[1].get("final_time")) for r in rows}
        tick = str(ticks.pop()) if len(ticks) == 1 else "varies"
        busy = [r[2][0] for r in rows]
        loads = [r[2][1] for r in rows]
        during = [r[2][2] for r in rows]
        events = rows[0][1]["events"]
        print(f"| {model} | {n:,} | {lab} | {len(rows)} | {events:,} | {fmt_rate(med)} | {fmt_rate(min(eps))} | "
              f"{fmt_rate(max(eps))} | {speed} | {bpp:.0f} | {tick} | {max(busy)}% | {min(during)}-{max(during)}% | {min(loads):.2f}-{max(loads):.2f} |")
    print()
    for n, s in sorted(in_run_speedups.items()):
        print(f"- N = {n:,}: processes / in-process binary baseline, per run: median {statistics.median(s):.2f}x, "
              f"min {min(s):.2f}x, max {max(s):.2f}x ({len(s)} runs)")


def main(path, quiet_max=60):
    recs = [json.loads(line) for line in open(path) if line.strip()]
    print(f"### All runs ({len(recs)})\n")
    table(recs)
    quiet = [r for r in recs if 0 <= r.get("busy_during", -1) <= quiet_max]
    print(f"\n### Quiet runs only: CPU busy during the run <= {quiet_max}% "
          f"(the benchmark's own core is 50%) ({len(quiet)} of {len(recs)})\n")
    table(quiet)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "build-bench/peers-results/runs.jsonl",
         int(sys.argv[2]) if len(sys.argv) > 2 else 60)
