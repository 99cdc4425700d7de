// Run time and engine events of a scenario file's modes: the world built once, each mode run
// once on it (as one replication of `last100 run` would), timed separately.

#include "scenario_run.hpp"

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "last100/experiment/run.hpp"
#include "last100/model/world.hpp"
#include "last100/scenario/scenario.hpp"
#include "report.hpp"

namespace last100::bench {

int run_scenario_file(const ScenarioOptions& o) {
  using Clock = std::chrono::steady_clock;
  const scenario::Scenario sc = scenario::load_scenario(o.file, experiment::load_options());
  bool found = o.only.empty();
  for (const auto& m : sc.modes) found = found || m.name == o.only;
  if (!found) throw std::invalid_argument("scenario '" + sc.name + "' has no mode '" + o.only + "'");

  const auto t0 = Clock::now();
  const std::size_t heap_before = heap_bytes_in_use();
  const model::World world = model::build_world(sc.world);
  const double build_s = std::chrono::duration<double>(Clock::now() - t0).count();
  const double world_bytes = static_cast<double>(heap_bytes_in_use() - heap_before);
  const auto households = static_cast<double>(world.households.count());
  const auto orders = static_cast<double>(world.orders.count());

  for (const auto& m : sc.modes) {
    if (!o.only.empty() && m.name != o.only) continue;
    const auto t1 = Clock::now();
    const experiment::SingleRun r = experiment::run_once(world, m, sc.name, sc.output.sample_interval);
    const double run_s = std::chrono::duration<double>(Clock::now() - t1).count();
    JsonLine j;
    j.add("model", std::string("scenario"))
        .add("scenario", sc.name)
        .add("mode", m.name)
        .add("households", static_cast<std::uint64_t>(world.households.count()))
        .add("couriers", static_cast<std::uint64_t>(world.couriers.count()))
        .add("orders", static_cast<std::uint64_t>(world.orders.count()))
        .add("simulated_hours", sim::to_seconds(sc.world.run.duration) / 3600.0)
        .add("world_build_seconds", build_s)
        .add("world_bytes_per_household", world_bytes / households)
        .add("seconds", run_s)
        .add("events", r.events)
        .add("events_per_second", static_cast<double>(r.events) / run_s)
        .add("events_per_order", static_cast<double>(r.events) / orders)
        .add("delivered", r.summary.orders.delivered)
        .add("throughput_per_hour", r.summary.throughput_per_hour)
        .add("orders_per_courier_hour", r.summary.orders_per_courier_hour)
        .add("lead_time_p50_min", r.summary.lead_time_minutes.p50)
        .add("lead_time_p90_min", r.summary.lead_time_minutes.p90);
    std::puts(j.str().c_str());
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace last100::bench
