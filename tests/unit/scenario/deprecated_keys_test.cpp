// A key moved to its one home keeps working for one release, with a warning naming the new
// key at the old one's place (issue 10, item 9).
#include <catch2/catch.hpp>

#include <string>

#include "last100/experiment/run.hpp"
#include "last100/scenario/scenario.hpp"

using namespace last100;

namespace {

const std::string base = R"(
[area]
compounds = 1
buildings = 2
[[couriers]]
count = 2
[mode]
name = "shelves"
)";

std::int64_t shelf_k(const scenario::Scenario& s) { return s.modes.at(0).knobs.integer("max_at_shelf"); }

}  // namespace

TEST_CASE("[zone] max_at_shelf warns, names [mode.shelves] max_at_shelf, and still caps the knob", "[scenario]") {
  const auto old_form = scenario::load_scenario_string(base + "[zone]\nmax_at_shelf = 2\n[mode.shelves]\nmax_at_shelf = 5\n",
                                                       "old.toml", experiment::load_options());
  REQUIRE(old_form.warnings.size() == 1);
  CHECK(old_form.warnings[0].rfind("old.toml:", 0) == 0);
  CHECK(old_form.warnings[0].find("[mode.shelves] max_at_shelf") != std::string::npos);
  CHECK(old_form.world.zone.max_at_shelf == 2);
  CHECK(shelf_k(old_form) == 5);  // the knob as written; the mode applies the cap

  // The one home alone: no warning, the knob raises K by itself, and nothing caps it.
  const auto new_form = scenario::load_scenario_string(base + "[mode.shelves]\nmax_at_shelf = 5\n", "new.toml",
                                                       experiment::load_options());
  CHECK(new_form.warnings.empty());
  CHECK(new_form.world.zone.max_at_shelf == 0);
  CHECK(shelf_k(new_form) == 5);
  // Written back only when set, so a printed scenario reloads as it was.
  CHECK(scenario::to_toml(new_form, experiment::load_options().lookup_mode).find("max_at_shelf = 5") != std::string::npos);
  const std::string printed_old = scenario::to_toml(old_form, experiment::load_options().lookup_mode);
  const auto reloaded = scenario::load_scenario_string(printed_old, "printed.toml", experiment::load_options());
  CHECK(reloaded.world.zone.max_at_shelf == 2);
}
