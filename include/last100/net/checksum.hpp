#pragma once
/// A file's checksum, recorded beside outputs and inputs: FNV-1a over 64 bits, enough to tell
/// a changed or truncated file, not meant against tampering.

#include <cstdint>
#include <string_view>

namespace last100::net {

constexpr std::uint64_t fnv1a64(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace last100::net
