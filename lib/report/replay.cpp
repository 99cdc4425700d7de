// replay.html: digests each mode's trace into compact arrays (delta-coded times, sparse
// per-frame counts) and writes them with a small canvas player. The page has no dependency and
// no network access; its inline self-check sets document.title to "ok" once the animation
// has advanced and drawn (tests/cli/check-replay-browser.sh).

#include "last100/report/replay.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "last100/report/html.hpp"
#include "report/replay_page.hpp"

namespace last100::report {

using modes::TraceEvent;
using modes::TraceKind;

namespace {

/// Appends integers as a JSON array body, "1,2,3".
void append_ints(std::string& out, const std::vector<std::int64_t>& v) {
  out += '[';
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += ',';
    out += fmt::format("{}", v[i]);
  }
  out += ']';
}

/// Where an order is, for the counts drawn on the map.
enum class Bucket : std::uint8_t { none, station, gate, shelf };

}  // namespace

struct ReplayBuilder::Data {
  ReplayOptions opt;
  bool have_area = false;
  std::vector<float> x, y;                        // per kept place, metres
  std::vector<std::uint8_t> kind;                 // per kept place
  std::unordered_map<std::uint32_t, std::uint32_t> index;  // area place -> kept place
  std::vector<std::uint32_t> building_place;      // per building: its entrance (kept index)
  std::vector<std::uint32_t> compound_place;      // per compound: its first gate (kept index)
  std::uint32_t default_station = 0;
  std::int64_t duration_s = 0;

  struct Mode {
    std::string name;
    std::size_t couriers = 0, shown = 0, stride = 1, vehicles = 0;
    std::uint32_t station = 0;
    std::int64_t frame_s = 300;
    std::vector<std::int64_t> moves, states, vans;  // flat: dt, subject, place/state, length
    std::vector<std::vector<std::int64_t>> shelf, gate, people;  // per frame: index, value, ...
    std::vector<std::int64_t> at_station;           // per frame
    std::size_t frames = 0;
    std::int64_t delivered = 0;
  };
  std::vector<Mode> modes;

  std::uint32_t keep(const net::Area& area, std::uint32_t place) {
    auto [it, inserted] = index.try_emplace(place, static_cast<std::uint32_t>(x.size()));
    if (inserted) {
      const auto& p = area.places()[place];
      x.push_back(p.x_m);
      y.push_back(p.y_m);
      kind.push_back(static_cast<std::uint8_t>(p.kind));
    }
    return it->second;
  }

  void take_area(const model::World& w) {
    const auto& area = w.area;
    for (const auto& b : area.buildings()) building_place.push_back(keep(area, static_cast<std::uint32_t>(b.entrance.index())));
    for (const auto& c : area.compounds())
      compound_place.push_back(keep(area, static_cast<std::uint32_t>(c.gates.front().index())));
    for (auto k : {net::PlaceKind::gate, net::PlaceKind::outside_station, net::PlaceKind::outlet,
                   net::PlaceKind::mobile_station})
      for (auto p : area.places_of_kind(k)) keep(area, static_cast<std::uint32_t>(p.index()));
    auto stations = area.places_of_kind(net::PlaceKind::outside_station);
    if (stations.empty()) stations = area.places_of_kind(net::PlaceKind::outlet);
    if (!stations.empty()) default_station = keep(area, static_cast<std::uint32_t>(stations.front().index()));
    duration_s = std::chrono::duration_cast<std::chrono::seconds>(w.params.run.duration).count();
    have_area = true;
  }
};

ReplayBuilder::ReplayBuilder(ReplayOptions options) : d_(std::make_unique<Data>()) { d_->opt = options; }
ReplayBuilder::~ReplayBuilder() = default;

