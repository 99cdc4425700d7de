// JSON summaries written by hand (a handful of shapes, escaping done right) and read back
// by a small recursive-descent parser for `last100 report DIR`.

#include "last100/report/json.hpp"

#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "last100/metrics/kpi_table.hpp"
#include "report/kpis.hpp"

namespace last100::report {

using detail::json_number;
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (u < 0x20 || u == 0x7f) out += fmt::format("\\u{:04x}", u);
        else out += c;  // UTF-8 passes through; the scenario loader only accepts valid UTF-8
    }
  }
  return out + "\"";
}

namespace {

std::string array_of(const std::vector<double>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i != 0) out += ',';
    out += json_number(v[i]);
  }
  return out + "]";
}

const char* const category_keys[] = {"parcel", "fresh_food", "takeout", "staples", "medicine"};

}  // namespace

std::string to_json(const metrics::Summary& s, bool details) {
  std::string out = "{\n";
  out += fmt::format("  \"scenario\": {},\n  \"mode\": {},\n  \"seed\": {},\n  \"replications\": {},\n", json_string(s.scenario),
                     json_string(s.mode), s.seed, s.replications);
  out += fmt::format("  \"provenance\": {{\"version\": {}, \"commit\": {}, \"command\": {}, \"seed_scheme\": {}, "
                     "\"replications\": {}}},\n",
                     json_string(s.provenance.version), json_string(s.provenance.commit), json_string(s.provenance.command),
                     json_string(s.provenance.seed_scheme), s.replications);
  out += fmt::format("  \"measured_hours\": {}", json_number(s.measured_hours));
  // Every KPI of metrics::kpi_table() as {"mean", "half_width", "observed"}: mean null
  // without observation; for a lower bound mean is null and "at_least" holds the bound.
  const auto estimate_json = [](const metrics::Estimate& e) {
    std::string v = e.at_least ? fmt::format("{{\"mean\": null, \"at_least\": {}", json_number(e.mean))
                               : fmt::format("{{\"mean\": {}", json_number(e.mean));
    return v + fmt::format(", \"half_width\": {}, \"observed\": {}}}", json_number(e.half_width), e.observed);
  };
  const auto& table = metrics::kpi_table();
  std::string group;  // the open nested object, if any
  for (std::size_t i = 0; i < table.size(); ++i) {
    const std::string key(table[i].key);
    const auto dot = key.find('.');
    const std::string g = dot == std::string::npos ? "" : key.substr(0, dot);
    const std::string leaf = dot == std::string::npos ? key : key.substr(dot + 1);
    if (g != group) {
      if (!group.empty()) out += "\n  }";
      if (!g.empty()) out += fmt::format(",\n  {}: {{", json_string(g));
      group = g;
    } else if (!g.empty()) {
      out += ",";
    }
    if (g.empty()) out += ",";
    out += g.empty() ? "\n  " : "\n    ";
    out += json_string(leaf) + ": " + estimate_json(metrics::kpi_estimate(s, i));
  }
  if (!group.empty()) out += "\n  }";
  if (s.differences.size() == table.size()) {
    out += ",\n  \"paired_differences\": {";
    for (std::size_t i = 0; i < table.size(); ++i)
      out += fmt::format("{}\n    {}: {}", i ? "," : "", json_string(table[i].key), estimate_json(s.differences[i]));
    out += "\n  }";
  }
  out += ",\n  \"service_level_hours\": " + array_of(s.service_level_hours);
  out += fmt::format(",\n  \"worst_building\": {}", s.worst_building < 0 ? std::string("null") : std::to_string(s.worst_building));
  out += fmt::format(",\n  \"run_end\": {{\"horizon_hours\": {}, \"end_hours\": {}, \"drained\": {}}}",
                     json_number(s.recovery.horizon_hours), json_number(s.recovery.end_hours), s.recovery.drained);
  out += ",\n  \"series_note\": " + json_string(s.series_note);
  if (details) {
    const auto places = [](const std::vector<metrics::PlaceFigures>& v) {
      std::string o = "[";
      for (std::size_t i = 0; i < v.size(); ++i) {
        const auto& f = v[i];
        const auto& p = f.lead_time_minutes;
        o += fmt::format("{}\n    {{\"orders\": {}, \"delivered\": {}, \"undelivered\": {}, \"p50\": {}, \"p50_at_least\": {}, "
                         "\"p90\": {}, \"p90_at_least\": {}, \"contacts\": {}}}",
                         i ? "," : "", json_number(f.orders), json_number(f.delivered), json_number(f.undelivered), json_number(p.p50),
                         p.p50_at_least, json_number(p.p90), p.p90_at_least, json_number(f.contacts));
      }
      return o + (v.empty() ? "]" : "\n  ]");
    };
    out += ",\n  \"buildings\": " + places(s.buildings);
    out += ",\n  \"compounds\": " + places(s.compounds);
    out += ",\n  \"by_category\": {";
    for (std::size_t c = 0; c < s.by_category.size(); ++c) {
      const auto& cs = s.by_category[c];
      out += fmt::format("{}\n    {}: {{\"created\": {}, \"delivered\": {}, \"spoiled\": {}, \"cancelled\": {}, \"in_flight\": {}, "
                         "\"p50\": {}, \"p90\": {}, \"p99\": {}, \"p50_at_least\": {}, \"p90_at_least\": {}, "
                         "\"p99_at_least\": {}, \"samples\": {}, \"censored\": {}}}",
                         c ? "," : "", json_string(category_keys[c]), cs.orders.created, cs.orders.delivered, cs.orders.spoiled,
                         cs.orders.cancelled, cs.orders.in_flight, json_number(cs.lead_time_minutes.p50),
                         json_number(cs.lead_time_minutes.p90), json_number(cs.lead_time_minutes.p99),
                         cs.lead_time_minutes.p50_at_least, cs.lead_time_minutes.p90_at_least, cs.lead_time_minutes.p99_at_least,
                         cs.lead_time_minutes.samples, cs.lead_time_minutes.censored);
    }
    out += "\n  },\n";
    out += "  \"building_p90_minutes\": " + array_of(s.building_p90_minutes) + ",\n";
    const auto& t = s.series;
    out += "  \"series\": {\n";
    out += "    \"time_hours\": " + array_of(t.time_hours) + ",\n";
    out += "    \"delivered_per_hour\": " + array_of(t.delivered_per_hour) + ",\n";
    out += "    \"backlog\": " + array_of(t.backlog) + ",\n";
    out += "    \"backlog_station\": " + array_of(t.backlog_station) + ",\n";
    out += "    \"backlog_gate\": " + array_of(t.backlog_gate) + ",\n";
    out += "    \"backlog_shelf\": " + array_of(t.backlog_shelf) + ",\n";
    out += "    \"couriers_busy\": " + array_of(t.couriers_busy) + ",\n";
    out += "    \"couriers_on_duty\": " + array_of(t.couriers_on_duty) + ",\n";
    out += "    \"backlog_min\": " + array_of(t.backlog_min) + ",\n";
    out += "    \"backlog_max\": " + array_of(t.backlog_max) + "\n  },\n";
    out += "  \"lead_time_cdf\": [";
    for (std::size_t i = 0; i < s.lead_time_cdf.size(); ++i)
      out += fmt::format("{}[{}, {}]", i ? ", " : "", json_number(s.lead_time_cdf[i].minutes), json_number(s.lead_time_cdf[i].share));
    out += "]";
  }
  out += "\n}";
  return out;
}

