// Designs: parsing `--vary` specs, the full grid and the Latin hypercube.
#include "last100/experiment/design.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>

#include <fmt/format.h>

#include "last100/sim/random.hpp"

namespace last100::experiment {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

[[noreturn]] void fail(std::string_view spec, std::string_view what, std::string_view hint) {
  throw DesignError(fmt::format("--vary \"{}\": {}; {}", spec, what, hint));
}

// A number written the plain way (no exponent, no `+`, not nan or inf), or nothing.
bool parse_number(std::string_view s, double& out) {
  if (s.empty() || s.find_first_of("eE+") != std::string_view::npos) return false;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && end == s.data() + s.size() && std::isfinite(out);
}

int decimals_of(std::string_view s) {
  const auto dot = s.find('.');
  return dot == std::string_view::npos ? 0 : static_cast<int>(s.size() - dot - 1);
}

bool valid_key(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
           c == '[' || c == ']' || c == '-';
  });
}

double pow10(int d) { return std::pow(10.0, d); }

void parse_range(std::string_view spec, std::string_view value, Parameter& p) {
  const auto dots = value.find("..");
  const std::string_view lo_text = trim(value.substr(0, dots));
  std::string_view rest = value.substr(dots + 2);
  const auto colon = rest.find(':');
  const std::string_view hi_text = trim(rest.substr(0, colon));
  const bool has_step = colon != std::string_view::npos;
  const std::string_view step_text = has_step ? trim(rest.substr(colon + 1)) : std::string_view("1");
  const std::string_view example = "write couriers[0].count=10..80:10 or vehicles.count=1..8";
  if (!parse_number(lo_text, p.lo)) fail(spec, fmt::format("the lower bound \"{}\" is not a number", lo_text), example);
  if (!parse_number(hi_text, p.hi)) fail(spec, fmt::format("the upper bound \"{}\" is not a number", hi_text), example);
  if (!parse_number(step_text, p.step))
    fail(spec, fmt::format("the step \"{}\" is not a number", step_text), "write the step after a colon: 10..80:10");
  if (p.lo > p.hi)
    fail(spec, fmt::format("the range runs backwards ({} > {})", lo_text, hi_text),
         fmt::format("write the smaller bound first: {}..{}", hi_text, lo_text));
  if (!(p.step > 0)) fail(spec, "the step must be positive", "write for example 10..80:10");
  const bool whole = lo_text.find('.') == std::string_view::npos && hi_text.find('.') == std::string_view::npos &&
                     step_text.find('.') == std::string_view::npos;
  if (!has_step && !whole)
    fail(spec, "a range without a step is an integer interval, and these bounds are not whole numbers",
         fmt::format("give a step, e.g. {}..{}:0.1, or a list of values", lo_text, hi_text));
  p.kind = has_step ? ParameterKind::range : ParameterKind::interval;
  p.integer = whole;
  p.numeric = true;
  // Levels are counted in units of the last decimal written, so 0.1..0.3:0.1 has exactly
  // three levels and none prints as 0.30000000000000004.
  p.decimals = whole ? 0 : std::max({decimals_of(lo_text), decimals_of(hi_text), decimals_of(step_text)});
  const double scale = pow10(p.decimals);
  const double lo_u = std::round(p.lo * scale), hi_u = std::round(p.hi * scale), step_u = std::round(p.step * scale);
  if (step_u < 1) fail(spec, "the step is zero", "write for example 10..80:10");
  if (hi_u - lo_u > 1e12) fail(spec, "the range has more than 10^12 levels", "use a coarser step");
  const double span = (hi_u - lo_u) / step_u;
  if (span != std::floor(span)) {
    const double last = (lo_u + std::floor(span) * step_u) / scale;
    fail(spec, fmt::format("the step {} does not land on {} from {}", step_text, hi_text, lo_text),
         fmt::format("end the range on a level, e.g. {}..{:.{}f}:{}", lo_text, last, p.decimals, step_text));
  }
}

void parse_list(std::string_view spec, std::string_view value, Parameter& p) {
  p.kind = ParameterKind::list;
  p.numeric = true;
  p.integer = true;
  std::size_t start = 0;
  while (true) {
    const auto comma = value.find(',', start);
    const std::string_view item = trim(value.substr(start, comma == std::string_view::npos ? value.npos : comma - start));
    if (item.empty()) fail(spec, "the list has an empty value", "separate values by single commas: 1,2,4");
    if (std::any_of(item.begin(), item.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == '='; }))
      fail(spec, fmt::format("the value \"{}\" holds '=' or a control character", item), "write plain values: 1,2,4");
    if (std::find(p.words.begin(), p.words.end(), item) != p.words.end())
      fail(spec, fmt::format("the value \"{}\" is listed twice", item), "list each value once");
    p.words.emplace_back(item);
    double x = 0;
    if (!parse_number(item, x)) p.numeric = false;
    if (item.find('.') != std::string_view::npos) p.integer = false;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (!p.numeric) p.integer = false;
}

}  // namespace

std::size_t Parameter::level_count() const {
  if (kind == ParameterKind::list) return words.size();
  const double scale = pow10(decimals);
  return static_cast<std::size_t>(std::llround((std::round(hi * scale) - std::round(lo * scale)) / std::round(step * scale))) + 1;
}

