#include "last100/sim/frame_pool.hpp"

#include <mutex>
#include <new>
#include <vector>

namespace last100::sim::detail {
namespace {

constexpr std::size_t chunk_bytes = std::size_t{1} << 20;

// Size classes: 16-byte steps to 1 KiB, then powers of two.
std::size_t class_of(std::size_t bytes) noexcept {
  if (bytes <= 1024) return (bytes + 15) / 16;
  std::size_t c = 64, cap = 1024;
  while (cap < bytes) {
    cap *= 2;
    ++c;
  }
  return c;
}
std::size_t class_bytes(std::size_t c) noexcept { return c <= 64 ? c * 16 : std::size_t{1024} << (c - 64); }

// Chunks are shared by all threads' pools and kept for the life of the program (see header).
std::mutex chunks_mutex;
std::vector<void*>& all_chunks() {
  static auto* chunks = new std::vector<void*>();  // reachable until exit: not a leak
  return *chunks;
}

struct FreeBlock {
  FreeBlock* next;
};

struct ThreadPool {
  std::vector<FreeBlock*> free_lists = std::vector<FreeBlock*>(128, nullptr);
  char* bump = nullptr;
  std::size_t bump_left = 0;

  void* carve(std::size_t bytes) {
    if (bytes > chunk_bytes / 4) return take_chunk(bytes);
    if (bump_left < bytes) {
      bump = static_cast<char*>(take_chunk(chunk_bytes));
      bump_left = chunk_bytes;
    }
    void* p = bump;
    bump += bytes;
    bump_left -= bytes;
    return p;
  }
  static void* take_chunk(std::size_t bytes) {
    void* p = ::operator new(bytes, std::align_val_t{64});
    std::lock_guard lock(chunks_mutex);
    all_chunks().push_back(p);
    return p;
  }
};

thread_local ThreadPool pool;

}  // namespace

FrameHeader* allocate_frame(std::size_t size) {
  const std::size_t c = class_of(size + sizeof(FrameHeader));
  if (c >= pool.free_lists.size()) pool.free_lists.resize(c + 1, nullptr);
  FrameHeader* h;
  if (FreeBlock* b = pool.free_lists[c]) {
    pool.free_lists[c] = b->next;
    h = header_of(b);  // its epoch survived the free: keep it growing
  } else {
    h = static_cast<FrameHeader*>(pool.carve(class_bytes(c)));
    h->epoch = 0;
  }
  h->wake = 0;
  h->slot = 0;
  h->state = FrameState::free;
  h->interrupt_pending = false;
  h->has_extras = false;
  return h;
}

void free_frame(FrameHeader* header, std::size_t size) noexcept {
  const std::size_t c = class_of(size + sizeof(FrameHeader));
  ++header->epoch;
  header->state = FrameState::free;
  // The link lives in the dead frame, never in the header that stale wake-ups still read.
  auto* b = static_cast<FreeBlock*>(frame_of(header));
  b->next = pool.free_lists[c];
  pool.free_lists[c] = b;
}

}  // namespace last100::sim::detail
