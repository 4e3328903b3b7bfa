#include "redisconnection.h"

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

#include <vector>

namespace SignalGate::Server {

namespace {

// A notifier may be the one whose activation is running right now: disable
// it at once, delete it when the event loop is back.
void retire(std::unique_ptr<QSocketNotifier> &notifier)
{
    if (!notifier)
        return;
    notifier->setEnabled(false);
    notifier.release()->deleteLater();
}

}   // namespace

RedisConnection::RedisConnection(Settings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_connectTimer(this)
    , m_reconnectTimer(this)
{
    m_connectTimer.setSingleShot(true);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        dropContext(QStringLiteral("no connection within %1 ms").arg(m_settings.connectTimeoutMs));
        scheduleReconnect();
    });
    connect(&m_reconnectTimer, &QTimer::timeout, this, &RedisConnection::connectNow);
}

RedisConnection::~RedisConnection()
{
    m_wanted = false;
    if (m_context) {
        // Answers still waiting get their error reply now, but nobody hears a
        // disconnected() from a connection being destroyed.
        m_context->onDisconnect = nullptr;
        redisAsyncContext *context = std::exchange(m_context, nullptr);
        redisAsyncFree(context);
    }
}

QString RedisConnection::address() const
{
    return QStringLiteral("redis://%1:%2").arg(m_host).arg(m_port);
}

void RedisConnection::open(const QString &host, quint16 port)
{
    close();
    m_host = host;
    m_port = port;
    m_wanted = true;
    m_backoffMs = m_settings.firstBackoffMs;
    connectNow();
}

void RedisConnection::close()
{
    m_wanted = false;
    m_reconnectTimer.stop();
    if (m_context)
        dropContext(QStringLiteral("closed"));
}

void RedisConnection::reconnect(const QString &why)
{
    if (!m_wanted)
        return;
    m_reconnectTimer.stop();
    if (m_context)
        dropContext(why);
    connectNow();
}

void RedisConnection::connectNow()
{
    if (!m_wanted || m_context)
        return;
    m_context = redisAsyncConnect(m_host.toLatin1().constData(), int(m_port));
    if (!m_context || m_context->err) {
        const QString why = m_context ? QString::fromLocal8Bit(m_context->errstr) : QStringLiteral("out of memory");
        if (m_context)
            redisAsyncFree(std::exchange(m_context, nullptr));
        Q_EMIT disconnected(QStringLiteral("%1: %2").arg(address(), why));
        scheduleReconnect();
        return;
    }
    m_context->data = this;
    // hiredis' event hooks switch the notifiers; ev.data is this object.
    m_context->ev.data = this;
    static const auto enable = [](void *privdata, std::unique_ptr<QSocketNotifier> RedisConnection::*which, bool on) {
        const auto &notifier = static_cast<RedisConnection *>(privdata)->*which;
        if (notifier)
            notifier->setEnabled(on);
    };
    m_context->ev.addRead = [](void *self) { enable(self, &RedisConnection::m_read, true); };
    m_context->ev.delRead = [](void *self) { enable(self, &RedisConnection::m_read, false); };
    m_context->ev.addWrite = [](void *self) { enable(self, &RedisConnection::m_write, true); };
    m_context->ev.delWrite = [](void *self) { enable(self, &RedisConnection::m_write, false); };
    m_context->ev.cleanup = [](void *self) {
        enable(self, &RedisConnection::m_read, false);
        enable(self, &RedisConnection::m_write, false);
    };
    const qintptr fd = m_context->c.fd;
    m_read = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read);
    m_write = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Write);
    m_read->setEnabled(false);
    m_write->setEnabled(false);
    connect(m_read.get(), &QSocketNotifier::activated, this, [this] {
        if (m_context)
            redisAsyncHandleRead(m_context);
    });
    connect(m_write.get(), &QSocketNotifier::activated, this, [this] {
        if (m_context)
            redisAsyncHandleWrite(m_context);
    });
    // After the hooks: hiredis waits for the first write event to know the
    // connect finished, and asks for it from here.
    redisAsyncSetConnectCallback(m_context, &RedisConnection::onConnect);
    redisAsyncSetDisconnectCallback(m_context, &RedisConnection::onDisconnect);
    m_connectTimer.start(m_settings.connectTimeoutMs);
}

void RedisConnection::dropContext(const QString &why)
{
    if (m_context) {
        // Our own close: hiredis calls onDisconnect only for a connection that
        // was up, and lost() says it either way.
        m_context->onDisconnect = nullptr;
        redisAsyncFree(std::exchange(m_context, nullptr));
    }
    lost(why);
}

void RedisConnection::lost(const QString &why)
{
    m_connectTimer.stop();
    m_context = nullptr;
    m_connected = false;
    m_pendingSubscriptions = 0;
    retire(m_read);
    retire(m_write);
    Q_EMIT disconnected(QStringLiteral("%1: %2").arg(address(), why));
}

void RedisConnection::scheduleReconnect()
{
    if (!m_wanted)
        return;
    m_reconnectTimer.start(m_backoffMs);
    m_backoffMs = qMin(m_backoffMs * 2, m_settings.maxBackoffMs);
}

