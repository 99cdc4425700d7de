#include "experiments.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "last100/experiment/design.hpp"
#include "last100/experiment/experiment.hpp"
#include "last100/experiment/run.hpp"
#include "last100/experiment/sizing.hpp"
#include "last100/experiment/surface.hpp"
#include "last100/experiment/sweep_store.hpp"
#include "last100/experiment/variants.hpp"
#include "last100/metrics/kpi_table.hpp"
#include "last100/report/files.hpp"

#include "catalogue.hpp"
#include "progress.hpp"
#include "run_guard.hpp"

namespace fs = std::filesystem;

namespace last100::cli {
namespace {


std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : std::string(sep)) + p;
  return out;
}

/// Returns the index of a KPI key, or nothing after printing the valid keys.
std::optional<std::size_t> kpi_or_complain(const std::string& key, std::string_view option) {
  const auto& table = metrics::kpi_table();
  for (std::size_t i = 0; i < table.size(); ++i)
    if (table[i].key == key) return i;
  fmt::print(stderr, "last100: bad input: {} '{}': no such KPI\n  hint: valid keys: {}\n", option, key, kpi_keys());
  return std::nullopt;
}

/// "12.3 ± 0.4" with the KPI's decimals; "n/a" without a value; no half-width below 2 values.
std::string mean_pm(double mean, double half_width, int decimals) {
  if (std::isnan(mean)) return "n/a";
  if (std::isnan(half_width)) return fmt::format("{:.{}f}", mean, decimals);
  return fmt::format("{:.{}f} ± {:.{}f}", mean, decimals, half_width, decimals);
}

/// Prints rows as columns padded to their widest cell (cells may hold "±", two bytes).
void print_columns(const std::vector<std::vector<std::string>>& rows) {
  const auto width = [](const std::string& s) {
    std::size_t w = 0;
    for (unsigned char c : s) w += (c & 0xC0) != 0x80;
    return w;
  };
  std::vector<std::size_t> widths;
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size(); ++i) {
      if (widths.size() <= i) widths.push_back(0);
      widths[i] = std::max(widths[i], width(r[i]));
    }
  for (const auto& r : rows) {
    std::string line;
    for (std::size_t i = 0; i < r.size(); ++i) {
      if (i) line += "  ";
      line += r[i];
      if (i + 1 < r.size()) line.append(widths[i] - width(r[i]), ' ');
    }
    fmt::print("{}\n", line);
  }
}

/// Keeps only mode `mode` of a scenario; false when it has no such mode.
bool keep_mode(scenario::Scenario& s, const std::string& mode) {
  const auto it = std::find_if(s.modes.begin(), s.modes.end(), [&](const auto& m) { return m.name == mode; });
  if (it == s.modes.end()) return false;
  auto one = *it;
  s.modes = {std::move(one)};
  return true;
}

std::string mode_names(const scenario::Scenario& s) {
  std::vector<std::string> names;
  for (const auto& m : s.modes) names.push_back(m.name);
  return join(names, ", ");
}

}  // namespace

scenario::Scenario load(const std::string& file, const std::vector<std::string>& sets, bool warn) {
  scenario::LoadOptions opt = experiment::load_options();
  opt.overrides = sets;
  opt.scenario_dirs = scenario_dirs();
  auto s = scenario::load_scenario(resolve_scenario(file), opt);
  if (warn)
    for (const auto& w : s.warnings) fmt::print(stderr, "{}\n", w);
  return s;
}

std::string kpi_keys() {
  std::string keys;
  for (const auto& k : metrics::kpi_table()) keys += fmt::format("{}{}", keys.empty() ? "" : ", ", k.key);
  return keys;
}

// ---------------------------------------------------------------------------------------
// sweep

