// The overload event table: numeric sorting, every filter, incremental rows, a click that moves
// the shared cursor to the event and highlights its expert, the CSV export of the rows shown and
// the hover card as the rows' tooltip.
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <memory>

#include "gui/events/event_csv_export.hpp"
#include "gui/events/event_filter_proxy.hpp"
#include "gui/events/event_panel.hpp"
#include "gui/events/overload_event_model.hpp"
#include "gui/tests/gui_test_suites.hpp"
#include "gui/tests/test_data.hpp"
#include "gui/views/time_axis.hpp"

namespace routelab::gui::tests {

class EventTableTest : public QObject {
  Q_OBJECT

 private:
  // Window ticks are 100: an event starting at tick 250 starts in window 2.5.
  std::unique_ptr<RunHistory> hash_ = std::make_unique<RunHistory>(make_synthetic_history("hash", 8, 40));
  std::unique_ptr<RunHistory> greedy_ = std::make_unique<RunHistory>(make_synthetic_history("greedy", 8, 40));

  void add_events() {
    hash_->add_event({3, 250, 400, 9, OverloadCause::queue_above_threshold});
    hash_->add_event({5, 1200, 1300, 100, OverloadCause::arrivals_above_capacity});
    hash_->add_event({3, 2000, 2600, 10, OverloadCause::queue_above_threshold});
    greedy_->add_event({7, 3050, 3100, 40, OverloadCause::arrivals_above_capacity});
  }

  static QList<qlonglong> column_values(const QAbstractItemModel& model, int column) {
    QList<qlonglong> values;
    for (int row = 0; row < model.rowCount(); ++row)
      values << model.data(model.index(row, column), OverloadEventModel::kSortRole).toLongLong();
    return values;
  }

 private slots:
  void init() {
    hash_ = std::make_unique<RunHistory>(make_synthetic_history("hash", 8, 40));
    greedy_ = std::make_unique<RunHistory>(make_synthetic_history("greedy", 8, 40));
    add_events();
  }

  void sorts_numerically() {
    OverloadEventModel model;
    model.set_runs({hash_.get(), greedy_.get()});
    EventFilterProxy proxy;
    proxy.setSourceModel(&model);
    QCOMPARE(proxy.rowCount(), 4);
    proxy.sort(OverloadEventModel::peak_column, Qt::DescendingOrder);
    QCOMPARE(column_values(proxy, OverloadEventModel::peak_column), (QList<qlonglong>{100, 40, 10, 9}));  // text order would put 9 first
    proxy.sort(OverloadEventModel::duration_column, Qt::AscendingOrder);
    QCOMPARE(column_values(proxy, OverloadEventModel::duration_column), (QList<qlonglong>{50, 100, 150, 600}));
  }

  void filters_by_text_run_expert_and_peak() {
    OverloadEventModel model;
    model.set_runs({hash_.get(), greedy_.get()});
    EventFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.set_text("GREEDY");
    QCOMPARE(proxy.rowCount(), 1);
    proxy.set_text("queue");  // matches the cause
    QCOMPARE(proxy.rowCount(), 2);
    proxy.set_text("");
    proxy.set_run(0);
    QCOMPARE(proxy.rowCount(), 3);
    proxy.set_expert(3);
    QCOMPARE(proxy.rowCount(), 2);
    proxy.set_minimum_peak(10);
    QCOMPARE(proxy.rowCount(), 1);
    proxy.set_run(-1);
    proxy.set_expert(-1);
    proxy.set_minimum_peak(0);
    QCOMPARE(proxy.rowCount(), 4);
  }

  void appends_events_as_they_arrive() {
    OverloadEventModel model;
    model.set_runs({hash_.get(), greedy_.get()});
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.sync();
    QCOMPARE(inserted.count(), 0);
    greedy_->add_event({1, 100, 200, 33, OverloadCause::queue_above_threshold});
    model.sync();
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.data(model.index(4, OverloadEventModel::run_column), Qt::DisplayRole).toString(), QString("greedy"));
  }

