#pragma once
/// Trace: an opt-in record of what moved where during one run, for the animated replay
/// (`last100 run --replay`). The run context calls it at the points every mode already goes
/// through (order stamps, courier states, courier and vehicle moves, residents at pickup
/// places); it is attached with modes::RunModeOptions::trace (or RunOptions::on_trace);
/// with no trace attached each call is one predictable branch, so a run without --replay
/// pays nothing measurable. Recording only reads the run: outputs stay byte-identical.

#include <cstdint>
#include <vector>

namespace last100::modes {

/// What one trace event says.
enum class TraceKind : std::uint8_t {
  stage,         ///< order `subject` reached stage `value` (model::Stage)
  state,         ///< courier `subject` entered state `value` (model::CourierState)
  courier_move,  ///< courier `subject` sets off to place `value`, arriving after `length_ms`
  vehicle_move,  ///< vehicle `subject` sets off to place `value`, arriving after `length_ms`
  shelf_arrive,  ///< a resident arrives at pickup place `subject` (the mode's index: a shelf, a station) at place `value`
  shelf_leave,   ///< a resident leaves pickup place `subject` at place `value`
  station,       ///< orders arrive at place `value` (the mode chose its outside station)
};

/// One event, 24 bytes; events are appended in simulated-time order.
struct TraceEvent {
  std::int64_t at_ms = 0;
  std::uint32_t subject = 0;
  std::uint32_t value = 0;
  std::int32_t length_ms = 0;
  TraceKind kind = TraceKind::stage;
};

/// The events of one run.
struct Trace {
  std::vector<TraceEvent> events;

  void add(std::int64_t at_ms, TraceKind kind, std::uint32_t subject, std::uint32_t value = 0,
           std::int64_t length_ms = 0) {
    events.push_back({at_ms, subject, value, static_cast<std::int32_t>(length_ms), kind});
  }
};

}  // namespace last100::modes
