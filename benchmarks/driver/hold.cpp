// The classic hold model: N entities each hold for an exponential time, then hold again.
// Every engine variant draws the same numbers in the same order, so all of them follow the
// same trajectory; the final clock proves it (it must be equal across variants).

#include "hold.hpp"

#include <chrono>
#include <memory>
#include <stdexcept>

#include "baseline_queues.hpp"
#include "last100/sim.hpp"

namespace last100::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Draws {
  sim::Rng rng;
  double mean;
  std::uint64_t next() { return static_cast<std::uint64_t>(rng.exponential(mean)); }
};

// One engine with its N first holds scheduled, advanced by a number of events at a time.
class HoldEngine {
 public:
  explicit HoldEngine(const HoldOptions& o) : d_{sim::Rng(o.seed), o.mean_ticks} {}
  virtual ~HoldEngine() = default;
  HoldEngine(const HoldEngine&) = delete;
  HoldEngine& operator=(const HoldEngine&) = delete;
  /// Runs `events` more hold events.
  virtual void advance(std::uint64_t events) = 0;
  /// Returns the clock (the time of the last event run).
  virtual std::uint64_t now() const = 0;

 protected:
  Draws d_;
};

sim::Process holder(sim::Simulation& s, Draws& d, std::uint64_t& count) {
  for (;;) {
    co_await s.delay(sim::Duration{static_cast<std::int64_t>(d.next())});
    ++count;
  }
}

class Processes final : public HoldEngine {
 public:
  explicit Processes(const HoldOptions& o) : HoldEngine(o) {
    for (std::uint64_t i = 0; i < o.pending; ++i) s_.start(holder(s_, d_, count_));
    for (std::uint64_t i = 0; i < o.pending; ++i) s_.step();  // each start draws its first hold
  }
  void advance(std::uint64_t events) override {
    const std::uint64_t target = count_ + events;
    s_.run_until([&] { return count_ >= target; });
  }
  std::uint64_t now() const override { return static_cast<std::uint64_t>(sim::ticks(s_.now())); }

 private:
  sim::Simulation s_;
  std::uint64_t count_ = 0;
};

class Callbacks final : public HoldEngine {
 public:
  explicit Callbacks(const HoldOptions& o) : HoldEngine(o), on_hold_{this} {
    s_.add_handler(on_hold_);
    for (std::uint64_t i = 0; i < o.pending; ++i)
      s_.schedule(sim::at_tick(static_cast<std::int64_t>(d_.next())), sim::HandlerId{0}, static_cast<std::uint32_t>(i));
  }
  void advance(std::uint64_t events) override {
    const std::uint64_t target = count_ + events;
    s_.run_until([&] { return count_ >= target; });
  }
  std::uint64_t now() const override { return static_cast<std::uint64_t>(sim::ticks(s_.now())); }

 private:
  struct OnHold {
    Callbacks* self;
    void operator()(sim::Simulation& sm, std::uint32_t id) const {
      ++self->count_;
      sm.schedule_in(sim::Duration{static_cast<std::int64_t>(self->d_.next())}, sim::HandlerId{0}, id);
    }
  };
  sim::Simulation s_;
  std::uint64_t count_ = 0;
  OnHold on_hold_;
};

class RadixRaw final : public HoldEngine {
 public:
  explicit RadixRaw(const HoldOptions& o) : HoldEngine(o) {
    for (std::uint64_t i = 0; i < o.pending; ++i) q_.push({d_.next(), static_cast<std::uint32_t>(i), 0});
  }
  void advance(std::uint64_t events) override {
    std::uint64_t now = now_;  // a local, as in a bare loop: no store through `this` per event
    for (std::uint64_t i = 0; i < events; ++i) {
      const sim::QueuedEvent e = q_.pop();
      now = e.time;
      q_.push({now + d_.next(), e.target, 0});
    }
    now_ = now;
  }
  std::uint64_t now() const override { return now_; }

 private:
  sim::RadixHeap q_;
  std::uint64_t now_ = 0;
};

template <class Queue>
class Heap final : public HoldEngine {
 public:
  explicit Heap(const HoldOptions& o) : HoldEngine(o) {
    for (std::uint64_t i = 0; i < o.pending; ++i) q_.push({d_.next(), seq_++, static_cast<std::uint32_t>(i)});
  }
  void advance(std::uint64_t events) override {
    std::uint64_t now = now_, seq = seq_;  // locals, as in a bare loop
    for (std::uint64_t i = 0; i < events; ++i) {
      const TimedEntry e = q_.top();
      q_.pop();
      now = e.time;
      q_.push({now + d_.next(), seq++, e.id});
    }
    now_ = now;
    seq_ = seq;
  }
  std::uint64_t now() const override { return now_; }

 private:
  Queue q_;
  std::uint64_t seq_ = 0;
  std::uint64_t now_ = 0;
};

// An engine with its set-up bytes (heap growth while the N first holds were scheduled).
struct Built {
  std::unique_ptr<HoldEngine> engine;
  std::size_t bytes = 0;
};

Built build(const HoldOptions& o) {
  const std::size_t before = heap_bytes_in_use();
  Built b;
  if (o.engine == "processes") b.engine = std::make_unique<Processes>(o);
  else if (o.engine == "callbacks") b.engine = std::make_unique<Callbacks>(o);
  else if (o.engine == "radix-raw") b.engine = std::make_unique<RadixRaw>(o);
  else if (o.engine == "binary") b.engine = std::make_unique<Heap<BinaryHeap>>(o);
  else if (o.engine == "quaternary") b.engine = std::make_unique<Heap<QuaternaryHeap>>(o);
  else throw std::invalid_argument("unknown engine '" + o.engine + "'");
  b.bytes = heap_bytes_in_use() - before;
  return b;
}

double timed_advance(HoldEngine& e, std::uint64_t events) {
  const auto t0 = Clock::now();
  e.advance(events);
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

JsonLine result(const HoldOptions& o, const Built& b, double seconds) {
  JsonLine j;
  j.add("model", std::string("hold"))
      .add("engine", o.engine)
      .add("pending", o.pending)
      .add("events", o.events)
      .add("seconds", seconds)
      .add("events_per_second", static_cast<double>(o.events) / seconds)
      .add("bytes_per_pending", static_cast<double>(b.bytes) / static_cast<double>(o.pending))
      .add("final_tick", b.engine->now());
  return j;
}

}  // namespace

JsonLine run_hold(const HoldOptions& o) {
  const Built b = build(o);
  return result(o, b, timed_advance(*b.engine, o.events));
}

JsonLine run_hold_with_baseline(const HoldOptions& o, std::uint64_t slices) {
  if (slices <= 1) {
    JsonLine j = run_hold(o);
    HoldOptions base = o;
    base.engine = "binary";
    return j.add("baseline", run_hold(base));
  }
  HoldOptions base = o;
  base.engine = "binary";
  const Built a = build(o);
  const Built b = build(base);
  double ta = 0, tb = 0;
  for (std::uint64_t k = 0; k < slices; ++k) {
    const std::uint64_t n = o.events / slices + (k < o.events % slices ? 1 : 0);
    if (k % 2 == 0) {  // alternate which goes first, so neither always follows the other
      ta += timed_advance(*a.engine, n);
      tb += timed_advance(*b.engine, n);
    } else {
      tb += timed_advance(*b.engine, n);
      ta += timed_advance(*a.engine, n);
    }
  }
  return result(o, a, ta).add("slices", slices).add("baseline", result(base, b, tb).add("slices", slices));
}

}  // namespace last100::bench
