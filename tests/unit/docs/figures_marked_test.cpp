// Documented figures are asserted or regenerable (docs/testing.md, "Figures in the docs"):
// every section of README.md and docs/*.md that shows a figure (a decimal number or a
// percentage outside inline code) carries a marker comment saying where the figures come from:
//   <!-- figures: asserted by tests/unit/....cpp -->
//   <!-- figures: measured illustration; regenerate with `command` -->
//   <!-- figures: inputs -->   (defaults and assumptions, with their sources in the text)
// A marker may combine the first two. The files a marker names must exist.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
const fs::path root = fs::path(LAST100_TEST_SOURCE_DIR).parent_path();

struct Section {
  std::string file, heading;
  int line = 0;
  std::vector<std::string> figures;  // the lines with figures, for the message
  std::vector<std::string> markers;
};

// Inline code (`...`) is a name, a command or a key, not a figure.
std::string without_inline_code(const std::string& line) { return std::regex_replace(line, std::regex("`[^`]*`"), ""); }

bool has_figure(const std::string& line) {
  static const std::regex figure(R"((^|[^\w.])\d+\.\d+([^\w.]|$)|\d\s?%)");
  return std::regex_search(without_inline_code(line), figure);
}

std::vector<Section> sections_of(const fs::path& path) {
  std::ifstream in(path);
  std::vector<Section> out{{fs::relative(path, root).string(), "(top)", 1, {}, {}}};
  std::string line;
  bool fenced = false;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.rfind("```", 0) == 0) fenced = !fenced;
    if (!fenced && std::regex_search(line, std::regex("^#{1,6} "))) {
      out.push_back({out.back().file, line, n, {}, {}});
      continue;
    }
    if (line.find("<!-- figures:") != std::string::npos) out.back().markers.push_back(line);
    else if (has_figure(line)) out.back().figures.push_back(std::to_string(n) + ": " + line.substr(0, 100));
  }
  return out;
}

std::vector<fs::path> documents() {
  std::vector<fs::path> files{root / "README.md"};
  for (const auto& e : fs::directory_iterator(root / "docs"))
    if (e.path().extension() == ".md") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("every section of README.md and docs/ with figures says where they come from", "[docs]") {
  const std::regex asserted(R"(asserted by ((tests|benchmarks|scripts)/[\w./-]+))");
  const std::regex measured(R"(regenerate with `[^`]+`)");
  const std::regex inputs(R"(<!-- figures: inputs)");
  int sections_with_figures = 0;
  for (const auto& path : documents()) {
    for (const auto& s : sections_of(path)) {
      if (s.figures.empty()) continue;
      ++sections_with_figures;
      INFO(s.file << ":" << s.line << " " << s.heading << "\n  first figure at " << s.figures.front());
      CHECK(!s.markers.empty());
      for (const auto& m : s.markers) {
        INFO("marker: " << m);
        std::smatch what;
        const bool a = std::regex_search(m, what, asserted);
        if (a) CHECK(fs::exists(root / what[1].str()));
        CHECK((a || std::regex_search(m, measured) || std::regex_search(m, inputs)));
      }
    }
  }
  CHECK(sections_with_figures > 0);  // the scan itself works
}
