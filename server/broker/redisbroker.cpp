#include "redisbroker.h"

#include "logging.h"
#include "messages.h"
#include "redislink.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QRandomGenerator>

using namespace SignalGate::Protocol;

namespace SignalGate::Server {

namespace {

// KEYS[1] the meta hash (seq, epoch), KEYS[2] the history stream.
// ARGV[1] the channel, ARGV[2] the signal's JSON, ARGV[3] --history,
// ARGV[4] an epoch and ARGV[5] a first seq, both used only when the stream
// is new or was lost: seq then goes on from the publishing node's last one,
// so the numbers a client saw stay behind it.
const char PublishScript[] = R"lua(
local epoch = redis.call('hget', KEYS[1], 'epoch')
if not epoch then
  epoch = ARGV[4]
  redis.call('del', KEYS[2])
  redis.call('hset', KEYS[1], 'epoch', epoch, 'seq', ARGV[5])
end
local seq = redis.call('hincrby', KEYS[1], 'seq', 1)
if tonumber(ARGV[3]) > 0 then
  redis.call('xadd', KEYS[2], 'maxlen', '~', ARGV[3], seq .. '-0', 's', ARGV[2])
end
redis.call('publish', ARGV[1], seq .. ' ' .. epoch .. ' ' .. ARGV[2])
return {seq, epoch}
)lua";

// The most entries one XRANGE asks for: a long gap is read in slices, so
// one answer never holds the whole history.
constexpr int FetchSlice = 1000;

QByteArray streamId(quint64 seq)
{
    return QByteArray::number(seq) + "-0";
}

quint64 seqOfStreamId(const QByteArray &id)
{
    return id.left(id.indexOf('-')).toULongLong();
}

}   // namespace

RedisBroker::RedisBroker(RedisLink &link, int historySize, QObject *parent)
    : Broker(parent)
    , m_link(link)
    , m_publishScript(PublishScript)
    , m_metaKey(link.key("{stream}:meta"))
    , m_streamKey(link.key("{stream}:history"))
    , m_channel(link.key("{stream}:live"))
    , m_historySize(historySize)
    , m_history(historySize)
{
    m_link.subscribe(m_channel, [this](const QByteArray &payload) { received(payload); });
    connect(&m_link, &RedisLink::ready, this, &RedisBroker::sync);
    connect(&m_link, &RedisLink::lost, this, [this] {
        m_synced = false;
        m_fetching = false;   // its answer, if any, is an error now
    });
}

QString RedisBroker::problem() const
{
    if (!m_link.isReady())
        return m_link.problem();
    return m_synced ? QString() : QStringLiteral("broker: reading the signal stream");
}

void RedisBroker::publish(SignalFrame signal, Published done)
{
    signal.seq = 0;   // Redis gives it
    QElapsedTimer timer;
    timer.start();
    const QByteArray epoch = QByteArray::number(QRandomGenerator::system()->generate64(), 16);
    m_publishScript.run(m_link.commands(), {m_metaKey, m_streamKey},
                        {m_channel, Messages::encode(signal.toJson()), QByteArray::number(m_historySize), epoch,
                         QByteArray::number(m_lastSeq)},
                        [self = QPointer(this), done = std::move(done), timer](const RedisReply &reply) {
                            quint64 seq = 0;
                            if (!reply.isError() && reply.elements.size() == 2)
                                seq = quint64(reply.elements.at(0).integer);
                            if (self) {
                                if (seq == 0) {
                                    ++self->m_stats.publishFailures;
                                    // Once per outage: a feed publishes many times a second.
                                    if (!std::exchange(self->m_publishFailing, true))
                                        qCWarning(lcServer).noquote() << "cannot publish:" << reply.text;
                                } else {
                                    self->m_publishFailing = false;
                                    ++self->m_stats.published;
                                    self->m_stats.publishSeconds += double(timer.nsecsElapsed()) / 1e9;
                                }
                            }
                            if (done)
                                done(seq);
                        });
}

void RedisBroker::sync()
{
    m_link.commands().command({"HMGET", m_metaKey, "epoch", "seq"}, [self = QPointer(this)](const RedisReply &reply) {
        if (!self || reply.isError() || reply.elements.size() != 2)
            return;   // the link went again; the next ready() syncs
        self->syncedAt(reply.elements.at(0).text, quint64(reply.elements.at(1).text.toULongLong()));
    });
}

void RedisBroker::syncedAt(const QByteArray &epoch, quint64 streamLastSeq)
{
    if (epoch.isEmpty()) {
        // Nothing published yet, or Redis lost everything: the next publish
        // starts the stream again, and its first message brings the epoch.
        m_positioned = m_synced = true;
        Q_EMIT positionChanged(m_lastSeq);
        return pump();
    }
    if (!m_positioned) {
        // The first sync of this node: it starts where the stream is, and
        // reads the stream's history for resumes, delivering none of it.
        m_epoch = epoch;
        m_lastSeq = streamLastSeq;
        m_knownSeq = streamLastSeq;
        m_link.commands().command(
                {"XREVRANGE", m_streamKey, streamId(streamLastSeq), "-", "COUNT", QByteArray::number(m_historySize)},
                [self = QPointer(this)](const RedisReply &reply) {
                    // The link went meanwhile: the next ready() starts this sync over.
                    if (!self || reply.isError())
                        return;
                    for (qsizetype i = reply.elements.size() - 1; i >= 0; --i) {
                        const RedisReply &entry = reply.elements.at(i);
                        const quint64 seq = seqOfStreamId(entry.elements.value(0).text);
                        const QByteArray json = entry.elements.value(1).elements.value(1).text;
                        const std::optional<QString> frame = frameFor(seq, json);
                        if (frame)
                            self->m_history.append(seq, *frame);
                    }
                    self->m_positioned = self->m_synced = true;
                    Q_EMIT self->positionChanged(self->m_lastSeq);
                    self->pump();
                });
        return;
    }
    if (epoch != m_epoch)
        adoptEpoch(epoch);
    m_knownSeq = qMax(m_knownSeq, streamLastSeq);
    m_synced = true;
    pump();
}

