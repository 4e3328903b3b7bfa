#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>

#include <functional>

namespace SignalGate::Server {

// Counters and gauges in Prometheus text format (PROTOCOL.md section 7).
// Single-threaded like the rest of the server: no atomics needed.
class Metrics
{
public:
    using Gauge = std::function<double()>;

    void countAuthFailure(const QString &reason) { ++m_authFailures[reason]; }
    void countRateLimitRejection(const QString &kind) { ++m_rateLimitRejections[kind]; }
    void countClose(int code) { ++m_closes[code]; }
    void countSignalsBroadcast(qsizetype count) { m_signalsBroadcast += quint64(count); }
    void countMessageReceived() { ++m_messagesReceived; }
    void countSlowConsumerClose() { ++m_slowConsumerCloses; }
    void countLoginFailure() { ++m_loginFailures; }
    void countOriginRejection() { ++m_originRejections; }
    void countLoginCheckDropped() { ++m_loginChecksDropped; }

    // Gauges read live state when rendered (pool size, limiter table sizes).
    void addGauge(const QString &name, const QString &help, const QString &labels, Gauge gauge);

    QByteArray render() const;

private:
    struct GaugeEntry
    {
        QString name;
        QString help;
        QString labels;
        Gauge read;
    };

    QMap<QString, quint64> m_authFailures;
    QMap<QString, quint64> m_rateLimitRejections;
    QMap<int, quint64> m_closes;
    quint64 m_signalsBroadcast = 0;
    quint64 m_messagesReceived = 0;
    quint64 m_slowConsumerCloses = 0;
    quint64 m_loginFailures = 0;
    quint64 m_originRejections = 0;
    quint64 m_loginChecksDropped = 0;
    QList<GaugeEntry> m_gauges;
};

}   // namespace SignalGate::Server
