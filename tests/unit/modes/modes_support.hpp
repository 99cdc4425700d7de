#pragma once
// Small worlds and helpers shared by the behavioural tests of the operating modes (issue 4).
// Every world is built in code with a fixed seed, so the tests need no scenario files.

#include <cmath>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "last100/experiment/run.hpp"
#include "last100/model/demand.hpp"
#include "last100/model/world.hpp"
#include "last100/modes/context.hpp"
#include "last100/modes/mode.hpp"
#include "last100/sim/simulation.hpp"

namespace last100::modes_test {

using namespace std::chrono_literals;

/// A small walk-up area (2 compounds of 3 buildings, 120 households), typical demand, three
/// couriers from 07:00 to 20:00, two relay vans, one simulated day.
inline model::WorldParams small_world(std::uint64_t seed = 11) {
  model::WorldParams p;
  p.area.compounds = 2;
  p.area.buildings = 6;
  p.area.units_per_building = 2;
  p.area.floors = 5;
  p.area.households_per_floor = 2;
  p.area.lift_share = 0.0;
  p.area.station_distance_m = 300.0;
  p.demand = model::typical_demand();
  model::CourierGroup g;
  g.name = "couriers";
  g.count = 3;
  g.shift_start = 7h;
  g.shift_end = 20h;
  p.couriers = {g};
  p.run.duration = 24h;
  p.run.seed = seed;
  return p;
}

/// Typical demand placed only between 07:00 and 19:00 (the couriers' shift is 07:00-20:00),
/// so that lead times measure delivery, not the night: an order placed at 03:00 waits for
/// the 07:00 shift in every mode alike and would dominate the p90 of a small building.
inline model::DemandParams daytime_demand() {
  model::DemandParams d = model::typical_demand();
  for (auto& c : d.categories) {
    bool any = false;
    for (double w : c.hourly_profile) any = any || w > 0.0;
    for (unsigned h = 0; h < 24; ++h) {
      if (!any) c.hourly_profile[h] = 1.0;
      if (h < 7 || h >= 19) c.hourly_profile[h] = 0.0;
    }
  }
  return d;
}

/// The knobs of `mode` with its defaults, then `overrides` applied in order.
inline scenario::ModeRun mode_run(const std::string& mode,
                                  std::vector<std::pair<std::string, modes::KnobValue>> overrides = {}) {
  const modes::ModeInfo* info = modes::find_mode(mode);
  if (info == nullptr) throw std::invalid_argument("no mode " + mode);
  scenario::ModeRun run{mode, modes::Knobs::defaults(info->knobs)};
  for (auto& [key, value] : overrides) {
    if (!run.knobs.has(key)) throw std::invalid_argument("mode " + mode + " has no knob " + key);
    run.knobs.set(key, std::move(value));
  }
  return run;
}

/// Runs `mode` once on `world` (conservation is checked by run_once).
inline experiment::SingleRun run(const model::World& world, const scenario::ModeRun& mode) {
  return experiment::run_once(world, mode, "modes-test", std::chrono::minutes{30});
}

/// Runs `mode` on a copy of `base` the way run_once does (same seed, same demand feed, no
/// quarantines) up to just before `t` and returns courier `c`'s state then: a probe of what
/// a courier is doing at a moment, which run_once does not expose.
inline model::CourierState courier_state_before(const model::World& base, const scenario::ModeRun& mode,
                                                model::CourierId c, sim::TimePoint t) {
  model::World world = base;
  world.params.quarantines.clear();
  world.orders.clear_progress();
  world.couriers.reset();
  auto engine = std::make_unique<sim::Simulation>();
  modes::RunContext ctx(*engine, world, mode.knobs, world.params.run.seed);
  std::unique_ptr<modes::Mode> policy = modes::find_mode(mode.name)->make(mode.knobs);
  policy->start(ctx);
  std::size_t next = 0;
  sim::HandlerId feed_handler{};
  auto feed = [&](sim::Simulation& s, std::uint32_t) {
    const auto& placed = world.orders.times(model::Stage::placed);
    while (next < world.orders.count() && placed[next] <= s.now()) {
      const auto id = make_id<model::OrderTag>(next++);
      ctx.created(id);
      policy->on_order(ctx, id);
    }
    if (next < world.orders.count()) s.schedule(placed[next], feed_handler);
  };
  feed_handler = engine->add_handler(feed);
  if (world.orders.count() > 0) engine->schedule(world.orders.times(model::Stage::placed)[0], feed_handler);
  engine->run_until(t - sim::Duration{1});
  const model::CourierState state = world.couriers.state(c);
  engine.reset();  // suspended processes refer to the mode's containers
  return state;
}

inline model::OrderId order_id(std::size_t i) { return make_id<model::OrderTag>(i); }

/// Mean and 95% half-width (Student t) of paired differences over 6 or 8 seeds.
struct Paired {
  double mean, half_width;
};
inline Paired paired(const std::vector<double>& d) {
  if (d.size() != 6 && d.size() != 8) throw std::invalid_argument("paired: 6 or 8 differences");
  const double n = static_cast<double>(d.size());
  const double t = d.size() == 8 ? 2.365 : 2.571;  // t quantile, 7 or 5 degrees of freedom
  double m = 0;
  for (double x : d) m += x;
  m /= n;
  double v = 0;
  for (double x : d) v += (x - m) * (x - m);
  return {m, t * std::sqrt(v / (n - 1) / n)};
}

/// Orders handed over before `t` (within the horizon, before the run drains).
inline int handed_over_before(const model::Orders& orders, sim::TimePoint t) {
  int n = 0;
  for (std::size_t i = 0; i < orders.count(); ++i)
    if (orders.reached(order_id(i), model::Stage::handed_over) && orders.time(order_id(i), model::Stage::handed_over) < t) ++n;
  return n;
}

/// All couriers' time in `state`.
inline sim::Duration time_in_state(const model::Couriers& couriers, model::CourierState state) {
  sim::Duration sum{0};
  for (std::uint32_t i = 0; i < couriers.count(); ++i) sum += couriers.time_in(make_id<model::CourierTag>(i), state);
  return sum;
}

/// Returns the backlog (orders placed and not yet resolved) at the horizon, when demand stops:
/// the run then drains until every measured order is resolved, so in_flight at the end is
/// usually 0 and says nothing about how far behind a mode was.
inline double backlog_at_horizon(const metrics::Summary& s) {
  double at = 0.0;
  for (std::size_t i = 0; i < s.series.time_hours.size() && s.series.time_hours[i] <= s.recovery.horizon_hours; ++i)
    at = s.series.backlog[i];
  return at;
}

}  // namespace last100::modes_test
