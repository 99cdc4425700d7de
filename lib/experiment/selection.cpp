// The KN fully sequential selection procedure (Kim and Nelson 2001).
#include "last100/experiment/selection.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace last100::experiment {
namespace {

void check(std::size_t k, const SelectionOptions& o) {
  if (k < 2) throw SelectionError(fmt::format("selection needs at least 2 options to choose from (got {})", k));
  if (!(o.alpha > 0.0 && o.alpha < 1.0 - 1.0 / static_cast<double>(k)))
    throw SelectionError(fmt::format("selection: alpha {} must lie in (0, 1 - 1/k); use for example 0.05", o.alpha));
  if (!(o.delta > 0.0) || !std::isfinite(o.delta))
    throw SelectionError(
        "selection: the indifference zone delta must be positive: the smallest difference in the KPI worth "
        "telling apart, in its unit");
  if (o.first_stage < 2) throw SelectionError("selection: the first stage needs n0 >= 2 replications");
  if (o.batch < 1) throw SelectionError("selection: the batch must be at least 1 replication");
  if (o.max_replications < o.first_stage)
    throw SelectionError(fmt::format("selection: the cap of {} replications is below the first stage of {}",
                                     o.max_replications, o.first_stage));
}

}  // namespace

SelectionResult select_best(std::size_t k, const Sampler& sample, const SelectionOptions& o) {
  check(k, o);
  SelectionResult res;
  // The sign turns minimisation into maximisation, so one screening rule serves both.
  const double sign = o.goal == Goal::maximize ? 1.0 : -1.0;
  std::vector<std::vector<double>> x(k);
  auto ensure = [&](std::size_t i, std::uint32_t r) {  // option i has at least r values
    if (x[i].size() >= r) return;
    const auto have = static_cast<std::uint32_t>(x[i].size());
    const std::uint32_t n = std::min(o.max_replications - have, std::max(o.batch, r - have));
    const auto got = sample(i, have, n);
    if (got.size() != n)
      throw SelectionError(fmt::format("selection: the sampler gave {} values for {} replications", got.size(), n));
    for (double v : got) {
      if (!std::isfinite(v))
        throw SelectionError(fmt::format("selection: option {} replication {} has no value (NaN); choose a KPI every "
                                         "run observes", i, x[i].size()));
      x[i].push_back(sign * v);
    }
    res.replications_sampled += n;
  };

  const std::uint32_t n0 = o.first_stage;
  for (std::size_t i = 0; i < k; ++i) ensure(i, n0);
  const double kd = static_cast<double>(k), n0d = static_cast<double>(n0);
  res.eta = 0.5 * (std::pow(2.0 * o.alpha / (kd - 1.0), -2.0 / (n0d - 1.0)) - 1.0);
  const double h2 = 2.0 * res.eta * (n0d - 1.0);

  // S2_il: the first stage's variance of the paired differences; fixed for the whole run.
  std::vector<double> s2(k * k, 0.0);
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t l = i + 1; l < k; ++l) {
      double mean = 0.0;
      for (std::uint32_t j = 0; j < n0; ++j) mean += x[i][j] - x[l][j];
      mean /= n0d;
      double ss = 0.0;
      for (std::uint32_t j = 0; j < n0; ++j) ss += (x[i][j] - x[l][j] - mean) * (x[i][j] - x[l][j] - mean);
      s2[i * k + l] = s2[l * k + i] = ss / (n0d - 1.0);
    }

  std::vector<double> sum(k, 0.0);
  for (std::size_t i = 0; i < k; ++i)
    for (std::uint32_t j = 0; j < n0; ++j) sum[i] += x[i][j];
  res.means.assign(k, 0.0);
  res.replications_used.assign(k, 0);
  std::vector<std::size_t> alive(k);
  for (std::size_t i = 0; i < k; ++i) alive[i] = i;

  std::uint32_t r = n0;
  while (true) {
    const double rd = static_cast<double>(r);
    auto allowance = [&](std::size_t i, std::size_t l) {
      return std::max(0.0, o.delta / (2.0 * rd) * (h2 * s2[i * k + l] / (o.delta * o.delta) - rd));
    };
    std::vector<std::size_t> kept;
    for (const std::size_t i : alive) {
      std::size_t by = i;
      for (const std::size_t l : alive) {
        if (l == i) continue;
        if (sum[i] / rd < sum[l] / rd - allowance(i, l)) {
          by = l;
          break;
        }
      }
      res.means[i] = sign * sum[i] / rd;
      res.replications_used[i] = r;
      if (by == i)
        kept.push_back(i);
      else
        res.eliminated.push_back({i, r, by});
    }
    alive = std::move(kept);  // all screened against the same set, as in the paper
    res.stages = r;
    if (alive.size() == 1) {
      res.winner = alive[0];
      res.stop = SelectionStop::one_left;
      return res;
    }
    // Past every pair's last stage (all allowances 0) the survivors' means are exactly equal.
    bool final = true;
    for (const std::size_t i : alive)
      for (const std::size_t l : alive) final = final && (i == l || allowance(i, l) == 0.0);
    if (final || r >= o.max_replications) {
      res.stop = final ? SelectionStop::final_stage : SelectionStop::cap;
      res.not_told_apart = alive;
      res.winner = *std::max_element(alive.begin(), alive.end(), [&](auto a, auto b) { return sum[a] < sum[b]; });
      return res;
    }
    ++r;
    for (const std::size_t i : alive) {
      ensure(i, r);
      sum[i] += x[i][r - 1];
    }
  }
}

}  // namespace last100::experiment
