#pragma once

#include "runreport.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QTextBrowser;
class QTreeWidget;

namespace SignalGate::Ui {

// The console's "Runs" page: every finished run of this window,
// newest first, and the comparison of a run with another one, by default
// the run before it: which verdicts changed, regressions first.
class RunHistoryPane : public QWidget
{
    Q_OBJECT
public:
    explicit RunHistoryPane(QWidget *parent = nullptr);

    // Keeps the (already redacted) report and compares it with the one before.
    void addRun(const Scenarios::RunReport &report);
    int runCount() const { return int(m_runs.size()); }
    const Scenarios::RunReport &run(int index) const { return m_runs.at(index); }
    // Shows which verdicts changed from run `before` to run `after` (indexes in run order).
    void compare(int before, int after);
    QString comparisonText() const;
    QTreeWidget *runList() const { return m_list; }
    QComboBox *baseBox() const { return m_base; }

private:
    void selectionChanged();
    QString describe(int index) const;

    QList<Scenarios::RunReport> m_runs;
    QTreeWidget *m_list;
    QComboBox *m_base;
    QLabel *m_summary;
    QTextBrowser *m_changes;
};

}   // namespace SignalGate::Ui
