#pragma once
// The command's exit codes (docs/cli.md) and how what a run throws maps to them, shared by
// run, compare, sweep, size and select.

#include <cstdio>
#include <exception>
#include <new>
#include <stdexcept>

#include <fmt/format.h>

#include "last100/scenario/scenario.hpp"
#include "progress.hpp"

namespace last100::cli {

inline constexpr int exit_ok = 0;
inline constexpr int exit_check_failed = 1;
inline constexpr int exit_bad_input = 2;
inline constexpr int exit_out_of_memory = 3;
inline constexpr int exit_output_failed = 4;

/// Runs `body` and maps what it throws: std::invalid_argument (a value only the built world
/// can check, a design, target or selection the procedure refuses) is bad input, exit 2; any
/// other exception is a run that failed a check, exit 1. A located ScenarioError and
/// bad_alloc go up to main(), which reports them. Returns exit_ok when `body` returns.
template <class Body>
int guarded_run(Progress& progress, Body&& body) {
  try {
    body();
  } catch (const scenario::ScenarioError&) {
    throw;
  } catch (const std::invalid_argument& e) {
    progress.clear();
    fmt::print(stderr, "last100: bad input: {}\n", e.what());
    return exit_bad_input;
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    progress.clear();
    fmt::print(stderr, "last100: run failed: {}\n", e.what());
    return exit_check_failed;
  }
  return exit_ok;
}

}  // namespace last100::cli
