// Every default knows where it comes from (issue 22, item 1): each numeric default of the
// scenario schema and of the built-in modes' knobs states its provenance, sourced (with tags of
// the source list) or assumed, with a plausible range inside the valid range that holds the
// default; or is a setting (not a claim about the world). docs/parameters.md is generated from it.
//
// A new numeric key needs, in lib/scenario/schema_*.cpp, one of
//   .provenance(sourced(low, high, {"S12"}, "what the source says"))
//   .provenance(assumed(low, high, "why this value and range"))   // or with {"S4"} bounding the range
//   .provenance(setting("why it is not a claim about the world: a run control, an index, ..."))
// and a mode's numeric knob the same through cite(knobs, "key", model::assumed(...)); a new
// source goes into lib/model/sources.cpp. Then regenerate docs/parameters.md with
// `last100 keys --doc docs/parameters.md > new.md && mv new.md docs/parameters.md`.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "last100/experiment/run.hpp"
#include "last100/model/names.hpp"
#include "last100/model/provenance.hpp"
#include "last100/modes/mode.hpp"
#include "last100/scenario/scenario.hpp"
#include "last100/scenario/schema.hpp"

namespace fs = std::filesystem;
using namespace last100;
using model::DefaultStatus;

namespace {

const fs::path root = fs::path(LAST100_TEST_SOURCE_DIR).parent_path();

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string how_to =
    "state where the default comes from: in lib/scenario/schema_*.cpp add "
    ".provenance(sourced(low, high, {\"Sxx\"}, \"...\")), .provenance(assumed(low, high, \"...\")) or "
    ".provenance(setting(\"...\")); for a mode's knob cite(knobs, \"key\", model::assumed(...)) in its "
    "ModeInfo function (tests/unit/scenario/provenance_test.cpp says more)";

/// The declared tables and the built-in modes' knob tables.
std::vector<const scenario::TableDecl*> tables() {
  std::vector<const scenario::TableDecl*> out = scenario::schema();
  REQUIRE(modes::all_modes().size() >= 4);
  for (std::size_t i = 0; i < 4; ++i) out.push_back(scenario::find_table("mode." + modes::all_modes()[i].name));
  return out;
}

/// Returns a default as a number in the key's unit (durations and clocks in seconds).
double number(const scenario::KeyValue& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* b = std::get_if<bool>(&v)) return *b ? 1.0 : 0.0;
  if (const auto* t = std::get_if<sim::Duration>(&v)) return sim::to_seconds(*t);
  return 0.0;
}

/// Each provenance a table states: (what it is called, the key, its default, the provenance).
struct Stated {
  std::string name;
  const scenario::KeyDecl* key;
  double default_value;
  const model::Provenance* provenance;
};

std::vector<Stated> stated(const scenario::TableDecl& t) {
  std::vector<Stated> out;
  const auto knob_default = [&](const std::string& key) -> double {
    if (t.path.rfind("mode.", 0) != 0) return 0.0;
    for (const auto& k : modes::find_mode(t.path.substr(5))->knobs)
      if (k.key == key) return number(k.default_value);
    return 0.0;
  };
  for (const auto& k : t.keys) {
    const std::string name = "[" + t.path + "] " + k.key;
    for (const auto& i : k.instances) out.push_back({name + " (" + i.name + ")", &k, number(i.reference), &i.provenance});
    if (k.provenance.status == DefaultStatus::none) continue;
    // The struct's default, as the parameter list reads it.
    double def = knob_default(k.key);
    if (t.path.rfind("mode.", 0) != 0)
      for (const auto& p : scenario::parameters())
        if (p.table == t.path && p.path.size() > k.key.size() &&
            p.path.compare(p.path.size() - k.key.size() - 1, std::string::npos, "." + k.key) == 0)
          def = p.default_value;
    out.push_back({name, &k, def, &k.provenance});
  }
  return out;
}

std::set<std::string> tags_in(const std::string& text) {
  std::set<std::string> out;
  const std::regex tag(R"(\[(S\d+)\])");
  for (std::sregex_iterator it(text.begin(), text.end(), tag), end; it != end; ++it) out.insert((*it)[1].str());
  return out;
}

}  // namespace

TEST_CASE("every numeric default of the schema and of the built-in modes states where it comes from", "[scenario][provenance]") {
  std::size_t numeric = 0;
  for (const auto* t : tables()) {
    REQUIRE(t != nullptr);
    for (const auto& k : t->keys) {
      if (!scenario::needs_provenance(k)) continue;
      ++numeric;
      INFO("[" << t->path << "] " << k.key << " has a numeric default with no status: " << how_to);
      if (!k.instances.empty() && k.provenance.status == DefaultStatus::none) {
        // A key whose default differs by category states each category's.
        for (const auto c : model::names_of<model::Category>()) {
          bool found = false;
          for (const auto& i : k.instances) found = found || i.name == c;
          INFO("category " << c);
          CHECK(found);
        }
      } else {
        CHECK(k.provenance.status != DefaultStatus::none);
      }
    }
  }
  CHECK(numeric > 100);  // the rule still reaches the schema
}

