#pragma once
/// Shortest travel times between places, per travel mode.
/// Hubs (stations, gates, outside outlets and mobile stations) are joined by the street graph,
/// from which a hub's row of distances to every hub is computed the first time it is needed;
/// each compound has a small dense block of its own places; a unit door is its building
/// entrance plus a fixed walk. Design and memory figures in docs/world.md.

#include <cstddef>
#include <functional>
#include <memory>

#include "last100/net/area.hpp"
#include "last100/sim/time.hpp"

namespace last100::net {

/// Speeds per travel mode, metres per second.
struct TravelSpeeds {
  double walk_mps = 1.2;  ///< assumption: a loaded courier's walk (CourierGroup default)
  double cart_mps = 3.0;  ///< assumption: e-tricycle on compound paths, ~11 km/h
  double van_mps = 6.0;   ///< assumption: van in a built-up area with checkpoints, ~22 km/h

  /// Returns the speed of `mode`.
  double of(TravelMode mode) const noexcept;
};

/// Returned by travel_time when no path allows the mode (a van cannot reach a door).
inline constexpr sim::Duration unreachable = sim::Duration::max();

/// The precomputed shortest paths of an area, per travel mode.
class TravelTimes {
 public:
  /// Creates an empty table (every lookup throws std::out_of_range).
  TravelTimes();

  /// Runs Dijkstra from every key place of each compound and builds the street graph between
  /// hubs, for every mode; validates `area` first. `on_progress`, if given, is called with the share of the work done (0 to 1, at most
  /// about 1000 times): a large area's tables take most of the time a world takes to build.
  TravelTimes(const Area& area, TravelSpeeds speeds = {}, const std::function<void(double share)>& on_progress = {});

  /// Returns the shortest distance in metres for `mode`, or +infinity if unreachable.
  /// A unit door adds its fixed walk to its building entrance (always on foot).
  double distance_m(TravelMode mode, PlaceId from, PlaceId to) const;

  /// Returns the travel time at the table's speed for `mode`, or `unreachable`.
  /// The fixed walk of a unit door is always at walking speed.
  sim::Duration travel_time(TravelMode mode, PlaceId from, PlaceId to) const;

  /// Returns the travel time at `speed_mps` (a courier's own walking speed), or `unreachable`.
  sim::Duration travel_time(TravelMode mode, PlaceId from, PlaceId to, double speed_mps) const;

  /// Returns true if `mode` can go from `from` to `to`.
  bool reachable(TravelMode mode, PlaceId from, PlaceId to) const;

  /// Returns the speeds the table was built with.
  const TravelSpeeds& speeds() const noexcept;

  /// Returns the number of hubs (places with a row of hub-to-hub distances).
  std::size_t hub_count() const noexcept;

  /// Returns the number of places that have a row in some matrix (hubs and compound places).
  std::size_t key_place_count() const noexcept;

  /// Returns the bytes held now by the matrices, graphs and index arrays (hub rows are
  /// computed when first asked for, so this grows during a run).
  std::size_t memory_bytes() const noexcept;

  /// Returns the bytes the tables can reach: memory_bytes() with every hub row computed.
  std::size_t memory_bytes_at_most() const noexcept;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;  ///< immutable once built, so copies share it
};

}  // namespace last100::net
