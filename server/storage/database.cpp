#include "database.h"

#include "databaseschema.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QTcpSocket>
#include <QThread>
#include <QUrl>

#include <atomic>

namespace SignalGate::Server {

namespace {

QString nextConnectionName()
{
    // Thread-safe and process-wide unique, so two Database objects (two test
    // servers in one process) never share a Qt connection by accident.
    static std::atomic<quint64> counter{0};
    return QStringLiteral("signalgate-db-%1").arg(++counter);
}

QString causeOf(const QSqlError &error)
{
    // databaseText() is SQLite's own message ("unable to open database file");
    // driverText() is Qt's generic one and only a fallback.
    const QString text = error.databaseText().trimmed();
    return text.isEmpty() ? error.driverText().trimmed() : text;
}

bool exec(QSqlQuery &query, const QString &sql)
{
    return query.prepare(sql) && query.exec();
}

}   // namespace

Database::Database() : m_connectionName(nextConnectionName()) {}

Database::~Database()
{
    // The pool threads have ended by now; their connections only need removing.
    for (auto it = m_threadConnections.cbegin(); it != m_threadConnections.cend(); ++it)
        QSqlDatabase::removeDatabase(it.key());
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    // Only after every local handle is gone, or Qt warns the connection is still in use.
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool Database::isPostgresUrl(const QString &location)
{
    return location.startsWith(QLatin1String("postgresql://")) || location.startsWith(QLatin1String("postgres://"));
}

bool Database::open(const QString &location, QString *error, int busyTimeoutMs, const QByteArray &password)
{
    // A second open() starts over instead of stacking connections.
    if (QSqlDatabase::contains(m_connectionName)) {
        {
            QSqlDatabase old = QSqlDatabase::database(m_connectionName, false);
            old.close();
        }
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    m_path = location;
    m_openThread = QThread::currentThreadId();
    m_busyTimeoutMs = busyTimeoutMs;
    m_engine = isPostgresUrl(location) ? Engine::Postgres : Engine::Sqlite;
    return m_engine == Engine::Postgres ? openPostgres(location, password, error) : openSqlite(location, error);
}

bool Database::openPostgres(const QString &url, const QByteArray &password, QString *error)
{
    const QUrl parsed(url, QUrl::StrictMode);
    // The location shown in messages never carries a password.
    m_path = parsed.toString(QUrl::RemovePassword);
    const auto fail = [&](const QString &cause) {
        if (error)
            *error = QStringLiteral("cannot open database %1: %2").arg(m_path, cause);
        return false;
    };
    const QString name = parsed.path().mid(1);
    if (!parsed.isValid() || parsed.host().isEmpty() || name.isEmpty() || name.contains(QLatin1Char('/')))
        return fail(QStringLiteral("expected postgresql://[user@]HOST[:PORT]/DB"));
    if (!parsed.password().isEmpty())
        return fail(QStringLiteral("put the password in --database-password-file or PGPASSFILE, not in the URL"));
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return fail(QStringLiteral("the Qt PostgreSQL driver (QPSQL) is not available: apt install libqt6sql6-psql"));
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
        db.setHostName(parsed.host());
        db.setPort(parsed.port(5432));
        db.setDatabaseName(name);
        db.setUserName(parsed.userName());
        if (!password.isEmpty())
            db.setPassword(QString::fromUtf8(password));
        // The server answers on its event loop, so nothing may hold it long:
        // a dead host fails the connect in seconds, TCP keepalives find a
        // link that died silently, and no statement runs past 5 s.
        // NOTICEs (CREATE ... IF NOT EXISTS) are not worth a log line.
        db.setConnectOptions(QStringLiteral("connect_timeout=5;application_name=signalgate-server;"
                                            "keepalives=1;keepalives_idle=5;keepalives_interval=2;keepalives_count=2;"
                                            "options='-c client_min_messages=warning -c statement_timeout=5000'"));
        QString cause;
        if (!db.open())
            fail(causeOf(db.lastError()));
        else if (!DatabaseSchema::migratePostgres(db, &cause))
            fail(cause);
        else
            ok = true;
        if (!ok)
            db.close();
    }
    if (!ok)
        QSqlDatabase::removeDatabase(m_connectionName);
    return ok;
}

QString Database::beginWrite() const
{
    return m_engine == Engine::Postgres ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE");
}

QString Database::lockRows(const QString &alias) const
{
    return m_engine == Engine::Postgres ? QStringLiteral(" FOR UPDATE OF %1").arg(alias) : QString();
}

bool Database::openSqlite(const QString &path, QString *error)
{
    const auto fail = [&](const QString &cause) {
        if (error)
            *error = QStringLiteral("cannot open database %1: %2").arg(path, cause);
        return false;
    };

    if (path.isEmpty())
        return fail(QStringLiteral("no file name given"));
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return fail(QStringLiteral("the Qt SQLite driver (QSQLITE) is not available"));

    const bool inMemory = path == QLatin1String(":memory:");
    bool createdFile = false;
    if (!inMemory) {
        const QFileInfo info(path);
        const QString dir = info.absolutePath();
        if (!QFileInfo(dir).isDir())
            return fail(QStringLiteral("directory %1 does not exist").arg(dir));
        if (info.isDir())
            return fail(QStringLiteral("it is a directory"));
        if (!info.exists()) {
            // Create the file ourselves, owner-only: it holds password hashes,
            // and SQLite gives its -wal/-shm files the same mode as the database.
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
                return fail(file.errorString());
            createdFile = true;
        }
    }

    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(path);
        if (!db.open()) {
            fail(causeOf(db.lastError()));
        } else {
            QSqlQuery query(db);
            // busy_timeout first so the journal_mode switch below already waits
            // for a concurrent writer instead of failing at once.
            // Pragmas take no bound parameters; these values are constants.
            if (!exec(query, QStringLiteral("PRAGMA busy_timeout = %1").arg(m_busyTimeoutMs))
                || !exec(query, QStringLiteral("PRAGMA foreign_keys = ON"))
                || !exec(query, QStringLiteral("PRAGMA journal_mode = WAL"))) {
                fail(causeOf(query.lastError()));
            } else {
                // journal_mode answers with a row; an unfinished statement
                // would make the COMMIT in migrate() fail.
                query.finish();
                QString cause;
                ok = DatabaseSchema::migrateSqlite(db, &cause) || fail(cause);
            }
        }
        if (!ok)
            db.close();
    }

    if (!ok) {
        QSqlDatabase::removeDatabase(m_connectionName);
        if (createdFile) {
            // Leave nothing behind that a later start would mistake for a real database.
            for (const QString &suffix :
                 {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
                QFile::remove(path + suffix);
        }
    }
    return ok;
}

QSqlDatabase Database::handle() const
{
    if (m_openThread == nullptr || QThread::currentThreadId() == m_openThread)
        return QSqlDatabase::database(m_connectionName, false);
    return threadHandle();
}

QSqlDatabase Database::threadHandle() const
{
    // A number per thread, never reused: a later thread at the same address
    // must not be handed a connection that belongs to an ended one.
    static std::atomic<quint64> threads{0};
    thread_local const quint64 thread = ++threads;
    const QString name = QStringLiteral("%1-thread-%2").arg(m_connectionName).arg(thread);
    const quint64 generation = m_generation.load();
    {
        const std::lock_guard lock(m_threadConnectionsMutex);
        const auto known = m_threadConnections.constFind(name);
        if (known != m_threadConnections.cend() && *known == generation)
            return QSqlDatabase::database(name, false);
        m_threadConnections.insert(name, generation);
    }
    if (QSqlDatabase::contains(name)) {
        // Opened before the main connection was found broken: this one is too.
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
        db.open();
        return db;
    }
    QSqlDatabase db = QSqlDatabase::cloneDatabase(m_connectionName, name);
    if (db.open() && m_engine == Engine::Sqlite) {
        QSqlQuery query(db);
        exec(query, QStringLiteral("PRAGMA busy_timeout = %1").arg(m_busyTimeoutMs));
        exec(query, QStringLiteral("PRAGMA foreign_keys = ON"));
    }
    // Not open: the caller's query fails and it fails closed, as on the main connection.
    return db;
}

QString Database::problem() const
{
    QSqlDatabase db = handle();
    if (m_engine == Engine::Postgres) {
        // libpq does not reconnect by itself after the server went away:
        // a connection that fails here is opened again, and the threads'
        // connections follow on their next use.
        if (db.isOpen()) {
            QSqlQuery query(db);
            if (exec(query, QStringLiteral("SELECT 1")))
                return {};
            m_lastProblem = QStringLiteral("database %1: %2").arg(m_path, causeOf(query.lastError()));
            db.close();
        }
        // libpq's connect blocks this thread (up to connect_timeout when the
        // host drops packets): try at most every 2 s, and only once a plain
        // TCP connect shows the port answers within a quarter second.
        if (m_lastReopen.isValid() && m_lastReopen.elapsed() < 2000)
            return m_lastProblem;
        m_lastReopen.start();
        QTcpSocket reach;
        reach.connectToHost(db.hostName(), quint16(db.port()));
        if (!reach.waitForConnected(250)) {
            m_lastProblem = QStringLiteral("database %1: cannot reach %2:%3 (%4)")
                                    .arg(m_path, db.hostName())
                                    .arg(db.port())
                                    .arg(reach.error() == QAbstractSocket::SocketTimeoutError
                                                 ? QStringLiteral("no answer within 250 ms")
                                                 : reach.errorString());
            return m_lastProblem;
        }
        reach.abort();
        if (db.open()) {
            ++m_generation;
            m_lastProblem.clear();
            return {};
        }
        m_lastProblem = QStringLiteral("database %1: %2").arg(m_path, causeOf(db.lastError()));
        return m_lastProblem;
    }
    if (!db.isOpen())
        return QStringLiteral("database %1 is not open").arg(m_path);
    QSqlQuery query(db);
    if (!exec(query, QStringLiteral("SELECT 1")))
        return QStringLiteral("database %1: %2").arg(m_path, causeOf(query.lastError()));
    return {};
}

}   // namespace SignalGate::Server
