#pragma once

#include <QSqlDatabase>
#include <QString>

namespace SignalGate::Server {

// The tables, and the versioned steps that build them, for both engines
// (docs/SCALING.md). Each engine records the version it reached: SQLite in
// PRAGMA user_version, PostgreSQL in the signalgate_schema table. A
// database newer than this build is refused rather than half understood.
// Both run every step inside one transaction that also holds the engine's
// write lock, so two nodes starting at once never both create the schema.
namespace DatabaseSchema {

inline constexpr int Version = 4;

// One sentence in *cause on failure; nothing changed then.
bool migrateSqlite(QSqlDatabase &db, QString *cause);
bool migratePostgres(QSqlDatabase &db, QString *cause);

}   // namespace DatabaseSchema

}   // namespace SignalGate::Server
