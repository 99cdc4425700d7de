#include <catch2/catch.hpp>

#include <cmath>

#include "last100/metrics/kpi.hpp"
#include "last100/metrics/ledger.hpp"
#include "last100/metrics/kpi_table.hpp"
#include "last100/metrics/percentile.hpp"
#include "last100/metrics/time_series.hpp"
#include "last100/model/world.hpp"

using namespace last100;
using namespace last100::metrics;
using model::Category;
using model::Stage;
using namespace std::chrono_literals;

TEST_CASE("percentiles follow the nearest-rank definition", "[world][metrics]") {
  const std::vector<double> ten{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  CHECK(nearest_rank(ten, 50) == 5);
  CHECK(nearest_rank(ten, 90) == 9);
  CHECK(nearest_rank(ten, 91) == 10);
  CHECK(nearest_rank(ten, 99) == 10);
  CHECK(nearest_rank(ten, 0) == 1);
  CHECK(nearest_rank(ten, 100) == 10);
  CHECK(nearest_rank({1, 2, 3, 4}, 25) == 1);
  CHECK(nearest_rank({1, 2, 3, 4}, 26) == 2);
  CHECK(nearest_rank({7}, 99) == 7);
  CHECK(std::isnan(nearest_rank({}, 50)));  // no observation: n/a, never 0
  CHECK_THROWS_AS(nearest_rank(ten, 101), std::invalid_argument);
  const Percentiles p = percentiles({10, 1, 9, 2, 8, 3, 7, 4, 6, 5});
  CHECK(p.p50 == 5);
  CHECK(p.p90 == 9);
  CHECK(p.p99 == 10);
  CHECK(p.samples == 10);
}

TEST_CASE("the empirical CDF is increasing and ends at one", "[world][metrics]") {
  const auto small = empirical_cdf({1, 1, 2, 5});
  REQUIRE(small.size() == 3);
  CHECK(small[0].minutes == 1);
  CHECK(small[0].share == 0.5);
  CHECK(small[2].share == 1.0);
  std::vector<double> big;
  for (int i = 0; i < 10000; ++i) big.push_back(i * 0.01);
  const auto cdf = empirical_cdf(big, 200);
  REQUIRE(cdf.size() == 200);
  for (std::size_t i = 1; i < cdf.size(); ++i) {
    CHECK(cdf[i].minutes > cdf[i - 1].minutes);
    CHECK(cdf[i].share > cdf[i - 1].share);
  }
  CHECK(cdf.back().share == 1.0);
  CHECK(cdf.back().minutes == big.back());
}

namespace {

/// Plays a random short run: orders are released, move on and end; returns what is held.
PerCategory random_run(std::uint64_t seed, model::Orders& orders, OrderLedger& ledger, sim::TimePoint end) {
  sim::Rng rng(seed);
  PerCategory held{};
  const auto n = 200 + rng.uniform_int(300);
  for (std::uint64_t i = 0; i < n; ++i) {
    const auto cat = static_cast<Category>(rng.uniform_int(model::category_count));
    const sim::TimePoint placed{sim::Duration{static_cast<std::int64_t>(rng.uniform_int(3'600'000))}};
    const auto id = orders.add(model::HouseholdId{0}, cat, 1.0f, 0, placed);
    ledger.on_created(cat);
    orders.stamp(id, Stage::at_station, placed + 1min);
    switch (rng.uniform_int(4)) {
      case 0: orders.stamp(id, Stage::handed_over, placed + 30min); ledger.on_delivered(cat); break;
      case 1: orders.stamp(id, Stage::spoiled, placed + 40min); ledger.on_spoiled(cat); break;
      case 2: orders.cancel(id, model::CancelReason::by_resident, placed + 5min); ledger.on_cancelled(cat); break;
      default: ++held[static_cast<std::size_t>(cat)]; break;
    }
  }
  (void)end;
  return held;
}

}  // namespace

TEST_CASE("conservation holds for random short runs", "[world][metrics]") {
  const sim::TimePoint end{2h};
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    model::Orders orders;
    OrderLedger ledger;
    const PerCategory held = random_run(seed, orders, ledger, end);
    CHECK_NOTHROW(check_conservation(orders, ledger, held, end));
    const OrderCounts t = ledger.total();
    CHECK(t.created == t.delivered + t.spoiled + t.cancelled + t.in_flight);
    CHECK(t.created == orders.count());
  }
}

