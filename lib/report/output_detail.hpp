#pragma once
// Private to lib/report: the pieces output_file.cpp and output_folder.cpp share.

#include <filesystem>
#include <string>
#include <string_view>

namespace last100::report::detail {

/// Writes all of `content` to `fd`; throws OutputError naming `name`.
void write_all(int fd, std::string_view content, const std::string& name);

/// Returns true if a process with this id runs (or exists under another user).
bool process_alive(long pid);

/// Returns the number that follows `prefix` at the start of `name`, or -1.
long pid_after(std::string_view name, std::string_view prefix);

/// Removes the entries of `folder` named `prefix` + PID... whose process is gone: the
/// temporary files and staging folders of a run that was killed.
void remove_stale(const std::filesystem::path& folder, const std::string& prefix);

/// Tries to create (and removes) an empty folder in `folder`; returns an empty string if that
/// worked, else the system's reason. `access()` is not enough: it passes for root on
/// read-only file systems and on /proc, where creating a file still fails.
std::string probe_create(const std::filesystem::path& folder);

}  // namespace last100::report::detail
