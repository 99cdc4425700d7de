// Reads scenario files: every section, key, type and range. Tables declared in the schema
// (include/last100/scenario/schema.hpp, lib/scenario/schema_*.cpp) are read from their
// declarations; what is written here by hand is what a declaration cannot say (checks across
// keys, ranges that depend on the world, arrays of values).

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "last100/model/names.hpp"
#include "last100/modes/mode.hpp"
#include "last100/net/checksum.hpp"
#include "last100/net/csv_loader.hpp"
#include "last100/scenario/scenario.hpp"
#include "scenario/detail.hpp"
#include "scenario/schema_bind.hpp"

namespace last100::scenario::detail {

namespace {

namespace fs = std::filesystem;
using model::Duration;

std::string join(const std::string& prefix, std::string_view key) {
  return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
}

std::string num(double v) {
  if (v >= 1e15 || v <= -1e15) return fmt::format("{:g}", v);
  if (v == std::floor(v)) return fmt::format("{}", static_cast<long long>(v));
  return fmt::format("{}", v);
}

/// A numeric range; `unit` is appended in messages.
struct Range {
  double min;
  double max;
  std::string unit = {};
  bool min_open = false;  ///< min itself not allowed (speeds, capacities)
  std::string hint = {};
};

std::string range_text(const Range& r) {
  std::string s = fmt::format("{}{}, {}]", r.min_open ? "(" : "[", num(r.min), num(r.max));
  if (!r.unit.empty()) s += " " + r.unit;
  return s;
}

std::string dur_range_text(Duration lo, Duration hi, bool lo_open) {
  return fmt::format("a duration in {}{}, {}] such as \"90s\", \"30min\", \"1h30min\"",
                     lo_open ? "(" : "[", format_duration(lo), format_duration(hi));
}

class Reader {
 public:
  Reader(const std::string& main_file, const LocMap& locs) : main_(main_file), locs_(locs) {}

  Loc loc(const std::string& path) const {
    std::string p = path;
    if (auto it = locs_.find(p); it != locs_.end()) return it->second;
    // An implicit table: its first child knows where it is.
    if (auto it = locs_.lower_bound(p + "."); it != locs_.end() && it->first.rfind(p, 0) == 0) return it->second;
    if (auto it = locs_.lower_bound(p + "["); it != locs_.end() && it->first.rfind(p, 0) == 0) return it->second;
    while (!p.empty()) {
      const auto cut = p.find_last_of(".[");
      if (cut == std::string::npos) break;
      p.resize(cut);
      if (auto it = locs_.find(p); it != locs_.end()) return it->second;
    }
    return Loc{main_, 1, 1};
  }

  /// Records a warning at `path`'s place: "file:line:col: warning: path: message".
  void warn(const std::string& path, const std::string& message) const {
    const Loc l = loc(path);
    warnings_.push_back(fmt::format("{}:{}:{}: warning: {}: {}", l.file, l.line, l.column, path, message));
  }
  std::vector<std::string> take_warnings() const { return std::move(warnings_); }

  [[noreturn]] void fail(const std::string& path, std::string expected, std::string found,
                         std::string hint = {}) const {
    const Loc l = loc(path);
    throw ScenarioError(l.file, l.line, l.column, path, std::move(expected), std::move(found), std::move(hint));
  }

  void check_keys(const toml::table& t, const std::string& path, const std::vector<std::string>& allowed) const {
    for (auto&& [k, v] : t) {
      const std::string key(k.str());
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      const std::string guess = did_you_mean(key, allowed);
      std::string expected = path.empty() ? "a known top-level key" : "a known key of [" + path + "]";
      std::string hint = guess.empty() ? "known keys: " + list(allowed) : "did you mean '" + guess + "'?";
      fail(join(path, key), expected, "unknown key '" + key + "'", hint);
    }
  }

  static std::string list(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
  }

  const toml::table* table(const toml::table& t, std::string_view key, const std::string& path) const {
    const toml::node* n = t.get(key);
    if (n == nullptr) return nullptr;
    if (!n->is_table())
      fail(join(path, key), "a table [" + join(path, key) + "]", describe(*n),
           "write the section as [" + join(path, key) + "] followed by key = value lines");
    return n->as_table();
  }

  const toml::array* table_array(const toml::table& t, std::string_view key, const std::string& path) const {
    const toml::node* n = t.get(key);
    if (n == nullptr) return nullptr;
    const toml::array* a = n->as_array();
    if (a == nullptr || !a->is_array_of_tables())
      if (a == nullptr || !a->empty())
        fail(join(path, key), "an array of tables [[" + join(path, key) + "]]", describe(*n),
             "write each item as a [[" + join(path, key) + "]] section");
    return a;
  }

  bool real(const toml::table& t, std::string_view key, const std::string& path, double& out, Range r) const {
    const toml::node* n = t.get(key);
    if (n == nullptr) return false;
    const std::string p = join(path, key);
    double v = 0;
    if (const auto* f = n->as_floating_point()) v = f->get();
    else if (const auto* i = n->as_integer()) v = static_cast<double>(i->get());
    else fail(p, "a number in " + range_text(r), describe(*n), hint_for(*n, r));
    check_range(p, v, r);
    out = v;
    return true;
  }

  template <class Int>
  bool integer(const toml::table& t, std::string_view key, const std::string& path, Int& out, Range r) const {
    const toml::node* n = t.get(key);
    if (n == nullptr) return false;
    const std::string p = join(path, key);
    const auto* i = n->as_integer();
    if (i == nullptr) fail(p, "an integer in " + range_text(r), describe(*n), hint_for(*n, r));
    const auto v = i->get();
    if (static_cast<double>(v) < r.min || static_cast<double>(v) > r.max || (r.min_open && static_cast<double>(v) == r.min))
      fail(p, "an integer in " + range_text(r), describe(*n), r.hint);
    out = static_cast<Int>(v);
    return true;
  }

