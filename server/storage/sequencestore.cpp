#include "sequencestore.h"

#include "database.h"

#include <QSqlQuery>
#include <QVariant>

namespace SignalGate::Server {

namespace {
constexpr char CleanStopKey[] = "last_seq_clean_stop";
constexpr char ReservedKey[] = "seq_reserved_up_to";
}   // namespace

SequenceStore::SequenceStore(Database &database) : m_database(database) {}

bool SequenceStore::write(const char *key, quint64 value)
{
    QSqlQuery query(m_database.handle());
    query.prepare(QStringLiteral("INSERT INTO server_state (key, value) VALUES (:key, :value)"
                                 " ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    query.bindValue(QStringLiteral(":key"), QString::fromLatin1(key));
    query.bindValue(QStringLiteral(":value"), qint64(value));
    return query.exec();
}

bool SequenceStore::read(const char *key, quint64 *value) const
{
    QSqlQuery query(m_database.handle());
    query.prepare(QStringLiteral("SELECT value FROM server_state WHERE key = :key"));
    query.bindValue(QStringLiteral(":key"), QString::fromLatin1(key));
    if (!query.exec() || !query.next())
        return false;
    *value = quint64(query.value(0).toLongLong());
    return true;
}

void SequenceStore::remove(const char *key)
{
    QSqlQuery query(m_database.handle());
    query.prepare(QStringLiteral("DELETE FROM server_state WHERE key = :key"));
    query.bindValue(QStringLiteral(":key"), QString::fromLatin1(key));
    query.exec();
}

quint64 SequenceStore::start()
{
    quint64 last = 0;
    if (!read(CleanStopKey, &last))
        read(ReservedKey, &last);   // no clean stop: continue above everything reserved
    remove(CleanStopKey);
    return last;
}

quint64 SequenceStore::reserveFrom(quint64 lastSeq)
{
    const quint64 limit = lastSeq + BlockSize;
    write(ReservedKey, limit);
    return limit;
}

void SequenceStore::recordCleanStop(quint64 lastSeq)
{
    write(CleanStopKey, lastSeq);
}

}   // namespace SignalGate::Server
