#pragma once

#include <QJsonObject>
#include <QList>

#include <optional>
#include <utility>

namespace SignalGate::Client {

// Where this client stands in one server's seq order (PROTOCOL.md section
// 10.1): the highest seq delivered, and while a resume is answered, which
// signals to deliver, hold or drop so that listeners see every seq once and
// in order. Pure bookkeeping: the connection owns the socket and the timer.
class ResumeTracker
{
public:
    // What a welcome means for this client.
    struct Start
    {
        bool resume = false;   // send {"type":"resume","since":since}
        qint64 since = 0;
        bool restarted = false;   // the server's seq went backwards: its history is gone
        qint64 previous = 0;      // our last seq before the restart
    };
    enum class Action { Deliver, Hold, Drop };
    // A resume's end: what it brought back, what is gone, and the held live
    // signals now due (in order, each newer than the last delivered).
    struct Outcome
    {
        qint64 recovered = 0;
        // Seqs after since that never came, whatever the server said about
        // them (resume_gap or nothing); -1: unknown (the server restarted).
        qint64 lost = 0;
        QList<QJsonObject> due;
    };

    // A server that never answers "resumed" must not make the client hold live
    // signals without end: past this many the caller ends the resume.
    static constexpr qsizetype MaxHeld = 100000;

    // Another server: its seqs say nothing about the last one's.
    void reset();
    // welcome.last_seq. The first welcome only records it (everything up to it
    // happened before this client); a later one is a reconnect and resumes.
    Start welcomed(qint64 joinSeq);
    // A signal with a valid seq. Deliver has already counted it as delivered.
    Action signal(qint64 seq, const QJsonObject &frame);
    // Seqs a live signal jumped over outside a resume since the last call:
    // the server skipped them while connected, and no resume asks for them.
    qint64 takeSkipped() { return std::exchange(m_skipped, 0); }
    // "resumed" came (or never will): std::nullopt when no resume was running.
    // Seqs up to the welcome's last_seq that have not come by now count as lost
    // and are dropped if they come later, so listeners still see them in order.
    std::optional<Outcome> finish();
    // The connection ended mid-resume: held signals are forgotten, since they
    // are still in the server's history and the next resume brings them.
    void abandon();

    bool resuming() const { return m_resuming; }
    bool holdingTooMany() const { return m_held.size() >= MaxHeld; }
    qint64 lastSeq() const { return m_lastSeq; }

private:
    bool m_everWelcomed = false;
    qint64 m_lastSeq = 0;   // highest seq delivered to listeners
    bool m_resuming = false;
    qint64 m_since = 0;     // the since of the resume in flight
    qint64 m_joinSeq = 0;   // welcome.last_seq of the resuming connection
    qint64 m_recovered = 0;
    bool m_restarted = false;
    qint64 m_skipped = 0;
    QList<std::pair<qint64, QJsonObject>> m_held;   // live signals held until the replay is done
};

}   // namespace SignalGate::Client
