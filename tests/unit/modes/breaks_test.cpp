// Couriers' breaks (issue 11, items 7-8; docs/modes.md, "Breaks"): a daily meal break and
// short rests, taken when the courier finishes the tour it is on, counted as on_break (not
// available, not working time).
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "last100/modes/run_mode.hpp"
#include "last100/modes/trace.hpp"
#include "modes_support.hpp"

using namespace last100;
using namespace last100::modes_test;

namespace {

using model::CourierState;

// The small area with more parcels than the three couriers can carry in a day, all placed
// before 06:00: they never run out of work, so what they deliver is their capacity (as in
// validation case V1).
model::WorldParams saturated_world(std::uint64_t seed) {
  model::WorldParams p = small_world(seed);
  for (auto& c : p.demand.categories) c.orders_per_household_per_day = 0.0;
  auto& parcels = p.demand.categories[static_cast<std::size_t>(model::Category::parcel)];
  parcels.orders_per_household_per_day = 30.0;
  parcels.hourly_profile = {};
  for (unsigned h = 0; h < 6; ++h) parcels.hourly_profile[h] = 1.0;
  p.demand.surges.clear();
  p.vehicles.count = 4;
  return p;
}

struct Span {
  std::int64_t from, to;  // ms
};

// Per courier: its states in time order (at, state), and its moves (at, to, length).
struct Timeline {
  std::vector<std::pair<std::int64_t, CourierState>> states;
  std::vector<modes::TraceEvent> moves;
  std::vector<Span> breaks(std::int64_t end) const {
    std::vector<Span> out;
    for (std::size_t i = 0; i < states.size(); ++i)
      if (states[i].second == CourierState::on_break)
        out.push_back({states[i].first, i + 1 < states.size() ? states[i + 1].first : end});
    return out;
  }
};

struct Traced {
  modes::RunResult result;
  std::vector<Timeline> couriers;
  std::int64_t end_ms;
};

Traced traced_run(const model::World& world, const std::string& mode) {
  modes::Trace trace;
  modes::RunModeOptions options;
  options.trace = &trace;
  const auto m = mode_run(mode);
  Traced t{modes::run_mode(world, m.name, m.knobs, options), {}, 0};
  t.couriers.resize(world.couriers.count());
  for (const auto& e : trace.events) {
    t.end_ms = std::max(t.end_ms, e.at_ms);
    if (e.kind == modes::TraceKind::state) t.couriers[e.subject].states.emplace_back(e.at_ms, static_cast<CourierState>(e.value));
    if (e.kind == modes::TraceKind::courier_move) t.couriers[e.subject].moves.push_back(e);
  }
  return t;
}

constexpr std::int64_t ms(sim::Duration d) { return d.count(); }

// A tour: from the walk to the place it loads at (or the loading itself) to the walk to the
// next load or the first state that is not a leg of a tour (idle, a break, duty, off shift).
std::int64_t longest_tour_ms(const std::vector<Timeline>& couriers) {
  std::int64_t longest = 0;
  for (const auto& tl : couriers) {
    std::int64_t began = -1;
    for (std::size_t i = 0; i < tl.states.size(); ++i) {
      const auto [at, s] = tl.states[i];
      const bool leg = s == CourierState::walking || s == CourierState::climbing || s == CourierState::handing_over;
      if (s == CourierState::loading) {
        const std::int64_t start = i > 0 && tl.states[i - 1].second == CourierState::walking ? tl.states[i - 1].first : at;
        if (began >= 0) longest = std::max(longest, start - began);
        began = start;
      } else if (!leg) {
        if (began >= 0) longest = std::max(longest, at - began);
        began = -1;
      }
    }
  }
  return longest;
}

}  // namespace

