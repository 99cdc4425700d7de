#pragma once
/// Demand: per-category Poisson orders per household and day, with a 24-hour profile and
/// surge days, drawn from the demand streams only (common random numbers across modes).

#include <cstddef>
#include <cstdint>

#include "last100/model/households.hpp"
#include "last100/model/orders.hpp"
#include "last100/model/params.hpp"
#include "last100/sim/random.hpp"

namespace last100::model {

/// Returns the share of a day's orders of `demand` placed in clock hour `hour` (0..23):
/// the profile weight over the sum of weights, or 1/24 if every weight is zero.
double hour_share(const CategoryDemand& demand, unsigned hour);

/// Returns the demand multiplier of `category` on day `day` (0 = the first day): the product of
/// the surges that name that day and either that category or none, or 1.
double surge_multiplier(const DemandParams& demand, std::uint32_t day, Category category) noexcept;

/// Returns the multiplier of day `day` from the surges that name no category (every category's
/// share of the surge), or 1.
double surge_multiplier(const DemandParams& demand, std::uint32_t day) noexcept;

/// Returns the expected number of orders of `category` from `households` over [0, horizon).
double expected_orders(const DemandParams& demand, Category category, std::size_t households,
                       sim::Duration horizon);

/// Generates every order of [0, horizon), sorted by time (ties: category, then draw order).
/// For each category, day and hour the area's count is Poisson with mean households x rate x
/// hour share x surge; each order gets a uniform time in the hour, a uniform household and a
/// lognormal weight (sigma 0.5, mean as given). Category c draws only from
/// streams.stream("demand", c), so one category's parameters never shift another's orders.
/// Throws std::invalid_argument on negative rates or weights.
Orders generate_demand(const DemandParams& demand, const Households& households, sim::Duration horizon,
                       const sim::RandomStreams& streams);

/// Returns a demand stated as assumptions (docs/world.md, "Demand"): about 0.95 orders per
/// household and day, every category with an hourly shape (docs/parameters.md, "Demand shapes").
DemandParams typical_demand();

}  // namespace last100::model
