// Sizing: deciding a point by one-sided t tests with added replications, and the searches
// over one amount (galloping, then bisection) and over several (increasing cost).
#include "last100/experiment/sizing.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "last100/experiment/student.hpp"

namespace last100::experiment {
namespace {

void check_options(const std::vector<Target>& targets, const SizingOptions& o) {
  if (targets.empty()) throw SizingError("sizing needs at least one --target, e.g. \"within_12h >= 0.90\"");
  if (!(o.confidence > 0.5 && o.confidence < 1.0))
    throw SizingError(fmt::format("sizing: confidence {} is outside (0.5, 1); use for example 0.95", o.confidence));
  if (o.first_stage < 2)
    throw SizingError("sizing: the first stage needs at least 2 replications to estimate a variance");
  if (o.batch < 1) throw SizingError("sizing: the batch of added replications must be at least 1");
  if (o.max_replications < o.first_stage)
    throw SizingError(fmt::format("sizing: the cap of {} replications is below the first stage of {}; raise the cap",
                                  o.max_replications, o.first_stage));
}

// One target's verdict from its replications so far.
TargetCheck check(const Target& t, const std::vector<double>& values, double one_sided_confidence) {
  const SampleStats s = sample_stats(values);
  TargetCheck c;
  c.mean = s.mean;
  if (s.n < 2) {  // NaN everywhere (a KPI with no observation): nothing to decide on
    c.half_width = std::nan("");
    c.decision = Decision::undecided;
    return c;
  }
  c.half_width = student_t_quantile(one_sided_confidence, static_cast<double>(s.n - 1)) * s.sd /
                 std::sqrt(static_cast<double>(s.n));
  const double good = t.comparison == Comparison::at_least ? c.mean - c.half_width - t.bound
                                                           : t.bound - (c.mean + c.half_width);
  const double bad = t.comparison == Comparison::at_least ? t.bound - (c.mean + c.half_width)
                                                          : (c.mean - c.half_width) - t.bound;
  c.decision = good >= 0 ? Decision::met : bad > 0 ? Decision::not_met : Decision::undecided;
  return c;
}


}  // namespace

const char* to_string(Decision d) {
  switch (d) {
    case Decision::met: return "met";
    case Decision::not_met: return "not met";
    case Decision::undecided: return "undecided";
  }
  return "?";
}

SizingStep decide_point(const std::vector<Target>& targets, const std::vector<std::int64_t>& x,
                        const SizingSampler& sample, const SizingOptions& options) {
  check_options(targets, options);
  // Bonferroni: "every target met" then holds with at least the stated confidence.
  const double one_sided = 1.0 - (1.0 - options.confidence) / static_cast<double>(targets.size());
  SizingStep step;
  step.x = x;
  std::vector<std::vector<double>> columns(targets.size());
  std::uint32_t want = options.first_stage;
  while (true) {
    const std::uint32_t add = want - step.replications;
    const auto got = sample(x, step.replications, add);
    if (got.size() != targets.size())
      throw SizingError(fmt::format("sizing: the sampler gave {} KPI columns for {} targets", got.size(), targets.size()));
    for (std::size_t k = 0; k < targets.size(); ++k) {
      if (got[k].size() != add)
        throw SizingError(fmt::format("sizing: the sampler gave {} values for {} replications", got[k].size(), add));
      columns[k].insert(columns[k].end(), got[k].begin(), got[k].end());
    }
    step.replications = want;
    step.checks.clear();
    bool all_met = true, any_not_met = false;
    for (std::size_t k = 0; k < targets.size(); ++k) {
      step.checks.push_back(check(targets[k], columns[k], one_sided));
      all_met = all_met && step.checks.back().decision == Decision::met;
      any_not_met = any_not_met || step.checks.back().decision == Decision::not_met;
    }
    // One target shown to fail decides the point; so does every target shown to hold.
    if (any_not_met || all_met) {
      step.decision = any_not_met ? Decision::not_met : Decision::met;
      return step;
    }
    if (step.replications >= options.max_replications) {
      step.decision = Decision::undecided;
      return step;
    }
    want = std::min(options.max_replications, step.replications + options.batch);
  }
}

SizingResult size_one(const std::vector<Target>& targets, std::int64_t lo, std::int64_t hi,
                      const SizingSampler& sample, const SizingOptions& options) {
  check_options(targets, options);
  if (lo > hi) throw SizingError(fmt::format("sizing: the range {}..{} is empty; write the smaller bound first", lo, hi));
  SizingResult r;
  auto met = [&](std::int64_t x) {
    SizingStep step = decide_point(targets, {x}, sample, options);
    step.cost = static_cast<double>(x);
    r.replications += step.replications;
    r.evidence.push_back(std::move(step));
    return r.evidence.back().decision == Decision::met;  // undecided counts as not met
  };
  auto answer = [&](std::int64_t x) {
    r.found = true;
    r.x = {x};
    r.cost = static_cast<double>(x);
    return r;
  };
  if (met(lo)) return answer(lo);
  if (lo == hi) return r;  // not found
  // Galloping from below: the answer is usually small next to the range, so steps that
  // double find a bracket in O(log answer) points instead of O(log range).
  std::int64_t bad = lo, good = lo, gap = 1;
  while (true) {
    const std::int64_t x = hi - bad <= gap ? hi : bad + gap;
    if (met(x)) {
      good = x;
      break;
    }
    bad = x;
    if (x == hi) return r;  // not found
    gap *= 2;
  }
  while (good - bad > 1) {
    const std::int64_t mid = bad + (good - bad) / 2;
    (met(mid) ? good : bad) = mid;
  }
  return answer(good);
}

SizingResult size_cheapest(const std::vector<Target>& targets, const std::vector<Resource>& resources,
                           const SizingSampler& sample, const SizingOptions& options) {
  check_options(targets, options);
  if (resources.empty()) throw SizingError("sizing needs at least one resource to vary");
  for (const auto& res : resources) {
    if (res.lo > res.hi)
      throw SizingError(fmt::format("sizing {}: the range {}..{} is empty; write the smaller bound first", res.name,
                                    res.lo, res.hi));
    if (!(res.unit_cost >= 0.0) || !std::isfinite(res.unit_cost))
      throw SizingError(fmt::format("sizing {}: the cost per unit {} must be a number >= 0", res.name, res.unit_cost));
  }
  // The last resource is searched (galloping, bisection) for each combination of the others.
  const std::size_t outer = resources.size() - 1;
  const Resource& last = resources.back();
  std::uint64_t total = 1;
  std::vector<std::uint64_t> sizes;
  for (std::size_t d = 0; d < outer; ++d) {
    const auto m = static_cast<std::uint64_t>(resources[d].hi - resources[d].lo) + 1;
    if (m > max_combinations || total > max_combinations / m)
      throw SizingError(fmt::format("sizing: more than {} combinations of the resources other than {}; narrow their "
                                    "ranges", max_combinations, last.name));
    sizes.push_back(m);
    total *= m;
  }
  auto amounts_of = [&](std::uint64_t index) {
    std::vector<std::int64_t> y(outer);
    for (std::size_t d = outer; d-- > 0;) {  // the last varies fastest: index order is lexicographic
      y[d] = resources[d].lo + static_cast<std::int64_t>(index % sizes[d]);
      index /= sizes[d];
    }
    return y;
  };
  auto cost_of = [&](const std::vector<std::int64_t>& y) {
    double c = 0.0;
    for (std::size_t d = 0; d < y.size(); ++d) c += resources[d].unit_cost * static_cast<double>(y[d]);
    return c;
  };
  auto at_most = [](const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b) {
    for (std::size_t d = 0; d < a.size(); ++d)
      if (a[d] > b[d]) return false;
    return true;
  };
  std::vector<double> base(total);
  for (std::uint64_t i = 0; i < total; ++i) base[i] = cost_of(amounts_of(i));
  std::vector<std::uint64_t> order(total);
  std::iota(order.begin(), order.end(), std::uint64_t{0});
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return base[a] < base[b]; });

  SizingResult r;
  std::vector<std::vector<std::int64_t>> hopeless;  // not even the last resource's top meets the targets
  std::vector<std::pair<std::vector<std::int64_t>, std::int64_t>> frontier;  // others, smallest last amount met
  for (const std::uint64_t i : order) {
    const auto y = amounts_of(i);
    const double lowest = base[i] + last.unit_cost * static_cast<double>(last.lo);
    if (r.found && lowest > r.cost) {  // every later combination costs at least as much
      r.pruned += 1;
      continue;
    }
    // Monotonicity: less of every other resource cannot help where more did not ...
    if (std::any_of(hopeless.begin(), hopeless.end(), [&](const auto& h) { return at_most(y, h); })) {
      ++r.pruned;
      continue;
    }
    // ... and more of them never needs more of the last resource than a smaller combination did.
    std::int64_t top = last.hi;
    for (const auto& [z, f] : frontier)
      if (at_most(z, y)) top = std::min(top, f);
    if (r.found && last.unit_cost > 0)  // only amounts that could cost no more than the best so far
      top = std::min(top, static_cast<std::int64_t>(std::floor((r.cost - base[i]) / last.unit_cost + 1e-9)));
    if (top < last.lo) {
      ++r.pruned;
      continue;
    }
    const SizingSampler with_others = [&](const std::vector<std::int64_t>& x, std::uint32_t first, std::uint32_t n) {
      auto full = y;
      full.push_back(x[0]);
      return sample(full, first, n);
    };
    SizingResult part = size_one(targets, last.lo, top, with_others, options);
    r.replications += part.replications;
    for (auto& step : part.evidence) {
      const std::int64_t amount = step.x[0];
      step.x = y;
      step.x.push_back(amount);
      step.cost = base[i] + last.unit_cost * static_cast<double>(amount);
      r.evidence.push_back(std::move(step));
    }
    if (!part.found) {
      if (top == last.hi) hopeless.push_back(y);
      continue;
    }
    frontier.emplace_back(y, part.x[0]);
    auto x = y;
    x.push_back(part.x[0]);
    const double cost = base[i] + last.unit_cost * static_cast<double>(part.x[0]);
    if (!r.found || cost < r.cost || (cost == r.cost && x < r.x)) {
      r.found = true;
      r.cost = cost;
      r.x = std::move(x);
    }
  }
  return r;
}

}  // namespace last100::experiment
