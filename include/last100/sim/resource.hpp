#pragma once
/// Resource: a pool of identical units (lift cars, loading bays, couriers at a gate) that
/// processes request and release, served by priority, then first come first served.
/// request_within gives up after a patience (SimPy's `req | timeout(patience)`); an optional
/// monitor records queue length, units in use, waits and abandonments.

#include <coroutine>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "last100/sim/monitor.hpp"
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

  class [[nodiscard]] RequestAwaiter {
   public:
    RequestAwaiter(Resource& r, std::int32_t priority) : res_(r), sim_(r.sim_), priority_(priority) {}
    RequestAwaiter(const RequestAwaiter&) = delete;
    ~RequestAwaiter() {
      // Cancelled before resuming: give a granted unit back, or leave the queue. During
      // teardown the resource may be gone already, so ask the simulation first.
      if (sim_.tearing_down()) return;
      if (granted_) res_.release();
      else if (queued_) res_.leave_queue(*this);
    }
    bool await_ready() {
      if (sim_.interrupt_pending()) return true;
      // A free unit is free for anyone: release and set_capacity hand free units to the queue
      // until none is left or no request can take one, so a request still counted as waiting
      // then is one that is leaving (interrupted, not yet resumed). Waiting behind it would
      // lose the unit until the next release (issue 13).
      if (res_.in_use_ < res_.capacity_) {
        res_.take_unit(Duration{0});
        granted_ = true;
        return true;
      }
      return false;
    }
    void await_suspend(std::coroutine_handle<>) {
      token_ = sim_.prepare_wait();
      since_ = sim_.now();
      queued_ = true;
      res_.enqueue({token_, -priority_, res_.next_seq_++, this});
    }
    Grant await_resume() {
      if (granted_ && sim_.interrupt_pending()) {
        // Interrupted after the unit was handed over but before it was taken: hand it back.
        granted_ = false;
        res_.release();
      } else if (queued_) {
        res_.leave_queue(*this);  // woken without a unit: interrupted while queueing
      }
      sim_.throw_if_interrupted();
      granted_ = false;
      return Grant{&res_, &sim_};
    }

   protected:
    friend class Resource;
    Resource& res_;
    Simulation& sim_;
    std::int32_t priority_;
    bool granted_ = false;  // a unit is ours but not yet taken by await_resume
    bool queued_ = false;   // counted among the waiting requests
    WaitToken token_;
    TimePoint since_{};
  };

  /// Waits for a unit like RequestAwaiter, but gives up after a patience (nullopt).
  class [[nodiscard]] TimedRequestAwaiter : public RequestAwaiter {
   public:
    TimedRequestAwaiter(Resource& r, Duration patience, std::int32_t priority)
        : RequestAwaiter(r, priority), patience_(patience) {}
    void await_suspend(std::coroutine_handle<> h) {
      RequestAwaiter::await_suspend(h);
      sim_.wake_at(token_, sim_.now() + patience_);
    }
    std::optional<Grant> await_resume() {
      if (!granted_ && !sim_.interrupt_pending()) {  // the patience ran out first
        res_.leave_queue(*this);
        return std::nullopt;
      }
      return RequestAwaiter::await_resume();
    }

   private:
    Duration patience_;
  };

  /// Waits for a unit; higher priority first, FIFO among equals. Returns a Grant.
  [[nodiscard]] RequestAwaiter request(std::int32_t priority = 0) { return RequestAwaiter(*this, priority); }

  /// Waits at most `patience` for a unit (reneging); returns a Grant, or nullopt if none came.
  [[nodiscard]] TimedRequestAwaiter request_within(Duration patience, std::int32_t priority = 0) {
    return TimedRequestAwaiter(*this, patience, priority);
  }

  /// Returns a unit and hands it to the next open request, if any.
  void release();

  std::uint32_t capacity() const noexcept { return capacity_; }
  std::uint32_t in_use() const noexcept { return in_use_; }
  /// Returns the number of requests waiting (those that gave up are not counted).
  std::size_t queue_length() const noexcept { return waiting_; }

  /// Changes the capacity; extra units are handed out at once, removed ones as they return.
  void set_capacity(std::uint32_t capacity);

  /// Starts recording statistics from now (restarts them if already on) and returns them.
  ResourceMonitor& enable_monitor();

  /// Returns the statistics, or nullptr when not monitored.
  const ResourceMonitor* monitor() const noexcept { return monitor_.get(); }

 private:
  struct Pending {
    WaitToken token;
    std::int32_t neg_priority;
    std::uint64_t seq;
    RequestAwaiter* awaiter;
  };
  void enqueue(const Pending& p);
  bool grant_next();
  void take_unit(Duration waited);
  void leave_queue(RequestAwaiter& a);
  void record() {
    if (monitor_) [[unlikely]]
      record_levels();
  }
  void record_levels();

  Simulation& sim_;
  std::uint32_t capacity_;
  std::uint32_t in_use_ = 0;
  std::size_t waiting_ = 0;     // open requests in queue_ (the heap also holds stale ones)
  std::uint64_t next_seq_ = 0;
  std::vector<Pending> queue_;  // binary heap on (neg_priority, seq); stale entries skipped
  std::unique_ptr<ResourceMonitor> monitor_;
};

inline void Grant::release() noexcept {
  Resource* r = std::exchange(resource_, nullptr);
  if (r && !sim_->tearing_down()) r->release();
}

}  // namespace last100::sim