TEST_CASE("a break begins only between tours, at the gate, and the courier neither moves nor hands over during it",
          "[modes][breaks]") {
  for (const char* mode : {"per_building", "relay"}) {
    CAPTURE(mode);
    model::WorldParams p = small_world(71);
    p.demand = daytime_demand();
    p.couriers.front().meal_break = 45min;
    p.couriers.front().rest_break = 10min;
    p.couriers.front().rest_break_every = 90min;
    p.run.duration = 48h;
    const model::World world = model::build_world(p);
    const Traced t = traced_run(world, mode);
    const auto gates = world.area.places_of_kind(net::PlaceKind::gate);
    const std::set<std::uint32_t> gate_ids = [&] {
      std::set<std::uint32_t> s;
      for (auto g : gates) s.insert(g.index());
      return s;
    }();
    int breaks = 0;
    for (std::size_t c = 0; c < t.couriers.size(); ++c) {
      const Timeline& tl = t.couriers[c];
      for (std::size_t i = 0; i < tl.states.size(); ++i) {
        if (tl.states[i].second != CourierState::on_break) continue;
        ++breaks;
        const std::int64_t from = tl.states[i].first;
        const std::int64_t to = i + 1 < tl.states.size() ? tl.states[i + 1].first : t.end_ms;
        // Where it stands: the end of its last move, reached before the break began.
        const modes::TraceEvent* last = nullptr;
        for (const auto& m : tl.moves)
          if (m.at_ms <= from) last = &m;
        if (last != nullptr) {  // (none: it has not moved yet, and carries nothing)
          CHECK(last->at_ms + last->length_ms <= from);
          CHECK(gate_ids.count(last->value) == 1);
        }
        // The state before it ends a tour or a wait; the one after starts one (never a leg of
        // a tour left unfinished: climbing or handing over).
        REQUIRE(i > 0);
        const CourierState before = tl.states[i - 1].second;
        CHECK(before != CourierState::climbing);
        CHECK(before != CourierState::handing_over);
        CHECK(before != CourierState::loading);
        if (i + 1 < tl.states.size()) {
          const CourierState after = tl.states[i + 1].second;
          CHECK(after != CourierState::climbing);
          CHECK(after != CourierState::handing_over);
        }
        // Nothing moves during the break.
        for (const auto& m : tl.moves) CHECK_FALSE((m.at_ms > from && m.at_ms < to));
      }
    }
    // Three couriers, two days: a meal and several rests each day, none longer than the meal.
    CHECK(breaks >= 3 * 2 * 4);
    for (std::size_t c = 0; c < t.couriers.size(); ++c)
      for (const Span& b : t.couriers[c].breaks(t.end_ms)) CHECK(b.to - b.from <= ms(45min));
  }
}

TEST_CASE("break time per courier-day is the configured duration, and the meal starts within one tour of its window",
          "[modes][breaks]") {
  model::WorldParams p = small_world(72);
  p.demand = daytime_demand();
  p.couriers.front().meal_break = 1h;
  p.couriers.front().meal_break_from = 12h;
  p.couriers.front().meal_break_until = 14h;
  p.couriers.front().meal_break_max_share = 1.0;  // all may eat at once: the timing alone is tested here
  p.run.duration = 72h;
  const model::World world = model::build_world(p);
  const Traced t = traced_run(world, "per_building");
  const std::int64_t tour = longest_tour_ms(t.couriers);
  INFO("longest tour " << tour / 60000.0 << " min");
  REQUIRE(tour > 0);
  for (std::size_t c = 0; c < t.couriers.size(); ++c) {
    CAPTURE(c);
    std::map<std::int64_t, std::int64_t> per_day;  // day -> break ms
    for (const Span& b : t.couriers[c].breaks(t.end_ms)) {
      const std::int64_t day = b.from / ms(sim::one_day);
      per_day[day] += b.to - b.from;
      const std::int64_t window = day * ms(sim::one_day) + ms(12h);
      CHECK(b.from >= window);
      CHECK(b.from <= window + tour);
    }
    // Every day of the run (the drain after it included: couriers keep their shifts).
    CHECK(per_day.size() >= 3);
    for (const auto& [day, length] : per_day) {
      CAPTURE(day);
      CHECK(length == ms(1h));
    }
  }
  // Rests: one every rest_break_every of the shift since it began or since the last break,
  // each starting within one tour of being due.
  p.couriers.front().meal_break = sim::Duration{0};
  p.couriers.front().rest_break = 15min;
  p.couriers.front().rest_break_every = 2h;
  const model::World rested = model::build_world(p);
  const Traced r = traced_run(rested, "per_building");
  const std::int64_t rest_tour = longest_tour_ms(r.couriers);
  for (std::size_t c = 0; c < r.couriers.size(); ++c) {
    std::int64_t anchor = -1, day_seen = -1;
    for (const Span& b : r.couriers[c].breaks(r.end_ms)) {
      const std::int64_t day = b.from / ms(sim::one_day);
      if (day != day_seen) anchor = day * ms(sim::one_day) + ms(7h);  // the shift began
      day_seen = day;
      // A rest is cut short only by the end of the shift (20:00).
      const std::int64_t shift_end = day * ms(sim::one_day) + ms(20h);
      CHECK((b.to - b.from == ms(15min) || b.to == shift_end));
      CHECK(b.from >= anchor + ms(2h));
      CHECK(b.from <= anchor + ms(2h) + rest_tour);
      anchor = b.to;
    }
  }
}

