#pragma once
// Template body of plan_tour (included by tour.hpp).

#include <algorithm>

#include "last100/model/vertical.hpp"
#include "last100/sim/random.hpp"

namespace last100::modes::detail {

template <class ShelfFull>
std::vector<Leg> plan_tour(const RunContext& ctx, CourierId c, PlaceId start, PlaceId end,
                           const std::vector<OrderId>& load, Drop drop, double handover_factor,
                           ShelfFull&& shelf_full, const TourTimes& times) {
  const auto& w = ctx.world;
  const auto& hh = w.households;
  struct Stop {
    std::uint32_t building, unit, floor, household;
    OrderId order;
  };
  std::vector<Stop> stops;
  stops.reserve(load.size());
  for (OrderId o : load) {
    const auto h = w.orders.household(o).index();
    stops.push_back({hh.building[h], hh.unit[h], hh.floor[h], static_cast<std::uint32_t>(h), o});
  }
  // Within a building: by unit, then floor, then household, then order id (deterministic).
  std::sort(stops.begin(), stops.end(), [](const Stop& a, const Stop& b) {
    if (a.unit != b.unit) return a.unit < b.unit;
    if (a.floor != b.floor) return a.floor < b.floor;
    if (a.household != b.household) return a.household < b.household;
    return a.order < b.order;
  });

  // Buildings by nearest neighbour from the start (ties by building index).
  std::vector<std::uint32_t> buildings;
  for (const auto& s : stops)
    if (buildings.empty() || buildings.back() != s.building) buildings.push_back(s.building);
  std::sort(buildings.begin(), buildings.end());
  buildings.erase(std::unique(buildings.begin(), buildings.end()), buildings.end());

  // At a door: face to face (the courier's hand-over time) or left there (its drop time), by
  // the zone's rule; familiarity (handover_factor) shortens either.
  const bool contactless = w.params.zone.door_handover == model::DoorHandover::contactless;
  const sim::Duration at_door = contactless ? w.couriers.door_drop(c) : w.couriers.handover(c);
  const LegAction door_action = contactless ? LegAction::door_drop : LegAction::hand_over;
  const sim::Duration handover{static_cast<std::int64_t>(static_cast<double>(at_door.count()) * handover_factor)};
  const auto& v = w.params.vertical;
  // Lift waits: a stream of the run seed keyed by courier and planning time, so a plan is the
  // same whatever else runs (deterministic), and two tours do not share draws.
  sim::Rng lift_waits = ctx.streams.stream(
      "lift_wait", static_cast<std::uint64_t>(sim::ticks(ctx.now())) * 0x9e3779b97f4a7c15ULL ^ c.index());
  std::vector<Leg> legs;
  PlaceId here = start;
  std::vector<bool> done(buildings.size(), false);
  for (std::size_t visited = 0; visited < buildings.size(); ++visited) {
    std::size_t best = 0;
    sim::Duration best_time = sim::Duration::max();
    for (std::size_t i = 0; i < buildings.size(); ++i) {
      if (done[i]) continue;
      const sim::Duration t = ctx.walk_time(c, here, w.area.buildings()[buildings[i]].entrance);
      if (t < best_time) {
        best = i;
        best_time = t;
      }
    }
    done[best] = true;
    const std::uint32_t b = buildings[best];
    const auto& building = w.area.buildings()[b];
    for (std::size_t i = 0; i < stops.size();) {
      if (stops[i].building != b) {
        ++i;
        continue;
      }
      if (drop == Drop::lobby) {
        // The building's lobby: everything for it goes down there, nobody climbs.
        legs.push_back({ctx.walk_time(c, here, building.entrance), CourierState::walking, LegAction::none, {}, building.entrance});
        here = building.entrance;
        for (; i < stops.size(); ++i)
          if (stops[i].building == b)
            legs.push_back({times.shelf_per_item, CourierState::handing_over, LegAction::shelf_drop, stops[i].order});
        break;
      }
      // One unit: walk to its door, drop at the shelf or climb.
      const std::uint32_t unit = stops[i].unit;
      const PlaceId door = w.area.units()[unit].door;
      legs.push_back({ctx.walk_time(c, here, door), CourierState::walking, LegAction::none, {}, door});
      here = door;
      std::size_t j = i;
      bool disinfected = false;
      std::uint32_t floor = 1, top = 1, last_household = UINT32_MAX;
      const bool lift = building.has_lift;
      for (; j < stops.size() && stops[j].unit == unit; ++j) {
        const Stop& s = stops[j];
        const bool limited = hh.limited_mobility[s.household] != 0;
        const bool to_shelf = drop == Drop::shelf || (drop == Drop::shelf_unless_limited && !limited);
        if (to_shelf && !shelf_full(unit)) {
          const auto& disinfection = w.params.zone.disinfection;
          if (!disinfected) {
            legs.push_back({disinfection.shelf_per_visit, CourierState::handing_over, LegAction::none, {}});
            disinfected = true;
          }
          legs.push_back({times.shelf_per_item + disinfection.shelf_per_item, CourierState::handing_over,
                          LegAction::shelf_drop, s.order});
          continue;
        }
        if (s.floor > floor) {
          // One lift trip per unit visit: the wait for the car once, at the ground; then the
          // car stops at each floor served and waits for the courier (held at the doors).
          if (lift && floor == 1)
            legs.push_back({model::sample_lift_wait(v, lift_waits), CourierState::climbing, LegAction::lift_wait, {}});
          const sim::Duration up = lift ? model::lift_between(v, floor, s.floor)
                                        : model::stairs_up(v, s.floor, true) - model::stairs_up(v, floor, true);
          legs.push_back({up, CourierState::climbing, LegAction::none, {}});
          floor = s.floor;
          top = std::max(top, floor);
        }
        const sim::Duration t = s.household == last_household ? times.extra_item : handover;
        legs.push_back({t, CourierState::handing_over, door_action, s.order});
        last_household = s.household;
      }
      if (top > 1) {
        // Down: the car was let go at the last floor's doors, so one more wait, then the ride.
        if (lift)
          legs.push_back({model::sample_lift_wait(v, lift_waits), CourierState::climbing, LegAction::lift_wait, {}});
        legs.push_back({lift ? model::lift_between(v, top, 1) : model::stairs_down(v, top), CourierState::climbing,
                        LegAction::none, {}});
      }
      // Remove this unit's stops so the scan for the next unit starts fresh.
      stops.erase(stops.begin() + static_cast<std::ptrdiff_t>(i), stops.begin() + static_cast<std::ptrdiff_t>(j));
    }
  }
  legs.push_back({ctx.walk_time(c, here, end), CourierState::walking, LegAction::none, {}, end});
  for (Leg& leg : legs) leg.courier = c;
  return legs;
}

}  // namespace last100::modes::detail
