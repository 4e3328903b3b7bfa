// TokenStore against the real OS keychain (gnome-keyring over D-Bus through
// QtKeychain/libsecret) and, in a child process of this binary whose session
// bus address leads nowhere, the no-keychain path (memory for the session).
//
// Run through scripts/with-keyring.sh (a private D-Bus session with an
// unlocked gnome-keyring and a throwaway HOME); without a session bus the
// keychain tests fail rather than skip.
#include "childtest.h"
#include "logcapture.h"
#include "tokenstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <optional>

using namespace SignalGate::Client;

namespace {

constexpr int kTimeoutMs = 20000;
// Set in the environment of the child process that runs the no-keychain checks.
const char kChildVariable[] = "SIGNALGATE_TST_TOKENSTORE_CHILD";

// A token-like random string: unique per run, so a hit in a file is ours.
QByteArray randomToken(const char *prefix)
{
    return QByteArray(prefix)
            + QUuid::createUuid().toRfc4122().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
            + QUuid::createUuid().toRfc4122().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

TokenStore::Tokens randomTokens()
{
    return {randomToken("eyJhY2Nlc3Mi.") + randomToken(".sig-"), randomToken("refresh-")};
}

// Each operation answers with exactly one signal; these wait for it.
bool saveAndWait(TokenStore &store, const QString &server, const QString &user, const TokenStore::Tokens &tokens)
{
    QSignalSpy saved(&store, &TokenStore::saved);
    store.save(server, user, tokens);
    if (saved.isEmpty() && !saved.wait(kTimeoutMs))
        return false;
    return saved.size() == 1 && saved.first().first().toBool();
}

std::optional<TokenStore::Tokens> loadAndWait(TokenStore &store, const QString &server, const QString &user)
{
    QSignalSpy loaded(&store, &TokenStore::loaded);
    store.load(server, user);
    if (loaded.isEmpty() && !loaded.wait(kTimeoutMs))
        return std::nullopt;
    if (loaded.size() != 1)
        return std::nullopt;
    return loaded.first().first().value<TokenStore::Tokens>();
}

bool removeAndWait(TokenStore &store, const QString &server, const QString &user)
{
    QSignalSpy removed(&store, &TokenStore::removed);
    store.remove(server, user);
    if (removed.isEmpty() && !removed.wait(kTimeoutMs))
        return false;
    return removed.size() == 1;
}

bool sameTokens(const TokenStore::Tokens &a, const TokenStore::Tokens &b)
{
    return a.access == b.access && a.refresh == b.refresh;
}

// Files under dir (recursively) that contain any of needles.
QStringList filesContaining(const QString &dir, const QList<QByteArray> &needles)
{
    QStringList hits;
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
        return hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (it.fileInfo().size() > 64 * 1024 * 1024)   // build products; tokens are never there
            continue;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray content = file.readAll();
        for (const QByteArray &needle : needles) {
            if (content.contains(needle)) {
                hits.append(path);
                break;
            }
        }
    }
    return hits;
}

// secret-tool (libsecret-tools) asks the Secret Service directly, not through
// QtKeychain. QtKeychain's libsecret schema uses the attributes "server" (the
// service name) and "user" (the entry name).
struct ToolResult
{
    bool started = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

ToolResult secretTool(const QStringList &arguments)
{
    ToolResult result;
    QProcess process;
    process.start(QStringLiteral("secret-tool"), arguments);
    result.started = process.waitForStarted(kTimeoutMs);
    if (!result.started)
        return result;
    process.closeWriteChannel();
    process.waitForFinished(kTimeoutMs);
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

}   // namespace

// ---------------------------------------------------------------------------
// The real keychain.

class TestTokenStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void entryNames();
    void saveThenLoadRoundTrips();
    void secretIsInTheKeyringAndNowhereElse();
    void secondInstanceReadsIt();
    void usersAndServersAreIndependent();
    void saveOverwrites();
    void removeThenLoadIsEmpty();
    void loadingNothingIsEmpty();
    void removingNothingIsFine();
    void noKeychainKeepsTokensInMemory();
    void lockedKeyringFallsBackOnWrite();

private:
    void expectKeychainKept();

