#pragma once
// A flat JSON object printer for benchmark results: one object per run, keys in insertion order.

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace last100::bench {

class JsonLine {
 public:
  /// A number; NaN or infinity (no observation) is written as null.
  JsonLine& add(const std::string& key, double v) {
    return raw(key, std::isfinite(v) ? fmt::format("{:.6g}", v) : std::string("null"));
  }
  JsonLine& add(const std::string& key, std::uint64_t v) { return raw(key, fmt::format("{}", v)); }
  JsonLine& add(const std::string& key, bool v) { return raw(key, v ? "true" : "false"); }
  JsonLine& add(const std::string& key, const std::string& v) { return raw(key, "\"" + v + "\""); }
  JsonLine& add(const std::string& key, const JsonLine& nested) { return raw(key, nested.str()); }
  std::string str() const {
    std::string out = "{";
    for (std::size_t i = 0; i < fields_.size(); ++i)
      out += fmt::format("{}\"{}\": {}", i ? ", " : "", fields_[i].first, fields_[i].second);
    return out + "}";
  }

 private:
  JsonLine& raw(const std::string& key, std::string v) {
    fields_.emplace_back(key, std::move(v));
    return *this;
  }
  std::vector<std::pair<std::string, std::string>> fields_;
};

/// Returns the bytes currently allocated on the heap (glibc mallinfo2).
std::size_t heap_bytes_in_use();

}  // namespace last100::bench
