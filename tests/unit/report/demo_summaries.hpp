#pragma once
// Synthetic summaries with plausible shapes, for report tests (no model runs involved).

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "last100/metrics/kpi_table.hpp"
#include "last100/metrics/summary.hpp"

namespace last100::test {

inline metrics::Summary demo_summary(const std::string& mode, double speed, std::uint32_t replications = 1) {
  metrics::Summary s;
  s.scenario = "demo <Jiuxianqiao & \"Shuangjing\">";
  s.mode = mode;
  s.seed = 42;
  s.replications = replications;
  s.measured_hours = 48;
  s.orders = {12000, static_cast<std::uint64_t>(std::min(11000 * speed, 11500.0)), 120, 30, 0};
  s.orders.in_flight = s.orders.created - s.orders.delivered - s.orders.spoiled - s.orders.cancelled;
  s.throughput_per_hour = static_cast<double>(s.orders.delivered) / 48.0;
  s.orders_per_courier_hour = s.throughput_per_hour / 80.0;
  s.lead_time_minutes = {95 / speed, 240 / speed, 600 / speed, s.orders.delivered};
  s.courier_utilisation = {0.35 * speed, 0.25, 0.1, 0.2, 0.1};
  const double rest = 1 - 0.35 * speed - 0.25 - 0.1 - 0.2;
  s.courier_utilisation.idle = rest > 0 ? rest : 0;
  s.contacts = {static_cast<std::uint64_t>(3000 / speed), 40};
  s.peak_shelf_crowding = mode == "shelves" ? 2 : 0;
  s.spoiled_fresh = 120;
  s.late_takeout = 35;
  s.worst_building_p90_minutes = 300 / speed;
  s.limited_mobility_minutes.p90 = 260 / speed;
  for (int i = 0; i <= 96; ++i) {
    const double t = i * 0.5;
    const double day = std::fmod(t, 24.0);
    const double active = day >= 7 && day <= 19 ? 1.0 : 0.1;
    s.series.time_hours.push_back(t);
    s.series.delivered_per_hour.push_back(active * 300 * speed);
    s.series.backlog.push_back(800 + 400 * std::sin(t / 4) - 100 * speed);
    s.series.backlog_station.push_back(300);
    s.series.backlog_gate.push_back(100);
    s.series.backlog_shelf.push_back(mode == "shelves" ? 150 * active : 0);
    s.series.couriers_busy.push_back(60 * active);
    s.series.couriers_on_duty.push_back(15 * active);
  }
  for (int i = 0; i <= 100; ++i) {
    const double m = i * 8.0 / speed;
    s.lead_time_cdf.push_back({m, 1 - std::exp(-i / 25.0)});
  }
  if (replications > 1) {
    metrics::fill_kpis(s);
    s.kpis[metrics::kpi_index("throughput_per_hour")].half_width = 4.2;
    s.kpis[metrics::kpi_index("lead_time_minutes.p90")].half_width = 7.5;
    s.kpis[metrics::kpi_index("orders.delivered")].half_width = 150;
    for (auto& e : s.kpis) e.observed = replications;
  }
  return s;
}

}  // namespace last100::test