void RedisConnection::command(const QList<QByteArray> &arguments, Answer answer)
{
    if (!m_connected || !m_context) {
        if (answer)
            answer(RedisReply::error("not connected to " + address().toUtf8()));
        return;
    }
    send(arguments, std::move(answer));
}

void RedisConnection::send(const QList<QByteArray> &arguments, Answer answer)
{
    auto *pending = new Answer(std::move(answer));
    if (!sendArgv(arguments, &RedisConnection::onReply, pending)) {
        if (*pending)
            (*pending)(RedisReply::error("cannot send the command: " + QByteArray(m_context->errstr)));
        delete pending;
    }
}

bool RedisConnection::sendArgv(const QList<QByteArray> &arguments, Callback callback, void *privdata)
{
    std::vector<const char *> argv;
    std::vector<size_t> lengths;
    argv.reserve(size_t(arguments.size()));
    lengths.reserve(size_t(arguments.size()));
    for (const QByteArray &argument : arguments) {
        argv.push_back(argument.constData());
        lengths.push_back(size_t(argument.size()));
    }
    return redisAsyncCommandArgv(m_context, callback, privdata, int(argv.size()), argv.data(), lengths.data())
            == REDIS_OK;
}

void RedisConnection::onConnect(const redisAsyncContext *context, int status)
{
    auto *self = static_cast<RedisConnection *>(context->data);
    if (status != REDIS_OK) {
        // hiredis frees the context when this returns.
        self->lost(QString::fromLocal8Bit(context->errstr));
        self->scheduleReconnect();
        return;
    }
    self->runHandshake(0);
}

void RedisConnection::runHandshake(int index)
{
    if (index == m_settings.handshake.size())
        return becomeConnected();
    const QList<QByteArray> &arguments = m_settings.handshake.at(index);
    // Before m_connected: nothing else may go first.
    send(arguments, [this, index, name = arguments.value(0)](const RedisReply &reply) {
        if (!m_context)
            return;   // the link went; lost() has spoken
        if (reply.isError()) {
            // A wrong password or database does not mend by itself, but the
            // operator may fix the server: keep trying, with the backoff.
            dropContext(QStringLiteral("%1 failed: %2").arg(QString::fromLatin1(name), QString::fromUtf8(reply.text)));
            scheduleReconnect();
            return;
        }
        runHandshake(index + 1);
    });
}

void RedisConnection::becomeConnected()
{
    m_connectTimer.stop();
    m_connected = true;
    m_backoffMs = m_settings.firstBackoffMs;
    if (!m_subscriptions.isEmpty())
        sendSubscribe(m_subscriptions.keys());
    Q_EMIT connected();
}

void RedisConnection::subscribe(const QByteArray &channel, const MessageHandler &handler)
{
    const bool isNew = !m_subscriptions.contains(channel);
    m_subscriptions.insert(channel, handler);
    if (isNew && m_connected)
        sendSubscribe({channel});
}

void RedisConnection::sendSubscribe(const QList<QByteArray> &channels)
{
    // hiredis keeps the callback per channel and calls it for the
    // confirmation and every message; the handlers live here, so no privdata.
    if (sendArgv(QList<QByteArray>{QByteArrayLiteral("SUBSCRIBE")} + channels, &RedisConnection::onMessage, nullptr))
        m_pendingSubscriptions += int(channels.size());
}

void RedisConnection::onDisconnect(const redisAsyncContext *context, int status)
{
    // The link dropped (the server went away, or it closed on us); hiredis
    // frees the context when this returns.
    auto *self = static_cast<RedisConnection *>(context->data);
    self->lost(status == REDIS_OK ? QStringLiteral("the server closed the connection")
                                  : QString::fromLocal8Bit(context->errstr));
    self->scheduleReconnect();
}

void RedisConnection::onMessage(redisAsyncContext *context, void *reply, void *)
{
    // A null reply: the context is being freed and hiredis says goodbye to
    // each subscription; lost() has already spoken.
    const auto *message = static_cast<const redisReply *>(reply);
    if (!message || message->type != REDIS_REPLY_ARRAY || message->elements < 3)
        return;
    auto *self = static_cast<RedisConnection *>(context->data);
    const QByteArray kind(message->element[0]->str, qsizetype(message->element[0]->len));
    const QByteArray channel(message->element[1]->str, qsizetype(message->element[1]->len));
    if (kind == "subscribe") {
        if (--self->m_pendingSubscriptions == 0)
            Q_EMIT self->subscribed();
        return;
    }
    if (kind != "message")
        return;
    const auto handler = self->m_subscriptions.constFind(channel);
    if (handler != self->m_subscriptions.cend() && *handler)
        (*handler)(QByteArray(message->element[2]->str, qsizetype(message->element[2]->len)));
}

void RedisConnection::onReply(redisAsyncContext *, void *reply, void *privdata)
{
    const std::unique_ptr<Answer> answer(static_cast<Answer *>(privdata));
    if (*answer)
        (*answer)(RedisReply::fromHiredis(static_cast<const redisReply *>(reply)));
}

}   // namespace SignalGate::Server
