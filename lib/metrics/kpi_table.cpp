// The KPI table and how replications are combined (docs/metrics.md defines each KPI).

#include "last100/metrics/kpi_table.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include <boost/math/distributions/students_t.hpp>
#include <fmt/format.h>

namespace last100::metrics {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

KpiValue exact(double v) { return {v, false}; }
KpiValue count(std::uint64_t v) { return {static_cast<double>(v), false}; }
KpiValue bound(double v, bool at_least) { return {v, at_least && std::isfinite(v)}; }
// A share of on-shift time: n/a when no courier was on shift (every share is then 0).
KpiValue share(const Summary& s, double v) {
  const auto& u = s.courier_utilisation;
  return u.delivery + u.walking + u.stairs + u.duty + u.idle > 0.0 ? exact(v) : KpiValue{};
}

// Service level `i`: NaN when the scenario set fewer thresholds.
KpiValue level(const Summary& s, std::size_t i) {
  return i < s.service_levels.size() ? KpiValue{s.service_levels[i], false} : KpiValue{};
}

using K = KpiKind;
constexpr Aggregate mean = Aggregate::mean;

}  // namespace

const std::vector<KpiDef>& kpi_table() {
  static const std::vector<KpiDef> table = {
      {"orders.created", "orders created", "orders", 1, K::count, mean, false,
       [](const Summary& s) { return count(s.orders.created); }},
      {"orders.delivered", "orders delivered", "orders", 1, K::count, mean, false,
       [](const Summary& s) { return count(s.orders.delivered); }},
      {"orders.spoiled", "orders spoiled", "orders", 1, K::count, mean, false,
       [](const Summary& s) { return count(s.orders.spoiled); }},
      {"orders.cancelled", "orders cancelled", "orders", 1, K::count, mean, false,
       [](const Summary& s) { return count(s.orders.cancelled); }},
      {"orders.in_flight", "orders still open when the run stopped", "orders", 1, K::count, mean, false,
       [](const Summary& s) { return count(s.orders.in_flight); }},
      {"service_level.1", "delivered within level 1", "share", 3, K::share, mean, false,
       [](const Summary& s) { return level(s, 0); }},
      {"service_level.2", "delivered within level 2", "share", 3, K::share, mean, false,
       [](const Summary& s) { return level(s, 1); }},
      {"service_level.3", "delivered within level 3", "share", 3, K::share, mean, false,
       [](const Summary& s) { return level(s, 2); }},
      {"service_level.4", "delivered within level 4", "share", 3, K::share, mean, false,
       [](const Summary& s) { return level(s, 3); }},
      {"throughput_per_hour", "throughput", "orders/h", 1, K::rate, mean, false,
       [](const Summary& s) { return s.measured_hours > 0.0 ? exact(s.throughput_per_hour) : KpiValue{}; }},
      {"orders_per_courier_hour", "per courier", "orders/courier-h", 2, K::rate, mean, false,
       [](const Summary& s) { return std::isfinite(s.orders_per_courier_hour) ? exact(s.orders_per_courier_hour) : KpiValue{}; }},
      {"lead_time_minutes.p50", "lead time p50", "min", 1, K::minutes, mean, true,
       [](const Summary& s) { return bound(s.lead_time_minutes.p50, s.lead_time_minutes.p50_at_least); }},
      {"lead_time_minutes.p90", "lead time p90", "min", 1, K::minutes, mean, true,
       [](const Summary& s) { return bound(s.lead_time_minutes.p90, s.lead_time_minutes.p90_at_least); }},
      {"lead_time_minutes.p99", "lead time p99", "min", 1, K::minutes, mean, true,
       [](const Summary& s) { return bound(s.lead_time_minutes.p99, s.lead_time_minutes.p99_at_least); }},
      {"capacity_per_courier_hour", "capacity while orders wait", "orders/courier-h", 2, K::rate, mean, false,
       [](const Summary& s) { return exact(s.recovery.capacity_per_courier_hour); }},
      {"recovery.peak_backlog", "peak backlog", "orders", 1, K::count, mean, false,
       [](const Summary& s) { return exact(s.recovery.peak_backlog); }},
      {"recovery.peak_backlog_at_hours", "peak backlog at", "h", 1, K::rate, mean, false,
       [](const Summary& s) { return exact(s.recovery.peak_backlog_at_hours); }},
      {"recovery.clear_after_horizon_hours", "backlog clear after demand stops", "h", 1, K::rate, mean, true,
       [](const Summary& s) {
         return bound(s.recovery.clear_after_horizon_hours, s.recovery.clear_after_horizon_at_least);
       }},
      {"recovery.clear_after_surge_hours", "backlog back to its pre-surge level after a surge", "h", 1, K::rate, mean, true,
       [](const Summary& s) {
         return bound(s.recovery.clear_after_surge_hours, s.recovery.clear_after_surge_at_least);
       }},
      {"courier_utilisation.delivery", "courier time: delivery", "share", 3, K::share, mean, false,
       [](const Summary& s) { return share(s, s.courier_utilisation.delivery); }},
      {"courier_utilisation.walking", "courier time: walking", "share", 3, K::share, mean, false,
       [](const Summary& s) { return share(s, s.courier_utilisation.walking); }},
      {"courier_utilisation.stairs", "courier time: stairs/lift", "share", 3, K::share, mean, false,
       [](const Summary& s) { return share(s, s.courier_utilisation.stairs); }},
      {"courier_utilisation.duty", "courier time: volunteer duty", "share", 3, K::share, mean, false,
       [](const Summary& s) { return share(s, s.courier_utilisation.duty); }},
      {"courier_utilisation.idle", "courier time: idle", "share", 3, K::share, mean, false,
       [](const Summary& s) { return share(s, s.courier_utilisation.idle); }},
      {"contacts.courier_resident", "face-to-face hand-overs courier-resident", "count", 1, K::count, mean, false,
       [](const Summary& s) { return count(s.contacts.courier_resident); }},
      {"contacts.contactless_drops", "contactless drops (shelf, door)", "count", 1, K::count, mean, false,
       [](const Summary& s) { return count(s.contacts.contactless_drops); }},
      {"contacts.queue_person_minutes", "residents co-present in line", "person-min", 0, K::minutes, mean, false,
       [](const Summary& s) { return exact(s.contacts.queue_person_minutes); }},
      {"contacts.counter_person_minutes", "residents co-present at counter/shelf", "person-min", 0, K::minutes, mean, false,
       [](const Summary& s) { return exact(s.contacts.counter_person_minutes); }},
      {"contacts.close_contacts", "close contacts resident-resident (>= 15 min)", "pairs", 1, K::count, mean, false,
       [](const Summary& s) { return count(s.contacts.close_contacts); }},
      {"peak_shelf_crowding", "peak crowding at a pickup place", "people", 1, K::people, mean, false,
       [](const Summary& s) { return count(s.peak_shelf_crowding); }},
      {"spoiled_fresh", "fresh food spoiled", "orders", 1, K::count, mean, false,
       [](const Summary& s) { return count(s.spoiled_fresh); }},
      {"late_takeout", "takeout late", "orders", 1, K::count, mean, false,
       [](const Summary& s) { return count(s.late_takeout); }},
      {"worst_building_p90_minutes", "worst building p90", "min", 1, K::minutes, mean, true,
       [](const Summary& s) { return bound(s.worst_building_p90_minutes, s.worst_building_p90_at_least); }},
      {"limited_mobility_p90_minutes", "limited-mobility p90", "min", 1, K::minutes, mean, true,
       [](const Summary& s) { return bound(s.limited_mobility_minutes.p90, s.limited_mobility_minutes.p90_at_least); }},
  };
  return table;
}

