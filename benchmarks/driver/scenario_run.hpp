#pragma once
#include <string>

namespace last100::bench {

struct ScenarioOptions {
  std::string file;  ///< a scenario file (TOML)
  std::string only;  ///< one of its modes, or all of them when empty
};

/// Loads a scenario, builds its world once (first replication's seed), then runs each of its
/// modes once on it, printing one JSON line per mode: world build time, run time, engine
/// events, orders, events per order and the headline KPIs. For the throughput suite
/// (benchmarks/report.sh), which takes the 95% intervals from `last100 compare --json`.
int run_scenario_file(const ScenarioOptions& o);

}  // namespace last100::bench
