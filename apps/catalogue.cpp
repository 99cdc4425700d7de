#include "catalogue.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <variant>

#include <fmt/format.h>

#include "last100/report/files.hpp"
#include "last100/model/names.hpp"
#include "last100/modes/mode.hpp"
#include "last100/scenario/scenario.hpp"
#include "last100/scenario/schema.hpp"

namespace fs = std::filesystem;

namespace last100::cli {

std::vector<fs::path> scenario_dirs() {
  std::vector<fs::path> dirs;
  if (const char* env = std::getenv("LAST100_SCENARIOS")) {
    std::error_code ec;
    if (fs::is_directory(env, ec)) {
      dirs.emplace_back(env);
    } else {
      static bool warned = false;  // once per process, however often names are looked up
      if (!warned)
        fmt::print(stderr, "last100: warning: LAST100_SCENARIOS='{}' is not a folder; looking in the bundled scenarios\n", env);
      warned = true;
    }
  }
#ifdef LAST100_SOURCE_SCENARIOS
  dirs.emplace_back(LAST100_SOURCE_SCENARIOS);
#endif
#ifdef LAST100_INSTALL_SCENARIOS
  dirs.emplace_back(LAST100_INSTALL_SCENARIOS);
#endif
  return dirs;
}

std::string resolve_scenario(const std::string& arg) {
  std::error_code ec;
  if (arg.empty() || fs::exists(arg, ec)) return arg;
  // Only a bare name is looked up: a path with a folder that does not exist is a typo to report.
  if (fs::path(arg).has_parent_path()) return arg;
  const std::string file = fs::path(arg).extension() == ".toml" ? arg : arg + ".toml";
  for (const auto& dir : scenario_dirs())
    if (fs::is_regular_file(dir / file, ec)) return (dir / file).string();
  return arg;
}

namespace {

std::string type_name(modes::KnobType t) {
  switch (t) {
    case modes::KnobType::integer: return "integer";
    case modes::KnobType::real: return "number";
    case modes::KnobType::boolean: return "boolean";
    case modes::KnobType::duration: return "duration";
    case modes::KnobType::clock: return "clock";
    case modes::KnobType::text: return "text";
  }
  return "value";
}

/// The default as a scenario file would write it.
std::string value_text(const modes::KnobSpec& k) {
  return std::visit(
      [&](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, bool>) return v ? "true" : "false";
        else if constexpr (std::is_same_v<T, std::string>) return "\"" + v + "\"";
        else if constexpr (std::is_same_v<T, sim::Duration>)
          return fmt::format("\"{}\"", k.type == modes::KnobType::clock ? scenario::format_clock(v) : scenario::format_duration(v));
        else return fmt::format("{}", v);
      },
      k.default_value);
}

std::string range_text(const modes::KnobSpec& k) {
  switch (k.type) {
    case modes::KnobType::integer:
    case modes::KnobType::real: return fmt::format("{:g} to {:g}", k.min, k.max);
    case modes::KnobType::duration:
      return fmt::format("{} to {}", scenario::format_duration(std::chrono::milliseconds{static_cast<std::int64_t>(k.min * 1000)}),
                         scenario::format_duration(std::chrono::milliseconds{static_cast<std::int64_t>(k.max * 1000)}));
    case modes::KnobType::text: {
      std::string out;
      for (const auto& c : k.choices) out += (out.empty() ? "" : " | ") + c;
      return out;
    }
    default: return "";
  }
}

void print_mode(const modes::ModeInfo& m, bool full) {
  fmt::print("{}: {}\n", m.name, m.summary);
  if (!full) {
    std::string keys;
    for (const auto& k : m.knobs) keys += (keys.empty() ? "" : ", ") + k.key + " = " + value_text(k);
    fmt::print("  knobs: {}\n", keys.empty() ? "(none)" : keys);
    return;
  }
  fmt::print("\nknobs ([mode.{}] in a scenario file, or --set mode.{}.KEY=VALUE):\n", m.name, m.name);
  for (const auto& k : m.knobs) {
    const std::string range = range_text(k);
    fmt::print("  {} = {}  ({}{}{})\n      {}\n", k.key, value_text(k), type_name(k.type), range.empty() ? "" : ", ",
               range, k.doc);
  }
}

}  // namespace

int print_modes(const std::string& name) {
  const auto& all = modes::all_modes();
  if (name.empty()) {
    for (const auto& m : all) print_mode(m, false);
    fmt::print(stderr, "({} modes; `last100 modes NAME` explains each knob)\n", all.size());
    return 0;
  }
  if (const auto* m = modes::find_mode(name)) {
    print_mode(*m, true);
    return 0;
  }
  std::vector<std::string> names;
  for (const auto& m : all) names.push_back(m.name);
  const std::string guess = scenario::did_you_mean(name, names);
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  fmt::print(stderr, "last100: no mode named '{}'{}; the modes are {}\n", name,
             guess.empty() ? "" : " (did you mean '" + guess + "'?)", list);
  return 2;
}

