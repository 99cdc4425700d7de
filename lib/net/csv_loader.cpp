#include "last100/net/csv_loader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/pending/disjoint_sets.hpp>
#include <fmt/format.h>

namespace last100::net {

LoadError::LoadError(std::string file, std::size_t line, std::size_t column, const std::string& message,
                     std::string hint)
    : std::runtime_error(fmt::format("{}:{}:{}: {}{}", file, line, column, message,
                                     hint.empty() ? std::string{} : fmt::format(" (hint: {})", hint))),
      file_(std::move(file)),
      line_(line),
      column_(column),
      hint_(std::move(hint)),
      message_(message) {}

namespace {

constexpr std::string_view node_header = "id,kind,compound,x_m,y_m,floors,households_per_floor,lift,shelf";
constexpr std::string_view edge_header = "from,to,length_m,modes";

struct Field {
  std::string text;
  std::size_t column = 1;  ///< 1-based character column where the field starts
};

struct Row {
  std::size_t line = 0;
  std::vector<Field> fields;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

/// Splits one CSV line; supports double-quoted fields with "" as an escaped quote.
std::vector<Field> split(const std::string& file, std::size_t line_no, std::string_view line) {
  std::vector<Field> out;
  std::size_t i = 0;
  while (true) {
    Field f;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    f.column = i + 1;
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            f.text += '"';
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        f.text += line[i++];
      }
      if (!closed) throw LoadError(file, line_no, f.column, "unterminated quoted field", "close it with \"");
      while (i < line.size() && line[i] != ',') {
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
          throw LoadError(file, line_no, i + 1, "text after a closing quote", "put the comma right after the quote");
        ++i;
      }
    } else {
      const std::size_t start = i;
      while (i < line.size() && line[i] != ',') ++i;
      f.text = std::string(trim(line.substr(start, i - start)));
    }
    out.push_back(std::move(f));
    if (i >= line.size()) break;
    ++i;  // the comma
  }
  return out;
}

/// Reads every data row of a CSV stream after checking its header.
std::vector<Row> read_rows(std::istream& in, const std::string& file, std::string_view header) {
  if (!in) throw LoadError(file, 0, 0, "cannot read the file", "check the path and permissions");
  std::vector<Row> rows;
  std::string line;
  std::size_t line_no = 0;
  bool header_seen = false;
  const std::size_t columns = static_cast<std::size_t>(std::count(header.begin(), header.end(), ',')) + 1;
  while (std::getline(in, line)) {
    ++line_no;
    const std::string_view t = trim(line);
    if (t.empty() || t.front() == '#') continue;
    if (!header_seen) {
      std::string compact;
      for (char ch : t)
        if (ch != ' ' && ch != '\t') compact += ch;
      if (compact != header)
        throw LoadError(file, line_no, 1, fmt::format("expected the header '{}'", header),
                        "the first line that is not blank or a # comment names the columns in this order");
      header_seen = true;
      continue;
    }
    Row row{line_no, split(file, line_no, line)};
    if (row.fields.size() != columns)
      throw LoadError(file, line_no, row.fields.size() > columns ? row.fields[columns].column : line.size() + 1,
                      fmt::format("expected {} fields, found {}", columns, row.fields.size()),
                      fmt::format("columns are {}", header));
    rows.push_back(std::move(row));
  }
  if (!header_seen)
    throw LoadError(file, line_no + 1, 1, "the file is empty", fmt::format("start with the header '{}'", header));
  return rows;
}

double parse_number(const std::string& file, const Row& row, std::size_t index, std::string_view what,
                    std::optional<double> if_empty) {
  const Field& f = row.fields[index];
  if (f.text.empty()) {
    if (if_empty) return *if_empty;
    throw LoadError(file, row.line, f.column, fmt::format("{} is missing", what), "write a number");
  }
  double value = 0.0;
  const char* first = f.text.data();
  const char* last = first + f.text.size();
  const auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec != std::errc{} || ptr != last || !std::isfinite(value))
    throw LoadError(file, row.line, f.column, fmt::format("{} '{}' is not a number", what, f.text),
                    "use digits and a decimal point, e.g. 12.5");
  return value;
}

/// Places are stored as float metres: beyond 10,000 km a coordinate loses whole metres (and
/// beyond float range it becomes inf on the map), so such a layout is refused.
constexpr double max_coordinate_m = 1e7;
constexpr double min_edge_m = 0.001;  ///< a millimetre: shorter links are one place
constexpr double max_edge_m = 1e6;    ///< 1,000 km: the street graph's bound per edge

