// Throughput of the operating modes at scale: the same generated area and demand for every
// mode (common random numbers), timed separately: world build, then each mode's run.

#include "modes.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>

#include <sys/resource.h>

#include "last100/experiment/run.hpp"
#include "last100/model/demand.hpp"
#include "last100/model/world.hpp"
#include "last100/modes/mode.hpp"
#include "last100/modes/run_mode.hpp"
#include "report.hpp"

namespace last100::bench {
namespace {

/// The process's peak resident memory so far, bytes (Linux reports kilobytes).
std::uint64_t peak_resident_bytes() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<std::uint64_t>(u.ru_maxrss) * 1024;
}

}  // namespace

int run_modes(const ModesOptions& o) {
  using namespace std::chrono_literals;
  using Clock = std::chrono::steady_clock;
  model::WorldParams p;
  // Walk-up buildings of 3 units x 6 floors x 2 households = 36, in compounds of 28 buildings
  // (about 1,000 households, a large Beijing compound); a mobile station per 10 compounds.
  const auto buildings = static_cast<std::uint32_t>(std::max<std::uint64_t>(1, o.households / 36));
  const auto compounds = std::max<std::uint32_t>(1, buildings / 28);
  p.area.compounds = compounds;
  p.area.buildings = std::max(buildings, compounds);
  p.area.mobile_stations = std::max<std::uint32_t>(1, compounds / 10);
  p.area.outside_stations = 1;
  p.demand = model::typical_demand();
  model::CourierGroup g;
  g.name = "couriers";
  g.count = static_cast<std::uint32_t>(std::max<std::uint64_t>(1, o.households / 120));  // Shuangjing: 22 for 2,700
  p.couriers.push_back(g);
  // Vans as in the bundled area: 2 for 2,700 households.
  p.vehicles.count = static_cast<std::uint32_t>(std::max<std::uint64_t>(2, o.households / 1350));
  p.run.duration = sim::from_seconds(o.days * 86400.0);
  p.run.seed = o.seed;

  const std::uint64_t resident_before = peak_resident_bytes();
  const auto t0 = Clock::now();
  const std::size_t heap_before = heap_bytes_in_use();
  const model::World world = model::build_world(p);
  const double build_s = std::chrono::duration<double>(Clock::now() - t0).count();
  const double world_bytes = static_cast<double>(heap_bytes_in_use() - heap_before);

  for (const auto& info : modes::all_modes()) {
    if (!o.only.empty() && info.name != o.only) continue;
    if (info.name == "lockers") continue;
    const auto t1 = Clock::now();
    const modes::RunResult r = modes::run_mode(world, info.name, modes::Knobs::defaults(info.knobs), {"bench", 1h, {}});
    const double run_s = std::chrono::duration<double>(Clock::now() - t1).count();
    JsonLine j;
    j.add("model", std::string("modes"))
        .add("mode", info.name)
        .add("households", static_cast<std::uint64_t>(world.households.count()))
        .add("couriers", static_cast<std::uint64_t>(world.couriers.count()))
        .add("orders", static_cast<std::uint64_t>(world.orders.count()))
        .add("simulated_hours", o.days * 24)
        .add("world_build_seconds", build_s)
        .add("world_bytes_per_household", world_bytes / static_cast<double>(world.households.count()))
        .add("seconds", run_s)
        .add("events", r.events)
        .add("events_per_second", static_cast<double>(r.events) / run_s)
        .add("events_per_order", static_cast<double>(r.events) / static_cast<double>(std::max<std::size_t>(1, world.orders.count())))
        // Peak resident memory of the process above what it held before the world was built
        // (world and runs so far: run one mode per process for a mode's own peak).
        .add("peak_bytes", peak_resident_bytes() - resident_before)
        .add("peak_bytes_per_household",
             static_cast<double>(peak_resident_bytes() - resident_before) / static_cast<double>(world.households.count()))
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
