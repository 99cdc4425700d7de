// Durations, clock times, "did you mean" and the error type of scenario files.

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "last100/scenario/scenario.hpp"

namespace last100::scenario {

namespace {

std::string format_error(const std::string& file, std::uint32_t line, std::uint32_t column,
                         const std::string& key, const std::string& expected,
                         const std::string& found, const std::string& hint) {
  std::string out = fmt::format("{}:{}:{}: error: ", file, line, column);
  if (!key.empty()) out += key + ": ";
  out += "expected " + expected;
  if (!found.empty()) out += ", found " + found;
  if (!hint.empty()) out += "\n  hint: " + hint;
  return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

ScenarioError::ScenarioError(std::string file, std::uint32_t line, std::uint32_t column,
                             std::string key, std::string expected, std::string found,
                             std::string hint)
    : std::runtime_error(format_error(file, line, column, key, expected, found, hint)),
      file_(std::move(file)),
      line_(line),
      column_(column),
      key_(std::move(key)),
      expected_(std::move(expected)),
      found_(std::move(found)),
      hint_(std::move(hint)) {}

sim::Duration parse_duration(std::string_view text) {
  struct Unit {
    std::string_view name;
    double ms;
    int rank;
  };
  static constexpr Unit units[] = {{"d", 86'400'000.0, 5}, {"h", 3'600'000.0, 4},
                                   {"min", 60'000.0, 3},   {"s", 1'000.0, 2},
                                   {"ms", 1.0, 1}};
  std::size_t i = 0;
  const auto skip_space = [&] {
    while (i < text.size() && text[i] == ' ') ++i;
  };
  skip_space();
  if (i == text.size()) throw std::invalid_argument("empty duration");
  double total_ms = 0.0;
  int last_rank = 99;
  while (i < text.size()) {
    const std::size_t start = i;
    std::size_t digits = 0;
    while (i < text.size() && is_digit(text[i])) ++i, ++digits;
    if (i < text.size() && text[i] == '.') {
      ++i;
      std::size_t frac = 0;
      while (i < text.size() && is_digit(text[i])) ++i, ++frac;
      if (frac == 0) throw std::invalid_argument("a decimal point must be followed by digits");
    }
    if (digits == 0) {
      if (i < text.size() && text[i] == '-') throw std::invalid_argument("durations cannot be negative");
      throw std::invalid_argument("expected a number before the unit");
    }
    if (i - start > 15) throw std::invalid_argument("number too long");
    const double number = std::stod(std::string(text.substr(start, i - start)));
    skip_space();
    const std::size_t ustart = i;
    while (i < text.size() && is_alpha(text[i])) ++i;
    const std::string_view unit = text.substr(ustart, i - ustart);
    if (unit.empty()) throw std::invalid_argument("missing unit after the number (use ms, s, min, h or d)");
    const Unit* found = nullptr;
    for (const auto& u : units)
      if (u.name == unit) found = &u;
    if (found == nullptr) {
      if (unit == "m") throw std::invalid_argument("unit 'm' is ambiguous: write 'min' for minutes");
      if (unit == "sec" || unit == "secs") throw std::invalid_argument("unknown unit 'sec': write 's'");
      if (unit == "hr" || unit == "hrs" || unit == "hour" || unit == "hours")
        throw std::invalid_argument("unknown unit '" + std::string(unit) + "': write 'h'");
      if (unit == "mins" || unit == "minute" || unit == "minutes")
        throw std::invalid_argument("unknown unit '" + std::string(unit) + "': write 'min'");
      throw std::invalid_argument("unknown unit '" + std::string(unit) + "' (use ms, s, min, h or d)");
    }
    if (found->rank >= last_rank)
      throw std::invalid_argument("units must go from largest to smallest, each once (\"1h30min\")");
    last_rank = found->rank;
    total_ms += number * found->ms;
    skip_space();
  }
  // 10,000 days is far beyond any lockdown and far inside 64-bit milliseconds.
  if (!(total_ms <= 864'000'000'000.0)) throw std::invalid_argument("duration longer than 10000 days");
  return sim::Duration{static_cast<std::int64_t>(std::llround(total_ms))};
}

sim::Duration parse_clock(std::string_view text) {
  std::size_t i = 0;
  const auto number = [&](std::size_t min_digits, std::size_t max_digits) -> int {
    std::size_t n = 0;
    int v = 0;
    while (i < text.size() && is_digit(text[i]) && n < max_digits) {
      v = v * 10 + (text[i] - '0');
      ++i, ++n;
    }
    if (n < min_digits) throw std::invalid_argument("expected a clock time like \"07:00\"");
    return v;
  };
  const int h = number(1, 2);
  if (i >= text.size() || text[i] != ':') throw std::invalid_argument("expected a clock time like \"07:00\"");
  ++i;
  const int m = number(2, 2);
  int s = 0;
  if (i < text.size() && text[i] == ':') {
    ++i;
    s = number(2, 2);
  }
  if (i != text.size()) throw std::invalid_argument("unexpected text after the clock time");
  if (m > 59 || s > 59) throw std::invalid_argument("minutes and seconds must be below 60");
  if (h > 24 || (h == 24 && (m != 0 || s != 0)))
    throw std::invalid_argument("hours must be 0 to 23 (24:00 means midnight at the end of the day)");
  return sim::Duration{(static_cast<std::int64_t>(h) * 3600 + m * 60 + s) * 1000};
}

std::string format_duration(sim::Duration d) {
  std::int64_t ms = d.count();
  if (ms == 0) return "0s";
  std::string out;
  if (ms < 0) {
    out = "-";
    ms = -ms;
  }
  const std::pair<std::int64_t, const char*> parts[] = {
      {86'400'000, "d"}, {3'600'000, "h"}, {60'000, "min"}, {1'000, "s"}, {1, "ms"}};
  for (const auto& [size, unit] : parts) {
    if (ms >= size) {
      out += fmt::format("{}{}", ms / size, unit);
      ms %= size;
    }
  }
  return out;
}

std::string format_clock(sim::Duration since_midnight) {
  const std::int64_t total_s = since_midnight.count() / 1000;
  const std::int64_t h = total_s / 3600, m = (total_s / 60) % 60, s = total_s % 60;
  if (s != 0) return fmt::format("{:02}:{:02}:{:02}", h, m, s);
  return fmt::format("{:02}:{:02}", h, m);
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  const auto distance = [](std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      std::size_t diag = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j) {
        const std::size_t up = row[j];
        const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                          std::tolower(static_cast<unsigned char>(b[j - 1]));
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (same ? 0 : 1)});
        diag = up;
      }
    }
    return row[b.size()];
  };
  if (word.size() > 200) return {};
  std::string best;
  std::size_t best_d = static_cast<std::size_t>(-1);
  for (const auto& c : candidates) {
    const std::size_t d = distance(word, c);
    if (d < best_d) best_d = d, best = c;
  }
  // Close enough: at most a third of the longer word, and at least one letter kept.
  const std::size_t limit = std::max<std::size_t>(2, std::max(word.size(), best.size()) / 3);
  if (best.empty() || best_d > limit || best_d >= std::max(word.size(), best.size())) return {};
  return best;
}

}  // namespace last100::scenario
