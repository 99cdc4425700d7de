#pragma once
/// Store: a buffer of items that processes put and get, optionally bounded, with filtered gets
/// ("the next parcel for building 7"). Items handed to a process that is cancelled before it
/// resumes go back to the store, so nothing is lost. An optional monitor records the number of
/// items and of waiting getters over time, and the waits.

#include <algorithm>
#include <coroutine>
#include <cstddef>
#include <deque>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "last100/sim/monitor.hpp"
#include "last100/sim/simulation.hpp"

namespace last100::sim {

template <class T>
class Store {
 public:
  using Filter = std::function<bool(const T&)>;

  explicit Store(Simulation& sim, std::size_t capacity = std::numeric_limits<std::size_t>::max())
      : sim_(sim), capacity_(capacity) {}
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  class [[nodiscard]] GetAwaiter {
   public:
    GetAwaiter(Store& s, Filter f) : store_(s), sim_(s.sim_), filter_(std::move(f)) {}
    GetAwaiter(const GetAwaiter&) = delete;
    ~GetAwaiter() {
      if (sim_.tearing_down()) return;
      // Cancelled before resuming: return a handed-over item to the store, or stop waiting.
      if (item_) store_.put_now(std::move(*item_));
      else if (waiting_) store_.leave_getters(*this);
    }
    bool await_ready() {
      if (sim_.interrupt_pending()) return true;
      item_ = store_.take_matching(filter_);
      if (item_ && store_.monitor_) [[unlikely]]
        store_.monitor_->get_waits.add(0.0);
      return item_.has_value();
    }
    void await_suspend(std::coroutine_handle<>) {
      store_.getters_.push_back({sim_.prepare_wait(), this});
      since_ = sim_.now();
      waiting_ = true;
      ++store_.waiting_getters_;
      store_.record();
    }
    T await_resume() {
      if (waiting_) store_.leave_getters(*this);  // woken without an item: interrupted
      if (sim_.interrupt_pending() && item_) store_.put_now(*std::exchange(item_, std::nullopt));
      sim_.throw_if_interrupted();
      T out = std::move(*item_);
      item_.reset();
      return out;
    }

   protected:
    friend class Store;
    Store& store_;
    Simulation& sim_;
    Filter filter_;
    std::optional<T> item_;
    bool waiting_ = false;  // counted among the waiting getters
    TimePoint since_{};
  };

  /// Waits for an item like GetAwaiter, but gives up after a timeout (returns nullopt).
  class [[nodiscard]] TimedGetAwaiter : public GetAwaiter {
   public:
    TimedGetAwaiter(Store& s, Filter f, Duration timeout) : GetAwaiter(s, std::move(f)), timeout_(timeout) {}
    void await_suspend(std::coroutine_handle<> h) {
      GetAwaiter::await_suspend(h);
      this->sim_.wake_at(this->store_.getters_.back().token, this->sim_.now() + timeout_);
    }
    std::optional<T> await_resume() {
      if (!this->item_ && !this->sim_.interrupt_pending()) {  // timed out
        this->store_.leave_getters(*this);
        return std::nullopt;
      }
      return GetAwaiter::await_resume();
    }

   private:
    Duration timeout_;
  };

  class [[nodiscard]] PutAwaiter {
   public:
    PutAwaiter(Store& s, T item) : store_(s), sim_(s.sim_), item_(std::move(item)) {}
    PutAwaiter(const PutAwaiter&) = delete;
    bool await_ready() {
      if (sim_.interrupt_pending()) return true;
      if (store_.items_.size() < store_.capacity_ && store_.putters_.empty()) {
        store_.put_now(std::move(*item_));
        item_.reset();
        return true;
      }
      return false;
    }
    void await_suspend(std::coroutine_handle<>) { store_.putters_.push_back({sim_.prepare_wait(), this}); }
    void await_resume() { sim_.throw_if_interrupted(); }

   private:
    friend class Store;
    Store& store_;
    Simulation& sim_;
    std::optional<T> item_;  // emptied when the store accepts it
  };

  /// Waits for the oldest item.
  [[nodiscard]] GetAwaiter get() { return GetAwaiter(*this, nullptr); }

  /// Waits for the oldest item for which `filter` returns true.
  [[nodiscard]] GetAwaiter get(Filter filter) { return GetAwaiter(*this, std::move(filter)); }

  /// Waits at most `timeout` for the oldest item matching `filter` (nullptr = any); nullopt if none came.
  [[nodiscard]] TimedGetAwaiter get_within(Duration timeout, Filter filter = nullptr) {
    return TimedGetAwaiter(*this, std::move(filter), timeout);
  }

