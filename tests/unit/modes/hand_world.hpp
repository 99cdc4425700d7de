#pragma once
// Hand-made cases for the mechanism tests of issue 23: a small area with no random demand,
// orders placed by the test one by one, and the load sizes of each courier read from the
// replay trace. Every expected value follows from the rules in docs/modes.md, not from a run.

#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

#include "last100/modes/run_mode.hpp"
#include "last100/modes/trace.hpp"
#include "modes/tour.hpp"
#include "modes_support.hpp"

namespace last100::modes_test {

/// small_world with one compound of three walk-up buildings, no demand drawn and nobody of
/// limited mobility: the test places every order itself.
inline model::WorldParams quiet_world(std::uint32_t compounds = 1, std::uint32_t buildings = 3) {
  model::WorldParams p = small_world(7);
  p.area.compounds = compounds;
  p.area.buildings = buildings;
  for (auto& c : p.demand.categories) c.orders_per_household_per_day = 0.0;
  p.population.limited_mobility_share = 0.0;
  return p;
}

/// The `nth` household (from 0, in area order) of `building` on `floor`.
inline model::HouseholdId household_at(const model::World& w, std::uint32_t building, std::uint32_t floor,
                                       std::uint32_t nth = 0) {
  for (std::size_t h = 0; h < w.households.count(); ++h)
    if (w.households.building[h] == building && w.households.floor[h] == floor && nth-- == 0)
      return model::HouseholdId{static_cast<std::uint32_t>(h)};
  throw std::logic_error("household_at: no such household");
}

/// Places `n` orders of `category` (`kg` each) for household `h` at `t`; returns their ids.
inline std::vector<model::OrderId> place(model::World& w, model::HouseholdId h, int n, sim::TimePoint t,
                                         model::Category category = model::Category::parcel, float kg = 1.0f) {
  std::vector<model::OrderId> ids;
  const auto priority = w.params.demand.categories[static_cast<std::size_t>(category)].priority;
  for (int i = 0; i < n; ++i) ids.push_back(w.orders.add(h, category, kg, priority, t));
  return ids;
}

/// Runs `mode` on `world` with the replay trace attached (conservation is checked by the run).
inline modes::RunResult traced(const model::World& world, const scenario::ModeRun& mode, modes::Trace& trace) {
  return modes::run_mode(world, mode.name, mode.knobs, {"mechanisms", std::chrono::minutes{30}, {}, &trace});
}

/// One load a courier took: when its loading began and how many items it held. Loading takes
/// TourTimes::load_per_item per item and is the only state of that length a courier enters
/// right before its tour, so the items follow from the loading state's length.
struct Load {
  sim::TimePoint at;
  std::int64_t items = 0;
};

inline std::vector<Load> loads_of(const modes::Trace& trace, std::uint32_t courier) {
  const auto per_item = modes::detail::TourTimes{}.load_per_item.count();
  std::vector<Load> out;
  std::int64_t began = -1;
  for (const auto& e : trace.events) {
    if (e.kind != modes::TraceKind::state || e.subject != courier) continue;
    if (began >= 0) {
      if ((e.at_ms - began) % per_item != 0) throw std::logic_error("loads_of: a loading state of odd length");
      out.push_back({sim::at_tick(began), (e.at_ms - began) / per_item});
      began = -1;
    }
    if (e.value == static_cast<std::uint32_t>(model::CourierState::loading)) began = e.at_ms;
  }
  return out;
}

/// Times at which courier `courier` entered `state`, in order.
inline std::vector<sim::TimePoint> entered(const modes::Trace& trace, std::uint32_t courier, model::CourierState state) {
  std::vector<sim::TimePoint> out;
  for (const auto& e : trace.events)
    if (e.kind == modes::TraceKind::state && e.subject == courier && e.value == static_cast<std::uint32_t>(state))
      out.push_back(sim::at_tick(e.at_ms));
  return out;
}

}  // namespace last100::modes_test
