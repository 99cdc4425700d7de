#include "last100/report/files.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "last100/report/csv.hpp"
#include "last100/report/html.hpp"
#include "last100/report/json.hpp"

namespace last100::report {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path, std::uintmax_t max_bytes) {
  // Check the type first: reading a FIFO would block forever, a folder or device makes no sense.
  std::error_code ec;
  const auto st = fs::status(path, ec);  // follows symlinks
  if (!fs::exists(st)) throw std::runtime_error("cannot read " + path.string() + ": no such file");
  if (!fs::is_regular_file(st)) throw std::runtime_error("cannot read " + path.string() + ": not a regular file");
  const auto size = fs::file_size(path, ec);
  if (ec) throw std::runtime_error("cannot read " + path.string() + ": " + ec.message());
  if (size > max_bytes)
    throw std::runtime_error(fmt::format("cannot read {}: {} bytes, more than the {} allowed", path.string(), size, max_bytes));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

FolderFiles output_files(const std::vector<metrics::Summary>& summaries, const std::string& title,
                         const std::string& scenario_toml, const OutputFiles& files) {
  FolderFiles out;
  out.emplace_back("summary.json", to_json(summaries, true));
  out.emplace_back("summary.csv", summary_csv(summaries));
  out.emplace_back("buildings.csv", places_csv(summaries, false));
  out.emplace_back("compounds.csv", places_csv(summaries, true));
  // The CSV files' provenance, beside them (a comment line would trip CSV readers).
  if (!summaries.empty()) {
    const auto& pv = summaries.front().provenance;
    out.emplace_back("provenance.txt",
                     fmt::format("last100 {}\ncommit {}\nreproduce: {}\nseeds: {}\nreplications {}\nseries and CDFs: {}\n",
                                 pv.version, pv.commit, pv.command, pv.seed_scheme, summaries.front().replications,
                                 summaries.front().series_note));
  }
  if (!scenario_toml.empty()) out.emplace_back("scenario.toml", scenario_toml);
  if (files.timeseries_csv) out.emplace_back("timeseries.csv", timeseries_csv(summaries));
  // The map is drawn from places.csv as written, so that `last100 report DIR` redraws it byte for byte.
  const std::string places = files.map.empty() ? std::string{} : area_map_csv(files.map);
  if (!places.empty()) out.emplace_back("places.csv", places);
  if (files.html) out.emplace_back("report.html", render_html(summaries, {title, scenario_toml, area_map_from_csv(places)}));
  return out;
}

void write_outputs(const fs::path& dir, const std::vector<metrics::Summary>& summaries, const std::string& title,
                   const std::string& scenario_toml, const OutputFiles& files, FolderFiles extra) {
  FolderFiles all = output_files(summaries, title, scenario_toml, files);
  for (auto& f : extra) {
    // orders.csv holds one replication's orders (its world's), unlike the other outputs: say so.
    if (f.first == "orders.csv" && !summaries.empty())
      for (auto& [name, text] : all)
        if (name == "provenance.txt")
          text += fmt::format("orders.csv: replication 1 (seed {}) of {}, every mode\n", summaries.front().seed,
                              summaries.front().replications);
    all.push_back(std::move(f));
  }
  publish_folder(dir, all);
}

void rebuild_report(const fs::path& dir) {
  std::error_code ec;
  // A results folder may come from someone else: a report.html that links elsewhere would
  // make this command overwrite any file the user can write. The run's own outputs refuse
  // links the same way.
  if (fs::is_symlink(fs::symlink_status(dir / "report.html", ec)))
    throw OutputError(fmt::format("cannot write {}: it is a symbolic link; remove it, the report is rebuilt in its place",
                                  (dir / "report.html").string()));
  const bool has_toml = fs::exists(dir / "scenario.toml", ec);
  const bool has_map = fs::exists(dir / "places.csv", ec);
  std::vector<std::string> inputs{"summary.json"};
  if (has_toml) inputs.push_back("scenario.toml");
  if (has_map) inputs.push_back("places.csv");
  verify_manifest(dir, inputs);
  const auto summaries = summaries_from_json(read_file(dir / "summary.json"));
  if (summaries.empty())
    throw std::runtime_error(fmt::format("{} holds no run (an empty object or array): nothing to report",
                                         (dir / "summary.json").string()));
  HtmlOptions options{summaries.empty() ? std::string("last100") : summaries.front().scenario,
                      has_toml ? read_file(dir / "scenario.toml") : std::string{}, {}};
  if (has_map) options.map = area_map_from_csv(read_file(dir / "places.csv"));
  const std::string html = render_html(summaries, options);
  write_output(dir / "report.html", html);
  update_manifest(dir, "report.html", html);
}

}  // namespace last100::report
