#include "last100/sim/simulation.hpp"

#include <fmt/format.h>

#include <cassert>
#include <utility>

namespace last100::sim {

void Process::promise_type::FinalAwaiter::await_suspend(std::coroutine_handle<promise_type> h) noexcept {
  // The frame is destroyed by finish(); nothing may touch it after this call.
  h.promise().sim->finish(h.promise().slot);
}

void Process::promise_type::unhandled_exception() noexcept {
  // An exception escaping a process is a model error: stop the run and surface it.
  if (!sim->failure_) sim->failure_ = std::current_exception();
}

Simulation::~Simulation() {
  tearing_down_ = true;
  for (auto& s : slots_) {
    if (s.state != SlotState::free && s.handle) s.handle.destroy();
  }
}

ProcessId Simulation::start(Process process) {
  auto handle = process.release();
  if (!handle) throw std::invalid_argument("Simulation::start: empty process (already started?)");
  std::uint32_t index;
  if (!free_slots_.empty()) {
    index = free_slots_.back();
    free_slots_.pop_back();
  } else {
    if (slots_.size() >= handler_bit) throw std::length_error("Simulation::start: too many processes");
    index = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
    extras_.emplace_back();
  }
  Slot& s = slots_[index];
  s.handle = handle;
  s.state = SlotState::scheduled;
  s.wake = 0;
  s.interrupt_pending = false;
  ++s.epoch;
  handle.promise().sim = this;
  handle.promise().slot = index;
  ++live_processes_;
  push(now(), index, s.epoch);
  return {index, s.generation};
}

bool Simulation::interrupt(ProcessId id, std::uint32_t code, std::string reason) {
  if (!alive(id)) return false;
  SlotExtras& x = extras_[id.index];
  x.interrupt_code = code;
  x.interrupt_reason = std::move(reason);
  Slot& s = slots_[id.index];
  s.interrupt_pending = true;
  // A waiting process is woken now; one already due (or running) takes it at its next co_await.
  if (s.state == SlotState::waiting) claim({id.index, s.epoch});
  return true;
}

void Simulation::deliver_interrupt() {
  Slot& s = slots_[current_];
  SlotExtras& x = extras_[current_];
  s.interrupt_pending = false;
  throw Interrupted(x.interrupt_code, std::move(x.interrupt_reason));
}

bool Simulation::cancel(ProcessId id) {
  if (!alive(id)) return false;
  if (id.index == current_) throw std::logic_error("Simulation::cancel: a process cannot cancel itself");
  Slot& s = slots_[id.index];
  ++s.epoch;  // every pending token of the process is now stale
  auto handle = s.handle;
  s.handle = {};
  s.state = SlotState::running;  // not free yet: destructors below may still look it up
  handle.destroy();
  release_slot(id.index);
  return true;
}

void Simulation::add_joiner(ProcessId id, WaitToken w) { extras_[id.index].joiners.push_back(w); }

void Simulation::finish(std::uint32_t slot) {
  auto handle = slots_[slot].handle;
  slots_[slot].handle = {};
  handle.destroy();
  release_slot(slot);
}

void Simulation::release_slot(std::uint32_t slot) {
  Slot& s = slots_[slot];
  ++s.epoch;
  ++s.generation;
  s.state = SlotState::free;
  s.interrupt_pending = false;
  --live_processes_;
  auto joiners = std::move(extras_[slot].joiners);
  extras_[slot].joiners.clear();
  if (!tearing_down_) {
    for (const auto& w : joiners) claim(w);
  }
  free_slots_.push_back(slot);
}

void Simulation::run_until(TimePoint t) {
  const auto limit = static_cast<std::uint64_t>(ticks(t));
  if (ticks(t) < static_cast<std::int64_t>(now_)) throw_past(t);
  while (!queue_.empty() && queue_.top().time <= limit) {
    const QueuedEvent e = queue_.pop();
    now_ = e.time;
    dispatch(e);
  }
  now_ = limit;
}

HandlerId Simulation::add_handler(HandlerFn fn, void* context) {
  if (handlers_.size() >= handler_bit) throw std::length_error("Simulation::add_handler: too many handlers");
  handlers_.push_back({fn, context});
  return {static_cast<std::uint32_t>(handlers_.size() - 1)};
}

void Simulation::rethrow_failure() { std::rethrow_exception(std::exchange(failure_, nullptr)); }

void Simulation::throw_past(TimePoint t) const {
  throw std::logic_error(fmt::format("cannot schedule at tick {} before the current tick {}", ticks(t), now_));
}

}  // namespace last100::sim
