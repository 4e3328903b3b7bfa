#pragma once

#include <QSqlDatabase>
#include <QString>

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

    // Opens (creating if needed) path. On failure returns false and sets *error
    // to one plain sentence naming the file and the cause.
    bool open(const QString &path, QString *error);
    QSqlDatabase handle() const;
    QString path() const { return m_path; }

private:
    bool migrate(QString *error);

    QString m_connectionName;
    QString m_path;
};
