// The `last100` command: parse the command line, call the library, print. No model logic.
// Exit codes: 0 success, 1 a run failed a check, 2 bad input (docs/cli.md).

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "catalogue.hpp"
#include "last100/experiment/run.hpp"
#include "last100/report/files.hpp"
#include "last100/report/json.hpp"
#include "last100/report/orders_csv.hpp"
#include "last100/report/replay.hpp"
#include "last100/report/table.hpp"
#include "last100/scenario/scenario.hpp"

namespace fs = std::filesystem;
using namespace last100;

namespace {

constexpr int exit_ok = 0;
constexpr int exit_check_failed = 1;
constexpr int exit_bad_input = 2;

/// Options shared by `run` and `compare`.
struct RunArgs {
  std::vector<std::string> files;
  std::vector<std::string> sets;
  std::optional<std::uint64_t> seed;
  std::optional<std::uint32_t> replications;
  std::string out_dir;
  std::string json_file;
  unsigned threads = 0;
  bool quiet = false;
  bool replay = false;
};

void add_run_options(CLI::App* cmd, RunArgs& a) {
  cmd->add_option("--set", a.sets, "Override a scenario key: --set couriers[0].count=40 (repeatable)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--seed", a.seed, "Replace run.seed")->type_name("N");
  cmd->add_option("--replications", a.replications, "Replace run.replications")->type_name("R")->check(CLI::Range(1u, 10000u));
  cmd->add_option("--out", a.out_dir, "Write CSV, JSON, the resolved scenario and report.html to DIR")->type_name("DIR");
  cmd->add_option("--json", a.json_file, "Write the JSON summary to FILE")->type_name("FILE");
  cmd->add_option("--threads", a.threads, "Worker threads (0 = one per core)")->type_name("N");
  cmd->add_flag("-q,--quiet", a.quiet, "No progress line on stderr");
  cmd->add_flag("--replay", a.replay,
                "Also write replay.html (in --out DIR, else here): the first replication of each mode animated on the map");
}

/// A progress line on stderr, only when it is a terminal, the run takes over a second and
/// --quiet was not given.
class Progress {
 public:
  explicit Progress(bool quiet) : enabled_(!quiet && isatty(fileno(stderr)) != 0) {}
  ~Progress() {
    if (shown_) std::fputs("\r\033[K", stderr);
  }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  std::function<void(double, std::string_view)> callback() {
    if (!enabled_) return {};
    return [this](double done, std::string_view what) {
      const auto now = std::chrono::steady_clock::now();
      if (now - start_ < std::chrono::seconds{1}) return;
      if (shown_ && now - last_ < std::chrono::milliseconds{200}) return;
      last_ = now;
      shown_ = true;
      std::fputs(fmt::format("\r\033[K{:3.0f}% {}", 100.0 * std::clamp(done, 0.0, 1.0), what).c_str(), stderr);
      std::fflush(stderr);
    };
  }

