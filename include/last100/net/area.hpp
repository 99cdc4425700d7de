#pragma once
/// An area: places, edges and the compounds, buildings and units they form.
/// Plain data (vectors); the Boost graph is built from it inside lib/net.

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "last100/net/area_params.hpp"
#include "last100/net/place.hpp"

namespace last100::net {

/// Reports an area whose structure breaks a rule (see Area::validate).
class AreaError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A residential compound: its gates, square and buildings.
struct Compound {
  std::string name;
  PlaceId square;                ///< the compound place, if any
  std::vector<PlaceId> gates;    ///< every compound has at least one gate
  std::vector<std::uint32_t> buildings;
};

/// A building: its entrance, floors, lift and units (contiguous in Area::units()).
struct Building {
  PlaceId entrance;
  std::uint32_t compound = no_index;
  std::uint16_t floors = 1;
  bool has_lift = false;
  std::uint32_t first_unit = 0;
  std::uint32_t unit_count = 0;
};

/// A unit (stairwell) of a building: its door, shelf and households per floor.
struct Unit {
  PlaceId door;
  std::uint32_t building = no_index;
  std::uint16_t households_per_floor = 1;
  bool has_shelf = true;
  float walk_m = 0.0f;  ///< length of the fixed walk between door and building entrance
};

/// The graph of places of one area.
class Area {
 public:
  /// Adds a compound with no places yet and returns its index.
  std::uint32_t add_compound(std::string name = {});

  /// Adds a place and returns its id; gates and squares register with their compound.
  PlaceId add_place(PlaceKind kind, float x_m, float y_m, std::uint32_t compound = no_index,
                    std::string name = {});

  /// Adds a building whose entrance is `entrance` and returns its index.
  std::uint32_t add_building(PlaceId entrance, std::uint16_t floors, bool has_lift);

  /// Adds a unit to the most recently added building and returns its index.
  std::uint32_t add_unit(std::uint32_t building, PlaceId door, std::uint16_t households_per_floor,
                         bool has_shelf, float walk_m);

  /// Adds an undirected edge.
  void add_edge(PlaceId a, PlaceId b, float length_m, ModeMask modes);

  /// Sets whether a building has a lift.
  void set_lift(std::uint32_t building, bool has_lift) { buildings_.at(building).has_lift = has_lift; }

  const std::vector<Place>& places() const noexcept { return places_; }
  const std::vector<Edge>& edges() const noexcept { return edges_; }
  const std::vector<Compound>& compounds() const noexcept { return compounds_; }
  const std::vector<Building>& buildings() const noexcept { return buildings_; }
  const std::vector<Unit>& units() const noexcept { return units_; }
  const Place& place(PlaceId id) const { return places_.at(id.index()); }

  /// Returns every place of the given kind, in id order.
  std::vector<PlaceId> places_of_kind(PlaceKind kind) const;

  /// Returns how many households the buildings hold (floors x households per floor, per unit).
  std::uint64_t household_count() const noexcept;

  /// Checks the rules the travel-time design relies on; throws AreaError naming the culprit.
  /// Rules: edge ends exist and lengths are positive and finite; every compound has a gate;
  /// an edge leaving a compound has a gate at its compound end; a unit door has exactly one
  /// edge, to its building's entrance, of length Unit::walk_m, allowing walking.
  void validate() const;

  /// Returns the bytes held by this area (vectors' capacity, names).
  std::size_t memory_bytes() const noexcept;

 private:
  std::vector<Place> places_;
  std::vector<Edge> edges_;
  std::vector<Compound> compounds_;
  std::vector<Building> buildings_;
  std::vector<Unit> units_;
};

/// Returns the counts of a loaded area, for AreaParams::layout.
AreaParams::LayoutSize layout_size(const Area& area);

}  // namespace last100::net