std::string to_json(const std::vector<metrics::Summary>& summaries, bool details) {
  std::string out = "[";
  for (std::size_t i = 0; i < summaries.size(); ++i) {
    std::string one = to_json(summaries[i], details);
    // Indent the object by two spaces inside the array.
    std::string indented = "  ";
    for (char c : one) {
      indented += c;
      if (c == '\n') indented += "  ";
    }
    out += (i ? ",\n" : "\n") + indented;
  }
  return out + "\n]\n";
}

// ---- reading back ----

namespace {

struct Value {
  enum class Type { null, boolean, number, string, array, object } type = Type::null;
  double number = 0;
  bool boolean = false;
  std::string string;
  std::vector<Value> array;
  std::vector<std::pair<std::string, Value>> object;

  const Value* get(std::string_view key) const {
    for (const auto& [k, v] : object)
      if (k == key) return &v;
    return nullptr;
  }
};

class Parser {
 public:
  explicit Parser(std::string_view text) : t_(text) {}

  Value parse() {
    Value v = value(0);
    space();
    if (i_ != t_.size()) fail("unexpected text after the value");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error(fmt::format("summary JSON: {} at offset {}", what, i_));
  }
  void space() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\n' || t_[i_] == '\r' || t_[i_] == '\t')) ++i_;
  }
  bool eat(char c) {
    space();
    if (i_ < t_.size() && t_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!eat(c)) fail(fmt::format("expected '{}'", c));
  }
  bool word(std::string_view w) {
    if (t_.substr(i_, w.size()) == w) {
      i_ += w.size();
      return true;
    }
    return false;
  }

