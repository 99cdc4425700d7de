#include "last100/model/orders.hpp"
#include "last100/model/names.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace last100::model {

std::string_view to_string(Stage stage) noexcept {
  constexpr std::array<std::string_view, stage_count> names{
      "placed", "at_station", "loaded", "at_gate", "at_shelf_or_door", "handed_over", "spoiled", "cancelled"};
  return names[static_cast<std::size_t>(stage)];
}

std::string_view to_string(Category category) noexcept { return name_of(category); }

std::string_view to_string(CancelReason reason) noexcept {
  constexpr std::array<std::string_view, 6> names{"none",           "by_resident", "out_of_stock",
                                                  "deadline_missed", "zone_closed", "other"};
  return names[static_cast<std::size_t>(reason)];
}

std::string_view to_string(OrderStatus status) noexcept {
  constexpr std::array<std::string_view, 8> names{"placed",  "at_station",       "loaded",    "at_gate",
                                                  "at_shelf_or_door", "delivered", "spoiled", "cancelled"};
  return names[static_cast<std::size_t>(status)];
}

void Orders::reserve(std::size_t n) {
  household_.reserve(n);
  category_.reserve(n);
  priority_.reserve(n);
  weight_.reserve(n);
  stamps_[index(Stage::placed)].reserve(n);
}

void Orders::check(OrderId o) const {
  if (o.index() >= count()) throw std::out_of_range(fmt::format("order {} does not exist", o.value));
}

OrderId Orders::add(HouseholdId household, Category category, float weight_kg, std::uint8_t priority,
                    sim::TimePoint placed) {
  const OrderId id = make_id<OrderTag>(household_.size());
  household_.push_back(household.value);
  category_.push_back(category);
  priority_.push_back(priority);
  if (!reason_.empty()) reason_.push_back(CancelReason::none);
  weight_.push_back(weight_kg);
  stamps_[index(Stage::placed)].push_back(placed);
  for (std::size_t s = 1; s < stage_count; ++s)
    if (!stamps_[s].empty()) stamps_[s].push_back(never);
  return id;
}

bool Orders::terminal(OrderId o) const {
  return reached(o, Stage::handed_over) || reached(o, Stage::spoiled) || reached(o, Stage::cancelled);
}

void Orders::stamp(OrderId o, Stage stage, sim::TimePoint t) {
  const std::size_t i = o.index();
  check(o);
  if (terminal(o))
    throw std::logic_error(fmt::format("order {} is already {}; it cannot reach {}", o.value,
                                       to_string(status(o)), to_string(stage)));
  if (stage == Stage::placed || time(o, stage) != never)
    throw std::logic_error(fmt::format("order {} already reached {}", o.value, to_string(stage)));
  if (t < stamps_[index(Stage::placed)][i])
    throw std::logic_error(fmt::format("order {} cannot reach {} before it was placed", o.value, to_string(stage)));
  auto& s = stamps_[index(stage)];
  if (s.empty()) s.assign(count(), never);  // the first order to reach this stage
  s[i] = t;
}

void Orders::cancel(OrderId o, CancelReason reason, sim::TimePoint t) {
  stamp(o, Stage::cancelled, t);
  if (reason_.empty()) reason_.assign(count(), CancelReason::none);
  reason_[o.index()] = reason;
}

OrderStatus Orders::status(OrderId o) const {
  if (reached(o, Stage::cancelled)) return OrderStatus::cancelled;
  if (reached(o, Stage::spoiled)) return OrderStatus::spoiled;
  if (reached(o, Stage::handed_over)) return OrderStatus::delivered;
  for (auto s : {Stage::at_shelf_or_door, Stage::at_gate, Stage::loaded, Stage::at_station})
    if (reached(o, s)) return static_cast<OrderStatus>(s);
  return OrderStatus::placed;
}

void Orders::clear_progress() {
  for (std::size_t s = 1; s < stage_count; ++s) std::vector<sim::TimePoint>().swap(stamps_[s]);
  std::vector<CancelReason>().swap(reason_);
}

std::size_t Orders::memory_bytes() const noexcept {
  std::size_t bytes = sizeof(Orders) + household_.capacity() * 4 + category_.capacity() + priority_.capacity() +
                      reason_.capacity() + weight_.capacity() * 4;
  for (const auto& s : stamps_) bytes += s.capacity() * sizeof(sim::TimePoint);
  return bytes;
}

}  // namespace last100::model
