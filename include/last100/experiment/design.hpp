#pragma once
/// Designs of experiments over scenario keys: `--vary` specs parsed from text, the full grid
/// and a seeded Latin hypercube, each point rendered as `--set` overrides (docs/experiments.md).

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace last100::experiment {

/// A `--vary` spec, or a design built from specs, that cannot be used; the message names the
/// spec and gives a hint.
class DesignError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// How a parameter's values were given.
enum class ParameterKind {
  range,     ///< `key=10..80:10`: lo, lo + step, ..., hi (integers or reals)
  list,      ///< `key=1,2,4` or `key=low,high`: the values as written
  interval,  ///< `key=1..200`: every integer from lo to hi (for sizing)
};

/// One varied parameter: a scenario key and its levels (the values it may take, in order).
struct Parameter {
  std::string key;    ///< the scenario key, e.g. `couriers[0].count`
  std::string spec;   ///< the whole spec as given, for messages
  ParameterKind kind = ParameterKind::list;
  bool integer = false;  ///< every level is a whole number
  bool numeric = false;  ///< every level is a number (false when a list holds a word)
  double lo = 0, hi = 0, step = 1;  ///< range and interval: first and last level, step
  int decimals = 0;                 ///< range: decimals a level is written with
  std::vector<std::string> words;   ///< list: the levels as written

  /// Returns the number of levels.
  std::size_t level_count() const;
  /// Returns level i as written in a `--set` override.
  std::string level_text(std::size_t i) const;
  /// Returns level i as a number; NaN for a word.
  double level_value(std::size_t i) const;
};

/// Parses `key=10..80:10`, `key=1,2,4` (numbers or words) or `key=1..200` (an integer
/// interval). Throws DesignError naming the spec, with a hint.
Parameter parse_vary(std::string_view spec);

/// One point of a design: for each parameter (in the order given) its value as text and as a
/// number (NaN for a word). A Latin hypercube's real ranges take values between levels.
struct DesignPoint {
  std::vector<std::string> text;
  std::vector<double> value;
};

/// The largest full grid built without complaint; beyond it, the hint is a Latin hypercube.
inline constexpr std::size_t max_grid_points = 1'000'000;

/// Returns the cartesian product of the parameters' levels, the first parameter varying
/// slowest and the last fastest (nested loops in the order given), so point i of a grid over
/// (a, b) is a's level i / |b| with b's level i % |b|. Throws DesignError beyond
/// max_grid_points or with no parameter.
std::vector<DesignPoint> full_grid(const std::vector<Parameter>& parameters);

/// Returns a Latin hypercube of n points, a function of (parameters, n, seed) only. Each
/// dimension is cut into n equal strata of [0, 1) and gets exactly one point per stratum
/// (a seeded permutation of the strata, a uniform position inside each). A position u maps
/// to a real range continuously, lo + u (hi - lo), and to an integer range, interval or list
/// of m levels as level floor(u m): with m a multiple of n each stratum owns m / n levels,
/// with m < n levels repeat n / m times (give or take one). Throws DesignError when n is 0.
std::vector<DesignPoint> latin_hypercube(const std::vector<Parameter>& parameters, std::size_t n,
                                         std::uint64_t seed);

/// Returns the point as `--set` overrides, `key=value`, in parameter order.
std::vector<std::string> as_overrides(const std::vector<Parameter>& parameters, const DesignPoint& point);

}  // namespace last100::experiment
