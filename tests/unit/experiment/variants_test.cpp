// Variants: the spec syntax, unique names, the world fingerprint that decides pairing, and
// the Experiment's promises (incremental, independent of jobs, paired only on equal worlds).
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "last100/experiment/experiment.hpp"
#include "last100/experiment/variants.hpp"
#include "last100/metrics/kpi_table.hpp"
#include "last100/model/demand.hpp"
#include "last100/modes/mode.hpp"
#include "last100/report/json.hpp"

using namespace last100;
namespace fs = std::filesystem;

namespace {

const std::string good = std::string(LAST100_TEST_SOURCE_DIR) + "/scenarios-good/";

experiment::Variant small(std::string name, std::uint32_t couriers = 3) {
  experiment::Variant v;
  v.name = std::move(name);
  auto& s = v.scenario;
  s.name = "small";
  s.world.area.compounds = 2;
  s.world.area.buildings = 6;
  s.world.demand = model::typical_demand();
  s.world.couriers.push_back({});
  s.world.couriers.back().count = couriers;
  s.world.run.duration = std::chrono::hours{24};
  s.world.run.seed = 5;
  for (const char* m : {"relay", "per_building"}) s.modes.push_back({m, modes::Knobs::defaults(modes::find_mode(m)->knobs)});
  return v;
}

std::string as_json(const experiment::Experiment& e) { return report::to_json(e.summaries()); }

}  // namespace

TEST_CASE("a variant spec is a name, a colon and overrides separated by semicolons", "[experiment][variants]") {
  const auto v = experiment::parse_variant_spec(" 4 vans and carts : vehicles.count=4; carts.per_compound=2 ;");
  CHECK(v.name == "4 vans and carts");
  CHECK(v.overrides == std::vector<std::string>{"vehicles.count=4", "carts.per_compound=2"});
}

TEST_CASE("a variant spec without a name, colon or KEY=VALUE is refused naming the spec", "[experiment][variants]") {
  using Catch::Matchers::Contains;
  CHECK_THROWS_WITH(experiment::parse_variant_spec("4 vans vehicles.count=4"), Contains("--variant \"4 vans vehicles.count=4\": no ':'"));
  CHECK_THROWS_WITH(experiment::parse_variant_spec(": vehicles.count=4"), Contains("no name"));
  CHECK_THROWS_WITH(experiment::parse_variant_spec("vans: vehicles.count"), Contains("override #1 'vehicles.count' is not KEY=VALUE"));
  CHECK_THROWS_WITH(experiment::parse_variant_spec("vans:  ; "), Contains("changes nothing"));
  CHECK_THROWS_AS(experiment::parse_variant_spec("vans"), experiment::VariantError);
}

TEST_CASE("variants sharing a name are told apart by file stem, else by number", "[experiment][variants]") {
  std::vector<experiment::Variant> vs(4);
  vs[0].name = vs[1].name = "shuangjing";
  vs[0].scenario.source = "scenarios/shuangjing.toml";
  vs[1].scenario.source = "my/more-couriers.toml";
  vs[2].name = vs[3].name = "vans";
  experiment::name_variants(vs);
  CHECK(vs[0].name == "shuangjing");
  CHECK(vs[1].name == "more-couriers");
  CHECK(vs[2].name == "vans");
  CHECK(vs[3].name == "vans #2");
}

TEST_CASE("the fingerprint follows area, demand and seed, not couriers or modes", "[experiment][variants]") {
  const auto base = small("base").scenario;
  auto couriers = base;
  couriers.world.couriers.back().count = 9;
  couriers.modes.pop_back();
  CHECK(experiment::world_fingerprint(couriers) == experiment::world_fingerprint(base));
  auto demand = base;
  demand.world.demand.categories[0].orders_per_household_per_day += 0.01;
  CHECK(experiment::world_fingerprint(demand) != experiment::world_fingerprint(base));
  auto area = base;
  area.world.area.floors += 1;
  CHECK(experiment::world_fingerprint(area) != experiment::world_fingerprint(base));
  auto seed = base;
  seed.world.run.seed += 1;
  CHECK(experiment::world_fingerprint(seed) != experiment::world_fingerprint(base));
  auto population = base;
  population.world.population.mean_household_size += 0.1;
  CHECK(experiment::world_fingerprint(population) != experiment::world_fingerprint(base));
}

