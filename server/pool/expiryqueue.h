#pragma once

#include <QHash>
#include <QObject>
#include <QTimer>

#include "clock.h"

#include <map>

namespace SignalGate::Server {

class Session;

// Every session's next deadline (expiry warning, then expiry) in one ordered
// map driven by one timer armed for the earliest entry: no timer per session
// and no periodic scan of the pool. O(log n) to schedule or cancel.
class ExpiryQueue : public QObject
{
    Q_OBJECT
public:
    // Deadlines are wall-clock Unix milliseconds (token exp is wall time).
    explicit ExpiryQueue(const SignalGate::Clock &clock, QObject *parent = nullptr);

    // Replaces the session's pending deadline, if any.
    void schedule(Session *session, qint64 atMs);
    void cancel(Session *session);
    qsizetype size() const { return m_entries.size(); }

Q_SIGNALS:
    void due(Session *session);

private:
    void arm();
    void onTimeout();

    const SignalGate::Clock &m_clock;
    QTimer m_timer;
    std::multimap<qint64, Session *> m_byTime;
    QHash<Session *, std::multimap<qint64, Session *>::iterator> m_entries;
};

}   // namespace SignalGate::Server
