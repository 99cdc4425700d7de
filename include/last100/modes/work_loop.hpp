#pragma once
/// The courier work loop every mode shares: before each round of work the courier pauses
/// for what RunContext::pause_before_work says keeps it from delivery (off shift, not yet
/// called, volunteer duty), in that state; a quarantine ends the loop and the load goes back
/// to where the mode keeps waiting orders. A mode writes only its round:
///
///   CourierWork work(ctx, c);
///   try {
///     for (;;) {
///       if (co_await work.pause()) continue;  // paused: look at the rules again
///       ... take a load, walk, hand over ...
///     }
///   } catch (const sim::Interrupted&) {
///     work.quarantined(carried, [&](std::vector<OrderId> load) { ... give it back ... });
///   }
///
/// The rules live here once, so that a new reason to stop work reaches every mode alike.
/// (The loop itself stays in the mode's coroutine: a process cannot await a nested coroutine
/// without a scheduler event, which would change the order of events.)

#include <coroutine>
#include <utility>
#include <vector>

#include "last100/modes/context.hpp"

namespace last100::modes {

class CourierWork {
 public:
  CourierWork(RunContext& ctx, CourierId c) noexcept : ctx_(ctx), c_(c) {}

  /// `co_await work.pause()`: if something keeps the courier from delivery work now, sets
  /// its state, waits that long and yields true (the caller then loops to look again);
  /// yields false at once, without waiting, when it is free to work.
  struct [[nodiscard]] PauseAwaiter {
    RunContext& ctx;
    CourierId c;
    sim::Duration length{0};
    bool await_ready() {
      const RunContext::Pause p = ctx.pause_before_work(c);
      if (p.length.count() <= 0) return true;
      length = p.length;
      ctx.set_state(c, p.state);
      return ctx.sim.delay(length).await_ready();
    }
    void await_suspend(std::coroutine_handle<> h) { ctx.sim.delay(length).await_suspend(h); }
    bool await_resume() {
      if (length.count() <= 0) return false;
      ctx.sim.delay(length).await_resume();  // throws Interrupted if the wait was interrupted
      return true;
    }
  };
  PauseAwaiter pause() noexcept { return {ctx_, c_}; }

  /// Ends the loop on a quarantine: hands what the courier carries to `give_back` (which puts
  /// it where the mode keeps waiting orders), clears it and sets the quarantined state.
  template <class GiveBack>
  void quarantined(std::vector<OrderId>& carried, GiveBack&& give_back) {
    std::forward<GiveBack>(give_back)(std::move(carried));
    carried.clear();
    ctx_.set_state(c_, CourierState::quarantined);
  }

 private:
  RunContext& ctx_;
  CourierId c_;
};

}  // namespace last100::modes
