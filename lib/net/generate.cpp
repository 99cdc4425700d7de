#include "last100/net/generate.hpp"

#include <cmath>
#include <numeric>
#include <vector>

#include <fmt/format.h>

#include "last100/sim/random.hpp"

namespace last100::net {

namespace {

float distance(const Area& area, PlaceId a, PlaceId b) {
  const Place& pa = area.place(a);
  const Place& pb = area.place(b);
  return std::hypot(pa.x_m - pb.x_m, pa.y_m - pb.y_m);
}

/// Adds an edge whose length is the straight-line distance between its ends.
void connect(Area& area, PlaceId a, PlaceId b, ModeMask modes) {
  area.add_edge(a, b, distance(area, a, b), modes);
}

void check(const AreaParams& p) {
  auto fail = [](const std::string& what) { throw AreaError("area generator: " + what); };
  if (p.compounds == 0) fail("compounds must be at least 1");
  if (p.buildings < p.compounds)
    fail(fmt::format("buildings ({}) must be at least compounds ({})", p.buildings, p.compounds));
  if (p.units_per_building == 0) fail("units_per_building must be at least 1");
  if (p.floors == 0 || p.floors > 200) fail(fmt::format("floors must be in 1..200, got {}", p.floors));
  if (p.households_per_floor == 0 || p.households_per_floor > 1000)
    fail(fmt::format("households_per_floor must be in 1..1000, got {}", p.households_per_floor));
  if (p.gates_per_compound == 0) fail("gates_per_compound must be at least 1");
  if (!(p.lift_share >= 0.0 && p.lift_share <= 1.0))
    fail(fmt::format("lift_share must be in [0, 1], got {}", p.lift_share));
  if (!(p.building_spacing_m > 0.0) || !(p.compound_spacing_m > 0.0) || !(p.station_distance_m > 0.0))
    fail("building_spacing_m, compound_spacing_m and station_distance_m must be positive");
}

}  // namespace

Area generate_area(const AreaParams& p, std::uint64_t seed) {
  check(p);
  Area area;
  const auto cols = static_cast<std::uint32_t>(std::ceil(std::sqrt(static_cast<double>(p.compounds))));
  const std::uint32_t rows = (p.compounds + cols - 1) / cols;
  const auto street = static_cast<float>(p.compound_spacing_m);
  const auto spacing = static_cast<float>(p.building_spacing_m);
  constexpr std::uint32_t buildings_per_row = 4;
  constexpr float unit_first_m = 5.0f;  // entrance to the first unit door
  constexpr float unit_step_m = 15.0f;  // between unit doors along the facade

  // Street grid: one junction in front of each compound, all modes.
  std::vector<PlaceId> junctions(p.compounds);
  for (std::uint32_t c = 0; c < p.compounds; ++c) {
    const float x = static_cast<float>(c % cols) * street;
    const float y = static_cast<float>(c / cols) * street;
    junctions[c] = area.add_place(PlaceKind::junction, x, y);
    if (c % cols != 0) connect(area, junctions[c - 1], junctions[c], all_modes);
    if (c >= cols) connect(area, junctions[c - cols], junctions[c], all_modes);
  }

  for (std::uint32_t c = 0; c < p.compounds; ++c) {
    const std::uint32_t compound = area.add_compound(fmt::format("compound {}", c + 1));
    const Place& j = area.place(junctions[c]);
    const float jx = j.x_m;
    const float jy = j.y_m;
    const PlaceId square = area.add_place(PlaceKind::compound, jx + 20.0f, jy + 20.0f, compound);
    for (std::uint32_t g = 0; g < p.gates_per_compound; ++g) {
      const PlaceId gate =
          area.add_place(PlaceKind::gate, jx + 20.0f + 20.0f * static_cast<float>(g), jy + 5.0f, compound);
      connect(area, junctions[c], gate, all_modes);  // a van reaches the gate ...
      connect(area, gate, square, walk_and_cart);    // ... and stops there
    }
    const std::uint32_t n = buildings_in_compound(p.buildings, p.compounds, c);
    std::vector<PlaceId> entrances;
    entrances.reserve(n);
    for (std::uint32_t b = 0; b < n; ++b) {
      const float bx = jx + 20.0f + static_cast<float>(b % buildings_per_row) * spacing;
      const float by = jy + 20.0f + static_cast<float>(b / buildings_per_row + 1) * spacing;
      const PlaceId entrance = area.add_place(PlaceKind::building_entrance, bx, by, compound);
      entrances.push_back(entrance);
      if (b == 0) connect(area, square, entrance, walk_and_cart);
      else if (b % buildings_per_row == 0) connect(area, entrances[b - buildings_per_row], entrance, walk_and_cart);
      else connect(area, entrances[b - 1], entrance, walk_and_cart);
      const std::uint32_t building =
          area.add_building(entrance, static_cast<std::uint16_t>(p.floors), false);
      for (std::uint32_t u = 0; u < p.units_per_building; ++u) {
        const float walk = unit_first_m + unit_step_m * static_cast<float>(u);
        const PlaceId door = area.add_place(PlaceKind::unit_door, bx + walk, by + 2.0f, compound);
        area.add_unit(building, door, static_cast<std::uint16_t>(p.households_per_floor), true, walk);
        area.add_edge(entrance, door, walk, walk_only);
      }
    }
  }

  // Outside stations west of the zone, each linked to a junction of the first column.
  for (std::uint32_t s = 0; s < p.outside_stations; ++s) {
    const std::uint32_t row = s % rows;
    const PlaceId link = junctions[row * cols];
    const Place& j = area.place(link);
    const PlaceId station =
        area.add_place(PlaceKind::outside_station, j.x_m - static_cast<float>(p.station_distance_m),
                       j.y_m + 10.0f * static_cast<float>(s / rows));
    area.add_edge(station, link, static_cast<float>(p.station_distance_m), all_modes);
  }
  // Outlets on the streets inside the zone, spread over the compounds' junctions.
  for (std::uint32_t o = 0; o < p.outlets_inside; ++o) {
    const PlaceId link = junctions[static_cast<std::size_t>(o) * p.compounds / p.outlets_inside];
    const Place& j = area.place(link);
    const PlaceId outlet = area.add_place(PlaceKind::outlet, j.x_m, j.y_m - 30.0f);
    connect(area, outlet, link, all_modes);
  }
  // Mobile stations just outside compound gates, where a van can unload.
  for (std::uint32_t m = 0; m < p.mobile_stations; ++m) {
    const PlaceId link = junctions[(2 * static_cast<std::size_t>(m) + 1) * p.compounds / (2 * p.mobile_stations)];
    const Place& j = area.place(link);
    const PlaceId station = area.add_place(PlaceKind::mobile_station, j.x_m + 15.0f, j.y_m);
    connect(area, station, link, all_modes);
  }

  // Exactly round(lift_share x buildings) lifts, buildings chosen by a seeded partial shuffle.
  const std::size_t nb = area.buildings().size();
  const auto lifts = static_cast<std::size_t>(std::llround(p.lift_share * static_cast<double>(nb)));
  std::vector<std::uint32_t> order(nb);
  std::iota(order.begin(), order.end(), 0u);
  sim::Rng rng = sim::RandomStreams(seed).stream("area.lifts");
  for (std::size_t i = 0; i < lifts; ++i) {
    const std::size_t k = i + static_cast<std::size_t>(rng.uniform_int(nb - i));
    std::swap(order[i], order[k]);
    area.set_lift(order[i], true);
  }
  return area;
}

}  // namespace last100::net
