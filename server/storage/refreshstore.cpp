#include "refreshstore.h"

#include "base64url.h"
#include "database.h"
#include "securerandom.h"

#include <QSqlError>
#include <QSqlQuery>

#include <openssl/evp.h>

using namespace SignalGate::Protocol;
using namespace SignalGate::Jose;

namespace SignalGate::Server {

namespace {

constexpr int TokenBytes = 32;
constexpr qsizetype TokenLength = 43;   // base64url of 32 bytes, unpadded
constexpr int FamilyBytes = 16;

// Only the digest is stored: a copy of the database must not hand out live sessions.
QByteArray sha256(QByteArrayView data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.data(), size_t(data.size()), digest, &length, EVP_sha256(), nullptr) != 1)
        return {};
    return QByteArray(reinterpret_cast<const char *>(digest), int(length));
}

bool isWellFormedToken(QByteArrayView presented)
{
    if (presented.size() != TokenLength)
        return false;
    const std::optional<QByteArray> raw = Base64Url::decode(presented);
    return raw && raw->size() == TokenBytes;
}

// A transaction with the write lock it needs (Database::beginWrite): a
// deferred SQLite transaction that reads and then writes can fail with
// SQLITE_BUSY at the upgrade, which busy_timeout does not cover. Rolls back
// unless commit() succeeded.
class WriteTransaction
{
public:
    WriteTransaction(const QSqlDatabase &db, const Database &database) : m_db(db)
    {
        // Not prepared: PostgreSQL prepares no transaction control.
        QSqlQuery query(m_db);
        m_active = query.exec(database.beginWrite());
    }
    ~WriteTransaction()
    {
        if (m_active) {
            QSqlQuery query(m_db);
            query.exec(QStringLiteral("ROLLBACK"));
        }
    }
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    bool isActive() const { return m_active; }
    bool commit()
    {
        if (!m_active)
            return false;
        QSqlQuery query(m_db);
        if (query.exec(QStringLiteral("COMMIT")))
            m_active = false;
        return !m_active;
    }

private:
    QSqlDatabase m_db;
    bool m_active = false;
};

bool insertToken(QSqlDatabase &db, const QByteArray &tokenHash, const QString &family, qint64 expiresAt)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
            "INSERT INTO refresh_tokens (token_hash, family, expires_at) VALUES (:hash, :family, :expires)"));
    query.bindValue(QStringLiteral(":hash"), tokenHash);
    query.bindValue(QStringLiteral(":family"), family);
    query.bindValue(QStringLiteral(":expires"), expiresAt);
    return query.exec();
}

}   // namespace

RefreshStore::RefreshStore(Database &database, qint64 ttlSeconds, qint64 maxAgeSeconds, qint64 graceSeconds)
    : m_database(database)
    , m_ttl(ttlSeconds)
    , m_maxAge(maxAgeSeconds)
    , m_grace(graceSeconds)
{}

qint64 RefreshStore::expiryFor(qint64 familyCreatedAt, qint64 nowSeconds) const
{
    const qint64 byTtl = nowSeconds + m_ttl;
    return m_maxAge > 0 ? qMin(byTtl, familyCreatedAt + m_maxAge) : byTtl;
}

RefreshStore::Issued RefreshStore::startFamily(const QString &subject, qint64 nowSeconds)
{
    if (subject.isEmpty())
        return {};
    QSqlDatabase db = m_database.handle();
    if (!db.isOpen())
        return {};

    // Housekeeping on login, outside the transaction so a failure here never
    // costs a login. A token is kept until ttl after its own expiry: by then
    // its successor has expired too unless the family was refreshed again, so
    // reuse of any token a live session could still be confused with is detected.
    // A family with no tokens left cannot be rotated and, as its last token
    // expired a ttl ago, has no refresh-born session left either.
    {
        const qint64 cutoff = nowSeconds - m_ttl;
        QSqlQuery purge(db);
        purge.prepare(QStringLiteral("DELETE FROM refresh_tokens WHERE expires_at < :cutoff"));
        purge.bindValue(QStringLiteral(":cutoff"), cutoff);
        if (purge.exec()) {
            purge.prepare(QStringLiteral(
                    "DELETE FROM refresh_families WHERE created_at < :cutoff"
                    " AND NOT EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family = refresh_families.family)"));
            purge.bindValue(QStringLiteral(":cutoff"), cutoff);
            purge.exec();
        }
    }

    Issued issued;
    issued.token = SecureRandom::token(TokenBytes);
    issued.family = QString::fromLatin1(SecureRandom::token(FamilyBytes));
    issued.expiresAt = expiryFor(nowSeconds, nowSeconds);
    const QByteArray tokenHash = sha256(issued.token);
    if (tokenHash.isEmpty())
        return {};

    WriteTransaction transaction(db, m_database);
    if (!transaction.isActive())
        return {};
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
            "INSERT INTO refresh_families (family, subject, created_at) VALUES (:family, :subject, :created)"));
    query.bindValue(QStringLiteral(":family"), issued.family);
    query.bindValue(QStringLiteral(":subject"), subject);
    query.bindValue(QStringLiteral(":created"), nowSeconds);
    if (!query.exec() || !insertToken(db, tokenHash, issued.family, issued.expiresAt) || !transaction.commit())
        return {};
    return issued;
}

