// A researcher's first call, load_scenario(file) with default options, must give a scenario
// that runs: the built-in modes get their default and typed knobs from the registry.
#include <catch2/catch.hpp>

#include <string>

#include "last100/experiment/run.hpp"
#include "last100/scenario/scenario.hpp"

using namespace last100;
using namespace std::chrono_literals;

namespace {
const std::string scenarios = std::string(LAST100_TEST_SOURCE_DIR) + "/../scenarios/";
}

TEST_CASE("load_scenario with default options gives built-in modes their defaults and typed knobs",
          "[experiment][scenario]") {
  const scenario::Scenario s = scenario::load_scenario(scenarios + "shuangjing.toml");
  REQUIRE(s.modes.size() == 1);
  // Given in the file as "10min": read as a duration, not kept as text.
  CHECK(s.modes[0].knobs.duration("call_window") == sim::Duration{10min});
}

TEST_CASE("a bundled comparison loaded with default options runs every mode", "[experiment][scenario]") {
  const scenario::Scenario s = scenario::load_scenario(scenarios + "compare.toml");
  experiment::RunOptions o;
  o.replications = 1;
  o.threads = 1;
  std::vector<metrics::Summary> out;
  REQUIRE_NOTHROW(out = experiment::run_scenario(s, o));
  REQUIRE(out.size() == s.modes.size());
  for (const auto& m : out) {
    INFO(m.mode);
    CHECK(m.orders.delivered > 0);
  }
}
