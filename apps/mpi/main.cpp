// last100-mpi: one scenario's replications and modes spread over MPI ranks.
//   mpirun -np 8 last100-mpi FILE [--set K=V]... [--seed N] [--replications R] [--threads N]
//                            [--json FILE] [--out DIR]
// Rank r runs jobs r, r + size, ... (job j: replication j / modes, mode j % modes) on its own
// threads; rank 0 gathers every job's summary (JSON, doubles in shortest round-trip form, so
// nothing is lost), combines them exactly as a single process does and prints the same table
// and writes the same files: outputs are byte-identical whatever the number of ranks.
// Per-order records (orders.csv) stay with the single-process `last100` command.

#include <mpi.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "last100/experiment/run.hpp"
#include "last100/report/buildings.hpp"
#include "last100/report/files.hpp"
#include "last100/report/json.hpp"
#include "last100/report/table.hpp"
#include "last100/scenario/scenario.hpp"

namespace {

using namespace last100;

constexpr int exit_ok = 0, exit_check_failed = 1, exit_bad_input = 2;

// Gathers one string from every rank at rank 0 (empty vector elsewhere).
std::vector<std::string> gather_strings(const std::string& mine, int rank, int size) {
  const int length = static_cast<int>(mine.size());
  std::vector<int> lengths(rank == 0 ? static_cast<std::size_t>(size) : 0);
  MPI_Gather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::vector<int> offsets(lengths.size(), 0);
  std::size_t total = 0;
  for (std::size_t r = 0; r < lengths.size(); ++r) {
    offsets[r] = static_cast<int>(total);
    total += static_cast<std::size_t>(lengths[r]);
  }
  std::string all(total, '\0');
  MPI_Gatherv(mine.data(), length, MPI_CHAR, all.data(), lengths.data(), offsets.data(), MPI_CHAR, 0, MPI_COMM_WORLD);
  std::vector<std::string> out;
  for (std::size_t r = 0; r < lengths.size(); ++r)
    out.push_back(all.substr(static_cast<std::size_t>(offsets[r]), static_cast<std::size_t>(lengths[r])));
  return out;
}

int run(int argc, char** argv, int rank, int size) {
  CLI::App app{"last100-mpi: a scenario's replications and modes over MPI ranks"};
  std::string file, out_dir, json_file;
  std::vector<std::string> sets;
  experiment::RunOptions options;
  app.add_option("file", file, "Scenario file")->required();
  app.add_option("--set", sets, "Override a scenario key (repeatable)")->type_name("KEY=VALUE");
  app.add_option("--seed", options.seed, "Replace run.seed");
  app.add_option("--replications", options.replications, "Replace run.replications")->check(CLI::Range(1u, 100000u));
  app.add_option("--threads", options.threads, "Worker threads per rank (0 = one per core)");
  app.add_option("--json", json_file, "Write the JSON summary to FILE (rank 0)");
  app.add_option("--out", out_dir, "Write summary, time series, resolved scenario and report.html to DIR (rank 0)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);  // prints help or the error (every rank parses the same)
    return rc == 0 ? exit_ok : exit_bad_input;
  }

  scenario::Scenario sc;
  try {
    scenario::LoadOptions opt = experiment::load_options();
    opt.overrides = sets;
    sc = scenario::load_scenario(file, opt);
  } catch (const std::exception& e) {
    if (rank == 0) fmt::print(stderr, "{}\n", e.what());
    return exit_bad_input;  // every rank loads the same file and fails the same way
  }

  // Per-building figures of each mode's first replication, for the report's map: computed
  // on the rank that ran it, gathered at rank 0 as CSV text.
  std::vector<report::BuildingFigures> buildings;
  std::vector<report::MapPlace> places;
  if (!out_dir.empty())
    options.on_orders = [&](std::string_view mode, const model::World& w) {
      auto rows = report::building_figures(mode, w);
      buildings.insert(buildings.end(), rows.begin(), rows.end());
      if (places.empty()) places = report::map_places(w);  // rank 0 always runs job 0
    };
  std::vector<metrics::Summary> mine;
  try {
    mine = experiment::run_jobs(sc, options, [&](std::size_t j) { return static_cast<int>(j % static_cast<std::size_t>(size)) == rank; });
  } catch (const std::exception& e) {
    fmt::print(stderr, "last100-mpi: rank {}: run failed: {}\n", rank, e.what());
    MPI_Abort(MPI_COMM_WORLD, exit_check_failed);
  }
  std::vector<metrics::Summary> sent;
  const std::size_t jobs = mine.size();
  for (std::size_t j = static_cast<std::size_t>(rank); j < jobs; j += static_cast<std::size_t>(size)) sent.push_back(mine[j]);
  const auto texts = gather_strings(report::to_json(sent, true), rank, size);
  const auto building_texts = gather_strings(buildings.empty() ? std::string{} : report::buildings_csv(buildings), rank, size);
  if (rank != 0) return exit_ok;

  std::vector<metrics::Summary> per_job(jobs);
  for (int r = 0; r < size; ++r) {
    if (texts[static_cast<std::size_t>(r)].empty()) continue;
    const auto got = report::summaries_from_json(texts[static_cast<std::size_t>(r)]);
    std::size_t k = 0;
    for (std::size_t j = static_cast<std::size_t>(r); j < jobs; j += static_cast<std::size_t>(size)) per_job[j] = got.at(k++);
  }
  const auto summaries = experiment::combine_jobs(sc, options, per_job);
  fmt::print("{}", report::format_table(summaries));
  if (!json_file.empty())
    report::write_file_atomic(json_file, summaries.size() > 1 ? report::to_json(summaries) : report::to_json(summaries.front()));
  if (!out_dir.empty()) {
    report::OutputFiles files;
    files.timeseries_csv = sc.output.timeseries_csv;
    files.html = sc.output.html;
    report::AreaFigures area;
    area.places = places;
    for (const auto& text : building_texts) {
      auto rows = report::buildings_from_csv(text);
      area.buildings.insert(area.buildings.end(), rows.begin(), rows.end());
    }
    // In scenario order, as the single process adds them.
    const auto order = [&](const report::BuildingFigures& b) {
      for (std::size_t m = 0; m < sc.modes.size(); ++m)
        if (sc.modes[m].name == b.mode) return m;
      return sc.modes.size();
    };
    std::stable_sort(area.buildings.begin(), area.buildings.end(),
                     [&](const auto& a, const auto& b) { return order(a) < order(b); });
    report::write_outputs(out_dir, summaries, sc.name, scenario::to_toml(sc, experiment::load_options().lookup_mode), files,
                          area);
  }
  return exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  const int rc = run(argc, argv, rank, size);
  MPI_Finalize();
  return rc;
}
