// A courier's weight limit in each mode's way of filling a load (issue 23): five parcels of
// 15 kg against 40 kg make loads of two, two and one (three would weigh 45 kg), although the
// item limit (25) would take all five at once.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "hand_world.hpp"

namespace {

using namespace last100;
using namespace last100::modes_test;

// All loads of every courier, by size.
std::vector<std::int64_t> load_sizes(const modes::Trace& trace, std::uint32_t couriers) {
  std::vector<std::int64_t> out;
  for (std::uint32_t c = 0; c < couriers; ++c)
    for (const Load& l : loads_of(trace, c)) out.push_back(l.items);
  std::sort(out.begin(), out.end());
  return out;
}

model::World heavy_world(const model::WorldParams& p, bool limited) {
  model::World w = model::build_world(p);
  const auto h = household_at(w, 0, 3);
  if (limited) w.households.limited_mobility[h.index()] = 1;
  place(w, h, 5, sim::TimePoint{9h}, model::Category::parcel, 15.0f);
  return w;
}

}  // namespace

TEST_CASE("Gate couriers and bound couriers fill loads up to their weight limit", "[modes][mechanisms]") {
  model::WorldParams p = quiet_world();
  p.couriers[0].count = 1;
  REQUIRE(p.couriers[0].capacity_kg == 40.0);
  for (const char* mode : {"relay", "per_building"}) {
    CAPTURE(mode);
    modes::Trace trace;
    traced(heavy_world(p, false), mode_run(mode), trace);
    CHECK(load_sizes(trace, 1) == std::vector<std::int64_t>{1, 2, 2});
  }
}

TEST_CASE("Group buying's mobile team splits door loads by weight", "[modes][group_buy][mechanisms]") {
  // The parcels of a limited-mobility home go to its door with the team, in loads of 2, 2, 1.
  model::WorldParams p = quiet_world();
  const model::DemandParams typical = p.demand = small_world().demand;  // the supplier stocks for it
  for (auto& c : p.demand.categories) c.orders_per_household_per_day = 0.0;
  model::World w = heavy_world(p, true);
  w.params.demand = typical;
  modes::Trace trace;
  traced(w, mode_run("group_buy", {{"min_batch", std::int64_t{0}}}), trace);
  CHECK(load_sizes(trace, 3) == std::vector<std::int64_t>{1, 2, 2});
}
