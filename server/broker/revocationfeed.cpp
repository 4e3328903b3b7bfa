#include "revocationfeed.h"

#include "clock.h"
#include "logging.h"
#include "redislink.h"
#include "revocationlist.h"

#include <QPointer>
#include <QRandomGenerator>

namespace SignalGate::Server {

namespace {

// KEYS[1] the revocation's key, KEYS[2] the event stream. ARGV[1] kind,
// ARGV[2] value, ARGV[3] time, ARGV[4] the key's TTL in seconds, ARGV[5]
// the origin, ARGV[6] the channel that wakes the nodes.
const char AnnounceScript[] = R"lua(
redis.call('set', KEYS[1], ARGV[3], 'ex', ARGV[4])
local id = redis.call('xadd', KEYS[2], 'maxlen', '~', 100000, '*',
                      'k', ARGV[1], 'v', ARGV[2], 't', ARGV[3], 'o', ARGV[5])
redis.call('publish', ARGV[6], id)
return id
)lua";

constexpr int ReadSlice = 500;

}   // namespace

RevocationFeed::RevocationFeed(RedisLink &link, RevocationList &revocations, qint64 tokenLifetimeSeconds,
                               const SignalGate::Clock &clock, QObject *parent)
    : QObject(parent)
    , m_link(link)
    , m_revocations(revocations)
    , m_tokenLifetimeSeconds(tokenLifetimeSeconds)
    , m_clock(clock)
    , m_keyPrefix(link.key("{revocations}:"))
    , m_eventsKey(link.key("{revocations}:events"))
    , m_channel(link.key("{revocations}:notify"))
    , m_origin(QByteArray::number(QRandomGenerator::system()->generate64(), 16))
{
    m_link.subscribe(m_channel, [this](const QByteArray &) { readEvents(); });
    connect(&m_link, &RedisLink::ready, this, &RevocationFeed::catchUp);
}

void RevocationFeed::announceToken(const QString &jwtId, qint64 expiresAt)
{
    announce({"token", jwtId, expiresAt});
}

void RevocationFeed::announceFamily(const QString &family)
{
    announce({"family", family, m_clock.wallSeconds() + m_tokenLifetimeSeconds});
}

void RevocationFeed::announceSubject(const QString &subject, qint64 revokedAt)
{
    announce({"subject", subject, revokedAt});
}

void RevocationFeed::announce(const Event &event)
{
    if (!m_link.isReady()) {
        m_unsent.append(event);
        return;
    }
    const qint64 now = m_clock.wallSeconds();
    // As long as a token the revocation covers can be presented.
    const qint64 ttl = event.kind == "token" ? event.time - now + m_tokenLifetimeSeconds
            : event.kind == "family"         ? event.time - now
                                             : m_tokenLifetimeSeconds;
    send(m_link, event, ttl, m_origin, [self = QPointer(this), event](const RedisReply &reply) {
        if (!self || !reply.isError())
            return;
        qCWarning(lcServer).noquote() << "could not share a revocation with the other nodes (" << reply.text
                                      << "); it goes when Redis is back";
        self->m_unsent.append(event);
    });
}

void RevocationFeed::send(RedisLink &link, const Event &event, qint64 ttlSeconds, const QByteArray &origin,
                          RedisConnection::Answer answer)
{
    static const RedisScript script(AnnounceScript);
    script.run(link.commands(),
               {link.key("{revocations}:" + event.kind + ':' + event.value.toUtf8()), link.key("{revocations}:events")},
               {event.kind, event.value.toUtf8(), QByteArray::number(event.time),
                QByteArray::number(qMax<qint64>(1, ttlSeconds)), origin, link.key("{revocations}:notify")},
               std::move(answer));
}

void RevocationFeed::announceSubjectOnce(RedisLink &link, const QString &subject, qint64 revokedAt,
                                         qint64 tokenLifetimeSeconds, RedisConnection::Answer answer)
{
    send(link, {"subject", subject, revokedAt}, tokenLifetimeSeconds, "cli", std::move(answer));
}

void RevocationFeed::sendUnsent()
{
    const QList<Event> unsent = std::exchange(m_unsent, {});
    for (const Event &event : unsent)
        announce(event);
}