    const QString m_server = QStringLiteral("https://tst-tokenstore.invalid:8765");
    const QString m_otherServer = QStringLiteral("https://other.tst-tokenstore.invalid:8765");
    const QString m_user = QStringLiteral("demo-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
    const QString m_otherUser = QStringLiteral("admin-") + QUuid::createUuid().toString(QUuid::Id128).left(8);

    TokenStore *m_store = nullptr;
    QSignalSpy *m_unavailable = nullptr;
    QList<QByteArray> m_written;   // every token this test put into the keychain
};

void TestTokenStore::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
             "No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset), so there is no keychain to test. "
             "Run the tests through scripts/with-keyring.sh, e.g. "
             "scripts/with-keyring.sh build/default/tests/client/tst_tokenstore "
             "or scripts/with-keyring.sh ctest --preset default (a private bus with an unlocked gnome-keyring).");
    m_store = new TokenStore(QStringLiteral("signalgate"), this);
    m_unavailable = new QSignalSpy(m_store, &TokenStore::keychainUnavailable);
    QVERIFY(m_store->usingKeychain());
}

void TestTokenStore::cleanupTestCase()
{
    if (!m_store)
        return;
    // Leave nothing behind in a keyring that might not be a throwaway one.
    for (const QString &server : {m_server, m_otherServer}) {
        for (const QString &user : {m_user, m_otherUser})
            removeAndWait(*m_store, server, user);
    }
    delete m_unavailable;
    m_unavailable = nullptr;
    for (const QString &line : LogCapture::lines()) {
        for (const QByteArray &token : std::as_const(m_written))
            QVERIFY2(!line.contains(QString::fromLatin1(token)), "a token reached the log");
    }
}

void TestTokenStore::expectKeychainKept()
{
    if (!m_unavailable->isEmpty()) {
        QFAIL(qPrintable(QStringLiteral("the keychain was reported unavailable: %1 Is the keyring unlocked? "
                                        "Run the tests through scripts/with-keyring.sh.")
                                 .arg(m_unavailable->first().first().toString())));
    }
    QVERIFY(m_store->usingKeychain());
}

void TestTokenStore::entryNames()
{
    const QString name = TokenStore::entryName(QStringLiteral("http://127.0.0.1:8765"), QStringLiteral("demo"));
    QVERIFY(name.contains(QLatin1String("demo")));
    QVERIFY(name.contains(QLatin1String("127.0.0.1:8765")));
    // The same server written differently is the same entry; another port,
    // scheme or user is another.
    QCOMPARE(TokenStore::entryName(QStringLiteral("http://127.0.0.1:8765/"), QStringLiteral("demo")), name);
    QCOMPARE(TokenStore::entryName(QStringLiteral("HTTP://LOCALHOST:8765"), QStringLiteral("demo")),
             TokenStore::entryName(QStringLiteral("http://localhost:8765"), QStringLiteral("demo")));
    QVERIFY(TokenStore::entryName(QStringLiteral("http://127.0.0.1:8766"), QStringLiteral("demo")) != name);
    QVERIFY(TokenStore::entryName(QStringLiteral("https://127.0.0.1:8765"), QStringLiteral("demo")) != name);
    QVERIFY(TokenStore::entryName(QStringLiteral("http://127.0.0.1:8765"), QStringLiteral("admin")) != name);
}

void TestTokenStore::saveThenLoadRoundTrips()
{
    const TokenStore::Tokens tokens = randomTokens();
    m_written << tokens.access << tokens.refresh;
    QVERIFY(saveAndWait(*m_store, m_server, m_user, tokens));
    const auto loaded = loadAndWait(*m_store, m_server, m_user);
    QVERIFY(loaded);
    QCOMPARE(loaded->access, tokens.access);
    QCOMPARE(loaded->refresh, tokens.refresh);
    expectKeychainKept();
}

