// Issue 9, item 6: how long the backlog takes to fall back to its pre-surge level after a
// demand surge, on hand-made series and a hand-made run with hand-computed answers.
#include <catch2/catch.hpp>

#include <cmath>

#include "last100/metrics/kpi.hpp"
#include "last100/metrics/kpi_table.hpp"
#include "last100/metrics/recovery.hpp"
#include "last100/model/world.hpp"
#include "last100/report/json.hpp"

using namespace last100;
using namespace last100::metrics;
using model::Category;
using model::Stage;
using namespace std::chrono_literals;

TEST_CASE("surge windows: consecutive surge days form one window, cut at the horizon", "[metrics][recovery]") {
  model::DemandParams d;
  CHECK(surge_windows(d, 96).empty());  // no surge declared
  d.surges = {{0, 3.0, Category::fresh_food}, {0, 1.5, Category::parcel},  // day 0: one window
              {1, 0.5, {}},                                                 // a dip is no surge
              {2, 2.0, {}}, {3, 1.2, Category::staples},                    // days 2 and 3: one window
              {4, 2.0, {}}, {4, 0.5, {}},                                   // x2 x 0.5 = 1: no surge
              {5, 4.0, {}}};                                                // after the horizon
  const auto w = surge_windows(d, 84);
  REQUIRE(w.size() == 2);
  CHECK(w[0].start_hours == 0);
  CHECK(w[0].end_hours == 24);
  CHECK(w[1].start_hours == 48);
  CHECK(w[1].end_hours == 84);  // days 2-3 end at 96 h, demand stops at 84 h
  const auto all = surge_windows(d, 200);
  REQUIRE(all.size() == 3);
  CHECK(all[1].end_hours == 96);
  CHECK(all[2].start_hours == 120);
  CHECK(all[2].end_hours == 144);
}

