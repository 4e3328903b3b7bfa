// What the systemd unit relies on, with the real signalgate-server process:
// SIGHUP (ExecReload) re-reads the allowed origins and the TLS pair from the
// same INI file, keeps the running ones when the new ones do not load, and
// says why; with stderr on the journal every log line carries its sd-daemon
// priority, so `journalctl -p warning` works.
#include "rawhttp.h"
#include "serverprocess.h"

#include <QFile>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/stat.h>

namespace {

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

int upgradeStatus(quint16 port, const QByteArray &origin)
{
    return RawHttp::status(RawHttp::responseHead(port, RawHttp::upgradeRequest("/ws", "Origin: " + origin + "\r\n")));
}

// The certificate the server presents to a new TLS connection.
QSslCertificate presented(quint16 port)
{
    QSslSocket socket;
    socket.setPeerVerifyMode(QSslSocket::VerifyNone);
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    return socket.waitForEncrypted(5000) ? socket.peerCertificate() : QSslCertificate();
}

QSslCertificate certificateIn(const QString &dir)
{
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(dir + "/cert.pem");
    return certificates.isEmpty() ? QSslCertificate() : certificates.first();
}

}   // namespace

class TestService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sighupReloadsAllowedOrigins();
    void sighupWithABadIniChangesNothing();
    void sighupReloadsTheTlsPairAndKeepsItWhenTheNewOneIsBad();
    void journalGetsPriorityPrefixes();
    void terminalGetsTimestamps();

private:
    QString writeIni(const QString &name, const QString &body);

    QTemporaryDir m_dir;
    QString m_certs[2];
};

void TestService::initTestCase()
{
    QVERIFY(m_dir.isValid());
    for (int i = 0; i < 2; ++i) {
        m_certs[i] = m_dir.filePath(QStringLiteral("certs%1").arg(i));
        QProcess make;
        make.start(ServerProcess::binary(), {"gen-dev-cert", m_certs[i]});
        QVERIFY(make.waitForFinished(30000));
        QCOMPARE(make.exitCode(), 0);
    }
    QVERIFY(certificateIn(m_certs[0]) != certificateIn(m_certs[1]));
}

QString TestService::writeIni(const QString &name, const QString &body)
{
    const QString path = m_dir.filePath(name);
    const QString text =
            QStringLiteral("listen = 127.0.0.1:0\ndata-dir = %1\n").arg(m_dir.filePath(name + ".data")) + body;
    return writeFile(path, text.toUtf8()) ? path : QString();
}

void TestService::sighupReloadsAllowedOrigins()
{
    const QString ini = writeIni("origins.ini", "allowed-origin = https://a.example\n");
    ServerProcess server;
    QVERIFY(server.start({"--config", ini}));
    QCOMPARE(upgradeStatus(server.port(), "https://b.example"), 403);
    QVERIFY(upgradeStatus(server.port(), "https://a.example") != 403);

    QVERIFY(!writeIni("origins.ini", "allowed-origin = https://b.example\n").isEmpty());
    ::kill(server.process().processId(), SIGHUP);
    QTRY_VERIFY_WITH_TIMEOUT(upgradeStatus(server.port(), "https://b.example") != 403, 5000);
    QCOMPARE(upgradeStatus(server.port(), "https://a.example"), 403);
    QVERIFY(server.allOutput().contains("reload: allowed origins https://b.example"));
    QCOMPARE(server.process().state(), QProcess::Running);
}

void TestService::sighupWithABadIniChangesNothing()
{
    const QString ini = writeIni("bad.ini", "allowed-origin = https://a.example\n");
    ServerProcess server;
    QVERIFY(server.start({"--config", ini}));
    QVERIFY(!writeIni("bad.ini", "allowed-origin = https://b.example\nconn-rate = fast\n").isEmpty());
    ::kill(server.process().processId(), SIGHUP);
    QTRY_VERIFY_WITH_TIMEOUT(server.allOutput().contains("reload refused: --conn-rate"), 5000);
    QVERIFY(upgradeStatus(server.port(), "https://a.example") != 403);
    QCOMPARE(upgradeStatus(server.port(), "https://b.example"), 403);
    QCOMPARE(server.process().state(), QProcess::Running);
}

