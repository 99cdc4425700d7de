#include "last100/sim/event.hpp"

#include <utility>

namespace last100::sim {

void Event::trigger() {
  triggered_ = true;
  auto waiters = std::move(waiters_);
  waiters_.clear();
  const std::size_t first = std::exchange(head_, 0);  // entries before it were notified one by one
  for (std::size_t i = first; i < waiters.size(); ++i) {
    const Waiter& w = waiters[i];
    if (w.remaining) {
      // The counter lives in a suspended frame: touch it only while the wait is still open.
      if (sim_->is_waiting(w.token) && --*w.remaining == 0) sim_->claim(w.token, 0);
    } else {
      sim_->claim(w.token, w.value);
    }
  }
}

bool Event::notify_one() {
  // Waiters that timed out or were woken by another event are skipped and dropped.
  bool woken = false;
  for (; head_ < waiters_.size() && !woken; ++head_) woken = sim_->claim(waiters_[head_].token, waiters_[head_].value);
  if (head_ == waiters_.size()) {
    waiters_.clear();
    head_ = 0;
  } else if (head_ > 64 && head_ > waiters_.size() / 2) {  // amortised: each entry moves once
    waiters_.erase(waiters_.begin(), waiters_.begin() + static_cast<std::ptrdiff_t>(head_));
    head_ = 0;
  }
  return woken;
}

bool AnyOfAwaiter::await_ready() noexcept {
  if (sim_.interrupt_pending()) return true;
  for (std::size_t i = 0; i < events_.size(); ++i) {
    if (events_[i]->triggered()) {
      ready_index_ = i;
      return true;
    }
  }
  return false;
}

void AnyOfAwaiter::await_suspend(std::coroutine_handle<>) {
  const auto timeout_value = static_cast<std::uint32_t>(events_.size());
  const WaitToken token = sim_.prepare_wait(timeout_value);
  for (std::size_t i = 0; i < events_.size(); ++i)
    events_[i]->waiters_.push_back({token, static_cast<std::uint32_t>(i), nullptr});
  ready_index_ = std::numeric_limits<std::size_t>::max();
  if (timeout_) sim_.wake_at(token, sim_.now() + *timeout_);
}

std::size_t AnyOfAwaiter::await_resume() {
  sim_.throw_if_interrupted();
  return ready_index_ != std::numeric_limits<std::size_t>::max() ? ready_index_ : sim_.wake_value();
}

bool AllOfAwaiter::await_ready() noexcept {
  if (sim_.interrupt_pending()) return true;
  remaining_ = 0;
  for (auto* e : events_) remaining_ += e->triggered() ? 0u : 1u;
  return remaining_ == 0;
}

void AllOfAwaiter::await_suspend(std::coroutine_handle<>) {
  const WaitToken token = sim_.prepare_wait(0);
  for (auto* e : events_) {
    if (!e->triggered()) e->waiters_.push_back({token, 0, &remaining_});
  }
  if (timeout_) sim_.wake_at(token, sim_.now() + *timeout_);
}

bool AllOfAwaiter::await_resume() {
  sim_.throw_if_interrupted();
  return remaining_ == 0;
}

}  // namespace last100::sim