void TestTokenStore::secretIsInTheKeyringAndNowhereElse()
{
    const TokenStore::Tokens tokens = randomTokens();
    m_written << tokens.access << tokens.refresh;
    QVERIFY(saveAndWait(*m_store, m_server, m_user, tokens));
    expectKeychainKept();

    // Asked through libsecret's own tool: the entry is there, under service
    // "signalgate" and the entry name.
    const QString key = TokenStore::entryName(m_server, m_user);
    const ToolResult search = secretTool({QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"),
                                          QStringLiteral("signalgate"), QStringLiteral("user"), key});
    QVERIFY2(search.started, "secret-tool is missing (Debian package libsecret-tools)");
    QVERIFY2(search.exitCode == 0, search.err.constData());
    const QByteArray listing = search.out + search.err;   // attributes go to stderr, secrets to stdout
    QVERIFY2(listing.contains("attribute.server = signalgate"), listing.constData());
    QVERIFY2(listing.contains("attribute.user = " + key.toUtf8()), listing.constData());

    const ToolResult lookup = secretTool({QStringLiteral("lookup"), QStringLiteral("server"),
                                          QStringLiteral("signalgate"), QStringLiteral("user"), key});
    QCOMPARE(lookup.exitCode, 0);
    // QtKeychain keeps binary data base64-encoded (attribute type=base64).
    const QByteArray secret = lookup.out.trimmed();
    QVERIFY(!secret.isEmpty());
    const QByteArray stored = secret.contains('{') ? secret : QByteArray::fromBase64(secret);
    const QJsonObject object = QJsonDocument::fromJson(stored).object();
    QCOMPARE(object.value(QLatin1String("access")).toString().toLatin1(), tokens.access);
    QCOMPARE(object.value(QLatin1String("refresh")).toString().toLatin1(), tokens.refresh);

    // Nothing else holds the tokens (or the stored value) in the clear: no
    // QSettings, no cache, no file next to the test. The keyring file itself
    // is encrypted, so it may be searched too.
    QList<QByteArray> needles = m_written;
    needles << secret;
    QStringList dirs{QDir::currentPath(), QDir::home().filePath(QStringLiteral(".config")),
                     QDir::home().filePath(QStringLiteral(".local/share/keyrings")),
                     QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation),
                     QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation)};
    if (QDir::homePath().contains(QLatin1String("signalgate-keyring.")))
        dirs << QDir::homePath();   // the throwaway HOME of with-keyring.sh: all of it
    for (const QString &dir : std::as_const(dirs)) {
        const QStringList hits = filesContaining(dir, needles);
        QVERIFY2(hits.isEmpty(),
                 qPrintable(QStringLiteral("token bytes found in %1").arg(hits.join(QLatin1String(", ")))));
    }
}

void TestTokenStore::secondInstanceReadsIt()
{
    const TokenStore::Tokens tokens = randomTokens();
    m_written << tokens.access << tokens.refresh;
    QVERIFY(saveAndWait(*m_store, m_server, m_user, tokens));

    TokenStore second;
    QSignalSpy unavailable(&second, &TokenStore::keychainUnavailable);
    const auto loaded = loadAndWait(second, m_server, m_user);
    QVERIFY(loaded);
    QVERIFY(sameTokens(*loaded, tokens));
    QVERIFY(second.usingKeychain());
    QVERIFY(unavailable.isEmpty());

    // Another service name is another keychain namespace.
    TokenStore otherService(QStringLiteral("signalgate-tst-other"));
    const auto none = loadAndWait(otherService, m_server, m_user);
    QVERIFY(none);
    QVERIFY(none->isEmpty());
    expectKeychainKept();
}

void TestTokenStore::usersAndServersAreIndependent()
{
    const TokenStore::Tokens mine = randomTokens();
    const TokenStore::Tokens otherUser = randomTokens();
    const TokenStore::Tokens otherServer = randomTokens();
    m_written << mine.access << mine.refresh << otherUser.access << otherUser.refresh << otherServer.access
              << otherServer.refresh;
    QVERIFY(saveAndWait(*m_store, m_server, m_user, mine));
    QVERIFY(saveAndWait(*m_store, m_server, m_otherUser, otherUser));
    QVERIFY(saveAndWait(*m_store, m_otherServer, m_user, otherServer));

    auto loaded = loadAndWait(*m_store, m_server, m_user);
    QVERIFY(loaded && sameTokens(*loaded, mine));
    loaded = loadAndWait(*m_store, m_server, m_otherUser);
    QVERIFY(loaded && sameTokens(*loaded, otherUser));
    loaded = loadAndWait(*m_store, m_otherServer, m_user);
    QVERIFY(loaded && sameTokens(*loaded, otherServer));

    // Removing one leaves the others.
    QVERIFY(removeAndWait(*m_store, m_server, m_otherUser));
    loaded = loadAndWait(*m_store, m_server, m_otherUser);
    QVERIFY(loaded && loaded->isEmpty());
    loaded = loadAndWait(*m_store, m_server, m_user);
    QVERIFY(loaded && sameTokens(*loaded, mine));
    loaded = loadAndWait(*m_store, m_otherServer, m_user);
    QVERIFY(loaded && sameTokens(*loaded, otherServer));
    expectKeychainKept();
}

