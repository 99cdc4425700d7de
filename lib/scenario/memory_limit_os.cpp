// Asks the system for the inputs of choose_memory_limit (memory_limit.cpp): physical memory,
// the soft address-space and data limits, and the memory limits of this process's cgroup and
// of every cgroup above it (a limit set on a parent binds its children too).

#include <fstream>
#include <iterator>

#include "last100/scenario/memory_limit.hpp"

#include <sys/resource.h>
#include <unistd.h>

namespace last100::scenario {

static_assert(RLIM_INFINITY == unlimited_rlimit, "RLIM_INFINITY is the value choose_memory_limit ignores");

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  return in ? std::string(std::istreambuf_iterator<char>(in), {}) : std::string{};
}

std::uint64_t soft_limit(int resource) {
  rlimit r{};
  return getrlimit(resource, &r) == 0 ? static_cast<std::uint64_t>(r.rlim_cur) : unlimited_rlimit;
}

}  // namespace

MemoryLimitInputs read_memory_limits() {
  MemoryLimitInputs in;
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page = sysconf(_SC_PAGESIZE);
  if (pages > 0 && page > 0) in.physical_bytes = static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page);
  in.address_space = soft_limit(RLIMIT_AS);
  in.data_segment = soft_limit(RLIMIT_DATA);
  for (const auto& file : cgroup_limit_files(read_text("/proc/self/cgroup"), read_text("/proc/self/mountinfo"))) {
    std::string text = read_text(file);
    if (!text.empty()) in.cgroup_limits.push_back(std::move(text));
  }
  return in;
}

MemoryLimit system_memory_limit() { return choose_memory_limit(read_memory_limits()); }

}  // namespace last100::scenario
