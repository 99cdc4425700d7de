// Guanghuili: each courier is bound to a set of buildings (and, optionally, categories) and
// delivers to their doors from 07:00; bound couriers know their buildings, so hand-overs are
// quicker; a courier whose own work is done helps another building (work stealing).
// The gate hand-over comes through the same relay as the other modes.

#include <algorithm>
#include <array>
#include <charconv>
#include <deque>
#include <functional>
#include <limits>
#include <set>
#include <stdexcept>

#include "builtin.hpp"
#include "relay_stage.hpp"
#include "last100/modes/work_loop.hpp"
#include "tour.hpp"

namespace last100::modes::detail {
namespace {

enum class Helping : std::uint8_t { none, most_backlog, nearest };

bool time_critical(model::Category c) {
  return c == model::Category::fresh_food || c == model::Category::takeout;
}

// Parses "0-7,8-15,16" into building lists, one per courier (cycled if fewer than couriers).
std::vector<std::vector<std::uint32_t>> parse_binding(const std::string& text, std::size_t buildings) {
  std::vector<std::vector<std::uint32_t>> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t comma = std::min(text.find(',', pos), text.size());
    const std::string_view part(text.data() + pos, comma - pos);
    const std::size_t dash = part.find('-');
    std::uint32_t lo = 0, hi = 0;
    auto parse = [&](std::string_view s, std::uint32_t& v) {
      auto r = std::from_chars(s.data(), s.data() + s.size(), v);
      if (r.ec != std::errc{} || r.ptr != s.data() + s.size())
        throw std::invalid_argument("binding: '" + std::string(part) + "' is not a building range like 0-7");
    };
    parse(part.substr(0, dash), lo);
    hi = lo;
    if (dash != std::string_view::npos) parse(part.substr(dash + 1), hi);
    if (hi < lo || hi >= buildings)
      throw std::invalid_argument("binding: range '" + std::string(part) + "' is outside buildings 0-" +
                                  std::to_string(buildings - 1));
    std::vector<std::uint32_t> range;
    for (std::uint32_t b = lo; b <= hi; ++b) range.push_back(b);
    out.push_back(std::move(range));
    pos = comma + 1;
  }
  return out;
}

class PerBuildingMode final : public Mode {
 public:
  explicit PerBuildingMode(const Knobs& k)
      : stage_options_(stage_options(k)),
        binding_(k.text("binding")),
        category_teams_(k.boolean("category_teams")),
        cross_team_(k.boolean("cross_team_help")),
        at_risk_within_(k.duration("cross_team_at_risk")),
        fresh_team_share_(k.real("fresh_team_share")),
        familiarity_(k.real("familiar_handover_factor")) {
    const std::string& h = k.text("helping");
    helping_ = h == "none" ? Helping::none : h == "nearest" ? Helping::nearest : Helping::most_backlog;
  }

  void start(RunContext& ctx) override {
    ctx_ = &ctx;
    const std::size_t buildings = ctx.world.area.buildings().size();
    const std::size_t couriers = ctx.world.couriers.count();
    queue_.assign(2 * buildings, {});  // [team][building]: team 1 = time-critical categories
    for (std::size_t t = 0; t < 2; ++t) {
      fullest_[t].assign(ctx.world.area.compounds().size(), no_building);
      fullest_stale_[t].assign(ctx.world.area.compounds().size(), 0);
    }
    carried_.assign(couriers, {});
    // Teams: with category teams, a share of couriers takes fresh food and takeout.
    team_.assign(couriers, 0);
    std::size_t fresh = category_teams_ ? static_cast<std::size_t>(fresh_team_share_ * static_cast<double>(couriers) + 0.5) : 0;
    fresh = std::min(fresh, couriers > 1 ? couriers - 1 : 0);
    for (std::size_t c = 0; c < couriers; ++c) {
      team_[c] = c >= couriers - fresh ? 1 : 0;
      members_[team_[c]].push_back(static_cast<std::uint32_t>(c));
    }
    own_.assign(couriers, {});
    home_compound_.assign(couriers, 0);
    stage_ = std::make_unique<RelayStage>(ctx, stage_options_);
    // Idle couriers wait by home compound, and goods arriving at a compound wake those of the
    // compounds nearest it (its neighbourhood, where they help): at city scale an arrival
    // does not wake every idle courier of the city. In an area of up to 65 compounds every
    // compound is near every other, and one event serves them all.
    const std::size_t compounds = ctx.world.area.compounds().size();
    const bool one_group = compounds <= RelayStage::nearest_stops + 1;
    for (std::size_t k = 0; k < (one_group ? 1 : compounds); ++k) work_at_.push_back(std::make_unique<sim::Event>(ctx.sim));
    rebind();
    // Goods handed over at the gates are sorted into per-building queues as they arrive.
    stage_->set_sink([this](Batch&& batch) {
      for (OrderId o : batch.orders) enqueue(queue_index(o), o);
      work_arrived(batch.compound);
    });
    stage_->start();
    for (std::size_t c = 0; c < couriers; ++c) {
      const CourierId id = make_id<model::CourierTag>(c);
      ctx.register_courier(id, ctx.sim.start(courier(id)));
    }
  }