void ReplayBuilder::add(std::string_view mode_name, const model::World& w, const modes::Trace& trace) {
  auto& d = *d_;
  if (!d.have_area) d.take_area(w);
  const auto& area = w.area;
  Data::Mode m;
  m.name = std::string(mode_name);
  m.couriers = w.couriers.count();
  m.station = d.default_station;
  const auto at_most = [](std::size_t n, std::size_t budget) { return (n + budget - 1) / std::max<std::size_t>(1, budget); };

  // Whole courier tracks: keep every stride-th courier so that both its moves and its state
  // changes fit their budgets (a courier that hands over many orders per stop changes state
  // several times per move, so moves alone would not bound the page). kept(k): the moves and
  // state changes (a new state) of every k-th courier.
  const auto kept = [&](std::size_t k) {
    std::size_t moves = 0, states = 0;
    std::vector<std::int32_t> last(m.couriers, -1);
    for (const auto& e : trace.events) {
      if (e.subject % k != 0) continue;
      moves += e.kind == TraceKind::courier_move;
      if (e.kind == TraceKind::state && e.subject < last.size() && last[e.subject] != static_cast<std::int32_t>(e.value)) {
        last[e.subject] = static_cast<std::int32_t>(e.value);
        ++states;
      }
    }
    return std::pair{moves, states};
  };
  // Start from the share the budgets allow, then widen until the shown couriers' own counts
  // fit (some couriers move more than others); usually one pass, rarely two or three.
  const auto [total_moves, total_states] = kept(1);
  m.stride = std::max<std::size_t>({1, at_most(total_moves, d.opt.max_moves), at_most(total_states, d.opt.max_states)});
  auto [moves, states] = m.stride == 1 ? std::pair{total_moves, total_states} : kept(m.stride);
  while ((moves > d.opt.max_moves || states > d.opt.max_states) && m.stride < m.couriers)
    std::tie(moves, states) = kept(++m.stride);
  m.shown = (m.couriers + m.stride - 1) / m.stride;

  // The tracks: shown couriers' moves and states, every van, the station.
  {
    std::vector<std::int32_t> last_state(m.couriers, -1);
    std::int64_t last_move = 0, last_state_t = 0, last_van = 0;
    for (const TraceEvent& e : trace.events) {
      const std::int64_t t_s = e.at_ms / 1000;
      switch (e.kind) {
        case TraceKind::state:
          if (e.subject % m.stride == 0 && e.subject < last_state.size() &&
              last_state[e.subject] != static_cast<std::int32_t>(e.value)) {
            last_state[e.subject] = static_cast<std::int32_t>(e.value);
            m.states.insert(m.states.end(), {t_s - last_state_t, e.subject / static_cast<std::int64_t>(m.stride),
                                             static_cast<std::int64_t>(e.value)});
            last_state_t = t_s;
          }
          break;
        case TraceKind::courier_move:
          if (e.subject % m.stride == 0) {
            m.moves.insert(m.moves.end(), {t_s - last_move, e.subject / static_cast<std::int64_t>(m.stride),
                                           d.keep(area, e.value), std::max<std::int64_t>(1, e.length_ms / 1000)});
            last_move = t_s;
          }
          break;
        case TraceKind::vehicle_move:
          m.vehicles = std::max<std::size_t>(m.vehicles, e.subject + 1);
          m.vans.insert(m.vans.end(), {t_s - last_van, e.subject, d.keep(area, e.value),
                                       std::max<std::int64_t>(1, e.length_ms / 1000)});
          last_van = t_s;
          break;
        case TraceKind::station: m.station = d.keep(area, e.value); break;
        default: break;
      }
    }
  }

  // The counts, sampled every frame_s: only the places whose count changed in a frame are
  // written. Returns how many (place, count) changes that gave.
  const std::size_t buildings = area.buildings().size(), compounds = area.compounds().size();
  const auto building_of = [&](std::uint32_t order) {
    return w.households.building[w.orders.household(model::OrderId{order}).index()];
  };
  const auto sample_counts = [&](std::int64_t frame_s) {
    m.frame_s = frame_s;
    m.frames = static_cast<std::size_t>(d.duration_s / m.frame_s + 1);
    m.shelf.clear(), m.gate.clear(), m.people.clear(), m.at_station.clear();
    m.delivered = 0;
    std::size_t changes = 0;
    std::vector<std::int64_t> shelf(buildings, 0), gate(compounds, 0);
    std::vector<std::uint8_t> shelf_dirty(buildings, 0), gate_dirty(compounds, 0);
    std::unordered_map<std::uint32_t, std::int64_t> people_now, people_max, people_sent;
    std::int64_t station = 0;
    std::vector<Bucket> where(w.orders.count(), Bucket::none);
    std::size_t frame = 0;
    const auto emit_frame = [&] {
      std::vector<std::int64_t> sh, g, p;
      for (std::size_t b = 0; b < buildings; ++b)
        if (shelf_dirty[b]) sh.push_back(static_cast<std::int64_t>(b)), sh.push_back(shelf[b]), shelf_dirty[b] = 0;
      for (std::size_t c = 0; c < compounds; ++c)
        if (gate_dirty[c]) g.push_back(static_cast<std::int64_t>(c)), g.push_back(gate[c]), gate_dirty[c] = 0;
      // Residents at a shelf stay seconds: each frame shows the most there were during it.
      std::vector<std::uint32_t> places;
      for (const auto& [place, n] : people_max) places.push_back(place);
      std::sort(places.begin(), places.end());  // unordered_map order is not deterministic
      for (std::uint32_t place : places) {
        const std::int64_t n = people_max[place];
        if (people_sent[place] != n) p.push_back(place), p.push_back(n), people_sent[place] = n;
        people_max[place] = people_now[place];
      }
      changes += (sh.size() + g.size() + p.size()) / 2;
      m.shelf.push_back(std::move(sh));
      m.gate.push_back(std::move(g));
      m.people.push_back(std::move(p));
      m.at_station.push_back(station);
    };
    const auto move_to = [&](std::uint32_t order, Bucket to) {
      const Bucket from = where[order];
      if (from == to && to != Bucket::shelf && to != Bucket::gate) return;
      const auto change = [&](Bucket b, std::int64_t delta) {
        if (b == Bucket::station) station += delta;
        if (b == Bucket::gate) {
          const auto c = area.buildings()[building_of(order)].compound;
          gate[c] += delta, gate_dirty[c] = 1;
        }
        if (b == Bucket::shelf) {
          const auto bi = building_of(order);
          shelf[bi] += delta, shelf_dirty[bi] = 1;
        }
      };
      change(from, -1);
      change(to, +1);
      where[order] = to;
    };
    for (const TraceEvent& e : trace.events) {
      const std::int64_t t_s = e.at_ms / 1000;
      while (frame < m.frames && t_s >= static_cast<std::int64_t>(frame + 1) * m.frame_s) {
        emit_frame();
        ++frame;
      }
      switch (e.kind) {
        case TraceKind::stage: {
          switch (static_cast<model::Stage>(e.value)) {
            case model::Stage::at_station: move_to(e.subject, Bucket::station); break;
            case model::Stage::loaded: move_to(e.subject, Bucket::none); break;
            case model::Stage::at_gate: move_to(e.subject, Bucket::gate); break;
            case model::Stage::at_shelf_or_door: move_to(e.subject, Bucket::shelf); break;
            case model::Stage::handed_over: ++m.delivered; [[fallthrough]];
            case model::Stage::spoiled:
            case model::Stage::cancelled: move_to(e.subject, Bucket::none); break;
            case model::Stage::placed: break;
          }
          break;
        }
        case TraceKind::shelf_arrive:
        case TraceKind::shelf_leave: {
          const std::uint32_t place = d.keep(area, e.value);
          auto& now = people_now[place];
          now += e.kind == TraceKind::shelf_arrive ? 1 : -1;
          people_max[place] = std::max(people_max[place], now);
          break;
        }
        default: break;
      }
    }
    while (frame < m.frames) {
      emit_frame();
      ++frame;
    }
    return changes;
  };
  // At most max_frames samples; then wider frames until the changes fit their budget (each
  // widening at least halves the frames, so this ends).
  std::int64_t frame_s = std::max<std::int64_t>(
      d.opt.frame_seconds, (d.duration_s + static_cast<std::int64_t>(d.opt.max_frames) - 1) /
                               static_cast<std::int64_t>(std::max<std::size_t>(1, d.opt.max_frames)));
  for (std::size_t changes = sample_counts(frame_s); changes > d.opt.max_count_changes && m.frames > 1;
       changes = sample_counts(frame_s))
    frame_s *= static_cast<std::int64_t>(std::max<std::size_t>(2, at_most(changes, d.opt.max_count_changes)));
  d.modes.push_back(std::move(m));
}

