// docs/scenario-format.md and the scenario reader/writer agree (issue 14, item 4): every key
// the writer prints for a scenario is documented in the section of its table, and every
// default the doc's tables state is the default the reader gives a key left out.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "last100/experiment/run.hpp"
#include "last100/scenario/scenario.hpp"

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

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t");
  const auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string{} : s.substr(b, e - b + 1);
}

std::vector<std::string> cells(const std::string& row) {
  std::vector<std::string> out;
  std::stringstream s(row.substr(1));
  std::string c;
  while (std::getline(s, c, '|')) out.push_back(trim(c));
  return out;
}

/// A section of the doc: the tables it documents (`[area]`, `[demand.<category>]`, `` for the
/// top level), its text, and the defaults its tables state per key.
struct DocSection {
  std::vector<std::regex> tables;
  std::string text;
  std::map<std::string, std::string> defaults;
};

std::vector<DocSection> doc_sections() {
  std::vector<DocSection> out;
  std::stringstream doc(read(root / "docs" / "scenario-format.md"));
  std::string line;
  int default_column = -1;
  const std::regex table_name(R"(`\[\[?([a-z_.<>]+)\]?\]`)");
  while (std::getline(doc, line)) {
    if (line.rfind("## ", 0) == 0) {
      out.emplace_back();
      if (line == "## Top level") out.back().tables.emplace_back("");
      for (std::sregex_iterator it(line.begin(), line.end(), table_name), end; it != end; ++it) {
        const std::string pattern = std::regex_replace((*it)[1].str(), std::regex(R"(<[a-z]+>)"), "[a-z_]+");
        out.back().tables.emplace_back(std::regex_replace(pattern, std::regex(R"(\.)"), "\\.", std::regex_constants::format_first_only));
      }
      default_column = -1;
      continue;
    }
    if (out.empty()) continue;
    out.back().text += line + "\n";
    if (line.rfind("| key", 0) == 0) {
      const auto head = cells(line);
      default_column = -1;
      for (std::size_t i = 0; i < head.size(); ++i)
        if (head[i] == "default") default_column = static_cast<int>(i);
    } else if (line.rfind("| `", 0) == 0 && default_column >= 0) {
      const auto row = cells(line);
      if (static_cast<int>(row.size()) <= default_column) continue;
      const std::regex key(R"(`([a-z_]+)`)");
      for (std::sregex_iterator it(row[0].begin(), row[0].end(), key), end; it != end; ++it)
        out.back().defaults[(*it)[1].str()] = row[static_cast<std::size_t>(default_column)];
    }
  }
  return out;
}

/// (table, key) -> value as `validate --print` writes them.
std::vector<std::pair<std::string, std::pair<std::string, std::string>>> printed(const scenario::Scenario& s) {
  std::vector<std::pair<std::string, std::pair<std::string, std::string>>> out;
  std::stringstream text(scenario::to_toml(s, experiment::load_options().lookup_mode));
  std::string line, table;
  const std::regex header(R"(^\[\[?([a-z_.]+)\]?\]$)"), entry(R"(^([a-z_]+) = (.*)$)");
  std::smatch m;
  while (std::getline(text, line)) {
    if (std::regex_match(line, m, header)) table = m[1];
    else if (std::regex_match(line, m, entry)) out.push_back({table, {m[1], m[2]}});
  }
  return out;
}

/// Returns true if the doc's default and the printed value say the same: numbers by value,
/// durations by length, strings and booleans as written. Returns nullopt when the doc's
/// cell is prose ("file stem", "flat") rather than a value.
std::optional<bool> same_default(const std::string& doc, const std::string& value) {
  std::string d = doc;
  const auto paren = d.find(" (");
  if (paren != std::string::npos) d = d.substr(0, paren);  // "\"72h\" (assumed): ..." -> "\"72h\""
  const auto colon = d.find(':');
  if (colon != std::string::npos) d = trim(d.substr(0, colon));
  if (d.size() >= 2 && d.front() == '`' && d.back() == '`') d = "\"" + d.substr(1, d.size() - 2) + "\"";
  if (d == "true" || d == "false") return d == value;
  if (d.size() >= 2 && d.front() == '"' && d.back() == '"') {
    const std::string inner = d.substr(1, d.size() - 2);
    if (value.size() >= 2 && value.front() == '"') {
      const std::string v = value.substr(1, value.size() - 2);
      if (inner == v) return true;
      try {
        return scenario::parse_duration(inner) == scenario::parse_duration(v);
      } catch (const std::exception&) {
        return false;
      }
    }
    return std::nullopt;
  }
  char* end = nullptr;
  const double x = std::strtod(d.c_str(), &end);
  if (end == d.c_str() || *end != '\0') return std::nullopt;
  const double y = std::strtod(value.c_str(), &end);
  return std::fabs(x - y) <= 1e-9 * std::max(1.0, std::fabs(x));
}

}  // namespace

TEST_CASE("every key validate --print writes is documented in its section of docs/scenario-format.md", "[docs][scenario]") {
  const auto sections = doc_sections();
  REQUIRE(sections.size() > 10);
  const auto options = experiment::load_options();
  for (const char* file : {"tests/scenarios-good/minimal.toml", "scenarios/compare.toml", "scenarios/jiuxianqiao.toml"}) {
    const auto s = scenario::load_scenario(root / file, options);
    for (const auto& [table, kv] : printed(s)) {
      if (table.rfind("mode.", 0) == 0) continue;  // mode knobs: the mode's KnobSpecs, docs/modes.md
      bool documented = false;
      for (const auto& sec : sections)
        for (const auto& t : sec.tables)
          if (std::regex_match(table, t) && sec.text.find("`" + kv.first + "`") != std::string::npos) documented = true;
      INFO(file << ": [" << table << "] " << kv.first);
      CHECK(documented);
    }
  }
}

TEST_CASE("the defaults docs/scenario-format.md states are the reader's defaults", "[docs][scenario]") {
  const auto sections = doc_sections();
  // The smallest scenario: every key but one courier group and the mode is left to its default.
  const auto s = scenario::load_scenario(root / "tests/scenarios-good/minimal.toml", experiment::load_options());
  std::size_t compared = 0;
  for (const auto& [table, kv] : printed(s)) {
    if (table == "couriers" && kv.first == "count") continue;  // set by the file
    if (table == "mode") continue;
    for (const auto& sec : sections) {
      bool here = false;
      for (const auto& t : sec.tables) here = here || std::regex_match(table, t);
      const auto it = sec.defaults.find(kv.first);
      if (!here || it == sec.defaults.end()) continue;
      const auto same = same_default(it->second, kv.second);
      if (!same) continue;
      ++compared;
      INFO("[" << table << "] " << kv.first << ": the doc says " << it->second << ", the reader gives " << kv.second);
      CHECK(*same);
    }
  }
  // Most tabled keys carry a plain default; a parser that compared nothing would pass vacuously.
  CHECK(compared >= 40);
}
