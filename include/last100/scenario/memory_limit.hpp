#pragma once
/// The memory a run may use by default (`last100 run --max-memory`, docs/cli.md): the smallest
/// of physical memory, the address-space and data limits (ulimit -v, ulimit -d) and the
/// cgroup's memory limit. The choice is a pure function of what the system says, so that it
/// is tested without the system; read_memory_limits() asks the system.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace last100::scenario {

/// getrlimit's RLIM_INFINITY on Linux: no limit.
inline constexpr std::uint64_t unlimited_rlimit = ~std::uint64_t{0};

/// What the system says about the memory this process may use, as read.
struct MemoryLimitInputs {
  std::uint64_t physical_bytes = 0;                ///< installed memory; 0: unknown
  std::uint64_t address_space = unlimited_rlimit;  ///< RLIMIT_AS soft limit in bytes (ulimit -v)
  std::uint64_t data_segment = unlimited_rlimit;   ///< RLIMIT_DATA soft limit in bytes (ulimit -d)
  /// The text of memory.max (cgroup v2: a number or "max") or memory.limit_in_bytes (v1: a
  /// number, about 2^63 when unlimited) of the process's cgroup and of every cgroup above it.
  std::vector<std::string> cgroup_limits;
};

/// Which limit is the smallest.
enum class MemoryLimitSource { none, physical_memory, address_space, data_segment, cgroup };

struct MemoryLimit {
  MemoryLimitSource source = MemoryLimitSource::none;
  std::uint64_t bytes = 0;  ///< 0 when no limit is known
};

/// Returns the smallest limit and where it comes from. Unlimited values (RLIM_INFINITY, "max",
/// cgroup v1's 2^63 - page), zeros and text that is not a number are no limit.
MemoryLimit choose_memory_limit(const MemoryLimitInputs& inputs);

/// Returns the default --max-memory: 80 % of the limit (the estimate is not a promise, and the
/// allocator, thread stacks and other processes need room), 0 when no limit is known.
std::uint64_t default_max_memory(const MemoryLimit& limit);

/// Names the limit for messages: "the address-space limit (ulimit -v) of 5.72 GiB".
std::string describe_memory_limit(const MemoryLimit& limit);

/// Returns the files holding the memory limits of this process's cgroup and of each cgroup
/// above it, nearest first: memory.max under the cgroup2 mount, memory.limit_in_bytes under
/// the v1 memory controller's mount. `proc_self_cgroup` and `mountinfo` are the texts of
/// /proc/self/cgroup and /proc/self/mountinfo; without mountinfo the usual mount points
/// (/sys/fs/cgroup, /sys/fs/cgroup/memory) are assumed.
std::vector<std::string> cgroup_limit_files(std::string_view proc_self_cgroup, std::string_view mountinfo);

/// Reads the inputs from the system: sysconf, getrlimit and the cgroup files.
MemoryLimitInputs read_memory_limits();

/// choose_memory_limit(read_memory_limits()).
MemoryLimit system_memory_limit();

}  // namespace last100::scenario
