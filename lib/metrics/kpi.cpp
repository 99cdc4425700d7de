#include "last100/metrics/kpi.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "last100/metrics/ledger.hpp"
#include "last100/metrics/percentile.hpp"

namespace last100::metrics {

namespace {

using model::Category;
using model::CourierState;
using model::Stage;

double minutes_between(sim::TimePoint a, sim::TimePoint b) { return sim::to_minutes(b - a); }

/// Returns, for every courier state, the time spent in it up to `end`, over all couriers.
std::array<double, model::courier_state_count> courier_hours(const model::Couriers& c, sim::TimePoint end) {
  std::array<double, model::courier_state_count> h{};
  for (std::size_t i = 0; i < c.count(); ++i) {
    const auto id = make_id<model::CourierTag>(i);
    for (std::size_t s = 0; s < model::courier_state_count; ++s)
      h[s] += sim::to_seconds(c.time_in(id, static_cast<CourierState>(s))) / 3600.0;
    if (end > c.since(id)) h[static_cast<std::size_t>(c.state(id))] += sim::to_seconds(end - c.since(id)) / 3600.0;
  }
  return h;
}

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

Summary summarise(const model::World& world, const RunRecord& record) {
  const model::Orders& orders = world.orders;
  const sim::TimePoint end = record.end;
  const sim::TimePoint measured_from = sim::TimePoint{record.warmup};
  Summary s;
  s.scenario = record.scenario;
  s.mode = record.mode;
  s.seed = record.seed;
  s.replications = 1;
  s.measured_hours = std::max(0.0, sim::to_seconds(end - measured_from) / 3600.0);
  s.contacts = record.contacts;
  s.peak_shelf_crowding = record.peak_shelf_crowding;
  s.spoiled_fresh = record.stale_fresh_in_flight;  // spoiled already, wherever it still waits

  const auto counts = count_orders(orders, end);
  std::array<std::vector<double>, model::category_count> lead_by_category;
  std::vector<double> lead_all, lead_limited;
  std::vector<std::vector<double>> lead_by_building(world.area.buildings().size());
  std::uint64_t delivered_measured = 0;
  const auto& takeout = world.params.demand.categories[static_cast<std::size_t>(Category::takeout)];
  for (std::size_t i = 0; i < orders.count(); ++i) {
    const auto id = make_id<model::OrderTag>(i);
    const sim::TimePoint placed = orders.time(id, Stage::placed);
    if (placed >= end) continue;
    const Category cat = orders.category(id);
    const auto status = orders.status(id);
    if (status == model::OrderStatus::spoiled && cat == Category::fresh_food) ++s.spoiled_fresh;
    if (status == model::OrderStatus::cancelled && cat == Category::takeout &&
        orders.cancel_reason(id) == model::CancelReason::deadline_missed)
      ++s.late_takeout;
    if (status != model::OrderStatus::delivered) continue;
    const sim::TimePoint handed = orders.time(id, Stage::handed_over);
    if (handed >= measured_from) ++delivered_measured;
    if (cat == Category::takeout && takeout.deadline.count() > 0 && handed - placed > takeout.deadline)
      ++s.late_takeout;
    if (placed < measured_from) continue;
    const double lead = minutes_between(placed, handed);
    lead_all.push_back(lead);
    lead_by_category[static_cast<std::size_t>(cat)].push_back(lead);
    const std::size_t h = orders.household(id).index();
    if (h < world.households.count()) {
      if (world.households.limited_mobility[h]) lead_limited.push_back(lead);
      const std::uint32_t b = world.households.building[h];
      if (b < lead_by_building.size()) lead_by_building[b].push_back(lead);
    }
  }
  for (std::size_t c = 0; c < model::category_count; ++c) {
    const OrderCounts& n = counts[c];
    s.by_category[c].category = static_cast<Category>(c);
    s.by_category[c].orders = n;
    s.by_category[c].lead_time_minutes = percentiles(std::move(lead_by_category[c]));
    s.orders.created += n.created;
    s.orders.delivered += n.delivered;
    s.orders.spoiled += n.spoiled;
    s.orders.cancelled += n.cancelled;
    s.orders.in_flight += n.in_flight;
  }
  std::sort(lead_all.begin(), lead_all.end());
  s.lead_time_cdf = empirical_cdf(lead_all);
  s.lead_time_minutes = percentiles(std::move(lead_all));
  s.limited_mobility_p90_minutes = percentiles(std::move(lead_limited)).p90;
  s.building_p90_minutes.reserve(lead_by_building.size());
  for (auto& v : lead_by_building) {
    s.building_p90_minutes.push_back(percentiles(std::move(v)).p90);
    s.worst_building_p90_minutes = std::max(s.worst_building_p90_minutes, s.building_p90_minutes.back());
  }
  s.throughput_per_hour = s.measured_hours > 0.0 ? static_cast<double>(delivered_measured) / s.measured_hours : 0.0;

  // Courier time: shares of on-shift time (every state but off shift and quarantined).
  const auto hours = courier_hours(world.couriers, end);
  auto at = [&](CourierState st) { return hours[static_cast<std::size_t>(st)]; };
  const double delivery = at(CourierState::loading) + at(CourierState::handing_over);
  const double on_shift = delivery + at(CourierState::walking) + at(CourierState::climbing) +
                          at(CourierState::on_duty) + at(CourierState::idle);
  if (on_shift > 0.0) {
    s.courier_utilisation = Utilisation{delivery / on_shift, at(CourierState::walking) / on_shift,
                                        at(CourierState::climbing) / on_shift, at(CourierState::on_duty) / on_shift,
                                        at(CourierState::idle) / on_shift};
    s.orders_per_courier_hour = static_cast<double>(s.orders.delivered) / on_shift;
  }

  // Time series on the recorder's grid (or hourly), backlogs from the order stamps.
  const sim::Duration step = record.sample_step.count() > 0 ? record.sample_step : std::chrono::hours{1};
  const auto k_max = static_cast<std::size_t>(std::max<std::int64_t>(sim::ticks(end), 0) / step.count());
  fill_series(s.series, orders, step, k_max);
  s.series.couriers_busy.assign(k_max, 0.0);
  s.series.couriers_on_duty.assign(k_max, 0.0);
  for (const Sample& smp : record.samples) {
    const auto k = static_cast<std::size_t>(sim::ticks(smp.at) / step.count());
    if (k == 0 || k > k_max) continue;
    std::uint32_t busy = 0;
    for (CourierState st : {CourierState::loading, CourierState::walking, CourierState::climbing,
                            CourierState::handing_over, CourierState::on_duty})
      busy += smp.couriers[static_cast<std::size_t>(st)];
    s.series.couriers_busy[k - 1] = busy;
    s.series.couriers_on_duty[k - 1] = smp.couriers[static_cast<std::size_t>(CourierState::on_duty)];
  }
  return s;
}

}  // namespace last100::metrics
