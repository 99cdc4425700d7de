// Per-building binds buildings only to couriers on shift (issue 23, item 4): a reinforcement
// that has not arrived and a courier whose shift has ended own no building, so with
// helping = "none" no building's orders wait for them while others are working.
#include <catch2/catch.hpp>

#include "modes_support.hpp"

using namespace last100;
using namespace last100::modes_test;

TEST_CASE("no building is bound to a courier not on shift: reinforcements and early shifts",
          "[modes][per_building][binding]") {
  // Two couriers 07:00-20:00, one 07:00-13:00, and two reinforcements arriving on day 1 at
  // 07:00; demand between 07:00 and 19:00 only, light enough for two couriers.
  model::WorldParams p = small_world(5);
  p.demand = daytime_demand();
  model::CourierGroup day = p.couriers.front();
  day.count = 2;
  model::CourierGroup morning = day;
  morning.name = "morning";
  morning.count = 1;
  morning.shift_end = 13h;
  model::CourierGroup later = day;
  later.name = "reinforcements";
  later.origin = model::CourierOrigin::reinforcement;
  later.arrives_at = 31h;
  p.couriers = {day, morning, later};
  p.run.duration = 48h;
  const model::World w = model::build_world(p);
  const auto r = run(w, mode_run("per_building", {{"helping", std::string("none")}}));
  const auto& orders = r.world.orders;
  // Every order placed on day 0 before 17:00 is handed over on day 0 (by 21:00: a tour begun
  // before the 20:00 end is finished; later orders may reach the gate by van after 20:00).
  // Bound to absent couriers, some buildings' orders would wait for the next morning (the
  // reinforcements' buildings all day, the morning courier's after 13:00).
  std::size_t day0 = 0, next_day = 0;
  for (std::size_t i = 0; i < orders.count(); ++i) {
    const auto o = order_id(i);
    if (orders.time(o, model::Stage::placed) >= sim::TimePoint{17h}) continue;
    ++day0;
    const bool done = orders.reached(o, model::Stage::handed_over) &&
                      orders.time(o, model::Stage::handed_over) < sim::TimePoint{21h};
    if (!done) ++next_day;
  }
  INFO(next_day << " of " << day0 << " day-0 orders not handed over on day 0");
  REQUIRE(day0 > 80);
  CHECK(next_day == 0);
}