void add_sweep_options(CLI::App* cmd, SweepArgs& a) {
  cmd->add_option("FILE", a.file, "Scenario file (TOML), or a bundled scenario's name")->required();
  cmd->add_option("--vary", a.vary, "A parameter and its levels: KEY=10..80:10, KEY=1,2,4 or KEY=1..20 (repeatable)")
      ->type_name("KEY=SPEC")
      ->required()
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--set", a.sets, "Override a scenario key at every point (repeatable)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--sample", a.sample, "A Latin hypercube of N points instead of the full grid")
      ->type_name("N")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
  cmd->add_option("--sample-seed", a.sample_seed, "Seed of the Latin hypercube")->type_name("S")->capture_default_str();
  cmd->add_option("-r,--replications", a.replications, "Replications of every point (default run.replications)")
      ->type_name("R")
      ->check(CLI::Range(1u, 10000u));
  cmd->add_option("-o,--out", a.out_dir, "Folder of the sweep's store and files")
      ->type_name("DIR")
      ->capture_default_str();
  cmd->add_flag("--restart", a.restart, "Start over, discarding the points stored in DIR");
  cmd->add_option("-j,--jobs", a.jobs, "Runs at once (0 = one per core)")->type_name("N");
  cmd->add_option("--kpi", a.kpis,
                  "A KPI printed per point (repeatable; default orders.delivered, lead_time_minutes.p50 and .p90)")
      ->type_name("KEY")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--max-points", a.max_points, "Run at most N of the points still to run, then stop (rerun to go on)")
      ->type_name("N")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
  cmd->add_option("--half-width", a.half_widths,
                  "Add replications at each point until the 95% half-width of KPI is at most X (repeatable)")
      ->type_name("KPI=X")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--max-replications", a.max_replications, "Cap on the replications --half-width may add at a point")
      ->type_name("R")
      ->capture_default_str()
      ->check(CLI::Range(2u, 10000u));
  cmd->add_flag("-q,--quiet", a.quiet, "No progress line on stderr");
}