  void on_order(RunContext&, OrderId order) override { stage_->accept(order); }

  Holdings holdings(const RunContext& ctx) const override {
    Holdings h;
    stage_->count(h);
    for (const auto& q : queue_) h.add(ctx.world.orders, q, &Backlog::gate);
    for (const auto& load : carried_) h.add(ctx.world.orders, load, &Backlog::gate);
    return h;
  }

 private:

  // The buildings are shared among the couriers on shift now (not quarantined), as a
  // subdistrict shares them among those who are there: a courier who has not arrived, whose
  // shift has ended or who is quarantined owns none, and they are shared out again whenever
  // that set changes (a shift begins or ends, reinforcements arrive, a courier is taken out).
  // While nobody is on shift (the night) the last binding stands: nobody delivers then.
  void rebind() {
    auto& ctx = *ctx_;
    std::vector<std::uint32_t> present[2];
    next_rebind_ = sim::TimePoint::max();
    calls_seen_ = ctx.reinforcement_calls().size();
    for (int t = 0; t < 2; ++t)
      for (const std::uint32_t k : members_[t]) {
        const CourierId c = make_id<model::CourierTag>(k);
        if (ctx.quarantined(c)) continue;
        const bool on = ctx.on_shift(c);
        if (on) present[t].push_back(k);
        next_rebind_ = std::min(next_rebind_, on ? ctx.shift_end(c) : ctx.next_shift_start(c));
      }
    if (present[0].empty() && present[1].empty() && bound_once_) return;
    bound_once_ = true;
    for (auto& own : own_) own.clear();
    // Before anyone's first shift, everyone: the binding the couriers will find at 07:00.
    for (int t = 0; t < 2; ++t) bind(members_[t], present[0].empty() && present[1].empty() ? members_[t] : present[t]);
    // A courier owning no building (round_robin with more couriers than buildings, or off
    // shift) waits at a gate spread over the area.
    const std::size_t buildings = ctx.world.area.buildings().size();
    for (std::size_t c = 0; c < own_.size() && buildings > 0; ++c)
      home_compound_[c] = ctx.compound_of_building(own_[c].empty() ? static_cast<std::uint32_t>(c % buildings)
                                                                   : own_[c].front());
    // Idle couriers look again: some now own buildings with work waiting.
    for (auto& e : work_at_) e->notify_all();
  }

  // Rebinds if the set of couriers on shift may have changed since the last binding.
  void refresh_binding() {
    if (ctx_->now() >= next_rebind_ || ctx_->reinforcement_calls().size() != calls_seen_) rebind();
  }

  // Assigns buildings to the couriers of one team present now (`members`, a subset of the
  // team `all`, both in index order): contiguous runs with balanced households, or round robin,
  // among those present; or the explicit ranges given, the i-th to the team's i-th courier,
  // whose buildings nobody owns while it is away (others take them over as orphaned).
  void bind(const std::vector<std::uint32_t>& all, const std::vector<std::uint32_t>& members) {
    if (members.empty()) return;
    const auto& area = ctx_->world.area;
    const std::size_t nb = area.buildings().size();
    if (binding_ == "round_robin") {
      for (std::uint32_t b = 0; b < nb; ++b) own_[members[b % members.size()]].push_back(b);
      return;
    }
    if (binding_ != "balanced") {
      const auto ranges = parse_binding(binding_, nb);
      for (std::size_t i = 0, m = 0; i < all.size() && m < members.size(); ++i)
        if (all[i] == members[m]) own_[members[m++]] = ranges[i % ranges.size()];
      return;
    }
    std::vector<double> households(nb);
    double total = 0;
    for (std::size_t b = 0; b < nb; ++b) {
      const auto& bd = area.buildings()[b];
      for (std::uint32_t u = bd.first_unit; u < bd.first_unit + bd.unit_count; ++u)
        households[b] += static_cast<double>(area.units()[u].households_per_floor) * bd.floors;
      total += households[b];
    }
    // Buildings in area order (compound by compound); cut where the running sum passes k/n.
    double running = 0;
    std::size_t k = 0;
    for (std::uint32_t b = 0; b < nb; ++b) {
      own_[members[std::min(k, members.size() - 1)]].push_back(b);
      running += households[b];
      while (k + 1 < members.size() && running >= total * static_cast<double>(k + 1) / static_cast<double>(members.size()))
        ++k;
    }
    // A courier left without a building (more couriers than buildings) shares the last ones.
    for (std::size_t i = 0; i < members.size(); ++i)
      if (own_[members[i]].empty()) own_[members[i]].push_back(static_cast<std::uint32_t>((i * nb) / members.size()));
  }

