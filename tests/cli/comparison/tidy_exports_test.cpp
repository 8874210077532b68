// `--out DIR` writes one tidy file of each kind for the whole comparison (every router,
// replication and layer, run keys as columns): the rows add up to the summary, --tokens-csv gives
// one row per token, the latency buckets give the summary's percentiles, trace.json is one
// trace-event document with a process per run that keeps the format's rules (trace_rules.hpp), and
// reruns give the same bytes for any thread count.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "tests/cli/cli_runner.hpp"
#include "tests/cli/comparison/trace_rules.hpp"
#include "tests/support/scratch_dir.hpp"

namespace routelab::testing {
namespace {

using Table = std::vector<std::vector<std::string>>;
using Key = std::tuple<std::string, std::uint64_t, int>;  // router, replication, layer

constexpr const char* kWindowsHeader = "router,replication,layer,seed,window,start_tick,end_tick,expert,arrivals,"
                                       "accepted,served,dropped,queue_peak,utilization";
constexpr const char* kEventsHeader = "router,replication,layer,seed,expert,start_tick,end_tick,peak,cause";
constexpr const char* kTokensHeader =
    "router,replication,layer,seed,token,arrival_tick,experts,assignments,dropped,completion_tick,latency";
constexpr const char* kLatencyHeader = "router,replication,layer,seed,low_tick,high_tick,count";
constexpr const char* kCompare =
    "compare --scenario zipf-hot --tokens 6000 --routers hash,greedy,phase --replications 2 --tokens-csv --out ";

Key key_of(const std::vector<std::string>& row) { return {row[0], std::stoull(row[1]), std::stoi(row[2])}; }
Key key_of(const nlohmann::json& entry) {
  return {entry["router"], entry["replication"].get<std::uint64_t>(), entry.value("layer", 0)};
}

// Nearest-rank quantile over histogram buckets, reported as the bucket's middle (the summary's rule).
std::int64_t bucket_quantile(const std::vector<std::array<std::int64_t, 3>>& buckets, double q) {
  std::int64_t total = 0;
  for (const auto& b : buckets) total += b[2];
  const auto rank = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(q * static_cast<double>(total))));
  std::int64_t seen = 0;
  for (const auto& b : buckets) {
    seen += b[2];
    if (seen >= rank) return b[0] + (b[1] - b[0]) / 2;
  }
  return buckets.back()[1];
}

class TidyExports : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    out_ = new ScratchDir;
    const auto run = run_cli(std::string(kCompare) + "'" + (out_->path() / "a").string() + "'", "OMP_NUM_THREADS=3");
    ASSERT_EQ(run.exit_code, 0) << run.err;
    summary_ = new nlohmann::json(nlohmann::json::parse(read_text(out_->path() / "a" / "summary.json")));
  }
  static void TearDownTestSuite() {
    delete summary_;
    delete out_;
  }
  static std::filesystem::path dir() { return out_->path() / "a"; }
  static std::map<Key, nlohmann::json> runs() {
    std::map<Key, nlohmann::json> by_key;
    for (const auto& entry : (*summary_)["routers"]) by_key[key_of(entry)] = entry;
    return by_key;
  }
  static ScratchDir* out_;
  static nlohmann::json* summary_;
};
ScratchDir* TidyExports::out_ = nullptr;
nlohmann::json* TidyExports::summary_ = nullptr;

TEST_F(TidyExports, OneFileOfEachKindAndNoPerRouterFolders) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir())) names.insert(entry.path().filename().string());
  EXPECT_EQ(names, (std::set<std::string>{".routelab-output", "latency_histogram.csv", "overload_events.csv",
                                          "provenance.json", "scenario.toml", "summary.json", "tokens.csv",
                                          "trace.json", "windows.csv"}));
}

