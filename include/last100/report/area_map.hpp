#pragma once
/// The area as the report's map draws it: buildings (with their compound) and gates,
/// outside stations, outlets and mobile stations at their coordinates. Area facts, the same
/// for every mode and replication; the figures coloured onto it are the summaries'
/// (metrics::Summary::buildings). Written as DIR/places.csv so that `last100 report DIR`
/// redraws the map.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "last100/net/area.hpp"

namespace last100::report {

/// One place on the map.
struct MapPlace {
  std::string kind;           ///< "building", or net::to_string(PlaceKind): "gate", "outside_station", ...
  std::uint32_t index = 0;    ///< a building's index (Summary::buildings); for other kinds, their order of kind
  std::uint32_t compound = 0; ///< a building's compound (0 for other kinds)
  double x_m = 0, y_m = 0;

  bool operator==(const MapPlace&) const = default;
};

/// Returns the buildings (entrances) in index order, then the gates, outside stations,
/// outlets and mobile stations of `area`.
std::vector<MapPlace> area_map(const net::Area& area);

/// DIR/places.csv (kind,index,compound,x_m,y_m; coordinates to 0.1 m) and back. Reading
/// throws std::runtime_error naming the line of a malformed row.
std::string area_map_csv(const std::vector<MapPlace>& places);
std::vector<MapPlace> area_map_from_csv(std::string_view text);

}  // namespace last100::report