int print_keys(const std::string& table, const std::string& doc_file) {
  if (!doc_file.empty()) {
    // A regular file of reasonable size: a folder gave no output with exit 0, /dev/zero was
    // read until memory ran out.
    std::string text;
    try {
      text = report::read_file(doc_file, std::uintmax_t{16} << 20);
    } catch (const std::runtime_error& e) {
      fmt::print(stderr, "last100: {}\n  hint: --doc takes a Markdown file such as docs/parameters.md\n", e.what());
      return 2;
    }
    try {
      fmt::print("{}", scenario::regenerate_doc(text));
    } catch (const std::invalid_argument& e) {
      fmt::print(stderr, "last100: {}: {}\n", doc_file, e.what());
      return 2;
    }
    return 0;
  }
  // The scenario's tables, then each registered mode's knobs.
  std::vector<const scenario::TableDecl*> tables = scenario::schema();
  for (const auto& m : modes::all_modes()) tables.push_back(scenario::find_table("mode." + m.name));
  std::vector<std::string> paths;
  for (const auto* t : tables) paths.push_back(t->path);
  std::string path = table == "(top level)" ? "" : table;
  // A category's own name (demand.takeout) asks for the table every category shares.
  for (const std::string_view c : model::EnumNames<model::Category>::values)
    if (path == "demand." + std::string(c)) path = "demand.<category>";
  if (!table.empty() && scenario::find_table(path) == nullptr) {
    const std::string guess = scenario::did_you_mean(table, paths);
    std::string list;
    for (const auto& n : paths) list += (list.empty() ? "" : ", ") + n;
    fmt::print(stderr, "last100: no table named '{}'{}; the tables are {}\n", table,
               guess.empty() ? "" : " (did you mean '" + guess + "'?)", list);
    return 2;
  }
  if (!table.empty()) tables = {scenario::find_table(path)};
  bool first = true;
  for (const auto* t : tables) {
    if (t == nullptr) continue;  // a mode registered after the schema was first asked for
    const std::string title = t->path.empty() ? "(top level)" : (t->array ? "[[" : "[") + t->path + (t->array ? "]]" : "]");
    fmt::print("{}{}\n\n{}", first ? "" : "\n", title, scenario::key_table_markdown(*t));
    first = false;
  }
  return 0;
}

namespace {

/// Returns `text` as a JSON string.
std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        else out += c;
    }
  }
  return out + "\"";
}

const char* key_type_name(scenario::KeyType t) {
  switch (t) {
    case scenario::KeyType::integer: return "integer";
    case scenario::KeyType::real: return "number";
    case scenario::KeyType::boolean: return "boolean";
    case scenario::KeyType::duration: return "duration";
    case scenario::KeyType::clock: return "clock";
    case scenario::KeyType::text: return "string";
  }
  return "";
}

std::string json_number(double v) { return std::isfinite(v) ? fmt::format("{}", v) : "null"; }

}  // namespace

int print_assumed(const std::vector<scenario::Parameter>& list, bool json) {
  const auto assumed = scenario::assumed_only(list);
  if (json) {
    fmt::print("[");
    bool first = true;
    for (const auto& p : assumed) {
      std::string tags;
      for (const auto& t : p.provenance.sources) tags += (tags.empty() ? "" : ", ") + json_string(t);
      fmt::print("{}\n  {{\"path\": {}, \"table\": {}, \"type\": {}, \"unit\": {}, \"default\": {}, \"default_text\": {}, "
                 "\"value\": {}, \"value_text\": {}, \"low\": {}, \"low_text\": {}, \"high\": {}, \"high_text\": {}, "
                 "\"min\": {}, \"max\": {}, \"min_open\": {}, \"status\": {}, \"sources\": [{}], \"basis\": {}, "
                 "\"contradiction\": {}}}",
                 first ? "" : ",", json_string(p.path), json_string(p.table), json_string(key_type_name(p.type)), json_string(p.unit),
                 json_number(p.default_value), json_string(p.default_text), json_number(p.value), json_string(p.value_text),
                 json_number(p.provenance.low), json_string(p.low_text), json_number(p.provenance.high),
                 json_string(p.high_text), json_number(p.min), json_number(p.max), p.min_open ? "true" : "false",
                 json_string(model::status_name(p.provenance.status)), tags, json_string(p.provenance.basis),
                 json_string(p.provenance.contradiction));
      first = false;
    }
    fmt::print("{}]\n", assumed.empty() ? "" : "\n");
    return 0;
  }
  std::size_t w = 4;
  for (const auto& p : assumed) w = std::max(w, p.path.size());
  fmt::print("{:<{}}  {:>10}  {:>10}  {:>10}  {}\n", "path", w, "value", "low", "high", "range sources");
  for (const auto& p : assumed) {
    std::string tags;
    for (const auto& t : p.provenance.sources) tags += "[" + t + "]";
    fmt::print("{:<{}}  {:>10}  {:>10}  {:>10}  {}{}\n", p.path, w, p.value_text, p.low_text, p.high_text, tags,
               p.provenance.contradiction.empty() ? "" : "  (contradiction: the default lies outside this range)");
  }
  fmt::print("{} assumed defaults; `last100 keys --assumed --json` gives each with its basis\n", assumed.size());
  return 0;
}

}  // namespace last100::cli
