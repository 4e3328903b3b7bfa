// docs/CONFIG.md and signalgate-server(1) are made from the option table;
// this fails when the committed reference is stale, and when the man page
// is not clean roff or leaves an option or subcommand out.
#include "configreference.h"
#include "servercommands.h"
#include "serveroptions.h"

#include <QFile>
#include <QProcess>
#include <QTest>

using namespace SignalGate::Server;

class TestConfigReference : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void committedReferenceIsCurrent();
    void referenceNamesEveryOptionAndCommand();
    void manPageIsCleanRoff();
};

void TestConfigReference::committedReferenceIsCurrent()
{
    QFile committed(QStringLiteral(SIGNALGATE_SOURCE_DIR "/docs/CONFIG.md"));
    QVERIFY2(committed.open(QIODevice::ReadOnly), "docs/CONFIG.md is missing");
    QVERIFY2(QString::fromUtf8(committed.readAll()) == ConfigReference::markdown(),
             "docs/CONFIG.md is stale: run cmake --build --preset default --target config_docs and commit it");
}

void TestConfigReference::referenceNamesEveryOptionAndCommand()
{
    const QString markdown = ConfigReference::markdown();
    const QString man = ConfigReference::manPage(QStringLiteral("1.2.3"));
    for (const ServerOption &option : serverOptions()) {
        QVERIFY2(markdown.contains(QStringLiteral("| `%1` |").arg(option.name)), qPrintable(option.name));
        QVERIFY2(man.contains(QStringLiteral("\\fB\\-\\-%1\\fR").arg(QString(option.name).replace('-', "\\-"))),
                 qPrintable(option.name));
    }
    for (const ServerCommand &command : serverCommands()) {
        QVERIFY2(markdown.contains(command.usage()), qPrintable(command.usage()));
        QVERIFY2(man.contains(".B " + QString(command.usage()).replace('-', "\\-")), qPrintable(command.usage()));
    }
    QVERIFY(man.contains("SignalGate 1.2.3"));
}

void TestConfigReference::manPageIsCleanRoff()
{
    QProcess groff;
    groff.start(QStringLiteral("groff"), {"-man", "-ww", "-z", "-Tutf8"});
    QVERIFY2(groff.waitForStarted(), "groff is missing (Debian package groff-base)");
    groff.write(ConfigReference::manPage(QStringLiteral("1.2.3")).toUtf8());
    groff.closeWriteChannel();
    QVERIFY(groff.waitForFinished());
    QCOMPARE(groff.exitCode(), 0);
    QCOMPARE(groff.readAllStandardError(), QByteArray());
}

QTEST_GUILESS_MAIN(TestConfigReference)
#include "tst_configreference.moc"
