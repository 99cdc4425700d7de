#pragma once
/// Sizing: the smallest amount of a resource (or the cheapest combination of several) that
/// meets service targets with 95% confidence, on a KPI assumed monotone in the amount
/// (docs/experiments.md, "Sizing").

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace last100::experiment {

/// A target or sizing problem that cannot be used; the message says what and gives a hint.
class SizingError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// Which side of the bound a KPI must be on.
enum class Comparison { at_least, at_most };  // >=, <=

/// One service target: `kpi >= bound` or `kpi <= bound`, on the KPI's mean over replications.
struct Target {
  std::string kpi;
  Comparison comparison = Comparison::at_least;
  double bound = 0.0;
};

/// Parses targets joined by `and`: `"within_12h >= 0.90"`, `"p90 <= 720 and delivered_share
/// >= 0.99"`. When `known_kpis` is not empty a KPI outside it is refused with the names that
/// come closest. Throws SizingError naming the part that could not be read.
std::vector<Target> parse_targets(std::string_view text, const std::vector<std::string>& known_kpis = {});

/// Returns the target as text, `kpi >= bound`.
std::string to_string(const Target& target);

/// KPI values of replications first_rep .. first_rep + n - 1 at amounts `x` (one per resource):
/// result[k][r] for target k in the order given. Replication r shares common random numbers
/// at every x, and asking for more replications later gives the values asking at once would.
using SizingSampler = std::function<std::vector<std::vector<double>>(const std::vector<std::int64_t>& x,
                                                                     std::uint32_t first_rep, std::uint32_t n)>;

/// How much evidence a decision needs.
struct SizingOptions {
  double confidence = 0.95;         ///< of each decision (Bonferroni-split over the targets)
  std::uint32_t first_stage = 10;   ///< replications at a point before the first test (>= 2)
  std::uint32_t batch = 10;         ///< replications added while a point is undecided
  std::uint32_t max_replications = 200;  ///< at one point; beyond it the point is undecided
};

/// A point's verdict. Undecided (cap reached) counts as not met: the search never reports an
/// amount it could not show to be enough.
enum class Decision { met, not_met, undecided };

/// Returns "met", "not met" or "undecided".
const char* to_string(Decision d);

/// One target at one point: the mean, the one-sided half-width (t quantile at the
/// Bonferroni-split confidence times sd / sqrt(n)) and the verdict.
struct TargetCheck {
  double mean = 0.0;
  double half_width = 0.0;
  Decision decision = Decision::undecided;
};

/// One point tried, in the order tried.
struct SizingStep {
  std::vector<std::int64_t> x;
  std::uint32_t replications = 0;
  std::vector<TargetCheck> checks;  ///< one per target
  Decision decision = Decision::undecided;  ///< met only if every target is met
  double cost = 0.0;
};

/// The answer and its evidence.
struct SizingResult {
  bool found = false;               ///< false: not even the top of the range was shown to meet the targets
  std::vector<std::int64_t> x;      ///< the amounts found (empty if none)
  double cost = 0.0;
  std::vector<SizingStep> evidence;
  std::uint64_t replications = 0;   ///< over all points
  std::uint64_t pruned = 0;         ///< combinations of the other resources not searched (size_cheapest)
};

/// Decides one point: first_stage replications, then batches until every target's one-sided
/// bound lies wholly on one side of its bound or max_replications is reached.
SizingStep decide_point(const std::vector<Target>& targets, const std::vector<std::int64_t>& x,
                        const SizingSampler& sample, const SizingOptions& options = {});

/// Returns the smallest x in [lo, hi] meeting every target, assuming that meeting them is
/// monotone in x (more is never worse): lo first, then galloping (lo + 1, lo + 3, lo + 7, ...,
/// hi) until a point is met, then bisection between the last point not met and the first met.
/// The sampler sees x as a vector of one amount. Throws SizingError on an empty range or bad
/// options.
SizingResult size_one(const std::vector<Target>& targets, std::int64_t lo, std::int64_t hi,
                      const SizingSampler& sample, const SizingOptions& options = {});

/// One resource sized jointly: its range and its cost per unit.
struct Resource {
  std::string name;
  std::int64_t lo = 0, hi = 0;
  double unit_cost = 1.0;
};

/// The largest number of combinations of the resources other than the last that
/// size_cheapest enumerates.
inline constexpr std::uint64_t max_combinations = 1'000'000;

/// Returns the cheapest combination of amounts in the box of the resources' ranges meeting
/// every target, assuming meeting them is monotone in each amount. For each combination of
/// the resources but the last, in increasing cost, the smallest amount of the last is found
/// as by size_one, in a range cut by what is known: no search once the combination with the
/// last at its minimum costs more than the best found, none when a combination at least as
/// large in every amount failed even at the last's maximum, and the last's range capped by
/// the best cost and by the amounts found for combinations smaller in every amount. Ties in
/// cost go to the lexicographically smaller amounts. Limits (docs/experiments.md): at most
/// max_combinations of the other resources, each searched in the worst case; each decision
/// has its own confidence, so over many points the chance that one of them errs grows; the
/// answer is the cheapest in the box, not beyond it. Throws SizingError on bad ranges.
SizingResult size_cheapest(const std::vector<Target>& targets, const std::vector<Resource>& resources,
                           const SizingSampler& sample, const SizingOptions& options = {});

}  // namespace last100::experiment
