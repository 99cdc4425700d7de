// Declared tables: demand (per category, and surges). Defaults come from model/params.hpp,
// where their sources are noted.

#include "scenario/schema_bind.hpp"

namespace last100::scenario::detail {

using namespace std::chrono_literals;
using model::Duration;
constexpr Duration day = 24h;

const Table<model::DemandParams>& demand_table() {
  using S = model::DemandParams;
  static const Table<S> t{
      "demand", false,
      {key("by_household_size", &S::by_household_size)
           .doc("orders go to households in proportion to their size (the area's total is unchanged); false: every "
                "household alike"),
       key("size_by_equivalence", &S::size_by_equivalence)
           .doc("with `by_household_size`: in proportion to 1 + 0.5 per further member instead (the OECD-modified "
                "equivalence scale, docs/parameters.md)")},
      [] {
        auto tables = names_list<model::Category>();  // [demand.<category>]
        tables.emplace_back("surge");
        return tables;
      }()};
  return t;
}

const Table<model::CategoryDemand>& category_table() {
  using S = model::CategoryDemand;
  static const Table<S> t{
      "demand.<category>", false,
      {key("orders_per_household_per_day", &S::orders_per_household_per_day)
           .range(0, 100, "orders/household/day")
           .hint("a household orders a few times a day at most")
           .doc("the category's demand"),
       key("weight_kg_mean", &S::weight_kg_mean).above(0, 500, "kg").doc("mean weight of an order"),
       key("spoil_after", &S::spoil_after).within(0s, day * 30).doc("out of the cold chain; 0s: never spoils"),
       key("deadline", &S::deadline).within(0s, day * 30).doc("late after this; 0s: no deadline"),
       key("priority", &S::priority)
           .range(0, 255)
           .default_text("medicine 4, takeout 3, fresh_food 2, staples 1, parcel 0")
           .doc("higher first (assumed: urgent categories first)"),
       key<S>(
           "hourly_profile", KeyType::real, [](const S&) { return KeyValue{0.0}; }, [](S&, const KeyValue&) {})
           .by_hand()
           .type_text("array of 24 numbers")
           .note("each in [0, 1e6], not all 0")
           .default_text("flat")
           .doc("relative weights per hour from 00:00"),
       key("cancel_when_late", &S::cancel_when_late)
           .doc("a late order is cancelled (`deadline_missed`) the next time a mode dispatches it")}};
  return t;
}

const Table<model::Surge>& surge_table() {
  using S = model::Surge;
  static const Table<S> t{
      "demand.surge", true,
      {key("day", &S::day).range(0, 3650).required().doc("0 is the first day"),
       key("multiplier", &S::multiplier).range(0, 100, "x").required().doc("2.5: two and a half times the usual demand"),
       key<S>(
           "category", KeyType::text,
           [](const S& s) { return KeyValue{s.category ? std::string(model::name_of(*s.category)) : std::string{}}; },
           [](S& s, const KeyValue& v) { s.category = model::parse<model::Category>(std::get<std::string>(v)); })
           .choices(names_list<model::Category>())
           .omit_default()
           .default_text("every category")
           .doc("the category surging; several surges on one day multiply")}};
  return t;
}

}  // namespace last100::scenario::detail
