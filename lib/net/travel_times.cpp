#include "last100/net/travel_times.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <functional>
#include <mutex>
#include <queue>
#include <unordered_map>
#include <limits>
#include <stdexcept>
#include <vector>

#include <boost/graph/adjacency_list.hpp>
#include <boost/range/iterator_range.hpp>
#include <boost/graph/dijkstra_shortest_paths_no_color_map.hpp>
#include <boost/property_map/property_map.hpp>
#include <Eigen/Core>
#include <fmt/format.h>

namespace last100::net {

namespace {

constexpr float inf = std::numeric_limits<float>::infinity();

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                                    boost::property<boost::edge_weight_t, float>>;

/// Fills `dist` with shortest distances from `source` over `g` (Boost's Dijkstra).
void shortest_from(const Graph& g, std::size_t source, std::vector<float>& dist) {
  dist.assign(boost::num_vertices(g), inf);
  boost::dijkstra_shortest_paths_no_color_map(
      g, boost::vertex(source, g),
      boost::distance_map(boost::make_iterator_property_map(dist.begin(), boost::get(boost::vertex_index, g)))
          .predecessor_map(boost::dummy_property_map())
          .distance_inf(inf)
          .distance_zero(0.0f));
}

/// The street graph between hubs, weighted in whole micrometres: integer sums are exact, so a
/// distance is the same from either end and a row can answer for its reverse (see Impl::row).
using StreetGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                                          boost::property<boost::edge_weight_t, std::int64_t>>;
constexpr std::int64_t no_path = std::numeric_limits<std::int64_t>::max();

// Lengths are capped at 1,000 km an edge, so that no sum of a path overflows.
std::int64_t to_um(float metres) {
  return static_cast<std::int64_t>(std::llround(std::min(static_cast<double>(metres), 1e6) * 1e6));
}

void shortest_from(const StreetGraph& g, std::size_t source, std::vector<std::int64_t>& dist) {
  dist.assign(boost::num_vertices(g), no_path);
  boost::dijkstra_shortest_paths_no_color_map(
      g, boost::vertex(source, g),
      boost::distance_map(boost::make_iterator_property_map(dist.begin(), boost::get(boost::vertex_index, g)))
          .predecessor_map(boost::dummy_property_map())
          .distance_inf(no_path)
          .distance_zero(std::int64_t{0}));
}

/// A kept gate-to-gate distance: key, value and the hash table's node and bucket (measured
/// with glibc: about 40 bytes).
constexpr std::size_t pair_bytes = 40;

bool is_key(const Place& p) { return p.kind != PlaceKind::unit_door && p.kind != PlaceKind::junction; }

/// Counts units of work (a shortest-path search, a row merged) and reports the share done,
/// at most once per thousandth, so that a small area pays nothing for it.
class WorkShare {
 public:
  WorkShare(const std::function<void(double share)>& report, std::size_t total) : report_(report), total_(total) {}
  void step() {
    if (!report_ || total_ == 0) return;
    ++done_;
    const std::size_t permille = done_ * 1000 / total_;
    if (permille == reported_) return;
    reported_ = permille;
    report_(static_cast<double>(done_) / static_cast<double>(total_));
  }

 private:
  const std::function<void(double share)>& report_;
  std::size_t total_;
  std::size_t done_ = 0;
  std::size_t reported_ = 0;
};

}  // namespace

struct TravelTimes::Impl {
  TravelSpeeds speeds;
  std::vector<std::uint32_t> hub_of;         ///< place -> hub row, or no_index
  std::vector<std::uint32_t> local_of;       ///< place -> row in its compound block, or no_index
  std::vector<std::uint32_t> compound_of;    ///< place -> compound, or no_index
  std::vector<std::uint32_t> door_entrance;  ///< unit door -> its building entrance place
  std::vector<float> door_walk;              ///< unit door -> fixed walk, metres
  std::vector<std::vector<std::uint32_t>> gates;  ///< compound -> gate places
  std::array<std::vector<Eigen::MatrixXf>, travel_mode_count> local;
  std::size_t key_places = 0;

