#include "report/kpis.hpp"

#include <cmath>

#include <fmt/format.h>

namespace last100::report::detail {

std::string format_estimate(const metrics::KpiDef& k, const metrics::Estimate& e, bool replicated, bool signed_value) {
  if (!std::isfinite(e.mean)) return "n/a";
  const bool integral = k.kind == metrics::KpiKind::count || k.kind == metrics::KpiKind::people;
  std::string out = integral && !replicated ? fmt::format("{}", static_cast<long long>(std::llround(e.mean)))
                                            : fmt::format("{:.{}f}", e.mean, k.decimals);
  if (signed_value && e.mean > 0) out.insert(out.begin(), '+');
  if (e.at_least) out = "> " + out;
  if (replicated && std::isfinite(e.half_width)) out += fmt::format(" ± {:.{}f}", e.half_width, k.decimals);
  return out;
}

std::string json_number(double v) {
  if (!std::isfinite(v)) return "null";
  return fmt::format("{}", v);
}

std::string csv_number(double v) {
  if (!std::isfinite(v)) return "";
  return fmt::format("{}", v);
}

}  // namespace last100::report::detail
