#pragma once
/// Process: the coroutine type of simulated agents (a courier is a loop that waits, walks,
/// loads and hands over). A Process does nothing until Simulation::start takes it over.

#include <coroutine>
#include <cstdint>
#include <exception>
#include <utility>

#include "last100/sim/frame_pool.hpp"

namespace last100::sim {

class Simulation;

/// Names a started process; stale ids (the process ended) are detected by the generation.
struct ProcessId {
  static constexpr std::uint32_t none = 0xffffffffu;
  std::uint32_t index = none;
  std::uint32_t generation = 0;
  friend bool operator==(ProcessId, ProcessId) = default;
};

/// The return type of process coroutines: `Process courier(Simulation& sim) { co_await ...; }`.
class [[nodiscard]] Process {
 public:
  struct promise_type {
    Simulation* sim = nullptr;

    // Frames come from the frame pool, with the process's hot state in a header in front.
    static void* operator new(std::size_t size) { return detail::frame_of(detail::allocate_frame(size)); }
    static void operator delete(void* frame, std::size_t size) noexcept {
      detail::free_frame(detail::header_of(frame), size);
    }

    Process get_return_object() noexcept {
      return Process{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    struct FinalAwaiter {
      bool await_ready() noexcept { return false; }
      void await_suspend(std::coroutine_handle<promise_type> h) noexcept;
      void await_resume() noexcept {}
    };
    FinalAwaiter final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept;
  };

  Process(Process&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  Process& operator=(Process&& other) noexcept {
    if (this != &other) {
      if (handle_) handle_.destroy();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  ~Process() {
    if (handle_) handle_.destroy();
  }

  /// Gives up ownership of the frame (the simulation owns started processes).
  std::coroutine_handle<promise_type> release() noexcept { return std::exchange(handle_, {}); }

 private:
  explicit Process(std::coroutine_handle<promise_type> h) noexcept : handle_(h) {}
  std::coroutine_handle<promise_type> handle_;
};

}  // namespace last100::sim
