#include "last100/report/csv.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "report/kpis.hpp"

namespace last100::report {

CsvWriter::CsvWriter(const std::vector<std::string>& header) { row(header); }

void CsvWriter::row(const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i != 0) text_ += ',';
    text_ += escape(fields[i]);
  }
  text_ += "\r\n";
}

std::string CsvWriter::escape(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string timeseries_csv(const std::vector<metrics::Summary>& summaries) {
  CsvWriter w({"mode", "time_h", "delivered_per_hour", "backlog", "backlog_station", "backlog_gate", "backlog_shelf",
               "couriers_busy", "couriers_on_shift", "couriers_on_duty", "backlog_min", "backlog_max"});
  for (const auto& s : summaries) {
    const auto& t = s.series;
    const auto at = [](const std::vector<double>& v, std::size_t i) { return i < v.size() ? fmt::format("{}", v[i]) : std::string(); };
    for (std::size_t i = 0; i < t.time_hours.size(); ++i)
      w.row({metrics::column_label(s), at(t.time_hours, i), at(t.delivered_per_hour, i), at(t.backlog, i), at(t.backlog_station, i),
             at(t.backlog_gate, i), at(t.backlog_shelf, i), at(t.couriers_busy, i), at(t.couriers_on_shift, i),
             at(t.couriers_on_duty, i),
             at(t.backlog_min, i), at(t.backlog_max, i)});
  }
  return w.str();
}

std::string summary_csv(const std::vector<metrics::Summary>& summaries) {
  // Per KPI: the value (mean over replications), its 95% half-width, and for censorable ones
  // the lower bound when the value is only known to exceed it. Empty field: no observation.
  const auto& table = metrics::kpi_table();
  std::vector<std::string> header{"scenario", "mode", "seed", "replications"};
  for (const auto& k : table) {
    header.emplace_back(k.key);
    header.push_back(std::string(k.key) + ".half_width");
    if (k.censorable) header.push_back(std::string(k.key) + ".at_least");
  }
  CsvWriter w(header);
  for (const auto& s : summaries) {
    std::vector<std::string> row{s.scenario, metrics::column_label(s), fmt::format("{}", s.seed), fmt::format("{}", s.replications)};
    for (std::size_t i = 0; i < table.size(); ++i) {
      const metrics::Estimate e = metrics::kpi_estimate(s, i);
      row.push_back(e.at_least ? std::string() : detail::csv_number(e.mean));
      row.push_back(detail::csv_number(e.half_width));
      if (table[i].censorable) row.push_back(e.at_least ? detail::csv_number(e.mean) : std::string());
    }
    w.row(row);
  }
  return w.str();
}

std::string places_csv(const std::vector<metrics::Summary>& summaries, bool compounds) {
  // Censored percentiles as in summary.csv: the value empty, the bound in *_at_least.
  const char* id = compounds ? "compound" : "building";
  std::vector<std::string> header{"mode", id, "orders", "delivered", "undelivered", "lead_time_p50_min",
                                  "lead_time_p50_min.at_least", "lead_time_p90_min", "lead_time_p90_min.at_least", "contacts"};
  for (auto name : metrics::stage_wait_names) {
    std::string col = "wait_" + std::string(name) + "_min";
    std::replace_if(col.begin(), col.end(), [](char c) { return c == ' ' || c == '/'; }, '_');
    header.push_back(col);
  }
  CsvWriter w(header);
  for (const auto& s : summaries) {
    const auto& v = compounds ? s.compounds : s.buildings;
    for (std::size_t i = 0; i < v.size(); ++i) {
      const auto& f = v[i];
      const auto& p = f.lead_time_minutes;
      const auto value = [](double x, bool at_least) { return at_least ? std::string() : detail::csv_number(x); };
      const auto bound = [](double x, bool at_least) { return at_least ? detail::csv_number(x) : std::string(); };
      std::vector<std::string> row{metrics::column_label(s), fmt::format("{}", i), detail::csv_number(f.orders), detail::csv_number(f.delivered),
                                   detail::csv_number(f.undelivered), value(p.p50, p.p50_at_least), bound(p.p50, p.p50_at_least),
                                   value(p.p90, p.p90_at_least), bound(p.p90, p.p90_at_least), detail::csv_number(f.contacts)};
      for (double m : f.wait_minutes) row.push_back(detail::csv_number(m));
      w.row(row);
    }
  }
  return w.str();
}

}  // namespace last100::report
