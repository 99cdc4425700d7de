#pragma once
/// The KPIs of one run (or the mean over replications): what the report formats.
/// Definitions (percentiles, utilisation, contacts) are in docs/world.md, "Metrics".

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "last100/model/params.hpp"

namespace last100::metrics {

/// Counts of orders by their final (or current) status; created = the other four.
struct OrderCounts {
  std::uint64_t created = 0;
  std::uint64_t delivered = 0;
  std::uint64_t spoiled = 0;
  std::uint64_t cancelled = 0;
  std::uint64_t in_flight = 0;  ///< neither delivered, spoiled nor cancelled at the end
};

/// Lead-time percentiles in minutes, nearest-rank definition (docs/world.md); 0 when empty.
struct Percentiles {
  double p50 = 0.0;
  double p90 = 0.0;
  double p99 = 0.0;
  std::uint64_t samples = 0;  ///< how many values the percentiles were taken over
};

/// Shares of on-shift courier time by activity; the five shares sum to 1 (or are all 0).
struct Utilisation {
  double delivery = 0.0;  ///< loading and handing over
  double walking = 0.0;   ///< moving between places (walk, cart)
  double stairs = 0.0;    ///< climbing stairs or riding lifts
  double duty = 0.0;      ///< volunteer duty (test registration, marshalling, garbage)
  double idle = 0.0;      ///< on shift, waiting for work
};

/// Face-to-face contacts, an exposure proxy.
struct Contacts {
  std::uint64_t courier_resident = 0;   ///< hand-overs at a door with the resident present
  std::uint64_t resident_resident = 0;  ///< pairs of residents at one shelf at the same time
};

/// KPIs restricted to one item category.
struct CategorySummary {
  model::Category category = model::Category::parcel;
  OrderCounts orders;
  Percentiles lead_time_minutes;
};

/// One point of an empirical CDF: share of delivered orders with lead time <= minutes.
struct CdfPoint {
  double minutes = 0.0;
  double share = 0.0;
};

/// Time series sampled on a fixed step; all vectors have the length of `time_hours`.
struct TimeSeries {
  std::vector<double> time_hours;            ///< sample times since the start of the run
  std::vector<double> delivered_per_hour;    ///< hand-overs per hour over the step ending at the sample
  std::vector<double> backlog;               ///< orders placed and not yet terminal
  std::vector<double> backlog_station;       ///< waiting at outside stations
  std::vector<double> backlog_gate;          ///< waiting at gates / hand-over points
  std::vector<double> backlog_shelf;         ///< on shelves, not yet collected
  std::vector<double> couriers_busy;         ///< couriers on shift and not idle
  std::vector<double> couriers_on_duty;      ///< couriers on volunteer duty
};

/// A KPI's mean across replications and the half-width of its 95% confidence interval.
struct Interval {
  std::string name;  ///< the Summary field, e.g. "lead_time_minutes.p90"
  double mean = 0.0;
  double half_width = 0.0;
};

/// Everything a run measures, ready to format as a table, JSON or charts.
struct Summary {
  std::string scenario;
  std::string mode;
  std::uint64_t seed = 0;
  std::uint32_t replications = 1;
  double measured_hours = 0.0;  ///< run length minus warm-up

  OrderCounts orders;
  double throughput_per_hour = 0.0;      ///< deliveries per hour of measured time
  double orders_per_courier_hour = 0.0;  ///< deliveries per on-shift courier-hour
  Percentiles lead_time_minutes;         ///< order placed to handed over, delivered orders
  std::array<CategorySummary, model::category_count> by_category{};
  double worst_building_p90_minutes = 0.0;       ///< largest per-building p90 lead time
  std::vector<double> building_p90_minutes;      ///< per building (index = building)

  Utilisation courier_utilisation;
  Contacts contacts;
  std::uint32_t peak_shelf_crowding = 0;  ///< most residents at one shelf at once
  std::uint64_t spoiled_fresh = 0;        ///< fresh-food orders spoiled, and those still in flight at the end past their spoil deadline
  std::uint64_t late_takeout = 0;         ///< takeout handed over after its deadline
  double limited_mobility_p90_minutes = 0.0;  ///< lead-time p90 for limited-mobility homes

  TimeSeries series;
  std::vector<CdfPoint> lead_time_cdf;  ///< at most ~200 points, increasing in minutes

  std::vector<Interval> intervals;  ///< filled when replications > 1, one per KPI
};

}  // namespace last100::metrics
