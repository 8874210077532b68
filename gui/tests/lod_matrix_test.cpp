// LodMatrix against a brute-force twin: exact answers while detail is held, bounded memory and
// honest over-approximation once the budget releases old detail.
#include <QTest>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <vector>

#include "core/rng_streams.hpp"
#include "gui/data/lod_matrix.hpp"
#include "gui/tests/gui_test_suites.hpp"

namespace routelab::gui::tests {

namespace {

struct Dense {
  int rows;
  std::vector<std::vector<float>> columns;
  float max(std::int64_t first, std::int64_t last, int row) const {
    float value = 0;
    for (std::int64_t w = std::max<std::int64_t>(first, 0); w < std::min<std::int64_t>(last, static_cast<std::int64_t>(columns.size())); ++w)
      value = std::max(value, columns[static_cast<std::size_t>(w)][static_cast<std::size_t>(row)]);
    return value;
  }
};

Dense fill(LodMatrix& matrix, std::int64_t windows, std::uint64_t seed) {
  Dense dense{matrix.rows(), {}};
  for (std::int64_t w = 0; w < windows; ++w) {
    std::vector<float> column(static_cast<std::size_t>(matrix.rows()));
    for (int r = 0; r < matrix.rows(); ++r)
      column[static_cast<std::size_t>(r)] = static_cast<float>(mix64(seed ^ mix64(static_cast<std::uint64_t>(w * 64 + r))) % 1000);
    matrix.append(column);
    dense.columns.push_back(column);
  }
  return dense;
}

}  // namespace

class LodMatrixTest : public QObject {
  Q_OBJECT

 private slots:
  void aggregate_matches_brute_force() {
    LodMatrix matrix(5, std::size_t{1} << 30);
    const Dense dense = fill(matrix, 5000, 11);
    QCOMPARE(matrix.columns(), std::int64_t{5000});
    std::vector<float> out(5);
    for (std::uint64_t trial = 0; trial < 2000; ++trial) {
      const auto a = static_cast<std::int64_t>(mix64(trial * 2 + 1) % 5200);
      const auto b = static_cast<std::int64_t>(mix64(trial * 2 + 2) % 5200);
      const std::int64_t first = std::min(a, b), last = std::max(a, b) + 1;
      const int row_begin = static_cast<int>(trial % 3);
      const int row_end = row_begin + 2;
      QCOMPARE(matrix.aggregate(first, last, row_begin, row_end, std::span<float>(out.data(), 2)), 0);
      for (int r = row_begin; r < row_end; ++r) QCOMPARE(out[static_cast<std::size_t>(r - row_begin)], dense.max(first, last, r));
    }
  }

  void single_windows_and_empty_ranges() {
    LodMatrix matrix(3, std::size_t{1} << 30);
    const Dense dense = fill(matrix, 300, 5);
    for (std::int64_t w = 0; w < 300; ++w)
      for (int r = 0; r < 3; ++r) QCOMPARE(matrix.aggregate_row(w, w + 1, r), dense.columns[static_cast<std::size_t>(w)][static_cast<std::size_t>(r)]);
    QCOMPARE(matrix.aggregate_row(10, 10, 0), 0.0f);
    QCOMPARE(matrix.aggregate_row(400, 500, 0), 0.0f);  // past the data
    float expected = 0;
    for (const auto& column : dense.columns) expected = std::max({expected, column[0], column[1], column[2]});
    QCOMPARE(matrix.max_value(), expected);
  }

  void budget_bounds_memory_and_keeps_recent_detail() {
    const int rows = 4;
    const std::size_t block = static_cast<std::size_t>(LodMatrix::kBlockColumns) * rows * sizeof(float);
    const std::size_t budget = 16 * block;
    LodMatrix matrix(rows, budget);
    const std::int64_t windows = LodMatrix::kBlockColumns * 40;
    const Dense dense = fill(matrix, windows, 3);
    QVERIFY(matrix.bytes_held() <= budget);
    QVERIFY(matrix.finest_level_at(0) > 0);           // the oldest detail went
    QCOMPARE(matrix.finest_level_at(windows - 1), 0);  // the newest stays exact
    // Recent windows: exact.
    QCOMPARE(matrix.aggregate_row(windows - 100, windows - 37, 2), dense.max(windows - 100, windows - 37, 2));
    // Old windows: never below the truth, never above the max over the held buckets around it.
    for (std::int64_t first = 0; first < 2000; first += 97) {
      const std::int64_t last = first + 13;
      int level = 0;
      const float value = matrix.aggregate_row(first, last, 1, &level);
      QVERIFY(level > 0);
      const std::int64_t span = std::int64_t{1} << (LodMatrix::kFanoutBits * level);
      QVERIFY(value >= dense.max(first, last, 1));
      QVERIFY(value <= dense.max(first / span * span, (last + span - 1) / span * span, 1));
    }
  }

  void rejects_a_wrong_column() {
    LodMatrix matrix(3, 1 << 20);
    std::vector<float> column(2);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, matrix.append(column));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, LodMatrix(0, 1 << 20));
  }
};

std::unique_ptr<QObject> make_lod_matrix_test() { return std::make_unique<LodMatrixTest>(); }

}  // namespace routelab::gui::tests

#include "lod_matrix_test.moc"
