// Compiled by CTest, never linked: with one FORGET_<awaitable> macro defined, a process calls
// that awaitable without co_await, which must be an error under -Wall -Wextra -Werror
// ([[nodiscard]]); with none defined, every awaitable is awaited and the file must compile.
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
#if defined(FORGET_delay)
  sim.delay(1s);
#elif defined(FORGET_delay_until)
  sim.delay_until(sim.now());
#elif defined(FORGET_join)
  sim.join(ProcessId{});
#elif defined(FORGET_join_value)
  sim.join(v);
#elif defined(FORGET_wait)
  e.wait();
#elif defined(FORGET_any_of)
  any_of(sim, e, f);
#elif defined(FORGET_any_of_within)
  any_of_within(sim, 1s, e, f);
#elif defined(FORGET_all_of)
  all_of(sim, e, f);
#elif defined(FORGET_request)
  r.request();
#elif defined(FORGET_request_within)
  r.request_within(1s);
#elif defined(FORGET_get)
  s.get();
#elif defined(FORGET_get_filter)
  s.get([](const int& x) { return x > 0; });
#elif defined(FORGET_get_within)
  s.get_within(1s);
#elif defined(FORGET_put)
  s.put(1);
#elif defined(FORGET_value_process)
  value(sim);
#else
  co_await sim.delay(1s);
  co_await sim.delay_until(sim.now());
  co_await sim.join(ProcessId{});
  (void)co_await sim.join(v);
  co_await e.wait();
  (void)co_await any_of(sim, e, f);
  (void)co_await any_of_within(sim, 1s, e, f);
  (void)co_await all_of(sim, e, f);
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
