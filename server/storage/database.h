#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <mutex>

namespace SignalGate::Server {

// One SQLite file (Qt SQL) holding users, refresh families and revocations.
// Each instance uses its own connection name, so several servers (tests) can
// live in one process without sharing state. Schema is created / migrated on open.
class Database
{
public:
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

    // Opens (creating if needed) path. On failure returns false and sets *error
    // to one plain sentence naming the file and the cause.
    bool open(const QString &path, QString *error, int busyTimeoutMs = ToolBusyTimeoutMs);
    // The calling thread's connection: Qt SQL connections belong to the
    // thread that opened them, and sessions on the pool threads (--threads)
    // check revoked refresh families too. Other threads get their own
    // connection to the same file on first use, closed with this object.
    QSqlDatabase handle() const;
    // Empty when a trivial query answers, else SQLite's reason (for /readyz).
    QString problem() const;
    QString path() const { return m_path; }

private:
    bool migrate(QString *error);
    QSqlDatabase threadHandle() const;

    QString m_connectionName;
    QString m_path;
    Qt::HANDLE m_openThread = nullptr;
    int m_busyTimeoutMs = ToolBusyTimeoutMs;
    mutable std::mutex m_threadConnectionsMutex;
    mutable QStringList m_threadConnections;
};

}   // namespace SignalGate::Server
