// The scenario schema is the one list of keys (include/last100/scenario/schema.hpp): a key the
// reader (lib/scenario/build.cpp) or the writer (lib/scenario/to_toml.cpp) handles by hand,
// by name, must still be declared there, as read or written by hand or as a sub-table, so
// that its type, range, default and meaning are in `last100 keys` and the doc's tables. A key
// added the old way (a literal in a typed getter or an insert) fails here.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

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

std::set<std::string> literals(const std::string& text, const std::regex& pattern) {
  std::set<std::string> out;
  for (std::sregex_iterator it(text.begin(), text.end(), pattern), end; it != end; ++it) out.insert((*it)[1].str());
  return out;
}

/// Returns true if `key` names a declared table (or a sub-table of one), or is a key that
/// `by_hand` accepts.
template <class Pred>
bool declared(const std::string& key, Pred by_hand) {
  for (const auto* t : scenario::schema()) {
    const auto& p = t->path;
    if (p == key || (p.size() > key.size() && p.compare(p.size() - key.size() - 1, std::string::npos, "." + key) == 0))
      return true;  // a declared table ("events.quarantine" for "quarantine")
    for (const auto& s : t->tables)
      if (s == key) return true;
    if (const auto* k = t->find(key); k != nullptr && by_hand(*k)) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("keys the scenario reader reads by name are declared, as read by hand", "[scenario]") {
  const auto keys = literals(read(root / "lib/scenario/build.cpp"),
                             std::regex(R"re(\br{1,2}\.(?:real|integer|duration|clock|text|boolean|enumeration|choice)\([^,()]+, "([a-z_]+)")re"));
  REQUIRE(keys.size() >= 3);  // the pattern still finds the hand-read ones (seed, event indices)
  for (const auto& k : keys) {
    INFO("lib/scenario/build.cpp reads '" << k << "' by hand: declare it in lib/scenario/schema_*.cpp (read_by_hand) "
                                          "or read it with read_table");
    CHECK(declared(k, [](const scenario::KeyDecl& d) { return d.read_by_hand; }));
  }
}

TEST_CASE("keys the scenario writer writes by name are declared, as written by hand or as tables", "[scenario]") {
  const auto keys = literals(read(root / "lib/scenario/to_toml.cpp"), std::regex(R"re(\.insert\("([a-z_]+)")re"));
  REQUIRE(keys.size() >= 10);  // the pattern still finds the tables inserted by name
  for (const auto& k : keys) {
    INFO("lib/scenario/to_toml.cpp writes '" << k << "' by hand: declare it in lib/scenario/schema_*.cpp "
                                             "(write_by_hand) or write it with write_table");
    CHECK(declared(k, [](const scenario::KeyDecl& d) { return d.write_by_hand; }));
  }
}
