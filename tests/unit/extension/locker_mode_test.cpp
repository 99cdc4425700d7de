// The worked example of docs/modes.md: a researcher's own mode in one file, written against
// the public headers only. Parcel lockers at each compound gate: a van empties the outside
// station every half hour into the gate lockers; residents collect when they like; no
// courier goes inside, so there is no face-to-face contact at doors.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "last100/experiment/run.hpp"
#include "last100/model/demand.hpp"
#include "last100/model/world.hpp"
#include "last100/modes/context.hpp"
#include "last100/modes/mode.hpp"
#include "last100/modes/run_mode.hpp"

namespace {

using namespace last100;
using namespace std::chrono_literals;

class LockerMode final : public modes::Mode {
 public:
  explicit LockerMode(const modes::Knobs& k) : round_(k.duration("van_round")) {}

  void start(modes::RunContext& ctx) override {
    ctx_ = &ctx;
    lockers_.resize(ctx.world.area.compounds().size());
    pickups_ = ctx.streams.stream("locker.pickup");
    ctx.sim.start(van());
  }

  void on_order(modes::RunContext& ctx, model::OrderId o) override {
    ctx.stamp(o, model::Stage::at_station);
    station_.push_back(o);
  }

  modes::Holdings holdings(const modes::RunContext& ctx) const override {
    modes::Holdings h;
    h.add(ctx.world.orders, station_, &modes::Backlog::station);
    h.add(ctx.world.orders, van_, &modes::Backlog::gate);
    for (const auto& l : lockers_) h.add(ctx.world.orders, l, &modes::Backlog::shelf);
    return h;
  }

 private:
  std::uint32_t compound_of(model::OrderId o) const {
    return ctx_->compound_of_building(ctx_->building_of(ctx_->world.orders.household(o)));
  }

  sim::Process van() {
    auto& ctx = *ctx_;
    for (;;) {
      co_await ctx.sim.delay(round_);
      van_ = std::move(station_);
      station_.clear();
      for (auto o : van_) ctx.stamp(o, model::Stage::loaded);
      net::PlaceId here = ctx.station();
      for (std::uint32_t c = 0; c < lockers_.size(); ++c) {
        const net::PlaceId gate = ctx.gate_of_compound(c);
        co_await ctx.sim.delay(ctx.vehicle_time(here, gate) + 2min);
        here = gate;
        std::erase_if(van_, [&](model::OrderId o) {
          if (compound_of(o) != c) return false;
          ctx.stamp(o, model::Stage::at_gate);
          ctx.stamp(o, model::Stage::at_shelf_or_door);
          lockers_[c].push_back(o);
          ctx.sim.start(resident(o));
          return true;
        });
      }
      co_await ctx.sim.delay(ctx.vehicle_time(here, ctx.station()));
    }
  }

  sim::Process resident(model::OrderId o) {
    auto& ctx = *ctx_;
    const auto h = ctx.world.orders.household(o);
    co_await ctx.sim.delay(model::sample_pickup_delay(ctx.world.params.population, ctx.world.households.pickup[h.index()], pickups_));
    const auto c = compound_of(o);
    co_await ctx.sim.delay(ctx.world.travel.travel_time(model::TravelMode::walk, ctx.door_of(h), ctx.gate_of_compound(c)));
    std::erase(lockers_[c], o);
    ctx.hand_over(o);
  }

  sim::Duration round_;
  modes::RunContext* ctx_ = nullptr;
  sim::Rng pickups_;
  std::vector<model::OrderId> station_, van_;
  std::vector<std::vector<model::OrderId>> lockers_;
};

void register_lockers() {
  modes::register_mode({"lockers", "parcel lockers at every compound gate",
                        {{"van_round", modes::KnobType::duration, sim::Duration{30min}, 60, 86400,
                          "time between van rounds", {}}},
                        [](const modes::Knobs& k) { return std::make_unique<LockerMode>(k); }});
}

model::WorldParams small_world() {
  model::WorldParams p;
  p.area.compounds = 3;
  p.area.buildings = 9;
  p.demand = model::typical_demand();
  p.couriers.push_back({});
  p.couriers.back().count = 2;
  p.run.duration = 24h;
  p.run.seed = 11;
  return p;
}

}  // namespace

TEST_CASE("a mode written in one file registers, runs and conserves every order", "[extension]") {
  register_lockers();
  const auto* info = modes::find_mode("lockers");
  REQUIRE(info != nullptr);
  const model::World world = model::build_world(small_world());
  const modes::RunResult r = modes::run_mode(world, "lockers", modes::Knobs::defaults(info->knobs), {"lockers test", 1h, {}});
  const auto& o = r.summary.orders;
  CHECK(o.created == world.orders.count());
  // (The counts add up by construction; run_mode's conservation check is the guard.)
  CHECK(o.delivered > o.created / 2);
  // Nobody comes to a door: the exposure proxy that lockers exist to remove.
  CHECK(r.summary.contacts.courier_resident == 0);
}

TEST_CASE("a registered mode is known to the scenario loader's lookup", "[extension]") {
  register_lockers();
  const auto names = experiment::mode_names();
  CHECK(std::find(names.begin(), names.end(), "lockers") != names.end());
  REQUIRE(experiment::find_mode_knobs("lockers") != nullptr);
  CHECK(experiment::find_mode_knobs("lockers")->front().key == "van_round");
}
