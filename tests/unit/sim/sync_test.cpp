#include <catch2/catch.hpp>

#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "last100/sim.hpp"

using namespace last100::sim;
using namespace std::chrono_literals;

namespace {
Process use(Simulation& sim, Resource& r, Duration hold, std::int32_t prio, std::vector<std::string>& log,
            std::string name) {
  auto g = co_await r.request(prio);
  log.push_back(name + "+" + std::to_string(ticks(sim.now())));
  co_await sim.delay(hold);
}
}  // namespace

TEST_CASE("a resource serves requests first come first served up to its capacity", "[sim]") {
  Simulation sim;
  Resource r(sim, 2);
  std::vector<std::string> log;
  for (const char* n : {"a", "b", "c", "d"}) sim.start(use(sim, r, 10s, 0, log, n));
  sim.run();
  CHECK(log == std::vector<std::string>{"a+0", "b+0", "c+10000", "d+10000"});
  CHECK(r.in_use() == 0);
}

TEST_CASE("a resource serves higher priority first, FIFO among equals", "[sim]") {
  Simulation sim;
  Resource r(sim, 1);
  std::vector<std::string> log;
  sim.start(use(sim, r, 10s, 0, log, "first"));
  sim.start(use(sim, r, 1s, 0, log, "low1"));
  sim.start(use(sim, r, 1s, 5, log, "high"));
  sim.start(use(sim, r, 1s, 0, log, "low2"));
  sim.run();
  CHECK(log == std::vector<std::string>{"first+0", "high+10000", "low1+11000", "low2+12000"});
}

TEST_CASE("a process interrupted while queueing for a resource does not take a unit", "[sim]") {
  Simulation sim;
  Resource r(sim, 1);
  std::vector<std::string> log;
  sim.start(use(sim, r, 10s, 0, log, "holder"));
  const ProcessId q = sim.start(use(sim, r, 10s, 0, log, "queued"));
  sim.start(use(sim, r, 10s, 0, log, "next"));
  sim.run_until(at_tick(1000));
  sim.interrupt(q, 0, "quarantined");
  CHECK_THROWS_AS(sim.run(), Interrupted);  // uncaught in the process: surfaces
  sim.run();
  CHECK(log == std::vector<std::string>{"holder+0", "next+10000"});
  CHECK(r.in_use() == 0);
}

TEST_CASE("a cancelled holder of a resource gives its unit back", "[sim]") {
  Simulation sim;
  Resource r(sim, 1);
  std::vector<std::string> log;
  const ProcessId h = sim.start(use(sim, r, 1h, 0, log, "holder"));
  sim.start(use(sim, r, 1s, 0, log, "next"));
  sim.run_until(at_tick(5000));
  sim.cancel(h);
  sim.run();
  CHECK(log == std::vector<std::string>{"holder+0", "next+5000"});
  CHECK(r.in_use() == 0);
}

TEST_CASE("a process granted a unit but cancelled before resuming gives it back", "[sim]") {
  Simulation sim;
  Resource r(sim, 1);
  std::vector<std::string> log;
  sim.start(use(sim, r, 5s, 0, log, "holder"));
  const ProcessId q = sim.start(use(sim, r, 5s, 0, log, "granted"));
  sim.start(use(sim, r, 5s, 0, log, "third"));
  // At 5 s the holder releases and the unit is handed to "granted", due to resume now.
  sim.run_until([&] { return r.in_use() == 1 && log.size() == 1 && sim.now() == at_tick(5000); });
  sim.cancel(q);
  sim.run();
  CHECK(log == std::vector<std::string>{"holder+0", "third+5000"});
  CHECK(r.in_use() == 0);
}

