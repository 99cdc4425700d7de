// The replay trace (issue 12): recording reads the run and changes nothing; every mode
// reports moves and hand-overs through it; the replay page digests it into bounded data.

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "last100/modes/run_mode.hpp"
#include "last100/report/json.hpp"
#include "last100/report/replay.hpp"
#include "modes/modes_support.hpp"

using namespace last100;
using namespace last100::modes_test;

namespace {
/// Runs `name` once on `world`, recording into `trace` (modes::run_mode's opt-in option).
modes::RunResult traced_run(const model::World& world, const char* name, modes::Trace& trace) {
  const auto mode = mode_run(name);
  return modes::run_mode(world, mode.name, mode.knobs, {"t", std::chrono::minutes{30}, {}, &trace});
}

/// Two days: group buying delivers the day after its cut-off.
model::WorldParams two_days(std::uint64_t seed) {
  auto p = small_world(seed);
  p.run.duration = std::chrono::hours{48};
  return p;
}
}  // namespace

TEST_CASE("a traced run gives the same results as an untraced one in every mode", "[trace]") {
  const model::World world = model::build_world(two_days(21));
  for (const char* name : {"relay", "shelves", "per_building", "group_buy"}) {
    INFO(name);
    const auto mode = mode_run(name);
    const auto plain = experiment::run_once(world, mode, "t", std::chrono::minutes{30});
    modes::Trace trace;
    const auto traced = traced_run(world, name, trace);
    CHECK(report::to_json(plain.summary) == report::to_json(traced.summary));
    CHECK(plain.events == traced.events);

    std::map<modes::TraceKind, std::size_t> kinds;
    std::int64_t last = 0;
    bool ordered = true;
    for (const auto& e : trace.events) {
      ++kinds[e.kind];
      ordered = ordered && e.at_ms >= last;
      last = e.at_ms;
    }
    CHECK(ordered);
    CHECK(kinds[modes::TraceKind::courier_move] > 0);
    CHECK(kinds[modes::TraceKind::state] > 0);
    // One stage event per stamp: as many hand-overs as delivered orders.
    std::size_t handed = 0;
    for (const auto& e : trace.events)
      handed += e.kind == modes::TraceKind::stage && e.value == static_cast<std::uint32_t>(model::Stage::handed_over);
    std::size_t delivered = 0;
    for (std::size_t i = 0; i < traced.world.orders.count(); ++i)
      delivered += traced.world.orders.reached(make_id<model::OrderTag>(i), model::Stage::handed_over);
    CHECK(handed == delivered);
    CHECK(delivered > 0);
    // Every move goes to a place of the area.
    for (const auto& e : trace.events)
      if (e.kind == modes::TraceKind::courier_move || e.kind == modes::TraceKind::vehicle_move)
        REQUIRE(e.value < traced.world.area.places().size());
  }
}

TEST_CASE("vans of the relay and supplier vans of group buying are traced", "[trace]") {
  const model::World world = model::build_world(two_days(22));
  for (const char* name : {"relay", "group_buy"}) {
    modes::Trace trace;
    traced_run(world, name, trace);
    const auto vans = std::count_if(trace.events.begin(), trace.events.end(),
                                    [](const auto& e) { return e.kind == modes::TraceKind::vehicle_move; });
    CHECK(vans > 0);
  }
}

TEST_CASE("the replay keeps whole tracks of every k-th courier within its move budget", "[trace][replay]") {
  const model::World world = model::build_world(small_world(23));
  modes::Trace trace;
  traced_run(world, "relay", trace);
  const auto moves = static_cast<std::size_t>(std::count_if(
      trace.events.begin(), trace.events.end(), [](const auto& e) { return e.kind == modes::TraceKind::courier_move; }));
  REQUIRE(moves > 20);

  report::ReplayOptions small;
  small.max_moves = moves / 2;  // forces a stride of 2 (or 3)
  report::ReplayBuilder all, half(small);
  all.add("relay", world, trace);
  half.add("relay", world, trace);
  const std::string a = all.html("small <area>"), h = half.html("small <area>");
  CHECK(a.find("\"stride\":1,") != std::string::npos);
  CHECK(h.find("\"stride\":1,") == std::string::npos);
  CHECK(h.size() < a.size());
  // Self-contained and escaped: no external resources, the name escaped.
  CHECK(a.find("small &lt;area&gt;") != std::string::npos);
  CHECK(a.find("src=\"http") == std::string::npos);
  CHECK(a.find("<canvas") != std::string::npos);
}

namespace {
/// The replay page's data (the JSON in its script element).
nlohmann::json replay_data(const std::string& page) {
  const std::string open = "<script id=\"data\" type=\"application/json\">";
  const auto from = page.find(open);
  REQUIRE(from != std::string::npos);
  const auto start = from + open.size();
  return nlohmann::json::parse(page.substr(start, page.find("</script>", start) - start));
}
}  // namespace

TEST_CASE("the replay keeps state changes and count changes within their budgets", "[trace][replay]") {
  const model::World world = model::build_world(two_days(24));
  modes::Trace trace;
  traced_run(world, "shelves", trace);
  report::ReplayBuilder full;
  full.add("shelves", world, trace);
  const auto all = replay_data(full.html("a"))["modes"][0];
  REQUIRE(all["stride"] == 1);
  REQUIRE(all["frame"] == 300);
  const std::size_t states = all["states"].size() / 3, moves = all["moves"].size() / 4;
  std::size_t changes = 0;
  for (const char* key : {"shelf", "gate", "people"})
    for (const auto& f : all[key]) changes += f.size() / 2;
  REQUIRE(states > 3 * 20);
  REQUIRE(changes > 3 * 20);

  // State changes over budget (moves within theirs): every k-th courier, fewer states.
  report::ReplayOptions few_states;
  few_states.max_states = states / 3;
  report::ReplayBuilder by_states(few_states);
  by_states.add("shelves", world, trace);
  const auto s = replay_data(by_states.html("a"))["modes"][0];
  CHECK(s["stride"] >= 3);
  CHECK(s["states"].size() / 3 <= few_states.max_states);  // exactly, not on average
  CHECK(s["moves"].size() / 4 < moves);
  CHECK(s["shown"] == (all["couriers"].get<std::size_t>() + s["stride"].get<std::size_t>() - 1) / s["stride"].get<std::size_t>());

  // Count changes over budget: wider frames until they fit; the tracks are untouched.
  report::ReplayOptions few_counts;
  few_counts.max_count_changes = changes / 3;
  report::ReplayBuilder by_counts(few_counts);
  by_counts.add("shelves", world, trace);
  const auto c = replay_data(by_counts.html("a"))["modes"][0];
  std::size_t kept = 0;
  for (const char* key : {"shelf", "gate", "people"})
    for (const auto& f : c[key]) kept += f.size() / 2;
  CHECK(kept <= few_counts.max_count_changes);
  CHECK(c["frame"] > 300);
  CHECK(c["shelf"].size() == static_cast<std::size_t>(2 * 86400 / c["frame"].get<std::int64_t>() + 1));
  CHECK(c["stride"] == 1);
  CHECK(c["moves"] == all["moves"]);
  // The delivered count does not depend on the sampling.
  CHECK(c["delivered"] == all["delivered"]);
}
