// Unit shelves (docs/modes.md, "shelves"), case by case (issue 23): the courier's spraying per
// item put on a shelf, and door delivery for limited-mobility homes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "hand_world.hpp"
#include "last100/model/vertical.hpp"

namespace {

using namespace last100;
using namespace last100::modes_test;
using model::Stage;

}  // namespace

TEST_CASE("A courier sprays every item it puts on a shelf, not once per visit", "[modes][disinfection][mechanisms]") {
  // Three households of one unit, one parcel each, one load: the drops follow one another by
  // the shelf time and the spraying of one item (8 s + 7 s), after one visit's spraying.
  model::WorldParams p = quiet_world();
  p.zone.disinfection.shelf_per_visit = 1min;
  p.zone.disinfection.shelf_per_item = 7s;
  model::World w = model::build_world(p);
  std::vector<model::OrderId> ids;
  for (std::uint32_t floor = 1; floor <= 3; ++floor) {
    const auto h = household_at(w, 0, floor);
    REQUIRE(w.households.unit[h.index()] == w.households.unit[household_at(w, 0, 1).index()]);
    for (auto o : place(w, h, 1, sim::TimePoint{9h})) ids.push_back(o);
  }
  const auto r = run(w, mode_run("shelves"));
  std::vector<sim::TimePoint> dropped;
  for (const auto o : ids) dropped.push_back(r.world.orders.time(o, Stage::at_shelf_or_door));
  std::sort(dropped.begin(), dropped.end());
  const auto per_item = modes::detail::TourTimes{}.shelf_per_item + 7s;
  CHECK(dropped[1] - dropped[0] == per_item);
  CHECK(dropped[2] - dropped[1] == per_item);
}

TEST_CASE("Under shelves a limited-mobility home gets its goods at the door: the others on the shelf", "[modes][shelves][mechanisms]") {
  // Two households of one unit, one of them of limited mobility: its parcel is handed over at
  // the door as it arrives there; the other's stands the shelf's dwell (10 min) first.
  model::WorldParams p = quiet_world();
  model::World w = model::build_world(p);
  const auto limited = household_at(w, 0, 3), other = household_at(w, 0, 2);
  w.households.limited_mobility[limited.index()] = 1;
  const auto a = place(w, limited, 1, sim::TimePoint{9h})[0];
  const auto b = place(w, other, 1, sim::TimePoint{9h})[0];
  const auto r = run(w, mode_run("shelves"));
  const auto& o = r.world.orders;
  REQUIRE(o.reached(a, Stage::handed_over));
  REQUIRE(o.reached(b, Stage::handed_over));
  CHECK(o.time(a, Stage::handed_over) == o.time(a, Stage::at_shelf_or_door));
  CHECK(o.time(b, Stage::handed_over) - o.time(b, Stage::at_shelf_or_door) >= p.zone.disinfection.shelf_dwell);
}

TEST_CASE("A resident who does not come within the call window goes to the back: the next one is called", "[modes][shelves][mechanisms]") {
  // One unit, K = 1, a 10 min window. Household A (floor 2) would come after days (a delayed
  // household, mean delay 100 h); household B (floor 4) comes within a minute of its call.
  // A's parcel is dropped first and A is called first: after the window B is called, so B
  // collects within dwell + window + its minute + the stairs down + the collection, after its
  // drop. Were A waited for, B would wait days.
  model::WorldParams p = quiet_world();
  p.population.pickup_delay_mean = 100h;
  model::World w = model::build_world(p);
  const auto a = household_at(w, 0, 2), b = household_at(w, 0, 4);
  REQUIRE(w.households.unit[a.index()] == w.households.unit[b.index()]);
  w.households.pickup[a.index()] = model::PickupClass::delayed;
  w.households.pickup[b.index()] = model::PickupClass::immediate;
  place(w, a, 1, sim::TimePoint{9h});
  const auto ob = place(w, b, 1, sim::TimePoint{9h})[0];
  const auto r = run(w, mode_run("shelves", {{"max_at_shelf", std::int64_t{1}}, {"call_window", sim::Duration{10min}}}));
  const auto& o = r.world.orders;
  REQUIRE(o.reached(ob, Stage::handed_over));
  const auto bound = p.zone.disinfection.shelf_dwell + 10min + 1min + model::stairs_down(p.vertical, 4) + 30s;
  CHECK(o.time(ob, Stage::handed_over) - o.time(ob, Stage::at_shelf_or_door) <= bound);
}
