// The spoilage clock (docs/modes.md, "The gate stage", fresh food; issue 23): with cold storage
// at the station, fresh food's clock pauses from its arrival at the station until a van loads
// it, and then runs: the deadline is placed + spoil_after + (loaded - at_station), whatever
// happens after loading (the drive, the unloading, the gate, the courier's tour).
#include <catch2/catch.hpp>

#include <vector>

#include "hand_world.hpp"

namespace {

using namespace last100;
using namespace last100::modes_test;
using model::Stage;

}  // namespace

TEST_CASE("Fresh food's clock restarts at loading, not when it reaches the gate", "[modes][spoilage][mechanisms]") {
  // One courier, four fresh orders of 2 kg for each of the compound's 60 households at 07:00,
  // spoiling 90 min out of the cold chain: loads of 20 (40 kg), a few tours an hour, so the
  // later ones come after their deadline and spoil at the door. Every
  // delivered order is on time by the loading clock, every spoiled one late by it; and some
  // spoiled ones would still have been on time had the clock started at the gate, 25 min
  // (loading, unloading, spraying) and the drive later, so the test tells the two apart.
  model::WorldParams p = quiet_world();
  p.demand.categories[static_cast<std::size_t>(model::Category::fresh_food)].spoil_after = 90min;
  p.couriers[0].count = 1;
  model::World w = model::build_world(p);
  const auto spoil_after = p.demand.categories[static_cast<std::size_t>(model::Category::fresh_food)].spoil_after;
  REQUIRE(spoil_after == 90min);
  for (std::size_t h = 0; h < w.households.count(); ++h)
    place(w, model::HouseholdId{static_cast<std::uint32_t>(h)}, 4, sim::TimePoint{7h}, model::Category::fresh_food, 2.0f);
  const auto r = run(w, mode_run("relay", {{"cold_storage", true}}));
  const auto& o = r.world.orders;
  std::size_t delivered = 0, spoiled = 0, told_apart = 0;
  for (std::size_t i = 0; i < o.count(); ++i) {
    const auto id = order_id(i);
    REQUIRE(o.reached(id, Stage::loaded));
    const sim::TimePoint deadline =
        o.time(id, Stage::placed) + spoil_after + (o.time(id, Stage::loaded) - o.time(id, Stage::at_station));
    if (o.reached(id, Stage::handed_over)) {
      ++delivered;
      CHECK(o.time(id, Stage::handed_over) <= deadline);
    } else {
      REQUIRE(o.reached(id, Stage::spoiled));
      ++spoiled;
      CHECK(o.time(id, Stage::spoiled) > deadline);
      told_apart += o.time(id, Stage::spoiled) <= deadline + (o.time(id, Stage::at_gate) - o.time(id, Stage::loaded));
    }
  }
  CAPTURE(delivered, spoiled, told_apart);
  CHECK(delivered > 20);
  CHECK(told_apart > 0);
}
