#include "last100/report/buildings.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

#include "last100/report/csv.hpp"

namespace last100::report {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// Nearest-rank percentile of sorted values (the definition of docs/world.md).
double nearest_rank(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return nan;
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

std::string num(double v) { return std::isfinite(v) ? fmt::format("{:.2f}", v) : std::string{}; }

}  // namespace

std::vector<BuildingFigures> building_figures(std::string_view mode, const model::World& w) {
  using model::Stage;
  const auto& area = w.area;
  const std::size_t n = area.buildings().size();
  std::vector<BuildingFigures> rows(n);
  std::vector<std::vector<double>> leads(n);
  std::vector<std::array<double, wait_names.size()>> wait_sum(n);
  std::vector<std::array<std::uint64_t, wait_names.size()>> wait_count(n);
  for (std::size_t b = 0; b < n; ++b) {
    auto& r = rows[b];
    r.mode = std::string(mode);
    r.building = static_cast<std::uint32_t>(b);
    r.compound = area.buildings()[b].compound;
    const auto& p = area.place(area.buildings()[b].entrance);
    r.x_m = p.x_m;
    r.y_m = p.y_m;
    wait_sum[b].fill(0.0);
    wait_count[b].fill(0);
  }
  const sim::TimePoint from{w.params.run.warmup};
  constexpr std::array<Stage, wait_names.size() + 1> stages = {Stage::placed, Stage::at_station, Stage::loaded,
                                                               Stage::at_gate, Stage::at_shelf_or_door,
                                                               Stage::handed_over};
  const auto& orders = w.orders;
  for (std::size_t i = 0; i < orders.count(); ++i) {
    const auto o = make_id<model::OrderTag>(i);
    const auto placed = orders.time(o, Stage::placed);
    if (placed < from) continue;
    const auto b = w.households.building[orders.household(o).index()];
    ++rows[b].orders;
    if (!orders.reached(o, Stage::handed_over)) continue;
    ++rows[b].delivered;
    leads[b].push_back(sim::to_minutes(orders.time(o, Stage::handed_over) - placed));
    // Each wait runs from the last stage reached before it; modes skip stages they lack.
    for (std::size_t s = 0; s + 1 < stages.size(); ++s) {
      if (!orders.reached(o, stages[s]) || !orders.reached(o, stages[s + 1])) continue;
      wait_sum[b][s] += sim::to_minutes(orders.time(o, stages[s + 1]) - orders.time(o, stages[s]));
      ++wait_count[b][s];
    }
  }
  for (std::size_t b = 0; b < n; ++b) {
    auto& r = rows[b];
    std::sort(leads[b].begin(), leads[b].end());
    r.p50_minutes = nearest_rank(leads[b], 0.5);
    r.p90_minutes = nearest_rank(leads[b], 0.9);
    r.undelivered_share = r.orders == 0 ? nan : static_cast<double>(r.orders - r.delivered) / static_cast<double>(r.orders);
    for (std::size_t s = 0; s < wait_names.size(); ++s)
      r.wait_minutes[s] = wait_count[b][s] == 0 ? nan : wait_sum[b][s] / static_cast<double>(wait_count[b][s]);
  }
  return rows;
}

std::string buildings_csv(const std::vector<BuildingFigures>& rows) {
  std::string out = "mode,building,compound,x_m,y_m,orders,delivered,undelivered_share,p50_min,p90_min";
  for (auto w : wait_names) {
    std::string col(w);
    std::replace_if(col.begin(), col.end(), [](char c) { return c == ' ' || c == '/'; }, '_');
    out += ",wait_" + col + "_min";
  }
  out += "\n";
  for (const auto& r : rows) {
    out += fmt::format("{},{},{},{:.1f},{:.1f},{},{},{},{},{}", CsvWriter::escape(r.mode), r.building, r.compound,
                       r.x_m, r.y_m, r.orders, r.delivered,
                       std::isfinite(r.undelivered_share) ? fmt::format("{:.4f}", r.undelivered_share) : std::string{},
                       num(r.p50_minutes), num(r.p90_minutes));
    for (double v : r.wait_minutes) out += "," + num(v);
    out += "\n";
  }
  return out;
}

std::vector<MapPlace> map_places(const model::World& w) {
  std::vector<MapPlace> out;
  for (auto k : {net::PlaceKind::gate, net::PlaceKind::outside_station, net::PlaceKind::outlet,
                 net::PlaceKind::mobile_station})
    for (auto id : w.area.places_of_kind(k)) {
      const auto& p = w.area.place(id);
      out.push_back({std::string(net::to_string(k)), p.x_m, p.y_m});
    }
  return out;
}

std::string map_places_csv(const std::vector<MapPlace>& places) {
  std::string out = "kind,x_m,y_m\n";
  for (const auto& p : places) out += fmt::format("{},{:.1f},{:.1f}\n", p.kind, p.x_m, p.y_m);
  return out;
}

std::vector<MapPlace> map_places_from_csv(std::string_view text) {
  std::vector<MapPlace> out;
  std::size_t pos = text.find('\n');
  while (pos != std::string_view::npos && ++pos < text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    const std::string line(text.substr(pos, end - pos));
    pos = end;
    const auto c1 = line.find(','), c2 = line.find(',', c1 == std::string::npos ? 0 : c1 + 1);
    if (line.empty() || c1 == std::string::npos || c2 == std::string::npos) continue;
    try {
      out.push_back({line.substr(0, c1), std::stod(line.substr(c1 + 1, c2 - c1 - 1)), std::stod(line.substr(c2 + 1))});
    } catch (const std::logic_error&) {
      throw std::runtime_error("places.csv: a coordinate is not a number: " + line);
    }
  }
  return out;
}

std::vector<BuildingFigures> buildings_from_csv(std::string_view text) {
  std::vector<BuildingFigures> rows;
  std::size_t pos = text.find('\n');
  if (pos == std::string_view::npos) return rows;
  std::size_t line_no = 1;
  while (++pos < text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    const std::string_view line = text.substr(pos, end - pos);
    ++line_no;
    pos = end;
    if (line.empty()) continue;
    std::vector<std::string> f;
    std::size_t a = 0;
    for (;;) {  // mode names are identifiers: no quoted commas
      const std::size_t c = line.find(',', a);
      f.emplace_back(line.substr(a, c == std::string_view::npos ? std::string_view::npos : c - a));
      if (c == std::string_view::npos) break;
      a = c + 1;
    }
    if (f.size() != 10 + wait_names.size())
      throw std::runtime_error(fmt::format("buildings.csv:{}: expected {} fields, found {}", line_no,
                                           10 + wait_names.size(), f.size()));
    const auto real = [&](const std::string& s) { return s.empty() ? nan : std::stod(s); };
    BuildingFigures r;
    try {
      r.mode = f[0];
      r.building = static_cast<std::uint32_t>(std::stoul(f[1]));
      r.compound = static_cast<std::uint32_t>(std::stoul(f[2]));
      r.x_m = real(f[3]);
      r.y_m = real(f[4]);
      r.orders = std::stoull(f[5]);
      r.delivered = std::stoull(f[6]);
      r.undelivered_share = real(f[7]);
      r.p50_minutes = real(f[8]);
      r.p90_minutes = real(f[9]);
      for (std::size_t s = 0; s < wait_names.size(); ++s) r.wait_minutes[s] = real(f[10 + s]);
    } catch (const std::logic_error&) {
      throw std::runtime_error(fmt::format("buildings.csv:{}: a field is not a number", line_no));
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace last100::report
