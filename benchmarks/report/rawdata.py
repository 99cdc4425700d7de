"""Reads the raw results benchmarks/report.sh leaves in its output directory."""

import json
import pathlib


def _lines(path):
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _key_values(path):
    """Reads "key: value" lines (machine.txt, meta.txt)."""
    if not path.exists():
        return {}
    out = {}
    for line in path.read_text().splitlines():
        key, sep, value = line.partition(": ")
        if sep:
            out[key.strip()] = value.strip()
    return out


def _json(path):
    return json.loads(path.read_text()) if path.exists() else None


class Part:
    """One part's raw results: its provenance (meta.txt), its runs and its wall time."""

    def __init__(self, out, name):
        d = out / name
        self.name = name
        self.meta = _key_values(d / "meta.txt")
        self.runs = _lines(d / "runs.jsonl")
        timing = (out / "timings" / f"{name}.txt")
        self.seconds = int(timing.read_text().split()[0]) if timing.exists() else None
        failed = d / "failed.txt"
        self.failed = failed.read_text().splitlines() if failed.exists() else []

    def __bool__(self):
        return bool(self.runs)

    def provenance(self):
        """"commit abc, 2026-12-07T19:40Z, load 1.2 0.8 0.5" for the part's sections."""
        if not self.meta:
            return "provenance not recorded"
        return (f"commit `{self.meta.get('commit', '?')}`, {self.meta.get('date', '?')}, "
                f"1/5/15-minute load at the start {self.meta.get('load', '?')}")


class RawData:
    def __init__(self, out):
        out = pathlib.Path(out)
        self.out = out
        self.machine = _key_values(out / "machine.txt")
        self.engine = Part(out, "engine")
        self.engine.peers_machine = _key_values(out / "engine" / "machine.txt")
        self.engine.queue = _json(out / "engine" / "queue-bench.json")
        self.suite = Part(out, "suite")
        self.suite.kpis = {p.name[: -len(".kpis.json")]: _json(p) for p in sorted((out / "suite").glob("*.kpis.json"))}
        self.scaling = Part(out, "scaling")
        timing = out / "timings" / "build.txt"
        self.build_seconds = int(timing.read_text().split()[0]) if timing.exists() else None
        self.failed = self.engine.failed + self.suite.failed + self.scaling.failed
