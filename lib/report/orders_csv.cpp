#include "last100/report/orders_csv.hpp"

#include <fmt/format.h>

#include "last100/report/csv.hpp"

namespace last100::report {

std::string order_records_header() {
  std::string h = "mode,order,household,building,unit,floor,limited_mobility,category,weight_kg,priority,status,cancel_reason";
  for (std::size_t s = 0; s < model::stage_count; ++s)
    h += fmt::format(",{}_min", model::to_string(static_cast<model::Stage>(s)));
  return h + ",lead_time_min\n";
}

std::string order_records_csv(std::string_view mode, const model::World& world) {
  const auto& orders = world.orders;
  const auto& hh = world.households;
  const std::string mode_field = CsvWriter::escape(mode);
  std::string out;
  out.reserve(orders.count() * 120);
  for (std::size_t i = 0; i < orders.count(); ++i) {
    const auto o = make_id<model::OrderTag>(i);
    const auto h = orders.household(o).index();
    out += fmt::format("{},{},{},{},{},{},{},{},{:.2f},{},{},{}", mode_field, i, h, hh.building[h], hh.unit[h],
                       hh.floor[h], hh.limited_mobility[h], model::to_string(orders.category(o)),
                       orders.weight_kg(o), orders.priority(o), model::to_string(orders.status(o)),
                       model::to_string(orders.cancel_reason(o)));
    for (std::size_t s = 0; s < model::stage_count; ++s) {
      const auto t = orders.time(o, static_cast<model::Stage>(s));
      if (t == model::never) out += ",";
      else out += fmt::format(",{:.2f}", sim::to_minutes(t.time_since_epoch()));
    }
    if (orders.reached(o, model::Stage::handed_over))
      out += fmt::format(",{:.2f}\n", sim::to_minutes(orders.time(o, model::Stage::handed_over) -
                                                       orders.time(o, model::Stage::placed)));
    else
      out += ",\n";
  }
  return out;
}

}  // namespace last100::report
