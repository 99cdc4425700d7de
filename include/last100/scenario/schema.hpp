#pragma once
/// The scenario schema, declared once: every table of a scenario file with its keys' type,
/// range, unit, default and meaning. The reader (lib/scenario/build.cpp) checks values and
/// unknown keys against it, the writer (`to_toml`, `validate --print`) prints from it,
/// `last100 keys` prints it, and the key tables of docs/scenario-format.md are generated from
/// it (tests/unit/docs/scenario_schema_doc_test.cpp fails when they differ).
///
/// Defaults are not written here: each is read from a default-constructed parameter struct
/// (model/params.hpp), the one place a default lives; where it comes from is declared here,
/// with its key (KeyDecl::provenance).
///
/// Mode knobs (`[mode.<name>]`) are declared by the modes (modes::KnobSpec); knob_table gives
/// them in the same terms, and docs/modes.md's knob tables are generated from it.
///
/// Every numeric default states where it comes from (model::Provenance): `sourced` with the
/// tags of the source list (model::sources()), `assumed`, or a `setting` (not a claim about
/// the world), with a plausible range for the first two. docs/parameters.md is generated
/// from it; parameters() lists the defaults as `--set` addresses them.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "last100/model/provenance.hpp"
#include "last100/modes/knobs.hpp"

