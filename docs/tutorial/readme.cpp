// The README's first look at the engine (README.md quotes the region below): couriers that walk
// between buildings and ride one shared lift. Built and run by CTest, like the tutorial's programs.
// [courier]
#include <last100/sim.hpp>
using namespace std::chrono_literals;

last100::sim::Process courier(last100::sim::Simulation& sim, last100::sim::Resource& lift) {
  for (;;) {
    co_await sim.delay(90s);               // walk to the next building
    auto ride = co_await lift.request();   // wait for the lift
    co_await sim.delay(20s);
  }
}
// [/courier]

#include <cstdio>

int main() {
  last100::sim::Simulation sim;
  last100::sim::Resource lift(sim, 1);
  const auto& stats = lift.enable_monitor();
  for (int i = 0; i < 5; ++i) sim.start(courier(sim, lift));
  const last100::sim::TimePoint end{std::chrono::hours{1}};
  sim.run_until(end);
  // Five couriers, each needing the lift for 20 s of every 110 s or more: busy at most
  // 5 x 20 / 110 = 91% of the time, and every one of them rode it.
  const double busy = stats.utilisation(end).value_or(0);
  std::printf("lift busy %.0f%% of the hour, %.0f rides waited for on average %.0f s\n", 100 * busy,
              static_cast<double>(stats.waits.count()), stats.waits.mean().value_or(0));
  return busy > 0.5 && busy <= 5 * 20.0 / 110 + 1e-9 ? 0 : 1;
}
