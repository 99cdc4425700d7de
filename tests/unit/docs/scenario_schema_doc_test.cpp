// The key tables of docs/scenario-format.md are generated from the scenario schema
// (include/last100/scenario/schema.hpp), and those of docs/modes.md from the modes' knob
// declarations: a doc that lacks a declared key, documents one nobody declares, or states
// another type, range or default fails here. Regenerate with
// `last100 keys --doc docs/scenario-format.md > new.md && mv new.md docs/scenario-format.md`.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "last100/experiment/run.hpp"
#include "last100/modes/mode.hpp"
#include "last100/scenario/scenario.hpp"
#include "last100/scenario/schema.hpp"

namespace fs = std::filesystem;
using namespace last100;

namespace {

const fs::path root = fs::path(LAST100_TEST_SOURCE_DIR).parent_path();

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("docs/scenario-format.md and docs/modes.md show the key tables the schema generates", "[docs][scenario]") {
  for (const char* file : {"scenario-format.md", "modes.md"}) {
    const std::string doc = read(root / "docs" / file);
    const std::string regenerated = scenario::regenerate_key_tables(doc);
    if (regenerated == doc) continue;
    // Name the first line that differs, with what it should say.
    std::stringstream a(doc), b(regenerated);
    std::string la, lb;
    int line = 0;
    while (std::getline(a, la) && std::getline(b, lb) && la == lb) ++line;
    INFO("docs/" << file << ":" << line + 1 << " differs from the schema\n  doc:    " << la << "\n  schema: " << lb
                  << "\nregenerate with `last100 keys --doc docs/" << file << "`");
    CHECK(regenerated == doc);
  }
}

TEST_CASE("every built-in mode's knobs have one generated table in docs/modes.md", "[docs][scenario]") {
  const std::string doc = read(root / "docs" / "modes.md");
  REQUIRE(modes::all_modes().size() >= 4);
  for (std::size_t i = 0; i < 4; ++i) {  // the four built-in modes come first (modes/mode.hpp)
    const auto& m = modes::all_modes()[i];
    const std::string marker = "<!-- keys: mode." + m.name + " -->";
    const auto first = doc.find(marker);
    INFO(marker);
    CHECK(first != std::string::npos);
    CHECK(doc.find(marker, first + 1) == std::string::npos);
    const auto* t = scenario::find_table("mode." + m.name);
    REQUIRE(t != nullptr);
    CHECK(t->keys.size() == m.knobs.size());
  }
}

TEST_CASE("every declared table has one generated key table in docs/scenario-format.md", "[docs][scenario]") {
  const std::string doc = read(root / "docs" / "scenario-format.md");
  REQUIRE(!scenario::schema().empty());
  for (const auto* t : scenario::schema()) {
    const std::string marker = "<!-- keys: " + (t->path.empty() ? std::string("(top level)") : t->path) + " -->";
    const auto first = doc.find(marker);
    INFO(marker);
    CHECK(first != std::string::npos);
    CHECK(doc.find(marker, first + 1) == std::string::npos);
  }
}

TEST_CASE("a doc marker naming no declared table, or left open, is refused", "[docs][scenario]") {
  CHECK_THROWS_AS(scenario::regenerate_key_tables("<!-- keys: no_such_table -->\n<!-- /keys -->\n"), std::invalid_argument);
  CHECK_THROWS_AS(scenario::regenerate_key_tables("<!-- keys: vertical -->\n| old |\n"), std::invalid_argument);
  // A stale table is replaced, text around it kept.
  const std::string out = scenario::regenerate_key_tables("before\n<!-- keys: vertical -->\n| old |\n<!-- /keys -->\nafter\n");
  CHECK(out.find("| old |") == std::string::npos);
  CHECK(out.find("`stairs_per_floor`") != std::string::npos);
  CHECK(out.rfind("before\n", 0) == 0);
  CHECK(out.find("<!-- /keys -->\nafter\n") != std::string::npos);
}

TEST_CASE("validate --print writes only declared keys in the declared tables", "[scenario]") {
  const auto options = experiment::load_options();
  std::size_t checked = 0;
  for (const char* file : {"tests/scenarios-good/minimal.toml", "scenarios/compare.toml", "scenarios/jiuxianqiao.toml",
                           "scenarios/entry-ban.toml"}) {
    const auto s = scenario::load_scenario(root / file, options);
    std::stringstream text(scenario::to_toml(s, options.lookup_mode));
    std::string line;
    const scenario::TableDecl* table = scenario::find_table("");  // the top level, until a [table]
    std::set<std::string> seen;
    const std::regex header(R"(^\[\[?([a-z_.]+)\]?\]$)"), entry(R"(^([a-z_]+) = .*$)");
    std::smatch m;
    while (std::getline(text, line)) {
      if (std::regex_match(line, m, header)) {
        table = scenario::find_table(m[1].str());
      } else if (table != nullptr && std::regex_match(line, m, entry)) {
        INFO(file << ": [" << table->path << "] " << m[1]);
        CHECK(table->find(m[1].str()) != nullptr);
        seen.insert(table->path);
        ++checked;
      }
    }
  }
  CHECK(checked >= 30);
}
