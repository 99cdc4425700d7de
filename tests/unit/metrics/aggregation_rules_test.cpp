// KPI aggregation across replications through the KPI table: lower bounds stay lower bounds
// whatever the replications' order, and a paired difference involving a lower bound is n/a
// (issue 13, mutations aggregate-at-least and paired-censored).
#include <catch2/catch.hpp>

#include <cmath>

#include "last100/metrics/kpi.hpp"
#include "last100/metrics/kpi_table.hpp"

using namespace last100::metrics;

TEST_CASE("the mean over replications is a lower bound if any replication's value was, first or last", "[metrics][kpi]") {
  Summary censored, exact;
  censored.lead_time_minutes.p90 = 300;
  censored.lead_time_minutes.p90_at_least = true;  // more than 300
  exact.lead_time_minutes.p90 = 100;
  fill_kpis(censored);
  fill_kpis(exact);
  const auto i = kpi_index("lead_time_minutes.p90");
  for (const auto& reps : {std::vector<Summary>{censored, exact}, std::vector<Summary>{exact, censored}}) {
    const Summary m = aggregate(reps);
    CHECK(m.kpis[i].mean == 200.0);
    CHECK(m.kpis[i].at_least);
    CHECK(m.lead_time_minutes.p90 == 200.0);
    CHECK(m.lead_time_minutes.p90_at_least);
  }
  // Exact throughout: exact.
  CHECK(!aggregate({exact, exact}).kpis[i].at_least);
}

TEST_CASE("a paired difference with a lower bound on either side is n/a", "[metrics][kpi]") {
  Summary a1, a2, b1, b2;
  a1.lead_time_minutes.p90 = 100, a2.lead_time_minutes.p90 = 120;
  b1.lead_time_minutes.p90 = 90, b2.lead_time_minutes.p90 = 200;
  b2.lead_time_minutes.p90_at_least = true;  // the second replication of b: more than 200
  a1.orders.delivered = 50, a2.orders.delivered = 60;
  b1.orders.delivered = 55, b2.orders.delivered = 61;
  for (Summary* s : {&a1, &a2, &b1, &b2}) fill_kpis(*s);
  Summary b = aggregate({b1, b2});
  add_paired_differences(b, {b1, b2}, {a1, a2});
  const Estimate p90 = b.differences[kpi_index("lead_time_minutes.p90")];
  CHECK(std::isnan(p90.mean));
  CHECK(p90.observed == 0);
  // The exact KPIs still get theirs: (5 + 1) / 2 = 3, s = 2 sqrt(2), s / sqrt(2) = 2.
  const Estimate delivered = b.differences[kpi_index("orders.delivered")];
  CHECK(delivered.mean == 3.0);
  CHECK(delivered.half_width == Approx(12.7062 * 2.0));
}
