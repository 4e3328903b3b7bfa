#pragma once

#include "profileoptions.h"
#include "scenarioengine.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QObject>
#include <QStringList>
#include <QTextStream>

namespace SignalGate::Scenarios {

// signalgate-check: parse the command line, run the engine, print progress
// on stderr and the table on stdout, write the reports, and say the exit
// code (0 all ran scenarios passed, 1 one failed, 2 usage or connection error).
class CheckCommand : public QObject
{
    Q_OBJECT
public:
    enum ExitCode { AllPassed = 0, SomeFailed = 1, UsageOrConnection = 2 };

    explicit CheckCommand(QObject *parent = nullptr);
    // False with exit code 2 already printed on a usage error.
    bool parse(const QStringList &arguments, const QByteArray &standardInput);
    bool wantsPasswordFromStdin() const { return m_passwordStdin; }
    void start();

Q_SIGNALS:
    void done(int exitCode);

private:
    void usageError(const QString &cause);
    // --only / --skip: ids, each known; false with *error otherwise.
    static bool selection(const QCommandLineParser &parser, const QCommandLineOption &option, QStringList *ids,
                          QString *error);
    bool readTokenFile(const QString &path, QString *error);
    void onFinished();

    QTextStream m_out;
    QTextStream m_err;
    ScenarioEngine m_engine;
    ScenarioEngine::Settings m_settings;
    ProfileOptions m_profileOptions;
    QStringList m_only;
    QStringList m_skip;
    QString m_jsonPath;
    QString m_markdownPath;
    QString m_junitPath;
    bool m_passwordStdin = false;
};

}   // namespace SignalGate::Scenarios
