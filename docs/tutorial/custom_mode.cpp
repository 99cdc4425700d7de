// Tutorial, part 3 (docs/tutorial.md): a custom operating mode on a bundled area, compared
// with a built-in mode on the same world and demand. Built and run by CTest with the path of
// scenarios/shuangjing.toml as its argument.
// [mode-class]
#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

#include "last100/experiment/run.hpp"
#include "last100/modes/context.hpp"
#include "last100/modes/mode.hpp"
#include "last100/scenario/scenario.hpp"
#include "last100/sim.hpp"

using namespace last100;
using namespace std::chrono_literals;

// Door to door: every order waits at the outside station for a free courier, who drives it to
// the resident's door, hands it over face to face and drives back. A teaching mode: it
// ignores shifts, volunteer duty and gate hours, which the built-in modes obey.
class DoorToDoor final : public modes::Mode {
 public:
  explicit DoorToDoor(const modes::Knobs& k) : handover_(k.duration("handover")) {}

  void start(modes::RunContext& ctx) override {
    ctx_ = &ctx;
    couriers_ = std::make_unique<sim::Resource>(ctx.sim, static_cast<std::uint32_t>(ctx.world.couriers.count()));
  }

  void on_order(modes::RunContext& ctx, model::OrderId o) override {
    ctx.stamp(o, model::Stage::at_station);
    at_station_.push_back(o);
    ctx.sim.start(deliver(o));
  }

  // The orders this mode holds, counted from its own containers (the run checks conservation).
  modes::Holdings holdings(const modes::RunContext& ctx) const override {
    modes::Holdings h;
    h.add(ctx.world.orders, at_station_, &modes::Backlog::station);
    h.add(ctx.world.orders, on_the_road_, &modes::Backlog::gate);
    return h;
  }

 private:
  sim::Process deliver(model::OrderId o) {
    modes::RunContext& ctx = *ctx_;
    auto courier = co_await couriers_->request();
    std::erase(at_station_, o);
    on_the_road_.push_back(o);
    ctx.stamp(o, model::Stage::loaded);
    const net::PlaceId door = ctx.door_of(ctx.world.orders.household(o));
    co_await ctx.sim.delay(ctx.vehicle_time(ctx.station(), door) + handover_);
    ctx.stamp(o, model::Stage::at_shelf_or_door);
    std::erase(on_the_road_, o);
    ctx.door_hand_over(o);  // face to face: counts the contact, then hands over
    co_await ctx.sim.delay(ctx.vehicle_time(door, ctx.station()));
  }

  sim::Duration handover_;
  modes::RunContext* ctx_ = nullptr;
  std::unique_ptr<sim::Resource> couriers_;
  std::vector<model::OrderId> at_station_, on_the_road_;
};
// [/mode-class]

// [mode-run]
int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: custom_mode SCENARIO.toml\n");
    return 2;
  }
  modes::register_mode({"door_to_door", "a courier per order, station to door and back",
                        {{"handover", modes::KnobType::duration, sim::Duration{1min}, 0, 3600,
                          "time at the door (assumed)", {}}},
                        [](const modes::Knobs& k) { return std::make_unique<DoorToDoor>(k); }});

  // A bundled area and demand; its own mode is replaced by ours and a built-in one.
  scenario::Scenario s = scenario::load_scenario(argv[1]);
  s.modes.clear();
  for (const char* name : {"door_to_door", "relay"})
    s.modes.push_back({name, modes::Knobs::defaults(modes::find_mode(name)->knobs)});

  experiment::RunOptions options;
  options.replications = 1;
  for (const metrics::Summary& m : experiment::run_scenario(s, options)) {
    // A p90 among orders never delivered is only a lower bound: print it as "> T".
    std::printf("%-13s %6llu of %6llu orders delivered, lead time p90 %s%5.0f min, %llu door contacts\n",
                m.mode.c_str(), static_cast<unsigned long long>(m.orders.delivered),
                static_cast<unsigned long long>(m.orders.created), m.lead_time_minutes.p90_at_least ? "> " : "",
                m.lead_time_minutes.p90, static_cast<unsigned long long>(m.contacts.courier_resident));
    if (m.orders.delivered == 0) return 1;
  }
  return 0;
}
// [/mode-run]