std::string kpi_label(const KpiDef& k, const Summary& s) {
  constexpr std::string_view prefix = "service_level.";
  if (k.key.substr(0, prefix.size()) == prefix) {
    const auto i = static_cast<std::size_t>(k.key.back() - '1');
    if (i < s.service_level_hours.size()) return fmt::format("delivered within {:g} h", s.service_level_hours[i]);
  }
  return std::string(k.label);
}

std::size_t kpi_index(std::string_view key) {
  const auto& t = kpi_table();
  for (std::size_t i = 0; i < t.size(); ++i)
    if (t[i].key == key) return i;
  throw std::out_of_range("no KPI '" + std::string(key) + "'");
}

Estimate single(const KpiValue& v) {
  Estimate e;
  if (!std::isfinite(v.value)) return e;
  e.mean = v.value;
  e.at_least = v.at_least;
  e.observed = 1;
  return e;
}

Estimate kpi_estimate(const Summary& s, std::size_t i) {
  const auto& t = kpi_table();
  if (s.kpis.size() == t.size()) return s.kpis[i];
  return single(t.at(i).compute(s));
}

double t_quantile(double p, double df) {
  // Boost.Math inverts the t distribution to double precision for any df, fractional ones
  // (Welch) included; a table with the normal 1.96 beyond 30 df made intervals 2-4% too
  // narrow at 32-60 replications.
  if (!(df > 0.0) || !(p > 0.0 && p < 1.0)) return std::numeric_limits<double>::quiet_NaN();
  return boost::math::quantile(boost::math::students_t_distribution<double>(df), p);
}

