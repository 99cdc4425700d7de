#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "last100/model/world.hpp"
#include "last100/scenario/scenario.hpp"

using namespace last100;
using namespace last100::scenario;
using namespace std::chrono_literals;

namespace {

const std::string good_dir = std::string(LAST100_TEST_SOURCE_DIR) + "/scenarios-good/";

const char* minimal = "[[couriers]]\ncount = 10\n[mode]\nname = \"relay\"\n";

/// Returns the ScenarioError that loading `text` throws (fails the test when none is thrown).
ScenarioError error_of(const std::string& text, LoadOptions opt = {}) {
  try {
    load_scenario_string(text, "t.toml", opt);
  } catch (const ScenarioError& e) {
    return e;
  }
  FAIL("no ScenarioError for:\n" << text);
  throw;
}

}  // namespace

TEST_CASE("durations are read the way people write them", "[scenario]") {
  CHECK(parse_duration("90s") == 90s);
  CHECK(parse_duration("30min") == 30min);
  CHECK(parse_duration("2h") == 2h);
  CHECK(parse_duration("1h30min") == 90min);
  CHECK(parse_duration("1.5h") == 90min);
  CHECK(parse_duration("2d") == 48h);
  CHECK(parse_duration("250ms") == 250ms);
  CHECK(parse_duration("1h 30min") == 90min);
  CHECK(parse_duration("0s") == 0s);
}

TEST_CASE("malformed durations are refused with a reason", "[scenario]") {
  for (const char* bad : {"", "90", "m", "30m", "1h30", "30min1h", "1h1h", "-5s", "1.s", "3 days", "5 hours", "100000d"})
    CHECK_THROWS_AS(parse_duration(bad), std::invalid_argument);
  CHECK_THROWS_WITH(parse_duration("30m"), Catch::Contains("min"));
}

TEST_CASE("clock times run from 00:00 to 24:00", "[scenario]") {
  CHECK(parse_clock("07:00") == 7h);
  CHECK(parse_clock("7:30") == 7h + 30min);
  CHECK(parse_clock("07:00:30") == 7h + 30s);
  CHECK(parse_clock("24:00") == 24h);
  for (const char* bad : {"", "7", "07:0", "24:01", "25:00", "07:60", "07:00pm", "7h"}) CHECK_THROWS_AS(parse_clock(bad), std::invalid_argument);
}

TEST_CASE("durations and clocks print back to what they parse from", "[scenario]") {
  for (sim::Duration d : {sim::Duration{0ms}, sim::Duration{250ms}, sim::Duration{90s}, sim::Duration{90min}, sim::Duration{26h + 5min}, sim::Duration{49h}}) CHECK(parse_duration(format_duration(d)) == d);
  CHECK(format_duration(90min) == "1h30min");
  CHECK(format_clock(7h) == "07:00");
  CHECK(parse_clock(format_clock(18h + 30min + 5s)) == 18h + 30min + 5s);
}

TEST_CASE("did you mean suggests the closest known name", "[scenario]") {
  CHECK(did_you_mean("floor", {"floors", "buildings", "compounds"}) == "floors");
  CHECK(did_you_mean("walk_sped_mps", {"walk_speed_mps", "capacity_kg"}) == "walk_speed_mps");
  CHECK(did_you_mean("zzzzzz", {"floors", "buildings"}).empty());
}

TEST_CASE("a minimal scenario takes the documented defaults", "[scenario]") {
  const Scenario s = load_scenario_string(minimal, "min.toml");
  CHECK(s.name == "min");
  REQUIRE(s.modes.size() == 1);
  CHECK(s.modes[0].name == "relay");
  CHECK(s.world.area.floors == 6);
  CHECK(s.world.couriers.at(0).shift_start == 7h);
  CHECK(s.world.run.duration == 24h);
}

