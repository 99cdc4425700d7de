#pragma once
/// Per-order records as CSV: one row per order with every stage's time, for analysis elsewhere.

#include <string>
#include <string_view>

#include "last100/model/world.hpp"

namespace last100::report {

/// Returns the header row of order_records_csv.
std::string order_records_header();

/// Returns one row per order of `world` as `mode` left it: ids, place, category, status,
/// cancel reason, and the minute each stage was reached (empty if never).
std::string order_records_csv(std::string_view mode, const model::World& world);

}  // namespace last100::report
