#pragma once
// The built-in modes, registered by registry.cpp in the article's order.

#include <vector>

#include "last100/modes/mode.hpp"

namespace last100::modes::detail {

std::vector<KnobSpec> relay_stage_knobs();
ModeInfo relay_mode_info();
ModeInfo shelves_mode_info();
ModeInfo per_building_mode_info();
ModeInfo group_buy_mode_info();

}  // namespace last100::modes::detail