TEST_CASE("a lost or double-counted order is a conservation error", "[world][metrics]") {
  const sim::TimePoint end{2h};
  model::Orders orders;
  OrderLedger ledger;
  PerCategory held = random_run(99, orders, ledger, end);
  REQUIRE(held[0] > 0);
  SECTION("the mode lost one") {
    --held[0];
    CHECK_THROWS_AS(check_conservation(orders, ledger, held, end), ConservationError);
  }
  SECTION("a delivery counted twice") {
    ledger.on_delivered(Category::parcel);
    CHECK_THROWS_AS(ledger.check(held), ConservationError);
  }
  SECTION("the ledger and the stamps disagree") {
    ledger.on_created(Category::staples);
    ++held[static_cast<std::size_t>(Category::staples)];
    CHECK_NOTHROW(ledger.check(held));
    CHECK_THROWS_AS(check_conservation(orders, ledger, held, end), ConservationError);
  }
  // The ledger and the stamps disagree on how an order ended, with the totals still adding
  // up for the ledger's own check: each outcome is compared on its own.
  for (const int outcome : {0, 1, 2}) {
    DYNAMIC_SECTION("the ledger counts an outcome the stamps do not show: " << outcome) {
      const auto c = Category::parcel;
      const auto k = static_cast<std::size_t>(c);
      REQUIRE(held[k] > 0);
      if (outcome == 0) ledger.on_delivered(c);
      if (outcome == 1) ledger.on_spoiled(c);
      if (outcome == 2) ledger.on_cancelled(c);
      --held[k];
      CHECK_NOTHROW(ledger.check(held));
      CHECK_THROWS_AS(check_conservation(orders, ledger, held, end), ConservationError);
    }
  }
  SECTION("more ended than created") {
    OrderLedger empty;
    empty.on_cancelled(Category::medicine);
    CHECK_THROWS_WITH(empty.check(PerCategory{}), Catch::Contains("medicine"));
  }
}

TEST_CASE("the recorder refuses a sample off its step", "[world][metrics]") {
  TimeSeriesRecorder r(30min);
  Sample s;
  s.at = sim::TimePoint{30min};
  r.record(s);
  CHECK(r.next_due() == sim::TimePoint{60min});
  s.at = sim::TimePoint{45min};
  CHECK_THROWS_AS(r.record(s), std::logic_error);
  CHECK(r.samples().size() == 1);
  CHECK_THROWS_AS(TimeSeriesRecorder(0s), std::invalid_argument);
}