void TestTokenStore::saveOverwrites()
{
    const TokenStore::Tokens first = randomTokens();
    const TokenStore::Tokens rotated = randomTokens();
    m_written << first.access << first.refresh << rotated.access << rotated.refresh;
    // Queued back to back, as a refresh does: the last write wins, in order.
    QSignalSpy saved(m_store, &TokenStore::saved);
    m_store->save(m_server, m_user, first);
    m_store->save(m_server, m_user, rotated);
    QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 2, kTimeoutMs);
    QVERIFY(saved.at(0).first().toBool() && saved.at(1).first().toBool());
    const auto loaded = loadAndWait(*m_store, m_server, m_user);
    QVERIFY(loaded && sameTokens(*loaded, rotated));
    expectKeychainKept();
}

void TestTokenStore::removeThenLoadIsEmpty()
{
    const TokenStore::Tokens tokens = randomTokens();
    m_written << tokens.access << tokens.refresh;
    QVERIFY(saveAndWait(*m_store, m_server, m_user, tokens));
    QVERIFY(removeAndWait(*m_store, m_server, m_user));
    const auto loaded = loadAndWait(*m_store, m_server, m_user);
    QVERIFY(loaded);
    QVERIFY(loaded->isEmpty());
    // Gone from the keyring itself, not just from this object.
    const ToolResult lookup =
            secretTool({QStringLiteral("lookup"), QStringLiteral("server"), QStringLiteral("signalgate"),
                        QStringLiteral("user"), TokenStore::entryName(m_server, m_user)});
    QVERIFY(lookup.started);
    QVERIFY(lookup.out.trimmed().isEmpty());
    expectKeychainKept();
}

void TestTokenStore::loadingNothingIsEmpty()
{
    const auto loaded = loadAndWait(*m_store, QStringLiteral("https://never-saved.invalid"), m_user);
    QVERIFY(loaded);
    QVERIFY(loaded->isEmpty());
    expectKeychainKept();
}

void TestTokenStore::removingNothingIsFine()
{
    QVERIFY(removeAndWait(*m_store, QStringLiteral("https://never-saved.invalid"), m_user));
    expectKeychainKept();
}

// The no-keychain paths run in child processes of this binary: QtKeychain
// picks its backend, and libsecret its bus connection, once per process.
void TestTokenStore::noKeychainKeepsTokensInMemory()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(kChildVariable), QStringLiteral("noSessionBus"));
    // A bus address that leads nowhere (unset, GIO might autolaunch a bus).
    environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                       QStringLiteral("unix:path=/nonexistent/signalgate-no-bus"));
    ChildTest::run(QCoreApplication::applicationFilePath(), {}, environment, "TestTokenStoreNoKeychain::noSessionBus",
                   4 * kTimeoutMs);
}

// A bus with a Secret Service whose keyring was never unlocked, and no display
// for its password prompt: reads claim EntryNotFound, writes fail with
// OtherError (QtKeychain 0.13 on libsecret). The failed write must switch to memory.
void TestTokenStore::lockedKeyringFallsBackOnWrite()
{
    QTemporaryDir sandbox;
    QVERIFY(sandbox.isValid());
    const QString home = sandbox.filePath(QStringLiteral("home"));
    const QString runtime = sandbox.filePath(QStringLiteral("runtime"));
    QVERIFY(QDir().mkpath(home) && QDir().mkpath(runtime));
    QVERIFY(QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(kChildVariable), QStringLiteral("lockedKeyring"));
    environment.insert(QStringLiteral("HOME"), home);
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
    for (const char *name : {"DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY", "XDG_CONFIG_HOME",
                             "XDG_DATA_HOME", "XDG_CACHE_HOME", "GNOME_KEYRING_CONTROL"})
        environment.remove(QString::fromLatin1(name));
    const QString script =
            QStringLiteral("gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1 || exit 97; "
                           "exec \"$0\"");
    ChildTest::run(QStringLiteral("dbus-run-session"),
                   {QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"), script,
                    QCoreApplication::applicationFilePath()},
                   environment, "TestTokenStoreNoKeychain::lockedKeyring", 4 * kTimeoutMs);
}

// ---------------------------------------------------------------------------
// Child process only: the session bus address leads nowhere.

class TestTokenStoreNoKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noSessionBus();
    void lockedKeyring();
};