  // Hub to hub: the street graph reduced to hubs, junctions and gates (with shortcuts through
  // compounds), per mode; a hub's row of distances to every hub is computed by Dijkstra the
  // first time a path from it is asked for, then kept. A dense matrix over all hubs would cost
  // time and memory quadratic in the compounds (minutes and gigabytes at city scale), while a
  // run asks for the rows of a few sources (stations, the gates vans and couriers leave from).
  std::array<StreetGraph, travel_mode_count> reduced;
  std::vector<std::uint8_t> outside_hub;  ///< hub row -> 1 if not a gate (a station, an outlet)
  std::vector<std::uint32_t> reduced_of_hub;  ///< hub row -> vertex of the reduced graphs
  mutable std::array<std::unique_ptr<std::atomic<const std::vector<float>*>[]>, travel_mode_count> rows;
  mutable std::mutex rows_mutex;
  mutable std::vector<std::unique_ptr<const std::vector<float>>> rows_owned;
  mutable std::atomic<std::size_t> row_bytes{0};
  std::size_t hubs = 0;

  ~Impl() = default;

  /// Returns hub `from`'s row for `mode`, computing it on first use (thread-safe; every
  /// thread sees the same values, so runs stay deterministic whatever the threads).
  const std::vector<float>& row(std::size_t mode, std::uint32_t from) const {
    if (const auto* r = rows[mode][from].load(std::memory_order_acquire)) return *r;
    std::vector<std::int64_t> dist;
    shortest_from(reduced[mode], reduced_of_hub[from], dist);
    auto out = std::make_unique<std::vector<float>>(hubs);
    for (std::size_t j = 0; j < hubs; ++j) {
      const std::int64_t d = dist[reduced_of_hub[j]];
      (*out)[j] = d == no_path ? inf : static_cast<float>(static_cast<double>(d) / 1e6);
    }
    const std::lock_guard lock(rows_mutex);
    if (const auto* r = rows[mode][from].load(std::memory_order_acquire)) return *r;  // another thread won
    const std::vector<float>* r = out.get();
    rows_owned.push_back(std::move(out));
    row_bytes += hubs * sizeof(float);
    rows[mode][from].store(r, std::memory_order_release);
    return *r;
  }

  // Gate to gate: one search from the lower gate that stops when it reaches the other, kept
  // per pair. Vans and couriers go between neighbouring compounds, so a search settles a few
  // streets, where a row would settle the whole city for each gate they leave from.
  mutable std::array<std::unordered_map<std::uint64_t, float>, travel_mode_count> pairs;
  mutable std::mutex pairs_mutex;
  mutable std::atomic<std::size_t> pair_count{0};
  std::size_t gate_hubs = 0;
  /// Pairs kept per mode: room for every gate's 128 nearest.
  std::size_t pair_budget() const { return std::max<std::size_t>(4096, 128 * gate_hubs); }

  float pair_distance(std::size_t mode, std::uint32_t a, std::uint32_t b) const {
    const std::uint64_t key = std::uint64_t{a} << 32 | b;
    {
      const std::lock_guard lock(pairs_mutex);
      if (const auto it = pairs[mode].find(key); it != pairs[mode].end()) return it->second;
    }
    const float d = search(mode, reduced_of_hub[a], reduced_of_hub[b]);
    const std::lock_guard lock(pairs_mutex);
    if (pairs[mode].size() >= pair_budget()) {  // bounded memory: start again (values never change)
      pair_count -= pairs[mode].size();
      pairs[mode].clear();
    }
    if (pairs[mode].emplace(key, d).second) ++pair_count;
    return d;
  }

  /// Dijkstra from `from` until `to` is settled (exact: integer lengths), in metres.
  float search(std::size_t mode, std::uint32_t from, std::uint32_t to) const {
    const StreetGraph& g = reduced[mode];
    thread_local std::vector<std::int64_t> dist;
    thread_local std::vector<std::uint32_t> touched;
    if (dist.size() < boost::num_vertices(g)) dist.assign(boost::num_vertices(g), no_path);
    using Entry = std::pair<std::int64_t, std::uint32_t>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> open;
    const auto reach = [&](std::uint32_t v, std::int64_t d) {
      if (d >= dist[v]) return;
      if (dist[v] == no_path) touched.push_back(v);
      dist[v] = d;
      open.emplace(d, v);
    };
    reach(from, 0);
    std::int64_t found = no_path;
    while (!open.empty()) {
      const auto [d, v] = open.top();
      open.pop();
      if (d > dist[v]) continue;  // stale
      if (v == to) {
        found = d;
        break;
      }
      for (const auto e : boost::make_iterator_range(boost::out_edges(v, g)))
        reach(static_cast<std::uint32_t>(boost::target(e, g)), d + boost::get(boost::edge_weight, g, e));
    }
    for (std::uint32_t v : touched) dist[v] = no_path;
    touched.clear();
    return found == no_path ? inf : static_cast<float>(static_cast<double>(found) / 1e6);
  }

