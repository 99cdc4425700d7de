// The researcher-facing engine API: timed requests (reneging), value-returning processes,
// start(fn, args...) owning its callable (run under AddressSanitizer by scripts/test.sh),
// clock helpers and monitors on small runs whose statistics are known by hand.
#include <catch2/catch.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "last100/sim.hpp"

using namespace last100::sim;
using namespace std::chrono_literals;

namespace {

Process hold(Simulation& sim, Resource& r, Duration d) {
  auto g = co_await r.request();
  co_await sim.delay(d);
}

Process impatient(Simulation& sim, Resource& r, Duration patience, Duration service, std::vector<std::string>& log) {
  auto g = co_await r.request_within(patience);
  if (!g) {
    log.push_back("reneged@" + std::to_string(ticks(sim.now())));
    co_return;
  }
  log.push_back("served@" + std::to_string(ticks(sim.now())));
  co_await sim.delay(service);
}

ProcessOf<int> add_later(Simulation& sim, int a, int b) {
  co_await sim.delay(5s);
  co_return a + b;
}

ProcessOf<std::unique_ptr<int>> make_box(Simulation& sim) {
  co_await sim.delay(1s);
  co_return std::make_unique<int>(42);
}

}  // namespace

TEST_CASE("a timed request reneges when its patience runs out and leaves the queue", "[sim][engine-api]") {
  Simulation sim;
  Resource r(sim, 1);
  std::vector<std::string> log;
  sim.start(hold(sim, r, 10s));
  sim.start(impatient(sim, r, 4s, 1s, log));   // gives up at 4 s
  sim.start(impatient(sim, r, 20s, 1s, log));  // served at 10 s
  sim.run_until(at_tick(1000));
  CHECK(r.queue_length() == 2);
  sim.run_until(at_tick(5000));
  CHECK(r.queue_length() == 1);  // the one that gave up no longer counts
  sim.run();
  CHECK(log == std::vector<std::string>{"reneged@4000", "served@10000"});
  CHECK(r.in_use() == 0);
}

TEST_CASE("a timed request granted at once or before its patience holds a unit", "[sim][engine-api]") {
  Simulation sim;
  Resource r(sim, 1);
  std::vector<std::string> log;
  sim.start(impatient(sim, r, 1s, 3s, log));
  sim.start(impatient(sim, r, 3s, 1s, log));  // granted at exactly its patience: the unit wins
  sim.run();
  // At 3 s the release (scheduled first) hands the unit over before the timer fires.
  CHECK(log == std::vector<std::string>{"served@0", "served@3000"});
  CHECK(r.in_use() == 0);
}

TEST_CASE("an interrupted timed request neither takes a unit nor stays queued", "[sim][engine-api]") {
  Simulation sim;
  Resource r(sim, 1);
  std::vector<std::string> log;
  bool interrupted = false;
  sim.start(hold(sim, r, 10s));
  const ProcessId p = sim.start([&]() -> Process {
    try {
      auto g = co_await r.request_within(1h);
    } catch (const Interrupted&) {
      interrupted = true;
    }
  });
  sim.run_until(at_tick(2000));
  sim.interrupt(p);
  sim.run();
  CHECK(interrupted);
  CHECK(r.queue_length() == 0);
  CHECK(r.in_use() == 0);
}

TEST_CASE("a process returns a value that join yields", "[sim][engine-api]") {
  Simulation sim;
  std::vector<int> got;
  const ProcessResult<int> sum = sim.start(add_later(sim, 2, 3));
  CHECK_FALSE(sum.has_value());
  sim.start([&]() -> Process { got.push_back(co_await sim.join(sum)); });
  sim.run();
  // Joining after the process ended yields the value at once.
  sim.start([&]() -> Process { got.push_back(co_await sim.join(sum) * 10); });
  sim.run();
  CHECK(got == std::vector<int>{5, 50});
  CHECK(sum.value() == 5);
  CHECK(ticks(sim.now()) == 5000);
}

TEST_CASE("a move-only return value is moved to the joiner", "[sim][engine-api]") {
  Simulation sim;
  int got = 0;
  const auto box = sim.start(make_box(sim));
  sim.start([&]() -> Process { got = *co_await sim.join(box); });
  sim.run();
  CHECK(got == 42);
}

