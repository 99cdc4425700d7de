#pragma once
/// Typed dense ids: an index into the arrays of one kind of thing, never a pointer.

#include <compare>
#include <cstdint>
#include <limits>

namespace last100 {

/// Indexes the dense arrays of `Tag` things; ids of different kinds do not mix.
template <class Tag>
struct Id {
  std::uint32_t value = std::numeric_limits<std::uint32_t>::max();

  /// Returns the id that refers to nothing.
  static constexpr Id none() noexcept { return Id{}; }
  /// Returns true if the id refers to something.
  constexpr bool valid() const noexcept { return value != std::numeric_limits<std::uint32_t>::max(); }
  /// Returns the index as a size_t for array access.
  constexpr std::size_t index() const noexcept { return value; }
  friend constexpr auto operator<=>(Id, Id) = default;
};

/// Returns an id from an array index.
template <class Tag>
constexpr Id<Tag> make_id(std::size_t index) noexcept {
  return Id<Tag>{static_cast<std::uint32_t>(index)};
}

}  // namespace last100
