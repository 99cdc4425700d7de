#pragma once
/// Writing results: atomically (temporary name, then rename) so that an interrupted run
/// leaves either the old file or the new one, never half of one.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "last100/metrics/summary.hpp"

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

/// Writes DIR/summary.json (with details), DIR/summary.csv, DIR/buildings.csv,
/// DIR/compounds.csv, DIR/scenario.toml,
/// DIR/timeseries.csv and DIR/report.html, creating DIR if needed.
void write_outputs(const std::filesystem::path& dir, const std::vector<metrics::Summary>& summaries,
                   const std::string& title, const std::string& scenario_toml, const OutputFiles& files = {});

/// Rebuilds DIR/report.html from DIR/summary.json (and DIR/scenario.toml when present).
void rebuild_report(const std::filesystem::path& dir);

}  // namespace last100::report