  std::size_t queue_index(OrderId o) const {
    const std::uint32_t b = ctx_->building_of(ctx_->world.orders.household(o));
    const bool fresh = category_teams_ && time_critical(ctx_->world.orders.category(o));
    return (fresh ? ctx_->world.area.buildings().size() : 0) + b;
  }

  // Adds an order to queue q in dispatch order (an order taken before and coming back finds
  // its place again), keeping the index of non-empty queues up to date.
  void enqueue(std::size_t q, OrderId o) {
    const std::size_t before = queue_[q].size();
    ctx_->urgency.insert(queue_[q], o);
    reindex(q, before);
  }

  // Removes the first order (in dispatch order) of queue q.
  void dequeue(std::size_t q) {
    const std::size_t before = queue_[q].size();
    queue_[q].pop_front();
    reindex(q, before);
  }

  void reindex(std::size_t q, std::size_t before) {
    const std::size_t after = queue_[q].size();
    if (before == 0 && after > 0) nonempty_.insert(q);
    if (before > 0 && after == 0) nonempty_.erase(q);
    const std::size_t nb = ctx_->world.area.buildings().size();
    const std::size_t team = q < nb ? 0 : 1;
    const std::uint32_t compound = ctx_->compound_of_building(static_cast<std::uint32_t>(q - team * nb));
    fullest_stale_[team][compound] = 1;
  }

  // The building of `compound` with most waiting orders of a team's queues (ties: lowest), if
  // any; recomputed when one of its queues changed since.
  std::optional<std::uint32_t> fullest(std::size_t base, std::uint32_t compound) const {
    const std::size_t team = base == 0 ? 0 : 1;
    if (fullest_stale_[team][compound] != 0) {
      std::uint32_t best = no_building;
      std::size_t best_count = 0;
      for (const std::uint32_t b : ctx_->world.area.compounds()[compound].buildings) {
        const std::size_t n = queue_[base + b].size();
        if (n > best_count || (n > 0 && n == best_count && b < best)) {
          best = b;
          best_count = n;
        }
      }
      fullest_[team][compound] = best;
      fullest_stale_[team][compound] = 0;
    }
    const std::uint32_t b = fullest_[team][compound];
    return b == no_building ? std::nullopt : std::optional<std::uint32_t>(b);
  }

  // Takes up to a load from the given buildings' queues, first in dispatch order first
  // (ctx.urgency); late orders to be cancelled are cancelled on the way.
  // With `only`, a queue is taken from only while its first order passes the test.
  std::vector<OrderId> take(CourierId c, const std::vector<std::uint32_t>& buildings, std::size_t base,
                            const std::function<bool(OrderId)>& only = nullptr) {
    const auto& cs = ctx_->world.couriers;
    std::vector<OrderId> load;
    double kg = 0;
    for (;;) {
      std::deque<OrderId>* best = nullptr;
      for (std::uint32_t b : buildings) {
        auto& q = queue_[base + b];
        if (!q.empty() && (!only || only(q.front())) && (!best || ctx_->urgency.before(q.front(), best->front())))
          best = &q;
      }
      if (!best || load.size() >= cs.capacity_items(c)) break;
      if (ctx_->cancel_if_late(best->front())) {
        dequeue(static_cast<std::size_t>(best - queue_.data()));
        continue;
      }
      const double w = ctx_->world.orders.weight_kg(best->front());
      if (!load.empty() && kg + w > cs.capacity_kg(c)) break;
      kg += w;
      load.push_back(best->front());
      dequeue(static_cast<std::size_t>(best - queue_.data()));
    }
    return load;
  }

