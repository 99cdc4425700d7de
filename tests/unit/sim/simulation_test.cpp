#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "last100/sim.hpp"

using namespace last100::sim;
using namespace std::chrono_literals;

namespace {

Process sleeper(Simulation& sim, Duration d, std::vector<std::string>& log, std::string name) {
  co_await sim.delay(d);
  log.push_back(name + "@" + std::to_string(ticks(sim.now())));
}

Process looper(Simulation& sim, Duration step, int times, std::vector<long>& seen) {
  for (int i = 0; i < times; ++i) {
    co_await sim.delay(step);
    seen.push_back(ticks(sim.now()));
  }
}

}  // namespace

TEST_CASE("a delayed process resumes at the requested simulated time", "[sim]") {
  Simulation sim;
  std::vector<long> seen;
  sim.start(looper(sim, 90s, 3, seen));
  sim.run();
  CHECK(seen == std::vector<long>{90'000, 180'000, 270'000});
  CHECK(sim.now() == at_tick(270'000));
  CHECK(sim.process_count() == 0);
}

TEST_CASE("events run in time order whatever the order they were scheduled in", "[sim]") {
  Simulation sim;
  std::vector<std::string> log;
  sim.start(sleeper(sim, 3s, log, "c"));
  sim.start(sleeper(sim, 1s, log, "a"));
  sim.start(sleeper(sim, 2s, log, "b"));
  sim.run();
  CHECK(log == std::vector<std::string>{"a@1000", "b@2000", "c@3000"});
}

TEST_CASE("events at the same time run in the order they were scheduled", "[sim]") {
  Simulation sim;
  std::vector<std::string> log;
  for (int i = 0; i < 50; ++i) sim.start(sleeper(sim, 5s, log, std::to_string(i)));
  sim.run();
  REQUIRE(log.size() == 50);
  for (int i = 0; i < 50; ++i) CHECK(log[i] == std::to_string(i) + "@5000");
}

TEST_CASE("ties stay in scheduling order when later events split the queue's buckets", "[sim]") {
  // Interleave far and near times so the radix heap redistributes buckets holding ties.
  Simulation sim;
  std::vector<std::uint32_t> order;
  auto record = [&](Simulation&, std::uint32_t arg) { order.push_back(arg); };
  const HandlerId h = sim.add_handler(record);
  std::uint32_t next = 0;
  std::vector<std::pair<long, std::uint32_t>> expected;
  Rng rng(7);
  for (int i = 0; i < 2000; ++i) {
    const long t = static_cast<long>(rng.uniform_int(64)) * 1000;
    sim.schedule(at_tick(t), h, next);
    expected.emplace_back(t, next++);
  }
  sim.run();
  std::stable_sort(expected.begin(), expected.end(), [](auto& a, auto& b) { return a.first < b.first; });
  REQUIRE(order.size() == expected.size());
  for (std::size_t i = 0; i < order.size(); ++i) CHECK(order[i] == expected[i].second);
}

TEST_CASE("a callback handler receives its argument at its time", "[sim]") {
  Simulation sim;
  std::vector<std::pair<long, std::uint32_t>> calls;
  auto handler = [&](Simulation& s, std::uint32_t arg) { calls.emplace_back(ticks(s.now()), arg); };
  const HandlerId h = sim.add_handler(handler);
  sim.schedule(at_tick(500), h, 7);
  sim.schedule_in(100ms, h, 3);
  sim.run();
  CHECK(calls == std::vector<std::pair<long, std::uint32_t>>{{100, 3}, {500, 7}});
}

TEST_CASE("scheduling in the past is refused", "[sim]") {
  Simulation sim;
  auto noop = [](Simulation&, std::uint32_t) {};
  const HandlerId h = sim.add_handler(noop);
  sim.run_until(at_tick(1000));
  CHECK_THROWS_AS(sim.schedule(at_tick(999), h), std::logic_error);
}

TEST_CASE("run_until stops at the time limit and leaves later events pending", "[sim]") {
  Simulation sim;
  std::vector<long> seen;
  sim.start(looper(sim, 10s, 10, seen));
  sim.run_until(at_tick(35'000));
  CHECK(seen == std::vector<long>{10'000, 20'000, 30'000});
  CHECK(sim.now() == at_tick(35'000));
  CHECK(sim.has_events());
  sim.run();
  CHECK(seen.size() == 10);
}

TEST_CASE("run_until a predicate stops as soon as it holds", "[sim]") {
  Simulation sim;
  std::vector<long> seen;
  sim.start(looper(sim, 1s, 100, seen));
  const bool met = sim.run_until([&] { return seen.size() == 4; });
  CHECK(met);
  CHECK(seen.size() == 4);
  CHECK(sim.now() == at_tick(4000));
}

TEST_CASE("step runs exactly one event", "[sim]") {
  Simulation sim;
  std::vector<long> seen;
  sim.start(looper(sim, 1s, 3, seen));
  CHECK(sim.step());  // the start
  CHECK(seen.empty());
  CHECK(sim.step());
  CHECK(seen.size() == 1);
  sim.run();
  CHECK_FALSE(sim.step());
}

namespace {
Process worker(Simulation& sim, Duration d, bool& done) {
  co_await sim.delay(d);
  done = true;
}
Process waiter(Simulation& sim, ProcessId other, long& joined_at) {
  co_await sim.join(other);
  joined_at = ticks(sim.now());
}
}  // namespace

TEST_CASE("a process can wait for another to finish", "[sim]") {
  Simulation sim;
  bool done = false;
  long joined_at = -1;
  const ProcessId w = sim.start(worker(sim, 42s, done));
  sim.start(waiter(sim, w, joined_at));
  sim.run();
  CHECK(done);
  CHECK(joined_at == 42'000);
  CHECK_FALSE(sim.alive(w));
}

TEST_CASE("joining a process that already ended returns at once", "[sim]") {
  Simulation sim;
  bool done = false;
  long joined_at = -1;
  const ProcessId w = sim.start(worker(sim, 1s, done));
  sim.run_until(at_tick(5000));
  sim.start(waiter(sim, w, joined_at));
  sim.run();
  CHECK(joined_at == 5000);
}

TEST_CASE("a cancelled process never resumes and its joiners are woken", "[sim]") {
  Simulation sim;
  bool done = false;
  long joined_at = -1;
  const ProcessId w = sim.start(worker(sim, 100s, done));
  sim.start(waiter(sim, w, joined_at));
  sim.run_until(at_tick(10'000));
  CHECK(sim.cancel(w));
  CHECK_FALSE(sim.cancel(w));
  sim.run();
  CHECK_FALSE(done);
  CHECK(joined_at == 10'000);
  CHECK(sim.process_count() == 0);
}

namespace {
Process interruptible(Simulation& sim, std::vector<std::string>& log) {
  try {
    co_await sim.delay(1h);
    log.push_back("finished");
  } catch (const Interrupted& e) {
    log.push_back("interrupted:" + e.reason + "@" + std::to_string(ticks(sim.now())));
  }
  co_await sim.delay(1s);
  log.push_back("cleaned@" + std::to_string(ticks(sim.now())));
}
}  // namespace

TEST_CASE("an interrupted process is woken with the reason and can clean up", "[sim]") {
  Simulation sim;
  std::vector<std::string> log;
  const ProcessId p = sim.start(interruptible(sim, log));
  sim.run_until(at_tick(60'000));
  CHECK(sim.interrupt(p, 1, "quarantined"));
  sim.run();
  CHECK(log == std::vector<std::string>{"interrupted:quarantined@60000", "cleaned@61000"});
  CHECK(sim.now() == at_tick(61'000));  // the stale one-hour timer ran nothing
}

TEST_CASE("interrupting a finished process reports that it is gone", "[sim]") {
  Simulation sim;
  bool done = false;
  const ProcessId p = sim.start(worker(sim, 1s, done));
  sim.run();
  CHECK_FALSE(sim.interrupt(p));
}

namespace {
Process failing(Simulation& sim) {
  co_await sim.delay(1s);
  throw std::runtime_error("model bug");
}
}  // namespace

TEST_CASE("an exception escaping a process stops the run with that exception", "[sim]") {
  Simulation sim;
  sim.start(failing(sim));
  CHECK_THROWS_WITH(sim.run(), "model bug");
}

TEST_CASE("the trace hook sees every event and two runs give the same trace", "[sim]") {
  auto trace_of = [] {
    Simulation sim;
    std::vector<std::string> log;
    std::vector<std::string> trace;
    sim.set_trace([&](const TraceRecord& r) {
      trace.push_back(std::to_string(ticks(r.time)) + ":" + std::to_string(static_cast<int>(r.kind)) + ":" +
                      std::to_string(r.target));
    });
    Rng rng(99);
    for (int i = 0; i < 100; ++i) sim.start(sleeper(sim, Duration{static_cast<long>(rng.uniform_int(10'000))}, log, "x"));
    sim.run();
    CHECK(trace.size() == sim.events_processed());
    return trace;
  };
  const auto a = trace_of();
  const auto b = trace_of();
  CHECK(a.size() == 200);
  CHECK(a == b);
}