  bool boolean(const toml::table& t, std::string_view key, const std::string& path, bool& out) const {
    const toml::node* n = t.get(key);
    if (n == nullptr) return false;
    const auto* b = n->as_boolean();
    if (b == nullptr) fail(join(path, key), "true or false", describe(*n), "booleans are written without quotes");
    out = b->get();
    return true;
  }

  bool text(const toml::table& t, std::string_view key, const std::string& path, std::string& out,
            std::size_t max_len = 1000) const {
    const toml::node* n = t.get(key);
    if (n == nullptr) return false;
    const auto* s = n->as_string();
    if (s == nullptr) fail(join(path, key), "a string in \"quotes\"", describe(*n), "");
    if (s->get().size() > max_len)
      fail(join(path, key), fmt::format("a string of at most {} bytes", max_len),
           fmt::format("{} bytes", s->get().size()), "");
    out = s->get();
    return true;
  }

  bool duration(const toml::table& t, std::string_view key, const std::string& path, Duration& out,
                Duration lo, Duration hi, bool lo_open = false) const {
    const toml::node* n = t.get(key);
    if (n == nullptr) return false;
    const std::string p = join(path, key);
    const auto* s = n->as_string();
    if (s == nullptr)
      fail(p, dur_range_text(lo, hi, lo_open), describe(*n),
           "durations are strings with a unit: \"90s\", \"30min\", \"2h\", \"1.5h\", \"2d\"");
    Duration d{};
    try {
      d = parse_duration(s->get());
    } catch (const std::exception& e) {
      fail(p, dur_range_text(lo, hi, lo_open), describe(*n), e.what());
    }
    if (d < lo || d > hi || (lo_open && d == lo))
      fail(p, dur_range_text(lo, hi, lo_open), describe(*n) + " (" + format_duration(d) + ")", "");
    out = d;
    return true;
  }

  bool clock(const toml::table& t, std::string_view key, const std::string& path, Duration& out) const {
    const toml::node* n = t.get(key);
    if (n == nullptr) return false;
    const std::string p = join(path, key);
    const char* expected = "a clock time such as \"07:00\" (00:00 to 24:00)";
    if (const auto* tm = n->as_time()) {
      const auto& v = tm->get();
      out = Duration{(static_cast<std::int64_t>(v.hour) * 3600 + v.minute * 60 + v.second) * 1000};
      return true;
    }
    const auto* s = n->as_string();
    if (s == nullptr) fail(p, expected, describe(*n), "write the time in quotes: \"07:00\"");
    try {
      out = parse_clock(s->get());
    } catch (const std::exception& e) {
      fail(p, expected, describe(*n), e.what());
    }
    return true;
  }

  bool choice(const toml::table& t, std::string_view key, const std::string& path, std::string& out,
              const std::vector<std::string>& choices) const {
    std::string v;
    if (!text(t, key, path, v)) return false;
    if (std::find(choices.begin(), choices.end(), v) == choices.end()) {
      const std::string guess = did_you_mean(v, choices);
      fail(join(path, key), "one of " + list(choices), "\"" + v + "\"",
           guess.empty() ? "" : "did you mean '" + guess + "'?");
    }
    out = v;
    return true;
  }

  /// Reads an enum by the names model/names.hpp gives it.
  template <class E>
  bool enumeration(const toml::table& t, std::string_view key, const std::string& path, E& out) const {
    std::string v;
    if (!choice(t, key, path, v, names<E>())) return false;
    out = *model::parse<E>(v);
    return true;
  }

  template <class E>
  static std::vector<std::string> names() {
    const auto& n = model::names_of<E>();
    return {n.begin(), n.end()};
  }

  void check_range(const std::string& p, double v, const Range& r) const {
    if (!std::isfinite(v) || v < r.min || v > r.max || (r.min_open && v == r.min))
      fail(p, "a number in " + range_text(r), fmt::format("{}", v), r.hint);
  }

 private:
  static std::string hint_for(const toml::node& n, const Range& r) {
    if (n.is_string()) return "numbers are written without quotes";
    return r.hint;
  }

