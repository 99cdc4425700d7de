// Teams that help (issue 11, item 2): with category teams, a courier whose own team's work is
// done takes the other team's orders (own buildings first), unless cross_team_help forbids it.
// Guanghuili's fresh-food team has 30% of the couriers for about half of the orders.
#include <catch2/catch.hpp>

#include <cmath>

#include "last100/scenario/scenario.hpp"
#include "modes_support.hpp"

using namespace last100;
using namespace last100::modes_test;

namespace {

const auto fresh = static_cast<std::size_t>(model::Category::fresh_food);
const auto takeout = static_cast<std::size_t>(model::Category::takeout);

double mean_backlog(const metrics::Summary& s) {
  double sum = 0;
  for (double b : s.series.backlog) sum += b;
  return s.series.backlog.empty() ? 0.0 : sum / static_cast<double>(s.series.backlog.size());
}

}  // namespace

TEST_CASE("category teams help each other on uneven loads", "[modes][teams]") {
  // 4 couriers, a fresh team of 1 for fresh food and takeout (about half the orders).
  model::WorldParams p = small_world(41);
  p.demand = daytime_demand();
  p.demand.categories[fresh].orders_per_household_per_day = 3.0;
  p.demand.categories[takeout].orders_per_household_per_day = 1.0;
  p.demand.categories[static_cast<std::size_t>(model::Category::parcel)].orders_per_household_per_day = 1.0;
  p.couriers.front().count = 4;
  p.vehicles.interval = 20min;
  p.run.duration = 48h;
  const model::World world = model::build_world(p);
  const auto crossing = run(world, mode_run("per_building", {{"category_teams", true}, {"fresh_team_share", 0.25}}));
  const auto apart = run(world, mode_run("per_building", {{"category_teams", true}, {"fresh_team_share", 0.25},
                                                           {"cross_team_help", false}}));
  const auto& fc = crossing.summary.by_category[fresh];
  const auto& fa = apart.summary.by_category[fresh];
  INFO("fresh spoiled: crossing " << fc.orders.spoiled << ", apart " << fa.orders.spoiled << "; fresh p90 "
                                  << fc.lead_time_minutes.p90 << " vs " << fa.lead_time_minutes.p90 << "; mean backlog "
                                  << mean_backlog(crossing.summary) << " vs " << mean_backlog(apart.summary));
  // Spoilage counts are Poisson-like: the fall must exceed 3 standard errors of the difference.
  const double sc = static_cast<double>(fc.orders.spoiled), sa = static_cast<double>(fa.orders.spoiled);
  CHECK(sa - sc > 3 * std::sqrt(sa + sc));
  CHECK(fc.lead_time_minutes.p90 < fa.lead_time_minutes.p90);
  CHECK(mean_backlog(crossing.summary) < mean_backlog(apart.summary));
  // The parcel team pays a little for it, not more than the fresh team gains.
  const auto parcel = static_cast<std::size_t>(model::Category::parcel);
  const double parcel_cost = crossing.summary.by_category[parcel].lead_time_minutes.p50 -
                             apart.summary.by_category[parcel].lead_time_minutes.p50;
  CHECK(parcel_cost < fa.lead_time_minutes.p50 - fc.lead_time_minutes.p50);
}

TEST_CASE("Guanghuili: the fresh and parcel teams help each other", "[modes][teams][scenario]") {
  scenario::Scenario s = scenario::load_scenario(std::string(LAST100_TEST_SOURCE_DIR) + "/../scenarios/guanghuili.toml",
                                                       experiment::load_options());
  s.world.run.duration = 48h;  // two days keep the test quick; the backlog builds from day 1
  const model::World world = model::build_world(s.world);
  REQUIRE(s.modes.size() == 1);
  scenario::ModeRun helping = s.modes.front();
  REQUIRE(helping.knobs.boolean("category_teams"));
  REQUIRE(helping.knobs.boolean("cross_team_help"));
  scenario::ModeRun apart = helping;
  apart.knobs.set("cross_team_help", false);
  const auto h = run(world, helping);
  const auto a = run(world, apart);
  const double sh = static_cast<double>(h.summary.spoiled_fresh), sa = static_cast<double>(a.summary.spoiled_fresh);
  const double ih = backlog_at_horizon(h.summary), ia = backlog_at_horizon(a.summary);
  INFO("spoiled fresh: helping " << sh << ", apart " << sa << "; backlog at the horizon " << ih << " vs " << ia);
  CHECK(sa - sh > 3 * std::sqrt(sa + sh));
  CHECK(ia - ih > 3 * std::sqrt(ia + ih));
}