double parse_coordinate(const std::string& file, const Row& row, std::size_t index, std::string_view what) {
  const double v = parse_number(file, row, index, what, 0.0);
  if (std::abs(v) > max_coordinate_m)
    throw LoadError(file, row.line, row.fields[index].column,
                    fmt::format("{} {} is more than {} m from the origin", what, row.fields[index].text, max_coordinate_m),
                    "coordinates are metres in a local frame; subtract a reference point near the area");
  return v;
}

std::uint32_t parse_count(const std::string& file, const Row& row, std::size_t index, std::string_view what,
                          std::uint32_t max) {
  const double v = parse_number(file, row, index, what, std::nullopt);
  if (v < 1.0 || v > static_cast<double>(max) || v != std::floor(v))
    throw LoadError(file, row.line, row.fields[index].column,
                    fmt::format("{} must be a whole number in 1..{}, got '{}'", what, max, row.fields[index].text),
                    "");
  return static_cast<std::uint32_t>(v);
}

bool parse_flag(const std::string& file, const Row& row, std::size_t index, std::string_view what, bool if_empty) {
  const Field& f = row.fields[index];
  if (f.text.empty()) return if_empty;
  if (f.text == "1" || f.text == "true" || f.text == "yes") return true;
  if (f.text == "0" || f.text == "false" || f.text == "no") return false;
  throw LoadError(file, row.line, f.column, fmt::format("{} '{}' is not a yes/no flag", what, f.text),
                  "write 1 or 0");
}

ModeMask parse_modes(const std::string& file, const Row& row, std::size_t index) {
  const Field& f = row.fields[index];
  if (f.text.empty()) return walk_only;
  ModeMask mask = 0;
  std::string_view rest = f.text;
  while (true) {
    const std::size_t bar = rest.find('|');
    const std::string_view word = trim(rest.substr(0, bar));
    if (word == "walk") mask |= mask_of(TravelMode::walk);
    else if (word == "cart") mask |= mask_of(TravelMode::cart);
    else if (word == "van") mask |= mask_of(TravelMode::van);
    else
      throw LoadError(file, row.line, f.column, fmt::format("unknown travel mode '{}'", word),
                      "use walk, cart and van joined by |, e.g. walk|cart");
    if (bar == std::string_view::npos) break;
    rest.remove_prefix(bar + 1);
  }
  return mask;
}

std::string kind_list() {
  std::string s;
  for (std::size_t i = 0; i < place_kind_count; ++i) {
    if (i) s += ", ";
    s += to_string(static_cast<PlaceKind>(i));
  }
  return s;
}

struct NodeInfo {
  PlaceKind kind;
  std::size_t line;
  std::uint32_t compound;
  std::uint32_t floors;
  std::uint32_t households_per_floor;
  bool lift;
  bool shelf;
};

/// A run needs every place reachable (by some mode: vans fall back to carts and feet) and,
/// inside a compound, every place reachable on foot from one of its gates (couriers and
/// residents walk there). Caught here, at load time, with the node's line, rather than as
/// "no path" in the middle of a run.
void check_connected(const Area& area, const std::vector<NodeInfo>& info, const std::string& nodes_name) {
  const std::size_t n = area.places().size();
  if (n == 0) return;
  // Union-find over place indices: linked by any edge, and by walk edges.
  boost::disjoint_sets_with_storage<> any(n), walk(n);
  for (const Edge& e : area.edges()) {
    any.union_set(e.a.value, e.b.value);
    if (allows(e.modes, TravelMode::walk)) walk.union_set(e.a.value, e.b.value);
  }
  const auto name = [&](std::uint32_t p) { return area.places()[p].name; };
  for (std::uint32_t p = 0; p < n; ++p) {
    if (any.find_set(p) != any.find_set(std::uint32_t{0}))
      throw LoadError(nodes_name, info[p].line, 1,
                      fmt::format("'{}' is joined to '{}' by no path", name(p), name(0)),
                      "add an edge linking it to the rest of the area in the edge file");
    const std::uint32_t c = info[p].compound;
    if (c == no_index || info[p].kind == PlaceKind::gate) continue;
    bool reached = false;
    for (PlaceId g : area.compounds()[c].gates) reached = reached || walk.find_set(g.value) == walk.find_set(p);
    if (!reached)
      throw LoadError(nodes_name, info[p].line, 1,
                      fmt::format("'{}' cannot be reached on foot from any gate of compound '{}'", name(p),
                                  area.compounds()[c].name),
                      "add a walk edge linking it to the compound's paths");
  }
  // Couriers walk from one compound to another (to help, to the next stop of a tour, to their
  // post), so every compound must be reachable on foot from every other; a van-only link
  // between two compounds would fail in the middle of a run.
  const auto& compounds = area.compounds();
  for (std::uint32_t c = 1; c < compounds.size(); ++c) {
    const PlaceId first = compounds[0].gates.front();
    bool reached = false;
    for (PlaceId g : compounds[c].gates) reached = reached || walk.find_set(g.value) == walk.find_set(first.value);
    if (!reached) {
      const PlaceId g = compounds[c].gates.front();
      throw LoadError(nodes_name, info[g.value].line, 1,
                      fmt::format("compound '{}' cannot be reached on foot from compound '{}' (couriers walk "
                                  "between compounds)",
                                  compounds[c].name, compounds[0].name),
                      fmt::format("add a walk edge from gate '{}' towards the other compounds' gates", name(g.value)));
    }
  }
}

}  // namespace

