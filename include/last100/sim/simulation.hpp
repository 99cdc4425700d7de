#pragma once
/// Simulation: the clock, the event queue, the table of processes and the run loop.
///
/// Waking is uniform: every wait of a process is a (slot, epoch) token. Whoever wants to wake
/// a waiting process (a timer, an event, a resource, an interrupt) must present the token;
/// the first to do so wins and bumps the epoch, so every other token for that wait, including
/// timers still in the queue, becomes stale and is skipped. This gives any-of waits, timeouts,
/// interrupts and cancellation without searching or removing anything from the queue.

#include <concepts>
#include <coroutine>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <stdexcept>
#include <tuple>
#include <type_traits>
#include <string>
#include <unordered_map>
#include <vector>

#include "last100/sim/event_queue.hpp"
#include "last100/sim/process.hpp"
#include "last100/sim/time.hpp"

namespace last100::sim {

/// Thrown inside a process, at its current co_await, when another party interrupts it
/// (a courier quarantined mid-route). The process may catch it and clean up.
struct Interrupted : std::exception {
  std::uint32_t code = 0;
  std::string reason;
  Interrupted(std::uint32_t c, std::string r) : code(c), reason(std::move(r)) {}
  const char* what() const noexcept override { return reason.c_str(); }
};

/// A token for one wait of one process.
struct WaitToken {
  detail::FrameHeader* frame = nullptr;
  std::uint32_t epoch = 0;
};

/// Names a registered callback handler.
struct HandlerId {
  std::uint32_t index = 0;
};

/// What the trace hook sees for every event that runs.
struct TraceRecord {
  enum class Kind : std::uint8_t { process, handler };
  TimePoint time;
  Kind kind;
  std::uint32_t target;  ///< process slot or handler index
  std::uint32_t tag;     ///< process epoch or handler argument
};

class Simulation {
 public:
  using HandlerFn = void (*)(void* context, Simulation& sim, std::uint32_t arg);

  Simulation() = default;
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;
  ~Simulation();

  /// Returns the current simulated time.
  TimePoint now() const noexcept { return at_tick(static_cast<std::int64_t>(now_)); }

  /// Returns the current time in seconds since the start of the run.
  double now_seconds() const noexcept { return to_seconds(now().time_since_epoch()); }

  /// Returns the current time in minutes since the start of the run.
  double now_minutes() const noexcept { return to_minutes(now().time_since_epoch()); }

  /// Returns the current time in hours since the start of the run.
  double now_hours() const noexcept { return to_hours(now().time_since_epoch()); }

  // ---- processes ----------------------------------------------------------------------

  /// Starts a process; it first runs at the current time, after events already scheduled for it.
  /// The frame holds the coroutine's parameters, not what they refer to: a lambda coroutine
  /// called in place (`start([&]() -> Process {...}())`) keeps a pointer to a closure that
  /// dies at the end of the statement. Use start(fn, args...) for lambdas.
  ProcessId start(Process process) { return start_handle(process.release()); }

  /// Starts a process that returns a value; `co_await sim.join(result)` yields it.
  template <class T>
  ProcessResult<T> start(ProcessOf<T> process) {
    ResultCell<T> cell = process.cell();
    return ProcessResult<T>(start_handle(process.release()), std::move(cell));
  }

  /// Starts the coroutine `fn(args...)`, keeping `fn` and copies of `args` alive until the
  /// process ends, so capturing lambdas are safe: `sim.start([&](int n) -> Process {...}, 3)`.
  /// Arguments are copied like std::thread's; pass std::ref(x) to hand over a reference.
  /// Returns a ProcessId, or a ProcessResult<T> when `fn` returns ProcessOf<T>.
  template <class F, class... Args>
    requires std::invocable<std::decay_t<F>&, std::decay_t<Args>&...>
  auto start(F&& fn, Args&&... args) {
    using Box = std::tuple<std::decay_t<F>, std::decay_t<Args>...>;
    auto box = std::make_shared<Box>(std::forward<F>(fn), std::forward<Args>(args)...);
    auto process = std::apply([](auto& f, auto&... a) { return std::invoke(f, a...); }, *box);
    auto started = start(std::move(process));
    own(started, std::move(box));  // freed after the frame, when the process ends
    return started;
  }

  /// Returns true while the process has not finished or been cancelled.
  bool alive(ProcessId id) const noexcept {
    return id.index < slots_.size() && slots_[id.index].generation == id.generation &&
           slots_[id.index].frame != nullptr;
  }

  /// Returns the id of the process that is running now (none outside processes).
  ProcessId current() const noexcept {
    return current_ ? ProcessId{current_->slot, slots_[current_->slot].generation} : ProcessId{};
  }

  /// Interrupts a process: its current wait ends and throws Interrupted there. If the process
  /// is already due to resume (its wait was satisfied), the interrupt is thrown at its next
  /// co_await, so a resource or item it was just given is not lost. Returns false if not alive.
  bool interrupt(ProcessId id, std::uint32_t code = 0, std::string reason = "interrupted");

