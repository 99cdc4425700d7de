// The default memory limit is the smallest the system sets (issue 20): physical memory, the
// address-space and data limits (ulimit -v, ulimit -d) and the cgroup's, each named in the
// refusal; unlimited values of every kind are no limit.
#include "last100/scenario/memory_limit.hpp"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

namespace {

using namespace last100::scenario;

constexpr std::uint64_t gib = std::uint64_t{1} << 30;

MemoryLimitInputs machine_of(std::uint64_t physical) {
  MemoryLimitInputs in;
  in.physical_bytes = physical;
  return in;
}

}  // namespace

TEST_CASE("the smallest limit wins and is named by its source", "[scenario][memory]") {
  MemoryLimitInputs in = machine_of(32 * gib);
  CHECK(choose_memory_limit(in).source == MemoryLimitSource::physical_memory);
  CHECK(choose_memory_limit(in).bytes == 32 * gib);

  in.cgroup_limits = {"17179869184\n", "max\n"};  // 16 GiB on the process's cgroup, none above
  CHECK(choose_memory_limit(in).source == MemoryLimitSource::cgroup);
  CHECK(choose_memory_limit(in).bytes == 16 * gib);

  in.data_segment = 12 * gib;
  CHECK(choose_memory_limit(in).source == MemoryLimitSource::data_segment);
  CHECK(choose_memory_limit(in).bytes == 12 * gib);

  in.address_space = 6'000'000 * std::uint64_t{1024};  // ulimit -v 6000000 (KiB)
  CHECK(choose_memory_limit(in).source == MemoryLimitSource::address_space);
  CHECK(choose_memory_limit(in).bytes == 6'144'000'000);

  in.cgroup_limits.push_back("2147483648");  // a parent cgroup's 2 GiB binds the child too
  CHECK(choose_memory_limit(in).source == MemoryLimitSource::cgroup);
  CHECK(choose_memory_limit(in).bytes == 2 * gib);

  // Physical memory wins only when it is smaller than every limit.
  in.physical_bytes = gib;
  CHECK(choose_memory_limit(in).source == MemoryLimitSource::physical_memory);
}

TEST_CASE("unlimited values of every kind are no limit", "[scenario][memory]") {
  MemoryLimitInputs in = machine_of(8 * gib);
  in.address_space = unlimited_rlimit;
  in.data_segment = unlimited_rlimit;
  in.cgroup_limits = {"max\n", "9223372036854771712\n", "0", "", "12 GiB", "-1", "max 100"};
  const MemoryLimit limit = choose_memory_limit(in);
  CHECK(limit.source == MemoryLimitSource::physical_memory);
  CHECK(limit.bytes == 8 * gib);

  // Nothing known at all: no limit, and the default refuses nothing (0).
  MemoryLimitInputs nothing;
  nothing.cgroup_limits = {"max"};
  CHECK(choose_memory_limit(nothing).source == MemoryLimitSource::none);
  CHECK(choose_memory_limit(nothing).bytes == 0);
  CHECK(default_max_memory(choose_memory_limit(nothing)) == 0);
}

TEST_CASE("the default --max-memory keeps 20 % headroom below the limit", "[scenario][memory]") {
  CHECK(default_max_memory({MemoryLimitSource::address_space, 10 * gib}) == 8 * gib);
  CHECK(default_max_memory({MemoryLimitSource::physical_memory, 1000}) == 800);
}

TEST_CASE("a limit is described by what set it", "[scenario][memory]") {
  CHECK(describe_memory_limit({MemoryLimitSource::address_space, 6'144'000'000}) ==
        "the address-space limit (ulimit -v) of 5.72 GiB");
  CHECK(describe_memory_limit({MemoryLimitSource::data_segment, 512 << 20}) ==
        "the data-segment limit (ulimit -d) of 512.0 MiB");
  CHECK(describe_memory_limit({MemoryLimitSource::cgroup, 2 * gib}) == "the cgroup's memory limit of 2.00 GiB");
  CHECK(describe_memory_limit({MemoryLimitSource::physical_memory, 16 * gib}) ==
        "this machine's physical memory of 16.00 GiB");
}

TEST_CASE("the cgroup limit files are the process's cgroup and every one above it", "[scenario][memory]") {
  SECTION("cgroup v2, nested") {
    const std::string mounts = "25 20 0:22 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n";
    CHECK(cgroup_limit_files("0::/user.slice/app.scope\n", mounts) ==
          std::vector<std::string>{"/sys/fs/cgroup/user.slice/app.scope/memory.max",
                                   "/sys/fs/cgroup/user.slice/memory.max", "/sys/fs/cgroup/memory.max"});
  }
  SECTION("cgroup v1: the memory controller's hierarchy, not the others") {
    const std::string mounts =
        "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n"
        "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
        "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n";
    CHECK(cgroup_limit_files("8:pids:/\n4:memory:/jobs/42\n1:cpu:/other\n0::/\n", mounts) ==
          std::vector<std::string>{"/sys/fs/cgroup/memory/jobs/42/memory.limit_in_bytes",
                                   "/sys/fs/cgroup/memory/jobs/memory.limit_in_bytes",
                                   "/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/unified/memory.max"});
  }
  SECTION("a container's mount whose root is the process's own cgroup") {
    const std::string mounts = "35 31 0:32 /docker/abc /sys/fs/cgroup/memory ro - cgroup cgroup rw,memory\n";
    CHECK(cgroup_limit_files("4:memory:/docker/abc\n", mounts) ==
          std::vector<std::string>{"/sys/fs/cgroup/memory/memory.limit_in_bytes"});
    // A cgroup outside the mounted part of the tree: its limits cannot be read there.
    CHECK(cgroup_limit_files("4:memory:/elsewhere\n", mounts).empty());
  }
  SECTION("without mountinfo the usual mount points") {
    CHECK(cgroup_limit_files("0::/a\n", "") ==
          std::vector<std::string>{"/sys/fs/cgroup/a/memory.max", "/sys/fs/cgroup/memory.max"});
  }
}