std::string ReplayBuilder::html(std::string_view scenario) const {
  const auto& d = *d_;
  std::string data = "{";
  data += fmt::format("\"duration\":{},", d.duration_s);
  // Coordinates in decimetres: integers keep the file small and exact.
  std::vector<std::int64_t> places;
  for (std::size_t i = 0; i < d.x.size(); ++i)
    places.insert(places.end(), {std::llround(d.x[i] * 10.0), std::llround(d.y[i] * 10.0), d.kind[i]});
  data += "\"places\":";
  append_ints(data, places);
  data += ",\"buildings\":";
  append_ints(data, std::vector<std::int64_t>(d.building_place.begin(), d.building_place.end()));
  data += ",\"compounds\":";
  append_ints(data, std::vector<std::int64_t>(d.compound_place.begin(), d.compound_place.end()));
  data += ",\"modes\":[";
  for (std::size_t mi = 0; mi < d.modes.size(); ++mi) {
    const auto& m = d.modes[mi];
    if (mi) data += ',';
    std::string name;  // JSON string: mode names are identifiers, but escape anyway
    for (char c : m.name) name += (c == '"' || c == '\\' || c == '<') ? fmt::format("\\u{:04x}", static_cast<int>(c)) : std::string(1, c);
    data += fmt::format("{{\"name\":\"{}\",\"couriers\":{},\"shown\":{},\"stride\":{},\"vehicles\":{},\"station\":{},"
                        "\"frame\":{},\"delivered\":{},",
                        name, m.couriers, m.shown, m.stride, m.vehicles, m.station, m.frame_s, m.delivered);
    data += "\"moves\":";
    append_ints(data, m.moves);
    data += ",\"states\":";
    append_ints(data, m.states);
    data += ",\"vans\":";
    append_ints(data, m.vans);
    data += ",\"station_items\":";
    append_ints(data, m.at_station);
    for (const auto& [key, frames] : {std::pair{"shelf", &m.shelf}, std::pair{"gate", &m.gate}, std::pair{"people", &m.people}}) {
      data += fmt::format(",\"{}\":[", key);
      for (std::size_t f = 0; f < frames->size(); ++f) {
        if (f) data += ',';
        append_ints(data, (*frames)[f]);
      }
      data += ']';
    }
    data += '}';
  }
  data += "]}";
  return detail::replay_page(html_escape(scenario), data);
}

}  // namespace last100::report