  Value value(int depth) {
    if (depth > 64) fail("nesting too deep");
    space();
    if (i_ >= t_.size()) fail("unexpected end");
    Value v;
    const char c = t_[i_];
    if (c == '{') {
      ++i_;
      v.type = Value::Type::object;
      if (eat('}')) return v;
      do {
        space();
        std::string k = str();
        expect(':');
        v.object.emplace_back(std::move(k), value(depth + 1));
      } while (eat(','));
      expect('}');
    } else if (c == '[') {
      ++i_;
      v.type = Value::Type::array;
      if (eat(']')) return v;
      do v.array.push_back(value(depth + 1));
      while (eat(','));
      expect(']');
    } else if (c == '"') {
      v.type = Value::Type::string;
      v.string = str();
    } else if (word("true")) {
      v.type = Value::Type::boolean;
      v.boolean = true;
    } else if (word("false")) {
      v.type = Value::Type::boolean;
    } else if (word("null")) {
      v.type = Value::Type::null;
    } else {
      const std::size_t start = i_;
      while (i_ < t_.size() && std::string_view("+-0123456789.eE").find(t_[i_]) != std::string_view::npos) ++i_;
      if (start == i_) fail("expected a value");
      try {
        v.number = std::stod(std::string(t_.substr(start, i_ - start)));
      } catch (const std::exception&) {
        fail("bad number");
      }
      v.type = Value::Type::number;
    }
    return v;
  }

  std::string str() {
    if (i_ >= t_.size() || t_[i_] != '"') fail("expected a string");
    ++i_;
    std::string out;
    while (true) {
      if (i_ >= t_.size()) fail("unterminated string");
      const char c = t_[i_++];
      if (c == '"') break;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i_ >= t_.size()) fail("unterminated escape");
      const char e = t_[i_++];
      switch (e) {
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u': {
          if (i_ + 4 > t_.size()) fail("short \\u escape");
          const unsigned cp = static_cast<unsigned>(std::stoul(std::string(t_.substr(i_, 4)), nullptr, 16));
          i_ += 4;
          if (cp < 0x80) {
            out += static_cast<char>(cp);
          } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
          } else {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
          }
          break;
        }
        default: out += e;
      }
    }
    return out;
  }

  std::string_view t_;
  std::size_t i_ = 0;
};

double num(const Value* v) { return v != nullptr && v->type == Value::Type::number ? v->number : 0.0; }
bool flag(const Value* v) { return v != nullptr && v->type == Value::Type::boolean && v->boolean; }
// A statistic: null (written for NaN, no observation) reads back as NaN, not 0.
double stat(const Value* v) { return v != nullptr && v->type == Value::Type::number ? v->number : nan; }

std::vector<double> nums(const Value* v) {
  std::vector<double> out;
  if (v != nullptr)
    for (const auto& x : v->array) out.push_back(stat(&x));
  return out;
}