  std::string main_;
  const LocMap& locs_;
  mutable std::vector<std::string> warnings_;
};

constexpr Duration day = std::chrono::hours{24};
constexpr Duration years10 = day * 3650;

/// Reads one declared key into its struct; returns false when the file does not give it.
template <class S>
bool read_key(const Reader& r, const toml::table& t, const std::string& p, const Field<S>& f, S& s) {
  const KeyDecl& d = f.decl;
  switch (d.type) {
    case KeyType::integer: {
      std::int64_t v = 0;
      if (!r.integer(t, d.key, p, v, Range{d.min, d.max, d.unit, d.min_open, d.hint})) return false;
      f.set(s, v);
      return true;
    }
    case KeyType::real: {
      double v = 0;
      if (!r.real(t, d.key, p, v, Range{d.min, d.max, d.unit, d.min_open, d.hint})) return false;
      f.set(s, v);
      return true;
    }
    case KeyType::boolean: {
      bool v = false;
      if (!r.boolean(t, d.key, p, v)) return false;
      f.set(s, v);
      return true;
    }
    case KeyType::text: {
      std::string v;
      if (!(d.choices.empty() ? r.text(t, d.key, p, v, d.max_length) : r.choice(t, d.key, p, v, d.choices))) return false;
      f.set(s, v);
      return true;
    }
    case KeyType::duration: {
      Duration v{};
      if (!r.duration(t, d.key, p, v, sim::from_seconds(d.min), sim::from_seconds(d.max), d.min_open)) return false;
      f.set(s, v);
      return true;
    }
    case KeyType::clock: {
      Duration v{};
      if (!r.clock(t, d.key, p, v)) return false;
      f.set(s, v);
      return true;
    }
  }
  return false;
}

/// Checks a declared table's keys (unknown ones get "did you mean") and reads every key not
/// read by hand, in declaration order.
template <class S>
void read_table(const Reader& r, const toml::table& t, const std::string& p, const Table<S>& table, S& s) {
  r.check_keys(t, p, table.decl.key_names());
  for (const auto& f : table.fields)
    if (!f.decl.read_by_hand) read_key(r, t, p, f, s);
}


const std::vector<std::string> category_names = Reader::names<model::Category>();

/// Loads the CSV layout now, so that a mistake in it is bad input found by `validate` (with
/// the CSV's file, line and column) rather than a failed run; records its size.
void check_layout(model::AreaParams& a) {
  net::Area area;
  try {
    // Read once, here: the run uses these bytes, whatever happens to the files afterwards.
    const std::string nodes = net::read_csv_file(a.nodes_csv);
    const std::string edges = net::read_csv_file(a.edges_csv);
    std::istringstream nodes_in(nodes), edges_in(edges);
    area = net::load_area_csv(nodes_in, a.nodes_csv, edges_in, a.edges_csv);
    a.layout_checksum = fmt::format("{}: {} bytes, fnv1a64 {:016x}; {}: {} bytes, fnv1a64 {:016x}", a.nodes_csv,
                                    nodes.size(), net::fnv1a64(nodes), a.edges_csv, edges.size(), net::fnv1a64(edges));
  } catch (const net::LoadError& e) {
    throw ScenarioError(e.file(), static_cast<std::uint32_t>(e.line()), static_cast<std::uint32_t>(e.column()),
                        e.file() == a.edges_csv ? "area.edges_csv" : "area.nodes_csv",
                        "a layout the CSV loader accepts", e.message(), e.hint());
  }
  a.layout = net::layout_size(area);
  if (a.layout.outside_stations == 0 && a.layout.outlets_inside == 0)
    throw ScenarioError(a.nodes_csv, 1, 1, "area.nodes_csv", "a node of kind outside_station or outlet (orders arrive there)",
                        "none", "add a line like 'S,outside_station,,-300,0,,,,' and an edge from it");
  a.loaded_layout = std::make_shared<const net::Area>(std::move(area));
}

void read_area(const Reader& r, const toml::table& t, model::AreaParams& a, const std::string& base_dir_of_nodes,
               const std::string& base_dir_of_edges) {
  const std::string p = "area";
  read_table(r, t, p, area_table(), a);
  if (a.buildings < a.compounds)
    r.fail(t.get("buildings") ? "area.buildings" : "area.compounds",
           fmt::format("at least one building per compound ({} or more buildings)", a.compounds),
           fmt::format("{} buildings for {} compounds", a.buildings, a.compounds),
           "area.buildings counts the buildings of all compounds together");
  // Places are float metres: beside compounds far from the origin a short building spacing
  // rounds to nothing (0 m edges). Ask for 10^-4 of the area's width, about 800 float steps.
  if (!t.get("nodes_csv")) {
    const double cols = std::ceil(std::sqrt(static_cast<double>(a.compounds)));
    const double across_m = std::ceil(a.compounds / cols) * a.compound_spacing_m + a.station_distance_m;
    if (a.building_spacing_m < 1e-4 * across_m)
      r.fail(t.get("building_spacing_m") ? "area.building_spacing_m" : "area.compound_spacing_m",
             fmt::format("a building spacing of at least {:.3g} m in an area {:.3g} km across", 1e-4 * across_m, across_m / 1000),
             fmt::format("{} m", a.building_spacing_m),
             "places are float metres, so a spacing this short beside distant compounds rounds to nothing; "
             "widen the spacing or bring the compounds closer");
  }
  if (a.outside_stations == 0 && a.outlets_inside == 0 && !t.get("nodes_csv"))
    r.fail(t.get("outside_stations") ? "area.outside_stations" : "area.outlets_inside",
           "at least one outside station or outlet inside (orders arrive there)", "none of either",
           "set outside_stations = 1 or outlets_inside = 1");
  const auto csv = [&](const char* key, std::string& out, const std::string& dir) {
    if (!r.text(t, key, p, out)) return;
    if (out.empty()) return;
    fs::path f(out);
    // Absolute, so that the resolved scenario (DIR/scenario.toml, validate --print) names
    // the same files from any working directory.
    if (f.is_relative()) f = fs::absolute(fs::path(dir) / f).lexically_normal();
    std::error_code ec;
    if (!fs::is_regular_file(f, ec))
      r.fail(join(p, key), "an existing CSV file", "no file at '" + f.string() + "'",
             "paths are relative to the scenario file that names them");
    out = f.string();
  };
  csv("nodes_csv", a.nodes_csv, base_dir_of_nodes);
  csv("edges_csv", a.edges_csv, base_dir_of_edges);
  if (a.nodes_csv.empty() != a.edges_csv.empty())
    r.fail(a.nodes_csv.empty() ? "area.edges_csv" : "area.nodes_csv", "both nodes_csv and edges_csv, or neither",
           "only one of them", "an explicit layout needs its places (nodes) and its paths (edges)");
  if (!a.nodes_csv.empty()) check_layout(a);
}

void read_demand(const Reader& r, const toml::table& t, model::DemandParams& d) {
  read_table(r, t, "demand", demand_table(), d);
  for (std::size_t c = 0; c < model::category_count; ++c) {
    const std::string p = "demand." + category_names[c];
    const toml::table* ct = r.table(t, category_names[c], "demand");
    if (ct == nullptr) continue;
    auto& cd = d.categories[c];
    read_table(r, *ct, p, category_table(), cd);
    if (const toml::node* hp = ct->get("hourly_profile")) {
      const std::string hpp = p + ".hourly_profile";
      const auto* arr = hp->as_array();
      if (arr == nullptr || arr->size() != 24)
        r.fail(hpp, "an array of 24 non-negative weights, one per hour from 00:00", describe(*hp),
               "leave it out for a flat profile");
      double sum = 0;
      for (std::size_t h = 0; h < 24; ++h) {
        const toml::node& v = *arr->get(h);
        const std::string hp_i = fmt::format("{}[{}]", hpp, h);
        double w = 0;
        if (const auto* f = v.as_floating_point()) w = f->get();
        else if (const auto* i = v.as_integer()) w = static_cast<double>(i->get());
        else r.fail(hp_i, "a number in [0, 1e6]", describe(v));
        r.check_range(hp_i, w, {0, 1e6});
        cd.hourly_profile[h] = w;
        sum += w;
      }
      if (sum <= 0) r.fail(hpp, "at least one positive weight", "all zero", "leave it out for a flat profile");
    }
  }
  if (const toml::array* surges = r.table_array(t, "surge", "demand")) {
    d.surges.clear();
    for (std::size_t i = 0; i < surges->size(); ++i) {
      const std::string p = fmt::format("demand.surge[{}]", i);
      const toml::table& st = *surges->get(i)->as_table();
      model::Surge s;
      read_table(r, st, p, surge_table(), s);
      if (!st.contains("day")) r.fail(p, "a 'day' key (0 = the first day)", "none");
      if (!st.contains("multiplier")) r.fail(p, "a 'multiplier' key (2.5 = two and a half times the usual demand)", "none");
      d.surges.push_back(s);
    }
  }
}

void read_couriers(const Reader& r, const toml::array& arr, std::vector<model::CourierGroup>& out) {
  out.clear();
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const std::string p = fmt::format("couriers[{}]", i);
    const toml::table& t = *arr.get(i)->as_table();
    model::CourierGroup g;
    g.name = fmt::format("group {}", i + 1);
    read_table(r, t, p, couriers_table(), g);
    if (!t.contains("count")) r.fail(p, "a 'count' key: how many couriers are in this group", "none");
    if (g.shift_end <= g.shift_start)
      r.fail(p + (t.get("shift_end") ? ".shift_end" : ".shift_start"),
             "shift_end after shift_start (" + format_clock(g.shift_start) + ")",
             format_clock(g.shift_end), "shifts past midnight are not supported: split them into two groups");
    if (g.meal_break_until <= g.meal_break_from)
      r.fail(p + (t.get("meal_break_until") ? ".meal_break_until" : ".meal_break_from"),
             "meal_break_until after meal_break_from (" + format_clock(g.meal_break_from) + ")",
             format_clock(g.meal_break_until), "the window in which a courier on shift takes its meal break");
    if (g.origin != model::CourierOrigin::reinforcement && t.get("arrives_at") == nullptr) g.arrives_at = Duration{0};
    out.push_back(std::move(g));
  }
}

void read_vehicles(const Reader& r, const toml::table& t, model::VehicleParams& v) {
  read_table(r, t, "vehicles", vehicles_table(), v);
}

void read_duties(const Reader& r, const toml::array& arr, std::vector<model::DutyParams>& out) {
  out.clear();
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const std::string p = fmt::format("duties[{}]", i);
    const toml::table& t = *arr.get(i)->as_table();
    model::DutyParams d;
    d.name = fmt::format("duty {}", i + 1);
    read_table(r, t, p, duties_table(), d);
    const bool crew = t.contains("people");
    const bool registration = t.contains("minutes_per_resident");
    const bool garbage = t.contains("litres_per_household");
    if (garbage && d.litres_per_household > 0 && d.trip_time.count() == 0)
      r.fail(p, "a 'trip_time' key: how long one garbage run takes", "none", "for example trip_time = \"10min\"");
    if (!crew && !registration && !garbage)
      r.fail(p, "the work the duty needs: 'people' (a crew for the session), 'minutes_per_resident' or "
                "'litres_per_household'", "none");
    out.push_back(std::move(d));
  }
}

