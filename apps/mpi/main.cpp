// last100-mpi: `last100 compare` spread over MPI ranks: scenarios, variants and their modes.
//   mpirun -np 8 last100-mpi FILE... [--variant "NAME: K=V; K=V"]... [--set K=V]... [--seed N]
//                            [--replications R] [--jobs N] [--json FILE] [--out DIR]
// Rank r runs jobs r, r + size, ... (job j: replication j / columns, column j % columns, a
// column being one mode of one variant) on its own threads; rank 0 gathers every job's summary (JSON, doubles in shortest round-trip form, so
// nothing is lost), combines them exactly as a single process does and prints the same table
// and writes the same files: outputs are byte-identical whatever the number of ranks.
// Per-order records (orders.csv) stay with the single-process `last100` command.

#include <mpi.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <charconv>
#include <cstdio>
#include <exception>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include "last100/experiment/experiment.hpp"
#include "last100/experiment/run.hpp"
#include "last100/experiment/variants.hpp"
#include "last100/report/area_map.hpp"
#include "last100/report/files.hpp"
#include "last100/report/json.hpp"
#include "last100/report/table.hpp"
#include "last100/scenario/scenario.hpp"

namespace {

using namespace last100;

constexpr int exit_ok = 0, exit_check_failed = 1, exit_bad_input = 2, exit_out_of_memory = 3, exit_output_failed = 4;

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
  CLI::App app{"last100-mpi: scenarios, variants and modes compared over MPI ranks"};
  std::vector<std::string> files, sets, variant_specs, half_widths;
  std::uint32_t max_replications = 200;
  std::string out_dir, json_file, seed_text;
  std::optional<std::uint32_t> replications;
  experiment::ExperimentOptions options;
  app.add_option("file", files, "Scenario files (the first is the base of every --variant)")->required();
  app.add_option("--set", sets, "Override a scenario key (repeatable)")->type_name("KEY=VALUE");
  app.add_option("--variant", variant_specs, "A what-if of the first file: \"NAME: KEY=VALUE; KEY=VALUE\" (repeatable)")
      ->type_name("SPEC");
  app.add_option("--seed", seed_text, "Replace run.seed (0 to 9200000000000000000)");
  app.add_option("--replications", replications, "Replace run.replications")->check(CLI::Range(1u, 100000u));
  app.add_option("--half-width", half_widths, "Add replications until the 95% half-width of KPI is at most X (repeatable)")
      ->type_name("KPI=X");
  app.add_option("--max-replications", max_replications, "Cap on the replications --half-width may add")
      ->capture_default_str()
      ->check(CLI::Range(2u, 10000u));
  app.add_option("-j,--jobs,--threads", options.jobs, "Runs at once per rank (0 = one per core); --threads is an alias");
  app.add_option("--json", json_file, "Write the JSON summary to FILE (rank 0; '-' for stdout)");
  app.add_option("--out", out_dir, "Write summary, time series, resolved scenario and report.html to DIR (rank 0)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);  // prints help or the error (every rank parses the same)
    return rc == 0 ? exit_ok : exit_bad_input;
  }

  std::vector<experiment::Variant> variants;
  std::vector<experiment::PrecisionTarget> targets;
  try {
    for (const auto& h : half_widths) targets.push_back(experiment::parse_precision_target(h));
    for (const auto& f : files) variants.push_back(experiment::load_variant(f, sets));
    for (const auto& text : variant_specs) {
      const auto spec = experiment::parse_variant_spec(text);
      std::vector<std::string> all = sets;
      all.insert(all.end(), spec.overrides.begin(), spec.overrides.end());
      try {
        variants.push_back(experiment::load_variant(files.front(), all, spec.name));
      } catch (const scenario::ScenarioError& e) {
        throw std::invalid_argument(fmt::format("bad input in --variant \"{}\" (its overrides are --set #{} to #{}):\n{}", text,
                                                sets.size() + 1, all.size(), e.what()));
      }
    }
    experiment::name_variants(variants);
    // --seed and --replications become part of the scenario (DIR/scenario.toml reproduces the run).
    for (auto& v : variants) {
      if (!seed_text.empty()) {
        std::uint64_t seed = 0;
        const auto r = std::from_chars(seed_text.data(), seed_text.data() + seed_text.size(), seed);
        if (r.ec != std::errc{} || r.ptr != seed_text.data() + seed_text.size() || seed > 9'200'000'000'000'000'000ULL)
          throw std::invalid_argument("--seed: expected an integer from 0 to 9200000000000000000, found '" + seed_text + "'");
        v.scenario.world.run.seed = seed;
      }
      if (replications) v.scenario.world.run.replications = *replications;
    }
    if (rank == 0 && !json_file.empty()) report::check_output_file(json_file);
    if (rank == 0 && !out_dir.empty()) report::check_output_dir(out_dir);
  } catch (const std::exception& e) {
    if (rank == 0) fmt::print(stderr, "{}\n", e.what());
    return exit_bad_input;  // every rank loads the same files and fails the same way
  }

