// docs/tutorial.md (and README.md) quote the programs CTest builds and runs (docs/tutorial/*.cpp):
// every quoted block must be the region of the file it names, verbatim, and every region of
// every program must be quoted, so the text cannot drift from code that compiles.
// A quote is a line `<!-- snippet: tutorial/bank.cpp#model -->` followed by a ```cpp block;
// a region is the lines between `// [model]` and `// [/model]` in the file.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
const fs::path docs = fs::path(LAST100_TEST_SOURCE_DIR) / ".." / "docs";

std::vector<std::string> read_lines(const fs::path& p) {
  std::ifstream in(p);
  REQUIRE(in.good());
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

std::string join(const std::vector<std::string>& lines, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += lines[i] + "\n";
  return out;
}

// Returns the region `name` of a file (empty if it has none) and lists every region in `all`.
std::string region(const std::vector<std::string>& lines, const std::string& name, std::set<std::string>* all) {
  std::string found;
  const std::regex open(R"(^// \[([a-z0-9-]+)\]$)");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::smatch m;
    if (!std::regex_match(lines[i], m, open)) continue;
    if (all) all->insert(m[1]);
    for (std::size_t j = i + 1; j < lines.size(); ++j) {
      if (lines[j] == "// [/" + m[1].str() + "]") {
        if (m[1] == name) found = join(lines, i + 1, j);
        break;
      }
    }
  }
  return found;
}

}  // namespace

TEST_CASE("docs/tutorial.md quotes every region of its programs verbatim", "[docs]") {
  const std::regex marker(R"(^<!-- snippet: (tutorial/[a-z_]+\.cpp)#([a-z0-9-]+) -->$)");
  std::set<std::string> quoted;
  std::size_t snippets = 0;
  // The tutorial, and the README's first look at the engine (paths relative to docs/).
  for (const fs::path& page : {docs / "tutorial.md", docs / ".." / "README.md"}) {
    const std::vector<std::string> md = read_lines(page);
    for (std::size_t i = 0; i < md.size(); ++i) {
      std::smatch m;
      if (!std::regex_match(md[i], m, marker)) continue;
      ++snippets;
      const std::string file = m[1], name = m[2];
      INFO(file << "#" << name << " quoted at " << page.filename().string() << ":" << i + 1);
      REQUIRE(i + 1 < md.size());
      REQUIRE(md[i + 1] == "```cpp");
      std::size_t end = i + 2;
      while (end < md.size() && md[end] != "```") ++end;
      REQUIRE(end < md.size());
      const std::string in_file = region(read_lines(docs / file), name, nullptr);
      REQUIRE_FALSE(in_file.empty());
      CHECK(join(md, i + 2, end) == in_file);
      quoted.insert(file + "#" + name);
    }
  }
  CHECK(snippets >= 4);
  CHECK(quoted.count("tutorial/readme.cpp#courier") == 1);
  // Every region of every program is quoted somewhere.
  for (const auto& entry : fs::directory_iterator(docs / "tutorial")) {
    if (entry.path().extension() != ".cpp") continue;
    std::set<std::string> regions;
    region(read_lines(entry.path()), "", &regions);
    CHECK_FALSE(regions.empty());
    for (const auto& r : regions) {
      const std::string key = "tutorial/" + entry.path().filename().string() + "#" + r;
      INFO(key);
      CHECK(quoted.count(key) == 1);
    }
  }
}
