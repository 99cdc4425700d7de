// Common random numbers pay: on the bundled comparison, paired differences between modes have
// narrower intervals than Welch intervals from the same replications treated as independent.
#include <catch2/catch.hpp>

#include <string>

#include "last100/experiment/experiment.hpp"
#include "last100/metrics/kpi_table.hpp"

using namespace last100;

TEST_CASE("paired half-widths are smaller than unpaired ones on the bundled comparison", "[experiment][paired]") {
  const std::string file = std::string(LAST100_TEST_SOURCE_DIR) + "/../scenarios/compare.toml";
  const auto v = experiment::load_variant(file, {"run.duration=8h", "mode.modes=[\"relay\",\"shelves\"]"});
  experiment::Experiment e({v});
  e.run(4);
  const auto s = e.summaries();
  REQUIRE(s.size() == 2);
  REQUIRE(s[1].differences_paired);
  metrics::Summary unpaired = s[1];
  metrics::add_unpaired_differences(unpaired, e.runs(1), e.runs(0));
  for (const char* key : {"orders.delivered", "throughput_per_hour", "lead_time_minutes.p50"}) {
    INFO(key);
    const std::size_t k = metrics::kpi_index(key);
    const auto& p = s[1].differences[k];
    const auto& u = unpaired.differences[k];
    // Both estimate the same difference of means ...
    CHECK(p.mean == Approx(u.mean).margin(1e-9));
    // ... the paired one with the demand's variation removed.
    CHECK(p.half_width < u.half_width);
  }
}