double t975(std::size_t df) { return df == 0 ? 0.0 : t_quantile(0.975, static_cast<double>(df)); }

Estimate combine(const std::vector<KpiValue>& values) {
  Estimate e;
  double sum = 0.0;
  for (const auto& v : values) {
    if (!std::isfinite(v.value)) continue;
    sum += v.value;
    ++e.observed;
    e.at_least = e.at_least || v.at_least;
  }
  if (e.observed == 0) return e;
  const double n = e.observed;
  e.mean = sum / n;
  if (e.observed < 2) return e;
  double var = 0.0;
  for (const auto& v : values)
    if (std::isfinite(v.value)) var += (v.value - e.mean) * (v.value - e.mean);
  var /= n - 1.0;
  e.half_width = t975(e.observed - 1) * std::sqrt(var / n);
  return e;
}

void fill_kpis(Summary& s) {
  s.kpis.clear();
  for (const auto& k : kpi_table()) s.kpis.push_back(single(k.compute(s)));
}

namespace {

std::uint64_t rounded(const Estimate& e) {
  return std::isfinite(e.mean) && e.mean > 0 ? static_cast<std::uint64_t>(std::llround(e.mean)) : 0;
}
double value_or_nan(const Estimate& e) { return e.mean; }

// The mean of percentiles over replications: a lower bound if any replication's was.
void mean_percentiles(Percentiles& out, const std::vector<const Percentiles*>& ps) {
  std::vector<KpiValue> p50, p90, p99;
  std::uint64_t samples = 0, censored = 0;
  for (const auto* p : ps) {
    p50.push_back({p->p50, p->p50_at_least});
    p90.push_back({p->p90, p->p90_at_least});
    p99.push_back({p->p99, p->p99_at_least});
    samples += p->samples;
    censored += p->censored;
  }
  const Estimate a = combine(p50), b = combine(p90), c = combine(p99);
  out.p50 = a.mean, out.p50_at_least = a.at_least;
  out.p90 = b.mean, out.p90_at_least = b.at_least;
  out.p99 = c.mean, out.p99_at_least = c.at_least;
  out.samples = samples / ps.size();
  out.censored = censored / ps.size();
}

// Series, CDF, per-building and per-compound figures over replications (item by item means).
void aggregate_details(Summary& out, const std::vector<Summary>& reps) {
  const auto n = static_cast<double>(reps.size());
  // Series: the longest grid (replications drain for different times); a replication that
  // had stopped counts as empty (its backlog had cleared or hit the drain limit) for
  // deliveries and backlogs, and keeps its last courier counts.
  std::size_t len = 0;
  const Summary* longest = &reps.front();
  for (const auto& r : reps)
    if (r.series.time_hours.size() > len) len = r.series.time_hours.size(), longest = &r;
  TimeSeries ts;
  ts.time_hours = longest->series.time_hours;
  const auto mean_series = [&](std::vector<double> TimeSeries::*field, bool hold_last) {
    std::vector<double> m(len, 0.0);
    for (const auto& r : reps) {
      const auto& v = r.series.*field;
      for (std::size_t i = 0; i < len; ++i)
        m[i] += i < v.size() ? v[i] : (hold_last && !v.empty() ? v.back() : 0.0);
    }
    for (double& x : m) x /= n;
    ts.*field = std::move(m);
  };
  mean_series(&TimeSeries::delivered_per_hour, false);
  mean_series(&TimeSeries::backlog, false);
  mean_series(&TimeSeries::backlog_station, false);
  mean_series(&TimeSeries::backlog_gate, false);
  mean_series(&TimeSeries::backlog_shelf, false);
  mean_series(&TimeSeries::couriers_busy, true);
  mean_series(&TimeSeries::couriers_on_duty, true);
  mean_series(&TimeSeries::couriers_on_shift, true);
  ts.backlog_min.assign(len, std::numeric_limits<double>::infinity());
  ts.backlog_max.assign(len, 0.0);
  for (const auto& r : reps)
    for (std::size_t i = 0; i < len; ++i) {
      const double v = i < r.series.backlog.size() ? r.series.backlog[i] : 0.0;
      ts.backlog_min[i] = std::min(ts.backlog_min[i], v);
      ts.backlog_max[i] = std::max(ts.backlog_max[i], v);
    }
  out.series = std::move(ts);

  // CDF: the mean of the replications' step functions on the union of their points.
  std::vector<double> xs;
  for (const auto& r : reps)
    for (const auto& p : r.lead_time_cdf) xs.push_back(p.minutes);
  std::sort(xs.begin(), xs.end());
  xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
  if (xs.size() > 400) {
    std::vector<double> thin;
    for (std::size_t j = 1; j <= 400; ++j) thin.push_back(xs[(j * xs.size()) / 400 - 1]);
    xs = std::move(thin);
  }
  out.lead_time_cdf.clear();
  for (double x : xs) {
    double share = 0;
    for (const auto& r : reps) {
      const auto& c = r.lead_time_cdf;
      const auto it = std::upper_bound(c.begin(), c.end(), x, [](double v, const CdfPoint& p) { return v < p.minutes; });
      if (it != c.begin()) share += std::prev(it)->share;
    }
    out.lead_time_cdf.push_back({x, share / n});
  }

  // Buildings and compounds: means of the counts and of the percentiles.
  const auto places = [&](std::vector<PlaceFigures> Summary::*field) {
    auto& o = out.*field;
    for (std::size_t b = 0; b < o.size(); ++b) {
      PlaceFigures f;
      std::vector<const Percentiles*> ps;
      std::array<double, stage_wait_names.size()> wait_sum{};
      std::array<std::uint32_t, stage_wait_names.size()> wait_reps{};
      for (const auto& r : reps) {
        const auto& v = r.*field;
        if (b >= v.size()) continue;
        f.orders += v[b].orders / n;
        f.delivered += v[b].delivered / n;
        f.undelivered += v[b].undelivered / n;
        f.contacts += v[b].contacts / n;
        ps.push_back(&v[b].lead_time_minutes);
        for (std::size_t k = 0; k < wait_sum.size(); ++k)
          if (std::isfinite(v[b].wait_minutes[k])) wait_sum[k] += v[b].wait_minutes[k], ++wait_reps[k];
      }
      for (std::size_t k = 0; k < wait_sum.size(); ++k)
        if (wait_reps[k] > 0) f.wait_minutes[k] = wait_sum[k] / wait_reps[k];
      if (!ps.empty()) mean_percentiles(f.lead_time_minutes, ps);
      o[b] = f;
    }
  };
  // Surges: the windows come from the scenario, the same in every replication; each
  // window's level and clear time are means over the replications (a lower bound if any is).
  for (std::size_t w = 0; w < out.recovery.surges.size(); ++w) {
    SurgeRecovery& o = out.recovery.surges[w];
    std::vector<KpiValue> clear;
    double level = 0.0;
    for (const auto& r : reps) {
      if (w >= r.recovery.surges.size()) continue;
      const SurgeRecovery& x = r.recovery.surges[w];
      level += x.pre_surge_backlog / n;
      clear.push_back({x.clear_hours.mean, x.clear_hours.at_least});
    }
    o.pre_surge_backlog = level;
    o.clear_hours = combine(clear);
  }

  places(&Summary::buildings);
  places(&Summary::compounds);
  for (std::size_t b = 0; b < out.building_p90_minutes.size() && b < out.buildings.size(); ++b)
    out.building_p90_minutes[b] = out.buildings[b].lead_time_minutes.p90;
  // The worst building of the means (the KPI itself is the mean of each replication's worst).
  out.worst_building = -1;
  double worst = -1;
  for (std::size_t b = 0; b < out.buildings.size(); ++b) {
    const double p = out.buildings[b].lead_time_minutes.p90;
    if (std::isfinite(p) && p > worst) worst = p, out.worst_building = static_cast<std::int64_t>(b);
  }
  for (std::size_t c = 0; c < model::category_count; ++c) {
    std::vector<const Percentiles*> ps;
    double sum[5] = {0, 0, 0, 0, 0};
    for (const auto& r : reps) {
      const auto& k = r.by_category[c];
      ps.push_back(&k.lead_time_minutes);
      const std::uint64_t v[5] = {k.orders.created, k.orders.delivered, k.orders.spoiled, k.orders.cancelled, k.orders.in_flight};
      for (int i = 0; i < 5; ++i) sum[i] += static_cast<double>(v[i]);
    }
    mean_percentiles(out.by_category[c].lead_time_minutes, ps);
    // Rounded means, as the headline counts' fields.
    const auto r = [&](int i) { return static_cast<std::uint64_t>(std::llround(sum[i] / n)); };
    out.by_category[c].orders = {r(0), r(1), r(2), r(3), r(4)};
  }
  out.series_note = fmt::format("mean of {} replications", reps.size());
}

}  // namespace

