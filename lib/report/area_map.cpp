#include "last100/report/area_map.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include <fmt/format.h>

namespace last100::report {

std::vector<MapPlace> area_map(const net::Area& area) {
  std::vector<MapPlace> out;
  for (std::size_t b = 0; b < area.buildings().size(); ++b) {
    const auto& p = area.place(area.buildings()[b].entrance);
    out.push_back({"building", static_cast<std::uint32_t>(b), area.buildings()[b].compound, p.x_m, p.y_m});
  }
  for (auto k : {net::PlaceKind::gate, net::PlaceKind::outside_station, net::PlaceKind::outlet, net::PlaceKind::mobile_station}) {
    std::uint32_t i = 0;
    for (auto id : area.places_of_kind(k)) {
      const auto& p = area.place(id);
      out.push_back({std::string(net::to_string(k)), i++, 0, p.x_m, p.y_m});
    }
  }
  return out;
}

std::string area_map_csv(const std::vector<MapPlace>& places) {
  std::string out = "kind,index,compound,x_m,y_m\n";
  for (const auto& p : places) out += fmt::format("{},{},{},{:.1f},{:.1f}\n", p.kind, p.index, p.compound, p.x_m, p.y_m);
  return out;
}

std::vector<MapPlace> area_map_from_csv(std::string_view text) {
  std::vector<MapPlace> out;
  std::size_t pos = text.find('\n'), line_no = 1;
  while (pos != std::string_view::npos && ++pos < text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    const std::string_view line = text.substr(pos, end - pos);
    pos = end;
    ++line_no;
    if (line.empty()) continue;
    std::vector<std::string_view> f;
    for (std::size_t a = 0;;) {  // kinds are identifiers: no quoted commas
      const std::size_t c = line.find(',', a);
      f.push_back(line.substr(a, c == std::string_view::npos ? std::string_view::npos : c - a));
      if (c == std::string_view::npos) break;
      a = c + 1;
    }
    const auto bad = [&] { return std::runtime_error(fmt::format("places.csv:{}: expected kind,index,compound,x_m,y_m", line_no)); };
    if (f.size() != 5 || f[0].empty()) throw bad();
    MapPlace p;
    p.kind = std::string(f[0]);
    const auto read = [&](std::string_view s, auto& v) {
      const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
      if (s.empty() || r.ec != std::errc{} || r.ptr != s.data() + s.size()) throw bad();
    };
    read(f[1], p.index);
    read(f[2], p.compound);
    read(f[3], p.x_m);
    read(f[4], p.y_m);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace last100::report
