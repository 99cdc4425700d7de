#include "last100/report/csv.hpp"

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
               "couriers_busy", "couriers_on_duty"});
  for (const auto& s : summaries) {
    const auto& t = s.series;
    const auto at = [](const std::vector<double>& v, std::size_t i) { return i < v.size() ? fmt::format("{}", v[i]) : std::string(); };
    for (std::size_t i = 0; i < t.time_hours.size(); ++i)
      w.row({s.mode, at(t.time_hours, i), at(t.delivered_per_hour, i), at(t.backlog, i), at(t.backlog_station, i),
             at(t.backlog_gate, i), at(t.backlog_shelf, i), at(t.couriers_busy, i), at(t.couriers_on_duty, i)});
  }
  return w.str();
}

std::string summary_csv(const std::vector<metrics::Summary>& summaries) {
  std::vector<std::string> header{"scenario", "mode", "seed", "replications"};
  for (const auto& k : detail::kpis()) {
    header.emplace_back(k.key);
    header.push_back(std::string(k.key) + ".half_width");
  }
  CsvWriter w(header);
  for (const auto& s : summaries) {
    std::vector<std::string> row{s.scenario, s.mode, fmt::format("{}", s.seed), fmt::format("{}", s.replications)};
    for (const auto& k : detail::kpis()) {
      row.push_back(fmt::format("{}", k.get(s)));
      row.push_back(fmt::format("{}", detail::half_width(s, k.key)));
    }
    w.row(row);
  }
  return w.str();
}

}  // namespace last100::report