 private:
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
};

/// Loads a scenario file (or a bundled scenario by name) and prints its warnings on stderr.
scenario::Scenario load(const std::string& file, const std::vector<std::string>& sets, bool warn = true) {
  scenario::LoadOptions opt = experiment::load_options();
  opt.overrides = sets;
  auto s = scenario::load_scenario(cli::resolve_scenario(file), opt);
  if (warn)
    for (const auto& w : s.warnings) fmt::print(stderr, "{}\n", w);
  return s;
}

/// Columns the table may take: $COLUMNS if set, else the terminal's width when stdout is
/// one; 0 (no limit) when writing to a file or a pipe, so that scripts see one block.
std::size_t table_width() {
  if (const char* env = std::getenv("COLUMNS")) {
    char* end = nullptr;
    const unsigned long v = std::strtoul(env, &end, 10);
    if (end != env && *end == '\0' && v >= 40) return v;
  }
  winsize ws{};
  if (isatty(fileno(stdout)) != 0 && ioctl(fileno(stdout), TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40) return ws.ws_col;
  return 0;
}

int do_run(const RunArgs& a, bool compare) {
  std::vector<scenario::Scenario> scenarios;
  for (const auto& f : a.files) scenarios.push_back(load(f, a.sets));
  if (compare && scenarios.size() > 1) {
    const auto& w0 = scenarios.front().world;
    for (const auto& s : scenarios)
      if (s.world.run.seed != w0.run.seed || s.world.area.buildings != w0.area.buildings ||
          s.world.area.compounds != w0.area.compounds)
        fmt::print(stderr, "last100: warning: {} differs from {} in area or seed; the comparison is not like for like\n",
                   s.source, scenarios.front().source);
  }

  experiment::RunOptions ro;
  ro.seed = a.seed;
  ro.replications = a.replications;
  ro.threads = a.threads;
  Progress progress(a.quiet);
  ro.progress = progress.callback();

  const auto& first_scenario = scenarios.front();
  const bool want_dir = !(a.out_dir.empty() && first_scenario.output.dir.empty());
  const bool want_orders = want_dir && first_scenario.output.orders_csv;
  std::string order_records = want_orders ? report::order_records_header() : std::string{};
  report::AreaFigures area;  // per building, each mode's first replication, for the report's map
  if (want_dir)
    ro.on_orders = [&](std::string_view mode, const model::World& w) {
      if (want_orders) order_records += report::order_records_csv(mode, w);
      auto rows = report::building_figures(mode, w);
      area.buildings.insert(area.buildings.end(), rows.begin(), rows.end());
      if (area.places.empty()) area.places = report::map_places(w);
    };

  report::ReplayBuilder replay;
  if (a.replay)
    ro.on_trace = [&](std::string_view mode, const model::World& w, const modes::Trace& t) { replay.add(mode, w, t); };

  std::vector<metrics::Summary> summaries;
  std::string resolved;
  try {
    for (const auto& s : scenarios) {
      auto part = experiment::run_scenario(s, ro);
      summaries.insert(summaries.end(), part.begin(), part.end());
      resolved += scenario::to_toml(s, experiment::load_options().lookup_mode);
    }
  } catch (const scenario::ScenarioError&) {
    throw;
  } catch (const std::invalid_argument& e) {
    // A value that only the built world can check (a station the area does not have, ...).
    fmt::print(stderr, "last100: bad input: {}\n", e.what());
    return exit_bad_input;
  } catch (const std::exception& e) {
    fmt::print(stderr, "last100: run failed: {}\n", e.what());
    return exit_check_failed;
  }

  fmt::print("{}", report::format_table(summaries, table_width()));

  const auto& first = scenarios.front();
  const std::string out_dir = !a.out_dir.empty() ? a.out_dir : first.output.dir;
  const std::string json_file = !a.json_file.empty() ? a.json_file : first.output.json;
  const bool as_array = compare || summaries.size() > 1;
  if (!json_file.empty())
    report::write_file_atomic(json_file, as_array ? report::to_json(summaries) : report::to_json(summaries.front()));
  if (!out_dir.empty()) {
    report::OutputFiles files;
    files.timeseries_csv = first.output.timeseries_csv;
    files.html = first.output.html;
    report::write_outputs(out_dir, summaries, first.name, resolved, files, area);
    if (want_orders) report::write_file_atomic(fs::path(out_dir) / "orders.csv", order_records);
  }
  if (a.replay) {
    const fs::path file = fs::path(out_dir.empty() ? "." : out_dir) / "replay.html";
    report::write_file_atomic(file, replay.html(first.name));
    fmt::print(stderr, "last100: wrote {}\n", file.string());
  }
  return exit_ok;
}

int do_list() {
  for (const auto& dir : cli::scenario_dirs()) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir, ec))
      if (e.path().extension() == ".toml") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    if (files.empty()) continue;
    std::size_t width = 0;
    for (const auto& f : files) width = std::max(width, f.stem().string().size());
    for (const auto& f : files) {
      std::string line;
      try {
        const auto s = load(f.string(), {}, false);
        line = s.description.substr(0, s.description.find('\n'));
        if (line.empty()) line = s.name;
      } catch (const std::exception& e) {
        const std::string msg = e.what();
        line = "(invalid) " + msg.substr(0, msg.find('\n'));
      }
      fmt::print("{:<{}}  {}\n", f.stem().string(), width, line);
    }
    fmt::print(stderr, "({} scenarios in {})\n", files.size(), dir.string());
    return exit_ok;
  }
  fmt::print(stderr, "last100: no bundled scenarios found (looked in");
  for (const auto& d : cli::scenario_dirs()) fmt::print(stderr, " {}", d.string());
  fmt::print(stderr, "; set LAST100_SCENARIOS to a folder of .toml files)\n");
  return exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"last100: last-100-metre supply under lockdown, a discrete-event simulator.\n"
               "Exit codes: 0 success, 1 a run failed a check, 2 bad input.",
               "last100"};
