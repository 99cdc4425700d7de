// Writing one output file without destroying what is not ours: regular files are replaced
// atomically (temporary file in the same folder, then rename), everything else that can be
// written is written through, and nothing is ever renamed over a device, FIFO or folder.

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "last100/report/files.hpp"
#include "report/output_detail.hpp"

namespace last100::report {

namespace fs = std::filesystem;

namespace detail {

void write_all(int fd, std::string_view content, const std::string& name) {
  const char* p = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw OutputError(fmt::format("cannot write {}: {}", name, std::strerror(errno)));
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

bool process_alive(long pid) {
  if (pid <= 0) return false;
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

long pid_after(std::string_view name, std::string_view prefix) {
  if (name.substr(0, prefix.size()) != prefix) return -1;
  name.remove_prefix(prefix.size());
  long pid = -1;
  const auto r = std::from_chars(name.data(), name.data() + name.size(), pid);
  return r.ec == std::errc{} ? pid : -1;
}

void remove_stale(const fs::path& folder, const std::string& prefix) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(folder.empty() ? fs::path(".") : folder, ec)) {
    const std::string name = e.path().filename().string();
    const long pid = pid_after(name, prefix);
    if (pid > 0 && !process_alive(pid)) fs::remove_all(e.path(), ec);
  }
}

std::string probe_create(const fs::path& folder) {
  // Dot-hidden and removed at once; the window in which a kill could leave it is tiny.
  std::string name = (folder.empty() ? fs::path(".") : folder).string() + "/.last100-probe-XXXXXX";
  if (::mkdtemp(name.data()) == nullptr) return std::strerror(errno);
  ::rmdir(name.c_str());
  return {};
}

}  // namespace detail

namespace {

/// The descriptor an output path names directly: "-" and /dev/stdout are fd 1, /dev/stderr
/// fd 2, /dev/fd/N and /proc/self/fd/N fd N. Writing to the descriptor keeps what the shell
/// set up (a pipe, a terminal, the position in a redirected file); opening the magic link
/// instead would start a redirected file over from its first byte.
int named_descriptor(const fs::path& path) {
  const std::string s = path.string();
  if (s == "-" || s == "/dev/stdout") return 1;
  if (s == "/dev/stderr") return 2;
  for (std::string_view prefix : {"/dev/fd/", "/proc/self/fd/"}) {
    if (s.rfind(prefix, 0) != 0) continue;
    int fd = -1;
    const auto r = std::from_chars(s.data() + prefix.size(), s.data() + s.size(), fd);
    if (r.ec == std::errc{} && r.ptr == s.data() + s.size()) return fd;
  }
  return -1;
}

/// Follows symlinks to the path that is finally written (which may not exist yet).
fs::path final_target(const fs::path& path) {
  fs::path cur = path;
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code ec;
    const auto st = fs::symlink_status(cur, ec);
    if (ec || !fs::is_symlink(st)) return cur;
    const fs::path to = fs::read_symlink(cur, ec);
    if (ec) throw OutputError(fmt::format("cannot write {}: cannot read the symlink {}", path.string(), cur.string()));
    cur = to.is_absolute() ? to : cur.parent_path() / to;
  }
  throw OutputError(fmt::format("cannot write {}: too many levels of symlinks", path.string()));
}

std::string type_name(const fs::file_status& st) {
  switch (st.type()) {
    case fs::file_type::directory: return "a folder";
    case fs::file_type::block: return "a block device";
    case fs::file_type::socket: return "a socket";
    default: return "not a file";
  }
}

void write_through(const fs::path& path, std::string_view content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) throw OutputError(fmt::format("cannot write {}: {}", path.string(), std::strerror(errno)));
  try {
    detail::write_all(fd, content, path.string());
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0 && errno != EINTR)
    throw OutputError(fmt::format("cannot write {}: {}", path.string(), std::strerror(errno)));
}

/// Replaces the regular file (or creates the file) `target` by a temporary file in its folder
/// and a rename, keeping the permissions of the file replaced.
void replace_atomically(const fs::path& target, std::string_view content) {
  static std::atomic<unsigned> counter{0};
  const fs::path folder = target.parent_path();
  // fmt, not `"." + string`: GCC 12 warns a false -Wrestrict on the inlined operator+.
  const std::string stem = fmt::format(".{}.tmp-", target.filename().string());
  detail::remove_stale(folder, stem);  // left by a run that was killed
  const fs::path tmp = folder / fmt::format("{}{}-{}", stem, ::getpid(), counter++);
  struct stat old {};
  const bool replacing = ::stat(target.c_str(), &old) == 0;
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) throw OutputError(fmt::format("cannot write {}: {}", target.string(), std::strerror(errno)));
  try {
    detail::write_all(fd, content, target.string());
    if (replacing) (void)::fchmod(fd, old.st_mode & 07777);
    if (::fsync(fd) != 0) throw OutputError(fmt::format("cannot write {}: {}", target.string(), std::strerror(errno)));
    if (::close(fd) != 0) throw OutputError(fmt::format("cannot write {}: {}", target.string(), std::strerror(errno)));
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    throw OutputError(fmt::format("cannot write {}: {}", target.string(), std::strerror(err)));
  }
}

}  // namespace

void write_output(const fs::path& path, std::string_view content) {
  if (path.empty()) throw OutputError("an output path is empty");
  if (const int fd = named_descriptor(path); fd >= 0) {
    detail::write_all(fd, content, path.string() == "-" ? std::string("stdout") : path.string());
    return;
  }
  const fs::path target = final_target(path);
  std::error_code ec;
  const auto st = fs::status(target, ec);
  if (st.type() == fs::file_type::not_found || fs::is_regular_file(st)) {
    replace_atomically(target, content);
  } else if (fs::is_character_file(st) || fs::is_fifo(st)) {
    write_through(target, content);
  } else if (ec && st.type() != fs::file_type::not_found) {
    throw OutputError(fmt::format("cannot write {}: {}", path.string(), ec.message()));
  } else {
    throw OutputError(fmt::format("cannot write {}: it is {}", path.string(), type_name(st)));
  }
}

void write_file_atomic(const fs::path& path, std::string_view content) { write_output(path, content); }

void check_output_file(const fs::path& path) {
  if (path.empty()) throw OutputError("an output path is empty");
  if (const int fd = named_descriptor(path); fd >= 0) {
    if (::fcntl(fd, F_GETFD) < 0) throw OutputError(fmt::format("cannot write {}: the descriptor is not open", path.string()));
    return;
  }
  const fs::path target = final_target(path);
  std::error_code ec;
  const auto st = fs::status(target, ec);
  if (fs::is_character_file(st) || fs::is_fifo(st)) {
    if (::access(target.c_str(), W_OK) != 0)
      throw OutputError(fmt::format("cannot write {}: {}", path.string(), std::strerror(errno)));
    return;
  }
  if (st.type() != fs::file_type::not_found && !fs::is_regular_file(st))
    throw OutputError(fmt::format("cannot write {}: it is {}", path.string(), type_name(st)));
  // A new or replaced regular file needs a folder we may create files in.
  const fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  if (!fs::is_directory(folder, ec))
    throw OutputError(fmt::format("cannot write {}: no folder {}", path.string(), folder.string()));
  if (const std::string why = detail::probe_create(folder); !why.empty())
    throw OutputError(fmt::format("cannot write {}: folder {}: {}", path.string(), folder.string(), why));
}

}  // namespace last100::report
