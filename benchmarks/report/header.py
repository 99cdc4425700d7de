"""The header: machine, compiler, and for each part the commit, date and time it took."""


def _duration(seconds):
    if seconds is None:
        return "-"
    m, s = divmod(int(seconds), 60)
    h, m = divmod(m, 60)
    return f"{h} h {m:02d} min" if h else (f"{m} min {s:02d} s" if m else f"{s} s")


def render(data, command):
    m = data.machine
    mem_kb = int(m.get("memory_kb", 0) or 0)
    peers = data.engine.peers_machine
    peer_text = ", ".join(f"{k} {peers[k]}" for k in ("ns-3", "simpy") if k in peers) or "not run"
    lines = [f"Written by `{command}`; run `benchmarks/report.sh --help` for the options.", "",
             "| | |", "|---|---|",
             f"| CPUs | {m.get('nproc', '?')} (`nproc`); `lscpu`: {m.get('cpu', '?')}, "
             f"{m.get('threads_per_core', '?')} thread(s) per core |",
             f"| RAM | {mem_kb:,} kB ({mem_kb / 2**20:.1f} GiB) |",
             f"| OS | {m.get('os', '?')} |",
             f"| compiler | {m.get('compiler', '?')}, CMake `{m.get('build_type', '?')}` |",
             f"| peers | {peer_text} |"]
    for part, title in ((data.engine, "engine benchmarks"), (data.suite, "scenario suite"),
                        (data.scaling, "scaling series")):
        if part.meta:
            lines.append(f"| {title} | {part.provenance()}; took {_duration(part.seconds)}; "
                         f"options: {part.meta.get('options', '')} |")
        else:
            lines.append(f"| {title} | not run yet |")
    if data.build_seconds is not None:
        lines.append(f"| build | {_duration(data.build_seconds)} |")
    failed = data.failed
    if failed:
        lines += ["", f"**{len(failed)} run(s) failed or timed out** and are left out:", ""]
        lines += [f"- `{f}`" for f in failed]
    return "\n".join(lines)
