#pragma once
/// The world of a run: area, travel times, households, couriers and orders (the demand),
/// built from WorldParams. Data plus pure functions; the engine and the modes act on it.

#include <cstddef>
#include <functional>

#include "last100/model/couriers.hpp"
#include "last100/model/households.hpp"
#include "last100/model/orders.hpp"
#include "last100/model/params.hpp"
#include "last100/net/area.hpp"
#include "last100/net/travel_times.hpp"

namespace last100::model {

/// Everything a mode acts on, minus the engine.
struct World {
  WorldParams params;
  net::Area area;
  net::TravelTimes travel;
  Households households;
  Couriers couriers;
  Orders orders;  ///< the demand of the whole horizon, OrderId in order of placement time
};

/// Builds a world: the area (generated with the run seed, or loaded from CSV), its travel
/// times, households, couriers and the demand over run.duration, each from its own stream
/// of RandomStreams(run.seed) ("area.lifts", "population", "demand"). `on_progress`, if
/// given, is called with the share of the travel tables computed, which is most of a large
/// world's build, and with 1 when the world is built; the world is the same without it.
World build_world(const WorldParams& params, const std::function<void(double share)>& on_progress = {});

/// Returns the area build_world(params) has, without the rest (for the report's map).
net::Area build_area(const WorldParams& params);

/// Bytes held by each part of a world.
struct MemoryReport {
  std::size_t area = 0;
  std::size_t travel = 0;
  std::size_t households = 0;
  std::size_t couriers = 0;
  std::size_t orders = 0;
  std::size_t total = 0;
  double per_household = 0.0;  ///< total over the number of households
};

/// Returns the bytes held by each part of `world`.
MemoryReport memory_report(const World& world);

/// Returns the bytes held by `world` in all.
std::size_t memory_bytes(const World& world);

}  // namespace last100::model
