// Declared tables: the top level, how long and how often a scenario runs, what it writes, and the events of
// a run (quarantines, gate closures, status changes, staffing rules). Defaults come from
// model/params.hpp and scenario.hpp, where their sources are noted.

#include "scenario/schema_bind.hpp"

namespace last100::scenario::detail {

using namespace std::chrono_literals;
using model::Duration;
constexpr Duration day = 24h;
constexpr Duration years10 = day * 3650;

const Table<Scenario>& top_table() {
  using S = Scenario;
  const auto unread = [](const S&) { return KeyValue{std::string{}}; };
  const auto unset = [](S&, const KeyValue&) {};
  static const Table<S> t{
      "", false,
      {key("name", &S::name).max_length(200).default_text("the file's stem").doc("shown in tables and the report (HTML-escaped)"),
       key("description", &S::description).max_length(10000).omit_default().doc("first line is shown by `last100 list`"),
       key<S>("extends", KeyType::text, unread, unset)
           .by_hand()
           .type_text("string (path)")
           .default_text("none")
           .doc("a base file, relative to this file's folder (below)"),
       key<S>("replaces", KeyType::text, unread, unset)
           .by_hand()
           .type_text("array of strings")
           .default_text("[]")
           .doc("arrays this file replaces on purpose (no warning), e.g. `[\"couriers\"]`")},
      {"area", "vertical", "population", "demand", "couriers", "vehicles", "sorting", "lobby_volunteers", "carts", "duties",
       "zone", "events", "dispatch", "mode", "run", "output"}};
  return t;
}

const Table<Scenario>& mode_table() {
  using S = Scenario;
  const auto unread = [](const S&) { return KeyValue{std::string{}}; };
  const auto unset = [](S&, const KeyValue&) {};
  static const Table<S> t{
      "mode", false,
      {key<S>("name", KeyType::text, unread, unset)
           .by_hand()
           .max_length(100)
           .note("a registered mode (`last100 modes`); not with `modes`")
           .default_text("none")
           .doc("runs one mode"),
       key<S>("modes", KeyType::text, unread, unset)
           .by_hand()
           .type_text("array of strings")
           .note("registered modes, each once; not with `name`")
           .default_text("none")
           .doc("runs several on the same area and demand")},
      {"<name>"}};
  return t;
}

const Table<model::RunParams>& run_table() {
  using S = model::RunParams;
  static const Table<S> t{
      "run", false,
      {key("duration", &S::duration)
           .provenance(setting("a run control: the horizon")).after(0s, years10).doc("the horizon: orders placed in [warmup, duration) are measured"),
       key("warmup", &S::warmup)
           .provenance(setting("a run control")).within(0s, years10).note("shorter than `duration`").doc("discarded from the statistics"),
       key("drain_limit", &S::drain_limit)
           .provenance(setting("a measurement rule: longer than any backlog the bundled scenarios build (docs/metrics.md)"))
           .within(0s, day * 365)
           .doc("assumed: after the horizon demand stops and the run goes on until every measured order is resolved "
                "or this passes (`docs/metrics.md`)"),
       key<S>(
           "service_levels", KeyType::duration, [](const S&) { return KeyValue{Duration{0}}; }, [](S&, const KeyValue&) {})
           .by_hand()
           .type_text("array of 1 to 4 increasing durations")
           .note("each in (0s, 365d]")
           .default_text([] {
             std::string s;
             for (const auto d : S{}.service_levels) s += (s.empty() ? "[\"" : ", \"") + format_duration(d) + "\"";
             return s + "]";
           }())
           .doc("assumed planning marks: the share of measured orders delivered within each"),
       key("seed", &S::seed)
           .provenance(setting("a run control"))
           .by_hand()
           .type_text("integer, or a string of decimal digits above 9.2e18")
           .note("[0, 18446744073709551615]")
           .doc("the first replication's seed"),
       key("replications", &S::replications)
           .provenance(setting("a run control")).range(1, 10000).doc("runs on worlds drawn with different seeds")}};
  return t;
}

const Table<Outputs>& output_table() {
  using S = Outputs;
  static const Table<S> t{
      "output", false,
      {key("dir", &S::dir).omit_default().doc("results folder (like `--out`)"),
       key("json", &S::json).omit_default().doc("JSON summary file (like `--json`)"),
       key("orders_csv", &S::orders_csv).doc("per-order records in DIR/orders.csv"),
       key("timeseries_csv", &S::timeseries_csv).doc("DIR/timeseries.csv"),
       key("html", &S::html).doc("DIR/report.html"),
       key("sample_interval", &S::sample_interval)
           .provenance(setting("an output setting")).within(1s, day).doc("time-series step")}};
  return t;
}

const Table<model::Quarantine>& quarantine_table() {
  using S = model::Quarantine;
  static const Table<S> t{
      "events.quarantine", true,
      {key("courier", &S::courier)
           .read_by_hand()
           .required()
           .note("below the number of couriers")
           .doc("index from 0 across the `[[couriers]]` groups in order"),
       key("at", &S::at).within(0s, years10).required().doc("from the start")}};
  return t;
}

const Table<model::GateClosure>& gate_closure_table() {
  using S = model::GateClosure;
  static const Table<S> t{
      "events.gate_closure", true,
      {key("gate", &S::gate)
           .provenance(setting("an event's index"))
           .read_by_hand()
           .note("below compounds × gates_per_compound")
           .doc("index from 0: compound by compound, or in the node file's order"),
       key("from", &S::from).within(0s, years10).required().doc("from the start"),
       key("to", &S::to).within(0s, years10).required().note("after `from`").doc("from the start")}};
  return t;
}

const Table<model::ZoneChange>& zone_status_table() {
  using S = model::ZoneChange;
  static const Table<S> t{
      "events.zone_status", true,
      {key("compound", &S::compound)
           .provenance(setting("an event's index"))
           .read_by_hand().note("below the number of compounds").doc("index from 0"),
       key("at", &S::at).within(0s, years10).required().doc("from the start"),
       key("status", &S::status)
           .required()
           .doc("from `at` on, the compound has this status (changes apply in time order; a later one overrides)")}};
  return t;
}

const Table<model::ReinforcementRule>& reinforcement_table() {
  using S = model::ReinforcementRule;
  static const Table<S> t{
      "events.reinforcement", true,
      {key("group", &S::group)
           .max_length(200)
           .required()
           .note("the `name` of a `[[couriers]]` group, one rule per group")
           .doc("the on-call group; its `count` is the cap"),
       key("backlog_above", &S::backlog_above)
           .provenance(assumed(200.0, 2000.0, "the backlog at which the subdistrict calls on-call couriers (the report: couriers are added as the flow of goods requires [S0])"))
           .range(0, 1e12, "orders")
           .doc("orders placed and not yet delivered, spoiled or cancelled"),
       key("check_every", &S::check_every)
           .provenance(assumed(15min, 4h, "assumed")).within(1min, day * 7).doc("how often the backlog is checked"),
       key("lead_time", &S::lead_time)
           .provenance(sourced(36h, 72h, {"S0"}, "Jiuxianqiao: the volunteers' list formed in one night, passes issued after 2 days, on site at 05:00-06:00 the next morning [S0]")).within(0s, day * 365).doc("passes and travel: called couriers arrive this much later"),
       key("step", &S::step)
           .provenance(setting("0: the whole group at once, as Jiuxianqiao's volunteers came together [S0]"))
           .range(0, 1e6, "couriers")
           .hint("0 calls the whole group at once")
           .doc("couriers per call; 0: the whole group"),
       key("from", &S::from)
           .provenance(setting("an event's time")).within(0s, years10).doc("no call before this time from the start")}};
  return t;
}

const Table<model::ContactQuarantine>& contact_quarantine_table() {
  using S = model::ContactQuarantine;
  static const Table<S> t{
      "events.contact_quarantine", false,
      {key("per_contact", &S::per_contact)
           .provenance(setting("a what-if: the chance of meeting a case; 0: off"))
           .range(0, 1, "(probability)")
           .hint("the chance that a door hand-over is with a case, e.g. 0.001")
           .doc("the chance that a face-to-face hand-over at a door is with a case"),
       key("from", &S::from)
           .provenance(setting("an event's time")).within(0s, years10).doc("contacts before this time do not count")}};
  return t;
}

}  // namespace last100::scenario::detail
