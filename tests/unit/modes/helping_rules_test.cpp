// Per-building binding and the helping rule `nearest`, on hand-made cases whose answers follow
// from the layout and the shifts alone (issue 13, mutations binding-ranges and helping-nearest).
#include <catch2/catch.hpp>

#include <stdexcept>

#include "modes_support.hpp"

using namespace last100;
using namespace last100::modes_test;
using model::Stage;

namespace {

// One compound of four buildings in a row 200 m apart (the gate's square, then buildings 0, 1,
// 2, 3 along one path), no demand (orders by hand), courier group A (one courier, index 0) on
// shift until a_until and group B (one courier, index 1) until 20:00.
model::WorldParams row_of_four(sim::Duration a_until, sim::Duration b_until) {
  model::WorldParams p = small_world();
  p.area.compounds = 1;
  p.area.buildings = 4;
  p.area.building_spacing_m = 200.0;
  for (auto& c : p.demand.categories) c.orders_per_household_per_day = 0;
  model::CourierGroup a = p.couriers[0], b = p.couriers[0];
  a.count = 1, a.shift_start = 7h, a.shift_end = a_until;
  b.count = 1, b.shift_start = 7h, b.shift_end = b_until;
  p.couriers = {a, b};
  return p;
}

model::HouseholdId first_household_of(const model::World& w, std::uint32_t building) {
  for (std::size_t h = 0; h < w.households.count(); ++h)
    if (w.households.building[h] == building) return model::HouseholdId{static_cast<std::uint32_t>(h)};
  throw std::logic_error("no household in the building");
}

}  // namespace

TEST_CASE("Explicit binding gives the i-th range to the i-th courier", "[modes][per_building]") {
  // Binding "0,1-3": courier 0 owns building 0, courier 1 buildings 1-3; both on shift all day,
  // nobody helps; courier 1 walks at 0.3 m/s, courier 0 at 1.2 m/s. Orders at 09:00 for
  // buildings 0 (200 m from the gate) and 1 (400 m): building 1's is carried by the slow
  // courier (at least 400 m / 0.3 m/s = 1,333 s after it reached the gate), building 0's by the
  // fast one (less than 200 m / 0.3 m/s = 667 s: the slow courier could not have brought it).
  // (Before couriers were bound only while on shift, courier 1 left at 08:00 and building 1's
  // order waited for its next shift; now an absent courier's range is taken over.)
  model::WorldParams p = row_of_four(20h, 20h);
  p.couriers[1].walk_speed_mps = 0.3;
  model::World w = model::build_world(p);
  REQUIRE(w.orders.count() == 0);
  const auto mine = w.orders.add(first_household_of(w, 0), model::Category::parcel, 1.0f, 0, sim::TimePoint{9h});
  const auto theirs = w.orders.add(first_household_of(w, 1), model::Category::parcel, 1.0f, 0, sim::TimePoint{9h});
  const auto r = run(w, mode_run("per_building", {{"binding", std::string("0,1-3")}, {"helping", std::string("none")}}));
  REQUIRE(r.world.orders.reached(mine, Stage::handed_over));
  REQUIRE(r.world.orders.reached(theirs, Stage::handed_over));
  const auto after_gate = [&](model::OrderId o) {
    return r.world.orders.time(o, Stage::handed_over) - r.world.orders.time(o, Stage::at_gate);
  };
  CHECK(after_gate(mine) < sim::Duration{std::chrono::seconds{667}});
  CHECK(after_gate(theirs) >= sim::Duration{std::chrono::seconds{1333}});
}

TEST_CASE("A nearest helper takes the waiting building closest to it first, not the oldest order", "[modes][per_building]") {
  // Courier A owns buildings 0-2 but is off shift from 08:00; courier B owns building 3 and
  // carries one item at a time. Two orders, for building 2
  // (placed first) and building 0, reach the gate on one van; B, with nothing of its own,
  // helps. Nearest from the gate is building 0, 400 m nearer than building 2, so the younger
  // order of building 0 is handed over first, and the other one after B has come back.
  model::WorldParams p = row_of_four(8h, 20h);
  p.couriers[1].capacity_items = 1;
  model::World w = model::build_world(p);
  REQUIRE(w.orders.count() == 0);
  const auto far = w.orders.add(first_household_of(w, 2), model::Category::parcel, 1.0f, 0, sim::TimePoint{9h});
  const auto near = w.orders.add(first_household_of(w, 0), model::Category::parcel, 1.0f, 0, sim::TimePoint{9h + 1min});
  const auto r = run(w, mode_run("per_building", {{"binding", std::string("0-2,3")}, {"helping", std::string("nearest")}}));
  REQUIRE(r.world.orders.reached(far, Stage::handed_over));
  REQUIRE(r.world.orders.reached(near, Stage::handed_over));
  REQUIRE(r.world.orders.time(far, Stage::at_gate) == r.world.orders.time(near, Stage::at_gate));
  CHECK(r.world.orders.time(near, Stage::handed_over) < r.world.orders.time(far, Stage::handed_over));
  // B walked to building 0 and back before setting out for building 2: at least 2 x 200 m at
  // 1.2 m/s between the two hand-overs.
  CHECK(r.world.orders.time(far, Stage::handed_over) - r.world.orders.time(near, Stage::handed_over) >
        sim::Duration{std::chrono::seconds{333}});
}
