// The results database: round trip, refusal of files that are not ours or are damaged, and
// content comparison that ignores the order runs were written in and the wall clock.
#include "results/results_store.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "results/results_compare.hpp"
#include "results_test_support.hpp"

namespace routelab::results {
namespace {

using testing::fresh_dir;
using testing::identity;
using testing::record;

std::string refusal(const std::filesystem::path& path, bool writable = false) {
  try {
    ResultsStore::open(path, writable);
  } catch (const ResultsError& error) {
    return error.what();
  }
  ADD_FAILURE() << path << " was accepted";
  return "";
}

TEST(ResultsStore, RoundTrip) {
  const auto dir = fresh_dir("roundtrip");
  const auto path = dir / "r.sqlite";
  {
    auto store = ResultsStore::create(path, identity());
    store.insert(record(2));
    store.insert(record(0));
    RunRecord failed = record(1);
    failed.ok = false;
    failed.error = "experts.count: value 0 rejected";
    failed.cells = {std::int64_t{1}, std::monostate{}, std::monostate{}, std::monostate{}, 0.1};
    failed.windows.clear();
    store.insert(failed);
    EXPECT_THROW(store.insert(record(2)), ResultsError);  // a run is stored once
    EXPECT_EQ(store.run_count(), 3);
  }
  EXPECT_FALSE(std::filesystem::exists(path.string() + ".partial"));
  const auto store = ResultsStore::open(path, false);
  EXPECT_EQ(store.identity().plan_fingerprint, "plan-a");
  EXPECT_EQ(store.identity().columns, identity().columns);
  EXPECT_EQ(store.identity().planned_runs, 6);
  const auto existing = store.existing_runs();
  ASSERT_EQ(existing.size(), 3u);
  EXPECT_EQ(existing.at("run2").params_fingerprint, "fp2");
  EXPECT_FALSE(existing.at("run1").ok);
  std::vector<StoredRun> runs;
  store.for_each_run([&](const StoredRun& run) { runs.push_back(run); });
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[0].plan_index, 0);  // plan order, not insertion order
  EXPECT_EQ(runs[1].error, "experts.count: value 0 rejected");
  EXPECT_EQ(std::get<std::int64_t>(runs[2].cells[2]), 1002);
  EXPECT_EQ(std::get<double>(runs[2].cells[1]), 0.02);
  EXPECT_EQ(std::get<std::string>(runs[2].cells[3]), "fp2");
}

TEST(ResultsStore, CreateRefusesAnExistingFile) {
  const auto dir = fresh_dir("exists");
  const auto path = dir / "r.sqlite";
  std::ofstream(path) << "keep me";
  EXPECT_THROW(ResultsStore::create(path, identity()), ResultsError);
  std::ifstream file(path);
  std::string text;
  std::getline(file, text);
  EXPECT_EQ(text, "keep me");
}

TEST(ResultsStore, RefusesFilesThatAreNotOurs) {
  const auto dir = fresh_dir("foreign");
  EXPECT_NE(refusal(dir / "missing.sqlite").find("no results database"), std::string::npos);

  std::ofstream(dir / "text.sqlite") << "this is not a database, just some text long enough to look like a header....";
  EXPECT_NE(refusal(dir / "text.sqlite").find("is not a SQLite database"), std::string::npos);

  {
    Database other(dir / "other.sqlite", Database::Mode::create);
    other.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)");
  }
  const std::string foreign = refusal(dir / "other.sqlite");
  EXPECT_NE(foreign.find("not a routelab results database"), std::string::npos) << foreign;
  EXPECT_NE(foreign.find("invoices"), std::string::npos) << foreign;

  ResultsStore::create(dir / "future.sqlite", identity());
  {
    Database db(dir / "future.sqlite", Database::Mode::read_write);
    db.execute("PRAGMA user_version = 99");
  }
  EXPECT_NE(refusal(dir / "future.sqlite").find("schema version 99"), std::string::npos);

  ResultsStore::create(dir / "nometa.sqlite", identity());
  {
    Database db(dir / "nometa.sqlite", Database::Mode::read_write);
    db.execute("DELETE FROM meta WHERE key = 'plan_fingerprint'");
  }
  EXPECT_NE(refusal(dir / "nometa.sqlite").find("corrupt"), std::string::npos);
}