int do_sweep(const SweepArgs& a) {
  std::vector<experiment::Parameter> params;
  std::vector<experiment::DesignPoint> points;
  try {
    for (const auto& spec : a.vary) params.push_back(experiment::parse_vary(spec));
    points = a.sample ? experiment::latin_hypercube(params, *a.sample, a.sample_seed) : experiment::full_grid(params);
  } catch (const experiment::DesignError& e) {
    fmt::print(stderr, "last100: bad input: {}\n", e.what());
    return exit_bad_input;
  }
  std::vector<std::size_t> shown;
  const std::vector<std::string> shown_keys =
      a.kpis.empty() ? std::vector<std::string>{"orders.delivered", "lead_time_minutes.p50", "lead_time_minutes.p90"}
                     : a.kpis;
  for (const auto& k : shown_keys) {
    const auto i = kpi_or_complain(k, "--kpi");
    if (!i) return exit_bad_input;
    shown.push_back(*i);
  }

  const scenario::Scenario base = load(a.file, a.sets);
  const std::uint32_t reps = a.replications ? *a.replications : std::max<std::uint32_t>(1, base.world.run.replications);
  std::vector<experiment::PrecisionTarget> precision;
  for (const auto& h : a.half_widths) {
    try {
      precision.push_back(experiment::parse_precision_target(h));
    } catch (const std::invalid_argument& e) {
      fmt::print(stderr, "last100: bad input: {}\n", e.what());
      return exit_bad_input;
    }
  }

  // Every point is loaded before anything runs: a level the scenario refuses is found now.
  std::vector<experiment::Variant> variants;
  variants.reserve(points.size());
  for (const auto& p : points) {
    const auto ov = experiment::as_overrides(params, p);
    std::vector<std::string> sets = a.sets;
    sets.insert(sets.end(), ov.begin(), ov.end());
    experiment::Variant v;
    v.scenario = load(a.file, sets, false);
    v.scenario.world.run.replications = reps;
    if (mode_names(v.scenario) != mode_names(base)) {
      fmt::print(stderr,
                 "last100: bad input: point {} runs modes {} where the scenario runs {}\n"
                 "  hint: sweep one mode at a time (--set mode.name=...) instead of varying the modes\n",
                 join(ov, " "), mode_names(v.scenario), mode_names(base));
      return exit_bad_input;
    }
    v.name = join(ov, " ");
    v.overrides = std::move(sets);
    variants.push_back(std::move(v));
  }

  // KPI names in the store: the keys, prefixed by the mode when the scenario runs several.
  const auto& table = metrics::kpi_table();
  std::vector<std::string> kpis;
  for (const auto& m : base.modes)
    for (const auto& k : table)
      kpis.push_back(base.modes.size() > 1 ? m.name + "/" + std::string(k.key) : std::string(k.key));

  // What changes the results: the resolved scenario (by the fingerprint of its text, so that
  // a refusal stays readable), the design and the replications.
  std::string arguments =
      fmt::format("scenario {} (resolved, fingerprint {}); vary {}; {}; replications {}", base.name,
                  experiment::arguments_fingerprint(scenario::to_toml(base, experiment::load_options().lookup_mode)),
                  join(a.vary, " "),
                  a.sample ? fmt::format("Latin hypercube of {} points, seed {}", *a.sample, a.sample_seed)
                           : std::string("full grid"),
                  reps);
  if (!precision.empty())
    arguments += fmt::format("; half-width {}; max replications {}", join(a.half_widths, " "), a.max_replications);

  std::error_code ec;
  fs::create_directories(a.out_dir, ec);
  if (ec || !fs::is_directory(a.out_dir)) {
    fmt::print(stderr, "last100: bad output: cannot create the folder {}: {}\n", a.out_dir, ec.message());
    return exit_bad_input;
  }
  std::unique_ptr<experiment::SweepStore> store;
  try {
    store = std::make_unique<experiment::SweepStore>(fs::path(a.out_dir) / experiment::sweep_store_name, arguments,
                                                     kpis, a.restart);
  } catch (const experiment::StoreError& e) {
    fmt::print(stderr, "last100: bad input: {}\n", e.what());
    return exit_bad_input;
  }

  // Final files of an earlier sweep in the folder would outlive a restarted one that stops early.
  if (a.restart)
    for (const char* f : {"replications.csv", "replications.json", "points.csv", "points.json", "surface.csv"})
      fs::remove(fs::path(a.out_dir) / f, ec);

  std::vector<std::size_t> pending = store->pending(points.size());
  const std::size_t already = points.size() - pending.size();
  if (a.max_points && pending.size() > *a.max_points) pending.resize(*a.max_points);
  if (already > 0 && !a.quiet)
    fmt::print(stderr, "last100: resuming: {} of {} points already in {}\n", already, points.size(),
               (fs::path(a.out_dir) / experiment::sweep_store_name).string());

  // Points run a few at a time, so that each finished point is stored soon and the runs of a
  // chunk fill the job slots; results do not depend on the chunks (each point's replication r
  // has replication r's seed).
  const unsigned jobs = a.jobs ? a.jobs : std::max(1u, std::thread::hardware_concurrency());
  const std::size_t runs_per_point = static_cast<std::size_t>(reps) * base.modes.size();
  // With --half-width each point is an experiment of its own, so that when it stops depends on
  // the point alone.
  const std::size_t chunk =
      precision.empty() ? std::max<std::size_t>(1, (jobs + runs_per_point - 1) / runs_per_point) : std::size_t{1};
  const std::uint32_t most = std::max(a.max_replications, reps);
  Progress progress(a.quiet);
  experiment::ExperimentOptions eo;
  eo.jobs = a.jobs;
  std::size_t done_points = 0;
  const int rc = guarded_run(progress, [&] {
    for (std::size_t start = 0; start < pending.size(); start += chunk) {
      const std::size_t end = std::min(pending.size(), start + chunk);
      std::vector<experiment::Variant> vs;
      for (std::size_t i = start; i < end; ++i) vs.push_back(variants[pending[i]]);
      if (progress.enabled())
        eo.progress = [&](double done, std::string_view what) {
          progress.update("sweep",
                          (static_cast<double>(done_points) + done * static_cast<double>(end - start)) /
                              static_cast<double>(pending.size()),
                          fmt::format("{}/{} points; {}", done_points, pending.size(), what));
        };
      experiment::Experiment e(std::move(vs));
      if (precision.empty()) e.run(reps, eo);
      else e.run_to_precision(precision, most, std::max<std::uint32_t>(2, reps), eo);
      const std::uint32_t done_reps = e.replications();
      std::vector<experiment::PointRecord> records(end - start);
      for (std::size_t c = 0; c < e.columns().size(); ++c) {
        const auto& col = e.columns()[c];
        auto& rec = records[col.variant];
        if (rec.values.empty()) rec.values.assign(done_reps, {});
        const auto values = e.values(c);
        for (std::uint32_t r = 0; r < done_reps; ++r)
          for (const auto& v : values[r]) rec.values[r].push_back(v.value);
      }
      for (std::size_t i = start; i < end; ++i) {
        auto& rec = records[i - start];
        rec.index = pending[i];
        for (std::size_t p = 0; p < params.size(); ++p)
          rec.parameters.emplace_back(params[p].key, points[pending[i]].text[p]);
        store->append(rec);
        ++done_points;
      }
    }
  });
  if (rc != exit_ok) return rc;
  progress.clear();

  const auto records = store->records();
  if (records.size() < points.size()) {
    fmt::print("{} of {} points done ({} this time); rerun the same command to go on\n", records.size(), points.size(),
               done_points);
    return exit_ok;
  }

  // The table: one line per point, the shown KPIs of each mode as mean ± half-width.
  std::vector<std::vector<std::string>> rows;
  {
    std::vector<std::string> head = {"point"};
    for (const auto& p : params) head.push_back(p.key);
    if (!precision.empty()) head.push_back("replications");
    for (const auto& m : base.modes)
      for (std::size_t k : shown)
        head.push_back(base.modes.size() > 1 ? m.name + "/" + std::string(table[k].key) : std::string(table[k].key));
    rows.push_back(std::move(head));
  }
  std::vector<std::vector<experiment::KpiSummary>> sums;
  for (const auto& rec : records) sums.push_back(experiment::summarize(rec, kpis.size()));
  for (std::size_t i = 0; i < records.size(); ++i) {
    std::vector<std::string> row = {std::to_string(records[i].index)};
    for (const auto& [key, value] : records[i].parameters) row.push_back(value);
    if (!precision.empty()) row.push_back(std::to_string(records[i].values.size()));
    for (std::size_t m = 0; m < base.modes.size(); ++m)
      for (std::size_t k : shown) {
        const auto& s = sums[i][m * table.size() + k];
        row.push_back(mean_pm(s.mean, s.half_width, table[k].decimals));
      }
    rows.push_back(std::move(row));
  }
  std::string hw_text;
  for (const auto& h : a.half_widths) {
    const auto eq = h.find('=');
    hw_text += (hw_text.empty() ? "" : ", ") + h.substr(0, eq) + " <= " + h.substr(eq + 1);
  }
  if (precision.empty())
    fmt::print("sweep of {}: {} points x {} replications (common random numbers); mean ± 95% half-width\n", base.name,
               points.size(), reps);
  else
    fmt::print("sweep of {}: {} points, replications added at each point until the 95% half-width of {} (at most {}; "
               "common random numbers); mean ± 95% half-width\n",
               base.name, points.size(), hw_text, most);
  print_columns(rows);

  // The response surface on the points' means, numeric parameters only.
  std::vector<std::size_t> numeric;
  for (std::size_t p = 0; p < params.size(); ++p)
    if (params[p].numeric && points.size() > 0) {
      // A parameter with one level cannot be fitted.
      bool varies = false;
      for (const auto& pt : points) varies = varies || pt.value[p] != points.front().value[p];
      if (varies) numeric.push_back(p);
    }
  std::string surface_csv = "kpi,term,estimate,half_width,std_error,r_squared,residual_df,points\n";
  std::vector<std::string> surface_notes;
  std::vector<std::vector<std::string>> surface_rows;
  if (!numeric.empty()) {
    std::vector<std::string> names;
    for (std::size_t p : numeric) names.push_back(params[p].key);
    std::vector<std::vector<double>> x;
    for (const auto& rec : records) {
      std::vector<double> row;
      for (std::size_t p : numeric) row.push_back(points[rec.index].value[p]);
      x.push_back(std::move(row));
    }
    surface_rows.push_back({"KPI", "R²"});
    for (std::size_t t = 0; t < 1 + names.size() + names.size() * (names.size() - 1) / 2; ++t)
      surface_rows[0].push_back("");
    for (std::size_t k = 0; k < kpis.size(); ++k) {
      std::vector<double> y;
      for (const auto& s : sums) y.push_back(s[k].mean);
      const std::size_t key = k % table.size();
      const bool show = std::find(shown.begin(), shown.end(), key) != shown.end();
      if (std::all_of(y.begin(), y.end(), [&](double v) { return v == y.front() || std::isnan(v); })) {
        if (show) surface_notes.push_back(fmt::format("{}: not fitted: the same mean at every point", kpis[k]));
        continue;
      }
      try {
        const auto fit = experiment::fit_surface(names, x, y, names.size() > 1);
        std::vector<std::string> row = {kpis[k], fmt::format("{:.3f}", fit.r_squared)};
        for (std::size_t t = 0; t < fit.terms.size(); ++t) {
          const auto& term = fit.terms[t];
          surface_csv += fmt::format("{},{},{},{},{},{},{},{}\n", kpis[k], term.name, term.estimate, term.half_width,
                                     term.std_error, fit.r_squared, fit.residual_df, fit.rows_used);
          if (surface_rows[0].size() > t + 2) surface_rows[0][t + 2] = term.name;
          row.push_back(mean_pm(term.estimate, term.half_width, table[key].decimals + 1));
        }
        if (show) surface_rows.push_back(std::move(row));
      } catch (const experiment::SurfaceError& e) {
        if (show) surface_notes.push_back(fmt::format("{}: not fitted: {}", kpis[k], e.what()));
      }
    }
  }
  if (numeric.empty()) {
    fmt::print("\nresponse surface: not fitted (no numeric parameter takes two values)\n");
  } else {
    fmt::print(
        "\nresponse surface on the point means (parameters coded to [-1, 1]: an effect is the change from the "
        "centre to the top of the range; estimate ± 95% half-width)\n");
    if (surface_rows.size() > 1) print_columns(surface_rows);
    for (const auto& n : surface_notes) fmt::print("{}\n", n);
  }

  try {
    const fs::path dir(a.out_dir);
    std::ostringstream rcsv, rjson, pcsv, pjson;
    experiment::write_replications_csv(rcsv, kpis, records);
    experiment::write_replications_json(rjson, kpis, records);
    experiment::write_point_summary_csv(pcsv, kpis, records);
    experiment::write_point_summary_json(pjson, kpis, records);
    report::write_output(dir / "replications.csv", rcsv.str());
    report::write_output(dir / "replications.json", rjson.str());
    report::write_output(dir / "points.csv", pcsv.str());
    report::write_output(dir / "points.json", pjson.str());
    if (!numeric.empty()) report::write_output(dir / "surface.csv", surface_csv);
  } catch (const report::OutputError& e) {
    fmt::print(stderr, "last100: could not write the outputs: {}\n", e.what());
    return 4;
  }
  std::fflush(stdout);
  if (!a.quiet)
    fmt::print(stderr, "last100: wrote replications.csv, replications.json, points.csv, points.json{} in {}\n",
               numeric.empty() ? "" : ", surface.csv", a.out_dir);
  return exit_ok;
}

