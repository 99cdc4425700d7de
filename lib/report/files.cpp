#include "last100/report/files.hpp"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "last100/report/csv.hpp"
#include "last100/report/html.hpp"
#include "last100/report/json.hpp"

namespace last100::report {

namespace fs = std::filesystem;

void write_file_atomic(const fs::path& path, std::string_view content) {
  static std::atomic<unsigned> counter{0};
  const fs::path tmp = path.parent_path() / fmt::format(".{}.tmp-{}-{}", path.filename().string(), ::getpid(), counter++);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      throw std::runtime_error("cannot write " + path.string() + " (disk full?)");
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw std::runtime_error("cannot rename a temporary file to " + path.string());
  }
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_outputs(const fs::path& dir, const std::vector<metrics::Summary>& summaries, const std::string& title,
                   const std::string& scenario_toml, const OutputFiles& files, const AreaFigures& area) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create " + dir.string() + ": " + ec.message());
  write_file_atomic(dir / "summary.json", to_json(summaries, true));
  write_file_atomic(dir / "summary.csv", summary_csv(summaries));
  if (!scenario_toml.empty()) write_file_atomic(dir / "scenario.toml", scenario_toml);
  if (files.timeseries_csv) write_file_atomic(dir / "timeseries.csv", timeseries_csv(summaries));
  HtmlOptions html{title, scenario_toml, {}, {}};
  if (!area.buildings.empty()) {
    // The page is drawn from the figures as written, so that `report DIR` (and last100-mpi,
    // which gathers them as text) rebuild it byte for byte.
    const std::string buildings = buildings_csv(area.buildings), places = map_places_csv(area.places);
    write_file_atomic(dir / "buildings.csv", buildings);
    write_file_atomic(dir / "places.csv", places);
    html.buildings = buildings_from_csv(buildings);
    html.places = map_places_from_csv(places);
  }
  if (files.html) write_file_atomic(dir / "report.html", render_html(summaries, html));
}

void rebuild_report(const fs::path& dir) {
  const auto summaries = summaries_from_json(read_file(dir / "summary.json"));
  std::string toml;
  std::error_code ec;
  if (fs::exists(dir / "scenario.toml", ec)) toml = read_file(dir / "scenario.toml");
  HtmlOptions opt{summaries.empty() ? std::string("last100") : summaries.front().scenario, toml, {}, {}};
  if (fs::exists(dir / "buildings.csv", ec)) opt.buildings = buildings_from_csv(read_file(dir / "buildings.csv"));
  if (fs::exists(dir / "places.csv", ec)) opt.places = map_places_from_csv(read_file(dir / "places.csv"));
  write_file_atomic(dir / "report.html", render_html(summaries, opt));
}

}  // namespace last100::report
