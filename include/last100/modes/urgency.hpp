#pragma once
/// The dispatch rule every mode's queues obey (docs/modes.md, "Dispatch by urgency"): one
/// comparator, so that the relay's station and gate, per-building queues and the group-buy
/// supplier and door team cannot order orders differently.
///
/// Rule `urgency`: higher category priority first; then the earlier due time (placed +
/// deadline, else placed + spoil_after for perishables, else never); then the older order
/// (ids grow with the time an order was placed). Rule `fifo`: the older order first.

#include <algorithm>
#include <deque>
#include <vector>

#include "last100/model/orders.hpp"
#include "last100/model/params.hpp"

namespace last100::modes {

class Urgency {
 public:
  Urgency(const model::Orders& orders, const model::DemandParams& demand, model::DispatchRule rule)
      : orders_(&orders), demand_(&demand), rule_(rule) {}

  /// Returns the time by which the order should be handed over, or model::never.
  sim::TimePoint due(model::OrderId o) const {
    const auto& cd = demand_->categories[static_cast<std::size_t>(orders_->category(o))];
    const sim::Duration span = cd.deadline.count() > 0 ? cd.deadline : cd.spoil_after;
    return span.count() > 0 ? orders_->time(o, model::Stage::placed) + span : model::never;
  }

  /// Returns true if the order is past its deadline (a category without one is never late).
  bool late(model::OrderId o, sim::TimePoint now) const {
    const auto& cd = demand_->categories[static_cast<std::size_t>(orders_->category(o))];
    return cd.deadline.count() > 0 && now > orders_->time(o, model::Stage::placed) + cd.deadline;
  }

  /// Returns true if a late order of this category is to be cancelled when next dispatched.
  bool cancel_when_late(model::OrderId o) const {
    return demand_->categories[static_cast<std::size_t>(orders_->category(o))].cancel_when_late;
  }

  /// Returns true if `a` is to be dispatched before `b` (a strict weak order; total on ids).
  bool before(model::OrderId a, model::OrderId b) const {
    if (rule_ == model::DispatchRule::urgency) {
      const auto pa = orders_->priority(a), pb = orders_->priority(b);
      if (pa != pb) return pa > pb;
      const sim::TimePoint da = due(a), db = due(b);
      if (da != db) return da < db;
    }
    return a < b;
  }

  /// An order's place in the dispatch order as a value: `key(a) < key(b)` iff before(a, b),
  /// for indexes that keep orders sorted (the gate pool's fronts).
  struct Key {
    int neg_priority = 0;
    sim::TimePoint due{};
    model::OrderId order;
    friend constexpr auto operator<=>(const Key&, const Key&) = default;
  };
  Key key(model::OrderId o) const {
    if (rule_ != model::DispatchRule::urgency) return {0, sim::TimePoint{}, o};
    return {-static_cast<int>(orders_->priority(o)), due(o), o};
  }

  /// As a function object for std algorithms.
  auto less() const {
    return [this](model::OrderId a, model::OrderId b) { return before(a, b); };
  }

  /// Inserts `o` into a queue kept in dispatch order (after equals: stable).
  template <class Queue>
  void insert(Queue& q, model::OrderId o) const {
    // Orders mostly arrive in dispatch order already: check the back first.
    if (q.empty() || !before(o, q.back())) {
      q.push_back(o);
      return;
    }
    q.insert(std::upper_bound(q.begin(), q.end(), o, less()), o);
  }

  /// Sorts a list into dispatch order (stable).
  template <class Queue>
  void sort(Queue& q) const {
    std::stable_sort(q.begin(), q.end(), less());
  }

  model::DispatchRule rule() const noexcept { return rule_; }

 private:
  const model::Orders* orders_;
  const model::DemandParams* demand_;
  model::DispatchRule rule_;
};

}  // namespace last100::modes