void TestService::sighupReloadsTheTlsPairAndKeepsItWhenTheNewOneIsBad()
{
    const auto tls = [this](const QString &cert, const QString &key) {
        return writeIni("tls.ini", QStringLiteral("tls-cert = %1\ntls-key = %2\n").arg(cert, key));
    };
    const QString ini = tls(m_certs[0] + "/cert.pem", m_certs[0] + "/key.pem");
    ServerProcess server;
    QVERIFY(server.start({"--config", ini}));
    QCOMPARE(presented(server.port()), certificateIn(m_certs[0]));

    // Renewed: the new pair, for connections from now on.
    QVERIFY(!tls(m_certs[1] + "/cert.pem", m_certs[1] + "/key.pem").isEmpty());
    ::kill(server.process().processId(), SIGHUP);
    QTRY_VERIFY_WITH_TIMEOUT(server.allOutput().contains("reload: TLS certificate " + m_certs[1].toUtf8()), 5000);
    QCOMPARE(presented(server.port()), certificateIn(m_certs[1]));

    // A key of another certificate: refused with the reason, the running pair stays.
    QVERIFY(!tls(m_certs[0] + "/cert.pem", m_certs[1] + "/key.pem").isEmpty());
    ::kill(server.process().processId(), SIGHUP);
    QTRY_VERIFY_WITH_TIMEOUT(server.allOutput().contains("does not belong to certificate"), 5000);
    QVERIFY(server.allOutput().contains("the running certificate stays"));
    QCOMPARE(presented(server.port()), certificateIn(m_certs[1]));

    // A missing file: the same.
    QVERIFY(!tls(m_dir.filePath("gone/cert.pem"), m_dir.filePath("gone/key.pem")).isEmpty());
    ::kill(server.process().processId(), SIGHUP);
    QTRY_VERIFY_WITH_TIMEOUT(server.allOutput().contains("gone/cert.pem"), 5000);
    QCOMPARE(presented(server.port()), certificateIn(m_certs[1]));
    QCOMPARE(server.process().state(), QProcess::Running);
}

// systemd tells a service its stderr is the journal with JOURNAL_STREAM, the
// stream's device and inode; here stderr is a file whose own are given.
void TestService::journalGetsPriorityPrefixes()
{
    const QString log = m_dir.filePath("journal.log");
    QVERIFY(writeFile(log, {}));
    struct stat status = {};
    QCOMPARE(::stat(QFile::encodeName(log).constData(), &status), 0);
    // A key file others can read: the server warns at start.
    const QString secret = m_dir.filePath("shared-secret");
    QVERIFY(writeFile(secret, QByteArray(48, 's')));
    QVERIFY(QFile::setPermissions(secret, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove("QT_MESSAGE_PATTERN");
    environment.insert("JOURNAL_STREAM",
                       QStringLiteral("%1:%2").arg(quint64(status.st_dev)).arg(quint64(status.st_ino)));
    ServerProcess server(environment);
    server.process().setStandardErrorFile(log, QIODevice::Append);
    QVERIFY(server.start({"--config", writeIni("journal.ini", "jwt-secret-file = " + secret + '\n')}));
    ::kill(server.process().processId(), SIGHUP);
    QByteArray lines;
    QTRY_VERIFY_WITH_TIMEOUT((lines =
                                      [&] {
                                          QFile file(log);
                                          return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
                                      }())
                                     .contains("reload: allowed origins"),
                             5000);
    QVERIFY2(lines.contains("<4>signalgate.server: key file " + secret.toUtf8()), lines.constData());
    QVERIFY2(lines.contains("<6>signalgate.server: reload: allowed origins none"), lines.constData());
    for (const QByteArray &line : lines.trimmed().split('\n'))
        QVERIFY2(line.startsWith('<') && line.at(2) == '>', line.constData());
}

void TestService::terminalGetsTimestamps()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove("QT_MESSAGE_PATTERN");
    // A stale value, as a shell started from a service would inherit: not our stderr.
    environment.insert("JOURNAL_STREAM", "1:1");
    ServerProcess server(environment);
    QVERIFY(server.start({"--config", writeIni("terminal.ini", {})}));
    ::kill(server.process().processId(), SIGHUP);
    QTRY_VERIFY_WITH_TIMEOUT(server.allOutput().contains("reload: allowed origins"), 5000);
    const QByteArray output = server.allOutput();
    QVERIFY2(!output.contains("<6>"), output.constData());
    QVERIFY2(QRegularExpression("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3} signalgate.server info: reload")
                     .match(QString::fromUtf8(output))
                     .hasMatch(),
             output.constData());
}

QTEST_GUILESS_MAIN(TestService)
#include "tst_service.moc"
