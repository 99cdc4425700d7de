#pragma once
/// The engine's event queue: a monotone radix heap over integer ticks.
///
/// Why a radix heap: simulated time never goes backwards, so keys popped are non-decreasing
/// and a radix heap applies. Each item moves down at most 64 buckets in its life, every move a
/// sequential append, so the queue stays fast when it holds millions of events and a binary
/// heap's cache misses dominate (docs/engine.md, benchmarks). Ties are FIFO by construction:
/// items with equal keys always share a bucket and keep their insertion order when a bucket is
/// split, so events at the same time run in scheduling order without a sequence number.

#include <algorithm>
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
///
/// The buckets hold their events in blocks of 256 taken from one shared free list, and a
/// block goes back to the list as soon as its events have moved on. A refill moves nearly
/// every event of a bucket to lower ones, so over a run each bucket sees most of the queue at
/// some moment: as 65 growing vectors the queue kept the sum of the buckets' peaks (14 times
/// the most events ever pending in a city run); with shared blocks it keeps about that most.
class RadixHeap {
 public:
  RadixHeap() = default;
  RadixHeap(const RadixHeap&) = delete;
  RadixHeap& operator=(const RadixHeap&) = delete;
  ~RadixHeap() {
    for (Block* b : owned_) delete b;
  }

  /// Inserts an event; its time must not be earlier than the last popped time.
  void push(const QueuedEvent& e) {
    assert(e.time >= last_);
    const unsigned b = bucket_of(e.time);
    append(buckets_[b], e);
    if (b != 0) nonempty_ |= std::uint64_t{1} << (b - 1);
    ++size_;
  }

  /// Returns the earliest event without removing it; the queue must not be empty.
  const QueuedEvent& top() {
    if (head_ == buckets_[0].size) refill();
    return at(buckets_[0], head_);
  }

  /// Removes and returns the earliest event; the queue must not be empty.
  QueuedEvent pop() {
    if (head_ == buckets_[0].size) refill();
    --size_;
    if ((head_ & (block_events - 1)) == 0) read_ = buckets_[0].blocks[head_ >> block_bits]->events;
    ++head_;
    return *read_++;
  }

  /// Returns the earliest time without moving anything (top() may raise the floor to it,
  /// after which an earlier time could no longer be pushed); the queue must not be empty.
  std::uint64_t next_time() const noexcept {
    if (head_ < buckets_[0].size) return at(buckets_[0], head_).time;
    const Bucket& src = buckets_[std::countr_zero(nonempty_) + 1];
    std::uint64_t lo = at(src, 0).time;
    for (std::size_t i = 0; i < src.size; ++i) lo = at(src, i).time < lo ? at(src, i).time : lo;
    return lo;
  }

  bool empty() const noexcept { return size_ == 0; }
  std::size_t size() const noexcept { return size_; }

  /// Returns the smallest time that may still be pushed.
  std::uint64_t floor() const noexcept { return last_; }

  /// Returns the bytes the queue holds (its blocks, in use or free, and their tables).
  std::size_t memory_bytes() const noexcept {
    std::size_t bytes = owned_.capacity() * sizeof(Block*) + free_.capacity() * sizeof(Block*);
    for (const Bucket& b : buckets_) bytes += b.blocks.capacity() * sizeof(Block*);
    return bytes + owned_.size() * sizeof(Block);
  }

  /// Removes every event and resets the floor to zero.
  void clear() {
    for (auto& b : buckets_) release(b);
    head_ = 0;
    nonempty_ = 0;
    size_ = 0;
    last_ = 0;
  }

 private:
  static constexpr unsigned block_bits = 8;
  static constexpr std::size_t block_events = std::size_t{1} << block_bits;
  struct Block {
    QueuedEvent events[block_events];
  };
  struct Bucket {
    std::vector<Block*> blocks;  // in insertion order; all full but the last
    std::size_t size = 0;
    QueuedEvent* tail = nullptr;  // the next free slot of the last block (null: none)
  };

  static const QueuedEvent& at(const Bucket& b, std::size_t i) noexcept {
    return b.blocks[i >> block_bits]->events[i & (block_events - 1)];
  }

  void append(Bucket& b, const QueuedEvent& e) {
    if ((b.size & (block_events - 1)) == 0) {
      b.blocks.push_back(take_block());
      b.tail = b.blocks.back()->events;
    }
    *b.tail++ = e;
    ++b.size;
  }

  Block* take_block() {
    if (!free_.empty()) {
      Block* b = free_.back();
      free_.pop_back();
      return b;
    }
    owned_.push_back(new Block);
    free_.reserve(owned_.capacity());  // giving blocks back never allocates
    return owned_.back();
  }

  void release(Bucket& b) noexcept {
    for (Block* x : b.blocks) free_.push_back(x);
    b.blocks.clear();
    b.size = 0;
    b.tail = nullptr;
  }

  unsigned bucket_of(std::uint64_t t) const noexcept {
    return static_cast<unsigned>(std::bit_width(t ^ last_));
  }

  // Moves the lowest non-empty bucket down, around its minimum, which becomes the new floor.
  void refill() {
    assert(size_ > 0);
    release(buckets_[0]);
    head_ = 0;
    const unsigned b = static_cast<unsigned>(std::countr_zero(nonempty_)) + 1;
    Bucket& src = buckets_[b];
    std::uint64_t lo = at(src, 0).time;
    for (std::size_t i = 0; i < src.size; ++i) lo = at(src, i).time < lo ? at(src, i).time : lo;
    last_ = lo;
    // The lowest bucket holds the next events. When it is small, all of them are imminent;
    // when it is large, only those due within a few ticks are. Start fetching their processes.
    const bool imminent = src.size <= prefetch_small_bucket;
    // Block by block: a block read to its end goes back to the free list at once, where the
    // lower buckets take their next blocks from (they never take `src`'s own).
    std::vector<Block*> blocks = std::move(src.blocks);
    const std::size_t n = src.size;
    src.blocks.clear();
    src.size = 0;
    src.tail = nullptr;
    for (std::size_t k = 0; k < blocks.size(); ++k) {
      const std::size_t count = std::min(block_events, n - k * block_events);
      for (std::size_t i = 0; i < count; ++i) {
        const QueuedEvent& e = blocks[k]->events[i];
        const unsigned nb = bucket_of(e.time);
        if ((imminent || nb <= prefetch_buckets) && (e.target & 1) == 0) {
          __builtin_prefetch(reinterpret_cast<const void*>(e.target), 1);
          __builtin_prefetch(reinterpret_cast<const char*>(e.target) + 64, 1);
        }
        append(buckets_[nb], e);
        if (nb != 0) nonempty_ |= std::uint64_t{1} << (nb - 1);
      }
      free_.push_back(blocks[k]);
    }
    blocks.clear();
    src.blocks = std::move(blocks);  // keeps its table's capacity
    nonempty_ &= ~(std::uint64_t{1} << (b - 1));
  }

  static constexpr unsigned prefetch_buckets = 3;
  static constexpr std::size_t prefetch_small_bucket = 16;
  Bucket buckets_[65];
  std::vector<Block*> owned_;  // every block, for the destructor
  std::vector<Block*> free_;
  std::size_t head_ = 0;          // read position in bucket 0 (FIFO among equal times)
  const QueuedEvent* read_ = nullptr;  // bucket 0's event at head_, once pop has begun a block
  std::uint64_t nonempty_ = 0;    // bit b-1 set when bucket b (1..64) holds events
  std::size_t size_ = 0;
  std::uint64_t last_ = 0;
};

}  // namespace last100::sim
