// Compiled by CTest, never linked (check-forgotten.cmake): with FORGET_ALL defined, a process
// calls every awaitable without co_await, and each line marked "forget" must draw its own
// nodiscard error under -Wall -Wextra -Werror; without it, every awaitable is awaited and the
// file must compile cleanly.
#include "last100/sim.hpp"

using namespace last100::sim;
using namespace std::chrono_literals;

namespace {

ProcessOf<int> value(Simulation& sim) {
  co_await sim.delay(1s);
  co_return 1;
}

Process model([[maybe_unused]] Simulation& sim, [[maybe_unused]] Resource& r, [[maybe_unused]] Store<int>& s,
              [[maybe_unused]] Event& e, [[maybe_unused]] Event& f, [[maybe_unused]] ProcessResult<int> v) {
#if defined(FORGET_ALL)
  sim.delay(1s);  // forget
  sim.delay_until(sim.now());  // forget
  sim.join(ProcessId{});  // forget
  sim.join(v);  // forget
  e.wait();  // forget
  any_of(sim, e, f);  // forget
  any_of_within(sim, 1s, e, f);  // forget
  all_of(sim, e, f);  // forget
  all_of_within(sim, 1s, e, f);  // forget
  r.request();  // forget
  r.request_within(1s);  // forget
  s.get();  // forget
  s.get([](const int& x) { return x > 0; });  // forget
  s.get_within(1s);  // forget
  s.put(1);  // forget
  value(sim);  // forget
#else
  co_await sim.delay(1s);
  co_await sim.delay_until(sim.now());
  co_await sim.join(ProcessId{});
  (void)co_await sim.join(v);
  co_await e.wait();
  (void)co_await any_of(sim, e, f);
  (void)co_await any_of_within(sim, 1s, e, f);
  (void)co_await all_of(sim, e, f);
  (void)co_await all_of_within(sim, 1s, e, f);
  auto g = co_await r.request();
  auto h = co_await r.request_within(1s);
  (void)co_await s.get();
  (void)co_await s.get([](const int& x) { return x > 0; });
  (void)co_await s.get_within(1s);
  co_await s.put(1);
  sim.start(value(sim));
#endif
  co_return;
}

}  // namespace

// Referenced so that -Wunused-function stays quiet about the coroutine.
auto* keep = &model;
