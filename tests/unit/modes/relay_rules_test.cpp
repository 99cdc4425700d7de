// The relay stage's rules, read from the orders' stamps: no van leaves with more than it
// holds, and disinfection adds its time to every unload.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "modes_support.hpp"

namespace {

using namespace last100;
using namespace last100::modes_test;

// One van of 8 items that leaves when full, demand tripled: most departures are full.
model::WorldParams one_small_van(sim::Duration disinfection) {
  model::WorldParams p = small_world(9);
  p.area.station_distance_m = 1500.0;
  p.demand.surges = {{0, 3.0}};
  p.couriers[0].count = 8;
  p.vehicles.count = 1;
  p.vehicles.capacity_items = 8;
  p.vehicles.interval = std::chrono::minutes{30};
  p.zone.disinfection = disinfection;
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