// Issue 16 item 9: a non-numeric planned_runs gave "routelab: error: stoll"; a damaged runs table
// passed the checks and failed later with raw SQL.
TEST(ResultsStore, NamesDamagedMetaAndTables) {
  const auto dir = fresh_dir("edited");
  ResultsStore::create(dir / "meta.sqlite", identity());
  {
    Database db(dir / "meta.sqlite", Database::Mode::read_write);
    db.execute("UPDATE meta SET value = 'many' WHERE key = 'planned_runs'");
  }
  const std::string meta = refusal(dir / "meta.sqlite");
  EXPECT_NE(meta.find("meta.planned_runs is 'many'"), std::string::npos) << meta;

  ResultsStore::create(dir / "runs.sqlite", identity());
  {
    Database db(dir / "runs.sqlite", Database::Mode::read_write);
    db.execute("DROP TABLE runs; CREATE TABLE runs (run_id TEXT)");
  }
  const std::string runs = refusal(dir / "runs.sqlite");
  EXPECT_NE(runs.find("runs table has no column 'params_fingerprint'"), std::string::npos) << runs;
}

// Issue 16 item 9: a full disk reported "cannot rollback - no transaction is active".
TEST(ResultsStore, FullDiskSaysDiskFull) {
  const auto dir = fresh_dir("full");
  auto store = ResultsStore::create(dir / "r.sqlite", identity());
  store.database().execute("PRAGMA max_page_count = 40");  // SQLite's own SQLITE_FULL, no real disk needed
  std::string message;
  try {
    for (int i = 0; i < 1000; ++i) {
      RunRecord r = record(i);
      r.ok = false;
      r.error = std::string(2000, 'x');
      store.insert(r);
    }
  } catch (const ResultsError& error) {
    message = error.what();
  }
  EXPECT_NE(message.find("disk full"), std::string::npos) << message;
  EXPECT_EQ(message.find("cannot rollback"), std::string::npos) << message;
  EXPECT_GT(store.run_count(), 0);  // what was stored before stays
}

TEST(ResultsStore, RefusesDamagedFiles) {
  const auto dir = fresh_dir("damaged");
  const auto path = dir / "r.sqlite";
  {
    auto store = ResultsStore::create(path, identity());
    for (int i = 0; i < 400; ++i) {
      RunRecord r = record(i);
      r.error = std::string(200, 'x');  // make the file span many pages
      store.insert(r);
    }
  }
  const auto size = std::filesystem::file_size(path);
  ASSERT_GT(size, 16u * 4096u);

  std::filesystem::copy_file(path, dir / "truncated.sqlite");
  std::filesystem::resize_file(dir / "truncated.sqlite", size / 2);
  const std::string truncated = refusal(dir / "truncated.sqlite");
  EXPECT_TRUE(truncated.find("damaged") != std::string::npos || truncated.find("not a SQLite") != std::string::npos)
      << truncated;

  std::filesystem::copy_file(path, dir / "scribbled.sqlite");
  {
    std::fstream file(dir / "scribbled.sqlite", std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(static_cast<std::streamoff>(size / 2));
    const std::string noise(8192, '\x5a');
    file.write(noise.data(), static_cast<std::streamsize>(noise.size()));
  }
  EXPECT_NE(refusal(dir / "scribbled.sqlite").find("damaged"), std::string::npos);

  std::filesystem::copy_file(path, dir / "header.sqlite");
  {
    std::fstream file(dir / "header.sqlite", std::ios::in | std::ios::out | std::ios::binary);
    file.write("NOT SQLITE AT ALL", 16);
  }
  EXPECT_NE(refusal(dir / "header.sqlite").find("not a SQLite database"), std::string::npos);
}

TEST(ResultsCompare, IgnoresWriteOrderAndWallClock) {
  const auto dir = fresh_dir("compare");
  auto a = ResultsStore::create(dir / "a.sqlite", identity());
  auto b = ResultsStore::create(dir / "b.sqlite", identity());
  for (int i = 0; i < 6; ++i) a.insert(record(i, 0.1 * i));
  for (int i = 5; i >= 0; --i) b.insert(record(i, 9.0));
  EXPECT_EQ(canonical_rows(a), canonical_rows(b));
  EXPECT_TRUE(compare_stores(a, b, 10).empty());

  auto c = ResultsStore::create(dir / "c.sqlite", identity());
  for (int i = 0; i < 5; ++i) {
    RunRecord r = record(i);
    if (i == 3) r.cells[1] = 0.0300000001;  // one metric differs in the last digits
    c.insert(r);
  }
  const auto differences = compare_stores(a, c, 10);
  ASSERT_EQ(differences.size(), 2u);
  EXPECT_NE(differences[0].find("run3 differs"), std::string::npos);
  EXPECT_NE(differences[1].find("run5 only in"), std::string::npos);

  auto d = ResultsStore::create(dir / "d.sqlite", identity("plan-b"));
  EXPECT_NE(compare_stores(a, d, 10).at(0).find("plans differ"), std::string::npos);
}

}  // namespace
}  // namespace routelab::results