RefreshStore::Rotation RefreshStore::rotate(QByteArrayView presented, qint64 nowSeconds)
{
    Rotation result;
    // Anything that is not one of our tokens cannot be in the table: answer
    // without a query, and keep oversized input away from the database.
    if (!isWellFormedToken(presented))
        return result;

    result.outcome = Outcome::StorageError;
    const QByteArray tokenHash = sha256(presented);
    QSqlDatabase db = m_database.handle();
    if (tokenHash.isEmpty() || !db.isOpen())
        return result;

    WriteTransaction transaction(db, m_database);
    if (!transaction.isActive())
        return result;

    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(
            QStringLiteral(
                    "SELECT t.family, t.expires_at, t.used_at, f.subject, f.revoked_at, f.created_at, t.successor,"
                    " s.used_at IS NULL AND s.token_hash IS NOT NULL"
                    " FROM refresh_tokens t JOIN refresh_families f ON f.family = t.family"
                    " LEFT JOIN refresh_tokens s ON s.token_hash = t.successor"
                    " WHERE t.token_hash = :hash")
            + m_database.lockRows(QStringLiteral("t")));
    query.bindValue(QStringLiteral(":hash"), tokenHash);
    if (!query.exec())
        return result;
    if (!query.next()) {
        if (query.lastError().isValid())
            return result;
        result.outcome = Outcome::Unknown;
        return result;
    }
    const QString family = query.value(0).toString();
    const qint64 expiresAt = query.value(1).toLongLong();
    const bool used = !query.isNull(2);
    const qint64 usedAt = query.value(2).toLongLong();
    const QString subject = query.value(3).toString();
    const bool revoked = !query.isNull(4);
    const qint64 familyCreatedAt = query.value(5).toLongLong();
    const QByteArray successor = query.value(6).toByteArray();
    const bool successorUnspent = query.value(7).toBool();
    query.finish();

    result.family = family;
    result.subject = subject;

    if (revoked) {
        result.outcome = Outcome::FamilyRevoked;
        return result;
    }
    if (m_maxAge > 0 && nowSeconds >= familyCreatedAt + m_maxAge) {
        result.outcome = Outcome::FamilyTooOld;
        return result;
    }

    // The last token spent, again within the grace period, while the token it
    // was exchanged for is still unspent: the answer to the first try was lost.
    const bool repeat = used && m_grace > 0 && nowSeconds - usedAt <= m_grace && successorUnspent;
    if (used && !repeat) {
        // Someone holds a copy of a spent token: either the client or an
        // attacker is replaying, and we cannot tell which, so end the family.
        QSqlQuery revoke(db);
        revoke.prepare(QStringLiteral(
                "UPDATE refresh_families SET revoked_at = :now WHERE family = :family AND revoked_at IS NULL"));
        revoke.bindValue(QStringLiteral(":now"), nowSeconds);
        revoke.bindValue(QStringLiteral(":family"), family);
        if (revoke.exec() && transaction.commit())
            result.outcome = Outcome::Reused;
        return result;
    }

    if (!used && expiresAt <= nowSeconds) {
        result.outcome = Outcome::Expired;
        return result;
    }

    Issued next;
    next.token = SecureRandom::token(TokenBytes);
    next.family = family;
    next.expiresAt = expiryFor(familyCreatedAt, nowSeconds);
    const QByteArray nextHash = sha256(next.token);
    if (nextHash.isEmpty())
        return result;

    QSqlQuery spend(db);
    if (repeat) {
        // The successor nobody received is taken back: spent, with no successor
        // of its own, so whoever presents it later triggers reuse detection.
        spend.prepare(QStringLiteral(
                "UPDATE refresh_tokens SET used_at = :now WHERE token_hash = :successor AND used_at IS NULL"));
        spend.bindValue(QStringLiteral(":now"), nowSeconds);
        spend.bindValue(QStringLiteral(":successor"), successor);
        if (!spend.exec() || spend.numRowsAffected() != 1)
            return result;
        // used_at stays the first spend: the grace period never stretches.
        spend.prepare(QStringLiteral("UPDATE refresh_tokens SET successor = :next WHERE token_hash = :hash"));
    } else {
        // "used_at IS NULL" repeats the check above so a token can never be spent twice,
        // even if the read and the write were ever split apart.
        spend.prepare(QStringLiteral("UPDATE refresh_tokens SET used_at = :now, successor = :next WHERE token_hash = "
                                     ":hash AND used_at IS NULL"));
        spend.bindValue(QStringLiteral(":now"), nowSeconds);
    }
    spend.bindValue(QStringLiteral(":next"), nextHash);
    spend.bindValue(QStringLiteral(":hash"), tokenHash);
    if (!spend.exec() || spend.numRowsAffected() != 1)
        return result;
    if (!insertToken(db, nextHash, family, next.expiresAt) || !transaction.commit())
        return result;

    result.outcome = Outcome::Rotated;
    result.repeated = repeat;
    result.next = next;
    return result;
}

