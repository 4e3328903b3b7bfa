#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <atomic>
#include <mutex>

namespace SignalGate::Server {

// Where users, refresh families and revocations live, through Qt SQL: one
// SQLite file (QSQLITE, one node), or a PostgreSQL database every node shares
// (QPSQL, PROTOCOL.md section 10.7). The stores' statements run on both; what
// differs between the engines is asked of this class (beginWrite, lockRows).
// Each instance uses its own connection names, so several servers (tests)
// can live in one process without sharing state. The schema is created or
// migrated on open (DatabaseSchema).
class Database
{
public:
    enum class Engine { Sqlite, Postgres };

    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // How long a statement waits for another connection's write lock before
    // it fails. The command line tools may wait; the server answers on its
    // event loop, so it gives up quickly and answers 503 instead of stalling
    // every connection for seconds (PROTOCOL.md section 10.1).
    static constexpr int ToolBusyTimeoutMs = 5000;
    static constexpr int ServerBusyTimeoutMs = 250;

    // Opens (creating if needed) a SQLite file, or a PostgreSQL database given
    // as postgresql://[user@]HOST[:PORT]/DB with its password (empty: libpq's
    // own, PGPASSFILE or ~/.pgpass). On failure returns false and sets *error
    // to one plain sentence naming the database and the cause.
    bool open(const QString &location, QString *error, int busyTimeoutMs = ToolBusyTimeoutMs,
              const QByteArray &password = {});
    static bool isPostgresUrl(const QString &location);
    Engine engine() const { return m_engine; }
    // Starts a transaction that holds the write lock it will need: SQLite
    // must take it up front (a later upgrade can fail with SQLITE_BUSY).
    QString beginWrite() const;
    // Ends a SELECT whose rows the transaction goes on to update: PostgreSQL
    // locks them, so a second node spending the same row waits and then sees
    // it spent. SQLite's write lock already covers the whole file.
    QString lockRows(const QString &alias) const;
    // The calling thread's connection: Qt SQL connections belong to the
    // thread that opened them, and sessions on the pool threads (--threads)
    // check revoked refresh families too. Other threads get their own
    // connection to the same file on first use, closed with this object.
    QSqlDatabase handle() const;
    // Empty when a trivial query answers, else the engine's reason (for
    // /readyz). A PostgreSQL connection that broke (the server restarted) is
    // opened again here, and every thread's with it.
    QString problem() const;
    QString path() const { return m_path; }

private:
    bool openSqlite(const QString &path, QString *error);
    bool openPostgres(const QString &url, const QByteArray &password, QString *error);
    QSqlDatabase threadHandle() const;

    QString m_connectionName;
    QString m_path;
    Qt::HANDLE m_openThread = nullptr;
    int m_busyTimeoutMs = ToolBusyTimeoutMs;
    Engine m_engine = Engine::Sqlite;
    mutable std::mutex m_threadConnectionsMutex;
    mutable QHash<QString, quint64> m_threadConnections;   // name -> the generation it was opened in
    // Bumped when problem() reopened the main connection: thread connections
    // older than it reopen on their next use.
    mutable std::atomic<quint64> m_generation{0};
    // PostgreSQL reconnects (main thread only): when the last one was tried, and why it is down.
    mutable QElapsedTimer m_lastReopen;
    mutable QString m_lastProblem;
};

}   // namespace SignalGate::Server
