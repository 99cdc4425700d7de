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

#include "report/kpis.hpp"

namespace last100::report {

namespace {

using ojson = nlohmann::ordered_json;

constexpr int schema_version = 1;

const char* const category_keys[] = {"parcel", "fresh_food", "takeout", "staples", "medicine"};

/// A double as JSON: NaN and infinities (a figure with no observation) become null.
ojson number(double v) { return std::isfinite(v) ? ojson(v) : ojson(nullptr); }

ojson array_of(const std::vector<double>& v) {
  ojson a = ojson::array();
  for (double x : v) a.push_back(number(x));
  return a;
}

ojson summary_document(const metrics::Summary& s, bool details) {
  const bool reps = s.replications > 1;
  ojson o = ojson::object();
  o["schema_version"] = schema_version;
  o["scenario"] = s.scenario;
  o["mode"] = s.mode;
  o["seed"] = s.seed;
  o["replications"] = s.replications;
  o["measured_hours"] = number(s.measured_hours);
  for (const auto& k : detail::kpis()) {
    const std::string key = k.key;
    const auto dot = key.find('.');
    ojson& slot = dot == std::string::npos ? o[key] : o[key.substr(0, dot)][key.substr(dot + 1)];
    const double v = k.get(s);
    if (reps) {
      slot = ojson::object();
      slot["mean"] = number(v);
      slot["half_width"] = number(detail::half_width(s, key));
    } else if (k.integral) {
      slot = static_cast<std::int64_t>(std::llround(v));
    } else {
      slot = number(v);
    }
  }
  if (!details) return o;
  ojson& bc = o["by_category"] = ojson::object();
  for (std::size_t c = 0; c < s.by_category.size(); ++c) {
    const auto& cs = s.by_category[c];
    ojson& e = bc[category_keys[c]] = ojson::object();
    e["created"] = cs.orders.created;
    e["delivered"] = cs.orders.delivered;
    e["spoiled"] = cs.orders.spoiled;
    e["cancelled"] = cs.orders.cancelled;
    e["in_flight"] = cs.orders.in_flight;
    e["p50"] = number(cs.lead_time_minutes.p50);
    e["p90"] = number(cs.lead_time_minutes.p90);
    e["p99"] = number(cs.lead_time_minutes.p99);
    e["samples"] = cs.lead_time_minutes.samples;
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
  ojson& cdf = o["lead_time_cdf"] = ojson::array();
  for (const auto& p : s.lead_time_cdf) cdf.push_back(ojson::array({number(p.minutes), number(p.share)}));
  return o;
}

// ---- layout ----

bool is_interval(const ojson& v) { return v.is_object() && v.size() == 2 && v.contains("mean") && v.contains("half_width"); }

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

metrics::Summary summary_from(const json& o) {
  if (!o.is_object()) bad(fmt::format("expected an object per mode, found {}", type_of(o)));
  if (const auto it = o.find("schema_version"); it != o.end()) {
    if (!it->is_number_integer() || it->get<std::int64_t>() < 1)
      bad(fmt::format("'schema_version' should be a positive integer, found {}", it->dump()));
    if (it->get<std::int64_t>() > schema_version)
      bad(fmt::format("schema_version {} is newer than this last100 reads ({}); use a newer last100",
                      it->get<std::int64_t>(), schema_version));
  }
  metrics::Summary s;
  s.scenario = text(o, "scenario");
  s.mode = text(o, "mode");
  s.seed = count(o, "seed", "");
  const std::uint64_t reps = count(o, "replications", "");
  if (reps > std::numeric_limits<std::uint32_t>::max()) bad("'replications' is out of range");
  s.replications = static_cast<std::uint32_t>(std::max<std::uint64_t>(1, reps));
  s.measured_hours = num_at(o, "measured_hours", "");
  for (const auto& k : detail::kpis()) {
    const std::string key = k.key;
    const auto dot = key.find('.');
    const json* holder = &o;
    std::string leaf = key;
    if (dot != std::string::npos) {
      holder = object_at(o, key.substr(0, dot));
      leaf = key.substr(dot + 1);
    }
    if (holder == nullptr) continue;
    const auto it = holder->find(leaf);
    if (it == holder->end()) continue;
    if (it->is_object()) {
      const double mean = num_at(*it, "mean", key + ".");
      k.set(s, mean);
      s.intervals.push_back({key, mean, num_at(*it, "half_width", key + ".")});
    } else {
      k.set(s, num(*it, key));
    }
  }
  if (const json* bc = object_at(o, "by_category")) {
    for (std::size_t c = 0; c < s.by_category.size(); ++c) {
      auto& cs = s.by_category[c];
      cs.category = static_cast<model::Category>(c);
      const auto it = bc->find(category_keys[c]);
      if (it == bc->end()) continue;
      if (!it->is_object()) bad(fmt::format("'by_category.{}' should be an object", category_keys[c]));
      const std::string where = fmt::format("by_category.{}.", category_keys[c]);
      cs.orders.created = count(*it, "created", where);
      cs.orders.delivered = count(*it, "delivered", where);
      cs.orders.spoiled = count(*it, "spoiled", where);
      cs.orders.cancelled = count(*it, "cancelled", where);
      cs.orders.in_flight = count(*it, "in_flight", where);
      cs.lead_time_minutes.p50 = num_at(*it, "p50", where);
      cs.lead_time_minutes.p90 = num_at(*it, "p90", where);
      cs.lead_time_minutes.p99 = num_at(*it, "p99", where);
      cs.lead_time_minutes.samples = count(*it, "samples", where);
    }
  }
  s.building_p90_minutes = nums(&o, "building_p90_minutes", "");
  if (const json* t = object_at(o, "series")) {
    s.series.time_hours = nums(t, "time_hours", "series.");
    s.series.delivered_per_hour = nums(t, "delivered_per_hour", "series.");
    s.series.backlog = nums(t, "backlog", "series.");
    s.series.backlog_station = nums(t, "backlog_station", "series.");
    s.series.backlog_gate = nums(t, "backlog_gate", "series.");
    s.series.backlog_shelf = nums(t, "backlog_shelf", "series.");
    s.series.couriers_busy = nums(t, "couriers_busy", "series.");
    s.series.couriers_on_duty = nums(t, "couriers_on_duty", "series.");
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
