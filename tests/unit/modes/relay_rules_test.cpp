// The relay stage's rules, read from the orders' stamps: no van leaves with more than it
// holds, and disinfection adds its time to every unload.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <optional>

#include "modes_support.hpp"

namespace {

using namespace last100;
using namespace last100::modes_test;

// One van of 8 items that leaves when full, demand tripled: most departures are full.
model::WorldParams one_small_van(sim::Duration disinfection) {
  model::WorldParams p = small_world(9);
  p.area.station_distance_m = 1500.0;
  p.demand.surges = {{0, 3.0, {}}};
  p.couriers[0].count = 8;
  p.vehicles.count = 1;
  p.vehicles.capacity_items = 8;
  p.vehicles.interval = std::chrono::minutes{30};
  p.zone.disinfection.gate_per_load = disinfection;
  return p;
}

// Orders loaded per departure: with one van, the orders stamped `loaded` at one tick left together.
std::map<sim::TimePoint, int> loads(const model::Orders& orders) {
  std::map<sim::TimePoint, int> by_departure;
  for (std::size_t i = 0; i < orders.count(); ++i)
    if (orders.reached(order_id(i), model::Stage::loaded)) ++by_departure[orders.time(order_id(i), model::Stage::loaded)];
  return by_departure;
}

// The shortest time from loading to the gate hand-over over all orders (a trip without a
// wait for the gate to open): load, drive, unload and disinfect.
sim::Duration shortest_trip(const model::Orders& orders) {
  sim::Duration best = sim::Duration::max();
  for (std::size_t i = 0; i < orders.count(); ++i) {
    const auto o = order_id(i);
    if (orders.reached(o, model::Stage::at_gate))
      best = std::min(best, orders.time(o, model::Stage::at_gate) - orders.time(o, model::Stage::loaded));
  }
  return best;
}

}  // namespace

TEST_CASE("Every relay van departure carries at most the van's capacity, and full vans do leave", "[modes]") {
  for (const char* mode : {"relay", "shelves"}) {
    const auto r = run(model::build_world(one_small_van(std::chrono::minutes{5})), mode_run(mode));
    const auto by_departure = loads(r.world.orders);
    REQUIRE(by_departure.size() > 5);
    int largest = 0;
    for (const auto& [t, n] : by_departure) largest = std::max(largest, n);
    CAPTURE(mode, by_departure.size(), largest);
    CHECK(largest <= 8);
    CHECK(largest == 8);  // the bound is reached: the demand fills the van
  }
}

TEST_CASE("Disinfection at the gate adds exactly its time to the van's trip", "[modes]") {
  const auto none = run(model::build_world(one_small_van(sim::Duration{0})), mode_run("relay"));
  const auto twenty = run(model::build_world(one_small_van(std::chrono::minutes{20})), mode_run("relay"));
  const sim::Duration a = shortest_trip(none.world.orders), b = shortest_trip(twenty.world.orders);
  REQUIRE(a != sim::Duration::max());
  CHECK(b - a == sim::Duration{std::chrono::minutes{20}});
}