  /// Distances are symmetric (integer sums), so a pair is answered from one end by a rule that
  /// does not depend on what is cached, and every thread reads the same: the row of a station or
  /// outlet end (few sources, each of many trips), else a search from the lower gate.
  float hub_distance(std::size_t mode, std::uint32_t a, std::uint32_t b) const {
    if (a == b) return 0.0f;
    if (outside_hub[a] != 0) return row(mode, a)[b];
    if (outside_hub[b] != 0) return row(mode, b)[a];
    return a < b ? pair_distance(mode, a, b) : pair_distance(mode, b, a);
  }

  float key_distance(std::size_t mode, std::uint32_t a, std::uint32_t b) const {
    if (a == b) return 0.0f;
    const std::uint32_t ca = compound_of[a];
    const std::uint32_t cb = compound_of[b];
    if (ca == cb && ca != no_index) return local[mode][ca](local_of[a], local_of[b]);
    float best = inf;
    auto side = [&](std::uint32_t p, std::uint32_t c, auto&& visit) {
      if (c == no_index) {
        visit(hub_of[p], 0.0f);
        return;
      }
      for (std::uint32_t g : gates[c]) visit(hub_of[g], local[mode][c](local_of[p], local_of[g]));
    };
    side(a, ca, [&](std::uint32_t ha, float oa) {
      if (oa == inf) return;
      side(b, cb, [&](std::uint32_t hb, float ob) {
        best = std::min(best, oa + hub_distance(mode, ha, hb) + ob);
      });
    });
    return best;
  }

