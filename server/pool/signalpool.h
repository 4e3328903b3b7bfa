#pragma once

#include "closecodes.h"
#include "framewriter.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <functional>

namespace SignalGate::Server {

class Metrics;
class Session;

// The broadcast pool of this node: only authenticated sessions are ever in
// it. The broker orders and encodes each signal; the pool sends every member
// the same (implicitly shared) frame.
//
// Signals are sent once per event-loop turn: that turn's frames, encoded
// once and back to back, with one write() per socket, as a raw broadcaster
// does (FrameWriter, docs/PERFORMANCE.md).
class SignalPool : public QObject
{
    Q_OBJECT
public:
    // lastSeq: the broker's position when the pool starts.
    SignalPool(Metrics *metrics, quint64 lastSeq = 0, QObject *parent = nullptr);

    // Takes ownership; the session leaves by itself when its socket is gone.
    void join(Session *session);
    int size() const { return int(m_sessions.size()); }
    int countFor(const QString &subject) const { return m_perSubject.value(subject); }
    // The last seq sent to the members: where a session joining now starts.
    // Signals still waiting for this turn's send are after it, so a session
    // that joins now gets them live and never also in a resume.
    quint64 lastSeq() const { return m_lastSeq; }

    // A signal from the broker, to every member by the end of this turn.
    void deliver(quint64 seq, const QString &frame);
    void closeAll(const Protocol::CloseSpec &spec);
    // Closes every session the predicate picks; returns how many.
    int closeMatching(const std::function<bool(const Session &)> &predicate, const Protocol::CloseSpec &spec);

Q_SIGNALS:
    void sizeChanged(int size);

private:
    void onSessionFinished(Session *session);
    void sendPending();

    Metrics *m_metrics;
    QList<Session *> m_sessions;
    QHash<QString, int> m_perSubject;
    quint64 m_lastSeq = 0;
    SignalBatch m_pending;   // this turn's signals, in seq order
    quint64 m_pendingLastSeq = 0;
};

}   // namespace SignalGate::Server
