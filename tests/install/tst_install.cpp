// `cmake --install` of this build into a temporary DESTDIR, checked as an
// operator and a desktop would use it: exactly the expected files (no test or
// benchmark), an installed server that starts from an INI file alone, an
// installed client that speaks German, and the desktop entry, AppStream
// metadata, man pages and systemd unit passing their own validators.
#include "checkprocess.h"
#include "rawhttp.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString prefix = QStringLiteral(SIGNALGATE_INSTALL_PREFIX);

// Every file the two components install, relative to the prefix; the unit
// and the INI file follow GNUInstallDirs and the unit rule of dist/.
QStringList expectedFiles()
{
    QStringList files{
            "bin/signalgate",
            "bin/signalgate-check",
            "bin/signalgate-server",
            "lib/systemd/system/signalgate-server.service",
            "etc/signalgate/signalgate-server.ini",
            "share/applications/org.signalgate.SignalGate.desktop",
            "share/doc/signalgate-server/CONFIG.md",
            "share/doc/signalgate-server/OPERATIONS.md",
            "share/doc/signalgate-server/changelog.Debian.gz",
            "share/doc/signalgate-server/copyright",
            "share/doc/signalgate-server/examples/signalgate-server.ini",
            "share/doc/signalgate/changelog.Debian.gz",
            "share/doc/signalgate/copyright",
            "share/icons/hicolor/scalable/apps/signalgate.svg",
            "share/man/man1/signalgate-check.1.gz",
            "share/man/man1/signalgate-server.1.gz",
            "share/man/man1/signalgate.1.gz",
            "share/metainfo/org.signalgate.SignalGate.metainfo.xml",
            "share/signalgate/grafana/signalgate-dashboard.json",
            "share/signalgate/prometheus/signalgate-alerts.yml",
    };
    files.sort();
    return files;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

}   // namespace

class TestInstall : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void installsExactlyTheExpectedFiles();
    void installedServerStartsFromAnIniFile();
    void installedExampleConfigPassesConfigCheck();
    void installedClientSpeaksGerman();
    void desktopEntryAndMetainfoValidate();
    void manPagesAreCleanRoff();
    void unitPassesSystemdVerify();

private:
    QString installed(const QString &relative) const { return m_root + QLatin1Char('/') + relative; }

    QTemporaryDir m_dest;
    QString m_root;   // DESTDIR + prefix
};

void TestInstall::initTestCase()
{
    QVERIFY(m_dest.isValid());
    QProcess install;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DESTDIR"), m_dest.path());
    install.setProcessEnvironment(environment);
    install.start(QStringLiteral(SIGNALGATE_CMAKE), {"--install", SIGNALGATE_BUILD_DIR});
    QVERIFY(install.waitForFinished(120000));
    QVERIFY2(install.exitCode() == 0, install.readAllStandardError().constData());
    m_root = m_dest.path() + prefix;
}

void TestInstall::installsExactlyTheExpectedFiles()
{
    QStringList found;
    for (QDirIterator it(m_dest.path(), QDir::Files, QDirIterator::Subdirectories); it.hasNext();)
        found << it.next().mid(m_root.size() + 1);
    found.sort();
    QCOMPARE(found, expectedFiles());
    for (const QString binary : {"bin/signalgate", "bin/signalgate-check", "bin/signalgate-server"})
        QVERIFY(QFileInfo(installed(binary)).isExecutable());
}

