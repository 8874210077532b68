// The CSV sink writes its rows (each led by the run-key values, no header) under `.partial`
// names, and only commit() moves the files into place; a sink destroyed without commit (a run
// that threw) removes what it wrote.
#include "engine/csv_export_sink.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/errors.hpp"
#include "tests/support/scratch_dir.hpp"

namespace routelab {
namespace {

using testing::read_text;
using testing::ScratchDir;

void feed(CsvExportSink& sink) {
  const std::vector<std::int64_t> arrivals{3, 1};
  const std::vector<std::int64_t> drops{1, 0};
  const std::vector<std::int64_t> peak{2, 0};
  const std::vector<double> utilization{0.5, 0.125};
  const std::vector<std::int64_t> accepted{1, 2};  // expert 1 also took one rerouted from expert 0
  const std::vector<std::int64_t> served{1, 2};
  sink.on_window(LoadWindow{.index = 0, .start = 0, .end = 100, .arrivals = arrivals, .drops = drops,
                            .peak_queue = peak, .utilization = utilization, .completed_latencies = {}, .accepted = accepted,
                            .served = served});
  sink.on_event(OverloadEvent{0, 10, 40, 3, OverloadCause::queue_above_threshold});
}

TEST(CsvExportSink, CommitMovesCompleteRowsIntoPlace) {
  ScratchDir dir;
  {
    CsvExportSink sink(dir / "run" / "w.csv", dir / "run" / "e.csv", "hash,1,0,7,");
    feed(sink);
    EXPECT_TRUE(std::filesystem::exists(dir / "run" / "w.csv.partial"));
    EXPECT_FALSE(std::filesystem::exists(dir / "run" / "w.csv"));
    sink.commit();
  }
  // window,start,end,expert,arrivals,accepted,served,dropped,queue_peak,utilization after the key values.
  EXPECT_EQ(read_text(dir / "run" / "w.csv"),
            "hash,1,0,7,0,0,100,0,3,1,1,1,2,0.500000\nhash,1,0,7,0,0,100,1,1,2,2,0,0,0.125000\n");
  EXPECT_EQ(read_text(dir / "run" / "e.csv"), "hash,1,0,7,0,10,40,3,queue_above_threshold\n");
  EXPECT_FALSE(std::filesystem::exists(dir / "run" / "w.csv.partial"));
}

TEST(CsvExportSink, WithoutCommitNothingRemains) {
  ScratchDir dir;
  {
    CsvExportSink sink(dir / "w.csv", dir / "e.csv", "");
    feed(sink);
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(CsvExportSink, UncreatableDirectoryIsAnIoError) {
  ScratchDir dir;
  std::ofstream(dir / "file") << "x";
  EXPECT_THROW(CsvExportSink(dir / "file" / "sub" / "w.csv", dir / "e.csv", ""), IoError);
}

}  // namespace
}  // namespace routelab