TEST_CASE("the summary computes counts, lead times, utilisation and series from a run", "[world][metrics]") {
  model::WorldParams p;
  model::CourierGroup g;
  g.count = 2;
  p.couriers.push_back(g);
  p.run.duration = 4h;  // no demand: orders are added by hand
  p.demand.categories[static_cast<std::size_t>(Category::takeout)].deadline = 60min;
  model::World w = model::build_world(p);
  REQUIRE(w.orders.count() == 0);
  // Ten parcels placed at 00:00 and delivered after 10, 20, ..., 100 minutes.
  for (int i = 1; i <= 10; ++i) {
    const auto id = w.orders.add(model::HouseholdId{0}, Category::parcel, 1.0f, 0, sim::TimePoint{0min});
    w.orders.stamp(id, Stage::at_gate, sim::TimePoint{5min});
    w.orders.stamp(id, Stage::handed_over, sim::TimePoint{i * 10min});
  }
  // A fresh order that spoiled, one takeout handed over late, one parcel still at the gate.
  auto f = w.orders.add(model::HouseholdId{1}, Category::fresh_food, 3.0f, 1, sim::TimePoint{0min});
  w.orders.stamp(f, Stage::spoiled, sim::TimePoint{3h});
  auto t = w.orders.add(model::HouseholdId{1}, Category::takeout, 1.0f, 2, sim::TimePoint{0min});
  w.orders.stamp(t, Stage::handed_over, sim::TimePoint{150min});
  auto q = w.orders.add(model::HouseholdId{2}, Category::parcel, 1.0f, 0, sim::TimePoint{90min});
  w.orders.stamp(q, Stage::at_gate, sim::TimePoint{100min});
  // Courier 0: 1 h walking, 1 h handing over, 2 h idle; courier 1 never starts.
  const auto c0 = make_id<model::CourierTag>(0);
  w.couriers.set_state(c0, model::CourierState::walking, sim::TimePoint{0h});
  w.couriers.set_state(c0, model::CourierState::handing_over, sim::TimePoint{1h});
  w.couriers.set_state(c0, model::CourierState::idle, sim::TimePoint{2h});

  RunRecord r;
  r.scenario = "unit";
  r.mode = "by hand";
  r.end = sim::TimePoint{4h};
  r.peak_shelf_crowding = 3;
  const Summary s = summarise(w, r);
  CHECK(s.orders.created == 13);
  CHECK(s.orders.delivered == 11);
  CHECK(s.orders.spoiled == 1);
  CHECK(s.orders.in_flight == 1);
  CHECK(s.spoiled_fresh == 1);
  CHECK(s.late_takeout == 1);  // 150 min > the 60 min deadline
  CHECK(s.by_category[0].orders.delivered == 10);
  // Lead times over all 13 measured orders; the spoiled one is censored at 240 min (what it
  // had waited at the end), q at 150 min. Exact: 10, 20, ..., 100, 150.
  // Parcels (11 with q): p50 = 6th = 60, p90 = 10th = 100, both below q's bound: exact.
  CHECK(s.by_category[0].lead_time_minutes.p50 == 60);
  CHECK(s.by_category[0].lead_time_minutes.p90 == 100);
  CHECK(!s.by_category[0].lead_time_minutes.p90_at_least);
  // All: p50 = 7th = 70 (exact); p90 = 12th and p99 = 13th fall among the censored: "more than".
  CHECK(s.lead_time_minutes.p50 == 70);
  CHECK(!s.lead_time_minutes.p50_at_least);
  CHECK(s.lead_time_minutes.p90 == 150);
  CHECK(s.lead_time_minutes.p90_at_least);
  CHECK(s.lead_time_minutes.p99 == 240);
  CHECK(s.lead_time_minutes.p99_at_least);
  CHECK(s.lead_time_minutes.samples == 13);
  CHECK(s.lead_time_minutes.censored == 2);
  // Service levels (2 h, 6 h, 12 h, 24 h by default): 10 of 13 within 2 h, 11 of 13 later.
  REQUIRE(s.service_levels.size() == 4);
  CHECK(s.service_levels[0] == Approx(10.0 / 13.0));
  CHECK(s.service_levels[1] == Approx(11.0 / 13.0));
  CHECK(s.recovery.peak_backlog == 6);
  CHECK(s.recovery.peak_backlog_at_hours == 1.0);
  CHECK(s.throughput_per_hour == Approx(11.0 / 4.0));
  CHECK(s.courier_utilisation.walking == Approx(0.25));
  CHECK(s.courier_utilisation.delivery == Approx(0.25));
  CHECK(s.courier_utilisation.idle == Approx(0.5));
  CHECK(s.orders_per_courier_hour == Approx(11.0 / 4.0));
  CHECK(s.peak_shelf_crowding == 3);
  REQUIRE(s.series.time_hours.size() == 4);
  CHECK(s.series.delivered_per_hour[0] == 6);   // 10..60 min
  CHECK(s.series.delivered_per_hour[1] == 4);   // 70..100 min
  CHECK(s.series.delivered_per_hour[2] == 1);   // the takeout at 150 min
  CHECK(s.series.backlog[0] == 6);              // at 1 h: 4 parcels, fresh, takeout (q not yet)
  CHECK(s.series.backlog_gate[0] == 4);
  CHECK(s.series.backlog[1] == 3);              // at 2 h: fresh, takeout, q
  CHECK(s.series.backlog_gate[1] == 1);
  CHECK(s.series.backlog[3] == 1);              // at 4 h: q
  CHECK(s.lead_time_cdf.back().share == Approx(11.0 / 13.0));  // two of 13 never delivered
}