  /// Ends a process now, destroying its frame (its locals' destructors run, so RAII grants
  /// and items return). A process cannot cancel itself. Returns false if it was not alive.
  bool cancel(ProcessId id);

  /// Returns the number of live processes.
  std::size_t process_count() const noexcept { return live_processes_; }

  // ---- callbacks for hot paths --------------------------------------------------------

  /// Registers a plain function called as fn(context, sim, arg) for each scheduled event.
  HandlerId add_handler(HandlerFn fn, void* context);

  /// Registers a callable object (kept by reference: it must outlive the simulation run).
  template <class F>
    requires std::invocable<F&, Simulation&, std::uint32_t>
  HandlerId add_handler(F& f) {
    return add_handler([](void* c, Simulation& s, std::uint32_t a) { (*static_cast<F*>(c))(s, a); }, &f);
  }

  /// Schedules handler `h` with `arg` at time `t` (not before now).
  void schedule(TimePoint t, HandlerId h, std::uint32_t arg = 0) {
    push(t, (std::uint64_t{h.index} << 1) | 1, arg);
  }

  /// Schedules handler `h` with `arg` after `d`.
  void schedule_in(Duration d, HandlerId h, std::uint32_t arg = 0) { schedule(now() + d, h, arg); }

  // ---- run control --------------------------------------------------------------------

  /// Runs until no events remain.
  void run() {
    while (step()) {
    }
  }

  /// Runs every event due at or before `t`, then sets the clock to `t`.
  void run_until(TimePoint t);

  /// Runs until `done()` returns true (checked after each event) or no events remain;
  /// returns whether `done()` became true.
  template <class Pred>
    requires std::predicate<Pred&>
  bool run_until(Pred&& done) {
    if (done()) return true;
    while (step()) {
      if (done()) return true;
    }
    return false;
  }

  /// Runs one event; returns false when none remain. Stale wake-ups (a timeout that lost to
  /// a grant, the timer of an interrupted wait) are skipped without moving the clock.
  bool step() {
    while (!queue_.empty()) {
      if (dispatch(queue_.pop())) return true;
    }
    // Skipped wake-ups may have raised the queue's floor past now; with the queue empty it
    // can go back to zero, so that events can again be scheduled from now on.
    queue_.clear();
    return false;
  }

  /// Returns true while events remain (stale wake-ups included).
  bool has_events() const noexcept { return !queue_.empty(); }

  /// Returns how many events have run (stale wake-ups excluded).
  std::uint64_t events_processed() const noexcept { return events_; }

  /// Installs an observer called for every event that runs; an empty function removes it.
  /// Runs without an observer pay one predictable branch per event.
  void set_trace(std::function<void(const TraceRecord&)> trace) { trace_ = std::move(trace); }

  // ---- the waiting protocol (used by awaitables; model code rarely needs it) ----------

  /// Returns the token of the running process's next wait; resets its wake value.
  WaitToken prepare_wait(std::uint32_t wake_value = 0) noexcept {
    current_->state = detail::FrameState::waiting;
    current_->wake = wake_value;
    return {current_, current_->epoch};
  }

  /// Wakes the token's process at `t` unless another party wakes it first.
  void wake_at(WaitToken w, TimePoint t) { push(t, reinterpret_cast<std::uintptr_t>(w.frame), w.epoch); }

  /// Returns true if the token's wait is still open (nobody has woken it yet).
  bool is_waiting(WaitToken w) const noexcept {
    return w.frame->epoch == w.epoch && w.frame->state == detail::FrameState::waiting;
  }

  /// Wakes the token's process now with `value`, if the wait is still open; returns whether it did.
  bool claim(WaitToken w, std::uint32_t value = 0) {
    if (!is_waiting(w)) return false;
    detail::FrameHeader* h = w.frame;
    ++h->epoch;
    h->wake = value;
    h->state = detail::FrameState::scheduled;
    push(now(), reinterpret_cast<std::uintptr_t>(h), h->epoch);
    return true;
  }

  /// Returns the value the running process was woken with.
  std::uint32_t wake_value() const noexcept { return current_->wake; }

  /// Returns true if the running process has an interrupt to take at its next co_await.
  bool interrupt_pending() const noexcept { return current_->interrupt_pending; }

  /// Throws Interrupted in the running process if it was interrupted; called by await_resume.
  void throw_if_interrupted() {
    if (current_->interrupt_pending) [[unlikely]]
      deliver_interrupt();
  }

  /// Returns true while the destructor tears processes down (awaitables then skip clean-up
  /// that would touch objects already destroyed).
  bool tearing_down() const noexcept { return tearing_down_; }

  /// Suspends the running process for `d` (zero yields to events already due now).
  struct [[nodiscard]] DelayAwaiter {
    Simulation& sim;
    Duration d;
    bool await_ready() const noexcept { return sim.interrupt_pending(); }
    void await_suspend(std::coroutine_handle<>) { sim.wake_at(sim.prepare_wait(), sim.now() + d); }
    void await_resume() { sim.throw_if_interrupted(); }
  };
  [[nodiscard]] DelayAwaiter delay(Duration d) { return {*this, d}; }

