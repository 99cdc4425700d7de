#pragma once
/// Conservation of orders: created = delivered + spoiled + cancelled + in flight, per category.
/// A violation is an error (ConservationError), never a warning.

#include <array>
#include <cstdint>
#include <stdexcept>

#include "last100/metrics/summary.hpp"
#include "last100/model/orders.hpp"

namespace last100::metrics {

/// Reports an order lost, counted twice or in an impossible state.
class ConservationError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

/// Orders per category, as the other arrays: index = static_cast<size_t>(Category).
using PerCategory = std::array<std::uint64_t, model::category_count>;

/// Counts orders as a mode releases and finishes them.
class OrderLedger {
 public:
  void on_created(model::Category c) noexcept { ++created_[index(c)]; }
  void on_delivered(model::Category c) noexcept { ++delivered_[index(c)]; }
  void on_spoiled(model::Category c) noexcept { ++spoiled_[index(c)]; }
  void on_cancelled(model::Category c) noexcept { ++cancelled_[index(c)]; }

  /// Returns the counts of one category; in_flight is created minus the terminal counts.
  OrderCounts counts(model::Category c) const;
  /// Returns the counts over all categories.
  OrderCounts total() const;

  /// Throws ConservationError if a category has more terminal orders than created ones, or if
  /// its in-flight count differs from `held`: what the mode still holds (stations, vehicles,
  /// loads, shelves), counted independently.
  void check(const PerCategory& held) const;

 private:
  static std::size_t index(model::Category c) noexcept { return static_cast<std::size_t>(c); }
  PerCategory created_{}, delivered_{}, spoiled_{}, cancelled_{};
};

/// Counts orders placed before `end` by their status, per category.
std::array<OrderCounts, model::category_count> count_orders(const model::Orders& orders, sim::TimePoint end);

/// Checks a run's orders against its ledger and what the mode still holds; throws
/// ConservationError naming the category and the counts if they disagree, or if an order
/// has a stage stamped after `end` or more than one terminal stage.
void check_conservation(const model::Orders& orders, const OrderLedger& ledger, const PerCategory& held,
                        sim::TimePoint end);

}  // namespace last100::metrics