TEST_CASE("two replications with different counts give their average", "[metrics][kpi]") {
  Summary a, b;
  a.orders = {10237, 10000, 37, 100, 100};
  b.orders = {10263, 10100, 13, 50, 100};
  a.lead_time_minutes.p90 = 100;
  b.lead_time_minutes.p90 = 120;
  a.measured_hours = b.measured_hours = 48;
  a.throughput_per_hour = 200;
  b.throughput_per_hour = 210;
  fill_kpis(a);
  fill_kpis(b);
  const Summary m = aggregate({a, b});
  const auto e = [&](const char* key) { return m.kpis[kpi_index(key)]; };
  CHECK(m.replications == 2);
  CHECK(e("orders.created").mean == 10250.0);
  // s^2 = (13^2 + 13^2) / 1 = 338, s / sqrt(2) = 13, t(0.975, 1) = 12.7062
  CHECK(e("orders.created").half_width == Approx(12.7062 * 13.0));
  CHECK(e("orders.delivered").mean == 10050.0);
  CHECK(e("orders.spoiled").mean == 25.0);
  CHECK(e("orders.cancelled").mean == 75.0);
  CHECK(e("lead_time_minutes.p90").mean == 110.0);
  CHECK(e("throughput_per_hour").mean == 205.0);
  CHECK(m.orders.created == 10250);  // the fields follow the means too
  CHECK(m.orders.delivered == 10050);
  // No lead time observed in either run: n/a, not 0.
  CHECK(std::isnan(e("lead_time_minutes.p50").mean));
  CHECK(e("lead_time_minutes.p50").observed == 0);
}

TEST_CASE("a replication without observation is left out of the mean, and a censored one makes it a lower bound", "[metrics][kpi]") {
  Summary a, b, c;
  a.lead_time_minutes.p90 = 100;
  c.lead_time_minutes.p90 = 300;
  c.lead_time_minutes.p90_at_least = true;  // more than 300
  for (Summary* s : {&a, &b, &c}) fill_kpis(*s);
  const auto i = kpi_index("lead_time_minutes.p90");
  const Estimate two = aggregate({a, b}).kpis[i];
  CHECK(two.mean == 100.0);
  CHECK(two.observed == 1);
  CHECK(std::isnan(two.half_width));
  const Estimate three = aggregate({a, b, c}).kpis[i];
  CHECK(three.mean == 200.0);
  CHECK(three.at_least);
  CHECK(three.observed == 2);
}

TEST_CASE("paired differences are the mean of per-replication differences", "[metrics][kpi]") {
  Summary a1, a2, b1, b2;
  a1.orders.created = b1.orders.created = 100;
  a2.orders.created = b2.orders.created = 140;
  a1.orders.delivered = 90, b1.orders.delivered = 80;
  a2.orders.delivered = 130, b2.orders.delivered = 116;
  for (Summary* s : {&a1, &a2, &b1, &b2}) fill_kpis(*s);
  Summary b = aggregate({b1, b2});
  add_paired_differences(b, {b1, b2}, {a1, a2});
  const Estimate created = b.differences[kpi_index("orders.created")];
  CHECK(created.mean == 0.0);
  CHECK(created.half_width == 0.0);
  const Estimate delivered = b.differences[kpi_index("orders.delivered")];
  CHECK(delivered.mean == -12.0);  // (-10 + -14) / 2
  CHECK(delivered.half_width == Approx(12.7062 * 2.0));  // s = 2 sqrt(2), s / sqrt(2) = 2
}
