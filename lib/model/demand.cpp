#include "last100/model/demand.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

namespace last100::model {

namespace {

constexpr double lognormal_sigma = 0.5;
constexpr std::int64_t hour_ticks = 3'600'000;

struct Draw {
  std::int64_t t;
  std::uint32_t seq;
  std::uint32_t household;
  float weight;
  Category category;
};

void check(const DemandParams& d) {
  for (std::size_t c = 0; c < category_count; ++c) {
    const CategoryDemand& cd = d.categories[c];
    const auto name = to_string(static_cast<Category>(c));
    if (!(cd.orders_per_household_per_day >= 0.0) || !std::isfinite(cd.orders_per_household_per_day))
      throw std::invalid_argument(fmt::format("demand for {}: orders_per_household_per_day must be >= 0", name));
    if (!(cd.weight_kg_mean >= 0.0))
      throw std::invalid_argument(fmt::format("demand for {}: weight_kg_mean must be >= 0", name));
    for (double w : cd.hourly_profile)
      if (!(w >= 0.0) || !std::isfinite(w))
        throw std::invalid_argument(fmt::format("demand for {}: hourly_profile weights must be >= 0", name));
  }
  for (const Surge& s : d.surges)
    if (!(s.multiplier >= 0.0)) throw std::invalid_argument("surge multiplier must be >= 0");
}

}  // namespace

double hour_share(const CategoryDemand& demand, unsigned hour) {
  const double sum = std::accumulate(demand.hourly_profile.begin(), demand.hourly_profile.end(), 0.0);
  if (sum <= 0.0) return 1.0 / 24.0;
  return demand.hourly_profile.at(hour) / sum;
}

double surge_multiplier(const DemandParams& demand, std::uint32_t day, Category category) noexcept {
  double m = 1.0;
  for (const Surge& s : demand.surges)
    if (s.day == day && (!s.category || *s.category == category)) m *= s.multiplier;
  return m;
}

double surge_multiplier(const DemandParams& demand, std::uint32_t day) noexcept {
  double m = 1.0;
  for (const Surge& s : demand.surges)
    if (s.day == day && !s.category) m *= s.multiplier;
  return m;
}

double expected_orders(const DemandParams& demand, Category category, std::size_t households,
                       sim::Duration horizon) {
  const CategoryDemand& cd = demand.categories[static_cast<std::size_t>(category)];
  double total = 0.0;
  for (std::int64_t start = 0; start < horizon.count(); start += hour_ticks) {
    const std::int64_t end = std::min(start + hour_ticks, horizon.count());
    const auto hour = static_cast<std::uint64_t>(start / hour_ticks);
    total += static_cast<double>(households) * cd.orders_per_household_per_day *
             hour_share(cd, static_cast<unsigned>(hour % 24)) *
             surge_multiplier(demand, static_cast<std::uint32_t>(hour / 24), category) *
             static_cast<double>(end - start) / static_cast<double>(hour_ticks);
  }
  return total;
}

namespace {

// The weight of a household of `size` persons: its size, or the OECD-modified equivalence
// scale with every member counted as an adult (1 + 0.5 (size - 1)).
double size_weight(std::uint8_t size, bool equivalence) {
  return equivalence ? 1.0 + 0.5 * (static_cast<double>(size) - 1.0) : static_cast<double>(size);
}

// Walker's alias table over household weights: a household in proportion to its weight in
// O(1), built in O(n) (Vose's method), deterministic for given sizes.
class SizeAlias {
 public:
  SizeAlias(const std::vector<std::uint8_t>& sizes, bool equivalence) : prob_(sizes.size()), alias_(sizes.size()) {
    const std::size_t n = sizes.size();
    double total = 0;
    for (auto s : sizes) total += size_weight(s, equivalence);
    std::vector<double> scaled(n);
    std::vector<std::uint32_t> small, large;
    for (std::size_t i = 0; i < n; ++i) {
      scaled[i] = size_weight(sizes[i], equivalence) * static_cast<double>(n) / total;
      (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
    }
    while (!small.empty() && !large.empty()) {
      const std::uint32_t s = small.back(), l = large.back();
      small.pop_back();
      prob_[s] = scaled[s];
      alias_[s] = l;
      scaled[l] -= 1.0 - scaled[s];
      if (scaled[l] < 1.0) {
        large.pop_back();
        small.push_back(l);
      }
    }
    for (auto i : large) prob_[i] = 1.0;
    for (auto i : small) prob_[i] = 1.0;  // rounding leftovers
  }
  /// Turns a uniform household `i` into a size-weighted one with one coin from `coin`.
  std::uint32_t redirect(std::uint32_t i, sim::Rng& coin) const { return coin.uniform01() < prob_[i] ? i : alias_[i]; }

 private:
  std::vector<double> prob_;
  std::vector<std::uint32_t> alias_;
};

}  // namespace

Orders generate_demand(const DemandParams& demand, const Households& households, sim::Duration horizon,
                       const sim::RandomStreams& streams) {
  check(demand);
  const std::size_t n = households.count();
  std::vector<Draw> draws;
  if (n > 0) {
    double expected = 0.0;
    for (std::size_t c = 0; c < category_count; ++c)
      expected += expected_orders(demand, static_cast<Category>(c), n, horizon);
    draws.reserve(static_cast<std::size_t>(expected + 6.0 * std::sqrt(expected) + 16.0));
  }
  std::optional<SizeAlias> by_size;
  if (demand.by_household_size && n > 0) by_size.emplace(households.size, demand.size_by_equivalence);
  for (std::size_t c = 0; c < category_count && n > 0; ++c) {
    const CategoryDemand& cd = demand.categories[c];
    if (cd.orders_per_household_per_day <= 0.0) continue;
    sim::Rng rng = streams.stream("demand", c);
    sim::Rng size_coins = streams.stream("demand.by_size", c);
    const double mu = cd.weight_kg_mean > 0.0 ? std::log(cd.weight_kg_mean) - 0.5 * lognormal_sigma * lognormal_sigma : 0.0;
    std::uint32_t seq = 0;
    for (std::int64_t start = 0; start < horizon.count(); start += hour_ticks) {
      const std::int64_t end = std::min(start + hour_ticks, horizon.count());
      const auto hour = static_cast<std::uint64_t>(start / hour_ticks);
      const double mean = static_cast<double>(n) * cd.orders_per_household_per_day *
                          hour_share(cd, static_cast<unsigned>(hour % 24)) *
                          surge_multiplier(demand, static_cast<std::uint32_t>(hour / 24), static_cast<Category>(c)) *
                          static_cast<double>(end - start) / static_cast<double>(hour_ticks);
      const std::uint64_t k = rng.poisson(mean);
      for (std::uint64_t i = 0; i < k; ++i) {
        const auto t = start + static_cast<std::int64_t>(rng.uniform_int(static_cast<std::uint64_t>(end - start)));
        // The uniform draw is the same either way; the size rule only redirects it with a coin
        // from its own stream, so switching it leaves counts, times and weights unchanged.
        auto h = static_cast<std::uint32_t>(rng.uniform_int(n));
        if (by_size) h = by_size->redirect(h, size_coins);
        const float w = cd.weight_kg_mean > 0.0 ? static_cast<float>(rng.lognormal(mu, lognormal_sigma)) : 0.0f;
        draws.push_back(Draw{t, seq++, h, w, static_cast<Category>(c)});
      }
    }
  }
  std::sort(draws.begin(), draws.end(), [](const Draw& a, const Draw& b) {
    if (a.t != b.t) return a.t < b.t;
    if (a.category != b.category) return a.category < b.category;
    return a.seq < b.seq;
  });
  Orders orders;
  orders.reserve(draws.size());
  for (const Draw& d : draws)
    orders.add(HouseholdId{d.household}, d.category, d.weight,
               demand.categories[static_cast<std::size_t>(d.category)].priority, sim::at_tick(d.t));
  return orders;
}

DemandParams typical_demand() {
  using namespace std::chrono_literals;
  // Hourly weights from 00:00; their sources are in docs/parameters.md, "Demand shapes".
  using P = std::array<double, 24>;
  // Waking hours with an evening shopping peak (assumption).
  constexpr P parcel_profile{0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.6, 0.9, 1.1, 1.3, 1.3,
                             1.1, 1.1, 1.1, 1.1, 1.1, 1.0, 1.0, 1.2, 1.4, 1.4, 1.0, 0.5};
  // Grocery apps released delivery slots early in the morning and late at night (Shanghai 2022).
  constexpr P fresh_profile{0.3, 0.1, 0.05, 0.05, 0.2, 1.5, 3, 3, 2.5, 2, 1.5, 1.2,
                            1, 1, 1, 1, 1.2, 1.5, 1.5, 1.5, 1.5, 1.5, 2, 2};
  // Breakfast, lunch 11-13 (the day's peak), dinner 17-20, a late-night tail.
  constexpr P takeout_profile{0.3, 0.2, 0.1, 0.05, 0.05, 0.1, 0.5, 1.5, 1.5, 1, 2.5, 6,
                              7, 3, 1, 1, 1.5, 4, 7, 5, 2.5, 2, 1, 0.5};
  // The morning slots and the evening group tallies; nothing at night.
  constexpr P staples_profile{0, 0, 0, 0, 0, 0.5, 2, 2, 2, 1.5, 1, 1,
                              1, 1, 1, 1, 1, 1, 1.5, 1.5, 1.5, 1, 0.5, 0.2};
  // Daytime with a morning peak, a floor at night for urgent needs (assumption).
  constexpr P medicine_profile{0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.5, 1.5, 2, 2, 1.5, 1,
                               1, 1, 1, 1, 1, 1, 0.8, 0.8, 0.8, 0.8, 0.5, 0.3};
  DemandParams d;
  d.categories[static_cast<std::size_t>(Category::parcel)] = {0.35, 1.5, 0s, 0s, default_priority[0], parcel_profile};
  d.categories[static_cast<std::size_t>(Category::fresh_food)] = {0.30, 3.0, 4h, 0s, default_priority[1], fresh_profile};
  d.categories[static_cast<std::size_t>(Category::takeout)] = {0.15, 0.8, 0s, 60min, default_priority[2], takeout_profile};
  d.categories[static_cast<std::size_t>(Category::staples)] = {0.10, 8.0, 0s, 0s, default_priority[3], staples_profile};
  // Medicine is due within 4 h (assumed, 2-24 h: docs/parameters.md), so that urgency dispatch
  // can hurry a van for it; without a due time only its priority counted, at the gate.
  d.categories[static_cast<std::size_t>(Category::medicine)] = {0.05, 0.5, 0s, 4h, default_priority[4], medicine_profile};
  return d;
}

}  // namespace last100::model
