#include "last100/sim/frame_pool.hpp"

#include <sys/mman.h>

#include <mutex>
#include <new>
#include <vector>

namespace last100::sim::detail {
namespace {

// A thread's pool carves its first chunks of 1 MiB on ordinary pages; past 16 MiB of them it
// carves 2 MiB chunks, 2 MiB-aligned, each one transparent huge page (see carve). A small
// simulation keeps its footprint; a large one gets the pages its wake-ups need.
constexpr std::size_t small_chunk_bytes = std::size_t{1} << 20;
constexpr std::size_t small_chunks = 16;
constexpr std::size_t huge_page_bytes = std::size_t{2} << 20;

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

// Asks the kernel for transparent huge pages (THP "always" or "madvise"); a no-op where the
// kernel has none or says no.
void advise_huge_pages(void* p, std::size_t bytes) noexcept {
#ifdef MADV_HUGEPAGE
  (void)::madvise(p, bytes, MADV_HUGEPAGE);
#else
  (void)p;
  (void)bytes;
#endif
}

struct FreeBlock {
  FreeBlock* next;
};

struct ThreadPool {
  std::vector<FreeBlock*> free_lists = std::vector<FreeBlock*>(128, nullptr);
  char* bump = nullptr;
  std::size_t bump_left = 0;

  std::size_t chunks_taken = 0;

  void* carve(std::size_t bytes) {
    if (bytes > small_chunk_bytes / 4) return take_chunk(bytes, 64);
    if (bump_left < bytes) {
      // A wake-up reads a frame header at a random place in the pool: with a million frames
      // (150 MB) on 4 KiB pages nearly every one is a TLB miss, and the queue's prefetch
      // of it waits for the page walk. On 2 MiB pages the pool's pages fit in the TLB.
      const bool huge = chunks_taken++ >= small_chunks;
      bump_left = huge ? huge_page_bytes : small_chunk_bytes;
      bump = static_cast<char*>(take_chunk(bump_left, huge ? huge_page_bytes : 64));
      if (huge) advise_huge_pages(bump, huge_page_bytes);
    }
    void* p = bump;
    bump += bytes;
    bump_left -= bytes;
    return p;
  }
  static void* take_chunk(std::size_t bytes, std::size_t alignment) {
    void* p = ::operator new(bytes, std::align_val_t{alignment});
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
