#include "metrics.h"

namespace SignalGate::Server {

namespace {

void header(QByteArray &out, const char *name, const char *type, const char *help)
{
    out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
}

template<typename Key>
void labelled(QByteArray &out, const char *name, const char *label, const QMap<Key, quint64> &values)
{
    for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
        QByteArray key;
        if constexpr (std::is_same_v<Key, int>)
            key = QByteArray::number(it.key());
        else
            key = it.key().toUtf8();
        out += QByteArray(name) + '{' + label + "=\"" + key + "\"} " + QByteArray::number(it.value()) + '\n';
    }
}

void single(QByteArray &out, const char *name, quint64 value)
{
    out += QByteArray(name) + ' ' + QByteArray::number(value) + '\n';
}

}   // namespace

void Metrics::addGauge(const QString &name, const QString &help, const QString &labels, Gauge gauge)
{
    m_gauges.append({name, help, labels, std::move(gauge)});
}

void Metrics::addCounter(const QString &name, const QString &help, const QString &labels, Gauge counter)
{
    m_gauges.append({name, help, labels, std::move(counter), "counter"});
}

QByteArray Metrics::render() const
{
    QByteArray out;
    QString lastName;
    for (const GaugeEntry &gauge : m_gauges) {
        if (gauge.name != lastName)
            header(out, gauge.name.toUtf8().constData(), gauge.type, gauge.help.toUtf8().constData());
        lastName = gauge.name;
        out += gauge.name.toUtf8() + (gauge.labels.isEmpty() ? QByteArray() : '{' + gauge.labels.toUtf8() + '}') + ' '
                + QByteArray::number(gauge.read(), 'g', 15) + '\n';
    }
    const std::lock_guard lock(m_mutex);
    header(out, "signalgate_auth_failures_total", "counter", "WebSocket authentications refused, by audit reason.");
    labelled(out, "signalgate_auth_failures_total", "reason", m_authFailures);
    header(out, "signalgate_ratelimit_rejections_total", "counter",
           "Requests or messages refused by a rate limit, by kind.");
    labelled(out, "signalgate_ratelimit_rejections_total", "kind", m_rateLimitRejections);
    header(out, "signalgate_closes_total", "counter", "WebSocket connections closed, by close code.");
    labelled(out, "signalgate_closes_total", "code", m_closes);
    header(out, "signalgate_revocations_total", "counter", "Revocations made on this node, by what they end.");
    labelled(out, "signalgate_revocations_total", "kind", m_revocations);
    header(out, "signalgate_signals_broadcast_total", "counter", "Signals sent to the pool.");
    single(out, "signalgate_signals_broadcast_total", m_signalsBroadcast);
    header(out, "signalgate_messages_received_total", "counter", "Messages received from authenticated clients.");
    single(out, "signalgate_messages_received_total", m_messagesReceived);
    header(out, "signalgate_slow_consumer_closes_total", "counter", "Connections closed 1013 for not reading.");
    single(out, "signalgate_slow_consumer_closes_total", m_slowConsumerCloses);
    header(out, "signalgate_login_failures_total", "counter", "Failed logins.");
    single(out, "signalgate_login_failures_total", m_loginFailures);
    header(out, "signalgate_origin_rejections_total", "counter", "Requests refused 403 for their Origin.");
    single(out, "signalgate_origin_rejections_total", m_originRejections);
    header(out, "signalgate_login_checks_dropped_total", "counter",
           "Password checks dropped unrun: their client had gone.");
    single(out, "signalgate_login_checks_dropped_total", m_loginChecksDropped);
    return out;
}

}   // namespace SignalGate::Server
