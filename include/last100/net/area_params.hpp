#pragma once
/// Parameters of an area: the generator's shape, or explicit CSV layout files, and the counts
/// every layer reads from either.

#include <cstdint>
#include <memory>
#include <string>

#include "last100/net/travel_mode.hpp"

namespace last100::net {

class Area;

/// Parameters of the area generator ("10 compounds, 75 buildings" in a few lines).
struct AreaParams {
  std::uint32_t compounds = 10;
  std::uint32_t buildings = 75;            ///< in all, spread evenly over the compounds
  std::uint32_t units_per_building = 3;
  std::uint32_t floors = 6;
  std::uint32_t households_per_floor = 2;  ///< per unit and floor
  double lift_share = 0.2;                 ///< share of buildings with a lift
  std::uint32_t gates_per_compound = 1;
  double building_spacing_m = 40.0;        ///< between neighbouring building entrances
  double compound_spacing_m = 250.0;       ///< between neighbouring compound gates
  std::uint32_t outside_stations = 1;
  double station_distance_m = 400.0;       ///< from the zone edge to an outside station
  std::uint32_t outlets_inside = 0;        ///< delivery outlets inside the sealed zone
  std::uint32_t mobile_stations = 0;
  double walk_speed_mps = 1.2;             ///< table walking speed; couriers may pass their own
  double cart_speed_mps = 3.0;             ///< assumption: e-tricycle on compound paths
  double van_speed_mps = 6.0;              ///< assumption: van in a built-up area, checkpoints
  std::string nodes_csv;                   ///< explicit layout instead of the generator
  std::string edges_csv;
  /// The layout as the scenario loader read it, once: every replication's world copies it, so
  /// that a file edited during a run cannot mix two layouts into one result. Empty when the
  /// area is generated, or when a caller filled in the paths by hand (then read at build).
  std::shared_ptr<const Area> loaded_layout;
  /// "nodes.csv: 1234 bytes, fnv1a64 ...; edges.csv: ..." of the files as read; recorded in
  /// the resolved scenario.toml, whose own checksum the output folder's manifest holds.
  std::string layout_checksum;

  /// The size of the layout in nodes_csv, measured by the scenario loader when it checks the
  /// files (not a scenario key; zero for generated areas, whose size follows from the shape).
  struct LayoutSize {
    std::uint32_t compounds = 0;
    std::uint32_t buildings = 0;
    std::uint32_t gates = 0;
    std::uint32_t outside_stations = 0;
    std::uint32_t outlets_inside = 0;
    std::uint64_t households = 0;
    std::uint64_t places = 0;
    std::uint64_t block_cells = 0;  ///< sum over compounds of (key places)^2
    std::uint64_t hubs = 0;         ///< gates and key places outside compounds
  } layout;
};

// The area's counts, from the generator's shape or from the loaded layout: the scenario
// checks (indices of compounds, gates, buildings and stations) and the memory estimate use
// these, so that a CSV area is checked at load time like a generated one.

/// Returns how many households the area holds.
inline std::uint64_t household_count(const AreaParams& a) noexcept {
  if (!a.nodes_csv.empty()) return a.layout.households;
  return std::uint64_t{a.buildings} * a.units_per_building * a.floors * a.households_per_floor;
}
inline std::uint32_t compound_count(const AreaParams& a) noexcept {
  return a.nodes_csv.empty() ? a.compounds : a.layout.compounds;
}
inline std::uint32_t building_count(const AreaParams& a) noexcept {
  return a.nodes_csv.empty() ? a.buildings : a.layout.buildings;
}
/// Gates are numbered from 0 in place order: compound by compound when generated, in the
/// node file's order from CSV.
inline std::uint64_t gate_count(const AreaParams& a) noexcept {
  return a.nodes_csv.empty() ? std::uint64_t{a.compounds} * a.gates_per_compound : a.layout.gates;
}
inline std::uint32_t outside_station_count(const AreaParams& a) noexcept {
  return a.nodes_csv.empty() ? a.outside_stations : a.layout.outside_stations;
}
inline std::uint32_t outlet_inside_count(const AreaParams& a) noexcept {
  return a.nodes_csv.empty() ? a.outlets_inside : a.layout.outlets_inside;
}

}  // namespace last100::net