double Parameter::level_value(std::size_t i) const {
  if (kind == ParameterKind::list) {
    double x = 0;
    return parse_number(words.at(i), x) ? x : std::numeric_limits<double>::quiet_NaN();
  }
  const double scale = pow10(decimals);
  const double v = (std::round(lo * scale) + static_cast<double>(i) * std::round(step * scale)) / scale;
  return v == 0.0 ? 0.0 : v;  // never -0
}

std::string Parameter::level_text(std::size_t i) const {
  if (kind == ParameterKind::list) return words.at(i);
  const double v = level_value(i);
  return integer ? fmt::format("{}", std::llround(v)) : fmt::format("{:.{}f}", v, decimals);
}

Parameter parse_vary(std::string_view spec) {
  Parameter p;
  p.spec = std::string(spec);
  const auto eq = spec.find('=');
  if (eq == std::string_view::npos)
    fail(spec, "no '='", "write key=values, e.g. couriers[0].count=10..80:10 or vehicles.count=1,2,4");
  p.key = std::string(trim(spec.substr(0, eq)));
  if (!valid_key(p.key))
    fail(spec, fmt::format("\"{}\" is not a scenario key", p.key),
         "write the key as for --set, e.g. couriers[0].count (`last100 keys` lists them)");
  const std::string_view value = trim(spec.substr(eq + 1));
  if (value.empty()) fail(spec, "no values after '='", "write a range 10..80:10, an interval 1..200 or a list 1,2,4");
  if (value.find("..") != std::string_view::npos) {
    if (value.find(',') != std::string_view::npos)
      fail(spec, "a range and a list at once", "write either 10..80:10 or 10,20,40");
    parse_range(spec, value, p);
  } else {
    parse_list(spec, value, p);
  }
  return p;
}

std::vector<DesignPoint> full_grid(const std::vector<Parameter>& parameters) {
  if (parameters.empty()) throw DesignError("a design needs at least one --vary");
  std::size_t total = 1;
  for (const auto& p : parameters) {
    const std::size_t m = p.level_count();
    if (m > max_grid_points || total > max_grid_points / m)
      throw DesignError(fmt::format("the full grid over {} parameters has more than {} points (at \"{}\"); "
                                    "sample it with a Latin hypercube (--sample N) or use coarser steps",
                                    parameters.size(), max_grid_points, p.spec));
    total *= m;
  }
  std::vector<DesignPoint> points(total);
  for (std::size_t i = 0; i < total; ++i) {
    auto& pt = points[i];
    pt.text.resize(parameters.size());
    pt.value.resize(parameters.size());
    std::size_t rest = i;
    // The last parameter varies fastest: peel digits from the right.
    for (std::size_t d = parameters.size(); d-- > 0;) {
      const std::size_t m = parameters[d].level_count();
      pt.text[d] = parameters[d].level_text(rest % m);
      pt.value[d] = parameters[d].level_value(rest % m);
      rest /= m;
    }
  }
  return points;
}

std::vector<DesignPoint> latin_hypercube(const std::vector<Parameter>& parameters, std::size_t n, std::uint64_t seed) {
  if (parameters.empty()) throw DesignError("a design needs at least one --vary");
  if (n == 0) throw DesignError("a Latin hypercube needs at least one point; give --sample N with N >= 1");
  std::vector<DesignPoint> points(n);
  for (auto& pt : points) {
    pt.text.resize(parameters.size());
    pt.value.resize(parameters.size());
  }
  sim::Rng rng(seed);
  std::vector<std::size_t> strata(n);
  for (std::size_t d = 0; d < parameters.size(); ++d) {
    const auto& p = parameters[d];
    std::iota(strata.begin(), strata.end(), std::size_t{0});
    for (std::size_t i = n; i > 1; --i) std::swap(strata[i - 1], strata[rng.uniform_int(i)]);  // Fisher-Yates
    const bool continuous = p.kind == ParameterKind::range && !p.integer;
    const std::size_t m = p.level_count();
    for (std::size_t i = 0; i < n; ++i) {
      if (continuous) {
        const double u = (static_cast<double>(strata[i]) + rng.uniform01()) / static_cast<double>(n);
        const double v = p.lo + u * (p.hi - p.lo);
        points[i].value[d] = v;
        points[i].text[d] = fmt::format("{}", v);  // shortest form that reads back as v
      } else {
        // floor(u m) with u = (stratum + j / m) / n, in integers so that no rounding moves a
        // level out of its stratum.
        const sim::Uint128 j = rng.uniform_int(m);
        const auto level = static_cast<std::size_t>((static_cast<sim::Uint128>(strata[i]) * m + j) / n);
        points[i].value[d] = p.level_value(level);
        points[i].text[d] = p.level_text(level);
      }
    }
  }
  return points;
}

std::vector<std::string> as_overrides(const std::vector<Parameter>& parameters, const DesignPoint& point) {
  std::vector<std::string> out;
  out.reserve(parameters.size());
  for (std::size_t d = 0; d < parameters.size(); ++d) out.push_back(parameters[d].key + "=" + point.text.at(d));
  return out;
}

}  // namespace last100::experiment
