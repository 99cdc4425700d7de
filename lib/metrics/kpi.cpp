#include "last100/metrics/kpi.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "last100/metrics/kpi_table.hpp"
#include "last100/metrics/ledger.hpp"
#include "last100/metrics/percentile.hpp"
#include "last100/metrics/recovery.hpp"

namespace last100::metrics {

namespace {

using model::Category;
using model::CourierState;
using model::Stage;

double minutes_between(sim::TimePoint a, sim::TimePoint b) { return sim::to_minutes(b - a); }

/// Fills the order-derived columns of the series on the grid step, 2 step, ... <= end.
void fill_series(TimeSeries& ts, const model::Orders& orders, sim::Duration step, std::size_t k_max) {
  const std::int64_t dt = step.count();
  const double step_hours = sim::to_seconds(step) / 3600.0;
  // Difference arrays: an order in stage s over [t_s, t_next) is counted at samples
  // k = ceil(t_s / dt) .. ceil(t_next / dt) - 1 (sample k is at k dt).
  std::vector<std::int64_t> all(k_max + 2, 0), station(k_max + 2, 0), gate(k_max + 2, 0), shelf(k_max + 2, 0);
  std::vector<double> delivered(k_max + 1, 0.0);
  auto sample_index = [&](sim::TimePoint t) {
    const std::int64_t ticks = sim::ticks(t);
    const std::int64_t k = ticks <= 0 ? 0 : (ticks + dt - 1) / dt;
    return static_cast<std::size_t>(std::min<std::int64_t>(k, static_cast<std::int64_t>(k_max) + 1));
  };
  auto add = [&](std::vector<std::int64_t>& d, sim::TimePoint from, sim::TimePoint to) {
    const std::size_t a = sample_index(from);
    const std::size_t b = to == model::never ? k_max + 1 : sample_index(to);
    if (a < b) {
      d[a] += 1;
      d[b] -= 1;
    }
  };
  std::array<std::pair<sim::TimePoint, Stage>, model::stage_count> reached{};
  for (std::size_t i = 0; i < orders.count(); ++i) {
    const auto id = make_id<model::OrderTag>(i);
    std::size_t n = 0;
    sim::TimePoint finished = model::never;
    for (std::size_t s = 0; s < model::stage_count; ++s) {
      const auto stage = static_cast<Stage>(s);
      const sim::TimePoint t = orders.time(id, stage);
      if (t == model::never) continue;
      reached[n++] = {t, stage};
      if (stage == Stage::handed_over || stage == Stage::spoiled || stage == Stage::cancelled)
        finished = std::min(finished, t);
    }
    add(all, orders.time(id, Stage::placed), finished);
    std::sort(reached.begin(), reached.begin() + static_cast<std::ptrdiff_t>(n));
    for (std::size_t j = 0; j < n; ++j) {
      const sim::TimePoint next = j + 1 < n ? reached[j + 1].first : model::never;
      switch (reached[j].second) {
        case Stage::at_station: add(station, reached[j].first, next); break;
        case Stage::at_gate: add(gate, reached[j].first, next); break;
        case Stage::at_shelf_or_door: add(shelf, reached[j].first, next); break;
        default: break;
      }
    }
    const sim::TimePoint handed = orders.time(id, Stage::handed_over);
    if (handed != model::never) {
      const std::size_t k = std::max<std::size_t>(sample_index(handed), 1);
      if (k <= k_max) delivered[k] += 1.0;
    }
  }
  std::array<std::int64_t, 4> run{};
  for (std::size_t k = 0; k <= k_max; ++k) {
    run[0] += all[k];
    run[1] += station[k];
    run[2] += gate[k];
    run[3] += shelf[k];
    if (k == 0) continue;
    ts.time_hours.push_back(static_cast<double>(k) * step_hours);
    ts.delivered_per_hour.push_back(delivered[k] / step_hours);
    ts.backlog.push_back(static_cast<double>(run[0]));
    ts.backlog_station.push_back(static_cast<double>(run[1]));
    ts.backlog_gate.push_back(static_cast<double>(run[2]));
    ts.backlog_shelf.push_back(static_cast<double>(run[3]));
  }
}

}  // namespace

CourierHours courier_hours(const model::Couriers& c, sim::TimePoint at) {
  CourierHours h{};
  for (std::size_t i = 0; i < c.count(); ++i) {
    const auto id = make_id<model::CourierTag>(i);
    for (std::size_t s = 0; s < model::courier_state_count; ++s)
      h[s] += sim::to_seconds(c.time_in(id, static_cast<CourierState>(s))) / 3600.0;
    if (at > c.since(id)) h[static_cast<std::size_t>(c.state(id))] += sim::to_seconds(at - c.since(id)) / 3600.0;
  }
  return h;
}

namespace {

/// Lead times of a group of measured orders: exact for delivered ones, censored otherwise.
struct Leads {
  std::vector<double> exact, censored;
  void add(bool delivered, double minutes) { (delivered ? exact : censored).push_back(minutes); }
  Percentiles percentiles() { return censored_percentiles(std::move(exact), std::move(censored)); }
};

bool on_shift_state(std::size_t s) {
  const auto st = static_cast<CourierState>(s);
  // A break is within the shift but not available for work (docs/metrics.md, "Courier time").
  return st != CourierState::off_shift && st != CourierState::quarantined && st != CourierState::on_break;
}

}  // namespace

Summary summarise(const model::World& world, const RunRecord& record) {
  const model::Orders& orders = world.orders;
  const sim::TimePoint end = record.end;
  const sim::TimePoint horizon = record.horizon == model::never ? end : record.horizon;
  const sim::TimePoint measured_from = sim::TimePoint{record.warmup};
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  Summary s;
  s.scenario = record.scenario;
  s.mode = record.mode;
  s.seed = record.seed;
  s.replications = 1;
  s.measured_hours = std::max(0.0, sim::to_seconds(horizon - measured_from) / 3600.0);
  s.contacts = record.contacts;
  s.peak_shelf_crowding = record.peak_shelf_crowding;
  s.spoiled_fresh = record.stale_fresh_in_flight;  // spoiled already, wherever it still waits

  const auto& area = world.area;
  s.buildings.assign(area.buildings().size(), PlaceFigures{});
  s.compounds.assign(area.compounds().size(), PlaceFigures{});
  std::vector<Leads> by_building(s.buildings.size()), by_compound(s.compounds.size());
  // Stage waits of delivered orders per building and compound: sums and counts.
  struct Waits {
    std::array<double, stage_wait_names.size()> minutes{};
    std::array<std::uint64_t, stage_wait_names.size()> orders{};
  };
  std::vector<Waits> waits_b(s.buildings.size()), waits_c(s.compounds.size());
  constexpr std::array<Stage, stage_wait_names.size() + 1> wait_stages = {
      Stage::placed, Stage::at_station, Stage::loaded, Stage::at_gate, Stage::at_shelf_or_door, Stage::handed_over};
  std::array<Leads, model::category_count> by_category;
  Leads all, limited;
  std::vector<double> delivered_leads;  // for the CDF and service levels
  std::uint64_t delivered_in_window = 0, measured = 0;
  const auto& takeout = world.params.demand.categories[static_cast<std::size_t>(Category::takeout)];
  for (std::size_t i = 0; i < orders.count(); ++i) {
    const auto id = make_id<model::OrderTag>(i);
    const sim::TimePoint placed = orders.time(id, Stage::placed);
    const sim::TimePoint handed = orders.time(id, Stage::handed_over);
    // Throughput: hand-overs inside the window, whenever the order was placed.
    if (handed != model::never && handed >= measured_from && handed < horizon && handed <= end) ++delivered_in_window;
    if (placed < measured_from || placed >= horizon || placed >= end) continue;
    ++measured;
    const Category cat = orders.category(id);
    // Status as of `end` (stamps after it, if any, are not seen).
    auto status = orders.status(id);
    const auto terminal_time = [&](Stage st) { return orders.time(id, st); };
    // (placed stands for "not terminal yet" below.)
    if (status == model::OrderStatus::delivered && handed > end) status = model::OrderStatus::placed;
    if (status == model::OrderStatus::spoiled && terminal_time(Stage::spoiled) > end) status = model::OrderStatus::placed;
    if (status == model::OrderStatus::cancelled && terminal_time(Stage::cancelled) > end) status = model::OrderStatus::placed;
    OrderCounts& n = s.by_category[static_cast<std::size_t>(cat)].orders;
    ++n.created;
    switch (status) {
      case model::OrderStatus::delivered: ++n.delivered; break;
      case model::OrderStatus::spoiled: ++n.spoiled; break;
      case model::OrderStatus::cancelled: ++n.cancelled; break;
      default: ++n.in_flight; break;
    }
    if (status == model::OrderStatus::spoiled && cat == Category::fresh_food) ++s.spoiled_fresh;
    if (status == model::OrderStatus::cancelled && cat == Category::takeout &&
        orders.cancel_reason(id) == model::CancelReason::deadline_missed)
      ++s.late_takeout;
    const bool delivered = status == model::OrderStatus::delivered;
    if (delivered && cat == Category::takeout && takeout.deadline.count() > 0 && handed - placed > takeout.deadline)
      ++s.late_takeout;
    // Undelivered: censored at what it had waited when the run stopped.
    const double lead = minutes_between(placed, delivered ? handed : end);
    if (delivered) delivered_leads.push_back(lead);
    all.add(delivered, lead);
    by_category[static_cast<std::size_t>(cat)].add(delivered, lead);
    const std::size_t h = orders.household(id).index();
    if (h < world.households.count()) {
      if (world.households.limited_mobility[h]) limited.add(delivered, lead);
      const std::uint32_t b = world.households.building[h];
      if (b < s.buildings.size()) {
        const std::uint32_t c = area.buildings()[b].compound;
        for (PlaceFigures* f : {&s.buildings[b], c < s.compounds.size() ? &s.compounds[c] : nullptr}) {
          if (f == nullptr) continue;
          ++f->orders;
          ++(delivered ? f->delivered : f->undelivered);
        }
        by_building[b].add(delivered, lead);
        if (c < by_compound.size()) by_compound[c].add(delivered, lead);
        // Delivered by `end`: every stamp it has is at or before `end`.
        for (std::size_t k = 0; delivered && k < stage_wait_names.size(); ++k) {
          const sim::TimePoint from = orders.time(id, wait_stages[k]), to = orders.time(id, wait_stages[k + 1]);
          if (from == model::never || to == model::never) continue;
          for (Waits* w : {&waits_b[b], c < waits_c.size() ? &waits_c[c] : nullptr}) {
            if (w == nullptr) continue;
            w->minutes[k] += minutes_between(from, to);
            ++w->orders[k];
          }
        }
      }
    }
  }
  for (std::size_t c = 0; c < model::category_count; ++c) {
    const OrderCounts& n = s.by_category[c].orders;
    s.by_category[c].category = static_cast<Category>(c);
    s.by_category[c].lead_time_minutes = by_category[c].percentiles();
    s.orders.created += n.created;
    s.orders.delivered += n.delivered;
    s.orders.spoiled += n.spoiled;
    s.orders.cancelled += n.cancelled;
    s.orders.in_flight += n.in_flight;
  }
  std::sort(delivered_leads.begin(), delivered_leads.end());
  // The CDF over all measured orders: delivered shares scaled by delivered / measured.
  s.lead_time_cdf = empirical_cdf(delivered_leads);
  const double delivered_share = measured ? static_cast<double>(delivered_leads.size()) / static_cast<double>(measured) : 0.0;
  for (auto& p : s.lead_time_cdf) p.share *= delivered_share;
  for (const auto level : world.params.run.service_levels) {
    const double minutes = sim::to_minutes(level);
    s.service_level_hours.push_back(minutes / 60.0);
    const auto within = std::upper_bound(delivered_leads.begin(), delivered_leads.end(), minutes) - delivered_leads.begin();
    s.service_levels.push_back(measured ? static_cast<double>(within) / static_cast<double>(measured) : nan);
  }
  s.lead_time_minutes = all.percentiles();
  s.limited_mobility_minutes = limited.percentiles();
  // Per building and compound; the worst building counts starved ones (censored p90s).
  s.building_p90_minutes.reserve(s.buildings.size());
  for (std::size_t b = 0; b < s.buildings.size(); ++b) {
    s.buildings[b].lead_time_minutes = by_building[b].percentiles();
    if (b < record.contacts_by_building.size()) s.buildings[b].contacts = static_cast<double>(record.contacts_by_building[b]);
    const Percentiles& p = s.buildings[b].lead_time_minutes;
    s.building_p90_minutes.push_back(p.p90);
    if (!std::isfinite(p.p90)) continue;
    // Larger wins; at equal values a lower bound is worse than an exact value.
    const bool worse = !std::isfinite(s.worst_building_p90_minutes) || p.p90 > s.worst_building_p90_minutes ||
                       (p.p90 == s.worst_building_p90_minutes && p.p90_at_least && !s.worst_building_p90_at_least);
    if (worse) {
      s.worst_building_p90_minutes = p.p90;
      s.worst_building_p90_at_least = p.p90_at_least;
      s.worst_building = static_cast<std::int64_t>(b);
    }
  }
  const auto wait_means = [](PlaceFigures& f, const Waits& w) {
    for (std::size_t k = 0; k < w.orders.size(); ++k)
      if (w.orders[k] > 0) f.wait_minutes[k] = w.minutes[k] / static_cast<double>(w.orders[k]);
  };
  for (std::size_t b = 0; b < s.buildings.size(); ++b) wait_means(s.buildings[b], waits_b[b]);
  for (std::size_t c = 0; c < s.compounds.size(); ++c) {
    wait_means(s.compounds[c], waits_c[c]);
    s.compounds[c].lead_time_minutes = by_compound[c].percentiles();
  }
  for (std::size_t b = 0; b < s.buildings.size(); ++b)  // in building order, as the sums were
    if (const std::size_t c = area.buildings()[b].compound; c < s.compounds.size())
      s.compounds[c].contacts += s.buildings[b].contacts;
  s.throughput_per_hour = s.measured_hours > 0.0 ? static_cast<double>(delivered_in_window) / s.measured_hours : nan;

  // Courier time: shares of on-shift time (every state but off shift and quarantined), in
  // the measurement window when the record has it.
  CourierHours hours = courier_hours(world.couriers, end);
  if (record.hours_at_warmup && record.hours_at_horizon)
    for (std::size_t i = 0; i < hours.size(); ++i) hours[i] = (*record.hours_at_horizon)[i] - (*record.hours_at_warmup)[i];
  auto at = [&](CourierState st) { return hours[static_cast<std::size_t>(st)]; };
  const double delivery = at(CourierState::loading) + at(CourierState::handing_over);
  const double on_shift = delivery + at(CourierState::walking) + at(CourierState::climbing) +
                          at(CourierState::on_duty) + at(CourierState::idle);
  s.orders_per_courier_hour = nan;
  if (on_shift > 0.0) {
    s.courier_utilisation = Utilisation{delivery / on_shift, at(CourierState::walking) / on_shift,
                                        at(CourierState::climbing) / on_shift, at(CourierState::on_duty) / on_shift,
                                        at(CourierState::idle) / on_shift};
    s.orders_per_courier_hour = static_cast<double>(delivered_in_window) / on_shift;
  }

  // Time series on the recorder's grid (or hourly), backlogs from the order stamps.
  const sim::Duration step = record.sample_step.count() > 0 ? record.sample_step : std::chrono::hours{1};
  const auto k_max = static_cast<std::size_t>(std::max<std::int64_t>(sim::ticks(end), 0) / step.count());
  fill_series(s.series, orders, step, k_max);
  s.series.couriers_busy.assign(k_max, 0.0);
  s.series.couriers_on_duty.assign(k_max, 0.0);
  s.series.couriers_on_shift.assign(k_max, 0.0);
  std::vector<double> on_shift_at(k_max, nan);
  for (const Sample& smp : record.samples) {
    const auto k = static_cast<std::size_t>(sim::ticks(smp.at) / step.count());
    if (k == 0 || k > k_max) continue;
    std::uint32_t busy = 0, shift = 0;
    for (CourierState st : {CourierState::loading, CourierState::walking, CourierState::climbing,
                            CourierState::handing_over, CourierState::on_duty})
      busy += smp.couriers[static_cast<std::size_t>(st)];
    for (std::size_t st = 0; st < model::courier_state_count; ++st)
      if (on_shift_state(st)) shift += smp.couriers[st];
    s.series.couriers_busy[k - 1] = busy;
    s.series.couriers_on_duty[k - 1] = smp.couriers[static_cast<std::size_t>(CourierState::on_duty)];
    on_shift_at[k - 1] = shift;
    s.series.couriers_on_shift[k - 1] = shift;
  }

  // Recovery: peak backlog, when the backlog clears after the horizon and after each surge,
  // capacity when busy.
  Recovery& rc = s.recovery;
  rc.horizon_hours = sim::to_seconds(horizon - sim::TimePoint{}) / 3600.0;
  rc.end_hours = sim::to_seconds(end - sim::TimePoint{}) / 3600.0;
  rc.drained = s.orders.in_flight == 0;
  const auto& ts = s.series;
  for (std::size_t k = 0; k < ts.backlog.size(); ++k)
    if (!(ts.backlog[k] <= rc.peak_backlog)) {
      rc.peak_backlog = ts.backlog[k];
      rc.peak_backlog_at_hours = ts.time_hours[k];
    }
  for (std::size_t k = 0; k < ts.backlog.size(); ++k) {
    if (ts.time_hours[k] < rc.horizon_hours || ts.backlog[k] > 0.0) continue;
    rc.clear_after_horizon_hours = ts.time_hours[k] - rc.horizon_hours;
    break;
  }
  if (!std::isfinite(rc.clear_after_horizon_hours) && rc.end_hours > rc.horizon_hours) {
    rc.clear_after_horizon_hours = rc.end_hours - rc.horizon_hours;
    rc.clear_after_horizon_at_least = true;
  }
  // After each surge: back to the backlog it started from.
  add_surge_recovery(rc, surge_windows(world.params.demand, rc.horizon_hours), ts);
  // Orders leaving couriers' hands (at a shelf or door, or handed over) per step.
  std::vector<double> finished(k_max + 1, 0.0);
  for (std::size_t i = 0; i < orders.count(); ++i) {
    const auto id = make_id<model::OrderTag>(i);
    sim::TimePoint t = orders.time(id, Stage::at_shelf_or_door);
    if (t == model::never) t = orders.time(id, Stage::handed_over);
    if (t == model::never || t > end) continue;
    const std::int64_t ticks = sim::ticks(t);
    const auto k = static_cast<std::size_t>(ticks <= 0 ? 1 : (ticks + step.count() - 1) / step.count());
    if (k >= 1 && k <= k_max) finished[k] += 1.0;
  }
  const double step_hours = sim::to_seconds(step) / 3600.0;
  double busy_orders = 0.0, busy_courier_hours = 0.0;
  for (std::size_t k = 1; k <= k_max; ++k) {
    // Waiting for a courier at both ends of the step: the backlog minus what sits on shelves.
    const double before = k >= 2 ? ts.backlog[k - 2] - ts.backlog_shelf[k - 2] : 0.0;
    const double after = ts.backlog[k - 1] - ts.backlog_shelf[k - 1];
    if (before <= 0.0 || after <= 0.0 || !std::isfinite(on_shift_at[k - 1]) || on_shift_at[k - 1] <= 0.0) continue;
    busy_orders += finished[k];
    busy_courier_hours += on_shift_at[k - 1] * step_hours;
    rc.busy_hours += step_hours;
  }
  if (busy_courier_hours > 0.0) rc.capacity_per_courier_hour = busy_orders / busy_courier_hours;
  fill_kpis(s);
  return s;
}

}  // namespace last100::metrics
