// JSON summaries written by hand (a handful of shapes, escaping done right) and read back
// by a small recursive-descent parser for `last100 report DIR`.

#include "last100/report/json.hpp"

#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "report/kpis.hpp"

namespace last100::report {

using detail::json_number;

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
  const bool reps = s.replications > 1;
  std::string out = "{\n";
  out += fmt::format("  \"scenario\": {},\n  \"mode\": {},\n  \"seed\": {},\n  \"replications\": {},\n", json_string(s.scenario),
                     json_string(s.mode), s.seed, s.replications);
  out += fmt::format("  \"measured_hours\": {}", json_number(s.measured_hours));
  std::string group;  // the open nested object, if any
  for (const auto& k : detail::kpis()) {
    const std::string key = k.key;
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
    const double v = k.get(s);
    std::string val;
    if (reps) val = fmt::format("{{\"mean\": {}, \"half_width\": {}}}", json_number(v), json_number(detail::half_width(s, key)));
    else if (k.integral) val = fmt::format("{}", static_cast<long long>(std::llround(v)));
    else val = json_number(v);
    out += json_string(leaf) + ": " + val;
  }
  if (!group.empty()) out += "\n  }";
  if (details) {
    out += ",\n  \"by_category\": {";
    for (std::size_t c = 0; c < s.by_category.size(); ++c) {
      const auto& cs = s.by_category[c];
      out += fmt::format("{}\n    {}: {{\"created\": {}, \"delivered\": {}, \"spoiled\": {}, \"cancelled\": {}, \"in_flight\": {}, "
                         "\"p50\": {}, \"p90\": {}, \"p99\": {}, \"samples\": {}}}",
                         c ? "," : "", json_string(category_keys[c]), cs.orders.created, cs.orders.delivered, cs.orders.spoiled,
                         cs.orders.cancelled, cs.orders.in_flight, json_number(cs.lead_time_minutes.p50),
                         json_number(cs.lead_time_minutes.p90), json_number(cs.lead_time_minutes.p99), cs.lead_time_minutes.samples);
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
    out += "    \"couriers_on_duty\": " + array_of(t.couriers_on_duty) + "\n  },\n";
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

std::vector<double> nums(const Value* v) {
  std::vector<double> out;
  if (v != nullptr)
    for (const auto& x : v->array) out.push_back(num(&x));
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
  for (const auto& k : detail::kpis()) {
    const std::string key = k.key;
    const auto dot = key.find('.');
    const Value* v = dot == std::string::npos ? o.get(key) : nullptr;
    if (dot != std::string::npos)
      if (const Value* g = o.get(key.substr(0, dot))) v = g->get(key.substr(dot + 1));
    if (v == nullptr) continue;
    if (v->type == Value::Type::object) {
      k.set(s, num(v->get("mean")));
      s.intervals.push_back({key, num(v->get("mean")), num(v->get("half_width"))});
    } else {
      k.set(s, num(v));
    }
  }
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
      cs.lead_time_minutes.p50 = num(cv->get("p50"));
      cs.lead_time_minutes.p90 = num(cv->get("p90"));
      cs.lead_time_minutes.p99 = num(cv->get("p99"));
      cs.lead_time_minutes.samples = static_cast<std::uint64_t>(num(cv->get("samples")));
    }
  }
  s.building_p90_minutes = nums(o.get("building_p90_minutes"));
  if (const auto* t = o.get("series")) {
    s.series.time_hours = nums(t->get("time_hours"));
    s.series.delivered_per_hour = nums(t->get("delivered_per_hour"));
    s.series.backlog = nums(t->get("backlog"));
    s.series.backlog_station = nums(t->get("backlog_station"));
    s.series.backlog_gate = nums(t->get("backlog_gate"));
    s.series.backlog_shelf = nums(t->get("backlog_shelf"));
    s.series.couriers_busy = nums(t->get("couriers_busy"));
    s.series.couriers_on_duty = nums(t->get("couriers_on_duty"));
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
