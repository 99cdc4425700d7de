#pragma once
/// The engine's event queue: a monotone radix heap over integer ticks.
///
/// Why a radix heap: simulated time never goes backwards, so keys popped are non-decreasing
/// and a radix heap applies. Each item moves down at most 64 buckets in its life, every move a
/// sequential append, so the queue stays fast when it holds millions of events and a binary
/// heap's cache misses dominate (docs/engine.md, benchmarks). Ties are FIFO by construction:
/// items with equal keys always share a bucket and keep their insertion order when a bucket is
/// split, so events at the same time run in scheduling order without a sequence number.

#include <bit>
#include <cassert>
#include <cstdint>
#include <vector>

namespace last100::sim {

/// One scheduled event: a time and two words that say whom to wake (see Simulation).
/// An even `target` is the address of a process frame header, which the queue prefetches
/// as the event comes near; an odd one names a callback handler.
struct QueuedEvent {
  std::uint64_t time;
  std::uint64_t target;
  std::uint32_t tag;
};
static_assert(sizeof(QueuedEvent) == 24);

/// A monotone priority queue of QueuedEvent ordered by (time, insertion order).
class RadixHeap {
 public:
  /// Inserts an event; its time must not be earlier than the last popped time.
  void push(const QueuedEvent& e) {
    assert(e.time >= last_);
    const unsigned b = bucket_of(e.time);
    buckets_[b].push_back(e);
    if (b != 0) nonempty_ |= std::uint64_t{1} << (b - 1);
    ++size_;
  }

  /// Returns the earliest event without removing it; the queue must not be empty.
  const QueuedEvent& top() {
    if (head_ == buckets_[0].size()) refill();
    return buckets_[0][head_];
  }

  /// Removes and returns the earliest event; the queue must not be empty.
  QueuedEvent pop() {
    if (head_ == buckets_[0].size()) refill();
    --size_;
    return buckets_[0][head_++];
  }

  /// Returns the earliest time without moving anything (top() may raise the floor to it,
  /// after which an earlier time could no longer be pushed); the queue must not be empty.
  std::uint64_t next_time() const noexcept {
    if (head_ < buckets_[0].size()) return buckets_[0][head_].time;
    const auto& src = buckets_[std::countr_zero(nonempty_) + 1];
    std::uint64_t lo = src.front().time;
    for (const auto& e : src) lo = e.time < lo ? e.time : lo;
    return lo;
  }

  bool empty() const noexcept { return size_ == 0; }
  std::size_t size() const noexcept { return size_; }

  /// Returns the smallest time that may still be pushed.
  std::uint64_t floor() const noexcept { return last_; }

  /// Removes every event and resets the floor to zero.
  void clear() {
    for (auto& b : buckets_) b.clear();
    head_ = 0;
    nonempty_ = 0;
    size_ = 0;
    last_ = 0;
  }

 private:
  unsigned bucket_of(std::uint64_t t) const noexcept {
    return static_cast<unsigned>(std::bit_width(t ^ last_));
  }

  // Moves the lowest non-empty bucket down, around its minimum, which becomes the new floor.
  void refill() {
    assert(size_ > 0);
    buckets_[0].clear();
    head_ = 0;
    const unsigned b = static_cast<unsigned>(std::countr_zero(nonempty_)) + 1;
    auto& src = buckets_[b];
    std::uint64_t lo = src.front().time;
    for (const auto& e : src) lo = e.time < lo ? e.time : lo;
    last_ = lo;
    // The lowest bucket holds the next events. When it is small, all of them are imminent;
    // when it is large, only those due within a few ticks are. Start fetching their processes.
    const bool imminent = src.size() <= prefetch_small_bucket;
    for (const auto& e : src) {
      const unsigned nb = bucket_of(e.time);
      if ((imminent || nb <= prefetch_buckets) && (e.target & 1) == 0) {
        __builtin_prefetch(reinterpret_cast<const void*>(e.target), 1);
        __builtin_prefetch(reinterpret_cast<const char*>(e.target) + 64, 1);
      }
      buckets_[nb].push_back(e);
      if (nb != 0) nonempty_ |= std::uint64_t{1} << (nb - 1);
    }
    src.clear();
    nonempty_ &= ~(std::uint64_t{1} << (b - 1));
  }

  static constexpr unsigned prefetch_buckets = 3;
  static constexpr std::size_t prefetch_small_bucket = 16;
  std::vector<QueuedEvent> buckets_[65];
  std::size_t head_ = 0;          // read position in bucket 0 (FIFO among equal times)
  std::uint64_t nonempty_ = 0;    // bit b-1 set when bucket b (1..64) holds events
  std::size_t size_ = 0;
  std::uint64_t last_ = 0;
};

}  // namespace last100::sim
