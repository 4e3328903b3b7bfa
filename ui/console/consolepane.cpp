#include "consolepane.h"

#include "manualpane.h"
#include "runhistorypane.h"
#include "targetform.h"

#include "clientsettings.h"
#include "tokensource.h"
#include "verdictdelegate.h"

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTreeView>
#include <QVBoxLayout>

using namespace SignalGate::Client;
using namespace SignalGate::Scenarios;

namespace SignalGate::Ui {

namespace {

QString duration(qint64 ms)
{
    return ScenarioResultsModel::durationText(ms);
}

}   // namespace

ConsolePane::ConsolePane(ClientSettings *settings, TokenInspector::TokenProvider sessionToken, QWidget *parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_engine(new ScenarioEngine(this))
    , m_target(new TargetForm(settings, this))
    , m_runSelected(new QPushButton(tr("Run &selected"), this))
    , m_runAll(new QPushButton(tr("Run &all"), this))
    , m_stop(new QPushButton(tr("S&top"), this))
    , m_export(new QPushButton(tr("&Export…"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_results(new ScenarioResultsModel(this))
    , m_tree(new QTreeView(this))
    , m_detail(new QTextBrowser(this))
    , m_pages(new QTabWidget(this))
    , m_manual(new ManualPane(m_engine, this))
    , m_inspector(new TokenInspector(std::move(sessionToken), this))
    , m_history(new RunHistoryPane(this))
{
    m_tree->setAccessibleName(tr("Scenarios"));
    m_tree->setModel(m_results);
    m_tree->setItemDelegate(new VerdictDelegate(m_tree));
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(ScenarioResultsModel::ActualColumn, QHeaderView::Stretch);
    m_tree->setColumnWidth(ScenarioResultsModel::VerdictColumn, 70);
    m_tree->setColumnWidth(ScenarioResultsModel::TimeColumn, 70);
    m_tree->expandAll();
    // Small minimums: the console must fit a 900x600 window with a banner.
    m_tree->setMinimumHeight(60);
    m_detail->setMinimumHeight(40);
    // The catalogue is fixed: every name whole, in either language; Actual
    // takes the rest.
    m_tree->resizeColumnToContents(ScenarioResultsModel::TitleColumn);
    m_detail->setAccessibleName(tr("Scenario details"));
    m_detail->setOpenLinks(false);
    m_progress->setAccessibleName(tr("Run progress"));
    m_progress->setValue(0);
    m_status->setAccessibleName(tr("Run status"));
    m_status->setWordWrap(true);
    m_stop->setEnabled(false);
    m_export->setEnabled(false);
    for (QPushButton *button : {m_runSelected, m_runAll, m_stop, m_export})
        button->setAccessibleName(button->text().remove(QLatin1Char('&')).remove(QStringLiteral("…")));

    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {m_runSelected, m_runAll, m_stop, m_export})
        buttons->addWidget(button);
    buttons->addWidget(m_progress, 1);
    auto *scenarios = new QWidget(this);
    auto *scenariosLayout = new QVBoxLayout(scenarios);
    auto *split = new QSplitter(Qt::Vertical, scenarios);
    split->setObjectName(QStringLiteral("scenariosAndDetail"));   // its position is remembered by this name
    split->addWidget(m_tree);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    scenariosLayout->addLayout(buttons);
    scenariosLayout->addWidget(m_status);
    scenariosLayout->addWidget(split, 1);

    m_pages->addTab(scenarios, tr("Scenarios"));
    m_pages->addTab(m_manual, tr("Manual connection"));
    // Taller than a small window leaves it: it scrolls instead.
    auto *inspectorScroll = new QScrollArea(this);
    inspectorScroll->setWidget(m_inspector);
    inspectorScroll->setWidgetResizable(true);
    inspectorScroll->setFrameShape(QFrame::NoFrame);
    m_pages->addTab(inspectorScroll, tr("Token inspector"));
    m_pages->addTab(m_history, tr("Runs"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_target);
    layout->addWidget(m_pages, 1);

    connect(m_target, &TargetForm::signInRequested, this, &ConsolePane::signIn);
    connect(m_target, &TargetForm::message, m_status, &QLabel::setText);
    connect(m_runSelected, &QPushButton::clicked, this, &ConsolePane::runSelected);
    connect(m_runAll, &QPushButton::clicked, this, &ConsolePane::runAll);
    connect(m_stop, &QPushButton::clicked, this, &ConsolePane::stop);
    connect(m_export, &QPushButton::clicked, this, &ConsolePane::exportWithDialog);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { showDetail(current.data(ScenarioResultsModel::IdRole).toString()); });

    connect(m_manual, &ManualPane::connectRequested, this, &ConsolePane::connectManually);
    followEngine();
}

void ConsolePane::followEngine()
{
    connect(m_engine, &ScenarioEngine::prepared, this, [this] {
        m_status->setText(tr("Ready for tests: valid token from %1.").arg(m_engine->tokens()->origin()));
        // A manual connection starts where the target wants its token.
        QComboBox *placement = m_manual->transportBox();
        placement->setCurrentIndex(placement->findData(int(m_engine->context().profile.tokenIn)));
    });
    connect(m_engine, &ScenarioEngine::failed, this, [this](const QString &cause) {
        m_status->setText(tr("Cannot run: %1").arg(cause));
        setRunning(false);
    });
    connect(m_engine, &ScenarioEngine::runStarted, this, [this](int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(0);
    });
    connect(m_engine, &ScenarioEngine::scenarioStarted, this, [this](const QString &id, int index, int total) {
        m_lastStatus = tr("Running %1 (%2 of %3)").arg(id).arg(index + 1).arg(total) + m_estimate;
        m_status->setText(m_lastStatus);
        m_results->setRunning(id);
    });
    connect(m_engine, &ScenarioEngine::scenarioFinished, this, &ConsolePane::showResult);
    connect(m_engine, &ScenarioEngine::progress, this, [this](int done, int total, qint64 etaMs) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
        m_estimate = tr(" · %1 of %2 done, about %3 left").arg(done).arg(total).arg(duration(etaMs));
        m_status->setText(m_lastStatus.section(QStringLiteral(" · "), 0, 0) + m_estimate);
    });
    connect(m_engine, &ScenarioEngine::pacing, this, [this](qint64 ms) {
        m_status->setText(m_lastStatus + tr(" · waiting %1 for the server's connection rate").arg(duration(ms)));
    });
    connect(m_engine, &ScenarioEngine::finished, this, [this] {
        setRunning(false);
        const RunReport report = m_engine->report();
        m_status->setText(tr("Done: %1.").arg(report.score()));
        m_export->setEnabled(!report.results.isEmpty());
        if (!report.results.isEmpty())
            m_history->addRun(report);
    });
}

void ConsolePane::connectManually(const ManualProbe::Composition &composition)
{
    if (m_engine->isPrepared()) {
        m_manual->probe()->connectProbe(composition);
        return;
    }
    // Manual mode needs the server's address first, and a token source only
    // when it sends the current or a forged token: the same form.
    using Choice = ManualProbe::TokenChoice;
    const bool needsTokens = composition.choice == Choice::Current || composition.choice == Choice::Forged;
    ScenarioEngine::Settings settings;
    QString error;
    if (!m_target->settings(&settings, &error,
                            needsTokens ? TargetForm::Purpose::Run : TargetForm::Purpose::ConnectionOnly)) {
        m_manual->showFailure(error);
        return;
    }
    auto *once = new QObject(this);
    const auto done = [once] { once->deleteLater(); };
    connect(m_engine, &ScenarioEngine::prepared, once, [this, composition, done] {
        done();
        m_manual->probe()->connectProbe(composition);
    });
    connect(m_engine, &ScenarioEngine::failed, once, [this, done](const QString &cause) {
        done();
        m_manual->showFailure(cause);
    });
    m_engine->prepare(settings);
}

QString ConsolePane::statusText() const
{
    return m_status->text();
}

QString ConsolePane::detailText() const
{
    return m_detail->toPlainText();
}

QString ConsolePane::verdictOf(const QString &id) const
{
    return m_results->verdictText(id);
}

QStringList ConsolePane::checkedIds() const
{
    return m_results->checkedIds();
}

void ConsolePane::setChecked(const QStringList &ids)
{
    m_results->setChecked(ids);
}

void ConsolePane::signIn()
{
    ScenarioEngine::Settings settings;
    QString error;
    if (!m_target->settings(&settings, &error)) {
        m_status->setText(error);
        return;
    }
    m_status->setText(tr("Signing in for tests…"));
    m_engine->prepare(settings);
}

void ConsolePane::runSelected()
{
    const QStringList ids = checkedIds();
    if (ids.isEmpty()) {
        m_status->setText(tr("Tick at least one scenario."));
        return;
    }
    start(ids);
}

void ConsolePane::runAll()
{
    start({});
}

void ConsolePane::start(const QStringList &ids)
{
    if (m_engine->isRunning())
        return;
    ScenarioEngine::Settings settings;
    QString error;
    if (!m_target->settings(&settings, &error)) {
        m_status->setText(error);
        return;
    }
    m_results->clearResults(ids);
    setRunning(true);
    m_status->setText(tr("Signing in for tests…"));
    m_engine->start(settings, ids);
}

void ConsolePane::stop()
{
    m_engine->stop();
}

void ConsolePane::setRunning(bool running)
{
    m_runSelected->setEnabled(!running);
    m_runAll->setEnabled(!running);
    m_target->signInButton()->setEnabled(!running);
    m_stop->setEnabled(running);
    if (running)
        m_export->setEnabled(false);
}

void ConsolePane::showResult(const ScenarioResult &result)
{
    m_results->setResult(result);
    if (m_tree->currentIndex().data(ScenarioResultsModel::IdRole).toString() == result.id)
        showDetail(result.id);
}

void ConsolePane::showDetail(const QString &id)
{
    const std::optional<Scenario> scenario = Scenario::find(id);
    if (!scenario) {
        m_detail->clear();
        return;
    }
    const ScenarioResult *found = m_results->result(id);
    // A run knows what it expected of its target; before one, the contract's words.
    const QString expected = found && !found->expected.isEmpty() ? found->expected : scenario->expected;
    QString html = QStringLiteral("<h3>%1 <small>(%2)</small></h3>").arg(scenario->title.toHtmlEscaped(), id);
    html += tr("<p><b>Proves:</b> %1</p><p><b>Needs:</b> %2</p><p><b>Expected:</b> %3</p>")
                    .arg(scenario->proves.toHtmlEscaped(), scenario->prerequisites.toHtmlEscaped(),
                         expected.toHtmlEscaped());
    if (!found) {
        m_detail->setHtml(html + tr("<p>Not run yet.</p>"));
        return;
    }
    const ScenarioResult &result = *found;
    const ScenarioResult::Actual &actual = result.actual;
    html += tr("<p><b>Verdict:</b> %1 — %2</p>")
                    .arg(ScenarioResult::verdictName(result.verdict), result.reason.toHtmlEscaped());
    html += tr("<p><b>Actual:</b> %1</p>").arg(actual.summary().toHtmlEscaped());
    html += tr("<p><b>Timings:</b> %1 in all, %2 of it waiting for the server's connection rate; %n upgrade(s).</p>",
               nullptr, actual.upgrades)
                    .arg(duration(actual.durationMs), duration(actual.pacedMs));
    if (!actual.errors.isEmpty())
        html += tr("<p><b>Errors:</b> %1</p>").arg(actual.errors.join(QLatin1String("; ")).toHtmlEscaped());
    html += tr("<p><b>Frames</b> (tokens redacted):</p>");
    html += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"2\">");
    for (const ProbeFrame &frame : result.frames) {
        html += QStringLiteral("<tr><td>%1 ms</td><td>%2</td><td>%3</td><td>%4</td><td><tt>%5</tt></td></tr>")
                        .arg(frame.atMs)
                        .arg(ProbeFrame::directionName(frame.direction), ProbeFrame::kindName(frame.kind))
                        .arg(frame.bytes)
                        .arg(frame.text.toHtmlEscaped());
    }
    html += QStringLiteral("</table>");
    m_detail->setHtml(html);
}

bool ConsolePane::exportReport(const QString &jsonPath, const QString &markdownPath, QString *error) const
{
    const RunReport report = m_engine->report().redacted(*m_engine->redactor());
    if (report.results.isEmpty()) {
        *error = tr("There is no run to export yet.");
        return false;
    }
    const QByteArray json = QJsonDocument(report.toJson()).toJson(QJsonDocument::Indented);
    return (jsonPath.isEmpty() || report.write(jsonPath, json, error))
            && (markdownPath.isEmpty() || report.write(markdownPath, report.toMarkdown().toUtf8(), error));
}

void ConsolePane::suggestUser(const QString &user)
{
    m_target->suggestUser(user);
}

QString ConsolePane::defaultExportPath() const
{
    return QDir(m_settings->exportFolder())
            .filePath(QStringLiteral("signalgate-run-%1.json")
                              .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))));
}

void ConsolePane::exportWithDialog()
{
    const QString json = QFileDialog::getSaveFileName(this, tr("Export the run"), defaultExportPath(),
                                                      tr("JSON report, with a Markdown copy beside it (*.json)"));
    if (json.isEmpty())
        return;
    m_settings->setExportFolder(QFileInfo(json).absolutePath());
    QString markdown = json;
    if (markdown.endsWith(QLatin1String(".json")))
        markdown.chop(5);
    markdown += QLatin1String(".md");
    QString error;
    if (exportReport(json, markdown, &error))
        m_status->setText(tr("Exported to %1 and %2.").arg(json, markdown));
    else
        m_status->setText(tr("Export failed: %1").arg(error));
}

}   // namespace SignalGate::Ui
