#!/usr/bin/env python3
"""Tests of make_report.py on made-up raw results: every generated block of
docs/benchmarks.md is filled, the text around the blocks is kept, the chart is well-formed
SVG, and the hold-model check takes the median of the in-run ratios. Run by CTest."""

import io
import json
import pathlib
import re
import sys
import tempfile
import unittest
import xml.dom.minidom
from contextlib import redirect_stdout

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_report  # noqa: E402
import markers  # noqa: E402

DOC = HERE.parents[1] / "docs" / "benchmarks.md"


def write_lines(path, records):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records))


def hold(engine, n, eps, baseline=None):
    run = {"model": "hold", "engine": engine, "pending": n, "events": 1000, "seconds": 1000 / eps,
           "events_per_second": eps, "bytes_per_pending": 100, "final_tick": 42}
    if baseline:
        run["baseline"] = hold("binary", n, baseline)
    return run


def make_raw(out):
    out.mkdir(parents=True)
    (out / "machine.txt").write_text("nproc: 2\ncpu: Test CPU\nthreads_per_core: 1\nmemory_kb: 1048576\n"
                                     "os: Test OS\ncompiler: g++ 12\nbuild_type: Release\n")
    meta = "commit: abc1234\ndate: 2026-12-07T10:00Z\nload: 0.1 0.1 0.1\noptions: reps=1\n"
    for part in ("engine", "suite", "scaling"):
        (out / part).mkdir(parents=True)
        (out / part / "meta.txt").write_text(meta)
    # In-run ratios at 1,000,000: 2.0, 3.5, 3.2 -> median 3.2 (met); at 10,000: 1.4, 1.6, 1.0 -> 1.4 (not met).
    runs = [hold("processes", 1_000_000, r * 1e6, 1e6) for r in (2.0, 3.5, 3.2)]
    runs += [hold("processes", 10_000, r * 1e6, 1e6) for r in (1.4, 1.6, 1.0)]
    interleaved = hold("processes", 1_000_000, 4e6, 1e6)
    interleaved["slices"] = interleaved["baseline"]["slices"] = 100
    simpy = {"model": "hold", "engine": "simpy", "simpy_version": "3.0.11", "pending": 10_000, "events": 100,
             "seconds": 1.0, "events_per_second": 4e5, "bytes_per_pending": 850, "final_time": 99}
    ns3 = {"model": "hold", "engine": "ns3", "scheduler": "ns3::MapScheduler", "pending": 10_000, "events": 1000,
           "seconds": 1.0, "events_per_second": 3e6, "bytes_per_pending": 112, "final_tick": 41}
    runs += [interleaved, simpy, ns3, hold("callbacks", 10_000, 2e6), {"model": "phold", "lps": 4, "population": 2, "events": 100,
                                               "events_per_second": 5e6, "final_tick": 7}]
    write_lines(out / "engine" / "runs.jsonl", [{"busy_during": 50, "load1": 0.5, "run": r} for r in runs])
    (out / "engine" / "queue-bench.json").write_text(json.dumps({"benchmarks": [
        {"name": "radix_heap_hold/1000", "items_per_second": 2e7},
        {"name": "heap_hold<last100::bench::BinaryHeap>/1000", "items_per_second": 1e7}]}))
    kpi = {"mean": 10.0, "half_width": 0.5, "observed": 3}
    (out / "suite" / "small.kpis.json").write_text(json.dumps([{
        "mode": "relay", "replications": 3, "throughput_per_hour": kpi, "orders_per_courier_hour": kpi,
        "lead_time_minutes": {"p50": kpi, "p90": {"mean": None, "at_least": 600, "half_width": None}},
        "recovery": {"peak_backlog": kpi}}]))
    scen = {"model": "scenario", "mode": "relay", "households": 288, "orders": 1000, "seconds": 0.5,
            "events": 6000, "events_per_second": 12000, "events_per_order": 6.0}
    write_lines(out / "suite" / "runs.jsonl", [
        {"part": "kpis", "size": "small", "wall_s": 1.0, "peak_rss_kb": 8000, "run": None},
        {"part": "suite", "size": "small", "rep": 1, "wall_s": 0.6, "peak_rss_kb": 7000, "run": scen}])
    scaling = []
    for n in (30_000, 100_000):
        for mode in ("relay", "shelves"):
            scaling.append({"part": "scaling", "size": n, "rep": 1, "wall_s": n / 1e4, "peak_rss_kb": n / 10,
                            "run": {"model": "modes", "mode": mode, "households": n, "orders": n, "simulated_hours": 24,
                                    "world_build_seconds": 0.1, "seconds": n / 1e5, "events": 8 * n,
                                    "events_per_second": 8e5}})
    write_lines(out / "scaling" / "runs.jsonl", scaling)


class MakeReportTest(unittest.TestCase):
    def test_fills_every_block_and_keeps_the_rest(self):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = pathlib.Path(tmp)
            make_raw(tmp / "raw")
            doc = tmp / "benchmarks.md"
            original = DOC.read_text()
            doc.write_text(original)
            out = io.StringIO()
            with redirect_stdout(out):
                self.assertEqual(make_report.main(["--out", str(tmp / "raw"), "--doc", str(doc)]), 0)
            text = doc.read_text()
            blocks = re.findall(r"<!-- generated: ([\w-]+)[^>]*-->\n(.*?)<!-- end generated -->", text, re.S)
            self.assertEqual(sorted(name for name, _ in blocks),
                             sorted(["header", "hold", "hold-target", "phold", "queue", "suite-kpis", "suite-cost", "scaling"]))
            for name, body in blocks:
                self.assertNotIn("Not measured yet", body, name)
                self.assertIsNone(re.search(r"^#", body, re.M), f"{name}: a heading inside a block")

            def outside(t):
                return re.sub(r"(<!-- generated: [^>]*-->\n).*?(<!-- end generated -->)", r"\1\2", t, flags=re.S)

            self.assertEqual(outside(text), outside(original))
            xml.dom.minidom.parse(str(tmp / "benchmarks-scaling.svg"))
            check = out.getvalue()
            self.assertIn("N = 1,000,000 (one after the other): median 3.20x (min 2.00x, max 3.50x, 3 runs), target 3.0x: met", check)
            self.assertIn("N = 10,000 (one after the other): median 1.40x (min 1.00x, max 1.60x, 3 runs), target 1.5x: NOT MET", check)
            self.assertIn("N = 1,000,000 (in turn, M/100 events at a time): median 4.00x", check)
            self.assertIn("| SimPy 3.0.11 (M = 100) | 1 | 0.40 M |", text)
            self.assertIn("| ns-3, MapScheduler | 1 | 3.00 M |", text)
            self.assertIn("> 600", text)  # a censored lead time
            # Running again on its own output changes nothing.
            with redirect_stdout(io.StringIO()):
                make_report.main(["--out", str(tmp / "raw"), "--doc", str(doc)])
            self.assertEqual(doc.read_text(), text)

    def test_markers_refuse_unclosed_or_missing_blocks(self):
        with self.assertRaises(ValueError):
            markers.replace("<!-- generated: a -->\ntext\n", {"a": "x"})
        with self.assertRaises(ValueError):
            markers.replace("no blocks\n", {"a": "x"})
        self.assertEqual(markers.replace("p\n<!-- generated: a -->\nold\n<!-- end generated -->\nq\n", {"a": "new"}),
                         "p\n<!-- generated: a -->\nnew\n<!-- end generated -->\nq\n")


if __name__ == "__main__":
    unittest.main()