TEST_CASE("the full example fills every section", "[scenario]") {
  const Scenario s = load_scenario(good_dir + "full.toml");
  const auto& w = s.world;
  CHECK(s.name == "full example");
  CHECK(w.area.buildings == 75);
  CHECK(w.demand.categories[1].spoil_after == 4h);
  CHECK(w.demand.categories[2].hourly_profile[12] == 6.0);
  REQUIRE(w.couriers.size() == 3);
  CHECK(w.couriers[1].shift_start == 6h);  // a TOML local time works too
  CHECK(w.couriers[1].shift_end == 18h + 30min);
  CHECK(w.couriers[2].origin == model::CourierOrigin::reinforcement);
  CHECK(w.couriers[2].arrives_at == 53h);
  CHECK(w.quarantines.size() == 1);
  CHECK(w.gate_closures.at(0).to == 36h);
  CHECK(w.run.replications == 3);
  CHECK(s.output.sample_interval == 30min);
}

TEST_CASE("extends applies the base file, then the including file key by key", "[scenario]") {
  const Scenario s = load_scenario(good_dir + "nested/deep.toml");
  CHECK(s.name == "derived");
  CHECK(s.world.area.floors == 18);        // derived.toml
  CHECK(s.world.area.compounds == 4);      // base.toml
  CHECK(s.world.run.seed == 99);           // deep.toml
  CHECK(s.world.run.duration == 24h);      // base.toml
  REQUIRE(s.modes.size() == 2);            // modes replaced base's name
  CHECK(s.modes[1].name == "shelves");
}

TEST_CASE("an extends cycle is an error naming the cycle", "[scenario]") {
  const auto dir = std::filesystem::temp_directory_path() / "last100-cycle-test";
  std::filesystem::create_directories(dir);
  {
    std::ofstream(dir / "a.toml") << "extends = \"b.toml\"\n";
    std::ofstream(dir / "b.toml") << "\nextends = \"a.toml\"\n";
  }
  try {
    load_scenario(dir / "a.toml");
    FAIL("no error");
  } catch (const ScenarioError& e) {
    CHECK(e.line() == 2);
    CHECK(e.key() == "extends");
    CHECK_THAT(e.found(), Catch::Contains("a.toml -> b.toml -> a.toml"));
  }
}

TEST_CASE("a --set override replaces any key, parsing the value as TOML", "[scenario]") {
  LoadOptions opt;
  opt.overrides = {"area.floors=18", "run.duration=1h30min", "couriers[0].count=12", "couriers.0.name=Tianjin team",
                   "mode.name=\"shelves\"", "zone.gate_opens=05:30"};
  const Scenario s = load_scenario_string(minimal, "t.toml", opt);
  CHECK(s.world.area.floors == 18);
  CHECK(s.world.run.duration == 90min);
  CHECK(s.world.couriers[0].count == 12);
  CHECK(s.world.couriers[0].name == "Tianjin team");  // not TOML: taken as a string
  CHECK(s.modes[0].name == "shelves");
  CHECK(s.world.zone.gate_opens == 5h + 30min);
}

TEST_CASE("errors in a --set override point at the override", "[scenario]") {
  LoadOptions opt;
  opt.overrides = {"area.floors=0"};
  auto e = error_of(minimal, opt);
  CHECK(e.file() == "--set #1");
  CHECK(e.key() == "area.floors");
  opt.overrides = {"couriers[3].count=1"};
  CHECK_THAT(error_of(minimal, opt).expected(), Catch::Contains("below 1"));
  opt.overrides = {"nonsense"};
  CHECK(error_of(minimal, opt).expected() == "key.path=value");
}

TEST_CASE("errors name file, line, column, key, expectation and what was found", "[scenario]") {
  const auto e = error_of("[[couriers]]\ncount = 10\nwalk_speed_mps = -1\n[mode]\nname = \"relay\"\n");
  CHECK(e.file() == "t.toml");
  CHECK(e.line() == 3);
  CHECK(e.column() == 18);
  CHECK(e.key() == "couriers[0].walk_speed_mps");
  CHECK_THAT(e.expected(), Catch::Contains("[0.01, 10] m/s"));
  CHECK(e.found() == "-1");
  CHECK_THAT(std::string(e.what()), Catch::StartsWith("t.toml:3:18: error: couriers[0].walk_speed_mps: expected"));
}

TEST_CASE("unknown keys are errors with a suggestion", "[scenario]") {
  const auto e = error_of(std::string(minimal) + "[run]\nreplication = 3\n");
  CHECK(e.key() == "run.replication");
  CHECK(e.line() == 6);
  CHECK(e.hint() == "did you mean 'replications'?");
}

