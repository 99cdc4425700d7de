#include "last100/sim/resource.hpp"

#include <algorithm>

namespace last100::sim {
namespace {
// std heaps are max-heaps: "less" means "served later".
bool served_later(const auto& a, const auto& b) {
  return a.neg_priority != b.neg_priority ? a.neg_priority > b.neg_priority : a.seq > b.seq;
}
}  // namespace

void Resource::enqueue(const Pending& p) {
  queue_.push_back(p);
  std::push_heap(queue_.begin(), queue_.end(), [](const Pending& a, const Pending& b) { return served_later(a, b); });
  ++waiting_;
  record();
}

void Resource::take_unit(Duration waited) {
  ++in_use_;
  if (monitor_) [[unlikely]] {
    monitor_->waits.add(to_seconds(waited));
    record_levels();
  }
}

void Resource::leave_queue(RequestAwaiter& a) {
  a.queued_ = false;
  --waiting_;
  if (monitor_) [[unlikely]] {
    monitor_->abandoned.add(to_seconds(sim_.now() - a.since_));
    record_levels();
  }
}

bool Resource::grant_next() {
  while (!queue_.empty()) {
    std::pop_heap(queue_.begin(), queue_.end(), [](const Pending& a, const Pending& b) { return served_later(a, b); });
    const Pending p = queue_.back();
    queue_.pop_back();
    if (sim_.claim(p.token)) {
      p.awaiter->granted_ = true;
      p.awaiter->queued_ = false;
      --waiting_;
      take_unit(sim_.now() - p.awaiter->since_);
      return true;
    }
  }
  return false;
}

void Resource::release() {
  --in_use_;
  record();
  while (in_use_ < capacity_ && grant_next()) {
  }
}

void Resource::set_capacity(std::uint32_t capacity) {
  capacity_ = capacity;
  record();
  while (in_use_ < capacity_ && grant_next()) {
  }
}

ResourceMonitor& Resource::enable_monitor() {
  if (!monitor_) monitor_ = std::make_unique<ResourceMonitor>();
  monitor_->queue_length.reset(sim_.now(), waiting_);
  monitor_->in_use.reset(sim_.now(), in_use_);
  monitor_->capacity.reset(sim_.now(), capacity_);
  monitor_->waits.reset();
  monitor_->abandoned.reset();
  return *monitor_;
}

void Resource::record_levels() {
  const TimePoint t = sim_.now();
  monitor_->queue_length.set(t, waiting_);
  monitor_->in_use.set(t, in_use_);
  monitor_->capacity.set(t, capacity_);
}

}  // namespace last100::sim