void TestTokenStoreNoKeychain::noSessionBus()
{
    QVERIFY(qgetenv("DBUS_SESSION_BUS_ADDRESS").contains("nonexistent"));
    const QString server = QStringLiteral("http://127.0.0.1:8765");
    TokenStore store;
    QSignalSpy unavailable(&store, &TokenStore::keychainUnavailable);
    QVERIFY(store.usingKeychain());   // nothing tried yet

    // The first save finds no keychain: it says so once, and still saves.
    const TokenStore::Tokens tokens = randomTokens();
    QVERIFY(saveAndWait(store, server, QStringLiteral("demo"), tokens));
    QCOMPARE(unavailable.size(), 1);
    const QString why = unavailable.first().first().toString();
    QVERIFY2(!why.isEmpty(), "keychainUnavailable needs a reason for the banner");
    QVERIFY2(!why.contains(QString::fromLatin1(tokens.refresh)), "the reason must not carry a token");
    QVERIFY(!store.usingKeychain());
    qInfo().noquote() << "keychainUnavailable:" << why;

    auto loaded = loadAndWait(store, server, QStringLiteral("demo"));
    QVERIFY(loaded);
    QVERIFY(sameTokens(*loaded, tokens));

    // Per user and server in memory too; later failures are not repeated.
    const TokenStore::Tokens admin = randomTokens();
    QVERIFY(saveAndWait(store, server, QStringLiteral("admin"), admin));
    loaded = loadAndWait(store, server, QStringLiteral("admin"));
    QVERIFY(loaded && sameTokens(*loaded, admin));
    loaded = loadAndWait(store, QStringLiteral("http://127.0.0.1:9999"), QStringLiteral("demo"));
    QVERIFY(loaded && loaded->isEmpty());
    QVERIFY(removeAndWait(store, server, QStringLiteral("demo")));
    loaded = loadAndWait(store, server, QStringLiteral("demo"));
    QVERIFY(loaded && loaded->isEmpty());
    loaded = loadAndWait(store, server, QStringLiteral("admin"));
    QVERIFY(loaded && sameTokens(*loaded, admin));
    QCOMPARE(unavailable.size(), 1);
    QVERIFY(!store.usingKeychain());

    // Memory is per session: a new store (a new start) has nothing, and a
    // first load that fails also switches to memory, said once.
    TokenStore next;
    QSignalSpy nextUnavailable(&next, &TokenStore::keychainUnavailable);
    loaded = loadAndWait(next, server, QStringLiteral("admin"));
    QVERIFY(loaded && loaded->isEmpty());
    QCOMPARE(nextUnavailable.size(), 1);
    QVERIFY(!next.usingKeychain());
}

void TestTokenStoreNoKeychain::lockedKeyring()
{
    QVERIFY(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"));
    const QString server = QStringLiteral("http://127.0.0.1:8765");
    TokenStore store;
    QSignalSpy unavailable(&store, &TokenStore::keychainUnavailable);

    // A read may claim there is nothing (that is all it can know): empty.
    auto loaded = loadAndWait(store, server, QStringLiteral("demo"));
    QVERIFY(loaded && loaded->isEmpty());
    QVERIFY(unavailable.size() <= 1);

    // The write fails: memory from now on, said once, and saved all the same.
    const TokenStore::Tokens tokens = randomTokens();
    QVERIFY(saveAndWait(store, server, QStringLiteral("demo"), tokens));
    QCOMPARE(unavailable.size(), 1);
    QVERIFY(!store.usingKeychain());
    qInfo().noquote() << "keychainUnavailable:" << unavailable.first().first().toString();
    loaded = loadAndWait(store, server, QStringLiteral("demo"));
    QVERIFY(loaded && sameTokens(*loaded, tokens));
    QVERIFY(removeAndWait(store, server, QStringLiteral("demo")));
    loaded = loadAndWait(store, server, QStringLiteral("demo"));
    QVERIFY(loaded && loaded->isEmpty());
    QCOMPARE(unavailable.size(), 1);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    LogCapture::install();
    const QString childFunction = qEnvironmentVariable(kChildVariable);
    if (!childFunction.isEmpty()) {
        TestTokenStoreNoKeychain child;
        // That one function, plain text to stdout: the parent reads it; no result files.
        return QTest::qExec(&child, QStringList{QCoreApplication::applicationFilePath(), childFunction});
    }
    TestTokenStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_tokenstore.moc"
