// signalgate-check --server URL [--profile NAME|FILE] [profile flags] [--user U --password-stdin | --token-file F]
//                  [--forge-key FILE] [--only ID,...] [--skip ID,...] [--report F.json] [--markdown F.md] [--junit F.xml]
#include "checkcommand.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QThread>
#include <QTranslator>

using namespace SignalGate::Scenarios;

namespace {

// QNetworkAccessManager does HTTP(S) in a thread of its own. Its destructor
// waits until that thread's function has returned, but the OS thread then
// still runs its thread-exit handlers, OpenSSL's among them, which free the
// per-thread random generators and error queue of the TLS login. Exiting
// during that window makes LeakSanitizer report them (found by the TLS test
// of tst_checkcli). So wait, briefly and bounded, until Qt's HTTP thread
// ("QNetworkAccessManager thread", cut to 15 characters by the kernel) is gone.
void waitForNetworkThreadExit()
{
    const QDeadlineTimer deadline(1000);
    const auto networkThreadAlive = [] {
        const QStringList tasks = QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString &task : tasks) {
            QFile comm(QStringLiteral("/proc/self/task/%1/comm").arg(task));
            if (comm.open(QIODevice::ReadOnly) && comm.readAll().startsWith("QNetworkAccess"))
                return true;
        }
        return false;
    };
    while (networkThreadAlive() && !deadline.hasExpired())
        QThread::msleep(5);
}

// Parses, runs, and returns the exit code (0, 1 or 2).
int runCheck(QCoreApplication &app)
{
    CheckCommand command;
    int exitCode = -1;
    QObject::connect(&command, &CheckCommand::done, &app, [&exitCode](int code) {
        exitCode = code;
        QCoreApplication::exit(code);
    });
    // Only the first line is the password; read it before anything else runs.
    QByteArray input;
    if (QCoreApplication::arguments().contains(QStringLiteral("--password-stdin"))) {
        QFile in;
        if (in.open(stdin, QIODevice::ReadOnly))
            input = in.readLine(64 * 1024);
    }
    if (!command.parse(QCoreApplication::arguments(), input))
        return exitCode >= 0 ? exitCode : int(CheckCommand::UsageOrConnection);
    command.start();
    return exitCode >= 0 ? exitCode : app.exec();
}

}   // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("signalgate-check"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SIGNALGATE_VERSION));
    // The reports are English; this file gives their counted words a plural
    // ("1 signal", "2 signals"). It is built into the binary.
    QTranslator plurals;
    if (!plurals.load(QStringLiteral(":/i18n/signalgate_en.qm")))
        qFatal("signalgate-check was built without its English plural forms");
    QCoreApplication::installTranslator(&plurals);

    // Progress on stderr is the command's own; the engine's info lines would
    // repeat it. QT_LOGGING_RULES still turns them on.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(
                QStringLiteral("signalgate.scenarios*.info=false\nsignalgate.client*.info=false"));

    const int code = runCheck(app);   // the engine and its network manager are gone now
    waitForNetworkThreadExit();
    return code;
}
