// The default memory limit of a run (issue 20): the smallest of what the system allows, not
// only physical memory, so that a run under `ulimit -v` or in a container is refused before
// it starts instead of running out of memory. Pure: the system is read in memory_limit_os.cpp.

#include "last100/scenario/memory_limit.hpp"

#include <charconv>
#include <optional>
#include <utility>

#include <fmt/format.h>

namespace last100::scenario {

namespace {

/// cgroup v1 writes "unlimited" as the largest page count times the page size, just under
/// 2^63; anything from 2^62 (4 EiB) up is no limit.
constexpr std::uint64_t no_limit_from = std::uint64_t{1} << 62;

std::optional<std::uint64_t> limit_of(std::uint64_t bytes) {
  if (bytes == 0 || bytes >= no_limit_from) return std::nullopt;
  return bytes;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

/// A cgroup limit file's text: a number of bytes, or "max" (v2) for none.
std::optional<std::uint64_t> cgroup_limit_of(std::string_view text) {
  text = trim(text);
  std::uint64_t v = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || r.ec != std::errc{} || r.ptr != text.data() + text.size()) return std::nullopt;
  return limit_of(v);
}

std::string size_text(std::uint64_t bytes) {
  const auto b = static_cast<double>(bytes);
  if (bytes < (std::uint64_t{1} << 30)) return fmt::format("{:.1f} MiB", b / (1 << 20));
  return fmt::format("{:.2f} GiB", b / (1 << 30));
}

std::vector<std::string_view> split(std::string_view s, char by) {
  std::vector<std::string_view> parts;
  for (;;) {
    const auto at = s.find(by);
    parts.push_back(s.substr(0, at));
    if (at == std::string_view::npos) return parts;
    s.remove_prefix(at + 1);
  }
}

bool has_token(std::string_view list, std::string_view token) {
  for (auto t : split(list, ','))
    if (t == token) return true;
  return false;
}

/// A cgroup hierarchy: where it is mounted and which cgroup is the mount's root.
struct Mount {
  std::string point;
  std::string root = "/";
};

/// Finds the cgroup2 mount (v2) or the cgroup mount with the memory controller (v1).
std::optional<Mount> find_mount(std::string_view mountinfo, bool v2) {
  for (auto line : split(mountinfo, '\n')) {
    const auto dash = line.find(" - ");
    if (dash == std::string_view::npos) continue;
    const auto before = split(line.substr(0, dash), ' ');
    const auto after = split(line.substr(dash + 3), ' ');
    if (before.size() < 5 || after.size() < 3) continue;
    const bool match = v2 ? after[0] == "cgroup2" : after[0] == "cgroup" && has_token(after[2], "memory");
    if (match) return Mount{std::string(before[4]), std::string(before[3])};
  }
  return std::nullopt;
}

/// The cgroup `path` as seen under a mount of `root`; nullopt when it is not under it (a
/// limit elsewhere in the tree is not this process's).
std::optional<std::string> under_mount(std::string_view path, std::string_view root) {
  if (path.empty() || path.front() != '/' || path.find("/..") != std::string_view::npos) return std::nullopt;
  if (root == "/") return std::string(path);
  if (path == root) return std::string("/");
  if (path.size() > root.size() && path.substr(0, root.size()) == root && path[root.size()] == '/')
    return std::string(path.substr(root.size()));
  return std::nullopt;
}

/// The limit file in the cgroup's folder and in each folder above it up to the mount point.
void add_walk_up(const Mount& m, std::string rel, std::string_view file, std::vector<std::string>& out) {
  while (rel.size() > 1 && rel.back() == '/') rel.pop_back();
  for (;;) {
    const std::string dir = rel == "/" ? m.point : m.point + rel;
    out.push_back(dir + "/" + std::string(file));
    if (rel == "/") return;
    const auto slash = rel.rfind('/');
    rel = slash == 0 ? "/" : rel.substr(0, slash);
  }
}

}  // namespace

MemoryLimit choose_memory_limit(const MemoryLimitInputs& in) {
  MemoryLimit best;
  const auto consider = [&](std::optional<std::uint64_t> bytes, MemoryLimitSource source) {
    if (bytes && (best.source == MemoryLimitSource::none || *bytes < best.bytes)) best = {source, *bytes};
  };
  consider(limit_of(in.physical_bytes), MemoryLimitSource::physical_memory);
  consider(limit_of(in.address_space), MemoryLimitSource::address_space);
  consider(limit_of(in.data_segment), MemoryLimitSource::data_segment);
  for (const auto& text : in.cgroup_limits) consider(cgroup_limit_of(text), MemoryLimitSource::cgroup);
  return best;
}

std::uint64_t default_max_memory(const MemoryLimit& limit) { return limit.bytes / 10 * 8; }

std::string describe_memory_limit(const MemoryLimit& limit) {
  switch (limit.source) {
    case MemoryLimitSource::none:
      return "no known limit";
    case MemoryLimitSource::physical_memory:
      return "this machine's physical memory of " + size_text(limit.bytes);
    case MemoryLimitSource::address_space:
      return "the address-space limit (ulimit -v) of " + size_text(limit.bytes);
    case MemoryLimitSource::data_segment:
      return "the data-segment limit (ulimit -d) of " + size_text(limit.bytes);
    case MemoryLimitSource::cgroup:
      return "the cgroup's memory limit of " + size_text(limit.bytes);
  }
  return "no known limit";
}

std::vector<std::string> cgroup_limit_files(std::string_view proc_self_cgroup, std::string_view mountinfo) {
  std::vector<std::string> files;
  for (auto line : split(proc_self_cgroup, '\n')) {
    // "hierarchy-id:controllers:path"; the path may itself hold colons.
    const auto first = line.find(':');
    const auto second = first == std::string_view::npos ? first : line.find(':', first + 1);
    if (second == std::string_view::npos) continue;
    const auto id = line.substr(0, first);
    const auto controllers = line.substr(first + 1, second - first - 1);
    const auto path = trim(line.substr(second + 1));
    const bool v2 = id == "0" && controllers.empty();
    if (!v2 && !has_token(controllers, "memory")) continue;
    const auto mount = mountinfo.empty() ? std::optional(Mount{v2 ? "/sys/fs/cgroup" : "/sys/fs/cgroup/memory"})
                                         : find_mount(mountinfo, v2);
    if (!mount) continue;
    if (const auto rel = under_mount(path, mount->root))
      add_walk_up(*mount, *rel, v2 ? "memory.max" : "memory.limit_in_bytes", files);
  }
  return files;
}

}  // namespace last100::scenario
