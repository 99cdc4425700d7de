"""The engine sections: the hold model beside its peers, the hold-model speed-up check,
PHOLD and the queue micro-benchmarks (from scripts/bench-peers.sh's runs.jsonl)."""

import statistics
from collections import defaultdict

from stats import med_range, num, rate, summary

# Issue 2's targets: coroutine processes against the bare binary heap, measured in one run.
TARGETS = {10_000: 1.5, 1_000_000: 3.0}

LABELS = {
    "processes": "last100 processes (coroutines)",
    "callbacks": "last100 callbacks",
    "radix-raw": "radix heap alone (`radix-raw`)",
    "binary": "bare binary heap (`std::priority_queue`, in-run baseline)",
    "quaternary": "4-ary heap",
}
ORDER = ["processes", "callbacks", "radix-raw", "binary", "quaternary"]


def _label(run):
    e = run["engine"]
    if e == "ns3":
        return f"ns-3, {run['scheduler'].replace('ns3::', '')}"
    if e == "simpy":
        return f"SimPy {run.get('simpy_version', '3')}"
    return LABELS.get(e, e)


def _hold_groups(runs):
    """(N) -> label -> list of (run, record); the in-run baseline becomes its own engine."""
    groups = defaultdict(lambda: defaultdict(list))
    for rec in runs:
        run = rec["run"]
        if run.get("model") != "hold" or run.get("slices", 1) > 1:  # interleaved: the target check only
            continue
        n = run["pending"]
        groups[n][(run["engine"], _label(run))].append((run, rec))
        if run.get("baseline"):
            b = run["baseline"]
            groups[n][(b["engine"], _label(b))].append((b, rec))
    return groups


def _sort_key(key):
    engine, label = key
    return (ORDER.index(engine) if engine in ORDER else len(ORDER), label)


def speedups(runs, slices=1):
    """N -> in-run speed-ups (processes / bare binary heap in the same process), run order;
    slices=1: the two loops one after the other, K: run in turn M/K events at a time."""
    out = defaultdict(list)
    for rec in runs:
        run = rec["run"]
        if (run.get("model") == "hold" and run.get("engine") == "processes" and run.get("baseline")
                and run.get("slices", 1) == slices):
            out[run["pending"]].append(run["events_per_second"] / run["baseline"]["events_per_second"])
    return out


def _interleaves(runs):
    return sorted({rec["run"].get("slices", 1) for rec in runs
                   if rec["run"].get("model") == "hold" and rec["run"].get("baseline")})


def _busy(recs, nproc):
    """The load the runs saw (bench-peers.sh records the CPU share busy during each run)."""
    during = [r["busy_during"] for r in recs if r.get("busy_during") is not None]
    load = [r["load1"] for r in recs if r.get("load1") is not None]
    if not during:
        return ""
    return (f"CPU busy during the runs: {min(during)}-{max(during)} % of all {nproc} CPUs (the "
            f"benchmark alone is {100 // max(1, nproc)} %); 1-minute load {min(load):.1f}-{max(load):.1f}")


