#include "report/kpis.hpp"

#include <cmath>
#include <cstdint>

#include <fmt/format.h>

namespace last100::report::detail {

namespace {

std::uint64_t to_count(double v) { return v <= 0 || !std::isfinite(v) ? 0 : static_cast<std::uint64_t>(std::llround(v)); }

}  // namespace

#define LAST100_KPI_U64(KEY, LABEL, FIELD)                                                     \
  Kpi {                                                                                        \
    KEY, LABEL, 0, true, [](const metrics::Summary& s) { return static_cast<double>(s.FIELD); }, \
        [](metrics::Summary& s, double v) { s.FIELD = to_count(v); }                           \
  }
#define LAST100_KPI_U32(KEY, LABEL, FIELD)                                                     \
  Kpi {                                                                                        \
    KEY, LABEL, 0, true, [](const metrics::Summary& s) { return static_cast<double>(s.FIELD); }, \
        [](metrics::Summary& s, double v) { s.FIELD = static_cast<std::uint32_t>(to_count(v)); } \
  }
#define LAST100_KPI_REAL(KEY, LABEL, DEC, FIELD)                                                  \
  Kpi {                                                                                           \
    KEY, LABEL, DEC, false, [](const metrics::Summary& s) { return s.FIELD; },                    \
        [](metrics::Summary& s, double v) { s.FIELD = v; }                                        \
  }

const std::vector<Kpi>& kpis() {
  static const std::vector<Kpi> list = {
      LAST100_KPI_U64("orders.created", "orders created", orders.created),
      LAST100_KPI_U64("orders.delivered", "orders delivered", orders.delivered),
      LAST100_KPI_U64("orders.spoiled", "orders spoiled", orders.spoiled),
      LAST100_KPI_U64("orders.cancelled", "orders cancelled", orders.cancelled),
      LAST100_KPI_U64("orders.in_flight", "orders in flight at the end", orders.in_flight),
      LAST100_KPI_REAL("throughput_per_hour", "throughput (orders/h)", 1, throughput_per_hour),
      LAST100_KPI_REAL("orders_per_courier_hour", "per courier (orders/courier-h)", 2, orders_per_courier_hour),
      LAST100_KPI_REAL("lead_time_minutes.p50", "lead time p50 (min)", 1, lead_time_minutes.p50),
      LAST100_KPI_REAL("lead_time_minutes.p90", "lead time p90 (min)", 1, lead_time_minutes.p90),
      LAST100_KPI_REAL("lead_time_minutes.p99", "lead time p99 (min)", 1, lead_time_minutes.p99),
      LAST100_KPI_REAL("courier_utilisation.delivery", "courier time: delivery (share)", 3, courier_utilisation.delivery),
      LAST100_KPI_REAL("courier_utilisation.walking", "courier time: walking (share)", 3, courier_utilisation.walking),
      LAST100_KPI_REAL("courier_utilisation.stairs", "courier time: stairs/lift (share)", 3, courier_utilisation.stairs),
      LAST100_KPI_REAL("courier_utilisation.duty", "courier time: volunteer duty (share)", 3, courier_utilisation.duty),
      LAST100_KPI_REAL("courier_utilisation.idle", "courier time: idle (share)", 3, courier_utilisation.idle),
      LAST100_KPI_U64("contacts.courier_resident", "contacts courier-resident (count)", contacts.courier_resident),
      LAST100_KPI_U64("contacts.resident_resident", "contacts resident-resident (count)", contacts.resident_resident),
      LAST100_KPI_U32("peak_shelf_crowding", "peak shelf crowding (people)", peak_shelf_crowding),
      LAST100_KPI_U64("spoiled_fresh", "fresh food spoiled (orders)", spoiled_fresh),
      LAST100_KPI_U64("late_takeout", "takeout late (orders)", late_takeout),
      LAST100_KPI_REAL("worst_building_p90_minutes", "worst building p90 (min)", 1, worst_building_p90_minutes),
      LAST100_KPI_REAL("limited_mobility_p90_minutes", "limited-mobility p90 (min)", 1, limited_mobility_p90_minutes),
  };
  return list;
}

#undef LAST100_KPI_U64
#undef LAST100_KPI_U32
#undef LAST100_KPI_REAL

double half_width(const metrics::Summary& s, const std::string& key) {
  for (const auto& i : s.intervals)
    if (i.name == key) return i.half_width;
  return 0.0;
}

}  // namespace last100::report::detail
