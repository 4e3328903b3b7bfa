#pragma once

#include "redisaddress.h"
#include "redisconnection.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace SignalGate::Server {

// A node's link to Redis: one connection for commands and scripts, one for
// pub/sub (a subscribed connection takes no other commands), and a probe
// that proves the subscription still delivers.
//
// The probe matters after failovers and half-dead TCP links: a connection
// can look open while nothing passes. Every probeIntervalMs the command
// connection publishes to a channel only this node subscribes to. When
// Redis has not answered that PUBLISH within probeTimeoutMs, the command
// connection reconnects (its commands in flight get errors); when Redis
// answered but the probe has not come back on the subscriber within
// probeTimeoutMs, or Redis reports nobody subscribed, the subscriber does.
//
// Ready means both connections are up, every subscription is confirmed and
// the probe is not overdue; users re-sync on ready() (a gap may lie behind).
class RedisLink : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        RedisAddress address;
        QByteArray password;   // empty: no AUTH
        QByteArray prefix = "signalgate";
        int probeIntervalMs = 1000;
        int probeTimeoutMs = 3000;
        RedisConnection::Settings connection;
    };

    explicit RedisLink(Settings settings, QObject *parent = nullptr);

    void open();
    void close();

    bool isReady() const { return m_ready; }
    // Why it is not ready, one line; empty when ready.
    QString problem() const;
    // Reconnects of either connection since open().
    quint64 reconnects() const { return m_reconnects; }

    RedisConnection &commands() { return m_commands; }
    void subscribe(const QByteArray &channel, const RedisConnection::MessageHandler &handler);
    // "prefix:" + name; names with {hash tags} keep a script's keys in one slot.
    QByteArray key(const QByteArray &name) const { return m_settings.prefix + ':' + name; }

Q_SIGNALS:
    void ready();
    void lost(const QString &why);

private:
    void update(const QString &why = {});
    void sendProbe();
    void restart(RedisConnection &connection, const QString &why);

    Settings m_settings;
    RedisConnection m_commands;
    RedisConnection m_subscriber;
    QByteArray m_probeChannel;
    QTimer m_probeTimer;
    QElapsedTimer m_probeSent;          // valid while Redis owes the PUBLISH's answer
    QElapsedTimer m_probeOutstanding;   // valid while a published probe has not come back
    QString m_lastProblem;
    quint64 m_reconnects = 0;
    bool m_ready = false;
};

}   // namespace SignalGate::Server
