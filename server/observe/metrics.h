#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>

#include <functional>
#include <mutex>

namespace SignalGate::Server {

// Counters and gauges in Prometheus text format (PROTOCOL.md section 7).
// Sessions count from their pool threads (--threads), so every counter is
// behind one mutex; a count is a handful of nanoseconds next to the socket
// work that causes it. Gauges are added and read on the main thread only.
class Metrics
{
public:
    using Gauge = std::function<double()>;

    void countAuthFailure(const QString &reason) { addTo(m_authFailures, reason); }
    void countRateLimitRejection(const QString &kind) { addTo(m_rateLimitRejections, kind); }
    void countClose(int code) { addTo(m_closes, code); }
    void countSignalsBroadcast(qsizetype count) { add(m_signalsBroadcast, quint64(count)); }
    void countMessageReceived() { add(m_messagesReceived, 1); }
    void countSlowConsumerClose() { add(m_slowConsumerCloses, 1); }
    void countLoginFailure() { add(m_loginFailures, 1); }
    void countOriginRejection() { add(m_originRejections, 1); }
    void countLoginCheckDropped() { add(m_loginChecksDropped, 1); }
    // kind: token (logout, admin), family (logout, refresh reuse), subject (admin, user del).
    void countRevocation(const QString &kind) { addTo(m_revocations, kind); }

    // Gauges read live state when rendered (pool size, limiter table sizes).
    void addGauge(const QString &name, const QString &help, const QString &labels, Gauge gauge);
    // A counter another part keeps (the Redis broker's), read the same way.
    void addCounter(const QString &name, const QString &help, const QString &labels, Gauge counter);

    QByteArray render() const;

private:
    // The lookup of a labelled counter inserts into its map: under the lock too.
    void add(quint64 &counter, quint64 amount)
    {
        const std::lock_guard lock(m_mutex);
        counter += amount;
    }
    template<typename Key>
    void addTo(QMap<Key, quint64> &counters, const Key &key)
    {
        const std::lock_guard lock(m_mutex);
        ++counters[key];
    }

    struct GaugeEntry
    {
        QString name;
        QString help;
        QString labels;
        Gauge read;
        const char *type = "gauge";
    };

    mutable std::mutex m_mutex;   // std, not QMutex: ThreadSanitizer sees it (DECISIONS.md)
    QMap<QString, quint64> m_authFailures;
    QMap<QString, quint64> m_rateLimitRejections;
    QMap<int, quint64> m_closes;
    QMap<QString, quint64> m_revocations;
    quint64 m_signalsBroadcast = 0;
    quint64 m_messagesReceived = 0;
    quint64 m_slowConsumerCloses = 0;
    quint64 m_loginFailures = 0;
    quint64 m_originRejections = 0;
    quint64 m_loginChecksDropped = 0;
    QList<GaugeEntry> m_gauges;
};

}   // namespace SignalGate::Server
