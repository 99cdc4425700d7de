#pragma once
// The experiment commands `last100 sweep` and `last100 size` (docs/cli.md): parse their
// options, wire the library's designs, sweep store, response surface and sizing search to
// scenario runs through experiment::Experiment, and print. `select` lives in main.cpp beside
// `compare`, whose columns it shares.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "last100/scenario/scenario.hpp"

namespace last100::cli {

/// Loads a scenario file (or a bundled scenario by name) with overrides, and prints its
/// warnings on stderr when `warn`. Throws scenario::ScenarioError.
scenario::Scenario load(const std::string& file, const std::vector<std::string>& sets, bool warn = true);

/// Returns every KPI key of metrics::kpi_table(), comma-separated (for "valid keys" hints).
std::string kpi_keys();

/// Options of `last100 sweep`.
struct SweepArgs {
  std::string file;
  std::vector<std::string> sets;
  std::vector<std::string> vary;
  std::optional<std::size_t> sample;  ///< Latin hypercube of N points instead of the full grid
  std::uint64_t sample_seed = 1;
  std::optional<std::uint32_t> replications;
  std::string out_dir = "sweep";
  bool restart = false;
  unsigned jobs = 0;
  std::vector<std::string> kpis;  ///< printed; default lead times and deliveries
  std::optional<std::size_t> max_points;
  std::vector<std::string> half_widths;  ///< "KPI=X": replications at each point until met
  std::uint32_t max_replications = 200;
  bool quiet = false;
};

/// Options of `last100 size`.
struct SizeArgs {
  std::string file;
  std::vector<std::string> sets;
  std::string target;
  std::vector<std::string> vary;
  std::vector<std::string> costs;
  std::string mode;
  unsigned jobs = 0;
  double confidence = 0.95;
  std::uint32_t first_stage = 10;
  std::uint32_t batch = 10;
  std::uint32_t max_replications = 200;
  bool quiet = false;
};

/// Adds the `sweep` subcommand's options to `cmd`.
void add_sweep_options(CLI::App* cmd, SweepArgs& a);
/// Adds the `size` subcommand's options to `cmd`.
void add_size_options(CLI::App* cmd, SizeArgs& a);

/// Runs a sweep; returns the exit code.
int do_sweep(const SweepArgs& a);
/// Runs a sizing search; returns the exit code (0 also when nothing in the range met the
/// targets: the output says "not found").
int do_size(const SizeArgs& a);

}  // namespace last100::cli
