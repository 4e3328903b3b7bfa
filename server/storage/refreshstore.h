#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace SignalGate::Server {

class Database;

// Opaque refresh tokens: base64url of 32 random bytes, stored only as their
// SHA-256, single use, rotated on every refresh, grouped in families (one per
// login). Presenting a spent token revokes its whole family (RFC 6819 5.2.2.3),
// with two v1.1 refinements (PROTOCOL.md section 10.1):
//  - grace: the token spent last in a family may be presented again for
//    graceSeconds after it was spent, as a client does whose answer was lost.
//    That rotates again and takes back the successor nobody received (it
//    counts as spent from then on, so presenting it later is reuse);
//  - max age: a family (one login) ends maxAgeSeconds after the login,
//    however often it is refreshed, and no token outlives it.
class RefreshStore
{
public:
    // maxAgeSeconds and graceSeconds: 0 turns them off.
    RefreshStore(Database &database, qint64 ttlSeconds, qint64 maxAgeSeconds = 0, qint64 graceSeconds = 0);

    struct Issued
    {
        QByteArray token;   // the only place the clear token exists: hand it to the client
        QString family;
        qint64 expiresAt = 0;
    };

    enum class Outcome { Rotated, Unknown, Expired, FamilyTooOld, Reused, FamilyRevoked, StorageError };
    struct Rotation
    {
        Outcome outcome = Outcome::Unknown;
        QString subject;         // set for every outcome but Unknown/StorageError
        QString family;          // idem
        Issued next;             // set only for Rotated
        bool repeated = false;   // Rotated from a repeat within the grace period
    };

    // An empty token in the result means the family could not be stored (or subject was empty).
    Issued startFamily(const QString &subject, qint64 nowSeconds);
    // Atomic (one transaction): a token is spent at most once even if presented twice.
    Rotation rotate(QByteArrayView presented, qint64 nowSeconds);
    // Marks the family revoked; later rotations answer FamilyRevoked. False if unknown.
    bool revokeFamily(const QString &family, qint64 nowSeconds);
    // Fails closed: true for a storage error and for a non-empty family that is not
    // (or no longer) stored. False for an empty family (a token not born of a login).
    bool isFamilyRevoked(const QString &family) const;
    // Marks every family of subject that existed at nowSeconds revoked (admin
    // revoke, user del). False on a storage error.
    bool revokeSubject(const QString &subject, qint64 nowSeconds);

    struct Owner
    {
        QString family;
        QString subject;
    };
    // The family and subject a refresh token (spent or not) belongs to; empty
    // when unknown. Used by logout, which revokes the family it names.
    Owner ownerOf(QByteArrayView presented) const;

    qint64 ttl() const { return m_ttl; }

private:
    qint64 expiryFor(qint64 familyCreatedAt, qint64 nowSeconds) const;

    Database &m_database;
    qint64 m_ttl;
    qint64 m_maxAge;
    qint64 m_grace;
};

}   // namespace SignalGate::Server
