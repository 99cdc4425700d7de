"""The throughput suite's sections: KPIs with 95% intervals (from `last100 compare --json`)
and what each mode costs to run (timed runs of `last100-bench scenario`)."""

from collections import defaultdict

from stats import med_range, num

SUITE_ORDER = ["small", "medium", "large", "district"]


def _order(name):
    return (SUITE_ORDER.index(name) if name in SUITE_ORDER else len(SUITE_ORDER), name)


def _field(obj, path):
    for key in path.split("."):
        if not isinstance(obj, dict) or key not in obj:
            return None
        obj = obj[key]
    return obj


def _kpi(obj, path, digits=3):
    """"12.3 ± 0.4" from {"mean", "half_width"}; "> T" for a lower bound; "-" if absent."""
    v = _field(obj, path)
    if v is None:
        return "-"
    if not isinstance(v, dict):
        return num(v, digits)
    if v.get("mean") is None:
        return f"> {num(v['at_least'], digits)}" if v.get("at_least") is not None else "-"
    text = num(v["mean"], digits)
    if v.get("half_width") is not None:
        text += f" ± {num(v['half_width'], 2)}"
    return text


def _households(part):
    out = {}
    for rec in part.runs:
        if rec.get("run"):
            out[rec["size"]] = rec["run"]["households"]
    return out


def kpi_section(part):
    if not part.kpis:
        return "Not measured yet: run `benchmarks/report.sh` (suite part)."
    hh = _households(part)
    first = next(iter(part.kpis.values()))
    first = first[0] if isinstance(first, list) else first
    reps = first.get("replications", "?")
    lines = [f"`last100 compare benchmarks/scenarios/NAME.toml --json FILE` ({part.provenance()}): "
             f"each mode's mean over {reps} replications ± the 95 % Student-t half-width. Delivered "
             "per hour and per courier-hour are `throughput_per_hour` and `orders_per_courier_hour`, "
             "lead times are placed to handed over (censored: \"> T\" when more than half, or a "
             "tenth, of the orders were not delivered), peak backlog is `recovery.peak_backlog` "
             "(docs/metrics.md).", "",
             "| scenario | households | mode | delivered / h | delivered / courier-h | lead p50 (min) | lead p90 (min) | peak backlog |",
             "|---|---:|---|---:|---:|---:|---:|---:|"]
    for name in sorted(part.kpis, key=_order):
        data = part.kpis[name]
        for m in data if isinstance(data, list) else [data]:
            lines.append(f"| {name} | {num(hh.get(name))} | {m.get('mode', '?')} | {_kpi(m, 'throughput_per_hour')} | "
                         f"{_kpi(m, 'orders_per_courier_hour')} | {_kpi(m, 'lead_time_minutes.p50')} | "
                         f"{_kpi(m, 'lead_time_minutes.p90')} | {_kpi(m, 'recovery.peak_backlog')} |")
    return "\n".join(lines)


def cost_section(part):
    timed = [r for r in part.runs if r.get("part") == "suite" and r.get("run")]
    if not timed:
        return "Not measured yet: run `benchmarks/report.sh` (suite part)."
    groups = defaultdict(list)
    for r in timed:
        groups[(r["size"], r["run"]["mode"])].append(r)
    modes = list(dict.fromkeys(r["run"]["mode"] for r in timed))
    lines = [f"Each mode of each file run alone, once per repetition on the file's world (first "
             f"replication's seed): `last100-bench scenario benchmarks/scenarios/NAME.toml --mode M` "
             f"under `/usr/bin/time` ({part.provenance()}). Median (min-max) over the repetitions. "
             "Run: the mode's run, world build excluded; wall: the whole process; peak memory: "
             "its peak resident set; events per order: engine events over the orders of the horizon.", "",
             "| scenario | households | mode | runs | orders | events / order | run (s) | wall (s) | peak memory (MB) | events / s |",
             "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name in sorted({k[0] for k in groups}, key=_order):
        for mode in modes:
            rows = groups.get((name, mode))
            if not rows:
                continue
            run = rows[0]["run"]
            lines.append(
                f"| {name} | {num(run['households'])} | {mode} | {len(rows)} | {num(run['orders'])} | "
                f"{num(run['events_per_order'])} | {med_range([r['run']['seconds'] for r in rows])} | "
                f"{med_range([r['wall_s'] for r in rows])} | {med_range([r['peak_rss_kb'] / 1024 for r in rows])} | "
                f"{med_range([r['run']['events_per_second'] / 1e6 for r in rows], unit=' M')} |")
    whole = [r for r in part.runs if r.get("part") == "kpis"]
    if whole:
        lines += ["", "The `last100 compare` runs themselves (every mode and replication, "
                  f"`--threads {part.meta.get('options', '').partition('threads=')[2].split(' ')[0] or '?'}`): " +
                  "; ".join(f"{r['size']} {num(r['wall_s'])} s, {num(r['peak_rss_kb'] / 1024)} MB"
                            for r in sorted(whole, key=lambda r: _order(r["size"]))) + "."]
    return "\n".join(lines)
