// The `last100` command: parse the command line, call the library, print. No model logic.
// Exit codes: 0 success, 1 a run failed a check, 2 bad input, 3 out of memory, 4 an output
// could not be written after the run (docs/cli.md).

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <new>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "catalogue.hpp"
#include "experiments.hpp"
#include "progress.hpp"
#include "run_guard.hpp"
#include "last100/experiment/experiment.hpp"
#include "last100/experiment/run.hpp"
#include "last100/experiment/selection.hpp"
#include "last100/experiment/variants.hpp"
#include "last100/metrics/kpi_table.hpp"
#include "last100/report/area_map.hpp"
#include "last100/report/files.hpp"
#include "last100/report/json.hpp"
#include "last100/report/orders_csv.hpp"
#include "last100/report/replay.hpp"
#include "last100/report/table.hpp"
#include "last100/scenario/memory_limit.hpp"
#include "last100/scenario/scenario.hpp"

namespace fs = std::filesystem;
using namespace last100;

namespace {

using cli::exit_bad_input;
using cli::exit_check_failed;
using cli::exit_ok;
using cli::exit_out_of_memory;
using cli::exit_output_failed;

/// Options shared by `run` and `compare`.
struct RunArgs {
  std::vector<std::string> files;
  std::vector<std::string> sets;
  std::string seed;  ///< parsed by parse_seed: CLI11 would wrap -1 and 2^64 round to 2^64-1
  bool seed_given = false;
  std::optional<std::uint32_t> replications;
  std::string out_dir;
  std::string json_file;
  unsigned jobs = 0;
  std::vector<std::string> variants;     ///< compare: "NAME: KEY=VALUE; KEY=VALUE"
  std::vector<std::string> half_widths;  ///< "KPI=X": replications until each 95% half-width <= X
  std::uint32_t max_replications = 200;
  std::string max_memory;  ///< "4GiB", "512M", ...; empty: a share of the machine's memory
  bool quiet = false;
  bool replay = false;
};

void add_run_options(CLI::App* cmd, RunArgs& a) {
  cmd->add_option("--set", a.sets, "Override a scenario key: --set couriers[0].count=40 (repeatable)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("-s,--seed", a.seed, "Replace run.seed (0 to 18446744073709551615)")
      ->type_name("N")
      ->each([&a](const std::string&) { a.seed_given = true; });  // --seed "" is an error, not no seed
  cmd->add_option("-r,--replications", a.replications, "Replace run.replications")->type_name("R")->check(CLI::Range(1u, 10000u));
  cmd->add_option("-o,--out", a.out_dir, "Write CSV, JSON, the resolved scenario and report.html to DIR")->type_name("DIR");
  cmd->add_option("--json", a.json_file, "Write the JSON summary to FILE ('-' for stdout)")->type_name("FILE");
  cmd->add_option("-j,--jobs,--threads", a.jobs, "Runs at once (0 = one per core); --threads is an alias")->type_name("N");
  cmd->add_option("--half-width", a.half_widths,
                  "Add replications until the 95% half-width of KPI is at most X in every column "
                  "(repeatable; KPI as in summary.json, e.g. lead_time_minutes.p90=5)")
      ->type_name("KPI=X")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--max-replications", a.max_replications, "Cap on the replications --half-width may add")
      ->type_name("R")
      ->capture_default_str()
      ->check(CLI::Range(2u, 10000u));
  cmd->add_option("--max-memory", a.max_memory,
                  "Refuse a run estimated above SIZE (e.g. 4GiB, 512M; default 80% of the memory this process may use)")
      ->type_name("SIZE");
  cmd->add_flag("-q,--quiet", a.quiet, "No progress line on stderr");
  cmd->add_flag("--replay", a.replay,
                "Also write replay.html (in --out DIR, else here): the first replication of each mode animated on the map");
}

using cli::load;

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

/// Returns the seed given on the command line: decimal digits, 0 to 2^64 - 1 (every
/// replication's seed, so each can be rerun on its own).
std::uint64_t parse_seed(const std::string& text) {
  std::uint64_t v = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || r.ec != std::errc{} || r.ptr != text.data() + text.size())
    throw CLI::ValidationError("--seed", fmt::format("expected an integer from 0 to 18446744073709551615, found '{}'", text));
  return v;
}

/// Parses a size: a number with an optional unit K, M, G, T (powers of 1024; "KiB", "KB",
/// "k" alike) or bytes.
std::uint64_t parse_size(const std::string& text) {
  double v = 0;
  const char* end = text.data() + text.size();
  const auto r = std::from_chars(text.data(), end, v);
  std::string unit(r.ptr, end);
  std::transform(unit.begin(), unit.end(), unit.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const std::vector<std::pair<std::string, double>> units = {{"", 1},
                                                             {"b", 1},
                                                             {"k", 1024.0},
                                                             {"m", 1024.0 * 1024},
                                                             {"g", 1024.0 * 1024 * 1024},
                                                             {"t", 1024.0 * 1024 * 1024 * 1024}};
  if (unit.size() > 1 && unit.back() == 'b') unit.pop_back();
  if (unit.size() > 1 && unit.back() == 'i') unit.pop_back();
  for (const auto& [u, f] : units)
    if (r.ec == std::errc{} && r.ptr != text.data() && unit == u && v > 0 && v * f < 1.8e19)
      return static_cast<std::uint64_t>(v * f);
  throw CLI::ValidationError("--max-memory", fmt::format("expected a size such as 4GiB or 512M, found '{}'", text));
}

std::string gib(std::uint64_t bytes) {
  if (bytes < (1ULL << 30)) return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1ULL << 20));
  return fmt::format("{:.2f} GiB", static_cast<double>(bytes) / (1ULL << 30));
}