TEST_CASE("joining a cancelled value process throws: there is no value", "[sim][engine-api]") {
  Simulation sim;
  const ProcessResult<int> sum = sim.start(add_later(sim, 2, 3));
  bool threw = false;
  sim.start([&]() -> Process {
    try {
      (void)co_await sim.join(sum);
    } catch (const std::logic_error&) {
      threw = true;
    }
  });
  sim.run_until(at_tick(1000));
  CHECK(sim.cancel(sum));
  sim.run();
  CHECK(threw);
  CHECK_THROWS_AS(sum.value(), std::logic_error);
}

TEST_CASE("start(fn, args...) keeps a capturing lambda and its arguments alive", "[sim][engine-api]") {
  // The trap: `sim.start([&]() -> Process {...}())` leaves the frame pointing at a dead closure
  // (AddressSanitizer: stack-use-after-scope). start(fn, args...) owns both; scripts/test.sh
  // runs this under ASan, where a dangling closure or argument would be reported.
  Simulation sim;
  std::vector<std::string> log;
  auto alive = std::make_shared<int>(0);
  {
    const std::string name = "courier";  // captured by copy; dies with this block
    sim.start(
        [name, &sim, &log, token = alive](int trips, const std::string& where) -> Process {
          for (int i = 0; i < trips; ++i) {
            co_await sim.delay(1min);
            log.push_back(name + " " + where + " " + std::to_string(i));
          }
        },
        2, std::string("gate"));
  }
  CHECK(alive.use_count() == 2);  // the closure is held by the simulation
  sim.run();
  CHECK(log == std::vector<std::string>{"courier gate 0", "courier gate 1"});
  CHECK(alive.use_count() == 1);  // freed when the process ended
  CHECK(sim.now_minutes() == Approx(2.0));
  CHECK(sim.now_seconds() == Approx(120.0));
  CHECK(sim.now_hours() == Approx(2.0 / 60.0));
}

TEST_CASE("start(fn, args...) of a value-returning lambda gives a result, and std::ref passes references",
          "[sim][engine-api]") {
  Simulation sim;
  int calls = 0;
  const auto r = sim.start(
      [](Simulation& s, int& counter, int x) -> ProcessOf<int> {
        co_await s.delay(1s);
        ++counter;
        co_return x * 2;
      },
      std::ref(sim), std::ref(calls), 21);
  sim.run();
  CHECK(r.value() == 42);
  CHECK(calls == 1);
}

TEST_CASE("a cancelled start(fn, args...) process frees its closure", "[sim][engine-api]") {
  auto alive = std::make_shared<int>(0);
  {
    Simulation sim;
    const ProcessId p = sim.start([&sim, token = alive]() -> Process { co_await sim.delay(1h); });
    sim.start([&sim, token = alive]() -> Process { co_await sim.delay(1h); });  // freed at teardown
    sim.run_until(at_tick(10));
    CHECK(alive.use_count() == 3);
    sim.cancel(p);
    CHECK(alive.use_count() == 2);
  }
  CHECK(alive.use_count() == 1);
}

TEST_CASE("a resource monitor records queue length, waits, abandonment and utilisation", "[sim][engine-api]") {
  // One unit. A holds 0-10 s; B waits 10 s and holds 10-20 s; C gives up at 5 s.
  // Queue: 2 on [0,5), 1 on [5,10), 0 on [10,20): mean 15/20 = 0.75; in use 1 on [0,20).
  Simulation sim;
  Resource r(sim, 1);
  CHECK(r.monitor() == nullptr);
  r.enable_monitor();
  std::vector<std::string> log;
  sim.start(hold(sim, r, 10s));
  sim.start(impatient(sim, r, 30s, 10s, log));
  sim.start(impatient(sim, r, 5s, 10s, log));
  sim.run_until(at_tick(20000));  // run() would go on to B's stale patience timer at 30 s
  const ResourceMonitor& m = *r.monitor();
  const TimePoint t = sim.now();
  REQUIRE(ticks(t) == 20000);
  CHECK(*m.queue_length.mean(t) == Approx(0.75));
  CHECK(m.queue_length.max() == 2);
  CHECK(*m.queue_length.percentile(50, t) == 0);  // 10 s of 20 at zero
  CHECK(*m.queue_length.percentile(75, t) == 1);
  CHECK(*m.queue_length.percentile(90, t) == 2);
  CHECK(*m.utilisation(t) == Approx(1.0));
  CHECK(*m.utilisation(at_tick(40000)) == Approx(0.5));  // idle since 20 s
  CHECK(m.waits.count() == 2);
  CHECK(*m.waits.mean() == Approx(5.0));
  CHECK(*m.waits.percentile(100) == Approx(10.0));
  CHECK(m.abandoned.count() == 1);
  CHECK(*m.abandoned.max() == Approx(5.0));
}