void RevocationFeed::catchUp()
{
    sendUnsent();
    if (!m_lastEventId.isEmpty()) {
        // Back after a cut: the keys hold what the stream may have trimmed.
        readKeys("0");
        return readEvents();
    }
    // The first time: the stream's end first, then the keys, so an event
    // between the two is read from the stream and nothing falls in between.
    m_link.commands().command(
            {"XREVRANGE", m_eventsKey, "+", "-", "COUNT", "1"}, [self = QPointer(this)](const RedisReply &reply) {
                if (!self || reply.isError())
                    return;   // the next ready() tries again
                self->m_lastEventId =
                        reply.elements.isEmpty() ? QByteArray("0-0") : reply.elements.first().elements.value(0).text;
                self->readKeys("0");
                self->readEvents();
            });
}

void RevocationFeed::readKeys(const QByteArray &cursor)
{
    m_link.commands().command(
            {"SCAN", cursor, "MATCH", m_keyPrefix + "*", "COUNT", "1000", "TYPE", "string"},
            [self = QPointer(this)](const RedisReply &reply) {
                if (!self || reply.isError() || reply.elements.size() != 2)
                    return;
                const QByteArray next = reply.elements.at(0).text;
                QList<QByteArray> keys;
                for (const RedisReply &key : reply.elements.at(1).elements)
                    keys.append(key.text);
                const bool last = next == "0";
                if (keys.isEmpty()) {
                    self->m_keysRead = self->m_keysRead || last;
                } else {
                    self->m_link.commands().command(
                            QList<QByteArray>{"MGET"} + keys, [self, keys, last](const RedisReply &values) {
                                if (!self || values.isError())
                                    return;
                                self->m_keysRead = self->m_keysRead || last;
                                const qsizetype prefix = self->m_keyPrefix.size();
                                for (qsizetype i = 0; i < keys.size() && i < values.elements.size(); ++i) {
                                    const QByteArray rest = keys.at(i).mid(prefix);
                                    const qsizetype colon = rest.indexOf(':');
                                    if (colon < 0 || values.elements.at(i).type != RedisReply::Type::String)
                                        continue;   // expired between SCAN and MGET
                                    self->apply({rest.left(colon), QString::fromUtf8(rest.mid(colon + 1)),
                                                 values.elements.at(i).text.toLongLong()},
                                                false);
                                }
                            });
                }
                if (!last)
                    self->readKeys(next);
            });
}

void RevocationFeed::readEvents()
{
    if (m_lastEventId.isEmpty())
        return;   // the first catch-up reads from where it positioned us
    if (m_reading) {
        m_readAgain = true;   // a wake-up while reading: look once more after
        return;
    }
    m_reading = true;
    m_link.commands().command({"XREAD", "COUNT", QByteArray::number(ReadSlice), "STREAMS", m_eventsKey, m_lastEventId},
                              [self = QPointer(this)](const RedisReply &reply) {
                                  if (!self)
                                      return;
                                  self->m_reading = false;
                                  if (reply.isError())
                                      return;   // the next ready() catches up
                                  // [[stream, [[id, [field, value, ...]], ...]]], or nil when nothing is new.
                                  const QList<RedisReply> entries = reply.elements.value(0).elements.value(1).elements;
                                  for (const RedisReply &entry : entries) {
                                      self->m_lastEventId = entry.elements.value(0).text;
                                      const QList<RedisReply> fields = entry.elements.value(1).elements;
                                      QHash<QByteArray, QByteArray> field;
                                      for (qsizetype i = 0; i + 1 < fields.size(); i += 2)
                                          field.insert(fields.at(i).text, fields.at(i + 1).text);
                                      // Ours: applied when we revoked it.
                                      if (field.value("o") != self->m_origin)
                                          self->apply({field.value("k"), QString::fromUtf8(field.value("v")),
                                                       field.value("t").toLongLong()},
                                                      true);
                                  }
                                  if (entries.size() == ReadSlice || std::exchange(self->m_readAgain, false))
                                      self->readEvents();
                              });
}

void RevocationFeed::apply(const Event &event, bool fromOther)
{
    const qint64 now = m_clock.wallSeconds();
    if (event.kind == "token") {
        m_revocations.revokeToken(event.value, event.time, now);
        Q_EMIT tokenRevoked(event.value);
    } else if (event.kind == "family") {
        m_revocations.revokeFamilyUntil(event.value, event.time);
        Q_EMIT familyRevoked(event.value);
    } else if (event.kind == "subject") {
        m_revocations.revokeSubject(event.value, event.time);
        Q_EMIT subjectRevoked(event.value);
    } else {
        return;
    }
    if (fromOther)
        ++m_appliedFromOthers;
}

}   // namespace SignalGate::Server
