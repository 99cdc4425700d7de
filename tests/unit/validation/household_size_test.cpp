// Validation V2 (docs/validation.md): the household-size distribution the population model
// draws (1 + Poisson(mean - 1)) against Beijing's 2010 census table, at that census's mean.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>

#include "last100/model/world.hpp"

using namespace last100;

TEST_CASE("validation V2: household sizes match Beijing's 2010 census within a total variation of 0.10",
          "[validation]") {
  // Beijing 2010 census, table 1-10 (family households by size, whole city): shares of 1, 2, 3,
  // 4, 5 and 6+ persons, in percent; mean 2.45 (the 2020 census: 2.31, "0.14 fewer than 2010").
  constexpr std::array<double, 6> census{24.82, 30.24, 29.08, 9.33, 4.78, 1.75};
  model::WorldParams p;
  p.area.compounds = 40;
  p.area.buildings = 1000;  // 1,000 x 3 units x 6 floors x 2 = 36,000 households
  p.population.mean_household_size = 2.45;
  p.couriers.push_back({});
  p.couriers.back().count = 1;
  p.run.seed = 2010;
  const model::World w = model::build_world(p);
  const auto& sizes = w.households.size;
  REQUIRE(sizes.size() == 36'000);
  std::array<double, 6> share{};
  for (auto s : sizes) share[std::min<std::size_t>(s, 6) - 1] += 1.0;
  double tv = 0;
  for (std::size_t i = 0; i < 6; ++i) {
    share[i] /= static_cast<double>(sizes.size());
    tv += 0.5 * std::abs(share[i] - census[i] / 100.0);
  }
  INFO("model shares 1..6+: " << share[0] << ' ' << share[1] << ' ' << share[2] << ' ' << share[3] << ' '
                              << share[4] << ' ' << share[5] << "; total variation " << tv);
  // Expected from the distribution itself: 0.064 (sampling noise at 36,000 homes: about 0.005).
  // The tolerance 0.10 is stated in docs/validation.md; the shape is too narrow (too few
  // three-person homes, too many two- and four-person ones), not the mean.
  CHECK(tv < 0.10);
  // The mean is the census's.
  double persons = 0;
  for (auto s : sizes) persons += s;
  CHECK(persons / static_cast<double>(sizes.size()) == Approx(2.45).margin(0.02));
}
