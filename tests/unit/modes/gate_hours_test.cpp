// When a gate is open, asked of RunContext directly: daily hours (06:00-22:00 by default) and
// closures from the scenario, with hand-set times (issue 13, mutations van-gate-hours and
// gate-closure; a van's trip is planned with these two answers).
#include <catch2/catch.hpp>

#include "modes_support.hpp"

using namespace last100;
using namespace last100::modes_test;

namespace {
sim::TimePoint at(sim::Duration d) { return sim::TimePoint{d}; }
}  // namespace

TEST_CASE("A gate is open through an interval only inside one day's hours and outside its closures", "[modes][gate]") {
  model::WorldParams p = small_world();
  REQUIRE(p.zone.gate_opens == 6h);
  REQUIRE(p.zone.gate_closes == 22h);
  p.gate_closures = {{0, 9h, 13h}};  // the first gate, 09:00-13:00 on day 0
  model::World w = model::build_world(p);
  sim::Simulation sim;
  const modes::Knobs knobs;
  modes::RunContext ctx(sim, w, knobs, 1);
  const auto g0 = ctx.gate_of_compound(0), g1 = ctx.gate_of_compound(1);
  REQUIRE(g0 != g1);

  // Daily hours.
  CHECK(ctx.next_gate_open(g1, at(3h)) == at(6h));
  CHECK(ctx.next_gate_open(g1, at(7h)) == at(7h));
  CHECK(ctx.next_gate_open(g1, at(22h)) == at(24h + 6h));
  CHECK(ctx.gate_open_through(g1, at(20h), at(22h)));
  CHECK(!ctx.gate_open_through(g1, at(21h), at(22h + 1min)));  // would still be unloading at closing
  CHECK(!ctx.gate_open_through(g1, at(21h), at(24h + 7h)));     // not even across the night
  CHECK(!ctx.gate_open_through(g1, at(5h), at(7h)));

  // The closure of the first gate, and not of the second.
  CHECK(ctx.next_gate_open(g0, at(9h)) == at(13h));
  CHECK(ctx.next_gate_open(g0, at(12h + 59min)) == at(13h));
  CHECK(ctx.next_gate_open(g0, at(13h)) == at(13h));
  CHECK(ctx.next_gate_open(g0, at(8h)) == at(8h));
  CHECK(ctx.next_gate_open(g1, at(10h)) == at(10h));
  CHECK(!ctx.gate_open_through(g0, at(8h), at(9h + 1min)));
  CHECK(ctx.gate_open_through(g0, at(8h), at(9h)));
  CHECK(ctx.gate_open_through(g0, at(13h), at(14h)));
  CHECK(ctx.gate_open_through(g1, at(8h), at(14h)));
  // On day 1 the closure is over.
  CHECK(ctx.next_gate_open(g0, at(24h + 10h)) == at(24h + 10h));
}
