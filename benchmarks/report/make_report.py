#!/usr/bin/env python3
"""Regenerates the generated blocks of docs/benchmarks.md and the scaling chart from the raw
results benchmarks/report.sh leaves in its output directory (standard library only), and
prints the hold-model speed-up check.

Usage: make_report.py --out DIR [--doc docs/benchmarks.md] [--svg docs/benchmarks-scaling.svg]
                      [--command TEXT]
"""

import argparse
import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import chart  # noqa: E402
import engine  # noqa: E402
import header  # noqa: E402
import markers  # noqa: E402
import scaling  # noqa: E402
import suite  # noqa: E402
from rawdata import RawData  # noqa: E402


def main(argv=None):
    root = pathlib.Path(__file__).resolve().parents[2]
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=root / "build-bench" / "report-results", type=pathlib.Path)
    ap.add_argument("--doc", default=root / "docs" / "benchmarks.md", type=pathlib.Path)
    ap.add_argument("--svg", default=None, type=pathlib.Path)
    args = ap.parse_args(argv)
    svg = args.svg or args.doc.parent / "benchmarks-scaling.svg"

    data = RawData(args.out)
    command_file = args.out / "command.json"
    command = json.loads(command_file.read_text())["command"] if command_file.exists() else "benchmarks/report.sh"
    nproc = int(data.machine.get("nproc", "2") or 2)
    blocks = {
        "header": header.render(data, command),
        "hold": engine.hold_section(data.engine, nproc),
        "hold-target": engine.target_section(data.engine),
        "phold": engine.phold_section(data.engine),
        "queue": engine.queue_section(data.engine),
        "suite-kpis": suite.kpi_section(data.suite),
        "suite-cost": suite.cost_section(data.suite),
        "scaling": scaling.section(data.scaling, svg.name),
    }
    text = args.doc.read_text()
    args.doc.write_text(markers.replace(text, blocks))
    series = scaling.series(data.scaling) if data.scaling else {}
    if series:
        meta = data.scaling.meta
        svg.write_text(chart.render(series, f"last100-bench modes --days {meta.get('options', '').partition('days=')[2].split(' ')[0] or '?'}"
                                            f", commit {meta.get('commit', '?')}, {meta.get('date', '?')}"))
    print(f"report: wrote {args.doc}" + (f" and {svg}" if series else ""))
    print(engine.target_text(data.engine))
    return 0


if __name__ == "__main__":
    sys.exit(main())
