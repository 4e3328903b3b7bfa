#pragma once

#include <QWidget>

class EventLog;
class QTableView;
class QTableWidget;

// The connection log (time, event, code, reason, meaning, what happens next),
// coloured by severity, above a legend of every close code of the contract.
class EventLogPane : public QWidget
{
    Q_OBJECT
public:
    explicit EventLogPane(EventLog *log, QWidget *parent = nullptr);

    QTableView *logView() const { return m_view; }
    QTableWidget *legend() const { return m_legend; }

private:
    void fillLegend();

    EventLog *m_log;
    QTableView *m_view;
    QTableWidget *m_legend;
};