TEST_CASE("impossible values are refused with the allowed range", "[scenario]") {
  CHECK(error_of("[[couriers]]\ncount = 1\ncapacity_kg = 0\n[mode]\nname = \"x\"\n").key() == "couriers[0].capacity_kg");
  CHECK(error_of("[[couriers]]\ncount = 1\nshift_start = \"10:00\"\nshift_end = \"09:00\"\n[mode]\nname = \"x\"\n").key() ==
        "couriers[0].shift_end");
  CHECK(error_of(std::string(minimal) + "[population]\npickup_immediate_share = 1.5\n").key() ==
        "population.pickup_immediate_share");
  CHECK(error_of(std::string(minimal) + "[area]\nhouseholds_per_floor = 1000000000000\n").key() == "area.households_per_floor");
}

TEST_CASE("a world that would not fit in memory is refused before it is built", "[scenario]") {
  const auto e = error_of(std::string(minimal) +
                          "[area]\nbuildings = 10000000\nunits_per_building = 100\nfloors = 200\nhouseholds_per_floor = 50\n");
  CHECK(e.key() == "area");
  CHECK_THAT(e.expected(), Catch::Contains("GiB"));
  LoadOptions small;
  small.memory_limit_bytes = 1 << 16;
  CHECK_THROWS_AS(load_scenario_string(minimal, "t.toml", small), ScenarioError);
  CHECK(estimate_memory_bytes(load_scenario_string(minimal, "t.toml").world) < (std::uint64_t{1} << 30));
}

TEST_CASE("syntax errors carry toml++'s position", "[scenario]") {
  const auto e = error_of("[[couriers]]\ncount = 10\n[mode\n");
  CHECK(e.line() == 3);
  CHECK(e.expected() == "valid TOML");
}

TEST_CASE("an empty file is refused at line 1", "[scenario]") {
  const auto e = error_of("");
  CHECK(e.line() == 1);
  CHECK(e.key() == "couriers");
}

TEST_CASE("mode knobs are checked against the mode's specs", "[scenario]") {
  static const std::vector<modes::KnobSpec> relay = {
      {"vehicles", modes::KnobType::integer, std::int64_t{2}, 0, 100, "relay vehicles", {}},
      {"relay_interval", modes::KnobType::duration, sim::Duration{60min}, 60, 86400, "how often", {}},
      {"start", modes::KnobType::clock, sim::Duration{7h}, 0, 86400, "first trip", {}},
      {"policy", modes::KnobType::text, std::string("fifo"), 0, 0, "", {"fifo", "nearest"}}};
  LoadOptions opt;
  opt.lookup_mode = [](std::string_view m) -> const std::vector<modes::KnobSpec>* { return m == "relay" ? &relay : nullptr; };
  opt.mode_names = {"relay", "shelves"};
  const std::string head = "[[couriers]]\ncount = 10\n[mode]\nname = \"relay\"\n[mode.relay]\n";
  const Scenario s = load_scenario_string(head + "vehicles = 4\nrelay_interval = \"30min\"\nstart = \"06:30\"\n", "t.toml", opt);
  CHECK(s.modes[0].knobs.integer("vehicles") == 4);
  CHECK(s.modes[0].knobs.duration("relay_interval") == 30min);
  CHECK(s.modes[0].knobs.duration("start") == 6h + 30min);
  CHECK(s.modes[0].knobs.text("policy") == "fifo");  // default
  CHECK(error_of(head + "vehicle = 4\n", opt).hint() == "did you mean 'vehicles'?");
  CHECK(error_of(head + "vehicles = 400\n", opt).key() == "mode.relay.vehicles");
  CHECK(error_of(head + "relay_interval = \"10s\"\n", opt).key() == "mode.relay.relay_interval");
  CHECK(error_of(head + "policy = \"nearst\"\n", opt).hint() == "did you mean 'nearest'?");
  CHECK(error_of("[[couriers]]\ncount = 10\n[mode]\nname = \"realy\"\n", opt).hint() == "did you mean 'relay'?");
  // Printing uses the specs to tell clock knobs from durations, and reads back the same.
  const Scenario again = load_scenario_string(to_toml(s, opt.lookup_mode), "again.toml", opt);
  CHECK(again.modes[0].knobs.duration("start") == 6h + 30min);
}

