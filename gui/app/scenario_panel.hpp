#pragma once
// The left dock: the scenario library (names and descriptions) plus scenarios opened from files,
// and the routers to compare (check any number; each gets its own stacked view).
#include <QWidget>

#include <map>

#include "routers/router_registry.hpp"
#include "scenarios/scenario_spec.hpp"

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace routelab::gui {

class ScenarioPanel : public QWidget {
  Q_OBJECT

 public:
  explicit ScenarioPanel(const RouterRegistry& registry, QWidget* parent = nullptr);

  // The selected scenario, parsed (throws the core's typed errors for a broken file).
  ScenarioSpec current_scenario() const;
  QString scenario_key() const;  // a library name or a file path
  QStringList selected_routers() const;

  // Selects a library name or a file path (loading the file); throws on a bad file.
  void select_scenario(const QString& key);
  void select_routers(const QStringList& names);
  // Shows a scenario the app opened (a saved run's, a sweep point's) as the selection: listed as
  // `spec` itself under `key` (its file, or where it came from), with `routers` checked, so that
  // the dock names what is displayed and a run from the dock re-runs exactly it.
  void show_opened_scenario(const QString& key, const QString& origin, const ScenarioSpec& spec,
                            const QStringList& routers);
  void open_file_dialog();

  QTreeWidget* scenario_list() const { return scenarios_; }
  QTreeWidget* router_list() const { return routers_; }

 signals:
  void selection_changed();

 private:
  QTreeWidgetItem* add_file_item(const QString& path, const ScenarioSpec& spec, const QString& label);
  void show_details();

  QTreeWidget* scenarios_;
  QLabel* details_;
  QTreeWidget* routers_;
  std::map<QString, ScenarioSpec> files_;
};

}  // namespace routelab::gui