metrics::Summary summary_from(const Value& o) {
  if (o.type != Value::Type::object) throw std::runtime_error("summary JSON: expected an object per mode");
  metrics::Summary s;
  if (const auto* v = o.get("scenario")) s.scenario = v->string;
  if (const auto* v = o.get("mode")) s.mode = v->string;
  s.seed = static_cast<std::uint64_t>(num(o.get("seed")));
  s.replications = static_cast<std::uint32_t>(std::max(1.0, num(o.get("replications"))));
  s.measured_hours = num(o.get("measured_hours"));
  if (const Value* pv = o.get("provenance")) {
    const auto text = [&](const char* k) { const Value* v = pv->get(k); return v ? v->string : std::string(); };
    s.provenance = {text("version"), text("commit"), text("command"), text("seed_scheme")};
  }
  const auto estimate_from = [](const Value* v) {
    metrics::Estimate e;
    if (v == nullptr || v->type != Value::Type::object) return e;
    if (const Value* m = v->get("mean"); m != nullptr && m->type == Value::Type::number) e.mean = m->number;
    if (const Value* b = v->get("at_least"); b != nullptr && b->type == Value::Type::number) {
      e.mean = b->number;
      e.at_least = true;
    }
    if (const Value* h = v->get("half_width"); h != nullptr && h->type == Value::Type::number) e.half_width = h->number;
    e.observed = static_cast<std::uint32_t>(num(v->get("observed")));
    return e;
  };
  const auto& table = metrics::kpi_table();
  for (const auto& k : table) {
    const std::string key(k.key);
    const auto dot = key.find('.');
    const Value* v = dot == std::string::npos ? o.get(key) : nullptr;
    if (dot != std::string::npos)
      if (const Value* g = o.get(key.substr(0, dot))) v = g->get(key.substr(dot + 1));
    s.kpis.push_back(estimate_from(v));
  }
  if (const auto* d = o.get("paired_differences"))
    for (const auto& k : table) s.differences.push_back(estimate_from(d->get(k.key)));
  if (const auto* bc = o.get("by_category")) {
    for (std::size_t c = 0; c < s.by_category.size(); ++c) {
      const Value* cv = bc->get(category_keys[c]);
      auto& cs = s.by_category[c];
      cs.category = static_cast<model::Category>(c);
      if (cv == nullptr) continue;
      cs.orders.created = static_cast<std::uint64_t>(num(cv->get("created")));
      cs.orders.delivered = static_cast<std::uint64_t>(num(cv->get("delivered")));
      cs.orders.spoiled = static_cast<std::uint64_t>(num(cv->get("spoiled")));
      cs.orders.cancelled = static_cast<std::uint64_t>(num(cv->get("cancelled")));
      cs.orders.in_flight = static_cast<std::uint64_t>(num(cv->get("in_flight")));
      cs.lead_time_minutes.p50 = stat(cv->get("p50"));
      cs.lead_time_minutes.p90 = stat(cv->get("p90"));
      cs.lead_time_minutes.p99 = stat(cv->get("p99"));
      cs.lead_time_minutes.samples = static_cast<std::uint64_t>(num(cv->get("samples")));
      cs.lead_time_minutes.censored = static_cast<std::uint64_t>(num(cv->get("censored")));
      cs.lead_time_minutes.p50_at_least = flag(cv->get("p50_at_least"));
      cs.lead_time_minutes.p90_at_least = flag(cv->get("p90_at_least"));
      cs.lead_time_minutes.p99_at_least = flag(cv->get("p99_at_least"));
    }
  }
  s.building_p90_minutes = nums(o.get("building_p90_minutes"));
  s.service_level_hours = nums(o.get("service_level_hours"));
  for (std::size_t l = 0; l < s.service_level_hours.size() && l < 4; ++l)
    s.service_levels.push_back(s.kpis[metrics::kpi_index("service_level." + std::to_string(l + 1))].mean);
  if (const Value* w = o.get("worst_building"); w != nullptr && w->type == Value::Type::number)
    s.worst_building = static_cast<std::int64_t>(w->number);
  if (const Value* r = o.get("run_end")) {
    s.recovery.horizon_hours = num(r->get("horizon_hours"));
    s.recovery.end_hours = num(r->get("end_hours"));
    if (const Value* d = r->get("drained")) s.recovery.drained = d->boolean;
  }
  if (const Value* n = o.get("series_note")) s.series_note = n->string;
  const auto places = [&](const Value* v, std::vector<metrics::PlaceFigures>& out) {
    if (v == nullptr) return;
    for (const auto& e : v->array) {
      metrics::PlaceFigures f;
      f.orders = num(e.get("orders"));
      f.delivered = num(e.get("delivered"));
      f.undelivered = num(e.get("undelivered"));
      f.contacts = num(e.get("contacts"));
      f.lead_time_minutes.p50 = stat(e.get("p50"));
      f.lead_time_minutes.p90 = stat(e.get("p90"));
      f.lead_time_minutes.p50_at_least = flag(e.get("p50_at_least"));
      f.lead_time_minutes.p90_at_least = flag(e.get("p90_at_least"));
      out.push_back(f);
    }
  };
  places(o.get("buildings"), s.buildings);
  places(o.get("compounds"), s.compounds);
  if (const auto* t = o.get("series")) {
    s.series.time_hours = nums(t->get("time_hours"));
    s.series.delivered_per_hour = nums(t->get("delivered_per_hour"));
    s.series.backlog = nums(t->get("backlog"));
    s.series.backlog_station = nums(t->get("backlog_station"));
    s.series.backlog_gate = nums(t->get("backlog_gate"));
    s.series.backlog_shelf = nums(t->get("backlog_shelf"));
    s.series.couriers_busy = nums(t->get("couriers_busy"));
    s.series.couriers_on_duty = nums(t->get("couriers_on_duty"));
    s.series.backlog_min = nums(t->get("backlog_min"));
    s.series.backlog_max = nums(t->get("backlog_max"));
  }
  if (const auto* c = o.get("lead_time_cdf"))
    for (const auto& p : c->array)
      if (p.array.size() == 2) s.lead_time_cdf.push_back({num(&p.array[0]), num(&p.array[1])});
  return s;
}

}  // namespace

std::vector<metrics::Summary> summaries_from_json(std::string_view json) {
  const Value root = Parser(json).parse();
  std::vector<metrics::Summary> out;
  if (root.type == Value::Type::array) {
    for (const auto& v : root.array) out.push_back(summary_from(v));
  } else {
    out.push_back(summary_from(root));
  }
  return out;
}

}  // namespace last100::report
