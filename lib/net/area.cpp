#include "last100/net/area.hpp"

#include <array>
#include <cmath>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

namespace last100::net {

namespace {

constexpr std::array<std::string_view, place_kind_count> kind_names{
    "outside_station", "gate", "compound", "building_entrance",
    "unit_door",       "outlet", "mobile_station", "junction"};

std::string describe(const Area& area, PlaceId id) {
  const Place& p = area.place(id);
  if (!p.name.empty()) return fmt::format("place {} '{}' ({})", id.value, p.name, to_string(p.kind));
  return fmt::format("place {} ({})", id.value, to_string(p.kind));
}

}  // namespace

std::string_view to_string(PlaceKind kind) noexcept {
  return kind_names[static_cast<std::size_t>(kind)];
}

std::optional<PlaceKind> parse_place_kind(std::string_view name) noexcept {
  for (std::size_t i = 0; i < kind_names.size(); ++i)
    if (kind_names[i] == name) return static_cast<PlaceKind>(i);
  return std::nullopt;
}

std::string_view to_string(TravelMode mode) noexcept {
  switch (mode) {
    case TravelMode::walk: return "walk";
    case TravelMode::cart: return "cart";
    case TravelMode::van: return "van";
  }
  return "?";
}

std::uint32_t Area::add_compound(std::string name) {
  compounds_.push_back(Compound{std::move(name), PlaceId::none(), {}, {}});
  return static_cast<std::uint32_t>(compounds_.size() - 1);
}

PlaceId Area::add_place(PlaceKind kind, float x_m, float y_m, std::uint32_t compound,
                        std::string name) {
  if (compound != no_index && compound >= compounds_.size())
    throw AreaError(fmt::format("place '{}' names compound {} but only {} exist", name, compound,
                                compounds_.size()));
  const PlaceId id = make_id<PlaceTag>(places_.size());
  places_.push_back(Place{kind, compound, no_index, no_index, x_m, y_m, std::move(name)});
  if (compound != no_index) {
    if (kind == PlaceKind::gate) compounds_[compound].gates.push_back(id);
    if (kind == PlaceKind::compound && !compounds_[compound].square.valid())
      compounds_[compound].square = id;
  }
  return id;
}

std::uint32_t Area::add_building(PlaceId entrance, std::uint16_t floors, bool has_lift) {
  Place& p = places_.at(entrance.index());
  if (p.kind != PlaceKind::building_entrance)
    throw AreaError(fmt::format("{} is not a building entrance", describe(*this, entrance)));
  if (p.compound == no_index)
    throw AreaError(fmt::format("{} lies in no compound; every building needs one",
                                describe(*this, entrance)));
  if (floors == 0) throw AreaError(fmt::format("{} has zero floors", describe(*this, entrance)));
  const auto index = static_cast<std::uint32_t>(buildings_.size());
  buildings_.push_back(Building{entrance, p.compound, floors, has_lift,
                                static_cast<std::uint32_t>(units_.size()), 0});
  p.building = index;
  compounds_[p.compound].buildings.push_back(index);
  return index;
}

std::uint32_t Area::add_unit(std::uint32_t building, PlaceId door, std::uint16_t households_per_floor,
                             bool has_shelf, float walk_m) {
  if (buildings_.empty() || building != buildings_.size() - 1)
    throw std::logic_error("Area::add_unit: units must be added to the latest building");
  Place& p = places_.at(door.index());
  if (p.kind != PlaceKind::unit_door)
    throw AreaError(fmt::format("{} is not a unit door", describe(*this, door)));
  Building& b = buildings_[building];
  const auto index = static_cast<std::uint32_t>(units_.size());
  units_.push_back(Unit{door, building, households_per_floor, has_shelf, walk_m});
  ++b.unit_count;
  p.building = building;
  p.unit = index;
  p.compound = b.compound;
  return index;
}

void Area::add_edge(PlaceId a, PlaceId b, float length_m, ModeMask modes) {
  edges_.push_back(Edge{a, b, length_m, modes});
}

std::vector<PlaceId> Area::places_of_kind(PlaceKind kind) const {
  std::vector<PlaceId> out;
  for (std::size_t i = 0; i < places_.size(); ++i)
    if (places_[i].kind == kind) out.push_back(make_id<PlaceTag>(i));
  return out;
}

std::uint64_t Area::household_count() const noexcept {
  std::uint64_t n = 0;
  for (const Unit& u : units_) n += std::uint64_t{u.households_per_floor} * buildings_[u.building].floors;
  return n;
}

void Area::validate() const {
  for (std::size_t c = 0; c < compounds_.size(); ++c)
    if (compounds_[c].gates.empty())
      throw AreaError(fmt::format("compound {} '{}' has no gate; add a place of kind gate in it", c,
                                  compounds_[c].name));
  std::vector<std::uint32_t> door_edges(places_.size(), 0);
  for (std::size_t i = 0; i < edges_.size(); ++i) {
    const Edge& e = edges_[i];
    if (e.a.index() >= places_.size() || e.b.index() >= places_.size())
      throw AreaError(fmt::format("edge {} names a place that does not exist", i));
    if (!(e.length_m > 0.0f) || !std::isfinite(e.length_m))
      throw AreaError(fmt::format("edge {} between {} and {} has length {}; it must be positive", i,
                                  describe(*this, e.a), describe(*this, e.b), e.length_m));
    if (e.modes == 0 || (e.modes & ~all_modes) != 0)
      throw AreaError(fmt::format("edge {} allows no valid travel mode", i));
    const Place& pa = places_[e.a.index()];
    const Place& pb = places_[e.b.index()];
    if (pa.compound != pb.compound) {
      if (pa.compound != no_index && pa.kind != PlaceKind::gate)
        throw AreaError(fmt::format("edge {} leaves compound {} at {}; only gates may connect a "
                                    "compound to the outside",
                                    i, pa.compound, describe(*this, e.a)));
      if (pb.compound != no_index && pb.kind != PlaceKind::gate)
        throw AreaError(fmt::format("edge {} leaves compound {} at {}; only gates may connect a "
                                    "compound to the outside",
                                    i, pb.compound, describe(*this, e.b)));
    }
    for (PlaceId end : {e.a, e.b}) {
      const Place& p = places_[end.index()];
      if (p.kind != PlaceKind::unit_door) continue;
      ++door_edges[end.index()];
      if (p.unit == no_index)
        throw AreaError(fmt::format("{} belongs to no building", describe(*this, end)));
      const PlaceId other = end == e.a ? e.b : e.a;
      const Building& b = buildings_[p.building];
      if (other != b.entrance)
        throw AreaError(fmt::format("{} must connect only to its building entrance (place {}), "
                                    "not to {}",
                                    describe(*this, end), b.entrance.value, describe(*this, other)));
      if (!allows(e.modes, TravelMode::walk))
        throw AreaError(fmt::format("the edge of {} must allow walking", describe(*this, end)));
      if (std::abs(units_[p.unit].walk_m - e.length_m) > 1e-3f)
        throw AreaError(fmt::format("{} walk length {} differs from its edge length {}",
                                    describe(*this, end), units_[p.unit].walk_m, e.length_m));
    }
  }
  for (std::size_t i = 0; i < places_.size(); ++i) {
    if (places_[i].kind == PlaceKind::unit_door && door_edges[i] != 1)
      throw AreaError(fmt::format("{} has {} edges; a unit door has exactly one, to its entrance",
                                  describe(*this, make_id<PlaceTag>(i)), door_edges[i]));
    if (places_[i].kind == PlaceKind::building_entrance && places_[i].building == no_index)
      throw AreaError(fmt::format("{} is not registered as a building",
                                  describe(*this, make_id<PlaceTag>(i))));
  }
}

std::size_t Area::memory_bytes() const noexcept {
  std::size_t bytes = sizeof(Area);
  bytes += places_.capacity() * sizeof(Place) + edges_.capacity() * sizeof(Edge);
  bytes += buildings_.capacity() * sizeof(Building) + units_.capacity() * sizeof(Unit);
  for (const Place& p : places_)
    if (p.name.capacity() > 15) bytes += p.name.capacity() + 1;
  for (const Compound& c : compounds_)
    bytes += sizeof(Compound) + c.gates.capacity() * sizeof(PlaceId) +
             c.buildings.capacity() * sizeof(std::uint32_t);
  return bytes;
}

AreaParams::LayoutSize layout_size(const Area& area) {
  AreaParams::LayoutSize l;
  l.compounds = static_cast<std::uint32_t>(area.compounds().size());
  l.buildings = static_cast<std::uint32_t>(area.buildings().size());
  l.gates = static_cast<std::uint32_t>(area.places_of_kind(PlaceKind::gate).size());
  l.outside_stations = static_cast<std::uint32_t>(area.places_of_kind(PlaceKind::outside_station).size());
  l.outlets_inside = static_cast<std::uint32_t>(area.places_of_kind(PlaceKind::outlet).size());
  l.households = area.household_count();
  l.places = area.places().size();
  // The travel tables' shape (docs/world.md): a block per compound over its square, gates and
  // building entrances, and one matrix over the hubs (gates and key places outside).
  for (const auto& c : area.compounds()) {
    const std::uint64_t k = (c.square.valid() ? 1 : 0) + c.gates.size() + c.buildings.size();
    l.block_cells += k * k;
    l.hubs += c.gates.size();
  }
  for (const auto& p : area.places())
    if (p.compound == no_index && p.kind != PlaceKind::junction) ++l.hubs;
  return l;
}

}  // namespace last100::net
