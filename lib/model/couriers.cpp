#include "last100/model/couriers.hpp"

#include <array>
#include <stdexcept>

#include <fmt/format.h>

namespace last100::model {

std::string_view to_string(CourierState state) noexcept {
  constexpr std::array<std::string_view, courier_state_count> names{
      "idle", "loading", "walking", "climbing", "handing_over", "on_duty", "off_shift", "quarantined", "on_break"};
  return names[static_cast<std::size_t>(state)];
}

void Couriers::add_group(const CourierGroup& g, std::uint32_t group_index) {
  auto bad = [&](const char* what) {
    throw std::invalid_argument(fmt::format("courier group '{}': {}", g.name, what));
  };
  if (!(g.walk_speed_mps > 0.0)) bad("walk_speed_mps must be positive");
  if (!(g.capacity_kg > 0.0) || g.capacity_items == 0) bad("capacity must be positive");
  if (!(g.duty_share >= 0.0 && g.duty_share <= 1.0)) bad("duty_share must be in [0, 1]");
  if (g.shift_end <= g.shift_start) bad("shift_end must be after shift_start");
  if (g.handover.count() < 0 || g.door_drop.count() < 0 || g.arrives_at.count() < 0) bad("times must not be negative");
  if (g.meal_break.count() < 0 || g.rest_break.count() < 0) bad("breaks must not be negative");
  if (g.rest_break.count() > 0 && g.rest_break_every.count() <= 0) bad("rest_break_every must be positive");
  if (g.meal_break_until <= g.meal_break_from) bad("meal_break_until must be after meal_break_from");
  if (!(g.meal_break_max_share > 0.0 && g.meal_break_max_share <= 1.0)) bad("meal_break_max_share must be in (0, 1]");
  for (std::uint32_t i = 0; i < g.count; ++i) {
    group_.push_back(group_index);
    origin_.push_back(g.origin);
    arrives_at_.push_back(g.arrives_at);
    shift_start_.push_back(g.shift_start);
    shift_end_.push_back(g.shift_end);
    handover_.push_back(g.handover);
    door_drop_.push_back(g.door_drop);
    walk_speed_.push_back(g.walk_speed_mps);
    capacity_kg_.push_back(g.capacity_kg);
    duty_share_.push_back(g.duty_share);
    capacity_items_.push_back(g.capacity_items);
    state_.push_back(CourierState::off_shift);
    since_.push_back(sim::TimePoint{});
    time_in_.push_back({});
  }
}

bool Couriers::on_shift(CourierId c, sim::TimePoint t) const {
  const sim::Duration since_start = t.time_since_epoch();
  if (since_start < arrives_at(c)) return false;
  const sim::Duration clock = since_start % std::chrono::duration_cast<sim::Duration>(std::chrono::hours{24});
  return clock >= shift_start(c) && clock < shift_end(c);
}

void Couriers::set_state(CourierId c, CourierState next, sim::TimePoint now) {
  const std::size_t i = c.index();
  if (now < since_.at(i))
    throw std::logic_error(fmt::format("courier {}: state change at {} ms before the current state began at {} ms",
                                       c.value, sim::ticks(now), sim::ticks(since_[i])));
  time_in_[i][static_cast<std::size_t>(state_[i])] += (now - since_[i]).count();
  state_[i] = next;
  since_[i] = now;
}

sim::Duration Couriers::total_in(CourierState state) const {
  std::int64_t sum = 0;
  for (const auto& t : time_in_) sum += t[static_cast<std::size_t>(state)];
  return sim::Duration{sum};
}

void Couriers::close(sim::TimePoint end) {
  for (std::size_t i = 0; i < state_.size(); ++i)
    if (end > since_[i]) set_state(make_id<CourierTag>(i), state_[i], end);
}

void Couriers::reset() {
  for (std::size_t i = 0; i < state_.size(); ++i) {
    state_[i] = CourierState::off_shift;
    since_[i] = sim::TimePoint{};
    time_in_[i] = {};
  }
}

std::size_t Couriers::memory_bytes() const noexcept {
  return sizeof(Couriers) + group_.capacity() * 4 + origin_.capacity() +
         (arrives_at_.capacity() + shift_start_.capacity() + shift_end_.capacity() + handover_.capacity() +
          door_drop_.capacity()) * 8 +
         (walk_speed_.capacity() + capacity_kg_.capacity() + duty_share_.capacity()) * 8 +
         capacity_items_.capacity() * 4 + state_.capacity() + since_.capacity() * 8 +
         time_in_.capacity() * sizeof(std::array<std::int64_t, courier_state_count>);
}

Couriers build_couriers(const std::vector<CourierGroup>& groups) {
  Couriers c;
  for (std::size_t g = 0; g < groups.size(); ++g) c.add_group(groups[g], static_cast<std::uint32_t>(g));
  return c;
}

}  // namespace last100::model
