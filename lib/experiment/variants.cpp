// Variants: parsing "NAME: K=V; K=V", loading, unique names and the world fingerprint.

#include "last100/experiment/variants.hpp"

#include <cstdint>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "last100/experiment/run.hpp"

namespace last100::experiment {

namespace {

std::string_view trim(std::string_view s) {
  const auto a = s.find_first_not_of(" \t");
  if (a == std::string_view::npos) return {};
  const auto b = s.find_last_not_of(" \t");
  return s.substr(a, b - a + 1);
}

constexpr std::string_view spec_hint = "  hint: write --variant \"NAME: KEY=VALUE; KEY=VALUE\", e.g. --variant \"4 vans: vehicles.count=4\"";

[[noreturn]] void bad_spec(std::string_view spec, const std::string& why) {
  throw VariantError(fmt::format("--variant \"{}\": {}\n{}", spec, why, spec_hint));
}

// FNV-1a, 64 bits: stable across platforms and runs (std::hash is neither).
std::uint64_t fnv1a(std::string_view text, std::uint64_t h = 0xcbf29ce484222325ULL) {
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "unreadable:" + path;  // then the path stands in for the contents
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

VariantSpec parse_variant_spec(std::string_view spec) {
  const auto colon = spec.find(':');
  if (colon == std::string_view::npos) bad_spec(spec, "no ':' after the variant's name");
  VariantSpec out;
  out.name = std::string(trim(spec.substr(0, colon)));
  if (out.name.empty()) bad_spec(spec, "the variant has no name before ':'");
  std::string_view rest = spec.substr(colon + 1);
  std::size_t n = 0;
  while (true) {
    const auto semi = rest.find(';');
    const std::string_view item = trim(rest.substr(0, semi));
    ++n;
    if (!item.empty()) {
      const auto eq = item.find('=');
      if (eq == std::string_view::npos || trim(item.substr(0, eq)).empty())
        bad_spec(spec, fmt::format("override #{} '{}' is not KEY=VALUE", n, item));
      out.overrides.emplace_back(item);
    }
    if (semi == std::string_view::npos) break;
    rest = rest.substr(semi + 1);
  }
  if (out.overrides.empty()) bad_spec(spec, fmt::format("variant '{}' changes nothing: no KEY=VALUE after ':'", out.name));
  return out;
}

Variant load_variant(const std::filesystem::path& file, const std::vector<std::string>& overrides, std::string name) {
  scenario::LoadOptions opt = load_options();
  opt.overrides = overrides;
  Variant v;
  v.scenario = scenario::load_scenario(file, opt);
  v.overrides = overrides;
  v.name = name.empty() ? v.scenario.name : std::move(name);
  return v;
}

void name_variants(std::vector<Variant>& variants) {
  std::map<std::string, int> uses;
  for (const auto& v : variants) ++uses[v.name];
  // A shared name: the file stem, when the stems differ among those sharing it.
  for (auto& v : variants) {
    if (uses[v.name] < 2 || v.scenario.source.empty()) continue;
    const std::string stem = std::filesystem::path(v.scenario.source).stem().string();
    std::size_t same_stem = 0;
    for (const auto& w : variants)
      if (w.name == v.name && !w.scenario.source.empty() && std::filesystem::path(w.scenario.source).stem().string() == stem)
        ++same_stem;
    if (same_stem == 1) v.name = stem;
  }
  std::map<std::string, int> seen;
  for (auto& v : variants)
    if (const int k = ++seen[v.name]; k > 1) v.name += fmt::format(" #{}", k);
}

std::string world_fingerprint(const scenario::Scenario& sc) {
  // A scenario holding only what build_world draws from; the rest stays at its defaults, so
  // that couriers, vans, modes and outputs do not enter the fingerprint.
  scenario::Scenario only;
  only.world.area = sc.world.area;
  only.world.population = sc.world.population;
  only.world.demand = sc.world.demand;
  only.world.run.duration = sc.world.run.duration;
  only.world.run.seed = sc.world.run.seed;
  only.world.area.nodes_csv.clear();
  only.world.area.edges_csv.clear();
  std::uint64_t h = fnv1a(scenario::to_toml(only));
  // A CSV layout enters by its contents: the same file under two paths is the same area.
  if (!sc.world.area.nodes_csv.empty()) {
    h = fnv1a("\nnodes_csv\n", h);
    h = fnv1a(file_bytes(sc.world.area.nodes_csv), h);
    h = fnv1a("\nedges_csv\n", h);
    h = fnv1a(sc.world.area.edges_csv.empty() ? std::string() : file_bytes(sc.world.area.edges_csv), h);
  }
  return fmt::format("{:016x}", h);
}

}  // namespace last100::experiment
