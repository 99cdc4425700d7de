// Experiment: the replications of every column kept in order, summaries with paired or
// Welch differences, and replications added until a precision is reached.

#include "last100/experiment/experiment.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "last100/experiment/run.hpp"

namespace last100::experiment {

Experiment::Experiment(std::vector<Variant> variants) : variants_(std::move(variants)) {
  if (variants_.empty()) throw std::invalid_argument("an experiment needs at least one variant");
  for (const auto& v : variants_) {
    if (v.scenario.modes.empty()) throw std::invalid_argument("variant '" + v.name + "' names no mode");
    fingerprints_.push_back(world_fingerprint(v.scenario));
  }
  columns_ = columns_of(variants_);
  runs_.resize(columns_.size());
}

void Experiment::run(std::uint32_t n, const ExperimentOptions& options) {
  if (n == 0) return;
  add(n, run_variants(variants_, replications_, n, options));
}

void Experiment::add(std::uint32_t n, std::vector<metrics::Summary> per_job) {
  const std::size_t ncols = columns_.size();
  if (per_job.size() != static_cast<std::size_t>(n) * ncols)
    throw std::invalid_argument("Experiment::add: expected one summary per job (replications x columns)");
  for (std::size_t j = 0; j < per_job.size(); ++j) runs_[j % ncols].push_back(std::move(per_job[j]));
  replications_ += n;
}

bool Experiment::paired(std::size_t column, std::size_t baseline) const {
  return fingerprints_.at(columns_.at(column).variant) == fingerprints_.at(columns_.at(baseline).variant);
}

KpiMatrix Experiment::values(std::size_t column) const {
  const auto& table = metrics::kpi_table();
  KpiMatrix out;
  for (const auto& run : runs_.at(column)) {
    std::vector<metrics::KpiValue> row;
    for (std::size_t k = 0; k < table.size(); ++k) {
      const metrics::Estimate e = metrics::kpi_estimate(run, k);
      row.push_back({e.mean, e.at_least});
    }
    out.push_back(std::move(row));
  }
  return out;
}

double Experiment::precision_ratio(const std::vector<PrecisionTarget>& targets) const {
  double worst = 0.0;
  for (std::size_t c = 0; c < columns_.size(); ++c)
    for (const auto& t : targets) {
      std::vector<metrics::KpiValue> xs;
      for (const auto& run : runs_[c]) {
        const metrics::Estimate e = metrics::kpi_estimate(run, t.kpi);
        xs.push_back({e.mean, e.at_least});
      }
      const metrics::Estimate e = metrics::combine(xs);
      const double ratio = std::isfinite(e.half_width) ? e.half_width / t.half_width : INFINITY;
      worst = std::max(worst, ratio);
    }
  return worst;
}

std::uint32_t Experiment::precision_batch(const std::vector<PrecisionTarget>& targets, std::uint32_t max_replications,
                                          std::uint32_t initial) const {
  max_replications = std::max<std::uint32_t>(2, max_replications);
  const std::uint32_t start = std::min(max_replications, std::max<std::uint32_t>(2, initial));
  if (replications_ < start) return start - replications_;
  const double ratio = precision_ratio(targets);
  if (ratio <= 1.0 || replications_ >= max_replications) return 0;
  // Deterministic batches: the next total depends only on the results so far, which do not
  // depend on jobs or ranks; at most doubling, so that a noisy early spread cannot overshoot far.
  const double n = replications_;
  const double want = std::isfinite(ratio) ? std::ceil(n * ratio * ratio) : 2.0 * n;
  const auto next = static_cast<std::uint32_t>(std::min<double>(max_replications, std::max(n + 1.0, std::min(2.0 * n, want))));
  return next - replications_;
}

PrecisionOutcome Experiment::conclude_precision(const std::vector<PrecisionTarget>& targets) {
  PrecisionOutcome out;
  const double ratio = precision_ratio(targets);
  out.reached = ratio <= 1.0;
  out.capped = !out.reached;
  out.replications = replications_;
  std::string what;
  for (const auto& t : targets)
    what += fmt::format("{}{} <= {:g}", what.empty() ? "" : ", ", metrics::kpi_table()[t.kpi].key, t.half_width);
  out.note = out.reached
                 ? fmt::format("replications added until the 95% half-width of {} in every column: reached with {} replications",
                               what, replications_)
                 : fmt::format("replications added until the 95% half-width of {} in every column: NOT reached, stopped at the "
                               "cap of {} replications (--max-replications); the widest is {:.2f} times its target",
                               what, replications_, ratio);
  stopping_rule_ = out.note;
  return out;
}

PrecisionOutcome Experiment::run_to_precision(const std::vector<PrecisionTarget>& targets, std::uint32_t max_replications,
                                              std::uint32_t initial, const ExperimentOptions& options) {
  while (const std::uint32_t n = precision_batch(targets, max_replications, initial)) run(n, options);
  return conclude_precision(targets);
}

std::vector<metrics::Summary> Experiment::summaries() const {
  std::vector<metrics::Summary> out;
  if (replications_ == 0) return out;
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    const Column& col = columns_[c];
    const Variant& var = variants_[col.variant];
    metrics::Summary s = metrics::aggregate(runs_[c]);
    s.mode = var.scenario.modes[col.mode].name;
    s.variant = variants_.size() > 1 ? var.name : std::string();
    if (c > 0) {
      if (paired(c)) metrics::add_paired_differences(s, runs_[c], runs_[0]);
      else metrics::add_unpaired_differences(s, runs_[c], runs_[0]);
    }
    s.seed = var.scenario.world.run.seed;
    RunOptions ro;
    ro.replications = replications_;
    ro.overrides = var.overrides;
    std::string scheme = fmt::format(
        "replication 1 uses seed {}, replication r > 1 splitmix64(seed + r - 1); every mode runs on each replication's "
        "world (common random numbers)",
        s.seed);
    if (variants_.size() > 1)
      scheme += "; variants with the same area, demand and seed share each replication's world draws (paired differences)";
    s.provenance = {version(), commit(), reproduce_command(var.scenario, ro), scheme};
    s.stopping_rule = stopping_rule_;
    out.push_back(std::move(s));
  }
  return out;
}

PrecisionTarget parse_precision_target(std::string_view spec) {
  const auto eq = spec.find('=');
  const std::string key(spec.substr(0, eq));
  const auto& table = metrics::kpi_table();
  if (eq == std::string_view::npos || key.empty())
    throw std::invalid_argument(fmt::format("--half-width '{}': expected KPI=X, e.g. lead_time_minutes.p90=5", spec));
  PrecisionTarget t;
  const auto it = std::find_if(table.begin(), table.end(), [&](const metrics::KpiDef& k) { return k.key == key; });
  if (it == table.end()) {
    std::string keys;
    for (const auto& k : table) keys += fmt::format("{}{}", keys.empty() ? "" : ", ", k.key);
    throw std::invalid_argument(fmt::format("--half-width '{}': no KPI '{}'\n  hint: valid keys: {}", spec, key, keys));
  }
  t.kpi = static_cast<std::size_t>(it - table.begin());
  const std::string_view x = spec.substr(eq + 1);
  const auto r = std::from_chars(x.data(), x.data() + x.size(), t.half_width);
  if (x.empty() || r.ec != std::errc{} || r.ptr != x.data() + x.size() || !(t.half_width > 0.0) || !std::isfinite(t.half_width))
    throw std::invalid_argument(
        fmt::format("--half-width '{}': expected a positive number after '=', found '{}' (in the KPI's unit)", spec, x));
  return t;
}

}  // namespace last100::experiment
