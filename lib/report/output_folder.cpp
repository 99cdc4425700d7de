// An output folder (--out DIR) holds the files of one run, never a mix of two: the files are
// written into a fresh staging folder beside DIR, manifest.json last, and the staging folder
// then takes DIR's place in one rename (an exchange when DIR exists). Signals that would end
// the process are held back while this happens, and what a killed run leaves (staging
// folders, temporary files) is removed by the next run that writes there.

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <set>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "last100/net/checksum.hpp"
#include "last100/report/files.hpp"
#include "report/output_detail.hpp"

namespace last100::report {

namespace fs = std::filesystem;

namespace {

using ojson = nlohmann::ordered_json;

/// What a folder last100 wrote before manifests existed may hold.
const std::set<std::string> classic_names = {"summary.json", "summary.csv", "timeseries.csv", "orders.csv",
                                             "scenario.toml", "report.html", "manifest.json"};

/// The folder to publish: symlinks followed, absolute, without a trailing separator.
fs::path folder_target(const fs::path& dir) {
  if (dir.empty() || dir == "-")
    throw OutputError("--out needs a folder ('-' means stdout only for single files such as --json)");
  fs::path p = fs::absolute(dir).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code ec;
    if (!fs::is_symlink(fs::symlink_status(p, ec))) break;
    const fs::path to = fs::read_symlink(p, ec);
    p = (to.is_absolute() ? to : p.parent_path() / to).lexically_normal();
    if (p.filename().empty()) p = p.parent_path();
  }
  if (p == p.root_path() || p.filename() == "." || p.filename() == "..")
    throw OutputError(fmt::format("cannot use {} as an output folder", dir.string()));
  return p;
}

// fmt, not `"." + string`: GCC 12 warns a false -Wrestrict on the inlined operator+.
std::string staging_prefix(const fs::path& target) { return fmt::format(".{}.staging-", target.filename().string()); }
std::string old_prefix(const fs::path& target) { return fmt::format(".{}.old-", target.filename().string()); }

/// The names a manifest lists, or the classic names when there is no (readable) manifest.
std::set<std::string> names_ours(const fs::path& target) {
  std::error_code ec;
  if (!fs::is_regular_file(target / "manifest.json", ec)) return classic_names;
  try {
    const auto m = nlohmann::json::parse(read_file(target / "manifest.json", std::uintmax_t{1} << 20));
    std::set<std::string> names = classic_names;
    for (const auto& f : m.at("files")) names.insert(f.at("name").get<std::string>());
    return names;
  } catch (const std::exception&) {
    return classic_names;
  }
}

/// Throws OutputError unless `target` is absent, empty or holds only files last100 writes.
void check_folder(const fs::path& dir, const fs::path& target) {
  std::error_code ec;
  const auto st = fs::status(target, ec);
  if (st.type() == fs::file_type::not_found) {
    fs::path up = target.parent_path();
    while (!up.empty() && !fs::exists(up, ec) && up != up.root_path()) up = up.parent_path();
    if (!fs::is_directory(up, ec))
      throw OutputError(fmt::format("cannot create the output folder {}: {} is not a folder", dir.string(), up.string()));
    if (const std::string why = detail::probe_create(up); !why.empty())
      throw OutputError(fmt::format("cannot create the output folder {}: {}: {}", dir.string(), up.string(), why));
    return;
  }
  if (!fs::is_directory(st)) throw OutputError(fmt::format("cannot use {} as an output folder: it is not a folder", dir.string()));
  const fs::path parent = target.parent_path();
  if (const std::string why = detail::probe_create(parent); !why.empty())
    throw OutputError(fmt::format("cannot replace the output folder {}: its parent {}: {}", dir.string(), parent.string(), why));
  const auto ours = names_ours(target);
  std::vector<std::string> foreign;
  for (const auto& e : fs::directory_iterator(target, ec)) {
    const std::string name = e.path().filename().string();
    if (ours.count(name) == 0 && !(name.size() > 1 && name[0] == '.' && name.find(".tmp-") != std::string::npos))
      foreign.push_back(name);
  }
  if (!foreign.empty()) {
    std::sort(foreign.begin(), foreign.end());
    throw OutputError(fmt::format("the output folder {} holds files last100 did not write ({}{}); they would be lost: "
                                  "choose a new or empty folder",
                                  dir.string(), foreign.front(), foreign.size() > 1 ? fmt::format(" and {} more", foreign.size() - 1) : ""));
  }
}

std::uint64_t fnv1a(std::string_view s) { return net::fnv1a64(s); }

std::string manifest_json(const FolderFiles& files) {
  ojson m = ojson::object();
  m["schema_version"] = 1;
  m["writer"] = "last100";
  ojson& list = m["files"] = ojson::array();
  for (const auto& [name, content] : files)
    list.push_back(ojson{{"name", name}, {"bytes", content.size()}, {"fnv1a64", fmt::format("{:016x}", fnv1a(content))}});
  return m.dump(2) + "\n";
}

void write_new(const fs::path& path, std::string_view content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) throw OutputError(fmt::format("cannot write {}: {}", path.string(), std::strerror(errno)));
  try {
    detail::write_all(fd, content, path.string());
    if (::fsync(fd) != 0) throw OutputError(fmt::format("cannot write {}: {}", path.string(), std::strerror(errno)));
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) throw OutputError(fmt::format("cannot write {}: {}", path.string(), std::strerror(errno)));
}

