// Parsing service targets: `kpi >= bound` joined by `and`.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "last100/experiment/sizing.hpp"

namespace last100::experiment {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool kpi_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
         c == ':' || c == '-';
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string closest(std::string_view name, const std::vector<std::string>& known) {
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& k : known) {
    // A name that contains what was typed (p90 in lead_time_minutes.p90) is as good as a near miss.
    const std::size_t d = k.find(name) != std::string::npos ? 1 : edit_distance(name, k);
    scored.emplace_back(d, k);
  }
  std::sort(scored.begin(), scored.end());
  std::string out;
  for (std::size_t i = 0; i < std::min<std::size_t>(3, scored.size()); ++i) out += (i ? ", " : "") + scored[i].second;
  return out;
}

Target parse_one(std::string_view whole, std::string_view part, const std::vector<std::string>& known) {
  const std::string_view example = "write for example \"within_12h >= 0.90 and p90 <= 720\"";
  auto op = part.find(">=");
  Comparison cmp = Comparison::at_least;
  if (op == std::string_view::npos) {
    op = part.find("<=");
    cmp = Comparison::at_most;
  }
  if (op == std::string_view::npos) {
    const bool strict = part.find_first_of("<>=") != std::string_view::npos;
    throw SizingError(fmt::format("--target \"{}\": \"{}\" has {}; {}", whole, trim(part),
                                  strict ? "no >= or <= (a target is a bound the mean may touch)" : "no comparison",
                                  example));
  }
  const std::string_view kpi = trim(part.substr(0, op));
  const std::string_view bound = trim(part.substr(op + 2));
  if (kpi.empty() || !std::all_of(kpi.begin(), kpi.end(), kpi_char))
    throw SizingError(fmt::format("--target \"{}\": \"{}\" is not a KPI name; {}", whole, kpi, example));
  Target t{std::string(kpi), cmp, 0.0};
  const auto [end, ec] = std::from_chars(bound.data(), bound.data() + bound.size(), t.bound);
  if (bound.empty() || ec != std::errc{} || end != bound.data() + bound.size() || !std::isfinite(t.bound))
    throw SizingError(fmt::format("--target \"{}\": the bound \"{}\" of {} is not a number; {}", whole, bound, kpi,
                                  example));
  if (!known.empty() && std::find(known.begin(), known.end(), t.kpi) == known.end())
    throw SizingError(fmt::format("--target \"{}\": no KPI is named \"{}\"; did you mean {}?",
                                  whole, kpi, closest(kpi, known)));
  return t;
}

}  // namespace

std::vector<Target> parse_targets(std::string_view text, const std::vector<std::string>& known_kpis) {
  std::vector<Target> out;
  std::size_t start = 0;
  while (true) {
    const auto sep = text.find(" and ", start);
    const std::string_view part = text.substr(start, sep == std::string_view::npos ? text.npos : sep - start);
    if (trim(part).empty())
      throw SizingError(fmt::format("--target \"{}\": an empty target{}; write for example \"within_12h >= 0.90\"",
                                    text, out.empty() ? "" : " after 'and'"));
    out.push_back(parse_one(text, part, known_kpis));
    if (sep == std::string_view::npos) break;
    start = sep + 5;
  }
  return out;
}

std::string to_string(const Target& t) {
  return fmt::format("{} {} {}", t.kpi, t.comparison == Comparison::at_least ? ">=" : "<=", t.bound);
}

}  // namespace last100::experiment
