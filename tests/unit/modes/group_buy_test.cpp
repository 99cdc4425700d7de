// Group buying (Jinan): order windows and supplier stock.
#include <catch2/catch.hpp>

#include "modes_support.hpp"

using namespace last100;
using namespace last100::modes_test;

TEST_CASE("more order windows a day shorten group-buying lead times", "[modes]") {
  // An order waits for its window's tally, then the supplier's lead time: with w windows the
  // mean wait for a tally falls from about 12 h to about 12/w h, the rest being equal.
  model::WorldParams p = small_world(9);
  p.run.duration = std::chrono::hours{72};
  const model::World world = model::build_world(p);
  double previous = 1e9;
  for (std::int64_t w : {1, 2, 4}) {
    const auto r = run(world, mode_run("group_buy", {{"windows_per_day", w},
                                                      {"supplier_lead_time", sim::Duration{std::chrono::hours{4}}},
                                                      {"supply_ratio", 100.0}}));
    CAPTURE(w, r.summary.lead_time_minutes.p50);
    REQUIRE(r.summary.orders.delivered > 0);
    CHECK(r.summary.lead_time_minutes.p50 < previous);
    previous = r.summary.lead_time_minutes.p50;
  }
}

TEST_CASE("group buying with scarce stock cancels orders as out of stock and no others", "[modes]") {
  model::WorldParams p = small_world(9);
  p.run.duration = std::chrono::hours{72};
  const model::World world = model::build_world(p);
  const auto r = run(world, mode_run("group_buy", {{"supply_ratio", 0.5}}));
  REQUIRE(r.summary.orders.cancelled > 0);
  for (std::size_t i = 0; i < r.world.orders.count(); ++i) {
    const auto o = make_id<model::OrderTag>(i);
    if (r.world.orders.reached(o, model::Stage::cancelled))
      CHECK(r.world.orders.cancel_reason(o) == model::CancelReason::out_of_stock);
  }
  // Half the expected demand in stock: about half of what was tallied is filled.
  const auto tallied = r.summary.orders.cancelled + r.summary.orders.delivered + r.summary.orders.spoiled;
  CHECK(static_cast<double>(r.summary.orders.cancelled) > 0.2 * static_cast<double>(tallied));
}
