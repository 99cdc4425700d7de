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

namespace {
const std::string bundled_dir = std::string(LAST100_TEST_SOURCE_DIR) + "/../scenarios/";
}

TEST_CASE("replacing a base's array of plain values warns too, naming both places", "[scenario][arrays]") {
  // scenarios/base/beijing-area.toml:39 sets demand.parcel.hourly_profile (24 weights).
  const Scenario s = load_scenario_string("extends = \"base/beijing-area.toml\"\n\n[demand.parcel]\n"
                                          "hourly_profile = [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]\n",
                                          bundled_dir + "flat.toml");
  REQUIRE(s.warnings.size() == 1);
  const std::string& w = s.warnings.front();
  INFO(w);
  CHECK(w.find("flat.toml:4:18: warning: demand.parcel.hourly_profile: this array replaces the 24 item(s) of ") !=
        std::string::npos);
  CHECK(w.find("beijing-area.toml:39:18 (arrays replace") != std::string::npos);
  CHECK(w.find("\"demand.parcel.hourly_profile[0]\" = ...") != std::string::npos);
  CHECK(w.find("replaces = [\"demand.parcel.hourly_profile\"]") != std::string::npos);
}

TEST_CASE("one value of a base's profile changes in place, and the principled exceptions stay silent", "[scenario][arrays]") {
  const auto load = [](const std::string& body) {
    return load_scenario_string("extends = \"base/beijing-area.toml\"\n" + body, bundled_dir + "t.toml");
  };
  const Scenario base = load("");
  REQUIRE(base.warnings.empty());
  // The element form: hour 8 of the parcel profile, nothing else.
  const Scenario one = load("\"demand.parcel.hourly_profile[8]\" = 5.0\n");
  CHECK(one.warnings.empty());
  const auto& before = base.world.demand.categories[0].hourly_profile;
  const auto& after = one.world.demand.categories[0].hourly_profile;
  REQUIRE(after.size() == before.size());
  for (std::size_t h = 0; h < after.size(); ++h) CHECK(after[h] == (h == 8 ? 5.0 : before[h]));
  // Replacing on purpose, said with replaces: no warning.
  CHECK(load("replaces = [\"demand.parcel.hourly_profile\"]\n[demand.parcel]\n"
             "hourly_profile = [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]\n")
            .warnings.empty());
  // An empty array clears on purpose; mode.modes is the choice of modes (mode.name replaces
  // it silently the other way round).
  CHECK(load("[events]\nquarantine = []\n").warnings.empty());
  CHECK(load("[mode]\nmodes = [\"relay\", \"shelves\"]\n").warnings.empty());
  const Scenario modes_twice = load_scenario_string(
      "extends = \"compare.toml\"\n[mode]\nmodes = [\"relay\"]\n", bundled_dir + "t.toml");
  CHECK(modes_twice.warnings.empty());
  CHECK(modes_twice.modes.size() == 1);
}