def hold_section(part, nproc):
    if not part:
        return "Not measured yet: run `benchmarks/report.sh`."
    groups = _hold_groups(part.runs)
    ratios = speedups(part.runs)
    lines = [f"Measured by `benchmarks/report.sh` ({part.provenance()}). Events per second "
             "(M = million): median, min and max over the runs; **vs bare loop** is the median "
             "over the median of the bare binary-heap loop run inside the `--with-baseline` "
             "runs; for last100 processes, **in-run** is the ratio measured inside each of those "
             "runs (median, min-max). Bytes per pending: heap bytes per waiting process or entry "
             "after the N first holds are scheduled."]
    if "peers=0" in part.meta.get("options", ""):
        lines.append("\nSimPy and ns-3 were not run this time (`--skip-peers`).")
    for n in sorted(groups):
        g = groups[n]
        main_events = next(iter(r["events"] for (e, _), rows in g.items() if e == "processes" for r, _ in rows), None)
        base = [r["events_per_second"] for (e, _), rows in g.items() if e == "binary" for r, _ in rows]
        base_med = statistics.median(base) if base else None
        lines += ["", f"**N = {n:,}** (M = {num(main_events)} events timed)", "",
                  "| engine | runs | median | min | max | vs bare loop | bytes / pending | final tick |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for key in sorted(g, key=_sort_key):
            rows = g[key]
            eps = [r["events_per_second"] for r, _ in rows]
            med, lo, hi = summary(eps)
            label = key[1]
            if rows[0][0]["events"] != main_events:
                label += f" (M = {rows[0][0]['events']:,})"
            vs = f"{med / base_med:.2f}x" if base_med else "-"
            if key[0] == "processes" and ratios.get(n):
                r = summary(ratios[n])
                vs += f"; in-run **{r[0]:.2f}x** ({r[1]:.2f}-{r[2]:.2f})"
            bpp = statistics.median(r.get("bytes_per_pending", 0) for r, _ in rows)
            ticks = {r.get("final_tick", r.get("final_time")) for r, _ in rows}
            tick = f"{round(ticks.pop()):,}" if len(ticks) == 1 else "varies"  # SimPy's clock is a float
            lines.append(f"| {label} | {len(rows)} | {rate(med)} | {rate(lo)} | {rate(hi)} | {vs} | {bpp:.0f} | {tick} |")
        recs = [rec for rows in g.values() for _, rec in rows]
        busy = _busy(recs, nproc)
        if busy:
            lines += ["", busy + "."]
        last100_ticks = {r["final_tick"] for (e, _), rows in g.items() if e in ORDER for r, _ in rows}
        if len(last100_ticks) == 1:
            lines += ["", f"Same trajectory: every last100 variant and the bare loops end on tick {last100_ticks.pop():,}."]
        elif last100_ticks:
            lines += ["", "**The last100 variants end on different ticks**: not the same trajectory, check the benchmark."]
    return "\n".join(lines)


def target_rows(part):
    """[(N, slices, target, ratios, median, min, max, met)] for the N of TARGETS measured."""
    out = []
    for slices in (_interleaves(part.runs) if part else []):
        ratios = speedups(part.runs, slices)
        for n, target in TARGETS.items():
            if ratios.get(n):
                med, lo, hi = summary(ratios[n])
                out.append((n, slices, target, ratios[n], med, lo, hi, med >= target))
    return out


def _how(slices):
    return "one after the other" if slices == 1 else f"in turn, M/{slices} events at a time"


def target_section(part):
    rows = target_rows(part)
    if not rows:
        return "Not measured yet: run `benchmarks/report.sh` (engine part)."
    lines = ["The coroutine hold model's speed-up over the bare binary heap, measured inside each "
             "run (`last100-bench hold --pending N --events M --engine processes --with-baseline`: "
             "both loops in one process, so both see the same load), against the targets of "
             f"issue 2 (at least 1.5x at N = 10,000, 3x at N = 1,000,000), as the median of the "
             f"runs ({part.provenance()}).", "",
             "| N | the two loops run | target | runs | speed-up per run | median | min | max | median meets the target |",
             "|---:|---|---:|---:|---|---:|---:|---:|---|"]
    for n, slices, target, ratios, med, lo, hi, met in rows:
        per_run = ", ".join(f"{r:.2f}" for r in ratios)
        lines.append(f"| {n:,} | {_how(slices)} | {target:.1f}x | {len(ratios)} | {per_run} | **{med:.2f}x** | "
                     f"{lo:.2f}x | {hi:.2f}x | {'yes' if met else '**no**'} |")
    if any(r[1] > 1 for r in rows):
        lines += ["", "One after the other is how the target is defined (`--with-baseline`: the "
                  "processes' M events, then the baseline's). In turn (`--interleave K`) both are "
                  "built first and then run M/K events at a time, which goes first alternating, so "
                  "a burst of other work on the machine hits both alike."]
    return "\n".join(lines)


def target_text(part):
    """The check as plain lines, for the terminal."""
    rows = target_rows(part)
    if not rows:
        return "hold-model speed-up: not measured"
    return "\n".join(
        f"hold-model speed-up at N = {n:,} ({_how(k)}): median {med:.2f}x (min {lo:.2f}x, max {hi:.2f}x, "
        f"{len(r)} runs), target {t:.1f}x: {'met' if met else 'NOT MET'}"
        for n, k, t, r, med, lo, hi, met in rows)


def phold_section(part):
    runs = [rec["run"] for rec in part.runs if rec["run"].get("model") == "phold"] if part else []
    if not runs:
        return "Not measured yet: run `benchmarks/report.sh` (engine part)."
    r0 = runs[0]
    eps = [r["events_per_second"] for r in runs]
    med, lo, hi = summary(eps)
    ticks = {r.get("final_tick") for r in runs}
    tick = f"{ticks.pop():,} (every run)" if len(ticks) == 1 else "varies"
    return "\n".join([
        f"`last100-bench phold --lps {r0.get('lps', '?')} --population {r0.get('population', '?')} "
        f"--events {r0.get('events', '?')}`, measured by `benchmarks/report.sh` ({part.provenance()}).", "",
        "| runs | median | min | max | final tick |", "|---:|---:|---:|---:|---:|",
        f"| {len(runs)} | {rate(med)}/s | {rate(lo)}/s | {rate(hi)}/s | {tick} |"])


def queue_section(part):
    q = part.queue if part else None
    if not q:
        return "Not measured yet: run `benchmarks/report.sh` (engine part)."
    names = {"radix_heap_hold": "radix heap", "heap_hold<last100::bench::BinaryHeap>": "binary heap (`std::priority_queue`)",
             "heap_hold<last100::bench::QuaternaryHeap>": "4-ary heap"}
    cells = defaultdict(dict)
    for b in q.get("benchmarks", []):
        name, _, size = b["name"].partition("/")
        if name in names and "items_per_second" in b:
            cells[int(size.split("/")[0])][names[name]] = b
    cols = list(names.values())
    lines = [f"`last100-queue-bench --benchmark_min_time=0.2`, measured by `benchmarks/report.sh` "
             f"({part.provenance()}): the hold pattern on the queue alone (increments pre-drawn), "
             "items per second of CPU time and the time per item.", "",
             "| queue size | " + " | ".join(cols) + " |", "|---:|" + "---:|" * len(cols)]
    for size in sorted(cells):
        row = []
        for c in cols:
            b = cells[size].get(c)
            row.append("-" if b is None else f"{b['items_per_second'] / 1e6:.1f} M/s ({1e9 / b['items_per_second']:.1f} ns)")
        lines.append(f"| {size:,} | " + " | ".join(row) + " |")
    return "\n".join(lines)