TEST_CASE("deliveries per courier-day fall by the break share", "[modes][breaks]") {
  // Paired over 8 seeds: the same world with and without a 1-hour meal break in a 13-hour
  // shift. Couriers never run out of work, so deliveries follow working time: a day holds
  // 12 of 13 hours of work plus the tour finished after the shift (o, between 0 and one
  // tour T), so the expected ratio lies in [12/13, (12 + T)/(13 + T)].
  std::vector<double> ratios;
  std::int64_t tour_ms = 0;
  for (std::uint64_t seed = 81; seed < 89; ++seed) {
    model::WorldParams p = saturated_world(seed);
    const model::World plain = model::build_world(p);
    p.couriers.front().meal_break = 1h;
    const model::World with_breaks = model::build_world(p);
    const auto a = traced_run(plain, "per_building");
    const auto b = traced_run(with_breaks, "per_building");
    tour_ms = std::max({tour_ms, longest_tour_ms(a.couriers), longest_tour_ms(b.couriers)});
    const sim::TimePoint day_end = sim::at_day(1, sim::Duration{0});
    const int without = handed_over_before(a.result.world.orders, day_end);
    const int with = handed_over_before(b.result.world.orders, day_end);
    INFO("seed " << seed << ": " << without << " without, " << with << " with the break");
    REQUIRE(without > 0);
    // Saturated: orders were still waiting at the end of the day in both runs.
    REQUIRE(without < static_cast<int>(plain.orders.count()));
    ratios.push_back(static_cast<double>(with) / without);
  }
  const Paired r = paired(ratios);
  const double tour_h = static_cast<double>(tour_ms) / 3.6e6;
  const double lo = 12.0 / 13.0, hi = (12.0 + tour_h) / (13.0 + tour_h);
  INFO("ratio " << r.mean << " +- " << r.half_width << ", expected within [" << lo << ", " << hi << "]");
  CHECK(r.mean + r.half_width >= lo);
  CHECK(r.mean - r.half_width <= hi);
  // And the break is not free: the ratio is below 1 with confidence.
  CHECK(r.mean + r.half_width < 1.0);
}

TEST_CASE("break time is neither working time nor on-shift availability in the KPIs", "[modes][breaks][metrics]") {
  model::WorldParams p = saturated_world(91);
  p.couriers.front().meal_break = 1h;
  p.run.drain_limit = sim::Duration{0};  // one day: the KPI window is the whole run
  const model::World world = model::build_world(p);
  const auto r = run(world, mode_run("per_building"));
  const double break_h = std::chrono::duration<double>(time_in_state(r.world.couriers, CourierState::on_break)).count() / 3600.0;
  CHECK(break_h == Approx(3.0).margin(1e-9));  // three couriers, one day, one hour each
  // Orders per courier-hour count working hours only: the delivered orders over the hours in
  // the working states.
  double work_h = 0;
  for (CourierState s : {CourierState::idle, CourierState::loading, CourierState::walking, CourierState::climbing,
                         CourierState::handing_over, CourierState::on_duty})
    work_h += std::chrono::duration<double>(time_in_state(r.world.couriers, s)).count() / 3600.0;
  const auto& u = r.summary.courier_utilisation;
  CHECK(u.delivery + u.walking + u.stairs + u.duty + u.idle == Approx(1.0));
  const int delivered = handed_over_before(r.world.orders, sim::at_day(1, sim::Duration{0}));
  CHECK(r.summary.orders_per_courier_hour * work_h == Approx(static_cast<double>(delivered)).epsilon(0.01));
}

TEST_CASE("meals are staggered: at most the configured share of a group's couriers on shift eat at once",
          "[modes][breaks]") {
  // Ten couriers with little work: at 11:30 all of them are idle and due to eat. With a share
  // of 0.3, three eat at a time (floor of 0.3 x 10) and the rest as they come back; every
  // courier still has its meal every day. (Before, everyone idle went at 11:30.)
  for (const char* mode : {"relay", "per_building"}) {
    CAPTURE(mode);
    model::WorldParams p = small_world(73);
    p.demand = daytime_demand();
    p.couriers.front().count = 10;
    p.couriers.front().meal_break = 30min;
    p.couriers.front().meal_break_max_share = 0.3;
    p.run.duration = 48h;
    const model::World world = model::build_world(p);
    const Traced t = traced_run(world, mode);
    // A sweep over every break's start (+1) and end (-1); ends before starts at one moment.
    std::vector<std::pair<std::int64_t, int>> edges;
    std::map<std::int64_t, int> meals_per_day;
    for (const auto& tl : t.couriers)
      for (const Span& b : tl.breaks(t.end_ms)) {
        edges.emplace_back(b.from, +1);
        edges.emplace_back(b.to, -1);
        ++meals_per_day[b.from / ms(sim::one_day)];
      }
    std::sort(edges.begin(), edges.end());
    int eating = 0, most = 0;
    for (const auto& [at, d] : edges) most = std::max(most, eating += d);
    INFO("most couriers on a meal break at once: " << most);
    CHECK(most <= 3);
    CHECK(most >= 2);  // staggered, not forbidden: the sittings are used
    for (const std::int64_t day : {0, 1}) {
      CAPTURE(day);
      CHECK(meals_per_day[day] == 10);
    }
  }
}
