#pragma once
/// Vertical travel inside a building: stairs per floor (slower loaded) or a lift.
/// Floors are numbered from 1 (the ground floor); reaching floor f passes f - 1 floors.

#include <cstdint>

#include "last100/model/params.hpp"
#include "last100/sim/random.hpp"

namespace last100::model {

/// Returns the time to climb from the ground to `floor` by stairs, slower when `loaded`.
sim::Duration stairs_up(const VerticalParams& v, std::uint32_t floor, bool loaded) noexcept;

/// Returns the time to walk down from `floor` to the ground (unloaded, descend_factor).
sim::Duration stairs_down(const VerticalParams& v, std::uint32_t floor) noexcept;

/// Returns the expected lift time from the ground to `floor` (or back): mean wait, ride and the
/// stop there (VerticalParams::lift_stop); zero for the ground floor.
sim::Duration lift_ride(const VerticalParams& v, std::uint32_t floor) noexcept;

/// Returns the time the car already boarded takes from floor `from` to `to`, stop included
/// (no wait); zero when they are the same floor.
sim::Duration lift_between(const VerticalParams& v, std::uint32_t from, std::uint32_t to) noexcept;

/// Returns one wait for a lift car: exponential with the mean wait (a car called from
/// wherever it happens to be).
sim::Duration sample_lift_wait(const VerticalParams& v, sim::Rng& rng) noexcept;

/// Returns the expected time up to `floor` and back down: by lift if `has_lift` (two waits,
/// two rides, two stops), else stairs up (loaded) and down; zero for the ground floor.
sim::Duration vertical_round_trip(const VerticalParams& v, bool has_lift, std::uint32_t floor) noexcept;

/// Returns a sampled round trip: lift waits are exponential with the mean wait, stairs are fixed.
sim::Duration sample_vertical_round_trip(const VerticalParams& v, bool has_lift, std::uint32_t floor,
                                         sim::Rng& rng) noexcept;

}  // namespace last100::model
