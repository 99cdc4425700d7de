#pragma once
// Template body of plan_tour (included by tour.hpp).

#include <algorithm>

#include "last100/model/vertical.hpp"

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

  const sim::Duration handover{static_cast<std::int64_t>(
      static_cast<double>(w.couriers.handover(c).count()) * handover_factor)};
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
          const auto& v = w.params.vertical;
          const sim::Duration up = lift ? (floor == 1 ? model::lift_ride(v, s.floor) : v.lift_per_floor * (s.floor - floor))
                                        : model::stairs_up(v, s.floor, true) - model::stairs_up(v, floor, true);
          legs.push_back({up, CourierState::climbing, LegAction::none, {}});
          floor = s.floor;
          top = std::max(top, floor);
        }
        const sim::Duration t = s.household == last_household ? times.extra_item : handover;
        legs.push_back({t, CourierState::handing_over, LegAction::hand_over, s.order});
        last_household = s.household;
      }
      if (top > 1) {
        const auto& v = w.params.vertical;
        legs.push_back({lift ? model::lift_ride(v, top) : model::stairs_down(v, top), CourierState::climbing,
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
