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

// Plans courier 0's session at compound 0's gate with `items` parcels for each of
// `households` households of building 0 (floors 1 to 5 in turn); with `limited_first` the
// first household is of limited mobility. Returns the legs and the load.
struct Session {
  std::vector<Leg> legs;
  std::vector<model::OrderId> load;
};
Session plan_session(const model::WorldParams& p, int households, int items = 1, bool limited_first = false) {
  model::World w = model::build_world(p);
  Session s;
  for (int i = 0; i < households; ++i) {
    const auto h = household_at(w, 0, 1 + static_cast<std::uint32_t>(i % 5), static_cast<std::uint32_t>(i / 5));
    if (i == 0 && limited_first) w.households.limited_mobility[h.index()] = 1;
    for (auto o : place(w, h, items, sim::TimePoint{9h})) s.load.push_back(o);
  }
  sim::Simulation engine;
  const auto mode = mode_run("relay");
  modes::RunContext ctx(engine, w, mode.knobs, 1);
  modes::detail::GateHandovers gate;
  gate.start(ctx);
  s.legs = gate.plan(make_id<model::CourierTag>(0), 0, s.load);
  return s;
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
  const auto legs = plan_session(p, 4).legs;
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
    const auto legs = plan_session(p, 1).legs;
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
    const auto legs = plan_session(p, 3).legs;
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

TEST_CASE("Called down, a recipient gets ready before coming: every wait after a call is at least come_down_ready", "[modes][entry][mechanisms]") {
  // One by one, everyone answers, 10 min to get ready: the courier's wait after each call
  // (for that recipient to get ready and walk to the gate) is at least 10 min.
  model::WorldParams p = call_down(1.0, 2, 1);
  p.zone.entry.come_down_ready = 10min;
  const auto legs = plan_session(p, 3).legs;
  int calls = 0;
  for (std::size_t i = 0; i + 1 < legs.size(); ++i) {
    if (!is_call(legs[i], p)) continue;
    ++calls;
    CHECK(legs[i + 1].action == LegAction::none);
    CHECK(legs[i + 1].duration >= 10min);
  }
  CHECK(calls == 3);
}

TEST_CASE("At the gate a household's first item takes gate_handover and each further one the extra-item time", "[modes][entry][mechanisms]") {
  const model::WorldParams p = call_down(1.0, 2, 1);
  std::vector<sim::Duration> handed;
  for (const Leg& l : plan_session(p, 1, 3).legs)
    if (l.action == LegAction::hand_over) handed.push_back(l.duration);
  const auto extra = modes::detail::TourTimes{}.extra_item;
  CHECK(handed == std::vector<sim::Duration>{p.zone.entry.gate_handover, extra, extra});
}

TEST_CASE("Under a ban a limited-mobility home's goods stay in the load for its door", "[modes][entry][mechanisms]") {
  // Two households, the first of limited mobility: the session (calls or gate shelf) hands
  // over or drops only the other's parcel.
  for (const auto entry : {model::CourierEntry::call_down, model::CourierEntry::gate_shelf}) {
    model::WorldParams p = call_down(1.0, 2, 1);
    p.zone.entry.courier_entry = entry;
    const Session s = plan_session(p, 2, 1, true);
    std::vector<model::OrderId> served;
    for (const Leg& l : s.legs)
      if (l.action == LegAction::hand_over || l.action == LegAction::shelf_drop) served.push_back(l.order);
    CHECK(served == std::vector<model::OrderId>{s.load[1]});
  }
}
