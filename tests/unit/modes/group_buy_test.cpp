// Group buying (Jinan): order windows and supplier stock.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>

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

TEST_CASE("group buying fills at most each window's share of the supply ratio's stock, and all of it when short",
          "[modes]") {
  // Daily stock per category = supply_ratio x expected daily orders of the area; each of the
  // w windows gets a w-th of it. At a tally the supplier fills oldest first while a whole
  // unit is left: floor(stock / w) orders of a category at most, exactly that many when some
  // of that category go out of stock at the same tally.
  model::WorldParams p = small_world(9);
  p.run.duration = std::chrono::hours{72};
  const model::World world = model::build_world(p);
  const double ratio = 0.5;
  const std::int64_t windows = 4;
  const auto r = run(world, mode_run("group_buy", {{"supply_ratio", ratio}, {"windows_per_day", windows}}));
  const double days = 3.0;
  std::map<std::pair<sim::TimePoint, std::size_t>, int> filled, short_of;
  for (std::size_t i = 0; i < r.world.orders.count(); ++i) {
    const auto o = order_id(i);
    const auto k = static_cast<std::size_t>(r.world.orders.category(o));
    if (r.world.orders.reached(o, model::Stage::at_station)) ++filled[{r.world.orders.time(o, model::Stage::at_station), k}];
    if (r.world.orders.reached(o, model::Stage::cancelled)) ++short_of[{r.world.orders.time(o, model::Stage::cancelled), k}];
  }
  REQUIRE(!filled.empty());
  REQUIRE(!short_of.empty());
  int binding = 0;
  for (const auto& [key, n] : filled) {
    const auto category = static_cast<model::Category>(key.second);
    const double stock = ratio * model::expected_orders(p.demand, category, world.households.count(), p.run.duration) /
                         days / static_cast<double>(windows);
    CAPTURE(key.second, n, stock);
    CHECK(n <= static_cast<int>(std::floor(stock)));
    if (short_of.count(key)) {
      CHECK(n == static_cast<int>(std::floor(stock)));
      ++binding;
    }
  }
  CHECK(binding > 0);
}
