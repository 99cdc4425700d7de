// The run context as a facade (issue 14, item 3): a mode reads the world and accounts for
// orders only through the context's methods, so no mode can skip or double-count an outcome.
#include <catch2/catch.hpp>

#include <type_traits>
#include <utility>

#include "modes_support.hpp"

using namespace last100;
using namespace last100::modes_test;
using model::Stage;
using namespace std::chrono_literals;

namespace {

model::World world_with_one_parcel() {
  model::WorldParams p = small_world();
  for (auto& c : p.demand.categories) c.orders_per_household_per_day = 0;
  model::World w = model::build_world(p);
  w.orders.add(model::HouseholdId{0}, model::Category::parcel, 1.0f, 0, sim::TimePoint{0min});
  return w;
}

}  // namespace

TEST_CASE("a mode sees the world read-only through the run context", "[modes][facade]") {
  static_assert(std::is_const_v<std::remove_reference_t<decltype(std::declval<modes::RunContext&>().world)>>);
  static_assert(std::is_same_v<decltype(std::declval<modes::RunContext&>().ledger()), const metrics::OrderLedger&>);
  SUCCEED("checked at compile time");
}

TEST_CASE("an outcome stamped directly is refused, and the accounting methods record each once", "[modes][facade]") {
  model::World w = world_with_one_parcel();
  sim::Simulation sim;
  const modes::Knobs knobs;
  modes::RunContext ctx(sim, w, knobs, 1);
  const auto order = make_id<model::OrderTag>(0);
  ctx.created(order);
  ctx.stamp(order, Stage::at_station);  // an intermediate stage is the mode's to record
  CHECK_THROWS_AS(ctx.stamp(order, Stage::handed_over), std::logic_error);
  CHECK_THROWS_AS(ctx.stamp(order, Stage::spoiled), std::logic_error);
  CHECK_THROWS_AS(ctx.stamp(order, Stage::cancelled), std::logic_error);
  CHECK(ctx.ledger().total().delivered == 0);
  CHECK(ctx.hand_over(order));
  CHECK(ctx.ledger().total().delivered == 1);
  CHECK(w.orders.status(order) == model::OrderStatus::delivered);
  // A second hand-over of the same order is refused by the order's stamps, not counted.
  CHECK_THROWS_AS(ctx.hand_over(order), std::logic_error);
  CHECK(ctx.ledger().total().delivered == 1);
}