  // The first scenario's replications, as `last100 compare` runs them; with --half-width,
  // rank 0 decides each batch from what it has gathered and tells every rank.
  const std::uint32_t reps = std::max<std::uint32_t>(1, variants.front().scenario.world.run.replications);
  const std::uint32_t most = targets.empty() ? reps : std::max(max_replications, reps);
  experiment::Experiment experiment(variants);
  const auto batch = [&](std::uint32_t n) {
    std::vector<metrics::Summary> mine;
    try {
      mine = experiment::run_variants(variants, experiment.replications(), n, options, [&](std::size_t j) {
        return static_cast<int>(j % static_cast<std::size_t>(size)) == rank;
      });
    } catch (const std::bad_alloc&) {
      fmt::print(stderr, "last100-mpi: rank {}: out of memory\n", rank);
      MPI_Abort(MPI_COMM_WORLD, exit_out_of_memory);
    } catch (const std::exception& e) {
      fmt::print(stderr, "last100-mpi: rank {}: run failed: {}\n", rank, e.what());
      MPI_Abort(MPI_COMM_WORLD, exit_check_failed);
    }
    std::vector<metrics::Summary> sent;
    const std::size_t jobs = mine.size();
    for (std::size_t j = static_cast<std::size_t>(rank); j < jobs; j += static_cast<std::size_t>(size)) sent.push_back(mine[j]);
    const auto texts = gather_strings(report::to_json(sent, true), rank, size);
    std::vector<metrics::Summary> per_job(jobs);
    for (int r = 0; r < static_cast<int>(texts.size()); ++r) {
      if (texts[static_cast<std::size_t>(r)].empty()) continue;
      const auto got = report::summaries_from_json(texts[static_cast<std::size_t>(r)]);
      std::size_t k = 0;
      for (std::size_t j = static_cast<std::size_t>(r); j < jobs; j += static_cast<std::size_t>(size)) per_job[j] = got.at(k++);
    }
    // Rank 0 keeps the summaries; the others keep empty ones, only to count replications.
    experiment.add(n, std::move(per_job));
  };
  if (targets.empty()) {
    batch(reps);
  } else {
    for (;;) {
      std::uint32_t n = rank == 0 ? experiment.precision_batch(targets, most, reps) : 0;
      MPI_Bcast(&n, 1, MPI_UINT32_T, 0, MPI_COMM_WORLD);
      if (n == 0) break;
      batch(n);
    }
    if (rank == 0) experiment.conclude_precision(targets);
  }
  if (rank != 0) return exit_ok;
  const auto summaries = experiment.summaries();
  if (json_file != "-" && json_file != "/dev/stdout") fmt::print("{}", report::format_table(summaries));
  std::fflush(stdout);
  const auto& sc = variants.front().scenario;
  try {
    if (!json_file.empty())
      report::write_output(json_file, summaries.size() > 1 ? report::to_json(summaries) : report::to_json(summaries.front()));
    if (!out_dir.empty()) {
      report::OutputFiles written;
      written.timeseries_csv = sc.output.timeseries_csv;
      written.html = sc.output.html;
      written.map = report::area_map(model::build_area(sc.world));  // as `last100 run --out` draws it
      std::string resolved;
      for (auto v : variants) {
        v.scenario.world.run.replications = experiment.replications();  // as many as were run
        resolved += scenario::to_toml(v.scenario, experiment::load_options().lookup_mode);
      }
      report::write_outputs(out_dir, summaries, sc.name, resolved, written);
    }
  } catch (const report::OutputError& e) {
    fmt::print(stderr, "last100-mpi: could not write the outputs: {}\n", e.what());
    return exit_output_failed;
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