// ---------------------------------------------------------------------------------------
// size

void add_size_options(CLI::App* cmd, SizeArgs& a) {
  cmd->add_option("FILE", a.file, "Scenario file (TOML), or a bundled scenario's name")->required();
  cmd->add_option("--target", a.target,
                  "Service targets on KPI means: \"KPI >= X and KPI <= Y\" (KPI keys as in summary.json)")
      ->type_name("TARGETS")
      ->required();
  cmd->add_option("--vary", a.vary, "A resource and its whole-number range: KEY=LO..HI (repeatable: several resources)")
      ->type_name("KEY=LO..HI")
      ->required()
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--cost", a.costs, "Cost per unit of a resource, KEY=C (default 1); the cheapest combination wins")
      ->type_name("KEY=C")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--set", a.sets, "Override a scenario key (repeatable)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--mode", a.mode, "The mode sized, when the scenario runs several")->type_name("NAME");
  cmd->add_option("--confidence", a.confidence, "Confidence of each point's decision")
      ->capture_default_str()
      ->check(CLI::Range(0.5, 0.9999));
  cmd->add_option("--first-stage", a.first_stage, "Replications at a point before its first test")
      ->capture_default_str()
      ->check(CLI::Range(2u, 10000u));
  cmd->add_option("--batch", a.batch, "Replications added while a point is undecided")
      ->capture_default_str()
      ->check(CLI::Range(1u, 10000u));
  cmd->add_option("--max-replications", a.max_replications, "Replications at one point before it is called undecided")
      ->capture_default_str()
      ->check(CLI::Range(2u, 10000u));
  cmd->add_option("-j,--jobs", a.jobs, "Runs at once (0 = one per core)")->type_name("N");
  cmd->add_flag("-q,--quiet", a.quiet, "No progress line on stderr");
}

