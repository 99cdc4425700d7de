#pragma once
/// Couriers as dense arrays, with their state and the time spent in each state.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "last100/model/params.hpp"
#include "last100/net/id.hpp"
#include "last100/sim/time.hpp"

namespace last100::model {

struct CourierTag;
/// Refers to one courier.
using CourierId = Id<CourierTag>;

/// What a courier is doing; the time in each is accounted (Couriers::set_state).
enum class CourierState : std::uint8_t {
  idle,          ///< on shift, waiting for work
  loading,       ///< taking a batch at a station, gate or outlet
  walking,       ///< moving between places
  climbing,      ///< stairs or lift
  handing_over,  ///< at a door or shelf
  on_duty,       ///< volunteer duty
  off_shift,     ///< not working (before arrival, outside shift hours)
  quarantined,   ///< taken out
  on_break,      ///< a meal or rest break within the shift: not available, not working time
};
inline constexpr std::size_t courier_state_count = 9;

/// Returns the lower-case name of a courier state.
std::string_view to_string(CourierState state) noexcept;

/// Every courier, one entry per array per courier.
class Couriers {
 public:
  /// Adds `group.count` couriers of group number `group_index`, off shift at time zero.
  void add_group(const CourierGroup& group, std::uint32_t group_index);

  /// Returns the number of couriers.
  std::size_t count() const noexcept { return group_.size(); }

  std::uint32_t group(CourierId c) const { return group_.at(c.index()); }
  CourierOrigin origin(CourierId c) const { return origin_.at(c.index()); }
  sim::Duration arrives_at(CourierId c) const { return arrives_at_.at(c.index()); }
  sim::Duration shift_start(CourierId c) const { return shift_start_.at(c.index()); }
  sim::Duration shift_end(CourierId c) const { return shift_end_.at(c.index()); }
  double walk_speed_mps(CourierId c) const { return walk_speed_.at(c.index()); }
  double capacity_kg(CourierId c) const { return capacity_kg_.at(c.index()); }
  std::uint32_t capacity_items(CourierId c) const { return capacity_items_.at(c.index()); }
  sim::Duration handover(CourierId c) const { return handover_.at(c.index()); }
  sim::Duration door_drop(CourierId c) const { return door_drop_.at(c.index()); }
  double duty_share(CourierId c) const { return duty_share_.at(c.index()); }

  /// Sets when a courier arrives (a reinforcement called during the run).
  void set_arrival(CourierId c, sim::Duration at) { arrives_at_.at(c.index()) = at; }

  /// Returns true if the courier has arrived and `t` falls inside its daily shift hours.
  bool on_shift(CourierId c, sim::TimePoint t) const;

  /// Returns the current state.
  CourierState state(CourierId c) const { return state_.at(c.index()); }
  /// Returns when the current state began.
  sim::TimePoint since(CourierId c) const { return since_.at(c.index()); }

  /// Ends the current state at `now`, adding its length to its account, and enters `next`.
  /// Throws std::logic_error if `now` is before the current state began.
  void set_state(CourierId c, CourierState next, sim::TimePoint now);

  /// Returns the time accounted to `state` (closed intervals; call close() at the end of a run).
  sim::Duration time_in(CourierId c, CourierState state) const {
    return sim::Duration{time_in_.at(c.index())[static_cast<std::size_t>(state)]};
  }

  /// Returns the time all couriers spent in `state`.
  sim::Duration total_in(CourierState state) const;

  /// Accounts every courier's open state up to `end` (states continue from `end`).
  void close(sim::TimePoint end);

  /// Puts every courier back to off shift at time zero with empty accounts (for a new run).
  void reset();

  /// Returns the bytes held by the arrays.
  std::size_t memory_bytes() const noexcept;

 private:
  std::vector<std::uint32_t> group_;
  std::vector<CourierOrigin> origin_;
  std::vector<sim::Duration> arrives_at_, shift_start_, shift_end_, handover_, door_drop_;
  std::vector<double> walk_speed_, capacity_kg_, duty_share_;
  std::vector<std::uint32_t> capacity_items_;
  std::vector<CourierState> state_;
  std::vector<sim::TimePoint> since_;
  std::vector<std::array<std::int64_t, courier_state_count>> time_in_;
};

/// Creates the couriers of all groups, in group order; throws std::invalid_argument on bad values.
Couriers build_couriers(const std::vector<CourierGroup>& groups);

}  // namespace last100::model
