// The classic hold model in ns-3, for comparison with last100-bench hold.
//
// N entities each hold for an exponential time, then hold again: every event is a
// Simulator::Schedule(MilliSeconds(draw), &Hold, id) of a plain function. Time resolution is
// set to milliseconds, so times are integer ticks as in last100. The run stops after M hold
// events (a counter, then Simulator::Stop()). Prints one JSON line shaped like last100-bench's.
//
// Draws: by default std::mt19937_64 with an inverse-CDF exponential, truncated to whole ms
// (--rng ns3 uses ns-3's ExponentialRandomVariable, MRG32k3a, instead). The trajectory is not
// the one last100-bench follows (different generator), only the same model and parameters.
// Scheduler: ns-3's default ns3::MapScheduler, or --scheduler heap|calendar|priority|list.
// bytes_per_pending: heap bytes (mallinfo2) in use after scheduling the N first holds, per entity.
//
// Optional peer benchmark, not part of the CMake build or CI: scripts/bench-peers.sh builds
// it with g++ -O2 against Debian's libns3-dev (3.37).

#include <malloc.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include "ns3/core-module.h"

using namespace ns3;

namespace {

std::uint64_t g_events = 0;  // M
std::uint64_t g_count = 0;
double g_mean = 1e6;
bool g_use_ns3_rng = false;
std::mt19937_64 g_gen(1);
Ptr<ExponentialRandomVariable> g_exp;

std::uint64_t Draw() {
  if (g_use_ns3_rng) return static_cast<std::uint64_t>(g_exp->GetValue());
  const double u = static_cast<double>(g_gen() >> 11) * 0x1.0p-53;  // [0, 1)
  return static_cast<std::uint64_t>(-g_mean * std::log1p(-u));
}

void Hold(std::uint32_t id) {
  if (g_count >= g_events) return;  // events already due at the stop tick
  if (++g_count == g_events) {
    Simulator::Stop();
    return;
  }
  Simulator::Schedule(MilliSeconds(Draw()), &Hold, id);
}

std::size_t HeapBytes() {
  const struct mallinfo2 mi = mallinfo2();
  return mi.uordblks + mi.hblkhd;
}

[[noreturn]] void Usage(const char* argv0) {
  std::fprintf(stderr,
               "usage: %s [--pending N] [--events M] [--mean-ticks T] [--seed S]\n"
               "          [--scheduler map|heap|calendar|priority|list] [--rng mt19937|ns3]\n",
               argv0);
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t pending = 10000;
  std::uint64_t events = 10000000;
  std::uint64_t seed = 1;
  std::string scheduler = "map";
  std::string rng = "mt19937";
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) Usage(argv[0]);
    const char* v = argv[++i];
    if (a == "--pending" || a == "-n") pending = std::strtoull(v, nullptr, 10);
    else if (a == "--events" || a == "-m") events = std::strtoull(v, nullptr, 10);
    else if (a == "--mean-ticks") g_mean = std::strtod(v, nullptr);
    else if (a == "--seed") seed = std::strtoull(v, nullptr, 10);
    else if (a == "--scheduler") scheduler = v;
    else if (a == "--rng") rng = v;
    else Usage(argv[0]);
  }
  if (pending == 0 || events == 0 || g_mean <= 0) Usage(argv[0]);

  std::string type;
  if (scheduler == "map") type = "ns3::MapScheduler";
  else if (scheduler == "heap") type = "ns3::HeapScheduler";
  else if (scheduler == "calendar") type = "ns3::CalendarScheduler";
  else if (scheduler == "priority") type = "ns3::PriorityQueueScheduler";
  else if (scheduler == "list") type = "ns3::ListScheduler";
  else Usage(argv[0]);
  if (rng == "ns3") g_use_ns3_rng = true;
  else if (rng != "mt19937") Usage(argv[0]);

  Time::SetResolution(Time::MS);
  ObjectFactory factory;
  factory.SetTypeId(type);
  Simulator::SetScheduler(factory);

  g_events = events;
  g_gen.seed(seed);
  if (g_use_ns3_rng) {
    RngSeedManager::SetSeed(static_cast<std::uint32_t>(seed));
    g_exp = CreateObject<ExponentialRandomVariable>();
    g_exp->SetAttribute("Mean", DoubleValue(g_mean));
    g_exp->SetAttribute("Bound", DoubleValue(0.0));
  }

  Simulator::Now();  // creates the simulator implementation and its scheduler first
  const std::size_t before = HeapBytes();
  for (std::uint64_t i = 0; i < pending; ++i)
    Simulator::Schedule(MilliSeconds(Draw()), &Hold, static_cast<std::uint32_t>(i));
  const std::size_t bytes = HeapBytes() - before;

  const auto t0 = std::chrono::steady_clock::now();
  Simulator::Run();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const std::int64_t final_tick = Simulator::Now().GetMilliSeconds();
  Simulator::Destroy();

  std::printf(
      "{\"model\": \"hold\", \"engine\": \"ns3\", \"scheduler\": \"%s\", \"rng\": \"%s\", "
      "\"pending\": %llu, \"events\": %llu, \"seconds\": %g, \"events_per_second\": %g, "
      "\"bytes_per_pending\": %g, \"final_tick\": %lld}\n",
      type.c_str(), rng.c_str(), static_cast<unsigned long long>(pending),
      static_cast<unsigned long long>(g_count), seconds, static_cast<double>(g_count) / seconds,
      static_cast<double>(bytes) / static_cast<double>(pending), static_cast<long long>(final_tick));
  return 0;
}
