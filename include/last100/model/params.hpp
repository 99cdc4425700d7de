#pragma once
/// Plain parameter structs that describe a world: the contract between scenario files,
/// the world builder and the modes. Each default's status (sourced or assumed), plausible range and
/// sources are declared with its scenario key (lib/scenario/schema_*.cpp) and listed in
/// docs/parameters.md.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "last100/net/area_params.hpp"
#include "last100/sim/time.hpp"

namespace last100::model {

using sim::Duration;
using namespace std::chrono_literals;

/// Item categories of the article: parcels, fresh food, takeout, staples, prevention goods.
enum class Category : std::uint8_t { parcel, fresh_food, takeout, staples, medicine };
inline constexpr std::size_t category_count = 5;

// The area's generator parameters and travel modes belong to Net (the graph layer may not
// depend on the world above it); Model re-exports them.
using net::AreaParams;
using net::TravelMode;
using net::travel_mode_count;
using net::household_count;
using net::compound_count;
using net::building_count;
using net::gate_count;
using net::outside_station_count;
using net::outlet_inside_count;

/// Vertical travel inside a building.
struct VerticalParams {
  Duration stairs_per_floor = 12s;         ///< unloaded climb, per floor
  double loaded_stairs_factor = 1.4;       ///< climbing slower when carrying
  Duration lift_wait_mean = 45s;           ///< mean of an exponential wait for the car, once up and once down per unit visit
  Duration lift_per_floor = 3s;
  /// Each floor the car stops at to let the courier out (doors opening and closing, start
  /// delay and levelling): paid once per floor served on the way up and at the ground.
  Duration lift_stop = 8s;
  double descend_factor = 0.6;             ///< going down stairs, relative to climbing unloaded
};

/// Residents: household composition and how they respond when told to collect.
struct PopulationParams {
  double mean_household_size = 2.6;
  double limited_mobility_share = 0.08;
  double pickup_immediate_share = 0.4;     ///< come within a minute when notified
  Duration pickup_delay_mean = 25min;      ///< the others: exponential delay
};

/// Demand for one category.
struct CategoryDemand {
  double orders_per_household_per_day = 0.0;
  double weight_kg_mean = 1.0;
  Duration spoil_after{0};                 ///< out of cold chain; 0 = never spoils
  Duration deadline{0};                    ///< late after this; 0 = no deadline
  std::uint8_t priority = 0;               ///< higher is served first
  std::array<double, 24> hourly_profile{}; ///< relative weights per hour; all zero = flat
  bool cancel_when_late = false;           ///< a late order is cancelled (deadline_missed) when next dispatched
  /// > 0: the seller's own rider brings it straight to the compound's gate this long after
  /// placement (takeout), bypassing the outside station and the vans; 0: via the station.
  Duration rider_to_gate{0};
};

/// Default priorities by category (higher first): medicine 4, takeout 3, fresh food 2,
/// staples 1, parcels 0 (assumption: the order the report's categories imply, urgent first).
inline constexpr std::array<std::uint8_t, category_count> default_priority{0, 2, 3, 1, 4};

/// A day whose demand is multiplied (panic buying when a lockdown starts), for one category or
/// for all (reports show fresh food and staples surging more than parcels: docs/parameters.md).
struct Surge {
  std::uint32_t day = 0;
  double multiplier = 1.0;
  std::optional<Category> category;        ///< empty: every category
};

struct DemandParams {
  std::array<CategoryDemand, category_count> categories = [] {
    std::array<CategoryDemand, category_count> c{};
    for (std::size_t k = 0; k < category_count; ++k) c[k].priority = default_priority[k];
    return c;
  }();
  std::vector<Surge> surges;
  /// Orders go to households in proportion to their size (a family of four orders twice as
  /// often as a couple), keeping the area's mean rate; false: every household alike.
  bool by_household_size = false;
  /// With by_household_size: weigh a household by the OECD-modified equivalence scale
  /// (1 + 0.5 per further member; every member counted as an adult) instead of by its size,
  /// since consumption grows less than in proportion to size (docs/parameters.md).
  bool size_by_equivalence = false;
};

/// Where a courier comes from.
enum class CourierOrigin : std::uint8_t { locked_in, volunteer, reinforcement };

/// A group of identical couriers.
struct CourierGroup {
  std::string name;
  CourierOrigin origin = CourierOrigin::locked_in;
  std::uint32_t count = 0;
  Duration arrives_at{0};                  ///< from the start of the run
  Duration shift_start = 7h;               ///< clock time of day
  Duration shift_end = 19h;
  double walk_speed_mps = 1.2;
  double capacity_kg = 40.0;
  std::uint32_t capacity_items = 25;
  Duration handover = 40s;                ///< a door hand-over with the resident present (DoorHandover::contact)
  Duration door_drop = 15s;               ///< leaving goods at the door without meeting anyone (DoorHandover::contactless)
  double duty_share = 0.0;                 ///< share of shift hours owed to volunteer duty
  /// Breaks (docs/modes.md, "Breaks"): taken when the courier finishes the tour it is on,
  /// never mid-tour. A daily meal break of `meal_break` (0: none), due from `meal_break_from`
  /// for a courier on shift before `meal_break_until`; short rests of `rest_break` (0: none)
  /// once `rest_break_every` of the shift has passed since it began or since the last break.
  Duration meal_break{0};
  Duration meal_break_from = 11h + 30min;  ///< clock time of day
  Duration meal_break_until = 13h + 30min; ///< clock time of day
  /// Staggered meals: at most this share of the group's couriers on shift are on a meal break
  /// at once (at least one may go); the others eat as the first come back.
  double meal_break_max_share = 0.5;
  Duration rest_break{0};
  Duration rest_break_every = 2h;
};

/// When a relay van leaves the station (each van decides on its own clock).
enum class Dispatch : std::uint8_t {
  full_or_wait,  ///< when its load is full (items or kg), or once the oldest order aboard has waited `interval`
  timetable,     ///< at fixed departures every `interval` from midnight, vans staggered evenly
};

/// Relay shuttles between the outside station and the gates (docs/modes.md, "The gate stage").
struct VehicleParams {
  std::uint32_t count = 2;
  std::uint32_t capacity_items = 300;
  double capacity_kg = 800.0;              ///< assumption: payload of a light panel van
  Duration load_time = 10min;              ///< at the station, per trip
  Duration unload_time = 10min;            ///< at each gate of the trip
  Duration interval = 60min;               ///< longest wait of the oldest order; or the timetable's headway
  bool leave_when_full = true;
  Dispatch dispatch = Dispatch::full_or_wait;
  std::uint32_t max_stops = 3;             ///< gates one trip may serve (assumption: a short loop)
};

/// Carts or e-tricycles kept at each compound's gate for couriers inside (docs/modes.md,
/// "Carts"). A courier takes a free one when more goods wait at the gate than it carries by
/// hand: it then loads up to the cart's capacity and rides between buildings at its speed.
struct Carts {
  std::uint32_t per_compound = 0;     ///< carts at each gate; 0: none
  double speed_mps = 2.0;             ///< riding inside the compound (assumed: about 7 km/h)
  std::uint32_t capacity_items = 80;  ///< assumed: a courier's e-tricycle box
  double capacity_kg = 200.0;         ///< assumed
};

/// Volunteer unit leaders (楼长) who carry goods from their building's lobby to the doors,
/// when couriers drop at lobbies (the relay's `drop = "lobby"`). Their hand-over at a door is
/// contactless (left at the door, a knock or a message).
struct LobbyVolunteers {
  std::uint32_t per_building = 0;     ///< volunteers per building; 0: none
  std::uint32_t capacity_items = 10;  ///< items one carries up per trip (assumed: two hands of bags)
  Duration door_drop = 15s;           ///< leaving one household's goods at its door (assumed)
  Duration starts = 8h;               ///< clock time volunteers begin each day (assumed)
  Duration ends = 20h;                ///< and stop starting trips
};

/// Volunteer work that competes for courier time, as work that needs people (docs/modes.md,
/// "Volunteer duty"). A daily session from `start` for `length` needs a crew of `people` for
/// its whole length (queue marshalling) plus work in person-time: `per_resident` for every
/// resident of the area (test registration), and garbage runs (`litres_per_household` a day
/// over the area, `litres_per_trip` carried per run of `trip_time`), done by at most
/// `max_people` at once. Couriers inside are drafted to it (RunContext::draft_for_duty);
/// what they do not cover is left to community staff and counted as unmet.
struct DutyParams {
  std::string name;                        ///< test registration, marshalling, garbage
  Duration start = 8h;                     ///< clock time of day
  Duration length = 2h;
  std::uint32_t people = 0;                ///< crew for the whole session
  Duration per_resident{0};                ///< person-time per resident of the area
  double litres_per_household = 0.0;       ///< garbage per household per day
  double litres_per_trip = 240.0;          ///< one wheeled bin
  Duration trip_time{0};                   ///< one garbage run, there and back
  std::uint32_t max_people = 0;            ///< most people on the work at once; 0 = no limit
};

/// Control status of a compound: sealed (封控区, nobody leaves home: every delivery goes to the
/// door) or controlled (管控区, residents stay inside the compound: they may come down to a
/// shelf or a mobile station).
enum class ZoneStatus : std::uint8_t { controlled, sealed };

/// A compound's status changes at a time (from the start of the run).
struct ZoneChange {
  std::uint32_t compound = 0;
  Duration at{0};
  ZoneStatus status = ZoneStatus::sealed;
};

/// Where goods are disinfected on their way in, and what it costs (docs/modes.md,
/// "Disinfection"). Labour is paid per load or per item by whoever handles the goods there;
/// a dwell is the disinfectant's contact time, during which the goods stand and nobody works
/// (health guidance of 2022: spray the packaging, let it stand 10 to 30 minutes).
struct Disinfection {
  Duration station_per_item{0};  ///< the station crew sprays each item while sorting it
  Duration gate_per_load = 5min; ///< each van stop at a gate: spraying the unloaded goods (the van waits)
  Duration gate_per_item{0};     ///< gate staff spray each item after the van left (one sprayer per gate)
  Duration gate_dwell{0};        ///< goods stand at the gate this long before couriers may take them
  Duration shelf_per_visit{0};   ///< a courier at a unit's shelf, once per visit
  Duration shelf_per_item = 3s;  ///< a courier, each item put on a shelf (assumed: one spray of its faces)
  Duration shelf_dwell = 10min;  ///< items stand on the shelf this long before their residents are called
};

/// May couriers enter a controlled compound? In 2022 many compounds barred them at the gate.
enum class CourierEntry : std::uint8_t {
  allowed,     ///< couriers deliver to the doors
  call_down,   ///< the courier calls each recipient at the gate and waits for them to come down
  gate_shelf,  ///< the courier leaves the goods on a shelf at the gate; residents are told and come
};

/// How a courier barred at the gate hands goods over (docs/modes.md, "Entry bans"). A sealed
/// compound (nobody may come down) is still served door to door.
struct EntryRules {
  CourierEntry courier_entry = CourierEntry::allowed;
  Duration call_time = 30s;        ///< one phone call to a recipient (assumed)
  double answer_share = 0.85;      ///< calls answered (assumed)
  std::uint32_t retries = 2;       ///< further calls to one who did not answer
  Duration retry_after = 10min;    ///< from the start of one round of calls to the next
  Duration come_down_ready = 2min; ///< an answered resident gets ready to go out (assumed)
  double resident_walk_mps = 1.2;  ///< residents' walking speed to the gate (HCM design speed)
  Duration gate_handover = 20s;    ///< handing one household its goods at the gate (assumed)
  std::uint32_t max_at_gate = 1;   ///< recipients called and not yet served at once; 0: no limit
};

/// Gate rules of a sealed compound (封控区), which replace the zone's while it is sealed:
/// hand-over hours and the disinfection of each van stop at its gate. A zero `gate_closes`
/// keeps the zone's hours.
struct SealedGateRules {
  Duration gate_opens{0};
  Duration gate_closes{0};
  Duration disinfection{0};  ///< replaces Disinfection::gate_per_load while sealed; 0 keeps the zone's
};

/// How a courier hands goods over at a household's door (docs/modes.md, "Door hand-over").
enum class DoorHandover : std::uint8_t {
  contact,      ///< the resident opens and takes the goods: a face-to-face encounter (CourierGroup::handover)
  contactless,  ///< 无接触配送: left at the door, a knock or a message, the courier goes (CourierGroup::door_drop)
};

/// Rules of the zone over time.
struct ZoneRules {
  ZoneStatus initial_status = ZoneStatus::controlled;  ///< every compound's status at the start
  Duration gate_opens = 6h;
  Duration gate_closes = 22h;
  DoorHandover door_handover = DoorHandover::contact;  ///< every door delivery of every mode
  Disinfection disinfection;
  EntryRules entry;
  /// Deprecated (the shelves mode's knob `max_at_shelf` is the one home of K): when set
  /// (> 0), it still caps that knob for one release. 0: not set.
  std::uint32_t max_at_shelf = 0;
  SealedGateRules sealed;                  ///< gate rules of a compound while it is sealed
};

/// The crew at the outside station that sorts incoming goods into route-areas (and sprays
/// them, Disinfection::station_per_item) before they can be loaded on a van. No crew: goods
/// are ready the moment they arrive (sorting not modelled).
struct SortingCrew {
  std::uint32_t crew = 0;       ///< people sorting at once (each handles one item at a time)
  Duration per_item = 20s;      ///< handling one item: scan, label with its route-area, place
  Duration starts = 6h;         ///< clock time the crew starts each day
  Duration ends = 22h;          ///< and stops (an item is not started unless it ends by then)
  /// Optionally a crew at each gate that sorts what vans unload (by building, for the
  /// couriers inside) before couriers can take it; it also does the gate's spraying. The
  /// crew shares each unloaded batch evenly and works batch after batch, whenever vans unload
  /// (the gate's hours), finishing what it has.
  std::uint32_t gate_crew = 0;
  Duration gate_per_item{0};
};

/// A courier taken out mid-shift.
struct Quarantine {
  std::uint32_t courier = 0;
  Duration at{0};
};

/// Reinforcements called when the backlog grows (Shuangjing: "more couriers are added as the
/// flow of goods requires"): every `check_every`, if more than `backlog_above` orders are in
/// flight and the previous call has arrived, `step` more couriers of the on-call group `group`
/// are called; they arrive `lead_time` later (passes, travel). The group's count is the cap.
struct ReinforcementRule {
  std::string group;                       ///< name of a [[couriers]] group; its couriers wait on call
  std::uint64_t backlog_above = 500;       ///< orders placed and not yet delivered, spoiled or cancelled
  Duration check_every = 1h;
  Duration lead_time = 48h;                ///< Jiuxianqiao: passes issued two days after the request
  std::uint32_t step = 0;                  ///< couriers per call; 0 = the whole group at once
  Duration from{0};                        ///< no call before this time from the start
};

/// Couriers quarantined after contact with a case: each face-to-face hand-over at a door is
/// with a case with probability `per_contact`; the courier is then taken out (as a
/// [[events.quarantine]]). 0 = never.
struct ContactQuarantine {
  double per_contact = 0.0;
  Duration from{0};                        ///< contacts before this time do not count
};

/// A gate closed for a while.
struct GateClosure {
  std::uint32_t gate = 0;
  Duration from{0};
  Duration to{0};
};

struct RunParams {
  Duration duration = 24h;  ///< the horizon: orders placed in [warmup, duration) are measured
  Duration warmup{0};
  /// After the horizon demand stops and the run goes on (couriers keep their shifts) until
  /// every measured order is delivered, spoiled or cancelled, or this long has passed.
  /// Assumed: three days, longer than any backlog the bundled scenarios build.
  Duration drain_limit = 72h;
  /// Service levels: the share of measured orders delivered within each of these times.
  /// Assumed planning marks (a takeout meal, same day, overnight, next day).
  std::vector<Duration> service_levels{2h, 6h, 12h, 24h};
  std::uint64_t seed = 1;
  std::uint32_t replications = 1;
};

/// How every mode orders waiting orders when it dispatches them (docs/modes.md, "Dispatch").
enum class DispatchRule : std::uint8_t {
  urgency,  ///< higher priority first, then earliest due time, then oldest
  fifo,     ///< oldest first, whatever the category
};

struct DispatchParams {
  DispatchRule rule = DispatchRule::urgency;
};

/// Everything that defines a world, minus the mode.
struct WorldParams {
  AreaParams area;
  VerticalParams vertical;
  PopulationParams population;
  DemandParams demand;
  std::vector<CourierGroup> couriers;
  VehicleParams vehicles;
  SortingCrew sorting;
  LobbyVolunteers lobby_volunteers;
  Carts carts;
  std::vector<DutyParams> duties;
  ZoneRules zone;
  std::vector<Quarantine> quarantines;
  std::vector<GateClosure> gate_closures;
  std::vector<ZoneChange> zone_changes;
  std::vector<ReinforcementRule> reinforcements;
  ContactQuarantine contact_quarantine;
  DispatchParams dispatch;
  RunParams run;
};

}  // namespace last100::model
