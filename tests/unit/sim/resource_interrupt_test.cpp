// A resource whose queued request is interrupted: until the interrupted process resumes it is
// still counted as waiting, but it can no longer take a unit. A unit freed in that window must
// not be lost to a request that comes in at the same instant (issue 13: found by the mutation
// resource-barging, which the suite had declared equivalent).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "last100/sim.hpp"

using namespace last100::sim;
using namespace std::chrono_literals;

namespace {

Process hold(Simulation& sim, Resource& r, Duration d, std::vector<std::string>& log, std::string name) {
  auto g = co_await r.request();
  log.push_back(name + "+" + std::to_string(ticks(sim.now())));
  co_await sim.delay(d);
}

Process queue_then_give_up(Simulation& sim, Resource& r, std::vector<std::string>& log) {
  try {
    auto g = co_await r.request();
    log.push_back("interrupted one took a unit");
  } catch (const Interrupted&) {
    log.push_back("interrupted-" + std::to_string(ticks(sim.now())));
  }
}

Process arrive_later(Simulation& sim, Resource& r, Duration after, std::vector<std::string>& log) {
  co_await sim.delay(after);
  auto g = co_await r.request();
  log.push_back("late+" + std::to_string(ticks(sim.now())));
  co_await sim.delay(1s);
}

}  // namespace

TEST_CASE("a unit freed while an interrupted request has not yet left the queue goes to the next request at once", "[sim]") {
  // Capacity 1. At 10 s, in this order: the queued request is interrupted (it resumes later in
  // the same instant), the holder releases, and a third process asks for the unit. The unit is
  // free and nobody else can take it: the third process takes it at once (before the
  // interrupted one has finished leaving), at 10 s, not never.
  Simulation sim;
  Resource r(sim, 1);
  std::vector<std::string> log;
  ProcessId queued{};
  auto interrupt = [&](Simulation& s, std::uint32_t) { s.interrupt(queued, 0, "gone"); };
  sim.schedule(at_tick(10000), sim.add_handler(interrupt));  // first of the events at 10 s
  sim.start(hold(sim, r, 10s, log, "holder"));
  queued = sim.start(queue_then_give_up(sim, r, log));
  sim.start(arrive_later(sim, r, 10s, log));
  sim.run();
  CHECK(log == std::vector<std::string>{"holder+0", "late+10000", "interrupted-10000"});
  CHECK(r.in_use() == 0);
  CHECK(r.queue_length() == 0);
}
