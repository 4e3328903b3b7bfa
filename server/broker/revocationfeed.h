#pragma once

#include "redisscript.h"

#include <QObject>
#include <QString>

namespace SignalGate {
class Clock;
}

namespace SignalGate::Server {

class RedisLink;
class RevocationList;

// Revocations every node follows (PROTOCOL.md section 10.7): logout, admin
// revoke, refresh-token reuse and `user del` on one node close the matching
// connections on all of them within a second, and a node that was cut off
// catches up when it is back.
//
// Each revocation is, in one script, a key with a TTL (as long as a token it
// covers can live) and an entry in an event stream, then a PUBLISH that
// wakes the nodes. A node reads the stream from the last entry it applied,
// so a message missed while pub/sub was down is not a revocation missed;
// after every reconnect, and at start, it also reads all the keys, which
// hold every revocation still in force even if the stream was trimmed.
// Applying one twice does nothing more, so none of this needs to be exact.
class RevocationFeed : public QObject
{
    Q_OBJECT
public:
    // tokenLifetimeSeconds: --access-ttl plus --leeway, the longest an access
    // token of a revoked family or user can still be presented.
    RevocationFeed(RedisLink &link, RevocationList &revocations, qint64 tokenLifetimeSeconds,
                   const SignalGate::Clock &clock, QObject *parent = nullptr);

    // What this node revoked (and already closed and stored): tell the others.
    // While Redis is away they wait here and go out when it is back.
    void announceToken(const QString &jwtId, qint64 expiresAt);
    void announceFamily(const QString &family);
    void announceSubject(const QString &subject, qint64 revokedAt);

    // Every revocation in force has been read once: before that a token
    // revoked elsewhere could still get in here.
    bool isCaughtUp() const { return m_keysRead; }
    // One revocation told to the running nodes by a process that is not one
    // (`user del`): answer gets Redis' reply (an error when it is away).
    static void announceSubjectOnce(RedisLink &link, const QString &subject, qint64 revokedAt,
                                    qint64 tokenLifetimeSeconds, RedisConnection::Answer answer);
    // Revocations from other nodes applied here.
    quint64 appliedFromOthers() const { return m_appliedFromOthers; }
    // Announcements still waiting for Redis.
    qsizetype unsent() const { return m_unsent.size(); }

Q_SIGNALS:
    // A revocation from another node: close what it matches here.
    void tokenRevoked(const QString &jwtId);
    void familyRevoked(const QString &family);
    void subjectRevoked(const QString &subject);

private:
    struct Event
    {
        QByteArray kind;   // "token", "family", "subject"
        QString value;
        qint64 time = 0;   // token: its exp; family: revoked until; subject: revoked at
    };

    void announce(const Event &event);
    static void send(RedisLink &link, const Event &event, qint64 ttlSeconds, const QByteArray &origin,
                     RedisConnection::Answer answer);
    void sendUnsent();
    void catchUp();
    void readKeys(const QByteArray &cursor);
    void readEvents();
    void apply(const Event &event, bool fromOther);

    RedisLink &m_link;
    RevocationList &m_revocations;
    qint64 m_tokenLifetimeSeconds;
    const SignalGate::Clock &m_clock;
    QByteArray m_keyPrefix;
    QByteArray m_eventsKey;
    QByteArray m_channel;
    QByteArray m_origin;        // random per process: our own events are not "from others"
    QByteArray m_lastEventId;   // empty until the first catch-up positioned us
    QList<Event> m_unsent;
    bool m_keysRead = false;
    bool m_reading = false;
    bool m_readAgain = false;
    quint64 m_appliedFromOthers = 0;
};

}   // namespace SignalGate::Server
