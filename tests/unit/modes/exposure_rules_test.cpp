// Close contacts between residents at a pickup place (RunContext::leave_pickup): a pair's
// co-presence adds up per day from the warm-up on, and crossing 15 minutes makes one contact,
// once. Hand-made timelines with hand-counted answers (issue 13, mutations close-contact-*).
#include <catch2/catch.hpp>

#include "modes_support.hpp"

using namespace last100;
using namespace last100::modes_test;

TEST_CASE("close contacts: once per pair and day, from the warm-up, never summed across days", "[modes][exposure]") {
  model::WorldParams p = small_world();
  p.run.warmup = 1h;
  const model::World base = model::build_world(p);
  REQUIRE(base.households.count() >= 6);
  model::World w = base;
  sim::Simulation sim;
  const modes::Knobs knobs;
  modes::RunContext ctx(sim, w, knobs, 1);
  using Area = modes::RunContext::PickupArea;
  const model::HouseholdId a{0}, b{1}, c{2}, d{3}, e{4}, f{5};
  const auto at = [&](std::chrono::minutes m) { sim.run_until(sim::TimePoint{m}); };

  // Place 1, across the warm-up: E and F together 0:40-1:10, but only 1:00-1:10 counts: 10 min.
  at(30min), ctx.enter_pickup(1, Area::counter, e);
  at(40min), ctx.enter_pickup(1, Area::counter, f);
  at(70min), ctx.leave_pickup(1, Area::counter, e);
  at(71min), ctx.leave_pickup(1, Area::counter, f);
  CHECK(ctx.contacts.close_contacts == 0);

  // Place 2: A and B 20 min together (a contact), then 5 more minutes the same day (the same one).
  at(120min), ctx.enter_pickup(2, Area::counter, a), ctx.enter_pickup(2, Area::counter, b);
  at(140min), ctx.leave_pickup(2, Area::counter, a);
  at(141min), ctx.leave_pickup(2, Area::counter, b);
  CHECK(ctx.contacts.close_contacts == 1);
  at(180min), ctx.enter_pickup(2, Area::counter, a), ctx.enter_pickup(2, Area::counter, b);
  at(185min), ctx.leave_pickup(2, Area::counter, a);
  at(186min), ctx.leave_pickup(2, Area::counter, b);
  CHECK(ctx.contacts.close_contacts == 1);

  // Place 3: C and D 10 min on day 0 and 10 min on day 1: under 15 minutes in any 24 hours' day.
  at(600min), ctx.enter_pickup(3, Area::counter, c), ctx.enter_pickup(3, Area::counter, d);
  at(610min), ctx.leave_pickup(3, Area::counter, c);
  at(611min), ctx.leave_pickup(3, Area::counter, d);
  at(24 * 60min + 600min), ctx.enter_pickup(3, Area::counter, c), ctx.enter_pickup(3, Area::counter, d);
  at(24 * 60min + 610min), ctx.leave_pickup(3, Area::counter, c);
  at(24 * 60min + 611min), ctx.leave_pickup(3, Area::counter, d);
  CHECK(ctx.contacts.close_contacts == 1);
}
