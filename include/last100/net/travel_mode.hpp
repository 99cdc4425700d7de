#pragma once
/// The ways an edge of the area may be travelled.

#include <cstddef>
#include <cstdint>

namespace last100::net {

/// How an edge may be travelled: on foot, by cart/e-tricycle, by van.
enum class TravelMode : std::uint8_t { walk, cart, van };
inline constexpr std::size_t travel_mode_count = 3;

}  // namespace last100::net
