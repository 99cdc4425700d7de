#pragma once
/// The scenario schema, declared once: every table of a scenario file with its keys' type,
/// range, unit, default and meaning. The reader (lib/scenario/build.cpp) checks values and
/// unknown keys against it, the writer (`to_toml`, `validate --print`) prints from it,
/// `last100 keys` prints it, and the key tables of docs/scenario-format.md are generated from
/// it (tests/unit/docs/scenario_schema_doc_test.cpp fails when they differ).
///
/// Defaults are not written here: each is read from a default-constructed parameter struct
/// (model/params.hpp), the one place a default and its source live.
///
/// Mode knobs (`[mode.<name>]`) are declared by the modes (modes::KnobSpec); knob_table gives
/// them in the same terms, and docs/modes.md's knob tables are generated from it.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

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

}  // namespace last100::scenario
