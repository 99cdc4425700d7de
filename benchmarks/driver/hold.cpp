// The classic hold model: N entities each hold for an exponential time, then hold again.
// Every engine variant draws the same numbers in the same order, so all of them follow the
// same trajectory; the final clock proves it (it must be equal across variants).

#include "hold.hpp"

#include <chrono>
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

struct Timing {
  double seconds = 0;
  std::uint64_t final_tick = 0;
  std::size_t bytes = 0;
};

// Times the engine until `count` reaches `target`; set-up bytes measured from `before`.
Timing time_engine(sim::Simulation& s, const std::uint64_t& count, std::uint64_t target, std::size_t before) {
  Timing t;
  t.bytes = heap_bytes_in_use() - before;
  const auto t0 = Clock::now();
  s.run_until([&] { return count >= target; });
  t.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  t.final_tick = static_cast<std::uint64_t>(sim::ticks(s.now()));
  return t;
}

sim::Process holder(sim::Simulation& s, Draws& d, std::uint64_t& count) {
  for (;;) {
    co_await s.delay(sim::Duration{static_cast<std::int64_t>(d.next())});
    ++count;
  }
}

Timing hold_processes(const HoldOptions& o) {
  Draws d{sim::Rng(o.seed), o.mean_ticks};
  std::uint64_t count = 0;
  const std::size_t before = heap_bytes_in_use();
  sim::Simulation s;
  for (std::uint64_t i = 0; i < o.pending; ++i) s.start(holder(s, d, count));
  for (std::uint64_t i = 0; i < o.pending; ++i) s.step();  // each start draws its first hold
  return time_engine(s, count, o.events, before);
}

Timing hold_callbacks(const HoldOptions& o) {
  Draws d{sim::Rng(o.seed), o.mean_ticks};
  std::uint64_t count = 0;
  const std::size_t before = heap_bytes_in_use();
  sim::Simulation s;
  auto on_hold = [&](sim::Simulation& sm, std::uint32_t id) {
    ++count;
    sm.schedule_in(sim::Duration{static_cast<std::int64_t>(d.next())}, sim::HandlerId{0}, id);
  };
  s.add_handler(on_hold);
  for (std::uint64_t i = 0; i < o.pending; ++i)
    s.schedule(sim::at_tick(static_cast<std::int64_t>(d.next())), sim::HandlerId{0}, static_cast<std::uint32_t>(i));
  return time_engine(s, count, o.events, before);
}

Timing hold_radix_raw(const HoldOptions& o) {
  Draws d{sim::Rng(o.seed), o.mean_ticks};
  const std::size_t before = heap_bytes_in_use();
  sim::RadixHeap q;
  for (std::uint64_t i = 0; i < o.pending; ++i) q.push({d.next(), static_cast<std::uint32_t>(i), 0});
  Timing t;
  t.bytes = heap_bytes_in_use() - before;
  const auto t0 = Clock::now();
  std::uint64_t now = 0;
  for (std::uint64_t i = 0; i < o.events; ++i) {
    const sim::QueuedEvent e = q.pop();
    now = e.time;
    q.push({now + d.next(), e.target, 0});
  }
  t.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  t.final_tick = now;
  return t;
}

template <class Queue>
Timing hold_heap(const HoldOptions& o) {
  Draws d{sim::Rng(o.seed), o.mean_ticks};
  const std::size_t before = heap_bytes_in_use();
  Queue q;
  std::uint64_t seq = 0;
  for (std::uint64_t i = 0; i < o.pending; ++i) q.push({d.next(), seq++, static_cast<std::uint32_t>(i)});
  Timing t;
  t.bytes = heap_bytes_in_use() - before;
  const auto t0 = Clock::now();
  std::uint64_t now = 0;
  for (std::uint64_t i = 0; i < o.events; ++i) {
    const TimedEntry e = q.top();
    q.pop();
    now = e.time;
    q.push({now + d.next(), seq++, e.id});
  }
  t.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  t.final_tick = now;
  return t;
}

}  // namespace

JsonLine run_hold(const HoldOptions& o) {
  Timing t;
  if (o.engine == "processes") t = hold_processes(o);
  else if (o.engine == "callbacks") t = hold_callbacks(o);
  else if (o.engine == "radix-raw") t = hold_radix_raw(o);
  else if (o.engine == "binary") t = hold_heap<BinaryHeap>(o);
  else if (o.engine == "quaternary") t = hold_heap<QuaternaryHeap>(o);
  else throw std::invalid_argument("unknown engine '" + o.engine + "'");
  JsonLine j;
  j.add("model", std::string("hold"))
      .add("engine", o.engine)
      .add("pending", o.pending)
      .add("events", o.events)
      .add("seconds", t.seconds)
      .add("events_per_second", static_cast<double>(o.events) / t.seconds)
      .add("bytes_per_pending", static_cast<double>(t.bytes) / static_cast<double>(o.pending))
      .add("final_tick", t.final_tick);
  return j;
}

}  // namespace last100::bench
