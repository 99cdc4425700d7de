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
                   const std::string& scenario_toml, const OutputFiles& files) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create " + dir.string() + ": " + ec.message());
  write_file_atomic(dir / "summary.json", to_json(summaries, true));
  write_file_atomic(dir / "summary.csv", summary_csv(summaries));
  write_file_atomic(dir / "buildings.csv", places_csv(summaries, false));
  // The CSV files' provenance, beside them (a comment line would trip CSV readers).
  if (!summaries.empty()) {
    const auto& pv = summaries.front().provenance;
    write_file_atomic(dir / "provenance.txt",
                      fmt::format("last100 {}\ncommit {}\nreproduce: {}\nseeds: {}\nreplications {}\nseries and CDFs: {}\n",
                                  pv.version, pv.commit, pv.command, pv.seed_scheme, summaries.front().replications,
                                  summaries.front().series_note));
  }
  write_file_atomic(dir / "compounds.csv", places_csv(summaries, true));
  if (!scenario_toml.empty()) write_file_atomic(dir / "scenario.toml", scenario_toml);
  if (files.timeseries_csv) write_file_atomic(dir / "timeseries.csv", timeseries_csv(summaries));
  if (files.html) write_file_atomic(dir / "report.html", render_html(summaries, {title, scenario_toml}));
}

void rebuild_report(const fs::path& dir) {
  const auto summaries = summaries_from_json(read_file(dir / "summary.json"));
  std::string toml;
  std::error_code ec;
  if (fs::exists(dir / "scenario.toml", ec)) toml = read_file(dir / "scenario.toml");
  const std::string title = summaries.empty() ? std::string("last100") : summaries.front().scenario;
  write_file_atomic(dir / "report.html", render_html(summaries, {title, toml}));
}

}  // namespace last100::report
