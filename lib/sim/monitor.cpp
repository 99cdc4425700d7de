#include "last100/sim/monitor.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace last100::sim {
namespace {

void check_p(double p) {
  if (!(p >= 0.0 && p <= 100.0)) throw std::invalid_argument("percentile: p must lie in [0, 100]");
}

// Nearest rank: the k-th smallest of n with k = ceil(p/100 n), at least 1.
std::size_t rank(double p, double n) {
  const double k = std::ceil(p / 100.0 * n);
  return k < 1.0 ? 1 : static_cast<std::size_t>(k);
}

}  // namespace

void LevelMonitor::reset(TimePoint t, std::uint64_t level) {
  ticks_at_.clear();
  start_ = last_ = t;
  level_ = max_ = level;
}

void LevelMonitor::set(TimePoint t, std::uint64_t level) {
  const std::int64_t dt = ticks(t) - ticks(last_);
  if (dt > 0) {
    if (ticks_at_.size() <= level_) ticks_at_.resize(level_ + 1, 0);
    ticks_at_[level_] += dt;
  }
  last_ = t;
  level_ = level;
  max_ = std::max(max_, level);
}

double LevelMonitor::area(TimePoint now) const noexcept {
  double a = static_cast<double>(level_) * static_cast<double>(ticks(now) - ticks(last_));
  for (std::size_t l = 0; l < ticks_at_.size(); ++l) a += static_cast<double>(l) * static_cast<double>(ticks_at_[l]);
  return a;
}

std::optional<double> LevelMonitor::mean(TimePoint now) const noexcept {
  const auto total = static_cast<double>(ticks(now) - ticks(start_));
  if (total <= 0) return std::nullopt;
  return area(now) / total;
}

std::optional<std::uint64_t> LevelMonitor::percentile(double p, TimePoint now) const {
  check_p(p);
  const std::int64_t total = ticks(now) - ticks(start_);
  if (total <= 0) return std::nullopt;
  // The time at each level, the current segment included; the first level whose cumulative
  // time reaches p percent (at least one tick) is the time-weighted nearest rank.
  const std::int64_t current = ticks(now) - ticks(last_);
  const auto need = static_cast<std::int64_t>(rank(p, static_cast<double>(total)));
  std::int64_t cum = 0;
  const std::size_t levels = std::max<std::size_t>(ticks_at_.size(), level_ + 1);
  for (std::size_t l = 0; l < levels; ++l) {
    cum += (l < ticks_at_.size() ? ticks_at_[l] : 0) + (l == level_ ? current : 0);
    if (cum >= need) return l;
  }
  return level_;  // unreachable: the cumulative time ends at the total
}

std::optional<double> TallyMonitor::mean() const noexcept {
  if (samples_.empty()) return std::nullopt;
  return std::accumulate(samples_.begin(), samples_.end(), 0.0) / static_cast<double>(samples_.size());
}

std::optional<double> TallyMonitor::max() const {
  if (samples_.empty()) return std::nullopt;
  return *std::max_element(samples_.begin(), samples_.end());
}

std::optional<double> TallyMonitor::percentile(double p) const {
  check_p(p);
  if (samples_.empty()) return std::nullopt;
  if (!sorted_) {
    std::sort(samples_.begin(), samples_.end());
    sorted_ = true;
  }
  return samples_[rank(p, static_cast<double>(samples_.size())) - 1];
}

std::optional<double> ResourceMonitor::utilisation(TimePoint now) const noexcept {
  const double units = capacity.area(now);
  if (units <= 0) return std::nullopt;
  return in_use.area(now) / units;
}

void ResourceMonitor::reset(TimePoint now) {
  queue_length.reset(now, queue_length.level());
  in_use.reset(now, in_use.level());
  capacity.reset(now, capacity.level());
  waits.reset();
  abandoned.reset();
}

void StoreMonitor::reset(TimePoint now) {
  length.reset(now, length.level());
  getters.reset(now, getters.level());
  get_waits.reset();
  abandoned.reset();
}

}  // namespace last100::sim