TEST_CASE("surge recovery: from the surge's end until the backlog is back at its level when the surge began",
          "[metrics][recovery]") {
  // Hourly samples at 1..12 h; a surge over [3, 6) h.
  const std::vector<double> t{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  const std::vector<double> backlog{2, 3, 4, 8, 12, 15, 11, 7, 5, 4, 3, 0};
  // Level at 3 h: 4. After 6 h the backlog first reads <= 4 at 10 h: 4 h.
  const SurgeRecovery r = surge_recovery(t, backlog, {3, 6}, 12);
  CHECK(r.start_hours == 3);
  CHECK(r.end_hours == 6);
  CHECK(r.pre_surge_backlog == 4);
  CHECK(r.clear_hours.mean == 4);
  CHECK(!r.clear_hours.at_least);
  CHECK(r.clear_hours.observed == 1);
  // A surge that opens the run starts from an empty backlog: back to 0 at 12 h, 10 h after 2 h.
  const SurgeRecovery first = surge_recovery(t, backlog, {0, 2}, 12);
  CHECK(first.pre_surge_backlog == 0);
  CHECK(first.clear_hours.mean == 10);
  // A start between samples takes the sample before it (2.5 h -> the 3 at 2 h): <= 3 at 11 h.
  CHECK(surge_recovery(t, backlog, {2.5, 6}, 12).clear_hours.mean == 5);
  // Already back when the surge ends: 0.
  CHECK(surge_recovery(t, {2, 3, 4, 8, 12, 4, 1, 1, 1, 1, 1, 1}, {3, 6}, 12).clear_hours.mean == 0);
  // Never back before the run stopped at 9 h: more than 3 h.
  const std::vector<double> t9(t.begin(), t.begin() + 9), b9(backlog.begin(), backlog.begin() + 9);
  const SurgeRecovery cut = surge_recovery(t9, b9, {3, 6}, 9);
  CHECK(cut.clear_hours.mean == 3);
  CHECK(cut.clear_hours.at_least);
}

TEST_CASE("the surge KPI is the longest recovery, a lower bound if one is, n/a without a surge",
          "[metrics][recovery][kpi]") {
  TimeSeries ts;
  ts.time_hours = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  ts.backlog = {2, 3, 4, 8, 12, 15, 11, 7, 5, 4, 3, 0};
  Recovery rc;
  rc.end_hours = 12;
  add_surge_recovery(rc, {{0, 2}, {3, 6}}, ts);  // 10 h and 4 h
  REQUIRE(rc.surges.size() == 2);
  CHECK(rc.clear_after_surge_hours == 10);
  CHECK(!rc.clear_after_surge_at_least);
  // A surge over [10, 11): level 4 (the sample at 10 h); at 11 h the backlog reads 3: 0 h.
  add_surge_recovery(rc, {{3, 6}, {10, 11}}, ts);
  CHECK(rc.surges[1].pre_surge_backlog == 4);
  CHECK(rc.surges[1].clear_hours.mean == 0);
  CHECK(rc.clear_after_surge_hours == 4);
  // Cut at 9 h: the first surge's recovery is a lower bound (> 3 h), so is the longest.
  rc.end_hours = 9;
  ts.time_hours.resize(9);
  ts.backlog.resize(9);
  add_surge_recovery(rc, {{0, 1}, {3, 6}}, ts);
  CHECK(rc.surges[0].clear_hours.mean == 8);
  CHECK(rc.surges[0].clear_hours.at_least);
  CHECK(rc.clear_after_surge_hours == 8);
  CHECK(rc.clear_after_surge_at_least);
  add_surge_recovery(rc, {}, ts);
  CHECK(rc.surges.empty());
  CHECK(std::isnan(rc.clear_after_surge_hours));
  Summary s;
  s.recovery = rc;
  CHECK(std::isnan(kpi_estimate(s, kpi_index("recovery.clear_after_surge_hours")).mean));  // n/a
}

namespace {

/// A world with no generated demand (orders added by hand), three days, hourly samples, and
/// a surge on day 1 when `surge`.
model::World hand_world(bool surge) {
  model::WorldParams p;
  model::CourierGroup g;
  g.count = 1;
  p.couriers.push_back(g);
  p.run.duration = 72h;
  if (surge) p.demand.surges = {{1, 2.0, Category::parcel}};
  model::World w = model::build_world(p);
  // Two orders placed at 23:00, delivered at 30 h: open at 24 h, the surge's start.
  for (int i = 0; i < 2; ++i) {
    const auto id = w.orders.add(model::HouseholdId{0}, Category::parcel, 1.0f, 0, sim::TimePoint{23h});
    w.orders.stamp(id, Stage::handed_over, sim::TimePoint{30h});
  }
  // Five orders placed at 30 h, delivered at 50, 51, 52, 53 and 54 h.
  for (int i = 0; i < 5; ++i) {
    const auto id = w.orders.add(model::HouseholdId{0}, Category::parcel, 1.0f, 0, sim::TimePoint{30h});
    w.orders.stamp(id, Stage::handed_over, sim::TimePoint{50h + i * 1h});
  }
  return w;
}

Summary hand_run(const model::World& w) {
  RunRecord r;
  r.scenario = "unit";
  r.mode = "by hand";
  r.end = sim::TimePoint{72h};
  r.horizon = sim::TimePoint{72h};
  return summarise(w, r);
}

}  // namespace

TEST_CASE("a run's summary measures the backlog's recovery after the scenario's surge", "[metrics][recovery]") {
  const Summary s = hand_run(hand_world(true));
  // The surge is day 1: [24, 48) h. Backlog at 24 h: the 2 orders of 23:00. At 48 h the 5
  // orders of 30 h are open; one is handed over at each of 50..54 h, so the sample at 50 h
  // reads 4, at 51 h 3, at 52 h 2 = the pre-surge level: 4 h after the surge ended.
  REQUIRE(s.recovery.surges.size() == 1);
  const auto& w = s.recovery.surges[0];
  CHECK(w.start_hours == 24);
  CHECK(w.end_hours == 48);
  CHECK(w.pre_surge_backlog == 2);
  CHECK(w.clear_hours.mean == 4);
  CHECK(!w.clear_hours.at_least);
  const Estimate kpi = kpi_estimate(s, kpi_index("recovery.clear_after_surge_hours"));
  CHECK(kpi.mean == 4);
  CHECK(!kpi.at_least);
  // Peak backlog and when: 5 at the samples from 30 h (an order counts from the first sample
  // at or after its placement) to 49 h; the first is kept.
  CHECK(s.orders.created == 7);
  CHECK(s.recovery.peak_backlog == 5);
  CHECK(s.recovery.peak_backlog_at_hours == 30);
  // The same orders without a declared surge: n/a (JSON null), not 0.
  const Summary none = hand_run(hand_world(false));
  CHECK(none.recovery.surges.empty());
  CHECK(std::isnan(kpi_estimate(none, kpi_index("recovery.clear_after_surge_hours")).mean));
}

TEST_CASE("surge recovery is averaged over replications and read back from JSON", "[metrics][recovery][json]") {
  Summary a = hand_run(hand_world(true));
  Summary b = a;
  // Replication b: back 8 h after the surge, starting from 4 open orders.
  b.recovery.surges[0].pre_surge_backlog = 4;
  b.recovery.surges[0].clear_hours.mean = 8;
  b.recovery.clear_after_surge_hours = 8;
  fill_kpis(b);
  const Summary m = aggregate({a, b});
  REQUIRE(m.recovery.surges.size() == 1);
  CHECK(m.recovery.surges[0].pre_surge_backlog == 3);
  CHECK(m.recovery.surges[0].clear_hours.mean == 6);
  CHECK(m.recovery.surges[0].clear_hours.observed == 2);
  // t(0.975, 1) x s / sqrt(2), s = 2 sqrt(2): 12.7062 x 2
  CHECK(m.recovery.surges[0].clear_hours.half_width == Approx(12.7062 * 2.0));
  CHECK(m.kpis[kpi_index("recovery.clear_after_surge_hours")].mean == 6);
  CHECK(m.recovery.clear_after_surge_hours == 6);
  // What the writers print round-trips (MPI ranks send their summaries as JSON).
  const auto back = report::summaries_from_json(report::to_json(std::vector<Summary>{m}, true));
  REQUIRE(back.size() == 1);
  REQUIRE(back[0].recovery.surges.size() == 1);
  CHECK(back[0].recovery.surges[0].start_hours == 24);
  CHECK(back[0].recovery.surges[0].end_hours == 48);
  CHECK(back[0].recovery.surges[0].pre_surge_backlog == 3);
  CHECK(back[0].recovery.surges[0].clear_hours.mean == 6);
  CHECK(back[0].recovery.surges[0].clear_hours.half_width == Approx(12.7062 * 2.0));
  CHECK(back[0].kpis[kpi_index("recovery.clear_after_surge_hours")].mean == 6);
}
