// The sweep store: a header line, then one line per finished point ending in a checksum.
// Each line goes to the file in one write() on a descriptor opened with O_APPEND and is
// fsynced before append returns, so after a kill the file holds whole lines and at most one
// cut short at its end, which opening drops.
#include "last100/experiment/sweep_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "last100/experiment/student.hpp"
#include "last100/sim/random.hpp"

namespace last100::experiment {
namespace {

constexpr std::string_view magic = "last100-sweep-store 1";

std::string escape_line(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else out += c;
  }
  return out;
}

std::string join(const std::vector<std::string>& v, char sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) (out += i ? std::string(1, sep) : "") += v[i];
  return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const auto at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string_view::npos ? s.npos : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

// Shortest text that reads back as the same double; every NaN written alike.
std::string number_text(double v) { return std::isnan(v) ? std::string("nan") : fmt::format("{}", v); }

bool read_double(std::string_view s, double& v) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc{} && end == s.data() + s.size();
}

bool read_size(std::string_view s, std::size_t& v) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return !s.empty() && ec == std::errc{} && end == s.data() + s.size();
}

std::string checksum(std::string_view body) { return fmt::format("{:016x}", sim::fnv1a64(body)); }

std::string header_line(std::string_view arguments, const std::vector<std::string>& kpis) {
  const std::string fp = arguments_fingerprint(std::string(arguments) + "\n" + join(kpis, '\n'));
  return fmt::format("{}\t{}\t{}\t{}\n", magic, fp, escape_line(join(kpis, ',')), escape_line(arguments));
}

std::string record_line(const PointRecord& p) {
  std::string body = fmt::format("p\t{}\t{}", p.index, p.parameters.size());
  for (const auto& [k, v] : p.parameters) body += fmt::format("\t{}\t{}", k, v);
  body += fmt::format("\t{}", p.values.size());
  for (const auto& row : p.values) {
    body += '\t';
    for (std::size_t j = 0; j < row.size(); ++j) (body += j ? "," : "") += number_text(row[j]);
  }
  return body + "\t" + checksum(body) + "\n";
}

// Reads one record line (without its newline); false if it does not hold together.
bool parse_record(std::string_view line, std::size_t kpi_count, PointRecord& p) {
  const auto tab = line.rfind('\t');
  if (tab == std::string_view::npos || line.substr(tab + 1) != checksum(line.substr(0, tab))) return false;
  const auto f = split(line.substr(0, tab), '\t');
  std::size_t at = 0, count = 0;
  auto next = [&]() -> std::string_view { return at < f.size() ? f[at++] : std::string_view{}; };
  if (next() != "p" || !read_size(next(), p.index) || !read_size(next(), count)) return false;
  for (std::size_t i = 0; i < count; ++i) {
    const auto k = next();
    const auto v = next();
    p.parameters.emplace_back(k, v);
  }
  if (!read_size(next(), count)) return false;
  for (std::size_t r = 0; r < count; ++r) {
    const auto cells = split(next(), ',');
    if (cells.size() != kpi_count) return false;
    auto& row = p.values.emplace_back();
    for (const auto c : cells)
      if (!read_double(c, row.emplace_back())) return false;
  }
  return at == f.size();
}

void write_all(int fd, std::string_view data, const std::filesystem::path& file) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw StoreError(fmt::format("{}: cannot write: {}", file.string(), std::strerror(errno)));
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

void sync_fd(int fd, const std::filesystem::path& file) {
  if (::fsync(fd) != 0) throw StoreError(fmt::format("{}: cannot sync to disk: {}", file.string(), std::strerror(errno)));
}

// A new file's directory entry is durable only once its directory is synced too.
void sync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// Writes the header to a temporary file and renames it into place, so the store exists
// either with a whole header or not at all.
void create(const std::filesystem::path& file, const std::string& header) {
  const auto tmp = std::filesystem::path(file.string() + ".tmp");
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    throw StoreError(fmt::format("{}: cannot create: {}; check that the output folder exists and is writable",
                                 tmp.string(), std::strerror(errno)));
  try {
    write_all(fd, header, tmp);
    sync_fd(fd, tmp);
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
  std::filesystem::rename(tmp, file);
  sync_directory(file.parent_path());
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw StoreError(fmt::format("{}: cannot read the sweep store", file.string()));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// --- writers ---------------------------------------------------------------------------

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos && (s.empty() || (s.front() != ' ' && s.back() != ' ')))
    return std::string(s);
  std::string out = "\"";
  for (char c : s) (out += c) += c == '"' ? "\"" : "";
  return out + "\"";
}

std::string csv_number(double v) { return std::isnan(v) ? std::string() : fmt::format("{}", v); }

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') (out += '\\') += c;
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<int>(c));
    else out += c;
  }
  return out + "\"";
}

