// docs/metrics.md documents every column timeseries.csv has (issue 12, item 1): the writer's
// header and the doc's table of columns agree both ways, so a new column cannot ship undocumented
// and a documented one cannot silently disappear.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "last100/metrics/summary.hpp"
#include "last100/report/csv.hpp"

namespace fs = std::filesystem;
using namespace last100;

namespace {

const fs::path root = fs::path(LAST100_TEST_SOURCE_DIR).parent_path();

/// The columns named (in backquotes) in the first cell of the table rows of the doc's section
/// whose heading contains `heading`.
std::set<std::string> documented_columns(const std::string& heading) {
  std::ifstream in(root / "docs" / "metrics.md");
  std::set<std::string> out;
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) inside = line.find(heading) != std::string::npos;
    if (!inside || line.rfind("| `", 0) != 0) continue;
    const std::string first = line.substr(1, line.find('|', 1) - 1);
    const std::regex name("`([a-z_]+)`");
    for (auto it = std::sregex_iterator(first.begin(), first.end(), name); it != std::sregex_iterator(); ++it)
      out.insert((*it)[1].str());
  }
  return out;
}

}  // namespace

TEST_CASE("every column of timeseries.csv is documented in docs/metrics.md and no other", "[docs][report]") {
  const std::string csv = report::timeseries_csv({});
  const std::string header = csv.substr(0, csv.find('\r'));
  std::set<std::string> written;
  std::stringstream s(header);
  for (std::string c; std::getline(s, c, ',');) written.insert(c);
  REQUIRE(written.count("couriers_on_shift") == 1);
  const auto documented = documented_columns("timeseries.csv");
  CHECK(written == documented);
}