  void sorts_the_cause_by_name_and_keeps_time_order_on_ties() {
    OverloadEventModel model;
    model.set_runs({hash_.get(), greedy_.get()});
    EventFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(OverloadEventModel::cause_column, Qt::AscendingOrder);
    QCOMPARE(column_values(proxy, OverloadEventModel::peak_column), (QList<qlonglong>{100, 40, 9, 10}));
  }

  void keeps_a_bounded_number_of_events() {
    RunHistory run("busy", 2, 100);
    const auto extra = 5;
    for (std::size_t i = 0; i < RunHistory::kMaxEventsKept + extra; ++i)
      run.add_event({0, static_cast<Tick>(i), static_cast<Tick>(i) + 1, 1, OverloadCause::queue_above_threshold});
    QCOMPARE(run.events().size(), RunHistory::kMaxEventsKept);
    QCOMPARE(run.events_not_kept(), std::int64_t{extra});
    OverloadEventModel model;
    model.set_runs({&run});
    QCOMPARE(model.events_not_kept(), std::int64_t{extra});
  }

  void click_jumps_the_cursor_and_highlights_the_expert() {
    OverloadEventModel model;
    model.set_runs({hash_.get(), greedy_.get()});
    TimeAxis axis;
    axis.set_extent(40);
    axis.set_range(0, 4);  // zoomed in on the start
    EventPanel panel(model, axis);
    panel.resize(900, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.table()->sortByColumn(OverloadEventModel::peak_column, Qt::DescendingOrder);
    QSignalSpy chosen(&panel, &EventPanel::event_chosen);
    // Row 1 after sorting by peak: greedy's event at tick 3050 (window 30.5) on expert 7.
    const QRect cell = panel.table()->visualRect(panel.table()->model()->index(1, OverloadEventModel::expert_column));
    QVERIFY(cell.isValid());
    QTest::mouseClick(panel.table()->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(axis.cursor(), 30.5);
    QCOMPARE(axis.highlighted_expert(), 7);
    QCOMPARE((axis.first() + axis.last()) / 2, 30.5);
    QCOMPARE(axis.span(), 4.0);
    QCOMPARE(chosen.at(0).at(0).toInt(), 1);  // run index of greedy
  }

  void exports_the_rows_shown_as_csv() {
    OverloadEventModel model;
    model.set_runs({hash_.get(), greedy_.get()});
    TimeAxis axis;
    EventPanel panel(model, axis);
    panel.table()->sortByColumn(OverloadEventModel::peak_column, Qt::DescendingOrder);
    panel.proxy()->set_minimum_peak(10);  // leaves 100, 40, 10 in that order
    const QStringList lines = QString::fromStdString(event_table_csv(model, panel.shown_rows())).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines[0], QString("router,expert,cause,start_tick,end_tick,start_window,end_window,duration_ticks,peak"));
    QCOMPARE(lines[1], QString("hash,5,arrivals_above_capacity,1200,1300,12,13,100,100"));
    QCOMPARE(lines[2], QString("greedy,7,arrivals_above_capacity,3050,3100,30.5,31,50,40"));
    QCOMPARE(lines[3], QString("hash,3,queue_above_threshold,2000,2600,20,26,600,10"));
  }

  void tooltip_is_the_event_card() {
    OverloadEventModel model;
    model.set_runs({hash_.get(), greedy_.get()});
    const QString card = model.data(model.index(3, OverloadEventModel::peak_column), Qt::ToolTipRole).toString();
    for (const char* part : {"greedy", "expert 7", "arrivals above capacity", "tick 3050", "tick 3100", "peak: 40"})
      QVERIFY2(card.contains(part), qPrintable(card + " lacks " + part));
  }
};

std::unique_ptr<QObject> make_event_table_test() { return std::make_unique<EventTableTest>(); }

}  // namespace routelab::gui::tests

#include "event_table_test.moc"
