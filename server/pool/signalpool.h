#pragma once

#include "servermessages.h"
#include "closecodes.h"

#include "history.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <functional>

namespace SignalGate::Server {

class Metrics;
class Session;

// The broadcast pool: only authenticated sessions are ever in it. Each signal
// gets the next server-wide seq and is encoded once; every member is sent the
// same (implicitly shared) frame.
class SignalPool : public QObject
{
    Q_OBJECT
public:
    // Reserve is asked for a new limit whenever seq would pass the current one
    // (see SequenceStore); lastSeq is where the previous run stopped.
    using Reserve = std::function<quint64(quint64 lastSeq)>;
    SignalPool(Metrics *metrics, int historySize, quint64 lastSeq = 0, Reserve reserve = {},
               QObject *parent = nullptr);

    // Takes ownership; the session leaves by itself when its socket is gone.
    void join(Session *session);
    int size() const { return int(m_sessions.size()); }
    int countFor(const QString &subject) const { return m_perSubject.value(subject); }
    quint64 lastSeq() const { return m_lastSeq; }

    // Gives the signal the next seq, keeps it for resume, sends it to all. Returns the seq.
    quint64 publish(SignalGate::Protocol::SignalFrame signal);
    void closeAll(const Protocol::CloseSpec &spec);
    // Closes every session the predicate picks; returns how many.
    int closeMatching(const std::function<bool(const Session &)> &predicate, const Protocol::CloseSpec &spec);
    const History &history() const { return m_history; }

Q_SIGNALS:
    void sizeChanged(int size);

private:
    void onSessionFinished(Session *session);

    Metrics *m_metrics;
    History m_history;
    QList<Session *> m_sessions;
    QHash<QString, int> m_perSubject;
    quint64 m_lastSeq = 0;
    quint64 m_reservedUpTo = 0;
    Reserve m_reserve;
};

} // namespace SignalGate::Server
