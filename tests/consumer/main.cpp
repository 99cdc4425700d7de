// Links the installed library: a tiny coroutine process on the engine, then a whole scenario
// (world, mode, KPIs) through the public API, so packaging works end to end.
#include <last100/experiment/run.hpp>
#include <last100/model/demand.hpp>
#include <last100/modes/mode.hpp>
#include <last100/sim.hpp>

#include <chrono>
#include <cstdio>

using namespace std::chrono_literals;

namespace {
last100::sim::Process ticker(last100::sim::Simulation& sim, int& count) {
  for (int i = 0; i < 3; ++i) {
    co_await sim.delay(90s);
    ++count;
  }
}
}  // namespace

int main() {
  last100::sim::Simulation sim;
  int count = 0;
  sim.start(ticker(sim, count));
  sim.run();
  const bool engine_ok = count == 3 && sim.now() == last100::sim::at_tick(270'000);

  last100::scenario::Scenario s;
  s.name = "consumer";
  s.world.area.compounds = 2;
  s.world.area.buildings = 4;
  s.world.demand = last100::model::typical_demand();
  s.world.couriers.push_back({});
  s.world.couriers.back().count = 2;
  s.world.run.duration = 24h;
  s.modes.push_back({"relay", last100::modes::Knobs::defaults(last100::modes::find_mode("relay")->knobs)});
  const auto out = last100::experiment::run_scenario(s);
  const auto& o = out.front().orders;
  const bool run_ok = out.size() == 1 && o.created > 0 && o.delivered > 0 &&
                      o.created == o.delivered + o.spoiled + o.cancelled + o.in_flight;

  std::printf("consumer: engine %s, scenario %s (%llu orders, %llu delivered)\n", engine_ok ? "ok" : "FAILED",
              run_ok ? "ok" : "FAILED", static_cast<unsigned long long>(o.created),
              static_cast<unsigned long long>(o.delivered));
  return engine_ok && run_ok ? 0 : 1;
}