void read_disinfection(const Reader& r, const toml::table& zone, model::Disinfection& d) {
  const toml::node* n = zone.get("disinfection");
  if (n == nullptr) return;
  const std::string p = "zone.disinfection";
  if (!n->is_table()) {
    // The old form: one time per gate stop and per shelf visit. Kept for one release.
    Duration both{0};
    r.duration(zone, "disinfection", "zone", both, Duration{0}, day);
    d.gate_per_load = both;
    d.shelf_per_visit = both;
    r.warn(p, fmt::format("one duration for every disinfection is deprecated; write [zone.disinfection] with "
                          "gate_per_load = \"{0}\" and shelf_per_visit = \"{0}\" (what it means now), or per item "
                          "and contact times (docs/scenario-format.md)",
                          format_duration(both)));
    return;
  }
  const toml::table& t = *n->as_table();
  read_table(r, t, p, disinfection_table(), d);
}

void read_sorting(const Reader& r, const toml::table& t, model::SortingCrew& s) {
  read_table(r, t, "sorting", sorting_table(), s);
  if (s.gate_crew == 0 && s.gate_per_item.count() > 0)
    r.fail("sorting.gate_per_item", "0 without a gate crew", format_duration(s.gate_per_item), "add gate_crew = 2, or drop gate_per_item");
  if (s.ends <= s.starts)
    r.fail(t.get("ends") ? "sorting.ends" : "sorting.starts", "ends after starts (" + format_clock(s.starts) + ")",
           format_clock(s.ends), "use \"00:00\" and \"24:00\" for a crew that works round the clock");
}

void read_entry(const Reader& r, const toml::table& zone, model::EntryRules& e) {
  const auto* t = r.table(zone, "entry", "zone");
  if (t == nullptr) return;
  const std::string p = "zone.entry";
  read_table(r, *t, p, entry_table(), e);
}

void read_lobby_volunteers(const Reader& r, const toml::table& t, model::LobbyVolunteers& v) {
  read_table(r, t, "lobby_volunteers", lobby_volunteers_table(), v);
  if (v.ends <= v.starts)
    r.fail(t.get("ends") ? "lobby_volunteers.ends" : "lobby_volunteers.starts", "ends after starts (" + format_clock(v.starts) + ")",
           format_clock(v.ends), "use \"00:00\" and \"24:00\" for volunteers round the clock");
}

