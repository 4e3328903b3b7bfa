#pragma once

#include "accesstokenverifier.h"

#include <QHash>
#include <QString>

#include <shared_mutex>

namespace SignalGate::Server {

class Database;
class RefreshStore;

// What has been revoked before its natural expiry (PROTOCOL.md section 2):
// single access tokens (by jti, kept until they expire), whole users from a
// point in time (admin revoke: every token issued at or before it), and
// refresh families (kept by RefreshStore; logout and refresh-token reuse).
// Everything is written to SQLite first and cached, so a restart forgets
// nothing and a check costs no query for tokens and users.
//
// Revoking happens on the main thread (HTTP); checks also come from the pool
// threads (in-band refresh), so the cache is behind a read-write lock and the
// family check uses that thread's own database connection.
class RevocationList
{
public:
    RevocationList(Database &database, RefreshStore &refreshTokens);

    // Loads the cache and drops entries that expired. One sentence in *error on failure.
    bool load(qint64 nowSeconds, QString *error);

    bool revokeToken(const QString &jwtId, qint64 expiresAt, qint64 nowSeconds);
    // Also revokes every refresh family of the subject.
    bool revokeSubject(const QString &subject, qint64 nowSeconds);
    // A family another node revoked, for the access tokens it issued: this
    // node's database may never have held that family (SQLite per node), so
    // it is kept here until untilSeconds, when every such token has expired.
    void revokeFamilyUntil(const QString &family, qint64 untilSeconds);

    bool isRevoked(const Jose::AccessTokenClaims &claims) const;
    // The iat for a token issued to subject now: now, or the second after the
    // subject's revocation when that is now (iat has whole seconds, and a
    // token issued in the revocation's second would be born revoked).
    qint64 issueSecond(const QString &subject, qint64 nowSeconds) const;
    qsizetype revokedTokenCount() const;

private:
    void purge(qint64 nowSeconds);

    mutable std::shared_mutex m_lock;   // guards the two caches
    Database &m_database;
    RefreshStore &m_refreshTokens;
    QHash<QString, qint64> m_tokens;     // jti -> exp
    QHash<QString, qint64> m_subjects;   // sub -> revoked at
    QHash<QString, qint64> m_families;   // family -> until (revoked by another node)
};

}   // namespace SignalGate::Server