TEST_CASE("the printed scenario loads back to the same scenario", "[scenario]") {
  const Scenario s = load_scenario(good_dir + "full.toml");
  const std::string printed = to_toml(s);
  const Scenario back = load_scenario_string(printed, "printed.toml");
  CHECK(to_toml(back) == printed);
  CHECK(back.world.couriers.size() == 3);
}

TEST_CASE("text outside quotes must be ASCII", "[scenario]") {
  const auto e = error_of("[[couriers]]\ncount = 10\n[mode]\nname = \"relay\"\n名字 = 1\n");
  CHECK(e.line() == 5);
  CHECK(e.column() == 1);
  // Inside strings and comments anything goes.
  CHECK(load_scenario_string("# 注释\nname = \"酒仙桥\"\n[[couriers]]\ncount = 1\n[mode]\nname = \"relay\"\n", "t.toml").name ==
        "酒仙桥");
}

TEST_CASE("a CSV layout is read once, at load, and named by absolute paths", "[scenario][csv]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "last100-layout-once-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path good = fs::path(LAST100_TEST_SOURCE_DIR) / "scenarios-good/csv";
  for (const char* f : {"csv-area.toml", "nodes.csv", "edges.csv"}) fs::copy_file(good / f, dir / f);
  // A relative scenario path, as `last100 run sub/file.toml` gives it.
  const fs::path cwd = fs::current_path();
  fs::current_path(dir.parent_path());
  const Scenario s = load_scenario(dir.filename() / "csv-area.toml");
  fs::current_path(cwd);
  CHECK(fs::path(s.world.area.nodes_csv).is_absolute());
  CHECK(fs::path(s.world.area.edges_csv).is_absolute());
  const std::string before = to_toml(s, {});
  CHECK_THAT(before, Catch::Contains("# Layout read: " + (dir / "nodes.csv").string()));

  // The layout edited during a run: one more unit of 100 households. The run keeps what it read.
  std::ofstream(dir / "nodes.csv", std::ios::app) << "D3,unit_door,A,96,0,,100,,1\n";
  std::ofstream(dir / "edges.csv", std::ios::app) << "B2,D3,5,walk\n";
  const model::World w = model::build_world(s.world);
  CHECK(w.area.household_count() == 6 * 2 + 11 * 4);
  // Loading again reads the edited files, and the checksum says they changed.
  const Scenario again = load_scenario(dir / "csv-area.toml");
  CHECK(model::build_world(again.world).area.household_count() > w.area.household_count());
  CHECK(to_toml(again, {}) != before);
  fs::remove_all(dir);
}

TEST_CASE("values the clock and float metres cannot hold are refused at load", "[scenario]") {
  const auto refused = [](std::vector<std::string> sets, const std::string& key) {
    LoadOptions opt;
    opt.overrides = std::move(sets);
    try {
      load_scenario_string(minimal, "t.toml", opt);
    } catch (const ScenarioError& e) {
      CHECK(e.key() == key);
      return true;
    }
    return false;
  };
  // A walk at 1e-16 m/s overflowed the millisecond clock and took no time at all.
  CHECK(refused({"zone.entry.resident_walk_mps=1e-16"}, "zone.entry.resident_walk_mps"));
  CHECK(refused({"couriers[0].walk_speed_mps=1e-300"}, "couriers[0].walk_speed_mps"));
  CHECK(refused({"area.cart_speed_mps=1e-300"}, "area.cart_speed_mps"));
  // 0.2 m between buildings beside compounds 100 km apart rounds to 0 m edges.
  CHECK(refused({"area.building_spacing_m=0.2", "area.compound_spacing_m=100000"}, "area.building_spacing_m"));
  CHECK(refused({"area.building_spacing_m=1e-5"}, "area.building_spacing_m"));
  CHECK_FALSE(refused({"area.building_spacing_m=0.2"}, ""));
  CHECK_FALSE(refused({"zone.entry.resident_walk_mps=0.01"}, ""));
}