namespace {
Process producer(Simulation& sim, Store<int>& s, std::vector<int> items, Duration gap) {
  for (int i : items) {
    co_await sim.delay(gap);
    co_await s.put(i);
  }
}
Process consumer(Simulation& sim, Store<int>& s, int n, std::vector<std::string>& log, std::string name,
                 std::function<bool(const int&)> f = nullptr) {
  for (int k = 0; k < n; ++k) {
    const int v = f ? co_await s.get(f) : co_await s.get();
    log.push_back(name + std::to_string(v) + "@" + std::to_string(ticks(sim.now()) / 1000));
  }
}
}  // namespace

TEST_CASE("a store hands items to getters in order, waiting when empty", "[sim]") {
  Simulation sim;
  Store<int> s(sim);
  std::vector<std::string> log;
  sim.start(consumer(sim, s, 3, log, "c"));
  sim.start(producer(sim, s, {1, 2, 3}, 1s));
  sim.run();
  CHECK(log == std::vector<std::string>{"c1@1", "c2@2", "c3@3"});
  CHECK(s.size() == 0);
}

TEST_CASE("a filtered get takes only matching items, leaving others for other getters", "[sim]") {
  Simulation sim;
  Store<int> s(sim);
  std::vector<std::string> log;
  sim.start(consumer(sim, s, 2, log, "even", [](const int& v) { return v % 2 == 0; }));
  sim.start(consumer(sim, s, 1, log, "any"));
  sim.start(producer(sim, s, {1, 2, 3, 4}, 1s));
  sim.run();
  CHECK(log == std::vector<std::string>{"any1@1", "even2@2", "even4@4"});
  REQUIRE(s.size() == 1);
  CHECK(s.items().front() == 3);
}

TEST_CASE("a filtered get on a stocked store takes the first matching item, not the first item", "[sim]") {
  Simulation sim;
  Store<int> s(sim);
  for (int v : {1, 3, 4, 6}) s.put_now(v);
  std::vector<std::string> log;
  sim.start(consumer(sim, s, 1, log, "even", [](const int& v) { return v % 2 == 0; }));
  sim.run();
  CHECK(log == std::vector<std::string>{"even4@0"});
  CHECK(s.try_get([](const int& v) { return v > 5; }) == std::optional<int>{6});
  CHECK(s.try_get([](const int& v) { return v > 5; }) == std::nullopt);
  CHECK(s.items() == std::deque<int>{1, 3});
}

TEST_CASE("a bounded store makes putters wait until there is room", "[sim]") {
  Simulation sim;
  Store<int> s(sim, 1);
  std::vector<std::string> log;
  sim.start(producer(sim, s, {1, 2, 3}, 0s));
  sim.run_until(at_tick(0));
  CHECK(s.size() == 1);
  sim.start(consumer(sim, s, 3, log, "c"));
  sim.run();
  CHECK(log == std::vector<std::string>{"c1@0", "c2@0", "c3@0"});
}

namespace {
Process slow_consumer(Simulation& sim, Store<int>& s, std::vector<int>& got) {
  got.push_back(co_await s.get());
  co_await sim.delay(1s);
}
}  // namespace

TEST_CASE("an item handed to a getter that is cancelled before resuming returns to the store", "[sim]") {
  Simulation sim;
  Store<int> s(sim);
  std::vector<int> got;
  const ProcessId c = sim.start(slow_consumer(sim, s, got));
  sim.run_until(at_tick(0));
  s.put_now(7);  // hands 7 to the waiting getter, due to resume now
  sim.cancel(c);
  sim.run();
  CHECK(got.empty());
  REQUIRE(s.size() == 1);
  CHECK(s.items().front() == 7);
}

namespace {
Process wait_event(Simulation& sim, Event& e, std::vector<long>& at) {
  co_await e.wait();
  at.push_back(ticks(sim.now()));
}
Process trigger_later(Simulation& sim, Event& e, Duration d) {
  co_await sim.delay(d);
  e.trigger();
}
Process wait_any(Simulation& sim, Event& a, Event& b, std::optional<Duration> timeout, std::vector<long>& out) {
  const std::size_t which = timeout ? co_await any_of_within(sim, *timeout, a, b) : co_await any_of(sim, a, b);
  out.push_back(static_cast<long>(which));
  out.push_back(ticks(sim.now()));
}
Process wait_all(Simulation& sim, Event& a, Event& b, std::optional<Duration> timeout, std::vector<long>& out) {
  const bool all = timeout ? co_await all_of_within(sim, *timeout, a, b) : co_await all_of(sim, a, b);
  out.push_back(all ? 1 : 0);
  out.push_back(ticks(sim.now()));
}
}  // namespace

