#pragma once
/// Runs variants (experiment/variants.hpp) side by side, replication by replication, under
/// common random numbers, and keeps what each replication measured so that more can be added
/// later: Experiment::run(n) twice gives exactly what one run(2n) gives, whatever the number
/// of jobs or MPI ranks. The `compare` and `run` commands, and the statistical procedures on
/// top (sizing, selection, sweeps), call it.
///
/// Columns are the modes of each variant, variant after variant, modes in scenario order.
/// Replication r of every variant is seeded with replication r's seed of its own scenario
/// (replication_seed); the modes of one variant run on the same world. Differences are
/// against column 0: paired when both columns' variants have the same world_fingerprint,
/// otherwise unpaired (Welch) and marked so (metrics::Summary::differences_paired).
///
/// Typical use:
///   std::vector<Variant> vs = {load_variant("base.toml", {}), load_variant("base.toml", {"vehicles.count=4"}, "4 vans")};
///   Experiment e(std::move(vs));
///   e.run(10);                                           // replications 0..9
///   e.run_to_precision({{kpi_index("lead_time_minutes.p90"), 5.0}}, 200);
///   auto table = e.summaries();                          // one Summary per column
///   auto values = e.values(1);                           // values[r][k], NaN: no observation

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "last100/experiment/variants.hpp"
#include "last100/metrics/kpi_table.hpp"
#include "last100/metrics/summary.hpp"
#include "last100/model/world.hpp"
#include "last100/modes/trace.hpp"

namespace last100::experiment {

/// How to run: parallelism and callbacks. Callbacks run on the thread that called, never on
/// a worker; they may be empty.
struct ExperimentOptions {
  unsigned jobs = 0;  ///< runs at once (oneTBB arena); 0 = one per core
  /// Now and then, with the share of this call's runs done (0 to 1, counting simulated time
  /// inside runs) and what is running ("3/16 runs done; 4 vans/relay").
  std::function<void(double done, std::string_view what)> progress;
  /// Now and then while a world is being built: its variant, replication (0-based) and the
  /// share of the build done (a large area takes long to build before any run starts).
  std::function<void(std::size_t variant, std::uint32_t replication, double done)> on_world_build;
  /// Once per column after a call that ran replication 0, with that replication's world after
  /// its run: per-order records. In column order.
  std::function<void(std::size_t column, const model::World& world)> on_orders;
  /// When set, replication 0 of each column records a trace, passed here with its world after
  /// the call, in column order (the animated replay). Tracing changes no result.
  std::function<void(std::size_t column, const model::World& world, const modes::Trace& trace)> on_trace;
};

/// One column: a mode of a variant.
struct Column {
  std::size_t variant = 0;  ///< index into Experiment::variants()
  std::size_t mode = 0;     ///< index into that variant's scenario.modes
  std::string label;        ///< "variant/mode", or the mode alone when there is one variant
};

/// KPI values of one column: values[r][k] is KPI k (metrics::kpi_table() order) of replication
/// r; NaN when that replication observed nothing. at_least marks lower bounds (censored).
using KpiMatrix = std::vector<std::vector<metrics::KpiValue>>;

/// A precision asked for: KPI `kpi` (metrics::kpi_table() index) to a 95% half-width of at
/// most `half_width` in every column.
struct PrecisionTarget {
  std::size_t kpi = 0;
  double half_width = 0.0;
};

/// Parses "KPI=X" (X > 0, the KPI by its key as in summary.json, e.g.
/// lead_time_minutes.p90=5). Throws std::invalid_argument naming the spec; an unknown key's
/// message lists every valid key.
PrecisionTarget parse_precision_target(std::string_view spec);

/// What run_to_precision did.
struct PrecisionOutcome {
  bool reached = false;            ///< every target met in every column
  bool capped = false;             ///< stopped at max_replications with a target not met
  std::uint32_t replications = 0;  ///< replications done in all
  std::string note;                ///< one sentence for the output (also in Summary::stopping_rule)
};

/// Returns the seed of replication r of a scenario seeded `seed`: the seed itself for r = 0,
/// then splitmix64(seed + r). The same for every variant: common random numbers.
std::uint64_t replication_seed(std::uint64_t seed, std::uint32_t r);

/// Returns the columns of `variants` (see Column); labels carry the variant's name when there
/// are several variants.
std::vector<Column> columns_of(const std::vector<Variant>& variants);

/// Returns the number of runs of replications [first, first + count): count x columns. Job j
/// is replication first + j / columns of column j % columns.
std::size_t variant_job_count(const std::vector<Variant>& variants, std::uint32_t count);

/// Runs the jobs of replications [first, first + count) for which `mine(j)` is true (all when
/// empty) with options.jobs runs at once, and returns one summary per job in job order (empty
/// summaries for jobs not run). Splitting the jobs between processes and putting the
/// summaries back in order gives what one process gives. Throws std::invalid_argument for a
/// value only the built world can check, std::runtime_error when a run fails a check.
std::vector<metrics::Summary> run_variants(const std::vector<Variant>& variants, std::uint32_t first, std::uint32_t count,
                                           const ExperimentOptions& options = {},
                                           const std::function<bool(std::size_t job)>& mine = {});

/// Variants and the replications run so far, in order; see the file comment.
class Experiment {
 public:
  /// Takes the variants (at least one, each with at least one mode); runs nothing yet.
  explicit Experiment(std::vector<Variant> variants);

