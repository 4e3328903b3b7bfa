#pragma once

#include <QWidget>

namespace SignalGate::Client {
class EventLog;
}
class QTableView;
class QTableWidget;

namespace SignalGate::Ui {

// The connection log (time, event, code, reason, meaning, what happens next),
// coloured by severity, above a legend of every close code of the contract.
class EventLogPane : public QWidget
{
    Q_OBJECT
public:
    explicit EventLogPane(Client::EventLog *log, QWidget *parent = nullptr);

    QTableView *logView() const { return m_view; }
    QTableWidget *legend() const { return m_legend; }

private:
    void fillLegend();

    Client::EventLog *m_log;
    QTableView *m_view;
    QTableWidget *m_legend;
};

}   // namespace SignalGate::Ui
