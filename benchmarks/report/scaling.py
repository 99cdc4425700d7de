"""The scaling section: run time, events per order and peak memory of each mode against the
number of households (`last100-bench modes`), as a table beside the chart."""

from collections import defaultdict

from stats import med_range, num, summary


def series(part):
    """mode -> [(households, median run s, median peak MB)], sorted by households."""
    groups = defaultdict(list)
    for r in part.runs:
        if r.get("run"):
            groups[(r["run"]["mode"], r["run"]["households"])].append(r)
    out = defaultdict(list)
    for (mode, hh), rows in groups.items():
        out[mode].append((hh, summary([r["run"]["seconds"] for r in rows])[0],
                          summary([r["peak_rss_kb"] / 1024 for r in rows])[0]))
    return {m: sorted(v) for m, v in out.items()}


def section(part, svg_name):
    runs = [r for r in part.runs if r.get("run")]
    if not runs:
        return "Not measured yet: run `benchmarks/report.sh` (scaling part)."
    days = runs[0]["run"]["simulated_hours"] / 24
    groups = defaultdict(list)
    for r in runs:
        groups[(r["size"], r["run"]["mode"])].append(r)
    modes = list(dict.fromkeys(r["run"]["mode"] for r in runs))
    lines = [f"`last100-bench modes --households N --days {days:g} --mode M` for each size and "
             f"mode, under `/usr/bin/time` ({part.provenance()}): the generated Beijing-like area "
             "(walk-up buildings of 36 households in compounds of 28, a courier per 120 "
             "households, a van per 1,350, `typical_demand()`). Median (min-max) over the "
             "repetitions. Run: the mode's run alone; world: building the area and its demand; "
             "peak memory: the process's peak resident set (world, demand and the mode's copy).", "",
             f"![Run time and peak memory against households, log-log]({svg_name})", "",
             "| households | mode | runs | orders | events / order | world (s) | run (s) | peak memory (MB) | bytes / household | events / s |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for size in sorted({k[0] for k in groups}):
        for mode in modes:
            rows = groups.get((size, mode))
            if not rows:
                continue
            run = rows[0]["run"]
            hh = run["households"]
            peak = summary([r["peak_rss_kb"] for r in rows])[0]
            lines.append(
                f"| {num(hh)} | {mode} | {len(rows)} | {num(run['orders'])} | "
                f"{num(run['events'] / run['orders'])} | {med_range([r['run']['world_build_seconds'] for r in rows])} | "
                f"{med_range([r['run']['seconds'] for r in rows])} | {med_range([r['peak_rss_kb'] / 1024 for r in rows])} | "
                f"{num(peak * 1024 / hh)} | {med_range([r['run']['events_per_second'] / 1e6 for r in rows], unit=' M')} |")
    return "\n".join(lines)