TEST_F(TidyExports, WindowRowsAreRoutersTimesReplicationsTimesWindowsTimesExperts) {
  const Table rows = read_csv(dir() / "windows.csv", kWindowsHeader);
  const auto experts = (*summary_)["experts"].get<std::size_t>();
  std::size_t expected = 0;
  std::map<Key, std::vector<std::int64_t>> load, accepted, served;
  std::map<Key, std::int64_t> dropped, arrivals_total, accepted_total;
  for (const auto& [key, entry] : runs()) {
    expected += entry["windows"].get<std::size_t>() * experts;
    load[key].assign(experts, 0);
    accepted[key].assign(experts, 0);
    served[key].assign(experts, 0);
  }
  ASSERT_EQ(runs().size(), 6u);  // 3 routers x 2 replications
  ASSERT_EQ(rows.size(), expected);
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 14u);
    EXPECT_EQ(row[3], std::to_string((*summary_)["provenance"]["seed"].get<std::uint64_t>()));
    const auto key = key_of(row);
    ASSERT_TRUE(load.count(key)) << row[0];
    const auto expert = std::stoul(row[7]);
    load[key].at(expert) += std::stoll(row[8]);
    accepted[key].at(expert) += std::stoll(row[9]);
    served[key].at(expert) += std::stoll(row[10]);
    dropped[key] += std::stoll(row[11]);
    arrivals_total[key] += std::stoll(row[8]);
    accepted_total[key] += std::stoll(row[9]);
  }
  for (const auto& [key, entry] : runs()) {
    SCOPED_TRACE(std::get<0>(key));
    EXPECT_EQ(load[key], entry["expert_load"].get<std::vector<std::int64_t>>());
    EXPECT_EQ(dropped[key], entry["assignments_dropped"].get<std::int64_t>());
    EXPECT_EQ(arrivals_total[key], accepted_total[key] + dropped[key]);
    // The run drains: every assignment an expert took was served there.
    EXPECT_EQ(accepted[key], entry["expert_served"].get<std::vector<std::int64_t>>());
    EXPECT_EQ(served[key], accepted[key]);
  }
}

TEST_F(TidyExports, OverloadEventRowsMatchEachRunsCount) {
  std::map<Key, std::int64_t> events;
  for (const auto& row : read_csv(dir() / "overload_events.csv", kEventsHeader)) {
    ASSERT_EQ(row.size(), 9u);
    ++events[key_of(row)];
  }
  for (const auto& [key, entry] : runs()) EXPECT_EQ(events[key], entry["overload_events"].get<std::int64_t>());
}

TEST_F(TidyExports, OneTokenRowPerTokenAndItsLatencies) {
  std::map<Key, std::int64_t> tokens, completed, assignments;
  std::map<Key, std::vector<std::int64_t>> latencies;
  for (auto row : read_csv(dir() / "tokens.csv", kTokensHeader)) {
    row.resize(11);  // a dropped token's empty latency ends the line
    const auto key = key_of(row);
    ++tokens[key];
    assignments[key] += std::stoll(row[7]);
    const auto experts = static_cast<std::int64_t>(row[6].empty() ? 0 : std::count(row[6].begin(), row[6].end(), ';') + 1);
    EXPECT_EQ(experts, std::stoll(row[7]) - std::stoll(row[8]));  // the accepting experts, one per accepted assignment
    if (row[10].empty()) {
      EXPECT_EQ(row[7], row[8]);  // no latency: nothing was accepted
      continue;
    }
    ++completed[key];
    EXPECT_EQ(std::stoll(row[10]), std::stoll(row[9]) - std::stoll(row[5]));
    latencies[key].push_back(std::stoll(row[10]));
  }
  for (const auto& [key, entry] : runs()) {
    SCOPED_TRACE(std::get<0>(key));
    EXPECT_EQ(tokens[key], entry["tokens"].get<std::int64_t>());
    EXPECT_EQ(completed[key], entry["tokens_completed"].get<std::int64_t>());
    EXPECT_EQ(assignments[key], entry["assignments"].get<std::int64_t>());
    // The exact percentiles of the token rows agree with the summary's (a histogram's, within 1/256).
    auto& values = latencies[key];
    std::sort(values.begin(), values.end());
    for (const auto& [name, q] : {std::pair{"latency_p50", 0.50}, std::pair{"latency_p99", 0.99}}) {
      const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
      const double exact = static_cast<double>(values.at(rank - 1));
      EXPECT_NEAR(entry[name].get<double>(), exact, exact / 256.0 + 1.0) << name;
    }
  }
}

TEST_F(TidyExports, LatencyBucketsGiveTheSummaryPercentiles) {
  std::map<Key, std::vector<std::array<std::int64_t, 3>>> buckets;
  for (const auto& row : read_csv(dir() / "latency_histogram.csv", kLatencyHeader)) {
    ASSERT_EQ(row.size(), 7u);
    buckets[key_of(row)].push_back({std::stoll(row[4]), std::stoll(row[5]), std::stoll(row[6])});
  }
  for (const auto& [key, entry] : runs()) {
    SCOPED_TRACE(std::get<0>(key));
    const auto& b = buckets[key];
    ASSERT_FALSE(b.empty());
    std::int64_t total = 0;
    for (const auto& bucket : b) {
      EXPECT_LE(bucket[0], bucket[1]);
      total += bucket[2];
    }
    EXPECT_EQ(total, entry["tokens_completed"].get<std::int64_t>());
    const auto p99 = entry["latency_p99"].get<std::int64_t>();
    const auto from_buckets = bucket_quantile(b, 0.99);
    // The summary clamps to [min, max]; otherwise it is the same bucket's middle.
    EXPECT_NEAR(static_cast<double>(from_buckets), static_cast<double>(p99), static_cast<double>(p99) / 256.0 + 1.0);
  }
}