#ifdef LAST100_VERSION
  app.set_version_flag("--version", std::string("last100 ") + LAST100_VERSION);
#endif
  app.require_subcommand(1);

  RunArgs run_args;
  CLI::App* run = app.add_subcommand("run", "Run a scenario and print its KPI table");
  run->add_option("FILE", run_args.files, "Scenario file (TOML), or a bundled scenario's name (last100 list)")->required()->expected(1);
  add_run_options(run, run_args);

  RunArgs cmp_args;
  CLI::App* compare = app.add_subcommand("compare", "Run several modes on the same area and demand, side by side");
  compare->add_option("FILE", cmp_args.files, "Scenario files or bundled names, or one file listing several modes")->required();
  add_run_options(compare, cmp_args);

  std::vector<std::string> val_files;
  std::vector<std::string> val_sets;
  bool val_print = false;
  CLI::App* validate = app.add_subcommand("validate", "Check scenario files without running them");
  validate->add_option("FILE", val_files, "Scenario files (TOML)")->required();
  validate->add_option("--set", val_sets, "Override a scenario key (repeatable)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  validate->add_flag("--print", val_print, "Print the resolved scenario (after extends and --set) as TOML");

  std::string report_dir;
  CLI::App* rep = app.add_subcommand("report", "Rebuild report.html from the outputs of a run (--out DIR)");
  rep->add_option("DIR", report_dir, "Folder written by run --out or compare --out")->required();

  CLI::App* list = app.add_subcommand("list", "List the bundled scenarios, one line each (run them by name)");

  std::string mode_name;
  CLI::App* modes_cmd = app.add_subcommand("modes", "List the modes and their knobs, or explain one mode's knobs");
  modes_cmd->add_option("NAME", mode_name, "A mode's name (relay, shelves, ...)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? exit_ok : exit_bad_input;
  }

  try {
    if (*run) return do_run(run_args, false);
    if (*compare) return do_run(cmp_args, true);
    if (*validate) {
      for (const auto& f : val_files) {
        const auto s = load(f, val_sets);
        if (val_print) {
          fmt::print("{}", scenario::to_toml(s, experiment::load_options().lookup_mode));
        } else {
          std::uint64_t couriers = 0;
          for (const auto& g : s.world.couriers) couriers += g.count;
          std::string modes;
          for (const auto& m : s.modes) modes += (modes.empty() ? "" : ", ") + m.name;
          const auto& a = s.world.area;
          fmt::print("{}: ok: '{}', modes {}; {} households, {} couriers, {}; model state about {:.1f} MiB\n", f, s.name,
                     modes, std::uint64_t{a.buildings} * a.units_per_building * a.floors * a.households_per_floor,
                     couriers, scenario::format_duration(s.world.run.duration),
                     static_cast<double>(scenario::estimate_memory_bytes(s.world)) / (1 << 20));
        }
      }
      return exit_ok;
    }
    if (*rep) {
      report::rebuild_report(report_dir);
      fmt::print("{}\n", (fs::path(report_dir) / "report.html").string());
      return exit_ok;
    }
    if (*list) return do_list();
    if (*modes_cmd) return cli::print_modes(mode_name);
  } catch (const scenario::ScenarioError& e) {
    fmt::print(stderr, "{}\n", e.what());
    return exit_bad_input;
  } catch (const std::exception& e) {
    fmt::print(stderr, "last100: error: {}\n", e.what());
    return exit_bad_input;
  }
  return exit_ok;
}
