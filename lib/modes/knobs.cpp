#include "last100/modes/knobs.hpp"

#include <stdexcept>

namespace last100::modes {

const KnobValue& Knobs::at(const std::string& key) const {
  auto it = values_.find(key);
  // A missing knob is a programming error in a mode (it read a key it did not declare).
  if (it == values_.end()) throw std::logic_error("knob '" + key + "' was not declared by the mode");
  return it->second;
}

void cite(std::vector<KnobSpec>& knobs, std::string_view key, model::Provenance provenance) {
  for (auto& k : knobs)
    if (k.key == key) {
      k.provenance = std::move(provenance);
      return;
    }
  throw std::logic_error("cite: no knob '" + std::string(key) + "'");
}

}  // namespace last100::modes