int do_size(const SizeArgs& a) {
  scenario::Scenario base = load(a.file, a.sets);
  // KPI keys, and the service levels by their thresholds: within_12h is service_level.3 when
  // the scenario's third level is 12 h.
  std::vector<std::string> known;
  for (const auto& k : metrics::kpi_table()) known.emplace_back(k.key);
  std::map<std::string, std::string> aliases;
  const auto& levels = base.world.run.service_levels;
  for (std::size_t i = 0; i < levels.size() && i < 4; ++i) {
    const double hours =
        static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(levels[i]).count()) / 3600.0;
    const std::string alias = fmt::format("within_{:g}h", hours);
    aliases[alias] = fmt::format("service_level.{}", i + 1);
    known.push_back(alias);
  }
  std::vector<experiment::Target> targets;
  try {
    targets = experiment::parse_targets(a.target, known);
  } catch (const experiment::SizingError& e) {
    std::string alias_text;
    for (const auto& alias : known)
      if (const auto it = aliases.find(alias); it != aliases.end())
        alias_text += fmt::format("{}{} ({})", alias_text.empty() ? "" : ", ", alias, it->second);
    fmt::print(stderr, "last100: bad input: {}\n  valid keys: {}; and this scenario's service levels: {}\n", e.what(),
               kpi_keys(), alias_text);
    return exit_bad_input;
  }
  std::vector<std::string> target_text;
  std::vector<std::size_t> target_kpi;
  for (auto& t : targets) {
    target_text.push_back(experiment::to_string(t));
    if (const auto it = aliases.find(t.kpi); it != aliases.end()) t.kpi = it->second;
    target_kpi.push_back(metrics::kpi_index(t.kpi));
  }

  std::vector<experiment::Resource> resources;
  try {
    for (const auto& spec : a.vary) {
      const auto p = experiment::parse_vary(spec);
      if (!p.integer || p.kind == experiment::ParameterKind::list ||
          (p.kind == experiment::ParameterKind::range && p.step != 1)) {
        fmt::print(stderr, "last100: bad input: --vary {}: size searches a whole-number range, KEY=LO..HI\n", spec);
        return exit_bad_input;
      }
      resources.push_back({p.key, static_cast<std::int64_t>(p.lo), static_cast<std::int64_t>(p.hi), 1.0});
    }
  } catch (const experiment::DesignError& e) {
    fmt::print(stderr, "last100: bad input: {}\n", e.what());
    return exit_bad_input;
  }
  for (const auto& c : a.costs) {
    const auto eq = c.find('=');
    const std::string key = c.substr(0, eq);
    const auto it = std::find_if(resources.begin(), resources.end(), [&](const auto& r) { return r.name == key; });
    double v = 0;
    const char* b = c.data() + (eq == std::string::npos ? c.size() : eq + 1);
    const auto r = std::from_chars(b, c.data() + c.size(), v);
    if (eq == std::string::npos || it == resources.end() || r.ec != std::errc{} || r.ptr != c.data() + c.size() ||
        !(v > 0)) {
      fmt::print(stderr, "last100: bad input: --cost '{}': expected KEY=C with KEY one of the --vary keys and C > 0\n",
                 c);
      return exit_bad_input;
    }
    it->unit_cost = v;
  }

  if (!a.mode.empty() && !keep_mode(base, a.mode)) {
    fmt::print(stderr, "last100: bad input: --mode {}: the scenario runs {}\n", a.mode, mode_names(base));
    return exit_bad_input;
  }
  if (base.modes.size() > 1) {
    fmt::print(stderr, "last100: bad input: the scenario runs several modes ({})\n  hint: size one with --mode NAME\n",
               mode_names(base));
    return exit_bad_input;
  }
  const std::string mode = base.modes.front().name;

  // One experiment per amount tried; its replications are added as the search asks for them,
  // replication r with replication r's seed at every amount (common random numbers).
  std::map<std::vector<std::int64_t>, std::unique_ptr<experiment::Experiment>> tried;
  Progress progress(a.quiet);
  experiment::ExperimentOptions eo;
  eo.jobs = a.jobs;
  const experiment::SizingSampler sample = [&](const std::vector<std::int64_t>& x, std::uint32_t first,
                                               std::uint32_t n) {
    auto& e = tried[x];
    std::vector<std::string> sets = a.sets;
    std::vector<std::string> ov;
    for (std::size_t i = 0; i < resources.size(); ++i) ov.push_back(fmt::format("{}={}", resources[i].name, x[i]));
    if (!e) {
      sets.insert(sets.end(), ov.begin(), ov.end());
      experiment::Variant v;
      v.scenario = load(a.file, sets, false);
      keep_mode(v.scenario, mode);
      v.name = join(ov, " ");
      v.overrides = std::move(sets);
      e = std::make_unique<experiment::Experiment>(std::vector<experiment::Variant>{std::move(v)});
    }
    if (progress.enabled())
      eo.progress = [&](double done, std::string_view what) {
        progress.update("size", done,
                        fmt::format("{}: replications {} to {}; {}", join(ov, " "), first + 1, first + n, what));
      };
    if (e->replications() < first + n) e->run(first + n - e->replications(), eo);
    const auto values = e->values(0);
    std::vector<std::vector<double>> out(targets.size());
    for (std::size_t k = 0; k < targets.size(); ++k)
      for (std::uint32_t r = first; r < first + n; ++r) out[k].push_back(values[r][target_kpi[k]].value);
    return out;
  };

  experiment::SizingOptions so;
  so.confidence = a.confidence;
  so.first_stage = a.first_stage;
  so.batch = a.batch;
  so.max_replications = std::max(a.max_replications, a.first_stage);
  experiment::SizingResult result;
  // SizingError is an invalid_argument: bad input, as a value only the world can check.
  if (const int rc = guarded_run(progress, [&] {
        result = resources.size() == 1 ? experiment::size_one(targets, resources[0].lo, resources[0].hi, sample, so)
                                       : experiment::size_cheapest(targets, resources, sample, so);
      });
      rc != exit_ok)
    return rc;
  progress.clear();

  const auto amounts = [&](const std::vector<std::int64_t>& x) {
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < x.size(); ++i) parts.push_back(fmt::format("{}={}", resources[i].name, x[i]));
    return join(parts, " ");
  };
  fmt::print("size {} ({}): {} at {:g}% confidence per point\n", base.name, mode, join(target_text, " and "),
             100 * a.confidence);
  if (result.found) {
    fmt::print("answer: {}{}\n", amounts(result.x),
               resources.size() > 1 ? fmt::format(" (cost {:g})", result.cost) : std::string());
  } else {
    std::vector<std::string> tops;
    for (const auto& r : resources) tops.push_back(fmt::format("{}={}", r.name, r.hi));
    fmt::print("answer: not found: no amount up to {} was shown to meet the targets\n", join(tops, " "));
  }
  fmt::print("evidence: {} points, {} replications{}\n", result.evidence.size(), result.replications,
             result.pruned
                 ? fmt::format(", {} combinations not searched (ruled out by cost or by others)", result.pruned)
                 : std::string());
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head;
  for (const auto& r : resources) head.push_back(r.name);
  if (resources.size() > 1) head.push_back("cost");
  head.push_back("replications");
  for (const auto& t : target_text) head.push_back(t);
  head.push_back("decision");
  rows.push_back(std::move(head));
  for (const auto& step : result.evidence) {
    std::vector<std::string> row;
    for (auto v : step.x) row.push_back(std::to_string(v));
    if (resources.size() > 1) row.push_back(fmt::format("{:g}", step.cost));
    row.push_back(std::to_string(step.replications));
    for (std::size_t k = 0; k < step.checks.size(); ++k)
      row.push_back(fmt::format(
          "{} ({})",
          mean_pm(step.checks[k].mean, step.checks[k].half_width, metrics::kpi_table()[target_kpi[k]].decimals + 1),
          experiment::to_string(step.checks[k].decision)));
    row.push_back(experiment::to_string(step.decision));
    rows.push_back(std::move(row));
  }
  print_columns(rows);
  fmt::print("(mean ± one-sided half-width per target; undecided counts as not met)\n");
  return exit_ok;
}

}  // namespace last100::cli