/// Loads the variants of a run or comparison: each FILE with --set, then each --variant
/// (the first FILE with --set and the variant's overrides). Returns exit_bad_input after
/// printing why when a variant cannot be used.
int load_variants(const RunArgs& a, std::vector<experiment::Variant>& out) {
  for (const auto& f : a.files) {
    experiment::Variant v;
    v.scenario = load(f, a.sets);
    v.name = v.scenario.name;
    v.overrides = a.sets;
    out.push_back(std::move(v));
  }
  for (const auto& spec_text : a.variants) {
    experiment::VariantSpec spec;
    try {
      spec = experiment::parse_variant_spec(spec_text);
    } catch (const experiment::VariantError& e) {
      fmt::print(stderr, "last100: bad input: {}\n", e.what());
      return exit_bad_input;
    }
    std::vector<std::string> sets = a.sets;
    sets.insert(sets.end(), spec.overrides.begin(), spec.overrides.end());
    experiment::Variant v;
    try {
      v.scenario = load(a.files.front(), sets);
    } catch (const scenario::ScenarioError& e) {
      // The loader numbers overrides from the first --set; say which variant they came from.
      fmt::print(stderr, "last100: bad input in --variant \"{}\" (its overrides are --set #{} to #{}):\n{}\n", spec_text,
                 a.sets.size() + 1, sets.size(), e.what());
      return exit_bad_input;
    }
    v.name = spec.name;
    v.overrides = std::move(sets);
    out.push_back(std::move(v));
  }
  experiment::name_variants(out);
  return exit_ok;
}