void RedisBroker::received(const QByteArray &payload)
{
    ++m_stats.messagesReceived;
    // "SEQ EPOCH JSON", as the publish script wrote it.
    const qsizetype first = payload.indexOf(' ');
    const qsizetype second = first < 0 ? -1 : payload.indexOf(' ', first + 1);
    bool ok = false;
    const quint64 seq = payload.left(first).toULongLong(&ok);
    if (second < 0 || !ok || seq == 0) {
        qCWarning(lcServer).noquote() << "ignored a malformed message on" << m_channel;
        return;
    }
    const QByteArray epoch = payload.mid(first + 1, second - first - 1);
    // Before the first sync the node's place is unknown: keep everything,
    // the sync drops what it already covers.
    if (m_positioned && epoch != m_epoch) {
        adoptEpoch(epoch);
        if (seq <= m_lastSeq) {
            // The new stream's numbers start at or below what this node
            // already sent: the node that restarted it had seen less.
            qCWarning(lcServer).noquote() << "the stream restarted at seq" << seq << "below this node's" << m_lastSeq;
            m_lastSeq = seq - 1;
        }
    }
    m_knownSeq = qMax(m_knownSeq, seq);
    m_pending.emplace(seq, payload.mid(second + 1));
    pump();
}

void RedisBroker::adoptEpoch(const QByteArray &epoch)
{
    if (!m_epoch.isEmpty()) {
        ++m_stats.epochChanges;
        qCWarning(lcServer).noquote() << QStringLiteral("the signal stream's history was lost (epoch %1 -> %2); "
                                                        "resumes from before it get resume_gap")
                                                 .arg(QString::fromLatin1(m_epoch), QString::fromLatin1(epoch));
    }
    m_epoch = epoch;
    // Seqs waiting from the old stream will not be filled from the new one.
    m_pending.clear();
    m_knownSeq = m_lastSeq;
}

void RedisBroker::pump()
{
    while (!m_pending.empty()) {
        const auto next = m_pending.begin();
        if (next->first == m_lastSeq + 1)
            deliver(next->first, next->second);
        else if (next->first > m_lastSeq)
            break;
        m_pending.erase(next);
    }
    if (!m_synced || m_fetching || m_lastSeq >= m_knownSeq)
        return;
    const quint64 upTo = m_pending.empty() ? m_knownSeq : m_pending.begin()->first - 1;
    fetch(m_lastSeq + 1, qMin(upTo, m_lastSeq + FetchSlice));
}

void RedisBroker::fetch(quint64 fromSeq, quint64 toSeq)
{
    m_fetching = true;
    m_link.commands().command({"XRANGE", m_streamKey, streamId(fromSeq), streamId(toSeq)},
                              [self = QPointer(this), fromSeq, toSeq, epoch = m_epoch](const RedisReply &reply) {
                                  if (!self)
                                      return;
                                  self->m_fetching = false;
                                  if (reply.isError() || epoch != self->m_epoch || self->m_lastSeq + 1 != fromSeq)
                                      return self->pump();   // the stream or our place moved meanwhile: look again
                                  ++self->m_stats.gapsFilled;
                                  quint64 firstFound = 0;
                                  for (const RedisReply &entry : reply.elements) {
                                      const quint64 seq = seqOfStreamId(entry.elements.value(0).text);
                                      if (firstFound == 0)
                                          firstFound = seq;
                                      self->m_pending.emplace(seq, entry.elements.value(1).elements.value(1).text);
                                  }
                                  if (firstFound != fromSeq) {
                                      const quint64 resumeAt = firstFound ? firstFound : toSeq + 1;
                                      qCWarning(lcServer).noquote()
                                              << "signals" << fromSeq << "to" << resumeAt - 1
                                              << "are gone from the stream; sessions here skip them";
                                      self->m_lastSeq = resumeAt - 1;
                                  }
                                  self->pump();
                              });
}

std::optional<QString> RedisBroker::frameFor(quint64 seq, const QByteArray &signalJson)
{
    const QJsonObject object = QJsonDocument::fromJson(signalJson).object();
    std::optional<SignalFrame> signal = SignalFrame::fromJson(object);
    if (!signal)
        return std::nullopt;
    signal->seq = qint64(seq);
    return QString::fromUtf8(Messages::encode(signal->toJson()));
}

void RedisBroker::deliver(quint64 seq, const QByteArray &signalJson)
{
    m_lastSeq = seq;
    const std::optional<QString> frame = frameFor(seq, signalJson);
    if (!frame) {
        qCWarning(lcServer).noquote() << "signal" << seq << "in the stream is not a signal; skipped";
        return;
    }
    m_history.append(seq, *frame);
    Q_EMIT delivered(seq, *frame);
}

}   // namespace SignalGate::Server
