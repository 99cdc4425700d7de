// The resumable sweep store: a sweep stopped after some points, with or without a line cut
// short by the kill, resumes to final files byte-identical to those of an uninterrupted
// sweep; a store written with other arguments or KPIs is refused; a damaged store is not
// resumed.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "last100/experiment/design.hpp"
#include "last100/experiment/sweep_store.hpp"
#include "last100/sim/random.hpp"

using namespace last100;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kpis{"lead_time.p50", "delivered share"};

struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() / ("last100-store-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

std::vector<experiment::Parameter> parameters() {
  return {experiment::parse_vary("couriers[0].count=10..30:10"), experiment::parse_vary("label=plain,\"quoted\"")};
}

// A point's result: a function of its index and replication only (as a sweep under common
// random numbers is), with digits that only a round-trip form keeps, and a NaN.
experiment::PointRecord evaluate(const std::vector<experiment::Parameter>& p, const experiment::DesignPoint& pt,
                                 std::size_t index) {
  experiment::PointRecord rec;
  rec.index = index;
  for (std::size_t d = 0; d < p.size(); ++d) rec.parameters.emplace_back(p[d].key, pt.text[d]);
  for (std::uint32_t r = 0; r < 3; ++r) {
    sim::Rng rng(1000 * index + r);
    const double share = index == 4 && r == 1 ? std::numeric_limits<double>::quiet_NaN() : rng.uniform01();
    rec.values.push_back({rng.normal(100.0, 15.0), share});
  }
  return rec;
}

// Runs the pending points in a scrambled order (as threads would finish them), at most `limit`.
void sweep(experiment::SweepStore& store, std::size_t limit = std::numeric_limits<std::size_t>::max()) {
  const auto p = parameters();
  const auto grid = experiment::full_grid(p);
  auto todo = store.pending(grid.size());
  std::reverse(todo.begin(), todo.end());
  for (std::size_t i = 0; i < todo.size() && i < limit; ++i) store.append(evaluate(p, grid[todo[i]], todo[i]));
}

struct Outputs {
  std::string rows_csv, rows_json, summary_csv, summary_json;
  bool operator==(const Outputs&) const = default;
};

Outputs write(const std::vector<experiment::PointRecord>& points) {
  std::ostringstream a, b, c, d;
  experiment::write_replications_csv(a, kpis, points);
  experiment::write_replications_json(b, kpis, points);
  experiment::write_point_summary_csv(c, kpis, points);
  experiment::write_point_summary_json(d, kpis, points);
  return {a.str(), b.str(), c.str(), d.str()};
}

// The uninterrupted sweep's files, written from the results in memory (not read back), so
// equality also shows that the store gives every value back exactly.
Outputs reference() {
  const auto p = parameters();
  const auto grid = experiment::full_grid(p);
  std::vector<experiment::PointRecord> all;
  for (std::size_t i = 0; i < grid.size(); ++i) all.push_back(evaluate(p, grid[i], i));
  return write(all);
}

const std::string args = "scenario=abc123 --vary couriers[0].count=10..30:10 --vary label=... --seed 7 -r 3";

}  // namespace

TEST_CASE("a sweep stopped midway and resumed writes the files of an uninterrupted sweep", "[experiment][store]") {
  TempDir dir("resume");
  const auto file = dir.path / experiment::sweep_store_name;
  {
    experiment::SweepStore store(file, args, kpis);
    sweep(store, 2);
    CHECK(store.records().size() == 2);
  }  // killed here: the process is gone, the file stays
  experiment::SweepStore resumed(file, args, kpis);
  CHECK(resumed.records().size() == 2);
  CHECK(resumed.pending(6).size() == 4);
  sweep(resumed);
  CHECK(resumed.pending(6).empty());
  const Outputs got = write(resumed.records());
  const Outputs want = reference();
  CHECK(got.rows_csv == want.rows_csv);
  CHECK(got.rows_json == want.rows_json);
  CHECK(got.summary_csv == want.summary_csv);
  CHECK(got.summary_json == want.summary_json);
  // The rows are in point order whatever order the points finished in, parameters as columns.
  CHECK(got.rows_csv.rfind("point,replication,couriers[0].count,label,lead_time.p50,delivered share\n0,0,10,plain,", 0) == 0);
  CHECK(got.rows_csv.find(",\"\"\"quoted\"\"\",") != std::string::npos);
}

TEST_CASE("a line cut short by a kill is dropped and its point runs again", "[experiment][store]") {
  TempDir dir("torn");
  const auto file = dir.path / experiment::sweep_store_name;
  {
    experiment::SweepStore store(file, args, kpis);
    sweep(store, 3);
  }
  // What a kill in the middle of a write leaves: the first part of the next point's line.
  const auto before = fs::file_size(file);
  {
    const auto p = parameters();
    experiment::SweepStore scratch(dir.path / "scratch.log", args, kpis);
    scratch.append(evaluate(p, experiment::full_grid(p)[0], 0));
    std::ifstream in(dir.path / "scratch.log");
    std::string header, line;
    std::getline(in, header);
    std::getline(in, line);
    std::ofstream(file, std::ios::app) << line.substr(0, line.size() / 2);
  }
  experiment::SweepStore resumed(file, args, kpis);
  CHECK(resumed.dropped_bytes() > 0);
  CHECK(fs::file_size(file) == before);  // truncated back to the last whole line
  CHECK(resumed.records().size() == 3);
  sweep(resumed);
  CHECK(write(resumed.records()) == reference());
}

TEST_CASE("a store written with other arguments or KPIs is refused, unless restarted", "[experiment][store]") {
  using Catch::Matchers::Contains;
  TempDir dir("refuse");
  const auto file = dir.path / experiment::sweep_store_name;
  {
    experiment::SweepStore store(file, args, kpis);
    sweep(store, 2);
  }
  CHECK_THROWS_WITH(experiment::SweepStore(file, args + " --seed 8", kpis),
                    Contains("other arguments") && Contains("--out") && Contains("--restart"));
  CHECK_THROWS_AS(experiment::SweepStore(file, args, std::vector<std::string>{"lead_time.p50"}), experiment::StoreError);
  experiment::SweepStore fresh(file, args + " --seed 8", kpis, true);
  CHECK(fresh.records().empty());
}

TEST_CASE("a store damaged before its last line is not resumed", "[experiment][store]") {
  TempDir dir("damaged");
  const auto file = dir.path / experiment::sweep_store_name;
  {
    experiment::SweepStore store(file, args, kpis);
    sweep(store, 3);
  }
  std::string text;
  {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    text = s.str();
  }
  // One digit of the second record changed: its checksum no longer matches.
  const auto second = text.find('\n', text.find('\n') + 1) + 1;
  const auto digit = text.find_first_of("123456789", text.find('\t', text.find('\t', second) + 1));
  text[digit] = text[digit] == '9' ? '8' : '9';
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
  CHECK_THROWS_WITH(experiment::SweepStore(file, args, kpis), Catch::Matchers::Contains("line 3 is damaged"));
}

TEST_CASE("a point is stored once, with one value per KPI", "[experiment][store]") {
  TempDir dir("once");
  experiment::SweepStore store(dir.path / experiment::sweep_store_name, args, kpis);
  const auto p = parameters();
  const auto rec = evaluate(p, experiment::full_grid(p)[1], 1);
  store.append(rec);
  CHECK(store.has(1));
  CHECK_THROWS_AS(store.append(rec), std::logic_error);
  auto bad = evaluate(p, experiment::full_grid(p)[2], 2);
  bad.values[0].pop_back();
  CHECK_THROWS_AS(store.append(bad), std::logic_error);
}
