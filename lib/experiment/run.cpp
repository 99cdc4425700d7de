#include "last100/experiment/run.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <stdexcept>

#include "last100/experiment/experiment.hpp"
#include "last100/modes/mode.hpp"

namespace last100::experiment {

SingleRun run_once(const model::World& world, const scenario::ModeRun& mode, const std::string& scenario_name,
                   sim::Duration sample_step, const std::function<void(double share)>& on_progress) {
  return modes::run_mode(world, mode.name, mode.knobs, {scenario_name, sample_step, on_progress});
}

namespace {

// The scenario as one unnamed variant, after the options' seed and replications.
std::vector<Variant> as_variant(const scenario::Scenario& sc, const RunOptions& options) {
  Variant v;
  v.scenario = sc;
  auto& run = v.scenario.world.run;
  if (options.seed) run.seed = *options.seed;
  if (options.replications) run.replications = *options.replications;
  run.replications = std::max<std::uint32_t>(1, run.replications);
  v.name = sc.name;
  v.overrides = options.overrides;
  return {std::move(v)};
}

ExperimentOptions experiment_options(const scenario::Scenario& sc, const RunOptions& options) {
  ExperimentOptions eo;
  eo.jobs = options.threads;
  eo.progress = options.progress;
  if (options.on_world_build)
    eo.on_world_build = [&options](std::size_t, std::uint32_t rep, double done) { options.on_world_build(rep, done); };
  if (options.on_orders)
    eo.on_orders = [&options, &sc](std::size_t column, const model::World& w) { options.on_orders(sc.modes[column].name, w); };
  if (options.on_trace)
    eo.on_trace = [&options, &sc](std::size_t column, const model::World& w, const modes::Trace& t) {
      options.on_trace(sc.modes[column].name, w, t);
    };
  return eo;
}

}  // namespace

std::size_t job_count(const scenario::Scenario& sc, const RunOptions& options) {
  const auto vs = as_variant(sc, options);
  return variant_job_count(vs, vs.front().scenario.world.run.replications);
}

std::vector<metrics::Summary> run_jobs(const scenario::Scenario& sc, const RunOptions& options,
                                       const std::function<bool(std::size_t job)>& mine) {
  const auto vs = as_variant(sc, options);
  return run_variants(vs, 0, vs.front().scenario.world.run.replications, experiment_options(sc, options), mine);
}

std::vector<metrics::Summary> combine_jobs(const scenario::Scenario& sc, const RunOptions& options,
                                           const std::vector<metrics::Summary>& per_job) {
  if (per_job.size() != job_count(sc, options))
    throw std::invalid_argument("combine_jobs: expected one summary per job (replications x modes)");
  auto vs = as_variant(sc, options);
  const std::uint32_t reps = vs.front().scenario.world.run.replications;
  Experiment e(std::move(vs));
  e.add(reps, per_job);
  return e.summaries();
}

std::vector<metrics::Summary> run_scenario(const scenario::Scenario& sc, const RunOptions& options) {
  return combine_jobs(sc, options, run_jobs(sc, options, nullptr));
}

std::string version() {
#ifdef LAST100_LIB_VERSION
  return LAST100_LIB_VERSION;
#else
  return "unknown";
#endif
}

std::string commit() {
#ifdef LAST100_LIB_COMMIT
  return LAST100_LIB_COMMIT;
#else
  return "unknown";
#endif
}

std::string reproduce_command(const scenario::Scenario& sc, const RunOptions& options) {
  // Shell-quoted where needed, so that the line can be pasted.
  const auto quote = [](const std::string& a) {
    if (!a.empty() && a.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+=.,/:@%") == std::string::npos)
      return a;
    std::string q = "'";
    for (char c : a) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
  };
  model::WorldParams params = sc.world;
  if (options.seed) params.run.seed = *options.seed;
  if (options.replications) params.run.replications = *options.replications;
  params.run.replications = std::max<std::uint32_t>(1, params.run.replications);
  std::string cmd = "last100 run " + quote(sc.source.empty() ? sc.name : sc.source);
  for (const auto& o : options.overrides) cmd += " --set " + quote(o);
  // The seed and replications the run used, always: a --seed given on the command line is
  // applied to the scenario before it gets here, so options.seed alone would miss it.
  cmd += fmt::format(" --seed {} --replications {}", params.run.seed, params.run.replications);
  return cmd;
}

const std::vector<modes::KnobSpec>* find_mode_knobs(std::string_view mode) {
  const auto* info = modes::find_mode(mode);
  return info ? &info->knobs : nullptr;
}

std::vector<std::string> mode_names() {
  std::vector<std::string> names;
  for (const auto& m : modes::all_modes()) names.push_back(m.name);
  return names;
}

scenario::LoadOptions load_options() {
  scenario::LoadOptions o;
  o.mode_names = mode_names();
  o.lookup_mode = find_mode_knobs;
  return o;
}

}  // namespace last100::experiment