/// Holds back SIGINT, SIGTERM, SIGHUP and SIGQUIT in this thread while alive; a signal that
/// came meanwhile is delivered when it ends (and ends the process, with the folder whole).
class HoldSignals {
 public:
  HoldSignals() {
    sigset_t set;
    sigemptyset(&set);
    for (int s : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaddset(&set, s);
    pthread_sigmask(SIG_BLOCK, &set, &old_);
  }
  ~HoldSignals() { pthread_sigmask(SIG_SETMASK, &old_, nullptr); }
  HoldSignals(const HoldSignals&) = delete;
  HoldSignals& operator=(const HoldSignals&) = delete;

 private:
  sigset_t old_;
};

}  // namespace

void check_output_dir(const fs::path& dir) { check_folder(dir, folder_target(dir)); }

void publish_folder(const fs::path& dir, const FolderFiles& files) {
  const fs::path target = folder_target(dir);
  const fs::path parent = target.parent_path();
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) throw OutputError(fmt::format("cannot create {}: {}", parent.string(), ec.message()));
  check_folder(dir, target);
  for (const auto& [name, content] : files)
    if (name.empty() || name.find('/') != std::string::npos || name == "manifest.json" || name[0] == '.')
      throw std::invalid_argument("publish_folder: bad file name '" + name + "'");

  HoldSignals hold;
  detail::remove_stale(parent, staging_prefix(target));
  detail::remove_stale(parent, old_prefix(target));
  const fs::path stage = parent / fmt::format("{}{}", staging_prefix(target), ::getpid());
  fs::remove_all(stage, ec);
  if (!fs::create_directory(stage, ec) || ec)
    throw OutputError(fmt::format("cannot create {}: {}", stage.string(), ec ? ec.message() : "it exists"));
  try {
    for (const auto& [name, content] : files) write_new(stage / name, content);
    write_new(stage / "manifest.json", manifest_json(files));  // last: its presence means complete
    struct stat old {};
    const bool exists = ::stat(target.c_str(), &old) == 0;
    if (exists) (void)::chmod(stage.c_str(), old.st_mode & 07777);
    if (!exists) {
      if (::rename(stage.c_str(), target.c_str()) != 0)
        throw OutputError(fmt::format("cannot create {}: {}", dir.string(), std::strerror(errno)));
    } else if (::renameat2(AT_FDCWD, stage.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
      fs::remove_all(stage, ec);  // now the previous run's files
    } else {
      // No atomic exchange on this file system: two renames, the old folder out of the way first.
      const fs::path old_dir = parent / fmt::format("{}{}", old_prefix(target), ::getpid());
      fs::remove_all(old_dir, ec);
      if (::rename(target.c_str(), old_dir.c_str()) != 0)
        throw OutputError(fmt::format("cannot replace {}: {}", dir.string(), std::strerror(errno)));
      if (::rename(stage.c_str(), target.c_str()) != 0) {
        const int err = errno;
        (void)::rename(old_dir.c_str(), target.c_str());
        throw OutputError(fmt::format("cannot replace {}: {}", dir.string(), std::strerror(err)));
      }
      fs::remove_all(old_dir, ec);
    }
  } catch (...) {
    fs::remove_all(stage, ec);
    throw;
  }
}

void verify_manifest(const fs::path& dir, const std::vector<std::string>& names) {
  const fs::path m = dir / "manifest.json";
  std::error_code ec;
  if (!fs::exists(m, ec)) return;  // written before manifests existed
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(read_file(m, std::uintmax_t{1} << 20));
  } catch (const nlohmann::json::exception& e) {
    throw OutputError(fmt::format("{} is not a last100 manifest: {}", m.string(), e.what()));
  }
  if (!j.is_object() || !j.contains("files") || !j["files"].is_array())
    throw OutputError(fmt::format("{} is not a last100 manifest (no file list)", m.string()));
  for (const auto& want : names) {
    const nlohmann::json* entry = nullptr;
    for (const auto& f : j["files"])
      if (f.is_object() && f.value("name", "") == want) entry = &f;
    if (entry == nullptr) continue;
    const std::string content = read_file(dir / want);
    const bool same = entry->value("bytes", std::uint64_t{0}) == content.size() &&
                      entry->value("fnv1a64", std::string{}) == fmt::format("{:016x}", fnv1a(content));
    if (!same)
      throw OutputError(fmt::format("{} does not match {} (changed or cut short since the run wrote it)",
                                    (dir / want).string(), m.string()));
  }
}

void update_manifest(const fs::path& dir, const std::string& name, std::string_view content) {
  const fs::path m = dir / "manifest.json";
  std::error_code ec;
  if (!fs::exists(m, ec)) return;
  auto j = ojson::parse(read_file(m, std::uintmax_t{1} << 20));
  bool found = false;
  for (auto& f : j["files"])
    if (f.value("name", "") == name) {
      f["bytes"] = content.size();
      f["fnv1a64"] = fmt::format("{:016x}", fnv1a(content));
      found = true;
    }
  if (!found)
    j["files"].push_back(ojson{{"name", name}, {"bytes", content.size()}, {"fnv1a64", fmt::format("{:016x}", fnv1a(content))}});
  write_output(m, j.dump(2) + "\n");
}

}  // namespace last100::report
