#include "progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include <fmt/format.h>

namespace last100::cli {

namespace {

using namespace std::chrono_literals;

/// A phase shorter than this shows nothing, so that quick runs print no line at all.
constexpr auto quiet_for = 1s;

std::string seconds_text(double seconds) {
  const auto s = static_cast<long long>(seconds + 0.5);
  if (s >= 3600) return fmt::format("{}h{:02}m", s / 3600, s / 60 % 60);
  if (s >= 60) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}s", s);
}

/// Columns of the terminal on stderr, so that the line never wraps (a wrapped line cannot be
/// rewritten with a carriage return); 0 when unknown.
std::size_t terminal_columns() {
  winsize ws{};
  return ioctl(fileno(stderr), TIOCGWINSZ, &ws) == 0 ? ws.ws_col : 0;
}

}  // namespace

Progress::Progress(bool quiet) : enabled_(!quiet && isatty(fileno(stderr)) != 0) {
  if (enabled_) ticker_ = std::thread([this] { tick(); });
}

Progress::~Progress() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
  clear();
}

void Progress::update(std::string_view phase, double done, std::string_view what) {
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  const auto now = Clock::now();
  if (phase != phase_) {
    phase_ = phase;
    started_.try_emplace(phase_, now);
  }
  done_ = done;
  what_ = what;
  active_ = true;
  if (now - drawn_ >= 200ms) draw(now);
}

void Progress::clear() {
  std::lock_guard lock(mutex_);
  if (shown_) std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  shown_ = false;
  active_ = false;
}

void Progress::draw(Clock::time_point now) {
  if (!active_) return;
  const auto started = started_.find(phase_)->second;
  if (now - started < quiet_for) return;
  const double elapsed = std::chrono::duration<double>(now - started).count();
  std::string line;
  if (done_ < 0) {
    line = fmt::format("{} ({})", what_, seconds_text(elapsed));
  } else {
    const double done = std::clamp(done_, 0.0, 1.0);
    const std::string left = done > 0.01 ? fmt::format(", {} left", seconds_text(elapsed * (1 - done) / done)) : "";
    line = fmt::format("{:3.0f}% {}{}", 100.0 * done, what_, left);
  }
  if (const std::size_t columns = terminal_columns(); columns > 1 && line.size() >= columns) line.resize(columns - 1);
  std::fputs(("\r\033[K" + line).c_str(), stderr);
  std::fflush(stderr);
  shown_ = true;
  drawn_ = now;
}

void Progress::tick() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, 500ms);
    if (!stopping_) draw(Clock::now());
  }
}

}  // namespace last100::cli
