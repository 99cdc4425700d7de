#pragma once
/// The names of the world's enums as scenario files and outputs write them: one table per
/// enum, read by `to_string` and `parse`, so that no other layer spells them again.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

#include "last100/model/params.hpp"

namespace last100::model {

/// Specialised for each enum with names: `values`, in the enum's order.
template <class E>
struct EnumNames;

template <>
struct EnumNames<Category> {
  static constexpr std::array<std::string_view, category_count> values{"parcel", "fresh_food", "takeout", "staples",
                                                                       "medicine"};
};
template <>
struct EnumNames<CourierOrigin> {
  static constexpr std::array<std::string_view, 3> values{"locked_in", "volunteer", "reinforcement"};
};
template <>
struct EnumNames<ZoneStatus> {
  static constexpr std::array<std::string_view, 2> values{"controlled", "sealed"};
};
template <>
struct EnumNames<DoorHandover> {
  static constexpr std::array<std::string_view, 2> values{"contact", "contactless"};
};
template <>
struct EnumNames<Dispatch> {
  static constexpr std::array<std::string_view, 2> values{"full_or_wait", "timetable"};
};
template <>
struct EnumNames<DispatchRule> {
  static constexpr std::array<std::string_view, 2> values{"urgency", "fifo"};
};

template <>
struct EnumNames<CourierEntry> {
  static constexpr std::array<std::string_view, 3> values{"allowed", "call_down", "gate_shelf"};
};

/// Returns every name of `E`, in the enum's order.
template <class E>
constexpr const auto& names_of() noexcept {
  return EnumNames<E>::values;
}

/// Returns the name of `value`.
template <class E>
constexpr std::string_view name_of(E value) noexcept {
  return EnumNames<E>::values[static_cast<std::size_t>(value)];
}

/// Returns the value named `name`, or nothing if no value has that name.
template <class E>
constexpr std::optional<E> parse(std::string_view name) noexcept {
  const auto& v = EnumNames<E>::values;
  for (std::size_t i = 0; i < v.size(); ++i)
    if (v[i] == name) return static_cast<E>(i);
  return std::nullopt;
}

inline std::string_view to_string(CourierOrigin o) noexcept { return name_of(o); }
inline std::string_view to_string(ZoneStatus s) noexcept { return name_of(s); }
inline std::string_view to_string(Dispatch d) noexcept { return name_of(d); }

}  // namespace last100::model