TEST_CASE("A departing van takes the first order in dispatch order waiting for its compound", "[modes]") {
  // Each stop loads its route-areas and categories in dispatch order (fifo: by age; urgency:
  // priority, due time, age), so the first order waiting for a compound of the trip is always
  // on it. Fresh food may be held at the station (no courier could take it in time,
  // docs/modes.md): a departure whose first waiting order is fresh food is not checked.
  // With one van of 8 and tripled demand most departures leave orders behind; route-areas of
  // one building, so that a compound has several.
  for (const auto rule : {model::DispatchRule::fifo, model::DispatchRule::urgency}) {
    CAPTURE(static_cast<int>(rule));
    model::WorldParams p = one_small_van(std::chrono::minutes{5});
    p.dispatch.rule = rule;
    const auto r = run(model::build_world(p), mode_run("relay", {{"route_area_size", std::int64_t{1}}}));
    const auto& orders = r.world.orders;
    const auto& area = r.world.area;
    const modes::Urgency order_rule(orders, r.world.params.demand, rule);
    auto compound_of = [&](model::OrderId o) {
      const auto unit = r.world.households.unit[orders.household(o).index()];
      return area.buildings()[area.units()[unit].building].compound;
    };
    int departures = 0, checked = 0, left_behind = 0;
    for (const auto& [t, n] : loads(orders)) {
      ++departures;
      // The compound of this departure and the first order waiting for it (arrived before t,
      // not loaded before t).
      std::optional<std::uint32_t> compound;
      for (std::size_t i = 0; i < orders.count() && !compound; ++i)
        if (orders.reached(order_id(i), model::Stage::loaded) && orders.time(order_id(i), model::Stage::loaded) == t)
          compound = compound_of(order_id(i));
      REQUIRE(compound);
      std::optional<model::OrderId> first;
      for (std::size_t i = 0; i < orders.count(); ++i) {
        const auto o = order_id(i);
        if (!orders.reached(o, model::Stage::at_station) || orders.time(o, model::Stage::at_station) >= t) continue;
        if (orders.reached(o, model::Stage::loaded) && orders.time(o, model::Stage::loaded) < t) continue;
        if (orders.reached(o, model::Stage::spoiled) && orders.time(o, model::Stage::spoiled) <= t) continue;
        if (compound_of(o) != *compound) continue;
        if (!first || order_rule.before(o, *first)) first = o;
      }
      REQUIRE(first);
      if (r.world.params.demand.categories[static_cast<std::size_t>(orders.category(*first))].spoil_after.count() > 0)
        continue;
      ++checked;
      CAPTURE(first->index(), sim::ticks(t));
      CHECK((orders.reached(*first, model::Stage::loaded) && orders.time(*first, model::Stage::loaded) == t));
      for (std::size_t i = 0; i < orders.count(); ++i) {
        const auto o = order_id(i);
        left_behind += orders.reached(o, model::Stage::at_station) && orders.time(o, model::Stage::at_station) < t &&
                       (!orders.reached(o, model::Stage::loaded) || orders.time(o, model::Stage::loaded) > t);
      }
    }
    CHECK(checked > 5);
    CHECK(left_behind > 0);  // the choice mattered
  }
}

TEST_CASE("Fresh food is handed over within its spoil time or removed as spoiled, never later", "[modes]") {
  // Out of the cold chain from placement (cold_storage = false, a station without a cold room): handed
  // over no later than spoil_after, otherwise spoiled at the hand-over or thrown away at the
  // station. In the van-bound world, with every category spoiling after 90 minutes (none does
  // by default), both happen.
  model::WorldParams p = one_small_van(std::chrono::minutes{5});
  for (auto& c : p.demand.categories) c.spoil_after = std::chrono::minutes{90};
  const auto r = run(model::build_world(p), mode_run("relay", {{"cold_storage", false}}));
  const auto& orders = r.world.orders;
  const auto& categories = r.world.params.demand.categories;
  int fresh_delivered = 0, spoiled = 0;
  for (std::size_t i = 0; i < orders.count(); ++i) {
    const auto o = order_id(i);
    const auto limit = categories[static_cast<std::size_t>(orders.category(o))].spoil_after;
    if (limit.count() == 0) continue;
    const sim::TimePoint out = orders.time(o, model::Stage::placed);
    CAPTURE(i);
    if (orders.reached(o, model::Stage::handed_over)) {
      ++fresh_delivered;
      CHECK(orders.time(o, model::Stage::handed_over) - out <= limit);
    }
    if (orders.reached(o, model::Stage::spoiled)) {
      ++spoiled;
      CHECK(orders.time(o, model::Stage::spoiled) - out > limit);
    }
  }
  CAPTURE(fresh_delivered, spoiled);
  CHECK(fresh_delivered > 0);
  CHECK(spoiled > 0);
}