std::string json_number(double v) { return std::isfinite(v) ? fmt::format("{}", v) : std::string("null"); }

// Whether a parameter's text is a JSON number as written (so it is written unquoted, as is).
bool is_json_number(std::string_view s) {
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') ++i;
  else if (!digits()) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

std::string json_value(std::string_view text) { return is_json_number(text) ? std::string(text) : json_string(text); }

std::vector<std::string> parameter_keys(const std::vector<PointRecord>& points) {
  std::vector<std::string> keys;
  if (points.empty()) return keys;
  for (const auto& [k, v] : points.front().parameters) keys.push_back(k);
  for (const auto& p : points) {
    bool same = p.parameters.size() == keys.size();
    for (std::size_t i = 0; same && i < keys.size(); ++i) same = p.parameters[i].first == keys[i];
    if (!same)
      throw std::invalid_argument(fmt::format("sweep point {} has other parameters than point {}", p.index,
                                              points.front().index));
  }
  return keys;
}

std::string json_parameters(const PointRecord& p) {
  std::string out = "{";
  for (std::size_t i = 0; i < p.parameters.size(); ++i)
    out += fmt::format("{}{}: {}", i ? ", " : "", json_string(p.parameters[i].first), json_value(p.parameters[i].second));
  return out + "}";
}

std::string json_name_list(const std::vector<std::string>& names) {
  std::string out = "[";
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + json_string(names[i]);
  return out + "]";
}

}  // namespace

std::string arguments_fingerprint(std::string_view arguments) { return checksum(arguments); }

SweepStore::SweepStore(std::filesystem::path file, std::string_view arguments, std::vector<std::string> kpis,
                       bool restart)
    : file_(std::move(file)), kpis_(std::move(kpis)) {
  for (const auto& k : kpis_)
    if (k.empty() || k.find_first_of(",\t\n") != std::string::npos)
      throw std::invalid_argument(fmt::format("sweep store: the KPI name \"{}\" is empty or holds ',', tab or newline", k));
  const std::string header = header_line(arguments, kpis_);
  if (restart || !std::filesystem::exists(file_)) {
    create(file_, header);
  } else {
    const std::string text = read_file(file_);
    const auto first = text.find('\n');
    const std::string_view got = std::string_view(text).substr(0, first == std::string::npos ? text.size() : first + 1);
    if (got.substr(0, magic.size()) != magic)
      throw StoreError(fmt::format("{} is not a last100 sweep store; write to another --out folder", file_.string()));
    if (got != header) {
      const auto fields = split(got.substr(0, got.size() - 1), '\t');
      throw StoreError(fmt::format(
          "{} holds a sweep run with other arguments or KPIs (stored: {}; now: {}); rerun with the same arguments "
          "to resume it, write to another --out folder, or add --restart to discard it",
          file_.string(), fields.size() > 3 ? fields[3] : std::string_view("?"), escape_line(arguments)));
    }
    std::size_t at = got.size(), good = at, line_no = 1;
    while (at < text.size()) {
      ++line_no;
      const auto nl = text.find('\n', at);
      PointRecord rec;
      const bool ok = nl != std::string::npos &&
                      parse_record(std::string_view(text).substr(at, nl - at), kpis_.size(), rec);
      if (!ok) {
        const bool last = nl == std::string::npos || nl + 1 == text.size();
        if (!last)
          throw StoreError(fmt::format("{}: line {} is damaged and more lines follow; this is not a cut-short "
                                       "append, so nothing is resumed: add --restart or write to another --out",
                                       file_.string(), line_no));
        break;  // a line cut short by a kill: dropped, and its point runs again
      }
      points_.emplace(rec.index, std::move(rec));  // a duplicate keeps the first
      at = nl + 1;
      good = at;
    }
    dropped_bytes_ = text.size() - good;
    if (dropped_bytes_ > 0) std::filesystem::resize_file(file_, good);
  }
  fd_ = ::open(file_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd_ < 0) throw StoreError(fmt::format("{}: cannot open for appending: {}", file_.string(), std::strerror(errno)));
  if (dropped_bytes_ > 0) sync_fd(fd_, file_);
}

SweepStore::~SweepStore() {
  if (fd_ >= 0) ::close(fd_);
}

bool SweepStore::has(std::size_t index) const {
  std::lock_guard lock(mutex_);
  return points_.count(index) > 0;
}

std::vector<std::size_t> SweepStore::pending(std::size_t count) const {
  std::lock_guard lock(mutex_);
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < count; ++i)
    if (!points_.count(i)) out.push_back(i);
  return out;
}

std::vector<PointRecord> SweepStore::records() const {
  std::lock_guard lock(mutex_);
  std::vector<PointRecord> out;
  out.reserve(points_.size());
  for (const auto& [i, p] : points_) out.push_back(p);
  return out;
}