TEST_CASE("a plausible range lies inside the valid range and holds the default", "[scenario][provenance]") {
  for (const auto* t : tables())
    for (const auto& s : stated(*t)) {
      const auto& p = *s.provenance;
      if (p.status != DefaultStatus::sourced && p.status != DefaultStatus::assumed) continue;
      const auto& k = *s.key;
      INFO(s.name << ": plausible [" << p.low << ", " << p.high << "], valid " << (k.min_open ? "(" : "[") << k.min
                  << ", " << k.max << "], default " << s.default_value);
      CHECK(p.low <= p.high);
      if (k.type != scenario::KeyType::boolean && k.type != scenario::KeyType::clock) {
        CHECK((k.min_open ? p.low > k.min : p.low >= k.min));
        CHECK(p.high <= k.max);
      }
      const bool inside = p.low <= s.default_value && s.default_value <= p.high;
      if (p.contradiction.empty()) {
        INFO("a default outside its plausible range needs a stated contradiction");
        CHECK(inside);
      } else {
        INFO("the contradiction is stale: the default is inside its plausible range");
        CHECK_FALSE(inside);
      }
      CHECK_FALSE(p.basis.empty());
    }
}

TEST_CASE("a sourced default names sources, and every tag it names is in the source list", "[scenario][provenance]") {
  for (const auto* t : tables())
    for (const auto& s : stated(*t)) {
      const auto& p = *s.provenance;
      INFO(s.name);
      if (p.status == DefaultStatus::sourced) CHECK_FALSE(p.sources.empty());
      std::set<std::string> tags(p.sources.begin(), p.sources.end());
      for (const auto& x : tags_in(p.basis + " " + p.contradiction)) tags.insert(x);
      for (const auto& tag : tags) {
        INFO("tag [" << tag << "] is not in the source list (lib/model/sources.cpp)");
        CHECK(model::find_source(tag) != nullptr);
      }
    }
}

TEST_CASE("every source tag the docs and parameter comments cite is in the source list", "[scenario][provenance]") {
  std::vector<fs::path> files{root / "README.md", root / "include/last100/model/params.hpp"};
  for (const auto& e : fs::directory_iterator(root / "docs"))
    if (e.path().extension() == ".md") files.push_back(e.path());
  for (const auto& f : files)
    for (const auto& tag : tags_in(read(f))) {
      INFO(f.filename().string() << " cites [" << tag << "], which lib/model/sources.cpp does not list");
      CHECK(model::find_source(tag) != nullptr);
    }
  std::set<std::string> seen;
  for (const auto& s : model::sources()) {
    INFO("source tag " << s.tag << " listed twice");
    CHECK(seen.insert(s.tag).second);
  }
}

TEST_CASE("docs/parameters.md shows the provenance tables and the source list the schema generates", "[docs][provenance]") {
  const std::string doc = read(root / "docs" / "parameters.md");
  const std::string regenerated = scenario::regenerate_doc(doc);
  if (regenerated != doc) {
    std::stringstream a(doc), b(regenerated);
    std::string la, lb;
    int line = 0;
    while (std::getline(a, la) && std::getline(b, lb) && la == lb) ++line;
    INFO("docs/parameters.md:" << line + 1 << " differs from the schema\n  doc:    " << la << "\n  schema: " << lb
                               << "\nregenerate with `last100 keys --doc docs/parameters.md > new.md && mv new.md "
                                  "docs/parameters.md`");
    CHECK(regenerated == doc);
  }
  CHECK(doc.find("<!-- sources: all -->") != std::string::npos);
  for (const auto* t : tables()) {
    bool any = false;
    for (const auto& k : t->keys) any = any || k.provenance.status != DefaultStatus::none || !k.instances.empty();
    if (!any) continue;
    const std::string marker = "<!-- provenance: " + (t->path.empty() ? std::string("(top level)") : t->path) + " -->";
    INFO("docs/parameters.md lacks " << marker);
    CHECK(doc.find(marker) != std::string::npos);
  }
}

TEST_CASE("the assumed defaults are listed by the key paths --set accepts", "[scenario][provenance]") {
  const auto all = scenario::assumed_only(scenario::parameters());
  std::set<std::string> paths;
  for (const auto& p : all) {
    paths.insert(p.path);
    CHECK(p.provenance.status == DefaultStatus::assumed);
  }
  CHECK(paths.count("couriers[0].handover") == 1);
  CHECK(paths.count("mode.relay.help_after") == 1);
  CHECK(paths.count("mode.relay.cold_storage") == 1);
  CHECK(paths.count("demand.fresh_food.spoil_after") == 1);
  CHECK(paths.count("vehicles.count") == 1);
  CHECK(paths.count("run.duration") == 0);  // a setting, not an assumption
  CHECK(paths.count("sorting.per_item") == 0);  // sourced

  // On a bundled comparison, each assumed parameter set to its plausible ends through --set
  // reads back as that value.
  const fs::path file = root / "scenarios" / "compare.toml";
  const auto s = scenario::load_scenario(file, experiment::load_options());
  const auto list = scenario::assumed_only(scenario::parameters(s));
  REQUIRE(list.size() > 50);
  std::size_t groups = 0;
  for (const auto& p : list) groups += p.path.rfind("couriers[1].", 0) == 0 ? 1 : 0;
  CHECK(groups > 0);  // every courier group of the file
  std::size_t checked = 0;
  std::size_t refused = 0;
  for (const auto& p : list) {
    for (const auto& text : {p.value_text, p.low_text, p.high_text}) {
      auto opt = experiment::load_options();
      opt.overrides = {p.path + "=" + text};
      INFO("--set " << opt.overrides.front());
      scenario::Scenario changed;
      try {
        changed = scenario::load_scenario(file, opt);
      } catch (const scenario::ScenarioError& e) {
        // The file's own value always loads; a plausible end may need another key too (a
        // shift's end after its start, a gate crew for its time per item).
        INFO(e.what());
        CHECK(text != p.value_text);
        ++refused;
        continue;
      }
      for (const auto& q : scenario::parameters(changed))
        if (q.path == p.path) {
          CHECK(q.value_text == text);
          ++checked;
        }
    }
  }
  CHECK(refused * 10 < list.size());
  CHECK(checked + refused == 3 * list.size());
}
