// libFuzzer target: the scenario loader must turn any bytes into a Scenario or a
// ScenarioError, never crash, hang or leak. `extends` is off (no file system access), and
// a few --set overrides are derived from the input too.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "last100/scenario/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace last100::scenario;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  LoadOptions opt;
  opt.allow_extends = false;
  // Input after a 0xFF 0x00 marker is read as one --set override.
  if (const auto cut = text.find(std::string_view("\xff\x00", 2)); cut != std::string_view::npos) {
    opt.overrides.emplace_back(text.substr(cut + 2));
    text = text.substr(0, cut);
  }
  try {
    const Scenario s = load_scenario_string(text, "fuzz.toml", opt);
    const std::string printed = to_toml(s);
    // What we print must load again.
    LoadOptions again;
    again.allow_extends = false;
    (void)load_scenario_string(printed, "printed.toml", again);
  } catch (const ScenarioError&) {
  }
  (void)parse_duration;
  return 0;
}
