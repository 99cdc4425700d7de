// Replications: means with 95% half-widths, and paired differences between modes that share
// each replication's world (common random numbers).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

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