TEST_CASE("a CSV layout enters the fingerprint by its contents, not its path", "[experiment][variants]") {
  const auto loaded = experiment::load_variant(good + "csv/csv-area.toml", {});
  const fs::path dir = fs::temp_directory_path() / "last100-fingerprint-test";
  fs::create_directories(dir);
  fs::copy_file(loaded.scenario.world.area.nodes_csv, dir / "copy.csv", fs::copy_options::overwrite_existing);
  auto moved = loaded.scenario;
  moved.world.area.nodes_csv = (dir / "copy.csv").string();
  CHECK(experiment::world_fingerprint(moved) == experiment::world_fingerprint(loaded.scenario));
  std::ofstream(dir / "copy.csv", std::ios::app) << "\n";
  CHECK(experiment::world_fingerprint(moved) != experiment::world_fingerprint(loaded.scenario));
  fs::remove_all(dir);
}

TEST_CASE("same area and demand give paired differences, and one demand key changed gives unpaired ones", "[experiment][variants]") {
  auto more = small("more couriers", 6);
  auto busier = small("busier");
  busier.scenario.world.demand.categories[0].orders_per_household_per_day += 0.05;
  experiment::Experiment e({small("base"), more, busier});
  e.run(3);
  CHECK(e.paired(2));   // base/per_building: same variant
  CHECK(e.paired(3));   // more couriers/relay
  CHECK_FALSE(e.paired(5));  // busier/relay
  const auto s = e.summaries();
  REQUIRE(s.size() == 6);
  CHECK(metrics::column_label(s[2]) == "more couriers/relay");
  const std::size_t created = metrics::kpi_index("orders.created");
  // Same orders in every replication: the paired difference of the count is exactly 0.
  CHECK(s[2].differences_paired);
  CHECK(s[2].differences[created].mean == 0.0);
  CHECK(s[2].differences[created].half_width == 0.0);
  CHECK_FALSE(s[4].differences_paired);
  CHECK(s[4].differences[created].half_width > 0.0);
}

TEST_CASE("replications added later equal those of one call, whatever the jobs", "[experiment][variants]") {
  const std::vector<experiment::Variant> vs{small("base"), small("more", 5)};
  experiment::Experiment once(vs), twice(vs), two_jobs(vs);
  experiment::ExperimentOptions one;
  one.jobs = 1;
  experiment::ExperimentOptions two;
  two.jobs = 2;
  once.run(3, one);
  twice.run(2, two);
  twice.run(1, two);
  two_jobs.run(3, two);
  CHECK(twice.replications() == 3);
  const std::string a = as_json(once);
  CHECK(as_json(twice) == a);
  CHECK(as_json(two_jobs) == a);
  // The per-replication values are the runs' own: replication 2 of the third column.
  const auto v = twice.values(2);
  REQUIRE(v.size() == 3);
  const std::size_t k = metrics::kpi_index("orders.delivered");
  CHECK(v[2][k].value == metrics::kpi_estimate(twice.runs(2)[2], k).mean);
}

TEST_CASE("the progress callback runs on the calling thread only", "[experiment][variants]") {
  experiment::Experiment e({small("base")});
  experiment::ExperimentOptions o;
  o.jobs = 2;
  const auto caller = std::this_thread::get_id();
  bool elsewhere = false;
  int calls = 0;
  o.progress = [&](double, std::string_view) { ++calls, elsewhere = elsewhere || std::this_thread::get_id() != caller; };
  e.run(2, o);
  CHECK(calls > 0);  // at least the last, even when the other job slot took every run
  CHECK_FALSE(elsewhere);
}
