#pragma once
/// Households as dense arrays (structure of arrays), indexed by HouseholdId.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "last100/model/params.hpp"
#include "last100/net/area.hpp"
#include "last100/net/id.hpp"
#include "last100/sim/random.hpp"

namespace last100::model {

struct HouseholdTag;
/// Refers to one household.
using HouseholdId = Id<HouseholdTag>;

/// How a household responds when told to collect from a shelf.
enum class PickupClass : std::uint8_t {
  immediate,  ///< comes within a minute
  delayed,    ///< comes after an exponential delay (PopulationParams::pickup_delay_mean)
};

/// Every household of an area, one entry per array per household (12 bytes each).
struct Households {
  std::vector<std::uint32_t> building;  ///< index into Area::buildings()
  std::vector<std::uint32_t> unit;      ///< index into Area::units(); its door is the delivery place
  std::vector<std::uint8_t> floor;      ///< 1 = ground floor
  std::vector<std::uint8_t> size;       ///< persons, 1..255
  std::vector<std::uint8_t> limited_mobility;  ///< 1 if nobody can come down: door delivery
  std::vector<PickupClass> pickup;

  /// Returns the number of households.
  std::size_t count() const noexcept { return building.size(); }
  /// Returns the bytes held by the arrays.
  std::size_t memory_bytes() const noexcept;
};

/// Creates the households of `area` (unit by unit, floor by floor) and draws their size,
/// mobility and pickup class from `rng`; size is 1 + Poisson(mean - 1), so its mean is the parameter.
Households build_households(const net::Area& area, const PopulationParams& params, sim::Rng rng);

/// Returns a pickup delay after a notification: uniform within a minute for immediate
/// households, exponential with the mean delay for the others.
sim::Duration sample_pickup_delay(const PopulationParams& params, PickupClass pickup, sim::Rng& rng) noexcept;

}  // namespace last100::model