TEST_CASE("monitor statistics without observations are missing, not zero", "[sim][engine-api]") {
  Simulation sim;
  Resource r(sim, 2);
  const ResourceMonitor& m = r.enable_monitor();
  CHECK_FALSE(m.queue_length.mean(sim.now()).has_value());
  CHECK_FALSE(m.utilisation(sim.now()).has_value());
  CHECK_FALSE(m.waits.mean().has_value());
  CHECK_FALSE(m.waits.percentile(90).has_value());
  CHECK_THROWS_AS(m.waits.percentile(101), std::invalid_argument);
}

TEST_CASE("enable_monitor restarts the statistics (warm-up)", "[sim][engine-api]") {
  Simulation sim;
  Resource r(sim, 1);
  r.enable_monitor();
  std::vector<std::string> log;
  sim.start(hold(sim, r, 10s));
  sim.start(impatient(sim, r, 30s, 10s, log));
  sim.run_until(at_tick(15000));
  const ResourceMonitor& m = r.enable_monitor();  // forget [0, 15 s)
  sim.run_until(at_tick(20000));
  CHECK(m.waits.count() == 0);
  CHECK(*m.queue_length.mean(sim.now()) == Approx(0.0));
  CHECK(*m.in_use.mean(sim.now()) == Approx(1.0));  // B holds until 20 s
  CHECK(m.in_use.observed(sim.now()).count() == 5000);
}

TEST_CASE("a store monitor records items, waiting getters, waits and timed-out gets", "[sim][engine-api]") {
  // Getter G1 waits from 0 to 4 s; G2 waits from 0 and gives up at 2 s; the item put at 6 s
  // stays until the run ends at 10 s. Items: 0 on [0,6), 1 on [6,10): mean 0.4.
  // Getters: 2 on [0,2), 1 on [2,4), 0 after: mean (4 + 2) / 10 = 0.6.
  Simulation sim;
  Store<int> store(sim);
  store.enable_monitor();
  std::optional<int> g2;
  sim.start([&]() -> Process { (void)co_await store.get(); });
  sim.start([&]() -> Process { g2 = co_await store.get_within(2s); });
  sim.start([&]() -> Process {
    co_await sim.delay(4s);
    co_await store.put(1);
    co_await sim.delay(2s);
    co_await store.put(2);
  });
  sim.run_until(at_tick(10000));
  const StoreMonitor& m = *store.monitor();
  CHECK_FALSE(g2.has_value());
  CHECK(store.getters_waiting() == 0);
  CHECK(*m.length.mean(sim.now()) == Approx(0.4));
  CHECK(*m.getters.mean(sim.now()) == Approx(0.6));
  CHECK(m.getters.max() == 2);
  CHECK(m.get_waits.count() == 1);
  CHECK(*m.get_waits.mean() == Approx(4.0));
  CHECK(m.abandoned.count() == 1);
  CHECK(*m.abandoned.mean() == Approx(2.0));
}

TEST_CASE("events scheduled at the stop time of run_until run before later ones", "[sim][engine-api]") {
  // run_until(t) must not move the queue's floor past t: an interrupt or a new process at t
  // would otherwise run after the next event (time going backwards) in a release build.
  Simulation sim;
  std::vector<std::int64_t> seen;
  sim.start([&]() -> Process {
    co_await sim.delay(10s);
    seen.push_back(ticks(sim.now()));
  });
  sim.run_until(at_tick(2000));
  sim.start([&]() -> Process {
    seen.push_back(ticks(sim.now()));
    co_return;
  });
  sim.run();
  CHECK(seen == std::vector<std::int64_t>{2000, 10000});
}
