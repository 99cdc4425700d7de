// Takeout by the seller's rider (issue 23, item 4): a rider never reaches a closed gate, and a
// meal no courier inside could deliver before its deadline is cancelled with a reason instead
// of standing at the gate overnight and counting as delivered.
#include <catch2/catch.hpp>

#include "modes_support.hpp"

using namespace last100;
using namespace last100::modes_test;

namespace {

constexpr auto takeout = model::Category::takeout;

// Takeout all day and night by rider (30 min), every gate closed 10:00-14:00 on day 0 (lunch),
// gates open 06:00-22:00 otherwise, couriers 07:00-20:00.
model::World rider_world(std::uint64_t seed) {
  model::WorldParams p = small_world(seed);
  auto& t = p.demand.categories[static_cast<std::size_t>(takeout)];
  t.orders_per_household_per_day = 1.5;
  t.deadline = 90min;
  t.rider_to_gate = 30min;
  for (std::uint32_t g = 0; g < 2; ++g) p.gate_closures.push_back({g, 10h, 14h});
  p.run.duration = 48h;
  return model::build_world(p);
}

}  // namespace

TEST_CASE("no rider reaches a closed gate, and no meal reaches a gate no courier can serve in time",
          "[modes][dispatch][rider]") {
  for (const char* mode : {"relay", "shelves", "per_building"}) {
    CAPTURE(mode);
    const auto r = run(rider_world(7), mode_run(mode));
    const auto& orders = r.world.orders;
    std::size_t at_gate = 0, refused_closed = 0, refused_late = 0;
    for (std::size_t i = 0; i < orders.count(); ++i) {
      const auto o = order_id(i);
      if (orders.category(o) != takeout) continue;
      const sim::TimePoint placed = orders.time(o, model::Stage::placed);
      if (orders.reached(o, model::Stage::at_gate)) {
        ++at_gate;
        const sim::TimePoint t = orders.time(o, model::Stage::at_gate);
        const auto clock = t.time_since_epoch() % sim::Duration{24h};
        CAPTURE(sim::to_minutes(t.time_since_epoch()));
        // Not while the gates are closed, by the closure (day 0, 10:00-14:00) or by their hours.
        CHECK_FALSE((t >= sim::TimePoint{10h} && t < sim::TimePoint{14h}));
        CHECK(clock >= 6h);
        CHECK(clock < 22h);
        // A courier can take it at once: it is handed over within the shift, not the next morning
        // (a courier must be on shift for fresh_allowance, 30 min, before the 20:00 end).
        CHECK(clock <= 19h + 30min);
        if (orders.reached(o, model::Stage::handed_over))
          CHECK(orders.time(o, model::Stage::handed_over) - placed < 4h);
        continue;
      }
      REQUIRE(orders.status(o) == model::OrderStatus::cancelled);
      CHECK(orders.time(o, model::Stage::cancelled) == placed);  // refused at once, not after a wait
      const auto reason = orders.cancel_reason(o);
      if (reason == model::CancelReason::zone_closed) ++refused_closed;
      else if (reason == model::CancelReason::deadline_missed) ++refused_late;
      else FAIL("a refused meal is cancelled for zone_closed or deadline_missed");
    }
    INFO("at the gate " << at_gate << ", refused: gate closed " << refused_closed << ", too late " << refused_late);
    CHECK(at_gate > 100);
    CHECK(refused_closed > 10);  // the lunch closure and the night hours
    CHECK(refused_late > 10);    // the evening after 19:00, before the gates close
  }
}