TEST_F(TidyExports, TraceIsOneDocumentWithAProcessPerRunAndTheProvenance) {
  const auto trace = nlohmann::json::parse(read_text(dir() / "trace.json"));
  EXPECT_EQ(trace["otherData"], (*summary_)["provenance"]);
  std::map<int, std::string> processes;
  std::map<int, std::int64_t> batches, overloads, arrivals;
  std::set<std::string> counter_names;
  for (const auto& event : trace["traceEvents"]) {
    ASSERT_TRUE(event.contains("ph") && event.contains("pid") && event.contains("name")) << event.dump();
    const std::string ph = event["ph"];
    ASSERT_TRUE(ph == "M" || ph == "C" || ph == "X") << event.dump();
    const int pid = event["pid"];
    if (ph != "M") ASSERT_TRUE(event["ts"].is_number()) << event.dump();
    if (ph == "M" && event["name"] == "process_name") processes[pid] = event["args"]["name"];
    if (ph == "X") ASSERT_GE(event["dur"].get<std::int64_t>(), 0);
    if (ph == "X" && event["cat"] == "batch") ++batches[pid];
    if (ph == "X" && event["cat"] == "overload") ++overloads[pid];
    if (ph == "C" && event["args"].contains("arrivals")) arrivals[pid] += event["args"]["arrivals"].get<std::int64_t>();
    if (ph == "C") counter_names.insert(event["name"]);
    if (ph == "X" && event["name"] == "provenance") EXPECT_EQ(event["args"], (*summary_)["provenance"]);
  }
  ASSERT_EQ(processes.size(), runs().size() + 1);  // one per run, and the provenance's
  EXPECT_EQ(processes[0], "routelab provenance");
  int pid = 1;
  for (const auto& entry : (*summary_)["routers"]) {  // comparison order
    SCOPED_TRACE(pid);
    EXPECT_EQ(processes[pid], entry["router"].get<std::string>() + " replication " +
                                  std::to_string(entry["replication"].get<int>()));
    EXPECT_EQ(batches[pid], entry["batches"].get<std::int64_t>());
    EXPECT_EQ(overloads[pid], entry["overload_events"].get<std::int64_t>());
    EXPECT_EQ(arrivals[pid], entry["assignments"].get<std::int64_t>());
    ++pid;
  }
  EXPECT_EQ(counter_names.size(), (*summary_)["experts"].get<std::size_t>() + 1);  // "expert N" and "run"
}

std::string listed(const std::vector<std::string>& violations) {
  std::string text;
  for (std::size_t i = 0; i < std::min<std::size_t>(violations.size(), 8); ++i) text += violations[i] + "\n";
  return text;
}

TEST_F(TidyExports, TraceKeepsTheTraceEventFormatsRules) {
  const auto experts = (*summary_)["experts"].get<int>();
  const TraceCheck check = check_trace(read_text(dir() / "trace.json"), static_cast<int>(runs().size()), experts);
  EXPECT_TRUE(check.violations.empty()) << listed(check.violations);
  // Batches and overloads as slices, one per batch and per overload event of each run.
  std::int64_t pid = 1, overloads = 0;
  for (const auto& entry : (*summary_)["routers"]) {
    SCOPED_TRACE(entry["router"].get<std::string>());
    EXPECT_GT(check.batches.count(pid) ? check.batches.at(pid) : 0, 0);
    EXPECT_EQ(check.batches.count(pid) ? check.batches.at(pid) : 0, entry["batches"].get<std::int64_t>());
    EXPECT_EQ(check.overloads.count(pid) ? check.overloads.at(pid) : 0, entry["overload_events"].get<std::int64_t>());
    overloads += entry["overload_events"].get<std::int64_t>();
    ++pid;
  }
  ASSERT_GT(overloads, 0) << "zipf-hot is meant to overload; without overloads their slices go untested";
}

