#include "results/results_merge.hpp"

#include <system_error>

#include "results/results_compare.hpp"
#include "results/results_store.hpp"

namespace routelab::results {

namespace {

void require_same_identity(const ResultsStore& first, const ResultsStore& other) {
  const StoreIdentity& a = first.identity();
  const StoreIdentity& b = other.identity();
  if (a.plan_fingerprint != b.plan_fingerprint)
    throw ResultsError("refusing to merge: '" + other.file() + "' holds another plan (plan " + b.plan_fingerprint +
                       ", sweep '" + b.sweep_name + "') than '" + first.file() + "' (plan " + a.plan_fingerprint +
                       ", sweep '" + a.sweep_name + "')");
  if (a.program_version != b.program_version)
    throw ResultsError("refusing to merge: '" + other.file() + "' was written by routelab " + b.program_version +
                       ", '" + first.file() + "' by routelab " + a.program_version);
  if (a.columns != b.columns)
    throw ResultsError("refusing to merge: '" + other.file() + "' and '" + first.file() + "' have different columns");
}

}  // namespace

MergeSummary merge_stores(const std::vector<std::filesystem::path>& inputs, const std::filesystem::path& output,
                          bool require_complete) {
  if (inputs.empty()) throw ResultsError("nothing to merge: name at least one database");
  if (std::filesystem::exists(output))
    throw ResultsError("'" + output.string() + "' already exists; merge into a new file");
  std::vector<ResultsStore> stores;
  for (const auto& input : inputs) {
    for (const auto& earlier : stores)
      if (std::filesystem::equivalent(earlier.file(), input))
        throw ResultsError("'" + input.string() + "' is named twice");
    stores.push_back(ResultsStore::open(input, false));
    require_same_identity(stores.front(), stores.back());
  }
  const std::filesystem::path temporary = output.string() + ".merging";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(temporary.string() + suffix);
  MergeSummary summary;
  try {
    ResultsStore merged = ResultsStore::create(temporary, stores.front().identity());
    Database& db = merged.database();
    for (auto& store : stores) {
      Statement attach = db.prepare("ATTACH DATABASE ? AS shard");
      attach.bind(1, store.file()).run();
      db.execute("BEGIN IMMEDIATE");
      Statement duplicates =
          db.prepare("SELECT run_id FROM shard.runs WHERE run_id IN (SELECT run_id FROM main.runs) ORDER BY run_id");
      while (duplicates.step()) {
        const std::string run_id = duplicates.text(0);
        const StoreIdentity& identity = merged.identity();
        if (canonical_run(db, "main", identity, run_id) != canonical_run(db, "shard", identity, run_id)) {
          db.execute("ROLLBACK");
          throw ResultsError("refusing to merge: run " + run_id + " is in '" + store.file() +
                             "' and in an earlier input with different results");
        }
        ++summary.identical_duplicates;
      }
      db.execute(
          "INSERT INTO main.windows SELECT * FROM shard.windows WHERE run_id NOT IN (SELECT run_id FROM main.runs);"
          "INSERT INTO main.runs SELECT * FROM shard.runs WHERE run_id NOT IN (SELECT run_id FROM main.runs);"
          "COMMIT;");
      db.execute("DETACH DATABASE shard");
    }
    summary.runs = merged.run_count();
    summary.failed = std::stoll(db.single_text("SELECT count(*) FROM runs WHERE status = 'failed'"));
    summary.planned = merged.identity().planned_runs;
    std::string sources;
    for (const auto& input : inputs) {
      if (!sources.empty()) sources += '\n';
      sources += input.string();
    }
    merged.set_meta("merged_from", sources);
  } catch (...) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(temporary.string() + suffix);
    throw;
  }
  if (require_complete && summary.runs < summary.planned) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(temporary.string() + suffix);
    return summary;
  }
  std::error_code error;
  std::filesystem::rename(temporary, output, error);
  if (error) throw ResultsError("cannot rename '" + temporary.string() + "' to '" + output.string() + "': " + error.message());
  summary.written = true;
  return summary;
}

}  // namespace routelab::results
