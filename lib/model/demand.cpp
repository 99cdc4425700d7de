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

double surge_multiplier(const DemandParams& demand, std::uint32_t day) noexcept {
  double m = 1.0;
  for (const Surge& s : demand.surges)
    if (s.day == day) m *= s.multiplier;
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
             surge_multiplier(demand, static_cast<std::uint32_t>(hour / 24)) *
             static_cast<double>(end - start) / static_cast<double>(hour_ticks);
  }
  return total;
}

namespace {

// Walker's alias table over household sizes: a household in proportion to its size in O(1),
// built in O(n) (Vose's method), deterministic for given sizes.
class SizeAlias {
 public:
  explicit SizeAlias(const std::vector<std::uint8_t>& sizes) : prob_(sizes.size()), alias_(sizes.size()) {
    const std::size_t n = sizes.size();
    double total = 0;
    for (auto s : sizes) total += s;
    std::vector<double> scaled(n);
    std::vector<std::uint32_t> small, large;
    for (std::size_t i = 0; i < n; ++i) {
      scaled[i] = static_cast<double>(sizes[i]) * static_cast<double>(n) / total;
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
  if (demand.by_household_size && n > 0) by_size.emplace(households.size);
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
                          surge_multiplier(demand, static_cast<std::uint32_t>(hour / 24)) *
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
  DemandParams d;
  auto profile = [](std::initializer_list<std::pair<unsigned, double>> peaks, double base_day, double night) {
    std::array<double, 24> p{};
    for (unsigned h = 0; h < 24; ++h) p[h] = (h >= 7 && h < 22) ? base_day : night;
    for (auto [h, w] : peaks) p[h] = w;
    return p;
  };
  auto& parcel = d.categories[static_cast<std::size_t>(Category::parcel)];
  parcel = {0.35, 1.5, 0s, 0s, default_priority[0], profile({}, 1.0, 0.1)};
  auto& fresh = d.categories[static_cast<std::size_t>(Category::fresh_food)];
  fresh = {0.30, 3.0, 4h, 0s, default_priority[1], profile({{7, 2.0}, {8, 2.5}, {9, 2.0}, {17, 1.8}, {18, 1.5}}, 1.0, 0.05)};
  auto& takeout = d.categories[static_cast<std::size_t>(Category::takeout)];
  takeout = {0.15, 0.8, 0s, 60min, default_priority[2],
             profile({{7, 1.0}, {11, 4.0}, {12, 4.0}, {13, 1.5}, {17, 3.0}, {18, 4.0}, {19, 2.0}}, 0.5, 0.1)};
  auto& staples = d.categories[static_cast<std::size_t>(Category::staples)];
  staples = {0.10, 8.0, 0s, 0s, default_priority[3], profile({}, 1.0, 0.0)};
  auto& medicine = d.categories[static_cast<std::size_t>(Category::medicine)];
  medicine = {0.05, 0.5, 0s, 0s, default_priority[4], profile({}, 1.0, 0.2)};
  return d;
}

}  // namespace last100::model
