#include "relay_stage.hpp"

#include <algorithm>

namespace last100::modes::detail {

RelayStage::RelayStage(RunContext& ctx, std::uint32_t route_area_size, std::uint32_t batch_items)
    : ctx_(ctx), batch_items_(std::max<std::uint32_t>(1, batch_items)), arrivals_(ctx.sim), at_gates_(ctx.sim) {
  ctx.use_station(static_cast<std::size_t>(ctx.knobs.integer("station")));
  const auto& area = ctx.world.area;
  route_area_of_building_.assign(area.buildings().size(), 0);
  const std::uint32_t size = std::max<std::uint32_t>(1, route_area_size);
  for (std::uint32_t c = 0; c < area.compounds().size(); ++c) {
    const auto& bs = area.compounds()[c].buildings;
    for (std::size_t i = 0; i < bs.size(); ++i) {
      if (i % size == 0) compound_of_route_area_.push_back(c);
      route_area_of_building_[bs[i]] = static_cast<std::uint32_t>(compound_of_route_area_.size() - 1);
    }
  }
  waiting_.resize(compound_of_route_area_.size());
  on_vehicle_.resize(ctx.world.params.vehicles.count);
}

void RelayStage::start() {
  for (std::uint32_t v = 0; v < ctx_.world.params.vehicles.count; ++v) ctx_.sim.start(vehicle(v));
}

void RelayStage::accept(OrderId order) {
  ctx_.stamp(order, Stage::at_station);
  const std::uint32_t b = ctx_.building_of(ctx_.world.orders.household(order));
  waiting_[route_area_of_building_[b]].push_back(order);
  ++waiting_count_;
  arrivals_.notify_all();
}

// The compound whose oldest waiting order is oldest (ids grow with placement time).
std::uint32_t RelayStage::choose_compound() const {
  OrderId oldest = OrderId::none();
  std::uint32_t compound = 0;
  for (std::size_t ra = 0; ra < waiting_.size(); ++ra) {
    if (!waiting_[ra].empty() && (!oldest.valid() || waiting_[ra].front() < oldest)) {
      oldest = waiting_[ra].front();
      compound = compound_of_route_area_[ra];
    }
  }
  return compound;
}

// Whole route-areas of the compound, oldest first, until the vehicle is full.
std::vector<Batch> RelayStage::load_for(std::uint32_t compound, std::uint32_t capacity) {
  std::vector<std::uint32_t> areas;
  for (std::uint32_t ra = 0; ra < waiting_.size(); ++ra)
    if (compound_of_route_area_[ra] == compound && !waiting_[ra].empty()) areas.push_back(ra);
  std::sort(areas.begin(), areas.end(),
            [&](std::uint32_t a, std::uint32_t b) { return waiting_[a].front() < waiting_[b].front(); });
  std::vector<Batch> load;
  std::uint32_t room = capacity;
  for (std::uint32_t ra : areas) {
    if (room == 0) break;
    Batch batch{compound, ra, {}};
    auto& q = waiting_[ra];
    while (!q.empty() && room > 0) {
      batch.orders.push_back(q.front());
      q.pop_front();
      --room;
      --waiting_count_;
    }
    load.push_back(std::move(batch));
  }
  return load;
}

sim::Process RelayStage::vehicle(std::uint32_t index) {
  auto& sim = ctx_.sim;
  const auto& vp = ctx_.world.params.vehicles;
  for (;;) {
    while (waiting_count_ == 0) co_await arrivals_.wait();
    // Leave when full, or when the relay interval since the last departure has passed.
    const sim::TimePoint deadline = last_departure_ + vp.interval;
    while (!(vp.leave_when_full && waiting_count_ >= vp.capacity_items) && sim.now() < deadline)
      co_await sim::any_of_within(sim, deadline - sim.now(), arrivals_);
    if (waiting_count_ == 0) continue;  // another vehicle took it all
    // Leave no earlier than needed to arrive as the gate opens; more orders join meanwhile.
    const PlaceId first_gate = ctx_.gate_of_compound(choose_compound());
    const sim::Duration trip = ctx_.vehicle_time(ctx_.station(), first_gate);
    const sim::TimePoint opens = ctx_.next_gate_open(first_gate);
    if (opens > sim.now() + trip) {
      co_await sim.delay_until(opens - trip);
      continue;
    }
    last_departure_ = sim.now();
    const std::uint32_t compound = choose_compound();
    std::vector<Batch> load = load_for(compound, vp.capacity_items);
    auto& carried = on_vehicle_[index];
    for (const auto& b : load)
      for (OrderId o : b.orders) {
        ctx_.stamp(o, Stage::loaded);
        carried.push_back(o);
      }
    co_await sim.delay(vp.load_time);
    const PlaceId gate = ctx_.gate_of_compound(compound);
    const sim::Duration out = ctx_.vehicle_time(ctx_.station(), gate);
    ctx_.vehicle_moving(index, gate, out);
    co_await sim.delay(out);
    co_await sim.delay_until(ctx_.next_gate_open(gate));
    co_await sim.delay(vp.unload_time + ctx_.world.params.zone.disinfection);
    carried.clear();
    for (auto& b : load) {
      for (OrderId o : b.orders) ctx_.stamp(o, Stage::at_gate);
      // Batches no larger than a courier's load, so that a courier takes whole batches.
      for (std::size_t i = 0; i < b.orders.size(); i += batch_items_) {
        Batch piece{b.compound, b.route_area, {}};
        const std::size_t end = std::min(b.orders.size(), i + batch_items_);
        piece.orders.assign(b.orders.begin() + static_cast<std::ptrdiff_t>(i),
                            b.orders.begin() + static_cast<std::ptrdiff_t>(end));
        at_gates_.put_now(std::move(piece));
      }
    }
    const sim::Duration back = ctx_.vehicle_time(gate, ctx_.station());
    ctx_.vehicle_moving(index, ctx_.station(), back);
    co_await sim.delay(back);
  }
}

void RelayStage::count(Holdings& h) const {
  const auto& orders = ctx_.world.orders;
  for (const auto& q : waiting_) h.add(orders, q, &Backlog::station);
  for (const auto& v : on_vehicle_) h.add(orders, v, &Backlog::gate);
  for (const auto& b : at_gates_.items()) h.add(orders, b.orders, &Backlog::gate);
}

}  // namespace last100::modes::detail
