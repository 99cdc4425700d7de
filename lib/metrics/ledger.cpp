#include "last100/metrics/ledger.hpp"

#include <fmt/format.h>

namespace last100::metrics {

OrderCounts OrderLedger::counts(model::Category c) const {
  const std::size_t i = index(c);
  OrderCounts n{created_[i], delivered_[i], spoiled_[i], cancelled_[i], 0};
  const std::uint64_t done = n.delivered + n.spoiled + n.cancelled;
  n.in_flight = done <= n.created ? n.created - done : 0;
  return n;
}

OrderCounts OrderLedger::total() const {
  OrderCounts t;
  for (std::size_t i = 0; i < model::category_count; ++i) {
    const OrderCounts n = counts(static_cast<model::Category>(i));
    t.created += n.created;
    t.delivered += n.delivered;
    t.spoiled += n.spoiled;
    t.cancelled += n.cancelled;
    t.in_flight += n.in_flight;
  }
  return t;
}

void OrderLedger::check(const PerCategory& held) const {
  for (std::size_t i = 0; i < model::category_count; ++i) {
    const auto c = static_cast<model::Category>(i);
    const std::uint64_t done = delivered_[i] + spoiled_[i] + cancelled_[i];
    if (done > created_[i])
      throw ConservationError(fmt::format(
          "conservation violated for {}: created {} < delivered {} + spoiled {} + cancelled {}",
          model::to_string(c), created_[i], delivered_[i], spoiled_[i], cancelled_[i]));
    if (created_[i] - done != held[i])
      throw ConservationError(fmt::format(
          "conservation violated for {}: created {} = delivered {} + spoiled {} + cancelled {} + in flight {}, "
          "but the mode holds {} ({} lost or counted twice)",
          model::to_string(c), created_[i], delivered_[i], spoiled_[i], cancelled_[i], created_[i] - done, held[i],
          created_[i] - done > held[i] ? created_[i] - done - held[i] : held[i] - (created_[i] - done)));
  }
}

std::array<OrderCounts, model::category_count> count_orders(const model::Orders& orders, sim::TimePoint end) {
  std::array<OrderCounts, model::category_count> out{};
  for (std::size_t i = 0; i < orders.count(); ++i) {
    const auto id = make_id<model::OrderTag>(i);
    if (orders.time(id, model::Stage::placed) >= end) continue;
    OrderCounts& n = out[static_cast<std::size_t>(orders.category(id))];
    ++n.created;
    switch (orders.status(id)) {
      case model::OrderStatus::delivered: ++n.delivered; break;
      case model::OrderStatus::spoiled: ++n.spoiled; break;
      case model::OrderStatus::cancelled: ++n.cancelled; break;
      default: ++n.in_flight; break;
    }
  }
  return out;
}

void check_conservation(const model::Orders& orders, const OrderLedger& ledger, const PerCategory& held,
                        sim::TimePoint end) {
  ledger.check(held);
  for (std::size_t i = 0; i < orders.count(); ++i) {
    const auto id = make_id<model::OrderTag>(i);
    int terminals = 0;
    for (std::size_t s = 0; s < model::stage_count; ++s) {
      const auto stage = static_cast<model::Stage>(s);
      const sim::TimePoint t = orders.time(id, stage);
      if (t == model::never) continue;
      if (stage != model::Stage::placed && t > end)
        throw ConservationError(fmt::format("order {} reached {} after the end of the run", i, model::to_string(stage)));
      if (stage == model::Stage::handed_over || stage == model::Stage::spoiled || stage == model::Stage::cancelled)
        ++terminals;
    }
    if (terminals > 1)
      throw ConservationError(fmt::format("order {} has {} terminal stages", i, terminals));
  }
  const auto counted = count_orders(orders, end);
  for (std::size_t c = 0; c < model::category_count; ++c) {
    const OrderCounts l = ledger.counts(static_cast<model::Category>(c));
    const OrderCounts& o = counted[c];
    if (l.created != o.created || l.delivered != o.delivered || l.spoiled != o.spoiled ||
        l.cancelled != o.cancelled)
      throw ConservationError(fmt::format(
          "conservation violated for {}: the ledger counts created/delivered/spoiled/cancelled {}/{}/{}/{} "
          "but the orders show {}/{}/{}/{}",
          model::to_string(static_cast<model::Category>(c)), l.created, l.delivered, l.spoiled, l.cancelled,
          o.created, o.delivered, o.spoiled, o.cancelled));
  }
}

}  // namespace last100::metrics
