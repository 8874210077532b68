// The CSV sink writes under `.partial` names and only commit() moves the files into place; a sink
// destroyed without commit (a run that threw) removes what it wrote.
#include "engine/csv_export_sink.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

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
  sink.on_window(LoadWindow{0, 0, 100, arrivals, drops, peak, utilization, {}});
  sink.on_event(OverloadEvent{0, 10, 40, 3, OverloadCause::queue_above_threshold});
}

TEST(CsvExportSink, CommitMovesCompleteFilesIntoPlace) {
  ScratchDir dir;
  {
    CsvExportSink sink(dir / "run", "r0.");
    feed(sink);
    EXPECT_TRUE(std::filesystem::exists(dir / "run" / "r0.windows.csv.partial"));
    EXPECT_FALSE(std::filesystem::exists(dir / "run" / "r0.windows.csv"));
    sink.commit();
  }
  EXPECT_EQ(read_text(dir / "run" / "r0.windows.csv"),
            std::string(CsvExportSink::kWindowsHeader) + "\n0,0,100,0,3,1,2,0.500000\n0,0,100,1,1,0,0,0.125000\n");
  EXPECT_EQ(read_text(dir / "run" / "r0.overload_events.csv"),
            std::string(CsvExportSink::kEventsHeader) + "\n0,10,40,3,queue_above_threshold\n");
  EXPECT_TRUE(testing::partial_files(dir.path()).empty());
}

TEST(CsvExportSink, WithoutCommitNothingRemains) {
  ScratchDir dir;
  {
    CsvExportSink sink(dir.path(), "");
    feed(sink);
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(CsvExportSink, UncreatableDirectoryIsAnIoError) {
  ScratchDir dir;
  std::ofstream(dir / "file") << "x";
  EXPECT_THROW(CsvExportSink(dir / "file" / "sub", ""), IoError);
}

}  // namespace
}  // namespace routelab
