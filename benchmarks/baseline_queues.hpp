#pragma once
// Queues kept only as baselines: they lost to the radix heap (docs/benchmarks.md) and teach
// why: their cost grows with log N cache misses while the radix heap appends sequentially.

#include <cstdint>
#include <functional>
#include <queue>
#include <vector>

namespace last100::bench {

/// An event of the bare loop: (time, sequence, id), ordered by time then sequence.
struct TimedEntry {
  std::uint64_t time;
  std::uint64_t seq;
  std::uint32_t id;
  friend bool operator>(const TimedEntry& a, const TimedEntry& b) {
    return a.time != b.time ? a.time > b.time : a.seq > b.seq;
  }
};

/// The bare std::priority_queue (binary heap) every engine is measured against.
using BinaryHeap = std::priority_queue<TimedEntry, std::vector<TimedEntry>, std::greater<>>;

/// An implicit 4-ary min-heap: shallower than a binary heap, children share a cache line.
class QuaternaryHeap {
 public:
  void push(const TimedEntry& e) {
    v_.push_back(e);
    std::size_t i = v_.size() - 1;
    while (i > 0) {
      const std::size_t p = (i - 1) / 4;
      if (!(v_[p] > e)) break;
      v_[i] = v_[p];
      i = p;
    }
    v_[i] = e;
  }
  const TimedEntry& top() const { return v_.front(); }
  void pop() {
    const TimedEntry last = v_.back();
    v_.pop_back();
    if (v_.empty()) return;
    std::size_t i = 0;
    const std::size_t n = v_.size();
    for (;;) {
      const std::size_t c = 4 * i + 1;
      if (c >= n) break;
      std::size_t best = c;
      const std::size_t end = c + 4 < n ? c + 4 : n;
      for (std::size_t k = c + 1; k < end; ++k)
        if (v_[best] > v_[k]) best = k;
      if (!(last > v_[best])) break;
      v_[i] = v_[best];
      i = best;
    }
    v_[i] = last;
  }
  bool empty() const { return v_.empty(); }
  std::size_t size() const { return v_.size(); }

 private:
  std::vector<TimedEntry> v_;
};

}  // namespace last100::bench
