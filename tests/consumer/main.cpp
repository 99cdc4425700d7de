// Links the installed library and runs a tiny process: packaging works end to end.
#include <last100/sim.hpp>

#include <chrono>
#include <cstdio>

using namespace std::chrono_literals;

namespace {
last100::sim::Process ticker(last100::sim::Simulation& sim, int& count) {
  for (int i = 0; i < 3; ++i) {
    co_await sim.delay(90s);
    ++count;
  }
}
}  // namespace

int main() {
  last100::sim::Simulation sim;
  int count = 0;
  sim.start(ticker(sim, count));
  sim.run();
  const bool ok = count == 3 && sim.now() == last100::sim::at_tick(270'000);
  std::printf("consumer: %s\n", ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
