// Stub until the modes exist (issue 4): the modes engineer replaces these bodies with the
// registry (last100::modes::find_mode / all_modes) and the replication runner.

#include "last100/experiment/run.hpp"

#include <stdexcept>

namespace last100::experiment {

std::vector<metrics::Summary> run_scenario(const scenario::Scenario& /*scenario*/, const RunOptions& /*options*/) {
  throw std::runtime_error("no modes registered yet: this build cannot run scenarios (issue 4)");
}

const std::vector<modes::KnobSpec>* find_mode_knobs(std::string_view /*mode*/) { return nullptr; }

std::vector<std::string> mode_names() { return {}; }

scenario::LoadOptions load_options() {
  scenario::LoadOptions o;
  o.mode_names = mode_names();
  // Once modes are registered: o.lookup_mode = find_mode_knobs;
  if (!o.mode_names.empty()) o.lookup_mode = find_mode_knobs;
  return o;
}

}  // namespace last100::experiment
