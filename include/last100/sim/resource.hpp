#pragma once
/// Resource: a pool of identical units (lift cars, loading bays, couriers at a gate) that
/// processes request and release, served by priority, then first come first served.

#include <coroutine>
#include <cstdint>
#include <utility>
#include <vector>

#include "last100/sim/simulation.hpp"

namespace last100::sim {

class Resource;

/// Holds one unit of a Resource; releases it when destroyed unless released before.
class [[nodiscard]] Grant {
 public:
  Grant() = default;
  Grant(Resource* r, const Simulation* sim) noexcept : resource_(r), sim_(sim) {}
  Grant(Grant&& o) noexcept : resource_(std::exchange(o.resource_, nullptr)), sim_(o.sim_) {}
  Grant& operator=(Grant&& o) noexcept {
    if (this != &o) {
      release();
      resource_ = std::exchange(o.resource_, nullptr);
      sim_ = o.sim_;
    }
    return *this;
  }
  ~Grant() { release(); }

  /// Gives the unit back now.
  void release() noexcept;
  bool holds() const noexcept { return resource_ != nullptr; }

 private:
  Resource* resource_ = nullptr;
  const Simulation* sim_ = nullptr;  // outlives the resource during teardown; checked first
};

class Resource {
 public:
  Resource(Simulation& sim, std::uint32_t capacity) : sim_(sim), capacity_(capacity) {}
  Resource(const Resource&) = delete;
  Resource& operator=(const Resource&) = delete;

  class RequestAwaiter {
   public:
    RequestAwaiter(Resource& r, std::int32_t priority) : res_(r), sim_(r.sim_), priority_(priority) {}
    RequestAwaiter(const RequestAwaiter&) = delete;
    ~RequestAwaiter() {
      // Granted but never resumed (the process was cancelled): give the unit back. During
      // teardown the resource may be gone already, so ask the simulation first.
      if (granted_ && !sim_.tearing_down()) res_.release();
    }
    bool await_ready() {
      if (res_.sim_.interrupt_pending()) return true;
      if (res_.in_use_ < res_.capacity_ && res_.queue_.empty()) {
        ++res_.in_use_;
        granted_ = true;
        return true;
      }
      return false;
    }
    void await_suspend(std::coroutine_handle<>) { res_.enqueue({res_.sim_.prepare_wait(), -priority_, res_.next_seq_++, this}); }
    Grant await_resume() {
      if (granted_ && res_.sim_.interrupt_pending()) {
        // Interrupted before the unit was taken: hand it back, then raise.
        granted_ = false;
        res_.release();
      }
      res_.sim_.throw_if_interrupted();
      granted_ = false;
      return Grant{&res_, &sim_};
    }

   private:
    friend class Resource;
    Resource& res_;
    Simulation& sim_;
    std::int32_t priority_;
    bool granted_ = false;
  };

  /// Waits for a unit; higher priority first, FIFO among equals. Returns a Grant.
  RequestAwaiter request(std::int32_t priority = 0) { return RequestAwaiter(*this, priority); }

  /// Returns a unit and hands it to the next open request, if any.
  void release();

  std::uint32_t capacity() const noexcept { return capacity_; }
  std::uint32_t in_use() const noexcept { return in_use_; }
  /// Returns the number of queued requests (stale ones of interrupted processes included).
  std::size_t queue_length() const noexcept { return queue_.size(); }

  /// Changes the capacity; extra units are handed out at once, removed ones as they return.
  void set_capacity(std::uint32_t capacity);

 private:
  struct Pending {
    WaitToken token;
    std::int32_t neg_priority;
    std::uint64_t seq;
    RequestAwaiter* awaiter;
  };
  void enqueue(const Pending& p);
  bool grant_next();

  Simulation& sim_;
  std::uint32_t capacity_;
  std::uint32_t in_use_ = 0;
  std::uint64_t next_seq_ = 0;
  std::vector<Pending> queue_;  // binary heap on (neg_priority, seq)
};

inline void Grant::release() noexcept {
  Resource* r = std::exchange(resource_, nullptr);
  if (r && !sim_->tearing_down()) r->release();
}

}  // namespace last100::sim
