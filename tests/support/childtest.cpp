#include "childtest.h"

#include <QProcess>
#include <QTest>

namespace ChildTest {

void run(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment,
         const QByteArray &passLine, int timeoutMs)
{
    QProcess child;
    child.setProcessEnvironment(environment);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(program, arguments);
    QVERIFY2(child.waitForStarted(timeoutMs), qPrintable(program + QLatin1String(": ") + child.errorString()));
    const bool ended = QTest::qWaitFor([&] { return child.state() == QProcess::NotRunning; }, timeoutMs);
    if (!ended) {
        // What it printed so far says where it stuck.
        child.kill();
        child.waitForFinished(5000);
    }
    const QByteArray output = child.readAll();
    const QString report = QStringLiteral("child output:\n%1").arg(QString::fromLocal8Bit(output));
    QVERIFY2(ended, qPrintable(QStringLiteral("the child did not end within %1 ms; ").arg(timeoutMs) + report));
    QVERIFY2(child.exitStatus() == QProcess::NormalExit, qPrintable(report));
    QVERIFY2(child.exitCode() == 0, qPrintable(report));
    // It really ran its checks (and did not, say, skip them).
    QVERIFY2(output.contains("PASS   : " + passLine + "()"), qPrintable(report));
    QVERIFY2(output.contains(" 0 failed, 0 skipped"), qPrintable(report));
}

}   // namespace ChildTest
