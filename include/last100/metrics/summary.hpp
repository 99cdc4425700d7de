#pragma once
/// The KPIs of one run (or the mean over replications): what the report formats.
/// Definitions (percentiles, utilisation, contacts) are in docs/world.md, "Metrics".

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
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

/// Lead-time percentiles in minutes, nearest-rank definition (docs/metrics.md); NaN (n/a)
/// when there is no observation. Undelivered orders are censored observations: a percentile
/// that falls among them is a lower bound ("more than p90"), flagged by its *_at_least.
struct Percentiles {
  double p50 = std::numeric_limits<double>::quiet_NaN();
  double p90 = std::numeric_limits<double>::quiet_NaN();
  double p99 = std::numeric_limits<double>::quiet_NaN();
  std::uint64_t samples = 0;   ///< how many orders the percentiles were taken over
  std::uint64_t censored = 0;  ///< of which not delivered (lead time only known to exceed a bound)
  bool p50_at_least = false;
  bool p90_at_least = false;
  bool p99_at_least = false;
};

/// Shares of on-shift courier time by activity; the five shares sum to 1 (or are all 0).
struct Utilisation {
  double delivery = 0.0;  ///< loading and handing over
  double walking = 0.0;   ///< moving between places (walk, cart)
  double stairs = 0.0;    ///< climbing stairs or riding lifts
  double duty = 0.0;      ///< volunteer duty (test registration, marshalling, garbage)
  double idle = 0.0;      ///< on shift, waiting for work
};

/// Exposure, defined in docs/metrics.md ("Exposure").
struct Contacts {
  std::uint64_t courier_resident = 0;   ///< face-to-face hand-overs: at a door, across a counter
  std::uint64_t contactless_drops = 0;  ///< items left on a shelf without meeting anyone
  double queue_person_minutes = 0.0;    ///< minutes residents waited in line with someone else at the place
  double counter_person_minutes = 0.0;  ///< minutes residents spent at a counter/shelf with someone else at the place
  std::uint64_t close_contacts = 0;     ///< household pairs co-present >= 15 min in a day at a pickup place
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
  std::vector<double> couriers_on_shift;     ///< couriers on shift (not off shift, not quarantined)
  std::vector<double> couriers_on_duty;      ///< couriers on volunteer duty
  /// Over replications: the lowest and highest backlog any replication had at each sample
  /// (the band the chart draws around the mean); empty for one run.
  std::vector<double> backlog_min, backlog_max;
};

/// A KPI across replications (or of one run): metrics/kpi_table.hpp says how it is formed.
struct Estimate {
  double mean = std::numeric_limits<double>::quiet_NaN();        ///< NaN: no observation (n/a)
  double half_width = std::numeric_limits<double>::quiet_NaN();  ///< 95% Student t; NaN below 2 observations
  bool at_least = false;      ///< censored: the true value is larger than `mean` (a lower bound)
  std::uint32_t observed = 0;  ///< replications that had a value
};

/// Returns N NaNs (no observation yet).
template <std::size_t N>
constexpr std::array<double, N> nan_array() {
  std::array<double, N> a{};
  for (auto& x : a) x = std::numeric_limits<double>::quiet_NaN();
  return a;
}

/// The waits an order goes through between stamps, in order: placed to at the station, at the
/// station until loaded, loaded to at the gate, gate to the shelf or door, until collected.
/// A mode without a stage skips the two waits around it.
inline constexpr std::array<std::string_view, 5> stage_wait_names = {"to station", "at station", "to gate",
                                                                    "gate to shelf/door", "until collected"};

/// Orders and lead times of one building or one compound (measured orders only).
/// Over replications every field is the mean (percentiles: over the replications with orders).
struct PlaceFigures {
  double orders = 0;              ///< measured orders of its households
  double delivered = 0;
  double undelivered = 0;         ///< spoiled, cancelled or still in flight at the end
  Percentiles lead_time_minutes;  ///< censored as the headline percentiles
  double contacts = 0;            ///< face-to-face hand-overs to its households
  /// Per stage_wait_names: mean minutes over its delivered orders that went through both
  /// ends of the wait; NaN (n/a) when none did. Over replications, the mean of those with one.
  std::array<double, stage_wait_names.size()> wait_minutes = nan_array<stage_wait_names.size()>();
};

/// How the backlog recovered after one demand surge (docs/metrics.md, "Recovery after a
/// surge"): a window of consecutive surge days, the backlog when it began, and the hours from
/// its end until the backlog was back at that level.
struct SurgeRecovery {
  double start_hours = 0.0;  ///< the surge's start, hours since the start of the run
  double end_hours = 0.0;    ///< its end (the end of its last day, or the horizon if earlier)
  double pre_surge_backlog = 0.0;  ///< backlog at the start (0 when the surge opens the run); over replications, the mean
  /// Hours from the end of the surge until the backlog first read pre_surge_backlog or less
  /// at a sample; a lower bound ("more than") when it never did before the run stopped.
  /// Over replications, the mean (Estimate rules).
  Estimate clear_hours;
};

