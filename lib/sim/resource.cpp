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
}

bool Resource::grant_next() {
  while (!queue_.empty()) {
    std::pop_heap(queue_.begin(), queue_.end(), [](const Pending& a, const Pending& b) { return served_later(a, b); });
    const Pending p = queue_.back();
    queue_.pop_back();
    if (sim_.claim(p.token)) {
      p.awaiter->granted_ = true;
      ++in_use_;
      return true;
    }
  }
  return false;
}

void Resource::release() {
  --in_use_;
  while (in_use_ < capacity_ && grant_next()) {
  }
}

void Resource::set_capacity(std::uint32_t capacity) {
  capacity_ = capacity;
  while (in_use_ < capacity_ && grant_next()) {
  }
}

}  // namespace last100::sim
