#include "redislink.h"

#include <QRandomGenerator>

namespace SignalGate::Server {

namespace {

RedisConnection::Settings withHandshake(RedisConnection::Settings settings, const RedisAddress &address,
                                        const QByteArray &password)
{
    if (!address.user.isEmpty())
        settings.handshake.append({"AUTH", address.user.toUtf8(), password});
    else if (!password.isEmpty())
        settings.handshake.append({"AUTH", password});
    if (address.database != 0)
        settings.handshake.append({"SELECT", QByteArray::number(address.database)});
    return settings;
}

}   // namespace

RedisLink::RedisLink(Settings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_commands(withHandshake(m_settings.connection, m_settings.address, m_settings.password), this)
    , m_subscriber(withHandshake(m_settings.connection, m_settings.address, m_settings.password), this)
    , m_probeTimer(this)
{
    // Random per process: two nodes, or a restarted one, never answer each other's probes.
    const quint64 nonce = QRandomGenerator::system()->generate64();
    m_probeChannel = key("{probe}:" + QByteArray::number(nonce, 16));
    m_subscriber.subscribe(m_probeChannel, [this](const QByteArray &) { m_probeOutstanding.invalidate(); });

    for (RedisConnection *connection : {&m_commands, &m_subscriber}) {
        connect(connection, &RedisConnection::disconnected, this, [this](const QString &why) {
            m_lastProblem = why;
            ++m_reconnects;
            update(why);
        });
    }
    connect(&m_commands, &RedisConnection::connected, this, [this] {
        m_probeSent.invalidate();
        update();
    });
    connect(&m_subscriber, &RedisConnection::subscribed, this, [this] {
        m_probeOutstanding.invalidate();
        update();
    });
    connect(&m_probeTimer, &QTimer::timeout, this, &RedisLink::sendProbe);
}

void RedisLink::open()
{
    m_reconnects = 0;
    m_commands.open(m_settings.address.host, m_settings.address.port);
    m_subscriber.open(m_settings.address.host, m_settings.address.port);
    m_probeTimer.start(m_settings.probeIntervalMs);
}

void RedisLink::close()
{
    m_probeTimer.stop();
    m_commands.close();
    m_subscriber.close();
}

QString RedisLink::problem() const
{
    if (m_ready)
        return {};
    if (!m_lastProblem.isEmpty())
        return QStringLiteral("broker unreachable (%1)").arg(m_lastProblem);
    return QStringLiteral("broker: connecting to %1").arg(m_settings.address.toString());
}

void RedisLink::subscribe(const QByteArray &channel, const RedisConnection::MessageHandler &handler)
{
    m_subscriber.subscribe(channel, handler);
}

void RedisLink::update(const QString &why)
{
    const bool ready = m_commands.isConnected() && m_subscriber.isSubscribed();
    if (ready == m_ready)
        return;
    m_ready = ready;
    if (ready) {
        m_lastProblem.clear();
        Q_EMIT this->ready();
    } else {
        Q_EMIT lost(why.isEmpty() ? problem() : why);
    }
}

void RedisLink::sendProbe()
{
    const int timeout = m_settings.probeTimeoutMs;
    if (m_probeSent.isValid() && m_probeSent.elapsed() > timeout)
        return restart(m_commands, QStringLiteral("no answer to a command for %1 ms").arg(m_probeSent.elapsed()));
    if (m_probeOutstanding.isValid() && m_probeOutstanding.elapsed() > timeout)
        return restart(m_subscriber, QStringLiteral("no pub/sub message for %1 ms").arg(m_probeOutstanding.elapsed()));
    if (!m_commands.isConnected() || !m_subscriber.isSubscribed() || m_probeSent.isValid())
        return;   // reconnecting on their own, or the last probe is still on its way
    m_probeSent.start();
    m_commands.command({"PUBLISH", m_probeChannel, "probe"}, [this](const RedisReply &reply) {
        m_probeSent.invalidate();
        if (reply.type != RedisReply::Type::Integer || !m_subscriber.isSubscribed())
            return;
        // Zero receivers: the Redis we publish to has never heard of our
        // subscription (the subscriber reached another server, or it lost it).
        if (reply.integer == 0)
            return restart(m_subscriber, QStringLiteral("Redis has no subscriber for this node's probe"));
        if (!m_probeOutstanding.isValid())
            m_probeOutstanding.start();
    });
}

void RedisLink::restart(RedisConnection &connection, const QString &why)
{
    if (&connection == &m_subscriber)
        m_probeOutstanding.invalidate();
    else
        m_probeSent.invalidate();
    connection.reconnect(
            QStringLiteral("%1 link stale, %2")
                    .arg(&connection == &m_subscriber ? QStringLiteral("pub/sub") : QStringLiteral("command"), why));
}

}   // namespace SignalGate::Server
