// The schema as a whole: the list of declared tables, and its Markdown for
// docs/scenario-format.md and `last100 keys`.

#include "last100/scenario/schema.hpp"

#include <cmath>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "last100/modes/mode.hpp"
#include "scenario/schema_bind.hpp"

namespace last100::scenario {

namespace detail {

namespace {

std::string number(double v) {
  if (v >= 1e15 || v <= -1e15) return fmt::format("{:g}", v);
  if (v == std::floor(v)) return fmt::format("{}", static_cast<long long>(v));
  return fmt::format("{}", v);
}

}  // namespace

std::string value_text(const KeyDecl& decl, const KeyValue& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return fmt::format("{}", *i);
  if (const auto* d = std::get_if<double>(&v)) return number(*d);
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  if (const auto* s = std::get_if<std::string>(&v)) return fmt::format("\"{}\"", *s);
  const auto d = std::get<sim::Duration>(v);
  return fmt::format("\"{}\"", decl.type == KeyType::clock ? format_clock(d) : format_duration(d));
}

}  // namespace detail

std::vector<std::string> TableDecl::key_names() const {
  std::vector<std::string> out = tables;
  for (const auto& k : keys) out.push_back(k.key);
  return out;
}

const KeyDecl* TableDecl::find(std::string_view key) const {
  for (const auto& k : keys)
    if (k.key == key) return &k;
  return nullptr;
}

const std::vector<const TableDecl*>& schema() {
  using namespace detail;
  static const std::vector<const TableDecl*> all{
      &top_table().decl,            &dispatch_table().decl,       &area_table().decl,           &vertical_table().decl,
      &population_table().decl,     &demand_table().decl,         &category_table().decl,
      &surge_table().decl,          &couriers_table().decl,       &vehicles_table().decl,
      &duties_table().decl,         &carts_table().decl,          &lobby_volunteers_table().decl,
      &sorting_table().decl,        &zone_table().decl,           &disinfection_table().decl,
      &entry_table().decl,          &sealed_table().decl,         &quarantine_table().decl,
      &gate_closure_table().decl,   &zone_status_table().decl,    &reinforcement_table().decl,
      &contact_quarantine_table().decl, &mode_table().decl,       &run_table().decl,
      &output_table().decl,
  };
  return all;
}

TableDecl knob_table(const std::string& mode, const std::vector<modes::KnobSpec>& knobs) {
  TableDecl t;
  t.path = "mode." + mode;
  for (const auto& k : knobs) {
    KeyDecl d;
    d.key = k.key;
    d.type = k.type;
    d.min = k.min;
    d.max = k.max;
    d.choices = k.choices;
    d.doc = k.doc;
    d.default_text = detail::value_text(d, k.default_value);
    d.provenance = k.provenance;
    t.keys.push_back(std::move(d));
  }
  return t;
}

const TableDecl* find_table(std::string_view path) {
  for (const auto* t : schema())
    if (t->path == path) return t;
  // A registered mode's knobs, as registered now (a mode may be registered or replaced later).
  if (path.substr(0, 5) != "mode.") return nullptr;
  const modes::ModeInfo* m = modes::find_mode(path.substr(5));
  if (m == nullptr) return nullptr;
  static std::mutex mutex;
  static std::map<std::string, TableDecl> knob_tables;  // nodes stay where they are
  const std::lock_guard<std::mutex> lock(mutex);
  TableDecl& t = knob_tables[m->name];
  t = knob_table(m->name, m->knobs);
  return &t;
}

namespace {

std::string type_text(const KeyDecl& k) {
  if (!k.type_text.empty()) return k.type_text;
  switch (k.type) {
    case KeyType::integer: return "integer";
    case KeyType::real: return k.unit.find("share") != std::string::npos ? "share" : "number";
    case KeyType::boolean: return "boolean";
    case KeyType::duration: return "duration";
    case KeyType::clock: return "clock";
    case KeyType::text: return "string";
  }
  return "";
}

std::string unit_text(const KeyDecl& k) {
  std::string u = k.unit;
  if (u.size() >= 2 && u.front() == '(' && u.back() == ')') u = u.substr(1, u.size() - 2);
  if (u == "share") return "";
  if (u.rfind("share ", 0) == 0) u = u.substr(6);
  return u;
}

std::string range_text(const KeyDecl& k) {
  std::string r;
  const std::string open = k.min_open ? "(" : "[";
  switch (k.type) {
    case KeyType::integer:
    case KeyType::real:
      if (k.max >= 1e15) r = (k.min_open ? "> " : "≥ ") + detail::value_text(k, k.min);  // no upper bound
      else if (k.min != 0.0 || k.max != 0.0) r = open + detail::value_text(k, k.min) + ", " + detail::value_text(k, k.max) + "]";
      break;
    case KeyType::duration:
      if (k.max > 864e6) r = (k.min_open ? "> " : "≥ ") + format_duration(sim::from_seconds(k.min));  // beyond 10,000 days
      else if (k.min != 0.0 || k.max != 0.0)
        r = open + format_duration(sim::from_seconds(k.min)) + ", " + format_duration(sim::from_seconds(k.max)) + "]";
      break;
    case KeyType::text:
      for (const auto& c : k.choices) r += (r.empty() ? "" : ", ") + ("`\"" + c + "\"`");
      if (k.choices.empty() && k.max_length != 1000) r = fmt::format("at most {} bytes", k.max_length);
      break;
    case KeyType::clock:
    case KeyType::boolean: break;
  }
  if (!k.range_note.empty()) r += (r.empty() ? "" : "; ") + k.range_note;
  return r;
}

/// Returns text safe inside a Markdown table cell.
std::string cell(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

}  // namespace

std::string key_table_markdown(const TableDecl& table) {
  std::string out = "| key | type | unit | range | default | meaning |\n|---|---|---|---|---|---|\n";
  for (const auto& k : table.keys)
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", k.key, type_text(k), unit_text(k), range_text(k),
                       k.required ? "**required**" : k.default_text, cell(k.doc));
  return out;
}

namespace {

/// Returns `doc` with every block between `<!-- KIND: PATH -->` and `<!-- /KIND -->` (each at
/// the start of a line) replaced by `make(PATH)`, which returns nullopt for a PATH it does not
/// know.
template <class Make>
std::string regenerate_blocks(std::string_view doc, const std::string& kind, Make make) {
  const std::string open = "<!-- " + kind + ": ";
  const std::string close = "<!-- /" + kind + " -->";
  std::string out;
  std::size_t at = 0;
  while (true) {
    // A marker starts its line (one quoted in the text is not a marker).
    auto m = doc.find(open, at);
    while (m != std::string_view::npos && m > 0 && doc[m - 1] != '\n') m = doc.find(open, m + 1);
    if (m == std::string_view::npos) break;
    const auto end_of_marker = doc.find("-->", m);
    const auto line_end = doc.find('\n', m);
    if (end_of_marker == std::string_view::npos || line_end == std::string_view::npos)
      throw std::invalid_argument("an unfinished '" + open + "PATH -->' marker");
    std::string path(doc.substr(m + open.size(), end_of_marker - m - open.size()));
    while (!path.empty() && path.back() == ' ') path.pop_back();
    const std::optional<std::string> block = make(path);
    if (!block) throw std::invalid_argument("'" + open + path + " -->' names no declared table");
    auto c = doc.find(close, line_end);
    while (c != std::string_view::npos && doc[c - 1] != '\n') c = doc.find(close, c + 1);
    if (c == std::string_view::npos) throw std::invalid_argument("'" + open + path + " -->' has no '" + close + "'");
    out += doc.substr(at, line_end + 1 - at);
    out += *block;
    at = c;
  }
  out += doc.substr(at);
  return out;
}

/// Returns the declared table at a doc marker's PATH ("(top level)" for the top level).
const TableDecl* marked_table(std::string path) {
  if (path == "(top level)") path.clear();
  return find_table(path);
}

}  // namespace

std::string regenerate_key_tables(std::string_view doc) {
  return regenerate_blocks(doc, "keys", [](const std::string& path) -> std::optional<std::string> {
    const TableDecl* t = marked_table(path);
    if (t == nullptr) return std::nullopt;
    return key_table_markdown(*t);
  });
}

std::string regenerate_doc(std::string_view doc) {
  std::string out = regenerate_key_tables(doc);
  out = regenerate_blocks(out, "provenance", [](const std::string& path) -> std::optional<std::string> {
    const TableDecl* t = marked_table(path);
    if (t == nullptr) return std::nullopt;
    return provenance_table_markdown(*t);
  });
  return regenerate_blocks(out, "sources", [](const std::string& path) -> std::optional<std::string> {
    if (path != "all") return std::nullopt;
    return sources_markdown();
  });
}

}  // namespace last100::scenario
