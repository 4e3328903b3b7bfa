#include "databaseschema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <functional>

namespace SignalGate::Server::DatabaseSchema {

namespace {

struct Step
{
    int version;
    QStringList statements;
};

// Users, refresh families and tokens.
const QStringList sqliteV1{
        QStringLiteral("CREATE TABLE users (name TEXT PRIMARY KEY, password_hash TEXT NOT NULL,"
                       " scope TEXT NOT NULL DEFAULT '', created_at INTEGER)"),
        QStringLiteral("CREATE TABLE refresh_families (family TEXT PRIMARY KEY, subject TEXT NOT NULL,"
                       " created_at INTEGER, revoked_at INTEGER NULL)"),
        QStringLiteral("CREATE TABLE refresh_tokens (token_hash BLOB PRIMARY KEY,"
                       " family TEXT NOT NULL REFERENCES refresh_families(family),"
                       " expires_at INTEGER NOT NULL, used_at INTEGER NULL)"),
        // Revoking every session of a user (admin revoke) looks families up by subject.
        QStringLiteral("CREATE INDEX refresh_families_subject ON refresh_families(subject)"),
        // The foreign key and the family purge look tokens up by family.
        QStringLiteral("CREATE INDEX refresh_tokens_family ON refresh_tokens(family)"),
        // The purge of long-expired tokens scans by expiry.
        QStringLiteral("CREATE INDEX refresh_tokens_expires ON refresh_tokens(expires_at)"),
};

// Revocations outlive a restart (PROTOCOL.md section 2): single access tokens
// until they expire, and whole users from a point in time.
const QStringList sqliteV2{
        QStringLiteral("CREATE TABLE revoked_tokens (jti TEXT PRIMARY KEY, expires_at INTEGER NOT NULL)"),
        QStringLiteral("CREATE INDEX revoked_tokens_expires ON revoked_tokens(expires_at)"),
        QStringLiteral("CREATE TABLE revoked_subjects (subject TEXT PRIMARY KEY, revoked_at INTEGER NOT NULL)"),
};

// Small server facts that must outlive a restart (the signal sequence).
const QStringList sqliteV3{
        QStringLiteral("CREATE TABLE server_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL)"),
};

// The token each refresh token was exchanged for: a repeat within the grace
// period takes it back (PROTOCOL.md section 10.1).
const QStringList sqliteV4{
        QStringLiteral("ALTER TABLE refresh_tokens ADD COLUMN successor BLOB NULL"),
};

// PostgreSQL: the same tables. INTEGER there is 32 bits, so times and
// counters are BIGINT; bytes are BYTEA.
QStringList postgres(const QStringList &sqlite)
{
    QStringList out;
    for (QString statement : sqlite) {
        statement.replace(QLatin1String(" INTEGER"), QLatin1String(" BIGINT"));
        statement.replace(QLatin1String(" BLOB"), QLatin1String(" BYTEA"));
        out.append(statement);
    }
    return out;
}

QString causeOf(const QSqlQuery &query)
{
    const QString text = query.lastError().databaseText().trimmed();
    return text.isEmpty() ? query.lastError().driverText().trimmed() : text;
}

struct Engine
{
    QString begin;         // a transaction holding the write lock
    QStringList lock;      // run right after begin
    QString readVersion;   // one row, one integer; no row: 0
    std::function<QString(int)> writeVersion;
    QList<Step> steps;
};

bool run(QSqlDatabase &db, const Engine &engine, QString *cause)
{
    QSqlQuery query(db);
    // Not prepared: PostgreSQL prepares no transaction control and no DDL.
    const auto exec = [&](const QString &sql) { return query.exec(sql); };
    const auto fail = [&](const QString &why) {
        *cause = why;
        QSqlQuery undo(db);
        undo.exec(QStringLiteral("ROLLBACK"));
        return false;
    };
    if (!exec(engine.begin)) {
        *cause = causeOf(query);
        return false;
    }
    for (const QString &sql : engine.lock) {
        if (!exec(sql))
            return fail(causeOf(query));
    }
    if (!exec(engine.readVersion))
        return fail(causeOf(query));
    const int version = query.next() ? query.value(0).toInt() : 0;
    query.finish();
    if (version > Version)
        return fail(QStringLiteral("its schema version %1 is newer than this server understands (%2); "
                                   "run the newer signalgate-server, or restore a backup")
                            .arg(version)
                            .arg(Version));
    for (const Step &step : engine.steps) {
        if (version >= step.version)
            continue;
        for (const QString &sql : step.statements + QStringList{engine.writeVersion(step.version)}) {
            if (!exec(sql))
                return fail(causeOf(query));
        }
    }
    if (!exec(QStringLiteral("COMMIT")))
        return fail(causeOf(query));
    return true;
}

}   // namespace

bool migrateSqlite(QSqlDatabase &db, QString *cause)
{
    // IMMEDIATE: two processes opening a fresh file at once must not both
    // decide to create the schema.
    Engine engine{QStringLiteral("BEGIN IMMEDIATE"),
                  {},
                  QStringLiteral("PRAGMA user_version"),
                  [](int version) { return QStringLiteral("PRAGMA user_version = %1").arg(version); },
                  {{1, sqliteV1}, {2, sqliteV2}, {3, sqliteV3}, {4, sqliteV4}}};
    return run(db, engine, cause);
}

bool migratePostgres(QSqlDatabase &db, QString *cause)
{
    // A transaction-scoped advisory lock (any fixed number) makes a second
    // node wait for the first one's migration, then find it done.
    Engine engine{QStringLiteral("BEGIN"),
                  {QStringLiteral("SELECT pg_advisory_xact_lock(7466301)"),
                   QStringLiteral("CREATE TABLE IF NOT EXISTS signalgate_schema (version BIGINT NOT NULL)")},
                  QStringLiteral("SELECT max(version) FROM signalgate_schema"),
                  [](int version) {
                      return QStringLiteral("INSERT INTO signalgate_schema (version) VALUES (%1)").arg(version);
                  },
                  {{1, postgres(sqliteV1)}, {2, postgres(sqliteV2)}, {3, postgres(sqliteV3)}, {4, postgres(sqliteV4)}}};
    return run(db, engine, cause);
}

}   // namespace SignalGate::Server::DatabaseSchema
