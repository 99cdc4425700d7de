// Memory estimates made before anything is allocated: the loader refuses worlds over its
// limit and `last100 run` refuses runs over --max-memory. Every term that grows with the
// input is here (issue 8): the travel tables grow with the square of the key places per
// compound and of the hubs, samples with run length over sample interval, kept summaries with
// replications x modes. Per-item sizes were measured (docs/cli.md, "Memory").

#include <algorithm>
#include <cmath>
#include <limits>

#include "last100/net/generate.hpp"
#include "last100/scenario/scenario.hpp"

namespace last100::scenario {

namespace {

using Real = long double;

std::uint64_t clamp_bytes(Real b) {
  if (!(b < 1.8e19L)) return std::numeric_limits<std::uint64_t>::max();
  return static_cast<std::uint64_t>(std::max<Real>(0, b));
}

Real households(const model::AreaParams& a) { return static_cast<Real>(model::household_count(a)); }

Real orders(const model::WorldParams& w) {
  Real rate = 0;
  for (const auto& c : w.demand.categories) rate += c.orders_per_household_per_day;
  Real surge = 1;
  for (const auto& s : w.demand.surges) surge = std::max<Real>(surge, s.multiplier);
  const Real days = std::max<Real>(1.0L, static_cast<Real>(w.run.duration.count()) / 86'400'000.0L);
  return households(w.area) * rate * surge * days;
}

Real couriers(const model::WorldParams& w) {
  Real n = 0;
  for (const auto& g : w.couriers) n += g.count;
  return n;
}

Real places(const model::AreaParams& a) {
  if (!a.nodes_csv.empty()) return static_cast<Real>(a.layout.places);
  return static_cast<Real>(a.buildings) * (1 + a.units_per_building) + a.compounds * (2.0L + a.gates_per_compound) +
         a.outside_stations + a.outlets_inside + a.mobile_stations;
}

/// Model state without the travel tables: 64 bytes per household, 32 per order (18 as placed,
/// with the vectors' slack), 1 KiB per courier, 256 bytes per place of the graph (a place, its
/// edges and its index entries: about 120 bytes measured).
Real state_bytes(const model::WorldParams& w) {
  return households(w.area) * 64 + orders(w) * 32 + couriers(w) * 1024 + places(w.area) * 256;
}

/// What a run adds to its copy of the world: per order the stamps of the stages its orders
/// reach (8 bytes per stage and order, seven stages at most) and the cancel reasons; per
/// household the mode's working memory (queues by building and unit, pending events,
/// residents' processes and pickup visits: 250 to 420 bytes per household of peak in all at
/// 300 k households, world included, docs/benchmarks.md).
Real progress_bytes(const model::WorldParams& w) { return orders(w) * 64 + households(w.area) * 256; }

/// Per mode: for each station or outlet (hubs that are not gates), a row of floats to every
/// hub, computed when first needed (all counted); gate-to-gate distances kept up to a budget
/// of 128 per gate (at least 4,096), 40 bytes each in the hash table; a pointer per hub; per
/// vertex and edge of the street graph, what Boost's adjacency list holds (about 32 and 48
/// bytes). As net::TravelTimes::memory_bytes_at_most.
Real hub_bytes(Real hubs, Real gates, Real vertices, Real edges) {
  const Real outside = hubs - gates;
  const Real pairs = std::max<Real>(4096, 128 * gates) * 40;
  return 3 * (outside * (4 * hubs + 40) + pairs + hubs * 12 + vertices * 32 + edges * 48);
}

/// Three modes (walk, cart, van) of float matrices: one block per compound over its key
/// places (the square, gates and building entrances), the hub rows and street graph
/// (hub_bytes), and a copy of the largest block while multi-gate paths are merged.
Real travel_bytes(const model::AreaParams& a) {
  if (!a.nodes_csv.empty()) {
    const auto hubs = static_cast<Real>(a.layout.hubs);
    const auto all = static_cast<Real>(a.layout.places);
    const auto gates = static_cast<Real>(a.layout.gates);
    return 3 * 4 * static_cast<Real>(a.layout.block_cells) + hub_bytes(hubs, gates, all, 2 * all);
  }
  const Real g = a.gates_per_compound;
  const Real big = net::buildings_in_compound(a.buildings, a.compounds, 0);  // the first compounds get the extra one
  const Real extra = a.buildings % a.compounds;
  const Real small = a.buildings / a.compounds;
  const Real k_big = 1 + g + big, k_small = 1 + g + small;
  const Real blocks = extra * k_big * k_big + (a.compounds - extra) * k_small * k_small;
  const Real hubs = a.compounds * g + a.outside_stations + a.outlets_inside + a.mobile_stations;
  const Real copy = a.gates_per_compound > 1 ? k_big * k_big : 0;
  // The street graph: a junction per compound and the hubs; two streets per junction, a link
  // per gate and station, and shortcuts between a compound's gates.
  const Real vertices = a.compounds + hubs;
  const Real edges = 2 * a.compounds + hubs + a.compounds * g * (g - 1) / 2;
  return 3 * 4 * blocks + hub_bytes(hubs, a.compounds * g, vertices, edges) + 4 * copy;
}

}  // namespace

std::uint64_t estimate_memory_bytes(const model::WorldParams& w) { return clamp_bytes(state_bytes(w) + travel_bytes(w.area)); }

MemoryEstimate estimate_run_memory(const Scenario& s, std::uint32_t replications, unsigned parallel, bool order_records) {
  const auto& w = s.world;
  const Real reps = replications > 0 ? replications : std::max<std::uint32_t>(1, w.run.replications);
  const Real modes = std::max<std::size_t>(1, s.modes.size());
  const Real jobs = reps * modes;
  const Real at_once = std::min<Real>(jobs, std::max(1u, parallel));
  // With one mode a replication's world lives while its run does; with several, the next
  // replication's world may be built while the last modes of one finish.
  const Real worlds_alive = std::min<Real>(reps, at_once + (modes > 1 ? 1 : 0));
  const auto step_ms = static_cast<Real>(std::max<sim::Duration::rep>(1, s.output.sample_interval.count()));
  const Real samples = static_cast<Real>(w.run.duration.count()) / step_ms + 1;

  MemoryEstimate e;
  const Real state = state_bytes(w);
  e.world = clamp_bytes(state);
  e.travel_tables = clamp_bytes(travel_bytes(w.area));
  // A run copies the world's state (the tables are shared) and stamps its orders; per sample
  // it holds the recorded sample (64 bytes, vector growth up to x2), its queued event (24
  // bytes, radix buckets up to x2) and the summary's eight series (64 bytes).
  const Real run_state = state + progress_bytes(w);
  e.per_run = clamp_bytes(run_state + samples * (128 + 48 + 64));
  // Kept: every job's series; per mode the aggregated series and their text in summary.json,
  // timeseries.csv and report.html (about 8 numbers of 10 characters each, three times);
  // order records: the world of each mode's first replication and its CSV rows.
  Real kept = jobs * samples * 64 + modes * samples * (64 + 3 * 80);
  if (order_records) kept += modes * (run_state + orders(w) * 160);
  e.kept = clamp_bytes(kept);
  // The program itself (code, libraries, allocator arenas): about 6 MiB measured.
  constexpr Real program = 8 << 20;
  e.total = clamp_bytes(program + worlds_alive * (state + travel_bytes(w.area)) + at_once * (run_state + samples * 240) + kept);
  return e;
}

}  // namespace last100::scenario
