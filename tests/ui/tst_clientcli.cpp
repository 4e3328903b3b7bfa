// The signalgate executable's command line: every bad input gets one line on
// stderr naming the problem, exit code 2, and nothing is written (the
// settings file given stays absent). --help and --version work without a display.
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestClientCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void badInputIsOneLineAndExitTwo_data();
    void badInputIsOneLineAndExitTwo();
    void helpAndVersionNeedNoDisplay();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    static Run run(const QStringList &arguments, const QProcessEnvironment &environment, const QByteArray &input = {});
};

TestClientCli::Run TestClientCli::run(const QStringList &arguments, const QProcessEnvironment &environment,
                                      const QByteArray &input)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SIGNALGATE_CLIENT_BINARY), arguments);
    Run result;
    if (!process.waitForStarted(10000))
        return result;
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

void TestClientCli::badInputIsOneLineAndExitTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("display");   // offscreen platform, so only the input can be wrong
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--bogus")} << true << QByteArray()
                                    << "Unknown option 'bogus'";
    QTest::newRow("stray argument") << QStringList{QStringLiteral("extra")} << true << QByteArray()
                                    << "unexpected argument";
    QTest::newRow("bad scheme") << QStringList{QStringLiteral("--server"), QStringLiteral("ftp://host")} << true
                                << QByteArray() << "must start with http://";
    QTest::newRow("query in server") << QStringList{QStringLiteral("--server"), QStringLiteral("http://h:1/?token=x")}
                                     << true << QByteArray() << "must not contain";
    QTest::newRow("language") << QStringList{QStringLiteral("--language"), QStringLiteral("fr")} << true << QByteArray()
                              << "--language takes en or de";
    QTest::newRow("password without user") << QStringList{QStringLiteral("--password-stdin")} << true
                                           << QByteArray("pw\n") << "--password-stdin needs --user";
    QTest::newRow("empty password") << QStringList{QStringLiteral("--user"), QStringLiteral("demo"),
                                                   QStringLiteral("--password-stdin")}
                                    << true << QByteArray() << "empty password";
    QTest::newRow("no display") << QStringList{} << false << QByteArray() << "no display";
}

void TestClientCli::badInputIsOneLineAndExitTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, display);
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString settings = dir.filePath(QStringLiteral("signalgate.ini"));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QString::fromLatin1(name));
    if (display)
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    const Run result = run(QStringList{QStringLiteral("--settings"), settings} + arguments, environment, input);
    QCOMPARE(result.exitCode, 2);
    const QList<QByteArray> lines = result.err.trimmed().split('\n');
    QVERIFY2(lines.last().startsWith("signalgate: "), result.err.constData());
    QVERIFY2(lines.last().contains(expected.toUtf8()), result.err.constData());
    QVERIFY(result.out.isEmpty());
    QVERIFY2(!QFileInfo::exists(settings), "a refused start wrote settings");
}

void TestClientCli::helpAndVersionNeedNoDisplay()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QString::fromLatin1(name));
    const Run help = run({QStringLiteral("--help")}, environment);
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("Usage: signalgate"));
    QVERIFY(help.out.contains("--password-stdin"));
    const Run version = run({QStringLiteral("--version")}, environment);
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.startsWith("signalgate "));
}

QTEST_GUILESS_MAIN(TestClientCli)
#include "tst_clientcli.moc"
