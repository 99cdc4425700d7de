// Arrays in derived files (issue 12): replacing a base's array warns with both places;
// "couriers[0].count" keys change one item and [["couriers+"]] appends; --set mode.name
// switches a file that names several modes.

#include <catch2/catch.hpp>

#include <string>

#include "last100/scenario/scenario.hpp"

using namespace last100;
using namespace last100::scenario;

namespace {
const std::string good_dir = std::string(LAST100_TEST_SOURCE_DIR) + "/scenarios-good/";
}

TEST_CASE("a derived file that replaces a base array is warned about with file and line", "[scenario][arrays]") {
  const Scenario s = load_scenario(good_dir + "whatif-replace.toml");
  REQUIRE(s.world.couriers.size() == 1);
  CHECK(s.world.couriers[0].count == 30);
  REQUIRE(s.warnings.size() == 1);
  const std::string& w = s.warnings.front();
  CHECK(w.find("whatif-replace.toml:5:") != std::string::npos);
  CHECK(w.find("warning: couriers: this array replaces the 1 item(s) of ") != std::string::npos);
  CHECK(w.find("base.toml:") != std::string::npos);
  CHECK(w.find("\"couriers[0].count\" = ...") != std::string::npos);
}

TEST_CASE("a path key changes one item of the base's array and a plus key appends while the rest stays", "[scenario][arrays]") {
  const Scenario s = load_scenario(good_dir + "whatif-edit.toml");
  CHECK(s.warnings.empty());
  REQUIRE(s.world.couriers.size() == 2);
  CHECK(s.world.couriers[0].count == 30);
  CHECK(s.world.couriers[1].name == "reinforcements");
  CHECK(s.world.couriers[1].count == 5);
  // Everything else of the base stays.
  CHECK(s.world.area.buildings == 12);
}

TEST_CASE("path keys and appends are checked like any other key", "[scenario][arrays]") {
  const std::string base = good_dir + "base.toml";
  const auto error = [&](const std::string& body) {
    try {
      load_scenario_string("extends = \"base.toml\"\n" + body, good_dir + "t.toml");
    } catch (const ScenarioError& e) {
      return e;
    }
    FAIL("no error for " << body);
    throw;
  };
  const ScenarioError past_end = error("\"couriers[3].count\" = 1\n");
  CHECK(past_end.line() == 2);
  CHECK(past_end.hint().find("[[\"couriers+\"]]") != std::string::npos);
  const ScenarioError bad_value = error("[[\"couriers+\"]]\ncount = 2\nwalk_speed_mps = -1.0\n");
  CHECK(bad_value.key() == "couriers[1].walk_speed_mps");
  CHECK(bad_value.line() == 4);
  const ScenarioError not_array = error("\"area+\" = [1]\n");
  CHECK(not_array.key() == "area+");
}

TEST_CASE("mode.name from the command line switches a file that lists several modes and back", "[scenario][arrays]") {
  LoadOptions opt;
  opt.overrides = {"mode.name=relay"};
  const Scenario one = load_scenario(good_dir + "derived.toml", opt);
  REQUIRE(one.modes.size() == 1);
  CHECK(one.modes[0].name == "relay");
  opt.overrides = {"mode.modes=[\"relay\",\"shelves\"]"};
  const Scenario two = load_scenario(good_dir + "base.toml", opt);
  CHECK(two.modes.size() == 2);
}

TEST_CASE("a replaces key names arrays replaced on purpose without a warning", "[scenario][arrays]") {
  const Scenario s = load_scenario_string("extends = \"base.toml\"\nreplaces = [\"couriers\"]\n[[couriers]]\ncount = 3\n",
                                          good_dir + "t.toml");
  CHECK(s.warnings.empty());
  CHECK(s.world.couriers.size() == 1);
  CHECK_THROWS_AS(load_scenario_string("replaces = \"couriers\"\n[[couriers]]\ncount = 3\n[mode]\nname = \"relay\"\n",
                                       good_dir + "t.toml"),
                  ScenarioError);
}

TEST_CASE("appends reach arrays inside tables", "[scenario][arrays]") {
  const Scenario s = load_scenario_string(
      "extends = \"base.toml\"\n[[\"events.gate_closure+\"]]\ngate = 0\nfrom = \"10h\"\nto = \"12h\"\n", good_dir + "t.toml");
  CHECK(s.world.gate_closures.size() == 1);
}
