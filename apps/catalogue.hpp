#pragma once
// What the command offers by name: bundled scenarios (`last100 list`, `last100 run NAME`)
// the registered modes with their knobs (`last100 modes [NAME]`) and the scenario schema
// (`last100 keys [TABLE]`, `last100 keys --assumed`).

#include <filesystem>
#include <string>
#include <vector>

#include "last100/scenario/schema.hpp"

namespace last100::cli {

/// Folders of bundled scenarios, most specific first: $LAST100_SCENARIOS, the source tree's
/// scenarios/, the installed share/last100/scenarios.
std::vector<std::filesystem::path> scenario_dirs();

/// Returns the file a scenario argument names: the path itself when it exists, else a bundled
/// scenario of that name (the stem `last100 list` prints, with or without ".toml"); the
/// argument unchanged when neither exists (the loader then reports the missing file).
std::string resolve_scenario(const std::string& arg);

/// Prints every registered mode with its knobs (name empty), or one mode in full.
/// Returns the exit code: 2 for a name no mode has (with a suggestion on stderr).
int print_modes(const std::string& name);

/// Prints the scenario schema as Markdown: every declared table (table empty) or one; or,
/// with `doc_file`, that file with its generated key tables regenerated (how
/// docs/scenario-format.md is kept in step). Returns the exit code: 2 for an unknown table
/// (with a suggestion on stderr) or an unreadable file.
int print_keys(const std::string& table, const std::string& doc_file);

/// Prints the assumed defaults of `list` (scenario::assumed_only) with their plausible ranges:
/// a table, or with `json` a JSON array of objects (path, table, type, unit, default, value,
/// low, high, min, max, min_open, status, sources, basis, contradiction; numbers in the key's
/// unit, durations and clock times in seconds, each also as text `--set` accepts).
int print_assumed(const std::vector<scenario::Parameter>& list, bool json);

}  // namespace last100::cli
