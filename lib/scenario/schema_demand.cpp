// Declared tables: demand (per category, and surges). Defaults come from model/params.hpp,
// where their sources are noted.

#include "last100/model/demand.hpp"
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
  static const Table<S> t = [] {
    Table<S> table{
      "demand.<category>", false,
      {key("orders_per_household_per_day", &S::orders_per_household_per_day)
           .per_instance({{"parcel", assumed(0.2, 0.6, {"S8", "S10"}, "lockdown volume of about one order per household per day in all; China handled about 100 million parcels a day in 2016 for 494 million family households [S10][S8], 0.2 per household per day in normal times")},
                         {"fresh_food", assumed(0.2, 0.6, "fresh food is the main need in a sealed compound")},
                         {"takeout", assumed(0.05, 0.3, {"S11"}, "restaurants partly closed [S11]")},
                         {"staples", assumed(0.05, 0.3, "the report (Jinan) says staples dominate group buying [S0]")},
                         {"medicine", assumed(0.02, 0.1, "assumed")}})
           .range(0, 100, "orders/household/day")
           .hint("a household orders a few times a day at most")
           .doc("the category's demand"),
       key("weight_kg_mean", &S::weight_kg_mean)
           .per_instance({{"parcel", assumed(0.5, 3.0, "assumed")},
                         {"fresh_food", assumed(1.5, 5.0, "assumed")},
                         {"takeout", assumed(0.5, 1.5, "assumed: a meal")},
                         {"staples", assumed(5.0, 10.0, "5-10 kg bags of rice or flour")},
                         {"medicine", assumed(0.1, 1.0, "assumed")}}).above(0, 500, "kg").doc("mean weight of an order"),
       key("spoil_after", &S::spoil_after)
           .per_instance({{"parcel", setting("0: the category does not spoil")},
                         {"fresh_food", assumed(2h, 12h, "perishables out of the cold chain; food-safety guidance is 2 hours at room temperature for meat and dairy, vegetables last longer; the bundled area assumes 6 h (an insulated box)")},
                         {"takeout", setting("0: does not spoil; its `deadline` stands for freshness")},
                         {"staples", setting("0: the category does not spoil")},
                         {"medicine", setting("0: the category does not spoil")}}).within(0s, day * 30).doc("out of the cold chain; 0s: never spoils"),
       key("deadline", &S::deadline)
           .per_instance({{"parcel", setting("0: no deadline")},
                         {"fresh_food", setting("0: no deadline")},
                         {"takeout", assumed(45min, 120min, {"S6"}, "platforms dispatch to deliver in about 30-40 min and relaxed targets by 8-10 min in 2020 [S6]; the bundled area assumes 90 min in lockdown")},
                         {"staples", setting("0: no deadline")},
                         {"medicine", assumed(2h, 24h, "no source found for a due time of medicine in 2022 sealed areas; online pharmacies promised delivery within the hour in normal times, a lockdown same-half-day (4 h) is assumed. It lets urgency dispatch hurry a van for medicine; nothing counts medicine as late")}}).within(0s, day * 30).doc("late after this; 0s: no deadline"),
       key("priority", &S::priority)
           .provenance(setting("a policy: the dispatch order under the urgency rule (urgent categories first: medicine, takeout, fresh food, staples, parcels)"))
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
           .doc("a late order is cancelled (`deadline_missed`) the next time a mode dispatches it"),
       key("rider_to_gate", &S::rider_to_gate)
           .provenance(setting("a routing choice: 0 sends the category through the station and the vans; the bundled area sends takeout by the restaurant's rider, 30 min after placement (platforms dispatch to deliver in about 30-40 min [S6])"))
           .within(0s, day)
           .doc("> 0s: the seller's own rider brings it straight to the compound's gate this long after "
                "placement, bypassing the outside station and the vans; 0s: via the station")}};
    // Each category's plausible ranges are about its typical values.
    const model::DemandParams typical = model::typical_demand();
    table.set_references([&](const std::string& name) -> const S& {
      return typical.categories[static_cast<std::size_t>(*model::parse<model::Category>(name))];
    });
    return table;
  }();
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
