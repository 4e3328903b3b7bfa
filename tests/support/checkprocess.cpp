#include "checkprocess.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

CheckRun runCheck(const QStringList &arguments, const QByteArray &input, int timeoutMs)
{
    return runProgram(QStringLiteral(SIGNALGATE_CHECK_BINARY), arguments, input, timeoutMs);
}

CheckRun runProgram(const QString &program, const QStringList &arguments, const QByteArray &input, int timeoutMs)
{
    QProcess process;
    process.start(program, arguments);
    CheckRun run;
    if (!process.waitForStarted())
        return run;
    process.write(input);
    process.closeWriteChannel();
    [[maybe_unused]] const bool ended =
            QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, timeoutMs);
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool containsSecret(const QByteArray &text, QString *what)
{
    static const QRegularExpression jws(QStringLiteral("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"));
    static const QRegularExpression query(QStringLiteral("token=(?!\\[REDACTED\\])[A-Za-z0-9_.-]{8,}"));
    const QString string = QString::fromUtf8(text);
    for (const QRegularExpression *pattern : {&jws, &query}) {
        if (const QRegularExpressionMatch match = pattern->match(string); match.hasMatch()) {
            *what = match.captured().left(16);
            return true;
        }
    }
    return false;
}