  // Returns true if no courier of `team` is bound to building `b` (only couriers on shift and
  // not quarantined are: rebind).
  bool orphaned(std::uint32_t b, std::uint8_t team) const {
    for (std::size_t k = 0; k < own_.size(); ++k)
      if (team_[k] == team && !ctx_->quarantined(make_id<model::CourierTag>(k)) &&
          std::find(own_[k].begin(), own_[k].end(), b) != own_[k].end())
        return false;
    return true;
  }

  // The building to help: most waiting orders (ties: lowest building), or nearest with any
  // (ties: lowest building), outside the courier's own, among the buildings of the compounds
  // nearest the courier's home compound (RelayStage::neighbourhood: the whole area for up to
  // 65 compounds; at city scale a courier does not cross the city for one load).
  // Buildings left without a courier (all quarantined) are taken over whatever the rule (with
  // helping = none, only those, most waiting orders first), so that nothing is stranded.
  // `base` and `team` name the queues looked at (the courier's own team's, or the other's).
  std::optional<std::uint32_t> to_help(CourierId c, std::size_t base, std::uint8_t team, PlaceId here) const {
    const auto& own = own_[c.index()];
    // Helping is all a courier owning nothing can do, whatever the rule says.
    const Helping rule = own.empty() && helping_ == Helping::none ? Helping::most_backlog : helping_;
    std::optional<std::uint32_t> best;
    std::size_t best_count = 0;
    sim::Duration best_time = sim::Duration::max();
    const auto owns_in = [&](std::uint32_t compound) {
      return std::any_of(own.begin(), own.end(), [&](std::uint32_t b) { return ctx_->compound_of_building(b) == compound; });
    };
    for (const std::uint32_t compound : stage_->neighbourhood(home_compound_[c.index()])) {
      if (rule == Helping::most_backlog && !owns_in(compound)) {
        // The compound's fullest building, kept up to date as its queues change.
        if (const auto b = fullest(base, compound)) {
          const std::size_t n = queue_[base + *b].size();
          if (n > best_count || (n == best_count && *b < *best)) {
            best = *b;
            best_count = n;
          }
        }
        continue;
      }
      for (const std::uint32_t b : ctx_->world.area.compounds()[compound].buildings) {
        const std::size_t n = queue_[base + b].size();
        if (n == 0 || std::find(own.begin(), own.end(), b) != own.end()) continue;
        if (rule == Helping::none && !orphaned(b, team)) continue;
        if (rule != Helping::nearest) {
          if (n > best_count || (n == best_count && b < *best)) {
            best = b;
            best_count = n;
          }
        } else {
          const sim::Duration t = ctx_->walk_time(c, here, ctx_->world.area.buildings()[b].entrance);
          if (t < best_time || (t == best_time && b < *best)) {
            best = b;
            best_time = t;
          }
        }
      }
    }
    return best;
  }

  // The helping rule (docs/modes.md, "per_building"): a courier takes, in this order,
  //   0. with category teams and cross_team_help, the other team's orders in its own
  //      buildings that are due within cross_team_at_risk (fresh food about to spoil);
  //   1. its own buildings' orders of its own team;
  //   2. with category teams and cross_team_help, its own buildings' orders of the other
  //      team (buildings it knows, orders nobody nearby is taking);
  //   3. other buildings of its own team, by the helping rule (most_backlog, nearest; none:
  //      only buildings whose own couriers are all quarantined);
  //   4. with cross_team_help, other buildings of the other team by the same rule; without it,
  //      only the other team's orphaned buildings (nobody left), so nothing is stranded.
  // `factor` is set to the familiar hand-over factor for its own buildings, 1 elsewhere.
  std::vector<OrderId> next_load(CourierId c, const std::vector<std::uint32_t>& own, std::size_t base, PlaceId here,
                                 double& factor) {
    refresh_binding();
    const std::uint8_t team = team_[c.index()];
    factor = familiarity_;
    const std::size_t nb = ctx_->world.area.buildings().size();
    const std::size_t other = base == 0 ? nb : 0;
    const auto other_team = static_cast<std::uint8_t>(team == 0 ? 1 : 0);
    std::vector<OrderId> load;
    if (category_teams_ && cross_team_ && at_risk_within_.count() > 0) {
      // 0. The other team's orders in its own buildings that are due within at_risk_within
      //    (or overdue) come first: fresh food about to spoil is not left for parcels.
      const sim::TimePoint horizon = ctx_->now() + at_risk_within_;
      load = take(c, own, other, [&](OrderId o) { return ctx_->urgency.due(o) <= horizon; });
      if (!load.empty()) return load;
    }
    load = take(c, own, base);
    if (!load.empty()) return load;
    if (category_teams_ && cross_team_) {
      load = take(c, own, other);
      if (!load.empty()) return load;
    }
    factor = 1.0;  // a building the courier does not know
    if (auto b = to_help(c, base, team, here)) {
      load = take(c, {*b}, base);
      if (!load.empty()) return load;
    }
    if (!category_teams_) return load;
    if (cross_team_) {
      if (auto b = to_help(c, other, other_team, here)) load = take(c, {*b}, other);
      if (!load.empty()) return load;
    }
    // The other team may have nobody left (quarantined, or too few couriers): its orphaned
    // buildings are taken over whatever the knobs, so that nothing is stranded.
    for (auto it = nonempty_.lower_bound(other); it != nonempty_.end() && *it < other + nb; ++it) {
      const auto b = static_cast<std::uint32_t>(*it - other);
      if (!orphaned(b, other_team)) continue;
      load = take(c, {b}, other);
      if (!load.empty()) break;
    }
    return load;
  }

