#pragma once

#include "tokeninspector.h"

#include "manualprobe.h"
#include "runreport.h"
#include "scenarioengine.h"
#include "scenarioresult.h"
#include "scenarioresultsmodel.h"

#include <QWidget>

namespace SignalGate::Client {
class ClientSettings;
}
class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTextBrowser;
class QTreeView;

namespace SignalGate::Ui {

class ManualPane;
class RunHistoryPane;
class TargetForm;

// The "Test console" tab: the scenarios of PROTOCOL.md section 9,
// grouped, with check boxes, Run selected / Run all / Stop, progress with an
// estimate, a coloured verdict per row and a detail pane (expected vs actual,
// the frames with tokens redacted, timings); export as JSON and Markdown;
// manual mode, the token inspector and the kept runs (with their
// comparison) beside it; the target form above says what is tested. The
// engine is the one signalgate-check uses; this widget only drives it and
// shows what it says.
class ConsolePane : public QWidget
{
    Q_OBJECT
public:
    enum Page { ScenariosPage, ManualPage, InspectorPage, RunsPage };

    ConsolePane(Client::ClientSettings *settings, TokenInspector::TokenProvider sessionToken,
                QWidget *parent = nullptr);

    Scenarios::ScenarioEngine *engine() const { return m_engine; }
    QTabWidget *pages() const { return m_pages; }
    ManualPane *manualPane() const { return m_manual; }
    TokenInspector *tokenInspector() const { return m_inspector; }
    QTreeView *scenarioTree() const { return m_tree; }
    Scenarios::ScenarioResultsModel *results() const { return m_results; }
    TargetForm *targetForm() const { return m_target; }
    RunHistoryPane *runHistory() const { return m_history; }
    QString statusText() const;
    QString detailText() const;
    // The verdict shown in the row of this id ("" while not run).
    QString verdictOf(const QString &id) const;
    QStringList checkedIds() const;
    void setChecked(const QStringList &ids);
    // Writes the last run as JSON and Markdown; false and a sentence on failure.
    bool exportReport(const QString &jsonPath, const QString &markdownPath, QString *error) const;
    // What the export dialog offers: a dated name in the last export folder
    // (at first Documents), never the folder the client was started from.
    QString defaultExportPath() const;

public Q_SLOTS:
    // The signed-in user, for a User field nobody has filled in yet.
    void suggestUser(const QString &user);
    void runSelected();
    void runAll();
    void stop();
    void signIn();
    void exportWithDialog();

private:
    void start(const QStringList &ids);
    // The status line, progress and verdicts follow what the engine says.
    void followEngine();
    // Manual mode: prepares the engine first when no run has.
    void connectManually(const Scenarios::ManualProbe::Composition &composition);
    void setRunning(bool running);
    void showResult(const Scenarios::ScenarioResult &result);
    void showDetail(const QString &id);

    Client::ClientSettings *m_settings;
    Scenarios::ScenarioEngine *m_engine;
    TargetForm *m_target;
    QPushButton *m_runSelected;
    QPushButton *m_runAll;
    QPushButton *m_stop;
    QPushButton *m_export;
    QProgressBar *m_progress;
    QLabel *m_status;
    Scenarios::ScenarioResultsModel *m_results;
    QTreeView *m_tree;
    QTextBrowser *m_detail;
    QTabWidget *m_pages;
    ManualPane *m_manual;
    TokenInspector *m_inspector;
    RunHistoryPane *m_history;
    QString m_lastStatus;   // what runs now (and the estimate)
    QString m_estimate;     // " · n of m done, about t left"
};

}   // namespace SignalGate::Ui