  const std::vector<Variant>& variants() const { return variants_; }
  const std::vector<Column>& columns() const { return columns_; }
  /// Returns the replications done: [0, replications()).
  std::uint32_t replications() const { return replications_; }

  /// Runs replications [replications(), replications() + n) of every column and keeps them.
  void run(std::uint32_t n, const ExperimentOptions& options = {});

  /// Adds the per-job summaries of replications [replications(), replications() + n), as
  /// run_variants returns them (all jobs, e.g. gathered from MPI ranks).
  void add(std::uint32_t n, std::vector<metrics::Summary> per_job);

  /// Runs more replications in deterministic batches until every target is met in every
  /// column or max_replications are done: the first batch brings the total to
  /// `initial` (at least 2), each next one to min(max, max(n + 1, min(2n, n (h / X)^2))) with
  /// h / X the worst ratio of half-width to target. Records the outcome's note in every summary.
  PrecisionOutcome run_to_precision(const std::vector<PrecisionTarget>& targets, std::uint32_t max_replications,
                                    std::uint32_t initial = 2, const ExperimentOptions& options = {});

  /// Returns how many replications run_to_precision would run next (0: stop), for callers that
  /// run the batches themselves (MPI: rank 0 decides, every rank runs its share, then add).
  std::uint32_t precision_batch(const std::vector<PrecisionTarget>& targets, std::uint32_t max_replications,
                                std::uint32_t initial = 2) const;
  /// Records and returns the outcome of a search made of precision_batch and run or add, as
  /// run_to_precision does at its end.
  PrecisionOutcome conclude_precision(const std::vector<PrecisionTarget>& targets);

  /// Returns column c's KPI values, replication by replication.
  KpiMatrix values(std::size_t column) const;
  /// Returns column c's run summaries, replication by replication.
  const std::vector<metrics::Summary>& runs(std::size_t column) const { return runs_.at(column); }
  /// Returns whether column c's replications share their worlds with column `baseline`'s.
  bool paired(std::size_t column, std::size_t baseline = 0) const;
  /// Returns the worst ratio of 95% half-width to target over targets and columns (infinite
  /// when a half-width is not known yet: fewer than two observations).
  double precision_ratio(const std::vector<PrecisionTarget>& targets) const;

  /// Returns one summary per column: means with 95% half-widths, differences against column
  /// 0 (paired or Welch), provenance, and the stopping rule when run_to_precision was used.
  std::vector<metrics::Summary> summaries() const;

 private:
  std::vector<Variant> variants_;
  std::vector<Column> columns_;
  std::vector<std::string> fingerprints_;  ///< per variant
  std::vector<std::vector<metrics::Summary>> runs_;  ///< per column, per replication
  std::uint32_t replications_ = 0;
  std::string stopping_rule_;
};

}  // namespace last100::experiment