  sim::Process courier(CourierId c) {
    auto& ctx = *ctx_;
    auto& sim = ctx.sim;
    auto& carried = carried_[c.index()];
    const std::size_t base = team_[c.index()] == 1 ? ctx.world.area.buildings().size() : 0;
    const auto& own = own_[c.index()];
    // A courier owning no building (round_robin with more couriers than buildings) helps from
    // the start; it waits at a gate spread over the area (home_compound_, which a rebinding moves).
    PlaceId here = ctx.gate_of_compound(home_compound_[c.index()]);
    CourierWork work(ctx, c);
    try {
      for (;;) {
        if (co_await work.pause()) continue;  // off shift or on duty: waited
        double factor = familiarity_;
        carried = next_load(c, own, base, here, factor);
        if (carried.empty()) {
          ctx.set_state(c, CourierState::idle);
          co_await sim::any_of_within(sim, ctx.idle_limit(c), idle_wait(home_compound_[c.index()]));
          continue;
        }
        // Loads are picked up at the gate of the compound of their first order.
        const PlaceId gate = ctx.gate_of_compound(ctx.compound_of_building(ctx.building_of(ctx.world.orders.household(carried.front()))));
        ctx.set_state(c, CourierState::walking);
        const sim::Duration to_gate = ctx.walk_time(c, here, gate);
        ctx.moving(c, gate, to_gate);
        co_await sim.delay(to_gate);
        const Leg loading = loading_leg(carried.size());
        ctx.set_state(c, loading.state);
        co_await sim.delay(loading.duration);
        here = gate;
        for (const Leg& leg : plan_door_tour(ctx, c, gate, gate, carried, factor)) {
          ctx.set_state(c, leg.state);
          ctx.moving(c, leg.to, leg.duration);
          co_await sim.delay(leg.duration);
          complete_leg(ctx, leg, carried);
        }
      }
    } catch (const sim::Interrupted&) {
      // Quarantined: its buildings are shared out again at the next look for work, and the
      // load goes back to its buildings' queues, in dispatch order.
      next_rebind_ = ctx.now();
      work.quarantined(carried, [this](std::vector<OrderId> load) {
        std::vector<std::uint32_t> compounds;
        for (OrderId o : load) {
          enqueue(queue_index(o), o);
          compounds.push_back(ctx_->compound_of_building(ctx_->building_of(ctx_->world.orders.household(o))));
        }
        std::sort(compounds.begin(), compounds.end());
        compounds.erase(std::unique(compounds.begin(), compounds.end()), compounds.end());
        for (const std::uint32_t k : compounds) {
          work_arrived(k);
          if (work_at_.size() == 1) break;  // one event serves all
        }
      });
    }
  }

  StageOptions stage_options_;
  std::string binding_;
  bool category_teams_, cross_team_;
  sim::Duration at_risk_within_;
  double fresh_team_share_, familiarity_;
  Helping helping_ = Helping::most_backlog;
  RunContext* ctx_ = nullptr;
  std::unique_ptr<RelayStage> stage_;
  std::vector<std::unique_ptr<sim::Event>> work_at_;  // idle couriers by home compound (one for small areas)