  /// Returns the key place and the fixed walk to it for any place; throws for junctions.
  std::pair<std::uint32_t, float> resolve(PlaceId id) const {
    if (id.index() >= hub_of.size())
      throw std::out_of_range(fmt::format("travel times: place {} does not exist", id.value));
    const std::uint32_t p = id.value;
    if (door_entrance[p] != no_index) return {door_entrance[p], door_walk[p]};
    if (hub_of[p] == no_index && local_of[p] == no_index)
      throw std::out_of_range(fmt::format("travel times: place {} is a junction, not a key place", p));
    return {p, 0.0f};
  }
};

double TravelSpeeds::of(TravelMode mode) const noexcept {
  switch (mode) {
    case TravelMode::walk: return walk_mps;
    case TravelMode::cart: return cart_mps;
    case TravelMode::van: return van_mps;
  }
  return walk_mps;
}

TravelTimes::TravelTimes() : impl_(std::make_shared<Impl>()) {}

TravelTimes::TravelTimes(const Area& area, TravelSpeeds speeds, const std::function<void(double share)>& on_progress) {
  area.validate();
  for (TravelMode m : {TravelMode::walk, TravelMode::cart, TravelMode::van})
    if (!(speeds.of(m) > 0.0))
      throw std::invalid_argument(fmt::format("travel speed for {} must be positive", to_string(m)));
  auto impl = std::make_shared<Impl>();
  impl->speeds = speeds;
  const auto& places = area.places();
  const std::size_t np = places.size();
  const std::size_t nc = area.compounds().size();
  impl->hub_of.assign(np, no_index);
  impl->local_of.assign(np, no_index);
  impl->compound_of.assign(np, no_index);
  impl->door_entrance.assign(np, no_index);
  impl->door_walk.assign(np, 0.0f);
  impl->gates.resize(nc);

  // Index the places: compound subgraph vertices, local key rows, reduced-graph vertices, hubs.
  std::vector<std::uint32_t> sub_of(np, no_index);            // vertex in its compound subgraph
  std::vector<std::vector<std::uint32_t>> sub_vertices(nc);   // compound -> places
  std::vector<std::vector<std::uint32_t>> locals(nc);         // compound -> key places
  std::vector<std::uint32_t> reduced_of(np, no_index);        // vertex in the reduced graph
  std::vector<std::uint32_t> reduced_places;
  std::vector<std::uint32_t> hubs;                            // hub row -> place
  for (std::uint32_t p = 0; p < np; ++p) {
    const Place& pl = places[p];
    impl->compound_of[p] = pl.compound;
    if (pl.kind == PlaceKind::unit_door) {
      const Unit& u = area.units()[pl.unit];
      impl->door_entrance[p] = area.buildings()[u.building].entrance.value;
      impl->door_walk[p] = u.walk_m;
      continue;
    }
    if (pl.compound != no_index) {
      sub_of[p] = static_cast<std::uint32_t>(sub_vertices[pl.compound].size());
      sub_vertices[pl.compound].push_back(p);
      if (is_key(pl)) {
        impl->local_of[p] = static_cast<std::uint32_t>(locals[pl.compound].size());
        locals[pl.compound].push_back(p);
      }
    }
    if (pl.compound == no_index || pl.kind == PlaceKind::gate) {
      reduced_of[p] = static_cast<std::uint32_t>(reduced_places.size());
      reduced_places.push_back(p);
      if (is_key(pl)) {
        impl->hub_of[p] = static_cast<std::uint32_t>(hubs.size());
        hubs.push_back(p);
      }
    }
    if (pl.kind == PlaceKind::gate && pl.compound != no_index) impl->gates[pl.compound].push_back(p);
  }
  impl->key_places = hubs.size();
  for (const auto& l : locals) impl->key_places += l.size();
  for (std::size_t c = 0; c < nc; ++c) impl->key_places -= impl->gates[c].size();  // counted twice

  impl->hubs = hubs.size();
  for (std::uint32_t p : hubs) {
    impl->reduced_of_hub.push_back(reduced_of[p]);
    impl->outside_hub.push_back(places[p].kind == PlaceKind::gate ? 0 : 1);
    if (places[p].kind == PlaceKind::gate) ++impl->gate_hubs;
  }
  for (auto& r : impl->rows) {
    r = std::make_unique<std::atomic<const std::vector<float>*>[]>(hubs.size());
    for (std::size_t i = 0; i < hubs.size(); ++i) r[i].store(nullptr, std::memory_order_relaxed);
  }
  // Per mode: a search from every key place of each compound, and the rows of the blocks of
  // compounds with several gates merged again (hub rows come later, on demand).
  std::size_t work_per_mode = 0;
  for (std::size_t c = 0; c < nc; ++c) work_per_mode += locals[c].size() * (impl->gates[c].size() > 1 ? 2 : 1);
  WorkShare work(on_progress, travel_mode_count * work_per_mode);

  std::vector<float> dist;
  for (std::size_t m = 0; m < travel_mode_count; ++m) {
    const auto mode = static_cast<TravelMode>(m);
    // Phase 1: distances inside each compound, over its own paths only.
    std::vector<Graph> sub;
    sub.reserve(nc);
    for (std::size_t c = 0; c < nc; ++c) sub.emplace_back(sub_vertices[c].size());
    StreetGraph reduced(reduced_places.size());
    for (const Edge& e : area.edges()) {
      if (!allows(e.modes, mode)) continue;
      const std::uint32_t a = e.a.value;
      const std::uint32_t b = e.b.value;
      if (places[a].kind == PlaceKind::unit_door || places[b].kind == PlaceKind::unit_door) continue;
      const std::uint32_t ca = places[a].compound;
      if (ca != no_index && ca == places[b].compound)
        boost::add_edge(sub_of[a], sub_of[b], e.length_m, sub[ca]);
      if (reduced_of[a] != no_index && reduced_of[b] != no_index)
        boost::add_edge(reduced_of[a], reduced_of[b], to_um(e.length_m), reduced);
    }
    auto& blocks = impl->local[m];
    blocks.assign(nc, Eigen::MatrixXf());
    for (std::size_t c = 0; c < nc; ++c) {
      const auto k = static_cast<Eigen::Index>(locals[c].size());
      blocks[c].setConstant(k, k, inf);
      for (Eigen::Index i = 0; i < k; ++i) {
        shortest_from(sub[c], sub_of[locals[c][static_cast<std::size_t>(i)]], dist);
        for (Eigen::Index j = 0; j < k; ++j) blocks[c](i, j) = dist[sub_of[locals[c][static_cast<std::size_t>(j)]]];
        work.step();
      }
      // Shortcuts between a compound's gates stand for its interior in the reduced graph.
      const auto& g = impl->gates[c];
      for (std::size_t x = 0; x < g.size(); ++x)
        for (std::size_t y = x + 1; y < g.size(); ++y) {
          const float d = blocks[c](impl->local_of[g[x]], impl->local_of[g[y]]);
          if (d < inf) boost::add_edge(reduced_of[g[x]], reduced_of[g[y]], to_um(d), reduced);
        }
    }
    // Phase 2: hub to hub over streets, gates and the shortcuts, row by row on demand.
    impl->reduced[m] = std::move(reduced);
    // Phase 3: a path inside a compound may leave by one gate and come back by another.
    for (std::size_t c = 0; c < nc; ++c) {
      const auto& g = impl->gates[c];
      if (g.size() < 2) continue;
      Eigen::MatrixXf& block = blocks[c];
      const Eigen::MatrixXf interior = block;
      for (Eigen::Index i = 0; i < block.rows(); ++i) {
        for (Eigen::Index j = 0; j < block.cols(); ++j)
          for (std::uint32_t g1 : g)
            for (std::uint32_t g2 : g) {
              const float d = interior(i, impl->local_of[g1]) + impl->hub_distance(m, impl->hub_of[g1], impl->hub_of[g2]) +
                              interior(impl->local_of[g2], j);
              block(i, j) = std::min(block(i, j), d);
            }
        work.step();
      }
    }
  }
  impl_ = std::move(impl);
}

double TravelTimes::distance_m(TravelMode mode, PlaceId from, PlaceId to) const {
  if (from == to) return 0.0;
  const auto [a, oa] = impl_->resolve(from);
  const auto [b, ob] = impl_->resolve(to);
  const float d = impl_->key_distance(static_cast<std::size_t>(mode), a, b);
  if (d == inf) return std::numeric_limits<double>::infinity();
  return static_cast<double>(d) + static_cast<double>(oa) + static_cast<double>(ob);
}

sim::Duration TravelTimes::travel_time(TravelMode mode, PlaceId from, PlaceId to) const {
  return travel_time(mode, from, to, impl_->speeds.of(mode));
}

sim::Duration TravelTimes::travel_time(TravelMode mode, PlaceId from, PlaceId to, double speed_mps) const {
  if (from == to) return sim::Duration{0};
  const auto [a, oa] = impl_->resolve(from);
  const auto [b, ob] = impl_->resolve(to);
  const float d = impl_->key_distance(static_cast<std::size_t>(mode), a, b);
  if (d == inf) return unreachable;
  const double walk = mode == TravelMode::walk ? speed_mps : impl_->speeds.walk_mps;
  const double seconds = static_cast<double>(d) / speed_mps + (static_cast<double>(oa) + static_cast<double>(ob)) / walk;
  return sim::from_seconds(seconds);
}

bool TravelTimes::reachable(TravelMode mode, PlaceId from, PlaceId to) const {
  return distance_m(mode, from, to) < std::numeric_limits<double>::infinity();
}

const TravelSpeeds& TravelTimes::speeds() const noexcept { return impl_->speeds; }

std::size_t TravelTimes::hub_count() const noexcept { return impl_->hubs; }

std::size_t TravelTimes::key_place_count() const noexcept { return impl_->key_places; }

std::size_t TravelTimes::memory_bytes_at_most() const noexcept {
  const Impl& i = *impl_;
  // Rows are computed for stations and outlets only; gate pairs up to the budget.
  const std::size_t outside = i.hubs - i.gate_hubs;
  const std::size_t rows = outside * (i.hubs * sizeof(float) + sizeof(std::vector<float>) + 2 * sizeof(void*));
  const std::size_t pairs = i.pair_budget() * pair_bytes;
  return memory_bytes() - i.row_bytes.load() - i.pair_count.load() * pair_bytes + travel_mode_count * (rows + pairs);
}

std::size_t TravelTimes::memory_bytes() const noexcept {
  const Impl& i = *impl_;
  std::size_t bytes = sizeof(Impl);
  bytes += (i.hub_of.capacity() + i.local_of.capacity() + i.compound_of.capacity() +
            i.door_entrance.capacity()) * sizeof(std::uint32_t);
  bytes += i.door_walk.capacity() * sizeof(float);
  for (const auto& g : i.gates) bytes += sizeof(g) + g.capacity() * sizeof(std::uint32_t);
  bytes += i.row_bytes.load() + i.hubs * (sizeof(std::uint32_t) + travel_mode_count * sizeof(void*));
  bytes += i.pair_count.load() * pair_bytes;
  for (std::size_t m = 0; m < travel_mode_count; ++m) {
    bytes += boost::num_vertices(i.reduced[m]) * 32 + boost::num_edges(i.reduced[m]) * 48;
    for (const auto& b : i.local[m]) bytes += sizeof(b) + static_cast<std::size_t>(b.size()) * sizeof(float);
  }
  return bytes;
}

}  // namespace last100::net