  /// Suspends the running process until time `t` (no-op wait if `t` is now or past).
  [[nodiscard]] DelayAwaiter delay_until(TimePoint t) { return {*this, t > now() ? t - now() : Duration{0}}; }

  /// Waits for a process to end (finish or be cancelled); ready at once if it already has.
  struct [[nodiscard]] JoinAwaiter {
    Simulation& sim;
    ProcessId id;
    bool await_ready() const noexcept { return sim.interrupt_pending() || !sim.alive(id); }
    void await_suspend(std::coroutine_handle<>) { sim.add_joiner(id, sim.prepare_wait()); }
    void await_resume() { sim.throw_if_interrupted(); }
  };
  [[nodiscard]] JoinAwaiter join(ProcessId id) { return {*this, id}; }

  /// Waits for a value-returning process to end and yields its value (a copy, or the value
  /// itself if T cannot be copied); throws std::logic_error if it was cancelled.
  template <class T>
  struct [[nodiscard]] ValueJoinAwaiter : JoinAwaiter {
    ProcessResult<T> result;
    T await_resume() {
      JoinAwaiter::await_resume();
      if constexpr (std::is_copy_constructible_v<T>) {
        return result.value();
      } else {
        return result.take();
      }
    }
  };
  template <class T>
  [[nodiscard]] ValueJoinAwaiter<T> join(const ProcessResult<T>& result) {
    return {{*this, result.id()}, result};
  }

 private:
  friend struct detail::PromiseBase::FinalAwaiter;
  friend struct detail::PromiseBase;

  // Resuming and destroying need no promise type: one handle type serves every process kind.
  using Handle = std::coroutine_handle<>;

  ProcessId start_frame(std::coroutine_handle<> frame, detail::PromiseBase* promise);
  template <class P>
  ProcessId start_handle(std::coroutine_handle<P> h) {
    return start_frame(h, h ? &h.promise() : nullptr);
  }
  void own(ProcessId id, std::shared_ptr<void> owned);
  template <class T>
  void own(const ProcessResult<T>& r, std::shared_ptr<void> owned) {
    own(r.id(), std::move(owned));
  }

  // The process table maps ProcessIds to frames; the hot state lives in the frame header.
  struct Slot {
    detail::FrameHeader* frame = nullptr;  // null when the slot is free
    std::uint32_t generation = 0;          // bumped on reuse: stale ProcessIds never match
  };
  struct SlotExtras {  // cold data, only for processes that are joined or interrupted
    std::vector<WaitToken> joiners;
    std::uint32_t interrupt_code = 0;
    std::string interrupt_reason;
    std::shared_ptr<void> owned;  // start(fn, args...): the callable and arguments
  };
  struct Handler {
    HandlerFn fn;
    void* context;
  };

  void push(TimePoint t, std::uint64_t target, std::uint32_t tag) {
    const std::int64_t tick = ticks(t);
    if (tick < static_cast<std::int64_t>(now_)) [[unlikely]]
      throw_past(t);
    queue_.push({static_cast<std::uint64_t>(tick), target, tag});
  }

  // Runs one popped event, moving the clock to it; returns false for a stale process wake-up.
  bool dispatch(const QueuedEvent& e) {
    if (e.target & 1) {
      const auto index = static_cast<std::uint32_t>(e.target >> 1);
      now_ = e.time;
      ++events_;
      if (trace_) [[unlikely]]
        trace_({now(), TraceRecord::Kind::handler, index, e.tag});
      const Handler& h = handlers_[index];
      h.fn(h.context, *this, e.tag);
      return true;
    }
    auto* h = reinterpret_cast<detail::FrameHeader*>(e.target);
    if (h->epoch != e.tag) return false;
    now_ = e.time;
    ++events_;
    if (trace_) [[unlikely]]
      trace_({now(), TraceRecord::Kind::process, h->slot, e.tag});
    ++h->epoch;
    h->state = detail::FrameState::running;
    current_ = h;
    Handle::from_address(detail::frame_of(h)).resume();
    current_ = nullptr;
    if (failure_) [[unlikely]]
      rethrow_failure();
    return true;
  }

  void add_joiner(ProcessId id, WaitToken w);
  void deliver_interrupt();
  void finish(detail::FrameHeader* frame);
  void release_slot(std::uint32_t slot, bool has_extras);
  void rethrow_failure();
  [[noreturn]] void throw_past(TimePoint t) const;

  RadixHeap queue_;
  std::uint64_t now_ = 0;
  std::uint64_t events_ = 0;
  detail::FrameHeader* current_ = nullptr;
  std::vector<Slot> slots_;
  std::unordered_map<std::uint32_t, SlotExtras> extras_;  // looked up by key only: order-free
  std::vector<std::uint32_t> free_slots_;
  std::size_t live_processes_ = 0;
  std::vector<Handler> handlers_;
  std::function<void(const TraceRecord&)> trace_;
  std::exception_ptr failure_;
  bool tearing_down_ = false;
};

}  // namespace last100::sim