Summary aggregate(const std::vector<Summary>& reps) {
  if (reps.empty()) throw std::invalid_argument("aggregate: no replication");
  Summary out = reps.front();
  out.replications = static_cast<std::uint32_t>(reps.size());
  out.differences.clear();
  const auto& t = kpi_table();
  out.kpis.assign(t.size(), Estimate{});
  for (std::size_t i = 0; i < t.size(); ++i) {
    std::vector<KpiValue> xs;
    for (const auto& r : reps) {
      const Estimate e = kpi_estimate(r, i);
      xs.push_back({e.mean, e.at_least});
    }
    out.kpis[i] = reps.size() == 1 ? single(xs.front()) : combine(xs);
  }
  if (reps.size() == 1) return out;
  // The fields follow the means, so that code reading them reads what the table prints;
  // counts hold the rounded mean (the exact mean is in kpis).
  const auto e = [&](std::string_view key) { return out.kpis[kpi_index(key)]; };
  out.orders = {rounded(e("orders.created")), rounded(e("orders.delivered")), rounded(e("orders.spoiled")),
                rounded(e("orders.cancelled")), rounded(e("orders.in_flight"))};
  out.throughput_per_hour = value_or_nan(e("throughput_per_hour"));
  out.orders_per_courier_hour = value_or_nan(e("orders_per_courier_hour"));
  auto& lt = out.lead_time_minutes;
  lt.p50 = e("lead_time_minutes.p50").mean, lt.p50_at_least = e("lead_time_minutes.p50").at_least;
  lt.p90 = e("lead_time_minutes.p90").mean, lt.p90_at_least = e("lead_time_minutes.p90").at_least;
  lt.p99 = e("lead_time_minutes.p99").mean, lt.p99_at_least = e("lead_time_minutes.p99").at_least;
  auto& u = out.courier_utilisation;
  u = {value_or_nan(e("courier_utilisation.delivery")), value_or_nan(e("courier_utilisation.walking")),
       value_or_nan(e("courier_utilisation.stairs")), value_or_nan(e("courier_utilisation.duty")),
       value_or_nan(e("courier_utilisation.idle"))};
  out.contacts.courier_resident = rounded(e("contacts.courier_resident"));
  out.contacts.contactless_drops = rounded(e("contacts.contactless_drops"));
  out.contacts.queue_person_minutes = e("contacts.queue_person_minutes").mean;
  out.contacts.counter_person_minutes = e("contacts.counter_person_minutes").mean;
  out.contacts.close_contacts = rounded(e("contacts.close_contacts"));
  out.peak_shelf_crowding = static_cast<std::uint32_t>(rounded(e("peak_shelf_crowding")));
  out.spoiled_fresh = rounded(e("spoiled_fresh"));
  out.late_takeout = rounded(e("late_takeout"));
  out.worst_building_p90_minutes = e("worst_building_p90_minutes").mean;
  out.worst_building_p90_at_least = e("worst_building_p90_minutes").at_least;
  out.limited_mobility_minutes.p90 = e("limited_mobility_p90_minutes").mean;
  out.limited_mobility_minutes.p90_at_least = e("limited_mobility_p90_minutes").at_least;
  for (std::size_t l = 0; l < out.service_levels.size() && l < 4; ++l)
    out.service_levels[l] = e("service_level." + std::to_string(l + 1)).mean;
  out.recovery.capacity_per_courier_hour = e("capacity_per_courier_hour").mean;
  out.recovery.peak_backlog = e("recovery.peak_backlog").mean;
  out.recovery.peak_backlog_at_hours = e("recovery.peak_backlog_at_hours").mean;
  out.recovery.clear_after_horizon_hours = e("recovery.clear_after_horizon_hours").mean;
  out.recovery.clear_after_horizon_at_least = e("recovery.clear_after_horizon_hours").at_least;
  out.recovery.clear_after_surge_hours = e("recovery.clear_after_surge_hours").mean;
  out.recovery.clear_after_surge_at_least = e("recovery.clear_after_surge_hours").at_least;
  aggregate_details(out, reps);
  return out;
}

