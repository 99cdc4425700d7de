#pragma once
/// Orders as dense arrays indexed by OrderId, with a timestamp for every stage.

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

#include "last100/model/households.hpp"
#include "last100/model/params.hpp"
#include "last100/net/id.hpp"
#include "last100/sim/time.hpp"

namespace last100::model {

struct OrderTag;
/// Refers to one order; ids increase with the time the order was placed.
using OrderId = Id<OrderTag>;

/// The stages an order passes; the last three are terminal and exclude each other.
enum class Stage : std::uint8_t {
  placed,            ///< the resident ordered
  at_station,        ///< arrived at the outside station (or outlet, or supplier)
  loaded,            ///< on a vehicle or in a courier's load
  at_gate,           ///< handed over at the gate (contactless)
  at_shelf_or_door,  ///< on the unit's shelf, or at the door
  handed_over,       ///< collected by or handed to the resident: delivered
  spoiled,           ///< fresh food out of the cold chain too long: removed
  cancelled,         ///< see CancelReason
};
inline constexpr std::size_t stage_count = 8;

/// Why an order was cancelled.
enum class CancelReason : std::uint8_t { none, by_resident, out_of_stock, deadline_missed, zone_closed, other };

/// Where an order stands, derived from its timestamps (the latest stage reached).
enum class OrderStatus : std::uint8_t {
  placed, at_station, loaded, at_gate, at_shelf_or_door, delivered, spoiled, cancelled
};

/// Returns the lower-case name of a stage.
std::string_view to_string(Stage stage) noexcept;
/// Returns the lower-case name of a category.
std::string_view to_string(Category category) noexcept;
/// Returns the lower-case name of an order status.
std::string_view to_string(OrderStatus status) noexcept;
/// Returns the lower-case name of a cancel reason.
std::string_view to_string(CancelReason reason) noexcept;

/// Marks a stage not (yet) reached.
inline constexpr sim::TimePoint never = sim::TimePoint::max();

/// Every order of a run: 18 bytes each as placed, and 8 more per stage some order of the
/// run has reached (the arrays of a stage, and of cancel reasons, are allocated at its first
/// stamp: a world's demand, before any run, holds only what was placed).
class Orders {
 public:
  /// Reserves room for `n` orders.
  void reserve(std::size_t n);

  /// Adds an order placed at `placed` and returns its id.
  OrderId add(HouseholdId household, Category category, float weight_kg, std::uint8_t priority,
              sim::TimePoint placed);

  /// Returns the number of orders.
  std::size_t count() const noexcept { return household_.size(); }

  HouseholdId household(OrderId o) const { return HouseholdId{household_.at(o.index())}; }
  Category category(OrderId o) const { return category_.at(o.index()); }
  float weight_kg(OrderId o) const { return weight_.at(o.index()); }
  std::uint8_t priority(OrderId o) const { return priority_.at(o.index()); }
  CancelReason cancel_reason(OrderId o) const {
    return reason_.empty() ? (check(o), CancelReason::none) : reason_.at(o.index());
  }

  /// Returns when `stage` was reached, or `never`.
  sim::TimePoint time(OrderId o, Stage stage) const {
    const auto& s = stamps_[index(stage)];
    return s.empty() ? (check(o), never) : s.at(o.index());
  }
  /// Returns true if `stage` was reached.
  bool reached(OrderId o, Stage stage) const { return time(o, stage) != never; }

  /// Records that `stage` was reached at `t`. Throws std::logic_error if the order is already
  /// terminal, if `t` is before it was placed, or if the stage was already recorded.
  void stamp(OrderId o, Stage stage, sim::TimePoint t);

  /// Cancels an order at `t` for `reason` (a stamp of Stage::cancelled plus the reason).
  void cancel(OrderId o, CancelReason reason, sim::TimePoint t);

  /// Returns the order's status: cancelled, spoiled or delivered if terminal, else the latest stage.
  OrderStatus status(OrderId o) const;

  /// Returns true if the order is delivered, spoiled or cancelled.
  bool terminal(OrderId o) const;

  /// Forgets every stage but `placed` (and frees their arrays), so the same demand can feed
  /// another mode or replication.
  void clear_progress();

  /// Returns the raw arrays, for bulk reads and byte comparison; the array of a stage other
  /// than `placed` is empty while no order has reached it.
  const std::vector<std::uint32_t>& households() const noexcept { return household_; }
  const std::vector<Category>& categories() const noexcept { return category_; }
  const std::vector<float>& weights() const noexcept { return weight_; }
  const std::vector<sim::TimePoint>& times(Stage stage) const { return stamps_[index(stage)]; }

  /// Returns the bytes held by the arrays.
  std::size_t memory_bytes() const noexcept;

 private:
  static std::size_t index(Stage s) noexcept { return static_cast<std::size_t>(s); }
  void check(OrderId o) const;  // throws std::out_of_range for an order that does not exist

  std::vector<std::uint32_t> household_;
  std::vector<Category> category_;
  std::vector<std::uint8_t> priority_;
  std::vector<CancelReason> reason_;  // empty until the first cancel
  std::vector<float> weight_;
  std::array<std::vector<sim::TimePoint>, stage_count> stamps_;  // but `placed`: empty until a first stamp
};

}  // namespace last100::model
