#include <algorithm>
#include <mutex>

#include "builtin.hpp"
#include "last100/modes/context.hpp"
#include "last100/modes/mode.hpp"

namespace last100::modes {
namespace {

// Built-ins are listed here rather than self-registered from static objects, which a static
// library would drop at link time.
std::deque<ModeInfo>& registry() {
  static std::deque<ModeInfo> modes = {detail::relay_mode_info(), detail::shelves_mode_info(),
                                        detail::per_building_mode_info(), detail::group_buy_mode_info()};
  return modes;
}
std::mutex registry_mutex;

}  // namespace

void register_mode(ModeInfo info) {
  std::lock_guard lock(registry_mutex);
  auto& modes = registry();
  auto it = std::find_if(modes.begin(), modes.end(), [&](const ModeInfo& m) { return m.name == info.name; });
  // Replacing in place keeps earlier find_mode pointers valid (they see the new mode).
  if (it != modes.end()) *it = std::move(info);
  else modes.push_back(std::move(info));
}

const ModeInfo* find_mode(std::string_view name) {
  std::lock_guard lock(registry_mutex);
  for (const auto& m : registry())
    if (m.name == name) return &m;
  return nullptr;
}

const std::deque<ModeInfo>& all_modes() { return registry(); }

}  // namespace last100::modes
