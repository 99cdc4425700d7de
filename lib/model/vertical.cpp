#include "last100/model/vertical.hpp"

namespace last100::model {

namespace {

sim::Duration scaled(sim::Duration d, double factor) noexcept {
  return sim::from_seconds(sim::to_seconds(d) * factor);
}

std::int64_t floors_passed(std::uint32_t floor) noexcept { return floor > 1 ? std::int64_t{floor} - 1 : 0; }

}  // namespace

sim::Duration stairs_up(const VerticalParams& v, std::uint32_t floor, bool loaded) noexcept {
  const sim::Duration per_floor = loaded ? scaled(v.stairs_per_floor, v.loaded_stairs_factor) : v.stairs_per_floor;
  return per_floor * floors_passed(floor);
}

sim::Duration stairs_down(const VerticalParams& v, std::uint32_t floor) noexcept {
  return scaled(v.stairs_per_floor, v.descend_factor) * floors_passed(floor);
}

sim::Duration lift_ride(const VerticalParams& v, std::uint32_t floor) noexcept {
  if (floors_passed(floor) == 0) return sim::Duration{0};
  return v.lift_wait_mean + v.lift_per_floor * floors_passed(floor) + v.lift_stop;
}

sim::Duration lift_between(const VerticalParams& v, std::uint32_t from, std::uint32_t to) noexcept {
  if (from == to) return sim::Duration{0};
  const std::int64_t floors = from < to ? std::int64_t{to} - from : std::int64_t{from} - to;
  return v.lift_per_floor * floors + v.lift_stop;
}

sim::Duration sample_lift_wait(const VerticalParams& v, sim::Rng& rng) noexcept {
  return sim::from_seconds(rng.exponential(sim::to_seconds(v.lift_wait_mean)));
}

sim::Duration vertical_round_trip(const VerticalParams& v, bool has_lift, std::uint32_t floor) noexcept {
  if (has_lift) return 2 * lift_ride(v, floor);
  return stairs_up(v, floor, true) + stairs_down(v, floor);
}

sim::Duration sample_vertical_round_trip(const VerticalParams& v, bool has_lift, std::uint32_t floor,
                                         sim::Rng& rng) noexcept {
  if (floors_passed(floor) == 0) return sim::Duration{0};
  if (!has_lift) return vertical_round_trip(v, false, floor);
  const double mean = sim::to_seconds(v.lift_wait_mean);
  const sim::Duration waits = sim::from_seconds(rng.exponential(mean) + rng.exponential(mean));
  return waits + 2 * (v.lift_per_floor * floors_passed(floor) + v.lift_stop);
}

}  // namespace last100::model