void read_carts(const Reader& r, const toml::table& t, model::Carts& c) { read_table(r, t, "carts", carts_table(), c); }

void read_zone(const Reader& r, const toml::table& t, model::ZoneRules& z) {
  const std::string p = "zone";
  read_table(r, t, p, zone_table(), z);
  if (const auto* st = r.table(t, "sealed", p)) {
    const std::string sp = "zone.sealed";
    read_table(r, *st, sp, sealed_table(), z.sealed);
    const bool opens = st->contains("gate_opens");
    const bool closes = st->contains("gate_closes");
    if (opens != closes)
      r.fail(sp, "both gate_opens and gate_closes, or neither", "only one of them",
             "a sealed compound's gate hours replace the zone's as a pair");
    if (closes && z.sealed.gate_closes <= z.sealed.gate_opens)
      r.fail(sp + ".gate_closes", "gate_closes after gate_opens (" + format_clock(z.sealed.gate_opens) + ")",
             format_clock(z.sealed.gate_closes), "use \"00:00\" and \"24:00\" for a gate that is always open");
  }
  if (z.gate_closes <= z.gate_opens)
    r.fail(t.get("gate_closes") ? "zone.gate_closes" : "zone.gate_opens",
           "gate_closes after gate_opens (" + format_clock(z.gate_opens) + ")", format_clock(z.gate_closes),
           "use \"00:00\" and \"24:00\" for a gate that is always open");
  read_disinfection(r, t, z.disinfection);
  read_entry(r, t, z.entry);
  if (read_key(r, t, p, zone_table().at("max_at_shelf"), z))
    r.warn("zone.max_at_shelf", fmt::format("moved to [mode.shelves] max_at_shelf (one home for K); for one release this "
                                            "key still caps that knob at {}, so the knob alone cannot raise it",
                                            z.max_at_shelf));
}

void read_run(const Reader& r, const toml::table& t, model::RunParams& run) {
  const std::string p = "run";
  read_table(r, t, p, run_table(), run);
  if (const toml::node* sl = t.get("service_levels")) {
    const std::string slp = p + ".service_levels";
    const auto* arr = sl->as_array();
    if (arr == nullptr || arr->size() == 0 || arr->size() > 4)
      r.fail(slp, "an array of 1 to 4 increasing durations such as [\"2h\", \"6h\", \"12h\", \"24h\"]", describe(*sl),
             "the share of measured orders delivered within each is reported");
    run.service_levels.clear();
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const std::string at = fmt::format("{}[{}]", slp, i);
      const toml::node& v = *arr->get(i);
      Duration d{};
      const auto* text = v.as_string();
      if (text == nullptr) r.fail(at, "a duration such as \"6h\"", describe(v), "durations are strings with a unit");
      try {
        d = parse_duration(text->get());
      } catch (const std::exception& e) {
        r.fail(at, "a duration such as \"6h\"", describe(v), e.what());
      }
      if (d <= Duration{0} || d > day * 365) r.fail(at, dur_range_text(Duration{0}, day * 365, true), format_duration(d), "");
      if (!run.service_levels.empty() && d <= run.service_levels.back())
        r.fail(fmt::format("{}[{}]", slp, i), "a duration longer than the one before", format_duration(d), "");
      run.service_levels.push_back(d);
    }
  }
  if (run.warmup >= run.duration)
    r.fail(t.get("warmup") ? "run.warmup" : "run.duration",
           "a warm-up shorter than the run (" + format_duration(run.duration) + ")", format_duration(run.warmup),
           "the warm-up is discarded from the statistics");
  // TOML integers stop at 2^63 - 1, but replication seeds (splitmix64) use all 64 bits; a
  // seed above the integer range is written as a decimal string, so every replication of a
  // run can be rerun on its own and DIR/scenario.toml loads back whatever the seed.
  if (const toml::node* n = t.get("seed"); n != nullptr && n->is_string()) {
    const std::string text = n->as_string()->get();
    std::uint64_t v = 0;
    const auto res = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || res.ec != std::errc{} || res.ptr != text.data() + text.size())
      r.fail(join(p, "seed"), "an integer from 0 to 18446744073709551615 (a string of decimal digits above 2^63)",
             "\"" + text + "\"", "write small seeds as integers: seed = 42");
    run.seed = v;
  } else {
    r.integer(t, "seed", p, run.seed, {0, 9.2e18, "", false, "seeds above 9.2e18 are written as a string: seed = \"11487996472437173461\""});
  }
}

void read_output(const Reader& r, const toml::table& t, Outputs& o) { read_table(r, t, "output", output_table(), o); }

