// Rules about people's time, case by case (issue 23): how many work on a duty session at once,
// and how long a relay courier waits for its own compound before helping another.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <vector>

#include "hand_world.hpp"

namespace {

using namespace last100;
using namespace last100::modes_test;
using model::Stage;

// Most couriers in `state` at once over the run, from the trace's state changes.
int most_at_once(const modes::Trace& trace, model::CourierState state) {
  std::map<std::uint32_t, bool> in;
  int now = 0, most = 0;
  for (const auto& e : trace.events) {
    if (e.kind != modes::TraceKind::state) continue;
    const bool entering = e.value == static_cast<std::uint32_t>(state);
    bool& was = in[e.subject];
    now += static_cast<int>(entering) - static_cast<int>(was);
    was = entering;
    most = std::max(most, now);
  }
  return most;
}

}  // namespace

TEST_CASE("No more than max_people couriers work on a duty session's work at once", "[modes][duty][mechanisms]") {
  // Four couriers owing their whole shift, no demand, and registration work far beyond one
  // morning (10 min per resident of 60 households): every courier would be drafted; the
  // session takes two at a time, and does take two.
  model::WorldParams p = quiet_world();
  p.couriers[0].count = 4;
  p.couriers[0].duty_share = 1.0;
  model::DutyParams reg;
  reg.name = "test registration";
  reg.start = 8h;
  reg.length = 4h;
  reg.per_resident = 10min;
  reg.max_people = 2;
  p.duties = {reg};
  model::World w = model::build_world(p);
  place(w, household_at(w, 0, 1), 1, sim::TimePoint{9h});  // one order, so that the run has one
  modes::Trace trace;
  traced(w, mode_run("relay"), trace);
  CHECK(most_at_once(trace, model::CourierState::on_duty) == 2);
}

TEST_CASE("A relay courier waits help_after for goods at its own gate, then helps another compound", "[modes][relay][mechanisms]") {
  // Two compounds; courier 0's home is compound 0, the other couriers' compound 1 is served by
  // nobody (one courier). Goods for compound 1 only: the courier, idle since 07:00, is woken
  // when they reach gate 1, waits help_after (25 min) for its own gate, then walks over and loads.
  model::WorldParams p = quiet_world(2, 6);
  p.couriers[0].count = 1;
  model::World w = model::build_world(p);
  std::uint32_t building = 0;
  while (w.area.buildings()[building].compound != 1) ++building;
  const auto ids = place(w, household_at(w, building, 2), 3, sim::TimePoint{9h});
  modes::Trace trace;
  const auto r = traced(w, mode_run("relay", {{"help_after", sim::Duration{25min}}}), trace);
  const auto at_gate = r.world.orders.time(ids[0], Stage::at_gate);
  const auto loads = loads_of(trace, 0);
  REQUIRE(!loads.empty());
  // Loading follows the walk between the two gates (under 15 min in this area).
  CHECK(loads.front().at >= at_gate + 25min);
  CHECK(loads.front().at <= at_gate + 25min + 15min);
}
