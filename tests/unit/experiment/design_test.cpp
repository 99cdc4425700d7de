// Designs: --vary specs parsed into levels, the full grid's size and order, the Latin
// hypercube's one point per stratum per dimension, and specs refused with a hint.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include "last100/experiment/design.hpp"

using namespace last100;
using experiment::ParameterKind;

TEST_CASE("a range with a step, an interval and a list are parsed into their levels", "[experiment][design]") {
  const auto r = experiment::parse_vary("couriers[0].count=10..80:10");
  CHECK(r.key == "couriers[0].count");
  CHECK(r.kind == ParameterKind::range);
  CHECK(r.integer);
  REQUIRE(r.level_count() == 8);
  CHECK(r.level_text(0) == "10");
  CHECK(r.level_text(7) == "80");
  CHECK(r.level_value(3) == 40.0);

  // Real steps count in units of the last decimal: no 0.30000000000000004, no missed 0.3.
  const auto real = experiment::parse_vary("walk.speed = 0.1..0.3:0.1");
  REQUIRE(real.level_count() == 3);
  CHECK(real.level_text(2) == "0.3");
  CHECK(real.level_value(2) == 0.3);
  CHECK_FALSE(real.integer);

  const auto interval = experiment::parse_vary("vehicles.count=1..200");
  CHECK(interval.kind == ParameterKind::interval);
  CHECK(interval.level_count() == 200);
  CHECK(interval.level_text(199) == "200");

  const auto words = experiment::parse_vary("mode=relay, shelves,group_buy");
  CHECK(words.kind == ParameterKind::list);
  CHECK_FALSE(words.numeric);
  CHECK(words.level_text(1) == "shelves");
  CHECK(std::isnan(words.level_value(1)));

  const auto numbers = experiment::parse_vary("vehicles.count=1,2,4");
  CHECK(numbers.numeric);
  CHECK(numbers.integer);
  CHECK(numbers.level_value(2) == 4.0);
}

TEST_CASE("the full grid holds every combination, the first parameter varying slowest", "[experiment][design]") {
  const std::vector<experiment::Parameter> p{experiment::parse_vary("a=1,2"), experiment::parse_vary("b=10..30:10"),
                                             experiment::parse_vary("c=x,y")};
  const auto g = experiment::full_grid(p);
  REQUIRE(g.size() == 2 * 3 * 2);
  CHECK(g[0].text == std::vector<std::string>{"1", "10", "x"});
  CHECK(g[1].text == std::vector<std::string>{"1", "10", "y"});
  CHECK(g[2].text == std::vector<std::string>{"1", "20", "x"});
  CHECK(g[6].text == std::vector<std::string>{"2", "10", "x"});
  CHECK(g[11].text == std::vector<std::string>{"2", "30", "y"});
  std::set<std::vector<std::string>> distinct;
  for (const auto& pt : g) distinct.insert(pt.text);
  CHECK(distinct.size() == g.size());
  CHECK(experiment::as_overrides(p, g[5]) == std::vector<std::string>{"a=1", "b=30", "c=y"});
  CHECK(g[5].value[1] == 30.0);
}

TEST_CASE("a Latin hypercube has exactly one point per stratum in every dimension", "[experiment][design]") {
  constexpr std::size_t n = 10;
  const std::vector<experiment::Parameter> p{experiment::parse_vary("k=1..40"),          // 40 levels, 4 per stratum
                                             experiment::parse_vary("s=0.5..2.5:0.5"),  // real: continuous
                                             experiment::parse_vary("w=a,b,c,d,e")};    // 5 levels, 2 points each
  const auto h = experiment::latin_hypercube(p, n, 42);
  REQUIRE(h.size() == n);
  std::vector<int> k_strata(n, 0), s_strata(n, 0);
  std::vector<int> w_count(5, 0);
  for (const auto& pt : h) {
    const auto level = static_cast<std::size_t>(pt.value[0]) - 1;
    ++k_strata.at(level * n / 40);
    const double u = (pt.value[1] - 0.5) / 2.0;
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    ++s_strata.at(static_cast<std::size_t>(u * n));
    CHECK(std::stod(pt.text[1]) == pt.value[1]);  // the override reads back as the value
    ++w_count.at(static_cast<std::size_t>(pt.text[2][0] - 'a'));
  }
  CHECK(std::all_of(k_strata.begin(), k_strata.end(), [](int c) { return c == 1; }));
  CHECK(std::all_of(s_strata.begin(), s_strata.end(), [](int c) { return c == 1; }));
  CHECK(std::all_of(w_count.begin(), w_count.end(), [](int c) { return c == 2; }));

  // A function of the seed: the same seed gives the same points, another seed others.
  const auto again = experiment::latin_hypercube(p, n, 42);
  const auto other = experiment::latin_hypercube(p, n, 43);
  bool same = true, differs = false;
  for (std::size_t i = 0; i < n; ++i) {
    same = same && again[i].text == h[i].text;
    differs = differs || other[i].text != h[i].text;
  }
  CHECK(same);
  CHECK(differs);
}

TEST_CASE("a --vary spec that cannot be read is refused with the spec and a hint", "[experiment][design]") {
  using Catch::Matchers::Contains;
  CHECK_THROWS_WITH(experiment::parse_vary("vehicles.count"), Contains("\"vehicles.count\"") && Contains("no '='"));
  CHECK_THROWS_WITH(experiment::parse_vary("vehicles.count=8..1"),
                    Contains("runs backwards") && Contains("write the smaller bound first: 1..8"));
  CHECK_THROWS_WITH(experiment::parse_vary("couriers[0].count=10..80:15"),
                    Contains("does not land on 80") && Contains("10..70:15"));
  CHECK_THROWS_WITH(experiment::parse_vary("walk.speed=0.5..1.5"), Contains("give a step"));
  CHECK_THROWS_WITH(experiment::parse_vary("vehicles.count=1,,4"), Contains("empty value"));
  CHECK_THROWS_WITH(experiment::parse_vary("vehicles.count=1,2,1"), Contains("listed twice"));
  CHECK_THROWS_WITH(experiment::parse_vary("vehicles.count=1..x"), Contains("\"x\" is not a number"));
  CHECK_THROWS_WITH(experiment::parse_vary("vehicles count=1,2"), Contains("not a scenario key"));
  CHECK_THROWS_WITH(experiment::parse_vary("a=1..8:0"), Contains("step must be positive"));
  CHECK_THROWS_WITH(experiment::parse_vary("a=1..8,9"), Contains("a range and a list"));
  CHECK_THROWS_AS(experiment::latin_hypercube({experiment::parse_vary("a=1,2")}, 0, 1), experiment::DesignError);
  const std::vector<experiment::Parameter> huge{experiment::parse_vary("a=1..2000"), experiment::parse_vary("b=1..2000")};
  CHECK_THROWS_WITH(experiment::full_grid(huge), Contains("--sample"));
}