modes::KnobValue read_knob(const Reader& r, const toml::node& n, const std::string& p, const modes::KnobSpec* spec) {
  using modes::KnobType;
  if (spec == nullptr) {  // no registry: keep the value as written
    if (const auto* i = n.as_integer()) return i->get();
    if (const auto* f = n.as_floating_point()) return f->get();
    if (const auto* b = n.as_boolean()) return b->get();
    if (const auto* s = n.as_string()) return s->get();
    r.fail(p, "a number, boolean or string", describe(n));
  }
  const Range range{spec->min, spec->max};
  switch (spec->type) {
    case KnobType::integer: {
      const auto* i = n.as_integer();
      if (i == nullptr) r.fail(p, "an integer in " + range_text(range), describe(n), spec->doc);
      r.check_range(p, static_cast<double>(i->get()), range);
      return i->get();
    }
    case KnobType::real: {
      double v = 0;
      if (const auto* f = n.as_floating_point()) v = f->get();
      else if (const auto* i = n.as_integer()) v = static_cast<double>(i->get());
      else r.fail(p, "a number in " + range_text(range), describe(n), spec->doc);
      r.check_range(p, v, range);
      return v;
    }
    case KnobType::boolean: {
      const auto* b = n.as_boolean();
      if (b == nullptr) r.fail(p, "true or false", describe(n), spec->doc);
      return b->get();
    }
    case KnobType::duration:
    case KnobType::clock: {
      Duration d{};
      const bool is_clock = spec->type == KnobType::clock;
      // Reuse the typed readers; their messages name the key through the location map.
      const Reader& rr = r;
      const std::string parent = p.substr(0, p.rfind('.'));
      const std::string key = p.substr(p.rfind('.') + 1);
      toml::table holder;
      n.visit([&](const auto& x) { holder.insert_or_assign(key, x); });
      if (is_clock) {
        rr.clock(holder, key, parent, d);
      } else {
        const auto lo = sim::from_seconds(std::max(0.0, spec->min));
        const auto hi = sim::from_seconds(std::min(spec->max, 864e6));
        rr.duration(holder, key, parent, d, lo, hi);
      }
      return d;
    }
    case KnobType::text: {
      const auto* s = n.as_string();
      if (s == nullptr) r.fail(p, "a string in \"quotes\"", describe(n), spec->doc);
      if (!spec->choices.empty() &&
          std::find(spec->choices.begin(), spec->choices.end(), s->get()) == spec->choices.end()) {
        const std::string guess = did_you_mean(s->get(), spec->choices);
        r.fail(p, "one of " + Reader::list(spec->choices), describe(n),
               guess.empty() ? spec->doc : "did you mean '" + guess + "'?");
      }
      return s->get();
    }
  }
  return std::int64_t{0};
}

/// Returns a knob value as a message shows it.
std::string knob_text(const modes::KnobValue& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return fmt::format("{}", *i);
  if (const auto* d = std::get_if<double>(&v)) return fmt::format("{}", *d);
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  if (const auto* s = std::get_if<std::string>(&v)) return "\"" + *s + "\"";
  return format_duration(std::get<Duration>(v));
}

void read_modes(const Reader& r, const toml::table& t, const LoadOptions& opt, const model::WorldParams& world,
                std::vector<ModeRun>& out) {
  const std::string p = "mode";
  std::vector<std::string> names;
  std::vector<std::string> paths;
  const toml::node* name = t.get("name");
  const toml::node* list = t.get("modes");
  if (name != nullptr && list != nullptr)
    r.fail("mode.modes", "either mode.name or mode.modes, not both", "both",
           "name = \"relay\" runs one mode; modes = [\"relay\", \"shelves\"] compares several");
  if (name != nullptr) {
    std::string s;
    r.text(t, "name", p, s, mode_table().at("name").decl.max_length);
    names.push_back(s);
    paths.push_back("mode.name");
  } else if (list != nullptr) {
    const auto* arr = list->as_array();
    if (arr == nullptr || arr->empty())
      r.fail("mode.modes", "a non-empty array of mode names such as [\"relay\", \"shelves\"]", describe(*list));
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const std::string pi = fmt::format("mode.modes[{}]", i);
      const auto* s = arr->get(i)->as_string();
      if (s == nullptr) r.fail(pi, "a mode name string", describe(*arr->get(i)));
      if (std::find(names.begin(), names.end(), s->get()) != names.end())
        r.fail(pi, "each mode once", "\"" + s->get() + "\" a second time");
      names.push_back(s->get());
      paths.push_back(pi);
    }
  } else {
    r.fail("mode", "mode.name (one mode) or mode.modes (a list)", "neither",
           "add name = \"relay\" under [mode]");
  }
  const bool checked = static_cast<bool>(opt.lookup_mode);
  const auto unknown_mode = [&](const std::string& path, const std::string& n) {
    const std::string guess = did_you_mean(n, opt.mode_names);
    r.fail(path, opt.mode_names.empty() ? "a registered mode" : "one of " + Reader::list(opt.mode_names),
           "\"" + n + "\"", guess.empty() ? "`last100 list` shows the bundled scenarios" : "did you mean '" + guess + "'?");
  };
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty()) r.fail(paths[i], "a mode name", "an empty string");
    if (checked && opt.lookup_mode(names[i]) == nullptr) unknown_mode(paths[i], names[i]);
  }
  // Other keys are knob tables, one per mode (possibly for modes not run here).
  for (auto&& [k, v] : t) {
    const std::string key(k.str());
    if (key == "name" || key == "modes") continue;
    const std::string kp = p + "." + key;
    if (!v.is_table()) {
      std::vector<std::string> cands = {"name", "modes"};
      const std::string guess = did_you_mean(key, cands);
      r.fail(kp, "name, modes, or a [mode.<name>] knob table", "unknown key '" + key + "'",
             guess.empty() ? "" : "did you mean '" + guess + "'?");
    }
    if (checked && opt.lookup_mode(key) == nullptr) unknown_mode(kp, key);
    // Accepted, as a base file may set every mode's knobs, but a planner who set one for a
    // mode this file does not run should know it changes nothing.
    if (std::find(names.begin(), names.end(), key) == names.end())
      r.warn(kp, fmt::format("knobs of mode '{}', which this scenario does not run ({}), have no effect", key,
                             Reader::list(names)));
  }
  for (const auto& n : names) {
    ModeRun run;
    run.name = n;
    const std::vector<modes::KnobSpec>* specs = checked ? opt.lookup_mode(n) : nullptr;
    // Without a lookup, a mode the registry knows (the built-in ones) still gets its defaults
    // and typed knobs, so that default LoadOptions give a scenario that runs.
    const modes::ModeInfo* registered = checked ? nullptr : modes::find_mode(n);
    const std::vector<modes::KnobSpec>* typing = registered != nullptr ? &registered->knobs : specs;
    if (typing != nullptr) run.knobs = modes::Knobs::defaults(*typing);
    if (const toml::table* kt = r.table(t, n, p)) {
      for (auto&& [k, v] : *kt) {
        const std::string key(k.str());
        const std::string kp = p + "." + n + "." + key;
        const modes::KnobSpec* spec = nullptr;
        if (specs != nullptr) {
          for (const auto& s : *specs)
            if (s.key == key) spec = &s;
          if (spec == nullptr) {
            std::vector<std::string> known;
            for (const auto& s : *specs) known.push_back(s.key);
            const std::string guess = did_you_mean(key, known);
            r.fail(kp, "a knob of mode '" + n + "'", "unknown knob '" + key + "'",
                   guess.empty() ? (known.empty() ? "this mode has no knobs" : "knobs: " + Reader::list(known))
                                 : "did you mean '" + guess + "'?");
          }
        }
        if (spec == nullptr && registered != nullptr) {
          for (const auto& ks : registered->knobs)
            if (ks.key == key) spec = &ks;
        }
        // A retired knob stays accepted so that old files load, with its doc saying so.
        if (spec != nullptr && spec->doc.rfind("deprecated", 0) == 0) r.warn(kp, "has no effect: " + spec->doc);
        run.knobs.set(key, read_knob(r, v, kp, spec));
      }
    }
    // Checks against the world (given values and defaults alike), located where the value is
    // set, or else at the mode's name.
    if (specs != nullptr) {
      const toml::table* kt = t.get_as<toml::table>(n);
      for (const auto& s : *specs) {
        if (!s.check) continue;
        const std::string msg = s.check(run.knobs.values().at(s.key), world);
        if (msg.empty()) continue;
        const bool given = kt != nullptr && kt->contains(s.key);
        const std::string where = given ? p + "." + n + "." + s.key
                                        : paths[static_cast<std::size_t>(std::find(names.begin(), names.end(), n) - names.begin())];
        r.fail(where, msg, fmt::format("{}{}", knob_text(run.knobs.values().at(s.key)), given ? "" : " (the default of " + s.key + ")"),
               s.doc);
      }
    }
    out.push_back(std::move(run));
  }
}

}  // namespace

