#pragma once
/// Builds an area from a few numbers ("10 compounds, 75 buildings") with a fixed seed.

#include <cstdint>

#include "last100/net/area_params.hpp"
#include "last100/net/area.hpp"

namespace last100::net {

/// Generates an area: compounds on a street grid, buildings spread as evenly as possible
/// (75 over 10 gives five of 8 and five of 7), units with shelves, exactly
/// round(lift_share x buildings) lifts chosen with `seed`; layout in docs/world.md.
/// Throws AreaError on impossible parameters (no compounds, fewer buildings than compounds).
Area generate_area(const AreaParams& params, std::uint64_t seed);

/// Returns how many buildings compound `c` of `compounds` gets when `buildings` are spread.
constexpr std::uint32_t buildings_in_compound(std::uint32_t buildings, std::uint32_t compounds,
                                              std::uint32_t c) noexcept {
  return buildings / compounds + (c < buildings % compounds ? 1u : 0u);
}

}  // namespace last100::net