  sim::Event& idle_wait(std::uint32_t home) { return *work_at_[work_at_.size() == 1 ? 0 : home]; }

  // Wakes the idle couriers who could take goods that arrived at `compound`: those whose home
  // is among the compounds nearest it.
  void work_arrived(std::uint32_t compound) {
    if (work_at_.size() == 1) {
      work_at_[0]->notify_all();
      return;
    }
    for (const std::uint32_t k : stage_->neighbourhood(compound)) work_at_[k]->notify_all();
  }
  std::vector<std::deque<OrderId>> queue_;
  std::set<std::size_t> nonempty_;  // queues with waiting orders, ordered: deterministic scans
  static constexpr std::uint32_t no_building = std::numeric_limits<std::uint32_t>::max();
  mutable std::array<std::vector<std::uint32_t>, 2> fullest_;       // per team and compound (fullest)
  mutable std::array<std::vector<std::uint8_t>, 2> fullest_stale_;  // per team and compound
  std::vector<std::uint32_t> home_compound_;  // per courier: where it waits and whose neighbourhood it helps
  std::vector<std::vector<OrderId>> carried_;
  std::vector<std::uint8_t> team_;
  std::vector<std::vector<std::uint32_t>> own_;
  std::vector<std::uint32_t> members_[2];  // every courier of each team, in index order
  sim::TimePoint next_rebind_ = sim::TimePoint::max();  // when the couriers on shift next change
  std::size_t calls_seen_ = 0;  // reinforcement calls known at the last binding (a call moves arrivals)
  bool bound_once_ = false;
};

}  // namespace

ModeInfo per_building_mode_info() {
  auto knobs = relay_stage_knobs();
  knobs.push_back({"binding", KnobType::text, std::string("balanced"), 0, 0,
                   "buildings per courier: balanced (contiguous, equal households), round_robin, or ranges '0-7,8-15,...'",
                   {}, [](const KnobValue& v, const model::WorldParams& w) -> std::string {
                     const auto& text = std::get<std::string>(v);
                     if (text == "balanced" || text == "round_robin") return {};
                     const std::size_t nb = model::building_count(w.area);
                     try {
                       parse_binding(text, nb);
                     } catch (const std::invalid_argument& e) {
                       return std::string("balanced, round_robin or building ranges like \"0-7,8-15\" (") + e.what() + ")";
                     }
                     return {};
                   }});
  knobs.push_back({"helping", KnobType::text, std::string("most_backlog"), 0, 0,
                   "whom a courier helps when its own buildings are done", {"none", "most_backlog", "nearest"}});
  knobs.push_back({"category_teams", KnobType::boolean, false, 0, 1,
                   "bind couriers to categories too: a team takes fresh food and takeout", {}});
  knobs.push_back({"cross_team_help", KnobType::boolean, true, 0, 1,
                   "with category teams, a courier whose own team's work is done takes the other team's orders "
                   "(own buildings first); false forbids crossing (orphaned buildings are still taken over)",
                   {}});
  knobs.push_back({"cross_team_at_risk", KnobType::duration, sim::Duration{std::chrono::hours{2}}, 0, 86400,
                   "with cross_team_help, the other team's orders in a courier's own buildings due within this "
                   "time (or overdue) come before its own team's work; 0: only once its own work is done "
                   "(assumption)",
                   {}});
  knobs.push_back({"fresh_team_share", KnobType::real, 0.3, 0, 1, "share of couriers in the fresh/takeout team", {}});
  knobs.push_back({"familiar_handover_factor", KnobType::real, 0.8, 0.1, 2,
                   "hand-over time in a courier's own buildings relative to strangers' (assumption: knows "
                   "residents and layout)",
                   {}});
  using namespace std::chrono_literals;
  cite(knobs, "cross_team_at_risk", model::assumed(0s, 4h, "assumed"));
  cite(knobs, "fresh_team_share", model::assumed(0.2, 0.5, "assumed: the report binds couriers to categories too [S0] but gives no shares"));
  cite(knobs, "familiar_handover_factor", model::assumed(0.6, 1.0, "the report says binding couriers to buildings \"greatly raised\" efficiency but gives no figure [S0]"));
  return {"per_building",
          "Guanghuili: couriers bound to buildings and categories from 07:00, helping other buildings when done",
          std::move(knobs), [](const Knobs& k) { return std::make_unique<PerBuildingMode>(k); }};
}

}  // namespace last100::modes::detail
