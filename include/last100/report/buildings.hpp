#pragma once
/// Per-building figures of one run, for the report's map and building table and for
/// DIR/buildings.csv: which buildings starve, and in which stage their orders wait.
/// Computed from the per-order records of one world (the first replication).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "last100/model/world.hpp"

namespace last100::report {

/// The waits an order goes through, in order; minutes are means over the building's
/// delivered orders that went through both ends of the wait (NaN: none did).
inline constexpr std::array<std::string_view, 5> wait_names = {"to station", "at station", "to gate",
                                                              "gate to shelf/door", "until collected"};

struct BuildingFigures {
  std::string mode;
  std::uint32_t building = 0;
  std::uint32_t compound = 0;
  double x_m = 0, y_m = 0;
  std::uint64_t orders = 0;     ///< placed in the measured period
  std::uint64_t delivered = 0;  ///< of which handed over by the end
  double undelivered_share = 0;  ///< (orders - delivered) / orders; NaN without orders
  double p50_minutes = 0, p90_minutes = 0;  ///< lead time of delivered orders; NaN: none
  std::array<double, wait_names.size()> wait_minutes{};
};

/// A place drawn on the report's map besides the buildings: gates, stations, outlets.
struct MapPlace {
  std::string kind;  ///< net::to_string(PlaceKind): "gate", "outside_station", ...
  double x_m = 0, y_m = 0;
};

/// Returns the gates, outside stations, outlets and mobile stations of the world's area.
std::vector<MapPlace> map_places(const model::World& world);

/// DIR/places.csv (kind,x_m,y_m) and back.
std::string map_places_csv(const std::vector<MapPlace>& places);
std::vector<MapPlace> map_places_from_csv(std::string_view text);

/// Returns one row per building of `world` after a run of `mode`; orders placed before the
/// warm-up are left out, as in the KPIs.
std::vector<BuildingFigures> building_figures(std::string_view mode, const model::World& world);

/// DIR/buildings.csv: a header and one row per building and mode ("" for NaN).
std::string buildings_csv(const std::vector<BuildingFigures>& rows);

/// Reads buildings.csv back (for `last100 report DIR`). Throws std::runtime_error on a malformed file.
std::vector<BuildingFigures> buildings_from_csv(std::string_view text);

}  // namespace last100::report
