// signalgate-check --server URL --user U --password-stdin [--key FILE] [--only ID,...]
//                  [--profile signalgate|seed] [--report FILE.json] [--markdown FILE.md]
#include "checkcommand.h"

#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("signalgate-check"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SIGNALGATE_VERSION));

    // Progress on stderr is the command's own; the engine's info lines would
    // repeat it. QT_LOGGING_RULES still turns them on.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("signalgate.scenarios*.info=false\nsignalgate.client*.info=false"));

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
