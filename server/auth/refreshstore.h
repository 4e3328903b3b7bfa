#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

class Database;

// Opaque refresh tokens: base64url of 32 random bytes, stored only as their
// SHA-256, single use, rotated on every refresh, grouped in families (one per
// login). Presenting a spent token revokes its whole family (RFC 6819 5.2.2.3).
class RefreshStore
{
public:
    RefreshStore(Database &database, qint64 ttlSeconds);

    struct Issued
    {
        QByteArray token;   // the only place the clear token exists: hand it to the client
        QString family;
        qint64 expiresAt = 0;
    };

    enum class Outcome { Rotated, Unknown, Expired, Reused, FamilyRevoked, StorageError };
    struct Rotation
    {
        Outcome outcome = Outcome::Unknown;
        QString subject;    // set for every outcome but Unknown/StorageError
        QString family;     // idem
        Issued next;        // set only for Rotated
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
    // Marks every family of subject revoked (admin revoke). False on a storage error.
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
    Database &m_database;
    qint64 m_ttl;
};
