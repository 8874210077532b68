#pragma once
// The overload event table with its filters and a CSV export button. A click on a row moves the
// shared cursor to the event, centres the view on it and highlights the expert.
#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace routelab::gui {

class EventFilterProxy;
class OverloadEventModel;
class TimeAxis;

class EventPanel : public QWidget {
  Q_OBJECT

 public:
  EventPanel(OverloadEventModel& model, TimeAxis& axis, QWidget* parent = nullptr);

  QTableView* table() const { return table_; }
  EventFilterProxy* proxy() const { return proxy_; }
  void set_run_names(const QStringList& names);  // the router filter's choices
  void jump_to_proxy_row(int proxy_row);
  // The model rows the table shows, in its order (filters and sort applied): what Export CSV writes.
  std::vector<int> shown_rows() const;
  QPushButton* export_button() const { return export_button_; }

 signals:
  void event_chosen(int run, int expert, double window);
  void export_requested();  // the Export CSV... button

 private:
  void update_count();

  OverloadEventModel& model_;
  TimeAxis& axis_;
  EventFilterProxy* proxy_;
  QTableView* table_;
  QLineEdit* text_filter_;
  QComboBox* run_filter_;
  QSpinBox* expert_filter_;
  QSpinBox* peak_filter_;
  QLabel* count_;
  QPushButton* export_button_;
};

}  // namespace routelab::gui
