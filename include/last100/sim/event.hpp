#pragma once
/// Event: a flag processes can wait for (a batch is disinfected, a gate reopens), and
/// any_of / all_of waits over several events with an optional timeout.

#include <coroutine>
#include <cstdint>
#include <concepts>
#include <limits>
#include <optional>
#include <vector>

#include "last100/sim/simulation.hpp"

namespace last100::sim {

/// A flag with waiters. trigger() wakes every waiter; waits on a triggered event return at once
/// until reset() lowers the flag again, so one Event serves as a one-shot event or a signal.
class Event {
 public:
  explicit Event(Simulation& sim) : sim_(&sim) {}
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;

  /// Raises the flag and wakes all current waiters (in the order they began waiting).
  void trigger();

  /// Wakes the current waiters without raising the flag (a pulse).
  void notify_all() {
    const bool was = triggered_;
    trigger();
    triggered_ = was;
  }

  /// Wakes the first current waiter (in the order they began waiting) that is still waiting,
  /// without raising the flag; returns false if there was none. For work that one waiter
  /// takes: the woken one passes it on (notify_one again) if work is left, so an arrival
  /// costs one wake-up, not one per waiter. Not for all_of waits.
  bool notify_one();

  /// Lowers the flag; later waits block until the next trigger.
  void reset() noexcept { triggered_ = false; }

  bool triggered() const noexcept { return triggered_; }

  struct [[nodiscard]] WaitAwaiter {
    Event& ev;
    bool await_ready() const noexcept { return ev.triggered_ || ev.sim_->interrupt_pending(); }
    void await_suspend(std::coroutine_handle<>) { ev.waiters_.push_back({ev.sim_->prepare_wait(), 0, nullptr}); }
    void await_resume() { ev.sim_->throw_if_interrupted(); }
  };
  /// Waits until the event is triggered.
  [[nodiscard]] WaitAwaiter wait() { return {*this}; }

 private:
  friend class AnyOfAwaiter;
  friend class AllOfAwaiter;
  struct Waiter {
    WaitToken token;
    std::uint32_t value;
    std::uint32_t* remaining;  // all_of: wake only when the last awaited event fires
  };

  Simulation* sim_;
  std::vector<Waiter> waiters_;
  std::size_t head_ = 0;  // waiters_[0, head_) were taken by notify_one
  bool triggered_ = false;
};

/// co_await any_of(sim, a, b) returns the index of the first event triggered,
/// or the number of events if the timeout came first.
class [[nodiscard]] AnyOfAwaiter {
 public:
  AnyOfAwaiter(Simulation& sim, std::vector<Event*> events, std::optional<Duration> timeout)
      : sim_(sim), events_(std::move(events)), timeout_(timeout) {}
  bool await_ready() noexcept;
  void await_suspend(std::coroutine_handle<>);
  std::size_t await_resume();

 private:
  Simulation& sim_;
  std::vector<Event*> events_;
  std::optional<Duration> timeout_;
  std::size_t ready_index_ = 0;
};

/// co_await all_of(sim, a, b) returns true when all were triggered, false on timeout.
class [[nodiscard]] AllOfAwaiter {
 public:
  AllOfAwaiter(Simulation& sim, std::vector<Event*> events, std::optional<Duration> timeout)
      : sim_(sim), events_(std::move(events)), timeout_(timeout) {}
  bool await_ready() noexcept;
  void await_suspend(std::coroutine_handle<>);
  bool await_resume();

 private:
  Simulation& sim_;
  std::vector<Event*> events_;
  std::optional<Duration> timeout_;
  std::uint32_t remaining_ = 0;
};

// Variadic rather than initializer_list: g++ 12 rejects initializer lists inside co_await.

/// Waits for the first of several events: `co_await any_of(sim, a, b)` returns 0 or 1.
template <std::same_as<Event>... E>
[[nodiscard]] AnyOfAwaiter any_of(Simulation& sim, E&... events) {
  return AnyOfAwaiter(sim, {&events...}, std::nullopt);
}

/// Waits for the first of several events or the timeout, whichever comes first; returns the
/// event's index, or the number of events on timeout.
template <std::same_as<Event>... E>
[[nodiscard]] AnyOfAwaiter any_of_within(Simulation& sim, Duration timeout, E&... events) {
  return AnyOfAwaiter(sim, {&events...}, timeout);
}

/// Waits until all the events have been triggered.
template <std::same_as<Event>... E>
[[nodiscard]] AllOfAwaiter all_of(Simulation& sim, E&... events) {
  return AllOfAwaiter(sim, {&events...}, std::nullopt);
}

/// Waits for all the events, or the timeout; returns false on timeout.
template <std::same_as<Event>... E>
[[nodiscard]] AllOfAwaiter all_of_within(Simulation& sim, Duration timeout, E&... events) {
  return AllOfAwaiter(sim, {&events...}, timeout);
}

}  // namespace last100::sim
