#pragma once
/// Loads an area from explicit node and edge lists (CSV), for real compound layouts.
/// The format is in docs/world.md, "Loading an area from CSV".

#include <cstddef>
#include <istream>
#include <stdexcept>
#include <string>

#include "last100/net/area.hpp"

namespace last100::net {

/// Reports a bad CSV input: the file, the 1-based line and column, and a hint to fix it.
class LoadError : public std::runtime_error {
 public:
  LoadError(std::string file, std::size_t line, std::size_t column, const std::string& message,
            std::string hint);

  const std::string& file() const noexcept { return file_; }
  std::size_t line() const noexcept { return line_; }
  std::size_t column() const noexcept { return column_; }
  const std::string& hint() const noexcept { return hint_; }
  /// The message alone, without file, line, column and hint.
  const std::string& message() const noexcept { return message_; }

 private:
  std::string file_;
  std::size_t line_;
  std::size_t column_;
  std::string hint_;
  std::string message_;
};

/// Returns a file's bytes; throws LoadError (line 0) when it cannot be read.
std::string read_csv_file(const std::string& path);

/// Loads an area from node and edge CSV files; throws LoadError on any mistake.
Area load_area_csv(const std::string& nodes_path, const std::string& edges_path);

/// Loads an area from node and edge CSV streams; `*_name` is used in error messages.
Area load_area_csv(std::istream& nodes, const std::string& nodes_name, std::istream& edges,
                   const std::string& edges_name);

}  // namespace last100::net
