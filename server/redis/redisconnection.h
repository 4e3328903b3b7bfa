#pragma once

#include "redisreply.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSocketNotifier>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>

struct redisAsyncContext;

namespace SignalGate::Server {

// One hiredis async connection driven by this thread's Qt event loop.
//
// Debian's hiredis 0.14 ships a Qt adapter, but for Qt 5's string-based
// connects; this one is the same idea on two QSocketNotifiers. It connects
// without blocking, gives up on a connect after connectTimeoutMs, and
// reconnects by itself with a doubling backoff (up to maxBackoffMs) until
// close(). Commands sent while it is connected are pipelined by hiredis and
// answered in order; a command sent while it is not gets an error reply at
// once, and commands in flight when the link drops get one each.
//
// Subscriptions belong to the connection, not to one link: subscribe() keeps
// the handler, and every new link subscribes again before subscribed() is
// emitted. A connection with subscriptions is in pub/sub mode and takes no
// other commands (Redis' rule), so a node keeps two.
class RedisConnection : public QObject
{
    Q_OBJECT
public:
    using Answer = std::function<void(const RedisReply &)>;
    using MessageHandler = std::function<void(const QByteArray &payload)>;

    struct Settings
    {
        int connectTimeoutMs = 2000;
        int firstBackoffMs = 100;
        int maxBackoffMs = 5000;
        // Sent first on every link (AUTH, SELECT); the link counts as
        // connected only when all of them succeeded.
        QList<QList<QByteArray>> handshake;
    };

    explicit RedisConnection(Settings settings, QObject *parent = nullptr);
    explicit RedisConnection(QObject *parent = nullptr) : RedisConnection(Settings(), parent) {}
    ~RedisConnection() override;

    void open(const QString &host, quint16 port);
    void close();
    // Drops a link that looks alive but is not (disconnected(why) says so;
    // commands in flight get errors) and connects again at once.
    void reconnect(const QString &why);
    bool isConnected() const { return m_connected; }

    void command(const QList<QByteArray> &arguments, Answer answer = {});
    // Messages published to channel reach handler from the next link on.
    void subscribe(const QByteArray &channel, const MessageHandler &handler);
    bool isSubscribed() const { return m_connected && !m_subscriptions.isEmpty() && m_pendingSubscriptions == 0; }

Q_SIGNALS:
    void connected();
    // Every channel of subscribe() is confirmed on the current link.
    void subscribed();
    // why: one line naming the address and the cause.
    void disconnected(const QString &why);

private:
    void connectNow();
    // Frees the context ourselves (close, connect timeout), then lost().
    void dropContext(const QString &why);
    // The context is gone or going: forget it and say why.
    void lost(const QString &why);
    void scheduleReconnect();
    using Callback = void (*)(redisAsyncContext *, void *, void *);
    // To hiredis whatever the state of the link; command() checks it first.
    void send(const QList<QByteArray> &arguments, Answer answer);
    bool sendArgv(const QList<QByteArray> &arguments, Callback callback, void *privdata);
    void runHandshake(int index);
    void becomeConnected();
    void sendSubscribe(const QList<QByteArray> &channels);
    QString address() const;

    // hiredis' callbacks, with this object as the context's data.
    static void onConnect(const redisAsyncContext *context, int status);
    static void onDisconnect(const redisAsyncContext *context, int status);
    static void onReply(redisAsyncContext *context, void *reply, void *privdata);
    static void onMessage(redisAsyncContext *context, void *reply, void *privdata);

    Settings m_settings;
    QString m_host;
    quint16 m_port = 0;
    redisAsyncContext *m_context = nullptr;
    std::unique_ptr<QSocketNotifier> m_read;
    std::unique_ptr<QSocketNotifier> m_write;
    QTimer m_connectTimer;
    QTimer m_reconnectTimer;
    int m_backoffMs = 0;
    QHash<QByteArray, MessageHandler> m_subscriptions;
    int m_pendingSubscriptions = 0;   // SUBSCRIBE confirmations still to come on this link
    bool m_connected = false;
    bool m_wanted = false;   // open() until close()
};

}   // namespace SignalGate::Server
