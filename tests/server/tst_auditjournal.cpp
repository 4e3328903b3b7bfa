// --audit-syslog with the real signalgate-server: each audit event also
// reaches the systemd journal as one entry of structured fields, the same
// event the file holds and nothing more. No journald runs here, so the test
// is the journal: in a private mount namespace (unshare, as root) the
// server's /run/systemd/journal/socket is this test's datagram socket, and
// libsystemd in the server talks to it as to systemd-journald.
#include "rawhttp.h"
#include "serverprocess.h"

#include <QFile>
#include <QSocketNotifier>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace {

using Entry = QMultiMap<QByteArray, QByteArray>;

// One datagram of the journal's native protocol: KEY=value lines, or KEY,
// a 64-bit little-endian length and the value for values with newlines.
Entry parseEntry(const QByteArray &datagram)
{
    Entry entry;
    qsizetype at = 0;
    while (at < datagram.size()) {
        const qsizetype end = datagram.indexOf('\n', at);
        if (end < 0)
            break;
        const QByteArray line = datagram.mid(at, end - at);
        const qsizetype equals = line.indexOf('=');
        if (equals > 0) {
            entry.insert(line.left(equals), line.mid(equals + 1));
            at = end + 1;
            continue;
        }
        quint64 length = 0;
        for (int i = 0; i < 8; ++i)
            length |= quint64(quint8(datagram.at(end + 1 + i))) << (8 * i);
        entry.insert(line, datagram.mid(end + 9, qsizetype(length)));
        at = end + 9 + qsizetype(length) + 1;
    }
    return entry;
}

// A datagram socket standing in for systemd-journald's.
class JournalSocket
{
public:
    explicit JournalSocket(const QString &path) : m_path(path)
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_un address = {};
        address.sun_family = AF_UNIX;
        const QByteArray name = QFile::encodeName(path);
        qstrncpy(address.sun_path, name.constData(), sizeof address.sun_path);
        m_bound = m_fd >= 0 && ::bind(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
    }
    ~JournalSocket()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool isBound() const { return m_bound; }
    QString path() const { return m_path; }

    // Every entry that arrived so far.
    QList<Entry> &entries()
    {
        QByteArray buffer(256 * 1024, Qt::Uninitialized);
        for (ssize_t got; (got = ::recv(m_fd, buffer.data(), size_t(buffer.size()), 0)) > 0;) {
            m_raw += buffer.left(got);
            m_entries.append(parseEntry(buffer.left(got)));
        }
        return m_entries;
    }
    const QByteArray &raw() const { return m_raw; }

private:
    QString m_path;
    int m_fd = -1;
    bool m_bound = false;
    QList<Entry> m_entries;
    QByteArray m_raw;
};

// The server under unshare: /run is a fresh tmpfs, and when journal is set
// /run/systemd/journal/socket is that socket.
QStringList inNamespace(const QString &journal, const QStringList &serverArguments)
{
    const QString script = journal.isEmpty()
            ? QStringLiteral("mount -t tmpfs tmpfs /run && exec \"$@\"")
            : QStringLiteral("mount -t tmpfs tmpfs /run && mkdir -p /run/systemd/journal && "
                             ": > /run/systemd/journal/socket && mount --bind \"$0\" /run/systemd/journal/socket && "
                             "exec \"$@\"");
    return QStringList{"--mount",
                       "--propagation",
                       "private",
                       "sh",
                       "-c",
                       script,
                       journal.isEmpty() ? QStringLiteral("sh") : journal,
                       ServerProcess::binary()}
    + serverArguments;
}

const Entry *find(QList<Entry> &entries, const QByteArray &event)
{
    for (const Entry &entry : entries) {
        if (entry.value("SIGNALGATE_EVENT") == event)
            return &entry;
    }
    return nullptr;
}

}   // namespace

class TestAuditJournal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void auditEventsReachTheJournalAsFields();
    void withoutAJournalTheStartIsRefused();
};

void TestAuditJournal::auditEventsReachTheJournalAsFields()
{
    QTemporaryDir dir;
    JournalSocket journal(dir.filePath("journal.sock"));
    QVERIFY(journal.isBound());
    ServerProcess server;
    QVERIFY2(server.start(
                     "unshare",
                     inNamespace(journal.path(),
                                 {"--listen", "127.0.0.1:0", "--data-dir", dir.filePath("data"), "--audit-syslog"})),
             server.allOutput().constData());

    // A forged token on the WebSocket, a wrong password at the login.
    const QByteArray forged = "eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiJtYWxsb3J5In0.Zm9yZ2VkLXNpZ25hdHVyZQ";
    RawHttp::exchange(server.port(), RawHttp::upgradeRequest("/ws", "Authorization: Bearer " + forged + "\r\n"));
    const QByteArray body = R"({"username":"alice","password":"not her password"})";
    RawHttp::exchange(server.port(),
                      "POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                      "Content-Length: "
                              + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QTRY_VERIFY_WITH_TIMEOUT(find(journal.entries(), "auth.failure") && find(journal.entries(), "login.failure"),
                             10000);

    const Entry auth = *find(journal.entries(), "auth.failure");
    QCOMPARE(auth.value("SYSLOG_IDENTIFIER"), QByteArray("signalgate-audit"));
    QCOMPARE(auth.value("PRIORITY"), QByteArray("4"));
    QCOMPARE(auth.value("SYSLOG_FACILITY"), QByteArray("10"));
    QCOMPARE(auth.value("SIGNALGATE_IP"), QByteArray("127.0.0.1"));
    QVERIFY(!auth.value("SIGNALGATE_REASON").isEmpty());
    const Entry login = *find(journal.entries(), "login.failure");
    QCOMPARE(login.value("PRIORITY"), QByteArray("4"));

    // The same events as the file, line for line, and no secret.
    QFile file(dir.filePath("data/audit.log"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray lines = file.readAll();
    for (const Entry *entry : {&auth, &login})
        QVERIFY2(lines.contains(entry->value("MESSAGE") + '\n'), entry->value("MESSAGE").constData());
    QVERIFY(!journal.raw().contains(forged.mid(forged.lastIndexOf('.') + 1)));
    QVERIFY(!journal.raw().contains("not her password"));
}

void TestAuditJournal::withoutAJournalTheStartIsRefused()
{
    QTemporaryDir dir;
    QProcess server;
    server.start("unshare",
                 inNamespace({}, {"--listen", "127.0.0.1:0", "--data-dir", dir.filePath("data"), "--audit-syslog"}));
    QVERIFY(server.waitForFinished(15000));
    QCOMPARE(server.exitCode(), 2);
    const QByteArray err = server.readAllStandardError();
    QVERIFY2(err.contains("signalgate-server: error: --audit-syslog: no systemd journal here"), err.constData());
    QCOMPARE(err.count('\n'), 1);
}

QTEST_GUILESS_MAIN(TestAuditJournal)
#include "tst_auditjournal.moc"
