#include "gui/app/main_window.hpp"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>

#include "gui/app/help_menu.hpp"
#include "gui/app/run_toolbar.hpp"
#include "gui/app/scenario_panel.hpp"
#include "gui/events/event_panel.hpp"
#include "gui/events/overload_event_model.hpp"
#include "gui/views/plot_stack.hpp"
#include "gui/views/time_axis.hpp"

namespace routelab::gui {

MainWindow::MainWindow(const RouterRegistry& registry, QWidget* parent)
    : QMainWindow(parent),
      registry_(registry),
      builder_(registry_, models_),
      axis_(new TimeAxis(this)),
      event_model_(std::make_unique<OverloadEventModel>()),
      scenario_panel_(new ScenarioPanel(registry, this)),
      run_toolbar_(new RunToolbar(this)),
      plot_stack_(new PlotStack(*axis_, this)),
      event_panel_(new EventPanel(*event_model_, *axis_, this)),
      status_label_(new QLabel(this)) {
  setWindowTitle("routelab");
  resize(1400, 900);  // first start; later starts restore the saved geometry
  setCentralWidget(plot_stack_);

  auto* scenario_dock = new QDockWidget("Scenario and routers", this);
  scenario_dock->setObjectName("scenario_dock");
  scenario_dock->setWidget(scenario_panel_);
  addDockWidget(Qt::LeftDockWidgetArea, scenario_dock);
  auto* event_dock = new QDockWidget("Overload events", this);
  event_dock->setObjectName("event_dock");
  event_dock->setWidget(event_panel_);
  addDockWidget(Qt::BottomDockWidgetArea, event_dock);

  resizeDocks({scenario_dock}, {330}, Qt::Horizontal);  // first start; later starts restore the layout
  resizeDocks({event_dock}, {200}, Qt::Vertical);
  addToolBar(run_toolbar_);
  build_view_toolbar();
  build_menus();
  connect(this, &MainWindow::runs_started, this, [this] { shown_scenario_toml_.clear(); });
  statusBar()->addWidget(status_label_, 1);

  QStringList routers;
  for (const auto& name : default_routers(scenario_panel_->current_scenario(), registry_))
    routers << QString::fromStdString(name);
  scenario_panel_->select_routers(routers);
  connect(scenario_panel_, &ScenarioPanel::selection_changed, this, [this] { selection_dirty_ = true; });
  connect_run_controls();
  on_state_changed();
}

MainWindow::~MainWindow() { discard_runs(); }

void MainWindow::build_view_toolbar() {
  auto* bar = addToolBar("View");
  bar->setObjectName("view_toolbar");
  bar->addWidget(new QLabel(" Heatmap ", bar));
  channel_box_ = new QComboBox(bar);
  channel_box_->setObjectName("channel_box");
  for (const ExpertChannel channel : kAllChannels)
    channel_box_->addItem(QString::fromUtf8(channel_title(channel).data(), static_cast<int>(channel_title(channel).size())),
                          QString::fromUtf8(channel_key(channel).data(), static_cast<int>(channel_key(channel).size())));
  bar->addWidget(channel_box_);
  connect(channel_box_, &QComboBox::currentIndexChanged, this,
          [this](int index) { plot_stack_->set_channel(kAllChannels[static_cast<std::size_t>(index)]); });
  scale_box_ = new QComboBox(bar);
  scale_box_->setObjectName("scale_box");
  scale_box_->setToolTip("Colour scale of the heatmaps (the legend beside each heatmap names it)");
  for (const ScaleKind kind : {ScaleKind::linear, ScaleKind::log}) scale_box_->addItem(scale_kind_name(kind) + " scale");
  bar->addWidget(scale_box_);
  connect(scale_box_, &QComboBox::currentIndexChanged, this,
          [this](int index) { plot_stack_->set_color_scale(index == 1 ? ScaleKind::log : ScaleKind::linear); });
  bar->addWidget(new QLabel(" Chart ", bar));
  expert_series_box_ = new QComboBox(bar);
  expert_series_box_->setObjectName("expert_series_box");
  expert_series_box_->setToolTip("The per-expert series the last chart shows for the selected experts");
  for (const ExpertChannel channel : kAllChannels) {
    const QString key = QString::fromUtf8(channel_key(channel).data(), static_cast<int>(channel_key(channel).size()));
    expert_series_box_->addItem(key, key);  // short: the chart's title says what the series is
  }
  expert_series_box_->setCurrentIndex(index_of(ExpertChannel::queue));
  bar->addWidget(expert_series_box_);
  connect(expert_series_box_, &QComboBox::currentIndexChanged, this,
          [this](int index) { plot_stack_->set_expert_series(kAllChannels[static_cast<std::size_t>(index)]); });
  bar->addWidget(new QLabel(" of experts ", bar));
  experts_edit_ = new QLineEdit(bar);
  experts_edit_->setObjectName("experts_edit");
  experts_edit_->setPlaceholderText("e.g. 3, 17 (or click heatmap rows)");
  experts_edit_->setMaximumWidth(220);
  bar->addWidget(experts_edit_);
  connect(experts_edit_, &QLineEdit::editingFinished, this, [this] { apply_selected_experts_text(experts_edit_->text()); });
  // One selection: a clicked row shows up in the text, a typed list marks the rows.
  connect(plot_stack_, &PlotStack::selected_experts_changed, this, [this] {
    QStringList parts;
    for (const int expert : plot_stack_->selected_experts()) parts << QString::number(expert);
    experts_edit_->setText(parts.join(", "));
  });
  auto* fit = bar->addAction("Fit");
  fit->setShortcut(QKeySequence("Ctrl+0"));
  fit->setToolTip("Show the whole run (Ctrl+0, or double-click a plot)");
  connect(fit, &QAction::triggered, axis_, &TimeAxis::fit);
}

void MainWindow::build_menus() {
  QMenu* file = menuBar()->addMenu("&File");
  connect(file->addAction("Open scenario file..."), &QAction::triggered, scenario_panel_, &ScenarioPanel::open_file_dialog);
  connect(file->addAction("Open sweep database..."), &QAction::triggered, this, &MainWindow::open_sweep_dialog);
  connect(file->addAction("Open run results..."), &QAction::triggered, this, &MainWindow::open_saved_run_dialog);
  connect(file->addAction("Save run results..."), &QAction::triggered, this, &MainWindow::save_run_dialog);
  file->addSeparator();
  QAction* png = file->addAction("Export view as PNG...");
  png->setShortcut(QKeySequence("Ctrl+E"));
  connect(png, &QAction::triggered, this, &MainWindow::export_png_dialog);
  QAction* csv = file->addAction("Export view data as CSV...");
  csv->setShortcut(QKeySequence("Ctrl+Shift+E"));
  connect(csv, &QAction::triggered, this, &MainWindow::export_csv_dialog);
  connect(file->addAction("Export event table as CSV..."), &QAction::triggered, this, &MainWindow::export_events_dialog);
  connect(event_panel_, &EventPanel::export_requested, this, &MainWindow::export_events_dialog);
  file->addSeparator();
  QAction* quit = file->addAction("Quit");
  quit->setShortcut(QKeySequence::Quit);
  connect(quit, &QAction::triggered, this, &QWidget::close);

  QMenu* run = menuBar()->addMenu("&Run");
  for (QAction* action : {run_toolbar_->run_action(), run_toolbar_->pause_action(), run_toolbar_->step_action(),
                          run_toolbar_->fast_action(), run_toolbar_->until_overload_action(), run_toolbar_->reset_action()})
    run->addAction(action);

  QMenu* view = menuBar()->addMenu("&View");
  for (auto* dock : findChildren<QDockWidget*>()) view->addAction(dock->toggleViewAction());
  for (auto* bar : findChildren<QToolBar*>()) view->addAction(bar->toggleViewAction());

  add_help_menu(*this);
}

void MainWindow::show_error(const QString& title, const QString& message) {
  statusBar()->showMessage(title + ": " + message, 10000);
  if (isVisible() && persist_settings_) QMessageBox::warning(this, title, message);
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (persist_settings_) {
    QSettings settings;
    save_settings(settings);
  }
  discard_runs();
  event->accept();
}

}  // namespace routelab::gui
