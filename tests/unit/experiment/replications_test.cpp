// Replications: means with 95% half-widths, and paired differences between modes that share
// each replication's world (common random numbers).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "last100/experiment/run.hpp"
#include "last100/metrics/kpi_table.hpp"
#include "last100/model/demand.hpp"
#include "last100/modes/mode.hpp"

using namespace last100;

namespace {
scenario::Scenario two_modes(std::uint32_t replications) {
  scenario::Scenario s;
  s.name = "replications";
  s.world.area.compounds = 2;
  s.world.area.buildings = 6;
  s.world.demand = model::typical_demand();
  s.world.couriers.push_back({});
  s.world.couriers.back().count = 3;
  s.world.run.duration = std::chrono::hours{24};
  s.world.run.seed = 3;
  s.world.run.replications = replications;
  for (const char* m : {"relay", "per_building"})
    s.modes.push_back({m, modes::Knobs::defaults(modes::find_mode(m)->knobs)});
  return s;
}
const metrics::Estimate* find(const metrics::Summary& s, const std::string& name) {
  const bool diff = name.rfind("diff:", 0) == 0;
  const auto& v = diff ? s.differences : s.kpis;
  if (v.empty()) return nullptr;
  return &v[metrics::kpi_index(diff ? name.substr(5) : name)];
}
}  // namespace

TEST_CASE("replicated modes get paired differences that reflect their shared demand", "[experiment]") {
  const auto out = experiment::run_scenario(two_modes(4), {});
  REQUIRE(out.size() == 2);
  CHECK(out[0].replications == 4);
  // Both modes saw the same orders in every replication: the paired difference is exactly 0.
  const auto* created = find(out[1], "diff:orders.created");
  REQUIRE(created != nullptr);
  CHECK(created->mean == 0.0);
  CHECK(created->half_width == 0.0);
  // Demand differs between replications, so the unpaired interval of the count is not 0.
  REQUIRE(find(out[0], "orders.created") != nullptr);
  CHECK(find(out[0], "orders.created")->half_width > 0.0);
  // The mean of the differences is the difference of the means.
  const auto* d = find(out[1], "diff:lead_time_minutes.p50");
  REQUIRE(d != nullptr);
  CHECK(d->mean == Approx(find(out[1], "lead_time_minutes.p50")->mean - find(out[0], "lead_time_minutes.p50")->mean).margin(1e-9));
  // The first mode is the baseline: it has no differences.
  CHECK(find(out[0], "diff:orders.created") == nullptr);
}

TEST_CASE("a single replication reports values without intervals", "[experiment]") {
  const auto out = experiment::run_scenario(two_modes(1), {});
  CHECK(out[0].differences.empty());
  CHECK(out[1].differences.empty());
  CHECK(std::isnan(find(out[0], "orders.created")->half_width));
}

TEST_CASE("replication intervals match hand-computed Student t half-widths and paired differences", "[experiment]") {
  // Four replications of two modes, summaries made by hand (combine_jobs only aggregates).
  // Mode A's throughput 10, 12, 14, 16: mean 13, s = sqrt(20/3), half-width
  // t(0.975, 3 df) * s / sqrt(4) = 3.18245 * 2.58199 / 2 = 4.10852.
  // Mode B's throughput 11, 15, 14, 20: differences to A 1, 3, 0, 4: mean 2, s = sqrt(10/3),
  // half-width 3.18245 * 1.82574 / 2 = 2.90516 (unpaired B alone: mean 15, s = sqrt(14), 5.95381).
  scenario::Scenario s = two_modes(4);
  const double a[] = {10, 12, 14, 16}, b[] = {11, 15, 14, 20};
  std::vector<metrics::Summary> jobs;
  for (int r = 0; r < 4; ++r) {  // job j is replication j / modes of mode j % modes
    for (const double x : {a[r], b[r]}) {
      metrics::Summary m;
      m.measured_hours = 24;  // a throughput over no measured time would be n/a
      m.throughput_per_hour = x;
      jobs.push_back(m);
    }
  }
  const auto out = experiment::combine_jobs(s, {}, jobs);
  REQUIRE(out.size() == 2);
  const auto* ia = find(out[0], "throughput_per_hour");
  const auto* ib = find(out[1], "throughput_per_hour");
  const auto* d = find(out[1], "diff:throughput_per_hour");
  REQUIRE(ia != nullptr);
  REQUIRE(ib != nullptr);
  REQUIRE(d != nullptr);
  CHECK(ia->mean == Approx(13.0).margin(1e-12));
  CHECK(ia->half_width == Approx(4.10852).epsilon(1e-5));
  CHECK(out[0].throughput_per_hour == Approx(13.0).margin(1e-12));  // the summary holds the mean
  CHECK(ib->mean == Approx(15.0).margin(1e-12));
  CHECK(ib->half_width == Approx(5.95381).epsilon(1e-5));
  CHECK(d->mean == Approx(2.0).margin(1e-12));
  CHECK(d->half_width == Approx(2.90516).epsilon(1e-5));
  // Two replications use t(0.975, 1 df) = 12.7062: values 1 and 3, s = sqrt(2), 12.7062 * 1 = 12.7062.
  s = two_modes(2);
  jobs.clear();
  for (const double x : {1.0, 0.0, 3.0, 0.0}) {
    metrics::Summary m;
    m.measured_hours = 24;
    m.throughput_per_hour = x;
    jobs.push_back(m);
  }
  const auto two = experiment::combine_jobs(s, {}, jobs);
  REQUIRE(find(two[0], "throughput_per_hour") != nullptr);
  CHECK(find(two[0], "throughput_per_hour")->half_width == Approx(12.7062).epsilon(1e-6));
}

TEST_CASE("each replication's world build is reported from the calling thread, and changes nothing", "[experiment]") {
  const auto s = two_modes(3);
  std::vector<std::pair<std::uint32_t, double>> builds;
  experiment::RunOptions watched;
  watched.threads = 1;  // the calling thread builds every world
  watched.on_world_build = [&](std::uint32_t rep, double done) { builds.emplace_back(rep, done); };
  const auto seen = experiment::run_scenario(s, watched);
  experiment::RunOptions plain;
  plain.threads = 1;
  const auto unseen = experiment::run_scenario(s, plain);
  for (std::uint32_t rep = 0; rep < 3; ++rep) {
    INFO("replication " << rep);
    CHECK(std::count(builds.begin(), builds.end(), std::pair(rep, 1.0)) >= 1);  // each world finished
  }
  CHECK(std::all_of(builds.begin(), builds.end(), [](const auto& b) { return b.second > 0 && b.second <= 1; }));
  REQUIRE(seen.size() == unseen.size());
  for (std::size_t m = 0; m < seen.size(); ++m) {
    CHECK(seen[m].kpis.size() == unseen[m].kpis.size());
    for (std::size_t k = 0; k < seen[m].kpis.size(); ++k) {
      const double a = seen[m].kpis[k].mean, b = unseen[m].kpis[k].mean;
      CHECK(((std::isnan(a) && std::isnan(b)) || a == b));
      CHECK(seen[m].kpis[k].observed == unseen[m].kpis[k].observed);
    }
  }
}
