#pragma once
/// Simulated time: integer milliseconds, exposed as std::chrono types.

#include <chrono>
#include <cstdint>

namespace last100::sim {

/// Marks time points as simulated, not wall-clock.
struct SimClock {
  using rep = std::int64_t;
  using period = std::milli;
  using duration = std::chrono::duration<rep, period>;
  using time_point = std::chrono::time_point<SimClock, duration>;
  static constexpr bool is_steady = true;
};

/// One tick is a millisecond; 2^63 ms is far beyond any lockdown.
using Duration = SimClock::duration;
using TimePoint = SimClock::time_point;

/// Returns the tick count of a time point (ticks since the start of the run).
constexpr std::int64_t ticks(TimePoint t) noexcept { return t.time_since_epoch().count(); }

/// Returns the time point `t` ticks after the start of the run.
constexpr TimePoint at_tick(std::int64_t t) noexcept { return TimePoint{Duration{t}}; }

/// One simulated day; runs start at midnight of day 0.
inline constexpr Duration one_day{24LL * 3600 * 1000};

/// Returns the day (from 0) that `t` falls in.
constexpr std::int64_t day_of(TimePoint t) noexcept { return ticks(t) / one_day.count(); }

/// Returns the time point at clock time `clock` (from midnight) of day `day`.
constexpr TimePoint at_day(std::int64_t day, Duration clock) noexcept { return at_tick(day * one_day.count()) + clock; }

/// Returns a duration in floating-point seconds, for reporting.
constexpr double to_seconds(Duration d) noexcept { return static_cast<double>(d.count()) / 1000.0; }

/// Returns a duration in floating-point minutes, for reporting.
constexpr double to_minutes(Duration d) noexcept { return static_cast<double>(d.count()) / 60000.0; }

/// Returns a duration in floating-point hours, for reporting.
constexpr double to_hours(Duration d) noexcept { return static_cast<double>(d.count()) / 3600000.0; }

/// Returns a duration from floating-point seconds, rounded to the nearest tick.
constexpr Duration from_seconds(double s) noexcept {
  return Duration{static_cast<std::int64_t>(s * 1000.0 + (s >= 0 ? 0.5 : -0.5))};
}

/// Returns a duration from floating-point minutes, rounded to the nearest tick.
constexpr Duration from_minutes(double m) noexcept { return from_seconds(m * 60.0); }

}  // namespace last100::sim