void SweepStore::append(const PointRecord& point) {
  for (const auto& row : point.values)
    if (row.size() != kpis_.size())
      throw std::logic_error(fmt::format("sweep store: point {} has a row of {} values for {} KPIs", point.index,
                                         row.size(), kpis_.size()));
  for (const auto& [k, v] : point.parameters)
    if ((k + v).find_first_of("\t\n") != std::string::npos)
      throw std::logic_error(fmt::format("sweep store: point {} has a parameter with a tab or newline", point.index));
  const std::string line = record_line(point);
  std::lock_guard lock(mutex_);
  if (points_.count(point.index))
    throw std::logic_error(fmt::format("sweep store: point {} is already stored", point.index));
  write_all(fd_, line, file_);
  sync_fd(fd_, file_);
  points_.emplace(point.index, point);
}

void write_replications_csv(std::ostream& out, const std::vector<std::string>& kpis,
                            const std::vector<PointRecord>& points) {
  const auto keys = parameter_keys(points);
  out << "point,replication";
  for (const auto& k : keys) out << ',' << csv_field(k);
  for (const auto& k : kpis) out << ',' << csv_field(k);
  out << '\n';
  for (const auto& p : points)
    for (std::size_t r = 0; r < p.values.size(); ++r) {
      out << p.index << ',' << r;
      for (const auto& [k, v] : p.parameters) out << ',' << csv_field(v);
      for (const double v : p.values[r]) out << ',' << csv_number(v);
      out << '\n';
    }
}

void write_replications_json(std::ostream& out, const std::vector<std::string>& kpis,
                             const std::vector<PointRecord>& points) {
  out << "{\n  \"parameters\": " << json_name_list(parameter_keys(points)) << ",\n  \"kpis\": " << json_name_list(kpis)
      << ",\n  \"rows\": [";
  bool first = true;
  for (const auto& p : points)
    for (std::size_t r = 0; r < p.values.size(); ++r) {
      out << (first ? "\n" : ",\n") << "    {\"point\": " << p.index << ", \"replication\": " << r
          << ", \"parameters\": " << json_parameters(p) << ", \"kpis\": {";
      for (std::size_t j = 0; j < kpis.size(); ++j)
        out << (j ? ", " : "") << json_string(kpis[j]) << ": " << json_number(p.values[r].at(j));
      out << "}}";
      first = false;
    }
  out << (first ? "]\n}\n" : "\n  ]\n}\n");
}

std::vector<KpiSummary> summarize(const PointRecord& point, std::size_t kpi_count) {
  std::vector<KpiSummary> out(kpi_count);
  std::vector<double> column;
  for (std::size_t j = 0; j < kpi_count; ++j) {
    column.clear();
    for (const auto& row : point.values) column.push_back(row.at(j));
    const SampleStats s = sample_stats(column);
    out[j] = {s.n, s.mean, half_width(s)};
  }
  return out;
}

void write_point_summary_csv(std::ostream& out, const std::vector<std::string>& kpis,
                             const std::vector<PointRecord>& points) {
  const auto keys = parameter_keys(points);
  out << "point,replications";
  for (const auto& k : keys) out << ',' << csv_field(k);
  for (const auto& k : kpis) out << ',' << csv_field(k + ".mean") << ',' << csv_field(k + ".half_width");
  out << '\n';
  for (const auto& p : points) {
    out << p.index << ',' << p.values.size();
    for (const auto& [k, v] : p.parameters) out << ',' << csv_field(v);
    for (const auto& s : summarize(p, kpis.size())) out << ',' << csv_number(s.mean) << ',' << csv_number(s.half_width);
    out << '\n';
  }
}

void write_point_summary_json(std::ostream& out, const std::vector<std::string>& kpis,
                              const std::vector<PointRecord>& points) {
  out << "{\n  \"parameters\": " << json_name_list(parameter_keys(points)) << ",\n  \"kpis\": " << json_name_list(kpis)
      << ",\n  \"points\": [";
  bool first = true;
  for (const auto& p : points) {
    out << (first ? "\n" : ",\n") << "    {\"point\": " << p.index << ", \"replications\": " << p.values.size()
        << ", \"parameters\": " << json_parameters(p) << ", \"kpis\": {";
    const auto sums = summarize(p, kpis.size());
    for (std::size_t j = 0; j < kpis.size(); ++j)
      out << (j ? ", " : "") << json_string(kpis[j]) << ": {\"mean\": " << json_number(sums[j].mean)
          << ", \"half_width\": " << json_number(sums[j].half_width) << ", \"n\": " << sums[j].n << "}";
    out << "}}";
    first = false;
  }
  out << (first ? "]\n}\n" : "\n  ]\n}\n");
}

}  // namespace last100::experiment
