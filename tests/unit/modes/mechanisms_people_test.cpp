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

TEST_CASE("Contacts before contact_quarantine.from put nobody in quarantine", "[modes][staffing][mechanisms]") {
  // Every face-to-face hand-over is with a case (per_contact 1), counted from 12:00: couriers
  // deliver all morning, and each is quarantined at its first door after noon.
  model::WorldParams p = small_world(12);
  p.demand = daytime_demand();
  p.contact_quarantine.per_contact = 1.0;
  p.contact_quarantine.from = 12h;
  modes::Trace trace;
  const auto r = traced(model::build_world(p), mode_run("relay"), trace);
  REQUIRE(handed_over_before(r.world.orders, sim::TimePoint{12h}) > 20);
  for (std::uint32_t c = 0; c < 3; ++c) {
    const auto q = entered(trace, c, model::CourierState::quarantined);
    REQUIRE(q.size() == 1);
    CHECK(q.front() >= sim::TimePoint{12h});
  }
}

TEST_CASE("Reinforcements are not called before the rule's `from`", "[modes][staffing][mechanisms]") {
  // A reserve of two on call whenever any order is in flight, checked every 30 min from 12:00,
  // arriving an hour after the call: the first check is at 12:00, so both arrive at 13:00.
  model::WorldParams p = small_world(13);
  p.demand = daytime_demand();
  model::CourierGroup reserve = p.couriers[0];
  reserve.name = "reserve";
  reserve.count = 2;
  p.couriers.push_back(reserve);
  model::ReinforcementRule rule;
  rule.group = "reserve";
  rule.backlog_above = 0;
  rule.check_every = 30min;
  rule.lead_time = 1h;
  rule.from = 12h;
  p.reinforcements = {rule};
  const auto r = run(model::build_world(p), mode_run("relay"));
  const auto& cs = r.world.couriers;
  REQUIRE(cs.count() == 5);
  for (std::uint32_t c = 3; c < 5; ++c) CHECK(cs.arrives_at(make_id<model::CourierTag>(c)) == 13h);
}

TEST_CASE("A courier gives duty no more than its duty_share of the shift a day", "[modes][duty][mechanisms]") {
  // duty_share 0.1 of a 07:00-20:00 shift is 78 min a day; a crew of three for 08:00-16:00
  // would take every courier's whole morning. Each serves at most 78 min on each of two days,
  // and the cap binds (someone serves all of it).
  model::WorldParams p = quiet_world();
  p.run.duration = 48h;
  p.couriers[0].shift_end = 20h;
  p.couriers[0].duty_share = 0.1;
  model::DutyParams crew;
  crew.name = "queue marshalling";
  crew.start = 8h;
  crew.length = 8h;
  crew.people = 3;
  p.duties = {crew};
  model::World w = model::build_world(p);
  place(w, household_at(w, 0, 1), 1, sim::TimePoint{9h});
  const auto r = run(w, mode_run("relay"));
  sim::Duration most{0};
  for (std::uint32_t c = 0; c < 3; ++c) {
    const auto served = r.world.couriers.time_in(make_id<model::CourierTag>(c), model::CourierState::on_duty);
    CHECK(served <= 2 * 78min);
    most = std::max(most, served);
  }
  CHECK(most == 2 * 78min);
}
