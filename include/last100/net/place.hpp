#pragma once
/// Places and edges of an area: the vocabulary of the graph.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "last100/net/id.hpp"
#include "last100/net/travel_mode.hpp"

namespace last100::net {

struct PlaceTag;
/// Refers to one place of an Area.
using PlaceId = Id<PlaceTag>;

/// Marks "no compound / no building / no unit" in index fields.
inline constexpr std::uint32_t no_index = std::numeric_limits<std::uint32_t>::max();

/// What a place is; junctions are plain street or path crossings.
enum class PlaceKind : std::uint8_t {
  outside_station,    ///< temporary transfer station outside the sealed zone
  gate,               ///< zone or compound gate, the contactless hand-over point
  compound,           ///< a compound's square (where a shelf or tally point may stand)
  building_entrance,  ///< where a building's path meets the compound's paths
  unit_door,          ///< a unit (stairwell) door at the foot of a building; may have a shelf
  outlet,             ///< a delivery outlet inside the zone
  mobile_station,     ///< a mobile station set up with the community
  junction,           ///< a crossing of streets or paths, nothing stops here
};
inline constexpr std::size_t place_kind_count = 8;

/// Returns the lower-case name of a place kind, as written in node CSV files.
std::string_view to_string(PlaceKind kind) noexcept;

/// Returns the place kind with the given name, or nothing if the name is unknown.
std::optional<PlaceKind> parse_place_kind(std::string_view name) noexcept;

/// Returns the lower-case name of a travel mode ("walk", "cart", "van").
std::string_view to_string(TravelMode mode) noexcept;

/// A set of travel modes, one bit per TravelMode.
using ModeMask = std::uint8_t;

/// Returns the mask with only `mode` set.
constexpr ModeMask mask_of(TravelMode mode) noexcept {
  return static_cast<ModeMask>(1u << static_cast<unsigned>(mode));
}
inline constexpr ModeMask walk_only = mask_of(TravelMode::walk);
inline constexpr ModeMask walk_and_cart = walk_only | mask_of(TravelMode::cart);
inline constexpr ModeMask all_modes = walk_and_cart | mask_of(TravelMode::van);

/// Returns true if `modes` allows `mode`.
constexpr bool allows(ModeMask modes, TravelMode mode) noexcept { return (modes & mask_of(mode)) != 0; }

/// One place: its kind, where it is and what it belongs to.
struct Place {
  PlaceKind kind = PlaceKind::junction;
  std::uint32_t compound = no_index;  ///< the compound it lies in; no_index = outside
  std::uint32_t building = no_index;  ///< for entrances and unit doors
  std::uint32_t unit = no_index;      ///< for unit doors
  float x_m = 0.0f;                   ///< planar position, metres (for drawing and checks)
  float y_m = 0.0f;
  std::string name;                   ///< from a CSV file; empty for generated places
};

/// An undirected path between two places.
struct Edge {
  PlaceId a;
  PlaceId b;
  float length_m = 0.0f;
  ModeMask modes = walk_only;
};

}  // namespace last100::net
