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

// Student t 97.5% quantiles for 1..30 degrees of freedom, then the normal's.
double t975(std::size_t df) {
  static const double q[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                             2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                             2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
  return df == 0 ? 0.0 : df <= 30 ? q[df - 1] : 1.96;
}

// The KPIs summarised across replications: mean, 95% half-width, and paired differences.
struct Kpi {
  const char* name;
  std::function<double(const metrics::Summary&)> get;
  std::function<void(metrics::Summary&, double)> set;  // empty: the count of replication 0 stays
};
const std::vector<Kpi>& kpis() {
  using S = metrics::Summary;
#define LAST100_REAL(key, field) {key, [](const S& s) { return s.field; }, [](S& s, double v) { s.field = v; }}
#define LAST100_COUNT(key, field) {key, [](const S& s) { return static_cast<double>(s.field); }, nullptr}
  static const std::vector<Kpi> list = {
      LAST100_REAL("throughput_per_hour", throughput_per_hour),
      LAST100_REAL("orders_per_courier_hour", orders_per_courier_hour),
      LAST100_REAL("lead_time_minutes.p50", lead_time_minutes.p50),
      LAST100_REAL("lead_time_minutes.p90", lead_time_minutes.p90),
      LAST100_REAL("lead_time_minutes.p99", lead_time_minutes.p99),
      LAST100_REAL("worst_building_p90_minutes", worst_building_p90_minutes),
      LAST100_REAL("courier_utilisation.delivery", courier_utilisation.delivery),
      LAST100_REAL("courier_utilisation.walking", courier_utilisation.walking),
      LAST100_REAL("courier_utilisation.stairs", courier_utilisation.stairs),
      LAST100_REAL("courier_utilisation.duty", courier_utilisation.duty),
      LAST100_REAL("courier_utilisation.idle", courier_utilisation.idle),
      LAST100_REAL("limited_mobility_p90_minutes", limited_mobility_p90_minutes),
      LAST100_COUNT("orders.created", orders.created),
      LAST100_COUNT("orders.delivered", orders.delivered),
      LAST100_COUNT("orders.spoiled", orders.spoiled),
      LAST100_COUNT("orders.cancelled", orders.cancelled),
      LAST100_COUNT("orders.in_flight", orders.in_flight),
      LAST100_COUNT("contacts.courier_resident", contacts.courier_resident),
      LAST100_COUNT("contacts.resident_resident", contacts.resident_resident),
      LAST100_COUNT("peak_shelf_crowding", peak_shelf_crowding),
      LAST100_COUNT("spoiled_fresh", spoiled_fresh),
      LAST100_COUNT("late_takeout", late_takeout),
  };
#undef LAST100_REAL
#undef LAST100_COUNT
  return list;
}

// Returns the mean and the 95% half-width (Student t) of a sample.
metrics::Interval interval(std::string name, const std::vector<double>& xs) {
  const auto n = static_cast<double>(xs.size());
  double mean = 0;
  for (double x : xs) mean += x;
  mean /= n;
  double var = 0;
  for (double x : xs) var += (x - mean) * (x - mean);
  var /= std::max(1.0, n - 1);
  return {std::move(name), mean, t975(xs.size() - 1) * std::sqrt(var / n)};
}

// Means over replications (the series, CDF and counts are those of the first replication).
metrics::Summary aggregate(const std::vector<metrics::Summary>& reps) {
  metrics::Summary out = reps.front();
  out.replications = static_cast<std::uint32_t>(reps.size());
  out.intervals.clear();
  if (reps.size() < 2) return out;
  for (const auto& k : kpis()) {
    std::vector<double> xs;
    for (const auto& r : reps) xs.push_back(k.get(r));
    out.intervals.push_back(interval(k.name, xs));
    if (k.set) k.set(out, out.intervals.back().mean);
  }
  return out;
}

// Paired differences against the first mode, replication by replication: under common random
// numbers the modes share each replication's world, so pairing removes the shared noise and
// gives a narrower, correct interval ("diff:" + KPI name, on the other mode's summary).
void add_paired_differences(metrics::Summary& out, const std::vector<metrics::Summary>& reps,
                            const std::vector<metrics::Summary>& baseline) {
  if (reps.size() < 2) return;
  for (const auto& k : kpis()) {
    std::vector<double> d;
    for (std::size_t r = 0; r < reps.size(); ++r) d.push_back(k.get(reps[r]) - k.get(baseline[r]));
    out.intervals.push_back(interval(std::string("diff:") + k.name, d));
  }
}

}  // namespace

