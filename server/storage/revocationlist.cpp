#include "revocationlist.h"

#include "database.h"
#include "refreshstore.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace SignalGate::Jose;

namespace SignalGate::Server {

RevocationList::RevocationList(Database &database, RefreshStore &refreshTokens)
    : m_database(database)
    , m_refreshTokens(refreshTokens)
{}

bool RevocationList::load(qint64 nowSeconds, QString *error)
{
    purge(nowSeconds);
    QSqlQuery tokens(m_database.handle());
    QSqlQuery subjects(m_database.handle());
    if (!tokens.exec(QStringLiteral("SELECT jti, expires_at FROM revoked_tokens"))
        || !subjects.exec(QStringLiteral("SELECT subject, revoked_at FROM revoked_subjects"))) {
        *error = QStringLiteral("cannot read revocations from %1: %2")
                         .arg(m_database.path(), tokens.lastError().text() + subjects.lastError().text());
        return false;
    }
    const std::unique_lock lock(m_lock);
    m_tokens.clear();
    m_subjects.clear();
    while (tokens.next())
        m_tokens.insert(tokens.value(0).toString(), tokens.value(1).toLongLong());
    while (subjects.next())
        m_subjects.insert(subjects.value(0).toString(), subjects.value(1).toLongLong());
    return true;
}

void RevocationList::purge(qint64 nowSeconds)
{
    // A revoked token that has expired anyway needs no entry any more.
    QSqlQuery query(m_database.handle());
    query.prepare(QStringLiteral("DELETE FROM revoked_tokens WHERE expires_at < :now"));
    query.bindValue(QStringLiteral(":now"), nowSeconds);
    query.exec();
    const std::unique_lock lock(m_lock);
    for (QHash<QString, qint64> *expiring : {&m_tokens, &m_families}) {
        for (auto it = expiring->begin(); it != expiring->end();) {
            if (it.value() < nowSeconds)
                it = expiring->erase(it);
            else
                ++it;
        }
    }
}

void RevocationList::revokeFamilyUntil(const QString &family, qint64 untilSeconds)
{
    if (family.isEmpty())
        return;
    const std::unique_lock lock(m_lock);
    qint64 &until = m_families[family];
    until = qMax(until, untilSeconds);
}

bool RevocationList::revokeToken(const QString &jwtId, qint64 expiresAt, qint64 nowSeconds)
{
    if (jwtId.isEmpty())
        return false;
    {
        // Known already (another node's revocation read again after a
        // reconnect): no write, so a catch-up over many keys stays cheap.
        const std::shared_lock lock(m_lock);
        if (m_tokens.value(jwtId, -1) == expiresAt)
            return true;
    }
    QSqlQuery query(m_database.handle());
    query.prepare(QStringLiteral("INSERT INTO revoked_tokens (jti, expires_at) VALUES (:jti, :exp)"
                                 " ON CONFLICT (jti) DO UPDATE SET expires_at = excluded.expires_at"));
    query.bindValue(QStringLiteral(":jti"), jwtId);
    query.bindValue(QStringLiteral(":exp"), expiresAt);
    if (!query.exec())
        return false;
    std::unique_lock lock(m_lock);
    m_tokens.insert(jwtId, expiresAt);
    const bool purgeNow = m_tokens.size() % 1024 == 0;
    lock.unlock();
    if (purgeNow)
        purge(nowSeconds);
    return true;
}

bool RevocationList::revokeSubject(const QString &subject, qint64 nowSeconds)
{
    if (subject.isEmpty())
        return false;
    {
        const std::shared_lock lock(m_lock);
        if (m_subjects.value(subject, -1) == nowSeconds)
            return true;   // this very revocation, applied before
    }
    QSqlQuery query(m_database.handle());
    query.prepare(QStringLiteral("INSERT INTO revoked_subjects (subject, revoked_at) VALUES (:sub, :at)"
                                 " ON CONFLICT (subject) DO UPDATE SET revoked_at = excluded.revoked_at"));
    query.bindValue(QStringLiteral(":sub"), subject);
    query.bindValue(QStringLiteral(":at"), nowSeconds);
    if (!query.exec())
        return false;
    {
        const std::unique_lock lock(m_lock);
        m_subjects.insert(subject, nowSeconds);
    }
    return m_refreshTokens.revokeSubject(subject, nowSeconds);
}

bool RevocationList::isRevoked(const AccessTokenClaims &claims) const
{
    {
        const std::shared_lock lock(m_lock);
        if (m_tokens.contains(claims.jwtId))
            return true;
        // iat has whole seconds: a token issued in the same second as the
        // revocation counts as revoked (the safe side; the user logs in again).
        const auto subject = m_subjects.constFind(claims.subject);
        if (subject != m_subjects.constEnd() && claims.issuedAt <= subject.value())
            return true;
        if (!claims.family.isEmpty() && m_families.contains(claims.family))
            return true;
    }
    return !claims.family.isEmpty() && m_refreshTokens.isFamilyRevoked(claims.family);
}

qint64 RevocationList::issueSecond(const QString &subject, qint64 nowSeconds) const
{
    const std::shared_lock lock(m_lock);
    const auto revoked = m_subjects.constFind(subject);
    return revoked != m_subjects.constEnd() && revoked.value() >= nowSeconds ? revoked.value() + 1 : nowSeconds;
}

qsizetype RevocationList::revokedTokenCount() const
{
    const std::shared_lock lock(m_lock);
    return m_tokens.size();
}

}   // namespace SignalGate::Server
