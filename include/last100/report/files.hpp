#pragma once
/// Writing results without destroying what is not ours (docs/cli.md, "Outputs"): a regular
/// file is replaced atomically (temporary name, then rename) so that an interrupted run leaves
/// the old file or the new one, never half of one; "-", /dev/stdout, character devices and
/// FIFOs are written through; symlinks are followed; folders of results are published whole.

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "last100/metrics/summary.hpp"
#include "last100/report/area_map.hpp"

namespace last100::report {

/// An output that cannot be written where it was asked (a folder where a file is wanted, a
/// folder holding files last100 did not write, no permission, disk full).
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Writes `content` to the output `path`: "-" and /dev/stdout (or /dev/fd/N) go to that
/// descriptor; a regular file, or a new one, is replaced atomically in its folder keeping its
/// permissions; a character device or FIFO is written through; a symlink is followed and its
/// target written by the same rules. Anything else (a folder, a socket) throws OutputError,
/// and so does a failed write.
void write_output(const std::filesystem::path& path, std::string_view content);

/// The same as write_output (the name of earlier versions).
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

/// Checks, before a run, that write_output(path, ...) can succeed as far as can be known
/// without writing: the descriptor is open, the device or FIFO writable, or the folder of a
/// regular file exists and is writable. Throws OutputError.
void check_output_file(const std::filesystem::path& path);

/// The largest file read_file reads unless told otherwise (a summary.json of many modes with
/// long time series stays well under it).
inline constexpr std::uintmax_t max_read_bytes = std::uintmax_t{256} << 20;

/// Returns the content of a regular file (symlinks followed) of at most `max_bytes`.
/// Throws std::runtime_error naming the path on failure, a FIFO, folder or device, or a
/// larger file (rather than block or exhaust memory).
std::string read_file(const std::filesystem::path& path, std::uintmax_t max_bytes = max_read_bytes);

/// The files of an output folder: name (no folder part) and content.
using FolderFiles = std::vector<std::pair<std::string, std::string>>;

/// Checks, before a run, that `dir` can take a run's outputs: it is new, empty, or holds only
/// files last100 writes (those its manifest.json lists, or the classic names), and its
/// parent is writable. Throws OutputError naming a file that would be lost.
void check_output_dir(const std::filesystem::path& dir);

/// Publishes `files` as the whole content of `dir`: written into a fresh staging folder
/// beside it, manifest.json (name, bytes and FNV-1a hash of each file) last, then swapped
/// into place in one rename, with SIGINT/SIGTERM/SIGHUP/SIGQUIT held back meanwhile.
/// Files of an earlier run that this one does not write are gone afterwards. Staging folders
/// and temporary files left by a killed run are removed. Throws OutputError.
void publish_folder(const std::filesystem::path& dir, const FolderFiles& files);

/// Throws OutputError if DIR/manifest.json exists and one of `names` differs from what it
/// records (changed or cut short); a folder without a manifest passes.
void verify_manifest(const std::filesystem::path& dir, const std::vector<std::string>& names);

/// Records a file rewritten in DIR (report.html by `last100 report`) in DIR/manifest.json,
/// if there is one.
void update_manifest(const std::filesystem::path& dir, const std::string& name, std::string_view content);

/// Which files write_outputs produces besides summary.json and scenario.toml.
struct OutputFiles {
  bool timeseries_csv = true;
  bool html = true;
  /// The area for the report's map, written as places.csv (report/area_map.hpp); empty: no
  /// places.csv, and the report has no map.
  std::vector<MapPlace> map;
};

/// Returns the standard files of an output folder: summary.json (with details),
/// summary.csv, buildings.csv, compounds.csv, provenance.txt, scenario.toml (when given),
/// timeseries.csv, places.csv (when the map is given) and report.html.
FolderFiles output_files(const std::vector<metrics::Summary>& summaries, const std::string& title,
                         const std::string& scenario_toml, const OutputFiles& files = {});

/// Publishes output_files(...) and `extra` (orders.csv, replay.html, ...) as DIR (see publish_folder).
void write_outputs(const std::filesystem::path& dir, const std::vector<metrics::Summary>& summaries,
                   const std::string& title, const std::string& scenario_toml, const OutputFiles& files = {},
                   FolderFiles extra = {});

/// Rebuilds DIR/report.html from DIR/summary.json (and DIR/scenario.toml and DIR/places.csv
/// when present), after checking them against DIR/manifest.json.
void rebuild_report(const std::filesystem::path& dir);

}  // namespace last100::report
