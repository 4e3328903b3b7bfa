#include "database.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QThread>

#include <atomic>

namespace SignalGate::Server {

namespace {

constexpr int SchemaVersion = 4;

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
    for (const QString &name : std::as_const(m_threadConnections))
        QSqlDatabase::removeDatabase(name);
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    // Only after every local handle is gone, or Qt warns the connection is still in use.
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool Database::open(const QString &path, QString *error, int busyTimeoutMs)
{
    const auto fail = [&](const QString &cause) {
        if (error)
            *error = QStringLiteral("cannot open database %1: %2").arg(path, cause);
        return false;
    };

    // A second open() starts over instead of stacking connections.
    if (QSqlDatabase::contains(m_connectionName)) {
        {
            QSqlDatabase old = QSqlDatabase::database(m_connectionName, false);
            old.close();
        }
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    m_path = path;
    m_openThread = QThread::currentThreadId();
    m_busyTimeoutMs = busyTimeoutMs;

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
            if (!exec(query, QStringLiteral("PRAGMA busy_timeout = %1").arg(busyTimeoutMs))
                || !exec(query, QStringLiteral("PRAGMA foreign_keys = ON"))
                || !exec(query, QStringLiteral("PRAGMA journal_mode = WAL"))) {
                fail(causeOf(query.lastError()));
            } else {
                // journal_mode answers with a row; an unfinished statement
                // would make the COMMIT in migrate() fail.
                query.finish();
                ok = migrate(error);
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
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name, false);
    QSqlDatabase db = QSqlDatabase::cloneDatabase(m_connectionName, name);
    {
        const std::lock_guard lock(m_threadConnectionsMutex);
        m_threadConnections.append(name);
    }
    if (db.open()) {
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
    if (!db.isOpen())
        return QStringLiteral("database %1 is not open").arg(m_path);
    QSqlQuery query(db);
    if (!exec(query, QStringLiteral("SELECT 1")))
        return QStringLiteral("database %1: %2").arg(m_path, causeOf(query.lastError()));
    return {};
}

bool Database::migrate(QString *error)
{
    QSqlDatabase db = handle();
    QSqlQuery query(db);
    const auto fail = [&](const QString &cause) {
        if (error)
            *error = QStringLiteral("cannot open database %1: %2").arg(m_path, cause);
        return false;
    };
    const auto failQuery = [&]() { return fail(causeOf(query.lastError())); };

    // IMMEDIATE: two processes opening a fresh file at once must not both
    // decide to create the schema.
    if (!exec(query, QStringLiteral("BEGIN IMMEDIATE")))
        return failQuery();
    const auto rollback = [&]() {
        QSqlQuery undo(db);
        exec(undo, QStringLiteral("ROLLBACK"));
    };

    const auto runAll = [&](const QStringList &statements) {
        for (const QString &sql : statements) {
            if (!exec(query, sql)) {
                failQuery();
                rollback();
                return false;
            }
        }
        return true;
    };

    if (!exec(query, QStringLiteral("PRAGMA user_version")) || !query.next()) {
        failQuery();
        rollback();
        return false;
    }
    const int version = query.value(0).toInt();
    query.finish();

    if (version > SchemaVersion) {
        rollback();
        return fail(QStringLiteral("its schema version %1 is newer than this server understands (%2)")
                            .arg(version)
                            .arg(SchemaVersion));
    }

    if (version < 1) {
        const QStringList statements = {
                QStringLiteral("CREATE TABLE users ("
                               " name TEXT PRIMARY KEY,"
                               " password_hash TEXT NOT NULL,"
                               " scope TEXT NOT NULL DEFAULT '',"
                               " created_at INTEGER)"),
                QStringLiteral("CREATE TABLE refresh_families ("
                               " family TEXT PRIMARY KEY,"
                               " subject TEXT NOT NULL,"
                               " created_at INTEGER,"
                               " revoked_at INTEGER NULL)"),
                QStringLiteral("CREATE TABLE refresh_tokens ("
                               " token_hash BLOB PRIMARY KEY,"
                               " family TEXT NOT NULL REFERENCES refresh_families(family),"
                               " expires_at INTEGER NOT NULL,"
                               " used_at INTEGER NULL)"),
                // Revoking every session of a user (admin revoke) looks families up by subject.
                QStringLiteral("CREATE INDEX refresh_families_subject ON refresh_families(subject)"),
                // The foreign key and the family purge look tokens up by family.
                QStringLiteral("CREATE INDEX refresh_tokens_family ON refresh_tokens(family)"),
                // The purge of long-expired tokens scans by expiry.
                QStringLiteral("CREATE INDEX refresh_tokens_expires ON refresh_tokens(expires_at)"),
                QStringLiteral("PRAGMA user_version = 1"),
        };
        if (!runAll(statements))
            return false;
    }

    if (version < 2) {
        // Revocations outlive a restart (PROTOCOL.md section 2): single access
        // tokens until they expire, and whole users from a point in time.
        const QStringList statements = {
                QStringLiteral("CREATE TABLE revoked_tokens ("
                               " jti TEXT PRIMARY KEY,"
                               " expires_at INTEGER NOT NULL)"),
                QStringLiteral("CREATE INDEX revoked_tokens_expires ON revoked_tokens(expires_at)"),
                QStringLiteral("CREATE TABLE revoked_subjects ("
                               " subject TEXT PRIMARY KEY,"
                               " revoked_at INTEGER NOT NULL)"),
                QStringLiteral("PRAGMA user_version = 2"),
        };
        if (!runAll(statements))
            return false;
    }

    if (version < 3) {
        // Small server facts that must outlive a restart (the signal sequence).
        const QStringList statements = {
                QStringLiteral("CREATE TABLE server_state ("
                               " key TEXT PRIMARY KEY,"
                               " value INTEGER NOT NULL)"),
                QStringLiteral("PRAGMA user_version = 3"),
        };
        if (!runAll(statements))
            return false;
    }

    if (version < 4) {
        // The token each refresh token was exchanged for: a repeat within the
        // grace period takes it back (PROTOCOL.md section 10.1).
        const QStringList statements = {
                QStringLiteral("ALTER TABLE refresh_tokens ADD COLUMN successor BLOB NULL"),
                QStringLiteral("PRAGMA user_version = 4"),
        };
        if (!runAll(statements))
            return false;
    }

    if (!exec(query, QStringLiteral("COMMIT"))) {
        failQuery();
        rollback();
        return false;
    }
    return true;
}

}   // namespace SignalGate::Server
