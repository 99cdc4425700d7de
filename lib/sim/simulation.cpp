#include "last100/sim/simulation.hpp"

#include <fmt/format.h>

#include <utility>

namespace last100::sim {

using detail::FrameHeader;
using detail::FrameState;

void detail::PromiseBase::FinalAwaiter::await_suspend(std::coroutine_handle<> h) noexcept {
  // The frame is destroyed by finish(); nothing may touch it after this call.
  sim->finish(detail::header_of(h.address()));
}

void detail::PromiseBase::unhandled_exception() noexcept {
  // An exception escaping a process is a model error: stop the run and surface it.
  if (!sim->failure_) sim->failure_ = std::current_exception();
}

Simulation::~Simulation() {
  tearing_down_ = true;
  for (auto& s : slots_) {
    if (s.frame) Handle::from_address(detail::frame_of(std::exchange(s.frame, nullptr))).destroy();
  }
}

ProcessId Simulation::start_frame(std::coroutine_handle<> handle, detail::PromiseBase* promise) {
  if (!handle) throw std::invalid_argument("Simulation::start: empty process (already started?)");
  std::uint32_t index;
  if (!free_slots_.empty()) {
    index = free_slots_.back();
    free_slots_.pop_back();
  } else {
    index = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  FrameHeader* h = detail::header_of(handle.address());
  slots_[index].frame = h;
  h->slot = index;
  h->state = FrameState::scheduled;
  h->wake = 0;
  h->interrupt_pending = false;
  h->has_extras = false;
  ++h->epoch;
  promise->sim = this;
  ++live_processes_;
  push(now(), reinterpret_cast<std::uintptr_t>(h), h->epoch);
  return {index, slots_[index].generation};
}

bool Simulation::interrupt(ProcessId id, std::uint32_t code, std::string reason) {
  if (!alive(id)) return false;
  FrameHeader* h = slots_[id.index].frame;
  SlotExtras& x = extras_[id.index];
  h->has_extras = true;
  x.interrupt_code = code;
  x.interrupt_reason = std::move(reason);
  h->interrupt_pending = true;
  // A waiting process is woken now; one already due (or running) takes it at its next co_await.
  if (h->state == FrameState::waiting) claim({h, h->epoch});
  return true;
}

void Simulation::deliver_interrupt() {
  current_->interrupt_pending = false;
  SlotExtras& x = extras_[current_->slot];
  throw Interrupted(x.interrupt_code, std::move(x.interrupt_reason));
}

bool Simulation::cancel(ProcessId id) {
  if (!alive(id)) return false;
  FrameHeader* h = slots_[id.index].frame;
  if (h == current_) throw std::logic_error("Simulation::cancel: a process cannot cancel itself");
  ++h->epoch;  // every pending token of the process is now stale
  h->state = FrameState::running;  // not waiting: destructors below cannot wake it
  const bool extras = h->has_extras;
  slots_[id.index].frame = nullptr;
  Handle::from_address(detail::frame_of(h)).destroy();  // h is recycled from here on
  release_slot(id.index, extras);
  return true;
}

void Simulation::own(ProcessId id, std::shared_ptr<void> owned) {
  slots_[id.index].frame->has_extras = true;
  extras_[id.index].owned = std::move(owned);
}

void Simulation::add_joiner(ProcessId id, WaitToken w) {
  slots_[id.index].frame->has_extras = true;
  extras_[id.index].joiners.push_back(w);
}

void Simulation::finish(FrameHeader* h) {
  const std::uint32_t slot = h->slot;
  const bool extras = h->has_extras;
  slots_[slot].frame = nullptr;
  Handle::from_address(detail::frame_of(h)).destroy();
  release_slot(slot, extras);
}

void Simulation::release_slot(std::uint32_t slot, bool has_extras) {
  ++slots_[slot].generation;
  --live_processes_;
  free_slots_.push_back(slot);
  if (!has_extras) return;
  auto node = extras_.extract(slot);
  if (!tearing_down_) {
    for (const auto& w : node.mapped().joiners) claim(w);
  }
}

void Simulation::run_until(TimePoint t) {
  const auto limit = static_cast<std::uint64_t>(ticks(t));
  if (ticks(t) < static_cast<std::int64_t>(now_)) throw_past(t);
  // next_time, not top: stopping must not raise the queue's floor beyond `t`, or an event
  // scheduled at `t` afterwards (an interrupt, a new process) would be out of order.
  while (!queue_.empty() && queue_.next_time() <= limit) {
    dispatch(queue_.pop());
  }
  if (queue_.empty()) queue_.clear();  // as in step(): the floor may not exceed the clock
  now_ = limit;
}

HandlerId Simulation::add_handler(HandlerFn fn, void* context) {
  if (handlers_.size() >= (std::size_t{1} << 31)) throw std::length_error("Simulation::add_handler: too many handlers");
  handlers_.push_back({fn, context});
  return {static_cast<std::uint32_t>(handlers_.size() - 1)};
}

void Simulation::rethrow_failure() { std::rethrow_exception(std::exchange(failure_, nullptr)); }

void Simulation::throw_past(TimePoint t) const {
  throw std::logic_error(fmt::format("cannot schedule at tick {} before the current tick {}", ticks(t), now_));
}

}  // namespace last100::sim
