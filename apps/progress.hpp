#pragma once
// The progress line of `last100 run` and `compare` (docs/cli.md, --quiet): one line on stderr,
// rewritten in place, only when stderr is a terminal and --quiet was not given, so that it
// never reaches a file or a pipe.

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace last100::cli {

/// Shows the phase in progress (building a world, the runs, writing the outputs) once it has
/// lasted a second: with a share done, "42% 3/16 runs done; relay, 1m10s left" (the time left
/// at the phase's pace so far); without one, "writing the outputs to out (3s)". A thread
/// redraws the line twice a second, so that it moves during a single long call too.
class Progress {
 public:
  explicit Progress(bool quiet);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// Whether a line may be shown at all (stderr a terminal, not --quiet).
  bool enabled() const { return enabled_; }

  /// Phase `phase` is in progress: `done` its share done (0 to 1; negative when unknown) and
  /// `what` what it does. A phase's clock starts at its first update and keeps running when
  /// another phase comes between (the runs go on after the next replication's world is built).
  void update(std::string_view phase, double done, std::string_view what);

  /// Erases the line; nothing is shown until the next update.
  void clear();

 private:
  using Clock = std::chrono::steady_clock;
  void draw(Clock::time_point now);  // with mutex_ held
  void tick();

  bool enabled_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::string, Clock::time_point, std::less<>> started_;  // phase -> its first update
  std::string phase_;
  std::string what_;
  double done_ = -1;
  bool active_ = false;  // a phase is in progress (not cleared)
  bool shown_ = false;   // a line is on the terminal
  bool stopping_ = false;
  Clock::time_point drawn_{};
  std::thread ticker_;
};

}  // namespace last100::cli