void add_paired_differences(Summary& out, const std::vector<Summary>& reps, const std::vector<Summary>& baseline) {
  out.differences.clear();
  out.differences_paired = true;
  if (reps.size() < 2 || reps.size() != baseline.size()) return;
  const auto& t = kpi_table();
  for (std::size_t i = 0; i < t.size(); ++i) {
    std::vector<KpiValue> d;
    bool censored = false;
    for (std::size_t r = 0; r < reps.size(); ++r) {
      const Estimate a = kpi_estimate(reps[r], i), b = kpi_estimate(baseline[r], i);
      censored = censored || a.at_least || b.at_least;
      d.push_back({a.mean - b.mean, false});  // NaN (skipped) when either side is n/a
    }
    // The difference of two lower bounds bounds nothing.
    out.differences.push_back(censored ? Estimate{} : combine(d));
  }
}

Estimate welch_difference(const std::vector<KpiValue>& a, const std::vector<KpiValue>& b) {
  const Estimate ea = combine(a), eb = combine(b);
  Estimate d;
  if (ea.observed == 0 || eb.observed == 0 || ea.at_least || eb.at_least) return d;
  d.mean = ea.mean - eb.mean;
  d.observed = std::min(ea.observed, eb.observed);
  if (ea.observed < 2 || eb.observed < 2) return d;
  // Each side's variance of the mean, s^2 / n, from its own spread.
  const auto var_of_mean = [](const std::vector<KpiValue>& xs, const Estimate& e) {
    double ss = 0.0;
    for (const auto& x : xs)
      if (std::isfinite(x.value)) ss += (x.value - e.mean) * (x.value - e.mean);
    const double n = e.observed;
    return ss / (n - 1.0) / n;
  };
  const double va = var_of_mean(a, ea), vb = var_of_mean(b, eb);
  const double v = va + vb;
  if (v == 0.0) {
    d.half_width = 0.0;
    return d;
  }
  const double df = v * v / (va * va / (ea.observed - 1.0) + vb * vb / (eb.observed - 1.0));
  d.half_width = t_quantile(0.975, df) * std::sqrt(v);
  return d;
}

void add_unpaired_differences(Summary& out, const std::vector<Summary>& reps, const std::vector<Summary>& baseline) {
  out.differences.clear();
  out.differences_paired = false;
  if (reps.size() < 2 || baseline.size() < 2) return;
  const auto& t = kpi_table();
  for (std::size_t i = 0; i < t.size(); ++i) {
    std::vector<KpiValue> a, b;
    for (const auto& r : reps) a.push_back({kpi_estimate(r, i).mean, kpi_estimate(r, i).at_least});
    for (const auto& r : baseline) b.push_back({kpi_estimate(r, i).mean, kpi_estimate(r, i).at_least});
    out.differences.push_back(welch_difference(a, b));
  }
}

}  // namespace last100::metrics
