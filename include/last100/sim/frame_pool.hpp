#pragma once
/// FramePool: where process coroutine frames live. Each frame is preceded by a FrameHeader
/// that holds the hot state of its process (the wait epoch, the wake value, the state).
///
/// Why: queued wake-ups point straight at the header, so running an event touches one place
/// in memory, which the queue can prefetch, instead of a process table and then the frame.
/// Blocks are recycled through per-size free lists and never returned to the system, so a
/// stale wake-up still in the queue always reads a valid header: the epoch it finds there
/// (which only ever grows, even across reuse) tells it that it is stale.

#include <cstddef>
#include <cstdint>

namespace last100::sim::detail {

enum class FrameState : std::uint8_t { free, waiting, scheduled, running };

struct alignas(16) FrameHeader {
  std::uint32_t epoch;  // bumped whenever a wait ends; never reset
  std::uint32_t wake;   // value handed over by whoever woke the process
  std::uint32_t slot;   // index in the simulation's process table
  FrameState state;
  bool interrupt_pending;
  bool has_extras;      // joiners or an interrupt reason are stored aside
  std::uint8_t unused;
};
static_assert(sizeof(FrameHeader) == 16);

/// Returns a block with a FrameHeader in front of `size` bytes of frame; the frame follows it.
FrameHeader* allocate_frame(std::size_t size);

/// Recycles a block obtained from allocate_frame with the same size.
void free_frame(FrameHeader* header, std::size_t size) noexcept;

/// Returns the frame that follows a header.
inline void* frame_of(FrameHeader* h) noexcept { return h + 1; }

/// Returns the header in front of a frame.
inline FrameHeader* header_of(void* frame) noexcept { return static_cast<FrameHeader*>(frame) - 1; }

}  // namespace last100::sim::detail
