#include "last100/model/households.hpp"

#include <algorithm>
#include <stdexcept>

namespace last100::model {

std::size_t Households::memory_bytes() const noexcept {
  return sizeof(Households) + building.capacity() * sizeof(std::uint32_t) +
         unit.capacity() * sizeof(std::uint32_t) + floor.capacity() + size.capacity() +
         limited_mobility.capacity() + pickup.capacity() * sizeof(PickupClass);
}

Households build_households(const net::Area& area, const PopulationParams& params, sim::Rng rng) {
  if (!(params.mean_household_size >= 1.0))
    throw std::invalid_argument("mean_household_size must be at least 1");
  Households h;
  const auto n = static_cast<std::size_t>(area.household_count());
  h.building.reserve(n);
  h.unit.reserve(n);
  h.floor.reserve(n);
  h.size.reserve(n);
  h.limited_mobility.reserve(n);
  h.pickup.reserve(n);
  const auto& units = area.units();
  for (std::uint32_t u = 0; u < units.size(); ++u) {
    const net::Building& b = area.buildings()[units[u].building];
    for (std::uint32_t f = 1; f <= b.floors; ++f) {
      for (std::uint32_t k = 0; k < units[u].households_per_floor; ++k) {
        h.building.push_back(units[u].building);
        h.unit.push_back(u);
        h.floor.push_back(static_cast<std::uint8_t>(std::min<std::uint32_t>(f, 255)));
        const std::uint64_t persons = 1 + rng.poisson(params.mean_household_size - 1.0);
        h.size.push_back(static_cast<std::uint8_t>(std::min<std::uint64_t>(persons, 255)));
        h.limited_mobility.push_back(rng.bernoulli(params.limited_mobility_share) ? 1 : 0);
        h.pickup.push_back(rng.bernoulli(params.pickup_immediate_share) ? PickupClass::immediate
                                                                        : PickupClass::delayed);
      }
    }
  }
  return h;
}

sim::Duration sample_pickup_delay(const PopulationParams& params, PickupClass pickup, sim::Rng& rng) noexcept {
  if (pickup == PickupClass::immediate) return sim::from_seconds(rng.uniform(0.0, 60.0));
  return sim::from_seconds(rng.exponential(sim::to_seconds(params.pickup_delay_mean)));
}

}  // namespace last100::model