int do_run(const RunArgs& a, bool compare) {
  std::vector<experiment::Variant> variants;
  if (const int rc = load_variants(a, variants); rc != exit_ok) return rc;
  std::vector<experiment::PrecisionTarget> targets;
  for (const auto& h : a.half_widths) {
    try {
      targets.push_back(experiment::parse_precision_target(h));
    } catch (const std::invalid_argument& e) {
      fmt::print(stderr, "last100: bad input: {}\n", e.what());
      return exit_bad_input;
    }
  }
  // --seed and --replications become part of the scenario, so that DIR/scenario.toml
  // reproduces the run on its own.
  const std::optional<std::uint64_t> seed = a.seed_given ? std::optional(parse_seed(a.seed)) : std::nullopt;
  for (auto& v : variants) {
    if (seed) v.scenario.world.run.seed = *seed;
    if (a.replications) v.scenario.world.run.replications = *a.replications;
  }

  // Outputs are checked before the run, not found unwritable after it.
  const auto& first = variants.front().scenario;
  const std::string out_dir = !a.out_dir.empty() ? a.out_dir : first.output.dir;
  const std::string json_file = !a.json_file.empty() ? a.json_file : first.output.json;
  // --json inside the --out folder would be a file last100 did not list there (later runs and
  // `report` refuse such a folder); a --json folder that --out creates is checked once it exists.
  bool json_after_out = false;
  if (!json_file.empty() && !out_dir.empty() && json_file != "-") {
    const fs::path json_abs = fs::absolute(json_file).lexically_normal();
    const fs::path out_abs = fs::absolute(out_dir).lexically_normal();
    const auto inside = [](const fs::path& p, const fs::path& dir) {
      const auto rel = p.lexically_relative(dir);
      return !rel.empty() && *rel.begin() != "..";
    };
    if (inside(json_abs, out_abs)) {
      fmt::print(stderr, "last100: bad output: --json {} lies inside the --out folder {}, which holds only what last100 "
                         "writes there\n  hint: {}/summary.json is the same JSON; or write --json outside the folder\n",
                 json_file, out_dir, out_dir);
      return exit_bad_input;
    }
    std::error_code ec;
    json_after_out = !fs::exists(json_abs.parent_path(), ec) && inside(out_abs, json_abs.parent_path());
  }
  try {
    if (!json_file.empty() && !json_after_out) report::check_output_file(json_file);
    if (a.replay && out_dir.empty()) report::check_output_file("replay.html");
    if (!out_dir.empty()) report::check_output_dir(out_dir);
  } catch (const report::OutputError& e) {
    fmt::print(stderr, "last100: bad output: {}\n", e.what());
    return exit_bad_input;
  }

  // The replications: the first scenario's (or --replications); with --half-width, where the
  // search starts (at least 2), up to --max-replications.
  const std::uint32_t reps = std::max<std::uint32_t>(1, first.world.run.replications);
  const std::uint32_t most = targets.empty() ? reps : std::max(a.max_replications, reps);

  // Memory: refused before anything is allocated when the estimate is over the limit. The
  // default respects ulimit -v, ulimit -d and the cgroup, not only physical memory (issue 20).
  // Runs of all variants share the `jobs` slots: the largest variant's estimate, plus for each
  // other variant one world more (its next replication's) and what it keeps to the end.
  const auto system_limit = a.max_memory.empty() ? scenario::system_memory_limit() : scenario::MemoryLimit{};
  const std::uint64_t limit = a.max_memory.empty() ? scenario::default_max_memory(system_limit) : parse_size(a.max_memory);
  const unsigned jobs = a.jobs ? a.jobs : std::max(1u, std::thread::hardware_concurrency());
  {
    std::vector<scenario::MemoryEstimate> es;
    std::size_t largest = 0;
    for (const auto& v : variants) {
      // --replay keeps each mode's first world to the end, as orders.csv does.
      es.push_back(scenario::estimate_run_memory(v.scenario, most, jobs, (!out_dir.empty() && v.scenario.output.orders_csv) || a.replay));
      if (es.back().total > es[largest].total) largest = es.size() - 1;
    }
    scenario::MemoryEstimate e = es[largest];
    for (std::size_t i = 0; i < es.size(); ++i)
      if (i != largest) e.total += es[i].world + es[i].travel_tables + es[i].kept, e.kept += es[i].kept;
    const auto& s = variants[largest].scenario;
    if (limit > 0 && e.total > limit) {
      fmt::print(stderr,
                 "{}: error: the run would need about {} (one world {}, its travel tables {}, each of {} runs at once {}, "
                 "kept to the end {}{}), more than --max-memory {}{}\n"
                 "  hint: fewer households (buildings per compound or compounds), a shorter run or longer "
                 "output.sample_interval, fewer replications, variants or --jobs{}\n",
                 s.source, gib(e.total), gib(e.world), gib(e.travel_tables), jobs, gib(e.per_run), gib(e.kept),
                 variants.size() > 1 ? fmt::format("; {} variants", variants.size()) : "", gib(limit),
                 a.max_memory.empty() ? fmt::format(" (80% of {})", scenario::describe_memory_limit(system_limit)) : "",
                 a.max_memory.empty() ? "; or --max-memory SIZE if you know more memory is available"
                                      : ", or a larger --max-memory");
      return exit_bad_input;
    }
  }

  experiment::Experiment experiment(variants);
  experiment::ExperimentOptions eo;
  eo.jobs = a.jobs;
  // Progress on a terminal: each world's build, the runs, then writing the outputs.
  cli::Progress progress(a.quiet);
  const std::string runs_label = "runs " + first.source;
  if (progress.enabled()) {
    eo.on_world_build = [&](std::size_t v, std::uint32_t rep, double done) {
      const auto& sc = variants[v].scenario;
      const std::string who = variants.size() > 1 ? variants[v].name : sc.source;
      const std::string of = targets.empty() ? fmt::format(" of {}", reps) : std::string();
      progress.update(fmt::format("world {} {}", who, rep), done,
                      reps > 1 || !targets.empty() ? fmt::format("building the world of replication {}{}", rep + 1, of)
                                                   : std::string("building the world"));
    };
    eo.progress = [&](double done, std::string_view what) { progress.update(runs_label, done, what); };
  }

  const bool want_orders = !out_dir.empty() && first.output.orders_csv;
  std::string order_records = want_orders ? report::order_records_header() : std::string{};
  const auto& columns = experiment.columns();
  if (want_orders)
    eo.on_orders = [&](std::size_t c, const model::World& w) { order_records += report::order_records_csv(columns[c].label, w); };

  report::ReplayBuilder replay;
  if (a.replay)
    eo.on_trace = [&](std::size_t c, const model::World& w, const modes::Trace& t) { replay.add(columns[c].label, w, t); };

  std::vector<metrics::Summary> summaries;
  std::string resolved;
  const int rc = cli::guarded_run(progress, [&] {
    if (targets.empty()) experiment.run(reps, eo);
    else experiment.run_to_precision(targets, most, reps, eo);
    summaries = experiment.summaries();
    for (auto v : variants) {
      v.scenario.world.run.replications = experiment.replications();  // as many as were run
      resolved += scenario::to_toml(v.scenario, experiment::load_options().lookup_mode);
    }
  });
  if (rc != exit_ok) return rc;

  progress.clear();  // the table starts on a clean line
  // With `--json -` stdout carries the JSON alone, so that it can be piped.
  if (json_file != "-" && json_file != "/dev/stdout") fmt::print("{}", report::format_table(summaries, table_width()));
  std::fflush(stdout);

  const bool as_array = compare || summaries.size() > 1;
  if (!out_dir.empty()) progress.update("outputs", -1, "writing the outputs to " + out_dir);
  else if (!json_file.empty() || a.replay) progress.update("outputs", -1, "writing the outputs");
  try {
    if (!json_file.empty() && !json_after_out)
      report::write_output(json_file, as_array ? report::to_json(summaries) : report::to_json(summaries.front()));
    if (!out_dir.empty()) {
      report::OutputFiles files;
      files.timeseries_csv = first.output.timeseries_csv;
      files.html = first.output.html;
      // The map: the area of the first replication (the scenario's seed), as its runs had it.
      files.map = report::area_map(model::build_area(first.world));
      report::FolderFiles extra;
      if (want_orders) extra.emplace_back("orders.csv", std::move(order_records));
      if (a.replay) extra.emplace_back("replay.html", replay.html(first.name));
      report::write_outputs(out_dir, summaries, first.name, resolved, files, std::move(extra));
      if (json_after_out)
        report::write_output(json_file, as_array ? report::to_json(summaries) : report::to_json(summaries.front()));
    } else if (a.replay) {
      report::write_output("replay.html", replay.html(first.name));
    }
  } catch (const report::OutputError& e) {
    progress.clear();
    fmt::print(stderr, "last100: could not write the outputs: {}\n", e.what());
    return exit_output_failed;
  }
  progress.clear();
  if (!out_dir.empty() && !a.quiet && first.output.html)
    fmt::print(stderr, "last100: report: {}\n", (fs::path(out_dir) / "report.html").string());
  if (a.replay)
    fmt::print(stderr, "last100: wrote {}\n", (out_dir.empty() ? fs::path("replay.html") : fs::path(out_dir) / "replay.html").string());
  return exit_ok;
}