bool RefreshStore::revokeFamily(const QString &family, qint64 nowSeconds)
{
    QSqlDatabase db = m_database.handle();
    if (family.isEmpty() || !db.isOpen())
        return false;
    // COALESCE keeps the first revocation time; SQLite still counts the row as
    // changed, so a known family answers true even when already revoked.
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
            "UPDATE refresh_families SET revoked_at = COALESCE(revoked_at, :now) WHERE family = :family"));
    query.bindValue(QStringLiteral(":now"), nowSeconds);
    query.bindValue(QStringLiteral(":family"), family);
    return query.exec() && query.numRowsAffected() > 0;
}

bool RefreshStore::isFamilyRevoked(const QString &family) const
{
    // An empty family means the access token did not come from a login (dev
    // tokens), so there is nothing to revoke.
    if (family.isEmpty())
        return false;
    QSqlDatabase db = m_database.handle();
    if (!db.isOpen())
        return true;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT revoked_at FROM refresh_families WHERE family = :family"));
    query.bindValue(QStringLiteral(":family"), family);
    // Fail closed: a storage error, or a family we never issued or already
    // purged (its last token expired a ttl ago), counts as revoked.
    if (!query.exec() || !query.next())
        return true;
    return !query.isNull(0);
}

bool RefreshStore::revokeSubject(const QString &subject, qint64 nowSeconds)
{
    QSqlDatabase db = m_database.handle();
    if (subject.isEmpty() || !db.isOpen())
        return false;
    // Only the families that existed then: the same revocation applied again
    // (another node's, read back after a reconnect) must not end a later login.
    QSqlQuery query(db);
    query.prepare(QStringLiteral("UPDATE refresh_families SET revoked_at = COALESCE(revoked_at, :now)"
                                 " WHERE subject = :subject AND created_at <= :now"));
    query.bindValue(QStringLiteral(":now"), nowSeconds);
    query.bindValue(QStringLiteral(":subject"), subject);
    return query.exec();
}

RefreshStore::Owner RefreshStore::ownerOf(QByteArrayView presented) const
{
    QSqlDatabase db = m_database.handle();
    if (!isWellFormedToken(presented) || !db.isOpen())
        return {};
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
            "SELECT f.family, f.subject FROM refresh_tokens t JOIN refresh_families f ON f.family = t.family"
            " WHERE t.token_hash = :hash"));
    query.bindValue(QStringLiteral(":hash"), sha256(presented));
    if (!query.exec() || !query.next())
        return {};
    return {query.value(0).toString(), query.value(1).toString()};
}

}   // namespace SignalGate::Server
