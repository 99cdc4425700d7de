// Group buying (docs/modes.md, "group_buy"), case by case (issue 23): a compound's batch too
// small for the supplier waits one window, and limited-mobility homes get their goods at the
// door from the mobile team.
#include <catch2/catch.hpp>

#include <vector>

#include "hand_world.hpp"

namespace {

using namespace last100;
using namespace last100::modes_test;
using model::Stage;

// A quiet world whose supplier still stocks for typical demand (stock follows the demand
// parameters, not the orders placed): the test's own orders never run short.
model::World stocked_world(model::WorldParams p) {
  const model::DemandParams typical = p.demand;
  for (auto& c : p.demand.categories) c.orders_per_household_per_day = 0.0;
  model::World w = model::build_world(p);
  w.params.demand = typical;
  return w;
}

}  // namespace

TEST_CASE("A compound's tally below min_batch waits for the next window, then goes whatever its size", "[modes][group_buy][mechanisms]") {
  // One window a day at 20:00, aggregation 1 h: ten parcels (min_batch) reach the supplier at
  // 21:00 the same day; three wait for the next day's tally and reach it at 21:00 a day later.
  for (const int n : {3, 10}) {
    CAPTURE(n);
    model::WorldParams p = small_world(7);
    p.area.compounds = 1;
    p.area.buildings = 3;
    p.run.duration = 72h;
    model::World w = stocked_world(p);
    const auto ids = place(w, household_at(w, 0, 2), n, sim::TimePoint{9h});
    const auto r = run(w, mode_run("group_buy", {{"min_batch", std::int64_t{10}}}));
    for (const auto o : ids) CHECK(r.world.orders.time(o, Stage::at_station) == sim::TimePoint{n == 10 ? 21h : 45h});
  }
}

TEST_CASE("Group buying brings a limited-mobility home's goods to its door: others collect at the station", "[modes][group_buy][mechanisms]") {
  model::WorldParams p = small_world(7);
  p.area.compounds = 1;
  p.area.buildings = 3;
  p.run.duration = 72h;
  model::World w = stocked_world(p);
  const auto limited = household_at(w, 0, 4), other = household_at(w, 0, 3);
  for (std::size_t h = 0; h < w.households.count(); ++h) w.households.limited_mobility[h] = 0;
  w.households.limited_mobility[limited.index()] = 1;
  const auto a = place(w, limited, 1, sim::TimePoint{9h})[0];
  const auto b = place(w, other, 1, sim::TimePoint{9h})[0];
  const auto r = run(w, mode_run("group_buy", {{"min_batch", std::int64_t{0}}, {"door_share", 0.0}}));
  const auto& o = r.world.orders;
  REQUIRE(o.reached(a, Stage::handed_over));
  REQUIRE(o.reached(b, Stage::handed_over));
  // At the door: the team walked there from the station, and handed it over on arrival.
  CHECK(o.time(a, Stage::at_shelf_or_door) > o.time(a, Stage::at_gate));
  CHECK(o.time(a, Stage::handed_over) == o.time(a, Stage::at_shelf_or_door));
  // At the station: it waits there from arrival until the resident comes.
  CHECK(o.time(b, Stage::at_shelf_or_door) == o.time(b, Stage::at_gate));
  CHECK(o.time(b, Stage::handed_over) > o.time(b, Stage::at_shelf_or_door));
}
