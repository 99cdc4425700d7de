// Property: every mode runs every small valid scenario to the end and loses no order.
// Scenarios are drawn at random (fixed seed) as TOML text and go through the loader, so only
// what `validate` accepts is run; the draws favour the edges: one building, one household,
// more couriers than buildings, no limited-mobility homes, a single category, every choice
// of every text and boolean knob. Issue 8 found a crash this way (per_building round_robin
// with more couriers than buildings).
#include <catch2/catch.hpp>

#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "last100/experiment/run.hpp"
#include "last100/modes/mode.hpp"
#include "last100/scenario/scenario.hpp"

namespace {

using namespace last100;

class Draw {
 public:
  explicit Draw(std::uint64_t seed) : rng_(seed) {}
  std::uint32_t between(std::uint32_t lo, std::uint32_t hi) { return std::uniform_int_distribution<std::uint32_t>(lo, hi)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[between(0, static_cast<std::uint32_t>(v.size() - 1))]; }

 private:
  std::mt19937_64 rng_;
};

const char* const categories[] = {"parcel", "fresh_food", "takeout", "staples", "medicine"};

/// A random small scenario for `mode`, with its text and boolean knobs drawn from their choices.
std::string random_scenario(Draw& d, const modes::ModeInfo& mode, int i) {
  std::ostringstream s;
  s << "name = \"random " << i << "\"\n[area]\n";
  const bool tiny = d.chance(0.25);  // one building of one household
  const std::uint32_t compounds = tiny ? 1 : d.between(1, 3);
  const std::uint32_t buildings = tiny ? 1 : d.between(compounds, compounds * 3);
  s << "compounds = " << compounds << "\nbuildings = " << buildings << "\nunits_per_building = " << (tiny ? 1 : d.between(1, 2))
    << "\nfloors = " << (tiny ? 1 : d.between(1, 7)) << "\nhouseholds_per_floor = " << (tiny ? 1 : d.between(1, 2))
    << "\nlift_share = " << d.pick(std::vector<double>{0.0, 0.5, 1.0}) << "\noutlets_inside = " << d.between(0, 1)
    << "\n[population]\nlimited_mobility_share = " << d.pick(std::vector<double>{0.0, 0.0, 0.1, 1.0}) << "\n";
  const bool one_category = d.chance(0.4);
  const std::uint32_t only = d.between(0, 4);
  for (std::uint32_t c = 0; c < 5; ++c) {
    const double rate = one_category ? (c == only ? 2.0 : 0.0) : d.pick(std::vector<double>{0.0, 0.3, 1.0});
    s << "[demand." << categories[c] << "]\norders_per_household_per_day = " << rate << "\n";
  }
  // Sometimes more couriers than buildings (the round_robin crash), sometimes one.
  const std::uint32_t couriers = d.chance(0.5) ? d.between(buildings + 1, buildings + 12) : d.between(1, 3);
  s << "[[couriers]]\ncount = " << couriers << "\nshift_start = \"0" << d.between(6, 9) << ":00\"\nshift_end = \"" << d.between(17, 22)
    << ":00\"\n";
  if (d.chance(0.3)) s << "[[events.quarantine]]\ncourier = 0\nat = \"" << d.between(8, 14) << "h\"\n";
  // Volunteers for lobby drops (a drop knob drawn below may ask for them), a sorting crew and
  // disinfection at every stage, so the gate stage's rules are exercised too.
  s << "[lobby_volunteers]\nper_building = " << d.between(1, 2) << "\ncapacity_items = " << d.between(1, 10) << "\n";
  s << "[sorting]\ncrew = " << d.between(0, 2) << "\nper_item = \"" << d.between(5, 60) << "s\"\n";
  s << "[zone.disinfection]\ngate_per_item = \"" << d.between(0, 3) << "s\"\ngate_dwell = \"" << d.between(0, 20)
    << "min\"\nshelf_dwell = \"" << d.between(0, 20) << "min\"\n";
  s << "[carts]\nper_compound = " << d.between(0, 2) << "\n";
  if (mode.name == "relay" || mode.name == "shelves")  // the modes that model entry bans
    s << "[zone.entry]\ncourier_entry = \"" << d.pick(std::vector<std::string>{"allowed", "call_down", "gate_shelf"})
      << "\"\nmax_at_gate = " << d.between(0, 2) << "\nanswer_share = 0.5\nretries = " << d.between(0, 2) << "\n";
  s << "[mode]\nname = \"" << mode.name << "\"\n[mode." << mode.name << "]\n";
  for (const auto& k : mode.knobs) {
    if (k.type == modes::KnobType::boolean) s << k.key << " = " << (d.chance(0.5) ? "true" : "false") << "\n";
    if (k.type == modes::KnobType::text && !k.choices.empty()) s << k.key << " = \"" << d.pick(k.choices) << "\"\n";
    if (k.type == modes::KnobType::text && k.key == "binding")
      s << k.key << " = \"" << d.pick(std::vector<std::string>{"balanced", "round_robin", "0"}) << "\"\n";
  }
  s << "[run]\nduration = \"" << d.pick(std::vector<std::string>{"12h", "1d", "2d"}) << "\"\nseed = " << d.between(1, 1000000)
    << "\n[output]\nsample_interval = \"1h\"\n";
  return s.str();
}

}  // namespace

TEST_CASE("every mode runs random small valid scenarios to the end and conserves orders", "[modes][property]") {
  Draw d(20260508);
  const auto options = experiment::load_options();
  int runs = 0;
  for (int i = 0; i < 60; ++i) {
    for (const auto& mode : modes::all_modes()) {
      const std::string text = random_scenario(d, mode, i);
      INFO("scenario:\n" << text);
      scenario::Scenario sc;
      try {
        sc = scenario::load_scenario_string(text, "random.toml", options);
      } catch (const scenario::ScenarioError& e) {
        FAIL("the generator wrote an invalid scenario: " << e.what());
      }
      experiment::RunOptions ro;
      ro.threads = 1;
      std::vector<metrics::Summary> out;
      REQUIRE_NOTHROW(out = experiment::run_scenario(sc, ro));  // run_once checks conservation
      REQUIRE(out.size() == 1);
      const auto& o = out.front().orders;
      CHECK(o.created == o.delivered + o.spoiled + o.cancelled + o.in_flight);
      ++runs;
    }
  }
  CHECK(runs >= 240);
}
