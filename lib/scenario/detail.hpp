#pragma once
// Private to lib/scenario: source positions per key path and the schema walk.

#include <cstdint>
#include <map>
#include <string>

#include <toml++/toml.h>

#include "last100/scenario/scenario.hpp"

namespace last100::scenario::detail {

/// Where a key's value was written.
struct Loc {
  std::string file;
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};

/// Key path ("couriers[0].count") to the position of its final value.
using LocMap = std::map<std::string, Loc>;

/// Returns a short description of a TOML value for "found ..." in messages.
std::string describe(const toml::node& n);

/// Validates the merged tree against the schema and builds the scenario.
Scenario build(const std::string& main_file, const toml::table& root, const LocMap& locs,
               const LoadOptions& options);

}  // namespace last100::scenario::detail
