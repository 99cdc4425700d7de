#pragma once
/// The resumable store of a sweep: each finished point appended to a file in the output
/// folder as one complete, flushed and fsynced line, so that a sweep killed midway resumes
/// where it stopped; and the writers of the final files from it, which depend on the points'
/// contents and indices only, never on the order they finished in (docs/experiments.md,
/// "Resumable sweeps").

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace last100::experiment {

/// A store that cannot be opened or read: written for other arguments, or damaged before its
/// last line. The message names the file and gives a hint.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One finished point: its index in the design, its parameters as `--set` would write them,
/// and per replication (in replication order) the value of each KPI (in the store's order).
struct PointRecord {
  std::size_t index = 0;
  std::vector<std::pair<std::string, std::string>> parameters;  ///< key, value as text
  std::vector<std::vector<double>> values;                       ///< [replication][kpi]
};

/// The conventional file name of the store in an output folder.
inline constexpr std::string_view sweep_store_name = "sweep-points.log";

/// An append-only file of finished points. The header holds a fingerprint of the arguments
/// (everything that changes results) and the KPI names; each record is one line ending in a
/// checksum, so a line cut short by a kill is recognised and dropped on opening.
class SweepStore {
 public:
  /// Opens `file`, creating it (and writing the header) when it does not exist or `restart`
  /// is set; otherwise reads every complete record, drops a half-written last line and
  /// truncates the file after the last good one. Throws StoreError when the file was written
  /// for other arguments or KPIs (hint: another --out, or --restart) or is damaged before
  /// its last line.
  SweepStore(std::filesystem::path file, std::string_view arguments, std::vector<std::string> kpis,
             bool restart = false);

  SweepStore(const SweepStore&) = delete;
  SweepStore& operator=(const SweepStore&) = delete;
  ~SweepStore();

  /// Returns whether point `index` is stored.
  bool has(std::size_t index) const;
  /// Returns the indices below `count` not stored yet, in increasing order.
  std::vector<std::size_t> pending(std::size_t count) const;
  /// Returns the stored points ordered by index.
  std::vector<PointRecord> records() const;
  /// Returns the KPI names, in the order of each replication's values.
  const std::vector<std::string>& kpis() const { return kpis_; }
  /// Returns the number of bytes of a half-written last line dropped when opening (0 if none).
  std::size_t dropped_bytes() const { return dropped_bytes_; }

  /// Appends a finished point as one line, flushed and fsynced before returning; safe to call
  /// from several threads. A point already stored is refused (std::logic_error), as is a
  /// record whose rows do not have one value per KPI or whose text holds a tab or newline.
  void append(const PointRecord& point);

 private:
  std::filesystem::path file_;
  std::vector<std::string> kpis_;
  std::map<std::size_t, PointRecord> points_;
  std::size_t dropped_bytes_ = 0;
  int fd_ = -1;
  mutable std::mutex mutex_;
};

/// Returns a fingerprint (16 hex digits) of the arguments text, as stored in the header.
std::string arguments_fingerprint(std::string_view arguments);

/// Writes one CSV row per (point, replication): `point,replication`, the parameters as
/// columns (from the first point; every point must have the same keys) and one column per
/// KPI, doubles in shortest round-trip form, NaN as an empty field. Points in index order.
void write_replications_csv(std::ostream& out, const std::vector<std::string>& kpis,
                            const std::vector<PointRecord>& points);

/// Writes the same rows as JSON: {"parameters": [...], "kpis": [...], "rows": [{"point": 0,
/// "replication": 0, "parameters": {...}, "kpis": {...}}, ...]}; parameters that are numbers
/// are written as numbers, NaN as null.
void write_replications_json(std::ostream& out, const std::vector<std::string>& kpis,
                             const std::vector<PointRecord>& points);

/// One point's summary of one KPI over its replications (NaN values left out).
struct KpiSummary {
  std::size_t n = 0;
  double mean = 0.0;
  double half_width = 0.0;  ///< 95%, Student t; NaN with fewer than 2 values
};

/// Returns each KPI's summary over the point's replications, in KPI order.
std::vector<KpiSummary> summarize(const PointRecord& point, std::size_t kpi_count);

/// Writes one CSV row per point: `point,replications`, the parameters, then for each KPI
/// `<kpi>.mean,<kpi>.half_width`.
void write_point_summary_csv(std::ostream& out, const std::vector<std::string>& kpis,
                             const std::vector<PointRecord>& points);

/// Writes the per-point summaries as JSON: {"kpis": [...], "points": [{"point": 0,
/// "replications": n, "parameters": {...}, "kpis": {"x": {"mean": m, "half_width": h, "n": n}}}]}.
void write_point_summary_json(std::ostream& out, const std::vector<std::string>& kpis,
                              const std::vector<PointRecord>& points);

}  // namespace last100::experiment