std::uint64_t households_of(const model::AreaParams& a) { return model::household_count(a); }

}  // namespace last100::scenario::detail

namespace last100::scenario {

namespace detail {

Scenario build(const std::string& main_file, const toml::table& root, const LocMap& locs, const LoadOptions& opt) {
  Reader r(main_file, locs);
  Scenario s;
  auto& w = s.world;
  read_table(r, root, "", top_table(), s);  // name and description; extends and replaces are load.cpp's

  const auto dir_of = [&](const std::string& path) { return fs::path(r.loc(path).file).parent_path().string(); };
  if (const auto* t = r.table(root, "area", ""))
    read_area(r, *t, w.area, dir_of("area.nodes_csv"), dir_of("area.edges_csv"));
  if (const auto* t = r.table(root, "vertical", "")) read_table(r, *t, "vertical", vertical_table(), w.vertical);
  if (const auto* t = r.table(root, "population", "")) read_table(r, *t, "population", population_table(), w.population);
  if (const auto* t = r.table(root, "demand", "")) read_demand(r, *t, w.demand);
  if (const auto* a = r.table_array(root, "couriers", "")) read_couriers(r, *a, w.couriers);
  if (const auto* t = r.table(root, "vehicles", "")) read_vehicles(r, *t, w.vehicles);
  if (const auto* a = r.table_array(root, "duties", "")) read_duties(r, *a, w.duties);
  if (const auto* t = r.table(root, "sorting", "")) read_sorting(r, *t, w.sorting);
  if (const auto* t = r.table(root, "lobby_volunteers", "")) read_lobby_volunteers(r, *t, w.lobby_volunteers);
  if (const auto* t = r.table(root, "carts", "")) read_carts(r, *t, w.carts);
  if (const auto* t = r.table(root, "zone", "")) read_zone(r, *t, w.zone);
  {
    const Duration shift = w.sorting.ends - w.sorting.starts;
    if (w.sorting.crew > 0 && w.sorting.per_item + w.zone.disinfection.station_per_item > shift)
      r.fail("sorting.per_item", "an item's handling (per_item + zone.disinfection.station_per_item) within the crew's shift of " +
             format_duration(shift), format_duration(w.sorting.per_item + w.zone.disinfection.station_per_item));
    if (w.sorting.crew == 0 && w.zone.disinfection.station_per_item.count() > 0)
      r.fail("zone.disinfection.station_per_item", "0 without a sorting crew (the crew sprays goods at the station)",
             format_duration(w.zone.disinfection.station_per_item), "add [sorting] crew = 4, or set station_per_item = \"0s\"");
  }
  if (const auto* t = r.table(root, "run", "")) read_run(r, *t, w.run);
  if (const auto* t = r.table(root, "output", "")) read_output(r, *t, s.output);
  if (const auto* t = r.table(root, "dispatch", "")) read_table(r, *t, "dispatch", dispatch_table(), w.dispatch);

  std::uint64_t total_couriers = 0;
  for (const auto& g : w.couriers) total_couriers += g.count;
  if (total_couriers == 0)
    r.fail("couriers", "at least one [[couriers]] group with count > 0", w.couriers.empty() ? "no [[couriers]] groups" : "0 couriers in all",
           "add [[couriers]] with count = 10");

  if (const auto* ev = r.table(root, "events", "")) {
    r.check_keys(*ev, "events", {"quarantine", "gate_closure", "zone_status", "reinforcement", "contact_quarantine"});
    if (const auto* rf = r.table_array(*ev, "reinforcement", "events")) {
      for (std::size_t i = 0; i < rf->size(); ++i) {
        const std::string p = fmt::format("events.reinforcement[{}]", i);
        const toml::table& t = *rf->get(i)->as_table();
        model::ReinforcementRule e;
        read_table(r, t, p, reinforcement_table(), e);
        if (!t.contains("group")) r.fail(p, "a 'group' key: the name of an on-call [[couriers]] group", "none");
        std::vector<std::string> names;
        for (const auto& g : w.couriers) names.push_back(g.name);
        if (std::find(names.begin(), names.end(), e.group) == names.end()) {
          const std::string guess = did_you_mean(e.group, names);
          r.fail(p + ".group", "the name of a [[couriers]] group", "'" + e.group + "'",
                 guess.empty() ? "groups: " + Reader::list(names) : "did you mean '" + guess + "'?");
        }
        for (const auto& other : w.reinforcements)
          if (other.group == e.group)
            r.fail(p + ".group", "a group no other reinforcement rule calls", "'" + e.group + "' again",
                   "one rule per on-call group");
        w.reinforcements.push_back(e);
      }
    }
    if (const auto* cq = r.table(*ev, "contact_quarantine", "events")) {
      const std::string p = "events.contact_quarantine";
      read_table(r, *cq, p, contact_quarantine_table(), w.contact_quarantine);
    }
    if (const auto* q = r.table_array(*ev, "quarantine", "events")) {
      for (std::size_t i = 0; i < q->size(); ++i) {
        const std::string p = fmt::format("events.quarantine[{}]", i);
        const toml::table& t = *q->get(i)->as_table();
        model::Quarantine e;
        read_table(r, t, p, quarantine_table(), e);
        if (!r.integer(t, "courier", p, e.courier, {0, static_cast<double>(total_couriers - 1), "(courier index)", false,
                                                    "couriers are numbered from 0 across the [[couriers]] groups in order"}))
          r.fail(p, "a 'courier' key (an index from 0)", "none");
        if (!t.contains("at")) r.fail(p, "an 'at' key (time from the start, \"1d3h\")", "none");
        w.quarantines.push_back(e);
      }
    }
    if (const auto* g = r.table_array(*ev, "gate_closure", "events")) {
      const std::uint64_t gates = model::gate_count(w.area);
      for (std::size_t i = 0; i < g->size(); ++i) {
        const std::string p = fmt::format("events.gate_closure[{}]", i);
        const toml::table& t = *g->get(i)->as_table();
        model::GateClosure e;
        read_table(r, t, p, gate_closure_table(), e);
        r.integer(t, "gate", p, e.gate, {0, static_cast<double>(gates - 1), "(gate index)", false,
                                        "gates are numbered from 0: compound by compound, or in the node file's order"});
        if (!t.contains("from")) r.fail(p, "a 'from' key (time from the start)", "none");
        if (!t.contains("to")) r.fail(p, "a 'to' key (time from the start)", "none");
        if (e.to <= e.from)
          r.fail(p + ".to", "a time after 'from' (" + format_duration(e.from) + ")", format_duration(e.to),
                 "both are times from the start of the run");
        w.gate_closures.push_back(e);
      }
    }
    if (const auto* z = r.table_array(*ev, "zone_status", "events")) {
      for (std::size_t i = 0; i < z->size(); ++i) {
        const std::string p = fmt::format("events.zone_status[{}]", i);
        const toml::table& t = *z->get(i)->as_table();
        model::ZoneChange e;
        read_table(r, t, p, zone_status_table(), e);
        r.integer(t, "compound", p, e.compound, {0, static_cast<double>(model::compound_count(w.area)) - 1, "(compound index)", false,
                                                "compounds are numbered from 0"});
        if (!t.contains("at")) r.fail(p, "an 'at' key (time from the start, \"1d3h\")", "none");
        if (!t.contains("status"))
          r.fail(p, "a 'status' key: \"sealed\" or \"controlled\"", "none");
        w.zone_changes.push_back(e);
      }
    }
  }

  const auto* mode = r.table(root, "mode", "");
  if (mode == nullptr)
    r.fail("mode", "a [mode] table naming the mode(s) to run", "none",
           "add:\n    [mode]\n    name = \"relay\"");
  read_modes(r, *mode, opt, w, s.modes);
  // Resources of the world a mode does not use are named, not silently dropped.
  for (const auto& m : s.modes) {
    const bool gate_courier = m.name == "relay" || m.name == "shelves";
    const bool gate_stage = gate_courier || m.name == "per_building";
    if (w.carts.per_compound > 0 && !gate_courier)
      r.warn("carts.per_compound", "mode '" + m.name + "' runs without carts (they serve the couriers of relay and shelves)");
    if ((w.sorting.crew > 0 || w.sorting.gate_crew > 0) && !gate_stage)
      r.warn("sorting", "mode '" + m.name + "' runs without the sorting crews (they work in the gate stage of relay, shelves "
                        "and per_building)");
  }
  // Entry bans are modelled where couriers fill their loads at the gate; elsewhere a ban
  // would be ignored, so it is refused.
  if (w.zone.entry.courier_entry != model::CourierEntry::allowed)
    for (const auto& m : s.modes)
      if (m.name != "relay" && m.name != "shelves")
        r.fail("zone.entry.courier_entry", "\"allowed\" for mode '" + m.name + "'",
               std::string(model::name_of(w.zone.entry.courier_entry)),
               "entry bans are modelled for the relay and shelves modes (couriers working from the gate); run those, "
               "or leave courier_entry = \"allowed\"");

  // Limits protect the machine: refuse before anything is allocated.
  const std::uint64_t bytes = estimate_memory_bytes(w);
  if (bytes > opt.memory_limit_bytes) {
    const std::string where = root.get("area") ? "area" : "run";
    r.fail(where, fmt::format("a world that fits in {:.1f} GiB of model state", static_cast<double>(opt.memory_limit_bytes) / (1u << 30)),
           fmt::format("about {:.1f} GiB ({} households over {})", static_cast<double>(bytes) / (1u << 30),
                       households_of(w.area), format_duration(w.run.duration)),
           "reduce buildings, floors, households_per_floor, demand or the run duration");
  }
  s.warnings = r.take_warnings();
  return s;
}

}  // namespace detail

}  // namespace last100::scenario
