#!/usr/bin/env python3
"""The classic hold model in SimPy 3, for comparison with last100-bench hold.

N processes each loop on `yield env.timeout(random.expovariate(1 / mean))`; the run stops
after M hold events (timeouts that resumed a process). Prints one JSON line shaped like
last100-bench's: events, seconds, events_per_second, bytes_per_pending, ...

Timing covers only the M events, not building the N processes (as in last100-bench).
Memory per waiting process is measured two ways, both outside the timed run:
  bytes_per_pending      tracemalloc: Python heap bytes allocated while building N
                         processes and letting each start its first timeout, divided by N
                         (a second, separate set of N processes, built after the timed run);
  rss_bytes_per_pending  growth of the process's peak RSS (getrusage ru_maxrss) while
                         building the timed set, divided by N (coarse at small N).
Optional peer benchmark, not part of the CMake build or CI: see scripts/bench-peers.sh.
"""

import argparse
import json
import random
import resource
import sys
import time
import tracemalloc

import simpy


def holder(env, rate, state, stop, target):
    timeout = env.timeout
    draw = random.expovariate
    while True:
        yield timeout(draw(rate))
        state[0] += 1
        if state[0] == target:
            stop.succeed()


def build(n, mean, target):
    """Returns (env, state, stop) with n processes started and each waiting on a timeout."""
    env = simpy.Environment()
    state = [0]
    stop = env.event()
    rate = 1.0 / mean
    for _ in range(n):
        env.process(holder(env, rate, state, stop, target))
    # Run the n Initialize events: each process draws its first hold and waits on it.
    for _ in range(n):
        env.step()
    return env, state, stop


def maxrss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pending", "-n", type=int, default=10_000, help="processes holding at once (N)")
    ap.add_argument("--events", "-m", type=int, default=1_000_000, help="hold events timed (M)")
    ap.add_argument("--mean", type=float, default=1_000_000.0, help="mean hold (time units)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    n, m = args.pending, args.events
    random.seed(args.seed)

    rss0 = maxrss_bytes()
    env, state, stop = build(n, args.mean, m)
    rss1 = maxrss_bytes()

    t0 = time.perf_counter()
    env.run(until=stop)
    seconds = time.perf_counter() - t0
    events = state[0]
    final_time = env.now

    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    probe = build(n, args.mean, m)
    traced = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    del probe

    print(json.dumps({
        "model": "hold",
        "engine": "simpy",
        "simpy_version": simpy.__version__,
        "python": sys.version.split()[0],
        "pending": n,
        "events": events,
        "seconds": round(seconds, 6),
        "events_per_second": round(events / seconds, 1),
        "bytes_per_pending": round(traced / n, 1),
        "bytes_measured_by": "tracemalloc",
        "rss_bytes_per_pending": round((rss1 - rss0) / n, 1),
        "final_time": final_time,
    }))


if __name__ == "__main__":
    main()