  /// Puts an item, waiting while the store is full.
  [[nodiscard]] PutAwaiter put(T item) { return PutAwaiter(*this, std::move(item)); }

  /// Puts an item now, ignoring the capacity bound (for callbacks and returned items).
  void put_now(T item) {
    if (hand_to_getter(item)) return;
    items_.push_back(std::move(item));
    record();
  }

  /// Puts an item now like put_now, but kept in the order `less` defines among the stored
  /// items (after its equals), so that gets take the first by that order rather than the oldest.
  template <class Less>
  void put_now_ordered(T item, Less less) {
    if (hand_to_getter(item)) return;
    items_.insert(std::upper_bound(items_.begin(), items_.end(), item, less), std::move(item));
    record();
  }

  /// Takes the oldest item matching `filter` now, if there is one.
  std::optional<T> try_get(const Filter& filter = nullptr) { return take_matching(filter); }

  std::size_t size() const noexcept { return items_.size(); }
  /// Returns the number of processes waiting to get (those that gave up are not counted).
  std::size_t getters_waiting() const noexcept { return waiting_getters_; }

  /// Starts recording statistics from now (restarts them if already on) and returns them.
  StoreMonitor& enable_monitor() {
    if (!monitor_) monitor_ = std::make_unique<StoreMonitor>();
    monitor_->length.reset(sim_.now(), items_.size());
    monitor_->getters.reset(sim_.now(), waiting_getters_);
    monitor_->get_waits.reset();
    monitor_->abandoned.reset();
    return *monitor_;
  }

  /// Returns the statistics, or nullptr when not monitored.
  const StoreMonitor* monitor() const noexcept { return monitor_.get(); }
  std::size_t capacity() const noexcept { return capacity_; }
  const std::deque<T>& items() const noexcept { return items_; }

 private:
  struct PendingGet {
    WaitToken token;
    GetAwaiter* awaiter;
  };
  struct PendingPut {
    WaitToken token;
    PutAwaiter* awaiter;
  };

  // A waiting getter whose filter accepts the item takes it directly, oldest getter first.
  bool hand_to_getter(T& item) {
    // A waiting getter whose filter accepts the item takes it directly, oldest getter first.
    for (std::size_t i = 0; i < getters_.size(); ++i) {
      auto& g = getters_[i];
      if (!sim_.is_waiting(g.token)) {
        getters_.erase(getters_.begin() + static_cast<std::ptrdiff_t>(i--));
        continue;
      }
      if (!g.awaiter->filter_ || g.awaiter->filter_(item)) {
        GetAwaiter& a = *g.awaiter;
        a.item_ = std::move(item);
        sim_.claim(g.token);
        getters_.erase(getters_.begin() + static_cast<std::ptrdiff_t>(i));
        a.waiting_ = false;
        --waiting_getters_;
        if (monitor_) [[unlikely]] {
          monitor_->get_waits.add(to_seconds(sim_.now() - a.since_));
          record_levels();
        }
        return true;
      }
    }
    return false;
  }

  std::optional<T> take_matching(const Filter& filter) {
    for (auto it = items_.begin(); it != items_.end(); ++it) {
      if (!filter || filter(*it)) {
        std::optional<T> out(std::move(*it));
        items_.erase(it);
        record();
        admit_putters();
        return out;
      }
    }
    return std::nullopt;
  }

  // Room was made: accept waiting puts in order.
  void admit_putters() {
    while (!putters_.empty() && items_.size() < capacity_) {
      PendingPut p = putters_.front();
      putters_.erase(putters_.begin());
      if (!sim_.is_waiting(p.token)) continue;
      T item = std::move(*p.awaiter->item_);
      p.awaiter->item_.reset();
      sim_.claim(p.token);
      put_now(std::move(item));
    }
  }

  void leave_getters(GetAwaiter& a) {
    a.waiting_ = false;
    --waiting_getters_;
    if (monitor_) [[unlikely]] {
      monitor_->abandoned.add(to_seconds(sim_.now() - a.since_));
      record_levels();
    }
  }
  void record() {
    if (monitor_) [[unlikely]]
      record_levels();
  }
  void record_levels() {
    monitor_->length.set(sim_.now(), items_.size());
    monitor_->getters.set(sim_.now(), waiting_getters_);
  }

  Simulation& sim_;
  std::size_t capacity_;
  std::size_t waiting_getters_ = 0;  // open gets in getters_ (which also holds stale ones)
  std::unique_ptr<StoreMonitor> monitor_;
  std::deque<T> items_;
  std::vector<PendingGet> getters_;
  std::vector<PendingPut> putters_;
};

}  // namespace last100::sim