Area load_area_csv(std::istream& nodes, const std::string& nodes_name, std::istream& edges,
                   const std::string& edges_name) {
  Area area;
  std::unordered_map<std::string, std::uint32_t> id_of;
  std::map<std::string, std::uint32_t> compound_of;
  std::vector<NodeInfo> info;

  for (const Row& row : read_rows(nodes, nodes_name, node_header)) {
    const Field& id = row.fields[0];
    if (id.text.empty()) throw LoadError(nodes_name, row.line, id.column, "the id is empty", "give every node a unique id");
    if (id_of.count(id.text))
      throw LoadError(nodes_name, row.line, id.column, fmt::format("id '{}' is used twice", id.text),
                      "node ids must be unique");
    const auto kind = parse_place_kind(row.fields[1].text);
    if (!kind)
      throw LoadError(nodes_name, row.line, row.fields[1].column,
                      fmt::format("unknown kind '{}'", row.fields[1].text), "use one of " + kind_list());
    std::uint32_t compound = no_index;
    const std::string& label = row.fields[2].text;
    if (!label.empty()) {
      auto it = compound_of.find(label);
      if (it == compound_of.end()) it = compound_of.emplace(label, area.add_compound(label)).first;
      compound = it->second;
    } else if (*kind == PlaceKind::building_entrance || *kind == PlaceKind::unit_door ||
               *kind == PlaceKind::compound) {
      throw LoadError(nodes_name, row.line, row.fields[2].column,
                      fmt::format("a {} must lie in a compound", to_string(*kind)), "fill in the compound column");
    }
    const double x = parse_coordinate(nodes_name, row, 3, "x_m");
    const double y = parse_coordinate(nodes_name, row, 4, "y_m");
    NodeInfo n{*kind, row.line, compound, 0, 0, false, true};
    if (*kind == PlaceKind::building_entrance) {
      n.floors = parse_count(nodes_name, row, 5, "floors", 200);
      n.lift = parse_flag(nodes_name, row, 7, "lift", false);
    }
    if (*kind == PlaceKind::unit_door) {
      n.households_per_floor = parse_count(nodes_name, row, 6, "households_per_floor", 1000);
      n.shelf = parse_flag(nodes_name, row, 8, "shelf", true);
    }
    id_of.emplace(id.text, static_cast<std::uint32_t>(info.size()));
    info.push_back(n);
    area.add_place(*kind, static_cast<float>(x), static_cast<float>(y), compound, id.text);
  }

  struct DoorLink {
    std::uint32_t entrance = no_index;
    float length = 0.0f;
  };
  std::vector<DoorLink> door(info.size());
  for (const Row& row : read_rows(edges, edges_name, edge_header)) {
    std::uint32_t ends[2]{};
    for (std::size_t k = 0; k < 2; ++k) {
      const Field& f = row.fields[k];
      const auto it = id_of.find(f.text);
      if (it == id_of.end())
        throw LoadError(edges_name, row.line, f.column, fmt::format("unknown node '{}'", f.text),
                        "every edge end must be an id from the node file");
      ends[k] = it->second;
    }
    if (ends[0] == ends[1])
      throw LoadError(edges_name, row.line, row.fields[1].column, "an edge joins a node to itself", "remove the line");
    const double length = parse_number(edges_name, row, 2, "length_m", std::nullopt);
    if (!(length > 0.0))
      throw LoadError(edges_name, row.line, row.fields[2].column,
                      fmt::format("length_m must be positive, got {}", row.fields[2].text), "lengths are metres");
    // Travel times are whole milliseconds and street lengths whole micrometres: a length
    // outside these bounds would become 0 or overflow the clock instead of being refused.
    if (length < min_edge_m || length > max_edge_m)
      throw LoadError(edges_name, row.line, row.fields[2].column,
                      fmt::format("length_m {} is outside {} to {} m", row.fields[2].text, min_edge_m, max_edge_m),
                      "lengths are metres; join places closer than 1 mm into one node, split longer links");
    const ModeMask modes = parse_modes(edges_name, row, 3);
    const NodeInfo& a = info[ends[0]];
    const NodeInfo& b = info[ends[1]];
    if (a.compound != b.compound) {
      for (std::size_t k = 0; k < 2; ++k) {
        const NodeInfo& n = info[ends[k]];
        if (n.compound != no_index && n.kind != PlaceKind::gate)
          throw LoadError(edges_name, row.line, row.fields[k].column,
                          fmt::format("the edge leaves compound '{}' at '{}', which is not a gate",
                                      area.compounds()[n.compound].name, row.fields[k].text),
                          "only gates may connect a compound to the outside or to another compound");
      }
    }
    for (std::size_t k = 0; k < 2; ++k) {
      if (info[ends[k]].kind != PlaceKind::unit_door) continue;
      const std::uint32_t other = ends[1 - k];
      if (info[other].kind != PlaceKind::building_entrance)
        throw LoadError(edges_name, row.line, row.fields[1 - k].column,
                        fmt::format("unit door '{}' connects to '{}', a {}", row.fields[k].text,
                                    row.fields[1 - k].text, to_string(info[other].kind)),
                        "a unit door has exactly one edge, to its building entrance");
      if (door[ends[k]].entrance != no_index)
        throw LoadError(edges_name, row.line, row.fields[k].column,
                        fmt::format("unit door '{}' has a second edge", row.fields[k].text),
                        "a unit door has exactly one edge, to its building entrance");
      if (!allows(modes, TravelMode::walk))
        throw LoadError(edges_name, row.line, row.fields[3].column, "a unit door's edge must allow walking",
                        "write walk");
      door[ends[k]] = DoorLink{other, static_cast<float>(length)};
    }
    area.add_edge(make_id<PlaceTag>(ends[0]), make_id<PlaceTag>(ends[1]), static_cast<float>(length), modes);
  }

  // Buildings in node order, each followed by its units in node order.
  std::vector<std::vector<std::uint32_t>> doors_of(info.size());
  for (std::uint32_t p = 0; p < info.size(); ++p) {
    if (info[p].kind != PlaceKind::unit_door) continue;
    if (door[p].entrance == no_index)
      throw LoadError(nodes_name, info[p].line, 1, "this unit door has no edge",
                      "add an edge from it to its building entrance in the edge file");
    if (info[door[p].entrance].compound != info[p].compound)
      throw LoadError(nodes_name, info[p].line, 1, "this unit door lies in another compound than its building",
                      "use the building's compound");
    doors_of[door[p].entrance].push_back(p);
  }
  for (std::uint32_t p = 0; p < info.size(); ++p) {
    if (info[p].kind != PlaceKind::building_entrance) continue;
    if (doors_of[p].empty())
      throw LoadError(nodes_name, info[p].line, 1, "this building entrance has no unit door",
                      "add a unit_door node and an edge to it");
    const std::uint32_t b =
        area.add_building(make_id<PlaceTag>(p), static_cast<std::uint16_t>(info[p].floors), info[p].lift);
    for (std::uint32_t d : doors_of[p])
      area.add_unit(b, make_id<PlaceTag>(d), static_cast<std::uint16_t>(info[d].households_per_floor),
                    info[d].shelf, door[d].length);
  }
  for (const auto& [label, c] : compound_of)
    if (area.compounds()[c].gates.empty()) {
      const auto first = std::find_if(info.begin(), info.end(), [c = c](const NodeInfo& n) { return n.compound == c; });
      throw LoadError(nodes_name, first->line, 1, fmt::format("compound '{}' has no gate", label),
                      "add a node of kind gate with this compound");
    }
  if (area.buildings().empty())
    throw LoadError(nodes_name, info.empty() ? 1 : info.back().line, 1, "the layout has no building, so no household to supply",
                    "add a building_entrance node in a compound, a unit_door node and an edge between them");
  try {
    area.validate();
  } catch (const AreaError& e) {
    throw LoadError(nodes_name, 0, 0, e.what(), "");
  }
  check_connected(area, info, nodes_name);
  return area;
}

std::string read_csv_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw LoadError(path, 0, 0, "cannot open the file", "check the path and permissions");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw LoadError(path, 0, 0, "cannot read the file", "check the path and permissions");
  return std::move(text).str();
}

Area load_area_csv(const std::string& nodes_path, const std::string& edges_path) {
  std::istringstream nodes(read_csv_file(nodes_path));
  std::istringstream edges(read_csv_file(edges_path));
  return load_area_csv(nodes, nodes_path, edges, edges_path);
}

}  // namespace last100::net
