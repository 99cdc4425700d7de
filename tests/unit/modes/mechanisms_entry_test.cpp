// Entry bans (docs/modes.md, "Entry bans"), case by case (issue 23): the gate shelf's contact
// time and spraying, and the call-down session's calls, retries and window. Sessions are
// planned directly (GateHandovers::plan is a pure plan of legs), so each leg can be checked
// against the rule.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <vector>

#include "hand_world.hpp"
#include "last100/sim/simulation.hpp"
#include "modes/gate_handover.hpp"

namespace {

using namespace last100;
using namespace last100::modes_test;
using model::Stage;
using modes::detail::Leg;
using modes::detail::LegAction;

// Plans courier 0's session at compound 0's gate with one parcel for each of `households`
// households of building 0 (floors 1 to 5 in turn).
std::vector<Leg> plan_session(const model::WorldParams& p, int households) {
  model::World w = model::build_world(p);
  std::vector<model::OrderId> load;
  for (int i = 0; i < households; ++i)
    for (auto o : place(w, household_at(w, 0, 1 + static_cast<std::uint32_t>(i % 5), static_cast<std::uint32_t>(i / 5)), 1,
                        sim::TimePoint{9h}))
      load.push_back(o);
  sim::Simulation engine;
  const auto mode = mode_run("relay");
  modes::RunContext ctx(engine, w, mode.knobs, 1);
  modes::detail::GateHandovers gate;
  gate.start(ctx);
  return gate.plan(make_id<model::CourierTag>(0), 0, load);
}

model::WorldParams call_down(double answer_share, std::uint32_t retries, std::uint32_t max_at_gate) {
  model::WorldParams p = quiet_world();
  p.zone.entry.courier_entry = model::CourierEntry::call_down;
  p.zone.entry.answer_share = answer_share;
  p.zone.entry.retries = retries;
  p.zone.entry.max_at_gate = max_at_gate;
  p.zone.entry.call_time = 17s;  // no wait in a session is this long: calls are told apart by it
  return p;
}

bool is_call(const Leg& l, const model::WorldParams& p) {
  return l.action == LegAction::none && l.duration == p.zone.entry.call_time;
}

}  // namespace

TEST_CASE("Goods on a gate shelf stand their contact time before anyone collects them", "[modes][entry][mechanisms]") {
  // A day of demand, gate_shelf, shelf_dwell 2 h. Orders collected together (one household,
  // one time): the item that had the household told stood at least the dwell, plus the 30 s
  // at the shelf; items put there since go along with it (as at unit shelves). 40% of
  // residents come within a minute of being told, so without the dwell most would not.
  model::WorldParams p = small_world(5);
  p.population.limited_mobility_share = 0.0;
  p.zone.entry.courier_entry = model::CourierEntry::gate_shelf;
  p.zone.disinfection.shelf_dwell = 2h;
  const auto r = run(model::build_world(p), mode_run("relay"));
  const auto& o = r.world.orders;
  std::map<std::pair<std::uint64_t, sim::TimePoint>, sim::Duration> longest_stand;
  for (std::size_t i = 0; i < o.count(); ++i) {
    const auto id = order_id(i);
    if (!o.reached(id, Stage::handed_over)) continue;
    const sim::TimePoint done = o.time(id, Stage::handed_over);
    auto& best = longest_stand[{o.household(id).index(), done}];
    best = std::max(best, done - o.time(id, Stage::at_shelf_or_door));
  }
  REQUIRE(longest_stand.size() > 50);
  for (const auto& [key, stood] : longest_stand) CHECK(stood >= 2h + 30s);
}

TEST_CASE("A gate-shelf session costs the visit's spraying once and the shelf time and spraying per item", "[modes][entry][mechanisms]") {
  model::WorldParams p = quiet_world();
  p.zone.entry.courier_entry = model::CourierEntry::gate_shelf;
  p.zone.disinfection.shelf_per_visit = 1min;
  p.zone.disinfection.shelf_per_item = 7s;
  const auto legs = plan_session(p, 4);
  sim::Duration total{0};
  int drops = 0;
  for (const Leg& l : legs) {
    total += l.duration;
    if (l.action == LegAction::shelf_drop) {
      ++drops;
      CHECK(l.duration == modes::detail::TourTimes{}.shelf_per_item + 7s);
    }
  }
  CHECK(drops == 4);
  CHECK(total == 1min + 4 * (modes::detail::TourTimes{}.shelf_per_item + 7s));
}

TEST_CASE("A recipient who never answers is called once and then `retries` more times, retry_after apart", "[modes][entry][mechanisms]") {
  for (const std::uint32_t retries : {0u, 1u, 2u, 4u}) {
    CAPTURE(retries);
    const model::WorldParams p = call_down(0.0, retries, 1);
    const auto legs = plan_session(p, 1);
    std::vector<sim::Duration> calls;  // when each call starts, from the session's start
    sim::Duration clock{0};
    for (const Leg& l : legs) {
      CHECK(l.action != LegAction::hand_over);
      if (is_call(l, p)) calls.push_back(clock);
      clock += l.duration;
    }
    CHECK(calls.size() == retries + 1);
    // Again retry_after after the last call (its start or its end: docs/modes.md says "later").
    for (std::size_t i = 1; i < calls.size(); ++i) {
      CHECK(calls[i] - calls[i - 1] >= p.zone.entry.retry_after);
      CHECK(calls[i] - calls[i - 1] <= p.zone.entry.retry_after + p.zone.entry.call_time);
    }
  }
}

TEST_CASE("Called one by one, the next recipient is called only after the last one was served", "[modes][entry][mechanisms]") {
  // Everyone answers; with max_at_gate 1 a hand-over separates any two calls; with 3, the three
  // calls come first (a resident needs come_down_ready, 2 min, to reach the gate).
  for (const std::uint32_t window : {1u, 3u}) {
    CAPTURE(window);
    const model::WorldParams p = call_down(1.0, 2, window);
    const auto legs = plan_session(p, 3);
    std::vector<char> seq;  // 'c' a call, 'h' a household's first hand-over
    for (std::size_t i = 0; i < legs.size(); ++i) {
      if (is_call(legs[i], p)) seq.push_back('c');
      else if (legs[i].action == LegAction::hand_over && legs[i].duration == p.zone.entry.gate_handover) seq.push_back('h');
    }
    const std::vector<char> expected = window == 1 ? std::vector<char>{'c', 'h', 'c', 'h', 'c', 'h'}
                                                   : std::vector<char>{'c', 'c', 'c', 'h', 'h', 'h'};
    CHECK(seq == expected);
  }
}
