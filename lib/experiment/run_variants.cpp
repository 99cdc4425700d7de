// The runner: replications x columns as jobs on a oneTBB arena, one world per variant and
// replication shared by that variant's modes (common random numbers), freed after its last run.

#include <fmt/format.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/task_arena.h>
#include <oneapi/tbb/task_group.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "last100/experiment/experiment.hpp"
#include "last100/modes/mode.hpp"
#include "last100/modes/run_mode.hpp"
#include "last100/sim/random.hpp"

namespace last100::experiment {

std::uint64_t replication_seed(std::uint64_t seed, std::uint32_t r) {
  if (r == 0) return seed;
  std::uint64_t s = seed + r;
  return sim::splitmix64(s);
}

std::vector<Column> columns_of(const std::vector<Variant>& variants) {
  std::vector<Column> out;
  for (std::size_t v = 0; v < variants.size(); ++v)
    for (std::size_t m = 0; m < variants[v].scenario.modes.size(); ++m) {
      const std::string& mode = variants[v].scenario.modes[m].name;
      out.push_back({v, m, variants.size() > 1 ? variants[v].name + "/" + mode : mode});
    }
  return out;
}

std::size_t variant_job_count(const std::vector<Variant>& variants, std::uint32_t count) {
  return static_cast<std::size_t>(count) * columns_of(variants).size();
}

std::vector<metrics::Summary> run_variants(const std::vector<Variant>& variants, std::uint32_t first, std::uint32_t count,
                                           const ExperimentOptions& options, const std::function<bool(std::size_t job)>& mine) {
  for (const auto& v : variants)
    for (const auto& m : v.scenario.modes)
      if (!modes::find_mode(m.name)) throw std::invalid_argument("unknown mode '" + m.name + "'");
  const std::vector<Column> cols = columns_of(variants);
  const std::size_t ncols = cols.size(), nvars = variants.size();

  // Job j is replication first + j / ncols of column j % ncols; world w = (j / ncols) * nvars
  // + variant, built once and shared by that variant's modes.
  std::vector<std::size_t> todo;
  for (std::size_t j = 0; j < count * ncols; ++j)
    if (!mine || mine(j)) todo.push_back(j);
  const std::size_t nworlds = static_cast<std::size_t>(count) * nvars;
  std::vector<std::unique_ptr<model::World>> worlds(nworlds);
  std::vector<std::once_flag> built(nworlds);
  // A world is freed once its last job is summarised: memory grows with the runs in
  // progress, not with the replications (issue 8).
  const auto left = std::make_unique<std::atomic<std::size_t>[]>(nworlds);
  for (std::size_t j : todo) ++left[(j / ncols) * nvars + cols[j % ncols].variant];
  std::vector<metrics::Summary> results(count * ncols);
  const bool keep_first = first == 0 && (options.on_orders || options.on_trace);
  std::vector<std::unique_ptr<model::World>> first_worlds(keep_first ? ncols : 0);
  std::vector<modes::Trace> traces(first == 0 && options.on_trace ? ncols : 0);

  unsigned jobs = options.jobs ? options.jobs : std::max(1, oneapi::tbb::info::default_concurrency());
  jobs = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(std::max<std::size_t>(1, todo.size()))));
  std::atomic<std::size_t> next{0}, done{0};
  // Per job in todo: the share of its simulated time done, in thousandths.
  const auto partial = std::make_unique<std::atomic<std::uint32_t>[]>(std::max<std::size_t>(1, todo.size()));
  const auto report = [&](std::size_t column) {
    double sum = 0;
    for (std::size_t k = 0; k < todo.size(); ++k) sum += partial[k] / 1000.0;
    options.progress(sum / static_cast<double>(todo.size()),
                     fmt::format("{}/{} runs done; {}", done.load(), todo.size(), cols[column].label));
  };
  std::exception_ptr failure;
  std::mutex failure_mutex;
  // Jobs are taken in order from one counter rather than split by a parallel_for: at most
  // about `jobs` replications' worlds are then alive at once, as the memory estimate counts.
  auto worker = [&](bool reports) {
    for (;;) {
      const std::size_t k = next++;
      if (k >= todo.size()) return;
      const std::size_t j = todo[k];
      const auto rep = static_cast<std::uint32_t>(j / ncols);
      const std::size_t column = j % ncols;
      const Column& col = cols[column];
      const Variant& var = variants[col.variant];
      const std::size_t w = rep * nvars + col.variant;
      try {
        std::call_once(built[w], [&] {
          model::WorldParams p = var.scenario.world;
          p.run.seed = replication_seed(var.scenario.world.run.seed, first + rep);
          std::function<void(double)> on_build;
          if (reports && options.on_world_build)
            on_build = [&](double share) { options.on_world_build(col.variant, first + rep, share); };
          worlds[w] = std::make_unique<model::World>(model::build_world(p, on_build));
        });
        const auto& sc = var.scenario;
        const sim::Duration step = sc.output.sample_interval.count() > 0 ? sc.output.sample_interval : std::chrono::hours{1};
        modes::RunModeOptions run_options{sc.name, step, {}, nullptr};
        if (options.progress)
          run_options.on_progress = [&, k, reports, column](double share) {
            partial[k] = static_cast<std::uint32_t>(share * 1000);
            if (reports) report(column);
          };
        if (rep == 0 && !traces.empty()) run_options.trace = &traces[column];
        const auto& mode = sc.modes[col.mode];
        modes::RunResult run = modes::run_mode(*worlds[w], mode.name, mode.knobs, run_options);
        run.summary.mode = mode.name;
        results[j] = std::move(run.summary);
        if (rep == 0 && keep_first) first_worlds[column] = std::make_unique<model::World>(std::move(run.world));
        if (--left[w] == 0) worlds[w].reset();
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = todo.size();
        return;
      }
      partial[k] = 1000;
      ++done;
      if (reports && options.progress) report(column);
    }
  };
  // The calling thread joins the arena and works too, and is the one that reports progress;
  // the other jobs - 1 loops are oneTBB tasks. More jobs than cores need a higher global cap.
  std::optional<oneapi::tbb::global_control> cap;
  if (static_cast<int>(jobs) > oneapi::tbb::info::default_concurrency())
    cap.emplace(oneapi::tbb::global_control::max_allowed_parallelism, jobs);
  oneapi::tbb::task_arena arena(static_cast<int>(jobs));
  arena.execute([&] {
    oneapi::tbb::task_group group;
    for (unsigned t = 1; t < jobs; ++t) group.run([&] { worker(false); });
    worker(true);
    group.wait();
  });
  if (failure) std::rethrow_exception(failure);
  // The calling thread may have found every job taken by the others (a loaded machine): it
  // says at least once, at the end, that the runs are done.
  if (options.progress && !todo.empty())
    options.progress(1.0, fmt::format("{}/{} runs done; {}", done.load(), todo.size(), cols[todo.back() % ncols].label));
  if (options.on_orders)
    for (std::size_t c = 0; c < first_worlds.size(); ++c)
      if (first_worlds[c]) options.on_orders(c, *first_worlds[c]);
  if (options.on_trace)
    for (std::size_t c = 0; c < first_worlds.size(); ++c)
      if (first_worlds[c]) options.on_trace(c, *first_worlds[c], traces[c]);
  return results;
}

}  // namespace last100::experiment
