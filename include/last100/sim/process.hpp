#pragma once
/// Process: the coroutine type of simulated agents (a courier is a loop that waits, walks,
/// loads and hands over). A Process does nothing until Simulation::start takes it over.
/// ProcessOf<T> is a process that returns a T, which `co_await sim.join(result)` yields.

#include <concepts>
#include <coroutine>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "last100/sim/frame_pool.hpp"

namespace last100::sim {

class Simulation;
struct ProcessPromise;
template <class T>
struct ProcessOfPromise;

/// Names a started process; stale ids (the process ended) are detected by the generation.
struct ProcessId {
  static constexpr std::uint32_t none = 0xffffffffu;
  std::uint32_t index = none;
  std::uint32_t generation = 0;
  friend bool operator==(ProcessId, ProcessId) = default;
};

namespace detail {

/// What every process promise shares: frames from the pool (with the hot state in a header in
/// front), a suspended start, and the hand-over to the simulation at the end.
struct PromiseBase {
  Simulation* sim = nullptr;

  static void* operator new(std::size_t size) { return frame_of(allocate_frame(size)); }
  static void operator delete(void* frame, std::size_t size) noexcept { free_frame(header_of(frame), size); }

  std::suspend_always initial_suspend() noexcept { return {}; }
  struct FinalAwaiter {
    Simulation* sim;
    bool await_ready() noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) noexcept;  // the simulation destroys the frame
    void await_resume() noexcept {}
  };
  FinalAwaiter final_suspend() noexcept { return {sim}; }
  void unhandled_exception() noexcept;
};

/// Owns a coroutine frame until Simulation::start takes it.
template <class Promise>
class OwnedFrame {
 public:
  OwnedFrame(OwnedFrame&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  OwnedFrame& operator=(OwnedFrame&& other) noexcept {
    if (this != &other) {
      if (handle_) handle_.destroy();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  OwnedFrame(const OwnedFrame&) = delete;
  OwnedFrame& operator=(const OwnedFrame&) = delete;
  ~OwnedFrame() {
    if (handle_) handle_.destroy();
  }

  /// Gives up ownership of the frame (the simulation owns started processes).
  std::coroutine_handle<Promise> release() noexcept { return std::exchange(handle_, {}); }

 protected:
  explicit OwnedFrame(std::coroutine_handle<Promise> h) noexcept : handle_(h) {}
  std::coroutine_handle<Promise> handle_;
};

}  // namespace detail

/// The return type of process coroutines: `Process courier(Simulation& sim) { co_await ...; }`.
class [[nodiscard]] Process : public detail::OwnedFrame<ProcessPromise> {
 public:
  using promise_type = ProcessPromise;

 private:
  friend struct ProcessPromise;
  explicit Process(std::coroutine_handle<ProcessPromise> h) noexcept : OwnedFrame(h) {}
};

struct ProcessPromise : detail::PromiseBase {
  Process get_return_object() noexcept { return Process{std::coroutine_handle<ProcessPromise>::from_promise(*this)}; }
  void return_void() noexcept {}
};

/// The value a ProcessOf<T> returned, shared by the frame and the ProcessResult handles.
template <class T>
using ResultCell = std::shared_ptr<std::optional<T>>;

/// The return type of a process that returns a value:
/// `ProcessOf<int> count(Simulation& sim) { ...; co_return n; }`.
/// (Named ProcessOf, not Process<T>: C++ cannot have both a class and a template `Process`.)
template <class T>
class [[nodiscard]] ProcessOf : public detail::OwnedFrame<ProcessOfPromise<T>> {
 public:
  using promise_type = ProcessOfPromise<T>;
  static_assert(!std::is_void_v<T> && !std::is_reference_v<T>, "ProcessOf<T>: use Process for no value, values for T");

  /// Returns the cell the value will be written to.
  const ResultCell<T>& cell() const noexcept { return cell_; }

 private:
  friend struct ProcessOfPromise<T>;
  ProcessOf(std::coroutine_handle<promise_type> h, ResultCell<T> cell) noexcept
      : detail::OwnedFrame<promise_type>(h), cell_(std::move(cell)) {}
  ResultCell<T> cell_;
};

template <class T>
struct ProcessOfPromise : detail::PromiseBase {
  // One allocation per value-returning process (not per event): the value outlives the frame.
  ResultCell<T> cell = std::make_shared<std::optional<T>>();
  ProcessOf<T> get_return_object() { return {std::coroutine_handle<ProcessOfPromise>::from_promise(*this), cell}; }
  template <class U = T>
    requires std::convertible_to<U&&, T>
  void return_value(U&& value) {
    cell->emplace(std::forward<U>(value));
  }
};

/// A started ProcessOf<T>: its id (converts to ProcessId for interrupt, cancel, alive) and,
/// once it has returned, its value.
template <class T>
class ProcessResult {
 public:
  ProcessResult(ProcessId id, ResultCell<T> cell) : id_(id), cell_(std::move(cell)) {}

  ProcessId id() const noexcept { return id_; }
  operator ProcessId() const noexcept { return id_; }  // NOLINT: a result names its process

  /// Returns true once the process has returned its value (false while running or if cancelled).
  bool has_value() const noexcept { return cell_->has_value(); }

  /// Returns the value; throws std::logic_error if the process has not returned one.
  const T& value() const {
    if (!cell_->has_value())
      throw std::logic_error("ProcessResult::value: the process has not returned a value (still running or cancelled)");
    return **cell_;
  }

  /// Moves the value out (for move-only T; later calls see no value).
  T take() {
    T out = std::move(const_cast<T&>(value()));
    cell_->reset();
    return out;
  }

 private:
  ProcessId id_;
  ResultCell<T> cell_;
};

}  // namespace last100::sim