SingleRun run_once(const model::World& base, const scenario::ModeRun& mode, const std::string& scenario_name,
                   sim::Duration sample_step, modes::Trace* trace) {
  const auto& info = mode_or_throw(mode.name);
  SingleRun result{{}, base, 0, {}};
  model::World& world = result.world;
  world.orders.clear_progress();
  world.couriers.reset();
  const sim::TimePoint end = sim::TimePoint{world.params.run.duration};

  auto sim = std::make_unique<sim::Simulation>();
  // The mode's own draws (pickups, ...) come from streams of the run seed, named per purpose,
  // so modes compared on one world see the same demand and their own independent noise.
  modes::RunContext ctx(*sim, world, mode.knobs, world.params.run.seed);
  ctx.trace = trace;
  std::unique_ptr<modes::Mode> policy = info.make(mode.knobs);
  policy->start(ctx);

  // The demand feed: each order is released at its placement time, in id order.
  struct Feed {
    modes::RunContext& ctx;
    modes::Mode& mode;
    std::size_t next = 0;
    sim::HandlerId handler;
    void release(sim::Simulation& s) {
      const auto& orders = ctx.world.orders;
      const auto& placed = orders.times(model::Stage::placed);
      // Every order placed at this very tick, then the next one's tick.
      while (next < orders.count() && placed[next] <= s.now()) {
        const auto id = make_id<model::OrderTag>(next++);
        ctx.created(id);
        mode.on_order(ctx, id);
      }
      if (next < orders.count()) s.schedule(placed[next], handler);
    }
  } feed{ctx, *policy, 0, {}};
  feed.handler = sim->add_handler([](void* f, sim::Simulation& s, std::uint32_t) { static_cast<Feed*>(f)->release(s); }, &feed);
  if (world.orders.count() > 0) sim->schedule(world.orders.times(model::Stage::placed)[0], feed.handler);

  // Quarantines interrupt the courier's process; the mode returns its load to the pool.
  const auto& quarantines = world.params.quarantines;
  auto quarantine = [&](sim::Simulation& s, std::uint32_t i) {
    const auto c = make_id<model::CourierTag>(quarantines[i].courier);
    if (c.index() >= world.couriers.count()) return;
    ctx.mark_quarantined(c);
    s.interrupt(ctx.courier_process(c), 1, "quarantined");
  };
  const sim::HandlerId q = sim->add_handler(quarantine);
  for (std::uint32_t i = 0; i < quarantines.size(); ++i) sim->schedule(sim::TimePoint{quarantines[i].at}, q, i);

  // Samples of backlogs and courier states on a fixed step.
  metrics::TimeSeriesRecorder recorder(sample_step);
  auto sample = [&](sim::Simulation& s, std::uint32_t) {
    metrics::Sample smp = metrics::TimeSeriesRecorder::couriers_at(world.couriers, s.now());
    const modes::Backlog b = policy->holdings(ctx).backlog;
    smp.backlog_station = b.station;
    smp.backlog_gate = b.gate;
    smp.backlog_shelf = b.shelf;
    recorder.record(smp);
  };
  const sim::HandlerId sampler = sim->add_handler(sample);
  for (sim::TimePoint t = recorder.next_due(); t <= end; t += sample_step) sim->schedule(t, sampler);

  sim->run_until(end);
  result.events = sim->events_processed();

  metrics::check_conservation(world.orders, ctx.ledger, policy->holdings(ctx).held, end);

  metrics::RunRecord record;
  record.scenario = scenario_name;
  record.mode = mode.name;
  record.seed = world.params.run.seed;
  record.end = end;
  record.warmup = world.params.run.warmup;
  record.contacts = ctx.contacts;
  record.peak_shelf_crowding = ctx.peak_shelf_crowding;
  for (std::size_t i = 0; i < world.orders.count(); ++i) {
    const auto id = make_id<model::OrderTag>(i);
    if (world.orders.category(id) == model::Category::fresh_food && world.orders.time(id, model::Stage::placed) < end &&
        world.orders.status(id) < model::OrderStatus::delivered && ctx.spoil_deadline(id) < end)
      ++record.stale_fresh_in_flight;
  }
  result.vans = {ctx.vans.trips, ctx.vans.stops, ctx.vans.items, ctx.vans.kg};
  record.samples = recorder.samples();
  record.sample_step = sample_step;
  result.summary = metrics::summarise(world, record);
  // The engine goes first: suspended processes still refer to the mode's containers.
  sim.reset();
  return result;
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
  std::vector<metrics::Summary> results(reps * modes_count);
  std::vector<std::unique_ptr<model::World>> first_worlds(modes_count);
  std::vector<modes::Trace> traces(options.on_trace ? modes_count : 0);

  unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(todo.size())));
  std::atomic<std::size_t> next{0}, done{0};
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
          worlds[rep] = std::make_unique<model::World>(model::build_world(p));
        });
        const bool tracing = rep == 0 && options.on_trace;
        SingleRun run = run_once(*worlds[rep], sc.modes[mode], sc.name, step, tracing ? &traces[mode] : nullptr);
        run.summary.mode = sc.modes[mode].name;
        results[j] = std::move(run.summary);
        if (rep == 0 && (options.on_orders || options.on_trace)) first_worlds[mode] = std::make_unique<model::World>(std::move(run.world));
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = todo.size();
        return;
      }
      ++done;
      if (reports && options.progress)
        options.progress(static_cast<double>(done) / static_cast<double>(todo.size()), sc.modes[mode].name);
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
    metrics::Summary s = aggregate(by_mode[m]);
    if (m > 0) add_paired_differences(s, by_mode[m], by_mode[0]);
    s.seed = params.run.seed;
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<metrics::Summary> run_scenario(const scenario::Scenario& sc, const RunOptions& options) {
  return combine_jobs(sc, options, run_jobs(sc, options, nullptr));
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
