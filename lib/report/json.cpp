// JSON summaries through nlohmann/json: the document is built as an ordered_json (key order
// is part of the documented schema) and parsed back with the library's parser. Only the
// layout is ours (layout_json below): nlohmann's dump() has no hook for the number format,
// and its Grisu2 doubles are not always the shortest round-trip form ("48.0", and a longer
// digit string in rare cases), while our outputs are compared byte for byte across threads,
// MPI ranks and versions. Strings are escaped by the library.

#include "last100/report/json.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "last100/metrics/kpi_table.hpp"
#include "last100/model/names.hpp"
#include "report/kpis.hpp"

namespace last100::report {

namespace {

using ojson = nlohmann::ordered_json;

constexpr int schema_version = 1;

/// A double as JSON: NaN and infinities (a figure with no observation) become null.
ojson number(double v) { return std::isfinite(v) ? ojson(v) : ojson(nullptr); }

ojson array_of(const std::vector<double>& v) {
  ojson a = ojson::array();
  for (double x : v) a.push_back(number(x));
  return a;
}

ojson estimate(const metrics::Estimate& e) {
  // mean null without observation; for a lower bound mean is null and "at_least" holds it.
  ojson o = ojson::object();
  if (e.at_least) {
    o["mean"] = nullptr;
    o["at_least"] = number(e.mean);
  } else {
    o["mean"] = number(e.mean);
  }
  o["half_width"] = number(e.half_width);
  o["observed"] = e.observed;
  return o;
}

ojson places_document(const std::vector<metrics::PlaceFigures>& v) {
  ojson a = ojson::array();
  for (const auto& f : v) {
    const auto& p = f.lead_time_minutes;
    ojson e = ojson::object();
    e["orders"] = number(f.orders);
    e["delivered"] = number(f.delivered);
    e["undelivered"] = number(f.undelivered);
    e["p50"] = number(p.p50);
    e["p50_at_least"] = p.p50_at_least;
    e["p90"] = number(p.p90);
    e["p90_at_least"] = p.p90_at_least;
    e["contacts"] = number(f.contacts);
    ojson waits = ojson::array();
    for (double w : f.wait_minutes) waits.push_back(number(w));
    e["wait_minutes"] = std::move(waits);
    a.push_back(std::move(e));
  }
  return a;
}

ojson summary_document(const metrics::Summary& s, bool details) {
  ojson o = ojson::object();
  o["schema_version"] = schema_version;
  o["scenario"] = s.scenario;
  o["mode"] = s.mode;
  if (!s.variant.empty()) o["variant"] = s.variant;  // only in comparisons of variants
  o["seed"] = s.seed;
  o["replications"] = s.replications;
  ojson& prov = o["provenance"] = ojson::object();
  prov["version"] = s.provenance.version;
  prov["commit"] = s.provenance.commit;
  prov["command"] = s.provenance.command;
  prov["seed_scheme"] = s.provenance.seed_scheme;
  prov["replications"] = s.replications;
  o["measured_hours"] = number(s.measured_hours);
  // Every KPI of metrics::kpi_table(), grouped by the part of its key before a dot.
  const auto& table = metrics::kpi_table();
  for (std::size_t i = 0; i < table.size(); ++i) {
    const std::string key(table[i].key);
    const auto dot = key.find('.');
    ojson& slot = dot == std::string::npos ? o[key] : o[key.substr(0, dot)][key.substr(dot + 1)];
    slot = estimate(metrics::kpi_estimate(s, i));
  }
  if (!s.stopping_rule.empty()) o["stopping_rule"] = s.stopping_rule;
  if (s.differences.size() == table.size()) {
    // Welch intervals, when the columns did not share their worlds, under their own name.
    ojson& d = o[s.differences_paired ? "paired_differences" : "unpaired_differences"] = ojson::object();
    for (std::size_t i = 0; i < table.size(); ++i) d[std::string(table[i].key)] = estimate(s.differences[i]);
  }
  o["service_level_hours"] = array_of(s.service_level_hours);
  o["worst_building"] = s.worst_building < 0 ? ojson(nullptr) : ojson(s.worst_building);
  ojson& end = o["run_end"] = ojson::object();
  end["horizon_hours"] = number(s.recovery.horizon_hours);
  end["end_hours"] = number(s.recovery.end_hours);
  end["drained"] = s.recovery.drained;
  // Each surge window of the scenario and how the backlog recovered after it.
  ojson& surges = o["surges"] = ojson::array();
  for (const auto& w : s.recovery.surges) {
    ojson e = ojson::object();
    e["start_hours"] = number(w.start_hours);
    e["end_hours"] = number(w.end_hours);
    e["pre_surge_backlog"] = number(w.pre_surge_backlog);
    e["clear_hours"] = estimate(w.clear_hours);
    surges.push_back(std::move(e));
  }
  o["series_note"] = s.series_note;
  if (!details) return o;
  o["buildings"] = places_document(s.buildings);
  o["compounds"] = places_document(s.compounds);
  ojson& bc = o["by_category"] = ojson::object();
  for (std::size_t c = 0; c < s.by_category.size(); ++c) {
    const auto& cs = s.by_category[c];
    const auto& lt = cs.lead_time_minutes;
    ojson& e = bc[std::string(model::name_of(static_cast<model::Category>(c)))] = ojson::object();
    e["created"] = cs.orders.created;
    e["delivered"] = cs.orders.delivered;
    e["spoiled"] = cs.orders.spoiled;
    e["cancelled"] = cs.orders.cancelled;
    e["in_flight"] = cs.orders.in_flight;
    e["p50"] = number(lt.p50);
    e["p90"] = number(lt.p90);
    e["p99"] = number(lt.p99);
    e["p50_at_least"] = lt.p50_at_least;
    e["p90_at_least"] = lt.p90_at_least;
    e["p99_at_least"] = lt.p99_at_least;
    e["samples"] = lt.samples;
    e["censored"] = lt.censored;
  }
  o["building_p90_minutes"] = array_of(s.building_p90_minutes);
  const auto& t = s.series;
  ojson& series = o["series"] = ojson::object();
  series["time_hours"] = array_of(t.time_hours);
  series["delivered_per_hour"] = array_of(t.delivered_per_hour);
  series["backlog"] = array_of(t.backlog);
  series["backlog_station"] = array_of(t.backlog_station);
  series["backlog_gate"] = array_of(t.backlog_gate);
  series["backlog_shelf"] = array_of(t.backlog_shelf);
  series["couriers_busy"] = array_of(t.couriers_busy);
  series["couriers_on_duty"] = array_of(t.couriers_on_duty);
  series["couriers_on_shift"] = array_of(t.couriers_on_shift);
  series["backlog_min"] = array_of(t.backlog_min);
  series["backlog_max"] = array_of(t.backlog_max);
  ojson& cdf = o["lead_time_cdf"] = ojson::array();
  for (const auto& p : s.lead_time_cdf) cdf.push_back(ojson::array({number(p.minutes), number(p.share)}));
  return o;
}

// ---- layout ----

/// An estimate ({"mean", "half_width", ...}) stays on one line, like a number.
bool is_interval(const ojson& v) { return v.is_object() && v.contains("half_width"); }

void write_scalar(std::string& out, const ojson& v) {
  switch (v.type()) {
    case ojson::value_t::number_float: {
      const double d = v.get<double>();
      out += std::isfinite(d) ? fmt::format("{}", d) : std::string("null");  // shortest round-trip form
      break;
    }
    case ojson::value_t::number_integer: out += fmt::format("{}", v.get<std::int64_t>()); break;
    case ojson::value_t::number_unsigned: out += fmt::format("{}", v.get<std::uint64_t>()); break;
    case ojson::value_t::string: out += json_string(v.get_ref<const std::string&>()); break;
    default: out += v.dump(); break;  // null, true, false
  }
}

/// Writes `v` in the summary layout: the summary object and its member objects one key per
/// line (two-space indent), everything deeper (and every interval and array) on one line.
void layout_json(std::string& out, const ojson& v, int depth, const std::string& indent, bool in_array) {
  if (v.is_object()) {
    const bool multiline = depth < 2 && !is_interval(v);
    if (v.empty()) {
      out += "{}";
      return;
    }
    out += '{';
    const std::string inner = indent + "  ";
    bool first = true;
    for (const auto& [key, member] : v.items()) {
      if (!first) out += ',';
      out += multiline ? "\n" + inner : (first ? "" : " ");
      first = false;
      out += json_string(key) + ": ";
      layout_json(out, member, depth + 1, inner, false);
    }
    out += multiline ? "\n" + indent + "}" : "}";
  } else if (v.is_array()) {
    // Numbers pack tightly (time series are long); pairs read better spaced.
    bool scalars = true;
    for (const auto& e : v) scalars = scalars && !e.is_structured();
    const char* sep = scalars && !in_array ? "," : ", ";
    out += '[';
    bool first = true;
    for (const auto& e : v) {
      if (!first) out += sep;
      first = false;
      layout_json(out, e, depth + 1, indent, true);
    }
    out += ']';
  } else {
    write_scalar(out, v);
  }
}

}  // namespace

std::string json_string(std::string_view s) {
  // The scenario loader only accepts valid UTF-8; replace anything else rather than throw.
  return ojson(std::string(s)).dump(-1, ' ', false, ojson::error_handler_t::replace);
}

std::string to_json(const metrics::Summary& s, bool details) {
  std::string out;
  layout_json(out, summary_document(s, details), 0, "", false);
  return out;
}

std::string to_json(const std::vector<metrics::Summary>& summaries, bool details) {
  std::string out = "[";
  for (std::size_t i = 0; i < summaries.size(); ++i) {
    out += i ? ",\n  " : "\n  ";
    layout_json(out, summary_document(summaries[i], details), 0, "  ", false);
  }
  return out + "\n]\n";
}

// ---- reading back ----

namespace {

using json = nlohmann::json;

[[noreturn]] void bad(const std::string& what) { throw std::runtime_error("summary JSON: " + what); }

const char* type_of(const json& v) { return v.type_name(); }

/// A number, or NaN for null (how the writer records a figure with no observation).
double num(const json& v, const std::string& where) {
  if (v.is_number()) return v.get<double>();
  if (v.is_null()) return std::numeric_limits<double>::quiet_NaN();
  bad(fmt::format("'{}' should be a number, found {}", where, type_of(v)));
}

/// The member `key` of `o` as a number, NaN when absent or null.
double num_at(const json& o, const std::string& key, const std::string& where) {
  const auto it = o.find(key);
  return it == o.end() ? std::numeric_limits<double>::quiet_NaN() : num(*it, where + key);
}

std::uint64_t count(const json& o, const std::string& key, const std::string& where) {
  const auto it = o.find(key);
  if (it == o.end() || it->is_null()) return 0;
  if (it->is_number_unsigned()) return it->get<std::uint64_t>();
  if (it->is_number_integer() && it->get<std::int64_t>() >= 0) return static_cast<std::uint64_t>(it->get<std::int64_t>());
  // Means across replications of a count are fractional; round like the table does.
  if (it->is_number_float() && it->get<double>() >= 0 && it->get<double>() < 1.8e19)
    return static_cast<std::uint64_t>(std::llround(it->get<double>()));
  bad(fmt::format("'{}{}' should be a count, found {}", where, key, it->dump()));
}

std::string text(const json& o, const std::string& key) {
  const auto it = o.find(key);
  if (it == o.end()) return {};
  if (!it->is_string()) bad(fmt::format("'{}' should be a string, found {}", key, type_of(*it)));
  return it->get<std::string>();
}

const json* object_at(const json& o, const std::string& key) {
  const auto it = o.find(key);
  if (it == o.end() || it->is_null()) return nullptr;
  if (!it->is_object()) bad(fmt::format("'{}' should be an object, found {}", key, type_of(*it)));
  return &*it;
}

std::vector<double> nums(const json* o, const std::string& key, const std::string& where) {
  std::vector<double> out;
  if (o == nullptr) return out;
  const auto it = o->find(key);
  if (it == o->end() || it->is_null()) return out;
  if (!it->is_array()) bad(fmt::format("'{}{}' should be an array, found {}", where, key, type_of(*it)));
  out.reserve(it->size());
  for (const auto& x : *it) out.push_back(num(x, where + key));
  return out;
}

bool flag_at(const json& o, const std::string& key, const std::string& where) {
  const auto it = o.find(key);
  if (it == o.end() || it->is_null()) return false;
  if (!it->is_boolean()) bad(fmt::format("'{}{}' should be true or false, found {}", where, key, it->dump()));
  return it->get<bool>();
}

metrics::Estimate estimate_from(const json* v, const std::string& where) {
  metrics::Estimate e;
  if (v == nullptr || v->is_null()) return e;
  if (!v->is_object()) bad(fmt::format("'{}' should be an object with mean and half_width, found {}", where, type_of(*v)));
  e.mean = num_at(*v, "mean", where + ".");
  if (const auto it = v->find("at_least"); it != v->end() && !it->is_null()) {
    e.mean = num(*it, where + ".at_least");
    e.at_least = true;
  }
  e.half_width = num_at(*v, "half_width", where + ".");
  const std::uint64_t observed = count(*v, "observed", where + ".");
  if (observed > std::numeric_limits<std::uint32_t>::max()) bad(fmt::format("'{}.observed' is out of range", where));
  e.observed = static_cast<std::uint32_t>(observed);
  return e;
}

const json* member(const json& o, const std::string& key) {
  const auto it = o.find(key);
  return it == o.end() ? nullptr : &*it;
}

void places_from(const json& o, const std::string& key, std::vector<metrics::PlaceFigures>& out) {
  const auto it = o.find(key);
  if (it == o.end() || it->is_null()) return;
  if (!it->is_array()) bad(fmt::format("'{}' should be an array, found {}", key, type_of(*it)));
  for (const auto& e : *it) {
    if (!e.is_object()) bad(fmt::format("'{}' should hold objects, found {}", key, type_of(e)));
    const std::string where = key + "[].";
    metrics::PlaceFigures f;
    f.orders = num_at(e, "orders", where);
    f.delivered = num_at(e, "delivered", where);
    f.undelivered = num_at(e, "undelivered", where);
    f.contacts = num_at(e, "contacts", where);
    f.lead_time_minutes.p50 = num_at(e, "p50", where);
    f.lead_time_minutes.p90 = num_at(e, "p90", where);
    f.lead_time_minutes.p50_at_least = flag_at(e, "p50_at_least", where);
    f.lead_time_minutes.p90_at_least = flag_at(e, "p90_at_least", where);
    // Stage waits (per metrics::stage_wait_names); absent in files of earlier versions: n/a.
    if (const auto w = e.find("wait_minutes"); w != e.end() && !w->is_null()) {
      if (!w->is_array() || w->size() != f.wait_minutes.size())
        bad(fmt::format("'{}wait_minutes' should be an array of {} numbers", where, f.wait_minutes.size()));
      for (std::size_t k = 0; k < f.wait_minutes.size(); ++k) f.wait_minutes[k] = num((*w)[k], where + "wait_minutes");
    }
    out.push_back(f);
  }
}

metrics::Summary summary_from(const json& o) {
  if (!o.is_object()) bad(fmt::format("expected an object per mode, found {}", type_of(o)));
  if (const auto it = o.find("schema_version"); it != o.end()) {
    if (!it->is_number_integer() || it->get<std::int64_t>() < 1)
      bad(fmt::format("'schema_version' should be a positive integer, found {}", it->dump()));
    if (it->get<std::int64_t>() > schema_version)
      bad(fmt::format("schema_version {} is newer than this last100 reads ({}); use a newer last100",
                      it->get<std::int64_t>(), schema_version));
  }
  // Every summary we write names its mode; an object without one ({} included) is not a run.
  if (!o.contains("mode")) bad("an object without 'mode' is not a run's summary; nothing to report");
  metrics::Summary s;
  s.scenario = text(o, "scenario");
  s.mode = text(o, "mode");
  s.variant = text(o, "variant");
  s.stopping_rule = text(o, "stopping_rule");
  s.seed = count(o, "seed", "");
  const std::uint64_t reps = count(o, "replications", "");
  if (reps > std::numeric_limits<std::uint32_t>::max()) bad("'replications' is out of range");
  s.replications = static_cast<std::uint32_t>(std::max<std::uint64_t>(1, reps));
  s.measured_hours = num_at(o, "measured_hours", "");
  if (const json* pv = object_at(o, "provenance"))
    s.provenance = {text(*pv, "version"), text(*pv, "commit"), text(*pv, "command"), text(*pv, "seed_scheme")};
  const auto& table = metrics::kpi_table();
  for (const auto& k : table) {
    const std::string key(k.key);
    const auto dot = key.find('.');
    const json* v = nullptr;
    if (dot == std::string::npos) {
      v = member(o, key);
    } else if (const json* g = object_at(o, key.substr(0, dot))) {
      v = member(*g, key.substr(dot + 1));
    }
    s.kpis.push_back(estimate_from(v, key));
  }
  if (const json* d = object_at(o, "paired_differences"))
    for (const auto& k : table) s.differences.push_back(estimate_from(member(*d, std::string(k.key)), "paired_differences." + std::string(k.key)));
  if (const json* d = object_at(o, "unpaired_differences")) {
    s.differences.clear();
    s.differences_paired = false;
    for (const auto& k : table)
      s.differences.push_back(estimate_from(member(*d, std::string(k.key)), "unpaired_differences." + std::string(k.key)));
  }
  if (const json* bc = object_at(o, "by_category")) {
    for (std::size_t c = 0; c < s.by_category.size(); ++c) {
      auto& cs = s.by_category[c];
      cs.category = static_cast<model::Category>(c);
      const auto it = bc->find(std::string(model::name_of(static_cast<model::Category>(c))));
      if (it == bc->end()) continue;
      if (!it->is_object()) bad(fmt::format("'by_category.{}' should be an object", std::string(model::name_of(static_cast<model::Category>(c)))));
      const std::string where = fmt::format("by_category.{}.", std::string(model::name_of(static_cast<model::Category>(c))));
      auto& lt = cs.lead_time_minutes;
      cs.orders.created = count(*it, "created", where);
      cs.orders.delivered = count(*it, "delivered", where);
      cs.orders.spoiled = count(*it, "spoiled", where);
      cs.orders.cancelled = count(*it, "cancelled", where);
      cs.orders.in_flight = count(*it, "in_flight", where);
      lt.p50 = num_at(*it, "p50", where);
      lt.p90 = num_at(*it, "p90", where);
      lt.p99 = num_at(*it, "p99", where);
      lt.samples = count(*it, "samples", where);
      lt.censored = count(*it, "censored", where);
      lt.p50_at_least = flag_at(*it, "p50_at_least", where);
      lt.p90_at_least = flag_at(*it, "p90_at_least", where);
      lt.p99_at_least = flag_at(*it, "p99_at_least", where);
    }
  }
  s.building_p90_minutes = nums(&o, "building_p90_minutes", "");
  s.service_level_hours = nums(&o, "service_level_hours", "");
  for (std::size_t l = 0; l < s.service_level_hours.size() && l < 4; ++l)
    s.service_levels.push_back(s.kpis[metrics::kpi_index("service_level." + std::to_string(l + 1))].mean);
  if (const auto it = o.find("worst_building"); it != o.end() && !it->is_null()) {
    if (!it->is_number_integer()) bad(fmt::format("'worst_building' should be an integer or null, found {}", it->dump()));
    s.worst_building = it->get<std::int64_t>();
  }
  if (const json* r = object_at(o, "run_end")) {
    s.recovery.horizon_hours = num_at(*r, "horizon_hours", "run_end.");
    s.recovery.end_hours = num_at(*r, "end_hours", "run_end.");
    s.recovery.drained = flag_at(*r, "drained", "run_end.");
  }
  if (const auto it = o.find("surges"); it != o.end() && !it->is_null()) {
    if (!it->is_array()) bad(fmt::format("'surges' should be an array, found {}", type_of(*it)));
    for (const auto& e : *it) {
      if (!e.is_object()) bad(fmt::format("'surges' should hold objects, found {}", type_of(e)));
      metrics::SurgeRecovery w;
      w.start_hours = num_at(e, "start_hours", "surges[].");
      w.end_hours = num_at(e, "end_hours", "surges[].");
      w.pre_surge_backlog = num_at(e, "pre_surge_backlog", "surges[].");
      w.clear_hours = estimate_from(member(e, "clear_hours"), "surges[].clear_hours");
      s.recovery.surges.push_back(w);
    }
  }
  s.series_note = text(o, "series_note");
  places_from(o, "buildings", s.buildings);
  places_from(o, "compounds", s.compounds);
  if (const json* t = object_at(o, "series")) {
    s.series.time_hours = nums(t, "time_hours", "series.");
    s.series.delivered_per_hour = nums(t, "delivered_per_hour", "series.");
    s.series.backlog = nums(t, "backlog", "series.");
    s.series.backlog_station = nums(t, "backlog_station", "series.");
    s.series.backlog_gate = nums(t, "backlog_gate", "series.");
    s.series.backlog_shelf = nums(t, "backlog_shelf", "series.");
    s.series.couriers_busy = nums(t, "couriers_busy", "series.");
    s.series.couriers_on_duty = nums(t, "couriers_on_duty", "series.");
    // Absent from a summary.json of an earlier version: the utilisation chart then says n/a.
    s.series.couriers_on_shift = nums(t, "couriers_on_shift", "series.");
    s.series.backlog_min = nums(t, "backlog_min", "series.");
    s.series.backlog_max = nums(t, "backlog_max", "series.");
  }
  if (const auto it = o.find("lead_time_cdf"); it != o.end() && !it->is_null()) {
    if (!it->is_array()) bad("'lead_time_cdf' should be an array of [minutes, share] pairs");
    for (const auto& p : *it) {
      if (!p.is_array() || p.size() != 2) bad("'lead_time_cdf' should be an array of [minutes, share] pairs");
      s.lead_time_cdf.push_back({num(p[0], "lead_time_cdf"), num(p[1], "lead_time_cdf")});
    }
  }
  return s;
}

}  // namespace

std::vector<metrics::Summary> summaries_from_json(std::string_view text) {
  json root;
  try {
    root = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    // e.what() is "[json.exception.parse_error.101] parse error at line L, column C: ..."
    std::string what = e.what();
    if (const auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
    bad(fmt::format("{} (byte {})", what, e.byte));
  }
  std::vector<metrics::Summary> out;
  if (root.is_array()) {
    for (const auto& v : root) out.push_back(summary_from(v));
  } else {
    out.push_back(summary_from(root));
  }
  return out;
}

}  // namespace last100::report