/// Options of `select` besides the files, --set and --variant (RunArgs).
struct SelectArgs {
  std::string kpi;
  std::string goal;  ///< "min" or "max"; empty: from the KPI (see default_goal)
  double delta = 0.0;
  double alpha = 0.05;
  std::uint32_t first_stage = 10;
  std::uint32_t max_replications = 500;
};

/// Returns "max" for KPIs where more is better (deliveries, service levels, throughput,
/// contactless drops), "min" for the others (lead times, contacts, spoilage, backlog).
std::string default_goal(std::string_view key) {
  for (std::string_view more : {"orders.delivered", "service_level.", "throughput_per_hour", "orders_per_courier_hour",
                                "capacity_per_courier_hour", "contacts.contactless_drops", "courier_utilisation.delivery"})
    if (key.substr(0, more.size()) == more) return "max";
  return "min";
}

int do_select(const RunArgs& a, const SelectArgs& s) {
  const auto& table = metrics::kpi_table();
  const auto it = std::find_if(table.begin(), table.end(), [&](const metrics::KpiDef& k) { return k.key == s.kpi; });
  if (it == table.end()) {
    fmt::print(stderr, "last100: bad input: --kpi '{}': no such KPI\n  hint: valid keys: {}\n", s.kpi, cli::kpi_keys());
    return exit_bad_input;
  }
  const std::size_t kpi = static_cast<std::size_t>(it - table.begin());
  const std::string goal = s.goal.empty() ? default_goal(s.kpi) : s.goal;

  std::vector<experiment::Variant> variants;
  if (const int rc = load_variants(a, variants); rc != exit_ok) return rc;
  const std::optional<std::uint64_t> seed = a.seed_given ? std::optional(parse_seed(a.seed)) : std::nullopt;
  for (auto& v : variants)
    if (seed) v.scenario.world.run.seed = *seed;
  experiment::Experiment experiment(variants);
  const auto& columns = experiment.columns();
  if (columns.size() < 2) {
    fmt::print(stderr, "last100: bad input: select needs at least two options, found one ({})\n"
                       "  hint: several files, --variant, or a scenario listing several modes\n",
               columns.front().label);
    return exit_bad_input;
  }

  // The sampler runs every column together (common random numbers), a few replications ahead
  // so that the job slots stay busy; the values of replication r never depend on how many ran.
  cli::Progress progress(a.quiet);
  experiment::ExperimentOptions eo;
  eo.jobs = a.jobs;
  if (progress.enabled()) eo.progress = [&](double done, std::string_view what) { progress.update("select", done, what); };
  const unsigned jobs = a.jobs ? a.jobs : std::max(1u, std::thread::hardware_concurrency());
  const std::uint32_t ahead = static_cast<std::uint32_t>(std::max<std::size_t>(1, (jobs + columns.size() - 1) / columns.size()));
  const std::uint32_t so_max = std::max(s.max_replications, s.first_stage);
  const experiment::Sampler sample = [&](std::size_t option, std::uint32_t first, std::uint32_t n) {
    const std::uint32_t done = experiment.replications();
    if (done < first + n) {
      const std::uint32_t room = so_max > done ? so_max - done : 0;
      experiment.run(std::max(first + n - done, std::min(ahead, room)), eo);
    }
    const auto values = experiment.values(option);
    std::vector<double> out;
    for (std::uint32_t r = first; r < first + n; ++r) out.push_back(values[r][kpi].value);
    return out;
  };
  experiment::SelectionOptions so;
  so.goal = goal == "max" ? experiment::Goal::maximize : experiment::Goal::minimize;
  so.alpha = s.alpha;
  so.delta = s.delta;
  so.first_stage = s.first_stage;
  so.max_replications = so_max;
  experiment::SelectionResult r;
  // SelectionError is an invalid_argument: bad input, as a value only the world can check.
  if (const int rc = cli::guarded_run(progress, [&] { r = experiment::select_best(columns.size(), sample, so); }); rc != exit_ok)
    return rc;
  progress.clear();

  const int d = it->decimals + 1;
  const auto unit = it->unit.empty() ? std::string() : " " + std::string(it->unit);
  fmt::print("select on {} ({}imum), indifference zone {:g}{}, alpha {:g} (KN, Kim and Nelson 2001, paired replications)\n",
             s.kpi, goal, s.delta, unit, s.alpha);
  const char* why = r.stop == experiment::SelectionStop::one_left ? "every other option eliminated"
                    : r.stop == experiment::SelectionStop::final_stage
                        ? "the survivors have equal means: they cannot be told apart"
                        : "the cap on replications was reached with several options left: no guarantee among them";
  fmt::print("winner: {} (mean {:.{}f}{}; {})\n", columns[r.winner].label, r.means[r.winner], d, unit, why);
  if (r.stop == experiment::SelectionStop::one_left)
    fmt::print("  with probability at least {:g} it is the best, or within {:g}{} of the best\n", 1 - s.alpha, s.delta, unit);
  for (const auto& e : r.eliminated)
    fmt::print("eliminated: {} (mean {:.{}f}) at stage {}, by {}\n", columns[e.option].label, r.means[e.option], d, e.stage,
               columns[e.by].label);
  if (r.not_told_apart.size() > 1) {
    std::string names;
    for (auto o : r.not_told_apart) names += (names.empty() ? "" : ", ") + columns[o].label;
    fmt::print("not told apart: {}\n", names);
  }
  std::string used;
  for (std::size_t o = 0; o < columns.size(); ++o)
    used += fmt::format("{}{} {}", used.empty() ? "" : ", ", columns[o].label, r.replications_used[o]);
  fmt::print("replications used: {}; {} runs in all ({} replications of {} options, common random numbers)\n", used,
             static_cast<std::uint64_t>(experiment.replications()) * columns.size(), experiment.replications(),
             columns.size());
  for (std::size_t c = 1; c < columns.size(); ++c)
    if (!experiment.paired(c)) {
      fmt::print("note: {} does not share its area and demand with {}: its comparisons are not paired, and KN's "
                 "guarantee assumes only independent replications there\n",
                 columns[c].label, columns[0].label);
      break;
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
               "Exit codes: 0 success, 1 a run failed a check, 2 bad input, 3 out of memory,\n"
               "4 an output could not be written after the run.",
               "last100"};
#ifdef LAST100_VERSION
  app.set_version_flag("--version", std::string("last100 ") + LAST100_VERSION);
#endif
  app.require_subcommand(1);

  RunArgs run_args;
  CLI::App* run = app.add_subcommand("run", "Run a scenario and print its KPI table");
  // Any number here, checked after parsing: CLI11 gives an unknown option to the positional,
  // and "FILE: At Most 1 required but received 2" would not name it.
  run->add_option("FILE", run_args.files, "Scenario file (TOML), or a bundled scenario's name (last100 list)")->required();
  add_run_options(run, run_args);

  RunArgs cmp_args;
  CLI::App* compare = app.add_subcommand(
      "compare", "Run scenarios, variants and modes side by side; differences paired when area and demand are the same");
  compare->add_option("FILE", cmp_args.files, "Scenario files or bundled names, or one file listing several modes")->required();
  add_run_options(compare, cmp_args);
  compare
      ->add_option("--variant", cmp_args.variants,
                   "A what-if of the first FILE: \"NAME: KEY=VALUE; KEY=VALUE\" (repeatable), e.g. \"4 vans: vehicles.count=4\"")
      ->type_name("SPEC")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);

  cli::SweepArgs sweep_args;
  CLI::App* sweep = app.add_subcommand(
      "sweep", "Run a scenario over a grid (or Latin hypercube) of parameter values; resumable; CSV, JSON, response surface");
  cli::add_sweep_options(sweep, sweep_args);

  cli::SizeArgs size_args;
  CLI::App* size = app.add_subcommand(
      "size", "Find the smallest amount of a resource (or the cheapest of several) meeting service targets");
  cli::add_size_options(size, size_args);

  RunArgs sel_args;
  SelectArgs sel;
  CLI::App* select = app.add_subcommand(
      "select", "Pick the best of the columns compare would run on one KPI, with a probability of correct selection");
  select->add_option("FILE", sel_args.files, "Scenario files or bundled names, or one file listing several modes")->required();
  select->add_option("--set", sel_args.sets, "Override a scenario key (repeatable)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  select
      ->add_option("--variant", sel_args.variants, "A what-if of the first FILE: \"NAME: KEY=VALUE; KEY=VALUE\" (repeatable)")
      ->type_name("SPEC")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  select->add_option("--kpi", sel.kpi, "The KPI compared, as in summary.json (e.g. lead_time_minutes.p90)")
      ->type_name("KEY")
      ->required();
  select->add_option("--goal", sel.goal, "min or max (default: max for deliveries, service levels and rates, else min)")
      ->check(CLI::IsMember({"min", "max"}));
  select->add_option("--delta", sel.delta, "Indifference zone, in the KPI's unit: differences below it do not matter")
      ->type_name("D")
      ->required()
      ->check(CLI::PositiveNumber);
  select->add_option("--alpha", sel.alpha, "1 - the probability of correct selection")
      ->capture_default_str()
      ->check(CLI::Range(0.001, 0.5));
  select->add_option("--first-stage", sel.first_stage, "Replications of every option before the first screening")
      ->capture_default_str()
      ->check(CLI::Range(2u, 10000u));
  select->add_option("--max-replications", sel.max_replications, "Cap per option; at the cap the survivors are reported")
      ->capture_default_str()
      ->check(CLI::Range(2u, 100000u));
  select->add_option("-s,--seed", sel_args.seed, "Replace run.seed")
      ->type_name("N")
      ->each([&sel_args](const std::string&) { sel_args.seed_given = true; });
  select->add_option("-j,--jobs", sel_args.jobs, "Runs at once (0 = one per core)")->type_name("N");
  select->add_flag("-q,--quiet", sel_args.quiet, "No progress line on stderr");

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

  std::string keys_table;
  std::string keys_doc;
  CLI::App* keys_cmd = app.add_subcommand("keys", "Print the scenario schema: each table's keys with type, range, default, meaning");
  keys_cmd->add_option("TABLE", keys_table, "One table (vertical, demand.<category>, couriers, ...)");
  keys_cmd->add_option("--doc", keys_doc, "Print this Markdown file with its generated key tables regenerated")
      ->type_name("FILE");
  bool keys_assumed = false;
  bool keys_json = false;
  std::string keys_for;
  std::vector<std::string> keys_sets;
  keys_cmd->add_flag("--assumed", keys_assumed,
                     "List the assumed defaults with their plausible ranges, by the key paths --set accepts");
  keys_cmd->add_flag("--json", keys_json, "With --assumed: as a JSON array");
  keys_cmd->add_option("--for", keys_for,
                       "With --assumed: as they apply to this scenario (its values, courier groups and modes)")
      ->type_name("FILE");
  keys_cmd->add_option("--set", keys_sets, "With --for: override a scenario key (repeatable)")->type_name("K=V");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? exit_ok : exit_bad_input;
  }

  if (*run && run_args.files.size() > 1) {
    std::string extra;
    for (std::size_t i = 1; i < run_args.files.size(); ++i) extra += (extra.empty() ? "'" : ", '") + run_args.files[i] + "'";
    for (const auto& f : run_args.files)
      if (f.size() > 1 && f.front() == '-') {
        fmt::print(stderr, "last100 run: unknown option '{}'\n  hint: last100 run --help lists the options\n", f);
        return exit_bad_input;
      }
    fmt::print(stderr, "last100 run: one scenario file, found {} more: {}\n  hint: `last100 compare` runs several files\n",
               run_args.files.size() - 1, extra);
    return exit_bad_input;
  }

  try {
    if (*run) return do_run(run_args, false);
    if (*compare) return do_run(cmp_args, true);
    if (*sweep) return cli::do_sweep(sweep_args);
    if (*size) return cli::do_size(size_args);
    if (*select) return do_select(sel_args, sel);
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
          const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
          const auto e = scenario::estimate_run_memory(s, 0, threads, false);
          fmt::print("{}: ok: '{}', modes {}; {} households, {} couriers, {}; memory about {:.1f} MiB "
                     "(world {:.1f}, travel tables {:.1f}, with {} threads)\n",
                     f, s.name, modes, model::household_count(a),
                     couriers, scenario::format_duration(s.world.run.duration), static_cast<double>(e.total) / (1 << 20),
                     static_cast<double>(e.world) / (1 << 20), static_cast<double>(e.travel_tables) / (1 << 20), threads);
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
    if (*keys_cmd && keys_assumed)
      return cli::print_assumed(keys_for.empty() ? scenario::parameters() : scenario::parameters(load(keys_for, keys_sets)),
                                keys_json);
    if (*keys_cmd) return cli::print_keys(keys_table, keys_doc);
  } catch (const scenario::ScenarioError& e) {
    fmt::print(stderr, "{}\n", e.what());
    return exit_bad_input;
  } catch (const CLI::ValidationError& e) {
    fmt::print(stderr, "last100: error: {}\n", e.what());
    return exit_bad_input;
  } catch (const std::bad_alloc&) {
    fmt::print(stderr, "last100: out of memory (a run needed more than the machine could give; see --max-memory and "
                       "the estimate of `last100 validate`)\n");
    return exit_out_of_memory;
  } catch (const std::exception& e) {
    fmt::print(stderr, "last100: error: {}\n", e.what());
    return exit_bad_input;
  }
  return exit_ok;
}
