#include "last100/model/world.hpp"

#include "last100/model/demand.hpp"
#include "last100/net/csv_loader.hpp"
#include "last100/net/generate.hpp"

namespace last100::model {

net::Area build_area(const WorldParams& params) {
  if (params.area.loaded_layout) return *params.area.loaded_layout;
  return params.area.nodes_csv.empty() ? net::generate_area(params.area, params.run.seed)
                                       : net::load_area_csv(params.area.nodes_csv, params.area.edges_csv);
}

World build_world(const WorldParams& params, const std::function<void(double share)>& on_progress) {
  World w;
  w.params = params;
  const sim::RandomStreams streams(params.run.seed);
  w.area = build_area(params);
  w.travel = net::TravelTimes(
      w.area, net::TravelSpeeds{params.area.walk_speed_mps, params.area.cart_speed_mps, params.area.van_speed_mps},
      on_progress);
  w.households = build_households(w.area, params.population, streams.stream("population"));
  w.couriers = build_couriers(params.couriers);
  w.orders = generate_demand(params.demand, w.households, params.run.duration, streams);
  if (on_progress) on_progress(1.0);
  return w;
}

MemoryReport memory_report(const World& world) {
  MemoryReport r;
  r.area = world.area.memory_bytes();
  r.travel = world.travel.memory_bytes();
  r.households = world.households.memory_bytes();
  r.couriers = world.couriers.memory_bytes();
  r.orders = world.orders.memory_bytes();
  r.total = sizeof(World) + r.area + r.travel + r.households + r.couriers + r.orders;
  const std::size_t n = world.households.count();
  r.per_household = n > 0 ? static_cast<double>(r.total) / static_cast<double>(n) : 0.0;
  return r;
}

std::size_t memory_bytes(const World& world) { return memory_report(world).total; }

}  // namespace last100::model
