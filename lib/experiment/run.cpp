#include "last100/experiment/run.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "last100/metrics/kpi.hpp"
#include "last100/metrics/kpi_table.hpp"
#include "last100/metrics/ledger.hpp"
#include "last100/metrics/time_series.hpp"
#include "last100/modes/context.hpp"
#include "last100/modes/mode.hpp"
#include "last100/sim/simulation.hpp"

namespace last100::experiment {
namespace {

const modes::ModeInfo& mode_or_throw(const std::string& name) {
  const auto* info = modes::find_mode(name);
  if (!info) throw std::invalid_argument("unknown mode '" + name + "'");
  return *info;
}

// The seed of replication r: the scenario's seed for r = 0, then well-mixed neighbours.
std::uint64_t replication_seed(std::uint64_t seed, std::uint32_t r) {
  if (r == 0) return seed;
  std::uint64_t s = seed + r;
  return sim::splitmix64(s);
}

}  // namespace

SingleRun run_once(const model::World& world, const scenario::ModeRun& mode, const std::string& scenario_name,
                   sim::Duration sample_step, const std::function<void(double share)>& on_progress) {
  return modes::run_mode(world, mode.name, mode.knobs, {scenario_name, sample_step, on_progress});
}

namespace {

// The run parameters after the options' overrides.
model::WorldParams effective_params(const scenario::Scenario& sc, const RunOptions& options) {
  model::WorldParams params = sc.world;
  if (options.seed) params.run.seed = *options.seed;
  if (options.replications) params.run.replications = *options.replications;
  params.run.replications = std::max<std::uint32_t>(1, params.run.replications);
  return params;
}

}  // namespace

std::size_t job_count(const scenario::Scenario& sc, const RunOptions& options) {
  return static_cast<std::size_t>(effective_params(sc, options).run.replications) * sc.modes.size();
}

std::vector<metrics::Summary> run_jobs(const scenario::Scenario& sc, const RunOptions& options,
                                       const std::function<bool(std::size_t job)>& mine) {
  for (const auto& m : sc.modes) mode_or_throw(m.name);
  const model::WorldParams params = effective_params(sc, options);
  const std::uint32_t reps = params.run.replications;
  const std::size_t modes_count = sc.modes.size();
  const sim::Duration step = sc.output.sample_interval.count() > 0 ? sc.output.sample_interval : std::chrono::hours{1};

  // Job j is replication j / modes, mode j % modes. One world per replication, shared by all
  // its modes: the same area and the same demand (common random numbers).
  std::vector<std::size_t> todo;
  for (std::size_t j = 0; j < reps * modes_count; ++j)
    if (!mine || mine(j)) todo.push_back(j);
  std::vector<std::unique_ptr<model::World>> worlds(reps);
  std::vector<std::once_flag> built(reps);
  // A replication's world is freed once its last job is summarised: memory then grows with
  // the runs in progress, not with the replications (issue 8).
  const auto left = std::make_unique<std::atomic<std::size_t>[]>(reps);
  for (std::size_t j : todo) ++left[j / modes_count];
  std::vector<metrics::Summary> results(reps * modes_count);
  std::vector<std::unique_ptr<model::World>> first_worlds(modes_count);
  std::vector<modes::Trace> traces(options.on_trace ? modes_count : 0);

  unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(todo.size())));
  std::atomic<std::size_t> next{0}, done{0};
  // Per job in todo: the share of its simulated time done, in thousandths.
  const auto partial = std::make_unique<std::atomic<std::uint32_t>[]>(todo.size());
  const auto report = [&](std::string_view mode_name) {
    double sum = 0;
    for (std::size_t k = 0; k < todo.size(); ++k) sum += partial[k] / 1000.0;
    options.progress(sum / static_cast<double>(todo.size()),
                     fmt::format("{}/{} runs done; {}", done.load(), todo.size(), mode_name));
  };
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto worker = [&](bool reports) {
    for (;;) {
      const std::size_t k = next++;
      if (k >= todo.size()) return;
      const std::size_t j = todo[k];
      const auto rep = static_cast<std::uint32_t>(j / modes_count);
      const std::size_t mode = j % modes_count;
      try {
        std::call_once(built[rep], [&] {
          model::WorldParams p = params;
          p.run.seed = replication_seed(params.run.seed, rep);
          std::function<void(double)> on_build;
          if (reports && options.on_world_build) on_build = [&](double share) { options.on_world_build(rep, share); };
          worlds[rep] = std::make_unique<model::World>(model::build_world(p, on_build));
        });
        modes::RunModeOptions run_options{sc.name, step, {}, nullptr};
        if (options.progress)
          run_options.on_progress = [&, k, reports, mode](double share) {
            partial[k] = static_cast<std::uint32_t>(share * 1000);
            if (reports) report(sc.modes[mode].name);
          };
        if (rep == 0 && options.on_trace) run_options.trace = &traces[mode];
        SingleRun run = modes::run_mode(*worlds[rep], sc.modes[mode].name, sc.modes[mode].knobs, run_options);
        run.summary.mode = sc.modes[mode].name;
        results[j] = std::move(run.summary);
        if (rep == 0 && (options.on_orders || options.on_trace))
          first_worlds[mode] = std::make_unique<model::World>(std::move(run.world));
        if (--left[rep] == 0) worlds[rep].reset();
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = todo.size();
        return;
      }
      partial[k] = 1000;
      ++done;
      if (reports && options.progress) report(sc.modes[mode].name);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker, false);
  worker(true);  // the calling thread works too, and is the one that reports progress
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  if (options.on_orders)
    for (std::size_t m = 0; m < modes_count; ++m)
      if (first_worlds[m]) options.on_orders(sc.modes[m].name, *first_worlds[m]);
  if (options.on_trace)
    for (std::size_t m = 0; m < modes_count; ++m)
      if (first_worlds[m]) options.on_trace(sc.modes[m].name, *first_worlds[m], traces[m]);
  return results;
}

std::vector<metrics::Summary> combine_jobs(const scenario::Scenario& sc, const RunOptions& options,
                                           const std::vector<metrics::Summary>& per_job) {
  const model::WorldParams params = effective_params(sc, options);
  const std::size_t modes_count = sc.modes.size();
  if (per_job.size() != job_count(sc, options))
    throw std::invalid_argument("combine_jobs: expected one summary per job (replications x modes)");
  std::vector<std::vector<metrics::Summary>> by_mode(modes_count);
  for (std::size_t j = 0; j < per_job.size(); ++j) by_mode[j % modes_count].push_back(per_job[j]);  // replication order
  std::vector<metrics::Summary> out;
  for (std::size_t m = 0; m < modes_count; ++m) {
    metrics::Summary s = metrics::aggregate(by_mode[m]);
    if (m > 0) metrics::add_paired_differences(s, by_mode[m], by_mode[0]);
    s.seed = params.run.seed;
    s.provenance = {version(), commit(), reproduce_command(sc, options),
                    fmt::format("replication 1 uses seed {}, replication r > 1 splitmix64(seed + r - 1); every mode "
                                "runs on each replication's world (common random numbers)",
                                params.run.seed)};
    out.push_back(std::move(s));
  }
  return out;
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
  const model::WorldParams params = effective_params(sc, options);
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
