#pragma once
/// replay.html: an animated day on the area map (vans, couriers, shelves filling and
/// emptying, residents queueing at shelves and stations) from the trace of each mode's first
/// replication. One self-contained file: canvas drawing, no network. `last100 run --replay`.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "last100/model/world.hpp"
#include "last100/modes/trace.hpp"

namespace last100::report {

/// Limits that keep the page small for a large compound (docs/cli.md, "The replay", has the
/// sizes they give).
struct ReplayOptions {
  /// Courier moves and courier state changes kept per mode; beyond either, every k-th
  /// courier is shown (whole tracks, so each shown courier still walks its real route and
  /// shows its real states) and the page says how many.
  std::size_t max_moves = 60000;
  std::size_t max_states = 120000;
  /// Counts (items on shelves, at gates and stations; residents at shelves) are sampled on
  /// this step, widened so that a run has at most max_frames samples and at most
  /// max_count_changes (place, count) changes per mode over all samples.
  std::int64_t frame_seconds = 300;
  std::size_t max_frames = 1500;
  std::size_t max_count_changes = 200000;
};

/// Collects the runs to replay, digesting each trace when it is added (the world and trace
/// need not outlive the call), and writes the page.
class ReplayBuilder {
 public:
  explicit ReplayBuilder(ReplayOptions options = {});
  ~ReplayBuilder();
  ReplayBuilder(const ReplayBuilder&) = delete;
  ReplayBuilder& operator=(const ReplayBuilder&) = delete;

  /// Adds the trace of one mode's run on `world` (all modes share one area).
  void add(std::string_view mode, const model::World& world, const modes::Trace& trace);

  /// Returns replay.html for the runs added so far.
  std::string html(std::string_view scenario) const;

 private:
  struct Data;
  std::unique_ptr<Data> d_;
};

}  // namespace last100::report
