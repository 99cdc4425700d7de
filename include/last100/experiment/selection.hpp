#pragma once
/// Selecting the best of k options on one KPI with a guaranteed probability of correct
/// selection: the KN fully sequential procedure of Kim and Nelson (2001) on paired samples
/// (common random numbers) (docs/experiments.md, "Selection").

#include <cstddef>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <vector>

namespace last100::experiment {

/// A selection that cannot be run; the message says which setting and gives a hint.
class SelectionError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// KPI values of replications first_rep .. first_rep + n - 1 of one option. Replication r of
/// every option shares common random numbers, and asking for more later gives the values
/// asking at once would.
using Sampler = std::function<std::vector<double>(std::size_t option, std::uint32_t first_rep, std::uint32_t n)>;

/// Whether the best option has the smallest or the largest mean.
enum class Goal { minimize, maximize };

/// The guarantee asked for and how to sample.
struct SelectionOptions {
  Goal goal = Goal::maximize;
  double alpha = 0.05;               ///< P(correct selection) >= 1 - alpha
  double delta = 0.0;                ///< indifference zone: differences below it do not matter (> 0)
  std::uint32_t first_stage = 10;    ///< n0, replications of each option before screening (>= 2)
  std::uint32_t batch = 1;           ///< replications asked of the sampler at once (results do not depend on it)
  std::uint32_t max_replications = 1000;  ///< per option; at the cap the survivors are reported
};

/// An option screened out: at stage `stage` (its number of replications then), because its
/// mean fell below option `by`'s by more than the procedure's allowance.
struct Elimination {
  std::size_t option = 0;
  std::uint32_t stage = 0;
  std::size_t by = 0;
};

/// Why the procedure stopped.
enum class SelectionStop {
  one_left,   ///< every other option was eliminated: the guarantee holds for the winner
  final_stage,  ///< KN's last stage: the survivors' allowances reached 0 with equal means (exact ties)
  cap,        ///< max_replications reached with several left: no guarantee among them
};

/// The winner and how it was found.
struct SelectionResult {
  std::size_t winner = 0;  ///< the selected option; at the cap, the best mean among the survivors
  SelectionStop stop = SelectionStop::one_left;
  std::vector<Elimination> eliminated;           ///< in the order eliminated
  std::vector<std::size_t> not_told_apart;       ///< survivors when more than one was left (winner included)
  std::vector<double> means;                     ///< each option's mean at the last stage it took part in
  std::vector<std::uint32_t> replications_used;  ///< each option's stage when eliminated or at the end
  std::uint64_t replications_sampled = 0;        ///< asked of the sampler (batches may overshoot)
  std::uint32_t stages = 0;                      ///< the last stage reached
  double eta = 0.0;                              ///< KN's eta for (alpha, k, n0)
};

/// Runs KN (Kim and Nelson 2001, "A fully sequential procedure for indifference-zone
/// selection in simulation", ACM TOMACS 11(3) 251-273) over `options` options: n0
/// replications each, pairwise variances of the differences S2_il from them,
/// eta = ((2 alpha / (k - 1))^(-2 / (n0 - 1)) - 1) / 2, h2 = 2 eta (n0 - 1); then at each
/// stage r option i is eliminated if its mean trails a surviving option l's by more than
/// W_il(r) = max(0, delta / (2 r) (h2 S2_il / delta^2 - r)); survivors get one replication
/// more. Assumes normal KPI values (means of runs are close to it); CRN is allowed and helps.
/// Throws SelectionError on bad options.
SelectionResult select_best(std::size_t options, const Sampler& sample, const SelectionOptions& settings);

}  // namespace last100::experiment
