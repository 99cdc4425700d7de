// Category teams must not strand orders: when the fresh-food/takeout team has nobody (too few
// couriers, or all quarantined), the other couriers take those orders over.
#include <catch2/catch.hpp>

#include "modes_support.hpp"

using namespace last100;
using namespace last100::modes_test;

TEST_CASE("per-building with category teams but one courier still delivers fresh food and takeout",
          "[modes]") {
  model::WorldParams p = small_world(5);
  p.couriers.front().count = 1;  // the fresh team gets nobody: fresh = min(share x 1, 1 - 1) = 0
  p.demand = daytime_demand();
  p.run.duration = 36h;
  const model::World world = model::build_world(p);
  const auto r = run(world, mode_run("per_building", {{"category_teams", true}, {"fresh_team_share", 0.5}}));
  const auto fresh = static_cast<std::size_t>(model::Category::fresh_food);
  const auto takeout = static_cast<std::size_t>(model::Category::takeout);
  REQUIRE(r.summary.by_category[fresh].orders.created > 0);
  REQUIRE(r.summary.by_category[takeout].orders.created > 0);
  // Everything placed by 19:00 on day 1 is long done by the end (36 h): nothing stranded.
  std::size_t stranded = 0;
  for (std::size_t i = 0; i < r.world.orders.count(); ++i) {
    const auto o = make_id<model::OrderTag>(i);
    if (r.world.orders.time(o, model::Stage::placed) < sim::at_tick(19LL * 3600 * 1000) && !r.world.orders.terminal(o))
      ++stranded;
  }
  CHECK(stranded == 0);
  CHECK(r.summary.by_category[fresh].orders.delivered + r.summary.by_category[fresh].orders.spoiled > 0);
}
