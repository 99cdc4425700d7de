// Loads scenario files: toml++ parse, `extends` chains, --set overrides, then a schema walk
// that fills model::WorldParams and refuses anything it does not understand.
//
// toml++ does not copy source positions when nodes are copied, so positions are recorded
// per key path ("couriers[0].count") while each file is read, and kept beside the merged
// tree; every later error looks its key up there.

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "last100/scenario/scenario.hpp"
#include "scenario/detail.hpp"

namespace last100::scenario {

namespace fs = std::filesystem;
using detail::Loc;
using detail::LocMap;

namespace detail {

std::string describe(const toml::node& n) {
  const auto quote = [](std::string_view s) {
    std::string out = "\"";
    std::size_t shown = 0;
    for (char c : s) {
      if (++shown > 40) {
        out += "...";
        break;
      }
      const auto u = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') out += std::string("\\") + c;
      else if (u < 0x20 || u == 0x7f) out += fmt::format("\\x{:02x}", u);
      else out += c;
    }
    return out + "\"";
  };
  if (const auto* s = n.as_string()) return "the string " + quote(s->get());
  if (const auto* i = n.as_integer()) return fmt::format("the integer {}", i->get());
  if (const auto* f = n.as_floating_point()) return fmt::format("the number {}", f->get());
  if (const auto* b = n.as_boolean()) return b->get() ? "true" : "false";
  if (n.is_table()) return "a table";
  if (n.is_array()) return fmt::format("an array of {} values", n.as_array()->size());
  if (n.is_time()) return "a time of day";
  if (n.is_date()) return "a date";
  if (n.is_date_time()) return "a date-time";
  return "a value";
}

}  // namespace detail

namespace {

constexpr std::size_t max_extends_depth = 16;

bool has_prefix(const std::string& key, const std::string& prefix) {
  if (key.size() < prefix.size() || key.compare(0, prefix.size(), prefix) != 0) return false;
  return key.size() == prefix.size() || key[prefix.size()] == '.' || key[prefix.size()] == '[';
}

void erase_prefix(LocMap& m, const std::string& prefix) {
  for (auto it = m.lower_bound(prefix); it != m.end() && it->first.compare(0, prefix.size(), prefix) == 0;) {
    if (has_prefix(it->first, prefix)) it = m.erase(it);
    else ++it;
  }
}

void copy_prefix(const LocMap& from, LocMap& to, const std::string& prefix) {
  for (auto it = from.lower_bound(prefix); it != from.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
    if (has_prefix(it->first, prefix)) to[it->first] = it->second;
}

std::string join(const std::string& prefix, std::string_view key) {
  return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
}

void record(const toml::node& n, const std::string& path, const std::string& file, LocMap& out) {
  const auto& src = n.source();
  if (src.begin.line > 0) out[path] = Loc{file, src.begin.line, src.begin.column};
  if (const auto* t = n.as_table()) {
    for (auto&& [k, v] : *t) record(v, join(path, k.str()), file, out);
  } else if (const auto* a = n.as_array()) {
    for (std::size_t i = 0; i < a->size(); ++i) record((*a)[i], fmt::format("{}[{}]", path, i), file, out);
  }
}

void assign(toml::table& dst, std::string_view key, const toml::node& v) {
  v.visit([&](const auto& x) { dst.insert_or_assign(key, x); });
}

Loc loc_of(const LocMap& locs, const std::string& path, const Loc& fallback) {
  if (auto it = locs.find(path); it != locs.end()) return it->second;
  if (auto it = locs.find(path + "[0]"); it != locs.end()) return it->second;
  return fallback;
}

/// Copies `src` over `dst` key by key: tables merge, anything else replaces. An array that
/// replaces a base file's array is legal but easy to do by mistake (a what-if that meant to
/// change one courier group's count drops the others): it earns a warning that names both
/// places and the way to change one item or append.
void overlay(toml::table& dst, LocMap& dst_locs, const toml::table& src, const LocMap& src_locs,
             const std::string& path, std::vector<std::string>& warnings, const std::set<std::string>& replaces) {
  for (auto&& [k, v] : src) {
    const std::string p = join(path, k.str());
    if (path.empty() && k.str() == "extends") continue;
    auto* existing = dst.get(k.str());
    if (existing != nullptr && existing->is_table() && v.is_table()) {
      if (auto it = src_locs.find(p); it != src_locs.end()) dst_locs[p] = it->second;
      if (p == "mode") {  // mode.name and mode.modes replace each other
        auto& dm = *existing->as_table();
        const auto& sm = *v.as_table();
        if (sm.contains("modes")) dm.erase("name"), erase_prefix(dst_locs, "mode.name");
        if (sm.contains("name")) dm.erase("modes"), erase_prefix(dst_locs, "mode.modes");
      }
      overlay(*existing->as_table(), dst_locs, *v.as_table(), src_locs, p, warnings, replaces);
    } else {
      // Every array the base had items in, tables (courier groups, duties, events) and plain
      // values (an hourly profile) alike: either way the base's items are gone. Two principled
      // exceptions (docs/scenario-format.md): an empty array clears on purpose, and mode.modes
      // is the choice of modes to run, which mode.name replaces silently in the other direction.
      if (existing != nullptr && existing->is_array() && v.is_array() && !existing->as_array()->empty() &&
          !v.as_array()->empty() && p != "mode.modes" && replaces.count(p) == 0) {
        const Loc here = loc_of(src_locs, p, Loc{"?", 1, 1});
        const Loc base = loc_of(dst_locs, p, Loc{"the base file", 1, 1});
        const auto* first = existing->as_array()->get(0);
        const bool tables = existing->as_array()->is_array_of_tables();
        std::string change;  // how to change one item, with a field of the base's first item
        if (tables) {
          std::string field = "KEY";
          if (const auto* t = first != nullptr ? first->as_table() : nullptr; t != nullptr && !t->empty())
            field = t->contains("count") ? "count" : std::string(t->begin()->first.str());
          change = fmt::format("to change one item write \"{}[0].{}\" = ... at the top of the file; to add items write "
                               "[[\"{}+\"]]",
                               p, field, p);
        } else {
          // A list of values (often of fixed length, as a profile's 24): change values in place.
          change = fmt::format("to change one value write \"{}[0]\" = ... (index from 0) at the top of the file; to "
                               "add values write \"{}+\" = [...]",
                               p, p);
        }
        warnings.push_back(fmt::format(
            "{}:{}:{}: warning: {}: this array replaces the {} item(s) of {}:{}:{} (arrays replace, they do not "
            "merge)\n  hint: {}; to replace on purpose, list it: replaces = [\"{}\"]",
            here.file, here.line, here.column, p, existing->as_array()->size(), base.file, base.line, base.column, change,
            p));
      }
      erase_prefix(dst_locs, p);
      assign(dst, k.str(), v);
      copy_prefix(src_locs, dst_locs, p);
    }
  }
}

/// Reads a scenario file of at most `budget` bytes (what is left of max_file_bytes after the
/// files of the chain read so far).
std::string read_file(const fs::path& file, const LoadOptions& opt, std::uint64_t budget, const Loc& where,
                      const std::string& key) {
  std::error_code ec;
  const auto status = fs::status(file, ec);
  if (ec || !fs::exists(status))
    throw ScenarioError(where.file, where.line, where.column, key, "an existing scenario file",
                        "no file at '" + file.string() + "'",
                        key.empty() ? "check the path" : "paths are relative to the file that names them");
  if (!fs::is_regular_file(status))
    throw ScenarioError(where.file, where.line, where.column, key, "a regular file",
                        "'" + file.string() + "' (a directory or device)", "name a .toml file");
  const auto size = fs::file_size(file, ec);
  if (!ec && size > budget)
    throw ScenarioError(where.file, where.line, where.column, key,
                        fmt::format("scenario files of at most {} bytes with their bases", opt.max_file_bytes),
                        fmt::format("{} bytes{}", size, budget < opt.max_file_bytes ? fmt::format(" with {} left", budget) : ""),
                        "scenario files are small text files (a few KiB); the limit bounds the loader's memory");
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw ScenarioError(where.file, where.line, where.column, key, "a readable file",
                        "'" + file.string() + "' cannot be opened", "check its permissions");
  std::string text;
  text.resize(static_cast<std::size_t>(std::min<std::uintmax_t>(ec ? 0 : size, budget)));
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

/// Refuses non-ASCII characters outside strings and comments before toml++ sees them:
/// TOML never allows them there, and toml++ 3.3 reaches an "unreachable" branch
/// (undefined behaviour) classifying some of them as whitespace (found by the fuzzer).
void check_bare_ascii(std::string_view text, const std::string& name) {
  enum class St { normal, comment, basic, literal, ml_basic, ml_literal } st = St::normal;
  std::uint32_t line = 1, col = 1;
  const auto starts = [&](std::size_t i, std::string_view w) { return text.substr(i, w.size()) == w; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    switch (st) {
      case St::normal:
        if (c == '#') st = St::comment;
        else if (starts(i, "\"\"\"")) st = St::ml_basic, i += 2, col += 2;
        else if (c == '"') st = St::basic;
        else if (starts(i, "'''")) st = St::ml_literal, i += 2, col += 2;
        else if (c == '\'') st = St::literal;
        else if (u >= 0x80 && !(i == 0 && starts(0, "\xef\xbb\xbf")))
          throw ScenarioError(name, line, col, "", "ASCII keys, punctuation or a quoted string",
                              "a non-ASCII character outside quotes", "put names and text in \"quotes\"");
        else if (i == 0 && starts(0, "\xef\xbb\xbf")) i += 2;
        break;
      case St::comment:
        if (c == '\n') st = St::normal;
        break;
      case St::basic:
        if (c == '\\') ++i, ++col;
        else if (c == '"' || c == '\n') st = St::normal;
        break;
      case St::literal:
        if (c == '\'' || c == '\n') st = St::normal;
        break;
      case St::ml_basic:
        if (c == '\\') ++i, ++col;
        else if (starts(i, "\"\"\"")) st = St::normal, i += 2, col += 2;
        break;
      case St::ml_literal:
        if (starts(i, "'''")) st = St::normal, i += 2, col += 2;
        break;
    }
    if (i < text.size() && text[i] == '\n') line++, col = 1;
    else if ((u & 0xC0) != 0x80) ++col;
  }
}

struct Parsed {
  toml::table table;
  LocMap locs;
  std::vector<std::string> warnings;
};

void apply_path(Parsed& p, const std::string& path, const toml::node& new_value, const Loc& where, bool from_set);

/// Appends the items of `items` (an array, or one table) to the array at top-level key `name`
/// of the merged tree, creating it when the base files have none.
void append_items(Parsed& p, const std::string& name, const toml::node& items, const LocMap& own_locs,
                  const std::string& own_key, const Loc& where) {
  // The array's path: table names separated by '.' ("events.zone_status"), no indices.
  toml::table* table = &p.table;
  std::string leaf = name;
  for (std::size_t dot; (dot = leaf.find('.')) != std::string::npos;) {
    const std::string part = leaf.substr(0, dot);
    leaf = leaf.substr(dot + 1);
    auto* next = part.empty() ? nullptr : table->get(part);
    if (next == nullptr && !part.empty()) {
      table->insert_or_assign(part, toml::table{});
      next = table->get(part);
    }
    table = next != nullptr ? next->as_table() : nullptr;
    if (table == nullptr) break;
  }
  if (table == nullptr || leaf.empty() || name.find('[') != std::string::npos)
    throw ScenarioError(where.file, where.line, where.column, name + "+", "an array's name before '+'",
                        "'" + name + "+'", "write [[\"couriers+\"]] to add a courier group to the base's");
  auto* existing = table->get(leaf);
  if (existing == nullptr) {
    table->insert_or_assign(leaf, toml::array{});
    existing = table->get(leaf);
  }
  auto* arr = existing->as_array();
  if (arr == nullptr)
    throw ScenarioError(where.file, where.line, where.column, name + "+", "an array in the base files to append to",
                        detail::describe(*existing), "only arrays such as couriers or duties take appended items");
  const auto add = [&](const toml::node& item, const std::string& item_path) {
    const std::size_t index = arr->size();
    item.visit([&](const auto& x) { arr->push_back(x); });
    const std::string new_path = fmt::format("{}[{}]", name, index);
    for (auto it = own_locs.lower_bound(item_path); it != own_locs.end() && has_prefix(it->first, item_path); ++it)
      p.locs[new_path + it->first.substr(item_path.size())] = it->second;
  };
  if (const auto* a = items.as_array()) {
    for (std::size_t i = 0; i < a->size(); ++i) add((*a)[i], fmt::format("{}[{}]", own_key, i));
  } else {
    add(items, own_key);
  }
}

class FileLoader {
 public:
  explicit FileLoader(const LoadOptions& opt) : opt_(opt) {}

  Parsed load_text(std::string_view text, const std::string& name, const fs::path& dir) {
    used_ += text.size();
    if (used_ > opt_.max_file_bytes)
      throw ScenarioError(name, 1, 1, "", fmt::format("scenario text of at most {} bytes", opt_.max_file_bytes),
                          fmt::format("{} bytes", used_), "scenario files are small text files (a few KiB)");
    toml::table own;
    check_bare_ascii(text, name);
    try {
      own = toml::parse(text, name);
    } catch (const toml::parse_error& e) {
      const auto& b = e.source().begin;
      throw ScenarioError(name, std::max<std::uint32_t>(1, b.line), std::max<std::uint32_t>(1, b.column), "",
                          "valid TOML", std::string(e.description()),
                          "see docs/scenario-format.md; strings need \"quotes\", tables [brackets]");
    }
    LocMap own_locs;
    for (auto&& [k, v] : own) record(v, std::string(k.str()), name, own_locs);

    Parsed result;
    if (const auto* ext = own.get("extends")) {
      const Loc where = own_locs.count("extends") ? own_locs["extends"] : Loc{name, 1, 1};
      if (!opt_.allow_extends)
        throw ScenarioError(where.file, where.line, where.column, "extends", "no 'extends' here",
                            detail::describe(*ext), "extends is not allowed in this context");
      const auto* s = ext->as_string();
      if (s == nullptr)
        throw ScenarioError(where.file, where.line, where.column, "extends",
                            "a file name string such as \"base.toml\"", detail::describe(*ext));
      if (s->get().empty())
        throw ScenarioError(where.file, where.line, where.column, "extends", "a file name",
                            "an empty string", "write extends = \"base.toml\" or remove the key");
      fs::path base = (dir / fs::path(s->get())).lexically_normal();
      std::error_code ec;
      if (!fs::exists(base, ec) && !fs::path(s->get()).has_parent_path()) {
        // A bundled scenario's name, as `last100 run NAME` takes it.
        const fs::path name = fs::path(s->get()).extension() == ".toml" ? fs::path(s->get()) : fs::path(s->get() + ".toml");
        for (const auto& d : opt_.scenario_dirs)
          if (fs::is_regular_file(d / name, ec)) {
            base = (d / name).lexically_normal();
            break;
          }
      }
      const fs::path canon = fs::weakly_canonical(base, ec);
      const std::string id = ec ? base.string() : canon.string();
      if (std::find(chain_.begin(), chain_.end(), id) != chain_.end()) {
        std::string cycle;
        for (const auto& c : chain_) cycle += fs::path(c).filename().string() + " -> ";
        cycle += fs::path(id).filename().string();
        throw ScenarioError(where.file, where.line, where.column, "extends",
                            "a chain of base files without cycles", "the cycle " + cycle,
                            "a file cannot extend itself, directly or through others");
      }
      // chain_ holds the files above this one, the first file included: 16 bases may follow it.
      if (chain_.size() > max_extends_depth)
        throw ScenarioError(where.file, where.line, where.column, "extends",
                            fmt::format("at most {} levels of extends", max_extends_depth),
                            "a deeper chain", "flatten the chain of base files");
      const std::string text2 = read_file(base, opt_, opt_.max_file_bytes - std::min(used_, opt_.max_file_bytes), where, "extends");
      chain_.push_back(id);
      result = load_text(text2, base.string(), base.parent_path());
      chain_.pop_back();
    }
    // Keys that name a path into the merged tree ("couriers[0].count" = 30) or append to an
    // array ([["couriers+"]]) act on the result of the base files, after the plain keys.
    std::vector<std::string> edits;
    for (auto&& [k, v] : own) {
      const std::string key(k.str());
      if (key.find_first_of(".[") != std::string::npos || (key.size() > 1 && key.back() == '+')) edits.push_back(key);
    }
    toml::table plain = own;
    for (const auto& key : edits) plain.erase(key);
    // `replaces = ["couriers"]`: arrays this file replaces on purpose (no warning).
    std::set<std::string> replaces;
    if (const auto* r = own.get("replaces")) {
      const Loc at = own_locs.count("replaces") ? own_locs["replaces"] : Loc{name, 1, 1};
      const auto* arr = r->as_array();
      if (arr == nullptr)
        throw ScenarioError(at.file, at.line, at.column, "replaces", "an array of key paths such as [\"couriers\"]",
                            detail::describe(*r));
      for (const auto& item : *arr) {
        if (!item.is_string())
          throw ScenarioError(at.file, at.line, at.column, "replaces", "key paths as strings", detail::describe(item));
        replaces.insert(item.as_string()->get());
      }
      plain.erase("replaces");
    }
    overlay(result.table, result.locs, plain, own_locs, "", result.warnings, replaces);
    for (const auto& key : edits) {
      const Loc where = own_locs.count(key) ? own_locs[key] : Loc{name, 1, 1};
      if (key.back() == '+') append_items(result, key.substr(0, key.size() - 1), *own.get(key), own_locs, key, where);
      else apply_path(result, key, *own.get(key), where, false);
    }
    return result;
  }

  void push_chain(const std::string& id) { chain_.push_back(id); }

 private:
  const LoadOptions& opt_;
  std::vector<std::string> chain_;
  std::uint64_t used_ = 0;  ///< bytes of scenario text read so far, bases included
};

/// Applies one "a.b[0].c=value" override from the command line to the merged tree.
void apply_override(Parsed& p, const std::string& text, std::size_t index) {
  const std::string file = fmt::format("--set #{}", index + 1);
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw ScenarioError(file, 1, 1, "", "key.path=value", "'" + text + "'",
                        "for example --set couriers[0].count=40 or --set run.duration=2d");
  std::string path = text.substr(0, eq);
  while (!path.empty() && path.back() == ' ') path.pop_back();
  std::string value = text.substr(eq + 1);
  const auto value_col = static_cast<std::uint32_t>(eq + 2);

  // Parse the value as TOML; anything that is not a single TOML value is a string.
  toml::table holder;
  bool parsed = false;
  if (value.find('\n') == std::string::npos && value.find('\r') == std::string::npos) {
    try {
      holder = toml::parse("v = " + value);
      parsed = holder.size() == 1 && holder.get("v") != nullptr;
    } catch (const toml::parse_error&) {
      parsed = false;
    }
  }
  if (!parsed) {
    holder = toml::table{};
    holder.insert_or_assign("v", value);
  }
  apply_path(p, path, *holder.get("v"), Loc{file, 1, value_col}, true);
}

/// Sets the value at a key path ("couriers[0].count", "mode.name") of the merged tree: from
/// --set (errors at column 1 of "--set #N"), or from a quoted path key in a file.
void apply_path(Parsed& p, const std::string& path, const toml::node& new_value, const Loc& where, bool from_set) {
  const std::string& file = where.file;
  const std::uint32_t line = from_set ? 1 : where.line;

  // Split the key path into names and indices.
  struct Seg {
    std::string name;
    bool is_index = false;
    std::size_t index = 0;
  };
  std::vector<Seg> segs;
  std::size_t i = 0;
  const auto bad_path = [&](std::size_t col) {
    return ScenarioError(file, line, from_set ? static_cast<std::uint32_t>(col + 1) : where.column, path,
                         "a key path of names and indices like couriers[0].count", "'" + path + "'",
                         "names are letters, digits, '_' and '-', separated by '.'");
  };
  while (i < path.size()) {
    const std::size_t start = i;
    while (i < path.size() && (std::isalnum(static_cast<unsigned char>(path[i])) || path[i] == '_' || path[i] == '-')) ++i;
    if (i == start) throw bad_path(i);
    std::string name = path.substr(start, i - start);
    const bool numeric = std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (numeric && !segs.empty() && name.size() < 9) segs.push_back({"", true, std::stoul(name)});
    else segs.push_back({name, false, 0});
    while (i < path.size() && path[i] == '[') {
      const std::size_t ds = ++i;
      while (i < path.size() && path[i] >= '0' && path[i] <= '9') ++i;
      if (i == ds || i - ds > 8 || i >= path.size() || path[i] != ']') throw bad_path(i);
      segs.push_back({"", true, std::stoul(path.substr(ds, i - ds))});
      ++i;
    }
    if (i < path.size()) {
      if (path[i] != '.') throw bad_path(i);
      ++i;
      if (i == path.size()) throw bad_path(i);
    }
  }
  if (segs.empty()) throw bad_path(0);
  const std::uint32_t ecol = from_set ? 1 : where.column;
  if (!segs.front().is_index && segs.front().name == "extends")
    throw ScenarioError(file, line, ecol, "extends", "a key of the scenario", "extends",
                        "base files are read before --set applies: write a small file with extends = \"...\" "
                        "and the changes, and run that");

  // Walk, creating tables as needed.
  toml::node* cur = nullptr;
  toml::table* table = &p.table;
  std::string key_path;
  for (std::size_t s = 0; s < segs.size(); ++s) {
    const Seg& seg = segs[s];
    const bool last = s + 1 == segs.size();
    if (seg.is_index) {
      auto* arr = cur != nullptr ? cur->as_array() : nullptr;
      key_path += fmt::format("[{}]", seg.index);
      if (arr == nullptr)
        throw ScenarioError(file, line, ecol, key_path, "an index into an array", "a path into something else",
                            "indices apply to arrays such as couriers[0]");
      if (seg.index >= arr->size())
        throw ScenarioError(file, line, ecol, key_path, fmt::format("an index below {}", arr->size()),
                            fmt::format("index {}", seg.index), from_set ? "--set can change array items, not add them" : fmt::format("an index changes an item; to add one write [[\"{}+\"]]", segs.front().name));
      if (last) {
        new_value.visit([&](const auto& x) { arr->replace(arr->begin() + static_cast<std::ptrdiff_t>(seg.index), x); });
        break;
      }
      cur = arr->get(seg.index);
      table = cur->as_table();
      if (table == nullptr && !segs[s + 1].is_index)
        throw ScenarioError(file, line, ecol, key_path, "a table", detail::describe(*cur), "");
      continue;
    }
    key_path = join(key_path, seg.name);
    if (table == nullptr)
      throw ScenarioError(file, line, ecol, key_path, "a table to hold '" + seg.name + "'", "a value", "");
    if (last) {
      assign(*table, seg.name, new_value);
      break;
    }
    cur = table->get(seg.name);
    if (cur == nullptr) {
      table->insert_or_assign(seg.name, toml::table{});
      cur = table->get(seg.name);
    }
    table = cur->as_table();
  }
  // mode.name and mode.modes replace each other, as they do between a file and its base.
  if (key_path == "mode.name" || key_path == "mode.modes") {
    const std::string other = key_path == "mode.name" ? "modes" : "name";
    if (auto* m = p.table.get_as<toml::table>("mode")) m->erase(other);
    erase_prefix(p.locs, "mode." + other);
  }
  erase_prefix(p.locs, key_path);
  p.locs[key_path] = where;
}

}  // namespace

Scenario load_scenario_string(std::string_view text, std::string source_name, const LoadOptions& options) {
  FileLoader loader(options);
  std::error_code ec;
  const fs::path src(source_name);
  const fs::path canon = fs::weakly_canonical(src, ec);
  loader.push_chain(ec ? src.string() : canon.string());
  Parsed parsed = loader.load_text(text, source_name, src.parent_path());
  Scenario s;
  try {
    for (std::size_t i = 0; i < options.overrides.size(); ++i) apply_override(parsed, options.overrides[i], i);
    s = detail::build(source_name, parsed.table, parsed.locs, options);
  } catch (const ScenarioError& e) {
    // An error inside a base file often comes from an array this file replaced (its items
    // lost the base's keys): the warning that says so belongs with the error.
    if (parsed.warnings.empty()) throw;
    std::string hint = e.hint();
    for (const auto& w : parsed.warnings) hint += (hint.empty() ? "" : "\n") + w;
    throw ScenarioError(e.file(), e.line(), e.column(), e.key(), e.expected(), e.found(), hint);
  }
  // The loader's warnings (arrays replaced) come first, then the reader's (deprecated keys).
  parsed.warnings.insert(parsed.warnings.end(), s.warnings.begin(), s.warnings.end());
  s.warnings = std::move(parsed.warnings);
  s.source = source_name;
  if (s.name.empty()) s.name = src.stem().string();
  return s;
}

Scenario load_scenario(const std::filesystem::path& file, const LoadOptions& options) {
  const std::string text = read_file(file, options, options.max_file_bytes, Loc{file.string(), 1, 1}, "");
  return load_scenario_string(text, file.string(), options);
}

}  // namespace last100::scenario
