#include "gui/app/scenario_panel.hpp"

#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <exception>

#include "core/errors.hpp"
#include "scenarios/scenario_library.hpp"

namespace routelab::gui {

namespace {

constexpr int kKeyRole = Qt::UserRole;
constexpr int kIsFileRole = Qt::UserRole + 1;

QString qstring(std::string_view text) { return QString::fromUtf8(text.data(), static_cast<int>(text.size())); }

QTreeWidget* make_two_column_list(const QString& first, QWidget* parent) {
  auto* list = new QTreeWidget(parent);
  list->setHeaderLabels({first, "Description"});
  list->setRootIsDecorated(false);
  list->setUniformRowHeights(true);
  list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  return list;
}

}  // namespace

ScenarioPanel::ScenarioPanel(const RouterRegistry& registry, QWidget* parent)
    : QWidget(parent),
      scenarios_(make_two_column_list("Scenario", this)),
      details_(new QLabel(this)),
      routers_(make_two_column_list("Router", this)) {
  scenarios_->setObjectName("scenario_list");
  routers_->setObjectName("router_list");
  for (const BuiltinScenario& builtin : builtin_scenarios()) {
    const ScenarioSpec spec = load_builtin_scenario(std::string(builtin.name));
    auto* item = new QTreeWidgetItem(scenarios_, {qstring(builtin.name), QString::fromStdString(spec.description)});
    item->setData(0, kKeyRole, qstring(builtin.name));
    item->setData(0, kIsFileRole, false);
    item->setToolTip(1, QString::fromStdString(spec.description));
  }
  for (const RouterInfo& info : registry.entries()) {
    auto* item = new QTreeWidgetItem(routers_, {QString::fromStdString(info.name), QString::fromStdString(info.description)});
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(0, Qt::Unchecked);
    item->setToolTip(1, QString::fromStdString(info.description));
  }
  details_->setWordWrap(true);
  details_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* open_button = new QPushButton("Open scenario file...", this);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(new QLabel("<b>Scenario</b>", this));
  layout->addWidget(scenarios_, 2);
  layout->addWidget(open_button);
  layout->addWidget(details_);
  layout->addWidget(new QLabel("<b>Routers</b> (same token stream for each)", this));
  layout->addWidget(routers_, 2);

  connect(open_button, &QPushButton::clicked, this, &ScenarioPanel::open_file_dialog);
  connect(scenarios_, &QTreeWidget::currentItemChanged, this, [this] {
    show_details();
    emit selection_changed();
  });
  connect(routers_, &QTreeWidget::itemChanged, this, [this] { emit selection_changed(); });
  select_scenario(kDefaultScenario);
}

QString ScenarioPanel::scenario_key() const {
  const auto* item = scenarios_->currentItem();
  return item ? item->data(0, kKeyRole).toString() : QString(kDefaultScenario);
}

ScenarioSpec ScenarioPanel::current_scenario() const {
  const auto* item = scenarios_->currentItem();
  if (item && item->data(0, kIsFileRole).toBool()) {
    const auto found = files_.find(item->data(0, kKeyRole).toString());
    if (found != files_.end()) return found->second;
  }
  return load_builtin_scenario(scenario_key().toStdString());
}

QStringList ScenarioPanel::selected_routers() const {
  QStringList names;
  for (int i = 0; i < routers_->topLevelItemCount(); ++i)
    if (routers_->topLevelItem(i)->checkState(0) == Qt::Checked) names << routers_->topLevelItem(i)->text(0);
  return names;
}

QTreeWidgetItem* ScenarioPanel::add_file_item(const QString& path, const ScenarioSpec& spec, const QString& label) {
  files_[path] = spec;
  QTreeWidgetItem* item = nullptr;
  for (int i = 0; i < scenarios_->topLevelItemCount() && !item; ++i)
    if (scenarios_->topLevelItem(i)->data(0, kKeyRole).toString() == path) item = scenarios_->topLevelItem(i);
  if (!item) item = new QTreeWidgetItem(scenarios_);
  item->setText(0, label);
  item->setText(1, QString::fromStdString(spec.description));
  item->setData(0, kKeyRole, path);
  item->setData(0, kIsFileRole, true);
  item->setToolTip(0, path);
  return item;
}

void ScenarioPanel::select_scenario(const QString& key) {
  for (int i = 0; i < scenarios_->topLevelItemCount(); ++i) {
    auto* item = scenarios_->topLevelItem(i);
    if (item->data(0, kKeyRole).toString() == key) {
      scenarios_->setCurrentItem(item);
      return;
    }
  }
  // Not in the list: a file (resolve_scenario reads it, or names the valid library entries).
  const ScenarioSpec spec = resolve_scenario(key.toStdString());
  scenarios_->setCurrentItem(add_file_item(key, spec, QFileInfo(key).fileName()));
}

void ScenarioPanel::show_opened_scenario(const QString& key, const QString& origin, const ScenarioSpec& spec,
                                         const QStringList& routers) {
  QTreeWidgetItem* item = add_file_item(key, spec, QString::fromStdString(spec.name));
  item->setText(1, QString("opened from %1").arg(origin));
  item->setToolTip(1, QString::fromStdString(spec.description));
  {
    const QSignalBlocker block(scenarios_);
    scenarios_->setCurrentItem(item);
  }
  show_details();
  select_routers(routers);  // emits selection_changed
}

void ScenarioPanel::select_routers(const QStringList& names) {
  routers_->blockSignals(true);
  for (int i = 0; i < routers_->topLevelItemCount(); ++i) {
    auto* item = routers_->topLevelItem(i);
    item->setCheckState(0, names.contains(item->text(0)) ? Qt::Checked : Qt::Unchecked);
  }
  routers_->blockSignals(false);
  emit selection_changed();
}

void ScenarioPanel::open_file_dialog() {
  const QString path = QFileDialog::getOpenFileName(this, "Open scenario", QString(), "Scenarios (*.toml);;All files (*)");
  if (path.isEmpty()) return;
  try {
    select_scenario(path);
  } catch (const std::exception& e) {
    QMessageBox::warning(this, "Cannot open scenario", QString::fromStdString(e.what()));
  }
}

void ScenarioPanel::show_details() {
  try {
    const ScenarioSpec spec = current_scenario();
    const auto& sim = spec.simulation;
    details_->setText(QString("%1 experts, top-%2, batches of %3 every %4 ticks, window %5 ticks, %6 tokens")
                          .arg(sim.num_experts)
                          .arg(sim.k)
                          .arg(spec.workload.batch_size)
                          .arg(spec.workload.interval_ticks)
                          .arg(sim.window_ticks)
                          .arg(spec.workload.total_tokens));
  } catch (const std::exception& e) {
    details_->setText(QString::fromStdString(e.what()));
  }
}

}  // namespace routelab::gui