namespace last100::scenario {

/// What a key holds: the value types of mode knobs (a `clock` is a time of day, a `text`
/// key with `choices` one of fixed words such as an enum's names).
using KeyType = modes::KnobType;
using KeyValue = modes::KnobValue;

/// One key of a table.
struct KeyDecl {
  std::string key;
  KeyType type = KeyType::real;
  /// Allowed range of numbers (in `unit`) and durations (in seconds); min itself is refused
  /// when `min_open`.
  double min = 0.0;
  double max = 0.0;
  bool min_open = false;
  std::string unit;                  ///< as messages append it to a range: "m/s", "(share)"
  std::string hint;                  ///< the hint of a message about a value out of range
  std::vector<std::string> choices;  ///< text keys: the allowed words (empty = any text)
  std::size_t max_length = 1000;     ///< text keys: at most this many bytes
  std::string doc;                   ///< what it means; the source of its default
  std::string range_note;            ///< what the range does not say: "after `shift_start`"
  std::string type_text;             ///< the type in words when not one of KeyType's
  std::string default_text;          ///< the default as `validate --print` writes it
  bool required = false;             ///< a file must give it (no default)
  /// Read by hand in lib/scenario (arrays of values, ranges that depend on the world, a
  /// value resolved against a folder); the declaration still names, types and documents it.
  bool read_by_hand = false;
  /// Written by hand (arrays of values, keys written only with another).
  bool write_by_hand = false;
  /// Written only when it differs from its default (optional paths, deprecated keys).
  bool omit_default = false;
  /// Where the default comes from. Every numeric key (integer, real, duration, clock) that is
  /// not required and not an array states one (tests/unit/scenario/provenance_test.cpp).
  model::Provenance provenance;
  /// A key of a table with a placeholder (`demand.<category>`) whose default differs by
  /// instance: the provenance of each, with the value its plausible range is about.
  struct Instance {
    std::string name;      ///< the placeholder's value: "fresh_food"
    KeyValue reference;    ///< the typical value (model::typical_demand() for categories)
    model::Provenance provenance;
  };
  std::vector<Instance> instances;
};

/// One table: `[path]`, or `[[path]]` when `array`; "" is the top level of a file. A path may
/// hold a placeholder segment such as `<category>` for tables of the same shape.
struct TableDecl {
  std::string path;
  bool array = false;
  std::vector<KeyDecl> keys;
  /// Keys holding a sub-table, or arrays of tables, declared as tables of their own.
  std::vector<std::string> tables;
  /// Returns every key a file may write in this table: sub-tables, then keys (the order of
  /// "known keys: ..." in messages).
  std::vector<std::string> key_names() const;
  /// Returns the declaration of `key`, or nullptr.
  const KeyDecl* find(std::string_view key) const;
};

/// Every declared table, in the order docs/scenario-format.md documents them.
const std::vector<const TableDecl*>& schema();

/// Returns the table declared at `path` ("vertical", "demand.<category>", or a registered
/// mode's knob table "mode.relay"), or nullptr.
const TableDecl* find_table(std::string_view path);

/// Returns a mode's knobs as a table `[mode.<name>]`: the modes declare them
/// (modes::KnobSpec); this is the same declaration in the schema's terms.
TableDecl knob_table(const std::string& mode, const std::vector<modes::KnobSpec>& knobs);

/// Returns the Markdown table of `table`'s keys, as docs/scenario-format.md shows it.
std::string key_table_markdown(const TableDecl& table);

/// Returns `doc` with every block between `<!-- keys: PATH -->` and `<!-- /keys -->` (each at
/// the start of a line) replaced by key_table_markdown of PATH ("(top level)" for the top level). Throws std::invalid_argument on a marker naming
/// no declared table, or one left open.
std::string regenerate_key_tables(std::string_view doc);

struct Scenario;

/// Returns true if `decl` holds a number whose default needs a provenance: an integer, real,
/// duration or clock key that is neither required nor an array.
bool needs_provenance(const KeyDecl& decl);

/// One default with where it comes from, addressed as `--set` addresses it.
struct Parameter {
  /// The key path `--set` accepts: "vertical.lift_wait_mean", "couriers[0].walk_speed_mps",
  /// "demand.fresh_food.spoil_after", "mode.relay.help_after".
  std::string path;
  std::string table;  ///< the declared table: "couriers", "demand.<category>", "mode.relay"
  KeyType type = KeyType::real;
  std::string unit;   ///< as KeyDecl::unit
  /// Numbers in the key's unit; durations and clock times in seconds; booleans 0 or 1.
  double default_value = 0.0;  ///< the default (for a category: the typical value)
  double value = 0.0;          ///< the scenario's value (the default when listed without one)
  std::string default_text;    ///< the default as `--set` accepts it: 0.4, "25min", "07:00"
  std::string value_text;      ///< the value likewise
  double min = 0.0;            ///< the valid range, as KeyDecl
  double max = 0.0;
  bool min_open = false;
  model::Provenance provenance;  ///< status, plausible low and high, sources, basis
  std::string low_text;          ///< the plausible ends as `--set` accepts them
  std::string high_text;
};

/// Returns every default with a stated provenance: the schema's keys (an array table's at
/// index 0, a category's once per category) and every registered mode's knobs, in the order
/// of `last100 keys`.
std::vector<Parameter> parameters();

/// Returns the defaults with a stated provenance as they apply to `scenario`: its values, one
/// entry per element of its arrays (courier groups, duties, reinforcement rules; an array the
/// file leaves empty has none), and the knobs of its modes only.
std::vector<Parameter> parameters(const Scenario& scenario);

/// Returns the entries of `list` whose status is `assumed` (the parameters a sensitivity
/// screening varies over their plausible ranges).
std::vector<Parameter> assumed_only(const std::vector<Parameter>& list);

/// Returns the Markdown table of the provenance of `table`'s defaults, as docs/parameters.md
/// shows it.
std::string provenance_table_markdown(const TableDecl& table);

/// Returns the source list as a Markdown list, as docs/parameters.md shows it.
std::string sources_markdown();

/// Returns `doc` with every generated block regenerated: the key tables (regenerate_key_tables),
/// each block between `<!-- provenance: PATH -->` and `<!-- /provenance -->` replaced by
/// provenance_table_markdown of PATH, and the block between `<!-- sources: all -->` and
/// `<!-- /sources -->` by sources_markdown. Throws std::invalid_argument as regenerate_key_tables.
std::string regenerate_doc(std::string_view doc);

}  // namespace last100::scenario
