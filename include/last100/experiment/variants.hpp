#pragma once
/// Variants: named scenarios (a file and its KEY=VALUE overrides) compared side by side.
/// A variant's replication r draws its world from the seed of replication r of its own
/// resolved scenario, so two variants whose resolved area and demand are the same (the same
/// world_fingerprint) run replication r on the same households and the same orders: common
/// random numbers, and their differences are paired. experiment/experiment.hpp runs them.

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "last100/scenario/scenario.hpp"

namespace last100::experiment {

/// A named scenario: the columns of one variant are its modes.
struct Variant {
  std::string name;                    ///< column label ("4 vans"); see name_variants
  scenario::Scenario scenario;         ///< resolved: the file, its bases, the overrides, --seed
  std::vector<std::string> overrides;  ///< the KEY=VALUE overrides it was loaded with (reproduce command)
};

/// A variant as written on the command line, before its file is loaded.
struct VariantSpec {
  std::string name;
  std::vector<std::string> overrides;  ///< KEY=VALUE, in the order given
};

/// A variant spec that cannot be used; what() names the variant and says why, with a hint.
class VariantError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// Parses "NAME: KEY=VALUE; KEY=VALUE ...": a name (non-empty, no ':'), a colon, then one or
/// more overrides separated by ';' (spaces around each are ignored; a value with ';' cannot be
/// given this way). Throws VariantError naming the spec when the name, the colon or an
/// override's '=' is missing.
VariantSpec parse_variant_spec(std::string_view spec);

/// Loads `file` with `overrides` (scenario::load_scenario with load_options()) as a variant
/// called `name`, or the scenario's name (its `name` key, else the file stem) when empty.
/// Throws scenario::ScenarioError as load_scenario does.
Variant load_variant(const std::filesystem::path& file, const std::vector<std::string>& overrides, std::string name = {});

/// Makes the variants' names unique, in place: a name used twice (two files that inherit one
/// `name` through extends) becomes the file stem where that tells them apart, else gets " #2",
/// " #3", ... in order.
void name_variants(std::vector<Variant>& variants);

/// Returns the fingerprint of what a replication's world is drawn from: a 64-bit FNV-1a hash,
/// in hex, of the resolved scenario's [area], [population], [demand], run.duration and
/// run.seed as scenario::to_toml writes them (every other table at its default), and of the
/// contents of the CSV layout files when the area is a CSV layout (not their paths). Equal
/// fingerprints: replication r of both scenarios has the same households and orders.
std::string world_fingerprint(const scenario::Scenario& scenario);

}  // namespace last100::experiment