/// How the run ended and how long the backlog took to clear (docs/metrics.md).
struct Recovery {
  double horizon_hours = 0.0;  ///< when demand stopped
  double end_hours = 0.0;      ///< when the run stopped: all measured orders resolved, or the drain limit
  bool drained = true;         ///< every measured order resolved before the drain limit
  double peak_backlog = std::numeric_limits<double>::quiet_NaN();     ///< most orders open at a sample
  double peak_backlog_at_hours = std::numeric_limits<double>::quiet_NaN();
  /// Hours after the horizon until the backlog sample first reads 0; a lower bound when it
  /// never did before the run stopped.
  double clear_after_horizon_hours = std::numeric_limits<double>::quiet_NaN();
  bool clear_after_horizon_at_least = false;
  /// One per surge window of the scenario's demand, in time order; empty without a surge.
  std::vector<SurgeRecovery> surges;
  /// The longest of surges[].clear_hours (a lower bound if any is); NaN (n/a) without a surge.
  double clear_after_surge_hours = std::numeric_limits<double>::quiet_NaN();
  bool clear_after_surge_at_least = false;
  /// Orders couriers finished (hand-over or shelf drop) per on-shift courier-hour, over the
  /// sample steps in which orders waited for a courier throughout: what they can do when busy.
  double capacity_per_courier_hour = std::numeric_limits<double>::quiet_NaN();
  double busy_hours = 0.0;     ///< length of those steps
};

/// Where a result came from: enough to reproduce it (every writer records it).
struct Provenance {
  std::string version;      ///< last100's version
  std::string commit;       ///< the source commit the library was configured from ("unknown" outside git)
  std::string command;      ///< the command that reproduces the figures (outputs and threads left out)
  std::string seed_scheme;  ///< how replications get their seeds
};

/// Everything a run measures, ready to format as a table, JSON or charts.
struct Summary {
  std::string scenario;
  std::string mode;
  /// The variant's name when several scenarios or variants are compared side by side
  /// (experiment/variants.hpp); empty otherwise. Columns are labelled by column_label().
  std::string variant;
  std::uint64_t seed = 0;
  std::uint32_t replications = 1;
  Provenance provenance;
  double measured_hours = 0.0;  ///< run length minus warm-up

  OrderCounts orders;
  double throughput_per_hour = 0.0;      ///< deliveries per hour of measured time
  double orders_per_courier_hour = 0.0;  ///< deliveries per on-shift courier-hour
  Percentiles lead_time_minutes;         ///< order placed to handed over, delivered orders
  std::array<CategorySummary, model::category_count> by_category{};
  /// Largest per-building p90 lead time (censored: starved buildings count), which building.
  double worst_building_p90_minutes = std::numeric_limits<double>::quiet_NaN();
  bool worst_building_p90_at_least = false;
  std::int64_t worst_building = -1;              ///< its index, -1 when no building had orders
  std::vector<double> building_p90_minutes;      ///< per building (index = building); NaN: no orders

  Utilisation courier_utilisation;
  Contacts contacts;
  std::uint32_t peak_shelf_crowding = 0;  ///< most residents at one shelf at once
  std::uint64_t spoiled_fresh = 0;        ///< fresh-food orders spoiled, and those still in flight at the end past their spoil deadline
  std::uint64_t late_takeout = 0;         ///< takeout handed over after its deadline
  Percentiles limited_mobility_minutes;  ///< lead times of limited-mobility homes' orders

  /// Service levels: for each threshold, the share of measured orders delivered within it.
  std::vector<double> service_level_hours;
  std::vector<double> service_levels;
  std::vector<PlaceFigures> buildings;  ///< index = building
  std::vector<PlaceFigures> compounds;  ///< index = compound
  Recovery recovery;

  TimeSeries series;
  /// Share of measured orders delivered within `minutes` (undelivered ones never are, so it
  /// may stay below 1); at most ~200 points, increasing in minutes.
  std::vector<CdfPoint> lead_time_cdf;
  /// Series and CDF: "mean of N replications" or "replication 1" (what the charts say).
  std::string series_note = "one run";

  /// One per metrics::kpi_table() entry, in its order: the run's value (one run) or the mean
  /// over replications. What every writer prints; empty in a hand-built Summary (writers then
  /// compute it from the fields above).
  std::vector<Estimate> kpis;
  /// Differences against the first column, one per KPI; empty for the first column and for one
  /// replication. Paired (mean of the per-replication differences under common random
  /// numbers) when both columns ran on the same area and demand, else unpaired (Welch).
  std::vector<Estimate> differences;
  bool differences_paired = true;  ///< false: `differences` are Welch intervals (area or demand differ)
  /// How the number of replications was chosen when a precision was asked for (--half-width):
  /// the targets and whether they were reached or the cap stopped it; empty otherwise.
  std::string stopping_rule;
};

/// Returns the label of a summary's column: "variant/mode" when it has a variant, else the mode.
inline std::string column_label(const Summary& s) { return s.variant.empty() ? s.mode : s.variant + "/" + s.mode; }

}  // namespace last100::metrics