void TestInstall::installedServerStartsFromAnIniFile()
{
    QTemporaryDir work;
    const QString ini = work.filePath("server.ini");
    QVERIFY(writeFile(ini, QString("listen = 127.0.0.1:0\ndata-dir = %1\n").arg(work.filePath("data")).toUtf8()));
    QProcess server;
    server.start(installed("bin/signalgate-server"), {"--config", ini});
    QVERIFY(server.waitForStarted());
    QByteArray output;
    QTRY_VERIFY_WITH_TIMEOUT((output += server.readAllStandardOutput()).contains("listening on"), 15000);
    const auto port = QRegularExpression("listening on http://127\\.0\\.0\\.1:(\\d+)").match(QString(output));
    QVERIFY(port.hasMatch());
    const QByteArray answer =
            RawHttp::exchange(port.captured(1).toUShort(), "GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QCOMPARE(RawHttp::status(answer), 200);
    server.terminate();
    QVERIFY(server.waitForFinished(10000));
    QCOMPARE(server.exitCode(), 0);
}

void TestInstall::installedExampleConfigPassesConfigCheck()
{
    QTemporaryDir work;
    // The example is the packaged configuration; only the state directory,
    // which systemd makes, is somewhere this test may write.
    const CheckRun run = runProgram(installed("bin/signalgate-server"),
                                    {"config", "check", "--config", installed("etc/signalgate/signalgate-server.ini"),
                                     "--data-dir", work.filePath("state")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(run.out.contains("listen = 127.0.0.1:8765"));
    QCOMPARE(QFile(installed("etc/signalgate/signalgate-server.ini")).size(),
             QFile(installed("share/doc/signalgate-server/examples/signalgate-server.ini")).size());
}

void TestInstall::installedClientSpeaksGerman()
{
    QTemporaryDir work;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("QT_QPA_PLATFORM", "offscreen");
    environment.insert("QT_LOGGING_RULES", "signalgate.ui.language.info=true");
    environment.insert("XDG_CONFIG_HOME", work.filePath("config"));
    QProcess client;
    client.setProcessEnvironment(environment);
    client.start(installed("bin/signalgate"),
                 {"--language", "de", "--settings", work.filePath("client.ini"), "--server", "http://127.0.0.1:9"});
    QVERIFY(client.waitForStarted());
    QByteArray log;
    const bool german = QTest::qWaitFor(
            [&] { return (log += client.readAllStandardError()).contains("Bei SignalGate anmelden"); }, 15000);
    client.kill();
    client.waitForFinished();
    QVERIFY2(german, log.constData());
    // Qt's own words come from qt6-translations-l10n, beside Qt, not from us.
    QVERIFY2(log.contains("qtbase_de.qm"), log.constData());
}

void TestInstall::desktopEntryAndMetainfoValidate()
{
    const CheckRun desktop =
            runProgram("desktop-file-validate", {installed("share/applications/org.signalgate.SignalGate.desktop")});
    QVERIFY2(desktop.exitCode == 0, "desktop-file-validate failed or is missing (desktop-file-utils)");
    QCOMPARE(desktop.out + desktop.err, QByteArray());
    const CheckRun metainfo =
            runProgram("appstreamcli",
                       {"validate", "--no-net", installed("share/metainfo/org.signalgate.SignalGate.metainfo.xml")});
    QVERIFY2(metainfo.exitCode == 0, (metainfo.out + metainfo.err + " (Debian package appstream)").constData());
}

void TestInstall::manPagesAreCleanRoff()
{
    for (const QString page : {"signalgate-server", "signalgate", "signalgate-check"}) {
        QFile file(installed("share/man/man1/" + page + ".1.gz"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QProcess groff;
        groff.setStandardInputFile(file.fileName());
        groff.start("sh", {"-c", "zcat | groff -man -ww -z -Tutf8"});
        QVERIFY(groff.waitForFinished());
        QCOMPARE(groff.exitCode(), 0);
        QVERIFY2(groff.readAllStandardError().isEmpty(), qPrintable(page));
    }
}

// No systemd runs as PID 1 here, so verify is the check: the unit's syntax,
// every setting known, and the programs and man page it names present. They
// are present under DESTDIR, so a copy names them there; nothing else changes.
void TestInstall::unitPassesSystemdVerify()
{
    QFile unit(installed("lib/systemd/system/signalgate-server.service"));
    QVERIFY(unit.open(QIODevice::ReadOnly));
    const QByteArray text = unit.readAll();
    QVERIFY(text.contains("ExecStartPre=" + prefix.toUtf8() + "/bin/signalgate-server config check --config"));
    QTemporaryDir work;
    const QString copy = work.filePath("signalgate-server.service");
    QVERIFY(writeFile(copy,
                      QByteArray(text).replace("=" + prefix.toUtf8() + "/bin/", "=" + m_root.toUtf8() + "/bin/")));
    QProcess verify;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("MANPATH", installed("share/man"));
    verify.setProcessEnvironment(environment);
    verify.start("systemd-analyze", {"verify", copy});
    QVERIFY2(verify.waitForStarted(), "systemd-analyze is missing (Debian package systemd)");
    QVERIFY(verify.waitForFinished(60000));
    const QByteArray complaints = verify.readAllStandardError() + verify.readAllStandardOutput();
    QVERIFY2(verify.exitCode() == 0 && complaints.isEmpty(), complaints.constData());

    QProcess security;
    security.start("systemd-analyze", {"security", "--offline=yes", "--threshold=20", copy});
    QVERIFY(security.waitForFinished(60000));
    const QByteArray report = security.readAllStandardOutput();
    const auto exposure = QRegularExpression("Overall exposure level for \\S+: (\\d+\\.\\d)").match(QString(report));
    QVERIFY2(exposure.hasMatch(), report.constData());
    qInfo("systemd-analyze security exposure: %s", qPrintable(exposure.captured(1)));
    QVERIFY2(exposure.captured(1).toDouble() <= 2.0, report.constData());
}

QTEST_GUILESS_MAIN(TestInstall)
#include "tst_install.moc"
