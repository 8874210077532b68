// The sweep database browser on files made here: tables and columns discovered, the runs table
// recognized, values typed, broken files reported with their path.
#include <QFile>
#include <QListWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <memory>

#include "core/errors.hpp"
#include "gui/sweeps/sqlite_catalog.hpp"
#include "gui/sweeps/sweep_browser.hpp"
#include "gui/sweeps/sweep_table_model.hpp"
#include "gui/tests/gui_test_suites.hpp"

namespace routelab::gui::tests {

namespace {

void make_database(const QString& path, const char* sql) {
  sqlite3* db = nullptr;
  QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
  const QByteArray text = message ? QByteArray(message) : QByteArray();
  sqlite3_free(message);
  sqlite3_close(db);
  QVERIFY2(rc == SQLITE_OK, text.constData());
}

constexpr const char* kSweepSql =
    "CREATE TABLE runs (id INTEGER PRIMARY KEY, scenario TEXT, router TEXT, replication INTEGER, drop_rate REAL, note TEXT);"
    "INSERT INTO runs VALUES (1, 'default', 'hash', 0, 0.0531, NULL), (2, 'default', 'greedy', 0, 0.0, 'ok'),"
    "  (3, 'default', 'uniform', 0, 0.0227, NULL);"
    "CREATE TABLE windows (run_id INTEGER, window INTEGER, expert INTEGER, load INTEGER);"
    "INSERT INTO windows VALUES (1, 0, 0, 17), (1, 0, 1, 3);";

}  // namespace

class SqliteCatalogTest : public QObject {
  Q_OBJECT

 private slots:
  void discovers_tables_columns_and_runs() {
    QTemporaryDir directory;
    const QString path = directory.filePath("sweep.sqlite");
    make_database(path, kSweepSql);
    SqliteCatalog catalog(path.toStdString());
    QCOMPARE(catalog.tables().size(), std::size_t{2});
    const TableInfo* runs = catalog.find_table("runs");
    QVERIFY(runs);
    QCOMPARE(runs->rows, std::int64_t{3});
    QCOMPARE(runs->columns.size(), std::size_t{6});
    QCOMPARE(runs->columns[4].name, std::string("drop_rate"));
    QCOMPARE(runs->columns[4].declared_type, std::string("REAL"));
    QCOMPARE(catalog.runs_table().value_or(""), std::string("runs"));

    const TablePage page = catalog.read("runs", 10);
    QCOMPARE(page.rows.size(), std::size_t{3});
    QVERIFY(std::holds_alternative<std::int64_t>(page.rows[0][3]));
    QCOMPARE(std::get<double>(page.rows[0][4]), 0.0531);
    QCOMPARE(std::get<std::string>(page.rows[1][2]), std::string("greedy"));
    QVERIFY(std::holds_alternative<std::monostate>(page.rows[0][5]));
    QCOMPARE(catalog.read("runs", 1, 2).rows.size(), std::size_t{1});
    QVERIFY_THROWS_EXCEPTION(IoError, catalog.read("nope", 10));
  }

  void guesses_the_runs_table_by_its_columns() {
    QTemporaryDir directory;
    const QString named = directory.filePath("results.db");
    make_database(named, "CREATE TABLE results (scenario TEXT, router TEXT, replication INTEGER, p99 REAL);"
                         "CREATE TABLE meta (key TEXT, value TEXT);");
    QCOMPARE(SqliteCatalog(named.toStdString()).runs_table().value_or(""), std::string("results"));
    const QString unrelated = directory.filePath("other.db");
    make_database(unrelated, "CREATE TABLE meta (key TEXT, value TEXT);");
    QVERIFY(!SqliteCatalog(unrelated.toStdString()).runs_table().has_value());
  }

  void bad_files_are_reported_with_their_path() {
    QTemporaryDir directory;
    const QString missing = directory.filePath("missing.sqlite");
    try {
      SqliteCatalog catalog(missing.toStdString());
      QFAIL("opened a missing file");
    } catch (const IoError& e) {
      QVERIFY(QString(e.what()).contains("missing.sqlite"));
    }
    const QString text = directory.filePath("notes.sqlite");
    QFile file(text);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray("this is not a database, just text that is long enough to have a header\n").repeated(20));
    file.close();
    try {
      SqliteCatalog catalog(text.toStdString());
      QFAIL("opened a text file");
    } catch (const IoError& e) {
      QVERIFY(QString(e.what()).contains("notes.sqlite"));
      QVERIFY(QString(e.what()).contains("not a database"));
    }
  }

  void browser_opens_on_the_runs_table_and_sorts_numbers() {
    QTemporaryDir directory;
    const QString path = directory.filePath("sweep.sqlite");
    make_database(path, kSweepSql);
    SweepBrowser browser(std::make_unique<SqliteCatalog>(path.toStdString()));
    QCOMPARE(browser.table_list()->count(), 2);
    QCOMPARE(browser.model()->rowCount(), 3);
    QCOMPARE(browser.model()->page().columns[2], std::string("router"));
    auto* view_model = browser.table_view()->model();
    view_model->sort(4, Qt::AscendingOrder);
    QCOMPARE(view_model->data(view_model->index(0, 2)).toString(), QString("greedy"));
    QCOMPARE(view_model->data(view_model->index(2, 2)).toString(), QString("hash"));
    browser.show_table("windows");
    QCOMPARE(browser.model()->rowCount(), 2);
  }
};

std::unique_ptr<QObject> make_sqlite_catalog_test() { return std::make_unique<SqliteCatalogTest>(); }

}  // namespace routelab::gui::tests

#include "sqlite_catalog_test.moc"