TEST_CASE("an event wakes all its waiters and later waits pass until it is reset", "[sim]") {
  Simulation sim;
  Event e(sim);
  std::vector<long> at;
  sim.start(wait_event(sim, e, at));
  sim.start(wait_event(sim, e, at));
  sim.start(trigger_later(sim, e, 3s));
  sim.run();
  CHECK(at == std::vector<long>{3000, 3000});
  sim.start(wait_event(sim, e, at));
  sim.run();
  CHECK(at.size() == 3);
  e.reset();
  sim.start(wait_event(sim, e, at));
  sim.run();
  CHECK(at.size() == 3);  // waits for a trigger that never comes
}

TEST_CASE("any_of returns the first event to fire and ignores the rest", "[sim]") {
  Simulation sim;
  Event a(sim), b(sim);
  std::vector<long> out;
  sim.start(wait_any(sim, a, b, std::nullopt, out));
  sim.start(trigger_later(sim, b, 2s));
  sim.start(trigger_later(sim, a, 5s));
  sim.run();
  CHECK(out == std::vector<long>{1, 2000});
}

TEST_CASE("any_of on an event that has already fired returns that event's index at once", "[sim]") {
  Simulation sim;
  Event a(sim), b(sim);
  b.trigger();  // fired before the wait: no suspension, the index of b
  std::vector<long> out;
  sim.start(wait_any(sim, a, b, std::nullopt, out));
  sim.run();
  CHECK(out == std::vector<long>{1, 0});
}

TEST_CASE("any_of returns the number of events when the timeout comes first", "[sim]") {
  Simulation sim;
  Event a(sim), b(sim);
  std::vector<long> out;
  sim.start(wait_any(sim, a, b, 1s, out));
  sim.start(trigger_later(sim, a, 5s));
  sim.run();
  CHECK(out == std::vector<long>{2, 1000});
}

TEST_CASE("all_of waits for the last event, or reports a timeout", "[sim]") {
  Simulation sim;
  Event a(sim), b(sim);
  std::vector<long> out;
  sim.start(wait_all(sim, a, b, std::nullopt, out));
  sim.start(trigger_later(sim, a, 2s));
  sim.start(trigger_later(sim, b, 4s));
  sim.run();
  CHECK(out == std::vector<long>{1, 4000});

  Simulation sim2;
  Event c(sim2), d(sim2);
  std::vector<long> out2;
  sim2.start(wait_all(sim2, c, d, 3s, out2));
  sim2.start(trigger_later(sim2, c, 2s));
  sim2.run();
  CHECK(out2 == std::vector<long>{0, 3000});
}

namespace {
Process timed_getter(Simulation& sim, Store<int>& s, Duration timeout, std::vector<std::string>& log) {
  const std::optional<int> v = co_await s.get_within(timeout);
  log.push_back((v ? std::to_string(*v) : std::string("none")) + "@" + std::to_string(ticks(sim.now()) / 1000));
}
}  // namespace

TEST_CASE("a timed get returns an item that comes in time, or nothing at the timeout", "[sim]") {
  Simulation sim;
  Store<int> s(sim);
  std::vector<std::string> log;
  sim.start(timed_getter(sim, s, 5s, log));
  sim.start(timed_getter(sim, s, 20s, log));
  sim.start(producer(sim, s, {9}, 10s));
  sim.run();
  CHECK(log == std::vector<std::string>{"none@5", "9@10"});
  CHECK(s.size() == 0);
}
