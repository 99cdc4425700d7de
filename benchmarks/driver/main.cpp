// last100-bench: the engine's standard models, each printing one JSON object per run.

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <vector>

#include "hold.hpp"
#include "last100/modes/mode.hpp"
#include "mmc.hpp"
#include "modes.hpp"
#include "phold.hpp"
#include "scenario_run.hpp"

int main(int argc, char** argv) {
  using namespace last100::bench;
  CLI::App app{"last100-bench: engine throughput on the hold and PHOLD models, modes and scenario files.\n"
               "Exit codes: 0 success, 1 a run failed, 2 bad arguments."};
  app.require_subcommand(1);
  // Every option shows its default in --help (inherited by the subcommands made below).
  app.option_defaults()->always_capture_default();

  HoldOptions hold;
  bool with_baseline = false;
  auto* h = app.add_subcommand("hold", "N processes each holding an exponential time, M events in all");
  h->add_option("--pending,-n", hold.pending, "processes holding at once (N)")->check(CLI::Range(1ULL, 100'000'000ULL));
  h->add_option("--events,-m", hold.events, "events timed (M)")->check(CLI::Range(1ULL, 10'000'000'000ULL));
  h->add_option("--mean-ticks", hold.mean_ticks, "mean hold in ticks (ms)")->check(CLI::PositiveNumber);
  h->add_option("--seed", hold.seed, "random seed");
  h->add_option("--engine", hold.engine, "processes | callbacks | radix-raw | binary | quaternary")
      ->check(CLI::IsMember({"processes", "callbacks", "radix-raw", "binary", "quaternary"}));
  h->add_flag("--callbacks", [&](std::int64_t) { hold.engine = "callbacks"; }, "use raw callbacks (same as --engine callbacks)");
  h->add_flag("--with-baseline", with_baseline, "also run the bare std::priority_queue loop and report the speed-up");
  std::uint64_t slices = 1;
  h->add_option("--interleave", slices,
                "with --with-baseline: run the two in turn, M/K events at a time (K slices), so both see the same load")
      ->check(CLI::Range(1ULL, 1'000'000ULL));

  PholdOptions phold;
  auto* p = app.add_subcommand("phold", "PHOLD: logical processes exchanging a fixed population of events");
  p->add_option("--lps", phold.lps, "logical processes")->check(CLI::Range(1U, 100'000'000U));
  p->add_option("--population", phold.population, "initial events per process")->check(CLI::Range(1U, 1'000'000U));
  p->add_option("--events,-m", phold.events, "events timed")->check(CLI::Range(1ULL, 10'000'000'000ULL));
  p->add_option("--remote", phold.remote, "share of events sent to another process")->check(CLI::Range(0.0, 1.0));
  p->add_option("--mean-ticks", phold.mean_ticks, "mean exponential increment in ticks")->check(CLI::PositiveNumber);
  p->add_option("--lookahead", phold.lookahead, "minimum increment in ticks");
  p->add_option("--seed", phold.seed, "random seed");

  ModesOptions modes;
  auto* m = app.add_subcommand("modes", "the four operating modes on one generated area of a given size");
  m->add_option("--households", modes.households, "households (about)")->check(CLI::Range(270ULL, 100'000'000ULL));
  m->add_option("--days", modes.days, "simulated days")->check(CLI::Range(0.01, 60.0));
  m->add_option("--seed", modes.seed, "random seed");
  m->add_option("--mode", modes.only, "run only this mode")->check([](const std::string& v) -> std::string {
    return last100::modes::find_mode(v) != nullptr ? "" : "no mode named '" + v + "' (see last100 modes)";
  });

  ScenarioOptions scen;
  auto* f = app.add_subcommand("scenario", "a scenario file's modes, each run once on its world (run time, events per order)");
  f->add_option("file", scen.file, "scenario file (TOML)")->required()->check(CLI::ExistingFile);
  f->add_option("--mode", scen.only, "run only this mode of the file");

  MmcOptions mmc;
  auto* q = app.add_subcommand("mmc", "M/M/c on a Resource, with or without its monitor (what monitoring costs)");
  q->add_option("--servers,-c", mmc.servers, "units of the resource")->check(CLI::Range(1U, 1'000'000U));
  q->add_option("--load", mmc.load, "lambda / (c mu)")->check(CLI::Range(0.01, 0.99));
  q->add_option("--customers,-m", mmc.customers, "customers")->check(CLI::Range(1ULL, 10'000'000'000ULL));
  q->add_option("--seed", mmc.seed, "random seed");
  q->add_flag("--monitor", mmc.monitor, "record queue length, use, waits and percentiles");
  q->add_flag("--patience", mmc.patience, "timed requests: customers renege after an exponential patience");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version exit 0; anything else is a bad argument: 2, as for `last100`.
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    if (*h) {
      const JsonLine result = with_baseline ? run_hold_with_baseline(hold, slices) : run_hold(hold);
      std::puts(result.str().c_str());
    } else if (*p) {
      std::puts(run_phold(phold).str().c_str());
    } else if (*q) {
      std::puts(run_mmc(mmc).str().c_str());
    } else if (*m) {
      return run_modes(modes);
    } else if (*f) {
      return run_scenario_file(scen);
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "last100-bench: {}\n", e.what());
    return 1;
  }
  return 0;
}
