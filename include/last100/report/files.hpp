#pragma once
/// Writing results: atomically (temporary name, then rename) so that an interrupted run
/// leaves either the old file or the new one, never half of one.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "last100/metrics/summary.hpp"
#include "last100/report/buildings.hpp"

namespace last100::report {

/// Writes `content` to `path` through a temporary file in the same folder and a rename.
/// Throws std::runtime_error naming the path on failure.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

/// Returns the content of a file. Throws std::runtime_error naming the path on failure.
std::string read_file(const std::filesystem::path& path);

/// Which files write_outputs produces besides summary.json and scenario.toml.
struct OutputFiles {
  bool timeseries_csv = true;
  bool html = true;
};

/// Per-building figures and map places for the report (each mode's first replication).
struct AreaFigures {
  std::vector<BuildingFigures> buildings;
  std::vector<MapPlace> places;
};

/// Writes DIR/summary.json (with details), DIR/summary.csv, DIR/scenario.toml,
/// DIR/timeseries.csv and DIR/report.html, creating DIR if needed; with per-building
/// figures also DIR/buildings.csv and DIR/places.csv (which `report DIR` reads back).
void write_outputs(const std::filesystem::path& dir, const std::vector<metrics::Summary>& summaries,
                   const std::string& title, const std::string& scenario_toml, const OutputFiles& files = {},
                   const AreaFigures& area = {});

/// Rebuilds DIR/report.html from DIR/summary.json (and DIR/scenario.toml, DIR/buildings.csv
/// and DIR/places.csv when present).
void rebuild_report(const std::filesystem::path& dir);

}  // namespace last100::report