// The check is only as good as what it catches: each rule, broken once in a valid trace, is reported.
TEST_F(TidyExports, TraceRuleCheckCatchesEachBrokenRule) {
  const std::string text = read_text(dir() / "trace.json");
  const auto runs_count = static_cast<int>(runs().size());
  const auto experts = (*summary_)["experts"].get<int>();
  const auto valid = nlohmann::json::parse(text);
  const auto first = [&valid](const std::string& ph, const std::string& name_prefix = "") {
    const auto& events = valid["traceEvents"];
    for (std::size_t i = 0; i < events.size(); ++i)
      if (events[i]["ph"] == ph && events[i]["pid"] == 1 && events[i]["name"].get<std::string>().rfind(name_prefix, 0) == 0)
        return i;
    ADD_FAILURE() << "no " << ph << " event " << name_prefix;
    return std::size_t{0};
  };
  using Break = std::function<void(nlohmann::json&)>;
  const std::vector<std::pair<std::string, Break>> breaks{
      {"pid as a string", [&](nlohmann::json& t) { t["traceEvents"][first("C")]["pid"] = "1"; }},
      {"no tid", [&](nlohmann::json& t) { t["traceEvents"][first("X")].erase("tid"); }},
      {"negative ts", [&](nlohmann::json& t) { t["traceEvents"][first("C")]["ts"] = -1; }},
      {"ts as a string", [&](nlohmann::json& t) { t["traceEvents"][first("X")]["ts"] = "0"; }},
      {"negative dur", [&](nlohmann::json& t) { t["traceEvents"][first("X", "batch")]["dur"] = -5; }},
      {"counter value as a string", [&](nlohmann::json& t) { t["traceEvents"][first("C", "expert")]["args"]["arrivals"] = "3"; }},
      {"no process_name", [&](nlohmann::json& t) { t["traceEvents"].erase(first("M", "process_name")); }},
      {"no drops track", [&](nlohmann::json& t) {
         auto& events = t["traceEvents"];
         for (std::size_t i = events.size(); i-- > 0;)
           if (events[i]["pid"] == 1 && events[i]["name"] == "run") events.erase(i);
       }},
      {"no queue track", [&](nlohmann::json& t) {
         for (auto& event : t["traceEvents"])
           if (event["pid"] == 1 && event["name"] == "expert 0") event["args"].erase("queue_peak");
       }},
      {"no traceEvents", [&](nlohmann::json& t) { t.erase("traceEvents"); }},
  };
  ASSERT_TRUE(check_trace(valid.dump(), runs_count, experts).violations.empty());
  for (const auto& [what, apply] : breaks) {
    nlohmann::json broken = valid;
    apply(broken);
    EXPECT_FALSE(check_trace(broken.dump(), runs_count, experts).violations.empty()) << what;
  }
  EXPECT_FALSE(check_trace(text.substr(0, text.size() - 3), runs_count, experts).violations.empty()) << "truncated";
}

TEST_F(TidyExports, RerunsWithAnyThreadCountGiveTheSameBytes) {
  // The same command (its --out path is in the provenance), one thread, replacing the first result.
  const std::vector<std::string> names{"windows.csv", "overload_events.csv", "tokens.csv", "latency_histogram.csv",
                                       "trace.json", "provenance.json", "scenario.toml"};
  std::vector<std::string> first;
  for (const auto& name : names) first.push_back(read_text(dir() / name));
  const auto again = run_cli(std::string(kCompare) + "'" + dir().string() + "' --force", "OMP_NUM_THREADS=1");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  // summary.json holds wall-clock seconds; every export is compared.
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string text = read_text(dir() / names[i]);
    if (names[i] == "trace.json" || names[i] == "provenance.json") {  // the command line gained --force
      const auto without = [](std::string t) {
        for (auto at = t.find(" --force"); at != std::string::npos; at = t.find(" --force")) t.erase(at, 8);
        return t;
      };
      EXPECT_EQ(without(first[i]), without(text)) << names[i];
    } else {
      EXPECT_EQ(first[i], text) << names[i];
    }
  }
}

TEST(TidyExportsFlag, TokensCsvNeedsOut) {
  const auto run = run_cli("run --router hash --tokens 1000 --tokens-csv");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--tokens-csv"), std::string::npos) << run.err;
}

TEST(TidyExportsFlag, WithoutTheFlagThereIsNoTokensFile) {
  ScratchDir out;
  const auto run = run_cli("run --router hash --tokens 1000 --out '" + out.path().string() + "'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_FALSE(std::filesystem::exists(out / "tokens.csv"));
  EXPECT_TRUE(std::filesystem::exists(out / "latency_histogram.csv"));
  EXPECT_FALSE(std::filesystem::exists(out / ".parts"));
}

}  // namespace
}  // namespace routelab::testing
