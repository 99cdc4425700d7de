#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

#include "last100/sim.hpp"

using namespace last100::sim;
using namespace std::chrono_literals;

namespace {
// Waits for `ev` up to `patience`; logs "name@ms" when woken by the event, "name!ms" on timeout.
Process waiter(Simulation& sim, Event& ev, Duration patience, std::vector<std::string>& log, std::string name) {
  const std::size_t got = co_await any_of_within(sim, patience, ev);
  log.push_back(name + (got == 0 ? "@" : "!") + std::to_string(ticks(sim.now())));
}

Process at(Simulation& sim, Duration t, std::function<void()> f) {
  co_await sim.delay(t);
  f();
}
}  // namespace

TEST_CASE("notify_one wakes the waiters one at a time in the order they began waiting", "[sim]") {
  Simulation sim;
  Event ev(sim);
  std::vector<std::string> log;
  for (const char* n : {"a", "b", "c"}) sim.start(waiter(sim, ev, 1h, log, n));
  bool first = false, second = false;
  sim.start(at(sim, 10s, [&] { first = ev.notify_one(); }));
  sim.start(at(sim, 20s, [&] { second = ev.notify_one(); }));
  sim.run();
  CHECK(first);
  CHECK(second);
  CHECK_FALSE(ev.triggered());  // a pulse, not a raised flag
  // c was never notified: it waited its whole patience.
  CHECK(log == std::vector<std::string>{"a@10000", "b@20000", "c!3600000"});
}

TEST_CASE("notify_one skips waiters that timed out and says when nobody waits", "[sim]") {
  Simulation sim;
  Event ev(sim);
  std::vector<std::string> log;
  sim.start(waiter(sim, ev, 5s, log, "impatient"));
  sim.start(waiter(sim, ev, 1h, log, "patient"));
  bool woke = false, again = true;
  sim.start(at(sim, 10s, [&] {
    woke = ev.notify_one();   // the impatient one left at 5 s: the patient one is woken
    again = ev.notify_one();  // nobody left
  }));
  sim.run();
  CHECK(woke);
  CHECK_FALSE(again);
  CHECK(log == std::vector<std::string>{"impatient!5000", "patient@10000"});
}

TEST_CASE("a trigger after notify_one wakes only the waiters not yet woken", "[sim]") {
  Simulation sim;
  Event ev(sim);
  std::vector<std::string> log;
  for (const char* n : {"a", "b", "c"}) sim.start(waiter(sim, ev, 1h, log, n));
  sim.start(at(sim, 10s, [&] { ev.notify_one(); }));
  sim.start(at(sim, 20s, [&] { ev.notify_all(); }));
  sim.run();
  CHECK(log == std::vector<std::string>{"a@10000", "b@20000", "c@20000"});
}
